"""Certification rules: month arithmetic, stage order, readiness and the demo pipeline."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.models import (
    CaseStage,
    Certificate,
    Diagnostic,
    DiagnosticAnswer,
    Rating,
    ServiceRequest,
    Standard,
    SupportCase,
    add_months,
)
from portal.services import certification
from tests.factories import EcosystemFactory, OrganisationFactory, make_user


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),
        (date(2024, 2, 29), 36, date(2027, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2025, 11, 30), -36, date(2022, 11, 30)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_shorter_months(day, months, expected):
    assert add_months(day, months) == expected


def test_certificate_dates_are_derived(db):
    certificate = Certificate(issued_on=date(2024, 2, 29))
    assert certificate.surveillance_due == (date(2025, 2, 28), date(2026, 2, 28))
    assert certificate.expires_on == date(2027, 2, 28)
    assert not certificate.is_expired(date(2027, 2, 27))
    assert certificate.is_expired(date(2027, 2, 28))


@pytest.fixture
def case(db):
    standard = db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar_one()
    sme = OrganisationFactory()
    case = SupportCase(
        organisation_id=sme.id,
        ecosystem_id=EcosystemFactory().id,
        standard_id=standard.id,
        kind="initial",
    )
    db.session.add(case)
    db.session.flush()
    return case


def test_stages_move_one_step_at_a_time(db, case, app):
    actor = make_user("admin")
    with app.test_request_context():
        with pytest.raises(certification.CertificationError):
            certification.advance(case, CaseStage.DIAGNOSTIC, actor)
        certification.advance(case, CaseStage.ACCEPTED, actor)
        certification.advance(case, CaseStage.DIAGNOSTIC, actor)
        with pytest.raises(certification.CertificationError):
            certification.advance(case, CaseStage.ACTION_PLAN, actor)  # no completed diagnostic
    assert case.stage == CaseStage.DIAGNOSTIC


def test_readiness_per_group_and_overall_and_comparison(db, case):
    clauses = certification.clauses_of(case.standard_id)
    rated = [c for c in clauses if not c.is_group]
    assert len(rated) == 28 and {c.group for c in clauses} == {str(n) for n in range(4, 11)}
    first = Diagnostic(case_id=case.id, number=1, completed_on=date(2026, 1, 1))
    second = Diagnostic(case_id=case.id, number=2, completed_on=date(2026, 6, 1))
    db.session.add_all([first, second])
    db.session.flush()
    for clause in rated:
        group4 = clause.group == "4"
        db.session.add(
            DiagnosticAnswer(
                diagnostic_id=first.id,
                clause_id=clause.id,
                rating=Rating.FULLY if group4 else Rating.PARTIAL,
            )
        )
        db.session.add(
            DiagnosticAnswer(
                diagnostic_id=second.id,
                clause_id=clause.id,
                rating=Rating.NOT_APPLICABLE if clause.number == "8.3" else Rating.LARGELY,
            )
        )
    db.session.flush()
    before = certification.readiness(first, clauses)
    after = certification.readiness(second, clauses)
    assert before.by_group["4"] == 1.0
    assert before.by_group["7"] == pytest.approx(1 / 3)
    assert before.overall == pytest.approx((4 * 3 + 24 * 1) / (28 * 3))
    assert after.by_group["8"] == pytest.approx(2 / 3)  # 8.3 not applicable: left out
    changes = certification.compare(before, after)
    by_number = {c.number: changes.get(c.id) for c in rated}
    assert by_number["4.1"] == -1 and by_number["7.1"] == 1 and by_number["8.3"] is None


def test_demo_has_every_stage_certificates_and_requests(app, db):
    from portal.demo.seed import seed

    with app.test_request_context():
        seed()
        stages = set(db.session.execute(select(SupportCase.stage)).scalars())
        assert stages == set(CaseStage)
        admin = make_user("admin")
        state = certification.pipeline(admin, date.today())
        # The chemistry SME's case and the urban agency's whole journey (demo/seed_journeys).
        assert state.by_stage["certified"] == 2
        assert state.valid_certificates >= 3
        assert [c.number for c in state.expiring_soon] == ["NC-16949-2023-0042"]
        assert state.overdue_requests == 2
        statuses = {
            c.number: c.effective_status(date.today())
            for c in db.session.execute(select(Certificate)).scalars()
        }
        assert statuses["NC-14001-2022-0009"] == "expired"
        requests = db.session.execute(select(ServiceRequest)).scalars().all()
        assert sum(r.is_overdue(date.today()) for r in requests) == 2


@pytest.mark.parametrize(
    "today",
    [date(2027, 2, 27), date(2027, 2, 28), date(2027, 3, 1), date(2026, 11, 21), date(2028, 2, 29)],
)
def test_the_sql_boundary_agrees_with_is_expired(today):
    boundary = certification.last_issue_expired_by(today)
    for offset in range(-3, 4):
        issued = boundary + timedelta(days=offset)
        assert Certificate(issued_on=issued).is_expired(today) == (issued <= boundary)
