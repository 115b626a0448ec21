"""A beneficiary's measurable quality objectives (ISO 9001, 6.2; issue 14, item 4): each with
a bilingual title, a unit, a baseline on a day, a target by a date and an owner, and its
measurements over time. Attainment and whether it is on its line are computed as for a
convention's indicators (``services.trajectory``). They belong to the organisation and are
read from any of its support cases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.bounds import numeric_largest
from portal.extensions import db
from portal.models import ObjectiveMeasurement, Organisation, QualityObjective, User
from portal.models.base import utcnow
from portal.services.certification.errors import CertificationError
from portal.services.editing import apply_edit
from portal.services.trajectory import OnTrajectory

# An organisation keeps a handful of objectives (ISO 9001 asks for measurable ones at the
# relevant functions and levels): the page shows them all, so their number is bounded.
MAX_OBJECTIVES = 30
# The latest measurements of each objective on its chart and in its table.
MEASUREMENTS_SHOWN = 24
LARGEST = numeric_largest(14, 2)  # what the value columns hold

OBJECTIVE_FIELDS = (
    "title_fr",
    "title_ar",
    "unit_fr",
    "unit_ar",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "owner",
)


class ObjectiveView(OnTrajectory):
    """An objective with its latest measurements (oldest first), its latest value,
    attainment and position against the straight line from baseline to target."""

    @property
    def objective(self) -> QualityObjective:
        return self.tracked

    def on_track(self) -> bool:
        """Reached, or at or above its line today."""
        return self.reached or not self.below_trajectory


def _latest_measurements(objective_ids: list[int]) -> dict[int, list[ObjectiveMeasurement]]:
    """The latest ``MEASUREMENTS_SHOWN`` measurements of each objective, oldest first, in
    one query (numbered per objective, newest first, by the measurements' index)."""
    grouped: dict[int, list[ObjectiveMeasurement]] = defaultdict(list)
    if not objective_ids:
        return grouped
    rank = (
        func.row_number()
        .over(
            partition_by=ObjectiveMeasurement.objective_id,
            order_by=(ObjectiveMeasurement.measured_on.desc(), ObjectiveMeasurement.id.desc()),
        )
        .label("rank")
    )
    numbered = (
        select(ObjectiveMeasurement.id, rank)
        .where(
            ObjectiveMeasurement.objective_id.in_(objective_ids),
            ObjectiveMeasurement.deleted_at.is_(None),
        )
        .subquery()
    )
    latest = select(numbered.c.id).where(numbered.c.rank <= MEASUREMENTS_SHOWN)
    for measurement in db.session.execute(
        select(ObjectiveMeasurement)
        .where(ObjectiveMeasurement.id.in_(latest))
        .order_by(ObjectiveMeasurement.measured_on, ObjectiveMeasurement.id)
    ).scalars():
        grouped[measurement.objective_id].append(measurement)
    return grouped


def objectives_of(organisation: Organisation, today: date) -> list[ObjectiveView]:
    """The organisation's live objectives (at most ``MAX_OBJECTIVES``), in the order they
    were set, each with its latest measurements: two queries whatever their number."""
    objectives = list(
        db.session.execute(
            select(QualityObjective)
            .where(QualityObjective.organisation_id == organisation.id)
            .order_by(QualityObjective.id)
            .limit(MAX_OBJECTIVES)
        ).scalars()
    )
    measurements = _latest_measurements([o.id for o in objectives])
    return [ObjectiveView(o, measurements.get(o.id, []), today) for o in objectives]


def objective_choices(organisation_id: int) -> list[QualityObjective]:
    """The organisation's live objectives, for linking one as evidence (one query)."""
    return list(
        db.session.execute(
            select(QualityObjective)
            .where(QualityObjective.organisation_id == organisation_id)
            .order_by(QualityObjective.id)
            .limit(MAX_OBJECTIVES)
        ).scalars()
    )


def _clean(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The objective's fields, trimmed and checked together; raises CertificationError."""
    values = {name: fields.get(name) for name in OBJECTIVE_FIELDS}
    for name in ("title_fr", "title_ar", "unit_fr", "unit_ar", "owner"):
        values[name] = (values[name] or "").strip()
    if not (values["title_fr"] and values["title_ar"]):
        raise CertificationError(_("Write the objective in French and in Arabic."))
    if not values["owner"]:
        raise CertificationError(_("Say who owns the objective."))
    for name in ("baseline", "target"):
        if values[name] is None or abs(values[name]) > LARGEST:
            raise CertificationError(_("Give the baseline and the target as numbers."))
    if values["baseline_date"] is None or values["target_date"] is None:
        raise CertificationError(_("Give the baseline date and the target date."))
    if values["target_date"] <= values["baseline_date"]:
        raise CertificationError(_("The target date comes after the baseline date."))
    if values["target"] == values["baseline"]:
        raise CertificationError(_("The target differs from the baseline."))
    return values


def add_objective(
    organisation: Organisation, fields: Mapping[str, Any], *, recorder: User
) -> QualityObjective:
    """A new measurable objective of the organisation (at most ``MAX_OBJECTIVES`` live)."""
    values = _clean(fields)
    count = db.session.execute(
        select(func.count(QualityObjective.id)).where(
            QualityObjective.organisation_id == organisation.id
        )
    ).scalar_one()
    if count >= MAX_OBJECTIVES:
        raise CertificationError(
            _(
                "An organisation keeps at most %(count)s objectives: remove one it no longer "
                "pursues first.",
                count=MAX_OBJECTIVES,
            )
        )
    objective = QualityObjective(
        organisation_id=organisation.id, recorded_by_id=recorder.id, **values
    )
    db.session.add(objective)
    db.session.flush()
    return objective


def update_objective(
    objective: QualityObjective, fields: Mapping[str, Any], *, version: Any
) -> bool:
    """Change an objective; a change based on an older version is refused (StaleEdit)."""
    values = _clean(fields)
    first = db.session.execute(
        select(func.min(ObjectiveMeasurement.measured_on)).where(
            ObjectiveMeasurement.objective_id == objective.id,
            ObjectiveMeasurement.deleted_at.is_(None),
        )
    ).scalar()
    if first is not None and values["baseline_date"] > first:
        raise CertificationError(_("The baseline date cannot come after a measurement."))
    return apply_edit(objective, version, values)


def remove_objective(objective: QualityObjective, *, version: Any) -> None:
    """Remove an objective the organisation no longer pursues (soft delete: its record and
    measurements stay in the audit trail); refused when based on an older version."""
    apply_edit(objective, version, {"deleted_at": utcnow()})


def record_measurement(
    objective: QualityObjective,
    *,
    measured_on: date,
    value: Decimal,
    comment: str,
    recorder: User,
    today: date,
) -> ObjectiveMeasurement:
    """A dated value of the objective, from its baseline date to today."""
    if measured_on > today:
        raise CertificationError(_("A measurement cannot be dated in the future."))
    if measured_on < objective.baseline_date:
        raise CertificationError(_("A measurement cannot come before the baseline date."))
    if abs(value) > LARGEST:
        raise CertificationError(_("Give the value as a number."))
    measurement = ObjectiveMeasurement(
        objective_id=objective.id,
        measured_on=measured_on,
        value=value,
        comment=comment.strip(),
        recorded_by_id=recorder.id,
    )
    db.session.add(measurement)
    db.session.flush()
    return measurement
