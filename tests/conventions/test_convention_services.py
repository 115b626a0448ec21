"""The conventions services called as an API or the CLI would call them (plain values, no
request), and the access predicates and loaders of portal/authz/conventions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from werkzeug.exceptions import Forbidden, NotFound

from portal.authz.conventions import (
    can_edit_convention,
    can_record_progress,
    convention_or_404,
    lists_draft_conventions,
    party_or_404,
    recording_convention_or_404,
    records_convention_progress,
    visible_convention,
)
from portal.extensions import db as _db
from portal.models import (
    CommitmentStatus,
    ConventionStatus,
    ConventionStatusChange,
    ConventionType,
    PartyRole,
)
from portal.services import conventions as service
from tests.conventions import test_conventions
from tests.conventions.test_conventions import TODAY, make_convention
from tests.factories import make_user

# The fixture of the convention pages' tests: the same world.
world = test_conventions.world

FIELDS = {
    "reference": "  MIC-NEW-2025 ",
    "title_fr": "Nouvelle convention",
    "title_ar": "اتفاقية جديدة",
    "summary_fr": "",
    "summary_ar": "",
    "signed_on": None,
    "effective_from": None,
    "ends_on": None,
    "budget_mad": Decimal("250000"),
}


def test_a_convention_is_created_as_a_draft_with_its_first_history_line(db, world):
    fields = {**FIELDS, "ecosystem_id": world["automobile"].id}
    convention = service.create_convention(fields, ConventionType.FRAMEWORK, world["officer"])
    assert convention.reference == "MIC-NEW-2025"
    assert convention.status == ConventionStatus.DRAFT
    history = _db.session.execute(
        select(ConventionStatusChange).where(ConventionStatusChange.convention_id == convention.id)
    ).scalar_one()
    assert (history.from_status, history.to_status) == (None, ConventionStatus.DRAFT)
    assert history.actor_id == world["officer"].id
    with pytest.raises(service.ReferenceTaken):
        service.create_convention(fields, ConventionType.FRAMEWORK, world["officer"])


def test_the_list_shows_drafts_only_when_asked(db, world):
    running = make_convention(world)
    draft = make_convention(world, reference="DRAFT-1", status=ConventionStatus.DRAFT)
    public = service.list_conventions(include_drafts=False, page=1, per_page=20, today=TODAY)
    everything = service.list_conventions(include_drafts=True, page=1, per_page=20, today=TODAY)
    assert [c.id for c in public.conventions] == [running.id]
    assert {c.id for c in everything.conventions} == {running.id, draft.id}
    assert len(everything.parties[running.id]) == 2
    assert running.id in everything.progress


def test_a_removed_party_comes_back_on_its_own_row(db, world):
    convention = make_convention(world)
    fcp = world["fcp"]
    party = service.add_party(
        convention, fcp.id, PartyRole.SIGNATORY, {"signatory_name": "M. Alaoui"}
    )
    commitment = service.add_commitment(
        convention,
        CommitmentStatus.NOT_STARTED,
        {
            "party_id": party.id,
            "description_fr": "Former",
            "description_ar": "تكوين",
            "due_date": date(2025, 12, 31),
            "completed_on": None,
        },
    )
    with pytest.raises(service.PartyHasCommitments):
        service.remove_party(party)
    _db.session.delete(commitment)
    service.remove_party(party)
    assert fcp.id not in [p.organisation_id for p in service.parties_of(convention)]
    again = service.add_party(convention, fcp.id, PartyRole.PARTNER, {})
    assert again.id == party.id
    assert (again.role, again.signatory_name) == (PartyRole.PARTNER, "")


def test_milestones_indicators_and_measurements_are_recorded(db, world):
    convention = make_convention(world)
    milestone = service.add_milestone(
        convention, title_fr="Comité", title_ar="لجنة", due_date=date(2025, 3, 1)
    )
    service.complete_milestone(
        convention,
        milestone,
        world["amica_staff"],
        version=milestone.version,
        completed_on=date(2025, 3, 5),
        today=TODAY,
        evidence_note="PV",
    )
    indicator = service.add_indicator(
        convention,
        {
            "name_fr": "Lauréats",
            "name_ar": "خريجون",
            "baseline": Decimal("0"),
            "baseline_date": date(2024, 1, 1),
            "target": Decimal("100"),
            "target_date": date(2026, 1, 1),
        },
    )
    service.add_measurement(
        indicator,
        measured_on=date(2025, 1, 1),
        value=Decimal("50"),
        source=" rapport ",
        recorder=world["amica_staff"],
    )
    view = service.load_view(convention, TODAY)
    assert view.milestones[0].completed_on == date(2025, 3, 5)
    assert view.lateness(view.milestones[0])
    assert (indicator.unit_fr, view.indicators[0].latest.source) == ("", "rapport")
    assert view.indicators[0].attainment == 0.5


def test_the_export_is_a_workbook_named_after_the_reference(db, world):
    convention = make_convention(world, reference="MIC/AMICA 2023")
    assert service.export_name(convention) == "convention-MIC-AMICA-2023.xlsx"
    assert service.progress_workbook(convention, TODAY)[:2] == b"PK"


def test_who_edits_and_who_records_progress(db, world):
    convention = make_convention(world)
    parties = service.parties_of(convention)
    officer, amica, fcp = world["officer"], world["amica_staff"], world["fcp_staff"]
    company = make_user("sme_user")
    assert can_edit_convention(officer) and lists_draft_conventions(officer)
    assert not can_edit_convention(amica) and not lists_draft_conventions(amica)
    assert records_convention_progress(officer) and records_convention_progress(amica)
    assert not records_convention_progress(company)
    assert can_record_progress(officer, parties) and can_record_progress(amica, parties)
    assert not can_record_progress(fcp, parties)
    assert recording_convention_or_404(amica, convention.id) == convention
    with pytest.raises(NotFound):
        recording_convention_or_404(fcp, convention.id)  # not a party: not in scope
    assert visible_convention(fcp, convention.id) is None
    assert convention_or_404(officer, convention.id) == convention
    other = make_convention(world, reference="OTHER")
    with pytest.raises(NotFound):
        party_or_404(other, parties[0].id)


def test_a_party_of_a_kind_that_records_nothing_is_refused(db, world):
    convention = make_convention(world)
    company_user_of_a_party = make_user("sme_user", organisation=world["amica"])
    with pytest.raises(Forbidden):
        recording_convention_or_404(company_user_of_a_party, convention.id)
