"""What an uploaded file is, read from its first bytes (never from its name)."""

from __future__ import annotations

import io
import zipfile


def _office_kind(data: bytes) -> str | None:
    """xlsx or docx for an Office Open XML package (only its directory is read)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None


def sniff(data: bytes) -> str | None:
    """The type of a file by its first bytes: pdf, png, jpeg, xlsx, docx, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None
