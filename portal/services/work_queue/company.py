"""A company's work queue: its support cases with their next step, its training needs, its
participants in coming sessions, the held sessions it has to evaluate, its open service
requests and its certificates' next audits."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import literal_column, select

from portal.authz import (
    Permission,
    case_role_scope,
    certificate_scope,
    has_permission,
    need_scope,
)
from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Certificate,
    CertificateStatus,
    Enrolment,
    EnrolmentStatus,
    NeedStatus,
    SessionStatus,
    SupportCase,
    SurveyInvitation,
    SurveyOccasion,
    TrainingNeed,
    TrainingSession,
)
from portal.services.certification import last_issue_expired_by
from portal.services.work_queue import cases, requests
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

OPEN_NEEDS = (NeedStatus.SUBMITTED, NeedStatus.VALIDATED, NeedStatus.PLANNED)
SEATED = (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING)


def support_cases(user: Any) -> Section:
    """The company's open cases, those where the move is its own first."""
    where = (case_role_scope(user), cases.open_case())
    total = bounded_count(select(SupportCase.id).where(*where))
    theirs = cases.federation_turn()

    # The cases where the move is the company's first (rank 1, read descending), then the
    # others, the newest first.
    first = first_rows(
        [
            select(literal_column(str(rank)).label("rank"), SupportCase.updated_at, SupportCase.id)
            .where(*where, turn)
            .order_by(SupportCase.updated_at.desc(), SupportCase.id.desc())
            for rank, turn in ((1, ~theirs), (0, theirs))
        ],
        descending=True,
    )
    federation_moves = {row[-1]: row[0] == 0 for row in first}
    rows = [
        (case, federation_moves[case.id])
        for case in load_in_order(select(SupportCase), [row[-1] for row in first])
    ]
    items = []
    for case, federation_moves in rows:
        step, href, mine = cases.company_step(case, bool(federation_moves))
        items.append(
            Item(
                title=f"{case.standard.reference} — {localized(case.standard, 'name')}",
                href=href,
                context=case.stage.label,
                step=step,
                # i18n: badge of a support case on a company's home: whose move it is
                badge=_("Your turn") if mine else _("With the federation"),
                tone="warning" if mine else "secondary",
            )
        )
    return Section(
        key="support_cases",
        title=_("Your certification support cases"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_(
            "No support case under way. Ask the federation for support towards a "
            "certification when you are ready."
        ),
        more=[Link(_("All your support cases"), url_for("certification.cases"))],
    )


def _need_page(need: TrainingNeed) -> str:
    if need.status == NeedStatus.PLANNED and need.session_id:
        return url_for("training.session", session_id=need.session_id)
    if need.status == NeedStatus.SUBMITTED:
        return url_for("training.edit_need", need_id=need.id)
    return url_for("training.needs", status=need.status.value)


def training_needs(user: Any) -> Section:
    """The company's needs under way (submitted, validated, planned), newest first."""
    per_status = {
        status: (need_scope(user), TrainingNeed.status == status) for status in OPEN_NEEDS
    }
    by_status = bounded_counts(
        {status: select(TrainingNeed.id).where(*where) for status, where in per_status.items()}
    )
    total = sum(by_status.values(), Bounded(0))
    ids = first_ids(
        [
            select(TrainingNeed.created_at, TrainingNeed.id)
            .where(*where)
            .order_by(TrainingNeed.created_at.desc(), TrainingNeed.id.desc())
            for status, where in per_status.items()
            if by_status[status].count
        ],
        descending=True,
    )
    needs = load_in_order(select(TrainingNeed), ids)
    steps = {
        NeedStatus.SUBMITTED: _("The federation studies it; you may still change it"),
        NeedStatus.VALIDATED: _("Validated: it counts in the demand for a session"),
        NeedStatus.PLANNED: _("A session is planned: enrol your staff"),
    }
    items = [
        Item(
            title=localized(need.topic, "name"),
            href=_need_page(need),
            context=ngettext(
                "%(num)d person · %(quarter)s",
                "%(num)d people · %(quarter)s",
                need.people,
                quarter=isolated(need.quarter),
            ),
            step=steps[need.status],
            badge=need.status.label,
            tone="warning" if need.status == NeedStatus.PLANNED else "secondary",
        )
        for need in needs
    ]
    return Section(
        key="training_needs",
        title=_("Your training needs"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_("No training need under way. Declare the trainings your staff need."),
        more=[
            Link(
                status.label,
                url_for("training.needs", status=status.value),
                by_status[status].count,
                by_status[status].capped,
            )
            for status in OPEN_NEEDS
            if by_status[status].count
        ],
    )


def enrolments(user: Any, today: date) -> Section:
    """The company's participants in sessions still to come, the soonest first."""
    where = (
        Enrolment.organisation_id == user.organisation_id,
        Enrolment.status.in_(SEATED),
        TrainingSession.status == SessionStatus.PLANNED,
        TrainingSession.starts_on >= today,
    )
    joined = select(Enrolment, TrainingSession).join(
        TrainingSession, TrainingSession.id == Enrolment.session_id
    )
    total = bounded_count(
        select(Enrolment.id)
        .join(TrainingSession, TrainingSession.id == Enrolment.session_id)
        .where(*where)
    )
    rows = db.session.execute(
        joined.where(*where)
        .order_by(TrainingSession.starts_on, TrainingSession.id, Enrolment.id)
        .limit(SHOWN)
    ).all()
    items = [
        Item(
            title=localized(session.topic, "name"),
            href=url_for("training.session", session_id=session.id),
            context=f"{enrolment.participant_name} · {session.place}",
            badge=enrolment.status.label,
            tone="warning" if enrolment.status == EnrolmentStatus.WAITING else "success",
            when=session.starts_on,
            when_kind="starts",
            days=days_between(today, session.starts_on),
        )
        for enrolment, session in rows
    ]
    return Section(
        key="enrolments",
        title=_("Your staff in coming training sessions"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_("None of your staff is enrolled in a coming session."),
        more=[
            Link(
                _("The planned sessions"),
                url_for("training.sessions", status=SessionStatus.PLANNED.value),
            )
        ],
    )


def sessions_to_evaluate(user: Any) -> Section:
    """Held sessions the company's staff attended and the company has not evaluated yet, the
    most recent first."""
    # Read from the company's own enrolments (a few per company), never from every session.
    attended = TrainingSession.id.in_(
        select(Enrolment.session_id).where(
            Enrolment.organisation_id == user.organisation_id,
            Enrolment.attended.is_(True),
        )
    )
    evaluated = (
        select(SurveyInvitation.id)
        .where(
            SurveyInvitation.occasion == SurveyOccasion.TRAINING_SESSION,
            SurveyInvitation.subject_id == TrainingSession.id,
            SurveyInvitation.organisation_id == user.organisation_id,
            SurveyInvitation.answered_on.is_not(None),
        )
        .exists()
    )
    where = (TrainingSession.status == SessionStatus.HELD, attended, ~evaluated)
    total = bounded_count(select(TrainingSession.id).where(*where))
    found = db.session.execute(
        select(TrainingSession)
        .where(*where)
        .order_by(TrainingSession.ends_on.desc(), TrainingSession.id.desc())
        .limit(SHOWN)
    ).scalars()
    items = [
        Item(
            title=localized(session.topic, "name"),
            href=url_for("training.evaluate", session_id=session.id),
            context=f"{localized(session.institute, 'name')} · {session.place}",
            # i18n: what the company is to do about a training session its staff attended
            step=_("Say how the session went: your rating helps the next ones."),
            when=session.ends_on,
            when_kind="ended",
        )
        for session in found
    ]
    return Section(
        key="evaluations",
        title=_("Training sessions to evaluate"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_("No session your staff attended is waiting for your evaluation."),
        more=[
            Link(
                _("The sessions held"),
                url_for("training.sessions", status=SessionStatus.HELD.value),
            )
        ],
    )


def open_requests(user: Any, today: date) -> Section:
    """The company's requests a body has not answered yet, the nearest deadline first."""
    waiting = requests.open_requests(user, today)
    found = waiting.first
    items = []
    for request in found:
        days = days_between(today, request.respond_by)
        items.append(
            Item(
                title=request.subject,
                href=url_for("service_requests.show", request_id=request.id),
                context=request.body.acronym or localized(request.body, "name"),
                badge=request.status.label,
                tone="danger" if days < 0 else "secondary",
                when=request.respond_by,
                when_kind="answer_due",
                days=days,
            )
        )
    return Section(
        key="open_requests",
        title=_("Your requests waiting for an answer"),
        total=waiting.total.count,
        capped=waiting.total.capped,
        items=items,
        empty=_("No request is waiting for a body's answer."),
        more=waiting.status_links(),
    )


def requests_your_turn(user: Any, today: date) -> Section:
    """The company's requests waiting for it: a quote to accept or decline, a delivery to
    close with a rating."""
    waiting = requests.open_requests(user, today, requests.COMPANY_TURN)
    items = [
        Item(
            title=request.subject,
            href=url_for("service_requests.show", request_id=request.id),
            context=request.body.acronym or localized(request.body, "name"),
            badge=request.status.label,
            tone="warning",
        )
        for request in waiting.first
    ]
    return Section(
        key="requests_your_turn",
        title=_("Your requests waiting for you: a quote to decide on, a delivery to close"),
        total=waiting.total.count,
        capped=waiting.total.capped,
        items=items,
        empty=_("No quote or delivery is waiting for you."),
        more=waiting.status_links(),
    )


def next_audit(certificate: Certificate, today: date) -> tuple[date, str]:
    """The next date of the certificate's cycle from today: a surveillance audit (12 and 24
    months after issue) or, after the second, its expiry."""
    for due in certificate.surveillance_due:
        if due >= today:
            return due, "surveillance"
    return certificate.expires_on, "expiry"


def certificates(user: Any, today: date) -> Section:
    """The company's valid certificates with their next audit, the soonest first."""
    where = (
        certificate_scope(user),
        Certificate.status == CertificateStatus.VALID,
        Certificate.issued_on > last_issue_expired_by(today),
    )
    total = bounded_count(select(Certificate.id).where(*where))
    found = db.session.execute(
        select(Certificate)
        .where(*where)
        .order_by(Certificate.issued_on.desc(), Certificate.id.desc())
        .limit(SHOWN)
    ).scalars()
    items = []
    for certificate in found:
        due, kind = next_audit(certificate, today)
        days = days_between(today, due)
        items.append(
            Item(
                title=f"{certificate.number} · {certificate.standard.reference}",
                href=url_for("certification.certificate", certificate_id=certificate.id),
                context=certificate.issuing_body.acronym
                or localized(certificate.issuing_body, "name"),
                tone="warning" if days <= 60 else "secondary",
                when=due,
                when_kind=kind,
                days=days,
            )
        )
    items.sort(key=lambda item: item.when)
    return Section(
        key="certificates",
        title=_("Your certificates and their next audit"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_("Your organisation holds no valid certificate yet."),
        more=[Link(_("All your certificates"), url_for("certification.certificates"))],
    )


def company_sections(user: Any, today: date) -> list[Section]:
    """The company's queue, each section shown when its permission is held."""
    sections = []
    if has_permission(user, Permission.REQUEST_CERTIFICATION_SUPPORT):
        sections.append(support_cases(user))
    if has_permission(user, Permission.DECLARE_TRAINING_NEEDS):
        sections.append(training_needs(user))
    if has_permission(user, Permission.ENROL_STAFF):
        sections.append(enrolments(user, today))
        sections.append(sessions_to_evaluate(user))
    if has_permission(user, Permission.FILE_SERVICE_REQUESTS):
        sections.append(requests_your_turn(user, today))
        sections.append(open_requests(user, today))
    if has_permission(user, Permission.REQUEST_CERTIFICATION_SUPPORT):
        sections.append(certificates(user, today))
    return sections


def company_shortcuts(user: Any) -> list[Link]:
    """What a company starts from its home."""
    links = []
    if has_permission(user, Permission.DECLARE_TRAINING_NEEDS):
        links.append(Link(_("Declare a training need"), url_for("training.new_need")))
    if has_permission(user, Permission.REQUEST_CERTIFICATION_SUPPORT):
        links.append(Link(_("Ask for certification support"), url_for("certification.new_case")))
    if has_permission(user, Permission.FILE_SERVICE_REQUESTS):
        links.append(Link(_("Send a request to a laboratory"), url_for("service_requests.new")))
    if has_permission(user, Permission.DECLARE_INFRASTRUCTURE_NEEDS):
        links.append(
            Link(_("Declare a testing or calibration need"), url_for("service_requests.new_need"))
        )
    if has_permission(user, Permission.ENROL_STAFF):
        links.append(Link(_("Training sessions"), url_for("training.sessions")))
    return links
