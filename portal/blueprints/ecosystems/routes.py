"""Ecosystem pages: public description and figures, editing, joining, members, decisions."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.authz import (
    Permission,
    any_permission_required,
    can_manage_members,
    ecosystem_or_404,
    managed_membership_or_404,
    members_ecosystem_or_404,
    permission_required,
    visible_organisation_ids,
)
from portal.blueprints.ecosystems import bp
from portal.blueprints.ecosystems.forms import DecisionForm, EcosystemForm
from portal.bounds import page_number
from portal.downloads import table_download
from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    MEMBERSHIP_ROLE_OF_KIND,
    Convention,
    ConventionStatus,
    Ecosystem,
    EcosystemStatus,
    MembershipStatus,
    Organisation,
    OrganisationKind,
)
from portal.services import directory, first_users, onboarding
from portal.services.dashboard import ecosystem_summary
from portal.services.editing import apply_edit
from portal.services.exports import member_export

EDITABLE = (
    "name_fr",
    "name_ar",
    "slug",
    "sector_fr",
    "sector_ar",
    "description_fr",
    "description_ar",
    "lead_federation_id",
    "launch_date",
)


def _federations() -> list[Organisation]:
    return list(
        db.session.execute(
            select(Organisation)
            .where(Organisation.kind == OrganisationKind.FEDERATION)
            .order_by(Organisation.name_fr)
        ).scalars()
    )


RESERVED_SLUGS = {"new", "memberships"}


def _slug_taken(slug: str, ecosystem_id: int | None = None) -> bool:
    if slug in RESERVED_SLUGS:
        return True
    query = (
        select(Ecosystem.id).where(Ecosystem.slug == slug).execution_options(include_deleted=True)
    )
    if ecosystem_id is not None:
        query = query.where(Ecosystem.id != ecosystem_id)
    return db.session.execute(query).first() is not None


@bp.route("/<slug>")
def show(slug: str):
    """The public page of an ecosystem: what it is, its federation, its members' figures."""
    ecosystem = ecosystem_or_404(slug)
    membership = None
    can_join = False
    if current_user.is_authenticated:
        organisation = current_user.organisation
        membership = onboarding.membership_of(organisation, ecosystem)
        if membership is not None and membership.deleted_at is not None:
            membership = None
        can_join = organisation.kind in MEMBERSHIP_ROLE_OF_KIND and (
            membership is None
            or membership.status in (MembershipStatus.LEFT, MembershipStatus.REJECTED)
        )
    conventions = (
        db.session.execute(
            select(Convention)
            .where(
                Convention.ecosystem_id == ecosystem.id, Convention.status != ConventionStatus.DRAFT
            )
            .order_by(Convention.signed_on.desc(), Convention.id)
        )
        .scalars()
        .all()
    )
    return render_template(
        "ecosystems/show.html",
        ecosystem=ecosystem,
        conventions=conventions,
        summary=ecosystem_summary(ecosystem),
        membership=membership,
        can_join=can_join,
        can_manage=can_manage_members(current_user, ecosystem),
    )


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_ECOSYSTEMS)
def create():
    """Create an ecosystem (administrators and ministry officers)."""
    form = EcosystemForm(federations=_federations())
    if not form.is_submitted():
        form.status.data = EcosystemStatus.ACTIVE.value
    if form.validate_on_submit():
        if _slug_taken(form.slug.data):
            form.slug.errors.append(_("Another ecosystem already uses this short name."))
        else:
            ecosystem = Ecosystem(status=EcosystemStatus(form.status.data))
            for name in EDITABLE:
                setattr(ecosystem, name, getattr(form, name).data)
            db.session.add(ecosystem)
            db.session.flush()
            flash(_("The ecosystem is created."), "success")
            return redirect(url_for("ecosystems.show", slug=ecosystem.slug))
    status = 422 if form.is_submitted() else 200
    return render_template("ecosystems/edit.html", form=form, ecosystem=None), status


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_ECOSYSTEMS)
def edit(slug: str):
    """Edit an ecosystem; a save based on an older version is refused."""
    ecosystem = ecosystem_or_404(slug)
    form = EcosystemForm(obj=ecosystem, federations=_federations())
    if not form.is_submitted():
        form.status.data = ecosystem.status.value
        form.version.data = ecosystem.version
    if form.validate_on_submit():
        if _slug_taken(form.slug.data, ecosystem.id):
            form.slug.errors.append(_("Another ecosystem already uses this short name."))
        else:
            changes = {name: getattr(form, name).data for name in EDITABLE}
            changes["status"] = EcosystemStatus(form.status.data)
            apply_edit(ecosystem, form.version.data, changes)
            flash(_("The ecosystem is saved."), "success")
            return redirect(url_for("ecosystems.show", slug=ecosystem.slug))
    status = 422 if form.is_submitted() else 200
    return render_template("ecosystems/edit.html", form=form, ecosystem=ecosystem), status


@bp.route("/<slug>/join", methods=["POST"])
@login_required
def join(slug: str):
    """Ask, for one's organisation, to join the ecosystem."""
    ecosystem = ecosystem_or_404(slug)
    try:
        onboarding.request_membership(current_user.organisation, ecosystem)
    except onboarding.OnboardingError as error:
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
    ecosystem = members_ecosystem_or_404(current_user, slug, manage=False)
    filters = directory.Filters.from_args(request.args)
    page = directory.members_page(ecosystem, filters, current_app.config["PAGE_SIZE"])
    can_manage = can_manage_members(current_user, ecosystem)
    return render_template(
        "ecosystems/members.html",
        ecosystem=ecosystem,
        filters=filters,
        pagination=page,
        can_manage=can_manage,
        # Members without an account: the federation invites their first user (one query).
        with_users=first_users.organisations_with_users(m.organisation_id for m in page.items)
        if can_manage
        else set(),
        # A membership that ended leaves the organisation's profile out of the staff's reach.
        openable=visible_organisation_ids(current_user, [m.organisation_id for m in page.items]),
    )


@bp.route("/<slug>/members.<fmt>")
@any_permission_required(Permission.MANAGE_MEMBERS, Permission.MONITOR_ALL_ECOSYSTEMS)
def export_members(slug: str, fmt: str):
    """The member list, with its filters, as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    ecosystem = members_ecosystem_or_404(current_user, slug, manage=False)
    filters = directory.Filters.from_args(request.args)
    rows = directory.export_rows(directory.members_query(ecosystem, filters))
    headers, lines = member_export(rows)
    return table_download(fmt, f"membres-{ecosystem.slug}", headers, lines, ecosystem.slug)


@bp.route("/<slug>/requests")
@permission_required(Permission.MANAGE_MEMBERS)
def requests(slug: str):
    """Pending membership requests of an ecosystem the user's federation leads."""
    ecosystem = members_ecosystem_or_404(current_user, slug, manage=True)
    filters = directory.Filters(
        status=MembershipStatus.REQUESTED.value,
        sort="-created",
        page=page_number(request.args),
    )
    page = directory.members_page(ecosystem, filters, current_app.config["PAGE_SIZE"])
    return render_template(
        "ecosystems/requests.html", ecosystem=ecosystem, pagination=page, form=DecisionForm()
    )


@bp.route("/memberships/<int:membership_id>/decision", methods=["POST"])
@permission_required(Permission.MANAGE_MEMBERS)
def decide(membership_id: int):
    """Approve, reject, suspend, reinstate or end a membership."""
    membership = managed_membership_or_404(current_user, membership_id)
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
        onboarding.decide_membership(
            membership, form.decision.data, form.reason.data, current_user._get_current_object()
        )
    except onboarding.OnboardingError as error:
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
