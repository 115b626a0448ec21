"""Diagnostics and action plans of a support case: an SME rates every ISO 9001 clause (in
Arabic too), sees its readiness per clause group and overall, compares a second diagnostic
with the first clause by clause; evidence files are checked and kept within the case's scope;
overdue actions are flagged; a plan is drafted from the clauses rated lowest."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import force_locale, format_percent, gettext, ngettext
from markupsafe import escape
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import (
    ActionItem,
    ActionStatus,
    CaseKind,
    CaseStage,
    Diagnostic,
    DiagnosticAnswer,
    OrganisationKind,
    Rating,
    Role,
    Standard,
    StandardClause,
    SupportCase,
)
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import EcosystemFactory, OrganisationFactory, make_user

TODAY = date(2025, 6, 15)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# Group 4 all fully implemented (100 %), the other groups mixed; 7.4 does not apply.
FIRST = {
    **dict.fromkeys(("4.1", "4.2", "4.3", "4.4"), "fully"),
    "5.1": "fully",
    "5.2": "partial",
    "5.3": "not_started",
    **dict.fromkeys(("6.1", "6.2", "6.3"), "partial"),
    "7.1": "largely",
    "7.2": "largely",
    "7.3": "partial",
    "7.4": "not_applicable",
    "7.5": "fully",
    **dict.fromkeys(("8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7"), "largely"),
    **dict.fromkeys(("9.1", "9.2", "9.3"), "not_started"),
    **dict.fromkeys(("10.1", "10.2", "10.3"), "partial"),
}
# Scores 0-3; readiness = points / (3 x scored clauses), not applicable left out.
FIRST_GROUPS = {
    "4": 1.0,
    "5": 4 / 9,
    "6": 3 / 9,
    "7": 8 / 12,
    "8": 14 / 21,
    "9": 0.0,
    "10": 3 / 9,
}
FIRST_OVERALL = 44 / 81
# The second one: 9 moves up to largely, 4.1 falls back to partial, the rest is unchanged.
SECOND = {**FIRST, "4.1": "partial", **dict.fromkeys(("9.1", "9.2", "9.3"), "largely")}


def message(msgid: str, locale: str = "fr_MA", **values) -> str:
    """A message as the pages show it (users are French by default)."""
    with current_app.test_request_context(), force_locale(locale):
        return str(escape(gettext(msgid, **values)))


def plural(singular: str, plural: str, num: int, **values) -> str:
    with current_app.test_request_context(), force_locale("fr_MA"):
        return str(escape(ngettext(singular, plural, num, **values)))


def percent(value: float, locale: str = "fr_MA") -> str:
    with current_app.test_request_context(), force_locale(locale):
        return str(escape(format_percent(value)))


def iso_9001() -> Standard:
    return _db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar_one()


def rated_clauses() -> list[StandardClause]:
    clauses = _db.session.execute(
        select(StandardClause)
        .where(StandardClause.standard_id == iso_9001().id)
        .order_by(StandardClause.position)
    ).scalars()
    return [clause for clause in clauses if not clause.is_group]


def make_case(organisation=None, ecosystem=None, stage=CaseStage.DIAGNOSTIC) -> SupportCase:
    """An ISO 9001 support case of an SME in an ecosystem."""
    case = SupportCase(
        organisation_id=(organisation or OrganisationFactory(kind=OrganisationKind.SME)).id,
        ecosystem_id=(ecosystem or EcosystemFactory()).id,
        standard_id=iso_9001().id,
        kind=CaseKind.INITIAL,
        stage=stage,
    )
    _db.session.add(case)
    _db.session.flush()
    return case


def make_diagnostic(case, number: int, ratings: dict[str, str], completed=True) -> Diagnostic:
    diagnostic = Diagnostic(
        case_id=case.id, number=number, completed_on=TODAY if completed else None
    )
    _db.session.add(diagnostic)
    _db.session.flush()
    for clause in rated_clauses():
        if clause.number in ratings:
            _db.session.add(
                DiagnosticAnswer(
                    diagnostic_id=diagnostic.id,
                    clause_id=clause.id,
                    rating=Rating(ratings[clause.number]),
                    justification="Sans objet"
                    if ratings[clause.number] == "not_applicable"
                    else "",
                )
            )
    _db.session.flush()
    return diagnostic


def form_data(ratings: dict[str, str], **extra) -> dict:
    data = {f"rating-{number}": value for number, value in ratings.items()}
    for number, value in ratings.items():
        if value == "not_applicable":
            data[f"justification-{number}"] = "Nous ne concevons pas de produits."
    return {**data, **extra}


def version_of(client, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="version"[^>]*value="(\d+)"', html).group(1)


def sme_with_case(client, **user_kwargs):
    user = make_user(Role.SME_USER, **user_kwargs)
    case = make_case(user.organisation)
    sign_in(client, user)
    return user, case


def fill_through_the_route(client, case, ratings, number: int) -> str:
    """Start a diagnostic, fill every clause and complete it; the result page's HTML."""
    response = post_form(client, f"/support/{case.id}/diagnostics/new")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/support/{case.id}/diagnostics/{number}")
    path = f"/support/{case.id}/diagnostics/{number}"
    data = form_data(ratings, version=version_of(client, path), complete="1")
    response = post_form(client, path, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(f"{path}/result")
    response = client.get(f"{path}/result")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def cell(html: str, table_id: str, group: str) -> str:
    table = re.search(rf'<table id="{table_id}".*?</table>', html, re.S).group(0)
    return re.search(rf'data-group="{group}">([^<]*)<', table).group(1)


# --- filling and readiness ---------------------------------------------------------------------


def test_an_sme_completes_an_iso_9001_diagnostic_in_arabic(client, db, fixed_clock):
    user, case = sme_with_case(client, preferred_locale=None)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ar"
    post_form(client, f"/support/{case.id}/diagnostics/new")
    form_page = client.get(f"/support/{case.id}/diagnostics/1")
    html = form_page.get_data(as_text=True)
    assert form_page.status_code == 200
    assert 'dir="rtl"' in html
    assert "سياق المؤسسة" in html  # clause 4, as the fieldset's legend
    assert "الموارد" in html  # 7.1 Resources
    assert len(rated_clauses()) == 28
    for clause in rated_clauses():
        assert f'name="rating-{clause.number}"' in html
        assert f'name="file-{clause.number}"' in html
    # The diagnostic number 1 was started above: fill and complete it.
    data = form_data(FIRST, version=version_of(client, f"/support/{case.id}/diagnostics/1"))
    response = post_form(client, f"/support/{case.id}/diagnostics/1", {**data, "complete": "1"})
    assert response.status_code == 302
    html = client.get(f"/support/{case.id}/diagnostics/1/result").get_data(as_text=True)

    assert 'dir="rtl"' in html
    for group, value in FIRST_GROUPS.items():
        assert cell(html, "readiness-data", group) == percent(value, "ar_MA"), group
    assert cell(html, "readiness-data", "overall") == percent(FIRST_OVERALL, "ar_MA")
    assert percent(1.0, "ar_MA") != percent(1.0)  # the Arabic format, not the French one
    assert html.count('<rect x="') == 2 * 7  # a track and a bar for each group 4 to 10
    assert 'role="img"' in html
    diagnostic = _db.session.execute(select(Diagnostic).where(Diagnostic.case_id == case.id))
    diagnostic = diagnostic.scalar_one()
    assert diagnostic.completed_on == TODAY
    assert diagnostic.created_by_id == user.id
    answers = {
        a.clause_id: a.rating
        for a in _db.session.execute(
            select(DiagnosticAnswer).where(DiagnosticAnswer.diagnostic_id == diagnostic.id)
        ).scalars()
    }
    assert len(answers) == 28
    assert Rating.NOT_APPLICABLE in answers.values()


def test_a_second_diagnostic_is_compared_clause_by_clause(client, db, fixed_clock):
    _user, case = sme_with_case(client)
    first = fill_through_the_route(client, case, FIRST, 1)
    assert cell(first, "readiness-data", "4") == percent(1.0)
    assert cell(first, "readiness-data", "overall") == percent(FIRST_OVERALL)
    assert 'id="clause-comparison"' not in first

    html = fill_through_the_route(client, case, SECOND, 2)
    assert cell(html, "readiness-data", "4") == percent(10 / 12)
    assert cell(html, "readiness-data", "9") == percent(2 / 3)
    changes = dict(re.findall(r'data-clause="([\d.]+)" data-change="(\w*)"', html))
    assert len(changes) == 28
    assert changes["4.1"] == "down"
    assert {changes[n] for n in ("9.1", "9.2", "9.3")} == {"up"}
    assert changes["7.4"] == "same"  # not applicable both times
    assert [n for n, way in changes.items() if way != "same"] == ["4.1", "9.1", "9.2", "9.3"]
    arrow = message("%(before)s → %(after)s", before=percent(0.0), after=percent(2 / 3))
    assert cell(html, "group-comparison", "9") == arrow
    arrow = message("%(before)s → %(after)s", before=percent(1.0), after=percent(10 / 12))
    assert cell(html, "group-comparison", "4") == arrow
    assert message("Up") in html and message("Down") in html


def test_not_applicable_without_justification_is_refused_and_nothing_saved(client, db):
    _user, case = sme_with_case(client)
    post_form(client, f"/support/{case.id}/diagnostics/new")
    path = f"/support/{case.id}/diagnostics/1"
    data = {
        "rating-4.1": "fully",
        "rating-4.2": "not_applicable",
        "justification-4.2": "  ",
        "version": version_of(client, path),
        "save": "1",
    }
    response = post_form(client, path, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    error = message("Explain why this clause does not apply to your organisation.")
    assert html.count(error) == 1
    assert re.search(r'id="justification-4.2-error"', html)
    assert _db.session.execute(select(func.count(DiagnosticAnswer.id))).scalar() == 0

    data["justification-4.2"] = "Pas de sous-traitance."
    assert post_form(client, path, data).status_code == 302
    answers = _db.session.execute(select(DiagnosticAnswer)).scalars().all()
    assert sorted(a.rating.value for a in answers) == ["fully", "not_applicable"]


def test_completing_requires_every_clause_and_then_is_read_only(client, db, fixed_clock):
    _user, case = sme_with_case(client)
    post_form(client, f"/support/{case.id}/diagnostics/new")
    path = f"/support/{case.id}/diagnostics/1"
    partial = {k: v for k, v in FIRST.items() if not k.startswith("10.")}
    response = post_form(
        client, path, form_data(partial, version=version_of(client, path), complete="1")
    )
    assert response.status_code == 422
    assert (
        response.get_data(as_text=True).count(
            message("Rate this clause before completing the diagnostic.")
        )
        == 3
    )
    assert _only_diagnostic(case).completed_on is None

    data = form_data(FIRST, version=version_of(client, path), save="1")
    assert post_form(client, path, data).status_code == 302
    assert len(_db.session.execute(select(DiagnosticAnswer)).scalars().all()) == 28
    data = form_data(FIRST, version=version_of(client, path), complete="1")
    assert post_form(client, path, data).status_code == 302
    html = client.get(path).get_data(as_text=True)
    assert 'name="rating-4.1"' not in html  # read-only now
    response = post_form(client, path, form_data(SECOND, version="99", save="1"))
    assert response.status_code == 302
    rating = _db.session.execute(
        select(DiagnosticAnswer.rating)
        .join(StandardClause, StandardClause.id == DiagnosticAnswer.clause_id)
        .where(StandardClause.number == "4.1", StandardClause.standard_id == iso_9001().id)
    ).scalar_one()
    assert rating == Rating.FULLY


def _only_diagnostic(case) -> Diagnostic:
    return _db.session.execute(select(Diagnostic).where(Diagnostic.case_id == case.id)).scalar_one()


def test_a_stale_draft_is_not_saved(client, db):
    _user, case = sme_with_case(client)
    post_form(client, f"/support/{case.id}/diagnostics/new")
    path = f"/support/{case.id}/diagnostics/1"
    old = version_of(client, path)
    assert (
        post_form(client, path, {"rating-4.1": "fully", "version": old, "save": "1"}).status_code
        == 302
    )
    response = post_form(client, path, {"rating-4.1": "partial", "version": old, "save": "1"})
    assert response.status_code == 302
    answer = _db.session.execute(select(DiagnosticAnswer)).scalar_one()
    assert answer.rating == Rating.FULLY


def test_a_diagnostic_starts_only_on_an_accepted_open_case(client, db):
    user = make_user(Role.SME_USER)
    sign_in(client, user)
    for stage in (CaseStage.REQUESTED, CaseStage.CLOSED, CaseStage.CERTIFIED):
        case = make_case(user.organisation, stage=stage)
        response = post_form(client, f"/support/{case.id}/diagnostics/new")
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/support/{case.id}/diagnostics")
    assert _db.session.execute(select(func.count(Diagnostic.id))).scalar() == 0
    case = make_case(user.organisation, stage=CaseStage.ACCEPTED)
    post_form(client, f"/support/{case.id}/diagnostics/new")
    # A second start while the first is a draft opens the draft again.
    response = post_form(client, f"/support/{case.id}/diagnostics/new")
    assert response.headers["Location"].endswith(f"/support/{case.id}/diagnostics/1")
    assert _db.session.execute(select(Diagnostic.number)).scalars().all() == [1]


# --- evidence and scope -------------------------------------------------------------------------


def test_evidence_files_are_checked_and_stay_within_the_case(client, db):
    _owner, case = sme_with_case(client)
    post_form(client, f"/support/{case.id}/diagnostics/new")
    path = f"/support/{case.id}/diagnostics/1"
    refused = post_form(
        client,
        path,
        {
            "rating-7.5": "largely",
            "file-7.5": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "procedure.pdf"),
            "version": version_of(client, path),
            "save": "1",
        },
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422
    assert message("Only PDF, PNG, JPEG or Excel (XLSX) files are accepted.") in refused.get_data(
        as_text=True
    )
    assert _db.session.execute(select(func.count(DiagnosticAnswer.id))).scalar() == 0

    response = post_form(
        client,
        path,
        {
            "rating-7.5": "largely",
            "note-7.5": "Procédure de maîtrise des documents, révision 3.",
            "file-7.5": (io.BytesIO(PDF), "procédure documents.pdf"),
            "version": version_of(client, path),
            "save": "1",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    answer = _db.session.execute(select(DiagnosticAnswer)).scalar_one()
    assert re.fullmatch(r"[0-9a-f]{32}", answer.evidence_file)
    stored = Path(current_app.config["UPLOAD_DIR"]) / "evidence" / answer.evidence_file
    assert stored.read_bytes() == PDF
    assert answer.evidence_filename == "procédure documents.pdf"
    evidence = f"{path}/evidence/{answer.id}"
    download = client.get(evidence)
    assert download.status_code == 200
    assert download.data == PDF
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment")

    other_sme = make_user(Role.SME_USER)
    sign_in(client, other_sme)
    for other_path in (
        f"/support/{case.id}/diagnostics",
        path,
        f"{path}/result",
        evidence,
        f"/support/{case.id}/action-plan",
    ):
        assert client.get(other_path).status_code == 404, other_path
    assert post_form(client, path, {"rating-4.1": "fully"}).status_code == 404
    other_federation = make_user(Role.FEDERATION_STAFF)
    sign_in(client, other_federation)
    assert client.get(evidence).status_code == 404
    # An answer of another diagnostic cannot be reached through this one.
    other_case = make_case(other_sme.organisation)
    other = make_diagnostic(other_case, 1, {"4.1": "fully"})
    sign_in(client, other_sme)
    other_answer = _db.session.execute(
        select(DiagnosticAnswer).where(DiagnosticAnswer.diagnostic_id == other.id)
    ).scalar_one()
    assert (
        client.get(f"/support/{other_case.id}/diagnostics/1/evidence/{answer.id}").status_code
        == 404
    )
    assert (
        client.get(f"/support/{other_case.id}/diagnostics/1/evidence/{other_answer.id}").status_code
        == 404
    )


def test_the_federation_works_with_the_sme_and_the_ministry_reads(client, db):
    owner = make_user(Role.SME_USER)
    federation_user = make_user(Role.FEDERATION_STAFF)
    ecosystem = EcosystemFactory(lead_federation=federation_user.organisation)
    case = make_case(owner.organisation, ecosystem)
    make_diagnostic(case, 1, FIRST)
    sign_in(client, federation_user)
    assert post_form(client, f"/support/{case.id}/diagnostics/new").status_code == 302
    assert _db.session.execute(select(func.count(Diagnostic.id))).scalar() == 2
    ministry = make_user(Role.MINISTRY_OFFICER)
    sign_in(client, ministry)
    html = client.get(f"/support/{case.id}/diagnostics").get_data(as_text=True)
    assert percent(FIRST_OVERALL) in html
    assert f'action="/support/{case.id}/diagnostics/new"' not in html
    assert client.get(f"/support/{case.id}/diagnostics/1").status_code == 200
    assert client.get(f"/support/{case.id}/diagnostics/1/result").status_code == 200
    assert post_form(client, f"/support/{case.id}/diagnostics/new").status_code == 403
    assert post_form(client, f"/support/{case.id}/diagnostics/2", {"save": "1"}).status_code == 403
    assert post_form(client, f"/support/{case.id}/action-plan/draft").status_code == 403
    sign_in(client, make_user(Role.INSTITUTE_USER))
    assert client.get(f"/support/{case.id}/diagnostics").status_code == 404


# --- action plan -------------------------------------------------------------------------------


def test_overdue_actions_are_flagged(client, db, fixed_clock):
    _user, case = sme_with_case(client)
    clause = rated_clauses()[0]
    for title, due, status in (
        ("Late and open", date(2025, 6, 1), ActionStatus.OPEN),
        ("Late and under way", date(2025, 6, 14), ActionStatus.IN_PROGRESS),
        ("Late but done", date(2025, 6, 1), ActionStatus.DONE),
        ("Due today", TODAY, ActionStatus.OPEN),
        ("Later", date(2025, 7, 1), ActionStatus.OPEN),
        ("No date", None, ActionStatus.OPEN),
    ):
        _db.session.add(
            ActionItem(
                case_id=case.id, clause_id=clause.id, title=title, due_date=due, status=status
            )
        )
    _db.session.flush()
    html = client.get(f"/support/{case.id}/action-plan").get_data(as_text=True)
    rows = re.findall(r'data-overdue="(yes|no)">\s*<th scope="row">([^<]+)<', html)
    assert {title for flag, title in rows if flag == "yes"} == {
        "Late and open",
        "Late and under way",
    }
    assert len(rows) == 6
    assert html.count(f'<span class="badge text-bg-danger">{message("Overdue")}</span>') == 2
    assert plural("%(num)d overdue", "%(num)d overdue", 2) in html


def test_actions_are_added_and_updated_with_a_version_guard(client, db, fixed_clock):
    _user, case = sme_with_case(client)
    clause = rated_clauses()[5]
    response = post_form(
        client,
        f"/support/{case.id}/action-plan",
        {
            "title": "Former les auditeurs internes",
            "clause_id": str(clause.id),
            "owner": "RQ",
            "due_date": "2025-06-10",
        },
    )
    assert response.status_code == 302
    item = _db.session.execute(select(ActionItem)).scalar_one()
    assert (item.clause_id, item.owner, item.status) == (clause.id, "RQ", ActionStatus.OPEN)
    assert item.is_overdue(TODAY)
    assert post_form(client, f"/support/{case.id}/action-plan", {"title": ""}).status_code == 422

    prefix = f"item-{item.id}"
    data = {
        f"{prefix}-status": "done",
        f"{prefix}-due_date": "2025-06-10",
        f"{prefix}-version": str(item.version),
    }
    response = post_form(client, f"/support/{case.id}/action-plan/{item.id}", data)
    assert response.status_code == 302
    _db.session.refresh(item)
    assert item.status == ActionStatus.DONE and not item.is_overdue(TODAY)
    # The same form again, on the version it was opened on: refused, nothing changes.
    data[f"{prefix}-status"] = "open"
    response = post_form(client, f"/support/{case.id}/action-plan/{item.id}", data)
    assert response.status_code == 302
    _db.session.refresh(item)
    assert item.status == ActionStatus.DONE
    other_case = make_case(case.organisation)
    assert (
        post_form(client, f"/support/{other_case.id}/action-plan/{item.id}", data).status_code
        == 404
    )


def test_a_plan_is_drafted_from_the_lowest_rated_clauses(client, db):
    _user, case = sme_with_case(client)
    response = post_form(client, f"/support/{case.id}/action-plan/draft")
    assert response.status_code == 302
    html = client.get(f"/support/{case.id}/action-plan").get_data(as_text=True)
    assert (
        message(
            "No diagnostic is completed yet: complete one, and the plan can then be drafted "
            "from the clauses rated lowest."
        )
        in html
    )
    assert _db.session.execute(select(func.count(ActionItem.id))).scalar() == 0

    ratings = {clause.number: "fully" for clause in rated_clauses()}
    ratings.update({"9.1": "not_started", "9.2": "not_started", "6.1": "partial", "6.2": "largely"})
    ratings["7.4"] = "not_applicable"
    make_diagnostic(case, 1, dict.fromkeys(ratings, "not_started"))  # an older one
    make_diagnostic(case, 2, ratings)
    make_diagnostic(case, 3, dict.fromkeys(ratings, "partial"), completed=False)  # a draft
    assert post_form(client, f"/support/{case.id}/action-plan/draft").status_code == 302
    items = _db.session.execute(select(ActionItem).order_by(ActionItem.id)).scalars().all()
    numbers = {c.id: c.number for c in rated_clauses()}
    assert [numbers[item.clause_id] for item in items] == ["9.1", "9.2", "6.1", "6.2"]
    html = client.get(f"/support/{case.id}/action-plan").get_data(as_text=True)
    assert (
        plural(
            "%(num)d action is drafted from diagnostic %(number)s: give it an owner and a "
            "due date.",
            "%(num)d actions are drafted from diagnostic %(number)s: give each an owner and "
            "a due date.",
            4,
            number=2,
        )
        in html
    )
    # Drafting again adds nothing for clauses with an action under way.
    post_form(client, f"/support/{case.id}/action-plan/draft")
    assert _db.session.execute(select(func.count(ActionItem.id))).scalar() == 4


# --- queries ------------------------------------------------------------------------------------


def test_the_result_page_runs_a_bounded_number_of_queries(client, db):
    _user, case = sme_with_case(client)
    make_diagnostic(case, 1, FIRST)
    make_diagnostic(case, 2, SECOND)
    client.get(f"/support/{case.id}/diagnostics/2/result")  # warm up
    with count_queries() as few:
        html = client.get(f"/support/{case.id}/diagnostics/2/result").get_data(as_text=True)
    assert 'id="clause-comparison"' in html
    for number in range(3, 9):
        make_diagnostic(case, number, FIRST if number % 2 else SECOND)
    with count_queries() as many:
        html = client.get(f"/support/{case.id}/diagnostics/8/result").get_data(as_text=True)
    assert 'id="clause-comparison"' in html
    assert few.count == many.count
    assert many.count <= 16, many.statements
    with count_queries() as listing:
        client.get(f"/support/{case.id}/diagnostics")
    assert listing.count <= few.count
