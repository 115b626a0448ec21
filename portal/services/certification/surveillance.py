"""After the certificate (issue 14, item 5): the audits held on a certificate (surveillance in
years 1 and 2, recertification), recorded by its issuing body, and whether its surveillance
is overdue — a surveillance date (12 and 24 months after issue) passed with fewer
surveillance audits recorded since the issue, on the certificate or on its support case.

"Surveillance overdue" is derived from the dates, never stored: it shows on the certificate,
in the lists, the pipeline, the dashboards and public verification, instead of "valid".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import and_, case, func, select

from portal.extensions import db
from portal.models import (
    AuditKind,
    AuditResult,
    Certificate,
    CertificateAudit,
    CertificateStatus,
    QualityAudit,
    User,
    add_months,
)
from portal.models.certification import CERTIFICATE_CYCLE_MONTHS, SURVEILLANCE_MONTHS
from portal.services.certification.cases import CertificationError

# The kinds of audit held on a certificate after its issue.
CERTIFICATE_AUDIT_KINDS = (AuditKind.SURVEILLANCE, AuditKind.RECERTIFICATION)
MAX_FINDINGS = 999


def issued_by(due_by: date, months: int) -> date:
    """The latest issue date whose date ``months`` after issue falls on or before ``due_by``
    (the inverse of ``add_months``, month ends included)."""
    candidate = add_months(due_by, -months)
    while add_months(candidate + timedelta(days=1), months) <= due_by:
        candidate += timedelta(days=1)
    while add_months(candidate, months) > due_by:
        candidate -= timedelta(days=1)
    return candidate


def surveillance_held() -> Any:
    """SQL, correlated to Certificate: the surveillance audits recorded since its issue, on
    the certificate and on its support case."""
    on_certificate = (
        select(func.count(CertificateAudit.id))
        .where(
            CertificateAudit.certificate_id == Certificate.id,
            CertificateAudit.kind == AuditKind.SURVEILLANCE,
            CertificateAudit.held_on >= Certificate.issued_on,
            CertificateAudit.deleted_at.is_(None),
        )
        .correlate(Certificate)
        .scalar_subquery()
    )
    on_case = (
        select(func.count(QualityAudit.id))
        .where(
            QualityAudit.case_id == Certificate.case_id,
            QualityAudit.kind == AuditKind.SURVEILLANCE,
            QualityAudit.held_on >= Certificate.issued_on,
            QualityAudit.deleted_at.is_(None),
        )
        .correlate(Certificate)
        .scalar_subquery()
    )
    return on_certificate + on_case


def surveillance_passed(today: date) -> Any:
    """SQL: how many of the certificate's surveillance dates are before ``today``."""
    yesterday = today - timedelta(days=1)
    return case(
        *(
            (Certificate.issued_on <= issued_by(yesterday, months), count)
            for count, months in sorted(enumerate(SURVEILLANCE_MONTHS, 1), reverse=True)
        ),
        else_=0,
    )


def in_force(today: date) -> Any:
    """SQL: valid and not expired on ``today`` (``Certificate.is_expired``'s rule)."""
    return and_(
        Certificate.status == CertificateStatus.VALID,
        Certificate.issued_on > issued_by(today, CERTIFICATE_CYCLE_MONTHS),
    )


def surveillance_overdue(today: date) -> Any:
    """SQL: in force, with a surveillance date passed and not audited."""
    return and_(in_force(today), surveillance_held() < surveillance_passed(today))


def overdue_ids(certificates: Iterable[Certificate], today: date) -> set[int]:
    """Which of the certificates (a page of them) have their surveillance overdue: one
    query."""
    ids = [c.id for c in certificates]
    if not ids:
        return set()
    return set(
        db.session.execute(
            select(Certificate.id).where(Certificate.id.in_(ids), surveillance_overdue(today))
        ).scalars()
    )


def is_overdue(certificate: Certificate, today: date) -> bool:
    """Whether one certificate's surveillance is overdue (one query)."""
    return certificate.id in overdue_ids([certificate], today)


def certificate_audits(certificate: Certificate) -> list[CertificateAudit]:
    """The audits held on the certificate, oldest first."""
    return list(
        db.session.execute(
            select(CertificateAudit)
            .where(CertificateAudit.certificate_id == certificate.id)
            .order_by(CertificateAudit.held_on, CertificateAudit.id)
        ).scalars()
    )


def record_certificate_audit(
    certificate: Certificate,
    *,
    kind: AuditKind,
    held_on: date,
    result: AuditResult,
    major_findings: int,
    minor_findings: int,
    findings: str,
    recorder: User,
    today: date,
) -> CertificateAudit:
    """Record a surveillance or recertification audit of the certificate: held between its
    issue and today, on a certificate that is not withdrawn, and confirmed by its body."""
    if kind not in CERTIFICATE_AUDIT_KINDS:
        raise CertificationError(
            _("Only a surveillance or recertification audit is recorded here.")
        )
    if certificate.status == CertificateStatus.WITHDRAWN:
        raise CertificationError(_("A withdrawn certificate is no longer audited."))
    if certificate.status in (CertificateStatus.AWAITING_CONFIRMATION, CertificateStatus.REJECTED):
        raise CertificationError(_("Confirm the certificate before recording its audits."))
    if held_on < certificate.issued_on or held_on > today:
        raise CertificationError(_("The audit is held between the certificate's issue and today."))
    if not (0 <= major_findings <= MAX_FINDINGS and 0 <= minor_findings <= MAX_FINDINGS):
        raise CertificationError(_("Give the number of findings, from 0 to 999."))
    audit = CertificateAudit(
        certificate_id=certificate.id,
        kind=kind,
        held_on=held_on,
        result=result,
        major_findings=major_findings,
        minor_findings=minor_findings,
        findings=(findings or "").strip(),
        recorded_by_id=recorder.id,
    )
    db.session.add(audit)
    db.session.flush()
    return audit
