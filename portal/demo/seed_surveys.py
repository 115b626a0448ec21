"""Demo satisfaction surveys (issue 12): the automotive ecosystem's annual survey of its
members — answered by a dozen member companies, waiting for the demo company's answer —
and the programme's survey after a service request, answered for the answered request.
The session evaluations are seeded with the training sessions (seed_training)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import (
    Ecosystem,
    Membership,
    MembershipStatus,
    QuestionKind,
    ServiceRequest,
    ServiceRequestStatus,
    Survey,
    SurveyOccasion,
    User,
)
from portal.services import surveys

DEMO_COMPANY_USER = "pme@example.org"

ANNUAL_QUESTIONS = [
    (QuestionKind.RATING, "Votre satisfaction à l'égard de l'écosystème", "رضاكم عن المنظومة", []),
    (
        QuestionKind.CHOICE,
        "Le service le plus utile cette année",
        "الخدمة الأكثر فائدة هذه السنة",
        [
            {"fr": "Les formations", "ar": "التكوينات"},
            {"fr": "L'accompagnement à la certification", "ar": "المواكبة نحو الإشهاد"},
            {"fr": "Les essais et étalonnages", "ar": "التجارب والمعايرات"},
        ],
    ),
    (QuestionKind.TEXT, "Ce que nous devrions améliorer", "ما ينبغي تحسينه", []),
]
REQUEST_QUESTIONS = [
    (QuestionKind.RATING, "Le délai de réponse", "أجل الجواب", []),
    (QuestionKind.RATING, "La qualité du rapport", "جودة التقرير", []),
    (QuestionKind.TEXT, "Commentaire", "تعليق", []),
]
COMMENTS = ["Plus de sessions à Tanger", "", "Des délais plus courts", ""]


def _survey(occasion, ecosystem_id, title_fr, title_ar, questions) -> Survey:
    survey = surveys.create_survey(
        occasion=occasion,
        ecosystem_id=ecosystem_id,
        title_fr=title_fr,
        title_ar=title_ar,
        owner_id=None,
    )
    for kind, fr, ar, choices in questions:
        surveys.add_question(
            survey,
            kind=kind,
            label_fr=fr,
            label_ar=ar,
            required=kind == QuestionKind.RATING,
            choices_fr="\n".join(c["fr"] for c in choices),
            choices_ar="\n".join(c["ar"] for c in choices),
        )
    survey.active = True
    db.session.flush()
    return survey


def seed_surveys(created: Counter) -> None:
    """Create the demo surveys if there are none beyond the session survey."""
    if db.session.execute(
        select(Survey.id).where(Survey.occasion != SurveyOccasion.TRAINING_SESSION)
    ).first():
        return
    today = clock.today()
    automobile = db.session.execute(
        select(Ecosystem).where(Ecosystem.slug == "automobile")
    ).scalar_one()
    annual = _survey(
        SurveyOccasion.ANNUAL,
        automobile.id,
        f"Enquête annuelle des membres {today.year}",
        f"الاستطلاع السنوي للأعضاء {today.year}",
        ANNUAL_QUESTIONS,
    )
    demo_user = db.session.execute(select(User).where(User.email == DEMO_COMPANY_USER)).scalar()
    members = list(
        db.session.execute(
            select(Membership.organisation_id)
            .where(
                Membership.ecosystem_id == automobile.id,
                Membership.status == MembershipStatus.ACTIVE,
            )
            .order_by(Membership.organisation_id)
            .limit(14)
        ).scalars()
    )
    questions = surveys.questions_of(annual)
    for index, organisation_id in enumerate(members):
        invitation = surveys.invite(
            annual,
            subject_id=today.year,
            organisation_id=organisation_id,
            service_id=automobile.lead_federation_id,
            ecosystem_id=automobile.id,
            today=today,
        )
        invitation.notified_on = today
        if demo_user is not None and organisation_id == demo_user.organisation_id:
            continue  # the demo company's answer is still awaited (its home lists it)
        values = [2 + index % 4, index % 3, COMMENTS[index % len(COMMENTS)]]
        surveys.answer(invitation, dict(zip([q.id for q in questions], values, strict=True)), today)
    created["surveys"] += 1
    after_request = _survey(
        SurveyOccasion.SERVICE_REQUEST,
        None,
        "Votre avis sur la prestation",
        "رأيكم في الخدمة",
        REQUEST_QUESTIONS,
    )
    questions = surveys.questions_of(after_request)
    for request in db.session.execute(
        select(ServiceRequest).where(ServiceRequest.status == ServiceRequestStatus.ANSWERED)
    ).scalars():
        invitation = surveys.invite(
            after_request,
            subject_id=request.id,
            organisation_id=request.organisation_id,
            service_id=request.body_id,
            ecosystem_id=None,
            today=today,
        )
        invitation.notified_on = today
        surveys.answer(
            invitation, dict(zip([q.id for q in questions], [4, 5, ""], strict=True)), today
        )
    created["surveys"] += 1
    db.session.flush()
