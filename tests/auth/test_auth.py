"""Sign-in, throttling, sessions ended on the server, safe redirects, password reset."""

import re

import pytest

from portal.models import LoginSession
from tests.conftest import csrf_token, post_form, sent_mail, sign_in
from tests.factories import DEFAULT_PASSWORD, make_user


def _login(client, email, password, next_url=""):
    return post_form(
        client, "/auth/login", {"email": email, "password": password, "next": next_url}
    )


def test_each_role_signs_in_through_the_form_and_lands_on_its_home(client, db):
    user = make_user("federation_staff", email="Karim.Tazi@Example.org")
    response = _login(client, "  karim.tazi@example.ORG ", DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/home"
    page = client.get("/home").get_data(as_text=True)
    assert user.full_name in page


def test_unknown_email_and_wrong_password_get_the_same_answer(client, db):
    make_user("sme_user", email="known@example.org")
    wrong = _login(client, "known@example.org", "not the right password")
    unknown = _login(client, "nobody@example.org", "not the right password")
    assert wrong.status_code == unknown.status_code == 401

    def message(response):
        return re.findall(
            r"invalid-feedback[^>]*>\s*<p[^>]*>([^<]+)<", response.get_data(as_text=True)
        )

    assert message(wrong) == message(unknown) != []


def test_repeated_failures_on_one_account_are_refused_with_429(app, client, db):
    make_user("sme_user", email="target@example.org")
    allowed = app.config["LOGIN_FAILURES_PER_ACCOUNT"]
    for _ in range(allowed):
        assert _login(client, "target@example.org", "wrong password!!").status_code == 401
    blocked = _login(client, "TARGET@example.org", DEFAULT_PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    # Another account from the same address is still allowed.
    other = make_user("sme_user", email="other@example.org")
    assert _login(client, other.email, DEFAULT_PASSWORD).status_code == 302


def test_repeated_failures_from_one_address_are_refused(app, client, db):
    app.config["LOGIN_FAILURES_PER_ADDRESS"], saved = 4, app.config["LOGIN_FAILURES_PER_ADDRESS"]
    try:
        for n in range(4):
            assert _login(client, f"guess{n}@example.org", "wrong password!!").status_code == 401
        assert _login(client, "guess9@example.org", "wrong password!!").status_code == 429
    finally:
        app.config["LOGIN_FAILURES_PER_ADDRESS"] = saved


def test_a_successful_login_clears_the_account_counter(app, client, db):
    user = make_user("sme_user")
    for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT"] - 1):
        _login(client, user.email, "wrong password!!")
    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 302
    post_form(client, "/auth/logout")
    assert _login(client, user.email, "wrong password!!").status_code == 401


def test_the_session_is_renewed_at_login(client, db):
    user = make_user("sme_user")
    before = csrf_token(client, "/auth/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    _login(client, user.email, DEFAULT_PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["sid"]
    assert csrf_token(client, "/home") != before


def test_a_cookie_saved_before_logout_is_refused_after(client, db):
    user = make_user("ministry_officer")
    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 302
    saved = client.get_cookie("portal_session").value
    assert client.get("/home").status_code == 200
    assert post_form(client, "/auth/logout").status_code == 302
    client.set_cookie("portal_session", saved)
    response = client.get("/home")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_the_session_cookie_is_sent_again_only_when_the_session_changed(client, db):
    # Re-signing an unchanged cookie on every answer costs each request its serialisation
    # and signature (issue 11); the server-side session, not the cookie, says until when.
    user = make_user("federation_staff")
    assert "portal_session=" in _login(client, user.email, DEFAULT_PASSWORD).headers["Set-Cookie"]
    assert "Set-Cookie" in client.get("/home").headers  # the welcome message is shown, removed
    unchanged = client.get("/home")
    assert unchanged.status_code == 200
    assert "Set-Cookie" not in unchanged.headers
    switched = post_form(client, "/language", {"language": "ar", "next": "/home"})
    assert "portal_session=" in switched.headers["Set-Cookie"]
    assert 'lang="ar"' in client.get("/home").get_data(as_text=True)


def test_a_deactivated_user_is_signed_out(client, db):
    user = make_user("sme_user")
    sign_in(client, user)
    assert client.get("/home").status_code == 200
    user.active = False
    db.session.flush()
    assert client.get("/home").status_code == 302


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("/account/", "/account/"), ("https://evil.example/", "/home"), ("//evil.example", "/home")],
)
def test_next_redirects_only_within_the_site(client, db, next_url, expected):
    user = make_user("sme_user")
    response = _login(client, user.email, DEFAULT_PASSWORD, next_url)
    assert response.headers["Location"] == expected


def test_anonymous_visitors_are_sent_to_login_with_next(client, db):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def _reset_link(app):
    body = sent_mail(app)[-1].get_body(("plain",)).get_content()
    return re.search(r"http://localhost(/auth/reset/\S+)", body).group(1)


def test_password_reset_link_works_once(app, client, db):
    user = make_user("sme_user", email="reset.me@example.org")
    response = post_form(client, "/auth/reset", {"email": "Reset.Me@example.org"})
    assert response.status_code == 302
    assert len(sent_mail(app)) == 1
    link = _reset_link(app)
    new = "a brand new passphrase 77"
    assert client.get(link).status_code == 200
    done = post_form(client, link, {"new_password": new, "confirm_password": new})
    assert done.status_code == 302
    assert _login(client, user.email, new).status_code == 302
    post_form(client, "/auth/logout")
    assert client.get(link).status_code == 400  # used: the password it was bound to is gone
    again = post_form(client, link, {"new_password": "x" * 20, "confirm_password": "x" * 20})
    assert again.status_code == 400


def test_password_reset_link_expires(app, client, db, monkeypatch):
    import time

    make_user("sme_user", email="late@example.org")
    post_form(client, "/auth/reset", {"email": "late@example.org"})
    link = _reset_link(app)
    later = time.time() + app.config["PASSWORD_RESET_MAX_AGE_SECONDS"] + 5
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    assert client.get(link).status_code == 400


def test_reset_request_answers_the_same_for_unknown_addresses(app, client, db):
    response = post_form(client, "/auth/reset", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert sent_mail(app) == []


def test_reset_mail_is_in_the_users_language(app, client, db):
    make_user("sme_user", email="arabe@example.org", preferred_locale="ar")
    post_form(client, "/auth/reset", {"email": "arabe@example.org"})
    message = sent_mail(app)[-1]
    assert re.search(r"[\u0600-\u06FF]", message["Subject"])


def test_change_password_checks_policy_and_ends_other_sessions(client, db, app):
    user = make_user("sme_user")
    other_browser = app.test_client()
    sign_in(other_browser, user)
    sign_in(client, user)
    weak = post_form(
        client,
        "/account/password",
        {
            "current_password": DEFAULT_PASSWORD,
            "new_password": "password1234",
            "confirm_password": "password1234",
        },
    )
    assert weak.status_code == 422
    new = "the blue atlas mountains 9"
    wrong_current = post_form(
        client,
        "/account/password",
        {"current_password": "not it at all!", "new_password": new, "confirm_password": new},
    )
    assert wrong_current.status_code == 422
    ok = post_form(
        client,
        "/account/password",
        {"current_password": DEFAULT_PASSWORD, "new_password": new, "confirm_password": new},
    )
    assert ok.status_code == 302
    assert client.get("/home").status_code == 200
    assert other_browser.get("/home").status_code == 302
    live = db.session.query(LoginSession).filter_by(user_id=user.id, ended_at=None).count()
    assert live == 1


def test_profile_edit_is_guarded_against_stale_versions(client, db):
    user = make_user("sme_user", full_name="Ancien Nom")
    sign_in(client, user)
    version = user.version
    first = post_form(
        client, "/account/", {"full_name": "Nom Un", "preferred_locale": "fr", "version": version}
    )
    assert first.status_code == 302
    second = post_form(
        client, "/account/", {"full_name": "Nom Deux", "preferred_locale": "ar", "version": version}
    )
    assert second.status_code == 302
    db.session.refresh(user)
    assert user.full_name == "Nom Un"
    assert user.preferred_locale == "fr"


def test_forms_without_csrf_token_are_refused(client, db):
    user = make_user("sme_user")
    response = client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 400
    with client.session_transaction() as session:
        assert "sid" not in session
