"""The columns of each staff export, with headers in the reader's language. Rows are made
one at a time from a lazy iterator over the list (``services/directory``), so an export of
any size is streamed in constant memory, every row of the list, none left out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from flask_babel import gettext as _

from portal.i18n import localized
from portal.models import Membership, Organisation
from portal.models.reference import region_label


def _organisation_cells(organisation: Organisation) -> list[Any]:
    return [
        organisation.name_fr,
        organisation.name_ar,
        organisation.acronym or "",
        organisation.kind.label,
        organisation.ice or "",
        organisation.rc or "",
        organisation.if_number or "",
        organisation.legal_form.label if organisation.legal_form else "",
        organisation.headcount_band.label if organisation.headcount_band else "",
        region_label(organisation.region),
        organisation.city or "",
        organisation.email or "",
        organisation.phone or "",
    ]


def _organisation_headers() -> list[str]:
    return [
        _("Name in French"),
        _("Name in Arabic"),
        _("Acronym"),
        _("Kind"),
        _("ICE"),
        _("RC"),
        _("IF"),
        _("Legal form"),
        _("Size"),
        _("Region"),
        _("City"),
        _("E-mail address"),
        _("Phone"),
    ]


def member_export(
    memberships: Iterable[Membership],
) -> tuple[list[str], Iterator[list[Any]]]:
    """Headers and (lazy) rows of an ecosystem's member list."""
    headers = [*_organisation_headers(), _("As"), _("Status"), _("Requested on"), _("Decided on")]
    rows = (
        [
            *_organisation_cells(m.organisation),
            m.role.label,
            m.status.label,
            m.requested_at.date() if m.requested_at else "",
            m.decided_at.date() if m.decided_at else "",
        ]
        for m in memberships
    )
    return headers, rows


def organisation_export(
    organisations: Iterable[tuple[Organisation, list[Membership]]],
) -> tuple[list[str], Iterator[list[Any]]]:
    """Headers and (lazy) rows of the staff list of organisations, each organisation given
    with its memberships."""
    headers = [*_organisation_headers(), _("Ecosystems")]
    rows = (
        [
            *_organisation_cells(organisation),
            "; ".join(f"{localized(m.ecosystem, 'name')} ({m.status.label})" for m in memberships),
        ]
        for organisation, memberships in organisations
    )
    return headers, rows
