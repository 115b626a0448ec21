"""Gates between the stages of a support case (issue 14, item 3): each refuses a premature
move with a message that names what is missing, the case page says it before offering the
move, and an administrator's move past a gate keeps its reason."""

from __future__ import annotations

from datetime import date

import pytest
from flask import current_app
from flask_babel import force_locale, gettext, ngettext
from markupsafe import escape
from sqlalchemy import select

from portal.models import (
    ActionItem,
    ActionStatus,
    AuditKind,
    CaseStage,
    CaseTransition,
    OrganisationKind,
    Role,
)
from tests.conftest import post_form, sign_in
from tests.factories import (
    DiagnosticFactory,
    EcosystemFactory,
    MembershipFactory,
    NonconformityFactory,
    OrganisationFactory,
    QualityAuditFactory,
    SupportCaseFactory,
    make_user,
)

TODAY = date(2026, 11, 16)


def french(msgid: str, plural: str | None = None, num: int = 0, **values) -> str:
    """A message as a French page shows it in a flash (escaped)."""
    with current_app.test_request_context(), force_locale("fr_MA"):
        text = ngettext(msgid, plural, num, **values) if plural else gettext(msgid, **values)
        return str(escape(text))


@pytest.fixture
def case_at(db, fixed_clock):
    """A company's case in AMICA's ecosystem at a given stage, and AMICA's staff member."""
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=federation)
    company = OrganisationFactory(kind=OrganisationKind.SME)
    MembershipFactory(ecosystem=ecosystem, organisation=company)
    staff = make_user(Role.FEDERATION_STAFF, organisation=federation, preferred_locale="fr")

    def make(stage: CaseStage):
        return SupportCaseFactory(
            organisation_id=company.id, ecosystem_id=ecosystem.id, stage=stage
        ), staff

    return make


def move(client, case, to: str, **extra):
    return post_form(client, f"/support/{case.id}/advance", {"to": to, **extra})


def page(client, case) -> str:
    return client.get(f"/support/{case.id}").get_data(as_text=True)


def test_no_action_plan_without_a_completed_diagnostic(client, db, case_at):
    case, staff = case_at(CaseStage.DIAGNOSTIC)
    sign_in(client, staff)
    DiagnosticFactory(case_id=case.id)  # begun, not completed
    said = french("Complete a diagnostic before drafting the action plan.")
    assert said in page(client, case)
    move(client, case, "action_plan")
    assert said in page(client, case) and case.stage == CaseStage.DIAGNOSTIC
    DiagnosticFactory(case_id=case.id, number=2, completed_on=TODAY)
    assert move(client, case, "action_plan").status_code == 302
    db.session.refresh(case)
    assert case.stage == CaseStage.ACTION_PLAN


def test_no_implementation_without_an_action(client, db, case_at):
    case, staff = case_at(CaseStage.ACTION_PLAN)
    sign_in(client, staff)
    move(client, case, "implementation")
    db.session.refresh(case)
    assert case.stage == CaseStage.ACTION_PLAN
    assert french("The action plan has no action yet: write it first.") in page(client, case)
    db.session.add(ActionItem(case_id=case.id, title="Cartographier les processus"))
    db.session.flush()
    move(client, case, "implementation")
    db.session.refresh(case)
    assert case.stage == CaseStage.IMPLEMENTATION


def test_no_internal_audit_while_an_action_is_neither_done_nor_justified(client, db, case_at):
    case, staff = case_at(CaseStage.IMPLEMENTATION)
    sign_in(client, staff)
    done = ActionItem(case_id=case.id, title="Politique qualité", status=ActionStatus.DONE)
    open_ = ActionItem(case_id=case.id, title="Étalonner les clés dynamométriques")
    later = ActionItem(case_id=case.id, title="Revue de direction", status=ActionStatus.IN_PROGRESS)
    db.session.add_all([done, open_, later])
    db.session.flush()
    move(client, case, "internal_audit")
    db.session.refresh(case)
    assert case.stage == CaseStage.IMPLEMENTATION
    said = french(
        "%(num)s action of the plan is neither done nor justified: %(actions)s.",
        "%(num)s actions of the plan are neither done nor justified: %(actions)s.",
        2,
        actions="Étalonner les clés dynamométriques; Revue de direction",
    )
    assert said in page(client, case)
    # Done, or justified, both count.
    open_.status = ActionStatus.DONE
    later.justification = "Prévue après la certification, au premier cycle."
    db.session.flush()
    move(client, case, "internal_audit")
    db.session.refresh(case)
    assert case.stage == CaseStage.INTERNAL_AUDIT


def test_no_certification_audit_without_an_internal_audit_its_majors_closed(client, db, case_at):
    case, staff = case_at(CaseStage.INTERNAL_AUDIT)
    sign_in(client, staff)
    move(client, case, "certification_audit")
    db.session.refresh(case)
    assert case.stage == CaseStage.INTERNAL_AUDIT
    assert french("Record the internal audit before the certification audit.") in page(client, case)
    audit = QualityAuditFactory(case_id=case.id, kind=AuditKind.INTERNAL, held_on=TODAY)
    major = NonconformityFactory(audit_id=audit.id, major=True, description="Pas de revue")
    NonconformityFactory(audit_id=audit.id, major=False, description="Mineure, ouverte")
    move(client, case, "certification_audit")
    db.session.refresh(case)
    assert case.stage == CaseStage.INTERNAL_AUDIT
    assert french(
        "%(num)s major nonconformity of the internal audit is still open: %(findings)s.",
        "%(num)s major nonconformities of the internal audit are still open: %(findings)s.",
        1,
        findings="Pas de revue",
    ) in page(client, case)
    major.closed_on = TODAY  # a minor finding left open does not hold the case back
    db.session.flush()
    move(client, case, "certification_audit")
    db.session.refresh(case)
    assert case.stage == CaseStage.CERTIFICATION_AUDIT


def test_only_an_administrator_moves_past_a_gate_and_the_reason_is_kept(client, db, case_at):
    case, staff = case_at(CaseStage.ACTION_PLAN)
    sign_in(client, staff)
    # The federation sees what is missing and no form to move on, and cannot force it.
    shown = page(client, case)
    assert 'id="gate-missing"' in shown and f"/support/{case.id}/advance" not in shown
    move(client, case, "implementation", override_reason="Urgence")
    db.session.refresh(case)
    assert case.stage == CaseStage.ACTION_PLAN

    admin = make_user(Role.ADMIN, preferred_locale="fr")
    sign_in(client, admin)
    assert 'name="override_reason"' in page(client, case)
    move(client, case, "implementation")  # no reason: refused
    db.session.refresh(case)
    assert case.stage == CaseStage.ACTION_PLAN
    reason = "Plan tenu hors portail par le cabinet ; saisie à venir."
    assert move(client, case, "implementation", override_reason=reason).status_code == 302
    db.session.refresh(case)
    assert case.stage == CaseStage.IMPLEMENTATION
    kept = db.session.execute(
        select(CaseTransition.override_reason)
        .where(CaseTransition.case_id == case.id)
        .order_by(CaseTransition.id.desc())
        .limit(1)
    ).scalar_one()
    assert kept == reason
    assert reason in page(client, case)
