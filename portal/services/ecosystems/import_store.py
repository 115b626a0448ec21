"""Keeping an uploaded import file between the report and the confirmation: in the imports
folder of the file store, known only by a random token, next to a small JSON sidecar naming
who uploaded it and for which ecosystem."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from pathlib import PurePath

from portal.services.file_store import IMPORTS

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
STORED_FOR_SECONDS = 24 * 3600
EXTENSIONS = (".csv", ".xlsx")


class StoredImportNotFound(LookupError):
    """No stored file for this token (already imported, expired, or never uploaded)."""


class StoredImportRefused(PermissionError):
    """The stored file belongs to another user or another ecosystem."""


@dataclass
class StoredImport:
    """An uploaded file kept for confirmation."""

    token: str
    filename: str
    data: bytes


def store_upload(filename: str, data: bytes, user_id: int, ecosystem_id: int) -> str:
    """Keep an uploaded file until it is confirmed; returns its token."""
    IMPORTS.remove_older_than(STORED_FOR_SECONDS)
    token = secrets.token_urlsafe(32)
    extension = PurePath(filename).suffix.lower()
    if extension not in EXTENSIONS:
        extension = ""
    IMPORTS.save_as(f"{token}{extension}", data)
    meta = {
        "user_id": user_id,
        "ecosystem_id": ecosystem_id,
        "filename": PurePath(filename).name,
        "extension": extension,
    }
    IMPORTS.save_as(f"{token}.json", json.dumps(meta).encode("utf-8"))
    return token


def load_upload(token: str, user_id: int, ecosystem_id: int) -> StoredImport:
    """The stored file of a token, if this user uploaded it for this ecosystem."""
    if not TOKEN_PATTERN.match(token or ""):
        raise StoredImportNotFound(token)
    try:
        meta = json.loads(IMPORTS.read(f"{token}.json") or b"")
    except ValueError as exc:
        raise StoredImportNotFound(token) from exc
    if meta.get("user_id") != user_id or meta.get("ecosystem_id") != ecosystem_id:
        raise StoredImportRefused(token)
    extension = meta.get("extension", "")
    data = IMPORTS.read(f"{token}{extension}") if extension in EXTENSIONS else None
    if data is None:
        raise StoredImportNotFound(token)
    return StoredImport(
        token=token, filename=meta.get("filename") or f"import{extension}", data=data
    )


def discard_upload(token: str) -> None:
    """Delete a stored file and its sidecar."""
    if not TOKEN_PATTERN.match(token or ""):
        return
    for suffix in (*EXTENSIONS, ".json"):
        IMPORTS.delete(f"{token}{suffix}")
