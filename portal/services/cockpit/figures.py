"""The dashboards' figures, per ecosystem: members by kind and region, training demand
against sessions held and people trained, the certification pipeline and certificates,
service requests and complaints answered on time.

Each is a few grouped SQL statements over indexed columns (the demand from its summary table,
``training_demand_cells``), whatever the number of rows; the dashboards keep what they
return in the cache (``services.cache.View``) until a table it read changes. Values are
plain dicts keyed by the ecosystem's id written as text (JSON-ready), so the cache holds
them as they are.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, distinct, func, not_, or_, select, true

from portal.extensions import db
from portal.models import (
    CaseStage,
    Certificate,
    Complaint,
    Enrolment,
    Membership,
    MembershipStatus,
    Organisation,
    ServiceRequest,
    SessionStatus,
    SupportCase,
    TrainingSession,
)
from portal.models.certification import (
    SURVEILLANCE_MONTHS,
    add_months,
)
from portal.models.training import TrainingDemandCell
from portal.services.certification.certificate_lists import confirmed, state_conditions
from portal.services.cockpit.periods import Period
from portal.services.conventions.metrics import complaint_timeliness, request_timeliness

# The certificates' states the dashboards count (``certificates``).
CERTIFICATE_STATES = (
    "valid",
    "expiring",
    "surveillance_overdue",
    "expired",
    "suspended",
    "withdrawn",
    "awaiting_confirmation",
)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _within(column: Any, period: Period) -> Any:
    """A date column within the period."""
    return column.between(period.start, period.end)


def _within_moments(column: Any, period: Period) -> Any:
    """A date-time column within the period's days."""
    return and_(column >= _moment(period.start), column < _moment(period.end + timedelta(days=1)))


def count_if(condition: Any) -> Any:
    """SQL: how many rows meet the condition."""
    return func.sum(case((condition, 1), else_=0))


def _region(column: Any, region: str) -> Any:
    """The region filter: every region when none is chosen."""
    return column == region if region else true()


def _grouped(query: Any, organisation_id: Any, region: str) -> Any:
    """The rows of a grouped query, limited to the organisations of the region when one is
    chosen (joined only then)."""
    if region:
        query = query.join(Organisation, Organisation.id == organisation_id).where(
            Organisation.region == region
        )
    return db.session.execute(query)


def members(ecosystem_ids: tuple[int, ...], region: str, period: Period) -> dict[str, Any]:
    """Active members of each ecosystem by kind of organisation (in the region, when one is
    chosen), those accepted in the period, and (over the chosen ecosystems, each
    organisation once) by region and kind: one grouped statement, and a second one for the
    organisations counted once when several ecosystems are chosen."""
    live = (
        Membership.ecosystem_id.in_(ecosystem_ids),
        Membership.status == MembershipStatus.ACTIVE,
        Membership.deleted_at.is_(None),
        Organisation.deleted_at.is_(None),
    )
    per_ecosystem: dict[str, Any] = defaultdict(lambda: {"by_kind": {}, "total": 0, "joined": 0})
    by_region: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for ecosystem_id, kind, region_code, count, joined in db.session.execute(
        select(
            Membership.ecosystem_id,
            Organisation.kind,
            Organisation.region,
            func.count(),
            count_if(_within_moments(Membership.decided_at, period)),
        )
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(*live)
        .group_by(Membership.ecosystem_id, Organisation.kind, Organisation.region)
    ):
        by_region[region_code or ""][kind.value] += count
        if region and region_code != region:
            continue
        figures = per_ecosystem[str(ecosystem_id)]
        figures["by_kind"][kind.value] = figures["by_kind"].get(kind.value, 0) + count
        figures["total"] += count
        figures["joined"] += int(joined or 0)
    if len(ecosystem_ids) > 1:  # a member of two ecosystems is one organisation
        by_region = defaultdict(lambda: defaultdict(int))
        for region_code, kind, count in db.session.execute(
            select(Organisation.region, Organisation.kind, func.count(distinct(Organisation.id)))
            .join(Membership, Membership.organisation_id == Organisation.id)
            .where(*live)
            .group_by(Organisation.region, Organisation.kind)
        ):
            by_region[region_code or ""][kind.value] = count
    return {
        "ecosystems": dict(per_ecosystem),
        "by_region": {code: dict(kinds) for code, kinds in by_region.items()},
    }


def training(ecosystem_ids: tuple[int, ...], region: str, period: Period) -> dict[str, Any]:
    """Per ecosystem: the validated demand for the period's quarters (people and needs, from
    the demand summary), the sessions held in the period with their seats, the people who
    attended them and their companies, and the sessions planned to start in it."""
    found: dict[str, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(
            ("demand_people", "demand_needs", "held", "seats", "trained", "companies", "planned"),
            0,
        )
    )
    for ecosystem_id, people, needs in db.session.execute(
        select(
            TrainingDemandCell.ecosystem_id,
            func.sum(TrainingDemandCell.people),
            func.sum(TrainingDemandCell.needs),
        )
        .where(
            TrainingDemandCell.ecosystem_id.in_(ecosystem_ids),
            TrainingDemandCell.quarter.in_(period.quarters),
            _region(TrainingDemandCell.region, region),
        )
        .group_by(TrainingDemandCell.ecosystem_id)
    ):
        found[str(ecosystem_id)].update(demand_people=int(people or 0), demand_needs=int(needs))
    in_scope = (
        TrainingSession.ecosystem_id.in_(ecosystem_ids),
        _region(TrainingSession.region, region),
    )
    for ecosystem_id, held, seats, planned in db.session.execute(
        select(
            TrainingSession.ecosystem_id,
            count_if(
                and_(
                    TrainingSession.status == SessionStatus.HELD,
                    _within(TrainingSession.ends_on, period),
                )
            ),
            func.sum(
                case(
                    (
                        and_(
                            TrainingSession.status == SessionStatus.HELD,
                            _within(TrainingSession.ends_on, period),
                        ),
                        TrainingSession.seats,
                    ),
                    else_=0,
                )
            ),
            count_if(
                and_(
                    TrainingSession.status == SessionStatus.PLANNED,
                    _within(TrainingSession.starts_on, period),
                )
            ),
        )
        .where(
            *in_scope,
            or_(
                _within(TrainingSession.ends_on, period), _within(TrainingSession.starts_on, period)
            ),
        )
        .group_by(TrainingSession.ecosystem_id)
    ):
        found[str(ecosystem_id)].update(
            held=int(held or 0), seats=int(seats or 0), planned=int(planned or 0)
        )
    for ecosystem_id, people, companies in db.session.execute(
        select(
            TrainingSession.ecosystem_id,
            func.count(Enrolment.id),
            func.count(distinct(Enrolment.organisation_id)),
        )
        .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
        .where(
            *in_scope,
            TrainingSession.status == SessionStatus.HELD,
            _within(TrainingSession.ends_on, period),
            Enrolment.attended.is_(True),
        )
        .group_by(TrainingSession.ecosystem_id)
    ):
        found[str(ecosystem_id)].update(trained=people, companies=companies)
    return dict(found)


def certification(
    ecosystem_ids: tuple[int, ...], region: str, period: Period, today: date
) -> dict[str, Any]:
    """Per ecosystem: its support cases by stage (and those opened in the period); the
    certificates of its members by state today (in force beyond 90 days, expiring within 90
    days, expired, suspended, withdrawn, awaiting their body's confirmation — and, among those
    in force, the ones whose surveillance is overdue: ``certification.surveillance``), issued
    (and confirmed) in the period, and those with a surveillance audit due in the period (12
    and 24 months after issue)."""
    found: dict[str, dict[str, Any]] = defaultdict(
        lambda: (
            {"by_stage": {}, "opened": 0, "issued": 0, "surveillance_due": 0}
            | dict.fromkeys(CERTIFICATE_STATES, 0)
        )
    )
    for ecosystem_id, stage, count, opened in _grouped(
        select(
            SupportCase.ecosystem_id,
            SupportCase.stage,
            func.count(),
            count_if(_within_moments(SupportCase.created_at, period)),
        )
        .where(SupportCase.ecosystem_id.in_(ecosystem_ids))
        .group_by(SupportCase.ecosystem_id, SupportCase.stage),
        SupportCase.organisation_id,
        region,
    ):
        figures = found[str(ecosystem_id)]
        figures["by_stage"][stage.value] = count
        figures["opened"] += int(opened or 0)
    states = state_conditions(today)
    surveillance_due = or_(
        *(
            Certificate.issued_on.between(
                add_months(period.start, -months), add_months(period.end, -months)
            )
            for months in SURVEILLANCE_MONTHS
        )
    )
    # The certificates' states as the certificate list filters them; "valid" here is in
    # force and not expiring, so that the states count each certificate once.
    row_of = {
        "valid": and_(states["in_force"], not_(states["expiring"])),
        **{state: states[state] for state in CERTIFICATE_STATES if state != "valid"},
        # One a federation recorded counts as issued once its body confirmed it.
        "issued": and_(_within(Certificate.issued_on, period), confirmed()),
        "surveillance_due": and_(states["in_force"], surveillance_due),
    }
    for ecosystem_id, *counts in _grouped(
        select(Membership.ecosystem_id, *(count_if(condition) for condition in row_of.values()))
        .select_from(Certificate)
        .join(Membership, Membership.organisation_id == Certificate.organisation_id)
        .where(
            Membership.ecosystem_id.in_(ecosystem_ids),
            Membership.status == MembershipStatus.ACTIVE,
            Membership.deleted_at.is_(None),
        )
        .group_by(Membership.ecosystem_id),
        Certificate.organisation_id,
        region,
    ):
        found[str(ecosystem_id)].update(
            {name: int(count or 0) for name, count in zip(row_of, counts, strict=True)}
        )
    return dict(found)


def answers(
    ecosystem_ids: tuple[int, ...], region: str, period: Period, today: date
) -> dict[str, Any]:
    """Per ecosystem: the service requests its members filed in the period and the
    complaints filed about it, with how many can be judged and how many were answered on
    time (service requests within their 15 days, complaints within the deadline). Complaints
    about the programme as a whole (no ecosystem) are under the key ``"0"``; complaints have
    no region, the region filter leaves them whole."""
    until = period.until(today)
    found: dict[str, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(
            (
                "requests",
                "requests_judged",
                "requests_on_time",
                "complaints",
                "complaints_judged",
                "complaints_on_time",
            ),
            0,
        )
    )
    on_time, judged = request_timeliness(until)
    for ecosystem_id, count, judged_count, on_time_count in _grouped(
        select(Membership.ecosystem_id, func.count(), judged, on_time)
        .select_from(ServiceRequest)
        .join(Membership, Membership.organisation_id == ServiceRequest.organisation_id)
        .where(
            Membership.ecosystem_id.in_(ecosystem_ids),
            Membership.status == MembershipStatus.ACTIVE,
            Membership.deleted_at.is_(None),
            _within(ServiceRequest.submitted_on, period),
        )
        .group_by(Membership.ecosystem_id),
        ServiceRequest.organisation_id,
        region,
    ):
        found[str(ecosystem_id)].update(
            requests=count,
            requests_judged=int(judged_count or 0),
            requests_on_time=int(on_time_count or 0),
        )
    on_time, judged = complaint_timeliness(until)
    for ecosystem_id, count, judged_count, on_time_count in db.session.execute(
        select(Complaint.ecosystem_id, func.count(), judged, on_time)
        .where(
            or_(Complaint.ecosystem_id.in_(ecosystem_ids), Complaint.ecosystem_id.is_(None)),
            _within(Complaint.filed_on, period),
        )
        .group_by(Complaint.ecosystem_id)
    ):
        found[str(ecosystem_id or 0)].update(
            complaints=count,
            complaints_judged=int(judged_count or 0),
            complaints_on_time=int(on_time_count or 0),
        )
    return dict(found)


def stages() -> list[str]:
    """The stages of a support case, in their order."""
    return [stage.value for stage in CaseStage]
