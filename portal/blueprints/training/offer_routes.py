"""Institutes' training offers, and planning a session from a demand cell and an offer."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.authz import P, permission_required, signed_in_required
from portal.authz.training import (
    can_edit_offer,
    can_publish_offers,
    own_offer_or_404,
    planning_ecosystem_or_404,
)
from portal.blueprints import signed_in_user
from portal.blueprints.training import bp
from portal.blueprints.training.common import demand_cell_or_404, page_args
from portal.blueprints.training.offers_forms import OFFER_LANGUAGES, OfferForm, PlanForm
from portal.bounds import query_int
from portal.fragments import kept_fragment, query_key
from portal.i18n import localized
from portal.models import Modality, Organisation, TrainingOffer, TrainingTopic
from portal.models.reference import REGIONS
from portal.services.cache import View
from portal.services.training import offers as service
from portal.services.training.common import TrainingError
from portal.services.training.topics import offerable_topics, topics_by_number

# The offers list's filters, count, rows and pager as HTML, the same for every viewer but
# institutes (their own unpublished offers, their edit links), kept until a table they were
# read from changes (issue 11). The viewer's organisation is read before, and a row's topic
# may come from the session without a statement: they are in depends_on.
OFFERS_HTML = View("training-offers-html", depends_on=(Organisation, TrainingTopic))

# --- offers ----------------------------------------------------------------------------------


@bp.route("/offers")
@signed_in_required
def offers():
    """Published offers, filtered by topic, region and modality; an institute also sees its
    own unpublished ones."""
    me = signed_in_user()
    filters = {
        "topic": query_int(request.args, "topic"),
        "region": request.args.get("region", ""),
        "modality": request.args.get("modality", ""),
    }
    can_publish = can_publish_offers(me)

    def results() -> dict:
        page = service.offers_page(me, **filters, **page_args())
        return {
            "pagination": page,
            "editable": {offer.id for offer in page.items if can_edit_offer(me, offer)},
            "languages": OFFER_LANGUAGES,
            "filters": filters,
            "topic_options": [(str(t.id), localized(t, "name")) for t in topics_by_number()],
            "region_options": [(code, str(label)) for code, label in REGIONS.items()],
            "modality_options": [(m.value, m.label) for m in Modality],
        }

    return render_template(
        "training/offers.html",
        can_publish=can_publish,
        results=kept_fragment(
            OFFERS_HTML,
            # an institute also sees and edits its own unpublished offers; the others share one
            (can_publish, me.organisation_id if can_publish else None, *query_key()),
            "training/_offers_results.html",
            results,
        ),
    )


@bp.route("/offers/new", methods=["GET", "POST"], defaults={"offer_id": None})
@bp.route("/offers/<int:offer_id>/edit", methods=["GET", "POST"])
@permission_required(P.PUBLISH_TRAINING_OFFERS)
def edit_offer(offer_id: int | None):
    """An institute publishes an offer, or edits one of its own (guarded by its version)."""
    me = signed_in_user()
    offer = None if offer_id is None else own_offer_or_404(me, offer_id)
    form = OfferForm(obj=offer, topics=offerable_topics(offer.topic_id if offer else None))
    if offer is not None and not form.is_submitted():
        form.fill_from(offer)
    if form.validate_on_submit():
        offer = service.save_offer(me, offer, form.changes(), form.version.data)
        if offer.active:
            flash(_("The offer is saved and published."), "success")
        else:
            flash(_("The offer is saved; it is not published."), "success")
        return redirect(url_for("training.offers"))
    status = 422 if form.is_submitted() else 200
    return render_template("training/offers_edit.html", form=form, offer=offer), status


# --- matching and planning -------------------------------------------------------------------


@bp.route("/plan", methods=["GET", "POST"])
@permission_required(P.PLAN_TRAINING_SESSIONS)
def plan():
    """The needs behind a demand cell, the offers that fit it best first (and why), and
    planning a session from one of them; the companies whose needs it serves are invited."""
    me = signed_in_user()
    ecosystem_id = query_int(request.args, "ecosystem") or abort(404)
    topic, region, quarter = demand_cell_or_404()
    ecosystem = planning_ecosystem_or_404(me, ecosystem_id)
    cell = service.cell_plan(me, topic, region, quarter, ecosystem)
    form = PlanForm(offers=cell.offers)
    if not form.is_submitted() and cell.matches:
        form.propose(cell.offers[0], cell.people)
    if form.validate_on_submit():
        offer = next(offer for offer in cell.offers if offer.id == form.offer_id.data)
        if not cell.needs:
            flash(_("No validated need is left in this cell: there is nothing to plan."), "danger")
            return redirect(request.full_path)
        if form.seats.data > offer.capacity:
            form.seats.errors.append(
                _("This offer takes at most %(capacity)s participants.", capacity=offer.capacity)
            )
        else:
            return plan_from(form, offer, cell, ecosystem.id, region, quarter)
    return render_template(
        "training/plan.html",
        form=form,
        topic=topic,
        region=region,
        quarter=quarter,
        ecosystem=ecosystem,
        needs=cell.needs,
        people=cell.people,
        modality=cell.modality,
        matches=cell.explained(region),
        best_score=service.BEST_SCORE,
    ), 422 if form.is_submitted() else 200


def plan_from(
    form: PlanForm,
    offer: TrainingOffer,
    cell: service.CellPlan,
    ecosystem_id: int,
    region: str,
    quarter: str,
) -> Any:
    """Plan the session the valid form describes, and invite the companies it serves."""
    try:
        planned = service.plan_session(
            signed_in_user(),
            offer=offer,
            ecosystem_id=ecosystem_id,
            region=region,
            quarter=quarter,
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
            place=form.place.data.strip(),
            seats=form.seats.data,
            needs=cell.needs,
            kept_until=form.seats_kept_until.data or "default",
        )
    except TrainingError as error:
        flash(str(error), "danger")
        return redirect(request.full_path)
    service.invite_companies(planned, cell.needs)
    flash(_("The session is planned; the companies whose needs it serves are invited."), "success")
    return redirect(url_for("training.session", session_id=planned.id))
