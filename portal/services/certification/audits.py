"""Audits of a support case (internal, stage 1 and 2, surveillance, recertification) and
their nonconformities with the corrective actions that close them."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from portal.extensions import db
from portal.models import AuditKind, AuditResult, Nonconformity, QualityAudit, SupportCase
from portal.services.certification.cases import CertificationError


def record_audit(
    case: SupportCase,
    *,
    kind: AuditKind,
    held_on: date,
    auditing_body_id: int | None,
    result: AuditResult | None,
    summary: str,
) -> QualityAudit:
    """Record an audit of the case: kind, date, auditing body, result, summary."""
    audit = QualityAudit(
        case_id=case.id,
        kind=kind,
        held_on=held_on,
        auditing_body_id=auditing_body_id or None,
        result=result,
        summary=(summary or "").strip(),
    )
    db.session.add(audit)
    db.session.flush()
    return audit


def record_nonconformity(
    audit: QualityAudit,
    *,
    major: bool,
    clause_id: int | None,
    description: str,
    corrective_action: str,
) -> Nonconformity:
    """Record a finding of an audit, major or minor, on a clause of the case's standard."""
    finding = Nonconformity(
        audit_id=audit.id,
        major=major,
        clause_id=clause_id or None,
        description=description.strip(),
        corrective_action=(corrective_action or "").strip(),
    )
    db.session.add(finding)
    db.session.flush()
    return finding


def close_nonconformity(finding: Nonconformity, corrective_action: str, today: date) -> None:
    """Close a nonconformity on ``today`` with its corrective action (the one given, else the
    one recorded); without any, the rules refuse (CertificationError)."""
    action = (corrective_action or "").strip() or finding.corrective_action.strip()
    if not action:
        raise CertificationError(
            _("Record the corrective action before closing the nonconformity.")
        )
    finding.corrective_action = action
    finding.closed_on = today
    db.session.flush()
