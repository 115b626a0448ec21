"""The directory of quality experts, one profile, and the signed-in user's own profile."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.authz import signed_in_required
from portal.authz.experts import expert_or_404, owns_profile
from portal.blueprints import signed_in_user
from portal.blueprints.experts import bp
from portal.blueprints.experts.forms import (
    ExpertProfileForm,
    directory_filters,
    sector_choices,
)
from portal.bounds import page_number
from portal.fragments import kept_fragment, query_key
from portal.models import Availability, CompetencyKind, Ecosystem, Organisation
from portal.models.reference import EXPERT_LANGUAGES, MANAGEMENT_STANDARDS, QUALITY_TOPICS, REGIONS
from portal.services import experts
from portal.services.cache import View

REFERENCE = {
    "standards": MANAGEMENT_STANDARDS,
    "topics": QUALITY_TOPICS,
    "regions": REGIONS,
    "expert_languages": EXPERT_LANGUAGES,
    "availabilities": list(Availability),
    "CompetencyKind": CompetencyKind,
}

# The directory's filters, count, experts and pager as HTML, the same for every signed-in
# user, kept until a table they were read from changes (issue 11). The filters are checked
# against the sectors (the ecosystems) read there; an expert's organisation may be the
# viewer's, read before: the ecosystems and organisations are in depends_on.
DIRECTORY_HTML = View("experts-directory-html", depends_on=(Ecosystem, Organisation))


@bp.route("/")
@signed_in_required
def directory():
    """The visible experts, filtered by competency, region, language, availability or name."""
    page = page_number(request.args)

    def results() -> dict:
        sectors = experts.sectors()
        filters = directory_filters(request.args, sectors)
        pagination = experts.directory_page(
            filters, page=page, per_page=current_app.config["PAGE_SIZE"]
        )
        return {"pagination": pagination, "filters": filters, "sectors": sectors, **REFERENCE}

    return render_template(
        "experts/list.html",
        results=kept_fragment(DIRECTORY_HTML, query_key(), "experts/_list_results.html", results),
    )


@bp.route("/<int:expert_id>")
@signed_in_required
def detail(expert_id: int):
    """One expert's profile; hidden and deleted ones are shown to their owner only."""
    user = signed_in_user()
    expert = expert_or_404(user, expert_id)
    return render_template(
        "experts/detail.html",
        expert=expert,
        is_owner=owns_profile(user, expert),
        sectors=experts.sectors(),
        **REFERENCE,
    )


@bp.route("/me", methods=["GET", "POST"])
@signed_in_required
def own_profile():
    """Create, edit or create again one's own expert profile."""
    user = signed_in_user()
    expert = experts.own_profile(user)
    sectors = experts.sectors()
    form = ExpertProfileForm() if request.method == "POST" else ExpertProfileForm(obj=expert)
    form.sectors.choices = sector_choices(sectors)
    if not form.is_submitted():
        if expert is not None:
            form.fill_from(expert)
        else:
            form.fill_for_new(user)
    if form.validate_on_submit():
        saved = experts.save_own_profile(
            user, form.version.data, form.profile_data(user.organisation_id)
        )
        flash(_("Your expert profile is saved."), "success")
        return redirect(url_for("experts.detail", expert_id=saved.id))
    status = 422 if form.is_submitted() else 200
    return render_template("experts/edit.html", form=form, expert=expert), status


@bp.route("/me/delete", methods=["POST"])
@signed_in_required
def delete_own_profile():
    """Delete one's own profile (kept in the database, and restored if created again)."""
    if not experts.delete_own_profile(signed_in_user()):
        abort(404)
    flash(_("Your expert profile is deleted. You can create it again at any time."), "success")
    return redirect(url_for("experts.own_profile"))
