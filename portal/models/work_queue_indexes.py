"""Indexes of the home pages' work queues (issue 11): each section reads its first rows in
the order it shows them and counts up to a bound through an index that starts with the
section's filter (``services/work_queue``). Declared apart from the models they index so the
tables' own modules stay as their domains wrote them; several match, name for name, indexes
the list pages declare (same columns, same name: one index at merge)."""

from __future__ import annotations

from sqlalchemy import Index

from portal.models.certification import Certificate
from portal.models.convention import Convention, Milestone
from portal.models.service_requests import ServiceRequest
from portal.models.training import TrainingNeed, TrainingSession

WORK_QUEUE_INDEXES = (
    # company: its needs under way by status, newest first
    Index(
        "ix_training_needs_organisation_status_created",
        TrainingNeed.organisation_id,
        TrainingNeed.status,
        TrainingNeed.created_at,
        TrainingNeed.id,
    ),
    # federation, admin: overdue requests (open status, deadline passed), the earliest first
    Index(
        "ix_service_requests_status_respond_by",
        ServiceRequest.status,
        ServiceRequest.respond_by,
        ServiceRequest.id,
    ),
    # body: requests waiting for its answer; company: its requests waiting for an answer
    Index(
        "ix_service_requests_body_status_respond_by",
        ServiceRequest.body_id,
        ServiceRequest.status,
        ServiceRequest.respond_by,
        ServiceRequest.id,
    ),
    Index(
        "ix_service_requests_organisation_status_respond_by",
        ServiceRequest.organisation_id,
        ServiceRequest.status,
        ServiceRequest.respond_by,
        ServiceRequest.id,
    ),
    # company, body: valid certificates by holder / issuer in the order of issue
    Index(
        "ix_certificates_organisation_status_issued",
        Certificate.organisation_id,
        Certificate.status,
        Certificate.issued_on,
        Certificate.id,
    ),
    Index(
        "ix_certificates_body_status_issued",
        Certificate.issuing_body_id,
        Certificate.status,
        Certificate.issued_on,
        Certificate.id,
    ),
    # ministry: running conventions in the order of their end
    Index(
        "ix_conventions_status_ends_on",
        Convention.status,
        Convention.ends_on,
        Convention.reference,
        Convention.id,
    ),
    # federation, ministry: open milestones by due date (partial: a condition IS NULL does not
    # let PostgreSQL read a composite index in the order of its next column); a convention's
    # late milestones
    Index(
        "ix_milestones_open_due",
        Milestone.due_date,
        Milestone.id,
        sqlite_where=Milestone.completed_on.is_(None),
        postgresql_where=Milestone.completed_on.is_(None),
    ),
    # the same for SQLite, whose planner (without statistics) prefers an index matching both
    # conditions to the partial one
    Index(
        "ix_milestones_completed_due",
        Milestone.completed_on,
        Milestone.due_date,
        Milestone.id,
    ),
    Index(
        "ix_milestones_convention_open_due",
        Milestone.convention_id,
        Milestone.completed_on,
        Milestone.due_date,
    ),
    # institute: its planned sessions to come (soonest first) and ended (attendance to record)
    Index(
        "ix_training_sessions_institute_status_starts",
        TrainingSession.institute_id,
        TrainingSession.status,
        TrainingSession.starts_on,
        TrainingSession.id,
    ),
    Index(
        "ix_training_sessions_institute_status_ends",
        TrainingSession.institute_id,
        TrainingSession.status,
        TrainingSession.ends_on,
        TrainingSession.id,
    ),
    # admin: the latest changes (also the audit trail's)
)
