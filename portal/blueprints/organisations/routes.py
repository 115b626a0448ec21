"""Organisation profiles (kind-specific fields), accreditations and colleagues."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.authz import (
    can_edit_organisation,
    can_invite_first_user,
    can_manage_colleagues,
    get_or_404,
    get_organisation_or_404,
    own_organisation_or_404,
)
from portal.blueprints.organisations import bp
from portal.blueprints.organisations.forms import (
    AccreditationForm,
    FirstUserForm,
    InviteForm,
    OrganisationForm,
)
from portal.extensions import db
from portal.models import (
    Accreditation,
    AccreditationStandard,
    InfrastructureType,
    Organisation,
    OrganisationKind,
    User,
)
from portal.models.base import utcnow
from portal.services import colleagues as colleague_service
from portal.services import first_users
from portal.services.directory import memberships_by_organisation
from portal.services.editing import apply_edit
from portal.services.onboarding import find_by_ice


def _accreditations(organisation: Organisation) -> list[Accreditation]:
    return list(
        db.session.execute(
            select(Accreditation)
            .where(Accreditation.organisation_id == organisation.id)
            .order_by(Accreditation.valid_until.desc())
        ).scalars()
    )


@bp.route("/<int:organisation_id>")
@login_required
def show(organisation_id: int):
    """An organisation's profile, for those who may see it."""
    organisation = get_organisation_or_404(current_user, organisation_id)
    can_invite = can_invite_first_user(current_user, organisation)
    return render_template(
        "organisations/show.html",
        organisation=organisation,
        memberships=memberships_by_organisation([organisation.id]).get(organisation.id, []),
        accreditations=_accreditations(organisation),
        can_edit=can_edit_organisation(current_user, organisation),
        can_manage_colleagues=can_manage_colleagues(current_user, organisation),
        can_invite=can_invite,
        accounts=first_users.accounts_of(organisation) if can_invite else None,
        today=date.today(),
    )


@bp.route("/<int:organisation_id>/invite", methods=["GET", "POST"])
@login_required
def invite_first_user(organisation_id: int):
    """The federation (or an administrator) invites the first user of an organisation that
    has no account; they become its administrator."""
    organisation = get_organisation_or_404(current_user, organisation_id)
    if not can_invite_first_user(current_user, organisation):
        abort(403)
    accounts = first_users.accounts_of(organisation)
    form = FirstUserForm()
    if not form.is_submitted() and accounts.invitation is not None:
        form.email.data = accounts.invitation.email
        form.full_name.data = accounts.invitation.full_name
    if form.validate_on_submit():
        try:
            first_users.invite_first_user(
                organisation,
                current_user._get_current_object(),
                form.email.data,
                form.full_name.data or "",
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
@login_required
def edit(organisation_id: int):
    """Edit the profile; a concurrent edit is refused instead of overwriting."""
    organisation = get_organisation_or_404(current_user, organisation_id)
    if not can_edit_organisation(current_user, organisation):
        abort(403)
    form = OrganisationForm(obj=organisation, kind=organisation.kind)
    if not form.is_submitted():
        form.version.data = organisation.version
        for name in ("legal_form", "headcount_band", "institute_type", "infrastructure_type"):
            value = getattr(organisation, name)
            if getattr(form, name, None) is not None:
                getattr(form, name).data = value.value if value else ""
    if form.validate_on_submit():
        changes = form.changes()
        holder = find_by_ice(changes["ice"]) if changes.get("ice") else None
        if holder is not None and holder.id != organisation.id:
            form.ice.errors.append(_("Another organisation already uses this ICE."))
        else:
            apply_edit(organisation, form.version.data, changes)
            flash(_("The profile is saved."), "success")
            return redirect(url_for("organisations.show", organisation_id=organisation_id))
    status = 422 if form.is_submitted() else 200
    return render_template("organisations/edit.html", form=form, organisation=organisation), status


def _accrediting_bodies() -> list[Organisation]:
    return list(
        db.session.execute(
            select(Organisation)
            .where(Organisation.infrastructure_type == InfrastructureType.ACCREDITATION_BODY)
            .order_by(Organisation.name_fr)
        ).scalars()
    )


def _editable_infrastructure(organisation_id: int) -> Organisation:
    organisation = get_organisation_or_404(current_user, organisation_id)
    if organisation.kind != OrganisationKind.INFRASTRUCTURE:
        abort(404)
    if not can_edit_organisation(current_user, organisation):
        abort(403)
    return organisation


@bp.route("/<int:organisation_id>/accreditations/new", methods=["GET", "POST"])
@login_required
def new_accreditation(organisation_id: int):
    """Record an accreditation of a quality infrastructure body."""
    organisation = _editable_infrastructure(organisation_id)
    form = AccreditationForm(bodies=_accrediting_bodies())
    if form.validate_on_submit():
        accreditation = Accreditation(organisation_id=organisation.id)
        _fill_accreditation(accreditation, form)
        db.session.add(accreditation)
        db.session.flush()
        flash(_("The accreditation is recorded."), "success")
        return redirect(url_for("organisations.show", organisation_id=organisation.id))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "organisations/accreditation.html",
        form=form,
        organisation=organisation,
        accreditation=None,
    ), status


def _fill_accreditation(accreditation: Accreditation, form: AccreditationForm) -> dict:
    values = {
        "standard": AccreditationStandard(form.standard.data),
        "certificate_number": form.certificate_number.data.strip(),
        "accrediting_body_id": form.accrediting_body_id.data or None,
        "scope_fr": form.scope_fr.data or "",
        "scope_ar": form.scope_ar.data or "",
        "valid_until": form.valid_until.data,
    }
    if accreditation.id is None:
        for key, value in values.items():
            setattr(accreditation, key, value)
    return values


def _accreditation_or_404(organisation: Organisation, accreditation_id: int) -> Accreditation:
    return get_or_404(
        select(Accreditation).where(
            Accreditation.id == accreditation_id,
            Accreditation.organisation_id == organisation.id,
        )
    )


@bp.route(
    "/<int:organisation_id>/accreditations/<int:accreditation_id>/edit", methods=["GET", "POST"]
)
@login_required
def edit_accreditation(organisation_id: int, accreditation_id: int):
    """Edit an accreditation (version-guarded)."""
    organisation = _editable_infrastructure(organisation_id)
    accreditation = _accreditation_or_404(organisation, accreditation_id)
    form = AccreditationForm(obj=accreditation, bodies=_accrediting_bodies())
    if not form.is_submitted():
        form.standard.data = accreditation.standard.value
        form.accrediting_body_id.data = accreditation.accrediting_body_id or 0
        form.version.data = accreditation.version
    if form.validate_on_submit():
        apply_edit(accreditation, form.version.data, _fill_accreditation(accreditation, form))
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
@login_required
def delete_accreditation(organisation_id: int, accreditation_id: int):
    """Remove an accreditation (kept in the database, marked deleted)."""
    organisation = _editable_infrastructure(organisation_id)
    accreditation = _accreditation_or_404(organisation, accreditation_id)
    accreditation.deleted_at = utcnow()
    db.session.flush()
    flash(_("The accreditation is removed."), "success")
    return redirect(url_for("organisations.show", organisation_id=organisation.id))


@bp.route("/<int:organisation_id>/colleagues", methods=["GET", "POST"])
@login_required
def colleagues(organisation_id: int):
    """The organisation's accounts; its administrators invite colleagues here."""
    organisation = own_organisation_or_404(current_user, organisation_id)
    manage = can_manage_colleagues(current_user, organisation)
    form = InviteForm()
    status = 200
    if form.is_submitted():
        if not manage:
            abort(403)
        if form.validate():
            try:
                colleague_service.invite(
                    organisation,
                    current_user._get_current_object(),
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
@login_required
def set_colleague_active(organisation_id: int, user_id: int, action: str):
    """Deactivate (ending their sessions) or reactivate a colleague."""
    organisation = own_organisation_or_404(current_user, organisation_id)
    if not can_manage_colleagues(current_user, organisation):
        abort(403)
    colleague = get_or_404(
        select(User).where(User.id == user_id, User.organisation_id == organisation.id)
    )
    try:
        colleague_service.set_active(
            colleague, current_user._get_current_object(), action == "reactivate"
        )
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
