"""Password hashing (argon2id) and the password policy."""

from __future__ import annotations

import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from flask_babel import gettext as _

MIN_LENGTH = 12
MAX_LENGTH = 256


@cache
def _hasher(fast: bool) -> PasswordHasher:
    if fast:
        # Tests only: the same argon2id algorithm with a small cost.
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()  # argon2id, RFC 9106 low-memory profile


def hasher() -> PasswordHasher:
    """The argon2id hasher for the running app."""
    return _hasher(bool(current_app.config.get("ARGON2_FAST")))


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether the password matches the stored hash (False for a missing or broken hash)."""
    if not password_hash:
        return False
    try:
        return hasher().verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with older parameters and should be replaced."""
    return hasher().check_needs_rehash(password_hash)


# A hash of a random password, checked when the e-mail is unknown so that an unknown
# account and a wrong password take the same time.
@cache
def _dummy_hash(fast: bool) -> str:
    return _hasher(fast).hash("not-a-real-password-0f3a9c")


def burn_verification_time(password: str) -> None:
    """Spend the time a real verification would take."""
    verify_password(_dummy_hash(bool(current_app.config.get("ARGON2_FAST"))), password)


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    extra = {
        "motdepasse",
        "azerty",
        "azertyuiop",
        "maroc",
        "morocco",
        "casablanca",
        "rabat",
        "marrakech",
        "qualite",
        "quality",
        "portail",
        "bienvenue",
        "welcome",
        "admin",
        "administrateur",
    }
    return frozenset(FREQUENCY_LISTS["passwords"]) | frozenset(extra)


def _is_common(password: str) -> bool:
    words = _common_passwords()
    lowered = password.lower()
    if lowered in words:
        return True
    # "Password12345!" is "password" with decorations: strip digits and symbols around it.
    core = re.sub(r"^[\d\W_]+|[\d\W_]+$", "", lowered)
    # Only digits and symbols, or three distinct characters, are as weak as a listed word.
    return core in words or core == "" or len(set(lowered)) <= 3


def password_problems(password: str, *, email: str = "", full_name: str = "") -> list[str]:
    """What is wrong with a new password, as translated sentences (empty when acceptable)."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(_("Use at least %(count)d characters.", count=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        problems.append(_("Use at most %(count)d characters.", count=MAX_LENGTH))
    if password and _is_common(password):
        problems.append(_("This password is too common; choose one that is hard to guess."))
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in password.lower():
        problems.append(_("Do not use your e-mail address in your password."))
    name_parts = [part for part in full_name.lower().split() if len(part) >= 4]
    if any(part in password.lower() for part in name_parts):
        problems.append(_("Do not use your name in your password."))
    return problems
