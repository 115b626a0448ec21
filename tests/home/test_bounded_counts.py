"""A home counts each section up to a bound (services/work_queue/base.COUNT_LIMIT): past it,
the section says "more than N" instead of counting every row (issue 11)."""

from __future__ import annotations

import re

import pytest

from portal.models import CaseStage, NeedStatus
from tests.conftest import sign_in
from tests.home import queue_builders as qb


@pytest.fixture
def world(db, monkeypatch):
    monkeypatch.setattr("portal.clock.today", lambda: qb.TODAY)
    return qb.build_world()


def section_html(page: str, key: str) -> str:
    match = re.search(rf'<section id="queue-{key}".*?</section>', page, re.S)
    assert match, key
    return match.group(0)


def test_a_count_past_the_bound_says_more_than(client, world, monkeypatch):
    monkeypatch.setattr("portal.services.work_queue.base.COUNT_LIMIT", 2)
    for _ in range(3):
        qb.need(world, world.sme_a, world.automobile)
    for _ in range(2):
        qb.case(world, world.sme_a, world.automobile, CaseStage.REQUESTED)
    sign_in(client, qb.user_of("federation_staff", world.amica))
    page = client.get("/home").get_data(as_text=True)

    needs = section_html(page, "needs_to_validate")
    assert 'data-total="2" data-capped="true"' in needs
    assert "plus de 2" in needs  # the bound, in the reader's language
    assert "pas affich" not in needs  # no count of the hidden ones: it is not known

    # At the bound exactly, the count is exact.
    cases = section_html(page, "cases_waiting")
    assert 'data-total="2"' in cases
    assert "data-capped" not in cases
    assert "plus de" not in cases


def test_the_company_counts_its_needs_per_status_up_to_the_bound(client, world, monkeypatch):
    monkeypatch.setattr("portal.services.work_queue.base.COUNT_LIMIT", 2)
    for _ in range(3):
        qb.need(world, world.sme_a, world.automobile, status=NeedStatus.VALIDATED)
    qb.need(world, world.sme_a, world.automobile)
    sign_in(client, qb.user_of("sme_user", world.sme_a))
    needs = section_html(client.get("/home").get_data(as_text=True), "training_needs")
    assert 'data-total="2" data-capped="true"' in needs
    assert "(plus de 2)" in needs  # the validated ones' link
    assert "(1)" in needs  # the submitted one's
