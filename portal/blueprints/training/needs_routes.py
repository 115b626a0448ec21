"""Training pages of the topic catalogue, companies' needs and the demand they add up to:
the bilingual catalogue and its editing, declaring and editing a need, the federation's
decisions (validate, decline with a reason, merge a duplicate), the demand by topic × region
× quarter with its heat map, the needs behind a demand cell, and CSV/XLSX exports.

Needs are loaded through ``need_scope``: one the user may not see answers 404; a role with
no business with needs (institutes, infrastructure bodies) answers 403. Institutes see the
demand as counts only, never a company's name.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, select

from portal import clock
from portal.authz import (
    Permission,
    get_or_404,
    has_permission,
    need_scope,
    permission_required,
    roles_required,
)
from portal.blueprints.training import bp
from portal.blueprints.training.forms import (
    DECISIONS,
    NeedDecisionForm,
    NeedFilters,
    NeedForm,
    upcoming_quarters,
)
from portal.bounds import page_number
from portal.downloads import table_download
from portal.extensions import db
from portal.i18n import current_language, localized
from portal.models import (
    Ecosystem,
    JobCategory,
    Level,
    Modality,
    NeedStatus,
    Priority,
    Role,
    TrainingNeed,
    TrainingTopic,
    User,
)
from portal.models.base import utcnow
from portal.models.reference import REGIONS, region_label
from portal.services.certification.lookups import member_ecosystems
from portal.services.editing import apply_edit
from portal.services.notifications import bilingual, notify
from portal.services.onboarding import federation_staff, organisation_users
from portal.services.paging import paginate
from portal.services.training import TrainingError
from portal.urls import safe_next

TOPIC_EDITORS = (Role.ADMIN, Role.FEDERATION_STAFF)
NEED_DECIDERS = (Role.ADMIN, Role.FEDERATION_STAFF)
# Those who may see the companies behind a demand cell (never institutes).
CELL_READERS = (Role.ADMIN, Role.MINISTRY_OFFICER, Role.FEDERATION_STAFF)
OPEN_STATUSES = (NeedStatus.SUBMITTED, NeedStatus.VALIDATED)
# The decline reason of a need merged into another (shown translated, from merged_into_id).
MERGED = "merged"
HEAT_LEVELS = 5


def user() -> Any:
    """The signed-in user as a model object (for foreign keys and services)."""
    return current_user._get_current_object()


def tell_company(need: TrainingNeed, kind: str, **params: Any) -> None:
    """Notify the company's users of a decision on its need."""
    notify(
        organisation_users(need.organisation_id),
        kind,
        {"topic": bilingual(need.topic), "quarter": need.quarter, **params},
        url_for("training.needs"),
    )


def topic_list(*, active_only: bool) -> list[TrainingTopic]:
    """The catalogue in the page's language's alphabetical order."""
    name = TrainingTopic.name_ar if current_language() == "ar" else TrainingTopic.name_fr
    query = select(TrainingTopic).order_by(name, TrainingTopic.id)
    if active_only:
        query = query.where(TrainingTopic.active.is_(True))
    return list(db.session.execute(query).scalars())


# --- needs: lists ----------------------------------------------------------------------------


def need_or_404(need_id: int) -> TrainingNeed:
    """A need the current user may see, else 404."""
    return get_or_404(
        select(TrainingNeed).where(need_scope(current_user), TrainingNeed.id == need_id)
    )


def needs_query(filters: NeedFilters) -> Select:
    """The needs the user may see, filtered, newest first."""
    query = select(TrainingNeed).where(need_scope(current_user))
    if filters.status:
        query = query.where(TrainingNeed.status == NeedStatus(filters.status))
    if filters.topic:
        query = query.where(TrainingNeed.topic_id == filters.topic)
    if filters.region:
        query = query.where(TrainingNeed.region == filters.region)
    if filters.quarter:
        query = query.where(TrainingNeed.quarter == filters.quarter)
    if filters.ecosystem:
        query = query.where(TrainingNeed.ecosystem_id == filters.ecosystem)
    return query.order_by(TrainingNeed.created_at.desc(), TrainingNeed.id.desc())


def needs_ecosystems() -> dict[int, Ecosystem]:
    """The ecosystems of the needs the user may see, by id."""
    with_needs = select(TrainingNeed.ecosystem_id).where(need_scope(current_user))
    rows = db.session.execute(
        select(Ecosystem).where(Ecosystem.id.in_(with_needs)).order_by(Ecosystem.name_fr)
    ).scalars()
    return {ecosystem.id: ecosystem for ecosystem in rows}


def merge_targets(needs: list[TrainingNeed]) -> dict[int, list[TrainingNeed]]:
    """For each open need of a page, the other open needs of the same company, topic and
    quarter it may be merged into (one query for the page)."""
    open_needs = [need for need in needs if need.status in OPEN_STATUSES]
    if not open_needs:
        return {}
    candidates = db.session.execute(
        select(TrainingNeed)
        .where(
            need_scope(current_user),
            TrainingNeed.status.in_(OPEN_STATUSES),
            TrainingNeed.organisation_id.in_(sorted({n.organisation_id for n in open_needs})),
            TrainingNeed.topic_id.in_(sorted({n.topic_id for n in open_needs})),
            TrainingNeed.quarter.in_(sorted({n.quarter for n in open_needs})),
        )
        .order_by(TrainingNeed.id)
    ).scalars()
    groups: dict[tuple, list[TrainingNeed]] = defaultdict(list)
    for candidate in candidates:
        groups[(candidate.organisation_id, candidate.topic_id, candidate.quarter)].append(candidate)
    return {
        need.id: [
            other
            for other in groups[(need.organisation_id, need.topic_id, need.quarter)]
            if other.id != need.id
        ]
        for need in open_needs
    }


@bp.route("/needs")
@permission_required(Permission.VIEW_TRAINING_NEEDS)
def needs():
    """A company's needs; for federation staff, those of their ecosystems; all for the
    ministry and administrators. Filtered by status, topic, region, quarter and ecosystem."""
    filters = NeedFilters.from_args(request.args)
    page = paginate(
        needs_query(filters),
        page=page_number(request.args),
        per_page=current_app.config["PAGE_SIZE"],
    )
    items = list(page.items)
    can_decide = current_user.role in NEED_DECIDERS
    ecosystems = needs_ecosystems()
    quarters = db.session.execute(
        select(TrainingNeed.quarter)
        .distinct()
        .where(need_scope(current_user))
        .order_by(TrainingNeed.quarter)
    ).scalars()
    return render_template(
        "training/needs.html",
        pagination=page,
        needs=items,
        filters=filters,
        ecosystems=ecosystems,
        ecosystem_options=[(e.id, localized(e, "name")) for e in ecosystems.values()],
        topic_options=[(t.id, localized(t, "name")) for t in topic_list(active_only=False)],
        quarter_options=[(q, q) for q in quarters],
        status_options=[(s.value, s.label) for s in NeedStatus],
        merge_targets=merge_targets(items) if can_decide else {},
        decisions=DECISIONS,
        can_decide=can_decide,
        can_declare=has_permission(current_user, Permission.DECLARE_TRAINING_NEEDS),
        show_company=current_user.role != Role.SME_USER,
    )


@bp.route("/needs.<fmt>")
@permission_required(Permission.VIEW_TRAINING_NEEDS)
def export_needs(fmt: str):
    """The needs list, with its filters, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    filters = NeedFilters.from_args(request.args)
    ecosystems = needs_ecosystems()
    headers = [
        _("Number"),
        _("Ecosystem"),
        _("Company"),
        _("ICE"),
        _("Topic"),
        _("Who is to be trained"),
        _("Number of people"),
        _("Level"),
        _("Priority"),
        _("Preferred quarter"),
        _("Region"),
        _("Modality"),
        _("Status"),
        _("Reason"),
        _("Declared on"),
    ]
    rows = (
        [
            need.id,
            localized(ecosystems[need.ecosystem_id], "name")
            if need.ecosystem_id in ecosystems
            else "",
            localized(need.organisation, "name"),
            need.organisation.ice or "",
            localized(need.topic, "name"),
            need.job_category.label,
            need.people,
            need.level.label,
            need.priority.label,
            need.quarter,
            region_label(need.region),
            need.modality.label,
            need.status.label,
            decline_reason(need),
            need.created_at.date(),
        ]
        for need in db.session.execute(needs_query(filters)).scalars()
    )
    return table_download(fmt, "besoins-formation", headers, rows)


def decline_reason(need: TrainingNeed) -> str:
    """Why a need was declined, in the reader's language."""
    if need.merged_into_id is not None:
        return _("Merged into need no. %(number)s", number=need.merged_into_id)
    return need.decline_reason or ""


@bp.context_processor
def need_helpers() -> dict[str, Any]:
    """What the needs pages show of a declined need."""
    return {"decline_reason": decline_reason}


# --- needs: declaring and editing ------------------------------------------------------------


def need_values(form: NeedForm) -> dict[str, Any]:
    """The need's columns from a valid form."""
    return {
        "ecosystem_id": form.ecosystem_id.data,
        "topic_id": form.topic_id.data,
        "job_category": JobCategory(form.job_category.data),
        "people": form.people.data,
        "level": Level(form.level.data),
        "priority": Priority(form.priority.data),
        "quarter": form.quarter.data,
        "region": form.region.data,
        "modality": Modality(form.modality.data),
    }


@bp.route("/needs/new", methods=["GET", "POST"])
@roles_required(Role.SME_USER)
def new_need():
    """A company declares a training need in an ecosystem it is an active member of."""
    me = user()
    ecosystems = member_ecosystems(me.organisation_id)
    quarters = upcoming_quarters(clock.today())
    form = NeedForm(ecosystems=ecosystems, topics=topic_list(active_only=True), quarters=quarters)
    if not form.is_submitted():
        form.region.data = me.organisation.region if me.organisation.region in REGIONS else None
    if ecosystems and form.validate_on_submit():
        need = TrainingNeed(
            organisation_id=me.organisation_id, status=NeedStatus.SUBMITTED, **need_values(form)
        )
        db.session.add(need)
        db.session.flush()
        ecosystem = next(e for e in ecosystems if e.id == need.ecosystem_id)
        notify(
            federation_staff(ecosystem),
            "training_need_submitted",
            {
                "organisation": bilingual(me.organisation),
                "topic": bilingual(need.topic),
                "people": need.people,
                "quarter": need.quarter,
                "ecosystem": bilingual(ecosystem),
            },
            url_for("training.needs", ecosystem=ecosystem.id, status=NeedStatus.SUBMITTED.value),
        )
        flash(
            _("Your need is sent. The federation will study it; you will be notified."), "success"
        )
        return redirect(url_for("training.needs"))
    code = 422 if form.is_submitted() else 200
    return render_template(
        "training/needs_form.html", form=form, need=None, ecosystems=ecosystems
    ), code


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@roles_required(Role.SME_USER)
def edit_need(need_id: int):
    """The company changes its need while the federation has not studied it."""
    need = need_or_404(need_id)
    if need.status != NeedStatus.SUBMITTED:
        flash(_("The federation has studied this need: it can no longer be changed."), "warning")
        return redirect(url_for("training.needs"))
    ecosystems = member_ecosystems(need.organisation_id)
    if need.ecosystem_id not in {e.id for e in ecosystems}:
        # The company has left the ecosystem since: the need may stay where it was declared.
        ecosystems += db.session.execute(
            select(Ecosystem).where(Ecosystem.id == need.ecosystem_id)
        ).scalars()
    topics = topic_list(active_only=True)
    if need.topic_id not in {t.id for t in topics}:
        topics.append(need.topic)
    quarters = upcoming_quarters(clock.today())
    if need.quarter not in quarters:
        quarters.insert(0, need.quarter)
    form = NeedForm(obj=need, ecosystems=ecosystems, topics=topics, quarters=quarters)
    if not form.is_submitted():
        for name in ("job_category", "level", "priority", "modality"):
            getattr(form, name).data = getattr(need, name).value
        form.version.data = need.version
    if form.validate_on_submit():
        apply_edit(need, form.version.data, need_values(form))
        flash(_("Your need is saved."), "success")
        return redirect(url_for("training.needs"))
    code = 422 if form.is_submitted() else 200
    return render_template(
        "training/needs_form.html", form=form, need=need, ecosystems=ecosystems
    ), code


# --- needs: the federation's decisions -------------------------------------------------------


def _check_decision(need: TrainingNeed, decision: str) -> None:
    if need.status not in DECISIONS[decision]:
        raise TrainingError(
            _(
                "This decision does not apply to a need that is %(status)s.",
                status=need.status.label.lower(),
            )
        )


def validate_need(need: TrainingNeed, actor: User) -> None:
    """A submitted need is validated: it counts in the demand from now on."""
    _check_decision(need, "validate")
    need.status = NeedStatus.VALIDATED
    need.validated_by_id = actor.id
    need.validated_at = utcnow()
    db.session.flush()
    tell_company(need, "training_need_validated")


def decline_need(need: TrainingNeed, reason: str) -> None:
    """An open need is declined, with a reason the company sees."""
    _check_decision(need, "decline")
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(_("Give the reason; the company will see it."))
    need.status = NeedStatus.DECLINED
    need.decline_reason = reason
    db.session.flush()
    tell_company(need, "training_need_declined", reason=reason)


def merge_need(need: TrainingNeed, target_id: int | None, actor: User) -> TrainingNeed:
    """A duplicate is merged into another open need of the same company, topic and quarter:
    its people are added to the other, and it is declined as merged."""
    _check_decision(need, "merge")
    target = db.session.execute(
        select(TrainingNeed).where(
            need_scope(actor),
            TrainingNeed.id == (target_id or 0),
            TrainingNeed.id != need.id,
            TrainingNeed.status.in_(OPEN_STATUSES),
            TrainingNeed.organisation_id == need.organisation_id,
            TrainingNeed.topic_id == need.topic_id,
            TrainingNeed.quarter == need.quarter,
        )
    ).scalar()
    if target is None:
        raise TrainingError(
            _(
                "A need can only be merged into another open need of the same company, on the "
                "same topic and for the same quarter."
            )
        )
    target.people += need.people
    need.status = NeedStatus.DECLINED
    need.decline_reason = MERGED
    need.merged_into_id = target.id
    db.session.flush()
    tell_company(need, "training_need_merged", number=target.id)
    return target


@bp.route("/needs/<int:need_id>/decision", methods=["POST"])
@roles_required(*NEED_DECIDERS)
def decide_need(need_id: int):
    """Validate a need, decline it with a reason, or merge it into a duplicate."""
    need = need_or_404(need_id)
    form = NeedDecisionForm()
    back = redirect(safe_next(form.back.data, "training.needs"))
    if not form.validate_on_submit():
        flash(_("The decision could not be read. Try again."), "danger")
        return back
    try:
        if form.decision.data == "validate":
            validate_need(need, user())
            message = _("Need no. %(number)s is validated.", number=need.id)
        elif form.decision.data == "decline":
            decline_need(need, form.reason.data)
            message = _("Need no. %(number)s is declined.", number=need.id)
        else:
            target = merge_need(need, form.merge_into.data, user())
            message = _(
                "Need no. %(number)s is merged into need no. %(target)s, which now counts "
                "%(people)s people.",
                number=need.id,
                target=target.id,
                people=target.people,
            )
    except TrainingError as error:
        flash(str(error), "danger")
        return back
    flash(message, "success")
    return back
