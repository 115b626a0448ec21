"""The federation's work queue, and the sections it shares with the ministry and the
administrators: membership requests, training needs to validate, support cases waiting on
the federation, members' overdue service requests, convention milestones coming due."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select

from portal.authz import (
    Permission,
    can_manage_members,
    case_role_scope,
    convention_scope,
    has_permission,
    led_ecosystem_ids,
    led_member_ids,
    membership_scope,
    need_scope,
    request_scope,
    sees_all_organisations,
)
from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    ActionItem,
    CaseStage,
    Convention,
    Diagnostic,
    Ecosystem,
    Membership,
    MembershipStatus,
    Milestone,
    NeedStatus,
    Organisation,
    ServiceRequest,
    SupportCase,
    TrainingNeed,
)
from portal.services.cache import Figures
from portal.services.conventions import RUNNING
from portal.services.service_requests import OPEN_STATUSES
from portal.services.work_queue import cases
from portal.services.work_queue.base import (
    SHOWN,
    Bounded,
    Item,
    Link,
    Section,
    bounded_count,
    bounded_counts,
    days_between,
    first_ids,
    first_rows,
    isolated,
    load_in_order,
)

# Milestones enter the federation's queue this many days before they are due.
MILESTONE_HORIZON_DAYS = 30


def scoped_ecosystem_ids(user: Any) -> list[int]:
    """The ecosystems whose work the user follows: those the user's federation leads, every
    ecosystem for those who see all organisations (the ministry, administrators). Each
    section reads its lists one ecosystem at a time, on indexes that start with the
    ecosystem (a filter ``ecosystem_id IN (...)`` could not be read in the list's order).
    Read once per request."""
    known = g.setdefault("work_queue_ecosystem_ids", {})
    if user.id not in known:
        query = select(Ecosystem.id).order_by(Ecosystem.id)
        if not sees_all_organisations(user):
            query = query.where(Ecosystem.id.in_(led_ecosystem_ids(user)))
        known[user.id] = list(db.session.execute(query).scalars())
    return known[user.id]


def _requests_where(user: Any) -> tuple:
    return (
        membership_scope(user),
        Membership.status == MembershipStatus.REQUESTED,
        Organisation.deleted_at.is_(None),
    )


# The membership requests waiting in each ecosystem (``waiting_requests``).
WAITING_REQUESTS = Figures("home-waiting-requests", depends_on=(Membership, Organisation))


def waiting_requests() -> dict[str, list]:
    """Per ecosystem (its id as text), the membership requests waiting for a decision and the
    oldest one's date (text), over the whole platform: cached until a membership or an
    organisation changes (``services.cache``), so no home counts them per request."""

    def compute() -> dict[str, list]:
        rows = db.session.execute(
            select(
                Membership.ecosystem_id,
                func.count(Membership.id),
                func.min(Membership.requested_at),
            )
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(
                Membership.status == MembershipStatus.REQUESTED,
                Organisation.deleted_at.is_(None),
            )
            .group_by(Membership.ecosystem_id)
        ).all()
        return {
            str(ecosystem_id): [waiting, _text(oldest)] for ecosystem_id, waiting, oldest in rows
        }

    return WAITING_REQUESTS.get((), compute)


def _text(value: Any) -> str | None:
    """A date and time as JSON text (``str``: read back by ``datetime.fromisoformat``, and
    ordered as the times are)."""
    return None if value is None else str(value)


def _requests_by_ecosystem(user: Any) -> list[tuple[Ecosystem, int, Any]]:
    """Each ecosystem of the user with requests waiting: the ecosystem, how many, the
    oldest's date."""
    waiting = waiting_requests()
    ids = [i for i in scoped_ecosystem_ids(user) if waiting.get(str(i), [0])[0]]
    if not ids:
        return []
    ecosystems = db.session.execute(
        select(Ecosystem).where(Ecosystem.id.in_(ids)).order_by(Ecosystem.name_fr, Ecosystem.id)
    ).scalars()
    result = []
    for ecosystem in ecosystems:
        count, oldest = waiting[str(ecosystem.id)]
        result.append((ecosystem, count, datetime.fromisoformat(oldest) if oldest else None))
    return result


def _requests_page(user: Any, ecosystem: Ecosystem) -> str:
    """Where the user decides on an ecosystem's requests, or sees them when only monitoring."""
    if can_manage_members(user, ecosystem):
        return url_for("ecosystems.requests", slug=ecosystem.slug)
    return url_for("ecosystems.members", slug=ecosystem.slug, status="requested")


def join_requests(user: Any) -> Section:
    """The oldest membership requests the user decides on, with the total per ecosystem."""
    per_ecosystem = _requests_by_ecosystem(user)
    arms = [
        select(Membership.requested_at, Membership.id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(*_requests_where(user), Membership.ecosystem_id == ecosystem.id)
        .order_by(Membership.requested_at, Membership.id)
        for ecosystem, _waiting, _oldest in per_ecosystem
    ]
    memberships = load_in_order(select(Membership), first_ids(arms))
    items = [
        Item(
            title=localized(m.organisation, "name"),
            href=_requests_page(user, m.ecosystem),
            context=f"{m.organisation.kind.label} · {localized(m.ecosystem, 'name')}",
            step=_("Accept or reject the request"),
            when=m.requested_at,
            when_kind="asked",
        )
        for m in memberships
    ]
    return Section(
        key="join_requests",
        title=_("Requests to join an ecosystem"),
        total=sum(waiting for _eco, waiting, _oldest in per_ecosystem),
        items=items,
        empty=_("No organisation is waiting for your answer to join an ecosystem."),
        more=[
            Link(
                _("Requests to join: %(ecosystem)s", ecosystem=localized(ecosystem, "name")),
                _requests_page(user, ecosystem),
                waiting,
            )
            for ecosystem, waiting, _oldest in per_ecosystem
        ],
    )


def join_requests_overview(user: Any) -> Section:
    """Per ecosystem, how many requests wait and since when (the ministry's overview)."""
    per_ecosystem = _requests_by_ecosystem(user)
    items = [
        Item(
            title=localized(ecosystem, "name"),
            href=_requests_page(user, ecosystem),
            figure=ngettext("%(num)d request waiting", "%(num)d requests waiting", waiting),
            when=oldest,
            when_kind="oldest",
        )
        for ecosystem, waiting, oldest in per_ecosystem[:SHOWN]
    ]
    return Section(
        key="join_requests",
        title=_("Requests to join the ecosystems"),
        total=sum(waiting for _eco, waiting, _oldest in per_ecosystem),
        items=items,
        empty=_("No organisation is waiting to join an ecosystem."),
        listed=len(per_ecosystem),
        note=_("The federation that leads each ecosystem decides on its requests."),
    )


def needs_to_validate(user: Any) -> Section:
    """Submitted training needs of the federation's ecosystems, oldest first."""
    per_ecosystem = {
        ecosystem_id: (
            need_scope(user),
            TrainingNeed.ecosystem_id == ecosystem_id,
            TrainingNeed.status == NeedStatus.SUBMITTED,
        )
        for ecosystem_id in scoped_ecosystem_ids(user)
    }
    counts = bounded_counts(
        {key: select(TrainingNeed.id).where(*where) for key, where in per_ecosystem.items()}
    )
    total = sum(counts.values(), Bounded(0))
    ids = first_ids(
        [
            select(TrainingNeed.created_at, TrainingNeed.id)
            .where(*where)
            .order_by(TrainingNeed.created_at, TrainingNeed.id)
            for where in per_ecosystem.values()
        ]
    )
    needs = load_in_order(select(TrainingNeed), ids)
    submitted = NeedStatus.SUBMITTED.value
    items = [
        Item(
            title=localized(need.topic, "name"),
            href=url_for("training.needs", status=submitted, ecosystem=need.ecosystem_id),
            context=ngettext(
                "%(company)s · %(num)d person · %(quarter)s",
                "%(company)s · %(num)d people · %(quarter)s",
                need.people,
                company=localized(need.organisation, "name"),
                quarter=isolated(need.quarter),
            ),
            step=_("Validate, merge or decline the need"),
            badge=need.priority.label,
            tone="warning" if need.priority.value == "high" else "secondary",
            when=need.created_at,
            when_kind="declared",
        )
        for need in needs
    ]
    return Section(
        key="needs_to_validate",
        title=_("Training needs to validate"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_("No training need is waiting for validation."),
        more=[Link(_("All the needs to validate"), url_for("training.needs", status=submitted))],
    )


# Per ecosystem, the open cases waiting for the federation's move (``_cases_waiting_in``).
CASES_WAITING = Figures("home-cases-waiting", depends_on=(SupportCase, Diagnostic, ActionItem))


def _cases_waiting_in(ecosystem_id: int) -> dict[str, Any]:
    """The cases of an ecosystem waiting for the federation's move: per stage how many (up to
    the bound) and the first ones (last change, id), the longest waiting first. Cached until a
    case, a diagnostic or an action item changes: whose move it is depends on the cases'
    diagnostics and action plans, so the stages where the company works are read case by
    case (each case's rows through their index) until enough wait for the federation — when
    few do, every case at the stage is read, which no request should wait for."""

    def compute() -> dict[str, Any]:
        per_stage = {
            stage: (
                SupportCase.ecosystem_id == ecosystem_id,
                SupportCase.stage == stage,
                cases.federation_turn_at(stage),
            )
            for stage in cases.OPEN_STAGES
        }
        counted = bounded_counts(
            {stage: select(SupportCase.id).where(*where) for stage, where in per_stage.items()}
        )
        first = first_rows(
            [
                select(SupportCase.updated_at, SupportCase.id)
                .where(*where)
                .order_by(SupportCase.updated_at, SupportCase.id)
                for stage, where in per_stage.items()
                if counted[stage].count
            ]
        )
        return {
            "counts": {
                stage.value: [count.count, count.capped]
                for stage, count in counted.items()
                if count.count
            },
            "first": [[_text(updated_at), case_id] for updated_at, case_id in first],
        }

    return CASES_WAITING.get((ecosystem_id,), compute)


def cases_waiting(user: Any) -> Section:
    """Open support cases whose next move is the federation's, the longest waiting first
    (per ecosystem the user follows, from the cache: ``_cases_waiting_in``)."""
    by_stage: dict[Any, Bounded] = {}
    first: list[tuple[str, int]] = []
    for ecosystem_id in scoped_ecosystem_ids(user):
        waiting = _cases_waiting_in(ecosystem_id)
        for stage, (count, capped) in waiting["counts"].items():
            stage = CaseStage(stage)
            by_stage[stage] = by_stage.get(stage, Bounded(0)) + Bounded(count, capped)
        first.extend((updated_at, case_id) for updated_at, case_id in waiting["first"])
    total = sum(by_stage.values(), Bounded(0))
    ids = [case_id for _updated_at, case_id in sorted(first)[:SHOWN]]
    # The rows themselves are read in the user's scope.
    items = []
    for case in load_in_order(select(SupportCase).where(case_role_scope(user)), ids):
        step, href = cases.federation_step(case)
        items.append(
            Item(
                title=localized(case.organisation, "name"),
                href=href,
                context=f"{case.standard.reference} · {case.stage.label}",
                step=step,
                when=case.updated_at,
                when_kind="updated",
            )
        )
    return Section(
        key="cases_waiting",
        title=_("Support cases waiting for you"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_("No support case is waiting for a move of yours."),
        more=[
            Link(
                _("Cases at the stage: %(stage)s", stage=stage.label),
                url_for("certification.cases", stage=stage.value),
                by_stage[stage].count,
                by_stage[stage].capped,
            )
            for stage in cases.OPEN_STAGES
            if stage in by_stage
        ],
    )


def _members_requests_scope(user: Any):
    """``authz.request_scope`` for this section: all requests for those who see every
    organisation; for federation staff, those of its members (``authz.led_member_ids``) as a
    correlated EXISTS — the same rows as ``organisation_id IN (led_member_ids)``, but read
    through the index of the requests' deadline without building the list of every member
    first (SQLite evaluates an IN subquery in full)."""
    if sees_all_organisations(user):
        return request_scope(user)
    return (
        led_member_ids(user)
        .where(Membership.organisation_id == ServiceRequest.organisation_id)
        .exists()
    )


def members_overdue_requests(user: Any, today: date) -> Section:
    """Service requests of the federation's members that a body has left unanswered too long
    (read per open status, on the index of the status and the deadline)."""
    per_status = {
        status: (
            _members_requests_scope(user),
            ServiceRequest.status == status,
            ServiceRequest.respond_by < today,
        )
        for status in OPEN_STATUSES
    }
    counted = bounded_counts(
        {key: select(ServiceRequest.id).where(*where) for key, where in per_status.items()}
    )
    total = sum(counted.values(), Bounded(0))
    ids = first_ids(
        [
            select(ServiceRequest.respond_by, ServiceRequest.id)
            .where(*where)
            .order_by(ServiceRequest.respond_by, ServiceRequest.id)
            for key, where in per_status.items()
            if counted[key].count
        ]
    )
    found = load_in_order(select(ServiceRequest), ids)
    items = [
        Item(
            title=request.subject,
            href=url_for("service_requests.show", request_id=request.id),
            # i18n: a service request from a company to a laboratory or body
            context=_(
                "%(company)s to %(body)s",
                company=localized(request.organisation, "name"),
                body=request.body.acronym or localized(request.body, "name"),
            ),
            badge=request.status.label,
            when=request.respond_by,
            when_kind="answer_due",
            days=days_between(today, request.respond_by),
        )
        for request in found
    ]
    return Section(
        key="overdue_requests",
        title=_("Your members' requests left unanswered"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_("No request of your members is past its answer deadline."),
        more=[
            Link(
                _("All the overdue requests"),
                url_for("service_requests.index", status="overdue"),
            )
        ],
    )


def _milestones_where(user: Any, until: date) -> tuple:
    return (
        convention_scope(user),
        Convention.status.in_(RUNNING),
        Milestone.completed_on.is_(None),
        Milestone.due_date <= until,
    )


def milestones_due(user: Any, today: date, *, late_only: bool = False) -> Section:
    """Open milestones of the running conventions the user follows: late ones, and (unless
    ``late_only``) those due within the next 30 days; the earliest first."""
    until = today - timedelta(days=1) if late_only else today + timedelta(MILESTONE_HORIZON_DAYS)
    where = _milestones_where(user, until)
    total = bounded_count(
        select(Milestone.id)
        .join(Convention, Convention.id == Milestone.convention_id)
        .where(*where)
    )
    rows = db.session.execute(
        select(Milestone, Convention.reference)
        .join(Convention, Convention.id == Milestone.convention_id)
        .where(*where)
        .order_by(Milestone.due_date, Milestone.id)
        .limit(SHOWN)
    ).all()
    items = []
    for milestone, reference in rows:
        days = days_between(today, milestone.due_date)
        items.append(
            Item(
                title=localized(milestone, "title"),
                href=url_for(
                    "conventions.show", convention_id=milestone.convention_id, _anchor="milestones"
                ),
                context=reference,
                badge=_("Late") if days < 0 else "",
                tone="danger" if days < 0 else "warning",
                when=milestone.due_date,
                when_kind="due",
                days=days,
            )
        )
    if late_only:
        title = _("Late convention milestones")
        empty = _("No milestone of a running convention is late.")
    else:
        title = _("Convention milestones due within 30 days, and late ones")
        empty = _("No milestone of your conventions is late or due within 30 days.")
    return Section(
        key="milestones",
        title=title,
        total=total.count,
        capped=total.capped,
        items=items,
        empty=empty,
        more=[Link(_("All the conventions"), url_for("conventions.index"))],
    )


def federation_sections(user: Any, today: date) -> list[Section]:
    """The federation's queue, each section shown when its permission is held."""
    sections = []
    if has_permission(user, Permission.MANAGE_MEMBERS):
        sections.append(join_requests(user))
    if has_permission(user, Permission.VALIDATE_TRAINING_NEEDS):
        sections.append(needs_to_validate(user))
    if has_permission(user, Permission.MANAGE_SUPPORT_CASES):
        sections.append(cases_waiting(user))
    if has_permission(user, Permission.MANAGE_MEMBERS):
        sections.append(members_overdue_requests(user, today))
    if has_permission(user, Permission.RECORD_CONVENTION_PROGRESS):
        sections.append(milestones_due(user, today))
    return sections


def federation_shortcuts(user: Any) -> list[Link]:
    """The federation's jobs: per led ecosystem its members and import; then needs, demand,
    topics, the support pipeline and conventions."""
    links: list[Link] = []
    if has_permission(user, Permission.VIEW_DASHBOARD):
        links.append(Link(_("Dashboard of your ecosystems"), url_for("dashboards.index")))
    if has_permission(user, Permission.MANAGE_MEMBERS):
        for ecosystem in db.session.execute(
            select(Ecosystem)
            .where(Ecosystem.id.in_(led_ecosystem_ids(user)))
            .order_by(Ecosystem.name_fr, Ecosystem.id)
        ).scalars():
            name = localized(ecosystem, "name")
            links.append(
                Link(
                    _("Member list: %(ecosystem)s", ecosystem=name),
                    url_for("ecosystems.members", slug=ecosystem.slug),
                )
            )
            links.append(
                Link(
                    _("Import members: %(ecosystem)s", ecosystem=name),
                    url_for("ecosystems.import_members", slug=ecosystem.slug),
                )
            )
    if has_permission(user, Permission.VALIDATE_TRAINING_NEEDS):
        links.append(Link(_("Training needs"), url_for("training.needs")))
    if has_permission(user, Permission.VIEW_TRAINING_DEMAND):
        links.append(Link(_("Training demand"), url_for("training.demand")))
    if has_permission(user, Permission.VIEW_SERVICE_DEMAND):
        links.append(Link(_("Demand for services"), url_for("service_requests.demand")))
    if has_permission(user, Permission.PLAN_TRAINING_SESSIONS):
        links.append(Link(_("Training sessions"), url_for("training.sessions")))
        links.append(Link(_("Training topic catalogue"), url_for("training.topics")))
    if has_permission(user, Permission.MANAGE_SUPPORT_CASES):
        links.append(Link(_("Certification support pipeline"), url_for("certification.pipeline")))
    if has_permission(user, Permission.VIEW_SERVICE_FIGURES):
        links.append(
            Link(
                _("Figures of the bodies on service requests"), url_for("service_requests.figures")
            )
        )
    links.append(Link(_("Conventions"), url_for("conventions.index")))
    return links
