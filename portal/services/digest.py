"""The weekly digest (issue 12, item 5): ``flask reminders digest``, on Monday mornings, e-mails
each ministry officer and each federation's staff what changed in their ecosystems over the
last seven days and what is late or waiting, ecosystem by ecosystem, in their language.

Who receives it and for which ecosystems is decided by ``authz.digest_ecosystem_ids``. The
figures are read once per run for every ecosystem (grouped counts), whatever the number of
recipients. A digest is sent once per user and ISO week (``reminders_sent``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.authz import digest_ecosystem_ids, digest_recipients
from portal.extensions import db
from portal.i18n import format_day, localized
from portal.models import (
    Commitment,
    CommitmentStatus,
    Complaint,
    Convention,
    Ecosystem,
    Membership,
    MembershipStatus,
    Milestone,
    NeedStatus,
    SupportCase,
    TrainingNeed,
    User,
)
from portal.services.conventions.rules import RUNNING
from portal.services.mail import send_mail
from portal.services.reminders import portal_request, take

DIGEST_KIND = "weekly_digest"
WEEK = timedelta(days=7)


@dataclass
class EcosystemWeek:
    """What changed in an ecosystem over the week, and what is late or waiting now."""

    requests_new: int = 0
    members_new: int = 0
    needs_new: int = 0
    cases_new: int = 0
    requests_waiting: int = 0
    needs_waiting: int = 0
    milestones_overdue: int = 0
    commitments_overdue: int = 0
    complaints_new: int = 0
    complaints_overdue: int = 0


@dataclass
class DigestReport:
    sent: int = 0
    recipients: list[str] = field(default_factory=list)


def _grouped(statement) -> dict[int, int]:
    return {ecosystem_id: count for ecosystem_id, count in db.session.execute(statement)}


def week_figures(today: date) -> dict[int, EcosystemWeek]:
    """Every ecosystem's week, in one grouped query per figure."""
    since = datetime.combine(today - WEEK, time.min, tzinfo=UTC)
    figures = {
        "requests_new": select(Membership.ecosystem_id, func.count(Membership.id))
        .where(Membership.requested_at >= since)
        .group_by(Membership.ecosystem_id),
        "members_new": select(Membership.ecosystem_id, func.count(Membership.id))
        .where(Membership.status == MembershipStatus.ACTIVE, Membership.decided_at >= since)
        .group_by(Membership.ecosystem_id),
        "needs_new": select(TrainingNeed.ecosystem_id, func.count(TrainingNeed.id))
        .where(TrainingNeed.created_at >= since)
        .group_by(TrainingNeed.ecosystem_id),
        "cases_new": select(SupportCase.ecosystem_id, func.count(SupportCase.id))
        .where(SupportCase.created_at >= since)
        .group_by(SupportCase.ecosystem_id),
        "requests_waiting": select(Membership.ecosystem_id, func.count(Membership.id))
        .where(Membership.status == MembershipStatus.REQUESTED)
        .group_by(Membership.ecosystem_id),
        "needs_waiting": select(TrainingNeed.ecosystem_id, func.count(TrainingNeed.id))
        .where(TrainingNeed.status == NeedStatus.SUBMITTED)
        .group_by(TrainingNeed.ecosystem_id),
        "milestones_overdue": select(Convention.ecosystem_id, func.count(Milestone.id))
        .join(Convention, Convention.id == Milestone.convention_id)
        .where(Convention.status.in_(RUNNING), Milestone.is_late(today))
        .group_by(Convention.ecosystem_id),
        "commitments_overdue": select(Convention.ecosystem_id, func.count(Commitment.id))
        .join(Convention, Convention.id == Commitment.convention_id)
        .where(
            Convention.status.in_(RUNNING),
            Commitment.is_late(today),
            Commitment.status != CommitmentStatus.CANCELLED,
        )
        .group_by(Convention.ecosystem_id),
        "complaints_new": select(Complaint.ecosystem_id, func.count(Complaint.id))
        .where(Complaint.filed_on > today - WEEK)
        .group_by(Complaint.ecosystem_id),
        "complaints_overdue": select(Complaint.ecosystem_id, func.count(Complaint.id))
        .where(Complaint.is_closed.is_(False), Complaint.due_on < today)
        .group_by(Complaint.ecosystem_id),
    }
    weeks: dict[int, EcosystemWeek] = {}
    for name, statement in figures.items():
        for ecosystem_id, count in _grouped(statement).items():
            if ecosystem_id is not None:
                setattr(weeks.setdefault(ecosystem_id, EcosystemWeek()), name, count)
    return weeks


def _body(user: User, ecosystems: list[Ecosystem], weeks: dict[int, EcosystemWeek], today: date):
    lines = [
        _("Hello %(name)s,", name=user.full_name),
        "",
        _("Your week on the portal, since %(date)s.", date=format_day(today - WEEK)),
    ]
    for ecosystem in ecosystems:
        week = weeks.get(ecosystem.id, EcosystemWeek())
        lines += [
            "",
            localized(ecosystem, "name"),
            _("What changed:"),
            "- " + _("New requests to join: %(count)s", count=week.requests_new),
            "- " + _("New members: %(count)s", count=week.members_new),
            "- " + _("Training needs declared: %(count)s", count=week.needs_new),
            "- " + _("Certification support cases opened: %(count)s", count=week.cases_new),
            "- " + _("Complaints and suggestions received: %(count)s", count=week.complaints_new),
            _("Late or waiting:"),
            "- "
            + _("Requests to join waiting for a decision: %(count)s", count=week.requests_waiting),
            "- " + _("Training needs waiting for validation: %(count)s", count=week.needs_waiting),
            "- " + _("Convention milestones overdue: %(count)s", count=week.milestones_overdue),
            "- " + _("Convention commitments overdue: %(count)s", count=week.commitments_overdue),
            "- "
            + _(
                "Complaints and suggestions past their answer date: %(count)s",
                count=week.complaints_overdue,
            ),
            url_for("ecosystems.show", slug=ecosystem.slug, _external=True),
        ]
    return "\n".join(lines)


def send_weekly_digests(today: date) -> DigestReport:
    """E-mail this week's digest to every recipient who has not had it yet."""
    report = DigestReport()
    year, week_number, _weekday = today.isocalendar()
    occasion = f"{year}-W{week_number:02d}"
    with portal_request():
        weeks = week_figures(today)
        for user in db.session.execute(digest_recipients()).scalars().all():
            scope = digest_ecosystem_ids(user)
            if scope is None:
                continue
            ecosystems = list(
                db.session.execute(
                    select(Ecosystem).where(Ecosystem.id.in_(scope)).order_by(Ecosystem.name_fr)
                ).scalars()
            )
            if not ecosystems or not take(DIGEST_KIND, user.id, occasion, today):
                db.session.commit()
                continue
            with force_locale(f"{user.preferred_locale or 'fr'}_MA"):
                send_mail(
                    user.email,
                    _("Quality Ecosystems Portal: your week"),
                    _body(user, ecosystems, weeks, today),
                )
            db.session.commit()
            report.sent += 1
            report.recipients.append(user.email)
    return report
