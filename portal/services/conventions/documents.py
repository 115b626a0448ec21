"""Documents of a convention: signed PDFs and evidence of milestones (checked, stored in the
convention document store under generated names, soft-deleted), and the lists of them."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath
from typing import IO

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    Amendment,
    Convention,
    ConventionDocument,
    DocumentKind,
    User,
)
from portal.models.base import utcnow
from portal.services.file_store import CONVENTION_DOCUMENTS

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
PDF_END = b"%%EOF"
# Writers may append a few bytes (newlines, padding) after the last %%EOF marker.
PDF_END_WINDOW = 1024


class DocumentRefused(ValueError):
    """An upload the rules refuse; the message is translated and says why."""


# --- documents ---------------------------------------------------------------------------------


def check_pdf(data: bytes) -> None:
    """Refuse anything that is not a PDF by its content, whatever its name or declared type."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentRefused(
            _(
                "The document is larger than %(size)s MB; send a lighter PDF.",
                size=MAX_DOCUMENT_BYTES // (1024 * 1024),
            )
        )
    if not data.startswith(PDF_MAGIC) or PDF_END not in data[-PDF_END_WINDOW:]:
        raise DocumentRefused(_("The file is not a PDF document. Only PDF files are accepted."))


def _read_limited(stream: IO[bytes]) -> bytes:
    """At most one byte more than the limit, so an oversized file is not read whole."""
    return stream.read(MAX_DOCUMENT_BYTES + 1)


def _amendment_of(convention: Convention, number: int | None) -> Amendment | None:
    if number is None:
        return None
    amendment = db.session.execute(
        select(Amendment).where(
            Amendment.convention_id == convention.id, Amendment.number == number
        )
    ).scalar_one_or_none()
    if amendment is None:
        raise DocumentRefused(
            _("This convention has no amendment number %(number)s.", number=number)
        )
    return amendment


def store_document(
    convention: Convention,
    *,
    kind: DocumentKind,
    title: str,
    filename: str,
    stream: IO[bytes],
    uploader: User | None,
    amendment_number: int | None = None,
) -> ConventionDocument:
    """Check an uploaded PDF, keep it under a generated name and record it (flushed only).

    Nothing is written to disk unless every check passes.
    """
    if kind == DocumentKind.AMENDMENT and amendment_number is None:
        raise DocumentRefused(_("Give the number of the amendment this document signs."))
    amendment = _amendment_of(convention, amendment_number)
    data = _read_limited(stream)
    check_pdf(data)
    stored_name = CONVENTION_DOCUMENTS.save(data)
    document = ConventionDocument(
        convention_id=convention.id,
        amendment_id=amendment.id if amendment else None,
        kind=kind,
        title=title.strip(),
        original_filename=PurePath(filename or "").name[:255] or "document.pdf",
        stored_name=stored_name,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=uploader.id if uploader else None,
    )
    db.session.add(document)
    db.session.flush()
    return document


def delete_document(document: ConventionDocument) -> None:
    """Mark a document deleted; its file stays on disk so the history keeps its evidence."""
    document.deleted_at = utcnow()
    db.session.flush()


def download_name(document: ConventionDocument) -> str:
    """A safe file name for the download: letters, digits, dots and hyphens, ending in .pdf."""
    stem = PurePath(document.original_filename).stem or document.title
    stem = unicodedata.normalize("NFKC", stem)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-_")[:80]
    return f"{stem or f'document-{document.id}'}.pdf"


def evidence_documents(convention: Convention) -> list[ConventionDocument]:
    """The live documents of the convention a milestone's evidence may point at, newest first."""
    return list(
        db.session.execute(
            select(ConventionDocument)
            .where(ConventionDocument.convention_id == convention.id)
            .order_by(ConventionDocument.created_at.desc(), ConventionDocument.id.desc())
        ).scalars()
    )


def is_attached(convention: Convention, document_id: int) -> bool:
    """Whether the document is a live document of this convention."""
    return (
        db.session.execute(
            select(ConventionDocument.id).where(
                ConventionDocument.id == document_id,
                ConventionDocument.convention_id == convention.id,
            )
        ).first()
        is not None
    )
