"""iCalendar files (RFC 5545) of training sessions: the calendar file an invitation carries,
and any feed of several sessions. Written by hand (a few properties of all-day events):
text escaped, lines folded at 75 octets, CRLF line ends, dates as the standard writes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from portal.models.base import utcnow

PRODUCT = "-//Portail des ecosystemes qualite//Sessions de formation//FR"


@dataclass(frozen=True)
class Event:
    """An all-day event from ``first`` to ``last`` (included)."""

    uid: str
    first: date
    last: date
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


def _text(value: str) -> str:
    """TEXT as RFC 5545 escapes it."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _day(value: date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def _stamp(value: datetime) -> str:
    value = value.astimezone(UTC)
    return f"{_day(value.date())}T{value.hour:02d}{value.minute:02d}{value.second:02d}Z"


def _fold(line: str) -> list[str]:
    """A content line cut into lines of at most 75 octets, the next ones starting with a
    space (never inside a UTF-8 character)."""
    pieces, current, size = [], "", 0
    for character in line:
        width = len(character.encode())
        limit = 75 if not pieces else 74
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += character
        size += width
    pieces.append(current)
    return [pieces[0], *(" " + piece for piece in pieces[1:])]


def calendar(events: Iterable[Event], *, name: str = "", now: datetime | None = None) -> str:
    """A VCALENDAR of the events (all-day VEVENTs), as text with CRLF line ends."""
    stamp = _stamp(now or utcnow())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{_text(name)}")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_day(event.first)}",
            # The end of an all-day event is the day after its last.
            f"DTEND;VALUE=DATE:{_day(event.last + timedelta(days=1))}",
            f"SUMMARY:{_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
