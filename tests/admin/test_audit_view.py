"""The audit trail is told in words: every audited record and field has a label, values are
shown as their labels, dates in the reader's language, and sign-ins leave no line."""

from sqlalchemy import inspect, select

from portal.models import AuditEntry
from portal.models.base import utcnow
from portal.services.audit import set_actor
from portal.services.audit_labels import FIELD_LABELS, RECORD_LABELS
from portal.services.audit_view import audited_models, describe, field_label
from tests.conftest import sign_in
from tests.factories import OrganisationFactory, make_user


def test_every_audited_record_and_field_has_a_label(app):
    with app.app_context():
        models = audited_models()
        assert set(models) == set(RECORD_LABELS)
        unlabelled = [
            f"{table}.{column.key}"
            for table, model in models.items()
            for column in inspect(model).columns
            if column.key not in model.__audit_ignored__ and field_label(column.key) == column.key
        ]
        used = {
            key[:-3] if key[-3:] in ("_fr", "_ar", "_en") else key
            for model in models.values()
            for key in inspect(model).columns.keys()  # noqa: SIM118 (a collection, not a dict)
        }
    assert unlabelled == []
    assert sorted(set(FIELD_LABELS) - used) == []  # no label for a field that no longer exists


def _entries(db, obj):
    query = select(AuditEntry).where(
        AuditEntry.entity_type == obj.__tablename__, AuditEntry.entity_id == str(obj.id)
    )
    return db.session.execute(query.order_by(AuditEntry.id)).scalars().all()


def test_an_entry_reads_as_words_with_labels_yes_no_and_dates(app, db):
    actor = make_user("admin")
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        set_actor(actor.id)
        organisation = OrganisationFactory(name_fr="Avant", region="MA-06", headcount_band="pme")
        colleague = make_user("sme_user", organisation=organisation, is_org_admin=True)
        organisation.name_fr = "Après"
        colleague.is_org_admin = False
        colleague.preferred_locale = "ar"
        db.session.flush()
        organisation.deleted_at = utcnow()
        db.session.flush()
        created, renamed, deleted = (describe(e) for e in _entries(db, organisation))
        admin_removed = describe(_entries(db, colleague)[-1])

    assert created.record == f"Organisation n° {organisation.id}"
    assert created.url == f"/organisations/{organisation.id}"
    assert created.action == "Création"
    shown = {c.label: c.after for c in created.changes}
    assert "Numéro" not in shown and "Créé le" not in shown
    assert shown["Nom (français)"].value == "Avant"
    assert shown["Région"].value == "Casablanca-Settat"
    assert shown["Taille"].value == "Petite et moyenne entreprise (10 à 249 personnes)"
    assert [(c.label, c.before.value, c.after.value) for c in renamed.changes] == [
        ("Nom (français)", "Avant", "Après")
    ]
    assert [(c.label, c.before.kind, c.after.kind) for c in admin_removed.changes] == [
        ("Administrateur de l'organisation", "yes", "no"),
        ("Langue", "text", "text"),
    ]
    assert admin_removed.changes[1].after.value == "العربية"
    assert deleted.action == "Suppression"
    assert deleted.changes[0].after.kind == "datetime"


def test_a_sign_in_leaves_no_line(app, db):
    user = make_user("sme_user")
    before = len(_entries(db, user))
    with app.test_request_context():
        user.last_login_at = utcnow()
        db.session.flush()
    assert len(_entries(db, user)) == before


def test_the_audit_page_speaks_arabic_right_to_left(client, db):
    admin = make_user("admin", preferred_locale="ar")
    with client.application.test_request_context():
        set_actor(admin.id)
        organisation = OrganisationFactory(name_fr="Avant", headcount_band="tpe")
        organisation.name_fr = "Après"
        db.session.flush()
    sign_in(client, admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert f"المؤسسة رقم {organisation.id}" in page
    assert "organisations #" not in page and "name_fr" not in page
    assert "←" in page and "→" not in page
    assert "T0" not in page.split("<main", 1)[1]  # no ISO timestamp in the page's body


def test_the_audit_page_names_the_records_it_points_at_in_a_fixed_number_of_queries(client, db):
    from tests.conftest import count_queries
    from tests.factories import EcosystemFactory, MembershipFactory

    admin = make_user("admin", full_name="Salma Bennani")
    sign_in(client, admin)

    def add_memberships(count: int) -> None:
        with client.application.test_request_context():
            set_actor(admin.id)
            for _ in range(count):
                MembershipFactory(
                    ecosystem=EcosystemFactory(name_fr="Écosystème Test"),
                    organisation=OrganisationFactory(name_fr="Société Nommée"),
                    decided_by_id=admin.id,
                )

    add_memberships(2)
    with count_queries() as few:
        page = client.get("/admin/audit?entity=memberships").get_data(as_text=True)
    assert "Société Nommée" in page and "Écosystème Test" in page
    assert "<bdi>Salma Bennani</bdi>" in page
    add_memberships(12)
    with count_queries() as many:
        client.get("/admin/audit?entity=memberships")
    assert many.count == few.count


def test_the_kept_audit_page_follows_a_new_entry_and_a_renamed_actor(client, db):
    """A page of the trail is kept (issue 11) until an entry is added (its newest id is in
    the key: entries are only added) or a record it names changes."""
    from tests.factories import ConventionFactory, EcosystemFactory

    admin = make_user("admin", full_name="Salma Bennani")
    sign_in(client, admin)
    with client.application.test_request_context():
        set_actor(admin.id)
        ecosystem = EcosystemFactory()
        db.session.flush()
    assert "CONV-KEPT" not in client.get("/admin/audit").get_data(as_text=True)
    # A convention: an entry about a table the page does not read (no token of its own moves).
    with client.application.test_request_context():
        set_actor(admin.id)
        ConventionFactory(reference="CONV-KEPT", ecosystem_id=ecosystem.id)
        db.session.flush()
    assert "CONV-KEPT" in client.get("/admin/audit").get_data(as_text=True)
    admin.full_name = "Salma Bennani-Idrissi"
    db.session.flush()
    assert "Salma Bennani-Idrissi" in client.get("/admin/audit").get_data(as_text=True)
