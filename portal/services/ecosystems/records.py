"""The ecosystem records: creating and editing them, and what their public page lists."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    Ecosystem,
    EcosystemStatus,
    Organisation,
    OrganisationKind,
)
from portal.services.editing import apply_edit

# The fields of an ecosystem its form edits (besides the status).
EDITABLE = (
    "name_fr",
    "name_ar",
    "slug",
    "sector_fr",
    "sector_ar",
    "description_fr",
    "description_ar",
    "lead_federation_id",
    "launch_date",
)
# Paths under /ecosystems/ that are not an ecosystem's page.
RESERVED_SLUGS = {"new", "memberships"}


class SlugTaken(ValueError):
    """Another ecosystem (a deleted one included) or a page of the portal uses the slug."""

    def __init__(self) -> None:
        super().__init__(_("Another ecosystem already uses this short name."))


def federations() -> list[Organisation]:
    """The federations that may lead an ecosystem, by name."""
    return list(
        db.session.execute(
            select(Organisation)
            .where(Organisation.kind == OrganisationKind.FEDERATION)
            .order_by(Organisation.name_fr)
        ).scalars()
    )


def ecosystem_choices(among: Any = None) -> list[Ecosystem]:
    """Every ecosystem (or those whose ids ``among`` selects), by name: the filters of the
    lists, what a complaint or a survey may be about."""
    query = select(Ecosystem).order_by(Ecosystem.name_fr, Ecosystem.id)
    if among is not None:
        query = query.where(Ecosystem.id.in_(among))
    return list(db.session.execute(query).scalars())


def slug_taken(slug: str, ecosystem_id: int | None = None) -> bool:
    """Whether ``slug`` is reserved or used by another ecosystem than ``ecosystem_id``."""
    if slug in RESERVED_SLUGS:
        return True
    query = (
        select(Ecosystem.id).where(Ecosystem.slug == slug).execution_options(include_deleted=True)
    )
    if ecosystem_id is not None:
        query = query.where(Ecosystem.id != ecosystem_id)
    return db.session.execute(query).first() is not None


def create_ecosystem(values: dict[str, Any], status: EcosystemStatus) -> Ecosystem:
    """Create an ecosystem from the ``EDITABLE`` values; raises SlugTaken."""
    if slug_taken(values["slug"]):
        raise SlugTaken()
    ecosystem = Ecosystem(status=status, **{name: values[name] for name in EDITABLE})
    db.session.add(ecosystem)
    db.session.flush()
    return ecosystem


def update_ecosystem(
    ecosystem: Ecosystem, version: Any, values: dict[str, Any], status: EcosystemStatus
) -> None:
    """Save an edit of an ecosystem based on ``version``; raises SlugTaken or StaleEdit."""
    if slug_taken(values["slug"], ecosystem.id):
        raise SlugTaken()
    changes = {name: values[name] for name in EDITABLE}
    changes["status"] = status
    apply_edit(ecosystem, version, changes)
