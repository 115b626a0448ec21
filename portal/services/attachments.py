"""Files attached to a request or a complaint: the types accepted (recognised by their
content, the name agreeing), the size and number allowed, and the name and type they are
downloaded under. Every upload is read and checked before anything is written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import PurePath
from typing import IO, Any

from flask_babel import gettext as _

from portal.services.file_types import sniff

MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024
MAX_ATTACHMENTS = 5

# The file types accepted, recognised by their content; the name must end accordingly.
MIMETYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {
    "pdf": "pdf",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "xlsx": "xlsx",
    "docx": "docx",
}


class AttachmentRefused(ValueError):
    """An attached file the rules refuse (type, name or size); nothing was kept. The message
    is translated and says why."""


def check_attachment(filename: str, data: bytes) -> str:
    """The file's type if it is an accepted one whose name says what it is; else refused."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused(
            _(
                "%(name)s is larger than %(size)s MB.",
                name=filename,
                size=MAX_ATTACHMENT_BYTES // (1024 * 1024),
            )
        )
    if not data:
        raise AttachmentRefused(_("%(name)s is empty.", name=filename))
    found = sniff(data)
    if found is None:
        raise AttachmentRefused(
            _(
                "%(name)s is not a PDF, PNG, JPEG, XLSX or DOCX file. Only these are accepted.",
                name=filename,
            )
        )
    claimed = EXTENSIONS.get(PurePath(filename).suffix.lower().lstrip("."))
    if claimed != found:
        raise AttachmentRefused(
            _(
                "%(name)s is a %(type)s file but its name says otherwise; rename it and try again.",
                name=filename,
                type=found.upper(),
            )
        )
    return found


def _clean_filename(filename: str) -> str:
    return PurePath((filename or "").replace("\\", "/")).name[:255] or "attachment"


def read_uploads(files: Sequence[tuple[str, IO[bytes]]]) -> list[tuple[str, bytes]]:
    """Read and check every uploaded file before anything is written (name, content)."""
    uploads = [(_clean_filename(name), stream) for name, stream in files if name]
    if len(uploads) > MAX_ATTACHMENTS:
        raise AttachmentRefused(_("Attach at most %(count)s files.", count=MAX_ATTACHMENTS))
    checked = []
    for name, stream in uploads:
        data = stream.read(MAX_ATTACHMENT_BYTES + 1)  # one byte more tells it is too large
        check_attachment(name, data)
        checked.append((name, data))
    return checked


def download_name(attachment: Any) -> str:
    """A safe file name for the download, keeping the original's stem and extension."""
    original = PurePath(attachment.original_filename)
    stem = re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFKC", original.stem)).strip(".-_")
    suffix = original.suffix.lower() if original.suffix.lower().lstrip(".") in EXTENSIONS else ""
    return f"{stem[:80] or f'attachment-{attachment.id}'}{suffix}"


def mimetype_of(attachment: Any) -> str:
    """The media type of an attachment, from its (checked) extension."""
    kind = EXTENSIONS.get(PurePath(attachment.original_filename).suffix.lower().lstrip("."))
    return MIMETYPES.get(kind or "", "application/octet-stream")
