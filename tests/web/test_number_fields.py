"""Numbers typed in forms, page numbers and integer filters stay within what the columns hold.

Every integer and decimal field of every form is a bounded one (a bare IntegerField or
DecimalField would let 2147483648 or 10^13 reach an INTEGER or NUMERIC(14, 2) column, which
PostgreSQL refuses with a 500); out-of-range values get a translated message and change
nothing. A huge page number shows the last page of the list; a huge filter is ignored.
"""

from __future__ import annotations

import html
import importlib
import io
import pkgutil
from datetime import date
from decimal import Decimal

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import DecimalField, FloatField, IntegerField
from wtforms.fields.core import UnboundField

import portal.blueprints
from portal.forms import LocalDecimalField, WholeNumberField
from portal.models import (
    Convention,
    ConventionDocument,
    ConventionStatus,
    ConventionType,
    Indicator,
    Measurement,
    OrganisationKind,
    TrainingNeed,
    TrainingTopic,
)
from tests.conftest import post_form, sign_in
from tests.factories import (
    ConventionFactory,
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
)

HUGE = "99999999999999999999"
PAST_INTEGER = "2147483648"


def message(msgid: str, **values) -> str:
    """A message as the French pages show it (escaped as in the page)."""
    with current_app.test_request_context(), force_locale("fr"):
        return gettext(msgid, **values)


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


# --- every form ----------------------------------------------------------------------------


def all_form_classes() -> set[type]:
    for module in pkgutil.walk_packages(portal.blueprints.__path__, "portal.blueprints."):
        importlib.import_module(module.name)
    found, pending = set(), [FlaskForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass.__module__.startswith("portal.") and subclass not in found:
                found.add(subclass)
            pending.append(subclass)
    return found


def test_no_form_has_an_unbounded_number_field():
    """A bare IntegerField, DecimalField or FloatField in any form fails this test: use
    portal.forms.WholeNumberField or LocalDecimalField, which keep to the column's range."""
    unbounded = []
    forms = all_form_classes()
    assert len(forms) > 30
    for form in forms:
        for name in dir(form):
            field = getattr(form, name, None)
            if not isinstance(field, UnboundField):
                continue
            cls = field.field_class
            if issubclass(cls, IntegerField) and not issubclass(cls, WholeNumberField):
                unbounded.append(f"{form.__module__}.{form.__name__}.{name}")
            if issubclass(cls, DecimalField | FloatField) and not issubclass(
                cls, LocalDecimalField
            ):
                unbounded.append(f"{form.__module__}.{form.__name__}.{name}")
    assert not unbounded, unbounded


# --- integers typed in forms ---------------------------------------------------------------


@pytest.fixture
def convention(db):
    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY)
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    ecosystem = EcosystemFactory(lead_federation=federation)
    convention = ConventionFactory(
        reference="MIC-2024-01",
        title_fr="Convention",
        title_ar="اتفاقية",
        ecosystem_id=ecosystem.id,
    )
    convention.officer = make_user("ministry_officer", organisation=ministry)
    return convention


def test_an_amendment_number_past_the_column_is_refused_with_a_message(client, db, convention):
    sign_in(client, convention.officer)
    for number in (PAST_INTEGER, HUGE):
        response = post_form(
            client,
            f"/conventions/{convention.id}/documents",
            {
                "kind": "amendment",
                "title": "Avenant",
                "amendment_number": number,
                "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "a.pdf"),
            },
            content_type="multipart/form-data",
        )
        assert response.status_code == 422
        assert message("Enter a whole number between %(min)s and %(max)s.", min=1, max=999) in (
            text_of(response)
        )
    assert db.session.execute(select(func.count(ConventionDocument.id))).scalar_one() == 0


def need_world(db):
    federation = OrganisationFactory(kind=OrganisationKind.FEDERATION)
    ecosystem = EcosystemFactory(lead_federation=federation)
    company = MembershipFactory(ecosystem=ecosystem).organisation
    topic = db.session.execute(
        select(TrainingTopic).where(TrainingTopic.code == "iso_9001_requirements")
    ).scalar_one()
    return ecosystem, topic, make_user("sme_user", organisation=company)


def need_form(ecosystem, topic, people: str) -> dict:
    return {
        "ecosystem_id": ecosystem.id,
        "topic_id": topic.id,
        "job_category": "operators",
        "people": people,
        "level": "beginner",
        "priority": "high",
        "quarter": f"{date.today().year + 1}-Q1",
        "region": "MA-06",
        "modality": "in_person",
    }


def test_a_number_of_people_past_the_column_is_refused(client, db):
    ecosystem, topic, user = need_world(db)
    sign_in(client, user)
    for people in (PAST_INTEGER, HUGE, "-1", "1e3", "1_000", "9" * 5000):
        response = post_form(client, "/training/needs/new", need_form(ecosystem, topic, people))
        assert response.status_code == 422, people
    assert db.session.execute(select(func.count(TrainingNeed.id))).scalar_one() == 0


def test_a_cofinancing_rate_or_a_merge_target_past_the_column_is_refused(client, db):
    from tests.access import build_world

    user = make_user("federation_staff")
    sign_in(client, user)
    world = build_world(user)
    for rate in (PAST_INTEGER, HUGE):
        response = post_form(
            client, f"/support/{world.own_case_id}/details", {"cofinancing_rate": rate}
        )
        assert response.status_code == 422
        assert message("Enter a rate between 0 and 100.") in text_of(response)
    for target in (PAST_INTEGER, HUGE):
        response = post_form(
            client,
            f"/training/needs/{world.own_need_id}/decision",
            {"decision": "merge", "merge_into": target},
        )
        assert response.status_code < 500


def test_seats_past_the_column_are_refused(client, db):
    from tests.access import build_world
    from tests.training.test_access import training_plan_path

    user = make_user("federation_staff")
    sign_in(client, user)
    world = build_world(user)
    response = post_form(
        client,
        training_plan_path(world),
        {
            "offer_id": world.own_offer_id,
            "starts_on": f"{date.today().year + 1}-01-05",
            "ends_on": f"{date.today().year + 1}-01-06",
            "place": "Casablanca",
            "seats": PAST_INTEGER,
        },
    )
    assert response.status_code == 422
    assert message("Enter a number between %(min)s and %(max)s.", min=1, max=500) in text_of(
        response
    )


# --- decimals typed in forms ---------------------------------------------------------------


def test_a_budget_past_numeric_14_2_or_not_a_number_is_refused(client, db, convention):
    sign_in(client, convention.officer)
    for budget in ("1000000000000", "1e15", "NaN", "Infinity", "-sNaN", "9" * 60):
        response = post_form(
            client,
            "/conventions/new",
            {
                "reference": "MIC-NEW",
                "title_fr": "Nouvelle",
                "title_ar": "جديدة",
                "ecosystem_id": convention.ecosystem_id,
                "type": "partnership",
                "signed_on": "2025-01-10",
                "effective_from": "2025-01-10",
                "ends_on": "2027-01-09",
                "budget_mad": budget,
            },
        )
        assert response.status_code == 422, budget
    assert (
        db.session.execute(select(Convention).where(Convention.reference == "MIC-NEW")).first()
        is None
    )


def test_a_measurement_that_is_not_a_finite_number_is_refused(client, db, convention):
    indicator = Indicator(
        convention_id=convention.id,
        name_fr="PME",
        name_ar="مقاولات",
        baseline=Decimal(0),
        baseline_date=date(2024, 1, 10),
        target=Decimal(10),
        target_date=date(2027, 12, 31),
    )
    db.session.add(indicator)
    db.session.flush()
    sign_in(client, convention.officer)
    field = f"indicator-{indicator.id}"
    for value in ("NaN", "1000000000000", HUGE):
        response = post_form(
            client,
            f"/conventions/{convention.id}/indicators/{indicator.id}/measurements",
            {f"{field}-measured_on": "2024-06-01", f"{field}-value": value, f"{field}-source": "x"},
        )
        assert response.status_code == 422, value
    assert db.session.execute(select(Measurement)).first() is None


# --- page numbers and filters --------------------------------------------------------------


def test_a_huge_page_number_shows_the_last_page_of_the_list(client, db, convention):
    sign_in(client, convention.officer)
    for page in (HUGE, PAST_INTEGER, "-3", "x"):
        response = client.get(f"/conventions/?page={page}")
        assert response.status_code == 200
        assert convention.reference in text_of(response)


def test_a_page_past_the_end_shows_the_last_page(app, client, db, convention, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 1)
    for number in range(2, 4):
        db.session.add(
            Convention(
                reference=f"MIC-2024-0{number}",
                title_fr="Convention",
                title_ar="اتفاقية",
                ecosystem_id=convention.ecosystem_id,
                type=ConventionType.PARTNERSHIP,
                signed_on=date(2024, 1, number),
                effective_from=date(2024, 1, 10),
                ends_on=date(2027, 12, 31),
                status=ConventionStatus.IN_PROGRESS,
            )
        )
    db.session.flush()
    sign_in(client, convention.officer)
    for page in (HUGE, PAST_INTEGER, "4", "3"):
        shown = text_of(client.get(f"/conventions/?page={page}"))
        # The third (last) page is the current one, and it lists a convention.
        assert 'aria-current="page">3</a>' in shown
        assert "MIC-2024-0" in shown


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("ministry_officer", "/support/?standard={n}"),
        ("ministry_officer", "/training/needs?ecosystem={n}&topic={n}"),
        ("federation_staff", "/training/offers?topic={n}"),
        ("federation_staff", "/training/demand?ecosystem={n}"),
        ("admin", "/directory/organisations?ecosystem={n}&page={n}"),
        ("admin", "/experts/?page={n}"),
        ("admin", "/admin/audit?page={n}"),
    ],
)
def test_a_huge_filter_is_ignored(client, db, role, path):
    sign_in(client, make_user(role))
    for number in (HUGE, PAST_INTEGER):
        assert client.get(path.format(n=number)).status_code == 200
