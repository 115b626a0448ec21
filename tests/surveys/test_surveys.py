"""Satisfaction surveys (issue 12, item 2): built in both languages, sent after a service
ends (the daily command) and once a year, answered once per respondent and occasion, their
results per service and period shown as charts with data tables — free text to the staff
concerned only."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import (
    Notification,
    OrganisationKind,
    QuestionKind,
    ServiceRequestStatus,
    SurveyAnswer,
    SurveyInvitation,
    SurveyOccasion,
)
from portal.services import surveys
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    ServiceRequestFactory,
    make_user,
)
from tests.factories import (
    testing_lab as a_testing_lab,
)

TODAY = date(2026, 3, 2)


def message(msgid: str, language: str = "fr", **values) -> str:
    with current_app.test_request_context(), force_locale(f"{language}_MA"):
        return str(escape(gettext(msgid, **values)))


@pytest.fixture
def world(db, fixed_clock):
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=amica)
    other_federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    other_ecosystem = EcosystemFactory(lead_federation=other_federation)
    lab = a_testing_lab()
    other_lab = OrganisationFactory(kind=OrganisationKind.INFRASTRUCTURE)
    companies = [OrganisationFactory(kind=OrganisationKind.SME) for _ in range(3)]
    for company in companies:
        MembershipFactory(ecosystem=ecosystem, organisation=company)
    return {
        "ecosystem": ecosystem,
        "other_ecosystem": other_ecosystem,
        "lab": lab,
        "companies": companies,
        "admin": make_user("admin"),
        "amica_staff": make_user("federation_staff", amica),
        "other_staff": make_user("federation_staff", other_federation),
        "lab_user": make_user("infrastructure_user", lab),
        "other_lab_user": make_user("infrastructure_user", other_lab),
        "officer": make_user("ministry_officer"),
        "managers": [
            make_user("sme_user", c, preferred_locale="ar" if i == 0 else "fr")
            for i, c in enumerate(companies)
        ],
    }


def build_request_survey(client, world) -> int:
    """The administrator builds the programme's survey after a service request."""
    sign_in(client, world["admin"])
    response = post_form(
        client,
        "/surveys/new",
        {
            "occasion": "service_request",
            "ecosystem": "programme",
            "title_fr": "Votre avis sur la prestation",
            "title_ar": "رأيكم في الخدمة",
        },
    )
    assert response.status_code == 302
    survey_id = int(response.headers["Location"].rsplit("/", 1)[1])
    questions = [
        {"kind": "rating", "label_fr": "Le délai", "label_ar": "الأجل", "required_answer": "y"},
        {
            "kind": "choice",
            "label_fr": "Recommanderiez-vous ce laboratoire ?",
            "label_ar": "هل توصون بهذا المختبر؟",
            "choices_fr": "Oui\nPeut-être\nNon",
            "choices_ar": "نعم\nربما\nلا",
            "required_answer": "y",
        },
        {"kind": "text", "label_fr": "Commentaire", "label_ar": "تعليق"},
    ]
    for question in questions:
        assert post_form(client, f"/surveys/{survey_id}/questions", question).status_code == 302
    assert (
        post_form(
            client, f"/surveys/{survey_id}/activate", {"active": "1", "version": "1"}
        ).status_code
        == 302
    )
    return survey_id


def answered_request(world, company, *, days_ago: int = 2):
    return ServiceRequestFactory(
        organisation_id=company.id,
        body_id=world["lab"].id,
        status=ServiceRequestStatus.ANSWERED,
        submitted_on=TODAY - timedelta(days=days_ago + 5),
        respond_by=TODAY + timedelta(days=10),
        answered_on=TODAY - timedelta(days=days_ago),
    )


def run_daily(app):
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def answers_for(invitation, questions, rating, choice, text=""):
    return {
        f"q-{questions[0].id}": str(rating),
        f"q-{questions[1].id}": str(choice),
        f"q-{questions[2].id}": text,
    }


def test_a_survey_is_sent_after_a_service_and_answered_once(app, client, world):
    survey_id = build_request_survey(client, world)
    company, manager = world["companies"][0], world["managers"][0]
    request = answered_request(world, company)
    assert "Survey invitations sent: 1" in run_daily(app)
    assert "Survey invitations sent: 0" in run_daily(app)  # once per occasion
    invitation = _db.session.execute(select(SurveyInvitation)).scalar_one()
    assert (invitation.survey_id, invitation.subject_id) == (survey_id, request.id)
    assert invitation.service_id == world["lab"].id
    kinds = _db.session.execute(
        select(Notification.kind).where(Notification.user_id == manager.id)
    ).scalars()
    assert list(kinds) == ["survey_invitation"]

    # The company's home lists it; its manager answers in Arabic.
    sign_in(client, manager)
    home = client.get("/home").get_data(as_text=True)
    assert f"/surveys/invitations/{invitation.id}" in home
    path = f"/surveys/invitations/{invitation.id}"
    page = client.get(path).get_data(as_text=True)
    assert 'dir="rtl"' in page and "هل توصون بهذا المختبر؟" in page and "ربما" in page
    questions = surveys.questions_of(invitation.survey)
    # A required question left out, or a choice that does not exist: refused, nothing kept.
    assert post_form(client, path, {f"q-{questions[0].id}": "4"}).status_code == 422
    assert post_form(client, path, answers_for(invitation, questions, 4, 7)).status_code == 422
    assert _db.session.scalar(select(func.count(SurveyAnswer.id))) == 0
    response = post_form(client, path, answers_for(invitation, questions, 4, 0, "Rapide"))
    assert response.status_code == 302
    # A second answer of the same occasion is refused, by the page and by the service.
    again = post_form(client, path, answers_for(invitation, questions, 1, 2, "Autre avis"))
    assert again.status_code == 422 and 'id="already-answered"' in again.get_data(as_text=True)
    with pytest.raises(surveys.SurveyError):
        surveys.answer(invitation, {questions[0].id: 2, questions[1].id: 1}, TODAY)
    assert _db.session.scalar(select(func.count(SurveyAnswer.id))) == 3
    # Another user of the same company cannot answer for it again either.
    sign_in(client, make_user("sme_user", company))
    assert post_form(client, path, answers_for(invitation, questions, 2, 1)).status_code == 422
    assert _db.session.scalar(select(func.count(SurveyAnswer.id))) == 3


def test_results_per_service_and_period_as_charts_and_tables_in_both_languages(
    app, client, world, fixed_clock
):
    survey_id = build_request_survey(client, world)
    # Three companies answer about the lab in Q1 2026; one answered in 2025.
    fixed_clock(date(2025, 11, 20))
    old = answered_request(world, world["companies"][2], days_ago=1)
    fixed_clock(TODAY)
    survey = surveys.active_survey(SurveyOccasion.SERVICE_REQUEST, None)
    questions = surveys.questions_of(survey)
    for company, rating, choice, text in zip(
        world["companies"],
        (5, 4, 2),
        (0, 0, 2),
        ("Très bon accueil", "", "Trop lent"),
        strict=True,
    ):
        request = answered_request(world, company)
        invitation = surveys.invite(
            survey,
            subject_id=request.id,
            organisation_id=company.id,
            service_id=world["lab"].id,
            ecosystem_id=world["ecosystem"].id,
            today=TODAY,
        )
        surveys.answer(
            invitation,
            {questions[0].id: rating, questions[1].id: choice, questions[2].id: text},
            TODAY,
        )
    old_invitation = surveys.invite(
        survey,
        subject_id=old.id,
        organisation_id=world["companies"][2].id,
        service_id=world["lab"].id,
        ecosystem_id=world["ecosystem"].id,
        today=date(2025, 11, 20),
    )
    surveys.answer(old_invitation, {questions[0].id: 1, questions[1].id: 2}, date(2025, 11, 20))

    for user, language in ((world["lab_user"], "fr"), (world["amica_staff"], "ar")):
        user.preferred_locale = language
        sign_in(client, user)
        path = f"/surveys/{survey_id}/results?period=2026-Q1&service={world['lab'].id}"
        page = client.get(path).get_data(as_text=True)
        assert 'id="respondents">' in page
        assert re.search(r'id="respondents">[^<]*3<', page)
        # The rating: a chart (SVG, hidden from screen readers) and its table.
        rating_table = re.search(
            rf'<table[^>]*id="table-{questions[0].id}".*?</table>', page, re.S
        ).group(0)
        counts = re.findall(r'<td class="text-end">(\d+)</td>', rating_table)
        assert counts == ["0", "1", "0", "1", "1"]
        chart = re.search(rf'id="chart-{questions[0].id}" aria-hidden="true">.*?</svg>', page, re.S)
        assert chart and chart.group(0).count('class="bar-value"') == 1
        assert "3,7" in page  # the average, written for the page's language
        # The choices, with their labels in the page's language.
        assert ("Peut-être" if language == "fr" else "ربما") in page
        # Free text, for the staff concerned.
        assert "Très bon accueil" in page and "Trop lent" in page
        if language == "ar":
            assert 'dir="rtl"' in page and 'transform="translate(100 0) scale(-1 1)"' in page
    # The whole of 2025: the older answer only.
    sign_in(client, world["lab_user"])
    page = client.get(f"/surveys/{survey_id}/results?period=2025").get_data(as_text=True)
    assert re.search(r'id="respondents">[^<]*1<', page)
    # Another laboratory reads none of these answers; another federation neither.
    for user in (world["other_lab_user"], world["other_staff"]):
        sign_in(client, user)
        page = client.get(f"/surveys/{survey_id}/results").get_data(as_text=True)
        assert re.search(r'id="respondents">[^<]*0<', page)
        assert "Trop lent" not in page
    # A company reads no results.
    sign_in(client, world["managers"][0])
    assert client.get(f"/surveys/{survey_id}/results").status_code == 403


def test_the_results_page_runs_a_bounded_number_of_queries(client, world):
    survey_id = build_request_survey(client, world)
    survey = surveys.active_survey(SurveyOccasion.SERVICE_REQUEST, None)
    questions = surveys.questions_of(survey)

    def answer_some(count: int, start: int) -> None:
        for n in range(count):
            company = OrganisationFactory(kind=OrganisationKind.SME)
            invitation = surveys.invite(
                survey,
                subject_id=start + n,
                organisation_id=company.id,
                service_id=world["lab"].id,
                ecosystem_id=None,
                today=TODAY,
            )
            surveys.answer(invitation, {questions[0].id: 1 + n % 5, questions[1].id: n % 3}, TODAY)

    def counted() -> int:
        path = f"/surveys/{survey_id}/results?period=2026&answers={counted.calls}"
        counted.calls += 1
        with count_queries() as counter:
            assert client.get(path).status_code == 200
        return counter.count

    counted.calls = 0
    answer_some(3, 1000)
    few = counted()
    answer_some(30, 2000)
    assert counted() == few


def test_the_kept_results_page_follows_an_answer_and_an_ecosystem_renamed(client, world):
    """The results page is kept as HTML per result scope and filters: a new answer and an
    ecosystem renamed (a choice of its filter) show at the next visit of the same address."""
    survey_id = build_request_survey(client, world)
    survey = surveys.active_survey(SurveyOccasion.SERVICE_REQUEST, None)
    questions = surveys.questions_of(survey)
    path = f"/surveys/{survey_id}/results"
    page = client.get(path).get_data(as_text=True)
    assert re.search(r'id="respondents">[^<]*0<', page)
    invitation = surveys.invite(
        survey,
        subject_id=1,
        organisation_id=world["companies"][0].id,
        service_id=world["lab"].id,
        ecosystem_id=world["ecosystem"].id,
        today=TODAY,
    )
    surveys.answer(invitation, {questions[0].id: 4, questions[1].id: 0}, TODAY)
    world["ecosystem"].name_fr = "Écosystème renommé"
    _db.session.flush()
    page = client.get(path).get_data(as_text=True)
    assert re.search(r'id="respondents">[^<]*1<', page)
    assert "Écosystème renommé" in page


def test_the_answer_counts_and_the_services_offered_follow_each_answer(client, world):
    """The list's answer counts and the results' services (each read from every invitation,
    then kept until an invitation changes) show a new answer at once; each reader is offered
    the services of their own scope."""
    survey_id = build_request_survey(client, world)
    survey = surveys.active_survey(SurveyOccasion.SERVICE_REQUEST, None)
    questions = surveys.questions_of(survey)
    lab, other_lab = world["lab"].id, world["other_lab_user"].organisation_id

    def answered() -> str:
        page = client.get("/surveys/").get_data(as_text=True)
        row = re.search(rf'href="/surveys/{survey_id}".*?</tr>', page, re.S).group(0)
        return re.findall(r'<td class="text-end">([^<]*)</td>', row)[0]

    def services() -> set[int]:
        page = client.get(f"/surveys/{survey_id}/results").get_data(as_text=True)
        offered = re.search(r'<select[^>]*id="service".*?</select>', page, re.S)
        return (
            {int(v) for v in re.findall(r'value="(\d+)"', offered.group(0))} if offered else set()
        )

    def answer(subject_id: int, service_id: int) -> None:
        company = OrganisationFactory(kind=OrganisationKind.SME)
        invitation = surveys.invite(
            survey,
            subject_id=subject_id,
            organisation_id=company.id,
            service_id=service_id,
            ecosystem_id=None,
            today=TODAY,
        )
        surveys.answer(invitation, {questions[0].id: 4, questions[1].id: 0}, TODAY)

    assert (answered(), services()) == ("0", set())
    answer(1, lab)
    assert (answered(), services()) == ("1", {lab})
    answer(2, other_lab)
    assert (answered(), services()) == ("2", {lab, other_lab})
    sign_in(client, world["lab_user"])
    assert services() == {lab}


def test_the_kept_list_follows_a_new_survey_and_a_change(client, world):
    """The list is kept as HTML (issue 11) until a table it was read from changes: a new
    survey of the federation's ecosystem and a renamed one show on the next visit."""
    first = surveys.create_survey(
        occasion=SurveyOccasion.ANNUAL,
        ecosystem_id=world["ecosystem"].id,
        title_fr="Première enquête",
        title_ar="استطلاع",
        owner_id=None,
    )
    sign_in(client, world["amica_staff"])
    listed = client.get("/surveys/").get_data(as_text=True)
    assert "Première enquête" in listed and "Seconde enquête" not in listed
    surveys.create_survey(
        occasion=SurveyOccasion.ANNUAL,
        ecosystem_id=world["ecosystem"].id,
        title_fr="Seconde enquête",
        title_ar="استطلاع",
        owner_id=None,
    )
    first.title_fr = "Enquête renommée"
    _db.session.flush()
    listed = client.get("/surveys/").get_data(as_text=True)
    assert "Seconde enquête" in listed and "Enquête renommée" in listed


def test_a_federation_builds_surveys_for_its_ecosystems_only(client, world):
    sign_in(client, world["amica_staff"])
    form = client.get("/surveys/new").get_data(as_text=True)
    assert f'value="{world["ecosystem"].id}"' in form
    assert f'value="{world["other_ecosystem"].id}"' not in form
    assert 'value="programme"' not in form
    response = post_form(
        client,
        "/surveys/new",
        {
            "occasion": "annual",
            "ecosystem": str(world["other_ecosystem"].id),
            "title_fr": "Enquête",
            "title_ar": "استطلاع",
        },
    )
    assert response.status_code == 422
    other = surveys.create_survey(
        occasion=SurveyOccasion.ANNUAL,
        ecosystem_id=world["other_ecosystem"].id,
        title_fr="Autre",
        title_ar="آخر",
        owner_id=None,
    )
    assert client.get(f"/surveys/{other.id}").status_code == 404


def test_the_annual_survey_invites_every_active_member_once(app, client, world):
    sign_in(client, world["amica_staff"])
    response = post_form(
        client,
        "/surveys/new",
        {
            "occasion": "annual",
            "ecosystem": str(world["ecosystem"].id),
            "title_fr": "Enquête annuelle",
            "title_ar": "الاستطلاع السنوي",
        },
    )
    survey_id = int(response.headers["Location"].rsplit("/", 1)[1])
    # Not before it has a question and is active.
    post_form(client, f"/surveys/{survey_id}/activate", {"active": "1", "version": "1"})
    assert _db.session.scalar(select(func.count(SurveyInvitation.id))) == 0
    post_form(
        client,
        f"/surveys/{survey_id}/questions",
        {"kind": "rating", "label_fr": "Satisfaction", "label_ar": "الرضا", "required_answer": "y"},
    )
    post_form(client, f"/surveys/{survey_id}/activate", {"active": "1", "version": "1"})
    assert post_form(client, f"/surveys/{survey_id}/send").status_code == 302
    assert post_form(client, f"/surveys/{survey_id}/send").status_code == 302
    invited = _db.session.execute(select(SurveyInvitation.organisation_id)).scalars().all()
    assert sorted(invited) == sorted(c.id for c in world["companies"])
    assert "Survey invitations sent: 3" in run_daily(app)
    # Its questions are fixed once answered.
    invitation = _db.session.execute(select(SurveyInvitation)).scalars().first()
    question = surveys.questions_of(invitation.survey)[0]
    surveys.answer(invitation, {question.id: 5}, TODAY)
    response = post_form(
        client,
        f"/surveys/{survey_id}/questions",
        {"kind": "text", "label_fr": "Autre", "label_ar": "أخرى"},
    )
    assert response.status_code == 422
    assert len(surveys.questions_of(invitation.survey)) == 1


def test_choices_must_be_given_in_both_languages(client, world):
    sign_in(client, world["admin"])
    survey = surveys.create_survey(
        occasion=SurveyOccasion.COMPLAINT,
        ecosystem_id=None,
        title_fr="Après une réclamation",
        title_ar="بعد شكاية",
        owner_id=None,
    )
    response = post_form(
        client,
        f"/surveys/{survey.id}/questions",
        {
            "kind": "choice",
            "label_fr": "Êtes-vous satisfait ?",
            "label_ar": "هل أنتم راضون؟",
            "choices_fr": "Oui\nNon",
            "choices_ar": "نعم",
        },
    )
    assert response.status_code == 422
    assert message(
        "Give each choice in both languages, one per line, in the same order."
    ) in response.get_data(as_text=True)
    assert surveys.questions_of(survey) == []
    assert QuestionKind.CHOICE  # the kinds offered include choices


# --- eight answers of one occasion at the same moment ---------------------------------------


def test_eight_answers_sent_at_once_keep_one(tmp_path):
    """Real connections, real commits (SQLite's write lock taken first by a POST, PostgreSQL's
    row lock): the guarded UPDATE lets one answer through; the others are told it is
    already answered, and no answer row of theirs is kept."""
    import threading

    from portal.models import Organisation
    from tests.conftest import fresh_database_url, make_test_app

    app = make_test_app(fresh_database_url("surveys", tmp_path), tmp_path)
    try:
        with app.app_context():
            survey = surveys.create_survey(
                occasion=SurveyOccasion.SERVICE_REQUEST,
                ecosystem_id=None,
                title_fr="Avis",
                title_ar="رأي",
                owner_id=None,
            )
            question = surveys.add_question(
                survey, kind=QuestionKind.RATING, label_fr="Délai", label_ar="الأجل", required=True
            )
            company = Organisation(
                kind=OrganisationKind.INSTITUTE, name_fr="Institut", name_ar="معهد"
            )
            _db.session.add(company)
            _db.session.flush()
            invitation = surveys.invite(
                survey,
                subject_id=1,
                organisation_id=company.id,
                service_id=None,
                ecosystem_id=None,
                today=TODAY,
            )
            _db.session.commit()
            invitation_id = invitation.id
            question_id = question.id
            _db.session.remove()
        outcomes: list[str] = []
        barrier = threading.Barrier(8)

        def answer_one(rating: int) -> None:
            with app.test_request_context(method="POST"):
                try:
                    barrier.wait(timeout=30)
                    found = _db.session.get(SurveyInvitation, invitation_id)
                    surveys.answer(found, {question_id: rating}, TODAY)
                    _db.session.commit()
                    outcomes.append("answered")
                except surveys.SurveyError:
                    _db.session.rollback()
                    outcomes.append("refused")
                except BaseException as error:
                    _db.session.rollback()
                    outcomes.append(repr(error))
                finally:
                    _db.session.remove()

        threads = [threading.Thread(target=answer_one, args=(1 + n % 5,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(outcomes) == ["answered"] + ["refused"] * 7
        with app.app_context():
            kept = select(func.count(SurveyAnswer.id)).where(
                SurveyAnswer.invitation_id == invitation_id
            )
            assert _db.session.scalar(kept) == 1
            _db.session.remove()
    finally:
        with app.app_context():
            _db.engine.dispose()
