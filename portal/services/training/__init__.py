"""Training: the topic catalogue, companies' needs and the demand they add up to (by topic ×
region × quarter, in a summary table kept exact), institutes' offers matched to a demand
cell, sessions planned from them, enrolment within the seat limit with a waiting list,
attendance, fulfilment and evaluation. One module per part; the names most callers need are here."""

from portal.services.training import demand_summary  # noqa: F401 (keeps the summary exact)
from portal.services.training.attendance import record_attendance, record_days
from portal.services.training.common import DEMAND_STATUSES, OPEN_STATUSES, TrainingError
from portal.services.training.demand_counts import DemandCell, cell_needs, demand
from portal.services.training.needs import needs_awaiting_validation
from portal.services.training.offers import matching_offers, plan_session
from portal.services.training.sessions import (
    cancel_enrolment,
    enrol,
    enrol_many,
    enrolled_count,
    read_participants,
)

__all__ = [
    "DEMAND_STATUSES",
    "OPEN_STATUSES",
    "DemandCell",
    "TrainingError",
    "cancel_enrolment",
    "cell_needs",
    "demand",
    "enrol",
    "enrol_many",
    "enrolled_count",
    "matching_offers",
    "needs_awaiting_validation",
    "plan_session",
    "read_participants",
    "record_attendance",
    "record_days",
]
