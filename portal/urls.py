"""Redirect targets that stay on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def is_safe_next(target: str | None) -> bool:
    """Whether ``target`` is a path on this site (no scheme, host, or protocol-relative trick)."""
    if not target or not isinstance(target, str) or len(target) > 2000:
        return False
    if any(ord(ch) < 32 or ch == "\\" for ch in target):
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default_endpoint: str = "home.index") -> str:
    """``target`` when it is safe, else the URL of ``default_endpoint``."""
    return target if is_safe_next(target) else url_for(default_endpoint)
