"""Complaints and suggestions on a 15-day clock (issue 12, item 1): filing one (signed in, or
through the public contact form), the handling organisation's assign / answer / close, the
requester's reopening and rating, the lists, and the answer-time figures.

Who sees, handles and is told is ``authz.complaints``; the escalation level is derived from
the complaint's dates (``authz.complaints.escalation_level``), never stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import IO, Any

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Select, and_, case, func, select, union

from portal.authz import has_permission
from portal.authz.certification import case_or_404
from portal.authz.complaints import (
    ANSWERING_KINDS,
    Level,
    assignable_users,
    complaint_scope,
    complaint_scope_terms,
    escalation_level,
    escalation_recipients,
    handler_recipients,
    has_federation_level,
    ministry_date,
    scoped_complaints,
)
from portal.authz.core import Permission
from portal.authz.organisations import get_organisation_or_404
from portal.authz.service_requests import request_or_404
from portal.authz.training import session_or_404
from portal.bounds import INT_MAX
from portal.extensions import db
from portal.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintKind,
    ComplaintMessage,
    ComplaintStatus,
    ComplaintTarget,
    Ecosystem,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    ServiceRequest,
    SupportCase,
    TrainingSession,
    User,
)
from portal.services import notifications
from portal.services.attachments import read_uploads
from portal.services.cache import Figures
from portal.services.editing import StaleEdit, apply_edit
from portal.services.file_store import COMPLAINT_ATTACHMENTS
from portal.services.mail import send_mail
from portal.services.paging import COUNT_LIMIT, BoundedPagination, count_up_to, paginate

RATINGS = (1, 2, 3, 4, 5)


class ComplaintError(ValueError):
    """Something the rules refuse; the message is translated and says why."""


def response_days() -> int:
    return current_app.config["COMPLAINT_RESPONSE_DAYS"]


# --- what a complaint concerns -------------------------------------------------------------------


@dataclass(frozen=True)
class Concerned:
    """What a complaint is about: the organisation that answers it (None: the portal's
    administrators), the ecosystem it escalates through, and its name in each language."""

    target: ComplaintTarget
    target_id: int | None
    handler: Organisation | None
    ecosystem: Ecosystem | None
    names: dict[str, str]
    href: str | None = None


def _names(fr: str, ar: str) -> dict[str, str]:
    return {"fr": fr or ar, "ar": ar or fr}


def _organisation_names(organisation: Organisation | None) -> dict[str, str]:
    if organisation is None:
        return _portal_names()
    return notifications.bilingual(organisation)


def _portal_names() -> dict[str, str]:
    return notifications.in_both_languages(_l("The portal itself"))


def _member_ecosystem(organisation_id: int) -> Ecosystem | None:
    """The ecosystem a company belongs to (the oldest active membership), for escalation."""
    return db.session.execute(
        select(Ecosystem)
        .join(Membership, Membership.ecosystem_id == Ecosystem.id)
        .where(
            Membership.organisation_id == organisation_id,
            Membership.status == MembershipStatus.ACTIVE,
        )
        .order_by(Membership.id)
        .limit(1)
    ).scalar()


def _federation_ecosystem(organisation: Organisation) -> Ecosystem | None:
    return db.session.execute(
        select(Ecosystem)
        .where(Ecosystem.lead_federation_id == organisation.id)
        .order_by(Ecosystem.id)
        .limit(1)
    ).scalar()


def concerned(user: Any, target: ComplaintTarget, target_id: int | None) -> Concerned:
    """What the user complains about, loaded through the user's scopes (an object the user
    may not see answers 404, as on its own page; ``user`` None: a complaint's own record,
    loaded as it is); raises ``ComplaintError`` for an organisation that answers to no one
    here (a company) or an object that is gone."""
    if target == ComplaintTarget.PORTAL:
        return Concerned(target, None, None, None, _portal_names())
    if target_id is None:
        raise ComplaintError(_("Choose what your message is about."))
    if target == ComplaintTarget.ECOSYSTEM:
        ecosystem = db.session.get(Ecosystem, target_id)
        if ecosystem is None:
            raise ComplaintError(_("Choose what your message is about."))
        return Concerned(
            target,
            ecosystem.id,
            ecosystem.lead_federation,
            ecosystem,
            notifications.bilingual(ecosystem),
            url_for("ecosystems.show", slug=ecosystem.slug),
        )
    if target == ComplaintTarget.ORGANISATION:
        organisation = _load(user, Organisation, get_organisation_or_404, target_id)
        if organisation.kind not in ANSWERING_KINDS:
            raise ComplaintError(
                _(
                    "A complaint concerns a federation, an institute, a quality infrastructure "
                    "body or the ministry, not a company."
                )
            )
        ecosystem = (
            _federation_ecosystem(organisation)
            if organisation.kind == OrganisationKind.FEDERATION
            else None
        )
        return Concerned(
            target,
            organisation.id,
            organisation,
            ecosystem,
            notifications.bilingual(organisation),
            url_for("organisations.show", organisation_id=organisation.id),
        )
    if target == ComplaintTarget.SUPPORT_CASE:
        support_case = _load(user, SupportCase, case_or_404, target_id)
        ecosystem = db.session.get(Ecosystem, support_case.ecosystem_id)
        return Concerned(
            target,
            support_case.id,
            ecosystem.lead_federation,
            ecosystem,
            _names(
                f"{support_case.standard.reference} · {support_case.organisation.name_fr}",
                f"{support_case.standard.reference} · {support_case.organisation.name_ar}",
            ),
            url_for("certification.case", case_id=support_case.id),
        )
    if target == ComplaintTarget.TRAINING_SESSION:
        session = _load(user, TrainingSession, session_or_404, target_id)
        topic = session.topic
        return Concerned(
            target,
            session.id,
            session.institute,
            db.session.get(Ecosystem, session.ecosystem_id),
            {
                language: f"{name} · {day}"
                for (language, name), day in zip(
                    notifications.bilingual(topic).items(),
                    notifications.bilingual_day(session.starts_on).values(),
                    strict=True,
                )
            },
            url_for("training.session", session_id=session.id),
        )
    if target == ComplaintTarget.SERVICE_REQUEST:
        request = _load(user, ServiceRequest, request_or_404, target_id)
        return Concerned(
            target,
            request.id,
            request.body,
            _member_ecosystem(request.organisation_id),
            _names(request.subject, request.subject),
            url_for("service_requests.show", request_id=request.id),
        )
    raise ComplaintError(_("Choose what your message is about."))


def _load(user: Any, model: type, scoped: Any, target_id: int) -> Any:
    if user is not None:
        return scoped(user, target_id)
    found = db.session.get(model, target_id)
    if found is None:
        raise ComplaintError(_("Choose what your message is about."))
    return found


def concerned_of(complaint: Complaint) -> Concerned | None:
    """What a complaint concerns, named as when it was filed (None: the object is gone)."""
    try:
        return concerned(None, complaint.target, complaint.target_id)
    except ComplaintError:
        return None


# --- filing --------------------------------------------------------------------------------------


def _dates(today: date, concerned_ecosystem: Ecosystem | None, handler_id: int | None):
    due = today + timedelta(days=response_days())
    lead = concerned_ecosystem.lead_federation_id if concerned_ecosystem else None
    ministry = ministry_date(
        due,
        has_federation_level(handler_id, lead),
        current_app.config["COMPLAINT_ESCALATION_DAYS"],
    )
    return due, ministry


def file_complaint(
    about: Concerned,
    *,
    kind: ComplaintKind,
    category: ComplaintCategory,
    subject: str,
    text: str,
    today: date,
    language: str,
    requester: User | None = None,
    contact_name: str = "",
    contact_email: str = "",
    files: Sequence[tuple[str, IO[bytes]]] = (),
) -> Complaint:
    """A complaint or suggestion (flushed only), its reference and attachments; the requester
    is acknowledged at once and the organisation concerned told. Nothing is written unless
    every file passes."""
    checked = read_uploads(files)
    handler_id = about.handler.id if about.handler is not None else None
    due, ministry = _dates(today, about.ecosystem, handler_id)
    complaint = Complaint(
        kind=kind,
        category=category,
        subject=subject.strip(),
        text=text.strip(),
        target=about.target,
        target_id=about.target_id,
        handler_id=handler_id,
        ecosystem_id=about.ecosystem.id if about.ecosystem is not None else None,
        requester_id=requester.id if requester is not None else None,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
        language=language,
        status=ComplaintStatus.RECEIVED,
        filed_on=today,
        due_on=due,
        ministry_on=ministry,
    )
    db.session.add(complaint)
    db.session.flush()
    complaint.reference = f"R-{today.year}-{complaint.id:06d}"
    for name, data in checked:
        db.session.add(
            ComplaintAttachment(
                complaint_id=complaint.id,
                original_filename=name,
                stored_name=COMPLAINT_ATTACHMENTS.save(data),
                size_bytes=len(data),
                uploaded_by_id=requester.id if requester is not None else None,
            )
        )
    db.session.flush()
    params = _params(complaint, about.names)
    _tell_requester(complaint, "complaint_acknowledged", params)
    _tell(_users(handler_recipients(complaint)), "complaint_received", params, complaint)
    return complaint


# --- handling ------------------------------------------------------------------------------------


ASSIGNABLE_SHOWN = 200


def assignable(user: Any, complaint: Complaint) -> list[User]:
    """The colleagues the user may give the complaint to, by name (bounded)."""
    return list(
        db.session.execute(assignable_users(user, complaint).limit(ASSIGNABLE_SHOWN)).scalars()
    )


def _check(complaint: Complaint, version: Any) -> None:
    if str(version) != str(complaint.version):  # the complaint may have moved on
        raise StaleEdit()


def assign(
    complaint: Complaint, assignee_id: int | None, *, version: Any, actor: User, today: date
) -> User:
    """Give an open complaint to one of the actor's colleagues (it is then being handled)."""
    _check(complaint, version)
    if not complaint.is_open:
        raise ComplaintError(_("This complaint is already answered."))
    assignee = db.session.execute(
        assignable_users(actor, complaint).where(User.id == (assignee_id or 0))
    ).scalar()
    if assignee is None:
        raise ComplaintError(_("Choose a colleague to handle it."))
    apply_edit(
        complaint,
        version,
        {"assignee_id": assignee.id, "status": ComplaintStatus.IN_PROGRESS},
    )
    if assignee.id != actor.id:
        _tell([assignee], "complaint_assigned", _params(complaint), complaint)
    return assignee


def answer(complaint: Complaint, text: str, *, version: Any, actor: User, today: date) -> None:
    """Answer an open complaint: the requester receives the answer (its first answer dates
    the figures)."""
    text = (text or "").strip()
    _check(complaint, version)
    if not complaint.is_open:
        raise ComplaintError(_("This complaint is already answered."))
    if not text:
        raise ComplaintError(_("Write the answer."))
    changes: dict[str, Any] = {"status": ComplaintStatus.ANSWERED, "answered_on": today}
    if complaint.answer_days is None:
        changes["answer_days"] = (today - complaint.filed_on).days
    if complaint.assignee_id is None:
        changes["assignee_id"] = actor.id
    apply_edit(complaint, version, changes)
    db.session.add(
        ComplaintMessage(
            complaint_id=complaint.id,
            author_id=actor.id,
            kind="answer",
            text=text,
            written_on=today,
        )
    )
    db.session.flush()
    _tell_requester(complaint, "complaint_answered", _params(complaint), detail=text)


def close(complaint: Complaint, *, version: Any, today: date) -> None:
    """Close an answered complaint."""
    _check(complaint, version)
    if complaint.status != ComplaintStatus.ANSWERED:
        raise ComplaintError(_("Only an answered complaint can be closed."))
    apply_edit(complaint, version, {"status": ComplaintStatus.CLOSED, "closed_on": today})
    _tell_requester(complaint, "complaint_closed", _params(complaint))


def reopen(
    complaint: Complaint, reason: str, *, version: Any, actor: User | None, today: date
) -> None:
    """The requester reopens an answered or closed complaint (within 30 days of the answer,
    ``authz.complaints.can_reopen``): its clock starts again."""
    reason = (reason or "").strip()
    _check(complaint, version)
    if not reason:
        raise ComplaintError(_("Say why the answer does not settle it."))
    due, ministry = _dates(today, complaint.ecosystem, complaint.handler_id)
    status = ComplaintStatus.IN_PROGRESS if complaint.assignee_id else ComplaintStatus.RECEIVED
    apply_edit(
        complaint,
        version,
        {
            "status": status,
            "due_on": due,
            "ministry_on": ministry,
            "closed_on": None,
            "reopened": complaint.reopened + 1,
        },
    )
    db.session.add(
        ComplaintMessage(
            complaint_id=complaint.id,
            author_id=actor.id if actor is not None else None,
            kind="reopening",
            text=reason,
            written_on=today,
        )
    )
    db.session.flush()
    if complaint.assignee is not None:
        recipients = [complaint.assignee]
    else:
        recipients = _users(handler_recipients(complaint))
    _tell(recipients, "complaint_reopened", _params(complaint), complaint)


def rate(complaint: Complaint, rating: int, *, version: Any) -> None:
    """The requester's rating of the answer, 1 to 5."""
    _check(complaint, version)
    if rating not in RATINGS:
        raise ComplaintError(_("Choose a rating from 1 to 5."))
    apply_edit(complaint, version, {"rating": rating})


# --- reading -------------------------------------------------------------------------------------


def messages_of(complaint: Complaint) -> list[ComplaintMessage]:
    """The complaint's answers and reopenings, oldest first."""
    return list(
        db.session.execute(
            select(ComplaintMessage)
            .where(ComplaintMessage.complaint_id == complaint.id)
            .order_by(ComplaintMessage.id)
        ).scalars()
    )


def attachments_of(complaint: Complaint) -> list[ComplaintAttachment]:
    return list(
        db.session.execute(
            select(ComplaintAttachment)
            .where(ComplaintAttachment.complaint_id == complaint.id)
            .order_by(ComplaintAttachment.id)
        ).scalars()
    )


@dataclass(frozen=True)
class Clock:
    """Where a complaint stands against its answer date: open or not, overdue or not, the
    days left (or late), and who is answerable for it now."""

    open: bool
    overdue: bool
    days: int
    level: Level


def clock_of(complaint: Complaint, today: date) -> Clock:
    overdue = complaint.is_overdue(today)
    days = (today - complaint.due_on).days if overdue else (complaint.due_on - today).days
    return Clock(complaint.is_open, overdue, max(days, 0), escalation_level(complaint, today))


def overdue_clause(today: date):
    """SQL: still open and past its answer date."""
    return and_(Complaint.is_closed.is_(False), Complaint.due_on < today)


def ministry_clause(today: date):
    """SQL: still open and past the day it reaches the ministry."""
    return and_(Complaint.is_closed.is_(False), Complaint.ministry_on < today)


@dataclass
class Filters:
    """The list's filters, read from the query string; unknown values are ignored."""

    status: str = ""
    kind: str = ""

    STATUSES = ("open", "overdue", "ministry", "answered", "closed")

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        status = args.get("status", "")
        kind = args.get("kind", "")
        return cls(
            status=status if status in cls.STATUSES else "",
            kind=kind if kind in {k.value for k in ComplaintKind} else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.status or self.kind)


def _filter_clauses(filters: Filters, today: date) -> list[Any]:
    clauses: list[Any] = []
    if filters.status == "open":
        clauses.append(Complaint.is_closed.is_(False))
    elif filters.status == "overdue":
        clauses.append(overdue_clause(today))
    elif filters.status == "ministry":
        clauses.append(ministry_clause(today))
    elif filters.status:
        clauses.append(Complaint.status == ComplaintStatus(filters.status))
    if filters.kind:
        clauses.append(Complaint.kind == ComplaintKind(filters.kind))
    return clauses


# Those who answer complaints see the open ones first by nearest answer date (the ministry's
# list, by the day they reached it); requesters see their newest first.
HANDLING_ORDER = (Complaint.is_closed, Complaint.due_on, Complaint.id)
MINISTRY_ORDER = (Complaint.is_closed, Complaint.ministry_on, Complaint.id)
REQUESTER_ORDER = (Complaint.filed_on.desc(), Complaint.id.desc())


def _order(user: Any, filters: Filters) -> tuple:
    if filters.status == "ministry":
        return MINISTRY_ORDER
    if has_permission(user, Permission.HANDLE_COMPLAINTS):
        return HANDLING_ORDER
    return REQUESTER_ORDER


def list_query(user: Any, filters: Filters, today: date) -> Select:
    """The complaints the user may see, filtered; those who answer them see the open ones
    first by nearest answer date, requesters their newest first."""
    return (
        scoped_complaints(user)
        .where(*_filter_clauses(filters, today))
        .order_by(*_order(user, filters))
    )


def list_page(user: Any, filters: Filters, today: date, *, page: int, per_page: int) -> Pagination:
    """One page of ``list_query``. A scope of several terms (a handler's own messages, their
    organisation's, their federation's ecosystems') is read one term at a time
    (``_scope_arms``): a single statement with their OR walks the deadline index of every
    complaint and keeps the user's, a read that grows with the whole table."""
    where = _filter_clauses(filters, today)
    order = _order(user, filters)
    arms = _scope_arms(user, where) if order is HANDLING_ORDER else None
    if arms is None:
        return paginate(list_query(user, filters, today), page=page, per_page=per_page)
    page = max(1, min(page, INT_MAX, -(-COUNT_LIMIT // per_page)))
    pagination = _ArmsPage(
        page=page, per_page=per_page, max_per_page=None, error_out=False, arms=arms
    )
    if page > 1 and not pagination.items and pagination.total:
        pagination = _ArmsPage(
            page=pagination.pages, per_page=per_page, max_per_page=None, error_out=False, arms=arms
        )
    return pagination


# How many complaints each user sees overdue, per day: kept until a complaint changes (or the
# ecosystems a federation leads, or the user's organisation); counting them through each term
# of the scope cost the list about a millisecond a visit (issue 11).
OVERDUE = Figures("overdue-complaints", depends_on=(Complaint, Ecosystem, User))


def overdue_count(user: Any, today: date) -> int:
    """How many of the complaints the user may see are overdue, counted up to 10,000 (10,001:
    more), one term of the scope at a time (``_scope_arms``); kept (``OVERDUE``)."""
    return OVERDUE.get((user.id, today.toordinal()), lambda: _overdue_count(user, today))


def _overdue_count(user: Any, today: date) -> int:
    arms = _scope_arms(user, [overdue_clause(today)])
    if arms is None:
        return count_up_to(
            select(Complaint.id).where(complaint_scope(user), overdue_clause(today)), 10_000
        )
    return min(_count_arms(arms, 10_000), 10_001)


def _scope_arms(user: Any, where: list[Any]) -> list[list[Any]] | None:
    """The WHERE clauses of each term of the user's scope (``complaint_scope_terms``) with
    ``where``, or None when the scope is one term. Each term is then read on its own index in
    the list's order (the organisation's on ``ix_complaints_handler_open``, the ecosystems' on
    ``ix_complaints_ecosystem_open``); the user's own messages are first looked up on
    ``ix_complaints_requester`` (a person's messages are few: up to ``COUNT_LIMIT`` + 1, the
    newest), then by id, so that no plan walks the whole table to find a handful."""
    terms = complaint_scope_terms(user)
    if terms is None or len(terms) < 2:
        return None
    arms = []
    for name, term in terms.items():
        if name == "own":
            ids = (
                db.session.execute(
                    select(Complaint.id)
                    .where(term)
                    .order_by(*REQUESTER_ORDER)
                    .limit(COUNT_LIMIT + 1)
                )
                .scalars()
                .all()
            )
            if not ids:
                continue
            term = Complaint.id.in_(ids)
        arms.append([term, *where])
    return arms


def _count_arms(arms: list[list[Any]], limit: int) -> int:
    """The distinct complaints of the arms, each read up to ``limit`` + 1 rows (a result above
    ``limit``: more than ``limit``)."""
    parts = [
        select(Complaint.id).where(*arm).order_by(None).limit(limit + 1).subquery() for arm in arms
    ]
    ids = union(*[select(part.c.id) for part in parts])
    return db.session.execute(select(func.count()).select_from(ids.subquery())).scalar_one()


class _ArmsPage(BoundedPagination):
    """A page of a list read one scope term at a time: each arm's first rows up to the end of
    the page in ``HANDLING_ORDER`` (each arm on its index), united (a complaint may be in
    several arms) and ordered in one statement, then the page's complaints by id."""

    def _query_items(self) -> list[Complaint]:
        wanted = self._query_offset + self.per_page
        parts = [
            select(*HANDLING_ORDER).where(*arm).order_by(*HANDLING_ORDER).limit(wanted).subquery()
            for arm in self._query_args["arms"]
        ]
        merged = union(*[select(part) for part in parts]).subquery()
        ids = list(
            db.session.execute(
                select(merged.c.id)
                .order_by(merged.c.is_closed, merged.c.due_on, merged.c.id)
                .limit(self.per_page)
                .offset(self._query_offset)
            ).scalars()
        )
        if not ids:
            return []
        found = {
            complaint.id: complaint
            for complaint in db.session.execute(
                select(Complaint).where(Complaint.id.in_(ids))
            ).scalars()
        }
        return [found[i] for i in ids if i in found]

    def _query_count(self) -> int:
        counted = _count_arms(self._query_args["arms"], COUNT_LIMIT)
        self.more = counted > COUNT_LIMIT
        return min(counted, COUNT_LIMIT)


# --- answer-time figures -------------------------------------------------------------------------

# The figures cover the complaints filed in the last year.
FIGURES_DAYS = 365


@dataclass(frozen=True)
class AnswerTimes:
    """The answer times of the complaints filed in the period: how many were answered, the
    median days to the first answer, and the share answered within the deadline (those
    still unanswered past it count as late)."""

    filed: int
    answered: int
    median_days: float | None
    within: int
    late_unanswered: int
    deadline_days: int

    @property
    def judged(self) -> int:
        return self.answered + self.late_unanswered

    @property
    def within_share(self) -> int | None:
        """Per cent answered within the deadline, of those answered or already late."""
        return round(100 * self.within / self.judged) if self.judged else None


def _median(histogram: dict[int, int]) -> float | None:
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram.items())
    wanted = [(total - 1) // 2, total // 2]
    values = []
    for position in wanted:
        seen = 0
        for days, count in ordered:
            seen += count
            if position < seen:
                values.append(days)
                break
    return sum(values) / 2


# Kept until a complaint changes (services/cache): the public ecosystem page and the lists
# read them on every visit.
ANSWER_TIMES = Figures("complaint-answer-times", depends_on=(Complaint,))


def answer_times(column: Any, ids: Iterable[int], today: date) -> dict[int, AnswerTimes]:
    """``compute_answer_times``, from the cache while no complaint changed."""
    ids = list(ids)
    kept = ANSWER_TIMES.get(
        (column.key, today.toordinal(), *ids),
        lambda: {
            str(key): asdict(value)
            for key, value in compute_answer_times(column, ids, today).items()
        },
    )
    return {int(key): AnswerTimes(**value) for key, value in kept.items()}


def compute_answer_times(column: Any, ids: Iterable[int], today: date) -> dict[int, AnswerTimes]:
    """The answer times per organisation (``Complaint.handler_id``) or per ecosystem
    (``Complaint.ecosystem_id``) of ``ids``: one GROUP BY over the index of that column and
    the filing date, whose result has a row per number of days, not per complaint."""
    ids = list(ids)
    if not ids:
        return {}
    deadline = response_days()
    since = today - timedelta(days=FIGURES_DAYS)
    late = case(
        (
            and_(Complaint.answer_days.is_(None), Complaint.filed_on < today - timedelta(deadline)),
            1,
        ),
        else_=0,
    )
    rows = db.session.execute(
        select(column, Complaint.answer_days, late, func.count())
        .where(column.in_(ids), Complaint.filed_on > since)
        .group_by(column, Complaint.answer_days, late)
    ).all()
    found: dict[int, dict[str, Any]] = {}
    for key, days, is_late, count in rows:
        entry = found.setdefault(key, {"filed": 0, "late": 0, "histogram": {}})
        entry["filed"] += count
        if days is not None:
            entry["histogram"][days] = entry["histogram"].get(days, 0) + count
        elif is_late:
            entry["late"] += count
    figures = {}
    for key in ids:
        entry = found.get(key, {"filed": 0, "late": 0, "histogram": {}})
        histogram = entry["histogram"]
        figures[key] = AnswerTimes(
            filed=entry["filed"],
            answered=sum(histogram.values()),
            median_days=_median(histogram),
            within=sum(count for days, count in histogram.items() if days <= deadline),
            late_unanswered=entry["late"],
            deadline_days=deadline,
        )
    return figures


# --- notifications -------------------------------------------------------------------------------


def _params(complaint: Complaint, about: dict[str, str] | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {
        "reference": complaint.reference,
        "subject": complaint.subject,
        "organisation": _organisation_names(complaint.handler),
        "date": notifications.bilingual_day(complaint.due_on),
    }
    if about is not None:
        params["about"] = about
    return params


def _users(statement: Select) -> list[User]:
    return list(db.session.execute(statement).scalars())


def _link(complaint: Complaint) -> str:
    return url_for("complaints.show", complaint_id=complaint.id)


def _tell(users: list[User], kind: str, params: dict[str, Any], complaint: Complaint) -> None:
    notifications.notify(users, kind, params, _link(complaint))


def _tell_requester(
    complaint: Complaint, kind: str, params: dict[str, Any], *, detail: str = ""
) -> None:
    """The requester is told in the portal and by e-mail; someone who wrote through the
    public contact form, by e-mail only, in the language of the form."""
    if complaint.requester is not None:
        notifications.notify([complaint.requester], kind, params, _link(complaint), detail=detail)
        return
    if not complaint.contact_email:
        return
    language = complaint.language if complaint.language in ("fr", "ar") else "fr"
    with force_locale(f"{language}_MA"):
        text = notifications.render(kind, params, language)
        body = text + (f"\n\n{detail}" if detail else "")
        body += "\n\n" + _("Reference: %(reference)s", reference=complaint.reference)
        body += "\n\n" + _(
            "Follow your message, reopen it or rate the answer: %(link)s",
            link=url_for("complaints.follow", token=follow_token(complaint), _external=True),
        )
        send_mail(
            complaint.contact_email,
            _("Quality Ecosystems Portal: %(text)s", text=text[:80]),
            body,
        )


def _follow_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="complaint-follow")


def follow_token(complaint: Complaint) -> str:
    """The signed token of a contact-form message's link (its id and the address it was
    sent from): whoever holds the e-mail follows the message with it."""
    return _follow_serializer().dumps([complaint.id, complaint.contact_email])


def read_follow_token(token: str) -> tuple[Any, Any]:
    """The id and address a link names (None, None when it is not one of ours)."""
    try:
        complaint_id, contact_email = _follow_serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None, None
    return complaint_id, contact_email


def reminder_params(complaint: Complaint) -> dict[str, Any]:
    """What a reminder about the complaint says."""
    return _params(complaint)


def escalations_due(
    complaint: Complaint, level: Level, known: dict[Any, list[User]] | None = None
) -> list[User]:
    """Who is told when the complaint reaches ``level`` (``known``: the users already read
    by this run, per federation or for the ministry)."""
    lead = complaint.ecosystem.lead_federation_id if complaint.ecosystem is not None else None
    key = (level, lead if level == Level.FEDERATION else None)
    return _remembered(known, key, lambda: escalation_recipients(complaint, level))


def remind_recipients(
    complaint: Complaint, known: dict[Any, list[User]] | None = None
) -> list[User]:
    """Who is reminded of an unanswered complaint: its assignee, else the organisation
    (``known``: the users already read by this run, per organisation)."""
    if complaint.assignee is not None and complaint.assignee.active:
        return [complaint.assignee]
    return _remembered(
        known, ("handler", complaint.handler_id), lambda: handler_recipients(complaint)
    )


def _remembered(known: dict[Any, list[User]] | None, key: Any, statement: Any) -> list[User]:
    if known is None:
        return _users(statement())
    if key not in known:
        known[key] = _users(statement())
    return known[key]
