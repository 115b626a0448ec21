"""The migrations build the schema of the models, up and down, on SQLite and PostgreSQL."""

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from portal import create_app
from portal.extensions import db
from tests.conftest import fresh_database_url


def test_upgrade_downgrade_upgrade_and_no_difference_with_the_models(tmp_path):
    url = fresh_database_url("migrations", tmp_path)
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": url, "UPLOAD_DIR": str(tmp_path)})
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"organisations", "users", "audit_entries", "memberships"} <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            with warnings.catch_warnings():
                # SQLite cannot reflect the lower(email) index; its effect is tested below.
                warnings.filterwarnings("ignore", message=".*expression-based index")
                differences = compare_metadata(context, db.metadata)
        assert differences == []
        db.engine.dispose()


def test_email_uniqueness_ignores_case_in_the_database(db):
    import pytest
    from sqlalchemy.exc import IntegrityError

    from tests.factories import make_user

    make_user("sme_user", email="Same@Example.org")
    with pytest.raises(IntegrityError):
        make_user("sme_user", email="same@example.ORG")
