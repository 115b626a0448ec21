"""Clause outlines of the standards, versioned: the four outlines the catalogue loads, the
guidance questions of ISO 9001 and IATF 16949 shown while rating, an administrator preparing,
editing and publishing a new version, a diagnostic keeping the version it was started with;
a diagnostic and an action plan as XLSX and as printable pages."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import (
    ActionItem,
    AuditEntry,
    CaseKind,
    CaseStage,
    ClauseQuestion,
    Diagnostic,
    DiagnosticAnswer,
    OrganisationKind,
    Rating,
    Role,
    Standard,
    StandardClause,
    StandardOutline,
    SupportCase,
)
from portal.services.certification import outlines
from portal.services.certification.diagnostics import (
    clauses_of,
    diagnostic_result,
    published_outline,
    questions_of,
    start_diagnostic,
)
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import EcosystemFactory, OrganisationFactory, make_user

TODAY = date(2026, 3, 2)
# Clauses of each outline the catalogue loads (main clauses and titled sub-clauses).
LOADED = {"iatf_16949": 179, "iso_14001": 45, "iso_45001": 56, "iso_iec_17025": 46}


def standard(code: str) -> Standard:
    return _db.session.execute(select(Standard).where(Standard.code == code)).scalar_one()


def outline_clauses(code: str) -> list[StandardClause]:
    return clauses_of(published_outline(standard(code).id).id)


def message(msgid: str, locale: str = "fr_MA", **values) -> str:
    with current_app.test_request_context(), force_locale(locale):
        return str(escape(gettext(msgid, **values)))


def make_case(organisation=None, code: str = "iso_9001", stage=CaseStage.DIAGNOSTIC):
    case = SupportCase(
        organisation_id=(organisation or OrganisationFactory(kind=OrganisationKind.SME)).id,
        ecosystem_id=EcosystemFactory().id,
        standard_id=standard(code).id,
        kind=CaseKind.INITIAL,
        stage=stage,
    )
    _db.session.add(case)
    _db.session.flush()
    return case


def sme_with_case(client, code: str = "iso_9001"):
    user = make_user(Role.SME_USER)
    case = make_case(user.organisation, code)
    sign_in(client, user)
    return user, case


def admin_client(client):
    admin = make_user(Role.ADMIN)
    sign_in(client, admin)
    return admin


# --- the outlines and questions loaded -------------------------------------------------------


@pytest.mark.parametrize("code", sorted(LOADED))
def test_the_four_outlines_load_with_every_clause_in_both_languages(db, code):
    clauses = outline_clauses(code)
    assert len(clauses) == LOADED[code]
    numbers = [clause.number for clause in clauses]
    assert len(set(numbers)) == len(numbers)
    assert [clause.position for clause in clauses] == list(range(1, len(clauses) + 1))
    for clause in clauses:
        assert clause.title_fr.strip() and clause.title_ar.strip() and clause.title_en.strip()
        assert re.search(r"[\u0600-\u06ff]", clause.title_ar), clause.number
        assert re.fullmatch(r"[0-9A-Z]+(\.[0-9A-Z]+)*", clause.number)
    # Every sub-clause sits under a top-level clause of the outline (a group of readiness).
    groups = {clause.number for clause in clauses if clause.is_group}
    assert {clause.group for clause in clauses} <= groups
    assert {"4", "10"} <= groups or code == "iso_iec_17025"


@pytest.mark.parametrize("code", ["iso_9001", "iatf_16949"])
def test_each_clause_of_iso_9001_and_iatf_16949_has_two_to_four_guidance_questions(db, code):
    clauses = outline_clauses(code)
    questions = questions_of(clauses)
    for clause in clauses:
        asked = questions.get(clause.id, [])
        assert 2 <= len(asked) <= 4, clause.number
        assert [q.position for q in asked] == list(range(1, len(asked) + 1))
        for question in asked:
            assert question.text_fr.strip().endswith("?")
            assert re.search(r"[\u0600-\u06ff]", question.text_ar)


def test_the_other_standards_have_no_questions_yet(db):
    for code in ("iso_14001", "iso_45001", "iso_iec_17025"):
        assert questions_of(outline_clauses(code)) == {}


def test_a_diagnostic_can_now_be_made_for_iatf_16949_and_shows_its_questions(client, db):
    user, case = sme_with_case(client, "iatf_16949")
    response = post_form(client, f"/support/{case.id}/diagnostics/new")
    assert response.status_code == 302
    html = client.get(f"/support/{case.id}/diagnostics/1").get_data(as_text=True)
    clause = next(c for c in outline_clauses("iatf_16949") if c.number == "8.5.1.1")
    question = questions_of([clause])[clause.id][0]
    assert escape(clause.title_fr) in html
    assert '<details class="guidance' in html
    assert str(escape(question.text_fr)) in html
    # In Arabic, the Arabic wording.
    user.preferred_locale = "ar"
    _db.session.flush()
    html = client.get(f"/support/{case.id}/diagnostics/1").get_data(as_text=True)
    assert str(escape(question.text_ar)) in html


def test_the_diagnostic_form_loads_its_questions_in_a_fixed_number_of_queries(client, db):
    """ISO 9001 (35 clauses, 92 questions) and IATF 16949 (179 clauses, 397 questions): the
    same statements (questions in one query, not one per clause)."""
    user = make_user(Role.SME_USER)
    sign_in(client, user)
    counts = []
    for code in ("iso_9001", "iatf_16949"):
        case = make_case(user.organisation, code)
        start_diagnostic(case, user)
        client.get(f"/support/{case.id}/diagnostics/1")  # warm the kept views
        with count_queries() as counted:
            html = client.get(f"/support/{case.id}/diagnostics/1").get_data(as_text=True)
        assert html.count('<details class="guidance') == len(
            [c for c in outline_clauses(code) if not c.is_group]
        )
        counts.append(counted.count)
    assert counts[0] == counts[1], counts


# --- versions: a diagnostic keeps its outline --------------------------------------------------


def publish_a_new_iso_9001_version(admin) -> StandardOutline:
    """Version 2 of ISO 9001: 4.1 renamed, 4.5 added, 10.3 removed, a question changed."""
    iso = standard("iso_9001")
    draft = outlines.prepare_draft(iso)
    clauses = {c.number: c for c in clauses_of(draft.id)}
    outlines.edit_clause(
        draft,
        clauses["4.1"],
        {
            "number": "4.1",
            "title_en": "The organization and its context",
            "title_fr": "L'organisme et son contexte (v2)",
            "title_ar": "المؤسسة وسياقها (ن2)",
        },
    )
    outlines.add_clause(
        draft,
        {
            "number": "4.5",
            "title_en": "Climate",
            "title_fr": "Changement climatique (v2)",
            "title_ar": "التغير المناخي",
        },
        position=6,
    )
    outlines.remove_clause(draft, clauses["10.3"])
    question = questions_of([clauses["4.2"]])[clauses["4.2"].id][0]
    outlines.edit_question(question, "Qui sont les parties intéressées (v2) ?", "من هي الأطراف؟")
    outlines.publish_draft(draft, admin)
    return draft


def test_a_diagnostic_made_before_a_new_version_keeps_its_outline(client, db):
    admin = make_user(Role.ADMIN)
    user, case = sme_with_case(client)
    first = start_diagnostic(case, user)
    old = {c.number: c for c in clauses_of(first.outline_id)}
    _db.session.add(
        DiagnosticAnswer(diagnostic_id=first.id, clause_id=old["4.1"].id, rating=Rating.PARTIAL)
    )
    _db.session.add(ActionItem(case_id=case.id, clause_id=old["10.3"].id, title="Améliorer"))
    _db.session.flush()
    old_titles = {number: clause.title_fr for number, clause in old.items()}
    old_question = questions_of([old["4.2"]])[old["4.2"].id][0].text_fr

    second_version = publish_a_new_iso_9001_version(admin)

    # The first outline's rows are as they were; the diagnostic still points at it.
    _db.session.expire_all()
    assert published_outline(standard("iso_9001").id).id == second_version.id
    kept = {c.number: c for c in clauses_of(first.outline_id)}
    assert {n: c.title_fr for n, c in kept.items()} == old_titles
    assert _db.session.get(Diagnostic, first.id).outline_id == first.outline_id
    html = client.get(f"/support/{case.id}/diagnostics/1").get_data(as_text=True)
    assert str(escape(old_titles["4.1"])) in html
    assert "(v2)" not in html
    assert 'id="clause-10.3"' in html
    assert str(escape(old_question)) in html
    assert "Qui sont les parties intéressées (v2) ?" not in html
    # The plan still names the clause its action points at, though version 2 removed it.
    plan = client.get(f"/support/{case.id}/action-plan").get_data(as_text=True)
    assert str(escape(old_titles["10.3"])) in plan

    # A diagnostic started now rates version 2.
    post_form(
        client,
        f"/support/{case.id}/diagnostics/1",
        {
            **{f"rating-{n}": "partial" for n, c in kept.items() if not c.is_group},
            "version": str(_db.session.get(Diagnostic, first.id).version),
            "complete": "1",
        },
    )
    response = post_form(client, f"/support/{case.id}/diagnostics/new")
    assert response.status_code == 302
    second = _db.session.execute(
        select(Diagnostic).where(Diagnostic.case_id == case.id, Diagnostic.number == 2)
    ).scalar_one()
    assert second.outline_id == second_version.id
    html = client.get(f"/support/{case.id}/diagnostics/2").get_data(as_text=True)
    assert "L&#39;organisme et son contexte (v2)" in html
    assert "Changement climatique (v2)" in html
    assert 'id="clause-10.3"' not in html
    assert "Qui sont les parties intéressées (v2) ?" in html


def test_a_diagnostic_on_a_new_version_is_compared_with_the_earlier_one_by_clause_number(db):
    admin = make_user(Role.ADMIN)
    user = make_user(Role.SME_USER)
    case = make_case(user.organisation)
    first = start_diagnostic(case, user)
    old = {c.number: c for c in clauses_of(first.outline_id)}
    for number in ("4.1", "5.1"):
        _db.session.add(
            DiagnosticAnswer(
                diagnostic_id=first.id, clause_id=old[number].id, rating=Rating.PARTIAL
            )
        )
    first.completed_on = TODAY
    _db.session.flush()
    publish_a_new_iso_9001_version(admin)
    second = start_diagnostic(case, user)
    new = {c.number: c for c in clauses_of(second.outline_id)}
    _db.session.add(
        DiagnosticAnswer(diagnostic_id=second.id, clause_id=new["5.1"].id, rating=Rating.FULLY)
    )
    _db.session.flush()
    result = diagnostic_result(second, clauses_of(second.outline_id))
    assert result.earlier.id == first.id
    assert result.changes == {new["5.1"].id: 2}


# --- the administrator's pages -------------------------------------------------------------------


def test_the_catalogue_lists_every_standard_with_its_version_and_clause_count(client, db):
    admin_client(client)
    html = client.get("/admin/standards").get_data(as_text=True)
    for reference, count in [
        ("ISO 9001:2015", 35),
        ("IATF 16949:2016", 179),
        ("ISO 14001:2015", 45),
        ("ISO 45001:2018", 56),
        ("ISO/IEC 17025:2017", 46),
        ("ISO 22000:2018", 0),
    ]:
        row = re.search(rf"{re.escape(reference)}</a></th>(.*?)</tr>", html, re.S).group(1)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        assert cells[2].strip() == "1", reference
        assert cells[3].strip() == str(count), reference
    # Reached from the administrator's menu and home.
    home = client.get("/home").get_data(as_text=True)
    assert home.count('href="/admin/standards"') >= 2


def test_an_outline_page_reads_its_clauses_and_questions_in_a_fixed_number_of_queries(client, db):
    admin_client(client)
    counts = []
    for code in ("iso_9001", "iatf_16949"):
        path = f"/admin/standards/{standard(code).id}"
        client.get(path)  # warm the kept views
        with count_queries() as counted:
            html = client.get(path).get_data(as_text=True)
        assert html.count('class="list-group-item') == len(outline_clauses(code))
        counts.append(counted.count)
    assert counts[0] == counts[1], counts


def test_an_administrator_prepares_edits_and_publishes_a_version_through_the_pages(client, db):
    admin_client(client)
    iso = standard("iso_14001")
    base = f"/admin/standards/{iso.id}"
    assert "Préparer une nouvelle version" in client.get(base).get_data(as_text=True)
    response = post_form(client, f"{base}/draft/new")
    assert response.headers["Location"].endswith(f"{base}/draft")
    draft = outlines.draft_outline(iso)
    assert draft.number == 2 and not draft.published
    assert len(clauses_of(draft.id)) == 45

    response = post_form(
        client,
        f"{base}/draft/clauses",
        {
            "number": "6.1.5",
            "title_en": "Climate change",
            "title_fr": "Changement climatique",
            "title_ar": "التغير المناخي",
            "position": "2",
        },
    )
    assert response.status_code == 302
    added = next(c for c in clauses_of(draft.id) if c.number == "6.1.5")
    assert added.position == 2
    # A number the draft has is refused.
    response = post_form(
        client,
        f"{base}/draft/clauses",
        {"number": "6.1.5", "title_en": "x", "title_fr": "x", "title_ar": "س"},
    )
    assert len([c for c in clauses_of(draft.id) if c.number == "6.1.5"]) == 1
    # Put in place, questions added, moved and one removed.
    response = post_form(
        client,
        f"{base}/draft/clauses/{added.id}",
        {
            "number": "6.1.5",
            "title_en": "Climate change",
            "title_fr": "Changement climatique et environnement",
            "title_ar": "التغير المناخي والبيئة",
            "position": "30",
        },
    )
    assert response.status_code == 302
    _db.session.refresh(added)
    assert added.position == 30 and added.title_fr == "Changement climatique et environnement"
    for text in ("Première ?", "Deuxième ?", "Troisième ?"):
        response = post_form(
            client,
            f"{base}/draft/clauses/{added.id}/questions",
            {"new-text_fr": text, "new-text_ar": "سؤال؟"},
        )
        assert response.status_code == 302
    asked = questions_of([added])[added.id]
    post_form(
        client, f"{base}/draft/clauses/{added.id}/questions/{asked[2].id}/move", {"step": "up"}
    )
    post_form(client, f"{base}/draft/clauses/{added.id}/questions/{asked[0].id}/remove")
    _db.session.expire_all()
    assert [q.text_fr for q in questions_of([added])[added.id]] == ["Troisième ?", "Deuxième ?"]
    page = client.get(f"{base}/draft/clauses/{added.id}").get_data(as_text=True)
    assert page.index("Troisième ?") < page.index("Deuxième ?")

    response = post_form(client, f"{base}/draft/publish")
    assert response.headers["Location"].endswith(base)
    _db.session.expire_all()
    assert published_outline(iso.id).id == draft.id
    html = client.get(base).get_data(as_text=True)
    assert "Changement climatique et environnement" in html
    assert "Troisième ?" in html
    # Every change is in the audit trail.
    entries = {
        (entry.entity_type, entry.action)
        for entry in _db.session.execute(select(AuditEntry)).scalars()
        if entry.entity_type in ("standard_outlines", "standard_clauses", "clause_questions")
    }
    assert {
        ("standard_outlines", "insert"),
        ("standard_outlines", "update"),
        ("standard_clauses", "insert"),
        ("standard_clauses", "update"),
        ("clause_questions", "insert"),
        ("clause_questions", "delete"),
    } <= entries


def test_an_administrator_adds_a_standard_and_publishes_its_first_outline(client, db):
    admin_client(client)
    data = {
        "code": "iso_50001",
        "reference": "ISO 50001:2018",
        "name_fr": "Systèmes de management de l'énergie",
        "name_ar": "أنظمة تدبير الطاقة",
        "active": "y",
    }
    response = post_form(client, "/admin/standards/new", data)
    assert response.status_code == 302
    added = standard("iso_50001")
    assert response.headers["Location"].endswith(f"/admin/standards/{added.id}")
    assert published_outline(added.id) is None
    # The same code again is refused.
    response = post_form(client, "/admin/standards/new", {**data, "reference": "Autre"})
    assert response.status_code == 422
    post_form(client, f"/admin/standards/{added.id}/draft/new")
    draft = outlines.draft_outline(added)
    assert draft.number == 1 and clauses_of(draft.id) == []
    for number, title in [("4", "Contexte"), ("4.1", "Enjeux")]:
        post_form(
            client,
            f"/admin/standards/{added.id}/draft/clauses",
            {"number": number, "title_en": title, "title_fr": title, "title_ar": "السياق"},
        )
    post_form(client, f"/admin/standards/{added.id}/draft/publish")
    _db.session.expire_all()
    assert published_outline(added.id).id == draft.id
    assert [c.number for c in clauses_of(draft.id)] == ["4", "4.1"]


def test_a_published_outline_cannot_be_edited(client, db):
    admin_client(client)
    iso = standard("iso_9001")
    clause = outline_clauses("iso_9001")[1]
    response = client.get(f"/admin/standards/{iso.id}/draft/clauses/{clause.id}")
    assert response.status_code == 404  # no draft
    outlines.prepare_draft(iso)
    # A clause of the published version is not a clause of the draft.
    response = post_form(client, f"/admin/standards/{iso.id}/draft/clauses/{clause.id}/remove")
    assert response.status_code == 404
    assert not _db.session.get(StandardClause, clause.id).is_deleted


def test_an_outline_and_a_clause_are_bounded(db, monkeypatch):
    iso = standard("iso_45001")
    draft = outlines.prepare_draft(iso)
    monkeypatch.setattr(outlines, "MAX_OUTLINE_CLAUSES", 56)
    with pytest.raises(outlines.OutlineError):
        outlines.add_clause(
            draft, {"number": "11", "title_en": "x", "title_fr": "x", "title_ar": "س"}
        )
    clause = clauses_of(draft.id)[1]
    for number in range(4):
        outlines.add_question(clause, f"Question {number} ?", "سؤال؟")
    with pytest.raises(outlines.OutlineError):
        outlines.add_question(clause, "Une de trop ?", "سؤال؟")
    assert len(questions_of([clause])[clause.id]) == 4


def test_an_outline_without_a_clause_to_rate_is_not_published(db):
    iso = standard("iso_22000")
    draft = outlines.prepare_draft(iso)
    outlines.add_clause(
        draft, {"number": "4", "title_en": "Context", "title_fr": "Contexte", "title_ar": "السياق"}
    )
    with pytest.raises(outlines.OutlineError):
        outlines.publish_draft(draft, make_user(Role.ADMIN))
    assert not draft.published


def test_the_standard_form_refuses_a_stale_edit(client, db):
    admin_client(client)
    iso = standard("iso_45001")
    page = client.get(f"/admin/standards/{iso.id}").get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    data = {
        "reference": "ISO 45001:2018",
        "name_fr": "Santé et sécurité au travail",
        "name_ar": "الصحة والسلامة المهنية",
        "active": "y",
        "version": version,
    }
    assert post_form(client, f"/admin/standards/{iso.id}", data).status_code == 302
    _db.session.refresh(iso)
    assert iso.name_fr == "Santé et sécurité au travail"
    response = post_form(client, f"/admin/standards/{iso.id}", {**data, "name_fr": "Autre"})
    assert response.status_code == 302
    _db.session.expire_all()
    assert _db.session.get(Standard, iso.id).name_fr == "Santé et sécurité au travail"
    entry = _db.session.execute(
        select(AuditEntry).where(
            AuditEntry.entity_type == "standards", AuditEntry.action == "update"
        )
    ).scalar_one()
    assert "name_fr" in entry.changes


# --- exports and printable pages --------------------------------------------------------------


def answered_diagnostic(case, user) -> Diagnostic:
    diagnostic = start_diagnostic(case, user)
    clauses = {c.number: c for c in clauses_of(diagnostic.outline_id)}
    _db.session.add_all(
        [
            DiagnosticAnswer(
                diagnostic_id=diagnostic.id,
                clause_id=clauses["4.1"].id,
                rating=Rating.LARGELY,
                evidence_note="Analyse SWOT 2025",
            ),
            DiagnosticAnswer(
                diagnostic_id=diagnostic.id,
                clause_id=clauses["7.4"].id,
                rating=Rating.NOT_APPLICABLE,
                justification="Aucune communication externe",
            ),
        ]
    )
    _db.session.flush()
    return diagnostic


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.get_data()), read_only=True)
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def test_a_diagnostic_exports_to_xlsx_in_the_readers_language(client, db):
    user, case = sme_with_case(client)
    answered_diagnostic(case, user)
    rows = sheet_rows(client.get(f"/support/{case.id}/diagnostics/1/export.xlsx"))
    assert rows[0] == tuple(
        message(header)
        for header in ("Clause", "Title", "Rating", "Justification", "Evidence note")
    )
    assert len(rows) == 1 + 28  # the sub-clauses of ISO 9001
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number["4.1"] == (
        "4.1",
        "Compréhension de l'organisme et de son contexte",
        message("Largely implemented"),
        None,
        "Analyse SWOT 2025",
    )
    assert by_number["7.4"][2:4] == (message("Not applicable"), "Aucune communication externe")
    assert by_number["8.1"][2] == message("Not rated")
    user.preferred_locale = "ar"
    _db.session.flush()
    rows = sheet_rows(client.get(f"/support/{case.id}/diagnostics/1/export.xlsx"))
    assert rows[1][:3] == ("4.1", "فهم المؤسسة وسياقها", message("Largely implemented", "ar_MA"))


def test_the_printable_diagnostic_and_plan_have_no_navigation(client, db):
    user, case = sme_with_case(client)
    answered_diagnostic(case, user)
    _db.session.add(ActionItem(case_id=case.id, title="Rédiger la politique", owner="Qualité"))
    _db.session.flush()
    page = client.get(f"/support/{case.id}/diagnostics/1").get_data(as_text=True)
    assert f'href="/support/{case.id}/diagnostics/1/print"' in page
    assert f'href="/support/{case.id}/diagnostics/1/export.xlsx"' in page
    html = client.get(f"/support/{case.id}/diagnostics/1/print").get_data(as_text=True)
    assert "site-header" not in html and "navbar" not in html
    assert "Analyse SWOT 2025" in html and "Aucune communication externe" in html
    assert "css/print.css" in html
    plan = client.get(f"/support/{case.id}/action-plan").get_data(as_text=True)
    assert f'href="/support/{case.id}/action-plan/print"' in plan
    html = client.get(f"/support/{case.id}/action-plan/print").get_data(as_text=True)
    assert "navbar" not in html and "Rédiger la politique" in html
    rows = sheet_rows(client.get(f"/support/{case.id}/action-plan/export.xlsx"))
    assert rows[0][:3] == (message("Action"), message("Clause"), message("Owner"))
    assert rows[1][0] == "Rédiger la politique" and rows[1][2] == "Qualité"


def test_questions_of_a_removed_clause_stay_out_of_the_draft(db):
    iso = standard("iso_9001")
    draft = outlines.prepare_draft(iso)
    clause = next(c for c in clauses_of(draft.id) if c.number == "9.2")
    outlines.remove_clause(draft, clause)
    assert "9.2" not in [c.number for c in clauses_of(draft.id)]
    assert questions_of([clause]) == {}
    assert (
        _db.session.execute(
            select(ClauseQuestion)
            .where(ClauseQuestion.clause_id == clause.id)
            .execution_options(include_deleted=True)
        )
        .scalars()
        .all()
    )
