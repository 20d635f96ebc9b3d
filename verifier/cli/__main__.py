"""`python -m verifier.cli`, as the `verifier` console script."""

from verifier.cli import main

main()
