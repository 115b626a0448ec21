"""Who may open each route of certification support: cases, audits, certificates, diagnostics and
action plans (certification.*): the status each audience gets, written out (not derived
from the policy). The objects the paths point at: tests/access.py."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.access import AUDIENCES, Case, Rows, everyone, only, route_id

# A consultant's firm is assigned to the world's cases and may contribute (tests/access.py).
CASE_READERS = [
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.SME_USER,
    Role.CONSULTANT,
]
CASE_WORKERS = [Role.ADMIN, Role.FEDERATION_STAFF, Role.SME_USER, Role.CONSULTANT]
CASE_MANAGERS = [Role.ADMIN, Role.FEDERATION_STAFF]
CERTIFICATE_READERS = [
    Role.ADMIN,
    Role.MINISTRY_OFFICER,
    Role.FEDERATION_STAFF,
    Role.SME_USER,
    Role.INFRASTRUCTURE_USER,
]


def case_work(status: int) -> dict[str, int]:
    """Those who work on a case; the ministry reads only; others do not see it (404)."""
    return {**only(CASE_WORKERS, status, others=404), Role.MINISTRY_OFFICER.value: 403}


ROWS: Rows = {
    # certification support
    ("certification.cases", "GET"): Case("/support/", only(CASE_READERS)),
    ("certification.new_case", "GET"): Case("/support/new", only([Role.SME_USER])),
    ("certification.new_case", "POST"): Case("/support/new", only([Role.SME_USER], 422)),
    ("certification.case", "GET"): Case(lambda w: f"/support/{w.own_case_id}", only(CASE_READERS)),
    ("certification.update_case", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/details",
        only(CASE_MANAGERS, 422),
        {"cofinancing_rate": "150"},
    ),
    # A step that skips the ones between is refused (flash and redirect).
    ("certification.advance", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/advance",
        only(CASE_MANAGERS, 302),
        {"to": "diagnostic"},
    ),
    ("certification.close", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/close", only(CASE_MANAGERS, 422), {"reason": ""}
    ),
    ("certification.add_audit", "GET"): Case(
        lambda w: f"/support/{w.own_case_id}/audits/new", only(CASE_MANAGERS)
    ),
    ("certification.add_audit", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/audits/new", only(CASE_MANAGERS, 422)
    ),
    ("certification.add_nonconformity", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/audits/{w.own_audit_id}/nonconformities",
        only(CASE_MANAGERS, 422),
    ),
    ("certification.close_nonconformity", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/nonconformities/{w.own_nonconformity_id}/close",
        only(CASE_MANAGERS, 302),
    ),
    ("certification.certify", "GET"): Case(
        lambda w: f"/support/{w.own_case_id}/certify", only(CASE_MANAGERS)
    ),
    ("certification.certify", "POST"): Case(
        lambda w: f"/support/{w.own_case_id}/certify", only(CASE_MANAGERS, 422)
    ),
    ("certification.pipeline", "GET"): Case(
        "/support/pipeline", only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF])
    ),
    ("certification.certificates", "GET"): Case("/certificates/", only(CERTIFICATE_READERS)),
    ("certification.export_certificates", "GET"): Case(
        "/certificates.csv", only(CERTIFICATE_READERS)
    ),
    ("certification.certificate", "GET"): Case(
        lambda w: f"/certificates/{w.own_certificate_id}", only(CERTIFICATE_READERS)
    ),
    ("certification.set_certificate_status", "POST"): Case(
        lambda w: f"/certificates/{w.own_certificate_id}/status",
        only([Role.ADMIN, Role.INFRASTRUCTURE_USER], 302),
        {"status": "suspended", "reason": "Audit de surveillance non réalisé", "version": "1"},
    ),
    # An audit held on the certificate: its issuing body and administrators (an empty form
    # is refused with the form again).
    ("certification.add_certificate_audit", "POST"): Case(
        lambda w: f"/certificates/{w.own_certificate_id}/audits",
        only([Role.ADMIN, Role.INFRASTRUCTURE_USER], 422),
    ),
    # A certification body records the certificates it issued; federation staff their
    # members' (awaiting the body's confirmation).
    ("certification.record_certificate", "GET"): Case(
        "/certificates/new", only([Role.FEDERATION_STAFF, Role.INFRASTRUCTURE_USER])
    ),
    ("certification.record_certificate", "POST"): Case(
        "/certificates/new", only([Role.FEDERATION_STAFF, Role.INFRASTRUCTURE_USER], 422)
    ),
    # The issuing body confirms or rejects a certificate a federation recorded (this one is
    # already valid: confirming it is refused with a message; a rejection without a reason
    # is the form again).
    ("certification.confirm_recorded_certificate", "POST"): Case(
        lambda w: f"/certificates/{w.own_certificate_id}/confirm",
        only([Role.INFRASTRUCTURE_USER], 302),
    ),
    ("certification.reject_recorded_certificate", "POST"): Case(
        lambda w: f"/certificates/{w.own_certificate_id}/reject",
        only([Role.INFRASTRUCTURE_USER], 422),
    ),
    ("certification.verify", "GET"): Case("/certificates/verify", everyone(200)),
    # The calendar's address is its access: a token that names nobody answers 404.
    ("certification.audits_calendar", "GET"): Case(
        "/certificates/calendar/not-a-token.ics", everyone(404)
    ),
    # diagnostics and action plans
    ("certification.diagnostics", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics", only(CASE_READERS, others=404)
    ),
    ("certification.start_diagnostic", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics/new", case_work(302)
    ),
    ("certification.fill_diagnostic", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics/{w.own_diagnostic_number}",
        only(CASE_READERS, others=404),
    ),
    ("certification.fill_diagnostic", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics/{w.own_draft_number}",
        case_work(422),
        {"rating-4.1": "not_applicable", "save": "1"},
    ),
    ("certification.diagnostic_result", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics/{w.own_diagnostic_number}/result",
        only(CASE_READERS, others=404),
    ),
    # Without a topic chosen: the company is told (flash) and taken back to the result.
    ("certification.declare_training_need", "POST"): Case(
        lambda w: (
            f"/support/{w.own_plan_case_id}/diagnostics/{w.own_diagnostic_number}/training-needs"
        ),
        only([Role.SME_USER], 302),
    ),
    ("certification.diagnostic_evidence", "GET"): Case(
        lambda w: (
            f"/support/{w.own_plan_case_id}/diagnostics/{w.own_diagnostic_number}"
            f"/evidence/{w.own_evidence_id}"
        ),
        only(CASE_READERS, others=404),
    ),
    ("certification.export_diagnostic", "GET"): Case(
        lambda w: (
            f"/support/{w.own_plan_case_id}/diagnostics/{w.own_diagnostic_number}/export.xlsx"
        ),
        only(CASE_READERS, others=404),
    ),
    ("certification.print_diagnostic", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/diagnostics/{w.own_diagnostic_number}/print",
        only(CASE_READERS, others=404),
    ),
    ("certification.export_action_plan", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan/export.xlsx",
        only(CASE_READERS, others=404),
    ),
    ("certification.print_action_plan", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan/print",
        only(CASE_READERS, others=404),
    ),
    ("certification.action_plan", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan", only(CASE_READERS, others=404)
    ),
    ("certification.add_action", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan", case_work(422), {"title": ""}
    ),
    ("certification.update_action", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan/{w.own_action_item_id}",
        case_work(422),
    ),
    # The plan and steering committee (a duration out of range, empty forms: the form again;
    # no phase nor meeting 0 in the world: 404 for those who reach the case).
    ("certification.set_case_plan", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/plan",
        case_work(422),
        {"planned_months": "0"},
    ),
    ("certification.add_case_phase", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/phases", case_work(422), {"name_fr": ""}
    ),
    ("certification.complete_case_phase", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/phases/0/done", case_work(404)
    ),
    ("certification.add_steering_meeting", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/meetings", case_work(422), {"attendees": ""}
    ),
    ("certification.steering_minutes", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/meetings/0/minutes",
        {**only(CASE_READERS, 404, others=404)},
    ),
    ("certification.quality_policy", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/quality-policy",
        only(CASE_READERS, others=404),
    ),
    ("certification.quality_policy", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/quality-policy", case_work(422)
    ),
    ("certification.management_reviews", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/management-reviews",
        only(CASE_READERS, others=404),
    ),
    ("certification.management_reviews", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/management-reviews", case_work(422)
    ),
    ("certification.quality_objectives", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/quality-objectives",
        only(CASE_READERS, others=404),
    ),
    ("certification.quality_objectives", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/quality-objectives", case_work(422)
    ),
    ("certification.edit_quality_objective", "GET"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/quality-objectives/{w.own_objective_id}",
        case_work(200),
    ),
    ("certification.edit_quality_objective", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/quality-objectives/{w.own_objective_id}",
        case_work(422),
        {"title_fr": ""},
    ),
    # A form without the version it was opened on is a stale edit: back to the page.
    ("certification.remove_quality_objective", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/quality-objectives/{w.own_objective_id}/remove",
        case_work(302),
    ),
    ("certification.add_objective_measurement", "POST"): Case(
        lambda w: (
            f"/support/{w.own_plan_case_id}/quality-objectives/{w.own_objective_id}/measurements"
        ),
        case_work(422),
    ),
    ("certification.draft_plan", "POST"): Case(
        lambda w: f"/support/{w.own_plan_case_id}/action-plan/draft", case_work(302)
    ),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
