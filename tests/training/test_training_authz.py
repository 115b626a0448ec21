"""Who may do what in training, asked of the policy directly (no database): the roles that
hold the training permissions, the predicates the pages ask, and the guard of every route."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from portal.authz import ROLE_PERMISSIONS, Permission
from portal.authz.training import (
    can_decide_needs,
    can_export_sessions,
    can_manage_topics,
    can_open_demand_cells,
    can_publish_offers,
    sees_other_companies_needs,
    takes_part_as_company,
)
from portal.models import Role

TRAINING_PERMISSION_HOLDERS = {
    Permission.VALIDATE_TRAINING_NEEDS: {Role.ADMIN, Role.FEDERATION_STAFF},
    Permission.PLAN_TRAINING_SESSIONS: {Role.ADMIN, Role.FEDERATION_STAFF},
    Permission.MANAGE_TRAINING_TOPICS: {Role.ADMIN, Role.FEDERATION_STAFF},
    Permission.EXPORT_TRAINING_SESSIONS: {
        Role.ADMIN,
        Role.MINISTRY_OFFICER,
        Role.FEDERATION_STAFF,
        Role.INSTITUTE_USER,
    },
    Permission.DECLARE_TRAINING_NEEDS: {Role.SME_USER},
    Permission.ENROL_STAFF: {Role.SME_USER},
    Permission.PUBLISH_TRAINING_OFFERS: {Role.INSTITUTE_USER},
    Permission.RUN_TRAINING_SESSIONS: {Role.INSTITUTE_USER},
}


@pytest.mark.parametrize("permission", list(TRAINING_PERMISSION_HOLDERS), ids=str)
def test_the_roles_that_hold_each_training_permission(permission):
    holders = {role for role, held in ROLE_PERMISSIONS.items() if permission in held}
    assert holders == TRAINING_PERMISSION_HOLDERS[permission]


def user(role: Role) -> SimpleNamespace:
    return SimpleNamespace(is_authenticated=True, role=role, organisation_id=1)


# predicate -> the roles it answers yes for
PREDICATES = {
    can_open_demand_cells: {Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF},
    sees_other_companies_needs: {Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF},
    can_decide_needs: {Role.ADMIN, Role.FEDERATION_STAFF},
    can_manage_topics: {Role.ADMIN, Role.FEDERATION_STAFF},
    can_export_sessions: {
        Role.ADMIN,
        Role.MINISTRY_OFFICER,
        Role.FEDERATION_STAFF,
        Role.INSTITUTE_USER,
    },
    can_publish_offers: {Role.INSTITUTE_USER},
    takes_part_as_company: {Role.SME_USER},
}


@pytest.mark.parametrize("predicate", list(PREDICATES), ids=lambda p: p.__name__)
def test_the_roles_each_training_predicate_lets_through(predicate):
    assert {role for role in Role if predicate(user(role))} == PREDICATES[predicate]
    assert not predicate(SimpleNamespace(is_authenticated=False, role=None))


ROUTE_GUARDS = {
    "training.demand": "permission:view_training_demand",
    "training.export_demand": "permission:view_training_demand",
    "training.cell": "check:can_open_demand_cells",
    "training.needs": "permission:view_training_needs",
    "training.export_needs": "permission:view_training_needs",
    "training.new_need": "permission:declare_training_needs",
    "training.edit_need": "permission:declare_training_needs",
    "training.decide_need": "permission:validate_training_needs",
    "training.topics": "signed-in; scoped loaders",
    "training.edit_topic": "permission:manage_training_topics",
    "training.offers": "signed-in; scoped loaders",
    "training.edit_offer": "permission:publish_training_offers",
    "training.plan": "permission:plan_training_sessions",
    "training.sessions": "permission:view_training_sessions",
    "training.session": "permission:view_training_sessions",
    "training.enrol": "permission:enrol_staff",
    "training.cancel_enrolment": "permission:enrol_staff",
    "training.enrol_many": "permission:enrol_staff",
    "training.clause_topics": "permission:manage_training_topics",
    "training.remove_clause_topic": "permission:manage_training_topics",
    "training.change_kept_seats": "permission:plan_training_sessions",
    "training.attendance_certificate": "permission:view_training_sessions",
    "training.attendance": "permission:run_training_sessions",
    "training.evaluate": "permission:view_training_sessions",
    "training.export_sessions": "permission:export_training_sessions",
    "training.calendar_month": "permission:view_training_sessions",
    # Calendar applications cannot sign in: the feed's signed address is its key.
    "training.calendar_feed": "public",
}


def test_every_training_route_has_its_guard(app):
    guards = {
        endpoint: getattr(view, "__authz__", None)
        for endpoint, view in app.view_functions.items()
        if endpoint.startswith("training.")
    }
    assert guards == ROUTE_GUARDS
