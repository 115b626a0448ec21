"""Records of the beneficiary's quality system linked as evidence of diagnostic answers
(issue 14, item 4): clause 5.2 → a version of the policy, 6.2 → an objective, 9.3 → a
management review; shown with links on the diagnostic and its result page; only records of
the case's own organisation can be linked."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.models import EvidenceLink, Rating, Role
from portal.services.certification import evidence, objectives, quality
from portal.services.certification.diagnostics import ClauseAnswer, answers_of, save_diagnostic
from portal.services.certification.evidence import EvidenceNotFound
from tests.certification.test_diagnostics import (
    form_data,
    make_case,
    make_diagnostic,
    rated_clauses,
    version_of,
)
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import make_user

TODAY = date(2025, 6, 15)


@pytest.fixture
def world(db, fixed_clock):
    user = make_user(Role.SME_USER, preferred_locale="fr")
    company = user.organisation
    case = make_case(company)
    policy_v1 = quality.record_policy(
        company,
        text_fr="Satisfaire nos clients.",
        text_ar="إرضاء زبنائنا.",
        approved_by="Directrice générale",
        approved_on=date(2024, 3, 1),
        recorder=user,
        today=TODAY,
    )
    policy_v2 = quality.record_policy(
        company,
        text_fr="Satisfaire nos clients; zéro défaut.",
        text_ar="إرضاء زبنائنا؛ صفر عيب.",
        approved_by="Directrice générale",
        approved_on=date(2025, 2, 1),
        recorder=user,
        today=TODAY,
    )
    objective = objectives.add_objective(
        company,
        {
            "title_fr": "Livraisons à l'heure",
            "title_ar": "التسليم في الوقت",
            "unit_fr": "%",
            "unit_ar": "%",
            "baseline": Decimal("80"),
            "baseline_date": date(2025, 1, 1),
            "target": Decimal("98"),
            "target_date": date(2025, 12, 31),
            "owner": "Logistique",
        },
        recorder=user,
    )
    review = quality.record_review(
        company,
        held_on=date(2025, 5, 20),
        inputs=["a", "c"],
        decisions="Recruter un technicien.",
        recorder=user,
        today=TODAY,
    )
    return {
        "user": user,
        "case": case,
        "policy_v1": policy_v1,
        "policy_v2": policy_v2,
        "objective": objective,
        "review": review,
    }


def _ratings() -> dict[str, str]:
    return {clause.number: "largely" for clause in rated_clauses()}


def test_the_evaluator_links_the_policy_an_objective_and_a_review(client, world, db):
    case = world["case"]
    sign_in(client, world["user"])
    assert post_form(client, f"/support/{case.id}/diagnostics/new").status_code == 302
    path = f"/support/{case.id}/diagnostics/1"
    page = client.get(path).get_data(as_text=True)
    assert 'name="evidence-5.2"' in page and "Politique qualité, version 2" in page
    links = {
        "evidence-5.2": f"policy-{world['policy_v2'].id}",
        "evidence-6.2": f"objective-{world['objective'].id}",
        "evidence-9.3": f"review-{world['review'].id}",
    }
    data = form_data(_ratings(), version=version_of(client, path), save="1") | links
    assert post_form(client, path, data).status_code == 302
    saved = db.session.execute(select(EvidenceLink).order_by(EvidenceLink.id)).scalars().all()
    assert [
        (link.policy_id, link.objective_id, link.review_id, link.linked_by_id) for link in saved
    ] == [
        (world["policy_v2"].id, None, None, world["user"].id),
        (None, world["objective"].id, None, world["user"].id),
        (None, None, world["review"].id, world["user"].id),
    ]
    page = client.get(path).get_data(as_text=True)
    # The form keeps the choice, and links to the record.
    assert re.search(
        rf'<option selected value="policy-{world["policy_v2"].id}"|'
        rf'<option value="policy-{world["policy_v2"].id}" selected',
        page,
    )
    assert f"/support/{case.id}/quality-objectives#objective-{world['objective'].id}" in page

    # Another record replaces the link (the earlier one is kept, removed); "none" unlinks.
    data = form_data(_ratings(), version=version_of(client, path), complete="1") | links
    data |= {"evidence-5.2": f"policy-{world['policy_v1'].id}", "evidence-9.3": ""}
    assert post_form(client, path, data).status_code == 302
    live = db.session.execute(select(EvidenceLink).order_by(EvidenceLink.id)).scalars().all()
    assert [(link.policy_id, link.objective_id) for link in live] == [
        (None, world["objective"].id),
        (world["policy_v1"].id, None),
    ]
    removed = db.session.execute(
        select(EvidenceLink)
        .where(EvidenceLink.deleted_at.is_not(None))
        .execution_options(include_deleted=True)
    ).scalars()
    assert len(list(removed)) == 2

    # Read-only now: the diagnostic and its result page show the records, with links.
    for url in (path, f"{path}/result"):
        page = client.get(url).get_data(as_text=True)
        assert "Politique qualité, version 1" in page
        assert "Objectif : Livraisons à l&#39;heure" in page
        assert f"/support/{case.id}/quality-policy" in page
        assert "Revue de direction du" not in page
    result = client.get(f"{path}/result").get_data(as_text=True)
    assert 'id="quality-evidence"' in result and 'data-clause="6.2"' in result


def test_only_records_of_the_case_organisation_can_be_linked(client, world, db):
    case = world["case"]
    stranger = make_user(Role.SME_USER)
    theirs = quality.record_policy(
        stranger.organisation,
        text_fr="Autre politique.",
        text_ar="سياسة أخرى.",
        approved_by="Gérant",
        approved_on=date(2025, 1, 1),
        recorder=stranger,
        today=TODAY,
    )
    diagnostic = make_diagnostic(case, 1, {}, completed=False)
    clause = next(c for c in rated_clauses() if c.number == "5.2")
    given = [ClauseAnswer(clause_id=clause.id, rating=Rating.FULLY, evidence=f"policy-{theirs.id}")]
    with pytest.raises(EvidenceNotFound):
        save_diagnostic(
            diagnostic,
            version=diagnostic.version,
            given=given,
            answers={},
            organisation_id=case.organisation_id,
            actor=world["user"],
        )
    for key in ("policy-abc", "certificate-1", f"review-{world['review'].id + 1000}"):
        with pytest.raises(EvidenceNotFound):
            evidence.check_records(case.organisation_id, [key])
    assert answers_of(diagnostic) == {}  # nothing saved
    assert db.session.execute(select(EvidenceLink)).scalars().all() == []

    # Through the form: a record not offered is refused with the form again.
    sign_in(client, world["user"])
    path = f"/support/{case.id}/diagnostics/1"
    data = form_data(_ratings(), version=version_of(client, path), save="1")
    refused = post_form(client, path, data | {"evidence-5.2": f"policy-{theirs.id}"})
    assert refused.status_code == 422
    assert db.session.execute(select(EvidenceLink)).scalars().all() == []


def test_a_record_linked_without_a_rating_is_refused(client, world, db):
    case = world["case"]
    make_diagnostic(case, 1, {}, completed=False)
    sign_in(client, world["user"])
    path = f"/support/{case.id}/diagnostics/1"
    data = {"version": version_of(client, path), "save": "1"}
    data["evidence-6.2"] = f"objective-{world['objective'].id}"
    assert post_form(client, path, data).status_code == 422


def test_the_diagnostic_pages_read_the_links_in_a_fixed_number_of_queries(client, world, db):
    case = world["case"]
    diagnostic = make_diagnostic(case, 1, _ratings(), completed=True)
    answers = list(answers_of(diagnostic).values())
    sign_in(client, world["user"])
    path = f"/support/{case.id}/diagnostics/1"

    def link(count: int) -> None:
        for answer in answers[:count]:
            db.session.add(EvidenceLink(answer_id=answer.id, objective_id=world["objective"].id))
        db.session.flush()

    counts = []
    for size in (1, 10):
        link(size)
        for url in (path, f"{path}/result"):
            client.get(url)
        with count_queries() as counter:
            assert client.get(path).status_code == 200
            assert client.get(f"{path}/result").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_a_removed_objective_stays_named_as_removed_evidence(client, world, db):
    case = world["case"]
    diagnostic = make_diagnostic(case, 1, _ratings(), completed=True)
    answer = next(iter(answers_of(diagnostic).values()))
    objective = world["objective"]
    db.session.add(EvidenceLink(answer_id=answer.id, objective_id=objective.id))
    db.session.flush()
    objectives.remove_objective(objective, version=objective.version)
    sign_in(client, world["user"])
    page = client.get(f"/support/{case.id}/diagnostics/1").get_data(as_text=True)
    assert "Un objectif qualité retiré depuis" in page
    assert "Livraisons à l&#39;heure" not in page
