"""The directory of quality experts, one profile, and the signed-in user's own profile."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.blueprints.experts import bp
from portal.blueprints.experts.forms import (
    ExpertProfileForm,
    directory_filters,
    sector_choices,
)
from portal.bounds import page_number
from portal.models import Availability, CompetencyKind
from portal.models.reference import EXPERT_LANGUAGES, MANAGEMENT_STANDARDS, QUALITY_TOPICS, REGIONS
from portal.services import experts

REFERENCE = {
    "standards": MANAGEMENT_STANDARDS,
    "topics": QUALITY_TOPICS,
    "regions": REGIONS,
    "expert_languages": EXPERT_LANGUAGES,
    "availabilities": list(Availability),
    "CompetencyKind": CompetencyKind,
}


@bp.route("/")
@login_required
def directory():
    """The visible experts, filtered by competency, region, language, availability or name."""
    sectors = experts.sectors()
    filters = directory_filters(request.args, sectors)
    pagination = experts.directory_page(
        filters,
        page=page_number(request.args),
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template(
        "experts/list.html", pagination=pagination, filters=filters, sectors=sectors, **REFERENCE
    )


@bp.route("/<int:expert_id>")
@login_required
def detail(expert_id: int):
    """One expert's profile; hidden and deleted ones are shown to their owner only."""
    user = current_user._get_current_object()
    expert = experts.expert_for_viewer_or_404(user, expert_id)
    return render_template(
        "experts/detail.html",
        expert=expert,
        is_owner=expert.user_id == user.id,
        sectors=experts.sectors(),
        **REFERENCE,
    )


@bp.route("/me", methods=["GET", "POST"])
@login_required
def own_profile():
    """Create, edit or create again one's own expert profile."""
    user = current_user._get_current_object()
    expert = experts.own_profile(user)
    sectors = experts.sectors()
    form = ExpertProfileForm() if request.method == "POST" else ExpertProfileForm(obj=expert)
    form.sectors.choices = sector_choices(sectors)
    if not form.is_submitted():
        if expert is not None:
            form.fill_from(expert)
        else:
            form.full_name.data = user.full_name
            form.contact_email.data = user.email
            form.region.data = user.organisation.region if user.organisation else ""
            form.languages.data = [user.preferred_locale or "fr"]
            form.availability.data = Availability.AVAILABLE.value
            form.visible.data = True
            form.version.data = ""
    if form.validate_on_submit():
        saved = experts.save_own_profile(
            user, form.version.data, form.profile_data(user.organisation_id)
        )
        flash(_("Your expert profile is saved."), "success")
        return redirect(url_for("experts.detail", expert_id=saved.id))
    status = 422 if form.is_submitted() else 200
    return render_template("experts/edit.html", form=form, expert=expert), status


@bp.route("/me/delete", methods=["POST"])
@login_required
def delete_own_profile():
    """Delete one's own profile (kept in the database, and restored if created again)."""
    if not experts.delete_own_profile(current_user._get_current_object()):
        abort(404)
    flash(_("Your expert profile is deleted. You can create it again at any time."), "success")
    return redirect(url_for("experts.own_profile"))
