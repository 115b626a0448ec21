"""Reading the audit trail: filters, pagination and translated labels."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.models import AuditEntry
from portal.services.paging import paginate

# i18n: kinds of records in the audit trail
AUDITED_ENTITIES = {
    "organisations": _l("Organisation"),
    "users": _l("User account"),
    "ecosystems": _l("Ecosystem"),
    "memberships": _l("Membership"),
}

AUDIT_ACTIONS = {
    # i18n: audit trail action
    "insert": _l("Created"),
    # i18n: audit trail action
    "update": _l("Changed"),
    # i18n: audit trail action
    "delete": _l("Deleted"),
    # i18n: audit trail action
    "restore": _l("Restored"),
    # i18n: audit trail action, a row removed outside the portal's pages
    "purge": _l("Removed"),
}


def audit_page(*, entity: str | None, action: str | None, page: int, per_page: int) -> Pagination:
    """One page of audit entries, each with its actor loaded in the same query."""
    query = (
        select(AuditEntry)
        .options(joinedload(AuditEntry.actor))
        .order_by(AuditEntry.occurred_at.desc(), AuditEntry.id.desc())
        .execution_options(include_deleted=True)
    )
    if entity:
        query = query.where(AuditEntry.entity_type == entity)
    if action:
        query = query.where(AuditEntry.action == action)
    return paginate(query, page=page, per_page=per_page)
