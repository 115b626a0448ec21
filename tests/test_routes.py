"""Every route of the app has access rows, in exactly one domain's ``test_access.py``, for
every audience; and every route is guarded by a decorator of ``portal/authz/core.py``."""

from __future__ import annotations

from collections import Counter

from tests.access import AUDIENCES, all_rows, rows_by_domain


def routes(app) -> set[tuple[str, str]]:
    """(endpoint, method) of every route of the app (HEAD and OPTIONS come with GET)."""
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((rule.endpoint, method))
    return found


def test_every_route_is_listed(app):
    listed = set(all_rows())
    missing = routes(app) - listed
    stale = listed - routes(app)
    assert not missing, f"routes without access rows: {sorted(missing)}"
    assert not stale, f"access rows for routes that do not exist: {sorted(stale)}"


def test_every_route_is_listed_once():
    domains = rows_by_domain()
    assert len(domains) >= 11, sorted(domains)
    counts = Counter(route for rows in domains.values() for route in rows)
    twice = {
        route: [name for name, rows in domains.items() if route in rows]
        for route, count in counts.items()
        if count > 1
    }
    assert not twice, f"routes listed in several domains: {twice}"


def test_every_row_covers_every_audience():
    for name, rows in rows_by_domain().items():
        for route, case in rows.items():
            assert set(case.expect) == set(AUDIENCES), (name, route)


def unguarded(app) -> list[str]:
    """Endpoints whose view carries no guard of portal/authz/core.py (``__authz__``), or only
    a role check (``roles_required``, which names roles instead of a permission)."""
    found = []
    for endpoint, view in sorted(app.view_functions.items()):
        if endpoint == "static":
            continue
        guard = getattr(view, "__authz__", None)
        if guard is None or guard.startswith("check:<lambda>"):
            found.append(f"{endpoint} ({guard or 'no guard'})")
    return found


def test_every_route_is_guarded_by_the_policy(app):
    """Each view says who may open it: a permission, a predicate of portal/authz, signed in
    with scoped loaders, or public."""
    found = unguarded(app)
    assert not found, f"{len(found)} endpoints without a guard:\n" + "\n".join(found)
