"""The programme report of a period (issue 13, item 4): the dashboard's figures for the
filters, what changed against the period before, what is late, and the running conventions
with their progress — the same tables drawn as a PDF and written as a workbook.

The figures are the dashboard's (cached per part); the running conventions are read a page
at a time with the rules of the dashboard's (``conventions.running_conventions``): the PDF
lists the first ``PDF_CONVENTIONS``, the workbook every one, read as it is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from portal.i18n import format_day, format_number, format_share, localized
from portal.models.reference import REGIONS, region_label
from portal.services.cockpit import (
    CERTIFICATE_STATES,
    MEMBER_KINDS,
    Dashboard,
    Filters,
    dashboard,
    stage_labels,
)
from portal.services.cockpit import conventions as convention_figures
from portal.services.cockpit.conventions import ConventionProgress
from portal.services.cockpit.figures import stages
from portal.services.tabular import Percent

PDF_CONVENTIONS = 200  # the running conventions the PDF lists; the workbook has them all

# The figures of the period compared with the period before: (label, part, figure).
PERIOD_FIGURES = (
    (_l("Members accepted in the period"), "members", "joined"),
    (_l("Training demand (people, validated needs)"), "training", "demand_people"),
    (_l("Training sessions held"), "training", "held"),
    (_l("People trained"), "training", "trained"),
    (_l("Companies trained"), "training", "companies"),
    (_l("Support cases opened"), "certification", "opened"),
    (_l("Certificates issued"), "certification", "issued"),
    (_l("Milestones done"), "conventions", "milestones_done"),
    (_l("Milestones not done by their due date"), "conventions", "milestones_missed"),
    (_l("Commitments done"), "conventions", "commitments_done"),
    (_l("Commitments not done by their due date"), "conventions", "commitments_missed"),
    (_l("Service requests filed"), "answers", "requests"),
    (_l("Complaints filed"), "answers", "complaints"),
)


@dataclass
class Table:
    """One table of the report: a section of the PDF and a sheet of the workbook."""

    title: str
    sheet: str  # the workbook's tab (31 characters at most)
    headers: list[str]
    rows: Iterable[Sequence[Any]]
    empty: str = ""  # said when there is no row
    note: str = ""  # said under the table
    by_reference: bool = False  # each row an item named by its convention's reference


@dataclass
class QuarterlyReport:
    """The report's read-model: the period's dashboard, the previous period's, and the
    first running conventions."""

    filters: Filters
    today: date
    data: Dashboard
    previous: Dashboard
    conventions: list[ConventionProgress]

    @property
    def running(self) -> int:
        return self.data.conventions_total("running")

    @property
    def more(self) -> int:
        """The running conventions the PDF leaves to the workbook."""
        return max(self.running - len(self.conventions), 0)


def quarterly_report(
    filters: Filters, today: date, conventions: int | None = None
) -> QuarterlyReport:
    """The report for the filters on ``today``, with the first ``conventions`` running
    conventions (``PDF_CONVENTIONS`` unless told)."""
    conventions = PDF_CONVENTIONS if conventions is None else conventions
    previous = dataclasses.replace(filters, period=filters.period.previous())
    return QuarterlyReport(
        filters=filters,
        today=today,
        data=dashboard(filters, today),
        previous=dashboard(previous, today),
        conventions=list(running_conventions(filters, today, limit=conventions)),
    )


def running_conventions(
    filters: Filters, today: date, limit: int | None = None
) -> Iterator[ConventionProgress]:
    """The running conventions of the chosen ecosystems by ecosystem and reference, with
    their progress and what is late (``limit``: at most that many). The filters are read at
    once: the rows may be read after the request's commit (a streamed workbook), when its
    records are expired."""
    return convention_figures.running_conventions(filters.ecosystem_ids, today, limit)


def cell_text(value: Any) -> str:
    """A cell of a table as the PDF writes it, in the current language."""
    if value is None:
        return "—"
    if isinstance(value, Percent):
        return format_share(value)
    if isinstance(value, int | float | Decimal):
        return format_number(value)
    if isinstance(value, date):
        return format_day(value).replace(" ", "\u00a0")  # a day on one line
    return str(value)


def _share(part: int, whole: int) -> Percent | None:
    return Percent(part / whole) if whole else None


def _reasons(c: ConventionProgress) -> str:
    """Why a convention is at risk, as the dashboard says it."""
    reasons = []
    if c.late_milestones:
        reasons.append(
            ngettext("%(num)s milestone overdue", "%(num)s milestones overdue", c.late_milestones)
        )
    if c.late_commitments:
        reasons.append(
            ngettext(
                "%(num)s commitment overdue", "%(num)s commitments overdue", c.late_commitments
            )
        )
    if c.indicators_below:
        reasons.append(
            ngettext(
                "%(num)s indicator below its trajectory",
                "%(num)s indicators below their trajectory",
                c.indicators_below,
            )
        )
    return "; ".join(reasons)


def tables(
    report: QuarterlyReport, conventions: Iterable[ConventionProgress] | None = None
) -> list[Table]:
    """The report's tables in the current language, titled as the dashboard page titles
    them; the last lists ``conventions`` (else the report's first ones, with a note on
    those left to the workbook)."""
    data, previous, chosen = report.data, report.previous, report.filters.chosen
    several = len(chosen) > 1
    names = {e.id: localized(e, "name") for e in chosen}
    columns = [*names.values()] + ([_("All of them")] if several else [])

    def row(label: Any, values: list[Any], total: Any) -> list[Any]:
        return [str(label), *values] + ([total] if several else [])

    def figure(label: Any, part: str, name: str) -> list[Any]:
        return row(label, [data.of(part, e).get(name, 0) for e in chosen], data.total(part, name))

    def share(label: str, part: str, on_time: str, judged: str) -> list[Any]:
        values = [
            _share(data.of(part, e).get(on_time, 0), data.of(part, e).get(judged, 0))
            for e in chosen
        ]
        return row(label, values, _share(data.total(part, on_time), data.total(part, judged)))

    def of_mapping(label: str, part: str, mapping: str, key: str) -> list[Any]:
        values = [data.of(part, e).get(mapping, {}).get(key, 0) for e in chosen]
        return row(label, values, data.total_of(part, mapping, key))

    def line(c: ConventionProgress) -> list[Any]:
        return [
            c.reference,
            localized(c, "title"),
            names.get(c.ecosystem_id, ""),
            c.status.label,
            c.ends_on,
            Percent(c.progress),
            c.late_milestones,
            c.late_commitments,
            c.indicators_below,
            _("Yes") if c.at_risk else _("No"),
        ]

    found, by_region = data.conventions, data.members_by_region
    programme = data.programme_complaints.get("complaints", 0)
    listed = report.conventions if conventions is None else conventions
    more = report.more if conventions is None else 0
    labels = stage_labels()
    return [
        Table(
            _("Key figures"),
            _("Key figures"),
            [_("Figure"), *columns],
            [
                figure(_("Running conventions"), "conventions", "running"),
                figure(_("Conventions at risk"), "conventions", "at_risk"),
                figure(_("Milestones overdue"), "conventions", "late_milestones"),
                figure(_("Commitments overdue"), "conventions", "late_commitments"),
                figure(_("Indicators below their trajectory"), "conventions", "indicators_below"),
                figure(_("Active members"), "members", "total"),
                *(figure(label, part, name) for label, part, name in PERIOD_FIGURES),
                share(
                    _("Service requests answered within 15 days"),
                    "answers",
                    "requests_on_time",
                    "requests_judged",
                ),
                share(
                    _("Complaints answered on time"),
                    "answers",
                    "complaints_on_time",
                    "complaints_judged",
                ),
            ],
            note=ngettext(
                "Besides, %(num)s complaint about the programme as a whole was filed in the "
                "period.",
                "Besides, %(num)s complaints about the programme as a whole were filed in the "
                "period.",
                programme,
            )
            if programme
            else "",
        ),
        Table(
            _("What changed in the period"),
            _("Changes"),
            [_("Figure"), report.filters.period.label, previous.filters.period.label, _("Change")],
            [
                [
                    str(label),
                    data.total(part, name),
                    previous.total(part, name),
                    data.total(part, name) - previous.total(part, name),
                ]
                for label, part, name in PERIOD_FIGURES
            ],
        ),
        Table(
            _("Conventions at risk, least advanced first"),
            _("Conventions at risk"),
            [_("Reference"), _("Convention"), _("Progress"), _("Why it is at risk")],
            [
                [c.reference, localized(c, "title"), Percent(c.progress), _reasons(c)]
                for c in found.get("at_risk", [])
            ],
            empty=_("No running convention is at risk."),
            by_reference=True,
        ),
        Table(
            _(
                "Oldest overdue milestones (%(count)s in all)",
                count=format_number(data.conventions_total("late_milestones")),
            ),
            _("Milestones overdue"),
            [_("Reference"), _("Milestone"), _("Due"), _("Days late")],
            [
                [m.reference, localized(m, "title"), m.due_date, m.days_late]
                for m in found.get("late_milestones", [])
            ],
            empty=_("No milestone is overdue."),
            by_reference=True,
        ),
        Table(
            _(
                "Oldest overdue commitments (%(count)s in all)",
                count=format_number(data.conventions_total("late_commitments")),
            ),
            _("Commitments overdue"),
            [_("Reference"), _("Commitment"), _("Owner"), _("Due"), _("Days late")],
            [
                [m.reference, localized(m, "title"), localized(m, "party"), m.due_date, m.days_late]
                for m in found.get("late_commitments", [])
            ],
            empty=_("No commitment is overdue."),
            by_reference=True,
        ),
        Table(
            _("Indicators against target and trajectory"),
            _("Indicators"),
            [_("Indicators"), *columns],
            [
                figure(_("Indicators followed"), "conventions", "indicators"),
                figure(_("Target reached"), "conventions", "indicators_achieved"),
                figure(_("On their trajectory"), "conventions", "indicators_on_track"),
                figure(_("Below their trajectory"), "conventions", "indicators_below"),
            ],
        ),
        Table(
            _("Indicators furthest below their trajectory"),
            _("Indicators below"),
            [
                _("Reference"),
                _("Indicator"),
                _("Value"),
                _("Unit"),
                _("Target"),
                _("Attained"),
                _("Expected by now"),
            ],
            [
                [
                    i.reference,
                    localized(i, "name"),
                    i.value,
                    localized(i, "unit"),
                    i.target,
                    Percent(i.attainment),
                    Percent(i.expected),
                ]
                for i in found.get("indicators_below", [])
            ],
            empty=_("Every indicator is on its trajectory."),
            by_reference=True,
        ),
        Table(
            _("Active members by kind"),
            _("Members by kind"),
            [_("Kind"), *columns],
            [
                of_mapping(str(kind.label), "members", "by_kind", kind.value)
                for kind in MEMBER_KINDS
            ],
        ),
        Table(
            _("Member organisations by region (each counted once)"),
            _("Members by region"),
            [_("Region"), *(str(kind.label) for kind in MEMBER_KINDS), _("Total")],
            [
                [region_label(code) if code else _("Region not given")]
                + [by_region.get(code, {}).get(kind.value, 0) for kind in MEMBER_KINDS]
                + [data.region_total(code)]
                for code in [*REGIONS, *([""] if by_region.get("") else [])]
            ],
        ),
        Table(
            _("Validated demand for the period's quarters against sessions held in the period"),
            _("Training"),
            [_("Figure"), *columns],
            [
                figure(_("People asked for"), "training", "demand_people"),
                figure(_("Validated needs"), "training", "demand_needs"),
                figure(_("Sessions held"), "training", "held"),
                figure(_("Seats offered"), "training", "seats"),
                figure(_("People trained"), "training", "trained"),
                figure(_("Companies trained"), "training", "companies"),
                figure(_("Sessions planned to start"), "training", "planned"),
            ],
        ),
        Table(
            _("Support cases by stage"),
            _("Support cases"),
            [_("Stage"), *columns],
            [of_mapping(labels[stage], "certification", "by_stage", stage) for stage in stages()],
        ),
        Table(
            _("Certificates of the members, as of today"),
            _("Certificates"),
            [_("State"), *columns],
            [
                *(figure(label, "certification", state) for state, label in CERTIFICATE_STATES),
                figure(
                    _("Surveillance audits due in the period"), "certification", "surveillance_due"
                ),
                figure(_("Issued in the period"), "certification", "issued"),
            ],
        ),
        Table(
            _("Running conventions"),
            _("Conventions"),
            [
                _("Reference"),
                _("Convention"),
                _("Ecosystem"),
                _("Status"),
                _("Ends on"),
                _("Progress"),
                _("Milestones overdue"),
                _("Commitments overdue"),
                _("Indicators below their trajectory"),
                _("At risk"),
            ],
            [line(c) for c in listed] if conventions is None else map(line, listed),
            empty=_("No convention is running."),
            by_reference=True,
            note=_("And %(count)s more in the spreadsheet.", count=format_number(more))
            if more
            else "",
        ),
    ]


def scope(report: QuarterlyReport) -> list[tuple[str, Any]]:
    """What the report covers (the filters applied), as label and value."""
    filters = report.filters
    return [
        (_("Period"), filters.period.label),
        (_("Ecosystems"), ", ".join(localized(e, "name") for e in filters.chosen) or "—"),
        (_("Region"), region_label(filters.region) if filters.region else _("Every region")),
        (_("Date"), report.today),
    ]


def scope_table(report: QuarterlyReport) -> Table:
    """The filters as the workbook's first sheet."""
    return Table(_("Filters"), _("Filters"), [_("Filters"), _("Value")], scope(report))
