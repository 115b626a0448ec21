"""Searches read the trigram index of the folded names (migration 0015: SQLite's FTS5 table
kept by triggers, PostgreSQL's pg_trgm index): what is written is found at once, a renamed
organisation under its new name only, and a word shorter than a trigram still matches."""

from __future__ import annotations

from sqlalchemy import delete

from portal.models import Membership, Organisation
from tests.conftest import using_postgresql
from tests.ecosystems.test_directory import member, names, staff  # noqa: F401
from tests.plans import captured_selects, plan_lines

# ruff: noqa: F811 (``staff``: the directory tests' fixture, shared)


def found(client, q: str) -> str:
    return names(client.get("/directory/organisations", query_string={"q": q}))


def test_an_organisation_is_found_as_soon_as_it_is_written(client, staff, db):
    member(staff, name_fr="Atlas Forge", name_ar="مصنع أطلس للحدادة")
    assert "Atlas Forge" in found(client, "أطلس")
    assert "Atlas Forge" in found(client, "forge atlas")


def test_a_renamed_organisation_is_found_under_its_new_name_only(client, staff, db):
    organisation = member(staff, name_fr="Ancien Nom Textile", name_ar="نسيج")
    organisation.name_fr = "Nouveau Nom Textile"
    organisation.refresh_search_text()
    db.session.commit()
    assert "Nouveau Nom Textile" in found(client, "nouveau")
    assert "Nouveau Nom Textile" not in found(client, "ancien")


def test_a_deleted_row_leaves_the_index(client, staff, db):
    organisation = member(staff, name_fr="Ephemere Industrie", name_ar="صناعة")
    db.session.execute(delete(Membership).where(Membership.organisation_id == organisation.id))
    db.session.execute(delete(Organisation).where(Organisation.id == organisation.id))
    db.session.commit()
    assert "Ephemere Industrie" not in found(client, "ephemere")


def test_words_shorter_than_a_trigram_still_match(client, staff, db):
    member(staff, name_fr="GM Plasturgie", name_ar="بلاستيك")
    member(staff, name_fr="Autre Plasturgie", name_ar="آخر")
    page = found(client, "gm plasturgie")
    assert "GM Plasturgie" in page and "Autre Plasturgie" not in page


def test_a_search_reads_the_trigram_index(app, client, staff, db):
    member(staff, name_fr="Indexee Mecanique", name_ar="ميكانيك")
    if using_postgresql():
        # The planner picks the GIN index or a name-ordered one by the data's statistics:
        # what must hold is that LIKE '%word%' can use the trigram index.
        lines = plan_lines(
            "SELECT id FROM organisations WHERE search_text LIKE %(pattern)s",
            {"pattern": "%mecanique%"},
        )
        assert any("ix_organisations_search_trgm" in line for line in lines), lines
        return
    sent = captured_selects(lambda: client.get("/directory/organisations?q=mecanique"))
    searches = [(s, p) for s, p in sent if "search_text LIKE" in s]
    assert searches
    plans = [" / ".join(plan_lines(s, p)) for s, p in searches]
    assert all("organisations_search VIRTUAL TABLE INDEX" in plan for plan in plans), plans
