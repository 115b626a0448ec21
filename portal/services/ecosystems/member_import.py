"""Importing member companies into an ecosystem from an uploaded CSV or XLSX table.

The file is checked row by row first (``validate``): nothing is written until federation
staff have seen the report and confirmed. Rows match existing organisations on their ICE,
so importing the same file twice writes nothing the second time. Between the report and
the confirmation the file is kept under ``UPLOAD_DIR/imports``, known only by a random
token, next to a small JSON sidecar naming who uploaded it and for which ecosystem.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import raiseload

from portal.extensions import db
from portal.models import (
    Ecosystem,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    User,
)
from portal.models.base import utcnow
from portal.models.organisation import is_valid_ice
from portal.services.ecosystems import import_invitations, import_store
from portal.services.ecosystems.import_columns import (
    RowProblem,
    ignored_columns,
    missing_columns,
    problem,
    read_row,
    region_lookup,
)
from portal.services.ecosystems.import_invitations import Invitees
from portal.services.headcount import band_names
from portal.services.tabular import TableError, read_table

# The largest table imported at once (more rows: split the file).
MAX_ROWS = 5000

# Still-present members: the import leaves them as they are.
_KEPT_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED, MembershipStatus.REQUESTED)
# Members whose first user the federation may invite.
_INVITED_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED)


class RowStatus(enum.StrEnum):
    """What confirming the import does with a row."""

    NEW = "new"  # organisation and membership created
    JOIN = "join"  # the organisation exists: only the membership is created (or renewed)
    UNCHANGED = "unchanged"  # already a member of the ecosystem
    ERROR = "error"


class ImportFileError(ValueError):
    """The table as a whole cannot be imported (required columns missing)."""


class UnreadableImport(ValueError):
    """The file kept for confirmation cannot be read any more (it was discarded)."""


class ImportConflict(Exception):
    """Another request wrote one of the companies between the check and the write."""


@dataclass
class ImportRow:
    """One data row of the file and what the import will do with it."""

    line: int
    status: RowStatus
    name: str = ""
    ice: str = ""
    problems: list[RowProblem] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    organisation: Organisation | None = None
    membership: Membership | None = None  # a left, rejected or deleted one, to renew
    invite: tuple[str, str] | None = None  # the first user to invite once confirmed


@dataclass
class ImportReport:
    """Every row's status, before anything is written, and the file's columns the import
    does not know (ignored)."""

    rows: list[ImportRow]
    ignored_columns: list[str] = field(default_factory=list)

    def count(self, status: RowStatus) -> int:
        """How many rows have the status."""
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict[str, int]:
        """Rows per status, every status present."""
        return {status.value: self.count(status) for status in RowStatus}

    @property
    def errors(self) -> list[ImportRow]:
        """The rows that will not be imported, in file order."""
        return [row for row in self.rows if row.status == RowStatus.ERROR]

    @property
    def to_write(self) -> int:
        """How many rows confirming would write."""
        return self.count(RowStatus.NEW) + self.count(RowStatus.JOIN)

    @property
    def to_invite(self) -> int:
        """How many first-user invitations confirming would send."""
        return sum(1 for row in self.rows if row.invite is not None)


def validate(ecosystem: Ecosystem, rows: list[dict[str, Any]]) -> ImportReport:
    """Check every row and say what confirming would do, invitations included; writes and
    sends nothing. A fixed number of queries: the organisations with the file's ICEs, their
    memberships in the ecosystem, and the three look-ups of ``Invitees``."""
    missing = missing_columns(rows)
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s.", columns=", ".join(missing))
        )
    regions, bands = region_lookup(), band_names()
    parsed = [(row["_row"], *read_row(row, regions, bands)) for row in rows]

    ices = sorted({values["ice"] for _l, values, _i, _p in parsed if is_valid_ice(values["ice"])})
    organisations = {
        org.ice: org
        for org in db.session.execute(
            select(Organisation)
            .where(Organisation.ice.in_(ices))
            .execution_options(include_deleted=True)
        ).scalars()
    }
    memberships = {
        membership.organisation_id: membership
        for membership in db.session.execute(
            select(Membership)
            .where(
                Membership.ecosystem_id == ecosystem.id,
                Membership.organisation_id.in_(sorted(org.id for org in organisations.values())),
            )
            .options(raiseload("*"))
            .execution_options(include_deleted=True)
        ).scalars()
    }

    invitees = Invitees.look_up(
        {email for _l, _v, (email, _n), _p in parsed if email},
        {org.id for org in organisations.values()},
    )

    first_line: dict[str, int] = {}
    first_invite_line: dict[str, int] = {}
    report_rows = []
    for line, values, (invite_email, invite_name), problems in parsed:
        ice = values["ice"]
        row = ImportRow(line=line, status=RowStatus.NEW, name=values["name_fr"] or "", ice=ice)
        if is_valid_ice(ice):
            if ice in first_line:
                problems.append(problem("duplicate_ice", ice=ice, line=first_line[ice]))
            else:
                first_line[ice] = line
            row.organisation = organisations.get(ice)
        existing = row.organisation
        if existing is not None and existing.is_deleted:
            problems.append(problem("deleted_organisation", ice=ice))
        elif existing is not None and existing.kind != OrganisationKind.SME:
            problems.append(problem("not_a_company", ice=ice))
        invite = invite_email is not None and invitees.needs_account(existing)
        if invite:
            wrong = invitees.problem(invite_email, line, first_invite_line)
            if wrong is not None:
                problems.append(problem(wrong[0], **wrong[1]))
        if problems:
            row.status, row.problems = RowStatus.ERROR, problems
        elif existing is not None:
            membership = memberships.get(existing.id)
            if (
                membership is not None
                and not membership.is_deleted
                and membership.status in _KEPT_STATUSES
            ):
                row.status = RowStatus.UNCHANGED
                invite = invite and membership.status in _INVITED_STATUSES
            else:
                row.status, row.membership = RowStatus.JOIN, membership
        else:
            row.values = values
        if invite and row.status != RowStatus.ERROR:
            row.invite = (invite_email, invite_name)
        report_rows.append(row)
    return ImportReport(report_rows, ignored_columns(rows))


def apply(ecosystem: Ecosystem, report: ImportReport, actor: User) -> int:
    """Create the organisations and active memberships of the ``new`` and ``join`` rows,
    with one flush; returns how many rows were written."""
    now = utcnow()
    decision = {
        "role": MembershipRole.MEMBER_SME,
        "status": MembershipStatus.ACTIVE,
        "decided_at": now,
        "decided_by_id": actor.id,
    }
    written = 0
    for row in report.rows:
        if row.status == RowStatus.NEW:
            organisation = Organisation(kind=OrganisationKind.SME, **row.values)
            row.organisation = organisation  # for the invitation sent after the write
            db.session.add(organisation)
            db.session.add(
                Membership(
                    ecosystem_id=ecosystem.id,
                    organisation=organisation,
                    requested_at=now,
                    **decision,
                )
            )
        elif row.status == RowStatus.JOIN and row.membership is not None:
            # A membership that had ended, been refused or deleted: renewed, not duplicated.
            membership = row.membership
            for key, value in decision.items():
                setattr(membership, key, value)
            membership.deleted_at = None
            membership.requested_at = membership.requested_at or now
            membership.decision_reason = None
        elif row.status == RowStatus.JOIN:
            db.session.add(
                Membership(
                    ecosystem_id=ecosystem.id,
                    organisation_id=row.organisation.id,
                    requested_at=now,
                    **decision,
                )
            )
        else:
            continue
        written += 1
    db.session.flush()
    return written


@dataclass
class CheckedUpload:
    """An uploaded table's report, and the token of the kept file when confirming it would
    write or invite anything (None otherwise)."""

    report: ImportReport
    token: str | None


def check_upload(ecosystem: Ecosystem, filename: str, data: bytes, actor_id: int) -> CheckedUpload:
    """Read and check an uploaded table, writing nothing; keep the file for confirmation.
    Raises TableError (unreadable) or ImportFileError (required columns missing)."""
    report = validate(ecosystem, read_table(filename, data, max_rows=MAX_ROWS))
    token = None
    if report.to_write or report.to_invite:
        token = import_store.store_upload(filename, data, actor_id, ecosystem.id)
    return CheckedUpload(report, token)


@dataclass
class ImportResult:
    """What confirming an import did: rows written, invitations sent, rows left out."""

    written: int
    invited: int
    skipped: int


def confirm_import(ecosystem: Ecosystem, token: str, actor: User) -> ImportResult:
    """Re-read and re-check the kept file, write its valid rows, then send the first users'
    invitations and forget the file. Raises StoredImportRefused (another user's or another
    ecosystem's file), StoredImportNotFound (confirmed already, or expired),
    UnreadableImport or ImportConflict."""
    stored = import_store.load_upload(token, actor.id, ecosystem.id)
    try:
        report = validate(ecosystem, read_table(stored.filename, stored.data, max_rows=MAX_ROWS))
    except (TableError, ImportFileError):
        import_store.discard_upload(token)
        raise UnreadableImport() from None
    try:
        written = apply(ecosystem, report, actor)
    except IntegrityError:
        db.session.rollback()
        raise ImportConflict() from None
    # Only now, the import confirmed and written: the first users' invitations.
    invited = import_invitations.send(report.rows, actor)
    import_store.discard_upload(token)
    return ImportResult(written, invited, report.count(RowStatus.ERROR))
