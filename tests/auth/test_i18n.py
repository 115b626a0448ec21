"""French by default; Arabic right-to-left; the user's setting, then the switcher, then the
browser's languages decide."""

from tests.conftest import post_form, sign_in
from tests.factories import make_user


def test_french_is_the_default(client, db):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in page
    assert "bootstrap.min.css" in page
    assert "Écosystèmes qualité sectoriels" in page


def test_browser_language_is_followed(client, db):
    page = client.get("/", headers={"Accept-Language": "ar-MA,ar;q=0.9"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page


def test_the_switcher_overrides_the_browser_and_keeps_the_page(client, db):
    response = post_form(client, "/language", {"language": "ar", "next": "/auth/login"})
    assert response.headers["Location"] == "/auth/login"
    page = client.get("/auth/login", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'dir="rtl"' in page
    assert "تسجيل الدخول" in page


def test_the_switcher_refuses_foreign_next_and_unknown_languages(client, db):
    response = post_form(client, "/language", {"language": "de", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"
    assert 'lang="fr"' in client.get("/").get_data(as_text=True)


def test_the_users_setting_wins_and_the_switcher_updates_it(client, db):
    user = make_user("sme_user", preferred_locale="ar")
    sign_in(client, user)
    page = client.get("/home", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'lang="ar"' in page
    post_form(client, "/language", {"language": "fr", "next": "/home"})
    db.session.refresh(user)
    assert user.preferred_locale == "fr"
    assert 'lang="fr"' in client.get("/home").get_data(as_text=True)


def test_dates_and_numbers_follow_the_locale(app):
    from datetime import date

    from flask import render_template_string

    template = "{{ day|date }} · {{ 1234567|number }}"
    with app.test_request_context(headers={"Accept-Language": "ar"}):
        arabic = render_template_string(template, day=date(2023, 11, 22))
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        french = render_template_string(template, day=date(2023, 11, 22))
    assert "نونبر" in arabic
    assert french.startswith("22 novembre 2023 · 1")
    assert french.replace("\u202f", " ").replace("\xa0", " ").endswith("1 234 567")


def test_error_pages_are_translated(client, db):
    french = client.get("/missing").get_data(as_text=True)
    arabic = client.get("/missing", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert "Page introuvable" in french
    assert 'dir="rtl"' in arabic
    assert "Page not found" not in arabic


def test_the_welcome_is_in_the_language_of_the_user_who_signs_in(client, db):
    from tests.factories import DEFAULT_PASSWORD

    user = make_user("sme_user", preferred_locale="ar", full_name="Salma Idrissi")
    form = {"email": user.email, "password": DEFAULT_PASSWORD}
    response = post_form(client, "/auth/login", form, headers={"Accept-Language": "fr"})
    assert response.status_code == 302
    page = client.get("/home", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "مرحبا" in page or "أهلا" in page
    assert "Bienvenue" not in page
