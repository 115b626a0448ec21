"""Keeping an uploaded import file between the report and the confirmation: under
``UPLOAD_DIR/imports``, known only by a random token, next to a small JSON sidecar naming
who uploaded it and for which ecosystem."""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path, PurePath

from flask import current_app

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
STORED_FOR_SECONDS = 24 * 3600


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


def _imports_dir() -> Path:
    directory = Path(current_app.config["UPLOAD_DIR"]) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _paths(token: str, extension: str = "") -> tuple[Path, Path]:
    directory = _imports_dir()
    return directory / f"{token}{extension}", directory / f"{token}.json"


def _remove_expired(directory: Path) -> None:
    limit = time.time() - STORED_FOR_SECONDS
    for path in directory.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:  # another worker removed it first
            continue


def store_upload(filename: str, data: bytes, user_id: int, ecosystem_id: int) -> str:
    """Keep an uploaded file until it is confirmed; returns its token."""
    directory = _imports_dir()
    _remove_expired(directory)
    token = secrets.token_urlsafe(32)
    extension = PurePath(filename).suffix.lower()
    data_path, sidecar = _paths(token, extension)
    data_path.write_bytes(data)
    sidecar.write_text(
        json.dumps(
            {
                "user_id": user_id,
                "ecosystem_id": ecosystem_id,
                "filename": PurePath(filename).name,
                "extension": extension,
            }
        ),
        encoding="utf-8",
    )
    return token


def load_upload(token: str, user_id: int, ecosystem_id: int) -> StoredImport:
    """The stored file of a token, if this user uploaded it for this ecosystem."""
    if not TOKEN_PATTERN.match(token or ""):
        raise StoredImportNotFound(token)
    _data_path, sidecar = _paths(token)
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError) as exc:
        raise StoredImportNotFound(token) from exc
    if meta.get("user_id") != user_id or meta.get("ecosystem_id") != ecosystem_id:
        raise StoredImportRefused(token)
    extension = meta.get("extension", "")
    if extension not in (".csv", ".xlsx"):
        raise StoredImportNotFound(token)
    data_path, _sidecar = _paths(token, extension)
    try:
        data = data_path.read_bytes()
    except FileNotFoundError as exc:
        raise StoredImportNotFound(token) from exc
    return StoredImport(
        token=token, filename=meta.get("filename") or f"import{extension}", data=data
    )


def discard_upload(token: str) -> None:
    """Delete a stored file and its sidecar."""
    if not TOKEN_PATTERN.match(token or ""):
        return
    for path in _imports_dir().glob(f"{token}.*"):
        path.unlink(missing_ok=True)
