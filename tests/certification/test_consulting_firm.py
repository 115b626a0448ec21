"""A consulting firm assigned to a support case (issue 14, item 1): the lead federation
assigns it beside the expert, its consultants are told, open the case and its tabs, work on it
when the federation lets the expert and the firm contribute, and see no other case nor
anything else of other organisations; a consultant of another firm gets 404; the consultant's
home lists the firm's cases in a bounded number of queries."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.authz import (
    can_work_on_case,
    case_in_scope,
    home_kind,
    is_assigned_consultant,
)
from portal.authz.core import HomeKind
from portal.extensions import db as _db
from portal.models import (
    ActionItem,
    CaseStage,
    Diagnostic,
    Notification,
    OrganisationKind,
    Role,
    StandardClause,
    SupportCase,
)
from portal.services.certification import save_case_details
from portal.services.certification.cases import CertificationError
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import (
    DiagnosticFactory,
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    SupportCaseFactory,
    make_user,
    standard,
)


@pytest.fixture
def world(db):
    """AMICA's ecosystem, a member company's ISO 9001 case at the action-plan stage (a
    completed diagnostic, an action) and another company's case; two consulting firms, each
    with a consultant."""
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=amica)
    company = MembershipFactory(ecosystem=ecosystem).organisation
    neighbour = MembershipFactory(ecosystem=ecosystem).organisation
    case = SupportCaseFactory(
        organisation_id=company.id, ecosystem_id=ecosystem.id, stage=CaseStage.ACTION_PLAN
    )
    other_case = SupportCaseFactory(
        organisation_id=neighbour.id, ecosystem_id=ecosystem.id, stage=CaseStage.DIAGNOSTIC
    )
    DiagnosticFactory(case_id=case.id, number=1, completed_on=date(2025, 1, 15))
    clause = _db.session.execute(
        select(StandardClause).where(
            StandardClause.standard_id == standard().id, StandardClause.number == "4.1"
        )
    ).scalar_one()
    item = ActionItem(case_id=case.id, clause_id=clause.id, title="Cartographier les processus")
    _db.session.add(item)
    firm = OrganisationFactory(kind=OrganisationKind.CONSULTING_FIRM, name_fr="Qualitas Conseil")
    rival = OrganisationFactory(kind=OrganisationKind.CONSULTING_FIRM, name_fr="Autre Conseil")
    _db.session.flush()
    return {
        "ecosystem": ecosystem,
        "case": case,
        "other_case": other_case,
        "item": item,
        "company": company,
        "staff": make_user(Role.FEDERATION_STAFF, organisation=amica),
        "firm": firm,
        "consultant": make_user(Role.CONSULTANT, organisation=firm),
        "colleague": make_user(Role.CONSULTANT, organisation=firm),
        "rival": make_user(Role.CONSULTANT, organisation=rival),
    }


def assign(client, world, *, contribute: bool = False) -> None:
    """The federation assigns the firm to the case (no expert)."""
    case = world["case"]
    sign_in(client, world["staff"])
    data = {"expert_id": 0, "consulting_firm_id": world["firm"].id, "version": case.version}
    if contribute:
        data["expert_may_contribute"] = "y"
    assert post_form(client, f"/support/{case.id}/details", data).status_code == 302
    _db.session.refresh(case)


def case_paths(case: SupportCase) -> list[str]:
    return [
        f"/support/{case.id}",
        f"/support/{case.id}/diagnostics",
        f"/support/{case.id}/diagnostics/1",
        f"/support/{case.id}/diagnostics/1/result",
        f"/support/{case.id}/action-plan",
        f"/support/{case.id}/quality-policy",
        f"/support/{case.id}/management-reviews",
    ]


def firm_notified(db) -> list[int]:
    return list(
        db.session.execute(
            select(Notification.user_id).where(Notification.kind == "support_case_firm_assigned")
        ).scalars()
    )


def test_the_federation_assigns_the_firm_and_its_consultants_are_told(client, db, world):
    case = world["case"]
    sign_in(client, world["staff"])
    form = client.get(f"/support/{case.id}").get_data(as_text=True)
    assert 'name="consulting_firm_id"' in form and "Qualitas Conseil" in form
    assign(client, world)
    assert case.consulting_firm_id == world["firm"].id and case.expert_id is None
    assert sorted(firm_notified(db)) == sorted([world["consultant"].id, world["colleague"].id])
    assert "Qualitas Conseil" in client.get(f"/support/{case.id}").get_data(as_text=True)

    # Saving the case again tells nobody twice.
    data = {"expert_id": 0, "consulting_firm_id": world["firm"].id, "version": case.version}
    assert post_form(client, f"/support/{case.id}/details", data).status_code == 302
    assert len(firm_notified(db)) == 2


def test_only_a_consulting_firm_can_be_assigned(db, world):
    case = world["case"]
    with pytest.raises(CertificationError):
        save_case_details(
            case,
            version=case.version,
            expert_id=None,
            funding_programme="",
            cofinancing_rate=None,
            expert_may_contribute=False,
            consulting_firm_id=world["company"].id,
        )


def test_a_consultant_of_the_assigned_firm_opens_the_case_and_nothing_else(client, db, world):
    case, other_case = world["case"], world["other_case"]
    assign(client, world)
    consultant = world["consultant"]
    assert home_kind(consultant) == HomeKind.CONSULTANT
    assert is_assigned_consultant(consultant, case)
    assert case_in_scope(consultant, case.id) and not case_in_scope(consultant, other_case.id)

    sign_in(client, consultant)
    for path in case_paths(case):
        assert client.get(path).status_code == 200, path
    page = client.get(f"/support/{case.id}").get_data(as_text=True)
    assert 'id="consultant-role"' in page
    assert 'id="workflow"' not in page  # the federation runs the case
    listed = client.get("/support/").get_data(as_text=True)
    assert f'href="/support/{case.id}"' in listed
    assert f'href="/support/{other_case.id}"' not in listed
    # Nothing else of other organisations: the other case, the company's profile.
    for path in case_paths(other_case)[:2]:
        assert client.get(path).status_code == 404, path
    assert client.get(f"/organisations/{world['company'].id}").status_code == 404
    # The workflow stays the federation's.
    moved = post_form(client, f"/support/{case.id}/advance", {"to": "implementation"})
    assert moved.status_code == 403


def test_a_consultant_of_another_firm_gets_404(client, db, world):
    case = world["case"]
    assign(client, world, contribute=True)
    sign_in(client, world["rival"])
    for path in case_paths(case):
        assert client.get(path).status_code == 404, path
    assert post_form(client, f"/support/{case.id}/diagnostics/new").status_code == 404
    listed = client.get("/support/")
    assert listed.status_code == 200
    assert f'href="/support/{case.id}"' not in listed.get_data(as_text=True)


def test_the_consultant_works_on_the_case_only_when_the_federation_allows_it(client, db, world):
    case, item = world["case"], world["item"]
    assign(client, world)
    consultant = world["consultant"]
    assert not can_work_on_case(consultant, case)
    sign_in(client, consultant)
    refused = post_form(client, f"/support/{case.id}/action-plan", {"title": "Nouvelle action"})
    assert refused.status_code == 403
    assert post_form(client, f"/support/{case.id}/diagnostics/new").status_code == 403

    assign(client, world, contribute=True)
    assert can_work_on_case(consultant, case)
    sign_in(client, consultant)
    assert post_form(client, f"/support/{case.id}/diagnostics/new").status_code == 302
    second = db.session.scalar(
        select(Diagnostic).where(Diagnostic.case_id == case.id, Diagnostic.number == 2)
    )
    assert second is not None and second.created_by_id == consultant.id
    added = post_form(client, f"/support/{case.id}/action-plan", {"title": "Former les pilotes"})
    assert added.status_code == 302
    updated = post_form(
        client,
        f"/support/{case.id}/action-plan/{item.id}",
        {
            f"item-{item.id}-status": "in_progress",
            f"item-{item.id}-owner": "Responsable qualité",
            f"item-{item.id}-version": item.version,
        },
    )
    assert updated.status_code == 302
    titles = set(
        db.session.execute(select(ActionItem.title).where(ActionItem.case_id == case.id)).scalars()
    )
    assert titles == {"Cartographier les processus", "Former les pilotes"}


def test_a_firm_taken_off_the_case_loses_it(client, db, world):
    case = world["case"]
    assign(client, world, contribute=True)
    sign_in(client, world["staff"])
    data = {"expert_id": 0, "consulting_firm_id": 0, "version": case.version}
    assert post_form(client, f"/support/{case.id}/details", data).status_code == 302
    _db.session.refresh(case)
    assert case.consulting_firm_id is None
    sign_in(client, world["consultant"])
    assert client.get(f"/support/{case.id}").status_code == 404


def test_the_consultants_home_lists_the_firms_cases_with_what_is_pending(client, db, world):
    case = world["case"]
    assign(client, world)
    sign_in(client, world["consultant"])
    home = client.get("/home").get_data(as_text=True)
    # The plan has an action: the federation's move (to implementation), shown on the case.
    assert f'href="/support/{case.id}"' in home
    assert f"/support/{world['other_case'].id}" not in home
    # A case where the beneficiary's part is pending links to where it is done.
    pending = SupportCaseFactory(
        organisation_id=world["company"].id,
        ecosystem_id=world["ecosystem"].id,
        stage=CaseStage.DIAGNOSTIC,
        consulting_firm_id=world["firm"].id,
    )
    home = client.get("/home").get_data(as_text=True)
    assert f'href="/support/{pending.id}/diagnostics"' in home
    assert 'href="/support/"' in home  # the navigation's entry to the firm's cases


def _home_queries(client, world, extra: int) -> int:
    firm = world["firm"]
    for _ in range(extra):
        company = MembershipFactory(ecosystem=world["ecosystem"]).organisation
        SupportCaseFactory(
            organisation_id=company.id,
            ecosystem_id=world["case"].ecosystem_id,
            stage=CaseStage.IMPLEMENTATION,
            consulting_firm_id=firm.id,
        )
    _db.session.flush()
    client.get("/home")  # warm the kept views, as a second visit would
    with count_queries() as queries:
        assert client.get("/home").status_code == 200
    return queries.count


def test_the_consultants_home_sends_a_bounded_number_of_queries(client, db, world):
    assign(client, world)
    sign_in(client, world["consultant"])
    few = _home_queries(client, world, 1)
    many = _home_queries(client, world, 12)
    assert many == few


def test_the_demo_has_a_consultant_on_a_case_and_a_member_public_body(app, client, db):
    from portal.demo.seed import seed
    from portal.models import Membership, MembershipStatus, Organisation, User
    from tests.conftest import csrf_token

    with app.test_request_context():
        report = seed()
    accounts = {email: password for email, _role, password in report.accounts}
    consultant = db.session.execute(
        select(User).where(User.email == "conseil@example.org")
    ).scalar_one()
    assert consultant.role == Role.CONSULTANT
    # The firm works on a company's case under way and on the urban agency's certified one.
    cases = (
        db.session.execute(
            select(SupportCase).where(SupportCase.consulting_firm_id == consultant.organisation_id)
        )
        .scalars()
        .all()
    )
    assert len(cases) == 2
    body = db.session.execute(
        select(Organisation).where(Organisation.kind == OrganisationKind.PUBLIC_BODY)
    ).scalar_one()
    assert body.name_fr == "Agence urbaine de Tanger"
    membership = db.session.execute(
        select(Membership).where(Membership.organisation_id == body.id)
    ).scalar_one()
    assert membership.status == MembershipStatus.ACTIVE
    signed = client.post(
        "/auth/login",
        data={
            "csrf_token": csrf_token(client, "/auth/login"),
            "email": "conseil@example.org",
            "password": accounts["conseil@example.org"],
        },
    )
    assert signed.status_code == 302
    home = client.get("/home").get_data(as_text=True)
    for case in cases:
        # The home lists the case under way; the agency's, certified, is in the list.
        assert (f'href="/support/{case.id}' in home) == (case.stage != CaseStage.CERTIFIED)
        assert client.get(f"/support/{case.id}").status_code == 200
    listed = client.get("/support/").get_data(as_text=True)
    assert set(re.findall(r'href="/support/(\d+)"', listed)) == {str(case.id) for case in cases}
    assert {case.organisation_id for case in cases} >= {body.id}
