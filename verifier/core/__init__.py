"""The bottom layer: the one error hierarchy, the frozen records, the settings, what a page may show of user
text, and the one date reader. No I/O; everything else in `verifier` may import these."""

from __future__ import annotations
