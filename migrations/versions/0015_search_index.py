"""Organisation searches read an index of the folded names' trigrams (issue 11): on SQLite
an FTS5 table with the trigram tokenizer over ``organisations.search_text``, kept by
triggers; on PostgreSQL a GIN index of pg_trgm (a trusted extension: the database owner
may create it). A word of three letters or more is then found without reading every
organisation (an Arabic search took 0.5 s at national scale).

On SQLite, a batch migration that rebuilds ``organisations`` drops its triggers: such a
migration creates them again (``TRIGGERS`` below), and tests/ecosystems/test_search_index.py
fails without them.

Revision ID: 0015_search_index
Revises: 0014_conventions_ecosystem
Create Date: 2026-11-28 17:20:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0015_search_index'
down_revision = '0014_conventions_ecosystem'
branch_labels = None
depends_on = None

TRIGGERS = {
    "organisations_search_insert": """
        CREATE TRIGGER organisations_search_insert AFTER INSERT ON organisations BEGIN
            INSERT INTO organisations_search (rowid, search_text)
            VALUES (new.id, new.search_text);
        END""",
    "organisations_search_delete": """
        CREATE TRIGGER organisations_search_delete AFTER DELETE ON organisations BEGIN
            INSERT INTO organisations_search (organisations_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    "organisations_search_update": """
        CREATE TRIGGER organisations_search_update AFTER UPDATE OF search_text ON organisations
        BEGIN
            INSERT INTO organisations_search (organisations_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO organisations_search (rowid, search_text)
            VALUES (new.id, new.search_text);
        END""",
}


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE organisations_search USING fts5("
            "search_text, content='organisations', content_rowid='id', tokenize='trigram')"
        )
        for statement in TRIGGERS.values():
            op.execute(statement)
        op.execute("INSERT INTO organisations_search (organisations_search) VALUES ('rebuild')")
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_organisations_search_trgm ON organisations "
            "USING gin (search_text gin_trgm_ops)"
        )


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE organisations_search")
    else:
        op.execute("DROP INDEX ix_organisations_search_trgm")
