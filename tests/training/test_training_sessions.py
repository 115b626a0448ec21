"""Training offers, sessions planned from a demand cell, enrolment within the seat limit with a
waiting list (also under twenty concurrent connections), attendance that fulfils the needs,
evaluations after a held session (the session survey), and who sees what."""

from __future__ import annotations

import csv
import io
import threading
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import (
    Enrolment,
    EnrolmentStatus,
    JobCategory,
    Level,
    Modality,
    NeedStatus,
    Notification,
    Organisation,
    OrganisationKind,
    Priority,
    SessionStatus,
    SurveyAnswer,
    SurveyInvitation,
    TrainingNeed,
    TrainingOffer,
    TrainingSession,
    TrainingTopic,
    User,
)
from portal.services import notifications, surveys
from portal.services import training as service
from tests.conftest import fresh_database_url, make_test_app, post_form, sign_in
from tests.factories import EcosystemFactory, MembershipFactory, OrganisationFactory, make_user

TODAY = date(2027, 1, 11)
QUARTER = "2027-Q1"
REGION = "MA-06"


def message(msgid: str, **values) -> str:
    """A message as the French pages show it (users are French by default)."""
    with current_app.test_request_context(), force_locale("fr"):
        return str(escape(gettext(msgid, **values)))


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@dataclass
class World:
    ecosystem: object
    topic: TrainingTopic
    offer: TrainingOffer
    staff: User
    institute_user: User
    company_a: Organisation
    company_b: Organisation
    user_a: User
    user_b: User
    outsider: User
    need_a: TrainingNeed
    need_b: TrainingNeed


def add_offer(institute: Organisation, topic: TrainingTopic, **values) -> TrainingOffer:
    fields = {
        "title_fr": "Exigences ISO 9001",
        "title_ar": "متطلبات إيزو 9001",
        "duration_hours": 21,
        "modality": Modality.IN_PERSON,
        "capacity": 12,
        "languages": "fr,ar",
        "price_mad": 3500,
        "regions": REGION,
        **values,
    }
    offer = TrainingOffer(institute_id=institute.id, topic_id=topic.id, **fields)
    _db.session.add(offer)
    _db.session.flush()
    return offer


def add_need(organisation: Organisation, ecosystem, topic: TrainingTopic, people: int):
    need = TrainingNeed(
        organisation_id=organisation.id,
        ecosystem_id=ecosystem.id,
        topic_id=topic.id,
        job_category=JobCategory.QUALITY_STAFF,
        people=people,
        level=Level.BEGINNER,
        priority=Priority.HIGH,
        quarter=QUARTER,
        region=REGION,
        modality=Modality.IN_PERSON,
        status=NeedStatus.VALIDATED,
    )
    _db.session.add(need)
    _db.session.flush()
    return need


@pytest.fixture
def world(db, monkeypatch) -> World:
    return build_world(db, monkeypatch)


def build_world(db, monkeypatch) -> World:
    """AMICA's ecosystem with two member companies that asked for ISO 9001 training in
    Casablanca-Settat (3 and 2 people), a third company outside it, an institute and its
    offer."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=amica)
    institute = OrganisationFactory(kind=OrganisationKind.INSTITUTE, name_fr="Institut Qualité")
    company_a = MembershipFactory(ecosystem=ecosystem).organisation
    company_b = MembershipFactory(ecosystem=ecosystem).organisation
    topic = db.session.execute(select(TrainingTopic).order_by(TrainingTopic.id)).scalars().first()
    return World(
        ecosystem=ecosystem,
        topic=topic,
        offer=add_offer(institute, topic),
        staff=make_user("federation_staff", organisation=amica),
        institute_user=make_user("institute_user", organisation=institute),
        company_a=company_a,
        company_b=company_b,
        user_a=make_user("sme_user", organisation=company_a),
        user_b=make_user("sme_user", organisation=company_b),
        outsider=make_user("sme_user"),
        need_a=add_need(company_a, ecosystem, topic, 3),
        need_b=add_need(company_b, ecosystem, topic, 2),
    )


def plan(
    world: World, seats: int = 5, starts_on: date = date(2027, 2, 1), kept_until=None
) -> TrainingSession:
    """A session for both companies' needs; no seat kept for them unless ``kept_until`` is
    given (fair seats: tests/training/test_fair_seats.py)."""
    return service.plan_session(
        world.staff,
        offer=world.offer,
        ecosystem_id=world.ecosystem.id,
        region=REGION,
        quarter=QUARTER,
        starts_on=starts_on,
        ends_on=starts_on,
        place="Casablanca",
        seats=seats,
        needs=[world.need_a, world.need_b],
        kept_until=kept_until,
    )


def plan_path(world: World) -> str:
    return (
        f"/training/plan?topic={world.topic.id}&region={REGION}&quarter={QUARTER}"
        f"&ecosystem={world.ecosystem.id}"
    )


def statuses(training_session: TrainingSession) -> dict[str, str]:
    rows = _db.session.execute(
        select(Enrolment.participant_name, Enrolment.status).where(
            Enrolment.session_id == training_session.id
        )
    )
    return {name: status.value for name, status in rows}


# --- offers ----------------------------------------------------------------------------------


OFFER_FORM = {
    "title_fr": "Auditeur interne",
    "title_ar": "مدقق داخلي",
    "duration_hours": "14",
    "modality": "remote",
    "capacity": "15",
    "languages": ["ar", "fr"],
    "price_mad": "2 500,50",
    "regions": ["MA-06", "MA-01"],
    "active": "y",
}


def test_an_institute_publishes_an_offer_then_edits_it(client, world):
    sign_in(client, world.institute_user)
    response = post_form(
        client, "/training/offers/new", {**OFFER_FORM, "topic_id": str(world.topic.id)}
    )
    assert response.status_code == 302
    offer = _db.session.execute(
        select(TrainingOffer).where(TrainingOffer.title_fr == "Auditeur interne")
    ).scalar_one()
    assert offer.institute_id == world.institute_user.organisation_id
    assert (offer.languages, offer.regions) == ("fr,ar", "MA-01,MA-06")
    assert float(offer.price_mad) == 2500.5
    assert offer.modality == Modality.REMOTE
    assert "Auditeur interne" in page(client, "/training/offers?modality=remote")

    edit = f"/training/offers/{offer.id}/edit"
    changes = {**OFFER_FORM, "topic_id": str(world.topic.id), "capacity": "20"}
    stale = post_form(client, edit, {**changes, "version": str(offer.version - 1)})
    assert stale.status_code == 302 and stale.headers["Location"].endswith(edit)
    _db.session.refresh(offer)
    assert offer.capacity == 15
    saved = post_form(client, edit, {**changes, "version": str(offer.version), "active": ""})
    assert saved.status_code == 302
    _db.session.refresh(offer)
    assert (offer.capacity, offer.active) == (20, False)

    refused = post_form(client, edit, {**changes, "version": str(offer.version), "regions": []})
    assert refused.status_code == 422
    assert message("Choose at least one region.") in refused.get_data(as_text=True)


def test_offers_of_others_are_404_and_other_roles_403(client, world):
    sign_in(client, make_user("institute_user"))
    assert client.get(f"/training/offers/{world.offer.id}/edit").status_code == 404
    sign_in(client, world.user_a)
    assert client.get("/training/offers/new").status_code == 403


def test_unpublished_offers_are_seen_by_their_institute_only(client, world):
    add_offer(world.offer.institute, world.topic, title_fr="Brouillon interne", active=False)
    sign_in(client, world.user_a)
    listing = page(client, "/training/offers")
    assert "Exigences ISO 9001" in listing
    assert "Brouillon interne" not in listing
    sign_in(client, world.institute_user)
    assert "Brouillon interne" in page(client, "/training/offers")
    assert "Exigences ISO 9001" not in page(client, "/training/offers?region=MA-12")


def test_the_kept_offers_list_follows_a_published_offer_and_a_new_title(client, world):
    """The offers list's results are kept as HTML (issue 11) until a table they were read
    from changes; an institute's own rendering (unpublished offers) stays its own."""
    draft = add_offer(
        world.offer.institute, world.topic, title_fr="Brouillon interne", active=False
    )
    sign_in(client, world.user_a)
    assert "Brouillon interne" not in page(client, "/training/offers")
    sign_in(client, world.institute_user)
    assert "Brouillon interne" in page(client, "/training/offers")
    sign_in(client, world.user_a)
    assert "Brouillon interne" not in page(client, "/training/offers")
    draft.active = True
    world.offer.title_fr = "Exigences ISO 9001:2015"
    _db.session.flush()
    listing = page(client, "/training/offers")
    assert "Brouillon interne" in listing and "Exigences ISO 9001:2015" in listing


# --- matching and planning -------------------------------------------------------------------


def test_the_plan_page_lists_the_best_offer_first_and_plans_a_session(client, world, monkeypatch):
    elsewhere = OrganisationFactory(kind=OrganisationKind.INSTITUTE)
    add_offer(elsewhere, world.topic, title_fr="Offre à Oujda", regions="MA-02", price_mad=100)
    monkeypatch.setitem(
        notifications.MESSAGES,
        "training_session_planned",
        "A session on %(topic)s is planned from %(date)s; you can enrol your staff.",
    )
    before = {(c.topic_id, c.region, c.quarter): c.people for c in service.demand(world.staff)}
    assert before[(world.topic.id, REGION, QUARTER)] == 5

    sign_in(client, world.staff)
    html = page(client, plan_path(world))
    assert html.index("Exigences ISO 9001") < html.index("Offre à Oujda")
    assert str(escape(world.company_a.name_fr)) in html
    assert 'id="cell-people">5<' in html

    response = post_form(
        client,
        plan_path(world),
        {
            "offer_id": str(world.offer.id),
            "starts_on": "2027-02-01",
            "ends_on": "2027-02-03",
            "place": "Casablanca, Technopark",
            "seats": "5",
        },
    )
    assert response.status_code == 302
    planned = _db.session.execute(
        select(TrainingSession).where(TrainingSession.offer_id == world.offer.id)
    ).scalar_one()
    assert response.headers["Location"].endswith(f"/training/sessions/{planned.id}")
    assert (planned.seats, planned.region, planned.quarter) == (5, REGION, QUARTER)
    for need in (world.need_a, world.need_b):
        _db.session.refresh(need)
        assert (need.status, need.session_id) == (NeedStatus.PLANNED, planned.id)
    after = {(c.topic_id, c.region, c.quarter) for c in service.demand(world.staff)}
    assert (world.topic.id, REGION, QUARTER) not in after
    invited = _db.session.execute(
        select(Notification.user_id).where(Notification.kind == "training_session_planned")
    ).scalars()
    assert set(invited) == {world.user_a.id, world.user_b.id}


def test_planning_checks_dates_seats_and_who_plans(client, world):
    sign_in(client, world.staff)
    form = {"offer_id": str(world.offer.id), "place": "Casablanca", "seats": "13"}
    past = post_form(client, plan_path(world), {**form, "starts_on": "2027-01-04"})
    assert past.status_code == 422
    assert message("The session cannot start in the past.") in past.get_data(as_text=True)
    too_many = post_form(
        client, plan_path(world), {**form, "starts_on": "2027-02-01", "ends_on": "2027-02-01"}
    )
    assert too_many.status_code == 422
    assert message(
        "This offer takes at most %(capacity)s participants.", capacity=12
    ) in too_many.get_data(as_text=True)
    assert _db.session.execute(select(func.count(TrainingSession.id))).scalar_one() == 0

    sign_in(client, make_user("federation_staff"))
    assert client.get(plan_path(world)).status_code == 404
    sign_in(client, world.user_a)
    assert client.get(plan_path(world)).status_code == 403


# --- enrolment -------------------------------------------------------------------------------


def enrol_path(training_session: TrainingSession) -> str:
    return f"/training/sessions/{training_session.id}/enrol"


def test_a_cancelled_seat_goes_to_the_first_on_the_waiting_list(client, world):
    training_session = plan(world, seats=2)
    sign_in(client, world.user_a)
    for name in ("Amina Alaoui", "Badr Bennani"):
        assert (
            post_form(client, enrol_path(training_session), {"participant_name": name}).status_code
            == 302
        )
    sign_in(client, world.user_b)
    for name in ("Chama Chraibi", "Driss Daoudi"):
        post_form(client, enrol_path(training_session), {"participant_name": name})
    assert statuses(training_session) == {
        "Amina Alaoui": "enrolled",
        "Badr Bennani": "enrolled",
        "Chama Chraibi": "waiting",
        "Driss Daoudi": "waiting",
    }
    html = page(client, f"/training/sessions/{training_session.id}")
    assert message("position %(position)s", position="1") in html

    badr = _db.session.execute(
        select(Enrolment).where(Enrolment.participant_name == "Badr Bennani")
    ).scalar_one()
    cancel = f"/training/sessions/{training_session.id}/enrolments/{badr.id}/cancel"
    assert post_form(client, cancel).status_code == 404  # not company B's participant
    sign_in(client, world.user_a)
    assert post_form(client, cancel).status_code == 302
    assert statuses(training_session) == {
        "Amina Alaoui": "enrolled",
        "Badr Bennani": "cancelled",
        "Chama Chraibi": "enrolled",
        "Driss Daoudi": "waiting",
    }


def test_a_company_sees_only_its_own_participants(client, world):
    training_session = plan(world)
    service.enrol(training_session, world.company_a.id, "Amina Alaoui")
    service.enrol(training_session, world.company_b.id, "Chama Chraibi")
    sign_in(client, world.user_b)
    html = page(client, f"/training/sessions/{training_session.id}")
    assert "Chama Chraibi" in html
    assert "Amina Alaoui" not in html
    assert str(escape(world.company_a.name_fr)) not in html
    sign_in(client, world.institute_user)
    html = page(client, f"/training/sessions/{training_session.id}")
    assert "Amina Alaoui" in html and "Chama Chraibi" in html


def test_a_company_outside_the_ecosystem_cannot_enrol_nor_see_the_session(client, world):
    training_session = plan(world)
    sign_in(client, world.outsider)
    assert client.get(f"/training/sessions/{training_session.id}").status_code == 404
    response = post_form(client, enrol_path(training_session), {"participant_name": "Intrus"})
    assert response.status_code in (403, 404)
    assert statuses(training_session) == {}
    assert f"/training/sessions/{training_session.id}" not in page(client, "/training/sessions")
    sign_in(client, make_user("institute_user"))
    assert client.get(f"/training/sessions/{training_session.id}").status_code == 404
    sign_in(client, make_user("infrastructure_user"))
    assert client.get("/training/sessions").status_code == 403


def test_an_enrolment_without_a_name_is_refused(client, world):
    training_session = plan(world)
    sign_in(client, world.user_a)
    response = post_form(client, enrol_path(training_session), {"participant_name": "  "})
    assert response.status_code == 422
    assert statuses(training_session) == {}


# --- after the session -----------------------------------------------------------------------


def test_attendance_fulfils_the_needs_of_those_who_came_and_keeps_the_others_open(
    client, world, monkeypatch
):
    """Company A (3 people declared) sends Amina, who attends; company B (2 people) sends
    Chama, who does not: A's need is fulfilled for one person and the two others are back in
    the demand; B's need is open again (per-day attendance: tests/training/test_attendance.py)."""
    training_session = plan(world, starts_on=date(2027, 2, 1))
    amina = service.enrol(training_session, world.company_a.id, "Amina Alaoui")
    chama = service.enrol(training_session, world.company_b.id, "Chama Chraibi")
    path = f"/training/sessions/{training_session.id}/attendance"
    present = f"{amina.id}-{date(2027, 2, 1).toordinal()}"
    sign_in(client, world.institute_user)
    early = post_form(client, path, {"present": [present]})
    assert early.status_code == 302
    _db.session.refresh(training_session)
    assert training_session.status == SessionStatus.PLANNED

    monkeypatch.setattr("portal.clock.today", lambda: date(2027, 2, 2))
    assert "Chama Chraibi" in page(client, path)
    assert post_form(client, path, {"present": ["999999-1"]}).status_code == 422
    assert post_form(client, path, {"present": [present]}).status_code == 302
    _db.session.refresh(training_session)
    assert training_session.status == SessionStatus.HELD
    _db.session.refresh(amina)
    _db.session.refresh(chama)
    assert (amina.attended, chama.attended) == (True, False)
    _db.session.refresh(world.need_a)
    _db.session.refresh(world.need_b)
    assert (world.need_a.status, world.need_a.people_trained) == (NeedStatus.FULFILLED, 1)
    assert (world.need_b.status, world.need_b.people_trained) == (NeedStatus.VALIDATED, 0)
    cells = {(c.topic_id, c.region, c.quarter): c.people for c in service.demand(world.staff)}
    assert cells[(world.topic.id, REGION, QUARTER)] == 2 + 2

    sign_in(client, make_user("institute_user"))
    assert client.get(path).status_code == 404
    sign_in(client, world.staff)
    assert client.get(path).status_code == 403


def test_evaluation_only_after_a_held_session_and_once_per_company(client, world):
    """The evaluation is the session survey (services/surveys.py): a company whose staff
    attended is taken to its invitation and answers it once; the others read the averages."""
    training_session = plan(world, starts_on=date(2027, 1, 4))
    amina = service.enrol(training_session, world.company_a.id, "Amina Alaoui")
    service.enrol(training_session, world.company_b.id, "Chama Chraibi")
    path = f"/training/sessions/{training_session.id}/evaluation"
    sign_in(client, world.user_a)
    assert client.get(path).headers["Location"] == f"/training/sessions/{training_session.id}"
    assert _db.session.execute(select(func.count(SurveyInvitation.id))).scalar_one() == 0

    service.record_attendance(training_session, {amina.id})
    response = client.get(path)
    invitation = _db.session.execute(select(SurveyInvitation)).scalar_one()
    assert response.headers["Location"] == f"/surveys/invitations/{invitation.id}"
    assert invitation.service_id == training_session.institute_id
    overall, content, _trainer, comment = surveys.questions_of(invitation.survey)
    survey_path = f"/surveys/invitations/{invitation.id}"
    assert post_form(client, survey_path, {f"q-{overall.id}": "7"}).status_code == 422
    answer = {
        f"q-{overall.id}": "4",
        f"q-{content.id}": "5",
        f"q-{comment.id}": "Très utile",
    }
    assert post_form(client, survey_path, answer).status_code == 302
    assert post_form(client, survey_path, {**answer, f"q-{overall.id}": "1"}).status_code == 422
    ratings = dict(
        _db.session.execute(
            select(SurveyAnswer.question_id, SurveyAnswer.rating).where(
                SurveyAnswer.invitation_id == invitation.id
            )
        ).all()
    )
    assert ratings == {overall.id: 4, content.id: 5, comment.id: None}
    assert client.get(path).headers["Location"] == survey_path  # its answers, read only

    sign_in(client, world.user_b)  # company B's participant did not attend
    assert client.get(path).status_code == 302
    assert client.get(survey_path).status_code == 404
    sign_in(client, world.institute_user)
    html = page(client, path)
    assert "Très utile" in html
    assert "<td>4</td>" in html  # the average of the single answer


# --- lists and export ------------------------------------------------------------------------


def test_sessions_list_and_export_follow_the_scope(client, world):
    training_session = plan(world, seats=3)
    service.enrol(training_session, world.company_a.id, "Amina Alaoui")
    sign_in(client, world.user_b)
    assert f"/training/sessions/{training_session.id}" in page(client, "/training/sessions")
    assert client.get("/training/sessions.csv").status_code == 403

    sign_in(client, world.staff)
    response = client.get("/training/sessions.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 2
    assert rows[1][0] == world.topic.name_fr and rows[1][1] == "Exigences ISO 9001"
    assert rows[1][8:12] == ["Casablanca", "3", "1", "0"]  # place, seats, enrolled, waiting
    xlsx = client.get("/training/sessions.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"

    sign_in(client, make_user("institute_user"))
    other = client.get("/training/sessions.csv").get_data(as_text=True)
    assert len(other.lstrip("\ufeff").splitlines()) == 1


def test_the_kept_sessions_list_follows_enrolments_memberships_and_names(client, world):
    """The sessions list's results are kept as HTML per scope (issue 11) until a table they
    were read from changes: a company that joins the ecosystem sees its sessions, seats
    taken and an institute's new name show on the next visit."""
    training_session = plan(world, seats=1)
    link = f"/training/sessions/{training_session.id}"
    sign_in(client, world.outsider)
    assert link not in page(client, "/training/sessions")
    MembershipFactory(ecosystem=world.ecosystem, organisation=world.outsider.organisation)
    assert link in page(client, "/training/sessions")

    sign_in(client, world.staff)
    assert message("%(left)s of %(seats)s", left="1", seats="1") in page(
        client, "/training/sessions"
    )
    service.enrol(training_session, world.company_a.id, "Amina Alaoui")
    world.offer.institute.name_fr = "Institut Renommé"
    _db.session.flush()
    listed = page(client, "/training/sessions")
    assert message("%(left)s of %(seats)s", left="0", seats="1") in listed
    assert "Institut Renommé" in listed


# --- twenty companies at the same moment ------------------------------------------------------


def test_twenty_concurrent_enrolments_fill_five_seats_and_put_the_rest_on_the_waiting_list(
    tmp_path,
):
    """Real connections, real commits: the row lock taken by ``enrol`` makes them wait in
    turn, so the seat limit holds (no retry on a serialisation error)."""
    app = make_test_app(fresh_database_url("enrol", tmp_path), tmp_path)
    try:
        with app.app_context():
            ids = build_committed_session(seats=8, already_enrolled=3)
        assert enrol_at_once(app, ids.session_id, ids.company_ids) == []
        with app.app_context():
            counts = dict(
                _db.session.execute(
                    select(Enrolment.status, func.count(Enrolment.id))
                    .where(Enrolment.session_id == ids.session_id)
                    .group_by(Enrolment.status)
                ).all()
            )
            assert counts == {EnrolmentStatus.ENROLLED: 8, EnrolmentStatus.WAITING: 15}
            newcomers_seated = _db.session.execute(
                select(func.count(Enrolment.id)).where(
                    Enrolment.session_id == ids.session_id,
                    Enrolment.participant_name.like("Stagiaire %"),
                    Enrolment.status == EnrolmentStatus.ENROLLED,
                )
            ).scalar_one()
            assert newcomers_seated == 5
            locked = _db.session.get(TrainingSession, ids.session_id)
            assert locked.enrolment_counter == 23
            _db.session.remove()
    finally:
        with app.app_context():
            _db.engine.dispose()


def build_committed_session(*, seats: int, already_enrolled: int) -> SimpleNamespace:
    """A planned session with some seats taken, and twenty member companies, committed."""
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    ecosystem = EcosystemFactory(lead_federation=federation)
    institute = OrganisationFactory(kind=OrganisationKind.INSTITUTE)
    topic = _db.session.execute(select(TrainingTopic).order_by(TrainingTopic.id)).scalars().first()
    offer = add_offer(institute, topic)
    companies = [MembershipFactory(ecosystem=ecosystem).organisation for _ in range(20)]
    training_session = TrainingSession(
        offer_id=offer.id,
        institute_id=institute.id,
        topic_id=topic.id,
        ecosystem_id=ecosystem.id,
        region=REGION,
        quarter=QUARTER,
        starts_on=date(2027, 2, 1),
        ends_on=date(2027, 2, 2),
        place="Casablanca",
        seats=seats,
    )
    _db.session.add(training_session)
    _db.session.flush()
    for number in range(already_enrolled):
        service.enrol(training_session, companies[0].id, f"Déjà inscrit {number}")
    _db.session.commit()
    return SimpleNamespace(
        session_id=training_session.id, company_ids=[company.id for company in companies]
    )


def enrol_at_once(app, session_id: int, company_ids: list[int]) -> list[BaseException]:
    """Enrol one participant of each company in the session, all at the same moment (a
    thread and a connection each, released together); the errors raised, if any."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(company_ids))

    def enrol_one(number: int) -> None:
        with app.app_context():
            try:
                training_session = _db.session.get(TrainingSession, session_id)
                # End the read transaction before enrolling: each transaction must start
                # with enrol's locking UPDATE (on SQLite a transaction that has read
                # cannot wait for the write lock; it would fail at once).
                _db.session.expunge(training_session)
                _db.session.rollback()
                barrier.wait(timeout=30)
                service.enrol(training_session, company_ids[number], f"Stagiaire {number}")
                _db.session.commit()
            except BaseException as error:
                errors.append(error)
                _db.session.rollback()
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=enrol_one, args=(n,)) for n in range(len(company_ids))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors
