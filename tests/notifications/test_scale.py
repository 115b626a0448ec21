"""The notification centre at national scale: a user's notifications, all or one group, read
in their order through an index (no sort of all the user's notifications), in as many
queries whatever their number."""

from __future__ import annotations

import pytest

from portal.extensions import db as _db
from portal.models import OrganisationKind
from portal.services.notifications import notify
from tests.conftest import count_queries, sign_in
from tests.factories import OrganisationFactory, make_user
from tests.plans import plan_problems

URLS = ["/notifications/", "/notifications/?group=certificates"]


def grow(user, count: int) -> None:
    for n in range(count):
        if n % 2:
            notify([user], "membership_approved", {"ecosystem": f"E{n}"}, link="/home")
        else:
            notify([user], "certificate_expiring", {"number": f"C-{n}", "date": "1"}, link="/")
    _db.session.commit()


@pytest.fixture
def reader(client, db):
    user = make_user("sme_user", OrganisationFactory(kind=OrganisationKind.SME))
    other = make_user("sme_user", OrganisationFactory(kind=OrganisationKind.SME))
    grow(other, 30)  # someone else's are not read
    sign_in(client, user)
    return user


@pytest.mark.parametrize("url", URLS)
def test_the_notifications_are_read_through_an_index_in_their_order(client, reader, url):
    grow(reader, 60)
    problems = plan_problems(
        lambda: client.get(url),
        allowed=("ecosystems", "data_versions"),
        matching="FROM notifications",
    )
    assert problems == {}


@pytest.mark.parametrize("url", URLS)
def test_the_query_count_does_not_grow_with_the_notifications(client, reader, url):
    grow(reader, 5)
    client.get(url)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    grow(reader, 120)
    client.get(url)
    with count_queries() as many:
        page = client.get(url)
    assert page.status_code == 200
    assert many.count == few.count
    assert page.get_data(as_text=True).count('class="list-group-item') == 50
