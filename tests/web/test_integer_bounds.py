"""Integers from the URL, the query string and forms are bounded to what the columns hold.

A number past a 32-bit INTEGER column (2147483648) or past any 64-bit integer
(99999999999999999999) used to reach the database, which refused it with a 500 (PostgreSQL:
NumericValueOutOfRange; SQLite: "Python int too large"). Every route is probed: integers in the
path match no route (the converter refuses them, whoever asks), and those of the query string
and forms, sent by every audience, answer no 5xx. The probes run on the access rows' worlds
(tests/access.py), each request signed in as the audience and rolled back after it, so that no
probe (a sign-out, a deletion) changes what the next one sees.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import IntegerConverter, RequestRedirect

from portal.models import Role
from tests.access import ANONYMOUS, AUDIENCES, all_rows

HUGE = ("99999999999999999999", "2147483648")
# Query-string arguments the lists and filters read as integers.
INTEGER_ARGUMENTS = ("page", "standard", "ecosystem", "topic", "expert", "organisation")


def integer_rules(app):
    """(rule, method) for every route with an integer part."""
    for rule in app.url_map.iter_rules():
        converters = rule._converters
        if any(isinstance(c, IntegerConverter) for c in converters.values()):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def fill(rule, world, number: str) -> str:
    """The rule's path with every integer part set to ``number`` and other parts to something
    that exists (the signed-in user's ecosystem, a CSV format, a forged token)."""
    path = rule.rule
    for name, converter in rule._converters.items():
        if isinstance(converter, IntegerConverter):
            value = number
        elif name == "slug":
            value = world.own_ecosystem
        elif name == "fmt":
            value = "csv"
        else:
            value = "forged"
        path = re.sub(rf"<(?:[^:>]+:)?{name}>", value, path)
    return path


def answer(access, audience: str, method: str, path: str, data: dict | None = None) -> int:
    """The status of the request; an error the app let through counts as a 500 (the test
    app propagates exceptions instead of answering 500)."""
    try:
        return access.status(audience, method, path, data)
    except Exception:  # any escaping error is what the probe looks for
        return 500


def test_the_probe_covers_the_integer_routes(app):
    assert len(list(integer_rules(app))) >= 60


def test_huge_integers_in_the_path_match_no_route(app, access):
    """The app's ``int`` converter refuses them while the URL is matched, before any view or
    permission check runs: the answer is the same 404 whoever asks (the requests below show
    it for a visitor and for an administrator, who may open every page)."""
    world = access.world(ANONYMOUS)
    adapter = app.url_map.bind("localhost")
    routed = []
    for rule, method in integer_rules(app):
        for number in HUGE:
            path = fill(rule, world, number)
            try:
                adapter.match(path, method=method)
            except NotFound:
                continue
            except (MethodNotAllowed, RequestRedirect):
                pass
            routed.append(f"{method} {path}")
    assert not routed, routed


@pytest.mark.parametrize("audience", [ANONYMOUS, Role.ADMIN.value])
def test_huge_integers_in_the_path_answer_404(app, access, audience):
    world = access.world(audience)
    failures = []
    for rule, method in integer_rules(app):
        for number in HUGE:
            path = fill(rule, world, number)
            status = answer(access, audience, method, path)
            if status != 404:
                failures.append(f"{method} {path}: {status}")
    assert not failures, failures


def with_arguments(path: str, number: str) -> str:
    parts = urlsplit(path)
    query = dict(parse_qsl(parts.query))
    query.update(dict.fromkeys(INTEGER_ARGUMENTS, number))
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_huge_integers_in_the_query_string_answer_no_error(access, audience):
    """Every page of the access rows, its page number and filters set to huge numbers, still
    answers what it answers without them (a list shows a page, a filter is ignored)."""
    world = access.world(audience)
    failures = []
    for (endpoint, method), case in sorted(all_rows().items()):
        if method != "GET":
            continue
        path = case.path_in(world)
        for number in HUGE:
            status = answer(access, audience, "GET", with_arguments(path, number))
            if status >= 500:
                failures.append(f"{endpoint} {with_arguments(path, number)}: {status}")
    assert not failures, failures


# Form fields that hold numbers (typed, chosen in a list, or hidden) across the portal's forms.
NUMBER_FIELDS = (
    "amendment_number",
    "people",
    "seats",
    "capacity",
    "duration_hours",
    "cofinancing_rate",
    "merge_into",
    "version",
    "budget_mad",
    "new_budget_mad",
    "price_mad",
    "baseline",
    "target",
    "value",
    "rating",
    "content_rating",
    "trainer_rating",
    "attended",
    "offer_id",
    "topic_id",
    "ecosystem_id",
    "standard_id",
    "organisation_id",
    "party_id",
    "expert_id",
    "body_id",
    "clause_id",
    "issuing_body_id",
    "accrediting_body_id",
    "lead_federation_id",
)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_huge_numbers_in_forms_answer_no_error(access, audience):
    """Every form of the access rows, sent with each number field set to a huge number,
    answers without a server error (a form error, a refusal, or what it answers anyway)."""
    world = access.world(audience)
    failures = []
    for (endpoint, method), case in sorted(all_rows().items()):
        if method != "POST":
            continue
        path = case.path_in(world)
        for number in HUGE:
            data = {**case.data, **dict.fromkeys(NUMBER_FIELDS, number)}
            status = answer(access, audience, "POST", path, data)
            if status >= 500:
                failures.append(f"{endpoint} {path} {number}: {status}")
    assert not failures, failures
