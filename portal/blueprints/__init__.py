"""Blueprints, one package per domain: ``__init__`` (bp), ``routes`` (thin), ``forms``."""

from __future__ import annotations

from typing import Any

from flask_login import current_user


def signed_in_user() -> Any:
    """The signed-in user as the model object (services take users, never Flask's proxy)."""
    return current_user._get_current_object()
