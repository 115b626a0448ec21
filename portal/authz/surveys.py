"""Satisfaction surveys: who builds them, who answers an invitation, whose results a user
reads.

Administrators build surveys for the whole programme or any ecosystem, federation staff for
the ecosystems their federation leads. The results a user reads are those of the staff
concerned: everything for the ministry and administrators, the federation's ecosystems for
its staff, their own services for institutes and bodies — free text included, never the
name of who answered.
"""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import Select, false, or_, select, true

from portal.authz.core import Permission, get_or_404, has_permission, has_role, signed_in
from portal.authz.organisations import led_ecosystem_ids
from portal.models import Role, Survey, SurveyInvitation, SurveyQuestion, User


def can_build_surveys(user: Any) -> bool:
    return has_permission(user, Permission.MANAGE_SURVEYS)


def builds_for_programme(user: Any) -> bool:
    """Whether the user builds surveys for the whole programme (not one ecosystem)."""
    return has_permission(user, Permission.MANAGE_SURVEYS) and has_permission(
        user, Permission.MANAGE_PLATFORM
    )


def buildable_ecosystem_ids(user: Any) -> Select | None:
    """The ecosystems the user builds surveys for (None: every one)."""
    if builds_for_programme(user):
        return None
    return led_ecosystem_ids(user)


def survey_scope(user: Any):
    """WHERE clause on Survey: the surveys a user lists (builders and readers of results)."""
    if not (
        has_permission(user, Permission.MANAGE_SURVEYS)
        or has_permission(user, Permission.VIEW_SURVEY_RESULTS)
    ):
        return false()
    if has_role(user, Role.FEDERATION_STAFF):
        return or_(Survey.ecosystem_id.is_(None), Survey.ecosystem_id.in_(led_ecosystem_ids(user)))
    return true()


def survey_or_404(user: Any, survey_id: int) -> Survey:
    return get_or_404(select(Survey).where(Survey.id == survey_id, survey_scope(user)))


def can_edit_survey(user: Any, survey: Survey) -> bool:
    """Administrators edit any survey; federation staff those of their ecosystems."""
    if not can_build_surveys(user):
        return False
    if builds_for_programme(user):
        return True
    return (
        survey.ecosystem_id is not None
        and has_role(user, Role.FEDERATION_STAFF)
        and survey.ecosystem is not None
        and survey.ecosystem.lead_federation_id == user.organisation_id
    )


def editable_survey_or_404(user: Any, survey_id: int) -> Survey:
    """A survey the user may edit (else 404 out of scope, 403 in scope)."""
    survey = survey_or_404(user, survey_id)
    if not can_edit_survey(user, survey):
        abort(403)
    return survey


def question_or_404(survey: Survey, question_id: int) -> SurveyQuestion:
    return get_or_404(
        select(SurveyQuestion).where(
            SurveyQuestion.id == question_id, SurveyQuestion.survey_id == survey.id
        )
    )


# --- answering ----------------------------------------------------------------------------------


def invitation_scope(user: Any):
    """WHERE clause on SurveyInvitation: those the user answers (their organisation's, or
    addressed to them)."""
    if not signed_in(user) or user.organisation_id is None:
        return false()
    return (SurveyInvitation.organisation_id == user.organisation_id) & (
        SurveyInvitation.user_id.is_(None) | (SurveyInvitation.user_id == user.id)
    )


def invitation_or_404(user: Any, invitation_id: int) -> SurveyInvitation:
    return get_or_404(
        select(SurveyInvitation).where(SurveyInvitation.id == invitation_id, invitation_scope(user))
    )


def invitation_recipients(invitations: list[SurveyInvitation]) -> Select:
    """SELECT of the active users told of these invitations: those they are addressed to,
    and the users of the organisations of the others (group them by ``organisation_id``)."""
    users = [i.user_id for i in invitations if i.user_id is not None]
    organisations = {i.organisation_id for i in invitations if i.user_id is None}
    return (
        select(User)
        .where(
            User.active.is_(True),
            or_(User.id.in_(users), User.organisation_id.in_(organisations)),
        )
        .order_by(User.id)
    )


# --- results ------------------------------------------------------------------------------------


def can_read_results(user: Any) -> bool:
    return has_permission(user, Permission.VIEW_SURVEY_RESULTS)


def result_scope(user: Any):
    """WHERE clause on SurveyInvitation: the answers whose results the user reads."""
    if not can_read_results(user):
        return false()
    if has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS):
        return true()
    if has_role(user, Role.FEDERATION_STAFF):
        return SurveyInvitation.ecosystem_id.in_(led_ecosystem_ids(user))
    return SurveyInvitation.service_id == user.organisation_id


def result_scope_key(user: Any) -> str:
    """A name of the user's result scope (the cache keeps results per scope)."""
    if has_permission(user, Permission.MONITOR_ALL_ECOSYSTEMS):
        return "all"
    if has_role(user, Role.FEDERATION_STAFF):
        return f"federation-{user.organisation_id}"
    return f"service-{user.organisation_id}"
