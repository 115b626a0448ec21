"""Certificates: certifying a case, certificates a body issued outside any case, the list a
user may see, public verification by number, and the status of a certificate (its issuing
body suspends, withdraws or reinstates it, always with a reason; every change is kept as a
history row shown on the certificate page, and the holder is told why)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from portal.authz import certificate_scope, led_member
from portal.extensions import db
from portal.models import (
    Accreditation,
    CaseStage,
    Certificate,
    CertificateStatus,
    CertificateStatusChange,
    InfrastructureType,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    SupportCase,
    User,
    add_months,
)
from portal.models.certification import CERTIFICATE_CYCLE_MONTHS, number_key
from portal.models.organisation import normalise_ice
from portal.services.certification.cases import (
    CertificationError,
    record_transition,
    tell_company_of_stage,
)
from portal.services.certification.surveillance import issued_by
from portal.services.editing import apply_edit
from portal.services.notifications import bilingual, notify
from portal.services.onboarding import organisation_users

C = CertificateStatus
# A withdrawn certificate is final: the body records a new one.
CERTIFICATE_TRANSITIONS: dict[CertificateStatus, tuple[CertificateStatus, ...]] = {
    C.VALID: (C.SUSPENDED, C.WITHDRAWN),
    C.SUSPENDED: (C.VALID, C.WITHDRAWN),
    C.WITHDRAWN: (),
    # Confirmed or rejected by the issuing body (``confirm_certificate``,
    # ``reject_certificate``), not changed by the status form.
    C.AWAITING_CONFIRMATION: (),
    C.REJECTED: (),
}
# What the holder is told, by the status the certificate goes to.
NOTIFICATION_OF = {
    C.SUSPENDED: "certificate_suspended",
    C.WITHDRAWN: "certificate_withdrawn",
    C.VALID: "certificate_reinstated",
}
REASON_LENGTH = 2000
HISTORY_LIMIT = 50
MAX_NUMBER_LENGTH = 80
# The pipeline and the list's "expiring" filter: valid certificates expiring within this.
EXPIRING_WITHIN_DAYS = 90


# A page's holders, bodies and standards, loaded for its rows only (one query each) rather
# than joined to every row the database reads and skips before a deep page.
WITH_NAMES = (
    selectinload(Certificate.organisation),
    selectinload(Certificate.issuing_body),
    selectinload(Certificate.standard),
)


# --- bodies and numbers -------------------------------------------------------------------------


def certification_bodies() -> list[Organisation]:
    """The certification bodies, by name."""
    return list(
        db.session.execute(
            select(Organisation)
            .where(Organisation.infrastructure_type == InfrastructureType.CERTIFICATION_BODY)
            .order_by(Organisation.name_fr)
        ).scalars()
    )


def accreditations_of(body_ids: Iterable[int]) -> dict[int, list[Accreditation]]:
    """The accreditations of bodies, by body, in one query."""
    grouped: dict[int, list[Accreditation]] = defaultdict(list)
    ids = list(body_ids)
    if ids:
        for accreditation in db.session.execute(
            select(Accreditation)
            .where(Accreditation.organisation_id.in_(ids))
            .order_by(Accreditation.standard, Accreditation.id)
        ).scalars():
            grouped[accreditation.organisation_id].append(accreditation)
    return grouped


def number_taken(number: str) -> bool:
    """Whether a certificate (deleted ones included) already has this number, whatever its
    case and spaces (the unique ``number_key``)."""
    return (
        db.session.execute(
            select(Certificate.id)
            .where(Certificate.number_key == number_key(number))
            .execution_options(include_deleted=True)
        ).first()
        is not None
    )


def member_company(ice: str, *, led_by: User | None = None) -> Organisation | None:
    """The company with this ICE, if it is an active member of an ecosystem (of one the
    federation of ``led_by`` leads, when given)."""
    return _active_member(
        [Organisation.kind == OrganisationKind.SME, Organisation.ice == normalise_ice(ice)],
        led_by,
    )


def member_holder(identifier: str, *, led_by: User | None = None) -> Organisation | None:
    """The certificate's holder: the member company with this ICE, or the member public body
    (which has none) whose French or Arabic name or acronym this is — when exactly one has
    it."""
    identifier = identifier.strip()
    if identifier.replace(" ", "").isdigit():
        return member_company(identifier, led_by=led_by)
    wanted = identifier.casefold()
    return _active_member(
        [
            Organisation.kind == OrganisationKind.PUBLIC_BODY,
            or_(
                func.lower(Organisation.name_fr) == wanted,
                Organisation.name_ar == identifier,
                func.lower(Organisation.acronym) == wanted,
            ),
        ],
        led_by,
    )


def _active_member(where: list, led_by: User | None) -> Organisation | None:
    where = [
        *where,
        Organisation.id.in_(
            select(Membership.organisation_id).where(Membership.status == MembershipStatus.ACTIVE)
        ),
    ]
    if led_by is not None:
        where.append(led_member(led_by, Organisation.id))
    found = db.session.execute(select(Organisation).where(*where).limit(2)).scalars().all()
    return found[0] if len(found) == 1 else None


# --- issuing -----------------------------------------------------------------------------------


def certify(
    case: SupportCase,
    actor: User,
    *,
    number: str,
    issuing_body: Organisation,
    issued_on: date,
    scope_fr: str,
    scope_ar: str,
    federation: Organisation | None = None,
) -> Certificate:
    """The certification audit succeeded: record the certificate and close the case as
    certified. Recorded by a ``federation``'s staff, the certificate awaits the issuing body's
    confirmation, like any certificate a federation records (``record_certificate``)."""
    if case.stage != CaseStage.CERTIFICATION_AUDIT:
        raise CertificationError(
            _("Only a case at the certification audit stage can be certified.")
        )
    if issuing_body.infrastructure_type != InfrastructureType.CERTIFICATION_BODY:
        raise CertificationError(_("The issuing body must be a certification body."))
    number = number.strip()
    if not number:
        raise CertificationError(_("Give the certificate number."))
    if number_taken(number):
        raise CertificationError(_("A certificate with this number already exists."))
    certificate = Certificate(
        number=number,
        organisation_id=case.organisation_id,
        standard_id=case.standard_id,
        issuing_body_id=issuing_body.id,
        case_id=case.id,
        scope_fr=scope_fr,
        scope_ar=scope_ar,
        issued_on=issued_on,
        status=C.AWAITING_CONFIRMATION if federation is not None else C.VALID,
        recorded_by_organisation_id=federation.id if federation is not None else None,
    )
    db.session.add(certificate)
    if federation is not None:
        db.session.flush()
        ask_confirmation(certificate, federation)
    old = case.stage
    case.stage = CaseStage.CERTIFIED
    record_transition(case, old, actor, _("Certificate %(number)s", number=number))
    db.session.flush()
    return certificate


def certify_case(case: SupportCase, actor: User, **details: Any) -> Certificate:
    """Certify the case (``certify``) and tell the company its case is certified."""
    certificate = certify(case, actor, **details)
    tell_company_of_stage(case)
    return certificate


def record_certificate(
    body_id: int,
    *,
    number: str,
    holder: Organisation,
    standard_id: int,
    issued_on: date,
    scope_fr: str,
    scope_ar: str,
    federation: Organisation | None = None,
) -> Certificate:
    """A certificate issued to a member company outside any support case, recorded by its
    certification body (valid at once) or by a ``federation`` for one of its members: then
    it awaits the body's confirmation, and the body's users are told."""
    body = db.session.get(Organisation, body_id)
    if body is None or body.infrastructure_type != InfrastructureType.CERTIFICATION_BODY:
        raise CertificationError(_("The issuing body must be a certification body."))
    certificate = Certificate(
        number=number.strip(),
        organisation_id=holder.id,
        standard_id=standard_id,
        issuing_body_id=body_id,
        scope_fr=scope_fr.strip(),
        scope_ar=(scope_ar or "").strip(),
        issued_on=issued_on,
        status=C.AWAITING_CONFIRMATION if federation is not None else C.VALID,
        recorded_by_organisation_id=federation.id if federation is not None else None,
    )
    db.session.add(certificate)
    db.session.flush()
    if federation is not None:
        ask_confirmation(certificate, federation)
    return certificate


def ask_confirmation(certificate: Certificate, federation: Organisation) -> None:
    """Tell the issuing body's users that a federation recorded a certificate as issued by
    it, for them to confirm or reject."""
    holder = db.session.get(Organisation, certificate.organisation_id)
    notify(
        organisation_users(certificate.issuing_body_id),
        "certificate_to_confirm",
        {
            "federation": bilingual(federation),
            "number": certificate.number,
            "holder": bilingual(holder),
        },
        url_for("certification.certificate", certificate_id=certificate.id),
    )


def _answer_federation(certificate: Certificate, kind: str, reason: str = "") -> None:
    """Tell the federation that recorded the certificate what its body answered."""
    if certificate.recorded_by_organisation_id is None:
        return
    notify(
        organisation_users(certificate.recorded_by_organisation_id),
        kind,
        {
            "body": bilingual(certificate.issuing_body),
            "number": certificate.number,
            "holder": bilingual(certificate.organisation),
            "reason": reason,
        },
        url_for("certification.certificate", certificate_id=certificate.id),
    )


def _settle(
    certificate: Certificate, new_status: CertificateStatus, actor: User, reason: str, version
) -> CertificateStatusChange:
    if certificate.status != C.AWAITING_CONFIRMATION:
        raise CertificationError(_("This certificate is not awaiting confirmation."))
    if len(reason) > REASON_LENGTH:
        raise CertificationError(
            _("Keep the reason under %(count)s characters.", count=REASON_LENGTH)
        )
    apply_edit(certificate, version, {"status": new_status})
    change = CertificateStatusChange(
        certificate_id=certificate.id,
        from_status=C.AWAITING_CONFIRMATION,
        to_status=new_status,
        actor_id=actor.id,
        reason=reason,
    )
    db.session.add(change)
    db.session.flush()
    return change


def confirm_certificate(
    certificate: Certificate, actor: User, *, version: object, note: str = ""
) -> CertificateStatusChange:
    """The issuing body confirms a certificate a federation recorded: it is valid from now,
    the confirmation (dated, by whom) is kept in its history and the federation is told.
    Raises CertificationError or StaleEdit."""
    change = _settle(certificate, C.VALID, actor, note.strip(), version)
    _answer_federation(certificate, "certificate_confirmed")
    return change


def reject_certificate(
    certificate: Certificate, actor: User, *, version: object, reason: str
) -> CertificateStatusChange:
    """The issuing body rejects a certificate a federation recorded, saying why: it is
    never valid; the rejection is kept in its history and the federation is told."""
    reason = reason.strip()
    if not reason:
        raise CertificationError(_("Say why the certificate is rejected."))
    change = _settle(certificate, C.REJECTED, actor, reason, version)
    _answer_federation(certificate, "certificate_rejected", reason)
    return change


# --- reading -----------------------------------------------------------------------------------


def expiring_window(today: date) -> tuple[date, date]:
    """The issue dates of the certificates valid today that expire within
    ``EXPIRING_WITHIN_DAYS``: issued after the first date, on or before the second (expiry is
    issue + 36 months, so SQL compares issue dates on the certificates' index)."""
    earliest_valid = add_months(today, -CERTIFICATE_CYCLE_MONTHS)
    expiring_from = add_months(
        today + timedelta(days=EXPIRING_WITHIN_DAYS), -CERTIFICATE_CYCLE_MONTHS
    )
    return earliest_valid, expiring_from


def expiring_certificates(user: Any, today: date) -> Select:
    """The certificates the user may see that are valid today and expire within
    ``EXPIRING_WITHIN_DAYS``, the soonest first (read in the order of the (status, issue date)
    index)."""
    earliest_valid, expiring_from = expiring_window(today)
    return (
        select(Certificate)
        .where(
            certificate_scope(user),
            Certificate.status == CertificateStatus.VALID,
            Certificate.issued_on > earliest_valid,
            Certificate.issued_on <= expiring_from,
        )
        .order_by(Certificate.issued_on, Certificate.id)
    )


def find_certificate(number: str) -> Certificate | None:
    """A certificate by its number, whatever the case and the spaces typed (one entry of the
    unique ``number_key`` index)."""
    if not number or len(number.strip()) > MAX_NUMBER_LENGTH:
        return None
    key = number_key(number)
    if not key:
        return None
    return db.session.execute(select(Certificate).where(Certificate.number_key == key)).scalar()


@dataclass
class Verification:
    """What anyone learns by a certificate's number: the certificate (None when no
    certificate has it) and its body's accreditations valid on the day."""

    certificate: Certificate | None
    accreditations: list[Accreditation] = field(default_factory=list)


def verify_certificate(number: str, today: date) -> Verification:
    """The public verification of a certificate number."""
    certificate = find_certificate(number)
    if certificate is None:
        return Verification(certificate=None)
    body_id = certificate.issuing_body_id
    return Verification(
        certificate=certificate,
        accreditations=[a for a in accreditations_of([body_id])[body_id] if a.is_valid_on(today)],
    )


def last_issue_expired_by(day: date) -> date:
    """The latest issue date whose certificate has expired on ``day`` (the same rule as
    ``Certificate.is_expired``, month arithmetic included), so SQL can compare issue dates."""
    return issued_by(day, CERTIFICATE_CYCLE_MONTHS)


# --- status ------------------------------------------------------------------------------------


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
        url_for("certification.certificate", certificate_id=certificate.id),
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
