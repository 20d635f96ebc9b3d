"""One small hierarchy of errors: every message tells the user what was wrong and what to do."""

from __future__ import annotations


class VerifierError(Exception):
    """Base of every error the package raises on purpose."""


class InputError(VerifierError):
    """Input we cannot read: empty, binary, wrong encoding, malformed, too large, missing column."""


class ConfigError(VerifierError):
    """A bad option or setting."""


class ModelMismatchError(VerifierError):
    """The index on disk was built with another embedding model or dimension."""


class StoreError(VerifierError):
    """The store or the index is missing, damaged or inconsistent."""


class NotFoundError(VerifierError):
    """An id (article, claim, contradiction, event) that is not stored."""
