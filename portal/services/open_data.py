"""Open data (issue 13, item 5): what the programme achieves, per ecosystem, region and year,
as counts of companies (and of people trained) — never a name, never a record.

A cell counting fewer than ``THRESHOLD`` companies is suppressed, and so is the total of its
ecosystem and year when it counts fewer; since each ecosystem's total is published, a
suppressed cell that could be recovered by subtracting the others from the total gets a
second one suppressed beside it (the smallest), or the total when there is no other.
People trained are shown only where the companies that trained them are.

The figures come from one grouped statement per measure, run once a day by
``flask reminders send`` (``refresh``), which rebuilds the published table
(``open_data_cells``); the page and the downloads read only that table.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import delete, distinct, extract, func, insert, select

from portal.extensions import db
from portal.models import (
    Certificate,
    Ecosystem,
    Enrolment,
    Membership,
    MembershipStatus,
    OpenDataCell,
    Organisation,
    OrganisationKind,
    SessionStatus,
    SupportCase,
    TrainingSession,
)
from portal.services.cache import Figures

THRESHOLD = 5
TOTAL = "total"  # the region of an ecosystem's total row

# The measures, in the order of the columns; each counts companies, but "people_trained"
# (which follows the suppression of "companies_trained", the companies behind it).
MEASURES = (
    "members_joined",
    "companies_accompanied",
    "companies_certified",
    "companies_trained",
    "people_trained",
)
FOLLOWS = {"people_trained": "companies_trained"}


def _year(column: Any) -> Any:
    return extract("year", column)


def _grouped() -> dict[str, list[tuple[int, str, int, int, int]]]:
    """Per measure: (ecosystem id, region, year, value, companies) rows, one statement each."""
    sme = Organisation.kind == OrganisationKind.SME
    statements = {
        "members_joined": select(
            Membership.ecosystem_id,
            Organisation.region,
            _year(Membership.decided_at),
            func.count(distinct(Membership.organisation_id)),
            func.count(distinct(Membership.organisation_id)),
        )
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(
            sme, Membership.status == MembershipStatus.ACTIVE, Membership.decided_at.is_not(None)
        ),
        "companies_accompanied": select(
            SupportCase.ecosystem_id,
            Organisation.region,
            _year(SupportCase.created_at),
            func.count(distinct(SupportCase.organisation_id)),
            func.count(distinct(SupportCase.organisation_id)),
        )
        .join(Organisation, Organisation.id == SupportCase.organisation_id)
        .where(sme),
        "companies_certified": select(
            SupportCase.ecosystem_id,
            Organisation.region,
            _year(Certificate.issued_on),
            func.count(distinct(Certificate.organisation_id)),
            func.count(distinct(Certificate.organisation_id)),
        )
        .join(SupportCase, SupportCase.id == Certificate.case_id)
        .join(Organisation, Organisation.id == Certificate.organisation_id)
        .where(sme),
        "companies_trained": select(
            TrainingSession.ecosystem_id,
            Organisation.region,
            _year(TrainingSession.ends_on),
            func.count(distinct(Enrolment.organisation_id)),
            func.count(distinct(Enrolment.organisation_id)),
        )
        .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
        .join(Organisation, Organisation.id == Enrolment.organisation_id)
        .where(TrainingSession.status == SessionStatus.HELD, Enrolment.attended.is_(True), sme),
        "people_trained": select(
            TrainingSession.ecosystem_id,
            Organisation.region,
            _year(TrainingSession.ends_on),
            func.count(Enrolment.id),
            func.count(distinct(Enrolment.organisation_id)),
        )
        .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
        .join(Organisation, Organisation.id == Enrolment.organisation_id)
        .where(TrainingSession.status == SessionStatus.HELD, Enrolment.attended.is_(True), sme),
    }
    found = {}
    for measure, statement in statements.items():
        rows = db.session.execute(statement.group_by(*statement.selected_columns[:3])).all()
        found[measure] = [
            (int(eco), region or "", int(year), int(value), int(companies))
            for eco, region, year, value, companies in rows
            if eco is not None and year is not None
        ]
    return found


def _suppressed(cells: dict[str, tuple[int, int]], total_companies: int) -> set[str]:
    """The regions (and ``TOTAL``) of one ecosystem, year and measure to suppress: those
    under the threshold, then one more so that none can be recovered from the total."""
    hidden = {region for region, (_value, companies) in cells.items() if companies < THRESHOLD}
    if total_companies < THRESHOLD:
        return hidden | set(cells) | {TOTAL}
    if len(hidden) == 1:
        shown = sorted(
            (value, region) for region, (value, _companies) in cells.items() if region not in hidden
        )
        if shown:
            hidden.add(shown[0][1])
        else:
            hidden.add(TOTAL)
    return hidden


def _compute() -> list[dict[str, Any]]:
    ecosystems = {
        e.id: e.slug for e in db.session.execute(select(Ecosystem).order_by(Ecosystem.id)).scalars()
    }
    # (ecosystem, year) -> measure -> region -> (value, companies)
    groups: dict[tuple[int, int], dict[str, dict[str, tuple[int, int]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for measure, rows in _grouped().items():
        for eco, region, year, value, companies in rows:
            groups[(eco, year)][measure][region] = (value, companies)
    table: dict[tuple[str, str, int], dict[str, int | None]] = {}
    for (eco, year), measures in groups.items():
        if eco not in ecosystems:
            continue
        hidden_of: dict[str, set[str]] = {}
        for measure in MEASURES:
            if measure in FOLLOWS:
                continue
            cells = measures.get(measure, {})
            total_companies = sum(companies for _v, companies in cells.values())
            hidden_of[measure] = _suppressed(cells, total_companies) if cells else set()
        for measure in MEASURES:
            cells = measures.get(measure, {})
            hidden = hidden_of.get(FOLLOWS.get(measure, measure), set())
            for region, (value, _companies) in cells.items():
                row = table.setdefault((ecosystems[eco], region, year), {})
                row[measure] = None if region in hidden else value
            if cells:
                total = sum(value for value, _c in cells.values())
                row = table.setdefault((ecosystems[eco], TOTAL, year), {})
                row[measure] = None if TOTAL in hidden else total
    return [
        {"ecosystem": eco, "region": region, "year": year}
        | {measure: values.get(measure) for measure in MEASURES}
        for (eco, region, year), values in sorted(
            table.items(),
            key=lambda item: (item[0][0], -item[0][2], item[0][1] == TOTAL, item[0][1]),
        )
    ]


def refresh(today: date) -> int:
    """Rebuild the published table from the data (the whole of it: a few hundred rows);
    how many figures it holds."""
    computed = _compute()
    db.session.execute(delete(OpenDataCell))
    cells = [
        {
            "ecosystem": row["ecosystem"],
            "region": row["region"],
            "year": row["year"],
            "measure": measure,
            "value": row[measure],
            "computed_on": today,
        }
        for row in computed
        for measure in MEASURES
    ]
    if cells:
        db.session.execute(insert(OpenDataCell), cells)
    db.session.flush()
    return len(cells)


PUBLISHED = Figures("open-data", depends_on=(OpenDataCell,))


def rows() -> list[dict[str, Any]]:
    """Every published row (ecosystem slug, region code or ``total``, year, the measures —
    None where not published: fewer than five companies, none, or hidden to protect another
    cell), newest year first, each ecosystem's total after its regions: the published table
    as it stands (a few hundred rows, read whole, kept until the next day's rebuild)."""

    def read() -> list[dict[str, Any]]:
        found: dict[tuple[str, str, int], dict[str, Any]] = {}
        cells = db.session.execute(
            select(
                OpenDataCell.ecosystem,
                OpenDataCell.region,
                OpenDataCell.year,
                OpenDataCell.measure,
                OpenDataCell.value,
            ).order_by(
                OpenDataCell.ecosystem,
                OpenDataCell.year.desc(),
                OpenDataCell.region == TOTAL,
                OpenDataCell.region,
                OpenDataCell.id,
            )
        )
        for ecosystem, region, year, measure, value in cells:
            row = found.setdefault(
                (ecosystem, region, year),
                {"ecosystem": ecosystem, "region": region, "year": year} | dict.fromkeys(MEASURES),
            )
            row[measure] = value
        return list(found.values())

    return PUBLISHED.get((), read)


def computed_on() -> date | None:
    """The day the published figures were computed."""
    return db.session.execute(select(func.max(OpenDataCell.computed_on))).scalar()


def years(published: list[dict[str, Any]]) -> list[int]:
    return sorted({row["year"] for row in published}, reverse=True)
