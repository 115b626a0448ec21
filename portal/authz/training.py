"""Training: which needs a user sees row by row and which the demand counts for them, which
sessions, offers and ecosystems they see, and who may open, plan, enrol, record and evaluate."""

from __future__ import annotations

from typing import Any

from flask import g, has_app_context
from sqlalchemy import exists, false, or_, select, true

from portal.authz.core import P, get_or_404, has_permission, signed_in
from portal.authz.organisations import led_ecosystem_ids
from portal.extensions import db
from portal.models import (
    Ecosystem,
    Enrolment,
    Membership,
    MembershipStatus,
    Role,
    SessionStatus,
    TrainingNeed,
    TrainingOffer,
    TrainingSession,
)


def led_ids(user: Any) -> list[int]:
    """The ecosystems the user's federation leads, as a list of ids (one small query): a
    scope written ``ecosystem_id IN (5)`` lets the database read that ecosystem's index in
    the list's order, which ``IN (SELECT ...)`` does not (issue 11)."""
    cache = g.setdefault("led_ecosystem_ids", {}) if has_app_context() else {}
    if user.id not in cache:  # once per request: a page asks for several scopes
        cache[user.id] = sorted(db.session.execute(led_ecosystem_ids(user)).scalars())
    return cache[user.id]


def need_scope(user: Any):
    """WHERE clause on TrainingNeed: an SME's own, a federation's ecosystems', all for the
    ministry and administrators. Institutes never see needs row by row (only counts)."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if user.role in (Role.ADMIN, Role.MINISTRY_OFFICER):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        return TrainingNeed.ecosystem_id.in_(led_ids(user))
    if user.role == Role.SME_USER:
        return TrainingNeed.organisation_id == user.organisation_id
    return false()


def can_declare_from_diagnostic(user: Any, case: Any) -> bool:
    """Whether the user declares training needs from the diagnostics of the case: a company
    user of the case's own organisation."""
    return has_permission(user, P.DECLARE_TRAINING_NEEDS) and (
        case.organisation_id == user.organisation_id
    )


def need_or_404(user: Any, need_id: int) -> TrainingNeed:
    """A need the user may see, else 404."""
    return get_or_404(select(TrainingNeed).where(need_scope(user), TrainingNeed.id == need_id))


def sees_other_companies_needs(user: Any) -> bool:
    """Whether the needs the user sees are other companies' (so their names are shown):
    administrators, the ministry and federation staff; a company sees its own only."""
    return signed_in(user) and user.role in (
        Role.ADMIN,
        Role.MINISTRY_OFFICER,
        Role.FEDERATION_STAFF,
    )


def can_decide_needs(user: Any) -> bool:
    """Whether the user validates, declines and merges needs (in the needs they see)."""
    return has_permission(user, P.VALIDATE_TRAINING_NEEDS)


def demand_scope(user: Any):
    """WHERE clause on TrainingNeed for the demand view: federation staff their ecosystems,
    the ministry, administrators and institutes every ecosystem (institutes see counts)."""
    if not getattr(user, "is_authenticated", False):
        return false()
    if user.role == Role.FEDERATION_STAFF:
        return TrainingNeed.ecosystem_id.in_(led_ids(user))
    if user.role in (Role.ADMIN, Role.MINISTRY_OFFICER, Role.INSTITUTE_USER):
        return true()
    return false()


def demand_ecosystem_scope(user: Any):
    """WHERE clause on Ecosystem: the ecosystems whose demand the user filters by (federation
    staff those they lead, the others every ecosystem)."""
    if signed_in(user) and user.role == Role.FEDERATION_STAFF:
        return Ecosystem.lead_federation_id == user.organisation_id
    return true()


def can_open_demand_cells(user: Any) -> bool:
    """Whether the user may open the needs behind a demand cell, with the companies' names:
    those who see the demand and other companies' needs (never institutes)."""
    return has_permission(user, P.VIEW_TRAINING_DEMAND) and sees_other_companies_needs(user)


def planning_ecosystem_scope(user: Any):
    """WHERE clause on Ecosystem: where the user plans sessions (administrators stand in for
    any federation; federation staff plan for the ecosystems they lead)."""
    if not has_permission(user, P.PLAN_TRAINING_SESSIONS):
        return false()
    if user.role == Role.ADMIN:
        return true()
    return Ecosystem.lead_federation_id == user.organisation_id


def planning_ecosystem_or_404(user: Any, ecosystem_id: int) -> Ecosystem:
    """An ecosystem the user plans sessions for, else 404."""
    return get_or_404(
        select(Ecosystem).where(Ecosystem.id == ecosystem_id, planning_ecosystem_scope(user))
    )


# --- offers ----------------------------------------------------------------------------------


def offer_scope(user: Any):
    """WHERE clause on TrainingOffer: the published offers; an institute also its own
    unpublished ones."""
    if has_permission(user, P.PUBLISH_TRAINING_OFFERS):
        return or_(
            TrainingOffer.active.is_(True), TrainingOffer.institute_id == user.organisation_id
        )
    return TrainingOffer.active.is_(True)


def own_offer_or_404(user: Any, offer_id: int) -> TrainingOffer:
    """One of the user's institute's offers, else 404."""
    return get_or_404(
        select(TrainingOffer).where(
            TrainingOffer.id == offer_id, TrainingOffer.institute_id == user.organisation_id
        )
    )


def can_publish_offers(user: Any) -> bool:
    """Whether the user publishes offers (and edits their institute's)."""
    return has_permission(user, P.PUBLISH_TRAINING_OFFERS)


def can_edit_offer(user: Any, offer: TrainingOffer) -> bool:
    """Whether the user edits the offer: one of their institute's."""
    return can_publish_offers(user) and offer.institute_id == user.organisation_id


# --- sessions --------------------------------------------------------------------------------


def member_ecosystem_ids(organisation_id: int):
    """The ecosystems where the organisation is an active member (as a subquery)."""
    return select(Membership.ecosystem_id).where(
        Membership.organisation_id == organisation_id,
        Membership.status == MembershipStatus.ACTIVE,
        Membership.deleted_at.is_(None),
    )


def session_scope(user: Any):
    """WHERE clause on TrainingSession: companies see those of the ecosystems they are
    members of (and those their staff took part in), institutes their own, federations their
    ecosystems', the ministry and administrators all."""
    if not signed_in(user):
        return false()
    if user.role in (Role.ADMIN, Role.MINISTRY_OFFICER):
        return true()
    if user.role == Role.FEDERATION_STAFF:
        return TrainingSession.ecosystem_id.in_(led_ids(user))
    if user.role == Role.INSTITUTE_USER:
        return TrainingSession.institute_id == user.organisation_id
    if user.role == Role.SME_USER:
        # A company that left the ecosystem still sees the sessions its staff took part in.
        # Written as correlated EXISTS (an index probe per session), so that the list reads
        # the sessions' index in its order and stops at the page, rather than gathering every
        # session of both kinds and sorting them (issue 11).
        member = member_ecosystem_ids(user.organisation_id).where(
            Membership.ecosystem_id == TrainingSession.ecosystem_id
        )
        enrolled = select(Enrolment.id).where(
            Enrolment.session_id == TrainingSession.id,
            Enrolment.organisation_id == user.organisation_id,
        )
        return or_(exists(member), exists(enrolled))
    return false()


def session_or_404(user: Any, session_id: int) -> TrainingSession:
    """A session the user may see, else 404."""
    return get_or_404(
        select(TrainingSession).where(TrainingSession.id == session_id, session_scope(user))
    )


def own_enrolment_or_404(user: Any, session: TrainingSession, enrolment_id: int) -> Enrolment:
    """One of the user's company's enrolments in the session, else 404."""
    return get_or_404(
        select(Enrolment).where(
            Enrolment.id == enrolment_id,
            Enrolment.session_id == session.id,
            Enrolment.organisation_id == user.organisation_id,
        )
    )


def participant_or_404(user: Any, session: TrainingSession, enrolment_id: int) -> Enrolment:
    """A participant of the session whose records the user may read (a company its own,
    who sees the session's participants any of them), else 404."""
    if takes_part_as_company(user):
        return own_enrolment_or_404(user, session, enrolment_id)
    return get_or_404(
        select(Enrolment).where(Enrolment.id == enrolment_id, Enrolment.session_id == session.id)
    )


def takes_part_as_company(user: Any) -> bool:
    """Whether the user takes part in sessions for a company: enrols its staff, sees only its
    own participants, evaluates the sessions they attended."""
    return has_permission(user, P.ENROL_STAFF)


def is_session_member(user: Any, session: TrainingSession) -> bool:
    """Whether the user's organisation is an active member of the session's ecosystem."""
    member = member_ecosystem_ids(user.organisation_id).where(
        Membership.ecosystem_id == session.ecosystem_id
    )
    return db.session.execute(member).first() is not None


def can_enrol(user: Any, session: TrainingSession) -> bool:
    """Whether the user may enrol staff in the session: a member company, while planned."""
    return (
        takes_part_as_company(user)
        and session.status == SessionStatus.PLANNED
        and is_session_member(user, session)
    )


def can_change_kept_seats(user: Any, session: TrainingSession) -> bool:
    """Whether the user changes the seats the session keeps for each company, and until
    when: who plans sessions for its ecosystem, while it is planned."""
    if session.status != SessionStatus.PLANNED or not has_permission(
        user, P.PLAN_TRAINING_SESSIONS
    ):
        return False
    planned_here = select(Ecosystem.id).where(
        Ecosystem.id == session.ecosystem_id, planning_ecosystem_scope(user)
    )
    return db.session.execute(planned_here).first() is not None


def can_cancel_enrolments(user: Any, session: TrainingSession) -> bool:
    """Whether the user may cancel their company's participants: while the session is planned."""
    return takes_part_as_company(user) and session.status == SessionStatus.PLANNED


def can_record_attendance(user: Any, session: TrainingSession) -> bool:
    """Whether the user records who attended: the institute running it, unless cancelled."""
    return has_permission(user, P.RUN_TRAINING_SESSIONS) and session.status != (
        SessionStatus.CANCELLED
    )


def can_evaluate_session(user: Any, session: TrainingSession) -> bool:
    """Whether the user's company may evaluate the session: held, and its staff attended."""
    if not takes_part_as_company(user) or session.status != SessionStatus.HELD:
        return False
    attended = select(Enrolment.id).where(
        Enrolment.session_id == session.id,
        Enrolment.organisation_id == user.organisation_id,
        Enrolment.attended.is_(True),
    )
    return db.session.execute(attended).first() is not None


def can_export_sessions(user: Any) -> bool:
    """Whether the user exports the sessions in their scope."""
    return has_permission(user, P.EXPORT_TRAINING_SESSIONS)


# --- topics ----------------------------------------------------------------------------------


def can_manage_topics(user: Any) -> bool:
    """Whether the user edits the shared topic catalogue (and sees the topics taken out)."""
    return has_permission(user, P.MANAGE_TRAINING_TOPICS)


def clause_topic_or_404(user: Any, mapping_id: int) -> Any:
    """A clause-to-topic mapping the user maintains, else 404."""
    from portal.models import ClauseTopic

    return get_or_404(
        select(ClauseTopic).where(
            ClauseTopic.id == mapping_id, true() if can_manage_topics(user) else false()
        )
    )


def calendar_ecosystem_ids(user: Any):
    """The ecosystems whose calendar (and feed) the user follows: all for the ministry and
    administrators, those a federation leads, those a company is an active member of; none
    for institutes (they follow their own sessions). None means every ecosystem."""
    if not signed_in(user):
        return []
    if user.role in (Role.ADMIN, Role.MINISTRY_OFFICER):
        return None
    if user.role == Role.FEDERATION_STAFF:
        return led_ids(user)
    if user.role == Role.SME_USER:
        return list(db.session.execute(member_ecosystem_ids(user.organisation_id)).scalars())
    return []


def own_feed_kind(user: Any) -> str | None:
    """The feed of the user's own organisation: an institute's sessions, or a company's."""
    if has_permission(user, P.RUN_TRAINING_SESSIONS):
        return "institute"
    if has_permission(user, P.ENROL_STAFF):
        return "company"
    return None
