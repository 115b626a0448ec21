"""Demo service requests at every step of their life (issue 15): one quoted (a PDF quote the
demo company decides on), one in progress (with messages), one delivered (a report to close),
one closed with a rating and one cancelled, all addressed to the demo laboratory
(labo@example.org); and the dated steps of the requests the seed filed before."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from portal import clock
from portal.demo.files import demo_pdf
from portal.extensions import db
from portal.models import (
    AttachmentPurpose,
    Organisation,
    QuoteStatus,
    RequestAttachment,
    RequestEventKind,
    ServiceKind,
    ServiceQuote,
    ServiceRequest,
    ServiceRequestEvent,
    ServiceRequestMessage,
    ServiceRequestStatus,
    User,
)
from portal.services.file_store import REQUEST_ATTACHMENTS
from portal.services.service_requests import RESPONSE_DAYS

DEMO_LAB_USER = "labo@example.org"
S = ServiceRequestStatus
E = RequestEventKind

# (SME index, subject, days ago filed, status, quote amount, rating)
STAGES = [
    (0, "Essais de vieillissement climatique de faisceaux", 8, S.QUOTED, "18400", None),
    (2, "Mesure de dureté Rockwell sur 30 pièces", 25, S.IN_PROGRESS, "6200", None),
    (0, "Essais d'inflammabilité de garnitures intérieures", 40, S.DELIVERED, "9750", None),
    (1, "Contrôle dimensionnel de supports moteur", 70, S.CLOSED, "12300", 5),
    (3, "Essais CEM d'un boîtier électronique", 30, S.CANCELLED, "31000", None),
]
MESSAGES = [
    (True, "Les pièces seront déposées au laboratoire jeudi matin."),
    (False, "Bien noté. Merci de joindre le plan de contrôle avec les pièces."),
]


def _moment(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def _file(request: ServiceRequest, purpose, name: str, lines: list[str], **link) -> None:
    data = demo_pdf(lines)
    db.session.add(
        RequestAttachment(
            request_id=request.id,
            purpose=purpose,
            original_filename=name,
            stored_name=REQUEST_ATTACHMENTS.save(data),
            size_bytes=len(data),
            **link,
        )
    )


def _step(request, kind, day, actor, comment="") -> None:
    db.session.add(
        ServiceRequestEvent(
            request_id=request.id,
            kind=kind,
            happened_on=day,
            at=_moment(day),
            actor_id=actor.id if actor else None,
            comment=comment,
        )
    )


def seed_request_lifecycle(smes: list[Organisation], created: Counter) -> None:
    """The requests at every step, unless the demo already has quotes."""
    if db.session.execute(select(ServiceQuote.id)).first() is not None:
        return
    lab_user = db.session.execute(select(User).where(User.email == DEMO_LAB_USER)).scalar()
    if lab_user is None:
        return
    today = clock.today()
    _steps_of_earlier_requests()
    for sme_index, subject, days_ago, status, amount, rating in STAGES:
        sme = smes[sme_index]
        sme_user = db.session.execute(
            select(User).where(User.organisation_id == sme.id).order_by(User.id).limit(1)
        ).scalar()
        filed = today - timedelta(days=days_ago)
        quoted = filed + timedelta(days=4)
        decided = quoted + timedelta(days=2)
        delivered = decided + timedelta(days=12)
        request = ServiceRequest(
            organisation_id=sme.id,
            body_id=lab_user.organisation_id,
            kind=ServiceKind.TESTING,
            subject=subject,
            description=subject,
            status=status,
            submitted_on=filed,
            respond_by=filed + timedelta(days=RESPONSE_DAYS),
            answered_on=quoted,
            rating=rating,
            rating_comment="Rapport clair, délais tenus." if rating else "",
            closed_on=delivered + timedelta(days=3) if status in (S.CLOSED,) else None,
        )
        if status == S.CANCELLED:
            request.closed_on = decided
        db.session.add(request)
        db.session.flush()
        quote_status = {
            S.QUOTED: QuoteStatus.PENDING,
            S.CANCELLED: QuoteStatus.DECLINED,
        }.get(status, QuoteStatus.ACCEPTED)
        quote = ServiceQuote(
            request_id=request.id,
            number=1,
            amount_mad=Decimal(amount),
            lead_time_days=12,
            valid_until=quoted + timedelta(days=30),
            comment="Essais selon la norme demandée, rapport en français.",
            issued_on=quoted,
            created_by_id=lab_user.id,
            status=quote_status,
            decided_on=None if status == S.QUOTED else decided,
            decline_reason="Projet reporté." if status == S.CANCELLED else "",
        )
        db.session.add(quote)
        db.session.flush()
        _file(
            request,
            AttachmentPurpose.QUOTE,
            f"devis-{request.id}.pdf",
            ["Devis", subject[:80], f"{amount} MAD HT"],
            quote_id=quote.id,
        )
        _step(request, E.SUBMITTED, filed, sme_user)
        _step(request, E.QUOTED, quoted, lab_user, quote.comment)
        if status == S.CANCELLED:
            _step(request, E.CANCELLED, decided, sme_user, "Projet reporté.")
        elif status != S.QUOTED:
            _step(request, E.QUOTE_ACCEPTED, decided, sme_user)
        if status == S.IN_PROGRESS:
            for index, (from_company, text) in enumerate(MESSAGES):
                author = sme_user if from_company else lab_user
                db.session.add(
                    ServiceRequestMessage(
                        request_id=request.id,
                        author_id=author.id if author else None,
                        organisation_id=sme.id if from_company else lab_user.organisation_id,
                        text=text,
                        created_at=_moment(decided + timedelta(days=index + 1)),
                        updated_at=_moment(decided + timedelta(days=index + 1)),
                    )
                )
        if status in (S.DELIVERED, S.CLOSED):
            _file(
                request,
                AttachmentPurpose.DELIVERY,
                f"rapport-essai-{request.id}.pdf",
                ["Rapport d'essai", subject[:80]],
            )
            _step(request, E.DELIVERED, delivered, lab_user, "Rapport d'essai joint.")
        if status == S.CLOSED:
            _step(request, E.CLOSED, request.closed_on, sme_user, request.rating_comment)
        created["service requests"] += 1
    db.session.flush()


def _steps_of_earlier_requests() -> None:
    """The sent (and answered or declined) steps of requests that have none yet."""
    stepless = db.session.execute(
        select(ServiceRequest).where(
            ~select(ServiceRequestEvent.id)
            .where(ServiceRequestEvent.request_id == ServiceRequest.id)
            .exists()
        )
    ).scalars()
    for request in stepless:
        _step(request, E.SUBMITTED, request.submitted_on, None)
        if request.answered_on and request.status in (S.ANSWERED, S.DECLINED):
            _step(request, E(request.status.value), request.answered_on, None, request.answer)
