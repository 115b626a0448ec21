"""Template globals and filters: language, direction, bilingual fields, formatting."""

from __future__ import annotations

from typing import Any

from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, format_decimal
from flask_login import current_user

from portal.authz import Permission, can_list_support_cases, has_permission
from portal.i18n import LANGUAGE_NAMES, current_language, localized, text_direction
from portal.models import HeadcountBand, MembershipStatus, OrganisationKind, Role
from portal.models.reference import REGIONS, region_label


def nav_items() -> list[dict[str, Any]]:
    """The navigation entries the current user may use, in display order."""
    from flask_babel import gettext as _

    from portal.services.notifications import unread_count

    items: list[dict[str, Any]] = []
    if current_user.is_authenticated:
        items.append({"endpoint": "home.index", "label": _("My dashboard")})
        items.append({"endpoint": "public.index", "label": _("Ecosystems")})
        items.append({"endpoint": "conventions.index", "label": _("Conventions")})
        if has_permission(current_user, Permission.MANAGE_MEMBERS) or has_permission(
            current_user, Permission.MONITOR_ALL_ECOSYSTEMS
        ):
            items.append({"endpoint": "directory.organisations", "label": _("Organisations")})
        if can_list_support_cases(current_user):
            items.append({"endpoint": "support.cases", "label": _("Certification support")})
        if current_user.role != Role.INSTITUTE_USER:
            items.append({"endpoint": "support.certificates", "label": _("Certificates")})
            items.append({"endpoint": "service_requests.index", "label": _("Service requests")})
        if current_user.role != Role.INFRASTRUCTURE_USER:
            items.append({"endpoint": "training.sessions", "label": _("Training")})
        items.append({"endpoint": "experts.directory", "label": _("Quality experts")})
        unread = unread_count(current_user)
        label = _("Notifications")
        items.append(
            {
                "endpoint": "notifications.index",
                "label": label,
                "badge": unread or None,
                "badge_label": _("%(count)s unread", count=unread),
            }
        )
        if has_permission(current_user, Permission.VIEW_AUDIT_TRAIL):
            items.append({"endpoint": "admin.audit_trail", "label": _("Audit trail")})
    else:
        items.append({"endpoint": "public.index", "label": _("Ecosystems")})
        items.append({"endpoint": "conventions.index", "label": _("Conventions")})
        items.append({"endpoint": "directory.public", "label": _("Directory")})
        items.append({"endpoint": "support.verify", "label": _("Verify a certificate")})
        items.append({"endpoint": "auth.signup", "label": _("Sign up")})
    for item in items:
        item["url"] = url_for(item["endpoint"], **item.get("args", {}))
        item["active"] = request.endpoint == item["endpoint"]
    return items


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


def register_template_helpers(app: Flask) -> None:
    """Make the helpers available in every template."""

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {
            "lang": current_language(),
            "text_dir": text_direction(),
            "language_names": LANGUAGE_NAMES,
            "nav_items": nav_items,
            "has_permission": has_permission,
            "Permission": Permission,
            "organisation_kinds": list(OrganisationKind),
            "roles": list(Role),
            "list_choices": ListChoices,
        }

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["localized"] = localized
    app.jinja_env.filters["region"] = region_label
    app.jinja_env.filters["date"] = lambda value, fmt="medium": (
        format_date(value, fmt) if value else ""
    )
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) if value else ""
    )
    app.jinja_env.filters["number"] = lambda value: (
        format_decimal(value) if value is not None else ""
    )
