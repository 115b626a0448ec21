"""Template globals and filters: language, direction, bilingual fields, formatting."""

from __future__ import annotations

from typing import Any

from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, format_decimal
from flask_login import current_user

from portal.authz import Permission, has_permission
from portal.i18n import LANGUAGE_NAMES, current_language, localized, text_direction
from portal.models import OrganisationKind, Role
from portal.models.reference import region_label
from portal.services.audit_view import AUDIT_ACTIONS, AUDITED_ENTITIES


def nav_items() -> list[dict[str, Any]]:
    """The navigation entries the current user may use, in display order."""
    from flask_babel import gettext as _

    items = []
    if current_user.is_authenticated:
        items.append({"endpoint": "home.index", "label": _("My dashboard")})
        if has_permission(current_user, Permission.VIEW_AUDIT_TRAIL):
            items.append({"endpoint": "admin.audit_trail", "label": _("Audit trail")})
    else:
        items.append({"endpoint": "public.index", "label": _("Ecosystems")})
    for item in items:
        item["url"] = url_for(item["endpoint"])
        item["active"] = request.endpoint == item["endpoint"]
    return items


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
            "audit_action": lambda action: str(AUDIT_ACTIONS.get(action, action)),
            "audit_entity": lambda entity: str(AUDITED_ENTITIES.get(entity, entity)),
            "organisation_kinds": list(OrganisationKind),
            "roles": list(Role),
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
