"""A beneficiary's quality system (issue 14, item 4): its quality policy, versioned — a new
text is a new version, approved by someone on a day, in French and Arabic — and read from any
of its support cases."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Organisation, QualityPolicy, User
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
