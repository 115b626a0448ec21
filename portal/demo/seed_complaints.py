"""Demo complaints and suggestions (issue 12): one answered, rated and closed; one answered
and waiting for its author's reading; one overdue with the lead federation; one past the
ministry's date, from the public contact form; one about the portal itself. Dates count
back from today, so the clock of each shows as it would."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from portal import clock
from portal.authz.complaints import has_federation_level, ministry_date
from portal.demo.files import demo_pdf
from portal.extensions import db
from portal.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintKind,
    ComplaintMessage,
    ComplaintStatus,
    ComplaintTarget,
    Ecosystem,
    User,
)
from portal.services.file_store import COMPLAINT_ATTACHMENTS

DEMO_COMPANY_USER = "pme@example.org"

# (handled by the organisation of this account — None: the portal —, ecosystem slug, kind,
#  category, subject, text, days ago, days to the answer (None: unanswered), closed, rating,
#  from the contact form)
COMPLAINTS = [
    (
        "institut@example.org",
        "automobile",
        ComplaintKind.COMPLAINT,
        ComplaintCategory.DELAY,
        "Session reportée sans prévenir",
        "La session sur l'AMDEC prévue le lundi a été reportée le matin même, sans "
        "message aux participants.",
        45,
        6,
        True,
        4,
        False,
    ),
    (
        "certification@example.org",
        "automobile",
        ComplaintKind.SUGGESTION,
        ComplaintCategory.INFORMATION,
        "Publier le calendrier des audits de surveillance",
        "Il serait utile de connaître la date de l'audit de surveillance trois mois à l'avance.",
        9,
        4,
        False,
        None,
        False,
    ),
    (
        "labo@example.org",
        "automobile",
        ComplaintKind.COMPLAINT,
        ComplaintCategory.SERVICE_QUALITY,
        "Rapport d'essai incomplet",
        "Le rapport d'essai reçu ne mentionne pas la norme appliquée ni l'incertitude de "
        "mesure. Le bon de commande est joint.",
        18,
        None,
        False,
        None,
        False,
    ),
    (
        "fcp@example.org",
        "chimie-parachimie",
        ComplaintKind.SUGGESTION,
        ComplaintCategory.OTHER,
        "Ouvrir les formations aux techniciens",
        "Les formations HSE pourraient être ouvertes aux techniciens de laboratoire des "
        "petites entreprises.",
        26,
        None,
        False,
        None,
        True,
    ),
    (
        None,
        None,
        ComplaintKind.COMPLAINT,
        ComplaintCategory.OTHER,
        "Lenteur de l'export des besoins",
        "L'export des besoins de formation met longtemps à démarrer.",
        3,
        None,
        False,
        None,
        False,
    ),
]

ANSWER = "Nous avons pris note de votre message ; voici les mesures prises."


def seed_complaints(created: Counter) -> None:
    """Create the demo complaints if there are none."""
    if db.session.execute(select(Complaint.id)).first() is not None:
        return
    today = clock.today()
    config = current_app.config
    users = {u.email: u for u in db.session.execute(select(User)).scalars()}
    author = users.get(DEMO_COMPANY_USER)
    ecosystems = {e.slug: e for e in db.session.execute(select(Ecosystem)).scalars()}
    for index, row in enumerate(COMPLAINTS):
        (account, slug, kind, category, subject, text, days_ago, answer_days, closed, rating,
         contact) = row  # fmt: skip
        handler = users[account].organisation if account else None
        ecosystem = ecosystems.get(slug) if slug else None
        filed = today - timedelta(days=days_ago)
        due = filed + timedelta(days=config["COMPLAINT_RESPONSE_DAYS"])
        federation_level = has_federation_level(
            handler.id if handler else None, ecosystem.lead_federation_id if ecosystem else None
        )
        answered_on = filed + timedelta(days=answer_days) if answer_days is not None else None
        status = ComplaintStatus.RECEIVED
        if answered_on is not None:
            status = ComplaintStatus.CLOSED if closed else ComplaintStatus.ANSWERED
        complaint = Complaint(
            kind=kind,
            category=category,
            subject=subject,
            text=text,
            target=ComplaintTarget.ECOSYSTEM
            if contact
            else (ComplaintTarget.ORGANISATION if handler else ComplaintTarget.PORTAL),
            target_id=(ecosystem.id if contact else handler.id) if handler else None,
            handler_id=handler.id if handler else None,
            ecosystem_id=ecosystem.id if ecosystem else None,
            requester_id=None if contact or author is None else author.id,
            contact_name="Samira Alaoui" if contact else "",
            contact_email="samira.alaoui@example.org" if contact else "",
            language="fr",
            status=status,
            filed_on=filed,
            due_on=due,
            ministry_on=ministry_date(due, federation_level, config["COMPLAINT_ESCALATION_DAYS"]),
            answered_on=answered_on,
            answer_days=answer_days,
            closed_on=answered_on + timedelta(days=2) if closed and answered_on else None,
            rating=rating,
            assignee_id=users[account].id if account and answered_on else None,
        )
        db.session.add(complaint)
        db.session.flush()
        complaint.reference = f"R-{filed.year}-{complaint.id:06d}"
        created["complaints"] += 1
        if answered_on is not None:
            db.session.add(
                ComplaintMessage(
                    complaint_id=complaint.id,
                    author_id=users[account].id,
                    kind="answer",
                    text=ANSWER,
                    written_on=answered_on,
                )
            )
        if index == 2:
            data = demo_pdf(["Bon de commande", subject])
            db.session.add(
                ComplaintAttachment(
                    complaint_id=complaint.id,
                    original_filename="bon-de-commande.pdf",
                    stored_name=COMPLAINT_ATTACHMENTS.save(data),
                    size_bytes=len(data),
                    uploaded_by_id=author.id if author else None,
                )
            )
    db.session.flush()
