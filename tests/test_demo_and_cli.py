"""The demo dataset and the command-line tools."""

from collections import Counter

from sqlalchemy import func, select

from portal import clock
from portal.models import (
    Accreditation,
    Ecosystem,
    Membership,
    MembershipStatus,
    Organisation,
    QualityExpert,
    User,
    is_valid_ice,
)
from portal.services.passwords import verify_password


def test_demo_seed_is_believable_and_idempotent(app, db):
    from portal.demo.seed import demo_password, seed

    with app.test_request_context():
        first = seed()
        second = seed()
        organisations = db.session.execute(select(Organisation)).scalars().all()
        by_kind = Counter(o.kind.value for o in organisations)
        smes = [o for o in organisations if o.kind.value == "sme"]
        assert by_kind["ministry"] == 1
        assert by_kind["federation"] == 2
        assert 35 <= by_kind["sme"] <= 45
        assert by_kind["institute"] == 5
        assert by_kind["infrastructure"] == 6
        assert {o.region for o in smes} == {f"MA-{n:02d}" for n in range(1, 13)}
        assert all(is_valid_ice(o.ice) and o.name_ar and o.name_fr for o in smes)
        assert len({o.infrastructure_type for o in organisations if o.infrastructure_type}) == 6
        slugs = set(db.session.execute(select(Ecosystem.slug)).scalars())
        assert slugs == {"automobile", "chimie-parachimie"}
        statuses = set(db.session.execute(select(Membership.status)).scalars())
        assert MembershipStatus.REQUESTED in statuses and MembershipStatus.ACTIVE in statuses
        experts = db.session.execute(select(QualityExpert)).scalars().all()
        assert len(experts) >= 5 and all(e.competencies for e in experts)
        accreditations = db.session.execute(select(Accreditation)).scalars().all()
        assert {a.standard.value for a in accreditations} >= {"iso_iec_17025", "iso_iec_17020"}
        assert all(
            a.accrediting_body.infrastructure_type.value == "accreditation_body"
            for a in accreditations
        )
        roles = {u.role.value for u in db.session.execute(select(User)).scalars()}
        assert len(roles) == 6
        for email, _role, password in first.accounts:
            user = db.session.execute(select(User).where(User.email == email)).scalar_one()
            assert verify_password(user.password_hash, password)
            assert password == demo_password(email)

    assert sum(first.created.values()) > 100
    assert second.created == Counter()
    assert [a[0] for a in second.accounts] == [a[0] for a in first.accounts]


def test_create_admin_command(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "root@example.org",
            "--name",
            "Amina Idrissi",
            "--password",
            "une phrase assez longue 31",
        ],
    )
    assert result.exit_code == 0, result.output
    admin = db.session.execute(select(User).where(User.email == "root@example.org")).scalar_one()
    assert admin.role.value == "admin"
    assert admin.organisation.kind.value == "ministry"
    assert verify_password(admin.password_hash, "une phrase assez longue 31")

    weak = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "weak@example.org",
            "--name",
            "W",
            "--password",
            "password1234",
        ],
    )
    assert weak.exit_code != 0
    duplicate = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "ROOT@example.org",
            "--name",
            "X",
            "--password",
            "une autre phrase longue 32",
        ],
    )
    assert duplicate.exit_code != 0
    count = db.session.execute(select(func.count(User.id))).scalar_one()
    assert count == 1


def test_demo_seeds_the_two_conventions_of_22_november_2023(app, db):
    from datetime import date

    from portal.demo.seed import seed
    from portal.models import Convention
    from portal.services.conventions import load_view

    with app.test_request_context():
        seed()
        conventions = {c.reference: c for c in db.session.execute(select(Convention)).scalars()}
        assert set(conventions) == {"MIC-AMICA-2023-01", "MIC-FCP-2023-02"}
        automotive = load_view(conventions["MIC-AMICA-2023-01"], date(2026, 11, 21))
        assert automotive.convention.signed_on == date(2023, 11, 22)
        assert {p.organisation.acronym for p in automotive.parties} == {"MIC", "AMICA"}
        assert sum(len(c) for c in automotive.commitments.values()) == 7
        assert [m.title_fr for m in automotive.late_milestones] == [
            "Plan de formation remis aux instituts"
        ]
        assert automotive.at_risk
        assert 0.5 < automotive.progress < 0.9
        # A milestone done late, with its evidence; a commitment left late.
        campaign = next(m for m in automotive.milestones if m.title_fr.startswith("Campagne"))
        assert campaign.days_late(date(2026, 11, 21)) == 18 and campaign.evidence_note
        assert [c.description_fr[:28] for c in automotive.late_commitments] == [
            "Porter les besoins en format"
        ]
        chemistry = load_view(conventions["MIC-FCP-2023-02"], date(2026, 11, 21))
        assert not chemistry.late_milestones and not chemistry.late_commitments


def test_demo_has_a_suspended_certificate_with_its_reasons(app, db):
    from portal.demo.seed import seed
    from portal.models import Certificate, CertificateStatus
    from portal.services.certification.certificates import current_reason, status_history

    with app.test_request_context():
        seed()
        suspended = db.session.execute(
            select(Certificate).where(Certificate.status == CertificateStatus.SUSPENDED)
        ).scalar_one()
        history = status_history(suspended)
        assert [(h.from_status, h.to_status) for h in history] == [
            (CertificateStatus.VALID, CertificateStatus.SUSPENDED),
            (CertificateStatus.SUSPENDED, CertificateStatus.VALID),
            (CertificateStatus.VALID, CertificateStatus.SUSPENDED),
        ]
        assert current_reason(suspended, history).reason.startswith("Audit de surveillance")


def test_demo_training_data_and_demand(app, db):
    from portal.demo.seed import seed
    from portal.models import (
        Enrolment,
        NeedStatus,
        SessionEvaluation,
        SessionStatus,
        TrainingNeed,
        TrainingOffer,
        TrainingSession,
        TrainingTopic,
    )
    from portal.services.accounts import find_user_by_email
    from portal.services.training import (
        demand,
        matching_offers,
    )
    from tests.factories import make_user

    with app.test_request_context():
        seed()
        statuses = {n.status for n in db.session.execute(select(TrainingNeed)).scalars()}
        assert statuses >= {
            NeedStatus.SUBMITTED,
            NeedStatus.VALIDATED,
            NeedStatus.FULFILLED,
            NeedStatus.DECLINED,
        }
        assert db.session.execute(select(func.count(TrainingOffer.id))).scalar_one() == 7
        # Two sessions held (with attendance; the demo company has one to evaluate), two planned.
        held = db.session.execute(
            select(TrainingSession.id).where(TrainingSession.status == SessionStatus.HELD)
        ).scalars()
        # Attending companies, and those of them that evaluated, per held session.
        attended = {
            session: (
                set(
                    db.session.execute(
                        select(Enrolment.organisation_id).where(
                            Enrolment.session_id == session, Enrolment.attended.is_(True)
                        )
                    ).scalars()
                ),
                set(
                    db.session.execute(
                        select(SessionEvaluation.organisation_id).where(
                            SessionEvaluation.session_id == session
                        )
                    ).scalars()
                ),
            )
            for session in held
        }
        demo_company = find_user_by_email("pme@example.org").organisation_id
        assert len(attended) == 2
        assert [
            demo_company in came and demo_company not in rated for came, rated in attended.values()
        ].count(True) == 1
        # The institute's home has a coming session and one whose attendance is to record.
        planned = db.session.execute(
            select(TrainingSession).where(TrainingSession.status == SessionStatus.PLANNED)
        ).scalars()
        assert sorted(s.ends_on > clock.today() for s in planned) == [False, True]
        cells = demand(make_user("ministry_officer"))
        assert sum(c.people for c in cells) == sum(
            n.people
            for n in db.session.execute(
                select(TrainingNeed).where(TrainingNeed.status == NeedStatus.VALIDATED)
            ).scalars()
        )
        apqp_topic = db.session.execute(
            select(TrainingTopic).where(TrainingTopic.code == "apqp")
        ).scalar_one()
        cell = next(c for c in cells if c.topic_id == apqp_topic.id and c.region == "MA-01")
        best, score = matching_offers(cell.topic_id, cell.region, cell.people)[0]
        assert best.title_fr == "APQP et PPAP en pratique" and score >= 4


def test_every_demo_account_has_work_in_its_home_queue(app, db):
    from portal.demo.seed import seed
    from portal.services.accounts import find_user_by_email
    from portal.services.work_queue import home_for

    with app.test_request_context():
        report = seed()
        for email, _role, _password in report.accounts:
            home = home_for(find_user_by_email(email), clock.today())
            waiting = {s.key: s.total for s in home.sections}
            assert sum(waiting.values()) > 0, (email, waiting)


def test_set_password_command_changes_the_password_and_ends_the_sessions(app, client, db):
    from tests.conftest import post_form, sign_in
    from tests.factories import DEFAULT_PASSWORD, make_user

    user = make_user("sme_user", email="amal@example.org")
    signed_in = app.test_client()
    sign_in(signed_in, user)
    assert signed_in.get("/home").status_code == 200
    new_password = "une phrase toute neuve 2026"

    result = app.test_cli_runner().invoke(
        args=["users", "set-password", "AMAL@example.org", "--password", new_password]
    )
    assert result.exit_code == 0, result.output
    assert "amal@example.org" in result.output

    def login(password: str) -> int:
        return post_form(
            client, "/auth/login", {"email": "amal@example.org", "password": password}
        ).status_code

    assert login(DEFAULT_PASSWORD) == 401
    assert login(new_password) == 302
    # The session opened before the change has ended.
    assert signed_in.get("/home").status_code == 302


def test_set_password_command_refuses_a_weak_password_or_an_unknown_address(app, db):
    from tests.factories import DEFAULT_PASSWORD, make_user

    user = make_user("sme_user", email="amal@example.org")
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["users", "set-password", user.email, "--password", "password1234"])
    unknown = runner.invoke(
        args=["users", "set-password", "nobody@example.org", "--password", "une phrase longue 31"]
    )
    assert weak.exit_code != 0 and unknown.exit_code != 0
    assert "nobody@example.org" in unknown.output
    assert verify_password(user.password_hash, DEFAULT_PASSWORD)


def test_demo_seed_command_runs_outside_a_request(app, db):
    result = app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    assert db.session.execute(select(func.count(Ecosystem.id))).scalar_one() == 2
