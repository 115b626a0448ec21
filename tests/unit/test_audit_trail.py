"""The audit trail writes itself for every insert, update and soft delete."""

from sqlalchemy import select

from portal.models import AuditEntry, Organisation
from portal.models.base import utcnow
from portal.services.audit import set_actor
from tests.factories import OrganisationFactory, make_user


def _entries(db, obj):
    return (
        db.session.execute(
            select(AuditEntry)
            .where(AuditEntry.entity_type == obj.__tablename__, AuditEntry.entity_id == str(obj.id))
            .order_by(AuditEntry.id)
        )
        .scalars()
        .all()
    )


def test_insert_update_delete_and_restore_are_recorded_with_actor_and_values(app, db):
    actor = make_user("admin")
    with app.test_request_context():
        set_actor(actor.id)
        org = OrganisationFactory(name_fr="Avant", city="Fès")
        org.name_fr = "Après"
        db.session.flush()
        org.deleted_at = utcnow()
        db.session.flush()
        org.deleted_at = None
        db.session.flush()
        entries = _entries(db, org)

    assert [e.action for e in entries] == ["insert", "update", "delete", "restore"]
    assert all(e.actor_id == actor.id for e in entries)
    assert entries[0].changes["name_fr"] == [None, "Avant"]
    assert entries[0].changes["kind"] == [None, "sme"]
    assert entries[1].changes == {"name_fr": ["Avant", "Après"]}
    assert entries[2].changes["deleted_at"][0] is None
    assert entries[3].changes["deleted_at"][1] is None


def test_password_hashes_are_redacted(app, db):
    with app.test_request_context():
        user = make_user("sme_user")
        user.password_hash = "$argon2id$changed"
        db.session.flush()
        entries = _entries(db, user)
    assert entries[0].changes["password_hash"] == [None, "***"]
    assert entries[-1].changes["password_hash"] == ["***", "***"]
    assert "argon2" not in str([e.changes for e in entries])


def test_a_rolled_back_change_leaves_no_entry(app, db):
    with app.test_request_context():
        org = OrganisationFactory()
        db.session.commit()  # releases the savepoint of the test transaction
        count = len(_entries(db, org))
        org.city = "Oujda"
        db.session.flush()
        db.session.rollback()
        assert len(_entries(db, org)) == count


def test_soft_deleted_rows_are_hidden_unless_asked(app, db):
    with app.test_request_context():
        org = OrganisationFactory()
        org.deleted_at = utcnow()
        db.session.flush()
        db.session.expunge_all()
        assert (
            db.session.execute(select(Organisation).where(Organisation.id == org.id)).scalar()
            is None
        )
        assert (
            db.session.execute(
                select(Organisation)
                .where(Organisation.id == org.id)
                .execution_options(include_deleted=True)
            ).scalar()
            is not None
        )
