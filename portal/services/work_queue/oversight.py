"""The work queues of those who oversee every ecosystem: the ministry (conventions and their
progress, late milestones, membership requests overview) and the platform's administrators
(membership requests to decide on, latest changes, figures)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from flask_babel import format_number, format_percent
from flask_babel import gettext as _
from sqlalchemy import exists, literal_column, select

from portal.authz import Permission, convention_scope, has_permission
from portal.i18n import localized
from portal.models import Convention, Milestone
from portal.services.conventions import (
    RUNNING,
    progress_by_convention,
)
from portal.services.work_queue.base import (
    Bounded,
    Item,
    Link,
    Section,
    bounded_counts,
    first_ids,
    load_in_order,
)
from portal.services.work_queue.ecosystem import (
    join_requests,
    join_requests_overview,
    milestones_due,
)


def _late_milestone(today: date):
    return exists().where(
        Milestone.convention_id == Convention.id,
        Milestone.is_late(today),
        Milestone.deleted_at.is_(None),
    )


def running_conventions(user: Any, today: date) -> Section:
    """Running conventions, those with a late milestone first, each with its progress and
    whether it is at risk (services.conventions: a late milestone or commitment, or an
    indicator below its trajectory)."""
    late = _late_milestone(today)
    per_status = {
        status: (convention_scope(user), Convention.status == status) for status in RUNNING
    }
    counted = bounded_counts(
        {
            **{
                (status, "all"): select(Convention.id).where(*where)
                for status, where in per_status.items()
            },
            **{
                (status, "late"): select(Convention.id).where(*where, late)
                for status, where in per_status.items()
            },
        }
    )
    total = sum((counted[(status, "all")] for status in RUNNING), Bounded(0))
    with_late = sum((counted[(status, "late")] for status in RUNNING), Bounded(0))

    # Those with a late milestone first, then the others, each in the order of their end.
    ids = first_ids(
        [
            select(
                literal_column(str(rank)).label("rank"),
                Convention.ends_on,
                Convention.reference,
                Convention.id,
            )
            .where(*where, extra)
            .order_by(Convention.ends_on, Convention.reference, Convention.id)
            for rank, extra in enumerate((late, ~late))
            for where in per_status.values()
        ]
    )
    found = load_in_order(select(Convention), ids)
    progress = progress_by_convention(found, today)
    items = []
    for convention in found:
        share, at_risk = progress.get(convention.id, (0.0, False))
        items.append(
            Item(
                title=convention.reference,
                href=url_for("conventions.show", convention_id=convention.id),
                context=localized(convention, "title"),
                figure=_("Progress: %(percent)s", percent=format_percent(share)),
                # i18n: badge of a running convention: neither late nor below its targets
                badge=_("At risk") if at_risk else _("On track"),
                tone="danger" if at_risk else "success",
            )
        )
    return Section(
        key="conventions",
        title=_("Running conventions"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_("No convention is signed or in progress yet."),
        more=[Link(_("All the conventions"), url_for("conventions.index"))],
        note=_late_note(with_late),
    )


def _late_note(with_late: Bounded) -> str:
    if not with_late.count:
        return ""
    if with_late.capped:
        return _(
            "With a late milestone: more than %(count)s.", count=format_number(with_late.count)
        )
    return _("With a late milestone: %(count)s.", count=with_late.count)


def ministry_sections(user: Any, today: date) -> list[Section]:
    """The ministry's queue: conventions, their late milestones, requests to join."""
    sections = []
    if has_permission(user, Permission.MANAGE_CONVENTIONS):
        sections.append(running_conventions(user, today))
        sections.append(milestones_due(user, today, late_only=True))
    if has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS):
        sections.append(join_requests_overview(user))
    return sections


def admin_sections(user: Any) -> list[Section]:
    """What the platform needs from its administrators: requests to join waiting for a
    decision in any ecosystem (the latest changes and the figures are shown beside)."""
    sections = []
    if has_permission(user, Permission.MANAGE_MEMBERS):
        sections.append(join_requests(user))
    return sections


def ministry_shortcuts(user: Any) -> list[Link]:
    """The ministry's pages: conventions, directory, certification pipeline, training demand."""
    links = [Link(_("Conventions"), url_for("conventions.index"))]
    if has_permission(user, Permission.VIEW_DASHBOARD):
        links.insert(0, Link(_("Programme cockpit"), url_for("dashboards.index")))
    if has_permission(user, Permission.MANAGE_CONVENTIONS):
        links.append(Link(_("Create a convention"), url_for("conventions.create")))
    if has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS):
        links.append(Link(_("Directory of organisations"), url_for("directory.organisations")))
        links.append(Link(_("Certification support pipeline"), url_for("certification.pipeline")))
    if has_permission(user, Permission.VIEW_TRAINING_DEMAND):
        links.append(Link(_("Training demand"), url_for("training.demand")))
    if has_permission(user, Permission.VIEW_SERVICE_DEMAND):
        links.append(Link(_("Demand for services"), url_for("service_requests.demand")))
    if has_permission(user, Permission.MANAGE_ECOSYSTEMS):
        links.append(Link(_("Create an ecosystem"), url_for("ecosystems.create")))
    if has_permission(user, Permission.VIEW_SERVICE_FIGURES):
        links.append(
            Link(
                _("Figures of the bodies on service requests"), url_for("service_requests.figures")
            )
        )
    return links


def admin_shortcuts(user: Any) -> list[Link]:
    """The administrators' pages: audit trail and the management pages."""
    links = []
    if has_permission(user, Permission.VIEW_AUDIT_TRAIL):
        links.append(
            Link(_("Review who changed what in the audit trail"), url_for("admin.audit_trail"))
        )
    if has_permission(user, Permission.MANAGE_ECOSYSTEMS):
        links.append(Link(_("Create an ecosystem"), url_for("ecosystems.create")))
    if has_permission(user, Permission.MANAGE_PLATFORM):
        links.append(Link(_("Training topic catalogue"), url_for("training.topics")))
    if has_permission(user, Permission.MANAGE_STANDARDS):
        links.append(
            Link(
                _("Keep the standards, their clause outlines and guidance questions"),
                url_for("admin.standards"),
            )
        )
    if has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS):
        links.append(Link(_("Directory of organisations"), url_for("directory.organisations")))
        links.append(Link(_("Certification support pipeline"), url_for("certification.pipeline")))
    if has_permission(user, Permission.VIEW_DASHBOARD):
        links.append(Link(_("Programme cockpit"), url_for("dashboards.index")))
    if has_permission(user, Permission.VIEW_SERVICE_FIGURES):
        links.append(
            Link(
                _("Figures of the bodies on service requests"), url_for("service_requests.figures")
            )
        )
    links.append(Link(_("Conventions"), url_for("conventions.index")))
    return links
