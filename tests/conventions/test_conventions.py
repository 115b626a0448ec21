"""Partnership conventions: creation through the pages, progress and risk, the fixed clock,
concurrent edits, scope, the status workflow and a bounded number of queries."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import select

from portal.blueprints.conventions.forms import LARGEST
from portal.extensions import db as _db
from portal.models import (
    Convention,
    ConventionParty,
    ConventionStatus,
    ConventionStatusChange,
    ConventionType,
    Indicator,
    Measurement,
    Milestone,
    OrganisationKind,
    PartyRole,
)
from portal.services.conventions import load_view
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import EcosystemFactory, OrganisationFactory, make_user

TODAY = date(2025, 6, 15)


@pytest.fixture
def world(db):
    """The ministry and an officer, AMICA and FCP with a staff member each, two ecosystems."""
    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY, acronym="MIC")
    amica = OrganisationFactory(
        kind=OrganisationKind.FEDERATION, acronym="AMICA", name_fr="AMICA automobile"
    )
    fcp = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="FCP")
    return {
        "ministry": ministry,
        "amica": amica,
        "fcp": fcp,
        "officer": make_user("ministry_officer", organisation=ministry),
        "amica_staff": make_user("federation_staff", organisation=amica),
        "fcp_staff": make_user("federation_staff", organisation=fcp),
        "automobile": EcosystemFactory(lead_federation=amica, slug="automobile"),
    }


def message(msgid: str, **values) -> str:
    """A message as the French pages show it (users are French by default)."""
    with current_app.test_request_context(), force_locale("fr"):
        return str(escape(gettext(msgid, **values)))


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def meter_value(html: str, meter_id: str = "overall-progress") -> float:
    match = re.search(rf'<meter id="{meter_id}"[^>]*value="([0-9.]+)"', html)
    assert match, f"no meter {meter_id}"
    return float(match.group(1))


def make_convention(world, **kwargs) -> Convention:
    """AMICA's convention with the ministry, built directly (status in progress by default)."""
    convention = Convention(
        reference=kwargs.pop("reference", "MIC-AMICA-2023"),
        title_fr="Écosystème automobile des professionnels de la qualité",
        title_ar="منظومة السيارات لمهنيي الجودة",
        ecosystem_id=world["automobile"].id,
        type=ConventionType.PARTNERSHIP,
        signed_on=date(2023, 11, 22),
        effective_from=date(2023, 11, 22),
        ends_on=date(2026, 11, 21),
        status=kwargs.pop("status", ConventionStatus.IN_PROGRESS),
        budget_mad=Decimal("1500000"),
        **kwargs,
    )
    _db.session.add(convention)
    _db.session.flush()
    for organisation in (world["ministry"], world["amica"]):
        _db.session.add(
            ConventionParty(
                convention_id=convention.id,
                organisation_id=organisation.id,
                role=PartyRole.SIGNATORY,
            )
        )
    _db.session.flush()
    return convention


# --- the officer builds a convention; AMICA records progress --------------------------------


def test_officer_builds_a_convention_and_a_party_records_progress(client, db, world, fixed_clock):
    sign_in(client, world["officer"])
    created = post_form(
        client,
        "/conventions/new",
        {
            "reference": "MIC-AMICA-2023-01",
            "title_fr": "Écosystème qualité automobile",
            "title_ar": "منظومة الجودة للسيارات",
            "summary_fr": "Promouvoir la fonction qualité.",
            "summary_ar": "تعزيز وظيفة الجودة.",
            "ecosystem_id": world["automobile"].id,
            "type": "partnership",
            "signed_on": "2025-01-10",
            "effective_from": "2025-01-10",
            "ends_on": "2027-01-09",
            "budget_mad": "1 250 000,50",
        },
    )
    assert created.status_code == 302
    convention = db.session.execute(
        select(Convention).where(Convention.reference == "MIC-AMICA-2023-01")
    ).scalar_one()
    assert convention.status == ConventionStatus.DRAFT
    assert convention.budget_mad == Decimal("1250000.50")
    base = f"/conventions/{convention.id}"
    assert created.headers["Location"] == base

    for organisation in (world["ministry"], world["amica"]):
        response = post_form(
            client,
            f"{base}/parties/new",
            {"organisation_id": organisation.id, "role": "signatory", "signatory_name": "X"},
        )
        assert response.status_code == 302
    for n, due in enumerate(
        (TODAY + timedelta(days=30), TODAY + timedelta(days=90), TODAY + timedelta(days=180)), 1
    ):
        response = post_form(
            client,
            f"{base}/milestones/new",
            {"title_fr": f"Jalon {n}", "title_ar": f"مرحلة {n}", "due_date": due.isoformat()},
        )
        assert response.status_code == 302
    # Halfway from its baseline to its target date: the indicator is expected at 50 %.
    indicators = [
        ("Entreprises accompagnées", "0", TODAY - timedelta(days=100), TODAY + timedelta(days=100)),
        ("Experts formés", "0", TODAY, TODAY + timedelta(days=365)),
    ]
    for name, baseline, start, end in indicators:
        response = post_form(
            client,
            f"{base}/indicators/new",
            {
                "name_fr": name,
                "name_ar": "مؤشر",
                "unit_fr": "entreprises",
                "baseline": baseline,
                "baseline_date": start.isoformat(),
                "target": "100",
                "target_date": end.isoformat(),
            },
        )
        assert response.status_code == 302
    for status in ("signed", "in_progress"):
        assert post_form(client, f"{base}/status", {"status": status}).status_code == 302
    db.session.refresh(convention)
    assert convention.status == ConventionStatus.IN_PROGRESS
    view = load_view(convention, TODAY)
    assert len(view.parties) == 2 and len(view.milestones) == 3 and len(view.indicators) == 2
    assert [c.to_status for c in view.history] == [
        ConventionStatus.DRAFT,
        ConventionStatus.SIGNED,
        ConventionStatus.IN_PROGRESS,
    ]
    assert view.progress == 0 and view.at_risk
    before = page(client, base)
    assert (
        message("Indicator below its trajectory: %(name)s", name="Entreprises accompagnées")
        in before
    )
    assert meter_value(before) == 0

    sign_in(client, world["amica_staff"])
    indicator = view.indicators[0].indicator
    field = f"indicator-{indicator.id}"
    recorded = post_form(
        client,
        f"{base}/indicators/{indicator.id}/measurements",
        {
            f"{field}-measured_on": TODAY.isoformat(),
            f"{field}-value": "60",
            f"{field}-source": "Rapport trimestriel AMICA",
        },
    )
    assert recorded.status_code == 302
    measurement = db.session.execute(select(Measurement)).scalar_one()
    assert measurement.recorded_by_id == world["amica_staff"].id
    view = load_view(convention, TODAY)
    assert view.indicators[0].attainment == pytest.approx(0.6)
    # Milestones 0 of 3, indicators (0.6 + 0) / 2: progress (0 + 0.3) / 2.
    assert view.progress == pytest.approx(0.15) and not view.at_risk
    after = page(client, base)
    assert meter_value(after) == pytest.approx(0.15)
    assert message("This convention is at risk:") not in after
    assert "Rapport trimestriel AMICA" in after


def test_a_measurement_in_the_future_or_before_the_baseline_is_refused(
    client, db, world, fixed_clock
):
    convention = make_convention(world)
    indicator = Indicator(
        convention_id=convention.id,
        name_fr="Entreprises",
        name_ar="مقاولات",
        baseline=Decimal(0),
        baseline_date=TODAY - timedelta(days=10),
        target=Decimal(10),
        target_date=TODAY + timedelta(days=10),
    )
    db.session.add(indicator)
    db.session.flush()
    sign_in(client, world["amica_staff"])
    field = f"indicator-{indicator.id}"
    for day in (TODAY + timedelta(days=1), TODAY - timedelta(days=11)):
        response = post_form(
            client,
            f"/conventions/{convention.id}/indicators/{indicator.id}/measurements",
            {
                f"{field}-measured_on": day.isoformat(),
                f"{field}-value": "3",
                f"{field}-source": "x",
            },
        )
        assert response.status_code == 422
    assert db.session.execute(select(Measurement)).first() is None


# --- late is derived from the date ----------------------------------------------------------


def test_a_milestone_due_today_is_late_tomorrow_without_any_edit(client, db, world, fixed_clock):
    convention = make_convention(world)
    milestone = Milestone(
        convention_id=convention.id,
        title_fr="Lancement du réseau",
        title_ar="إطلاق الشبكة",
        due_date=TODAY,
    )
    db.session.add(milestone)
    db.session.flush()
    sign_in(client, world["amica_staff"])
    path = f"/conventions/{convention.id}"
    on_the_day = page(client, path)
    late = f">{message('Late')}<"
    overdue = message("Milestone overdue: %(title)s", title="Lancement du réseau")
    assert late not in on_the_day
    assert overdue not in on_the_day

    fixed_clock(TODAY + timedelta(days=1))
    next_day = page(client, path)
    assert late in next_day
    assert overdue in next_day

    # Marking it done (on the day given) takes it out of the late ones.
    done = post_form(
        client,
        f"{path}/milestones/{milestone.id}/complete",
        {"completed_on": (TODAY + timedelta(days=1)).isoformat(), "version": milestone.version},
    )
    assert done.status_code == 302
    db.session.refresh(milestone)
    assert milestone.completed_on == TODAY + timedelta(days=1)
    assert milestone.completed_by_id == world["amica_staff"].id
    assert late not in page(client, path)


# --- two officers edit the same convention --------------------------------------------------


def test_the_second_of_two_concurrent_edits_is_refused(client, db, world):
    convention = make_convention(world, status=ConventionStatus.DRAFT)
    second_officer = make_user("ministry_officer", organisation=world["ministry"])
    path = f"/conventions/{convention.id}/edit"
    sign_in(client, world["officer"])
    form = page(client, path)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', form)
    assert version and version.group(1) == str(convention.version)
    fields = {
        "reference": convention.reference,
        "title_ar": convention.title_ar,
        "ecosystem_id": convention.ecosystem_id,
        "type": "partnership",
        "version": version.group(1),
    }
    first = post_form(client, path, {**fields, "title_fr": "Titre du premier agent"})
    assert first.status_code == 302

    sign_in(client, second_officer)
    second = post_form(client, path, {**fields, "title_fr": "Titre du second agent"})
    assert second.status_code == 302 and second.headers["Location"] == path
    refused = message(
        "Someone else saved this record while you were editing it. Your changes were not "
        "saved; here is the current version."
    )
    assert refused in page(client, path)
    db.session.refresh(convention)
    assert convention.title_fr == "Titre du premier agent"


def test_a_duplicate_reference_is_a_form_error(client, db, world):
    make_convention(world, reference="MIC-AMICA-2023")
    sign_in(client, world["officer"])
    response = post_form(
        client,
        "/conventions/new",
        {
            "reference": "MIC-AMICA-2023",
            "title_fr": "Autre",
            "title_ar": "أخرى",
            "ecosystem_id": world["automobile"].id,
            "type": "framework",
            "effective_from": "2025-01-10",
            "ends_on": "2024-01-01",
            "budget_mad": "-5",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message("The end date must come after the start date.") in html
    assert message("Enter an amount between %(min)s and %(max)s.", min=0, max=LARGEST) in html
    response = post_form(
        client,
        "/conventions/new",
        {
            "reference": "MIC-AMICA-2023",
            "title_fr": "Autre",
            "title_ar": "أخرى",
            "ecosystem_id": world["automobile"].id,
            "type": "framework",
        },
    )
    assert response.status_code == 422
    duplicate = message("Another convention already has this reference.")
    assert duplicate in response.get_data(as_text=True)
    assert len(db.session.execute(select(Convention)).all()) == 1


# --- scope: FCP is not a party to AMICA's convention ----------------------------------------


def test_a_non_party_gets_the_public_summary_and_404_on_actions(client, db, world):
    convention = make_convention(world)
    milestone = Milestone(
        convention_id=convention.id, title_fr="Jalon", title_ar="مرحلة", due_date=TODAY
    )
    indicator = Indicator(
        convention_id=convention.id,
        name_fr="Indicateur secret",
        name_ar="مؤشر",
        baseline=Decimal(0),
        baseline_date=TODAY - timedelta(days=10),
        target=Decimal(10),
        target_date=TODAY + timedelta(days=10),
    )
    db.session.add_all([milestone, indicator])
    db.session.flush()
    base = f"/conventions/{convention.id}"
    sign_in(client, world["fcp_staff"])
    summary = page(client, base)
    assert "AMICA automobile" in summary
    assert "Indicateur secret" not in summary and message("Mark as done") not in summary
    assert 'id="overall-progress"' in summary
    assert post_form(client, f"{base}/milestones/{milestone.id}/complete").status_code == 404
    field = f"indicator-{indicator.id}"
    measurement = post_form(
        client,
        f"{base}/indicators/{indicator.id}/measurements",
        {f"{field}-measured_on": TODAY.isoformat(), f"{field}-value": "1", f"{field}-source": "x"},
    )
    assert measurement.status_code == 404
    assert client.get(f"{base}/milestones/new").status_code == 403
    db.session.refresh(milestone)
    assert milestone.completed_on is None
    assert db.session.execute(select(Measurement)).first() is None

    # AMICA's staff, a party, see the full page and its forms.
    sign_in(client, world["amica_staff"])
    full = page(client, base)
    assert "Indicateur secret" in full and message("Mark as done") in full


def test_a_draft_is_hidden_from_those_out_of_scope(client, db, world):
    draft = make_convention(world, status=ConventionStatus.DRAFT)
    path = f"/conventions/{draft.id}"
    assert client.get(path).status_code == 404
    assert draft.reference not in page(client, "/conventions/")
    sign_in(client, world["fcp_staff"])
    assert client.get(path).status_code == 404
    sign_in(client, world["officer"])
    assert draft.reference in page(client, "/conventions/")
    assert message("Change the status") in page(client, path)


def test_the_public_list_shows_progress_and_risk(client, db, world, fixed_clock):
    convention = make_convention(world)
    db.session.add(
        Milestone(
            convention_id=convention.id,
            title_fr="Jalon passé",
            title_ar="مرحلة",
            due_date=TODAY - timedelta(days=1),
        )
    )
    db.session.flush()
    html = page(client, "/conventions/")
    assert convention.reference in html and "AMICA automobile" in html
    assert message("At risk") in html
    assert meter_value(html, f"progress-{convention.id}") == 0


def test_the_kept_list_follows_progress_and_a_new_party(client, db, world, fixed_clock):
    """The list's rows are kept as HTML (issue 11) until a table they were read from
    changes: a milestone done and a party's new name show on the next visit."""
    convention = make_convention(world)
    milestone = Milestone(
        convention_id=convention.id,
        title_fr="Jalon passé",
        title_ar="مرحلة",
        due_date=TODAY - timedelta(days=1),
    )
    db.session.add(milestone)
    db.session.flush()
    html = page(client, "/conventions/")
    assert message("At risk") in html
    milestone.completed_on = TODAY - timedelta(days=2)
    world["amica"].acronym = "AMICA-2"
    db.session.flush()
    html = page(client, "/conventions/")
    assert message("At risk") not in html
    assert meter_value(html, f"progress-{convention.id}") == 1
    assert "AMICA-2" in html


# --- the status workflow --------------------------------------------------------------------


def test_transitions_that_skip_steps_are_refused(client, db, world):
    convention = make_convention(world, status=ConventionStatus.DRAFT)
    path = f"/conventions/{convention.id}"
    sign_in(client, world["officer"])
    for skipped in ("in_progress", "completed"):
        response = post_form(client, f"{path}/status", {"status": skipped})
        assert response.status_code == 302
        db.session.refresh(convention)
        assert convention.status == ConventionStatus.DRAFT
    refused = message(
        "A convention cannot go from %(old)s to %(new)s.",
        old=message("Draft"),
        new=message("Completed"),
    )
    assert refused in page(client, path)
    # Suspending needs a reason; a comment goes into the history.
    post_form(client, f"{path}/status", {"status": "signed"})
    post_form(client, f"{path}/status", {"status": "suspended"})
    db.session.refresh(convention)
    assert convention.status == ConventionStatus.SIGNED
    post_form(client, f"{path}/status", {"status": "suspended", "comment": "Budget gelé"})
    db.session.refresh(convention)
    assert convention.status == ConventionStatus.SUSPENDED
    changes = db.session.execute(select(ConventionStatusChange)).scalars().all()
    assert [(c.to_status, c.comment, c.actor_id) for c in changes] == [
        (ConventionStatus.SIGNED, "", world["officer"].id),
        (ConventionStatus.SUSPENDED, "Budget gelé", world["officer"].id),
    ]
    assert "Budget gelé" in page(client, path)


def test_party_staff_cannot_edit_or_change_status(client, db, world):
    convention = make_convention(world)
    sign_in(client, world["amica_staff"])
    path = f"/conventions/{convention.id}"
    assert post_form(client, f"{path}/status", {"status": "completed"}).status_code == 403
    assert client.get(f"{path}/edit").status_code == 403
    sme = make_user("sme_user")
    db.session.add(
        ConventionParty(
            convention_id=convention.id, organisation_id=sme.organisation_id, role=PartyRole.PARTNER
        )
    )
    db.session.flush()
    sign_in(client, sme)
    milestone = Milestone(convention_id=convention.id, title_fr="J", title_ar="م", due_date=TODAY)
    db.session.add(milestone)
    db.session.flush()
    assert message("Mark as done") not in page(client, path)  # a party that reads only
    assert post_form(client, f"{path}/milestones/{milestone.id}/complete").status_code == 403


# --- bounded queries ----------------------------------------------------------------------


def _fill(world, reference: str, milestones: int, indicators: int, measurements: int):
    convention = make_convention(world, reference=reference)
    for n in range(milestones):
        _db.session.add(
            Milestone(
                convention_id=convention.id,
                title_fr=f"Jalon {n}",
                title_ar=f"مرحلة {n}",
                due_date=TODAY + timedelta(days=n - milestones // 2),
                completed_on=TODAY if n % 3 == 0 else None,
            )
        )
    created = []
    for n in range(indicators):
        indicator = Indicator(
            convention_id=convention.id,
            name_fr=f"Indicateur {n}",
            name_ar=f"مؤشر {n}",
            baseline=Decimal(0),
            baseline_date=TODAY - timedelta(days=400),
            target=Decimal(100),
            target_date=TODAY + timedelta(days=400),
        )
        _db.session.add(indicator)
        created.append(indicator)
    _db.session.flush()
    for n in range(measurements):
        _db.session.add(
            Measurement(
                indicator_id=created[n % indicators].id,
                measured_on=TODAY - timedelta(days=n),
                value=Decimal(n % 90),
                source="Rapport",
                recorded_by_id=world["amica_staff"].id,
            )
        )
    _db.session.flush()
    return convention


def test_the_convention_page_runs_a_bounded_number_of_queries(client, db, world, fixed_clock):
    warm = _fill(world, "WARM", milestones=1, indicators=1, measurements=1)
    small = _fill(world, "SMALL", milestones=3, indicators=2, measurements=2)
    large = _fill(world, "LARGE", milestones=40, indicators=10, measurements=200)
    for user in (world["officer"], world["amica_staff"]):
        sign_in(client, user)
        # Warm up (templates, translations) on another convention: the page's content is
        # kept (issue 11), and both counted visits must draw it.
        page(client, f"/conventions/{warm.id}")
        counts = []
        for convention in (small, large):
            with count_queries() as counter:
                html = page(client, f"/conventions/{convention.id}")
            counts.append(counter.count)
        assert counts[0] == counts[1], counts
        assert html.count('role="img"') == 10
        assert html.count(f'class="badge text-bg-danger">{message("Late")}<') == sum(
            1 for n in range(40) if n % 3 and n - 20 < 0
        )
    with count_queries() as small_list:
        page(client, "/conventions/")
    _fill(world, "MORE", milestones=20, indicators=5, measurements=50)
    with count_queries() as larger_list:
        page(client, "/conventions/")
    assert small_list.count == larger_list.count


def test_a_removed_party_is_kept_and_can_come_back(client, db, world):
    convention = make_convention(world, status=ConventionStatus.DRAFT)
    amica_party = db.session.execute(
        select(ConventionParty).where(ConventionParty.organisation_id == world["amica"].id)
    ).scalar_one()
    sign_in(client, world["officer"])
    base = f"/conventions/{convention.id}"
    assert post_form(client, f"{base}/parties/{amica_party.id}/remove").status_code == 302
    db.session.refresh(amica_party)
    assert amica_party.deleted_at is not None
    as_party = "AMICA automobile (<bdi>AMICA</bdi>)"
    assert as_party not in page(client, base)
    assert "AMICA automobile (AMICA)" in page(client, f"{base}/parties/new")  # offered again
    response = post_form(
        client,
        f"{base}/parties/new",
        {"organisation_id": world["amica"].id, "role": "partner", "signatory_name": "M. B."},
    )
    assert response.status_code == 302
    db.session.refresh(amica_party)
    assert amica_party.deleted_at is None and amica_party.role == PartyRole.PARTNER
    assert as_party in page(client, base)


def test_the_kept_page_gives_each_visit_its_own_tokens_and_follows_a_measurement(
    app, client, db, world, fixed_clock
):
    """The page's content is kept (issue 11): each visit's forms carry the session's CSRF
    token and one-time tokens of their own (a kept page must not hand out the same token
    twice, nor another session's), a measurement sent from the kept page is recorded, and
    the next visit shows it."""
    app.config["WTF_CSRF_ENABLED"] = True
    convention = _fill(world, "KEPT", milestones=2, indicators=2, measurements=2)
    indicator = (
        db.session.execute(select(Indicator).where(Indicator.convention_id == convention.id))
        .scalars()
        .first()
    )
    path = f"/conventions/{convention.id}"
    sign_in(client, world["amica_staff"])

    def tokens(html: str, name: str) -> list[str]:
        return re.findall(rf'name="{name}" value="([^"]+)"', html)

    first, second = page(client, path), page(client, path)
    assert "placeholder" not in first + second
    assert len(set(tokens(first, "csrf_token") + tokens(second, "csrf_token"))) == 1
    once = tokens(first, "submission_token") + tokens(second, "submission_token")
    assert len(once) == 4 and len(set(once)) == 4  # one per indicator's form, per visit

    other = app.test_client()
    sign_in(other, world["amica_staff"])
    elsewhere = other.get(path).get_data(as_text=True)
    assert set(tokens(elsewhere, "csrf_token")).isdisjoint(tokens(first, "csrf_token"))

    field = f"indicator-{indicator.id}"
    response = client.post(
        f"{path}/indicators/{indicator.id}/measurements",
        data={
            "csrf_token": tokens(second, "csrf_token")[0],
            "submission_token": tokens(second, "submission_token")[0],
            f"{field}-measured_on": TODAY.isoformat(),
            f"{field}-value": "77",
            f"{field}-source": "Relevé gardé",
        },
    )
    assert response.status_code == 302
    assert "Relevé gardé" in page(client, path)
