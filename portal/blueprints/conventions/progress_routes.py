"""Who signs a convention, what it promises and how it advances: parties, commitments,
milestones, indicators and their measurements, amendments (marking a milestone done, or
reopening it, is in milestone_routes.py)."""

from __future__ import annotations

from flask import flash, render_template
from flask_babel import gettext as _
from sqlalchemy import case, select

from portal.authz import get_or_404
from portal.blueprints.conventions import bp
from portal.blueprints.conventions.forms import (
    AmendmentForm,
    CommitmentForm,
    IndicatorForm,
    MeasurementForm,
    MilestoneForm,
    PartyForm,
)
from portal.blueprints.conventions.routes import (
    back_to,
    convention_or_404,
    editors_only,
    parties_of,
    progress_recorders_only,
    recording_convention_or_404,
    render_page,
    user,
)
from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Commitment,
    CommitmentStatus,
    Convention,
    ConventionParty,
    Indicator,
    Measurement,
    Milestone,
    Organisation,
    OrganisationKind,
    PartyRole,
)
from portal.models.base import utcnow
from portal.services import convention_changes as service
from portal.services.editing import apply_edit

PARTY_FIELDS = (
    "role",
    "signatory_name",
    "signatory_title_fr",
    "signatory_title_ar",
    "contribution_fr",
    "contribution_ar",
)
COMMITMENT_FIELDS = ("party_id", "description_fr", "description_ar", "due_date", "completed_on")
INDICATOR_FIELDS = (
    "name_fr",
    "name_ar",
    "unit_fr",
    "unit_ar",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
)


def _form_page(form, convention: Convention, heading: str, **context):
    """The page of a form about a convention: 422 when it was sent with errors."""
    code = 422 if form.is_submitted() else 200
    return render_template(
        "conventions/item_form.html",
        form=form,
        convention=convention,
        heading=heading,
        **context,
    ), code


# --- parties --------------------------------------------------------------------------------


def _candidate_organisations(convention: Convention) -> list[Organisation]:
    """Organisations not yet party: the ministry and federations first, then the others."""
    already = select(ConventionParty.organisation_id).where(
        ConventionParty.convention_id == convention.id
    )
    first = case(
        (Organisation.kind.in_([OrganisationKind.MINISTRY, OrganisationKind.FEDERATION]), 0),
        else_=1,
    )
    return list(
        db.session.execute(
            select(Organisation)
            .where(Organisation.id.not_in(already))
            .order_by(first, Organisation.name_fr)
        ).scalars()
    )


@bp.route("/<int:convention_id>/parties/new", methods=["GET", "POST"])
@editors_only
def add_party(convention_id: int):
    """Add an organisation as a party, with its signatory and contribution."""
    convention = convention_or_404(convention_id)
    form = PartyForm(organisations=_candidate_organisations(convention))
    if not form.is_submitted():
        form.role.data = PartyRole.SIGNATORY.value
    if form.validate_on_submit():
        # A party removed earlier comes back on its own row (one row per organisation).
        party = (
            db.session.execute(
                select(ConventionParty)
                .where(
                    ConventionParty.convention_id == convention.id,
                    ConventionParty.organisation_id == form.organisation_id.data,
                )
                .execution_options(include_deleted=True)
            )
            .scalars()
            .first()
        )
        if party is None:
            party = ConventionParty(
                convention_id=convention.id, organisation_id=form.organisation_id.data
            )
            db.session.add(party)
        party.deleted_at = None
        for name in PARTY_FIELDS:
            setattr(party, name, getattr(form, name).data or "")
        party.role = PartyRole(form.role.data)
        db.session.flush()
        flash(
            _("%(organisation)s is a party.", organisation=localized(party.organisation, "name")),
            "success",
        )
        return back_to(convention, "parties")
    return _form_page(form, convention, _("Add a party"))


@bp.route("/<int:convention_id>/parties/<int:party_id>/remove", methods=["POST"])
@editors_only
def remove_party(convention_id: int, party_id: int):
    """Remove a party (kept in the database, marked deleted) that has no commitment left."""
    convention = convention_or_404(convention_id)
    party = get_or_404(
        select(ConventionParty).where(
            ConventionParty.id == party_id, ConventionParty.convention_id == convention.id
        )
    )
    has_commitments = db.session.execute(
        select(Commitment.id).where(Commitment.party_id == party.id)
    ).first()
    if has_commitments:
        flash(_("This party still has commitments: give them to another party first."), "danger")
        return back_to(convention, "parties")
    party.deleted_at = utcnow()
    db.session.flush()
    flash(
        _(
            "%(organisation)s is no longer a party.",
            organisation=localized(party.organisation, "name"),
        ),
        "success",
    )
    return back_to(convention, "parties")


# --- commitments ----------------------------------------------------------------------------


@bp.route("/<int:convention_id>/commitments/new", methods=["GET", "POST"])
@editors_only
def add_commitment(convention_id: int):
    """Record what a party undertakes to do."""
    convention = convention_or_404(convention_id)
    parties = parties_of(convention)
    if not parties:
        flash(_("Add the parties before their commitments."), "warning")
        return back_to(convention, "parties")
    form = CommitmentForm(parties=parties, convention=convention)
    if form.validate_on_submit():
        commitment = Commitment(
            convention_id=convention.id, status=CommitmentStatus(form.status.data)
        )
        for name in COMMITMENT_FIELDS:
            setattr(commitment, name, getattr(form, name).data)
        db.session.add(commitment)
        db.session.flush()
        flash(_("The commitment is recorded."), "success")
        return back_to(convention, "commitments")
    return _form_page(form, convention, _("Add a commitment"))


@bp.route("/<int:convention_id>/commitments/<int:commitment_id>/edit", methods=["GET", "POST"])
@editors_only
def edit_commitment(convention_id: int, commitment_id: int):
    """Edit a commitment, its party or its status; a save based on an older version is
    refused."""
    convention = convention_or_404(convention_id)
    commitment = get_or_404(
        select(Commitment).where(
            Commitment.id == commitment_id, Commitment.convention_id == convention.id
        )
    )
    form = CommitmentForm(obj=commitment, parties=parties_of(convention), convention=convention)
    if not form.is_submitted():
        form.status.data = commitment.status.value
        form.version.data = commitment.version
    if form.validate_on_submit():
        changes = {name: getattr(form, name).data for name in COMMITMENT_FIELDS}
        changes["status"] = CommitmentStatus(form.status.data)
        apply_edit(commitment, form.version.data, changes)
        flash(_("The commitment is saved."), "success")
        return back_to(convention, "commitments")
    return _form_page(form, convention, _("Edit the commitment"))


# --- milestones -----------------------------------------------------------------------------


@bp.route("/<int:convention_id>/milestones/new", methods=["GET", "POST"])
@editors_only
def add_milestone(convention_id: int):
    """Add a dated step to the convention's timeline."""
    convention = convention_or_404(convention_id)
    form = MilestoneForm()
    if form.validate_on_submit():
        db.session.add(
            Milestone(
                convention_id=convention.id,
                title_fr=form.title_fr.data,
                title_ar=form.title_ar.data,
                due_date=form.due_date.data,
            )
        )
        db.session.flush()
        flash(_("The milestone is added."), "success")
        return back_to(convention, "milestones")
    return _form_page(form, convention, _("Add a milestone"))


# --- indicators and measurements -------------------------------------------------------------


@bp.route("/<int:convention_id>/indicators/new", methods=["GET", "POST"])
@editors_only
def add_indicator(convention_id: int):
    """Add an indicator with its baseline and its target."""
    convention = convention_or_404(convention_id)
    form = IndicatorForm()
    if form.validate_on_submit():
        indicator = Indicator(convention_id=convention.id)
        for name in INDICATOR_FIELDS:
            setattr(indicator, name, getattr(form, name).data)
        indicator.unit_fr = indicator.unit_fr or ""
        indicator.unit_ar = indicator.unit_ar or ""
        db.session.add(indicator)
        db.session.flush()
        flash(_("The indicator is added."), "success")
        return back_to(convention, "indicators")
    return _form_page(form, convention, _("Add an indicator"))


@bp.route("/<int:convention_id>/indicators/<int:indicator_id>/measurements", methods=["POST"])
@progress_recorders_only
def add_measurement(convention_id: int, indicator_id: int):
    """Record a dated value of an indicator, its source and who recorded it."""
    convention = recording_convention_or_404(convention_id)
    indicator = get_or_404(
        select(Indicator).where(
            Indicator.id == indicator_id, Indicator.convention_id == convention.id
        )
    )
    form = MeasurementForm(
        prefix=f"indicator-{indicator.id}", baseline_date=indicator.baseline_date
    )
    if not form.validate_on_submit():
        return render_page(convention, code=422, measurement_forms={indicator.id: form})
    db.session.add(
        Measurement(
            indicator_id=indicator.id,
            measured_on=form.measured_on.data,
            value=form.value.data,
            source=form.source.data.strip(),
            recorded_by_id=user().id,
        )
    )
    db.session.flush()
    flash(
        _("The measurement of %(indicator)s is recorded.", indicator=localized(indicator, "name")),
        "success",
    )
    return back_to(convention, f"indicator-{indicator.id}")


# --- amendments -----------------------------------------------------------------------------


@bp.route("/<int:convention_id>/amendments/new", methods=["GET", "POST"])
@editors_only
def add_amendment(convention_id: int):
    """Record an amendment (avenant) and apply its changes; the values before are kept."""
    convention = convention_or_404(convention_id)
    form = AmendmentForm(effective_from=convention.effective_from)
    if form.validate_on_submit():
        amendment = service.add_amendment(
            convention,
            signed_on=form.signed_on.data,
            summary_fr=form.summary_fr.data,
            summary_ar=form.summary_ar.data,
            new_ends_on=form.new_ends_on.data,
            new_budget_mad=form.new_budget_mad.data,
            commitments_change_fr=form.commitments_change_fr.data or "",
            commitments_change_ar=form.commitments_change_ar.data or "",
        )
        flash(_("Amendment no. %(number)s is recorded.", number=amendment.number), "success")
        return back_to(convention, "amendments")
    return _form_page(form, convention, _("Add an amendment"))
