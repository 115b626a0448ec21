"""Quality experts: one's own profile, the directory and its filters, visibility, deletion."""

import re

import pytest
from sqlalchemy import func, select

from portal.models import (
    Availability,
    CompetencyKind,
    ExpertCompetency,
    OrganisationKind,
    QualityExpert,
)
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import EcosystemFactory, OrganisationFactory, make_user

VERSION_INPUT = re.compile(r'name="version" type="hidden" value="([^"]*)"')


def make_expert(db, full_name, *, user=None, standards=(), topics=(), sectors=(), **values):
    """A saved expert profile with its competencies."""
    user = user or make_user("sme_user")
    values.setdefault("headline_fr", "Consultant qualité")
    values.setdefault("region", "MA-06")
    values.setdefault("languages", "fr")
    expert = QualityExpert(
        user_id=user.id, organisation_id=user.organisation_id, full_name=full_name, **values
    )
    expert.competencies = [
        ExpertCompetency(kind=kind, code=code)
        for kind, codes in (
            (CompetencyKind.STANDARD, standards),
            (CompetencyKind.TOPIC, topics),
            (CompetencyKind.SECTOR, sectors),
        )
        for code in codes
    ]
    db.session.add(expert)
    db.session.flush()
    return expert


def profile_form(**overrides):
    """The fields of /experts/me as a browser sends them (unticked boxes are absent)."""
    data = {
        "full_name": "Nadia Benjelloun",
        "headline_fr": "Auditrice IATF 16949",
        "headline_ar": "",
        "bio_fr": "Vingt ans dans l'industrie automobile.",
        "bio_ar": "",
        "standards": ["iatf_16949", "iso_9001"],
        "topics": ["core_tools"],
        "region": "MA-06",
        "languages": ["fr", "ar"],
        "availability": "available",
        "contact_email": "nadia@example.org",
        "visible": "y",
        "version": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def stored(db, user):
    """The user's profile as the database holds it now (soft-deleted included)."""
    db.session.expire_all()
    return db.session.execute(
        select(QualityExpert)
        .where(QualityExpert.user_id == user.id)
        .execution_options(include_deleted=True)
    ).scalar_one_or_none()


def version_on_page(client):
    match = VERSION_INPUT.search(client.get("/experts/me").get_data(as_text=True))
    assert match
    return match.group(1)


def names_listed(client, query_string):
    page = client.get(f"/experts/?{query_string}")
    assert page.status_code == 200
    return page.get_data(as_text=True)


# --- own profile --------------------------------------------------------------------------------


def test_a_user_creates_then_edits_their_own_profile(client, db, auth):
    user = auth.login_as("sme_user")
    automotive = EcosystemFactory(slug="automobile")
    assert client.get("/experts/me").status_code == 200
    assert version_on_page(client) == ""

    response = post_form(client, "/experts/me", profile_form(sectors=["automobile"]))
    assert response.status_code == 302
    expert = stored(db, user)
    assert response.headers["Location"] == f"/experts/{expert.id}"
    assert expert.full_name == "Nadia Benjelloun"
    assert expert.organisation_id == user.organisation_id
    assert expert.codes(CompetencyKind.STANDARD) == ["iatf_16949", "iso_9001"]
    assert expert.codes(CompetencyKind.TOPIC) == ["core_tools"]
    assert expert.codes(CompetencyKind.SECTOR) == [automotive.slug]
    assert expert.languages == "fr,ar"
    assert expert.availability == Availability.AVAILABLE
    assert expert.visible is True
    assert version_on_page(client) == str(expert.version) == "1"

    response = post_form(
        client,
        "/experts/me",
        profile_form(
            version="1",
            headline_fr="",
            headline_ar="مدققة جودة",
            standards=["iso_14001"],
            topics=[],
            languages=["ar", "en", "fr"],
            availability="limited",
            region="MA-01",
            independent="y",
            visible=None,
        ),
    )
    assert response.status_code == 302
    expert = stored(db, user)
    assert expert.headline_ar == "مدققة جودة"
    assert expert.headline_fr == ""
    assert expert.organisation_id is None
    assert expert.codes(CompetencyKind.STANDARD) == ["iso_14001"]
    assert expert.codes(CompetencyKind.TOPIC) == []
    assert expert.codes(CompetencyKind.SECTOR) == []
    assert expert.languages == "fr,ar,en"
    assert expert.availability == Availability.LIMITED
    assert expert.region == "MA-01"
    assert expert.visible is False
    assert expert.version == 2
    # The replaced competencies are gone from the table, not only from the profile.
    rows = db.session.scalar(
        select(func.count())
        .select_from(ExpertCompetency)
        .where(ExpertCompetency.expert_id == expert.id)
    )
    assert rows == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"headline_fr": "", "headline_ar": ""},
        {"contact_email": "not an address"},
        {"languages": None},
        {"standards": ["iso_9999"]},
        {"region": "MA-99"},
        {"availability": "sometimes"},
        {"full_name": ""},
    ],
)
def test_an_invalid_profile_is_shown_again_and_nothing_is_saved(client, db, auth, overrides):
    user = auth.login_as("sme_user")
    response = post_form(client, "/experts/me", profile_form(**overrides))
    assert response.status_code == 422
    assert 'class="invalid-feedback' in response.get_data(as_text=True)
    assert stored(db, user) is None


def test_a_stale_save_is_refused_and_the_first_one_kept(client, db, auth):
    user = auth.login_as("sme_user")
    make_expert(db, "Nadia Benjelloun", user=user, standards=["iso_9001"])
    opened_at = version_on_page(client)

    first = post_form(
        client, "/experts/me", profile_form(version=opened_at, headline_fr="Première version")
    )
    assert first.status_code == 302
    second = post_form(
        client, "/experts/me", profile_form(version=opened_at, headline_fr="Seconde version")
    )
    assert second.status_code == 302
    assert second.headers["Location"] == "/experts/me"
    page = client.get("/experts/me").get_data(as_text=True)
    assert "alert-danger" in page
    expert = stored(db, user)
    assert expert.headline_fr == "Première version"
    assert expert.version == int(opened_at) + 1


def test_a_stale_save_that_only_changes_competencies_is_refused_too(client, db, auth):
    user = auth.login_as("sme_user")
    make_expert(db, "Nadia Benjelloun", user=user, standards=["iso_9001"])
    opened_at = version_on_page(client)
    same = {"full_name": "Nadia Benjelloun", "headline_fr": "Consultant qualité", "bio_fr": ""}
    same.update(languages=["fr"], contact_email="", topics=[])
    first = post_form(
        client, "/experts/me", profile_form(version=opened_at, standards=["iso_14001"], **same)
    )
    assert first.status_code == 302
    second = post_form(
        client, "/experts/me", profile_form(version=opened_at, standards=["iso_45001"], **same)
    )
    assert second.headers["Location"] == "/experts/me"
    assert stored(db, user).codes(CompetencyKind.STANDARD) == ["iso_14001"]


def test_a_creation_form_sent_after_the_profile_exists_is_refused(client, db, auth):
    user = auth.login_as("sme_user")
    make_expert(db, "Nadia Benjelloun", user=user, headline_fr="Déjà là")
    response = post_form(client, "/experts/me", profile_form(version=""))
    assert response.headers["Location"] == "/experts/me"
    assert stored(db, user).headline_fr == "Déjà là"


def test_posting_to_my_profile_only_ever_touches_my_own_row(app, client, db, auth):
    other = make_expert(db, "Karim Tazi", headline_fr="Le sien", standards=["iso_9001"])
    other_version = other.version
    user = auth.login_as("sme_user")
    response = post_form(
        client,
        "/experts/me",
        profile_form(version=str(other_version), user_id=str(other.user_id), id=str(other.id)),
    )
    # A version but no profile of one's own: the profile is created for the caller only.
    assert response.status_code == 302
    mine = stored(db, user)
    assert mine is not None and mine.id != other.id
    db.session.refresh(other)
    assert (other.headline_fr, other.full_name) == ("Le sien", "Karim Tazi")
    assert other.version == other_version
    assert other.codes(CompetencyKind.STANDARD) == ["iso_9001"]
    # No route of the blueprint takes an expert's id for a change.
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("experts.") and "POST" in rule.methods:
            assert not rule.arguments, rule.rule


def test_the_owner_deletes_and_creates_the_profile_again_on_the_same_row(client, db, auth):
    user = auth.login_as("sme_user")
    expert = make_expert(db, "Nadia Benjelloun", user=user, standards=["iso_9001"])
    expert_id = expert.id
    viewer = make_user("federation_staff")

    assert post_form(client, "/experts/me/delete").status_code == 302
    assert stored(db, user).deleted_at is not None
    assert version_on_page(client) == ""  # a creation form again
    assert client.get(f"/experts/{expert_id}").status_code == 200  # the owner still sees it
    assert post_form(client, "/experts/me/delete").status_code == 404  # nothing left to delete

    sign_in(client, viewer)
    assert client.get(f"/experts/{expert_id}").status_code == 404
    assert "Nadia Benjelloun" not in names_listed(client, "")

    sign_in(client, user)
    response = post_form(client, "/experts/me", profile_form(standards=["iso_45001"]))
    assert response.status_code == 302
    restored = stored(db, user)
    assert restored.id == expert_id
    assert restored.deleted_at is None
    assert restored.codes(CompetencyKind.STANDARD) == ["iso_45001"]
    count = db.session.scalar(
        select(func.count())
        .select_from(QualityExpert)
        .where(QualityExpert.user_id == user.id)
        .execution_options(include_deleted=True)
    )
    assert count == 1


# --- directory and profile pages ------------------------------------------------------------------


def test_search_by_standard_and_region_finds_the_right_experts(client, db, auth):
    make_expert(db, "Amina Alaoui", standards=["iso_9001"], region="MA-06")
    make_expert(db, "Bachir Berrada", standards=["iso_9001"], region="MA-01")
    make_expert(db, "Chama Cherkaoui", standards=["iso_14001"], region="MA-06")
    make_expert(db, "Driss Daoudi", standards=["iso_9001"], region="MA-06", visible=False)
    make_expert(db, "Elias Ennaji", topics=["iso_9001"], region="MA-06")  # a topic, not a standard
    auth.login_as("institute_user")

    page = names_listed(client, "standard=iso_9001&region=MA-06")
    assert "Amina Alaoui" in page
    for name in ("Bachir Berrada", "Chama Cherkaoui", "Driss Daoudi", "Elias Ennaji"):
        assert name not in page


def test_filters_by_topic_sector_language_and_availability(client, db, auth):
    chemistry = EcosystemFactory(slug="chimie")
    make_expert(
        db,
        "Fatima Fassi",
        topics=["chemical_risk"],
        sectors=["chimie"],
        languages="fr,ar",
        availability=Availability.LIMITED,
    )
    make_expert(db, "Ghita Guessous", topics=["chemical_risk"], languages="fr")
    make_expert(db, "Hamza Hajji", sectors=["chimie"], availability=Availability.UNAVAILABLE)
    auth.login_as("sme_user")

    assert "Ghita Guessous" in names_listed(client, "topic=chemical_risk")
    page = names_listed(client, f"topic=chemical_risk&sector={chemistry.slug}")
    assert "Fatima Fassi" in page and "Ghita Guessous" not in page
    page = names_listed(client, "language=ar")
    assert "Fatima Fassi" in page and "Ghita Guessous" not in page
    page = names_listed(client, "availability=unavailable")
    assert "Hamza Hajji" in page and "Fatima Fassi" not in page
    # Unknown values are ignored rather than failing.
    assert "Hamza Hajji" in names_listed(client, "standard=iso_0000&availability=never")


def test_name_search_ignores_accents_case_and_arabic_variants(client, db, auth):
    make_expert(db, "Hélène Chraïbi")
    make_expert(db, "Hind Chraibi")
    make_expert(db, "فاطمة الزهراء")
    auth.login_as("sme_user")

    page = names_listed(client, "q=helene+chraibi")
    assert "Hélène Chraïbi" in page and "Hind Chraibi" not in page
    assert "Hélène Chraïbi" in names_listed(client, "q=H%C3%89L%C3%88NE")
    page = names_listed(client, "q=chraibi")
    assert "Hélène Chraïbi" in page and "Hind Chraibi" in page
    assert "فاطمة الزهراء" in names_listed(client, "q=فاطمه")
    assert "Hélène" not in names_listed(client, "q=100%25")


def test_the_kept_directory_follows_profiles_and_competencies(client, db, auth):
    """The directory's results are kept as HTML (issue 11) until a table they were read
    from changes: a new competency, a hidden profile, a renamed organisation show on the
    next visit."""
    organisation = OrganisationFactory(kind=OrganisationKind.INSTITUTE, name_fr="Institut Ancien")
    kept = make_expert(db, "Karima Kettani", user=make_user("sme_user", organisation=organisation))
    hidden = make_expert(db, "Lahcen Lamrani", standards=["iso_9001"])
    auth.login_as("sme_user")
    page = names_listed(client, "standard=iso_9001")
    assert "Lahcen Lamrani" in page and "Karima Kettani" not in page
    assert "Institut Ancien" in names_listed(client, "")
    kept.competencies.append(ExpertCompetency(kind=CompetencyKind.STANDARD, code="iso_9001"))
    hidden.visible = False
    organisation.name_fr = "Institut Nouveau"
    db.session.flush()
    page = names_listed(client, "standard=iso_9001")
    assert "Karima Kettani" in page and "Lahcen Lamrani" not in page
    page = names_listed(client, "")
    assert "Institut Nouveau" in page and "Institut Ancien" not in page


def test_a_hidden_profile_is_404_for_others_and_200_for_its_owner(client, db):
    owner = make_user("sme_user")
    expert = make_expert(db, "Imane Idrissi", user=owner, visible=False)
    visible = make_expert(db, "Jalil Jettou")

    sign_in(client, make_user("ministry_officer"))
    assert client.get(f"/experts/{expert.id}").status_code == 404
    assert "Imane Idrissi" not in names_listed(client, "")
    shown = client.get(f"/experts/{visible.id}")
    assert shown.status_code == 200 and "Jalil Jettou" in shown.get_data(as_text=True)
    assert client.get("/experts/999999").status_code == 404

    sign_in(client, owner)
    page = client.get(f"/experts/{expert.id}")
    assert page.status_code == 200
    assert "Imane Idrissi" in page.get_data(as_text=True)


def test_the_directory_runs_a_bounded_number_of_queries(client, db, auth):
    auth.login_as("sme_user")
    EcosystemFactory(slug="automobile")
    organisation = OrganisationFactory(kind=OrganisationKind.INSTITUTE)

    def add_experts(start, count):
        for n in range(start, start + count):
            make_expert(
                db,
                f"Expert {n:03d}",
                user=make_user("institute_user", organisation=organisation),
                standards=["iso_9001", "iatf_16949"],
                topics=["core_tools"],
                sectors=["automobile"],
            )

    add_experts(0, 5)
    client.get("/experts/")
    with count_queries() as small:
        assert client.get("/experts/?standard=iso_9001").status_code == 200
    add_experts(5, 55)
    client.get("/experts/")  # warm, as before the small count (the navbar's data is kept)
    with count_queries() as large:
        page = client.get("/experts/?standard=iso_9001")
    assert page.status_code == 200
    assert "Expert 000" in page.get_data(as_text=True)
    assert large.count == small.count, large.statements
    assert small.count <= 8


def test_arabic_pages_are_right_to_left(client, db, auth):
    user = auth.login_as("sme_user", preferred_locale=None)
    make_expert(db, "Karima Kettani", user=user)
    for path in ("/experts/", "/experts/me", f"/experts/{stored(db, user).id}"):
        page = client.get(path, headers={"Accept-Language": "ar"})
        assert page.status_code == 200
        assert 'dir="rtl"' in page.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/experts/", "/experts/me", "/experts/1"])
def test_anonymous_users_are_sent_to_the_login_page(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_anonymous_posts_are_sent_to_the_login_page(client, db):
    for path in ("/experts/me", "/experts/me/delete"):
        response = post_form(client, path, profile_form())
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login")
