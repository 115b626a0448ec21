"""The demo dataset and the command-line tools."""

from collections import Counter

from sqlalchemy import func, select

from portal.models import (
    Accreditation,
    Ecosystem,
    Membership,
    MembershipStatus,
    Organisation,
    QualityExpert,
    Role,
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
        assert roles == {role.value for role in Role}
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
