"""Integers from the URL, the query string and forms are bounded to what the columns hold.

A number past a 32-bit INTEGER column (2147483648) or past any 64-bit integer
(99999999999999999999) used to reach the database, which refused it with a 500 (PostgreSQL:
NumericValueOutOfRange; SQLite: "Python int too large"). Every route is probed, for every
audience: nothing answers 5xx.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from werkzeug.routing import IntegerConverter

from portal.extensions import db as _db
from tests.conftest import post_form, sign_in
from tests.factories import make_user
from tests.web.test_access_matrix import AUDIENCES, MATRIX, build_world

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


def sign_in_as(client, audience: str):
    if audience == "anonymous":
        return None
    user = make_user(audience)
    sign_in(client, user)
    return user


def answer(client, method: str, path: str, data: dict | None = None) -> int:
    """The status of the request; an error the app let through counts as a 500 (the test
    app propagates exceptions instead of answering 500)."""
    try:
        if method == "GET":
            return client.get(path).status_code
        return post_form(client, path, data or {}).status_code
    except Exception:  # any escaping error is what the probe looks for
        _db.session.rollback()
        return 500


def test_the_probe_covers_the_integer_routes(app):
    assert len(list(integer_rules(app))) >= 60


@pytest.mark.parametrize("audience", AUDIENCES)
def test_huge_integers_in_the_path_answer_404(app, client, audience):
    world = build_world(sign_in_as(client, audience))
    failures = []
    for rule, method in integer_rules(app):
        for number in HUGE:
            path = fill(rule, world, number)
            status = answer(client, method, path)
            if status != 404:
                failures.append(f"{method} {path}: {status}")
    assert not failures, failures


def with_arguments(path: str, number: str) -> str:
    parts = urlsplit(path)
    query = dict(parse_qsl(parts.query))
    query.update(dict.fromkeys(INTEGER_ARGUMENTS, number))
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_huge_integers_in_the_query_string_answer_no_error(client, audience):
    """Every page of the access matrix, its page number and filters set to huge numbers, still
    answers what it answers without them (a list shows a page, a filter is ignored)."""
    world = build_world(sign_in_as(client, audience))
    failures = []
    for (endpoint, method), case in sorted(MATRIX.items()):
        if method != "GET":
            continue
        path = case.path(world) if callable(case.path) else case.path
        for number in HUGE:
            status = answer(client, "GET", with_arguments(path, number))
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
def test_huge_numbers_in_forms_answer_no_error(client, audience):
    """Every form of the access matrix, sent with each number field set to a huge number,
    answers without a server error (a form error, a refusal, or what it answers anyway)."""
    world = build_world(sign_in_as(client, audience))
    failures = []
    for (endpoint, method), case in sorted(MATRIX.items()):
        if method != "POST":
            continue
        path = case.path(world) if callable(case.path) else case.path
        for number in HUGE:
            data = {**case.data, **dict.fromkeys(NUMBER_FIELDS, number)}
            status = answer(client, "POST", path, data)
            if status >= 500:
                failures.append(f"{endpoint} {path} {number}: {status}")
    assert not failures, failures
