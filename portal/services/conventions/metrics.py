"""Indicators fed by the portal's own data (issue 13, item 2): the figures the portal computes
for an ecosystem since a date, the daily recording of the bound indicators' measurements,
and a person's override of a recorded figure (both values and the reason kept).

``flask reminders send`` records them once a day: a bound indicator of a running convention
gets a measurement dated today when its figure differs from the last one the portal recorded
(so its series has a point per change, not per day); running the command again the same day
records nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, case, distinct, func, or_, select

from portal.extensions import db
from portal.models import (
    Certificate,
    Complaint,
    Convention,
    Enrolment,
    Indicator,
    Measurement,
    Membership,
    MembershipStatus,
    PortalMetric,
    ServiceRequest,
    ServiceRequestStatus,
    SupportCase,
    TrainingSession,
    User,
)
from portal.services.conventions.rules import RUNNING


class MetricError(ValueError):
    """Something the rules refuse; the message is translated and says why."""


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _share(on_time: Any, judged: Any) -> Decimal:
    """A percentage with two decimals (0 when nothing is judged yet)."""
    on_time, judged = int(on_time or 0), int(judged or 0)
    if not judged:
        return Decimal("0.00")
    return (Decimal(100 * on_time) / Decimal(judged)).quantize(Decimal("0.01"))


def request_timeliness(until: date) -> tuple[Any, Any]:
    """Two SQL sums over service requests: those answered within their 15 days, and those
    that can be judged on ``until`` (given their first answer — a quote, an answer or a
    refusal —, or past their date still waiting for it; one cancelled before any answer is
    not judged)."""
    answered_in_time = and_(
        ServiceRequest.is_closed.is_(True),
        ServiceRequest.answered_on <= ServiceRequest.respond_by,
    )
    cancelled_unanswered = and_(
        ServiceRequest.status == ServiceRequestStatus.CANCELLED,
        ServiceRequest.answered_on.is_(None),
    )
    judged = and_(
        or_(ServiceRequest.is_closed.is_(True), ServiceRequest.respond_by < until),
        ~cancelled_unanswered,
    )
    return func.sum(case((answered_in_time, 1), else_=0)), func.sum(case((judged, 1), else_=0))


def complaint_timeliness(until: date) -> tuple[Any, Any]:
    """Two SQL sums over complaints: those answered within the deadline
    (``COMPLAINT_RESPONSE_DAYS``), and those that can be judged on ``until``."""
    deadline = current_app.config["COMPLAINT_RESPONSE_DAYS"]
    in_time = Complaint.answer_days <= deadline
    late_unanswered = and_(Complaint.answer_days.is_(None), Complaint.due_on < until)
    judged = or_(Complaint.answer_days.is_not(None), late_unanswered)
    return func.sum(case((in_time, 1), else_=0)), func.sum(case((judged, 1), else_=0))


def compute(metric: PortalMetric, ecosystem_id: int, since: date, until: date) -> Decimal:
    """The figure of ``metric`` for the ecosystem over [``since``, ``until``] (one aggregate
    statement): members are counted as they stand; the others over the period."""
    if metric == PortalMetric.ACTIVE_MEMBERS:
        found = select(func.count(Membership.id)).where(
            Membership.ecosystem_id == ecosystem_id,
            Membership.status == MembershipStatus.ACTIVE,
        )
    elif metric == PortalMetric.SMES_ACCOMPANIED:
        found = select(func.count(distinct(SupportCase.organisation_id))).where(
            SupportCase.ecosystem_id == ecosystem_id,
            SupportCase.created_at >= _moment(since),
            SupportCase.created_at < _moment(until + timedelta(days=1)),
        )
    elif metric == PortalMetric.SMES_CERTIFIED:
        found = (
            select(func.count(distinct(Certificate.organisation_id)))
            .join(SupportCase, SupportCase.id == Certificate.case_id)
            .where(
                SupportCase.ecosystem_id == ecosystem_id,
                Certificate.issued_on.between(since, until),
            )
        )
    elif metric == PortalMetric.PEOPLE_TRAINED:
        found = (
            select(func.count(Enrolment.id))
            .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
            .where(
                TrainingSession.ecosystem_id == ecosystem_id,
                TrainingSession.ends_on.between(since, until),
                Enrolment.attended.is_(True),
            )
        )
    elif metric == PortalMetric.REQUESTS_ON_TIME:
        members = select(Membership.organisation_id).where(
            Membership.ecosystem_id == ecosystem_id,
            Membership.status == MembershipStatus.ACTIVE,
        )
        row = db.session.execute(
            select(*request_timeliness(until)).where(
                ServiceRequest.organisation_id.in_(members),
                ServiceRequest.submitted_on.between(since, until),
            )
        ).one()
        return _share(*row)
    elif metric == PortalMetric.COMPLAINTS_ON_TIME:
        row = db.session.execute(
            select(*complaint_timeliness(until)).where(
                Complaint.ecosystem_id == ecosystem_id,
                Complaint.filed_on.between(since, until),
            )
        ).one()
        return _share(*row)
    else:  # pragma: no cover - every metric is handled above
        raise ValueError(metric)
    return Decimal(db.session.execute(found).scalar_one() or 0)


def _last_computed(indicator: Indicator) -> Measurement | None:
    return db.session.execute(
        select(Measurement)
        .where(Measurement.indicator_id == indicator.id, Measurement.computed.is_(True))
        .order_by(Measurement.measured_on.desc(), Measurement.id.desc())
        .limit(1)
    ).scalar()


def record_portal_figures(today: date) -> int:
    """Record today's figure of every bound indicator of a running convention whose figure
    changed since the portal last recorded it; how many were recorded."""
    rows = db.session.execute(
        select(Indicator, Convention.ecosystem_id)
        .join(Convention, Convention.id == Indicator.convention_id)
        .where(
            Indicator.metric.is_not(None),
            Indicator.baseline_date <= today,
            Convention.status.in_(RUNNING),
            Convention.deleted_at.is_(None),
        )
        .order_by(Indicator.id)
    ).all()
    recorded = 0
    for indicator, ecosystem_id in rows:
        if ecosystem_id is None:
            continue
        value = compute(indicator.metric, ecosystem_id, indicator.baseline_date, today)
        last = _last_computed(indicator)
        if last is not None:
            portal_figure = last.portal_value if last.portal_value is not None else last.value
            if last.measured_on >= today or portal_figure == value:
                continue
        db.session.add(
            Measurement(
                indicator_id=indicator.id,
                measured_on=today,
                value=value,
                source="",
                computed=True,
            )
        )
        recorded += 1
    db.session.flush()
    return recorded


def override(measurement: Measurement, *, value: Decimal, reason: str, recorder: User) -> None:
    """A person's value in place of the portal's figure, with the reason: the portal's
    figure stays beside it (``portal_value``), the audit trail has the change."""
    reason = (reason or "").strip()
    if not measurement.computed:
        raise MetricError(_("Only a figure computed by the portal can be overridden."))
    if not reason:
        raise MetricError(_("Say why the portal's figure is overridden."))
    if measurement.portal_value is None:
        measurement.portal_value = measurement.value
    measurement.value = value
    measurement.override_reason = reason
    measurement.recorded_by_id = recorder.id
    db.session.flush()
