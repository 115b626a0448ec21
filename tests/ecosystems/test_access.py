"""Who may open each route of ecosystems, their members and imports, organisations, the directories
(ecosystems.*, organisations.*, directory.*): the status each audience gets, written
out (not derived from the policy). The objects the paths point at: tests/access.py."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.access import AUDIENCES, Case, Rows, everyone, only, route_id, signed_in

ROWS: Rows = {
    # ecosystems
    ("ecosystems.show", "GET"): Case(lambda w: f"/ecosystems/{w.own_ecosystem}", everyone(200)),
    ("ecosystems.create", "GET"): Case(
        "/ecosystems/new", only([Role.ADMIN, Role.MINISTRY_OFFICER])
    ),
    ("ecosystems.create", "POST"): Case(
        "/ecosystems/new", only([Role.ADMIN, Role.MINISTRY_OFFICER], 422)
    ),
    ("ecosystems.edit", "GET"): Case(
        lambda w: f"/ecosystems/{w.other_ecosystem}/edit", only([Role.ADMIN, Role.MINISTRY_OFFICER])
    ),
    ("ecosystems.edit", "POST"): Case(
        lambda w: f"/ecosystems/{w.other_ecosystem}/edit",
        only([Role.ADMIN, Role.MINISTRY_OFFICER], 422),
        {"name_fr": ""},
    ),
    ("ecosystems.join", "POST"): Case(
        lambda w: f"/ecosystems/{w.other_ecosystem}/join", signed_in(302)
    ),
    ("ecosystems.members", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/members",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.export_members", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/members.xlsx",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.requests", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/requests",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.decide", "POST"): Case(
        lambda w: f"/ecosystems/memberships/{w.own_membership_id}/decision",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 302),
        {"decision": "approve"},
    ),
    # organisations
    ("organisations.show", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or w.other_organisation_id}",
        signed_in(200),
    ),
    ("organisations.edit", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or w.other_organisation_id}/edit",
        signed_in(200),
    ),
    ("organisations.edit", "POST"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or w.other_organisation_id}/edit",
        signed_in(422),
        {"name_fr": ""},
    ),
    ("organisations.new_accreditation", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/accreditations/new",
        only([Role.INFRASTRUCTURE_USER], 200, others=404),
    ),
    ("organisations.new_accreditation", "POST"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/accreditations/new",
        only([Role.INFRASTRUCTURE_USER], 422, others=404),
    ),
    ("organisations.edit_accreditation", "GET"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/accreditations/"
            f"{w.own_accreditation_id}/edit"
        ),
        only([Role.INFRASTRUCTURE_USER], 200, others=404),
    ),
    ("organisations.edit_accreditation", "POST"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/accreditations/"
            f"{w.own_accreditation_id}/edit"
        ),
        only([Role.INFRASTRUCTURE_USER], 422, others=404),
        {"certificate_number": ""},
    ),
    ("organisations.delete_accreditation", "POST"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/accreditations/"
            f"{w.own_accreditation_id}/delete"
        ),
        only([Role.INFRASTRUCTURE_USER], 302, others=404),
    ),
    ("organisations.colleagues", "GET"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/colleagues", signed_in(200)
    ),
    # Test users are not organisation administrators: only platform administrators invite.
    ("organisations.colleagues", "POST"): Case(
        lambda w: f"/organisations/{w.own_organisation_id or 0}/colleagues",
        only([Role.ADMIN], 422),
    ),
    ("organisations.set_colleague_active", "POST"): Case(
        lambda w: (
            f"/organisations/{w.own_organisation_id or 0}/colleagues/{w.colleague_id}/deactivate"
        ),
        only([Role.ADMIN], 302),
    ),
    # A member of the user's led ecosystem without any account: its federation (and the
    # administrators) invite its first user; the ministry sees it but does not invite.
    ("organisations.invite_first_user", "GET"): Case(
        lambda w: f"/organisations/{w.userless_member_id}/invite",
        {
            **only([Role.ADMIN, Role.FEDERATION_STAFF], 200, others=404),
            Role.MINISTRY_OFFICER.value: 403,
        },
    ),
    ("organisations.invite_first_user", "POST"): Case(
        lambda w: f"/organisations/{w.userless_member_id}/invite",
        {
            **only([Role.ADMIN, Role.FEDERATION_STAFF], 422, others=404),
            Role.MINISTRY_OFFICER.value: 403,
        },
        {"email": ""},
    ),
    # directories
    ("directory.organisations", "GET"): Case(
        "/directory/organisations",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("directory.export_organisations", "GET"): Case(
        "/directory/organisations.csv",
        only([Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF]),
    ),
    ("directory.public", "GET"): Case("/directory/", everyone(200)),
    ("directory.public_profile", "GET"): Case(
        lambda w: f"/directory/{w.public_member_id}", everyone(200)
    ),
    # member import
    ("ecosystems.import_members", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
    ("ecosystems.import_members", "POST"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 422),
    ),
    ("ecosystems.confirm_import", "POST"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import/confirm",
        only([Role.ADMIN, Role.FEDERATION_STAFF], 404),
    ),
    ("ecosystems.import_template", "GET"): Case(
        lambda w: f"/ecosystems/{w.own_ecosystem}/import/template.csv",
        only([Role.ADMIN, Role.FEDERATION_STAFF]),
    ),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
