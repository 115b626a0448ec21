"""Certification support, one package: support cases and their workflow (``cases``),
diagnostics and readiness (``diagnostics``), action plans (``plans``), audits and
nonconformities (``audits``), certificates and their status (``certificates``), the pipeline
(``pipeline``) and the look-ups of the pages (``lookups``). The names most callers need are
re-exported here."""

from portal.services.certification.audits import (
    close_nonconformity,
    record_audit,
    record_nonconformity,
)
from portal.services.certification.cases import (
    OPEN_STAGES,
    ORDER,
    CaseRecord,
    CertificationError,
    advance,
    case_list,
    case_record,
    close_case,
    close_early,
    move_case,
    next_stage,
    open_case,
    record_transition,
    save_case_details,
)
from portal.services.certification.certificates import (
    CERTIFICATE_TRANSITIONS,
    certify,
    certify_case,
    change_certificate_status,
    current_reason,
    find_certificate,
    last_issue_expired_by,
    record_certificate,
    status_history,
    verify_certificate,
)
from portal.services.certification.diagnostics import (
    WORKING_STAGES,
    ClauseAnswer,
    Readiness,
    case_clauses,
    clauses_of,
    compare,
    completed_diagnostics,
    readiness,
)
from portal.services.certification.pipeline import (
    EXPIRING_WITHIN_DAYS,
    Pipeline,
    pipeline,
)
from portal.services.certification.plans import draft_action_plan

__all__ = [
    "CERTIFICATE_TRANSITIONS",
    "EXPIRING_WITHIN_DAYS",
    "OPEN_STAGES",
    "ORDER",
    "WORKING_STAGES",
    "CaseRecord",
    "CertificationError",
    "ClauseAnswer",
    "Pipeline",
    "Readiness",
    "advance",
    "case_clauses",
    "case_list",
    "case_record",
    "certify",
    "certify_case",
    "change_certificate_status",
    "clauses_of",
    "close_case",
    "close_early",
    "close_nonconformity",
    "compare",
    "completed_diagnostics",
    "current_reason",
    "draft_action_plan",
    "find_certificate",
    "last_issue_expired_by",
    "move_case",
    "next_stage",
    "open_case",
    "pipeline",
    "readiness",
    "record_audit",
    "record_certificate",
    "record_nonconformity",
    "record_transition",
    "save_case_details",
    "status_history",
    "verify_certificate",
]
