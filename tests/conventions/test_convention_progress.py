"""Recording a convention's progress without losing its lateness: a milestone is done on a
date the user gives (never in the future, never before the convention started), with optional
evidence, and can be reopened; "done N days late" stays visible on the page, in the report and
in the XLSX export. Commitments are late when their due date has passed undone, which puts the
convention at risk; the report and the export list them by party."""

from __future__ import annotations

import io
from datetime import date, timedelta

from flask import current_app
from flask_babel import force_locale, ngettext
from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy import select

from portal.extensions import db as _db
from portal.i18n import format_day
from portal.models import (
    AuditEntry,
    Commitment,
    CommitmentStatus,
    ConventionDocument,
    ConventionParty,
    DocumentKind,
    Milestone,
    PartyRole,
)
from portal.services.conventions import store_document
from tests.conftest import post_form, sign_in
from tests.conventions import test_conventions
from tests.conventions.test_conventions import TODAY, make_convention, message, page
from tests.factories import make_user

# The fixtures of the convention pages' tests: the same world and day (TODAY, for fixed_clock).
world = test_conventions.world


def plural(singular: str, plural_: str, num: int) -> str:
    """A plural message as the French pages show it."""
    with current_app.test_request_context(), force_locale("fr"):
        return str(escape(ngettext(singular, plural_, num)))


def done_late(days: int) -> str:
    return plural("Done %(num)s day late", "Done %(num)s days late", days)


def pdf(text: str = "PV") -> bytes:
    return b"%PDF-1.7\n" + text.encode() + b"\ntrailer << >>\n%%EOF\n"


def add_milestone(convention, due: date, title: str = "Comité de pilotage installé"):
    milestone = Milestone(
        convention_id=convention.id, title_fr=title, title_ar="تنصيب لجنة القيادة", due_date=due
    )
    _db.session.add(milestone)
    _db.session.flush()
    return milestone


def complete(client, convention, milestone, data: dict | None = None, **kwargs):
    path = f"/conventions/{convention.id}/milestones/{milestone.id}/complete"
    return post_form(client, path, {"version": milestone.version, **(data or {})}, **kwargs)


def xlsx_rows(client, convention, sheet: int) -> list[tuple]:
    response = client.get(f"/conventions/{convention.id}/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    return list(workbook.worksheets[sheet].iter_rows(values_only=True))


# --- milestones --------------------------------------------------------------------------------


def test_marking_a_milestone_done_asks_for_its_date_and_keeps_its_lateness(
    client, db, world, fixed_clock
):
    convention = make_convention(world)
    milestone = add_milestone(convention, TODAY - timedelta(days=10))
    sign_in(client, world["amica_staff"])
    form = page(client, f"/conventions/{convention.id}/milestones/{milestone.id}/complete")
    assert 'name="completed_on"' in form and 'name="evidence_note"' in form

    # No date, a date in the future, a date before the signature: refused, nothing changes.
    missing = complete(client, convention, milestone)
    assert missing.status_code == 422
    assert message("This field is required.") in missing.get_data(as_text=True)
    future = complete(client, convention, milestone, {"completed_on": "2025-06-16"})
    assert future.status_code == 422
    assert message("The completion date cannot be in the future.") in future.get_data(as_text=True)
    with current_app.test_request_context(), force_locale("fr"):
        signed = format_day(date(2023, 11, 22))
    early = complete(client, convention, milestone, {"completed_on": "2023-11-21"})
    assert early.status_code == 422
    assert message(
        "The completion date cannot come before the convention was signed or took effect "
        "(%(date)s).",
        date=signed,
    ) in early.get_data(as_text=True)
    db.session.refresh(milestone)
    assert milestone.completed_on is None

    done = complete(
        client,
        convention,
        milestone,
        {"completed_on": (TODAY - timedelta(days=4)).isoformat(), "evidence_note": "PV n° 3"},
    )
    assert done.status_code == 302
    db.session.refresh(milestone)
    assert milestone.completed_on == TODAY - timedelta(days=4)
    assert milestone.completed_by_id == world["amica_staff"].id
    assert milestone.evidence_note == "PV n° 3"

    # Six days late: said on the page, in the report and in the export; no longer overdue.
    shown = page(client, f"/conventions/{convention.id}")
    assert done_late(6) in shown and "PV n° 3" in shown
    assert message("Milestone overdue: %(title)s", title=milestone.title_fr) not in shown
    report = page(client, f"/conventions/{convention.id}/report")
    assert done_late(6) in report and "PV n° 3" in report
    rows = xlsx_rows(client, convention, 0)
    header, row = rows[0], rows[1]
    assert row[header.index(message("Days late"))] == 6
    assert row[header.index(message("Lateness"))] == done_late(6)
    assert row[header.index(message("Evidence"))] == "PV n° 3"


def test_on_time_and_a_second_completion_are_told(client, db, world, fixed_clock):
    convention = make_convention(world)
    milestone = add_milestone(convention, TODAY + timedelta(days=3))
    sign_in(client, world["officer"])
    done = complete(client, convention, milestone, {"completed_on": TODAY.isoformat()})
    assert done.status_code == 302
    db.session.refresh(milestone)
    assert milestone.completed_on == TODAY
    assert message("Done on time") in page(client, f"/conventions/{convention.id}")
    again = complete(
        client, convention, milestone, {"completed_on": (TODAY - timedelta(days=1)).isoformat()}
    )
    assert again.status_code == 302
    db.session.refresh(milestone)
    assert milestone.completed_on == TODAY  # the first record stands


def test_evidence_is_an_attached_document_or_a_new_pdf_kept_with_the_documents(
    app, client, db, world, fixed_clock
):
    convention = make_convention(world)
    first = add_milestone(convention, TODAY - timedelta(days=1), "Premier jalon")
    second = add_milestone(convention, TODAY - timedelta(days=1), "Second jalon")
    signed = store_document(
        convention,
        kind=DocumentKind.SIGNED_CONVENTION,
        title="Convention signée",
        filename="c.pdf",
        stream=io.BytesIO(pdf()),
        uploader=None,
    )
    sign_in(client, world["amica_staff"])
    day = TODAY.isoformat()

    both = complete(
        client,
        convention,
        first,
        {
            "completed_on": day,
            "evidence_document_id": signed.id,
            "evidence_file": (io.BytesIO(pdf()), "pv.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert both.status_code == 422
    assert message("Choose an attached document or send a new one, not both.") in (
        both.get_data(as_text=True)
    )
    not_pdf = complete(
        client,
        convention,
        first,
        {"completed_on": day, "evidence_file": (io.BytesIO(b"MZ" + b"\0" * 64), "pv.pdf")},
        content_type="multipart/form-data",
    )
    assert not_pdf.status_code == 422
    assert message("The file is not a PDF document. Only PDF files are accepted.") in (
        not_pdf.get_data(as_text=True)
    )
    db.session.refresh(first)
    assert first.completed_on is None

    chosen = complete(
        client, convention, first, {"completed_on": day, "evidence_document_id": signed.id}
    )
    assert chosen.status_code == 302
    db.session.refresh(first)
    assert first.evidence_document_id == signed.id

    sent = complete(
        client,
        convention,
        second,
        {"completed_on": day, "evidence_file": (io.BytesIO(pdf("rapport")), "rapport.pdf")},
        content_type="multipart/form-data",
    )
    assert sent.status_code == 302
    db.session.refresh(second)
    evidence = db.session.get(ConventionDocument, second.evidence_document_id)
    assert evidence.convention_id == convention.id and evidence.kind == DocumentKind.EVIDENCE
    assert evidence.uploaded_by_id == world["amica_staff"].id

    shown = page(client, f"/conventions/{convention.id}")
    for document in (signed, evidence):
        assert f"/conventions/{convention.id}/documents/{document.id}" in shown


def test_a_document_of_another_convention_is_not_evidence(client, db, world, fixed_clock):
    convention = make_convention(world)
    other = make_convention(world, reference="OTHER")
    foreign = store_document(
        other,
        kind=DocumentKind.ANNEX,
        title="Annexe",
        filename="a.pdf",
        stream=io.BytesIO(pdf()),
        uploader=None,
    )
    milestone = add_milestone(convention, TODAY)
    sign_in(client, world["officer"])
    response = complete(
        client,
        convention,
        milestone,
        {"completed_on": TODAY.isoformat(), "evidence_document_id": foreign.id},
    )
    assert response.status_code == 422
    db.session.refresh(milestone)
    assert milestone.completed_on is None and milestone.evidence_document_id is None


def test_a_milestone_done_by_mistake_is_reopened_and_the_trail_keeps_both(
    client, db, world, fixed_clock
):
    convention = make_convention(world)
    milestone = add_milestone(convention, TODAY - timedelta(days=2))
    sign_in(client, world["amica_staff"])
    path = f"/conventions/{convention.id}"
    done = complete(client, convention, milestone, {"completed_on": TODAY.isoformat()})
    assert done.status_code == 302
    db.session.refresh(milestone)

    # A party that only reads, or a federation that is not a party, cannot reopen it.
    reopen = f"{path}/milestones/{milestone.id}/reopen"
    sme = make_user("sme_user")
    _db.session.add(
        ConventionParty(
            convention_id=convention.id,
            organisation_id=sme.organisation_id,
            role=PartyRole.PARTNER,
        )
    )
    _db.session.flush()
    sign_in(client, sme)
    assert post_form(client, reopen, {"version": milestone.version}).status_code == 403
    sign_in(client, world["fcp_staff"])
    assert post_form(client, reopen, {"version": milestone.version}).status_code == 404
    # A stale form (the milestone changed since) is refused.
    sign_in(client, world["amica_staff"])
    assert post_form(client, reopen, {"version": milestone.version - 1}).status_code == 302
    db.session.refresh(milestone)
    assert milestone.completed_on == TODAY

    assert post_form(client, reopen, {"version": milestone.version}).status_code == 302
    db.session.refresh(milestone)
    assert milestone.completed_on is None and milestone.completed_by_id is None
    shown = page(client, path)
    assert message("Milestone overdue: %(title)s", title=milestone.title_fr) in shown

    changes = [
        entry.changes.get("completed_on")
        for entry in db.session.execute(
            select(AuditEntry)
            .where(
                AuditEntry.entity_type == "milestones",
                AuditEntry.entity_id == str(milestone.id),
            )
            .order_by(AuditEntry.id)
        ).scalars()
        if "completed_on" in entry.changes
    ]
    assert changes == [[None, TODAY.isoformat()], [TODAY.isoformat(), None]]


# --- commitments -------------------------------------------------------------------------------


def amica_party(world) -> ConventionParty:
    return _db.session.execute(
        select(ConventionParty).where(ConventionParty.organisation_id == world["amica"].id)
    ).scalar_one()


def add_commitment(convention, party, due, status=CommitmentStatus.NOT_STARTED, **kwargs):
    commitment = Commitment(
        convention_id=convention.id,
        party_id=party.id,
        description_fr=kwargs.pop("description_fr", "Mobiliser 20 PME membres"),
        description_ar="تعبئة عشرين مقاولة عضوا",
        due_date=due,
        status=status,
        **kwargs,
    )
    _db.session.add(commitment)
    _db.session.flush()
    return commitment


def test_a_commitment_past_its_due_date_is_late_and_puts_the_convention_at_risk(
    client, db, world, fixed_clock
):
    convention = make_convention(world)
    party = amica_party(world)
    commitment = add_commitment(convention, party, TODAY)
    add_commitment(
        convention,
        party,
        TODAY - timedelta(days=30),
        CommitmentStatus.CANCELLED,
        description_fr="Engagement annulé",
    )
    sign_in(client, world["officer"])
    path = f"/conventions/{convention.id}"
    overdue = message(
        "Commitment overdue: %(description)s (%(party)s)",
        description="Mobiliser 20 PME membres",
        party=world["amica"].name_fr,
    )
    assert overdue not in page(client, path)
    assert message("At risk") not in page(client, "/conventions/")

    fixed_clock(TODAY + timedelta(days=1))
    shown = page(client, path)
    assert overdue in shown
    assert plural("Overdue by %(num)s day", "Overdue by %(num)s days", 1) in shown
    assert "Engagement annulé" in shown and shown.count(overdue) == 1
    assert message("At risk") in page(client, "/conventions/")

    # Done, with the date it was done: no longer late, its delay kept.
    edit = f"{path}/commitments/{commitment.id}/edit"
    data = {
        "party_id": party.id,
        "description_fr": commitment.description_fr,
        "description_ar": commitment.description_ar,
        "due_date": TODAY.isoformat(),
        "status": "done",
        "version": commitment.version,
    }
    undated = post_form(client, edit, data)
    assert undated.status_code == 422
    assert message("Give the date the commitment was done.") in undated.get_data(as_text=True)
    dated_but_open = post_form(
        client, edit, {**data, "status": "in_progress", "completed_on": TODAY.isoformat()}
    )
    assert dated_but_open.status_code == 422
    assert message("Only a done commitment has a completion date.") in (
        dated_but_open.get_data(as_text=True)
    )
    future = post_form(client, edit, {**data, "completed_on": "2025-06-30"})
    assert future.status_code == 422
    saved = post_form(
        client, edit, {**data, "completed_on": (TODAY + timedelta(days=1)).isoformat()}
    )
    assert saved.status_code == 302
    db.session.refresh(commitment)
    assert commitment.completed_on == TODAY + timedelta(days=1)
    shown = page(client, path)
    assert overdue not in shown and done_late(1) in shown
    assert message("At risk") not in page(client, "/conventions/")


def test_the_report_and_the_export_list_commitments_by_party(client, db, world, fixed_clock):
    convention = make_convention(world)
    ministry_party = _db.session.execute(
        select(ConventionParty).where(ConventionParty.organisation_id == world["ministry"].id)
    ).scalar_one()
    add_commitment(convention, amica_party(world), TODAY - timedelta(days=5))
    add_commitment(
        convention,
        ministry_party,
        TODAY - timedelta(days=20),
        CommitmentStatus.DONE,
        description_fr="Installer le comité de pilotage",
        completed_on=TODAY - timedelta(days=22),
    )
    sign_in(client, world["amica_staff"])
    report = page(client, f"/conventions/{convention.id}/report")
    commitments = report[report.index('id="commitments-title"') :]
    assert world["amica"].name_fr in commitments
    assert str(escape(world["ministry"].name_fr)) in commitments
    assert "Mobiliser 20 PME membres" in commitments
    assert plural("Overdue by %(num)s day", "Overdue by %(num)s days", 5) in commitments
    assert "Installer le comité de pilotage" in commitments and message("Done on time") in (
        commitments
    )
    overdue = message(
        "Commitment overdue: %(description)s (%(party)s)",
        description="Mobiliser 20 PME membres",
        party=world["amica"].name_fr,
    )
    assert overdue in report

    rows = xlsx_rows(client, convention, 1)
    header = rows[0]
    assert header[:2] == (message("Party"), message("Commitment"))
    by_text = {row[1]: row for row in rows[1:]}
    late = by_text["Mobiliser 20 PME membres"]
    assert late[0] == world["amica"].name_fr
    assert late[header.index(message("Late"))] == message("Yes")
    assert late[header.index(message("Days late"))] == 5
    on_time = by_text["Installer le comité de pilotage"]
    assert on_time[header.index(message("Late"))] == message("No")
    assert on_time[header.index(message("Status"))] == message("Done")


def test_the_report_tells_what_happened_in_the_period_chosen(client, db, world, fixed_clock):
    convention = make_convention(world)
    early = add_milestone(convention, TODAY - timedelta(days=60), title="Diagnostic collectif")
    early.completed_on = TODAY - timedelta(days=58)
    recent = add_milestone(convention, TODAY - timedelta(days=10), title="Formation des auditeurs")
    recent.completed_on = TODAY - timedelta(days=4)
    add_milestone(convention, TODAY - timedelta(days=6), title="Plan de communication")  # missed
    add_commitment(convention, amica_party(world), TODAY - timedelta(days=5))  # missed
    _db.session.flush()
    sign_in(client, world["amica_staff"])
    start, end = TODAY - timedelta(days=20), TODAY
    report = page(
        client,
        f"/conventions/{convention.id}/report?start={start.isoformat()}&end={end.isoformat()}",
    )
    period = report[report.index('id="period"') : report.index('id="parties-title"')]
    assert message("From %(start)s to %(end)s", start=format_day(start), end=format_day(end)) in (
        period
    )
    assert "Formation des auditeurs" in period and "Diagnostic collectif" not in period
    assert "Plan de communication" in period and "Mobiliser 20 PME membres" in period
    assert message("Milestones done: %(count)s", count=1) in period
    # The whole life of the convention by default: both milestones done.
    whole = page(client, f"/conventions/{convention.id}/report")
    assert "Diagnostic collectif" in whole[whole.index('id="period"') :]
    # A period not understood: told, and the whole life shown; never an error.
    for query in ("start=2026-02-30", "start=2026-03-01&end=2025-01-01", "end=nonsense"):
        response = client.get(f"/conventions/{convention.id}/report?{query}")
        assert response.status_code == 200, query
        text = response.get_data(as_text=True)
        assert "Diagnostic collectif" in text[text.index('id="period"') :]
        assert 'role="alert"' in text[text.index('id="period"') : text.index('id="parties-title"')]


# --- lateness in SQL ---------------------------------------------------------------------------


def test_lateness_in_sql_matches_lateness_in_python(db, world):
    convention = make_convention(world)
    party = amica_party(world)
    milestones = [
        add_milestone(convention, TODAY - timedelta(days=1)),  # late
        add_milestone(convention, TODAY),  # due today: not yet late
        add_milestone(convention, TODAY - timedelta(days=9)),  # done late: not late now
    ]
    milestones[2].completed_on = TODAY - timedelta(days=3)
    commitments = [
        add_commitment(convention, party, TODAY - timedelta(days=1)),
        add_commitment(convention, party, TODAY - timedelta(days=1), CommitmentStatus.IN_PROGRESS),
        add_commitment(convention, party, TODAY - timedelta(days=1), CommitmentStatus.DONE),
        add_commitment(convention, party, TODAY - timedelta(days=1), CommitmentStatus.CANCELLED),
        add_commitment(convention, party, None),
        add_commitment(convention, party, TODAY),
    ]
    _db.session.flush()
    for model, rows in ((Milestone, milestones), (Commitment, commitments)):
        in_sql = set(_db.session.execute(select(model.id).where(model.is_late(TODAY))).scalars())
        assert in_sql == {row.id for row in rows if row.is_late(TODAY)}
    assert {m.id for m in milestones if m.is_late(TODAY)} == {milestones[0].id}
    assert {c.id for c in commitments if c.is_late(TODAY)} == {commitments[0].id, commitments[1].id}
    assert milestones[2].days_late(TODAY) == 6 and milestones[0].days_late(TODAY) == 1
