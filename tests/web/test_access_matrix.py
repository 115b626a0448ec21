"""Every route, for every audience, answers what this table says.

Adding a route without adding it here fails ``test_every_route_is_in_the_matrix``. For routes
on objects, ``World`` gives an object of the signed-in user's own organisation and one of
another organisation: out-of-scope objects must answer 404, not 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from portal.models import OrganisationKind, Role
from tests.conftest import post_form, sign_in
from tests.factories import OrganisationFactory, make_user

ANONYMOUS = "anonymous"
AUDIENCES = [ANONYMOUS, *(role.value for role in Role)]
SIGNED_IN = [role.value for role in Role]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(AUDIENCES, status)


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return {ANONYMOUS: anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(roles: list[Role], status: int = 200, others: int = 403) -> dict[str, int]:
    expected = signed_in(others)
    expected.update({role.value: status for role in roles})
    return expected


@dataclass
class World:
    """Objects the paths of a case may point at."""

    own_organisation_id: int | None
    other_organisation_id: int


@dataclass
class Case:
    path: str | Callable[[World], str]
    expect: dict[str, int]
    data: dict = field(default_factory=dict)


MATRIX: dict[tuple[str, str], Case] = {
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
    ("auth.reset_request", "GET"): Case("/auth/reset", everyone(200)),
    ("auth.reset_request", "POST"): Case("/auth/reset", everyone(422), {"email": "not-an-email"}),
    ("auth.reset_password", "GET"): Case("/auth/reset/forged", everyone(400)),
    ("auth.reset_password", "POST"): Case("/auth/reset/forged", everyone(400)),
    ("account.profile", "GET"): Case("/account/", signed_in(200)),
    ("account.profile", "POST"): Case("/account/", signed_in(422), {"full_name": ""}),
    ("account.change_password", "GET"): Case("/account/password", signed_in(200)),
    ("account.change_password", "POST"): Case("/account/password", signed_in(422)),
    ("home.index", "GET"): Case("/home", signed_in(200)),
    ("admin.audit_trail", "GET"): Case("/admin/audit", only([Role.ADMIN])),
}


def routes(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((rule.endpoint, method))
    return found


def test_every_route_is_in_the_matrix(app):
    missing = routes(app) - set(MATRIX)
    stale = set(MATRIX) - routes(app)
    assert not missing, f"routes without access expectations: {sorted(missing)}"
    assert not stale, f"expectations for routes that do not exist: {sorted(stale)}"


def test_every_case_covers_every_audience():
    for key, case in MATRIX.items():
        assert set(case.expect) == set(AUDIENCES), key


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]}:{r[1]}")
def test_access(client, db, route, audience):
    case = MATRIX[route]
    user = None
    if audience != ANONYMOUS:
        user = make_user(audience)
        sign_in(client, user)
    world = World(
        own_organisation_id=user.organisation_id if user else None,
        other_organisation_id=OrganisationFactory(kind=OrganisationKind.SME).id,
    )
    path = case.path(world) if callable(case.path) else case.path
    _endpoint, method = route
    response = client.get(path) if method == "GET" else post_form(client, path, case.data)
    assert response.status_code == case.expect[audience], (
        f"{method} {path} as {audience}: {response.status_code}"
    )
