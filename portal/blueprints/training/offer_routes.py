"""Institutes' training offers, and planning a session from a demand cell and an offer."""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from portal.authz import (
    Permission,
    get_or_404,
    permission_required,
)
from portal.blueprints.training import bp
from portal.blueprints.training.offers_forms import (
    OFFER_LANGUAGES,
    OfferForm,
    PlanForm,
)
from portal.blueprints.training.sessions_routes import (
    BEST_SCORE,
    QUARTER,
    bilingual_date,
    tell,
    user,
)
from portal.bounds import page_number, query_int
from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Ecosystem,
    Modality,
    Role,
    TrainingNeed,
    TrainingOffer,
    TrainingTopic,
)
from portal.models.reference import REGIONS
from portal.services import training as service
from portal.services.editing import apply_edit
from portal.services.notifications import bilingual
from portal.services.paging import paginate

# --- offers ----------------------------------------------------------------------------------


@bp.route("/offers")
@login_required
def offers():
    """Published offers, filtered by topic, region and modality; an institute also sees its
    own unpublished ones."""
    topic = query_int(request.args, "topic")
    region = request.args.get("region", "")
    modality = request.args.get("modality", "")
    visible = TrainingOffer.active.is_(True)
    if current_user.role == Role.INSTITUTE_USER:
        visible = or_(visible, TrainingOffer.institute_id == current_user.organisation_id)
    query = select(TrainingOffer).where(visible).order_by(TrainingOffer.topic_id, TrainingOffer.id)
    if topic:
        query = query.where(TrainingOffer.topic_id == topic)
    if region in REGIONS:
        query = query.where(TrainingOffer.regions.contains(region))
    if modality in {m.value for m in Modality}:
        query = query.where(TrainingOffer.modality == Modality(modality))
    page = paginate(query, page=page_number(request.args), per_page=current_app.config["PAGE_SIZE"])
    topics = db.session.execute(select(TrainingTopic).order_by(TrainingTopic.id)).scalars()
    return render_template(
        "training/offers.html",
        pagination=page,
        filters={"topic": topic, "region": region, "modality": modality},
        topic_options=[(str(t.id), localized(t, "name")) for t in topics],
        region_options=[(code, str(label)) for code, label in REGIONS.items()],
        modality_options=[(m.value, m.label) for m in Modality],
        languages=OFFER_LANGUAGES,
        can_publish=current_user.role == Role.INSTITUTE_USER,
    )


@bp.route("/offers/new", methods=["GET", "POST"], defaults={"offer_id": None})
@bp.route("/offers/<int:offer_id>/edit", methods=["GET", "POST"])
@permission_required(Permission.PUBLISH_TRAINING_OFFERS)
def edit_offer(offer_id: int | None):
    """An institute publishes an offer, or edits one of its own (guarded by its version)."""
    offer = None
    if offer_id is not None:
        offer = get_or_404(
            select(TrainingOffer).where(
                TrainingOffer.id == offer_id,
                TrainingOffer.institute_id == current_user.organisation_id,
            )
        )
    offered = TrainingTopic.active.is_(True)
    if offer is not None:
        offered = or_(offered, TrainingTopic.id == offer.topic_id)
    topics = db.session.execute(
        select(TrainingTopic).where(offered).order_by(TrainingTopic.id)
    ).scalars()
    form = OfferForm(obj=offer, topics=topics)
    if offer is not None and not form.is_submitted():
        form.fill_from(offer)
    if form.validate_on_submit():
        if offer is None:
            offer = TrainingOffer(institute_id=current_user.organisation_id, **form.changes())
            db.session.add(offer)
            db.session.flush()
        else:
            apply_edit(offer, form.version.data, form.changes())
        if offer.active:
            flash(_("The offer is saved and published."), "success")
        else:
            flash(_("The offer is saved; it is not published."), "success")
        return redirect(url_for("training.offers"))
    status = 422 if form.is_submitted() else 200
    return render_template("training/offers_edit.html", form=form, offer=offer), status


# --- matching and planning -------------------------------------------------------------------


def plan_cell_or_404() -> tuple[TrainingTopic, str, str, Ecosystem]:
    """The demand cell of the query string, in an ecosystem the user plans for, else 404."""
    topic_id = query_int(request.args, "topic")
    region = request.args.get("region", "")
    quarter = request.args.get("quarter", "")
    ecosystem_id = query_int(request.args, "ecosystem")
    if not topic_id or not ecosystem_id or region not in REGIONS or not QUARTER.match(quarter):
        abort(404)
    topic = get_or_404(select(TrainingTopic).where(TrainingTopic.id == topic_id))
    ecosystems = select(Ecosystem).where(Ecosystem.id == ecosystem_id)
    if current_user.role != Role.ADMIN:
        ecosystems = ecosystems.where(Ecosystem.lead_federation_id == current_user.organisation_id)
    return topic, region, quarter, get_or_404(ecosystems)


def preferred_modality(needs: list[TrainingNeed]) -> Modality | None:
    """The modality most of the cell's people asked for."""
    people: Counter = Counter()
    for need in needs:
        people[need.modality] += need.people
    return people.most_common(1)[0][0] if people else None


def explain(offer: TrainingOffer, score: int, region: str, people: int, modality: Any) -> dict:
    """Why an offer fits the cell: the region, the modality and the capacity."""
    if offer.capacity >= people:
        capacity = "enough"
    elif offer.capacity * 2 >= people:
        capacity = "half"
    else:
        capacity = "short"
    return {
        "offer": offer,
        "score": score,
        "serves_region": offer.serves(region),
        "modality_fits": None if modality is None else offer.modality == modality,
        "capacity": capacity,
    }


@bp.route("/plan", methods=["GET", "POST"])
@permission_required(Permission.PLAN_TRAINING_SESSIONS)
def plan():
    """The needs behind a demand cell, the offers that fit it best first (and why), and
    planning a session from one of them; the companies whose needs it serves are invited."""
    topic, region, quarter, ecosystem = plan_cell_or_404()
    needs = [
        need
        for need in service.cell_needs(current_user, topic.id, region, quarter)
        if need.ecosystem_id == ecosystem.id
    ]
    people = sum(need.people for need in needs)
    modality = preferred_modality(needs)
    matches = service.matching_offers(topic.id, region, people, modality)
    form = PlanForm(offers=[offer for offer, _score in matches])
    if not form.is_submitted() and matches:
        best = matches[0][0]
        form.offer_id.data = best.id
        form.seats.data = min(best.capacity, people) if people else best.capacity
    if form.validate_on_submit():
        offer = next(offer for offer, _score in matches if offer.id == form.offer_id.data)
        if not needs:
            flash(_("No validated need is left in this cell: there is nothing to plan."), "danger")
            return redirect(request.full_path)
        if form.seats.data > offer.capacity:
            form.seats.errors.append(
                _("This offer takes at most %(capacity)s participants.", capacity=offer.capacity)
            )
        else:
            try:
                planned = service.plan_session(
                    user(),
                    offer=offer,
                    ecosystem_id=ecosystem.id,
                    region=region,
                    quarter=quarter,
                    starts_on=form.starts_on.data,
                    ends_on=form.ends_on.data,
                    place=form.place.data.strip(),
                    seats=form.seats.data,
                    needs=needs,
                )
            except service.TrainingError as error:
                flash(str(error), "danger")
                return redirect(request.full_path)
            link = url_for("training.session", session_id=planned.id)
            tell(
                (need.organisation_id for need in needs),
                "training_session_planned",
                {"topic": bilingual(topic), "date": bilingual_date(planned.starts_on)},
                link,
            )
            flash(
                _("The session is planned; the companies whose needs it serves are invited."),
                "success",
            )
            return redirect(link)
    return render_template(
        "training/plan.html",
        form=form,
        topic=topic,
        region=region,
        quarter=quarter,
        ecosystem=ecosystem,
        needs=needs,
        people=people,
        modality=modality,
        matches=[explain(o, score, region, people, modality) for o, score in matches],
        best_score=BEST_SCORE,
    ), 422 if form.is_submitted() else 200
