"""Organisation profiles (kind-specific fields), accreditations and colleagues."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import (
    accreditation_or_404,
    can_edit_organisation,
    can_invite_first_user,
    can_list_organisations,
    can_manage_colleagues,
    colleague_or_404,
    colleagues_to_manage,
    get_organisation_or_404,
    infrastructure_to_edit,
    organisation_to_edit,
    organisation_to_invite_first_user,
    own_organisation_or_404,
    signed_in_required,
)
from portal.authz.complaints import may_concern
from portal.blueprints import signed_in_user
from portal.blueprints.organisations import bp
from portal.blueprints.organisations.forms import (
    AccreditationForm,
    FirstUserForm,
    InviteForm,
    OrganisationForm,
)
from portal.models import AccreditationStandard
from portal.services import colleagues as colleague_service
from portal.services import first_users
from portal.services import organisations as organisation_service
from portal.services import service_catalogue as catalogue
from portal.services.directory import memberships_by_organisation


@bp.route("/<int:organisation_id>")
@signed_in_required
def show(organisation_id: int):
    """An organisation's profile, for those who may see it."""
    user = signed_in_user()
    organisation = get_organisation_or_404(user, organisation_id)
    can_invite = can_invite_first_user(user, organisation)
    return render_template(
        "organisations/show.html",
        organisation=organisation,
        memberships=memberships_by_organisation([organisation.id]).get(organisation.id, []),
        accreditations=organisation_service.accreditations_of(organisation),
        can_edit=can_edit_organisation(user, organisation),
        can_manage_colleagues=can_manage_colleagues(user, organisation),
        can_list_organisations=can_list_organisations(user),
        can_invite=can_invite,
        accounts=first_users.accounts_of(organisation) if can_invite else None,
        today=clock.today(),
        complainable=may_concern(user, organisation),
    )


@bp.route("/<int:organisation_id>/invite", methods=["GET", "POST"])
@signed_in_required
def invite_first_user(organisation_id: int):
    """The federation (or an administrator) invites the first user of an organisation that
    has no account; they become its administrator."""
    user = signed_in_user()
    organisation = organisation_to_invite_first_user(user, organisation_id)
    accounts = first_users.accounts_of(organisation)
    form = FirstUserForm()
    if not form.is_submitted() and accounts.invitation is not None:
        form.email.data = accounts.invitation.email
        form.full_name.data = accounts.invitation.full_name
    if form.validate_on_submit():
        try:
            first_users.invite_first_user(
                organisation, user, form.email.data, form.full_name.data or ""
            )
        except first_users.FirstUserError as error:
            form.email.errors.append(str(error))
        else:
            flash(
                _(
                    "The invitation is sent to %(email)s. The link works once, for seven days.",
                    email=form.email.data,
                ),
                "success",
            )
            return redirect(url_for("organisations.show", organisation_id=organisation_id))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "organisations/invite_first_user.html",
        organisation=organisation,
        accounts=accounts,
        form=form,
    ), status


@bp.route("/<int:organisation_id>/edit", methods=["GET", "POST"])
@signed_in_required
def edit(organisation_id: int):
    """Edit the profile; a concurrent edit is refused instead of overwriting."""
    organisation = organisation_to_edit(signed_in_user(), organisation_id)
    form = OrganisationForm(obj=organisation, kind=organisation.kind)
    if not form.is_submitted():
        form.version.data = organisation.version
        for name in (
            "legal_form",
            "headcount_band",
            "institute_type",
            "infrastructure_type",
            "public_body_type",
        ):
            value = getattr(organisation, name)
            if getattr(form, name, None) is not None:
                getattr(form, name).data = value.value if value else ""
    if form.validate_on_submit():
        try:
            organisation_service.update_profile(organisation, form.version.data, form.changes())
        except organisation_service.IceTaken as error:
            form.ice.errors.append(str(error))
        else:
            flash(_("The profile is saved."), "success")
            return redirect(url_for("organisations.show", organisation_id=organisation_id))
    status = 422 if form.is_submitted() else 200
    return render_template("organisations/edit.html", form=form, organisation=organisation), status


def _accreditation_values(form: AccreditationForm) -> organisation_service.AccreditationValues:
    return organisation_service.AccreditationValues(
        standard=AccreditationStandard(form.standard.data),
        certificate_number=form.certificate_number.data,
        accrediting_body_id=form.accrediting_body_id.data or None,
        scope_fr=form.scope_fr.data,
        scope_ar=form.scope_ar.data,
        valid_until=form.valid_until.data,
        valid_from=form.valid_from.data,
        accrediting_body_name=form.accrediting_body_name.data or "",
    )


@bp.route("/<int:organisation_id>/accreditations/new", methods=["GET", "POST"])
@signed_in_required
def new_accreditation(organisation_id: int):
    """Record an accreditation of a quality infrastructure body."""
    organisation = infrastructure_to_edit(signed_in_user(), organisation_id)
    form = AccreditationForm(
        bodies=organisation_service.accrediting_bodies(),
        offers=catalogue.catalogue_of(organisation.id),
    )
    if form.validate_on_submit():
        accreditation = organisation_service.record_accreditation(
            organisation, _accreditation_values(form)
        )
        catalogue.set_covered_offers(accreditation, form.offer_ids.data or [])
        flash(_("The accreditation is recorded."), "success")
        return redirect(url_for("organisations.show", organisation_id=organisation.id))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "organisations/accreditation.html",
        form=form,
        organisation=organisation,
        accreditation=None,
    ), status


@bp.route(
    "/<int:organisation_id>/accreditations/<int:accreditation_id>/edit", methods=["GET", "POST"]
)
@signed_in_required
def edit_accreditation(organisation_id: int, accreditation_id: int):
    """Edit an accreditation (version-guarded)."""
    organisation = infrastructure_to_edit(signed_in_user(), organisation_id)
    accreditation = accreditation_or_404(organisation, accreditation_id)
    offers = catalogue.catalogue_of(organisation.id)
    form = AccreditationForm(
        obj=accreditation, bodies=organisation_service.accrediting_bodies(), offers=offers
    )
    if not form.is_submitted():
        form.offer_ids.data = [o.id for o in offers if o.accreditation_id == accreditation.id]
        form.standard.data = accreditation.standard.value
        form.accrediting_body_id.data = accreditation.accrediting_body_id or 0
        form.version.data = accreditation.version
    if form.validate_on_submit():
        organisation_service.update_accreditation(
            accreditation, form.version.data, _accreditation_values(form)
        )
        catalogue.set_covered_offers(accreditation, form.offer_ids.data or [])
        flash(_("The accreditation is saved."), "success")
        return redirect(url_for("organisations.show", organisation_id=organisation.id))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "organisations/accreditation.html",
        form=form,
        organisation=organisation,
        accreditation=accreditation,
    ), status


@bp.route("/<int:organisation_id>/accreditations/<int:accreditation_id>/delete", methods=["POST"])
@signed_in_required
def delete_accreditation(organisation_id: int, accreditation_id: int):
    """Remove an accreditation (kept in the database, marked deleted)."""
    organisation = infrastructure_to_edit(signed_in_user(), organisation_id)
    organisation_service.remove_accreditation(accreditation_or_404(organisation, accreditation_id))
    flash(_("The accreditation is removed."), "success")
    return redirect(url_for("organisations.show", organisation_id=organisation.id))


@bp.route("/<int:organisation_id>/colleagues", methods=["GET", "POST"])
@signed_in_required
def colleagues(organisation_id: int):
    """The organisation's accounts; its administrators invite colleagues here."""
    user = signed_in_user()
    organisation = own_organisation_or_404(user, organisation_id)
    manage = can_manage_colleagues(user, organisation)
    form = InviteForm()
    status = 200
    if form.is_submitted():
        if not manage:
            abort(403)
        if form.validate():
            try:
                colleague_service.invite(
                    organisation,
                    user,
                    form.email.data,
                    form.full_name.data,
                    form.is_org_admin.data,
                )
            except colleague_service.ColleagueError as error:
                form.email.errors.append(str(error))
            else:
                flash(_("The invitation is sent to %(email)s.", email=form.email.data), "success")
                return redirect(
                    url_for("organisations.colleagues", organisation_id=organisation_id)
                )
        status = 422
    return render_template(
        "organisations/colleagues.html",
        organisation=organisation,
        users=colleague_service.colleagues(organisation),
        form=form,
        manage=manage,
    ), status


@bp.route(
    "/<int:organisation_id>/colleagues/<int:user_id>/<any(deactivate, reactivate):action>",
    methods=["POST"],
)
@signed_in_required
def set_colleague_active(organisation_id: int, user_id: int, action: str):
    """Deactivate (ending their sessions) or reactivate a colleague."""
    user = signed_in_user()
    organisation = colleagues_to_manage(user, organisation_id)
    colleague = colleague_or_404(organisation, user_id)
    try:
        colleague_service.set_active(colleague, user, action == "reactivate")
    except colleague_service.ColleagueError as error:
        flash(str(error), "danger")
    else:
        message = (
            _("%(name)s can sign in again.", name=colleague.full_name)
            if action == "reactivate"
            else _("%(name)s is deactivated and signed out.", name=colleague.full_name)
        )
        flash(message, "success")
    return redirect(url_for("organisations.colleagues", organisation_id=organisation_id))
