"""The open service requests of a work queue, shared by the company's home (its requests
waiting for an answer) and the body's (the requests waiting for its answer): the same counts
and the same list, read once, per open status on the index of the requester or the body, the
status and the deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import url_for
from sqlalchemy import select

from portal.authz import request_scope
from portal.models import ServiceRequest, ServiceRequestStatus
from portal.services.service_requests import OPEN_STATUSES
from portal.services.work_queue.base import (
    Bounded,
    Link,
    bounded_counts,
    first_ids,
    load_in_order,
)


@dataclass
class OpenRequests:
    """How many requests wait per open status (and how many are past their deadline), and
    the first of them, the nearest deadline first."""

    by_status: dict[ServiceRequestStatus, Bounded]
    overdue: Bounded
    first: list[ServiceRequest]

    @property
    def total(self) -> Bounded:
        return sum(self.by_status.values(), Bounded(0))

    def status_links(self, first: ServiceRequestStatus | None = None) -> list[Link]:
        """A link to the request list for each status with requests waiting (``first``, when
        given, before the others), with its count."""
        rows = sorted(self.by_status.items(), key=lambda row: row[0] != first)
        return [
            Link(
                status.label,
                url_for("service_requests.index", status=status.value),
                count.count,
                count.capped,
            )
            for status, count in rows
            if count.count
        ]


def open_requests(
    user: Any, today: date, statuses: tuple[ServiceRequestStatus, ...] = OPEN_STATUSES
) -> OpenRequests:
    """The user's requests of ``statuses`` (by default those waiting for their first answer;
    ``authz.request_scope``): counts in one statement, the first ids in another, then the
    requests themselves."""
    per_status = {
        status: (request_scope(user), ServiceRequest.status == status) for status in statuses
    }
    counted = bounded_counts(
        {
            **{
                (status, "all"): select(ServiceRequest.id).where(*where)
                for status, where in per_status.items()
            },
            **{
                (status, "late"): select(ServiceRequest.id).where(
                    *where, ServiceRequest.respond_by < today
                )
                for status, where in per_status.items()
            },
        }
    )
    by_status = {status: counted[(status, "all")] for status in statuses}
    overdue = sum((counted[(status, "late")] for status in statuses), Bounded(0))
    ids = first_ids(
        [
            select(ServiceRequest.respond_by, ServiceRequest.id)
            .where(*where)
            .order_by(ServiceRequest.respond_by, ServiceRequest.id)
            for status, where in per_status.items()
            if by_status[status].count
        ]
    )
    return OpenRequests(by_status, overdue, load_in_order(select(ServiceRequest), ids))


# What waits for the company after the first answer: a quote to decide on, a delivery to
# close; and for the body: a declined quote to revise (or the request to decline), work to
# deliver.
COMPANY_TURN = (ServiceRequestStatus.QUOTED, ServiceRequestStatus.DELIVERED)
BODY_TURN = (ServiceRequestStatus.QUOTE_DECLINED, ServiceRequestStatus.IN_PROGRESS)
