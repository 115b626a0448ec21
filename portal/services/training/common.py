"""What the training services share: the error they raise, the need statuses that count,
and notifying the users of organisations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flask_babel import force_locale

from portal.i18n import format_day
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


def bilingual_date(day: Any) -> dict[str, str]:
    """A date written in French and in Arabic (for notifications read in either)."""
    written = {}
    for language in ("fr", "ar"):
        with force_locale(f"{language}_MA"):
            written[language] = format_day(day)
    return written
