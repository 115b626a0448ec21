"""A beneficiary's quality system (issue 14, item 4): its quality policy, versioned — a new
text is a new version, approved by someone on a day, in French and Arabic — and its
management reviews (ISO 9001, 9.3: the inputs covered, the decisions), read from any of its
support cases."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import ManagementReview, Organisation, QualityPolicy, User
from portal.services.certification.cases import CertificationError

VERSIONS_SHOWN = 20  # the latest versions on the page; each is kept


def policies_of(organisation: Organisation) -> list[QualityPolicy]:
    """The organisation's policy versions, newest first (the latest ``VERSIONS_SHOWN``)."""
    return list(
        db.session.execute(
            select(QualityPolicy)
            .where(QualityPolicy.organisation_id == organisation.id)
            .order_by(QualityPolicy.version.desc())
            .limit(VERSIONS_SHOWN)
        ).scalars()
    )


def record_policy(
    organisation: Organisation,
    *,
    text_fr: str,
    text_ar: str,
    approved_by: str,
    approved_on: date,
    recorder: User,
    today: date,
) -> QualityPolicy:
    """A new version of the organisation's quality policy, approved on or before today."""
    text_fr, text_ar, approved_by = text_fr.strip(), text_ar.strip(), approved_by.strip()
    if not (text_fr and text_ar):
        raise CertificationError(_("Write the policy in French and in Arabic."))
    if not approved_by:
        raise CertificationError(_("Say who approved the policy."))
    if approved_on > today:
        raise CertificationError(_("A policy is recorded once it is approved."))
    latest = db.session.execute(
        select(func.max(QualityPolicy.version)).where(
            QualityPolicy.organisation_id == organisation.id
        )
    ).scalar()
    policy = QualityPolicy(
        organisation_id=organisation.id,
        version=(latest or 0) + 1,
        text_fr=text_fr,
        text_ar=text_ar,
        approved_by=approved_by,
        approved_on=approved_on,
        recorded_by_id=recorder.id,
    )
    db.session.add(policy)
    db.session.flush()
    return policy


# The inputs of a management review (ISO 9001:2015, 9.3.2), by their letter.
REVIEW_INPUTS = {
    "a": _l("The status of actions from previous management reviews"),
    "b": _l("Changes in external and internal issues relevant to the quality system"),
    "c": _l(
        "The performance of the quality system: customer satisfaction, quality objectives, "
        "processes, nonconformities, monitoring, audits, external providers"
    ),
    "d": _l("The adequacy of resources"),
    "e": _l("The effectiveness of actions taken to address risks and opportunities"),
    "f": _l("Opportunities for improvement"),
}
REVIEWS_SHOWN = 20


def reviews_of(organisation: Organisation) -> list[ManagementReview]:
    """The organisation's management reviews, newest first (the latest ``REVIEWS_SHOWN``)."""
    return list(
        db.session.execute(
            select(ManagementReview)
            .where(ManagementReview.organisation_id == organisation.id)
            .order_by(ManagementReview.held_on.desc(), ManagementReview.id.desc())
            .limit(REVIEWS_SHOWN)
        ).scalars()
    )


def record_review(
    organisation: Organisation,
    *,
    held_on: date,
    inputs: list[str],
    decisions: str,
    recorder: User,
    today: date,
) -> ManagementReview:
    """A management review held on or before today, with the inputs it covered and its
    decisions."""
    if held_on > today:
        raise CertificationError(_("Record a review once it is held."))
    covered = sorted(set(inputs) & set(REVIEW_INPUTS))
    if not covered:
        raise CertificationError(_("Tick the inputs the review covered."))
    if not decisions.strip():
        raise CertificationError(_("Say what the review decided."))
    review = ManagementReview(
        organisation_id=organisation.id,
        held_on=held_on,
        inputs=",".join(covered),
        decisions=decisions.strip(),
        recorded_by_id=recorder.id,
    )
    db.session.add(review)
    db.session.flush()
    return review
