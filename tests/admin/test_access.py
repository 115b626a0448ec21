"""Who may open each route of the administration pages (admin.*): the status each audience gets,
written out (not derived from the policy). The objects the paths point at: tests/access.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from portal.models import Role
from tests.access import AUDIENCES, Case, Rows, World, only, route_id

ADMIN = [Role.ADMIN]


def draft(path: str = "") -> Callable[[World], str]:
    """A path under the draft outline of the world's standard."""
    return lambda w: f"/admin/standards/{w.standard_id}/draft{path}"


def clause(path: str = "") -> Callable[[World], str]:
    return lambda w: f"/admin/standards/{w.standard_id}/draft/clauses/{w.draft_clause_id}{path}"


def question(path: str = "") -> Callable[[World], str]:
    return lambda w: (
        f"/admin/standards/{w.standard_id}/draft/clauses/{w.draft_clause_id}"
        f"/questions/{w.draft_question_id}{path}"
    )


ROWS: Rows = {
    ("admin.audit_trail", "GET"): Case("/admin/audit", only(ADMIN)),
    # The standards catalogue (MANAGE_STANDARDS): administrators only; an empty form is
    # refused with the page again (422), a change goes back to the page (302).
    ("admin.standards", "GET"): Case("/admin/standards", only(ADMIN)),
    ("admin.new_standard", "GET"): Case("/admin/standards/new", only(ADMIN)),
    ("admin.new_standard", "POST"): Case("/admin/standards/new", only(ADMIN, 422)),
    ("admin.standard", "GET"): Case(lambda w: f"/admin/standards/{w.standard_id}", only(ADMIN)),
    ("admin.standard", "POST"): Case(
        lambda w: f"/admin/standards/{w.standard_id}", only(ADMIN, 422), {"reference": ""}
    ),
    ("admin.prepare_outline", "POST"): Case(draft("/new"), only(ADMIN, 302)),
    ("admin.draft_outline", "GET"): Case(draft(), only(ADMIN)),
    ("admin.publish_outline", "POST"): Case(draft("/publish"), only(ADMIN, 302)),
    ("admin.add_clause", "POST"): Case(draft("/clauses"), only(ADMIN, 422)),
    ("admin.draft_clause", "GET"): Case(clause(), only(ADMIN)),
    ("admin.draft_clause", "POST"): Case(clause(), only(ADMIN, 422), {"number": ""}),
    ("admin.move_clause", "POST"): Case(clause("/move"), only(ADMIN, 302), {"step": "down"}),
    ("admin.remove_clause", "POST"): Case(clause("/remove"), only(ADMIN, 302)),
    ("admin.add_question", "POST"): Case(clause("/questions"), only(ADMIN, 422)),
    ("admin.edit_question", "POST"): Case(question(), only(ADMIN, 422)),
    ("admin.move_question", "POST"): Case(question("/move"), only(ADMIN, 302), {"step": "up"}),
    ("admin.remove_question", "POST"): Case(question("/remove"), only(ADMIN, 302)),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
