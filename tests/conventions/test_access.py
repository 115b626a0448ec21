"""Who may open each route of conventions, their progress and their files (conventions.*):
the status each audience gets, written out (not derived from the policy).
The objects the paths point at: tests/access.py."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.access import AUDIENCES, Case, Rows, everyone, only, route_id, signed_in

EDITORS = [Role.ADMIN, Role.MINISTRY_OFFICER]
RECORDERS = [*EDITORS, Role.FEDERATION_STAFF]

ROWS: Rows = {
    # conventions
    ("conventions.index", "GET"): Case("/conventions/", everyone(200)),
    # Out of scope (anonymous, not a party): the public summary.
    ("conventions.show", "GET"): Case(
        lambda w: f"/conventions/{w.other_convention_id}", everyone(200)
    ),
    ("conventions.create", "GET"): Case("/conventions/new", only(EDITORS)),
    ("conventions.create", "POST"): Case("/conventions/new", only(EDITORS, 422)),
    ("conventions.edit", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/edit", only(EDITORS)
    ),
    ("conventions.edit", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/edit", only(EDITORS, 422), {"title_fr": ""}
    ),
    ("conventions.change_status", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/status",
        only(EDITORS, 302),
        {"status": "completed"},
    ),
    ("conventions.add_party", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/parties/new", only(EDITORS)
    ),
    ("conventions.add_party", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/parties/new", only(EDITORS, 422)
    ),
    ("conventions.remove_party", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/parties/{w.own_party_id}/remove",
        only(EDITORS, 302),
    ),
    ("conventions.add_commitment", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/new", only(EDITORS)
    ),
    ("conventions.add_commitment", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/new", only(EDITORS, 422)
    ),
    ("conventions.edit_commitment", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/{w.own_commitment_id}/edit",
        only(EDITORS),
    ),
    ("conventions.edit_commitment", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/commitments/{w.own_commitment_id}/edit",
        only(EDITORS, 422),
        {"description_fr": ""},
    ),
    ("conventions.add_milestone", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/new", only(EDITORS)
    ),
    ("conventions.add_milestone", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/new", only(EDITORS, 422)
    ),
    ("conventions.complete_milestone", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/{w.own_milestone_id}/complete",
        only(RECORDERS),
    ),
    # Without the completion date: the form comes back with its error.
    ("conventions.complete_milestone", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/{w.own_milestone_id}/complete",
        only(RECORDERS, 422),
    ),
    # The milestone is not done: told so, back to the convention.
    ("conventions.reopen_milestone", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/milestones/{w.own_milestone_id}/reopen",
        only(RECORDERS, 302),
        {"version": "1"},
    ),
    ("conventions.add_indicator", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/indicators/new", only(EDITORS)
    ),
    ("conventions.add_indicator", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/indicators/new", only(EDITORS, 422)
    ),
    # On a convention the federation is not party to: 404 for its staff.
    ("conventions.add_measurement", "POST"): Case(
        lambda w: (
            f"/conventions/{w.other_convention_id}/indicators/{w.other_indicator_id}/measurements"
        ),
        {**only(RECORDERS, 422), Role.FEDERATION_STAFF.value: 404},
    ),
    # A figure the portal computed, overridden without a reason: the form comes back.
    ("conventions.override_measurement", "POST"): Case(
        lambda w: (
            f"/conventions/{w.other_convention_id}/indicators/{w.other_indicator_id}"
            f"/measurements/{w.other_measurement_id}/override"
        ),
        {**only(RECORDERS, 422), Role.FEDERATION_STAFF.value: 404},
    ),
    ("conventions.add_amendment", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/amendments/new", only(EDITORS)
    ),
    ("conventions.add_amendment", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/amendments/new", only(EDITORS, 422)
    ),
    # convention documents, report, export
    ("conventions.upload_document", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/documents", only(EDITORS, 422)
    ),
    ("conventions.download_document", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/documents/{w.own_document_id}",
        signed_in(200, anonymous=404),
    ),
    ("conventions.delete_document", "POST"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/documents/{w.own_document_id}/delete",
        only(EDITORS, 302),
    ),
    ("conventions.report", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/report", signed_in(200, anonymous=404)
    ),
    ("conventions.export_xlsx", "GET"): Case(
        lambda w: f"/conventions/{w.own_convention_id}/export.xlsx",
        signed_in(200, anonymous=404),
    ),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
