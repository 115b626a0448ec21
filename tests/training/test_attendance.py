"""Attendance that proves (issue 16, item 3): attendance per day of a three-day session; a
need is fulfilled only by its company's people who attended every day (in part when fewer
came, the rest back in the demand; not at all when none came); a correction decides again;
each participant present a day gets an attendance certificate (PDF, French and Arabic) whose
code verifies publicly."""

from __future__ import annotations

from datetime import date

import pytest
from markupsafe import escape
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import NeedStatus, SessionStatus, TrainingNeed
from portal.services import training as service
from portal.services.training import attendance
from tests.conftest import post_form, sign_in
from tests.dashboards.test_report import in_language, pdf_text, words
from tests.factories import make_user
from tests.training.test_training_sessions import QUARTER, REGION, build_world, page, plan

DAYS = [date(2027, 2, 1), date(2027, 2, 2), date(2027, 2, 3)]


@pytest.fixture
def world(db, monkeypatch):
    """Company A declared 3 people, company B 2 (tests/training/test_training_sessions.py)."""
    return build_world(db, monkeypatch)


@pytest.fixture
def held(world, monkeypatch):
    """A three-day session with A's three participants and B's two; then the clock on its
    last day."""
    training_session = plan(world, starts_on=DAYS[0])
    training_session.ends_on = DAYS[-1]
    people = {
        name: service.enrol(training_session, company.id, name)
        for name, company in [
            ("Amina", world.company_a),
            ("Badr", world.company_a),
            ("Brahim", world.company_a),
            ("Chama", world.company_b),
            ("Driss", world.company_b),
        ]
    }
    _db.session.flush()
    monkeypatch.setattr("portal.clock.today", lambda: DAYS[-1])
    return training_session, people


def ticks(people, days_of: dict[str, list[date]]) -> list[str]:
    return [
        f"{people[name].id}-{day.toordinal()}" for name, days in days_of.items() for day in days
    ]


def demand_people(world) -> int:
    cells = {(c.topic_id, c.region, c.quarter): c.people for c in service.demand(world.staff)}
    return cells.get((world.topic.id, REGION, QUARTER), 0)


def test_needs_are_fulfilled_by_those_present_every_day_and_the_rest_stays_open(
    client, world, held
):
    training_session, people = held
    path = f"/training/sessions/{training_session.id}/attendance"
    sign_in(client, world.institute_user)
    html = page(client, path)
    assert html.count('type="checkbox"') == 5 * 3  # a box per participant and day
    present = ticks(people, {"Amina": DAYS, "Badr": DAYS, "Brahim": DAYS[:2]})
    assert post_form(client, path, {"present": present}).status_code == 302

    _db.session.refresh(training_session)
    assert training_session.status == SessionStatus.HELD
    for enrolment in people.values():
        _db.session.refresh(enrolment)
    assert {name: e.attended for name, e in people.items()} == {
        "Amina": True,
        "Badr": True,
        "Brahim": False,  # two days of three
        "Chama": False,
        "Driss": False,
    }
    _db.session.refresh(world.need_a)
    _db.session.refresh(world.need_b)
    # A: 2 of 3 people trained; a new need keeps the third open. B: nobody came, open again.
    assert (world.need_a.status, world.need_a.people_trained) == (NeedStatus.FULFILLED, 2)
    assert (world.need_b.status, world.need_b.people_trained) == (NeedStatus.VALIDATED, 0)
    remainder = _db.session.execute(
        select(TrainingNeed).where(TrainingNeed.remainder_of_id == world.need_a.id)
    ).scalar_one()
    assert (remainder.status, remainder.people, remainder.organisation_id) == (
        NeedStatus.VALIDATED,
        1,
        world.company_a.id,
    )
    assert demand_people(world) == 1 + 2

    # The sheet shows what was recorded; a correction decides again.
    assert page(client, path).count("checked") == 3 + 3 + 2
    everyone = ticks(people, {"Amina": DAYS, "Badr": DAYS, "Brahim": DAYS})
    assert post_form(client, path, {"present": everyone}).status_code == 302
    _db.session.refresh(world.need_a)
    assert (world.need_a.status, world.need_a.people_trained) == (NeedStatus.FULFILLED, 3)
    assert (
        _db.session.execute(
            select(TrainingNeed).where(TrainingNeed.remainder_of_id == world.need_a.id)
        ).scalar()
        is None  # withdrawn (soft-deleted): no longer in the demand
    )
    assert demand_people(world) == 2


def test_a_day_outside_the_session_or_another_participant_is_refused(client, world, held):
    training_session, people = held
    path = f"/training/sessions/{training_session.id}/attendance"
    sign_in(client, world.institute_user)
    outside = f"{people['Amina'].id}-{date(2027, 2, 4).toordinal()}"
    for value in (outside, "abc", f"999999-{DAYS[0].toordinal()}"):
        assert post_form(client, path, {"present": [value]}).status_code == 422
    _db.session.refresh(training_session)
    assert training_session.status == SessionStatus.PLANNED


def test_each_participant_present_gets_a_certificate_whose_code_verifies_publicly(
    client, world, held, tmp_path
):
    training_session, people = held
    attendance.record_days(
        training_session,
        {(people["Amina"].id, day) for day in DAYS} | {(people["Brahim"].id, DAYS[0])},
    )
    amina, brahim, chama = people["Amina"], people["Brahim"], people["Chama"]
    assert amina.certificate_code and brahim.certificate_code
    assert chama.certificate_code is None  # never present: no certificate
    assert amina.certificate_code.startswith("AT-")

    base = f"/training/sessions/{training_session.id}/enrolments"
    sign_in(client, world.user_a)
    html = page(client, f"/training/sessions/{training_session.id}")
    assert f"{base}/{amina.id}/certificate.pdf?lang=ar" in html
    for language in ("fr", "ar"):
        response = client.get(f"{base}/{brahim.id}/certificate.pdf?lang={language}")
        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        text = pdf_text(response.data, tmp_path)
        assert brahim.certificate_code in text
        assert "Brahim" in text
        assert words(in_language(language, "Attendance certificate")) <= words(text)
    french = pdf_text(client.get(f"{base}/{brahim.id}/certificate.pdf?lang=fr").data, tmp_path)
    assert "1 des 3 jours" in french
    # Another company's participant, or one without a certificate: 404.
    assert client.get(f"{base}/{chama.id}/certificate.pdf").status_code == 404
    sign_in(client, world.user_b)
    assert client.get(f"{base}/{amina.id}/certificate.pdf").status_code == 404
    assert client.get(f"{base}/{chama.id}/certificate.pdf").status_code == 404

    anonymous = client.application.test_client()
    code = amina.certificate_code
    found = anonymous.get(f"/certificates/verify?number={code.lower()}")
    assert found.status_code == 200
    body = found.get_data(as_text=True)
    assert 'id="attendance-verified"' in body and "Amina" in body
    assert str(escape(world.company_a.name_fr)) in body
    assert anonymous.get("/certificates/verify?number=AT-ZZZZ-ZZZZ").status_code == 404


def test_only_who_runs_the_session_records_attendance(client, world, held):
    training_session, people = held
    path = f"/training/sessions/{training_session.id}/attendance"
    sign_in(client, make_user("institute_user"))  # another institute
    assert post_form(client, path, {"present": ticks(people, {"Amina": DAYS})}).status_code == 404
    sign_in(client, world.user_a)
    assert post_form(client, path, {"present": ticks(people, {"Amina": DAYS})}).status_code == 403
    _db.session.refresh(training_session)
    assert training_session.status == SessionStatus.PLANNED
