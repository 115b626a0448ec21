"""The audit trail, for platform administrators."""

from __future__ import annotations

from flask import current_app, render_template, request

from portal.authz import Permission, permission_required
from portal.blueprints.admin import bp
from portal.bounds import page_number
from portal.fragments import kept_fragment, query_key
from portal.models import AuditEntry, Ecosystem, Organisation, User
from portal.services.audit_view import (
    AUDIT_ACTIONS,
    AUDITED_ENTITIES,
    audit_page,
    describe_all,
    newest_entry_id,
    record_choices,
)
from portal.services.cache import View

# A page of the audit trail as HTML, kept per filters and page until an entry is added (the
# newest entry's id is in the key: entries are never changed nor deleted) or a record the
# lines name (people, organisations, ecosystems) changes. Drawing 25 entries with their
# changes in words cost 9 ms a page (issue 11).
AUDIT_HTML = View(
    "audit-trail-html", depends_on=(User, Organisation, Ecosystem), append_only=(AuditEntry,)
)


@bp.route("/audit")
@permission_required(Permission.VIEW_AUDIT_TRAIL)
def audit_trail():
    """Every change to business records, newest first, filtered and paginated in SQL."""
    entity = request.args.get("entity") or None
    action = request.args.get("action") or None

    def results() -> dict:
        pagination = audit_page(
            entity=entity if entity in AUDITED_ENTITIES else None,
            action=action if action in AUDIT_ACTIONS else None,
            page=page_number(request.args),
            per_page=current_app.config["PAGE_SIZE"],
        )
        return {"pagination": pagination, "lines": describe_all(pagination.items)}

    return render_template(
        "admin/audit.html",
        entity=entity,
        action=action,
        entities=record_choices(),
        actions=AUDIT_ACTIONS,
        results=kept_fragment(
            AUDIT_HTML, (newest_entry_id(), *query_key()), "admin/_audit_results.html", results
        ),
    )
