"""A beneficiary's measurable quality objectives (issue 14, item 4): set by those who may
record the quality policy, measured over time, compared with the straight line from baseline
to target exactly as a convention's indicators are (one computation,
``services.trajectory``), read from any of the organisation's cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.models import (
    Indicator,
    ObjectiveMeasurement,
    OrganisationKind,
    QualityObjective,
    Role,
)
from portal.services.certification import objectives
from portal.services.certification.cases import CertificationError
from portal.services.conventions.progress import IndicatorView
from portal.services.editing import StaleEdit
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    SupportCaseFactory,
    make_user,
)

TODAY = date(2026, 11, 16)

FIELDS = {
    "title_fr": "Livraisons à l'heure",
    "title_ar": "التسليم في الوقت",
    "unit_fr": "% des livraisons",
    "unit_ar": "% من التسليمات",
    "baseline": "80",
    "baseline_date": "2026-01-01",
    "target": "98",
    "target_date": "2027-01-01",
    "owner": "Responsable logistique",
}


@pytest.fixture
def world(db, fixed_clock):
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    ecosystem = EcosystemFactory(lead_federation=federation)
    company = OrganisationFactory(kind=OrganisationKind.SME)
    MembershipFactory(ecosystem=ecosystem, organisation=company)
    case = SupportCaseFactory(organisation_id=company.id, ecosystem_id=ecosystem.id)
    # A second case of the same company (another standard): the objectives are the company's.
    other_case = SupportCaseFactory(organisation_id=company.id, ecosystem_id=ecosystem.id)
    return {
        "case": case,
        "other_case": other_case,
        "company": company,
        "company_user": make_user(Role.SME_USER, organisation=company, preferred_locale="fr"),
        "staff": make_user(Role.FEDERATION_STAFF, organisation=federation, preferred_locale="fr"),
        "officer": make_user(Role.MINISTRY_OFFICER, preferred_locale="fr"),
    }


def _objective(world, **changes) -> QualityObjective:
    values = {
        "title_fr": "Réclamations clients",
        "title_ar": "شكايات الزبناء",
        "unit_fr": "par mois",
        "unit_ar": "في الشهر",
        "baseline": Decimal("12"),
        "baseline_date": date(2026, 1, 1),
        "target": Decimal("4"),
        "target_date": date(2027, 1, 1),
        "owner": "Directeur qualité",
    } | changes
    return objectives.add_objective(world["company"], values, recorder=world["company_user"])


def test_attainment_and_trajectory_are_computed_as_for_a_convention_indicator(world, db):
    """The same numbers give the same attainment, expectation and verdict whether they are an
    indicator of a convention or an objective (a target that goes down included)."""
    objective = _objective(world)
    user = world["company_user"]
    objectives.record_measurement(
        objective,
        measured_on=date(2026, 10, 1),
        value=Decimal("8"),
        comment="",
        recorder=user,
        today=TODAY,
    )
    view = objectives.objectives_of(world["company"], TODAY)[0]
    indicator = Indicator(
        baseline=Decimal("12"),
        baseline_date=date(2026, 1, 1),
        target=Decimal("4"),
        target_date=date(2027, 1, 1),
    )
    twin = IndicatorView(indicator, view.measurements, TODAY)
    assert view.attainment == twin.attainment == pytest.approx(0.5)  # 12 → 8 of 12 → 4
    assert view.expected == twin.expected == pytest.approx(319 / 365)
    assert view.below_trajectory and twin.below_trajectory and not view.on_track()
    assert view.current_value == Decimal("8") and view.latest.measured_on == date(2026, 10, 1)


def test_the_objective_rules(world, db):
    with pytest.raises(CertificationError):
        _objective(world, title_ar=" ")
    with pytest.raises(CertificationError):
        _objective(world, owner="")
    with pytest.raises(CertificationError):
        _objective(world, target_date=date(2025, 12, 31))
    with pytest.raises(CertificationError):
        _objective(world, target=Decimal("12"))
    objective = _objective(world)
    user = world["company_user"]
    with pytest.raises(CertificationError):  # in the future
        objectives.record_measurement(
            objective,
            measured_on=date(2026, 11, 17),
            value=Decimal("5"),
            comment="",
            recorder=user,
            today=TODAY,
        )
    with pytest.raises(CertificationError):  # before the baseline
        objectives.record_measurement(
            objective,
            measured_on=date(2025, 12, 1),
            value=Decimal("5"),
            comment="",
            recorder=user,
            today=TODAY,
        )
    objectives.record_measurement(
        objective,
        measured_on=date(2026, 3, 1),
        value=Decimal("10"),
        comment="",
        recorder=user,
        today=TODAY,
    )
    fields = {name: getattr(objective, name) for name in objectives.OBJECTIVE_FIELDS}
    with pytest.raises(CertificationError):  # the baseline would come after a measurement
        objectives.update_objective(
            objective, fields | {"baseline_date": date(2026, 4, 1)}, version=objective.version
        )


def test_an_organisation_keeps_a_bounded_number_of_objectives(world, db, monkeypatch):
    monkeypatch.setattr(objectives, "MAX_OBJECTIVES", 2)
    _objective(world)
    removed = _objective(world)
    objectives.remove_objective(removed, version=removed.version)
    _objective(world)  # the removed one does not count
    with pytest.raises(CertificationError):
        _objective(world)


def test_the_objectives_page_set_measure_change_and_remove(client, world, db):
    """The company sets an objective and measures it; the page shows its latest value,
    attainment, verdict, chart and data table, on every case of the company; the federation
    changes it; a change from an older version is refused; removing keeps the row."""
    case = world["case"]
    sign_in(client, world["company_user"])
    path = f"/support/{case.id}/quality-objectives"
    assert post_form(client, path, FIELDS | {"title_ar": ""}).status_code == 422
    assert post_form(client, path, FIELDS | {"target_date": "2025-06-01"}).status_code == 422
    assert post_form(client, path, FIELDS).status_code == 302
    objective = db.session.execute(select(QualityObjective)).scalar_one()
    assert (objective.organisation_id, objective.target) == (world["company"].id, Decimal("98"))
    measure = f"{path}/{objective.id}/measurements"
    prefix = f"objective-{objective.id}-"
    refused = post_form(
        client, measure, {f"{prefix}measured_on": "2026-12-01", f"{prefix}value": "90"}
    )
    assert refused.status_code == 422
    saved = post_form(
        client,
        measure,
        {
            f"{prefix}measured_on": "2026-09-30",
            f"{prefix}value": "95,5",
            f"{prefix}comment": "Nouveau transporteur",
        },
    )
    assert saved.status_code == 302
    measurement = db.session.execute(select(ObjectiveMeasurement)).scalar_one()
    assert measurement.value == Decimal("95.50")

    sign_in(client, world["staff"])
    page = client.get(f"/support/{world['other_case'].id}/quality-objectives").get_data(
        as_text=True
    )
    assert "Livraisons à l&#39;heure" in page and "Nouveau transporteur" in page
    # 80 → 95.5 of 80 → 98 is 86 % of the way; the line says 87 % on 16 November.
    assert "Sous sa trajectoire" in page and "Sur sa trajectoire" not in page
    assert "Dernière valeur : 95,5" in page
    assert f'id="objective-{objective.id}-data"' in page and "<polyline" in page

    edit = f"{path}/{objective.id}"
    assert client.get(edit).status_code == 200
    changed = post_form(client, edit, FIELDS | {"target": "97", "version": str(objective.version)})
    assert changed.status_code == 302
    db.session.refresh(objective)
    assert objective.target == Decimal("97") and objective.version == 2
    with pytest.raises(StaleEdit):
        typed = {name: getattr(objective, name) for name in objectives.OBJECTIVE_FIELDS}
        objectives.update_objective(objective, typed | {"target": Decimal("99")}, version=1)
    stale = post_form(client, edit, FIELDS | {"target": "99", "version": "1"})
    assert stale.status_code == 302  # back to the form, with the current version
    db.session.refresh(objective)
    assert objective.target == Decimal("97")

    removed = post_form(
        client, f"{path}/{objective.id}/remove", {f"remove-{objective.id}-version": "2"}
    )
    assert removed.status_code == 302
    assert db.session.execute(select(QualityObjective)).scalars().all() == []
    kept = db.session.execute(
        select(QualityObjective).execution_options(include_deleted=True, populate_existing=True)
    ).scalar_one()
    assert kept.deleted_at is not None
    assert client.get(edit).status_code == 404


def test_who_reads_and_who_changes_the_objectives(client, world, db):
    objective = _objective(world)
    case = world["case"]
    path = f"/support/{case.id}/quality-objectives"
    sign_in(client, world["officer"])
    assert client.get(path).status_code == 200
    page = client.get(path).get_data(as_text=True)
    assert "Réclamations clients" in page and "Enregistrer la mesure" not in page
    assert post_form(client, path, FIELDS).status_code == 403
    assert client.get(f"{path}/{objective.id}").status_code == 403
    stranger = make_user(Role.SME_USER)
    sign_in(client, stranger)
    assert client.get(path).status_code == 404
    # An objective of another organisation is not found through this case.
    other_company = OrganisationFactory(kind=OrganisationKind.SME)
    theirs = objectives.add_objective(
        other_company,
        {name: getattr(objective, name) for name in objectives.OBJECTIVE_FIELDS},
        recorder=stranger,
    )
    sign_in(client, world["company_user"])
    assert client.get(f"{path}/{theirs.id}").status_code == 404


def test_the_objectives_page_reads_a_fixed_number_of_queries(client, world, db):
    case = world["case"]
    user = world["company_user"]
    sign_in(client, user)
    path = f"/support/{case.id}/quality-objectives"

    def grow(count: int) -> None:
        for _ in range(count):
            objective = _objective(world)
            for month in range(1, 4):
                objectives.record_measurement(
                    objective,
                    measured_on=date(2026, month, 15),
                    value=Decimal(12 - month),
                    comment="",
                    recorder=user,
                    today=TODAY,
                )

    grow(1)
    client.get(path)
    with count_queries() as small:
        assert client.get(path).status_code == 200
    grow(5)
    client.get(path)
    with count_queries() as large:
        assert client.get(path).status_code == 200
    assert large.count == small.count


def test_the_chart_shows_the_latest_measurements_only(world, db, monkeypatch):
    monkeypatch.setattr(objectives, "MEASUREMENTS_SHOWN", 3)
    objective = _objective(world)
    for month in range(1, 7):
        objectives.record_measurement(
            objective,
            measured_on=date(2026, month, 1),
            value=Decimal(12 - month),
            comment="",
            recorder=world["company_user"],
            today=TODAY,
        )
    view = objectives.objectives_of(world["company"], TODAY)[0]
    assert [m.measured_on.month for m in view.measurements] == [4, 5, 6]
    assert view.current_value == Decimal("6")
