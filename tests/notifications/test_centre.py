"""The notification centre (issue 12, item 3): one notification marked as read (another user's
answers 404), the list filtered by group, and each user choosing which groups also come by
e-mail — the others still reach the portal."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Notification, OrganisationKind
from portal.services.notifications import MAIL_GROUPS, MESSAGES, mail_group, notify
from tests.conftest import csrf_token, post_form, sent_mail, sign_in
from tests.factories import OrganisationFactory, make_user


def test_every_kind_of_notification_is_in_a_group():
    assert {mail_group(kind) for kind in MESSAGES} == set(MAIL_GROUPS)


def _user(**kwargs):
    organisation = OrganisationFactory(kind=OrganisationKind.SME)
    return make_user("sme_user", organisation, preferred_locale="fr", **kwargs)


def post_profile(client, user, mail_groups):
    """The account form as it was opened, with these groups ticked."""
    page = client.get("/account/").get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', page).group(1)
    return client.post(
        "/account/",
        data={
            "csrf_token": csrf_token(client),
            "full_name": user.full_name,
            "preferred_locale": "fr",
            "mail_groups": mail_groups,
            "version": version,
        },
    )


def notifications_of(user) -> list[Notification]:
    """The user's notifications, oldest first."""
    query = select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    return list(_db.session.execute(query).scalars())


def test_one_notification_is_marked_read_and_only_ones_own(app, client, db):
    user, other = _user(), _user()
    notify([user], "membership_approved", {"ecosystem": "Auto"}, link="/home")
    notify([user], "certificate_expiring", {"number": "C-1", "date": "1 mars"}, link="/home")
    notify([other], "membership_approved", {"ecosystem": "Auto"}, link="/home")
    _db.session.commit()
    mine, [theirs] = notifications_of(user), notifications_of(other)
    sign_in(client, user)
    page = client.get("/notifications/").get_data(as_text=True)
    assert page.count("Marquer comme lue") == 2

    response = post_form(client, f"/notifications/{mine[0].id}/read")
    assert response.status_code == 302
    _db.session.refresh(mine[0])
    _db.session.refresh(mine[1])
    assert mine[0].read_at is not None and mine[1].read_at is None
    assert post_form(client, f"/notifications/{theirs.id}/read").status_code == 404
    _db.session.refresh(theirs)
    assert theirs.read_at is None
    # A form without its CSRF token changes nothing.
    assert client.post(f"/notifications/{mine[1].id}/read").status_code == 400
    _db.session.refresh(mine[1])
    assert mine[1].read_at is None


def test_the_list_filtered_by_group(app, client, db):
    user = _user()
    notify([user], "membership_approved", {"ecosystem": "Auto"}, link="/home")
    notify([user], "certificate_expiring", {"number": "C-77", "date": "1 mars"}, link="/home")
    _db.session.commit()
    sign_in(client, user)
    page = client.get("/notifications/?group=certificates").get_data(as_text=True)
    assert "C-77" in page and "Auto" not in page
    page = client.get("/notifications/?group=nonsense").get_data(as_text=True)
    assert "C-77" in page and "Auto" in page  # an unknown group shows everything


def test_a_group_left_out_of_mail_still_reaches_the_portal(app, client, db):
    user = _user(email="choix@atlas.ma")
    sign_in(client, user)
    page = client.get("/account/").get_data(as_text=True)
    # Every group is mailed by default, and each is a checkbox of the form.
    assert len(re.findall(r'name="mail_groups" type="checkbox"', page)) == len(MAIL_GROUPS)
    assert page.count("checked") >= len(MAIL_GROUPS)
    response = post_profile(client, user, [g for g in MAIL_GROUPS if g != "certificates"])
    assert response.status_code == 302
    _db.session.refresh(user)
    assert user.muted_mail_groups == ["certificates"]

    notify([user], "certificate_expiring", {"number": "C-9", "date": "1 mars"}, link="/home")
    notify([user], "membership_approved", {"ecosystem": "Auto"}, link="/home")
    _db.session.commit()
    mailed = [m for m in sent_mail(app) if m["To"] == "choix@atlas.ma"]
    assert len(mailed) == 1 and "Auto" in mailed[0]["Subject"]
    kinds = _db.session.execute(
        select(Notification.kind).where(Notification.user_id == user.id)
    ).scalars()
    assert sorted(kinds) == ["certificate_expiring", "membership_approved"]


def test_an_unknown_group_is_refused_with_a_message(app, client, db):
    user = _user()
    sign_in(client, user)
    response = post_profile(client, user, ["spam"])
    assert response.status_code == 422
    assert "Choisissez parmi les options proposées" in response.get_data(as_text=True)
    _db.session.refresh(user)
    assert user.muted_mail_groups == []


def test_opening_a_notification_follows_its_link_and_marks_it_read(app, client, db):
    user, other = _user(), _user()
    notify([user], "membership_approved", {"ecosystem": "Auto"}, link="/training/offers")
    notify([user], "membership_approved", {"ecosystem": "Ailleurs"}, link="https://evil.example/")
    notify([other], "membership_approved", {"ecosystem": "Auto"}, link="/home")
    _db.session.commit()
    mine, [theirs] = notifications_of(user), notifications_of(other)
    sign_in(client, user)
    page = client.get("/notifications/").get_data(as_text=True)
    assert f'href="/notifications/{mine[0].id}/open"' in page

    response = client.get(f"/notifications/{mine[0].id}/open")
    assert response.status_code == 302 and response.headers["Location"] == "/training/offers"
    _db.session.refresh(mine[0])
    assert mine[0].read_at is not None
    # Once read, the list links straight to the page.
    assert 'href="/training/offers"' in client.get("/notifications/").get_data(as_text=True)
    # A link that leaves the site is not followed.
    response = client.get(f"/notifications/{mine[1].id}/open")
    assert response.headers["Location"] == "/notifications/"
    assert client.get(f"/notifications/{theirs.id}/open").status_code == 404
    _db.session.refresh(theirs)
    assert theirs.read_at is None


def test_the_kept_list_follows_a_new_and_a_read_notification(app, client, db):
    """The list is kept as HTML (issue 11) until a table it was read from changes: a new
    notification and one read show on the next visit, and the kept row forms carry the
    session's own CSRF token."""
    user = _user()
    notify([user], "membership_approved", {"ecosystem": "Auto"}, link="/home")
    _db.session.commit()
    [first] = notifications_of(user)
    sign_in(client, user)
    page = client.get("/notifications/").get_data(as_text=True)
    assert page.count("Marquer comme lue") == 1 and "C-5" not in page
    notify([user], "certificate_expiring", {"number": "C-5", "date": "1 mars"}, link="/home")
    _db.session.commit()
    page = client.get("/notifications/").get_data(as_text=True)
    assert "C-5" in page and page.count("Marquer comme lue") == 2
    token = re.search(
        rf'/notifications/{first.id}/read">\s*<input type="hidden" name="csrf_token" '
        r'value="([^"]+)"',
        page,
    ).group(1)
    response = client.post(f"/notifications/{first.id}/read", data={"csrf_token": token})
    assert response.status_code == 302
    page = client.get("/notifications/").get_data(as_text=True)
    assert page.count("Marquer comme lue") == 1
    assert f"/notifications/{first.id}/read" not in page
