"""Security headers on every answer, CSRF, cookie flags, body size, and templates without
inline script or style."""

import re
from pathlib import Path

import pytest

from portal import create_app
from tests.conftest import make_test_app, post_form
from tests.factories import make_user

TEMPLATES = Path(__file__).resolve().parents[2] / "portal" / "templates"


def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
        "style-src 'self'",
    ):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/auth/login", 200),
        ("GET", "/home", 302),
        ("GET", "/no-such-page", 404),
        ("POST", "/", 405),
        ("POST", "/auth/login", 400),  # no CSRF token
        ("GET", "/auth/reset/forged-token", 400),
        ("GET", "/static/css/portal.css", 200),
        ("GET", "/healthz", 200),
    ],
)
def test_every_response_carries_the_security_headers(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert_security_headers(response)


def test_admin_only_pages_answer_403_with_headers(client, auth):
    auth.login_as("sme_user")
    response = client.get("/admin/audit")
    assert response.status_code == 403
    assert_security_headers(response)


def test_throttled_answers_carry_the_headers(app, client, db):
    user = make_user("sme_user")
    for _ in range(app.config["LOGIN_FAILURES_PER_ACCOUNT"]):
        post_form(client, "/auth/login", {"email": user.email, "password": "wrong password!"})
    response = post_form(client, "/auth/login", {"email": user.email, "password": "x" * 12})
    assert response.status_code == 429
    assert_security_headers(response)


def test_unexpected_errors_answer_a_translated_500_page_with_headers(tmp_path):
    app = make_test_app(f"sqlite:///{tmp_path / 'boom.sqlite3'}", tmp_path)

    @app.route("/boom")
    def boom():
        raise RuntimeError("unexpected")

    response = app.test_client().get("/boom", headers={"Accept-Language": "ar"})
    assert response.status_code == 500
    assert_security_headers(response)
    page = response.get_data(as_text=True)
    assert 'dir="rtl"' in page
    assert "RuntimeError" not in page


def test_request_bodies_over_the_limit_get_413(tmp_path):
    app = make_test_app(f"sqlite:///{tmp_path / 'big.sqlite3'}", tmp_path, MAX_CONTENT_LENGTH=1024)
    response = app.test_client().post("/auth/login", data={"email": "x" * 4096})
    assert response.status_code == 413
    assert_security_headers(response)
    assert "<h1>" in response.get_data(as_text=True)


def test_hsts_is_sent_over_https(client):
    response = client.get("/", base_url="https://portal.example.org")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production", {"SECRET_KEY": None})


def test_production_cookies_are_secure_httponly_and_samesite(tmp_path):
    app = create_app(
        "production",
        {
            "SECRET_KEY": "x" * 40,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "UPLOAD_DIR": str(tmp_path / "uploads"),
        },
    )
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    response = app.test_client().get("/auth/login", base_url="https://portal.example.org")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle\s*=|\son[a-z]+\s*=|javascript:", re.IGNORECASE
)


def test_no_template_has_inline_script_style_or_handlers():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if INLINE.search(line):
                offenders.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}")
    assert offenders == []


def test_nul_bytes_in_input_are_a_bad_request_and_change_nothing(client, db):
    from tests.conftest import post_form

    assert client.get("/directory/", query_string={"q": "a\x00b"}).status_code == 400
    response = post_form(client, "/auth/signup", {"name_fr": "Nul\x00Org", "kind": "sme"})
    assert response.status_code == 400
    assert_security_headers(response)
