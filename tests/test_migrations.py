"""The migrations build the schema of the models, up and down, on SQLite and PostgreSQL; a
fresh install gets the reference data it got when each revision was written, and no
revision reads application code, so a later edit of the application cannot change what an
old revision does."""

import ast
import json
import warnings
from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import Boolean, DateTime, Integer, MetaData, column, inspect, select, table, text

from portal import create_app
from portal.extensions import db
from tests.conftest import ROOT, fresh_database_url

# Rows the migrations of a fresh install insert, dumped from main before the revisions were
# frozen (issue 10): every table not listed here stays empty. Timestamps are left out (they
# are the install's time); ids are kept (a fresh install numbers them from 1, in order).
REFERENCE_DATA = ROOT / "tests" / "fixtures" / "reference_data.json"
INSTALL_TIME_COLUMNS = {"created_at", "updated_at"}
# The trigram index of the organisations' names (0015), which the models do not describe:
# SQLite's FTS5 table and its shadow tables, PostgreSQL's GIN index (as migrations/env.py).
SEARCH_INDEX_OBJECTS = ("organisations_search", "ix_organisations_search_trgm")


def not_the_search_index(obj, name, type_, reflected, compare_to) -> bool:
    return not (name or "").startswith(SEARCH_INDEX_OBJECTS)


# Modules of the application a file under migrations/ may import. None is needed: env.py
# reaches the metadata through current_app.extensions["migrate"].db, and each revision
# writes its own table stubs (sa.table) and its reference data.
ALLOWED_PORTAL_IMPORTS: set[str] = set()

USERS = table(
    "users",
    column("id", Integer),
    column("is_org_admin", Boolean),
    column("email_confirmed_at", DateTime),
)


def reference_rows(engine) -> dict[str, list[dict]]:
    """Every non-empty table but alembic_version, rows sorted by id, install times left out."""
    metadata = MetaData()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*expression-based index")
        metadata.reflect(engine)
    found = {}
    with engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            if name == "alembic_version" or name.startswith(SEARCH_INDEX_OBJECTS):
                continue
            rows = connection.execute(select(table).order_by(*table.primary_key)).mappings()
            rows = [dict(row) for row in rows]
            if rows:
                for row in rows:
                    assert all(
                        isinstance(row[column], datetime)
                        for column in INSTALL_TIME_COLUMNS & row.keys()
                    )
                found[name] = [
                    {key: value for key, value in row.items() if key not in INSTALL_TIME_COLUMNS}
                    for row in rows
                ]
    return found


def test_upgrade_downgrade_upgrade_the_reference_data_and_no_difference_with_the_models(tmp_path):
    expected = json.loads(REFERENCE_DATA.read_text(encoding="utf-8"))
    url = fresh_database_url("migrations", tmp_path)
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": url, "UPLOAD_DIR": str(tmp_path)})
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"organisations", "users", "audit_entries", "memberships"} <= tables
        assert reference_rows(db.engine) == expected
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert reference_rows(db.engine) == expected
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "render_as_batch": True,
                    "include_object": not_the_search_index,
                },
            )
            with warnings.catch_warnings():
                # SQLite cannot reflect the lower(email) index; its effect is tested below.
                warnings.filterwarnings("ignore", message=".*expression-based index")
                differences = compare_metadata(context, db.metadata)
        assert differences == []
        db.engine.dispose()


def test_the_directory_revision_folds_the_names_of_existing_organisations(tmp_path):
    """0002 fills search_text with its own fold (frozen as it was written), the first
    account of each organisation administers it, existing accounts count as confirmed."""
    url = fresh_database_url("migrations_fold", tmp_path)
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": url, "UPLOAD_DIR": str(tmp_path)})
    names = [
        ("Société Générale d'Électricité", "الشَّرِكَةُ المغربيّة للجودة", "SGÉ-٣٤ ۵"),
        ("Œuvre Æther Straße", "أإآٱ ةىؤئ ـ", None),
        ("ﬁne ＡＢＣ ²", "", None),
    ]
    with app.app_context():
        upgrade(revision="0001_foundation")
        with db.engine.begin() as connection:
            for number, (name_fr, name_ar, acronym) in enumerate(names, 1):
                connection.execute(
                    text(
                        "INSERT INTO organisations (id, kind, name_fr, name_ar, acronym,"
                        " created_at, updated_at, version) VALUES (:id, 'federation', :fr, :ar,"
                        " :acronym, :now, :now, 1)"
                    ),
                    {
                        "id": number,
                        "fr": name_fr,
                        "ar": name_ar,
                        "acronym": acronym,
                        "now": datetime(2026, 1, number),
                    },
                )
            for number, organisation in [(1, 1), (2, 1), (3, 2)]:
                connection.execute(
                    text(
                        "INSERT INTO users (id, email, full_name, role, organisation_id, active,"
                        " created_at, updated_at, version) VALUES (:id, :email, 'X',"
                        " 'federation_staff', :organisation, true, :now, :now, 1)"
                    ),
                    {
                        "id": number,
                        "email": f"u{number}@example.org",
                        "organisation": organisation,
                        "now": datetime(2026, 2, number),
                    },
                )
        upgrade(revision="0002_directory")
        with db.engine.connect() as connection:
            folded = (
                connection.execute(text("SELECT search_text FROM organisations ORDER BY id"))
                .scalars()
                .all()
            )
            users = connection.execute(select(USERS).order_by(USERS.c.id)).all()
        assert folded == [
            "societe generale d electricite الشركه المغربيه للجوده sge 34 5",
            "oeuvre aether strasse اااا هيوي",
            "fine abc 2",
        ]
        assert users == [
            (1, True, datetime(2026, 2, 1)),
            (2, False, datetime(2026, 2, 2)),
            (3, True, datetime(2026, 2, 3)),
        ]
        downgrade(revision="base")
        db.engine.dispose()


def imported_modules(path) -> set[str]:
    """The modules a Python file imports, at any depth (function bodies included)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
        elif isinstance(node, ast.Call) and getattr(
            node.func, "attr", getattr(node.func, "id", None)
        ) in {"import_module", "__import__"}:
            modules.update(arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant))
    return modules


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "migrations").rglob("*.py")),
    ids=lambda path: str(path.relative_to(ROOT / "migrations")),
)
def test_no_migration_imports_application_code(path):
    portal = {
        module
        for module in imported_modules(path)
        if module == "portal" or module.startswith("portal.")
    }
    assert portal <= ALLOWED_PORTAL_IMPORTS, f"{path.name} imports {sorted(portal)}"


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "revision.py"
    sample.write_text("def load():\n    from portal.catalogue import X\n    import portal.y\n")
    assert imported_modules(sample) == {"portal.catalogue", "portal.y"}


def test_email_uniqueness_ignores_case_in_the_database(db):
    from sqlalchemy.exc import IntegrityError

    from tests.factories import make_user

    make_user("sme_user", email="Same@Example.org")
    with pytest.raises(IntegrityError):
        make_user("sme_user", email="same@example.ORG")


def test_the_request_lifecycle_revision_keeps_existing_requests(tmp_path):
    """0033: submitted and accepted requests still wait for their first answer, answered and
    declined ones keep their status and answer day; each gets its steps (sent, and answered
    or declined on its answer day). Down again, the new statuses map to the old ones."""
    url = fresh_database_url("migrations_lifecycle", tmp_path)
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": url, "UPLOAD_DIR": str(tmp_path)})
    rows = [
        (1, "submitted", None, ""),
        (2, "accepted", None, ""),
        (3, "answered", "2026-01-09", "Voici la norme."),
        (4, "declined", "2026-01-07", "Hors périmètre."),
    ]
    with app.app_context():
        upgrade(revision="0031_standard_outlines")
        with db.engine.begin() as connection:
            for number, kind in [(1, "federation"), (2, "infrastructure")]:
                connection.execute(
                    text(
                        "INSERT INTO organisations (id, kind, name_fr, name_ar, search_text,"
                        " created_at, updated_at, version)"
                        " VALUES (:id, :kind, 'O', 'O', 'o', :now, :now, 1)"
                    ),
                    {"id": number, "kind": kind, "now": datetime(2026, 1, 1)},
                )
            for number, status, answered_on, answer in rows:
                connection.execute(
                    text(
                        "INSERT INTO service_requests (id, organisation_id, body_id, kind,"
                        " subject, description, status, submitted_on, respond_by, answer,"
                        " answered_on, is_closed, created_at, updated_at, version) VALUES"
                        " (:id, 1, 2, 'testing', 'S', '', :status, '2026-01-05', '2026-01-20',"
                        " :answer, :answered_on, :closed, :now, :now, 1)"
                    ),
                    {
                        "id": number,
                        "status": status,
                        "answer": answer,
                        "answered_on": answered_on,
                        "closed": answered_on is not None,
                        "now": datetime(2026, 1, 5),
                    },
                )
        upgrade(revision="0033_request_lifecycle")
        with db.engine.begin() as connection:
            kept = connection.execute(
                text("SELECT id, status, is_closed FROM service_requests ORDER BY id")
            ).all()
            steps = connection.execute(
                text(
                    "SELECT request_id, kind, happened_on, comment FROM service_request_events"
                    " ORDER BY request_id, happened_on"
                )
            ).all()
            connection.execute(text("UPDATE service_requests SET status = 'closed' WHERE id = 3"))
            connection.execute(
                text("UPDATE service_requests SET status = 'cancelled' WHERE id = 1")
            )
        assert [(i, s, bool(c)) for i, s, c in kept] == [
            (1, "submitted", False),
            (2, "accepted", False),
            (3, "answered", True),
            (4, "declined", True),
        ]
        assert [(r, k, str(d), c) for r, k, d, c in steps] == [
            (1, "submitted", "2026-01-05", ""),
            (2, "submitted", "2026-01-05", ""),
            (3, "submitted", "2026-01-05", ""),
            (3, "answered", "2026-01-09", "Voici la norme."),
            (4, "submitted", "2026-01-05", ""),
            (4, "declined", "2026-01-07", "Hors périmètre."),
        ]
        downgrade(revision="0031_standard_outlines")
        with db.engine.connect() as connection:
            statuses = connection.execute(
                text("SELECT status FROM service_requests ORDER BY id")
            ).scalars()
            assert list(statuses) == ["declined", "accepted", "answered", "declined"]
        downgrade(revision="base")
        db.engine.dispose()
