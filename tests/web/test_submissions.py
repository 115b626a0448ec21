"""A form sent twice (a double click) creates one record, and lands where the first one did.

Each creating form carries a one-time token, recorded with the record it creates; the second
submission of the same token creates nothing. Real concurrent requests (separate connections,
real commits) create one row too.
"""

from __future__ import annotations

import html
import re
import threading
from datetime import date, timedelta
from decimal import Decimal

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import (
    FormSubmission,
    Indicator,
    Measurement,
    OrganisationKind,
    SupportCase,
    TrainingNeed,
    TrainingTopic,
)
from portal.models.base import utcnow
from tests.conftest import (
    csrf_token,
    fresh_database_url,
    make_test_app,
    post_form,
    sign_in,
)
from tests.factories import (
    ConventionFactory,
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
)

TOKEN_INPUT = re.compile(r'name="submission_token" value="([^"]+)"')


def token_on(client, path: str) -> str:
    """The one-time token of the form on a page, as a browser would send it back."""
    page = client.get(path)
    assert page.status_code == 200, path
    match = TOKEN_INPUT.search(page.get_data(as_text=True))
    assert match, f"no submission token on {path}"
    return match.group(1)


def already_sent() -> str:
    with current_app.test_request_context(), force_locale("fr"):
        return gettext("This form was already sent; nothing was saved twice.")


def count(model) -> int:
    return _db.session.execute(select(func.count(model.id))).scalar_one()


def need_form(ecosystem, topic) -> dict:
    return {
        "ecosystem_id": ecosystem.id,
        "topic_id": topic.id,
        "job_category": "operators",
        "people": "4",
        "level": "beginner",
        "priority": "high",
        "quarter": f"{date.today().year + 1}-Q1",
        "region": "MA-06",
        "modality": "in_person",
    }


def need_world():
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    ecosystem = EcosystemFactory(lead_federation=federation)
    company = MembershipFactory(ecosystem=ecosystem).organisation
    topic = _db.session.execute(
        select(TrainingTopic).where(TrainingTopic.code == "iso_9001_requirements")
    ).scalar_one()
    return ecosystem, topic, make_user("sme_user", organisation=company)


def test_a_training_need_sent_twice_is_created_once(client, db):
    ecosystem, topic, user = need_world()
    sign_in(client, user)
    data = {
        **need_form(ecosystem, topic),
        "submission_token": token_on(client, "/training/needs/new"),
    }

    first = post_form(client, "/training/needs/new", data)
    second = post_form(client, "/training/needs/new", data)

    assert first.status_code == 302
    assert count(TrainingNeed) == 1
    # The second lands where the first did, and says why nothing more was saved.
    assert second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    landing = client.get(second.headers["Location"])
    assert already_sent() in html.unescape(landing.get_data(as_text=True))


def test_a_form_shown_again_is_a_new_submission(client, db):
    """Each display of the form has its own token: two needs declared one after the other
    are two needs (and a form without a token, as the API sends, is not refused)."""
    ecosystem, topic, user = need_world()
    sign_in(client, user)
    for _ in range(2):
        token = token_on(client, "/training/needs/new")
        data = {**need_form(ecosystem, topic), "submission_token": token}
        assert post_form(client, "/training/needs/new", data).status_code == 302
    assert post_form(client, "/training/needs/new", need_form(ecosystem, topic)).status_code == 302
    assert count(TrainingNeed) == 3


def test_a_refused_submission_keeps_its_token_free(client, db):
    """A submission refused for an error saves nothing, its token included: corrected and
    sent again, the form creates its record."""
    ecosystem, topic, user = need_world()
    sign_in(client, user)
    token = token_on(client, "/training/needs/new")
    wrong = {**need_form(ecosystem, topic), "people": "0", "submission_token": token}
    assert post_form(client, "/training/needs/new", wrong).status_code == 422
    right = {**need_form(ecosystem, topic), "submission_token": token}
    assert post_form(client, "/training/needs/new", right).status_code == 302
    assert count(TrainingNeed) == 1


def test_a_support_case_sent_twice_is_created_once(client, db):
    from portal.models import Standard

    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    ecosystem = EcosystemFactory(lead_federation=federation)
    company = MembershipFactory(ecosystem=ecosystem).organisation
    sign_in(client, make_user("sme_user", organisation=company))
    standard = _db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar_one()
    data = {
        "standard_id": standard.id,
        "ecosystem_id": ecosystem.id,
        "kind": "initial",
        "motivation": "Nos clients exigent la certification.",
        "submission_token": token_on(client, "/support/new"),
    }
    first = post_form(client, "/support/new", data)
    second = post_form(client, "/support/new", data)
    assert first.status_code == 302, first.get_data(as_text=True)
    assert second.status_code == 303 and second.headers["Location"] == first.headers["Location"]
    assert count(SupportCase) == 1


def test_a_measurement_sent_twice_from_the_convention_page_is_recorded_once(client, db):
    """A form written by hand in a page (one per indicator) carries its token too."""
    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY)
    ecosystem = EcosystemFactory()
    convention = ConventionFactory(
        reference="MIC-2024-09",
        title_fr="Convention",
        title_ar="اتفاقية",
        ecosystem_id=ecosystem.id,
    )
    indicator = Indicator(
        convention_id=convention.id,
        name_fr="PME",
        name_ar="مقاولات",
        baseline=Decimal(0),
        baseline_date=date(2024, 1, 10),
        target=Decimal(10),
        target_date=date(2027, 12, 31),
    )
    _db.session.add(indicator)
    _db.session.flush()
    sign_in(client, make_user("ministry_officer", organisation=ministry))
    page = f"/conventions/{convention.id}"
    field = f"indicator-{indicator.id}"
    data = {
        f"{field}-measured_on": "2024-06-01",
        f"{field}-value": "3",
        f"{field}-source": "Rapport",
        "submission_token": token_on(client, page),
    }
    path = f"/conventions/{convention.id}/indicators/{indicator.id}/measurements"
    first = post_form(client, path, data)
    second = post_form(client, path, data, headers={"Referer": f"http://localhost{page}"})
    assert first.status_code == 302
    assert second.status_code == 303
    assert _db.session.execute(select(func.count(Measurement.id))).scalar_one() == 1


def test_tokens_older_than_a_day_are_forgotten(client, db):
    ecosystem, topic, user = need_world()
    _db.session.add(FormSubmission(token="o" * 32, created_at=utcnow() - timedelta(days=2)))
    _db.session.add(FormSubmission(token="n" * 32, created_at=utcnow() - timedelta(hours=2)))
    _db.session.flush()
    sign_in(client, user)
    data = {
        **need_form(ecosystem, topic),
        "submission_token": token_on(client, "/training/needs/new"),
    }
    assert post_form(client, "/training/needs/new", data).status_code == 302
    kept = set(_db.session.execute(select(FormSubmission.token)).scalars())
    assert "o" * 32 not in kept and "n" * 32 in kept and data["submission_token"] in kept


# --- two submissions at the same moment --------------------------------------------------------


def test_two_concurrent_submissions_of_one_token_create_one_need(tmp_path):
    """Real connections and commits: the second request's INSERT of the token waits for the
    first one's commit, then finds the token taken and creates nothing."""
    app = make_test_app(fresh_database_url("submissions", tmp_path), tmp_path)
    try:
        with app.app_context():
            ecosystem, topic, user = need_world()
            data = need_form(ecosystem, topic)
            _db.session.commit()
            clients = []
            for _ in range(2):
                client = app.test_client()
                sign_in(client, user)
                _db.session.commit()
                clients.append(client)
            _db.session.remove()
        # Outside the app context, so that each request has its own (and its own CSRF token).
        token = token_on(clients[0], "/training/needs/new")
        payloads = [
            {**data, "csrf_token": csrf_token(client), "submission_token": token}
            for client in clients
        ]
        barrier = threading.Barrier(2)
        statuses: list[int] = []

        def submit(number: int) -> None:
            barrier.wait(timeout=30)
            response = clients[number].post("/training/needs/new", data=payloads[number])
            statuses.append(response.status_code)

        threads = [threading.Thread(target=submit, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        with app.app_context():
            assert _db.session.execute(select(func.count(TrainingNeed.id))).scalar_one() == 1
            _db.session.remove()
        assert sorted(statuses) == [302, 303]
    finally:
        with app.app_context():
            _db.engine.dispose()
