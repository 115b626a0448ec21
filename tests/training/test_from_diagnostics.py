"""From diagnostics to training (issue 16, item 4): the clauses a diagnostic rates low propose
the topics mapped to them; one click declares the need (once), which keeps its diagnostic;
the demand says how much diagnostics brought; federation staff maintain the mapping (the
browser journey: tests/browser/test_training_from_diagnostic.py)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy import text as sa_text

from portal.extensions import db as _db
from portal.models import (
    ClauseTopic,
    DiagnosticAnswer,
    NeedStatus,
    OrganisationKind,
    Rating,
    StandardClause,
    TrainingNeed,
    TrainingTopic,
)
from portal.services.training import from_diagnostics
from tests.conftest import post_form, sign_in
from tests.factories import (
    DiagnosticFactory,
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    SupportCaseFactory,
    make_user,
)

TODAY = date(2027, 1, 11)


@pytest.fixture
def world(db, fixed_clock):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=amica)
    company = MembershipFactory(ecosystem=ecosystem).organisation
    case = SupportCaseFactory(organisation_id=company.id, ecosystem_id=ecosystem.id)
    diagnostic = DiagnosticFactory(case_id=case.id, number=1, completed_on=TODAY)
    clauses = {
        clause.number: clause
        for clause in _db.session.execute(
            select(StandardClause).where(
                StandardClause.standard_id == case.standard_id,
                StandardClause.outline_id == diagnostic.outline_id,
            )
        ).scalars()
    }
    ratings = {"9.2": Rating.NOT_STARTED, "10.2": Rating.PARTIAL, "7.2": Rating.FULLY}
    for number, rating in ratings.items():
        _db.session.add(
            DiagnosticAnswer(
                diagnostic_id=diagnostic.id, clause_id=clauses[number].id, rating=rating
            )
        )
    _db.session.flush()
    return {
        "staff": make_user("federation_staff", organisation=amica),
        "user": make_user("sme_user", organisation=company),
        "case": case,
        "diagnostic": diagnostic,
        "topics": {t.code: t for t in _db.session.execute(select(TrainingTopic)).scalars().all()},
    }


def result_path(world) -> str:
    return f"/support/{world['case'].id}/diagnostics/1/result"


def test_the_clauses_rated_low_propose_their_topics(world):
    found = {
        (p.clause.number, p.topic.code, p.rating)
        for p in from_diagnostics.proposals(world["case"], world["diagnostic"])
    }
    assert found == {
        ("9.2", "internal_auditor", Rating.NOT_STARTED),
        ("10.2", "problem_solving_8d", Rating.PARTIAL),
    }  # 7.2 is fully implemented: nothing proposed


def test_one_click_declares_the_need_once_and_it_keeps_its_diagnostic(client, world):
    sign_in(client, world["user"])
    auditor = world["topics"]["internal_auditor"]
    response = post_form(
        client, f"{result_path(world)[:-7]}/training-needs", {"topic_id": auditor.id}
    )
    assert response.status_code == 302
    need = _db.session.execute(
        select(TrainingNeed).where(TrainingNeed.topic_id == auditor.id)
    ).scalar_one()
    assert (need.status, need.people, need.diagnostic_id, need.quarter) == (
        NeedStatus.SUBMITTED,
        1,
        world["diagnostic"].id,
        "2027-Q2",
    )
    assert need.priority.value == "high"  # 9.2 not started
    html = client.get(result_path(world)).get_data(as_text=True)
    assert 'data-clause="9.2" data-topic="internal_auditor"' in html
    # A second click is refused: the need is declared.
    again = post_form(client, f"{result_path(world)[:-7]}/training-needs", {"topic_id": auditor.id})
    assert again.status_code == 302
    count = _db.session.execute(
        select(TrainingNeed).where(TrainingNeed.topic_id == auditor.id)
    ).all()
    assert len(count) == 1


def test_a_topic_the_diagnostic_does_not_propose_is_refused(client, world):
    sign_in(client, world["user"])
    lean = world["topics"]["lean"]
    post_form(client, f"{result_path(world)[:-7]}/training-needs", {"topic_id": lean.id})
    assert _db.session.execute(select(TrainingNeed)).first() is None


def test_another_company_cannot_declare_from_this_diagnostic(client, world):
    sign_in(client, make_user("sme_user"))
    auditor = world["topics"]["internal_auditor"]
    response = post_form(
        client, f"{result_path(world)[:-7]}/training-needs", {"topic_id": auditor.id}
    )
    assert response.status_code == 404
    assert _db.session.execute(select(TrainingNeed)).first() is None


def declare_auditor_need(app, world) -> TrainingNeed:
    """The company declares the internal-auditor training its diagnostic proposes."""
    with app.test_request_context():
        return from_diagnostics.declare_from_diagnostic(
            world["user"],
            world["case"],
            world["diagnostic"],
            world["topics"]["internal_auditor"].id,
            TODAY,
        )


def test_the_demand_tells_how_much_came_from_diagnostics(app, client, world):
    need = declare_auditor_need(app, world)
    need.people = 4
    need.status = NeedStatus.VALIDATED
    _db.session.flush()
    figures = from_diagnostics.demand_from_diagnostics(world["staff"])
    assert (figures.people, figures.needs) == (4, 1)
    assert from_diagnostics.demand_from_diagnostics(make_user("federation_staff")).people == 0
    sign_in(client, world["staff"])
    html = client.get("/training/demand").get_data(as_text=True)
    assert 'id="from-diagnostics"' in html


def test_federation_staff_maintain_the_mapping(client, world):
    sign_in(client, world["staff"])
    case = world["case"]
    lean = world["topics"]["lean"]
    form = {"standard_id": str(case.standard_id), "clause_number": "9.2", "topic_id": str(lean.id)}
    assert post_form(client, "/training/topics/clauses", form).status_code == 302
    assert {p.topic.code for p in from_diagnostics.proposals(case, world["diagnostic"])} >= {"lean"}
    # The same pair again, or a clause the standard does not have: refused.
    assert post_form(client, "/training/topics/clauses", form).status_code == 422
    unknown = {**form, "clause_number": "99.9"}
    assert post_form(client, "/training/topics/clauses", unknown).status_code == 422
    mapping = _db.session.execute(
        select(ClauseTopic).where(
            ClauseTopic.topic_id == lean.id, ClauseTopic.clause_number == "9.2"
        )
    ).scalar_one()
    removed = post_form(client, f"/training/topics/clauses/{mapping.id}/remove")
    assert removed.status_code == 302
    assert "lean" not in {
        p.topic.code for p in from_diagnostics.proposals(case, world["diagnostic"])
    }
    sign_in(client, world["user"])
    assert client.get("/training/topics/clauses").status_code == 403


def test_the_share_from_diagnostics_reads_only_the_needs_declared_from_one(app, world):
    """Many validated needs, one from a diagnostic: the figure reads the partial index of the
    needs that have one (main read every validated need of the scope through the status or
    the ecosystem index: 0.5 s on the demand page with a million needs)."""
    from tests.plans import captured_selects, plan_lines

    need = declare_auditor_need(app, world)
    need.status = NeedStatus.VALIDATED
    columns = {
        column.key: getattr(need, column.key)
        for column in TrainingNeed.__table__.columns
        if column.key not in ("id", "diagnostic_id")
    }
    _db.session.add_all(TrainingNeed(**columns) for _ in range(300))
    _db.session.flush()
    if _db.engine.dialect.name == "postgresql":
        # PostgreSQL plans from statistics (SQLite's planner, without any, is told the index)
        _db.session.execute(sa_text("ANALYZE training_needs"))
    for user in (world["staff"], make_user("ministry_officer")):
        sent = captured_selects(lambda user=user: from_diagnostics.demand_from_diagnostics(user))
        (statement, parameters), *_ = [item for item in sent if "diagnostic_id" in item[0]]
        lines = plan_lines(statement, parameters)
        assert any(re.search(r"\bix_training_needs_diagnostic\b", line) for line in lines), lines


def test_the_kept_mapping_follows_a_new_pair_and_a_renamed_topic(client, world):
    """The mapping's table is kept as HTML (issue 11) until a table it was read from
    changes: a pair added, a topic renamed, a pair removed show on the next visit."""
    sign_in(client, world["staff"])
    lean = world["topics"]["lean"]
    client.get("/training/topics/clauses")
    mapping = ClauseTopic(
        standard_id=world["case"].standard_id, clause_number="9.2", topic_id=lean.id
    )
    _db.session.add(mapping)
    _db.session.flush()
    html = client.get("/training/topics/clauses").get_data(as_text=True)
    assert f"/training/topics/clauses/{mapping.id}/remove" in html
    lean.name_fr = "Production au plus juste"
    _db.session.flush()
    assert "Production au plus juste" in client.get("/training/topics/clauses").get_data(
        as_text=True
    )
    from_diagnostics.remove_clause_topic(mapping, TODAY)
    html = client.get("/training/topics/clauses").get_data(as_text=True)
    assert f"/training/topics/clauses/{mapping.id}/remove" not in html


def test_the_kept_form_posts_with_the_session_token_and_a_refusal_shows_its_error(
    app, client, world
):
    """The blank form is kept as HTML with the rows (issue 11): served again, it carries
    this session's CSRF token (the add goes through); a refused add shows its error, 422."""
    app.config["WTF_CSRF_ENABLED"] = True
    sign_in(client, world["staff"])
    client.get("/training/topics/clauses")
    kept = client.get("/training/topics/clauses").get_data(as_text=True)
    assert "placeholder" not in kept
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', kept) or re.search(
        r'name="csrf_token" value="([^"]+)"', kept
    )
    form = {
        "csrf_token": token.group(1),
        "standard_id": str(world["case"].standard_id),
        "clause_number": "9.2",
        "topic_id": str(world["topics"]["lean"].id),
    }
    assert client.post("/training/topics/clauses", data=form).status_code == 302
    refused = client.post("/training/topics/clauses", data={**form, "clause_number": "99.9"})
    assert refused.status_code == 422
    assert 'class="invalid-feedback d-block"' in refused.get_data(as_text=True)
