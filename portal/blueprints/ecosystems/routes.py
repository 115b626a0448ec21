"""Ecosystem pages: public description and figures, editing, joining, members, decisions."""

from __future__ import annotations

from dataclasses import astuple

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import (
    Permission,
    any_permission_required,
    can_edit_ecosystems,
    can_manage_members,
    can_open_ecosystem_tools,
    ecosystem_or_404,
    managed_membership_or_404,
    members_ecosystem_or_404,
    permission_required,
    public,
    signed_in_required,
    visible_organisation_ids,
)
from portal.blueprints import signed_in_user
from portal.blueprints.ecosystems import bp
from portal.blueprints.ecosystems.forms import DecisionForm, EcosystemForm
from portal.bounds import page_number
from portal.downloads import table_download
from portal.fragments import kept_fragment
from portal.i18n import localized
from portal.models import (
    Complaint,
    Ecosystem,
    EcosystemStatus,
    Membership,
    MembershipStatus,
    Organisation,
    User,
)
from portal.services import complaints, directory, first_users
from portal.services.cache import View
from portal.services.ecosystems import memberships, records
from portal.services.ecosystems.summaries import ecosystem_summary, latest_conventions
from portal.services.exports import member_export

# The member lists' results and the pending requests as HTML, per viewer, filters and
# language, kept until a table they were rendered from changes (portal.fragments).
MEMBERS_HTML = View("members-html", depends_on=(User, Organisation, Ecosystem, Membership))
REQUESTS_HTML = View("requests-html", depends_on=(User, Organisation, Ecosystem, Membership))


@bp.route("/<slug>")
@public
def show(slug: str):
    """The public page of an ecosystem: what it is, its federation, its members' figures."""
    ecosystem = ecosystem_or_404(slug)
    user = signed_in_user()
    standing = None
    if user.is_authenticated:
        standing = memberships.standing(user.organisation, ecosystem)
    conventions, more_conventions = latest_conventions(ecosystem)
    return render_template(
        "ecosystems/show.html",
        ecosystem=ecosystem,
        conventions=conventions,
        more_conventions=more_conventions,
        summary=ecosystem_summary(ecosystem),
        answer_times=complaints.answer_times(Complaint.ecosystem_id, [ecosystem.id], clock.today())[
            ecosystem.id
        ],
        membership=standing.membership if standing else None,
        can_join=standing.can_join if standing else False,
        can_open_tools=can_open_ecosystem_tools(user, ecosystem),
        can_manage=can_manage_members(user, ecosystem),
        can_edit=can_edit_ecosystems(user),
    )


def _values(form: EcosystemForm) -> dict:
    return {name: getattr(form, name).data for name in records.EDITABLE}


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_ECOSYSTEMS)
def create():
    """Create an ecosystem (administrators and ministry officers)."""
    form = EcosystemForm(federations=records.federations())
    if not form.is_submitted():
        form.status.data = EcosystemStatus.ACTIVE.value
    if form.validate_on_submit():
        try:
            ecosystem = records.create_ecosystem(_values(form), EcosystemStatus(form.status.data))
        except records.SlugTaken as error:
            form.slug.errors.append(str(error))
        else:
            flash(_("The ecosystem is created."), "success")
            return redirect(url_for("ecosystems.show", slug=ecosystem.slug))
    status = 422 if form.is_submitted() else 200
    return render_template("ecosystems/edit.html", form=form, ecosystem=None), status


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_ECOSYSTEMS)
def edit(slug: str):
    """Edit an ecosystem; a save based on an older version is refused."""
    ecosystem = ecosystem_or_404(slug)
    form = EcosystemForm(obj=ecosystem, federations=records.federations())
    if not form.is_submitted():
        form.status.data = ecosystem.status.value
        form.version.data = ecosystem.version
    if form.validate_on_submit():
        try:
            records.update_ecosystem(
                ecosystem, form.version.data, _values(form), EcosystemStatus(form.status.data)
            )
        except records.SlugTaken as error:
            form.slug.errors.append(str(error))
        else:
            flash(_("The ecosystem is saved."), "success")
            return redirect(url_for("ecosystems.show", slug=ecosystem.slug))
    status = 422 if form.is_submitted() else 200
    return render_template("ecosystems/edit.html", form=form, ecosystem=ecosystem), status


@bp.route("/<slug>/join", methods=["POST"])
@signed_in_required
def join(slug: str):
    """Ask, for one's organisation, to join the ecosystem."""
    ecosystem = ecosystem_or_404(slug)
    try:
        memberships.request_membership(signed_in_user().organisation, ecosystem)
    except memberships.MembershipRefused as error:
        flash(str(error), "danger")
        return redirect(url_for("ecosystems.show", slug=slug))
    flash(
        _("Your request is sent. The federation will answer it; you will be notified."), "success"
    )
    return redirect(url_for("ecosystems.show", slug=slug))


@bp.route("/<slug>/members")
@any_permission_required(Permission.MANAGE_MEMBERS, Permission.MONITOR_ALL_ECOSYSTEMS)
def members(slug: str):
    """The ecosystem's members with filters, sorting and pagination."""
    user = signed_in_user()
    ecosystem = members_ecosystem_or_404(user, slug, manage=False)
    filters = directory.Filters.from_args(request.args)
    can_manage = can_manage_members(user, ecosystem)

    def results() -> dict:
        page = directory.members_page(ecosystem, filters, current_app.config["PAGE_SIZE"])
        return {
            "ecosystem": ecosystem,
            "filters": filters,
            "pagination": page,
            "can_manage": can_manage,
            # Members without an account: the federation invites their first user (one query).
            "with_users": first_users.organisations_with_users(
                m.organisation_id for m in page.items
            )
            if can_manage
            else set(),
            # A membership that ended leaves the organisation's profile out of the staff's reach.
            "openable": visible_organisation_ids(user, [m.organisation_id for m in page.items]),
        }

    return render_template(
        "ecosystems/members.html",
        ecosystem=ecosystem,
        can_manage=can_manage,
        results=kept_fragment(
            MEMBERS_HTML,
            (user.id, ecosystem.id, can_manage, *astuple(filters)),
            "ecosystems/_members_results.html",
            results,
        ),
    )


@bp.route("/<slug>/members.<fmt>")
@any_permission_required(Permission.MANAGE_MEMBERS, Permission.MONITOR_ALL_ECOSYSTEMS)
def export_members(slug: str, fmt: str):
    """The member list, with its filters, as CSV or XLSX."""
    user = signed_in_user()
    if fmt not in ("csv", "xlsx"):
        abort(404)
    ecosystem = members_ecosystem_or_404(user, slug, manage=False)
    filters = directory.Filters.from_args(request.args)
    headers, lines = member_export(directory.members_export(ecosystem, filters))
    return table_download(fmt, f"membres-{ecosystem.slug}", headers, lines, ecosystem.slug)


@bp.route("/<slug>/requests")
@permission_required(Permission.MANAGE_MEMBERS)
def requests(slug: str):
    """Pending membership requests of an ecosystem the user's federation leads."""
    user = signed_in_user()
    ecosystem = members_ecosystem_or_404(user, slug, manage=True)
    filters = directory.Filters(
        status=MembershipStatus.REQUESTED.value,
        sort="-created",
        page=page_number(request.args),
    )

    def results() -> dict:
        page = directory.members_page(ecosystem, filters, current_app.config["PAGE_SIZE"])
        return {"ecosystem": ecosystem, "pagination": page}

    return render_template(
        "ecosystems/requests.html",
        ecosystem=ecosystem,
        results=kept_fragment(
            REQUESTS_HTML,
            (user.id, ecosystem.id, filters.page),
            "ecosystems/_requests_results.html",
            results,
        ),
    )


@bp.route("/memberships/<int:membership_id>/decision", methods=["POST"])
@permission_required(Permission.MANAGE_MEMBERS)
def decide(membership_id: int):
    """Approve, reject, suspend, reinstate or end a membership."""
    user = signed_in_user()
    membership = managed_membership_or_404(user, membership_id)
    form = DecisionForm()
    back = request.form.get("back")
    target = (
        url_for("ecosystems.members", slug=membership.ecosystem.slug)
        if back == "members"
        else url_for("ecosystems.requests", slug=membership.ecosystem.slug)
    )
    if not form.validate_on_submit():
        flash(_("The decision could not be read. Try again."), "danger")
        return redirect(target)
    try:
        memberships.decide_membership(membership, form.decision.data, form.reason.data, user)
    except memberships.MembershipRefused as error:
        flash(str(error), "danger")
        return redirect(target)
    flash(
        _(
            "%(organisation)s: %(status)s.",
            organisation=localized(membership.organisation, "name"),
            status=membership.status.label,
        ),
        "success",
    )
    return redirect(target)
