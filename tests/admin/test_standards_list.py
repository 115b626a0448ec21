"""The standards catalogue's table is kept as HTML (issue 11), the same for every
administrator, until a table it was read from changes."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Role, Standard
from portal.services.certification import outlines
from tests.conftest import sign_in
from tests.factories import make_user


def row_of(html: str, reference: str) -> str | None:
    found = re.search(rf"{re.escape(reference)}</a></th>(.*?)</tr>", html, re.S)
    return found.group(1) if found else None


def test_the_kept_catalogue_follows_a_new_standard_a_draft_and_a_change(client, db):
    sign_in(client, make_user(Role.ADMIN))
    html = client.get("/admin/standards").get_data(as_text=True)
    assert row_of(html, "ISO 9001:2015") is not None
    assert row_of(html, "ISO 50001:2018") is None
    added = outlines.add_standard(
        "iso_50001",
        {"reference": "ISO 50001:2018", "name_fr": "Énergie", "name_ar": "الطاقة", "active": True},
    )
    iso_9001 = _db.session.execute(select(Standard).where(Standard.code == "iso_9001")).scalar_one()
    iso_9001.reference = "ISO 9001:2026"
    outlines.prepare_draft(added)
    _db.session.flush()
    html = client.get("/admin/standards").get_data(as_text=True)
    assert row_of(html, "ISO 9001:2015") is None
    assert row_of(html, "ISO 9001:2026") is not None
    assert f"/admin/standards/{added.id}/draft" in row_of(html, "ISO 50001:2018")
