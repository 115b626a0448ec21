"""What the training services share: the error they raise, the need statuses that count,
and notifying the users of organisations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flask_babel import force_locale
from sqlalchemy import Select

from portal.bounds import INT_MAX
from portal.extensions import db
from portal.i18n import format_day
from portal.models import NeedStatus
from portal.services.notifications import notify
from portal.services.onboarding import organisation_users
from portal.services.paging import COUNT_LIMIT, BoundedPagination, count_up_to

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


class KeyCountedPagination(BoundedPagination):
    """``paging.BoundedPagination`` whose bounded count selects the key column only, so it
    reads an index and no row (``count_up_to`` of ``SELECT entity`` reads every counted row:
    25–80 ms for 2,001 needs at national scale, against about 1 ms for their ids)."""

    def _query_count(self) -> int:
        limit = self._query_args["count_limit"]
        statement = self._query_args["select"].with_only_columns(self._query_args["key"])
        counted = count_up_to(statement, limit)
        self.more = counted > limit
        return min(counted, limit)


def paginate_counting_keys(
    statement: Select, key: Any, *, page: int, per_page: int, count_limit: int = COUNT_LIMIT
) -> BoundedPagination:
    """``paging.paginate``, counting ``key`` (the listed entity's id) rather than its rows."""
    page = max(1, min(page, INT_MAX, -(-count_limit // per_page)))

    def one(number: int) -> KeyCountedPagination:
        return KeyCountedPagination(
            page=number,
            per_page=per_page,
            max_per_page=None,
            error_out=False,
            select=statement,
            session=db.session,
            count_limit=count_limit,
            key=key,
        )

    pagination = one(page)
    if page > 1 and not pagination.items and pagination.total:
        pagination = one(pagination.pages)
    return pagination
