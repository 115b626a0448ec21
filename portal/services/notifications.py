"""In-app notifications, with the matching e-mail when SMTP is configured."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import urljoin

from flask import has_request_context, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from portal.extensions import db
from portal.i18n import format_day
from portal.models import Notification, User
from portal.models.base import utcnow
from portal.services.mail import send_mail

# What each kind of notification says; parameters are filled in the reader's language.
MESSAGES = {
    "membership_requested": _l("%(organisation)s asks to join %(ecosystem)s."),
    "membership_approved": _l("Your organisation is now a member of %(ecosystem)s."),
    "membership_rejected": _l(
        "The request of your organisation to join %(ecosystem)s was rejected: %(reason)s"
    ),
    "membership_suspended": _l(
        "The membership of your organisation in %(ecosystem)s is suspended: %(reason)s"
    ),
    "membership_reinstated": _l(
        "The membership of your organisation in %(ecosystem)s is active again."
    ),
    "membership_ended": _l("Your organisation is no longer a member of %(ecosystem)s. %(reason)s"),
    "support_case_requested": _l(
        "%(organisation)s asks for support towards %(standard)s in %(ecosystem)s."
    ),
    "support_case_advanced": _l(
        "Your support case towards %(standard)s is now at the stage: %(stage)s."
    ),
    "support_case_closed": _l("Your support case towards %(standard)s is closed: %(reason)s"),
    "support_case_expert_assigned": _l(
        "You are the quality expert of %(organisation)s towards %(standard)s."
    ),
    "support_case_firm_assigned": _l(
        "Your firm, %(firm)s, is assigned to support %(organisation)s towards %(standard)s."
    ),
    # Kept for notifications sent before reasons were required; new ones use the three below.
    "certificate_status_changed": _l(
        "The certificate %(number)s of your organisation is now: %(status)s."
    ),
    "certificate_suspended": _l(
        "The certificate %(number)s of your organisation is suspended by %(body)s: %(reason)s"
    ),
    "certificate_withdrawn": _l(
        "The certificate %(number)s of your organisation is withdrawn by %(body)s: %(reason)s"
    ),
    "certificate_reinstated": _l(
        "The certificate %(number)s of your organisation is valid again: %(reason)s"
    ),
    "certificate_to_confirm": _l(
        "%(federation)s recorded the certificate %(number)s of %(holder)s as issued by your "
        "body: confirm it or reject it."
    ),
    "certificate_confirmed": _l(
        "%(body)s confirmed the certificate %(number)s of %(holder)s: it is now valid."
    ),
    "certificate_rejected": _l(
        "%(body)s rejected the certificate %(number)s of %(holder)s: %(reason)s"
    ),
    "training_need_submitted": _l(
        "%(organisation)s declared a training need in %(ecosystem)s: %(topic)s, %(people)s "
        "people, %(quarter)s."
    ),
    "training_need_validated": _l("Your training need is validated: %(topic)s, %(quarter)s."),
    "training_need_declined": _l(
        "Your training need was declined: %(topic)s, %(quarter)s. %(reason)s"
    ),
    "training_need_merged": _l(
        "Your training need %(topic)s, %(quarter)s was merged into need no. %(number)s."
    ),
    "training_session_planned": _l(
        "A session on %(topic)s is planned from %(date)s; you can enrol your staff."
    ),
    "training_seat_granted": _l(
        "A seat is free in the session on %(topic)s: %(name)s is now enrolled."
    ),
    "service_request_received": _l("%(organisation)s sent your body a request: %(subject)s"),
    "service_request_accepted": _l("%(body)s accepted your request: %(subject)s"),
    "service_request_answered": _l("%(body)s answered your request: %(subject)s"),
    "service_request_declined": _l("%(body)s declined your request: %(subject)s"),
    "service_request_quoted": _l("%(body)s sent a quote for your request: %(subject)s"),
    "service_request_quote_accepted": _l("%(organisation)s accepted your quote: %(subject)s"),
    "service_request_quote_declined": _l("%(organisation)s declined your quote: %(subject)s"),
    "service_request_delivered": _l(
        "%(body)s delivered its report or certificate for your request: %(subject)s"
    ),
    "service_request_closed": _l(
        "%(organisation)s closed its request and rated your service %(rating)s out of 5: "
        "%(subject)s"
    ),
    "service_request_cancelled": _l("%(organisation)s cancelled its request: %(subject)s"),
    "service_request_message": _l("%(author)s wrote to you on the request: %(subject)s"),
    # Reminders (portal/services/reminders.py, flask reminders send), once per occasion.
    "commitment_due_soon": _l(
        "A commitment of your organisation is due on %(date)s: %(description)s"
    ),
    "commitment_overdue": _l(
        "A commitment of your organisation was due on %(date)s and is not done: %(description)s"
    ),
    "milestone_due_soon": _l(
        "The milestone %(title)s of the convention %(reference)s is due on %(date)s."
    ),
    "milestone_overdue": _l(
        "The milestone %(title)s of the convention %(reference)s was due on %(date)s and is "
        "not done."
    ),
    "service_request_due_soon": _l(
        "The request of %(organisation)s is to be answered by %(date)s: %(subject)s"
    ),
    "service_request_overdue": _l(
        "The request of %(organisation)s was to be answered by %(date)s: %(subject)s"
    ),
    "surveillance_audit_due": _l(
        "The surveillance audit of the certificate %(number)s is due by %(date)s."
    ),
    "certificate_expiring": _l(
        "The certificate %(number)s of your organisation expires on %(date)s."
    ),
    "training_session_soon": _l(
        "The session on %(topic)s, where your organisation has people enrolled, starts on %(date)s."
    ),
    "action_item_due_soon": _l(
        "An action of your certification plan is due on %(date)s: %(title)s"
    ),
    "action_item_overdue": _l(
        "An action of your certification plan was due on %(date)s and is not done: %(title)s"
    ),
    "survey_invitation": _l(
        "A few questions on a service your organisation received: %(survey)s. Answer by %(date)s."
    ),
    "complaint_acknowledged": _l(
        "Your message %(reference)s about %(about)s is received; it will be answered by "
        "%(date)s: %(subject)s"
    ),
    "complaint_received": _l(
        "A complaint or suggestion %(reference)s about %(about)s is to be answered by "
        "%(date)s: %(subject)s"
    ),
    "complaint_assigned": _l(
        "You are to answer the complaint or suggestion %(reference)s by %(date)s: %(subject)s"
    ),
    "complaint_answered": _l("%(organisation)s answered your message %(reference)s: %(subject)s"),
    "complaint_closed": _l("Your message %(reference)s is closed: %(subject)s"),
    "complaint_reopened": _l(
        "The complaint or suggestion %(reference)s is reopened by its author and is to be "
        "answered by %(date)s: %(subject)s"
    ),
    "complaint_due_soon": _l(
        "The complaint or suggestion %(reference)s is still unanswered and is due on %(date)s: "
        "%(subject)s"
    ),
    "complaint_overdue": _l(
        "The complaint or suggestion %(reference)s to %(organisation)s was due on %(date)s and "
        "is unanswered; it is now yours to follow: %(subject)s"
    ),
    "complaint_escalated": _l(
        "The complaint or suggestion %(reference)s to %(organisation)s was due on %(date)s and "
        "is still unanswered; it now reaches the ministry: %(subject)s"
    ),
}


# The groups of notifications; each user chooses which also come by e-mail (account page).
MAIL_GROUPS = {
    "memberships": _l("Memberships of my organisation"),
    "conventions": _l("Conventions: commitments and milestones"),
    "support": _l("Certification support and its action plan"),
    "certificates": _l("Certificates"),
    "training": _l("Training needs and sessions"),
    "service_requests": _l("Service requests"),
    "complaints": _l("Complaints and suggestions"),
    "surveys": _l("Satisfaction surveys"),
}
_GROUP_OF_PREFIX = {
    "membership_": "memberships",
    "commitment_": "conventions",
    "milestone_": "conventions",
    "support_case_": "support",
    "action_item_": "support",
    "certificate_": "certificates",
    "surveillance_audit_": "certificates",
    "training_": "training",
    "service_request_": "service_requests",
    "complaint_": "complaints",
    "survey_": "surveys",
}


def mail_group(kind: str) -> str:
    """The group a kind of notification belongs to (a key of ``MAIL_GROUPS``)."""
    for prefix, group in _GROUP_OF_PREFIX.items():
        if kind.startswith(prefix):
            return group
    raise KeyError(f"notification kind {kind!r} is in no group of MAIL_GROUPS")


def kinds_of_group(group: str) -> list[str]:
    """The kinds of notification of a group."""
    return [kind for kind in MESSAGES if mail_group(kind) == group]


def bilingual(obj: Any, field: str = "name") -> dict[str, str]:
    """A record's field in both languages, each falling back to the other."""
    fr = getattr(obj, f"{field}_fr", "") or ""
    ar = getattr(obj, f"{field}_ar", "") or ""
    return {"fr": fr or ar, "ar": ar or fr}


def in_both_languages(text: Any) -> dict[str, str]:
    """A translated text (a lazy string, or a function giving one) written in French and in
    Arabic: a notification's parameter, read in either language."""
    written = {}
    for language in ("fr", "ar"):
        with force_locale(f"{language}_MA"):
            written[language] = str(text() if callable(text) else text)
    return written


def bilingual_day(value: date) -> dict[str, str]:
    """A date as a notification shows it in each language."""
    return in_both_languages(lambda: format_day(value))


def _resolve(params: dict[str, Any], language: str) -> dict[str, Any]:
    return {
        key: (value.get(language) or value.get("fr", "")) if isinstance(value, dict) else value
        for key, value in params.items()
    }


def render(kind: str, params: dict[str, Any], language: str) -> str:
    """The notification's sentence in a language."""
    template = MESSAGES.get(kind)
    if template is None:
        return kind
    return str(template) % _resolve(params, language)


def notify(
    users: Iterable[User],
    kind: str,
    params: dict[str, Any],
    link: str | None = None,
    *,
    detail: str = "",
) -> None:
    """Tell each user in the app, and by e-mail in their own language unless they chose not
    to receive the kind's group by e-mail. ``detail`` is text someone wrote (an answer),
    given whole in the e-mail after the sentence. An unknown kind is a programming error (its
    sentence must be in ``MESSAGES``), not something to skip."""
    if kind not in MESSAGES:
        raise KeyError(f"notification kind {kind!r} has no sentence in MESSAGES")
    group = mail_group(kind)
    for user in users:
        if not user.active:
            continue
        db.session.add(Notification(user_id=user.id, kind=kind, params=params, link=link))
        if group in (user.muted_mail_groups or ()):
            continue
        language = user.preferred_locale or "fr"
        with force_locale(f"{language}_MA"):
            text = render(kind, params, language)
            body = text + (f"\n\n{detail}" if detail else "")
            if link:
                absolute = urljoin(request.host_url, link) if has_request_context() else link
                body += "\n\n" + _("Open the portal: %(link)s", link=absolute)
            send_mail(user.email, _("Quality Ecosystems Portal: %(text)s", text=text[:80]), body)


def unread_count(user: User) -> int:
    """How many notifications the user has not read."""
    return db.session.execute(
        select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    ).scalar_one()


RECENT_LIMIT = 50


def _of_user(columns: Any, user: User, group: str | None) -> Any:
    query = select(columns).where(Notification.user_id == user.id)
    if group is not None:
        query = query.where(Notification.kind.in_(kinds_of_group(group)))
    return query


def recent(user: User, limit: int = RECENT_LIMIT, group: str | None = None) -> list[Notification]:
    """The user's latest notifications (of one group of ``MAIL_GROUPS`` if given)."""
    query = _of_user(Notification, user, group)
    return list(
        db.session.execute(
            query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
        ).scalars()
    )


def has_any(user: User, group: str | None = None) -> bool:
    """Whether the user has a notification (of one group of ``MAIL_GROUPS`` if given): one
    look-up in the index of their notifications."""
    query = _of_user(Notification.id, user, group)
    return db.session.execute(query.limit(1)).first() is not None


def mark_one_read(user: User, notification_id: int) -> Notification | None:
    """Mark one of the user's notifications as read and give it (None: the user has none of
    that id)."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        return None
    if notification.read_at is None:
        notification.read_at = utcnow()
    return notification


def mark_all_read(user: User) -> None:
    """Mark every notification of the user as read."""
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
