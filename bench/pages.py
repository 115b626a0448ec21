"""The pages the benchmark measures, who opens them, what kind of page each is and the
target it must meet (issue 11, item 3).

``tests/test_bench.py`` checks that every path here still resolves to the endpoint named,
so the table cannot silently measure 404s after a route changes. Paths may hold
placeholders the harness fills from the database before the run: ``{convention}`` (the
first convention), ``{certificate}`` (the number of a valid certificate), ``{annual_survey}``
(the active annual survey of the federation's ecosystem), ``{session_survey}`` (the
programme's active survey after a training session), ``{year}`` (the current year).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from bench.app import BARE_PATH, TEMPLATE_PATH

# The demo accounts the benchmark signs in as (portal/demo/data.py: DEMO_USERS), one per
# role, plus the certification body (an infrastructure user with its own home page).
ACCOUNTS: dict[str, str] = {
    "admin": "admin@example.org",
    "ministry": "ministere@example.org",
    "federation": "amica@example.org",
    "sme": "pme@example.org",
    "institute": "institut@example.org",
    "laboratory": "labo@example.org",
    "cert-body": "certification@example.org",
    "consultant": "conseil@example.org",
}
ANONYMOUS = "anonymous"

# The kinds of page, and what each must meet.
BASELINE = "baseline"  # the references: no target
LIST = "list"  # first page of a list, a search, a sort
DEEP = "deep"  # a page far into a list
AGGREGATE = "aggregate"  # summaries, dashboards, one object with its figures
HOME = "home"  # a role's home page
EXPORT = "export"  # a download, measured once (time, bytes, worker peak memory)

LIST_MIN_RATIO = 0.15  # of the bare route's requests per second, 16 connections
LIST_MAX_P99_MS = 35.0
DEEP_MAX_P99_MS = 50.0
SUMMARY_MAX_P50_MS = 10.0  # homes and aggregates, one connection
WORKER_MAX_MB = 100.0  # each worker's resident memory after the run, and peak per export

TARGETS: dict[str, str] = {
    BASELINE: "reference",
    LIST: f"≥{LIST_MIN_RATIO:.0%} bare, p99<{LIST_MAX_P99_MS:.0f}",
    DEEP: f"p99<{DEEP_MAX_P99_MS:.0f}",
    AGGREGATE: f"p50<{SUMMARY_MAX_P50_MS:.0f} (1 conn)",
    HOME: f"p50<{SUMMARY_MAX_P50_MS:.0f} (1 conn)",
    EXPORT: f"peak<{WORKER_MAX_MB:.0f} MB",
}

ECOSYSTEM = "automobile"  # AMICA's ecosystem: the federation account manages its members
DEEP_PAGE = 500
ARABIC_SEARCH = quote("شركة أطلس")  # "Atlas company": the seed's names and generated ones


@dataclass(frozen=True)
class Page:
    """One measured URL: who opens it, its endpoint (checked by the tests), its kind."""

    name: str
    path: str
    role: str  # a key of ACCOUNTS, or ANONYMOUS
    endpoint: str
    kind: str
    quick: bool = False  # part of the ``--quick`` smoke run

    @property
    def target(self) -> str:
        return TARGETS[self.kind]

    @property
    def one_connection(self) -> bool:
        """Homes and aggregates are also measured with one connection (their target)."""
        return self.kind in (HOME, AGGREGATE)


def _members(suffix: str = "") -> str:
    return f"/ecosystems/{ECOSYSTEM}/members{suffix}"


PAGES: tuple[Page, ...] = (
    # references
    Page("bare route", BARE_PATH, ANONYMOUS, "bench.bare", BASELINE, quick=True),
    Page("template only", TEMPLATE_PATH, ANONYMOUS, "bench.template_only", BASELINE, quick=True),
    # public pages
    Page("public home", "/", ANONYMOUS, "public.index", AGGREGATE, quick=True),
    Page("ecosystem page", f"/ecosystems/{ECOSYSTEM}", ANONYMOUS, "ecosystems.show", AGGREGATE),
    Page("open data", "/open-data/", ANONYMOUS, "open_data.index", AGGREGATE),
    Page("public directory", "/directory/", ANONYMOUS, "directory.public", LIST),
    Page(
        "public directory p500",
        f"/directory/?page={DEEP_PAGE}",
        ANONYMOUS,
        "directory.public",
        DEEP,
    ),
    Page("public conventions", "/conventions/", ANONYMOUS, "conventions.index", LIST),
    Page(
        "certificate verification",
        "/certificates/verify?number={certificate}",
        ANONYMOUS,
        "certification.verify",
        LIST,
    ),
    # homes
    *(
        Page(f"home ({role})", "/home", role, "home.index", HOME, quick=role == "ministry")
        for role in ACCOUNTS
    ),
    # member lists: first page, a deep page, an Arabic search, each sort
    Page("members", _members(), "federation", "ecosystems.members", LIST, quick=True),
    Page(
        "members p500",
        _members(f"?page={DEEP_PAGE}"),
        "federation",
        "ecosystems.members",
        DEEP,
        quick=True,
    ),
    Page(
        "members Arabic search",
        _members(f"?q={ARABIC_SEARCH}"),
        "federation",
        "ecosystems.members",
        LIST,
    ),
    Page("members sort -name", _members("?sort=-name"), "federation", "ecosystems.members", LIST),
    Page("members sort region", _members("?sort=region"), "federation", "ecosystems.members", LIST),
    Page(
        "members sort -created",
        _members("?sort=-created"),
        "federation",
        "ecosystems.members",
        LIST,
    ),
    Page("members (ministry)", _members(), "ministry", "ecosystems.members", LIST),
    Page(
        "membership requests",
        f"/ecosystems/{ECOSYSTEM}/requests",
        "federation",
        "ecosystems.requests",
        LIST,
    ),
    # the staff directory of organisations
    Page("organisations", "/directory/organisations", "ministry", "directory.organisations", LIST),
    Page(
        "organisations p500",
        f"/directory/organisations?page={DEEP_PAGE}",
        "ministry",
        "directory.organisations",
        DEEP,
    ),
    Page(
        "organisations Arabic search",
        f"/directory/organisations?q={ARABIC_SEARCH}",
        "ministry",
        "directory.organisations",
        LIST,
    ),
    *(
        Page(
            f"organisations sort {sort}",
            f"/directory/organisations?sort={sort}",
            "ministry",
            "directory.organisations",
            LIST,
        )
        for sort in ("-name", "region", "-created")
    ),
    # conventions
    Page("conventions", "/conventions/", "ministry", "conventions.index", LIST),
    Page(
        "conventions p500",
        f"/conventions/?page={DEEP_PAGE}",
        "ministry",
        "conventions.index",
        DEEP,
    ),
    Page("convention page", "/conventions/{convention}", "ministry", "conventions.show", AGGREGATE),
    # certification
    Page("support cases", "/support/", "federation", "certification.cases", LIST),
    Page(
        "support cases p500",
        f"/support/?page={DEEP_PAGE}",
        "federation",
        "certification.cases",
        DEEP,
    ),
    Page("support cases (ministry)", "/support/", "ministry", "certification.cases", LIST),
    Page("support pipeline", "/support/pipeline", "ministry", "certification.pipeline", AGGREGATE),
    # dashboards (issue 13): the cockpit, filtered, and a federation's
    Page("cockpit", "/dashboard/", "ministry", "dashboards.index", AGGREGATE, quick=True),
    Page(
        "cockpit this year, one region",
        "/dashboard/?period={year}&region=MA-06",
        "ministry",
        "dashboards.index",
        AGGREGATE,
    ),
    Page(
        "cockpit one ecosystem",
        f"/dashboard/?ecosystem={ECOSYSTEM}&period={{year}}",
        "ministry",
        "dashboards.index",
        AGGREGATE,
    ),
    Page("federation dashboard", "/dashboard/", "federation", "dashboards.index", AGGREGATE),
    Page("certificates", "/certificates/", "ministry", "certification.certificates", LIST),
    Page(
        "certificates awaiting confirmation",
        "/certificates/?state=awaiting_confirmation",
        "cert-body",
        "certification.certificates",
        LIST,
    ),
    Page(
        "certificates surveillance overdue",
        "/certificates/?state=surveillance_overdue",
        "ministry",
        "certification.certificates",
        LIST,
    ),
    Page("support cases (consultant)", "/support/", "consultant", "certification.cases", LIST),
    Page("standards catalogue", "/admin/standards", "admin", "admin.standards", LIST),
    Page(
        "certificates p500",
        f"/certificates/?page={DEEP_PAGE}",
        "ministry",
        "certification.certificates",
        DEEP,
    ),
    # training
    Page("training needs", "/training/needs", "federation", "training.needs", LIST, quick=True),
    Page(
        "training needs p500",
        f"/training/needs?page={DEEP_PAGE}",
        "federation",
        "training.needs",
        DEEP,
    ),
    Page("training needs (ministry)", "/training/needs", "ministry", "training.needs", LIST),
    Page("training needs (SME)", "/training/needs", "sme", "training.needs", LIST),
    Page("training demand", "/training/demand", "ministry", "training.demand", AGGREGATE),
    Page(
        "training demand (federation)",
        "/training/demand",
        "federation",
        "training.demand",
        AGGREGATE,
    ),
    Page("training sessions", "/training/sessions", "federation", "training.sessions", LIST),
    Page("training offers", "/training/offers", "institute", "training.offers", LIST),
    # the month of sessions (issue 16, item 5): a federation's ecosystem, and all a company sees
    Page(
        "training calendar",
        "/training/calendar?ecosystem=1",
        "federation",
        "training.calendar_month",
        LIST,
    ),
    Page("training calendar (SME)", "/training/calendar", "sme", "training.calendar_month", LIST),
    Page(
        "clauses and training topics",
        "/training/topics/clauses",
        "federation",
        "training.clause_topics",
        LIST,
    ),
    # services, experts, notifications, audit
    Page("service requests", "/requests/", "laboratory", "service_requests.index", LIST),
    Page(
        "service requests (ministry)",
        "/requests/",
        "ministry",
        "service_requests.index",
        LIST,
    ),
    # the bodies' figures on service requests: the ministry's every body (sorted), a
    # federation's over its members' requests, a laboratory's own
    Page(
        "service figures (ministry)",
        "/requests/figures",
        "ministry",
        "service_requests.figures",
        AGGREGATE,
    ),
    Page(
        "service figures this year (ministry)",
        "/requests/figures?period=year",
        "ministry",
        "service_requests.figures",
        AGGREGATE,
    ),
    Page(
        "service figures (federation)",
        "/requests/figures",
        "federation",
        "service_requests.figures",
        AGGREGATE,
    ),
    Page(
        "service figures (laboratory)",
        "/requests/figures",
        "laboratory",
        "service_requests.figures",
        AGGREGATE,
    ),
    # who offers what and the demand for services (issue 15): the directory of bodies with
    # their catalogues, a body's own catalogue, the needs, and the demand beside the supply
    Page("who offers what", "/requests/bodies", "sme", "service_requests.bodies", LIST),
    Page(
        "who offers what (calibration)",
        "/requests/bodies?kind=calibration&region=MA-06",
        "sme",
        "service_requests.bodies",
        LIST,
    ),
    Page(
        "infrastructure needs (ministry)",
        "/requests/needs",
        "ministry",
        "service_requests.needs",
        LIST,
    ),
    Page("infrastructure needs (SME)", "/requests/needs", "sme", "service_requests.needs", LIST),
    Page("service demand", "/requests/demand", "ministry", "service_requests.demand", AGGREGATE),
    Page(
        "service demand (federation)",
        "/requests/demand",
        "federation",
        "service_requests.demand",
        AGGREGATE,
    ),
    Page(
        "service demand (laboratory)",
        "/requests/demand",
        "laboratory",
        "service_requests.demand",
        AGGREGATE,
    ),
    Page(
        "service demand (region)",
        "/requests/demand?region=MA-06",
        "ministry",
        "service_requests.demand",
        AGGREGATE,
    ),
    # complaints and suggestions: an organisation that answers them (the laboratory), the lead
    # federation (its own and its ecosystem's, open first by nearest answer date), and the
    # ministry's list of those past the ministry's date
    Page("complaints (laboratory)", "/complaints/", "laboratory", "complaints.index", LIST),
    Page("complaints (federation)", "/complaints/", "federation", "complaints.index", LIST),
    Page(
        "complaints escalated (ministry)",
        "/complaints/?status=ministry",
        "ministry",
        "complaints.index",
        LIST,
    ),
    # satisfaction surveys: the list (with each survey's answers counted), and the results of
    # the federation's annual survey and of the programme's survey after a training session,
    # read by the ministry (every answer) and by an institute (its own sessions'), the
    # federation reading its annual survey (its ecosystem's); all periods, then this year's
    Page("surveys (federation)", "/surveys/", "federation", "surveys.index", LIST),
    Page("surveys (ministry)", "/surveys/", "ministry", "surveys.index", LIST),
    *(
        Page(
            f"{name} survey results{label} ({role})",
            f"/surveys/{{{survey}}}/results{query}",
            role,
            "surveys.results",
            AGGREGATE,
        )
        for name, survey, roles in (
            ("annual", "annual_survey", ("federation", "ministry", "institute")),
            ("session", "session_survey", ("ministry", "institute")),
        )
        for role in roles
        for label, query in (("", ""), (" this year", "?period={year}"))
    ),
    Page("experts", "/experts/", "federation", "experts.directory", LIST),
    Page("notifications", "/notifications/", "federation", "notifications.index", LIST),
    Page("audit trail", "/admin/audit", "admin", "admin.audit_trail", LIST),
    Page(
        "audit trail p500",
        f"/admin/audit?page={DEEP_PAGE}",
        "admin",
        "admin.audit_trail",
        DEEP,
    ),
    # exports: once each, streamed to nowhere
    Page(
        "open data CSV",
        "/open-data/ecosystems-regions-years.csv",
        ANONYMOUS,
        "open_data.download",
        EXPORT,
    ),
    Page(
        "programme report PDF",
        "/dashboard/report.pdf?period={year}",
        "ministry",
        "dashboards.report_pdf",
        EXPORT,
    ),
    Page(
        "programme report XLSX",
        "/dashboard/report.xlsx?period={year}",
        "ministry",
        "dashboards.report_xlsx",
        EXPORT,
    ),
    Page("members CSV", _members(".csv"), "federation", "ecosystems.export_members", EXPORT),
    Page(
        "members XLSX",
        _members(".xlsx"),
        "federation",
        "ecosystems.export_members",
        EXPORT,
        quick=True,
    ),
    Page(
        "organisations CSV",
        "/directory/organisations.csv",
        "ministry",
        "directory.export_organisations",
        EXPORT,
    ),
    Page(
        "organisations XLSX",
        "/directory/organisations.xlsx",
        "ministry",
        "directory.export_organisations",
        EXPORT,
    ),
    Page("needs CSV", "/training/needs.csv", "ministry", "training.export_needs", EXPORT),
    # An XLSX holds up to 150,000 rows (services/tabular.py: XLSX_MAX_ROWS); the million needs
    # answer a page offering the CSV. One region's needs (about 130,000 at scale 1) instead.
    Page(
        "needs XLSX (one region)",
        "/training/needs.xlsx?region=MA-01",
        "ministry",
        "training.export_needs",
        EXPORT,
    ),
    Page("demand CSV", "/training/demand.csv", "ministry", "training.export_demand", EXPORT),
    Page(
        "service demand CSV",
        "/requests/demand.csv",
        "ministry",
        "service_requests.export_demand",
        EXPORT,
    ),
    Page("demand XLSX", "/training/demand.xlsx", "ministry", "training.export_demand", EXPORT),
    Page(
        "sessions CSV", "/training/sessions.csv", "federation", "training.export_sessions", EXPORT
    ),
    Page(
        "sessions XLSX",
        "/training/sessions.xlsx",
        "federation",
        "training.export_sessions",
        EXPORT,
    ),
    Page(
        "convention XLSX",
        "/conventions/{convention}/export.xlsx",
        "ministry",
        "conventions.export_xlsx",
        EXPORT,
    ),
)

# What the tests fill the placeholders with (any value the route's converters accept).
EXAMPLE_VALUES = {
    "convention": "1",
    "certificate": "X",
    "annual_survey": "1",
    "session_survey": "1",
    "year": "2026",
}


def roles_used(pages: tuple[Page, ...] | list[Page]) -> list[str]:
    """The accounts a set of pages needs, in the order of ACCOUNTS."""
    wanted = {page.role for page in pages}
    return [role for role in ACCOUNTS if role in wanted]
