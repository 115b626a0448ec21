"""Who signs a convention and what each party promises: adding and removing parties,
adding and editing their commitments (those who edit conventions)."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext as _
from flask_login import current_user

from portal.authz import P, permission_required
from portal.authz.conventions import commitment_or_404, convention_or_404, party_or_404
from portal.blueprints.conventions import bp
from portal.blueprints.conventions.common import back_to, form_page, form_values
from portal.blueprints.conventions.forms import CommitmentForm, PartyForm
from portal.i18n import localized
from portal.models import CommitmentStatus, PartyRole
from portal.services import conventions as service
from portal.services.conventions.parties import COMMITMENT_FIELDS, PARTY_FIELDS


@bp.route("/<int:convention_id>/parties/new", methods=["GET", "POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def add_party(convention_id: int):
    """Add an organisation as a party, with its signatory and contribution."""
    convention = convention_or_404(current_user, convention_id)
    form = PartyForm(organisations=service.candidate_organisations(convention))
    if not form.is_submitted():
        form.role.data = PartyRole.SIGNATORY.value
    if form.validate_on_submit():
        party = service.add_party(
            convention,
            form.organisation_id.data,
            PartyRole(form.role.data),
            form_values(form, PARTY_FIELDS),
        )
        name = localized(party.organisation, "name")
        flash(_("%(organisation)s is a party.", organisation=name), "success")
        return back_to(convention, "parties")
    return form_page(form, convention, _("Add a party"))


@bp.route("/<int:convention_id>/parties/<int:party_id>/remove", methods=["POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def remove_party(convention_id: int, party_id: int):
    """Remove a party (kept in the database, marked deleted) that has no commitment left."""
    convention = convention_or_404(current_user, convention_id)
    party = party_or_404(convention, party_id)
    try:
        service.remove_party(party)
    except service.PartyHasCommitments as error:
        flash(str(error), "danger")
        return back_to(convention, "parties")
    name = localized(party.organisation, "name")
    flash(_("%(organisation)s is no longer a party.", organisation=name), "success")
    return back_to(convention, "parties")


@bp.route("/<int:convention_id>/commitments/new", methods=["GET", "POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def add_commitment(convention_id: int):
    """Record what a party undertakes to do."""
    convention = convention_or_404(current_user, convention_id)
    parties = service.parties_of(convention)
    if not parties:
        flash(_("Add the parties before their commitments."), "warning")
        return back_to(convention, "parties")
    form = CommitmentForm(parties=parties, convention=convention)
    if form.validate_on_submit():
        status = CommitmentStatus(form.status.data)
        service.add_commitment(convention, status, form_values(form, COMMITMENT_FIELDS))
        flash(_("The commitment is recorded."), "success")
        return back_to(convention, "commitments")
    return form_page(form, convention, _("Add a commitment"))


@bp.route("/<int:convention_id>/commitments/<int:commitment_id>/edit", methods=["GET", "POST"])
@permission_required(P.MANAGE_CONVENTIONS)
def edit_commitment(convention_id: int, commitment_id: int):
    """Edit a commitment, its party or its status; a save based on an older version is
    refused."""
    convention = convention_or_404(current_user, convention_id)
    commitment = commitment_or_404(convention, commitment_id)
    parties = service.parties_of(convention)
    form = CommitmentForm(obj=commitment, parties=parties, convention=convention)
    if not form.is_submitted():
        form.status.data = commitment.status.value
        form.version.data = commitment.version
    if form.validate_on_submit():
        status = CommitmentStatus(form.status.data)
        values = form_values(form, COMMITMENT_FIELDS)
        service.update_commitment(commitment, form.version.data, status, values)
        flash(_("The commitment is saved."), "success")
        return back_to(convention, "commitments")
    return form_page(form, convention, _("Edit the commitment"))
