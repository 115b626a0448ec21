"""What the training services share: the error they raise, the need statuses that count,
and notifying the users of organisations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from portal.models import NeedStatus
from portal.services.notifications import notify
from portal.services.onboarding import organisation_users

QUARTER = re.compile(r"^\d{4}-Q[1-4]$")  # a quarter written 2027-Q1
# Needs that count in the demand: validated and not yet served by a session.
DEMAND_STATUSES = (NeedStatus.VALIDATED,)
# Needs a federation may still decide on (decline, merge).
OPEN_STATUSES = (NeedStatus.SUBMITTED, NeedStatus.VALIDATED)


class TrainingError(ValueError):
    """A step the rules refuse; the message is translated."""


def tell(organisation_ids: Iterable[int], kind: str, params: dict[str, Any], link: str) -> None:
    """Notify the users of the organisations."""
    users = [u for org_id in sorted(set(organisation_ids)) for u in organisation_users(org_id)]
    if users:
        notify(users, kind, params, link)
