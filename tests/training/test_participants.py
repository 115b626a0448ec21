"""Participants (issue 16, item 2): several enrolled at once, typed or from a CSV file, all or
none; each participant with an address gets an invitation with a valid calendar file at the
(loopback) SMTP server when a seat is theirs, and a reminder a week before, once."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from markupsafe import escape

from portal.extensions import db as _db
from portal.services.training import invitations
from tests.conftest import post_form, sent_mail, sign_in
from tests.training.test_training_sessions import build_world, enrol_path, message, plan, statuses

START = date(2027, 2, 1)


@pytest.fixture
def world(db, monkeypatch):
    """Companies A and B of AMICA's ecosystem, today 2027-01-11
    (tests/training/test_training_sessions.py)."""
    return build_world(db, monkeypatch)


def many_path(training_session) -> str:
    return f"/training/sessions/{training_session.id}/enrol-many"


def calendar_of(mail) -> str:
    parts = [part for part in mail.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_filename() == "invitation.ics"
    return parts[0].get_payload(decode=True).decode()


def assert_valid_icalendar(text: str, *, first: date, day_after_last: date) -> None:
    """The calendar file is what RFC 5545 asks: CRLF lines of at most 75 octets, nested
    BEGIN/END, the required properties, all-day dates."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]
    stack = []
    for line in unfolded:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack.pop() == line[4:]
    assert stack == []
    assert unfolded[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in unfolded
    assert any(line.startswith("PRODID:") for line in unfolded)
    event = unfolded[unfolded.index("BEGIN:VEVENT") : unfolded.index("END:VEVENT")]
    names = {line.split(":")[0].split(";")[0] for line in event[1:]}
    assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION"} <= names
    assert f"DTSTART;VALUE=DATE:{first:%Y%m%d}" in event
    assert f"DTEND;VALUE=DATE:{day_after_last:%Y%m%d}" in event
    assert re.match(r"^DTSTAMP:\d{8}T\d{6}Z$", next(x for x in event if x.startswith("DTSTAMP")))


def test_a_participant_with_an_address_receives_the_invitation_with_a_calendar_file(
    app, client, world
):
    training_session = plan(world, seats=5, starts_on=START)
    training_session.ends_on = date(2027, 2, 2)
    training_session.place = "Casablanca, salle 3; étage 2"
    sign_in(client, world.user_a)
    form = {
        "participant_name": "Amina Alaoui",
        "participant_job": "Responsable qualité",
        "participant_email": "amina@example.com",
    }
    assert post_form(client, enrol_path(training_session), form).status_code == 302
    mails = [m for m in sent_mail(app) if m["To"] == "amina@example.com"]
    assert len(mails) == 1
    mail = mails[0]
    assert mail["Subject"].startswith("Invitation")
    body = mail.get_body(("plain",)).get_content()
    assert "Amina Alaoui" in body and "Casablanca, salle 3; étage 2" in body
    assert "دورة" in body  # the Arabic text follows the French
    text = calendar_of(mail)
    assert_valid_icalendar(text, first=START, day_after_last=date(2027, 2, 3))
    assert "LOCATION:Casablanca\\, salle 3\\; étage 2" in re.sub(r"\r\n ", "", text)


def test_a_participant_on_the_waiting_list_is_invited_when_a_seat_is_theirs(app, client, world):
    training_session = plan(world, seats=1, starts_on=START)
    sign_in(client, world.user_a)
    post_form(client, enrol_path(training_session), {"participant_name": "A1"})
    form = {"participant_name": "A2", "participant_email": "a2@example.com"}
    post_form(client, enrol_path(training_session), form)
    assert [m for m in sent_mail(app) if m["To"] == "a2@example.com"] == []  # waiting
    first = next(
        e for e in training_session_enrolments(training_session) if e.participant_name == "A1"
    )
    post_form(client, f"/training/sessions/{training_session.id}/enrolments/{first.id}/cancel")
    assert len([m for m in sent_mail(app) if m["To"] == "a2@example.com"]) == 1


def training_session_enrolments(training_session):
    from sqlalchemy import select

    from portal.models import Enrolment

    return _db.session.execute(
        select(Enrolment).where(Enrolment.session_id == training_session.id)
    ).scalars()


def test_several_participants_typed_at_once_take_the_seats_then_the_waiting_list(
    app, client, world
):
    training_session = plan(world, seats=3, starts_on=START)
    sign_in(client, world.user_a)
    typed = "Nom;Poste;E-mail\nA1; Technicien; a1@example.com\nA2\n\nA3;;a3@example.com\nA4"
    response = post_form(client, many_path(training_session), {"many-participants": typed})
    assert response.status_code == 302
    assert statuses(training_session) == {
        "A1": "enrolled",
        "A2": "enrolled",
        "A3": "enrolled",
        "A4": "waiting",
    }
    received = {m["To"] for m in sent_mail(app)}
    assert {"a1@example.com", "a3@example.com"} <= received


def test_a_csv_file_of_participants_is_enrolled(client, world):
    training_session = plan(world, seats=5, starts_on=START)
    sign_in(client, world.user_b)
    data = "name,job,email\nChama Chraibi,Auditrice,chama@example.com\nDriss Daoudi,,\n"
    upload = (io.BytesIO(data.encode()), "participants.csv")
    response = post_form(
        client,
        many_path(training_session),
        {"many-participants_file": upload},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert statuses(training_session) == {"Chama Chraibi": "enrolled", "Driss Daoudi": "enrolled"}


@pytest.mark.parametrize(
    ("typed", "error", "values"),
    [
        ("A1\n;Technicien", "Line %(line)s: the participant's name is missing.", {"line": 2}),
        (
            "A1;;not-an-address",
            "Line %(line)s: %(email)s is not an e-mail address.",
            {"line": 1, "email": "not-an-address"},
        ),
        ("", "Give at least one participant.", {}),
        (
            "\n".join(f"P{n}" for n in range(101)),
            "At most %(count)s participants can be enrolled at once.",
            {"count": 100},
        ),
    ],
)
def test_a_wrong_row_enrols_nobody_and_says_which(client, world, typed, error, values):
    training_session = plan(world, seats=5, starts_on=START)
    sign_in(client, world.user_a)
    response = post_form(client, many_path(training_session), {"many-participants": typed})
    assert response.status_code == 422
    assert message(error, **values) in response.get_data(as_text=True)
    assert statuses(training_session) == {}


def test_a_file_that_is_not_a_table_is_refused(client, world):
    training_session = plan(world, seats=5, starts_on=START)
    sign_in(client, world.user_a)
    upload = (io.BytesIO(b"\x00\x01binary"), "participants.pdf")
    response = post_form(
        client,
        many_path(training_session),
        {"many-participants_file": upload},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    expected = "The file could not be read: give a CSV or XLSX file, one participant a row."
    assert str(escape(message(expected))) in response.get_data(as_text=True) or message(
        expected
    ) in response.get_data(as_text=True)
    assert statuses(training_session) == {}


def test_participants_are_reminded_a_week_before_once(app, client, world):
    training_session = plan(world, seats=5, starts_on=START)
    sign_in(client, world.user_a)
    form = {"participant_name": "Amina Alaoui", "participant_email": "amina@example.com"}
    post_form(client, enrol_path(training_session), form)
    assert invitations.remind_participants(date(2027, 1, 20)) == 0  # 12 days before
    assert invitations.remind_participants(date(2027, 1, 25)) == 1
    assert invitations.remind_participants(date(2027, 1, 26)) == 0  # once
    reminders = [m for m in sent_mail(app) if m["Subject"].startswith("Rappel")]
    assert len(reminders) == 1
    assert_valid_icalendar(calendar_of(reminders[0]), first=START, day_after_last=date(2027, 2, 2))
