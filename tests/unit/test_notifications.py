"""Notifications: an unknown kind is refused, a known one is worded in the reader's language."""

import pytest

from portal.services.notifications import notify, render
from tests.factories import make_user


def test_an_unknown_kind_is_a_programming_error(app, db):
    with app.test_request_context(), pytest.raises(KeyError):
        notify([make_user("sme_user")], "no_such_kind", {}, None)


def test_a_known_kind_is_worded_in_each_language(app):
    params = {"ecosystem": {"fr": "Écosystème automobile", "ar": "منظومة السيارات"}}
    with app.test_request_context():
        assert "Écosystème automobile" in render("membership_approved", params, "fr")
        assert "منظومة السيارات" in render("membership_approved", params, "ar")
