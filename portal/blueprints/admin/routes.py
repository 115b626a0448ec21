"""The audit trail, for platform administrators."""

from __future__ import annotations

from flask import current_app, render_template, request

from portal.authz import Permission, permission_required
from portal.blueprints.admin import bp
from portal.bounds import page_number
from portal.services.audit_view import (
    AUDIT_ACTIONS,
    AUDITED_ENTITIES,
    audit_page,
    describe_all,
    record_choices,
)


@bp.route("/audit")
@permission_required(Permission.VIEW_AUDIT_TRAIL)
def audit_trail():
    """Every change to business records, newest first, filtered and paginated in SQL."""
    entity = request.args.get("entity") or None
    action = request.args.get("action") or None
    pagination = audit_page(
        entity=entity if entity in AUDITED_ENTITIES else None,
        action=action if action in AUDIT_ACTIONS else None,
        page=page_number(request.args),
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template(
        "admin/audit.html",
        pagination=pagination,
        lines=describe_all(pagination.items),
        entity=entity,
        action=action,
        entities=record_choices(),
        actions=AUDIT_ACTIONS,
    )
