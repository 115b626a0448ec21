"""The refusal every certification service raises (re-exported by ``cases``), in a module of
its own so that services ``cases`` depends on can raise it too."""

from __future__ import annotations


class CertificationError(ValueError):
    """A step the rules refuse; the message is translated."""
