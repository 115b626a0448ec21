"""Who may open each route of public pages and signing in, up and out (public.*, auth.*): the
status each audience gets, written out (not derived from the policy). The objects the paths
point at: tests/access.py."""

from __future__ import annotations

import pytest

from tests.access import ANONYMOUS, AUDIENCES, Case, Rows, everyone, route_id, signed_in

ROWS: Rows = {
    ("public.index", "GET"): Case("/", everyone(200)),
    ("public.healthz", "GET"): Case("/healthz", everyone(200)),
    ("public.switch_language", "POST"): Case(
        "/language", everyone(302), {"language": "ar", "next": "/"}
    ),
    ("auth.login", "GET"): Case("/auth/login", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.login", "POST"): Case(
        "/auth/login",
        {**signed_in(302), ANONYMOUS: 401},
        {"email": "nobody@example.org", "password": "not a password at all"},
    ),
    ("auth.logout", "POST"): Case("/auth/logout", signed_in(302)),
    # Signed in, the password is changed from the account page (redirect).
    ("auth.reset_request", "GET"): Case("/auth/reset", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.reset_request", "POST"): Case(
        "/auth/reset", {**signed_in(302), ANONYMOUS: 422}, {"email": "not-an-email"}
    ),
    ("auth.reset_password", "GET"): Case("/auth/reset/forged", everyone(400)),
    ("auth.reset_password", "POST"): Case("/auth/reset/forged", everyone(400)),
    # sign-up, confirmation, invitations
    ("auth.signup", "GET"): Case("/auth/signup", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.signup", "POST"): Case("/auth/signup", {**signed_in(302), ANONYMOUS: 422}),
    ("auth.confirm_email", "GET"): Case("/auth/confirm/forged", everyone(400)),
    ("auth.resend_confirmation", "GET"): Case("/auth/confirm", {**signed_in(302), ANONYMOUS: 200}),
    ("auth.resend_confirmation", "POST"): Case("/auth/confirm", {**signed_in(302), ANONYMOUS: 422}),
    ("auth.accept_invitation", "GET"): Case("/auth/invitation/forged", everyone(400)),
    ("auth.accept_invitation", "POST"): Case("/auth/invitation/forged", everyone(400)),
}


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(ROWS), ids=route_id)
def test_access(access, route, audience):
    access.check(ROWS, route, audience)
