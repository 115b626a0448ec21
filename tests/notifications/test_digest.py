"""``flask reminders digest`` (issue 12, item 5): each federation's staff receives its own
ecosystems' week, the ministry every ecosystem's, in their language; nobody else receives
one; once per week however often the command runs."""

from __future__ import annotations

from datetime import timedelta

from portal.clock import today as clock_today
from portal.extensions import db as _db
from portal.models import MembershipStatus, OrganisationKind
from tests.conftest import sent_mail
from tests.factories import (
    ComplaintFactory,
    ConventionFactory,
    EcosystemFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganisationFactory,
    TrainingNeedFactory,
    make_user,
)

# The week of the data the test writes (created now): the clock's real day.
TODAY = clock_today()


def run(app, clock, day):
    """The command, as cron runs it, on ``day``."""
    clock(day)
    result = app.test_cli_runner().invoke(args=["reminders", "digest"])
    assert result.exit_code == 0, result.output
    return result.output


def digests(app, email):
    return [
        m.get_body(("plain",)).get_content()
        for m in sent_mail(app)
        if m["To"] == email and ("semaine" in m["Subject"] or "أسبوعكم" in m["Subject"])
    ]


def test_each_receives_the_week_of_their_ecosystems_once(app, db, fixed_clock):
    today = TODAY
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    fcp = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="FCP")
    auto = EcosystemFactory(lead_federation=amica, name_fr="Automobile", name_ar="السيارات")
    chimie = EcosystemFactory(lead_federation=fcp, name_fr="Chimie", name_ar="الكيمياء")
    make_user("federation_staff", amica, email="staff@amica.ma", preferred_locale="fr")
    make_user("federation_staff", fcp, email="staff@fcp.ma", preferred_locale="ar")
    make_user("ministry_officer", email="officer@mcinet.ma", preferred_locale="fr")
    make_user("sme_user", email="pme@atlas.ma")
    make_user("admin", email="admin@portail.ma")
    MembershipFactory(ecosystem=auto, status=MembershipStatus.REQUESTED)
    MembershipFactory(ecosystem=auto, status=MembershipStatus.REQUESTED)
    TrainingNeedFactory(ecosystem_id=chimie.id)
    convention = ConventionFactory(ecosystem_id=auto.id)
    MilestoneFactory(convention_id=convention.id, due_date=today - timedelta(days=3))
    # A complaint of the automotive ecosystem received 20 days ago, still unanswered.
    filed = today - timedelta(days=20)
    ComplaintFactory(
        ecosystem_id=auto.id,
        filed_on=filed,
        due_on=filed + timedelta(days=15),
        ministry_on=filed + timedelta(days=22),
    )
    _db.session.commit()

    assert "Digests sent: 3" in run(app, fixed_clock, today)

    [amica_week] = digests(app, "staff@amica.ma")
    assert "Automobile" in amica_week and "Chimie" not in amica_week
    assert "Demandes d'adhésion en attente de décision : 2" in amica_week
    assert "Jalons de conventions en retard : 1" in amica_week
    assert "Réclamations et suggestions hors délai de réponse : 1" in amica_week
    assert f"http://localhost/ecosystems/{auto.slug}" in amica_week
    [fcp_week] = digests(app, "staff@fcp.ma")
    assert "الكيمياء" in fcp_week and "السيارات" not in fcp_week
    assert "احتياجات التكوين المصرح بها: 1" in fcp_week
    [ministry_week] = digests(app, "officer@mcinet.ma")
    assert "Automobile" in ministry_week and "Chimie" in ministry_week
    assert digests(app, "pme@atlas.ma") == [] and digests(app, "admin@portail.ma") == []

    # Once a week: the same week sends nothing again; the next week sends again.
    assert "Digests sent: 0" in run(app, fixed_clock, today)
    assert "Digests sent: 3" in run(app, fixed_clock, today + timedelta(days=7))
