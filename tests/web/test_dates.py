"""One way of writing a date and one of writing a date and time, on every page and in both
languages: "22 novembre 2023" / "22 نونبر 2023", "1 novembre 2023, 01:05" /
"1 نونبر 2023، 01:05"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from flask import render_template_string
from flask_babel import force_locale

from portal.extensions import db as _db
from portal.models import Convention, ConventionStatus, ConventionType
from tests.factories import EcosystemFactory

PORTAL = Path(__file__).resolve().parents[2] / "portal"


@pytest.mark.parametrize(
    ("locale", "day", "moment"),
    [
        ("fr_MA", "22 novembre 2023", "1 novembre 2023, 01:05"),
        ("ar_MA", "22 نونبر 2023", "1 نونبر 2023، 01:05"),
    ],
)
def test_the_filters_write_one_format_per_kind(app, locale, day, moment):
    with app.test_request_context("/"), force_locale(locale):
        rendered = render_template_string(
            "{{ day|date }}|{{ moment|datetime }}|{{ none|date }}",
            day=date(2023, 11, 22),
            moment=datetime(2023, 11, 1, 0, 5, tzinfo=UTC),  # 01:05 in Morocco
            none=None,
        )
    assert rendered == f"{day}|{moment}|"


@pytest.mark.parametrize(
    ("language", "written"), [("fr", "22 novembre 2023"), ("ar", "22 نونبر 2023")]
)
def test_the_list_and_the_page_of_a_convention_write_its_date_alike(client, db, language, written):
    convention = Convention(
        reference="MIC-DATES-2023",
        title_fr="Convention datée",
        title_ar="اتفاقية مؤرخة",
        ecosystem_id=EcosystemFactory().id,
        type=ConventionType.PARTNERSHIP,
        signed_on=date(2023, 11, 22),
        effective_from=date(2023, 11, 22),
        ends_on=date(2026, 11, 21),
        status=ConventionStatus.IN_PROGRESS,
        budget_mad=Decimal("1000"),
    )
    _db.session.add(convention)
    _db.session.flush()
    headers = {"Accept-Language": language}
    for path in ("/conventions/", f"/conventions/{convention.id}"):
        page = client.get(path, headers=headers).get_data(as_text=True)
        assert written in page, path
        assert not re.search(r"\b22\u200f?/11\u200f?/2023\b", page), path


# Where a date may be turned into text otherwise: the two functions of portal/i18n.py, the
# iCalendar feed's wire format (RFC 5545: 20261116, 20261116T093000Z), and ISO dates for
# machines (exports, stored audit values, cached views, <time datetime="…"> attributes).
OWN_FORMATTING = re.compile(r"\b(format_date|format_datetime|format_skeleton|strftime)\b")
PYTHON_ALLOWED = {"i18n.py", "services/certification/calendar.py"}
ISO_ALLOWED = {"services/tabular.py", "services/audit.py", "services/cache.py"}
TEMPLATE_FORMATTING = re.compile(
    r"\|\s*(date|datetime)\s*\(|format_date|format_datetime|strftime|\.year\b|\.month\b"
)
ISOFORMAT = re.compile(r"\.isoformat\(\)")
MACHINE_ISO = re.compile(r'datetime="\{\{ [\w.]+\.isoformat\(\) \}\}"')


def test_no_template_formats_a_date_another_way():
    offenders = []
    for path in sorted((PORTAL / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if TEMPLATE_FORMATTING.search(line) or ISOFORMAT.search(MACHINE_ISO.sub("", line)):
                offenders.append(f"{path.relative_to(PORTAL)}:{number}: {line.strip()}")
    assert offenders == []


def test_no_module_formats_a_date_another_way():
    offenders = []
    for path in sorted(PORTAL.rglob("*.py")):
        name = path.relative_to(PORTAL).as_posix()
        if name.startswith("demo/"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OWN_FORMATTING.search(line) and name not in PYTHON_ALLOWED:
                offenders.append(f"{name}:{number}: {line.strip()}")
            if ISOFORMAT.search(line) and name not in ISO_ALLOWED:
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert offenders == []
