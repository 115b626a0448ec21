"""Indicators fed by the portal's own data (issue 13, item 2): an indicator bound to a figure
of the portal records it once a day when it changed (``flask reminders send``), equal to
the figure counted independently here; a person's override keeps both values and the
reason; only what the rules allow is accepted."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import (
    CaseStage,
    ComplaintStatus,
    ConventionStatus,
    Measurement,
    MembershipStatus,
    OrganisationKind,
    PortalMetric,
    SessionStatus,
)
from portal.services.conventions import metrics
from tests.conftest import post_form, sign_in
from tests.factories import (
    CertificateFactory,
    ComplaintFactory,
    ConventionFactory,
    ConventionPartyFactory,
    EcosystemFactory,
    EnrolmentFactory,
    IndicatorFactory,
    MembershipFactory,
    OrganisationFactory,
    SupportCaseFactory,
    TrainingSessionFactory,
    make_user,
)

TODAY = date(2026, 3, 2)
BASELINE = date(2025, 1, 1)


@pytest.fixture
def world(db, fixed_clock):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=amica)
    other = EcosystemFactory()
    convention = ConventionFactory(ecosystem_id=ecosystem.id, status=ConventionStatus.IN_PROGRESS)
    ConventionPartyFactory(convention_id=convention.id, organisation_id=amica.id)
    return {
        "amica": amica,
        "ecosystem": ecosystem,
        "other": other,
        "convention": convention,
        "staff": make_user("federation_staff", amica),
    }


def bound(world, metric: PortalMetric):
    return IndicatorFactory(
        convention_id=world["convention"].id, metric=metric, baseline_date=BASELINE
    )


def run(app, fixed_clock, day=TODAY) -> str:
    fixed_clock(day)
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def computed_of(indicator) -> list[Measurement]:
    return list(
        _db.session.execute(
            select(Measurement)
            .where(Measurement.indicator_id == indicator.id, Measurement.computed.is_(True))
            .order_by(Measurement.id)
        ).scalars()
    )


def test_each_figure_equals_the_one_counted_from_the_data(world):
    eco, other = world["ecosystem"], world["other"]
    # Members: 3 active, 1 suspended, 1 active in another ecosystem.
    for status in [MembershipStatus.ACTIVE] * 3 + [MembershipStatus.SUSPENDED]:
        MembershipFactory(ecosystem=eco, status=status)
    MembershipFactory(ecosystem=other)
    # Support cases: two companies in the period (one with two cases), one before, one elsewhere.
    company = OrganisationFactory(kind=OrganisationKind.SME)
    in_period = [
        SupportCaseFactory(ecosystem_id=eco.id, organisation_id=company.id),
        SupportCaseFactory(ecosystem_id=eco.id, organisation_id=company.id),
        SupportCaseFactory(ecosystem_id=eco.id, stage=CaseStage.CERTIFIED),
    ]
    for case in in_period:  # opened in the period (the clock is fixed, the rows' times not)
        case.created_at = datetime(2025, 6, 1, 9, tzinfo=UTC)
    before = SupportCaseFactory(ecosystem_id=eco.id)
    before.created_at = datetime(2024, 6, 1, 9, tzinfo=UTC)
    SupportCaseFactory(ecosystem_id=other.id)
    # Certificates of cases of the ecosystem: one issued in the period, one before.
    CertificateFactory(
        case_id=in_period[2].id,
        organisation_id=in_period[2].organisation_id,
        issued_on=date(2025, 6, 1),
    )
    CertificateFactory(
        case_id=before.id, organisation_id=before.organisation_id, issued_on=date(2024, 6, 1)
    )
    # People trained: 2 attended a held session of the period, 1 did not, 1 elsewhere.
    held = TrainingSessionFactory(
        ecosystem_id=eco.id,
        status=SessionStatus.HELD,
        starts_on=date(2025, 5, 5),
        ends_on=date(2025, 5, 6),
    )
    for attended in (True, True, False):
        EnrolmentFactory(session_id=held.id, attended=attended)
    elsewhere = TrainingSessionFactory(ecosystem_id=other.id, status=SessionStatus.HELD)
    EnrolmentFactory(session_id=elsewhere.id, attended=True)
    # Complaints: answered in 3 and 20 days, one unanswered and late, one not late yet.
    for days in (3, 20):
        ComplaintFactory(
            ecosystem_id=eco.id,
            filed_on=date(2025, 9, 1),
            answer_days=days,
            status=ComplaintStatus.CLOSED,
        )
    ComplaintFactory(ecosystem_id=eco.id, filed_on=date(2025, 9, 1), due_on=date(2025, 9, 16))
    ComplaintFactory(ecosystem_id=eco.id, filed_on=TODAY, due_on=TODAY + timedelta(days=15))
    _db.session.flush()

    def figure(metric):
        return metrics.compute(metric, eco.id, BASELINE, TODAY)

    assert figure(PortalMetric.ACTIVE_MEMBERS) == 3
    assert figure(PortalMetric.SMES_ACCOMPANIED) == 2
    assert figure(PortalMetric.SMES_CERTIFIED) == 1
    assert figure(PortalMetric.PEOPLE_TRAINED) == 2
    assert figure(PortalMetric.COMPLAINTS_ON_TIME) == Decimal("33.33")  # 1 of 3 judged


def test_a_bound_indicator_records_its_figure_once_a_day_when_it_changes(
    app, client, world, fixed_clock
):
    indicator = bound(world, PortalMetric.ACTIVE_MEMBERS)
    typed = IndicatorFactory(convention_id=world["convention"].id)  # not bound: untouched
    MembershipFactory(ecosystem=world["ecosystem"])
    _db.session.commit()
    assert "Indicator figures recorded: 1" in run(app, fixed_clock)
    assert "Indicator figures recorded: 0" in run(app, fixed_clock)  # the same day
    assert "Indicator figures recorded: 0" in run(app, fixed_clock, TODAY + timedelta(days=1))
    MembershipFactory(ecosystem=world["ecosystem"])  # the figure changes
    _db.session.commit()
    assert "Indicator figures recorded: 1" in run(app, fixed_clock, TODAY + timedelta(days=2))
    found = computed_of(indicator)
    assert [(m.measured_on, m.value) for m in found] == [
        (TODAY, Decimal(1)),
        (TODAY + timedelta(days=2), Decimal(2)),
    ]
    assert all(m.recorded_by_id is None for m in found)
    assert computed_of(typed) == []
    # The convention page says where the figures come from.
    sign_in(client, world["staff"])
    page = client.get(f"/conventions/{world['convention'].id}").get_data(as_text=True)
    assert f'id="indicator-{indicator.id}-metric"' in page


def test_an_override_keeps_both_values_and_the_reason(app, client, world, fixed_clock):
    indicator = bound(world, PortalMetric.ACTIVE_MEMBERS)
    for _ in range(4):
        MembershipFactory(ecosystem=world["ecosystem"])
    _db.session.commit()
    run(app, fixed_clock)
    (measurement,) = computed_of(indicator)
    convention = world["convention"]
    path = (
        f"/conventions/{convention.id}/indicators/{indicator.id}"
        f"/measurements/{measurement.id}/override"
    )
    sign_in(client, world["staff"])
    prefix = f"override-{measurement.id}"
    # Without a reason: refused with a message, nothing changed.
    response = post_form(client, path, {f"{prefix}-value": "6", f"{prefix}-reason": ""})
    assert response.status_code == 422
    _db.session.refresh(measurement)
    assert measurement.value == 4 and measurement.portal_value is None
    reason = "Deux adhésions signées sur papier, pas encore saisies."
    response = post_form(client, path, {f"{prefix}-value": "6", f"{prefix}-reason": reason})
    assert response.status_code == 302
    _db.session.refresh(measurement)
    assert (measurement.value, measurement.portal_value) == (6, 4)
    assert measurement.override_reason == reason
    assert measurement.recorded_by_id == world["staff"].id
    page = client.get(f"/conventions/{convention.id}").get_data(as_text=True)
    assert reason in page and re.search(r"4(,00)?</span>", page)
    # The next day the figure is the same: the override stands.
    assert "Indicator figures recorded: 0" in run(app, fixed_clock, TODAY + timedelta(days=1))
    # A person's own measurement cannot be "overridden" as a portal figure.
    typed = Measurement(indicator_id=indicator.id, measured_on=TODAY, value=3, source="Rapport")
    _db.session.add(typed)
    _db.session.commit()
    other = (
        f"/conventions/{convention.id}/indicators/{indicator.id}/measurements/{typed.id}/override"
    )
    response = post_form(
        client, other, {f"override-{typed.id}-value": "1", f"override-{typed.id}-reason": "x"}
    )
    assert response.status_code == 422
    _db.session.refresh(typed)
    assert typed.value == 3


def test_an_indicator_is_bound_when_it_is_created(client, world):
    officer = make_user("ministry_officer")
    sign_in(client, officer)
    path = f"/conventions/{world['convention'].id}/indicators/new"
    form = client.get(path).get_data(as_text=True)
    assert 'value="people_trained"' in form
    response = post_form(
        client,
        path,
        {
            "name_fr": "Personnes formées",
            "name_ar": "الأشخاص المكونون",
            "baseline": "0",
            "baseline_date": "2025-01-01",
            "target": "500",
            "target_date": "2027-12-31",
            "metric": "people_trained",
        },
    )
    assert response.status_code == 302
    from portal.models import Indicator

    created = _db.session.execute(
        select(Indicator).where(Indicator.name_fr == "Personnes formées")
    ).scalar_one()
    assert created.metric == PortalMetric.PEOPLE_TRAINED
