"""The complaint list of those who answer complaints is read one term of their scope at a time
(their own messages, their organisation's, their federation's ecosystems'): it shows the same
rows, in the same order, with the same counts, as the single statement with their OR."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.models import ComplaintKind, ComplaintStatus, OrganisationKind
from portal.services import complaints as service
from portal.services.complaints import Filters
from portal.services.paging import count_up_to, paginate
from tests.factories import (
    ComplaintFactory,
    EcosystemFactory,
    OrganisationFactory,
    make_user,
)

TODAY = date(2026, 3, 2)


@pytest.fixture
def staff(db):
    """A federation's staff member who filed messages too; complaints of every kind in the
    three terms of their scope (some in two), and others they do not see."""
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    ecosystem = EcosystemFactory(lead_federation=federation)
    institute = OrganisationFactory(kind=OrganisationKind.INSTITUTE)
    other = OrganisationFactory(kind=OrganisationKind.INSTITUTE)
    person = make_user("federation_staff", federation)
    statuses = list(ComplaintStatus)
    for n in range(40):
        filed = TODAY - timedelta(days=(n * 7) % 60)
        handler, ecosystem_id, requester = [
            (federation, ecosystem.id, None),  # the federation's, in its ecosystem: two terms
            (federation, None, None),
            (institute, ecosystem.id, None),  # an ecosystem's, another organisation's
            (other, None, person.id),  # their own message about another organisation
            (other, None, None),  # not theirs to see
        ][n % 5]
        values = {"requester_id": requester} if requester else {}
        ComplaintFactory(
            handler_id=handler.id,
            ecosystem_id=ecosystem_id,
            status=statuses[n % len(statuses)],
            kind=ComplaintKind.SUGGESTION if n % 3 == 0 else ComplaintKind.COMPLAINT,
            filed_on=filed,
            due_on=filed + timedelta(days=15),
            ministry_on=filed + timedelta(days=22),
            **values,
        )
    return person


def _ids(pagination) -> list[int]:
    return [complaint.id for complaint in pagination.items]


@pytest.mark.parametrize("status", ["", "open", "overdue", "answered", "closed"])
@pytest.mark.parametrize("kind", ["", "suggestion"])
def test_each_page_is_the_one_the_single_statement_gives(staff, status, kind):
    filters = Filters(status=status, kind=kind)
    single = service.list_query(staff, filters, TODAY)
    assert service._scope_arms(staff, []) is not None  # read one term at a time
    for page in [*range(1, 8), 99]:
        expected = paginate(single, page=page, per_page=4)
        shown = service.list_page(staff, filters, TODAY, page=page, per_page=4)
        assert _ids(shown) == _ids(expected), page
        assert (shown.page, shown.total, shown.pages, shown.more) == (
            expected.page,
            expected.total,
            expected.pages,
            expected.more,
        )


def test_the_overdue_count_is_the_single_statements(staff):
    from sqlalchemy import select

    from portal.authz.complaints import complaint_scope
    from portal.models import Complaint

    expected = count_up_to(
        select(Complaint.id).where(complaint_scope(staff), service.overdue_clause(TODAY)), 10_000
    )
    assert service.overdue_count(staff, TODAY) == expected > 0
    # The count is kept (issue 11) until a complaint changes: one more overdue is counted.
    filed = TODAY - timedelta(days=30)
    ComplaintFactory(
        handler_id=staff.organisation_id,
        filed_on=filed,
        due_on=filed + timedelta(days=15),
        ministry_on=filed + timedelta(days=22),
    )
    assert service.overdue_count(staff, TODAY) == expected + 1


def test_a_scope_of_one_term_is_one_statement(db):
    company = OrganisationFactory(kind=OrganisationKind.SME)
    person = make_user("sme_user", company)
    ComplaintFactory(requester_id=person.id)
    assert service._scope_arms(person, []) is None
    page = service.list_page(person, Filters(), TODAY, page=1, per_page=25)
    assert page.total == 1
