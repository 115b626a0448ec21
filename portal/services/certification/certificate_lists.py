"""The certificate list's filters (state on a day, standard, issuing body, ecosystem of the
holder) and its export (issue 14, item 5): one statement for the page and the download, in
the order of an index, the export streamed row by row."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, exists, select
from sqlalchemy.orm import aliased

from portal.authz import certificate_scope
from portal.bounds import query_int
from portal.extensions import db
from portal.models import (
    Certificate,
    CertificateStatus,
    Ecosystem,
    InfrastructureType,
    Membership,
    MembershipStatus,
    Organisation,
    Standard,
    add_months,
)
from portal.models.certification import CERTIFICATE_CYCLE_MONTHS, SURVEILLANCE_MONTHS
from portal.services.certification.certificates import WITH_NAMES, expiring_window
from portal.services.certification.surveillance import (
    in_force,
    issued_by,
    surveillance_overdue,
)
from portal.services.directory import search_clause
from portal.services.paging import paginate

# The states a certificate is filtered by on a day, with their labels.
STATES: dict[str, Any] = {
    "in_force": _l("In force"),
    "expiring": _l("In force, expiring within 90 days"),
    "surveillance_overdue": _l("In force, surveillance audit overdue"),
    "expired": _l("Expired"),
    "suspended": _l("Suspended"),
    "withdrawn": _l("Withdrawn"),
    "awaiting_confirmation": _l("Awaiting confirmation by the issuing body"),
    "rejected": _l("Rejected by the issuing body"),
}
# The states read oldest issue first (soonest expiry, longest overdue); the others newest.
OLDEST_FIRST = ("expiring", "surveillance_overdue")


@dataclass(frozen=True)
class CertificateFilters:
    """What the certificate list is narrowed to; unknown values are dropped."""

    state: str = ""
    standard_id: int | None = None
    body_id: int | None = None
    body_q: str = ""  # words of the issuing body's name
    ecosystem: str = ""  # slug

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> CertificateFilters:
        state = args.get("state", "")
        if args.get("expiring") == "1":  # the pipeline's links
            state = "expiring"
        elif args.get("overdue") == "1":
            state = "surveillance_overdue"
        return cls(
            state=state if state in STATES else "",
            standard_id=query_int(args, "standard") or None,
            body_id=query_int(args, "body") or None,
            body_q=(args.get("body_q") or "").strip()[:120],
            ecosystem=(args.get("ecosystem") or "")[:80],
        )

    def as_args(self, **changes: Any) -> dict[str, Any]:
        """The filters as query-string arguments (links: export, pages)."""
        values = {
            "state": self.state,
            "standard": self.standard_id,
            "body": self.body_id,
            "body_q": self.body_q,
            "ecosystem": self.ecosystem,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}

    @property
    def any(self) -> bool:
        return bool(self.state or self.standard_id or self.body_id or self.body_q or self.ecosystem)


def state_conditions(today: date) -> dict[str, Any]:
    """SQL, per state of ``STATES``: the certificate is in that state on ``today`` (the list's
    filter, and the dashboards' counts)."""
    _earliest, soon = expiring_window(today)
    expired_by = issued_by(today, CERTIFICATE_CYCLE_MONTHS)
    return {
        "in_force": in_force(today),
        "expiring": and_(in_force(today), Certificate.issued_on <= soon),
        "surveillance_overdue": surveillance_overdue(today),
        "expired": and_(
            Certificate.status == CertificateStatus.VALID, Certificate.issued_on <= expired_by
        ),
        "suspended": Certificate.status == CertificateStatus.SUSPENDED,
        "withdrawn": Certificate.status == CertificateStatus.WITHDRAWN,
        # Recorded by a federation: not valid until the issuing body confirms it.
        "awaiting_confirmation": Certificate.status == CertificateStatus.AWAITING_CONFIRMATION,
        "rejected": Certificate.status == CertificateStatus.REJECTED,
    }


def confirmed() -> Any:
    """SQL: the certificate was issued as recorded — by its body, or by a federation and
    confirmed since (neither awaiting confirmation nor rejected)."""
    return Certificate.status.not_in(
        (CertificateStatus.AWAITING_CONFIRMATION, CertificateStatus.REJECTED)
    )


def filtered(user: Any, filters: CertificateFilters, today: date) -> Select:
    """SELECT of the certificates the user may see, narrowed by the filters, in the order of
    an index: newest issue first, or oldest first for the expiring and overdue ones."""
    where = [certificate_scope(user)]
    if filters.state:
        where.append(state_conditions(today)[filters.state])
    if filters.standard_id:
        where.append(Certificate.standard_id == filters.standard_id)
    if filters.body_id:
        where.append(Certificate.issuing_body_id == filters.body_id)
    named = search_clause(filters.body_q) if filters.body_q else None
    if named is not None:
        bodies = select(Organisation.id).where(
            named, Organisation.infrastructure_type == InfrastructureType.CERTIFICATION_BODY
        )
        where.append(Certificate.issuing_body_id.in_(bodies))
    if filters.ecosystem:
        where.append(
            exists().where(
                Membership.organisation_id == Certificate.organisation_id,
                Membership.status == MembershipStatus.ACTIVE,
                Membership.ecosystem_id
                == select(Ecosystem.id)
                .where(Ecosystem.slug == filters.ecosystem)
                .scalar_subquery(),
            )
        )
    order = (
        (Certificate.issued_on, Certificate.id)
        if filters.state in OLDEST_FIRST
        else (Certificate.issued_on.desc(), Certificate.id.desc())
    )
    return select(Certificate).where(*where).order_by(*order)


def certificate_list(
    user: Any, filters: CertificateFilters, today: date, *, page: int, per_page: int
) -> Pagination:
    """A page of the filtered certificates, with their holders, bodies and standards."""
    return paginate(
        filtered(user, filters, today).options(*WITH_NAMES), page=page, per_page=per_page
    )


def export_headers() -> list[str]:
    return [
        _("Number"),
        _("Holder"),
        _("ICE"),
        _("Standard"),
        _("Issued by"),
        _("Issue date"),
        _("First surveillance audit due"),
        _("Second surveillance audit due"),
        _("Expiry date"),
        _("Status"),
    ]


def export_rows(user: Any, filters: CertificateFilters, today: date) -> Iterator[list[Any]]:
    """The filtered certificates as rows of plain values, read as they are written. The
    statement is built now, from the user as the request has it: the rows are read while
    the file is sent, after the request's session has let its records go."""
    holder, body = aliased(Organisation), aliased(Organisation)
    statement = filtered(user, filters, today).with_only_columns(
        Certificate.number,
        holder.name_fr,
        holder.ice,
        Standard.reference,
        body.name_fr,
        Certificate.issued_on,
        Certificate.status,
        surveillance_overdue(today).label("overdue"),
        maintain_column_froms=True,
    )
    statement = (
        statement.join(holder, holder.id == Certificate.organisation_id)
        .join(body, body.id == Certificate.issuing_body_id)
        .join(Standard, Standard.id == Certificate.standard_id)
    )
    labels = {status: str(status.label) for status in CertificateStatus}
    return _rows(statement, labels, _("Expired"), _("Surveillance overdue"), today)


def _rows(
    statement: Select, labels: dict, expired_label: str, overdue_label: str, today: date
) -> Iterator[list[Any]]:
    """The export's rows, read as they are written (``export_rows``)."""
    for (
        number,
        holder_name,
        ice,
        standard,
        body_name,
        issued_on,
        status,
        overdue,
    ) in db.session.execute(statement.execution_options(yield_per=1000)):
        expires_on = add_months(issued_on, CERTIFICATE_CYCLE_MONTHS)
        label = labels[status]
        if status == CertificateStatus.VALID and today >= expires_on:
            label = expired_label
        elif overdue:
            label = overdue_label
        yield [
            number,
            holder_name,
            ice or "",
            standard,
            body_name,
            issued_on,
            *(add_months(issued_on, months) for months in SURVEILLANCE_MONTHS),
            expires_on,
            label,
        ]
