"""Who signs a convention and what each party promises: its parties (added, removed, back
again), the organisations that may become one, and the parties' commitments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import case, select

from portal.extensions import db
from portal.models import (
    Commitment,
    CommitmentStatus,
    Convention,
    ConventionParty,
    Organisation,
    OrganisationKind,
    PartyRole,
)
from portal.models.base import utcnow
from portal.services.conventions.rules import ConventionError
from portal.services.editing import apply_edit

# What a party's form sets, besides its organisation and its role.
PARTY_FIELDS = (
    "signatory_name",
    "signatory_title_fr",
    "signatory_title_ar",
    "contribution_fr",
    "contribution_ar",
)
# What a commitment's form sets, besides its status.
COMMITMENT_FIELDS = ("party_id", "description_fr", "description_ar", "due_date", "completed_on")

# --- parties -----------------------------------------------------------------------------------


def parties_of(convention: Convention) -> list[ConventionParty]:
    """The live parties of a convention, by role."""
    return parties_by_convention([convention.id]).get(convention.id, [])


def parties_by_convention(ids: list[int]) -> dict[int, list[ConventionParty]]:
    """The live parties of many conventions (lists), by role, in one query."""
    grouped: dict[int, list[ConventionParty]] = defaultdict(list)
    if ids:
        for party in db.session.execute(
            select(ConventionParty)
            .where(ConventionParty.convention_id.in_(ids))
            .order_by(ConventionParty.role, ConventionParty.id)
        ).scalars():
            grouped[party.convention_id].append(party)
    return grouped


def candidate_organisations(convention: Convention) -> list[Organisation]:
    """Organisations not yet party: the ministry and federations first, then the others."""
    already = select(ConventionParty.organisation_id).where(
        ConventionParty.convention_id == convention.id
    )
    first = case(
        (Organisation.kind.in_([OrganisationKind.MINISTRY, OrganisationKind.FEDERATION]), 0),
        else_=1,
    )
    return list(
        db.session.execute(
            select(Organisation)
            .where(Organisation.id.not_in(already))
            .order_by(first, Organisation.name_fr)
        ).scalars()
    )


def add_party(
    convention: Convention, organisation_id: int, role: PartyRole, fields: Mapping[str, Any]
) -> ConventionParty:
    """Make an organisation a party, with its signatory and contribution (``fields``:
    PARTY_FIELDS, empty when not given). A party removed earlier comes back on its own row
    (one row per organisation)."""
    party = (
        db.session.execute(
            select(ConventionParty)
            .where(
                ConventionParty.convention_id == convention.id,
                ConventionParty.organisation_id == organisation_id,
            )
            .execution_options(include_deleted=True)
        )
        .scalars()
        .first()
    )
    if party is None:
        party = ConventionParty(convention_id=convention.id, organisation_id=organisation_id)
        db.session.add(party)
    party.deleted_at = None
    for name in PARTY_FIELDS:
        setattr(party, name, fields.get(name) or "")
    party.role = role
    db.session.flush()
    return party


class PartyHasCommitments(ConventionError):
    """A party that still has commitments cannot be removed."""

    def __init__(self) -> None:
        super().__init__(_("This party still has commitments: give them to another party first."))


def remove_party(party: ConventionParty) -> None:
    """Remove a party (kept in the database, marked deleted). Raises PartyHasCommitments
    while it has commitments."""
    if db.session.execute(select(Commitment.id).where(Commitment.party_id == party.id)).first():
        raise PartyHasCommitments()
    party.deleted_at = utcnow()
    db.session.flush()


# --- commitments -------------------------------------------------------------------------------


def add_commitment(
    convention: Convention, status: CommitmentStatus, fields: Mapping[str, Any]
) -> Commitment:
    """Record what a party undertakes to do (``fields``: COMMITMENT_FIELDS)."""
    commitment = Commitment(convention_id=convention.id, status=status)
    for name in COMMITMENT_FIELDS:
        setattr(commitment, name, fields.get(name))
    db.session.add(commitment)
    db.session.flush()
    return commitment


def update_commitment(
    commitment: Commitment, version: object, status: CommitmentStatus, fields: Mapping[str, Any]
) -> None:
    """Save a commitment's form (``fields``: COMMITMENT_FIELDS). Raises StaleEdit when the
    commitment changed since the form was opened."""
    changes = {name: fields.get(name) for name in COMMITMENT_FIELDS}
    apply_edit(commitment, version, {**changes, "status": status})
