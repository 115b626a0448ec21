"""The calendar of audits due (issue 14, item 5): for a certification body, the surveillance
audits and recertifications due on the certificates it issued; for a company, those of its
own certificates — as an iCalendar feed (RFC 5545) that a calendar application subscribes
to by a personal address.

The address carries a signed token of the user, bound to their password (changing it ends
the old address) and read by ``user_of_token``; the feed shows what the user may see on the
certificate list, no more.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from portal.authz import (
    Permission,
    certificate_scope,
    has_permission,
    issues_certificates,
)
from portal.extensions import db
from portal.i18n import format_day
from portal.models import Certificate, User, add_months
from portal.models.certification import CERTIFICATE_CYCLE_MONTHS
from portal.services.accounts import password_fingerprint
from portal.services.certification.surveillance import in_force, surveillance_held

PAST_DAYS = 180  # an overdue audit stays in the calendar this long
AHEAD_DAYS = 400  # and the coming ones this far ahead
MAX_CERTIFICATES = 2_000  # a feed is bounded; the certificate list has them all


@dataclass(frozen=True)
class AuditDue:
    """One audit due on a certificate: its kind, its day, what the event says."""

    uid: str
    day: date
    summary: str
    description: str


def follows_audits(user: Any) -> bool:
    """Whether the user has a calendar of audits due: a certification body's users and a
    company's (those who ask for certification support)."""
    return issues_certificates(user) or has_permission(
        user, Permission.REQUEST_CERTIFICATION_SUPPORT
    )


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="audits-calendar")


def token_of(user: User) -> str:
    """The user's personal calendar token."""
    return _serializer().dumps({"u": user.id, "f": password_fingerprint(user)})


def user_of_token(token: str) -> User | None:
    """The active user whose calendar the token opens (None when it opens none)."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or not user.is_active or not follows_audits(user):
        return None
    if not secrets.compare_digest(str(data.get("f", "")), password_fingerprint(user)):
        return None
    return user


def audits_due(user: Any, today: date) -> list[AuditDue]:
    """The audits due on the certificates in force the user may see, from ``PAST_DAYS``
    ago (an overdue one) to ``AHEAD_DAYS`` ahead: each surveillance date not yet covered by
    an audit recorded since the issue, and the recertification before expiry."""
    earliest = today - timedelta(days=PAST_DAYS)
    latest = today + timedelta(days=AHEAD_DAYS)
    rows = db.session.execute(
        select(Certificate, surveillance_held())
        .where(
            certificate_scope(user),
            in_force(earliest),
            Certificate.issued_on >= add_months(earliest, -CERTIFICATE_CYCLE_MONTHS),
        )
        .order_by(Certificate.issued_on, Certificate.id)
        .limit(MAX_CERTIFICATES)
    ).all()
    found = []
    for certificate, held in rows:
        holder = certificate.organisation.name_fr
        about = f"{certificate.number} · {certificate.standard.reference} · {holder}"
        for rank, due in enumerate(certificate.surveillance_due, 1):
            if rank > held and earliest <= due <= latest:
                found.append(
                    AuditDue(
                        uid=f"surveillance-{certificate.id}-{rank}",
                        day=due,
                        summary=_(
                            "Surveillance audit %(rank)s due: %(about)s", rank=rank, about=about
                        ),
                        description=_(
                            "Certificate %(number)s, issued on %(date)s.",
                            number=certificate.number,
                            date=format_day(certificate.issued_on),
                        ),
                    )
                )
        if earliest <= certificate.expires_on <= latest:
            found.append(
                AuditDue(
                    uid=f"recertification-{certificate.id}",
                    day=certificate.expires_on,
                    summary=_("Certificate expires, recertification due: %(about)s", about=about),
                    description=_(
                        "Certificate %(number)s, issued on %(date)s.",
                        number=certificate.number,
                        date=format_day(certificate.issued_on),
                    ),
                )
            )
    return sorted(found, key=lambda event: (event.day, event.uid))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545, 3.1), never inside a character."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            parts.append(current)
            current = " " + char
        else:
            current += char
    parts.append(current)
    return "\r\n".join(parts)


def ical(events: list[AuditDue], name: str, host: str) -> str:
    """The events as an iCalendar document of all-day events."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Quality Ecosystems Portal//Audits due//FR",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(event.summary)}",
            f"DESCRIPTION:{_escape(event.description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
