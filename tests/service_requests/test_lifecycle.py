"""A service request's whole life (issue 15, item 2): the body quotes (with a PDF), the company
accepts or declines (a revised quote may follow), the body delivers its report, the company
closes with a rating (which answers the after-request survey) or cancels; every step is dated
in the history; the thread between the two parties (read, not written, by the federation and
the ministry); the 15-day clock stops at the first answer; each step tells the other party;
each party's home lists what waits for it; bad input changes nothing."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import select

from portal.models import (
    AttachmentPurpose,
    Notification,
    QuestionKind,
    QuoteStatus,
    RequestAttachment,
    RequestEventKind,
    ServiceKind,
    ServiceQuote,
    ServiceRequest,
    ServiceRequestEvent,
    ServiceRequestMessage,
    ServiceRequestStatus,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyOccasion,
    SurveyQuestion,
)
from portal.services import request_lifecycle as lifecycle
from portal.services.service_requests import overdue_count
from tests.conftest import post_form, sign_in
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user

TODAY = date(2025, 3, 20)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
S = ServiceRequestStatus


def message(msgid: str, **values) -> str:
    with current_app.test_request_context(), force_locale("fr"):
        return str(escape(gettext(msgid, **values)))


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@pytest.fixture
def world(db, fixed_clock):
    lab = OrganisationFactory(kind="infrastructure", acronym="LABO", name_fr="Laboratoire")
    other_lab = OrganisationFactory(kind="infrastructure", acronym="AUTRE")
    federation = OrganisationFactory(kind="federation", acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=federation)
    sme = OrganisationFactory(kind="sme", name_fr="Câblerie du Nord")
    MembershipFactory(ecosystem=ecosystem, organisation=sme)
    return {
        "lab": lab,
        "sme": sme,
        "sme_user": make_user("sme_user", organisation=sme),
        "lab_user": make_user("infrastructure_user", organisation=lab),
        "other_lab_user": make_user("infrastructure_user", organisation=other_lab),
        "staff": make_user("federation_staff", organisation=federation),
        "officer": make_user("ministry_officer"),
    }


def make_request(db, world, submitted_on: date = TODAY, **fields) -> ServiceRequest:
    request = ServiceRequest(
        organisation_id=world["sme"].id,
        body_id=world["lab"].id,
        kind=ServiceKind.CALIBRATION,
        subject=fields.pop("subject", "Étalonnage de clés dynamométriques"),
        submitted_on=submitted_on,
        respond_by=submitted_on + timedelta(days=15),
        **fields,
    )
    db.session.add(request)
    db.session.flush()
    return request


def quote(client, request, **values):
    data = {
        "amount": "12 500,50",
        "lead_time_days": "10",
        "valid_until": "2025-04-30",
        "comment": "Étalonnage de 40 clés, certificat COFRAC.",
        "version": str(request.version),
        "attachments": [(io.BytesIO(PDF), "devis.pdf")],
        **values,
    }
    return post_form(
        client, f"/requests/{request.id}/quote", data, content_type="multipart/form-data"
    )


def kinds_told(db, user) -> list[str]:
    return [
        n.kind
        for n in db.session.execute(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        ).scalars()
    ]


def steps(db, request) -> list[tuple[str, date]]:
    return [
        (e.kind.value, e.happened_on)
        for e in db.session.execute(
            select(ServiceRequestEvent)
            .where(ServiceRequestEvent.request_id == request.id)
            .order_by(ServiceRequestEvent.id)
        ).scalars()
    ]


def test_the_whole_life_quote_accept_messages_delivery_close_and_rating(
    client, db, world, fixed_clock
):
    survey = Survey(
        occasion=SurveyOccasion.SERVICE_REQUEST, title_fr="Après", title_ar="بعد", active=True
    )
    db.session.add(survey)
    db.session.flush()
    rating_question = SurveyQuestion(
        survey_id=survey.id, position=1, kind=QuestionKind.RATING, label_fr="Note", label_ar="ت"
    )
    text_question = SurveyQuestion(
        survey_id=survey.id, position=2, kind=QuestionKind.TEXT, label_fr="Avis", label_ar="ر"
    )
    db.session.add_all([rating_question, text_question])
    request = make_request(db, world, TODAY - timedelta(days=3))

    # The lab quotes with a PDF: the first answer stops the clock.
    sign_in(client, world["lab_user"])
    assert message("Send a quote") in page(client, f"/requests/{request.id}")
    assert quote(client, request).status_code == 302
    db.session.refresh(request)
    assert request.status == S.QUOTED
    assert request.answered_on == TODAY
    assert request.is_closed  # no longer waits for its first answer
    sent = db.session.execute(select(ServiceQuote)).scalar_one()
    assert (sent.number, sent.amount_mad, sent.lead_time_days) == (1, Decimal("12500.50"), 10)
    assert sent.valid_until == date(2025, 4, 30)
    quote_pdf = db.session.execute(select(RequestAttachment)).scalar_one()
    assert (quote_pdf.purpose, quote_pdf.quote_id) == (AttachmentPurpose.QUOTE, sent.id)
    assert "service_request_quoted" in kinds_told(db, world["sme_user"])

    # The company reads the quote, downloads it and accepts it.
    fixed_clock(TODAY + timedelta(days=1))
    sign_in(client, world["sme_user"])
    shown = page(client, f"/requests/{request.id}")
    assert "devis.pdf" in shown and message("Accept the quote") in shown
    download = client.get(f"/requests/{request.id}/attachments/{quote_pdf.id}")
    assert download.data == PDF
    assert 'id="queue-requests_your_turn"' in page(client, "/home")
    response = post_form(
        client, f"/requests/{request.id}/quote/accept", {"version": str(request.version)}
    )
    assert response.status_code == 302
    db.session.refresh(request)
    db.session.refresh(sent)
    assert request.status == S.IN_PROGRESS
    assert (sent.status, sent.decided_on) == (QuoteStatus.ACCEPTED, TODAY + timedelta(days=1))
    assert "service_request_quote_accepted" in kinds_told(db, world["lab_user"])

    # They write to each other, the company with an attachment.
    response = post_form(
        client,
        f"/requests/{request.id}/messages",
        {"text": "Les clés seront déposées lundi.", "attachments": [(io.BytesIO(PNG), "bon.png")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    sign_in(client, world["lab_user"])
    post_form(client, f"/requests/{request.id}/messages", {"text": "Bien reçu, merci."})
    shown = page(client, f"/requests/{request.id}")
    assert shown.index("Les clés seront déposées lundi.") < shown.index("Bien reçu, merci.")
    assert "bon.png" in shown
    assert "service_request_message" in kinds_told(db, world["lab_user"])
    assert "service_request_message" in kinds_told(db, world["sme_user"])
    # The federation and the ministry read the thread, and write nothing on it.
    for reader in ("staff", "officer"):
        sign_in(client, world[reader])
        assert "Bien reçu, merci." in page(client, f"/requests/{request.id}")
        refused = post_form(client, f"/requests/{request.id}/messages", {"text": "Bonjour"})
        assert refused.status_code == 403
    assert db.session.query(ServiceRequestMessage).count() == 2

    # The lab delivers its report: one file at least.
    fixed_clock(TODAY + timedelta(days=9))
    sign_in(client, world["lab_user"])
    path = f"/requests/{request.id}/deliver"
    empty = post_form(client, path, {"version": str(request.version)})
    assert empty.status_code == 302
    db.session.refresh(request)
    assert request.status == S.IN_PROGRESS
    response = post_form(
        client,
        path,
        {
            "version": str(request.version),
            "comment": "Rapport d'étalonnage joint.",
            "attachments": [(io.BytesIO(PDF), "rapport.pdf")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.status == S.DELIVERED
    assert "service_request_delivered" in kinds_told(db, world["sme_user"])

    # The company closes the request with a rating: a rating is required.
    fixed_clock(TODAY + timedelta(days=10))
    sign_in(client, world["sme_user"])
    assert "rapport.pdf" in page(client, f"/requests/{request.id}")
    unrated = post_form(client, f"/requests/{request.id}/close", {"version": str(request.version)})
    assert unrated.status_code == 302
    db.session.refresh(request)
    assert request.status == S.DELIVERED
    response = post_form(
        client,
        f"/requests/{request.id}/close",
        {"version": str(request.version), "rating": "4", "comment": "Délais tenus."},
    )
    assert response.status_code == 302
    db.session.refresh(request)
    assert (request.status, request.rating, request.rating_comment) == (
        S.CLOSED,
        4,
        "Délais tenus.",
    )
    assert request.closed_on == TODAY + timedelta(days=10)
    assert "service_request_closed" in kinds_told(db, world["lab_user"])
    # The rating answers the after-request survey: invited and answered, never asked again.
    invitation = db.session.execute(select(SurveyInvitation)).scalar_one()
    assert (invitation.subject_id, invitation.service_id) == (request.id, world["lab"].id)
    assert invitation.answered_on == TODAY + timedelta(days=10)
    answers = {
        a.question_id: a
        for a in db.session.execute(
            select(SurveyAnswer).where(SurveyAnswer.invitation_id == invitation.id)
        ).scalars()
    }
    assert answers[rating_question.id].rating == 4
    assert answers[text_question.id].text == "Délais tenus."
    # Every step dated, shown in the history.
    assert steps(db, request) == [
        ("quoted", TODAY),
        ("quote_accepted", TODAY + timedelta(days=1)),
        ("delivered", TODAY + timedelta(days=9)),
        ("closed", TODAY + timedelta(days=10)),
    ]
    shown = page(client, f"/requests/{request.id}")
    assert message("Closed by the company") in shown
    assert message("%(rating)s out of 5", rating="4") in shown


def test_a_declined_quote_may_be_revised_or_the_request_cancelled(client, db, world):
    request = make_request(db, world)
    sign_in(client, world["lab_user"])
    quote(client, request)
    db.session.refresh(request)
    sign_in(client, world["sme_user"])
    path = f"/requests/{request.id}/quote/decline"
    assert post_form(client, path, {"version": str(request.version)}).status_code == 302
    db.session.refresh(request)
    assert request.status == S.QUOTED  # a reason is needed
    post_form(client, path, {"version": str(request.version), "reason": "Trop cher."})
    db.session.refresh(request)
    assert request.status == S.QUOTE_DECLINED
    assert "service_request_quote_declined" in kinds_told(db, world["lab_user"])

    sign_in(client, world["lab_user"])
    assert 'id="queue-requests_to_deliver"' in page(client, "/home")
    quote(client, request, amount="9800", attachments=[])
    db.session.refresh(request)
    assert request.status == S.QUOTED
    first, second = lifecycle.quotes_of(request)[::-1]
    assert (first.status, first.decline_reason) == (QuoteStatus.DECLINED, "Trop cher.")
    assert (second.number, second.amount_mad, second.status) == (
        2,
        Decimal("9800.00"),
        QuoteStatus.PENDING,
    )
    assert request.answered_on == TODAY  # still the first answer's day

    # The body does not cancel; the company does, with a reason.
    assert post_form(client, f"/requests/{request.id}/cancel", {"reason": "x"}).status_code == 403
    sign_in(client, world["sme_user"])
    post_form(
        client,
        f"/requests/{request.id}/cancel",
        {"version": str(request.version), "reason": "Projet abandonné."},
    )
    db.session.refresh(request)
    db.session.refresh(second)
    assert request.status == S.CANCELLED
    assert (second.status, second.decline_reason) == (QuoteStatus.DECLINED, "Projet abandonné.")
    assert "service_request_cancelled" in kinds_told(db, world["lab_user"])
    assert [kind for kind, _day in steps(db, request)][-1] == "cancelled"
    # Nothing more is written on a cancelled request.
    post_form(client, f"/requests/{request.id}/messages", {"text": "Encore un mot"})
    assert db.session.query(ServiceRequestMessage).count() == 0


def test_the_clock_runs_to_the_first_answer(db, world, app):
    late = make_request(db, world, TODAY - timedelta(days=20), subject="En retard")
    make_request(db, world, TODAY - timedelta(days=20), subject="Devis", status=S.QUOTED)
    make_request(db, world, TODAY - timedelta(days=20), subject="Annulée", status=S.CANCELLED)
    make_request(db, world, TODAY - timedelta(days=2), subject="À temps")
    with app.test_request_context():
        assert late.is_overdue(TODAY)
        assert overdue_count(world["lab_user"], TODAY) == 1
        assert overdue_count(world["staff"], TODAY) == 1


def test_an_expired_quote_cannot_be_accepted(client, db, world, fixed_clock):
    request = make_request(db, world)
    sign_in(client, world["lab_user"])
    quote(client, request, valid_until="2025-03-25")
    db.session.refresh(request)
    fixed_clock(TODAY + timedelta(days=10))
    sign_in(client, world["sme_user"])
    response = post_form(
        client, f"/requests/{request.id}/quote/accept", {"version": str(request.version)}
    )
    assert response.status_code == 302
    shown = page(client, f"/requests/{request.id}")
    assert "25 mars 2025" in shown
    db.session.refresh(request)
    assert request.status == S.QUOTED


@pytest.mark.parametrize(
    "values",
    [
        {"amount": "-5"},
        {"amount": "beaucoup"},
        {"lead_time_days": "0"},
        {"lead_time_days": "99999999999"},
        {"valid_until": "2025-01-01"},
        {"attachments": [(io.BytesIO(PNG), "devis.png")]},
    ],
)
def test_a_bad_quote_changes_nothing(client, db, world, values):
    request = make_request(db, world)
    sign_in(client, world["lab_user"])
    assert quote(client, request, **values).status_code == 302
    db.session.refresh(request)
    assert request.status == S.SUBMITTED
    assert db.session.query(ServiceQuote).count() == 0
    assert db.session.query(RequestAttachment).count() == 0


def test_a_stale_form_changes_nothing(client, db, world):
    request = make_request(db, world)
    sign_in(client, world["lab_user"])
    response = quote(client, request, version=str(request.version + 5))
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.status == S.SUBMITTED
    assert db.session.query(ServiceQuote).count() == 0


@pytest.mark.parametrize(
    ("path", "who"),
    [
        ("quote", "other_lab_user"),
        ("deliver", "other_lab_user"),
        ("messages", "other_lab_user"),
        ("quote/accept", "other_sme_user"),
        ("close", "other_sme_user"),
        ("cancel", "other_sme_user"),
    ],
)
def test_another_party_gets_404(client, db, world, path, who):
    request = make_request(db, world)
    world["other_sme_user"] = make_user("sme_user")
    sign_in(client, world[who])
    response = post_form(client, f"/requests/{request.id}/{path}", {"version": "1", "text": "x"})
    assert response.status_code == 404
    assert client.get(f"/requests/{request.id}").status_code == 404


def test_the_thread_shows_the_latest_messages_and_pages_back(client, db, world):
    request = make_request(db, world)
    for number in range(lifecycle.MESSAGES_SHOWN + 3):
        db.session.add(
            ServiceRequestMessage(
                request_id=request.id,
                author_id=world["sme_user"].id,
                organisation_id=world["sme"].id,
                text=f"Message numéro {number}.",
            )
        )
    db.session.flush()
    sign_in(client, world["lab_user"])
    shown = page(client, f"/requests/{request.id}")
    assert "Message numéro 2." not in shown
    assert shown.index("Message numéro 3.") < shown.index("Message numéro 12.")
    assert message("Earlier messages") in shown
    first_shown = db.session.execute(
        select(ServiceRequestMessage.id).where(ServiceRequestMessage.text == "Message numéro 3.")
    ).scalar_one()
    earlier = page(client, f"/requests/{request.id}?before={first_shown}")
    assert "Message numéro 0." in earlier and "Message numéro 3." not in earlier
    assert page(client, f"/requests/{request.id}?before=abc")  # ignored, not a 500


def test_a_direct_answer_still_ends_an_information_request(client, db, world):
    request = make_request(db, world)
    request.kind = ServiceKind.STANDARDIZATION
    db.session.flush()
    sign_in(client, world["lab_user"])
    post_form(
        client,
        f"/requests/{request.id}/respond",
        {
            "action": "answer",
            "text": "La norme NM ISO 6789 s'applique.",
            "version": str(request.version),
        },
    )
    db.session.refresh(request)
    assert (request.status, request.answered_on) == (S.ANSWERED, TODAY)
    assert [kind for kind, _day in steps(db, request)] == [RequestEventKind.ANSWERED.value]
