"""Template globals and filters: language, direction, bilingual fields, formatting."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from portal.authz import Permission, has_permission
from portal.forms import field_kind, writes_left_to_right
from portal.i18n import (
    LANGUAGE_NAMES,
    current_language,
    format_day,
    format_moment,
    format_month,
    format_number,
    format_share,
    localized,
    text_direction,
)
from portal.models import HeadcountBand, MembershipStatus, OrganisationKind, Role
from portal.models.reference import REGIONS, region_label
from portal.navigation import site_header
from portal.services.tabular import XLSX_MAX_ROWS


def left_to_right(value: Any) -> Markup:
    """A code, an e-mail or web address or a phone number, shown left to right (isolated) on
    Arabic pages too: the display side of ``writes_left_to_right`` (portal/forms.py)."""
    return Markup('<bdi dir="ltr">%s</bdi>') % ("" if value is None else value)


class ListChoices:
    """Options of the list filters, translated when the page is drawn."""

    @staticmethod
    def kinds() -> list[tuple[str, str]]:
        return [(kind.value, kind.label) for kind in OrganisationKind]

    @staticmethod
    def regions() -> list[tuple[str, str]]:
        return [(code, str(label)) for code, label in REGIONS.items()]

    @staticmethod
    def statuses() -> list[tuple[str, str]]:
        return [(status.value, status.label) for status in MembershipStatus]

    @staticmethod
    def sizes() -> list[tuple[str, str]]:
        return [(band.value, band.label) for band in HeadcountBand]

    @staticmethod
    def sorts() -> list[tuple[str, str]]:
        from flask_babel import gettext as _

        return [
            ("name", _("Name, A to Z")),
            ("-name", _("Name, Z to A")),
            ("region", _("Region")),
            ("-created", _("Newest first")),
        ]


def found_count(pagination: Any) -> str:
    """How many rows a bounded list holds (``services/paging.py``): the number, or "more
    than" the number counted."""
    if getattr(pagination, "more", False):
        return _("more than %(count)s", count=format_number(pagination.total))
    return format_number(pagination.total)


def countdown(state: Any) -> str:
    """A deadline in words (a service request's, a complaint's): days late when
    ``state.overdue``, else days left, numbers written for the page's language."""
    count = format_number(state.days)
    if state.overdue:
        return ngettext("%(count)s day late", "%(count)s days late", state.days, count=count)
    if state.days == 0:
        return _("Due today")
    return ngettext("%(count)s day left", "%(count)s days left", state.days, count=count)


def register_template_helpers(app: Flask) -> None:
    """Make the helpers available in every template."""

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {
            "lang": current_language(),
            "text_dir": text_direction(),
            "language_names": LANGUAGE_NAMES,
            "site_header": site_header,
            "has_permission": has_permission,
            "Permission": Permission,
            "organisation_kinds": list(OrganisationKind),
            "roles": list(Role),
            "list_choices": ListChoices,
        }

    app.jinja_env.add_extension("jinja2.ext.do")
    # Globals, not context: the macros of _macros/forms.html are imported without context.
    app.jinja_env.globals.update(
        field_kind=field_kind,
        writes_left_to_right=writes_left_to_right,
        xlsx_max_rows=XLSX_MAX_ROWS,
        countdown=countdown,
        percent=format_share,
    )
    app.jinja_env.filters["localized"] = localized
    app.jinja_env.filters["region"] = region_label
    app.jinja_env.filters["ltr"] = left_to_right
    # One way of writing dates and one of writing moments, everywhere (portal/i18n.py): the
    # filters take no format on purpose.
    app.jinja_env.filters["date"] = format_day
    app.jinja_env.filters["datetime"] = format_moment
    app.jinja_env.filters["month"] = format_month
    app.jinja_env.filters["found"] = found_count
    app.jinja_env.filters["number"] = format_number
