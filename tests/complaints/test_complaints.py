"""Complaints and suggestions (issue 12, item 1): filed in Arabic, acknowledged and answered
by the right staff through the test SMTP server; escalation to the lead federation then the
ministry from the dates alone (fixed clock); reminders at day 10 and past the dates, once;
reopening within 30 days and rating; the public contact form's traps and throttle; the
answer-time figures; scopes; a bounded number of queries."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.extensions import limiter
from portal.models import (
    Complaint,
    ComplaintMessage,
    ComplaintStatus,
    ComplaintTarget,
    Notification,
    OrganisationKind,
    ReminderSent,
)
from tests.conftest import count_queries, post_form, sent_mail, sign_in
from tests.factories import (
    ComplaintFactory,
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    TrainingSessionFactory,
    make_user,
)
from tests.home.queue_builders import sections

TODAY = date(2026, 3, 2)


def message(msgid: str, language: str = "fr", **values) -> str:
    with current_app.test_request_context(), force_locale(f"{language}_MA"):
        return str(escape(gettext(msgid, **values)))


@pytest.fixture
def world(db, fixed_clock):
    """AMICA leads the automotive ecosystem; an institute runs one of its sessions; a
    member company's manager reads Arabic; the ministry has an officer."""
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=amica, name_fr="Automobile", name_ar="السيارات")
    institute = OrganisationFactory(
        kind=OrganisationKind.INSTITUTE, name_fr="Institut Atlas", name_ar="معهد الأطلس"
    )
    company = OrganisationFactory(kind=OrganisationKind.SME, name_fr="Câblerie du Nord")
    MembershipFactory(ecosystem=ecosystem, organisation=company)
    session = TrainingSessionFactory(institute_id=institute.id, ecosystem_id=ecosystem.id)
    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY)
    return {
        "amica": amica,
        "ecosystem": ecosystem,
        "institute": institute,
        "company": company,
        "session": session,
        "manager": make_user("sme_user", company, preferred_locale="ar", email="mudir@cablerie.ma"),
        "trainer": make_user("institute_user", institute, email="formation@atlas.ma"),
        "trainer2": make_user("institute_user", institute, email="accueil@atlas.ma"),
        "amica_staff": make_user("federation_staff", amica, email="suivi@amica.ma"),
        "officer": make_user("ministry_officer", ministry, email="qualite@mcinet.gov.ma"),
        "stranger": make_user("institute_user"),
    }


def file_about_session(client, world, **fields):
    data = {
        "about": f"training_session-{world['session'].id}",
        "kind": "complaint",
        "category": "delay",
        "subject": "الدورة أُلغيت دون إشعار",
        "text": "أُلغيت الدورة يوم الاثنين دون أي إشعار مسبق.",
    }
    data.update(fields)
    return post_form(client, "/complaints/new", data, content_type="multipart/form-data")


def mails_to(app, address: str) -> list:
    return [m for m in sent_mail(app) if m["To"] == address]


def body_of(mail) -> str:
    return mail.get_body(("plain",)).get_content()


def the_complaint() -> Complaint:
    return _db.session.execute(select(Complaint)).scalar_one()


# --- the whole journey, in Arabic ---------------------------------------------------------------


def test_a_complaint_filed_in_arabic_is_acknowledged_answered_and_closed(app, client, world):
    manager, trainer = world["manager"], world["trainer"]
    sign_in(client, manager)
    form = client.get(f"/complaints/new?target=training_session&id={world['session'].id}").get_data(
        as_text=True
    )
    assert f'<option selected value="training_session-{world["session"].id}">' in form

    response = file_about_session(client, world)
    assert response.status_code == 302
    complaint = the_complaint()
    assert re.fullmatch(r"R-2026-\d{6}", complaint.reference)
    assert complaint.handler_id == world["institute"].id  # the session's institute answers
    assert complaint.ecosystem_id == world["ecosystem"].id
    assert complaint.due_on == TODAY + timedelta(days=15)
    assert complaint.language == "ar"  # the page's language (the user's)

    # The acknowledgement reaches the author at once, in Arabic, with the reference.
    (ack,) = mails_to(app, "mudir@cablerie.ma")
    assert complaint.reference in body_of(ack)
    assert "تم التوصل برسالتكم" in body_of(ack)
    assert f"http://localhost/complaints/{complaint.id}" in body_of(ack)
    # The institute's staff are told.
    assert len(mails_to(app, "formation@atlas.ma")) == 1

    # The institute assigns it to a colleague, who answers.
    sign_in(client, trainer)
    page = client.get(f"/complaints/{complaint.id}").get_data(as_text=True)
    assert "/assign" in page and "/answer" in page
    assert (
        post_form(
            client,
            f"/complaints/{complaint.id}/assign",
            {"assignee_id": str(world["trainer2"].id), "version": str(complaint.version)},
        ).status_code
        == 302
    )
    _db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.IN_PROGRESS
    assert complaint.assignee_id == world["trainer2"].id
    answer = "نعتذر عن الإلغاء؛ تمت برمجة الدورة من جديد يوم 16 مارس."
    response = post_form(
        client,
        f"/complaints/{complaint.id}/answer",
        {"text": answer, "version": str(complaint.version)},
    )
    assert response.status_code == 302
    _db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.ANSWERED
    assert complaint.answer_days == 0 and complaint.answered_on == TODAY

    # The author receives the answer itself, in Arabic.
    _ack_again, answered = mails_to(app, "mudir@cablerie.ma")
    assert answer in body_of(answered)
    assert "أجابت معهد الأطلس عن رسالتكم" in body_of(answered)

    # The institute closes it; the author is told, and reads the answer on the page in Arabic.
    assert (
        post_form(
            client, f"/complaints/{complaint.id}/close", {"version": str(complaint.version)}
        ).status_code
        == 302
    )
    _db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.CLOSED and complaint.closed_on == TODAY
    assert len(mails_to(app, "mudir@cablerie.ma")) == 3  # acknowledged, answered, closed
    sign_in(client, manager)
    page = client.get(f"/complaints/{complaint.id}").get_data(as_text=True)
    assert 'dir="rtl"' in page and answer in page
    assert message("Closed", "ar") in page


def test_only_the_staff_concerned_answer_and_others_see_nothing(client, world):
    complaint = ComplaintFactory(
        handler_id=world["institute"].id,
        target_id=world["institute"].id,
        ecosystem_id=world["ecosystem"].id,
        requester_id=world["manager"].id,
        filed_on=TODAY,
        due_on=TODAY + timedelta(days=15),
        ministry_on=TODAY + timedelta(days=22),
    )
    # Another institute neither sees nor answers it.
    sign_in(client, world["stranger"])
    assert client.get(f"/complaints/{complaint.id}").status_code == 404
    assert (
        post_form(
            client, f"/complaints/{complaint.id}/answer", {"text": "x", "version": "1"}
        ).status_code
        == 404
    )
    # The lead federation sees it but does not answer it before it is overdue.
    sign_in(client, world["amica_staff"])
    page = client.get(f"/complaints/{complaint.id}")
    assert page.status_code == 200 and "/answer" not in page.get_data(as_text=True)
    assert (
        post_form(
            client, f"/complaints/{complaint.id}/answer", {"text": "x", "version": "1"}
        ).status_code
        == 403
    )
    # The author cannot answer their own complaint.
    sign_in(client, world["manager"])
    assert (
        post_form(
            client, f"/complaints/{complaint.id}/answer", {"text": "x", "version": "1"}
        ).status_code
        == 403
    )
    assert _db.session.scalar(select(func.count(ComplaintMessage.id))) == 0


def test_an_object_the_user_cannot_see_cannot_be_complained_about(client, world):
    other_session = TrainingSessionFactory()
    sign_in(client, world["manager"])
    page = client.get(f"/complaints/new?target=training_session&id={other_session.id}")
    assert page.status_code == 404
    response = file_about_session(client, world, about=f"training_session-{other_session.id}")
    assert response.status_code == 404
    # A company is not answerable: refused with a message, nothing written.
    response = file_about_session(client, world, about=f"organisation-{world['company'].id}")
    assert response.status_code in (404, 422)
    assert _db.session.scalar(select(func.count(Complaint.id))) == 0


def test_a_stale_answer_changes_nothing(client, world):
    complaint = ComplaintFactory(
        handler_id=world["institute"].id, filed_on=TODAY, due_on=TODAY + timedelta(days=15)
    )
    complaint.assignee_id = world["trainer"].id
    _db.session.flush()  # version 2
    sign_in(client, world["trainer"])
    response = post_form(
        client, f"/complaints/{complaint.id}/answer", {"text": "Réponse", "version": "1"}
    )
    assert response.status_code in (302, 409)
    _db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.RECEIVED
    assert _db.session.scalar(select(func.count(ComplaintMessage.id))) == 0


# --- the 15-day clock and escalation ------------------------------------------------------------


def open_complaint(world, **fields) -> Complaint:
    values = {
        "handler_id": world["institute"].id,
        "target_id": world["institute"].id,
        "ecosystem_id": world["ecosystem"].id,
        "requester_id": world["manager"].id,
        "filed_on": TODAY,
        "due_on": TODAY + timedelta(days=15),
        "ministry_on": TODAY + timedelta(days=22),
    }
    values.update(fields)
    return ComplaintFactory(**values)


def home_sections(client, user):
    sign_in(client, user)
    response = client.get("/home")
    assert response.status_code == 200
    return sections(response.get_data(as_text=True))


def test_an_untouched_complaint_escalates_to_the_federation_then_the_ministry(
    client, world, fixed_clock
):
    complaint = open_complaint(world)
    link = f"/complaints/{complaint.id}"

    # Day 14: with the institute only.
    fixed_clock(TODAY + timedelta(days=14))
    assert link in home_sections(client, world["trainer"])["complaints_to_answer"].links
    assert home_sections(client, world["amica_staff"])["complaints_escalated"].links == []
    assert home_sections(client, world["officer"])["complaints_escalated"].links == []

    # Day 16: overdue, in the lead federation's queue, which may now answer it.
    fixed_clock(TODAY + timedelta(days=16))
    shown = home_sections(client, world["amica_staff"])["complaints_escalated"]
    assert shown.links == [link]
    assert message("Overdue") in shown.html
    page = client.get(link).get_data(as_text=True)
    assert message("Escalated to the lead federation") in page and "/answer" in page
    assert home_sections(client, world["officer"])["complaints_escalated"].links == []
    sign_in(client, world["trainer"])
    listed = client.get("/complaints/?status=overdue").get_data(as_text=True)
    assert link in listed and 'id="overdue-count"' in listed

    # Past the federation's 7 days: the ministry's queue, and the ministry may answer.
    fixed_clock(TODAY + timedelta(days=23))
    assert home_sections(client, world["officer"])["complaints_escalated"].links == [link]
    page = client.get(link).get_data(as_text=True)
    assert message("Escalated to the ministry") in page and "/answer" in page
    ministry_list = client.get("/complaints/?status=ministry").get_data(as_text=True)
    assert link in ministry_list

    # An answer takes it out of every queue.
    response = post_form(client, f"{link}/answer", {"text": "Le ministère répond.", "version": "1"})
    assert response.status_code == 302
    assert home_sections(client, world["officer"])["complaints_escalated"].links == []
    assert home_sections(client, world["amica_staff"])["complaints_escalated"].links == []
    _db.session.refresh(complaint)
    assert complaint.answer_days == 23


def test_a_complaint_about_the_lead_federation_goes_straight_to_the_ministry(
    client, world, fixed_clock
):
    sign_in(client, world["manager"])
    response = file_about_session(
        client, world, about=f"ecosystem-{world['ecosystem'].id}", subject="Adhésion"
    )
    assert response.status_code == 302
    complaint = the_complaint()
    assert complaint.handler_id == world["amica"].id
    assert complaint.ministry_on == complaint.due_on  # no federation level in between
    fixed_clock(complaint.due_on + timedelta(days=1))
    assert home_sections(client, world["officer"])["complaints_escalated"].links == [
        f"/complaints/{complaint.id}"
    ]


# --- reminders ----------------------------------------------------------------------------------


def run_reminders(app, fixed_clock, day):
    fixed_clock(day)
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def kinds_of(user) -> list[str]:
    return sorted(
        _db.session.execute(select(Notification.kind).where(Notification.user_id == user.id))
        .scalars()
        .all()
    )


def test_reminders_at_day_10_then_escalations_are_sent_once(app, world, fixed_clock):
    complaint = open_complaint(world, assignee_id=world["trainer2"].id)
    assert "Reminders sent: 0" in run_reminders(app, fixed_clock, TODAY + timedelta(days=9))
    # Day 10: the assignee, once however often the command runs.
    run_reminders(app, fixed_clock, TODAY + timedelta(days=10))
    run_reminders(app, fixed_clock, TODAY + timedelta(days=10))
    assert kinds_of(world["trainer2"]) == ["complaint_due_soon"]
    assert kinds_of(world["trainer"]) == []
    (mail,) = mails_to(app, "accueil@atlas.ma")
    assert complaint.reference in body_of(mail)
    # Day 16: the lead federation's staff, and the assignee again.
    run_reminders(app, fixed_clock, TODAY + timedelta(days=16))
    run_reminders(app, fixed_clock, TODAY + timedelta(days=16))
    assert kinds_of(world["amica_staff"]) == ["complaint_overdue"]
    assert kinds_of(world["trainer2"]) == ["complaint_due_soon", "complaint_overdue"]
    assert kinds_of(world["officer"]) == []
    # Day 23: the ministry.
    run_reminders(app, fixed_clock, TODAY + timedelta(days=23))
    assert kinds_of(world["officer"]) == ["complaint_escalated"]
    assert len(mails_to(app, "qualite@mcinet.gov.ma")) == 1
    sent = select(func.count(ReminderSent.id)).where(ReminderSent.subject_id == complaint.id)
    assert _db.session.scalar(sent) == 3


def test_an_answered_complaint_is_not_reminded_and_a_reopened_one_is_again(
    app, client, world, fixed_clock
):
    complaint = open_complaint(world, assignee_id=world["trainer2"].id)
    run_reminders(app, fixed_clock, TODAY + timedelta(days=10))
    sign_in(client, world["trainer2"])
    post_form(
        client,
        f"/complaints/{complaint.id}/answer",
        {"text": "Réponse.", "version": str(complaint.version)},
    )
    _db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.ANSWERED
    assert "Reminders sent: 0" in run_reminders(app, fixed_clock, TODAY + timedelta(days=16))
    # Reopened on day 20: a new 15-day clock, reminded again at its own day 10.
    fixed_clock(TODAY + timedelta(days=20))
    sign_in(client, world["manager"])
    response = post_form(
        client,
        f"/complaints/{complaint.id}/reopen",
        {"reason": "La date n'est pas donnée.", "version": str(complaint.version)},
    )
    assert response.status_code == 302
    _db.session.refresh(complaint)
    assert complaint.due_on == TODAY + timedelta(days=35) and complaint.reopened == 1
    assert complaint.status == ComplaintStatus.IN_PROGRESS
    assert complaint.answer_days == 10  # the figures keep the first answer
    assert "Reminders sent: 1" in run_reminders(app, fixed_clock, TODAY + timedelta(days=30))
    assert kinds_of(world["trainer2"]) == [
        "complaint_due_soon",
        "complaint_due_soon",
        "complaint_reopened",
    ]


# --- the author: reopening and rating -----------------------------------------------------------


def test_the_author_reopens_within_30_days_of_the_answer_and_rates_it(client, world, fixed_clock):
    complaint = open_complaint(
        world, status=ComplaintStatus.ANSWERED, answered_on=TODAY, answer_days=0
    )
    sign_in(client, world["manager"])
    page = client.get(f"/complaints/{complaint.id}").get_data(as_text=True)
    assert "/reopen" in page and "/rate" in page
    response = post_form(
        client, f"/complaints/{complaint.id}/rate", {"rating": "4", "version": "1"}
    )
    assert response.status_code == 302
    _db.session.refresh(complaint)
    assert complaint.rating == 4
    # A rating out of range changes nothing.
    bad = post_form(client, f"/complaints/{complaint.id}/rate", {"rating": "9", "version": "2"})
    assert bad.status_code == 422
    _db.session.refresh(complaint)
    assert complaint.rating == 4
    # An empty reason is refused with a message.
    empty = post_form(client, f"/complaints/{complaint.id}/reopen", {"reason": " ", "version": "2"})
    assert empty.status_code == 422
    # After 30 days, no reopening.
    fixed_clock(TODAY + timedelta(days=31))
    page = client.get(f"/complaints/{complaint.id}").get_data(as_text=True)
    assert "/reopen" not in page
    late = post_form(
        client, f"/complaints/{complaint.id}/reopen", {"reason": "Encore", "version": "2"}
    )
    assert late.status_code == 403
    _db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.ANSWERED
    # Nobody else reopens or rates it.
    sign_in(client, world["trainer"])
    fixed_clock(TODAY)
    assert (
        post_form(
            client, f"/complaints/{complaint.id}/reopen", {"reason": "x", "version": "2"}
        ).status_code
        == 403
    )


# --- the public contact form --------------------------------------------------------------------


def contact_data(world, **fields):
    from portal.blueprints.complaints.routes import contact_token

    data = {
        "name": "Samira Alaoui",
        "email": "samira@example.ma",
        "about": f"ecosystem-{world['ecosystem'].id}",
        "kind": "suggestion",
        "category": "information",
        "subject": "Calendrier des formations",
        "text": "Publiez le calendrier des sessions un mois à l'avance.",
        "opened": contact_token(time.time() - 30),
        "website": "",
    }
    data.update(fields)
    return data


def test_a_visitor_writes_through_the_contact_form_and_is_answered_by_email(app, client, world):
    limiter.reset()
    response = post_form(client, "/complaints/contact", contact_data(world))
    assert response.status_code == 200
    complaint = the_complaint()
    assert complaint.requester_id is None and complaint.contact_email == "samira@example.ma"
    assert complaint.handler_id == world["amica"].id
    assert complaint.reference in response.get_data(as_text=True)
    (ack,) = mails_to(app, "samira@example.ma")
    assert complaint.reference in body_of(ack)
    # AMICA answers; the answer goes to the address given.
    sign_in(client, world["amica_staff"])
    post_form(
        client,
        f"/complaints/{complaint.id}/answer",
        {"text": "Le calendrier est publié chaque mois.", "version": str(complaint.version)},
    )
    _ack, answer = mails_to(app, "samira@example.ma")
    assert "Le calendrier est publié chaque mois." in body_of(answer)

    # The e-mails carry a link by which the visitor reads the answer, rates and reopens it.
    link = re.search(r"http://localhost(/complaints/follow/\S+)", body_of(answer)).group(1)
    anonymous = app.test_client()
    page = anonymous.get(link).get_data(as_text=True)
    assert "Le calendrier est publié chaque mois." in page and complaint.reference in page
    _db.session.refresh(complaint)
    assert (
        post_form(
            anonymous, f"{link}/rate", {"rating": "2", "version": str(complaint.version)}
        ).status_code
        == 302
    )
    _db.session.refresh(complaint)
    assert complaint.rating == 2
    response = post_form(
        anonymous,
        f"{link}/reopen",
        {"reason": "Et pour la chimie ?", "version": str(complaint.version)},
    )
    assert response.status_code == 302
    _db.session.refresh(complaint)
    assert complaint.status == ComplaintStatus.IN_PROGRESS and complaint.reopened == 1
    assert complaint.assignee_id == world["amica_staff"].id  # who answered hears of it
    # A link altered by one character, or naming another address, opens nothing.
    assert anonymous.get(link[:-1] + ("A" if link[-1] != "A" else "B")).status_code == 404
    complaint.contact_email = "autre@example.ma"
    _db.session.flush()
    assert anonymous.get(link).status_code == 404


@pytest.mark.parametrize(
    "trap",
    [
        {"website": "http://spam.example"},  # the hidden field filled
        {"opened": "forged"},  # not a token of this site
        {"opened": None},  # sent within a second of opening
    ],
    ids=["hidden-field", "forged-token", "too-fast"],
)
def test_robots_are_refused_with_a_message_and_nothing_is_kept(app, client, world, trap):
    from portal.blueprints.complaints.routes import contact_token

    limiter.reset()
    if trap.get("opened", "") is None:
        trap = {"opened": contact_token()}
    response = post_form(client, "/complaints/contact", contact_data(world, **trap))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert (
        message(
            "Your message could not be sent. Wait a few seconds after opening the page, then "
            "send it again."
        )
        in text
    )
    assert _db.session.scalar(select(func.count(Complaint.id))) == 0
    assert mails_to(app, "samira@example.ma") == []


def test_the_contact_form_is_throttled_per_address(app, client, world):
    limiter.reset()
    allowed = app.config["CONTACT_PER_HOUR"]
    for n in range(allowed):
        response = post_form(
            client, "/complaints/contact", contact_data(world, subject=f"Message {n}")
        )
        assert response.status_code == 200
    response = post_form(client, "/complaints/contact", contact_data(world, subject="Un de trop"))
    assert response.status_code == 429
    assert _db.session.scalar(select(func.count(Complaint.id))) == allowed
    limiter.reset()


def test_the_contact_form_only_concerns_the_portal_or_an_ecosystem(client, world):
    limiter.reset()
    data = contact_data(world, about=f"training_session-{world['session'].id}")
    assert post_form(client, "/complaints/contact", data).status_code == 422
    assert _db.session.scalar(select(func.count(Complaint.id))) == 0


# --- figures, lists, links ----------------------------------------------------------------------


def test_answer_times_per_ecosystem_are_published_and_per_organisation_shown_to_staff(
    client, world
):
    for days in (2, 4, 9, 20):  # answered after 2, 4, 9 and 20 days: median 6.5, 3 in 15
        open_complaint(
            world,
            filed_on=TODAY - timedelta(days=40),
            status=ComplaintStatus.CLOSED,
            answer_days=days,
            answered_on=TODAY - timedelta(days=40 - days),
        )
    open_complaint(world, filed_on=TODAY - timedelta(days=20))  # unanswered, late
    open_complaint(world, filed_on=TODAY - timedelta(days=3))  # unanswered, not late yet
    open_complaint(world, filed_on=TODAY - timedelta(days=400), answer_days=90)  # too old
    page = client.get(f"/ecosystems/{world['ecosystem'].slug}").get_data(as_text=True)
    assert re.search(r'id="complaints-received">6<', page)
    assert re.search(r'id="complaints-median">6,5<', page)
    assert re.search(r'id="complaints-within">60(\s|&nbsp;|\u202f)?%<', page)  # 3 of 5
    sign_in(client, world["trainer"])
    listed = client.get("/complaints/").get_data(as_text=True)
    assert message("Answer times over the last 12 months") in listed
    assert "Institut Atlas" in listed


def test_pages_link_to_a_complaint_about_what_they_show(client, world):
    sign_in(client, world["manager"])
    page = client.get(f"/training/sessions/{world['session'].id}").get_data(as_text=True)
    assert f"/complaints/new?target=training_session&amp;id={world['session'].id}" in page
    home = client.get("/home").get_data(as_text=True)
    assert 'data-section="complaints_own"' in home or "complaints_own" in home
    footer = client.get("/complaints/").get_data(as_text=True)
    assert 'href="/complaints/new"' in footer


def test_the_list_runs_a_bounded_number_of_queries(client, world):
    sign_in(client, world["trainer"])
    client.get("/complaints/")

    def counted() -> int:
        with count_queries() as counter:
            assert client.get("/complaints/").status_code == 200
        return counter.count

    for _ in range(3):
        open_complaint(world)
    few = counted()
    for _ in range(30):
        open_complaint(world)
    assert counted() == few


def test_the_kept_list_follows_a_new_complaint_a_change_and_the_day(client, world, fixed_clock):
    """The list's rows are kept as HTML (issue 11) until a table they were read from changes,
    and per day: a new complaint, an edited subject and a passed answer date show at once."""
    first = open_complaint(world, subject="Première réclamation")
    sign_in(client, world["trainer"])
    listed = client.get("/complaints/").get_data(as_text=True)
    assert "Première réclamation" in listed and "table-danger" not in listed
    open_complaint(world, subject="Seconde réclamation")
    first.subject = "Réclamation corrigée"
    _db.session.flush()
    listed = client.get("/complaints/").get_data(as_text=True)
    assert "Seconde réclamation" in listed and "Réclamation corrigée" in listed
    fixed_clock(TODAY + timedelta(days=16))
    listed = client.get("/complaints/").get_data(as_text=True)
    assert "table-danger" in listed and message("Overdue") in listed


def test_complaints_about_the_portal_go_to_the_administrators(client, world):
    admin = make_user("admin", email="admin@portail.ma")
    sign_in(client, world["manager"])
    file_about_session(client, world, about="portal", subject="Lenteur")
    complaint = the_complaint()
    assert complaint.target == ComplaintTarget.PORTAL and complaint.handler_id is None
    shown = home_sections(client, admin)["complaints_to_answer"]
    assert shown.links == [f"/complaints/{complaint.id}"]


def test_an_object_number_out_of_range_is_refused_with_a_message(client, world):
    sign_in(client, world["manager"])
    huge = "9" * 25
    assert client.get(f"/complaints/new?target=organisation&id={huge}").status_code == 200
    response = file_about_session(client, world, about=f"organisation-{huge}")
    assert response.status_code == 422
    assert message("Choose what your message is about.", "ar") in response.get_data(as_text=True)
    assert _db.session.scalar(select(func.count(Complaint.id))) == 0
