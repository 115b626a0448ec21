"""The columns of each staff export, with headers in the reader's language. Rows are made
one at a time from a lazy iterator over the list (``services/directory``), so an export of
any size is streamed in constant memory, every row of the list, none left out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from flask_babel import gettext as _

from portal.i18n import localized
from portal.models.reference import region_label


class _Labels:
    """Labels of enum values in the reader's language, looked up once per export (a
    translation lookup per cell would cost more than reading the row)."""

    def __init__(self) -> None:
        self.found: dict[Any, str] = {}

    def __call__(self, value: Any) -> str:
        if value is None:
            return ""
        try:
            return self.found[value]
        except KeyError:
            label = self.found[value] = str(value.label)
            return label

    def region(self, code: str | None) -> str:
        key = ("region", code)
        if key not in self.found:
            self.found[key] = region_label(code)
        return self.found[key]


def _organisation_cells(organisation: Any, label: _Labels) -> list[Any]:
    """The cells of an organisation (an Organisation, or a row of its export columns)."""
    return [
        organisation.name_fr,
        organisation.name_ar,
        organisation.acronym or "",
        label(organisation.kind),
        organisation.ice or "",
        organisation.rc or "",
        organisation.if_number or "",
        label(organisation.legal_form),
        label(organisation.headcount_band),
        label.region(organisation.region),
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


def member_export(memberships: Iterable[Any]) -> tuple[list[str], Iterator[list[Any]]]:
    """Headers and (lazy) rows of an ecosystem's member list, from rows holding the
    organisation's and the membership's columns (``directory.members_export``)."""
    headers = [*_organisation_headers(), _("As"), _("Status"), _("Requested on"), _("Decided on")]
    label = _Labels()
    rows = (
        [
            *_organisation_cells(m, label),
            label(m.role),
            label(m.status),
            m.requested_at.date() if m.requested_at else "",
            m.decided_at.date() if m.decided_at else "",
        ]
        for m in memberships
    )
    return headers, rows


def organisation_export(
    organisations: Iterable[tuple[Any, list[tuple[Any, Any]]]],
) -> tuple[list[str], Iterator[list[Any]]]:
    """Headers and (lazy) rows of the staff list of organisations, each organisation given
    with its memberships as (ecosystem, status) pairs (``directory.organisations_export``)."""
    headers = [*_organisation_headers(), _("Ecosystems")]
    label = _Labels()
    rows = (
        [
            *_organisation_cells(organisation, label),
            "; ".join(
                f"{localized(ecosystem, 'name')} ({label(status)})"
                for ecosystem, status in memberships
            ),
        ]
        for organisation, memberships in organisations
    )
    return headers, rows
