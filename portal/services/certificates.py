"""The status of a certificate: its issuing body suspends, withdraws or reinstates it, always
with a reason. Every change is kept as a history row (date, actor, from, to, reason), shown on
the certificate page, and the holder is told why."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import Certificate, CertificateStatus, CertificateStatusChange, User
from portal.services.certification import CertificationError
from portal.services.editing import apply_edit
from portal.services.notifications import bilingual, notify
from portal.services.onboarding import organisation_users

C = CertificateStatus
# A withdrawn certificate is final: the body records a new one.
CERTIFICATE_TRANSITIONS: dict[CertificateStatus, tuple[CertificateStatus, ...]] = {
    C.VALID: (C.SUSPENDED, C.WITHDRAWN),
    C.SUSPENDED: (C.VALID, C.WITHDRAWN),
    C.WITHDRAWN: (),
}
# What the holder is told, by the status the certificate goes to.
NOTIFICATION_OF = {
    C.SUSPENDED: "certificate_suspended",
    C.WITHDRAWN: "certificate_withdrawn",
    C.VALID: "certificate_reinstated",
}
REASON_LENGTH = 2000
HISTORY_LIMIT = 50


def change_certificate_status(
    certificate: Certificate,
    new_status: CertificateStatus,
    actor: User,
    *,
    reason: str,
    version: object,
) -> CertificateStatusChange:
    """Suspend, withdraw or reinstate a certificate with the reason why; the change is kept
    and the holder's users are notified. Raises CertificationError (translated) or StaleEdit
    when the certificate changed since the form was opened."""
    old = certificate.status
    if new_status not in CERTIFICATE_TRANSITIONS[old]:
        if old == C.WITHDRAWN:
            raise CertificationError(
                _("A withdrawn certificate cannot be restored; record a new one.")
            )
        raise CertificationError(
            _(
                "A certificate cannot go from %(old)s to %(new)s.",
                old=old.label,
                new=new_status.label,
            )
        )
    reason = reason.strip()
    if not reason:
        raise CertificationError(_("Give the reason for this change of status."))
    if len(reason) > REASON_LENGTH:
        raise CertificationError(
            _("Keep the reason under %(count)s characters.", count=REASON_LENGTH)
        )
    apply_edit(certificate, version, {"status": new_status})
    change = CertificateStatusChange(
        certificate_id=certificate.id,
        from_status=old,
        to_status=new_status,
        actor_id=actor.id,
        reason=reason,
    )
    db.session.add(change)
    db.session.flush()
    notify(
        organisation_users(certificate.organisation_id),
        NOTIFICATION_OF[new_status],
        {
            "number": certificate.number,
            "body": bilingual(certificate.issuing_body),
            "reason": reason,
        },
        url_for("support.certificate", certificate_id=certificate.id),
    )
    return change


def status_history(certificate: Certificate) -> list[CertificateStatusChange]:
    """The certificate's status changes, newest first (the latest ``HISTORY_LIMIT``)."""
    return list(
        db.session.execute(
            select(CertificateStatusChange)
            .where(CertificateStatusChange.certificate_id == certificate.id)
            .order_by(CertificateStatusChange.changed_at.desc(), CertificateStatusChange.id.desc())
            .limit(HISTORY_LIMIT)
        ).scalars()
    )


def current_reason(
    certificate: Certificate, history: list[CertificateStatusChange]
) -> CertificateStatusChange | None:
    """The change that gave the certificate its current status (None before any change)."""
    if history and history[0].to_status == certificate.status:
        return history[0]
    return None
