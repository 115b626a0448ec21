"""The predicates of portal/authz that the ecosystem pages, the directory and the navigation
ask: who sees the staff's tools of an ecosystem, who lists organisations, who is told of a
request to join."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from portal.authz import (
    can_edit_ecosystems,
    can_list_organisations,
    can_open_ecosystem_tools,
    federation_staff_query,
)
from portal.models import OrganisationKind, Role
from tests.factories import EcosystemFactory, OrganisationFactory, make_user

# (can list organisations, sees the tools of an ecosystem it does not lead, edits ecosystems)
EXPECTED = {
    Role.ADMIN: (True, True, True),
    Role.MINISTRY_OFFICER: (True, True, True),
    Role.FEDERATION_STAFF: (True, False, False),
    Role.SME_USER: (False, False, False),
    Role.INSTITUTE_USER: (False, False, False),
    Role.INFRASTRUCTURE_USER: (False, False, False),
    Role.CONSULTANT: (False, False, False),
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lists_organisations_and_opens_ecosystem_tools_as_the_table_says(db, role):
    ecosystem = EcosystemFactory()
    user = make_user(role)
    db.session.flush()
    lists, tools, edits = EXPECTED[role]
    assert can_list_organisations(user) is lists
    assert can_open_ecosystem_tools(user, ecosystem) is tools
    assert can_edit_ecosystems(user) is edits


def test_federation_staff_open_the_tools_of_the_ecosystems_they_lead_only(db):
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    led = EcosystemFactory(lead_federation=federation)
    other = EcosystemFactory()
    staff = make_user(Role.FEDERATION_STAFF, federation)
    db.session.flush()
    assert can_open_ecosystem_tools(staff, led)
    assert not can_open_ecosystem_tools(staff, other)


def test_visitors_get_no_tool(db):
    ecosystem = EcosystemFactory()
    db.session.flush()
    visitor = AnonymousUserMixin()
    assert not can_open_ecosystem_tools(visitor, ecosystem)
    assert not can_list_organisations(visitor)
    assert not can_edit_ecosystems(visitor)


def test_the_staff_of_a_federation_are_its_active_federation_staff_accounts(db):
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    staff = make_user(Role.FEDERATION_STAFF, federation)
    make_user(Role.FEDERATION_STAFF, federation, active=False)
    make_user(Role.FEDERATION_STAFF)  # another federation's
    make_user(Role.ADMIN, federation)  # not staff, even in the federation
    db.session.flush()
    found = db.session.execute(federation_staff_query(federation.id)).scalars().all()
    assert found == [staff]


@pytest.mark.parametrize("role", list(Role))
def test_the_member_lists_of_the_menu_are_asked_only_of_those_who_may_open_one(db, role):
    """The navigation asks on every page: for a role that opens no member list, there is no
    query to send at all."""
    from portal.authz import member_list_ecosystems

    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    led = EcosystemFactory(lead_federation=federation)
    EcosystemFactory()
    user = make_user(role, federation if role == Role.FEDERATION_STAFF else None)
    db.session.flush()
    query = member_list_ecosystems(user)
    if role in (Role.SME_USER, Role.INSTITUTE_USER, Role.INFRASTRUCTURE_USER, Role.CONSULTANT):
        assert query is None
    elif role == Role.FEDERATION_STAFF:
        assert list(db.session.execute(query).scalars()) == [led]
    else:
        assert len(list(db.session.execute(query).scalars())) >= 2
