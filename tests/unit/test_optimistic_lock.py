"""A save based on an older version is refused and the newer save kept."""

import pytest
from sqlalchemy import update

from portal.models import Organisation
from portal.services.editing import StaleEdit, apply_edit
from tests.factories import OrganisationFactory


def test_form_based_on_an_older_version_is_refused(db):
    org = OrganisationFactory(city="Rabat")
    opened_at = org.version
    apply_edit(org, opened_at, {"city": "Salé"})  # the first officer saves
    assert org.version == opened_at + 1
    with pytest.raises(StaleEdit):
        apply_edit(org, opened_at, {"city": "Kénitra"})  # the second, from the same version
    db.session.refresh(org)
    assert org.city == "Salé"


def test_a_concurrent_write_between_read_and_flush_is_refused(db):
    org = OrganisationFactory(city="Rabat")
    version = org.version
    # Another transaction saves the same row behind our back.
    db.session.execute(
        update(Organisation)
        .where(Organisation.id == org.id)
        .values(city="Témara", version=version + 1)
        .execution_options(synchronize_session=False)
    )
    with pytest.raises(StaleEdit):
        apply_edit(org, version, {"city": "Kénitra"})


@pytest.mark.parametrize("bad", [None, "", "abc", "1.5"])
def test_a_missing_or_garbled_version_is_refused(db, bad):
    org = OrganisationFactory()
    with pytest.raises(StaleEdit):
        apply_edit(org, bad, {"city": "Tanger"})
