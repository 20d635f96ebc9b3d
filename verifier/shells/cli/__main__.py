"""`python -m verifier.shells.cli`, as the `verifier` console script."""

from verifier.shells.cli import main

main()
