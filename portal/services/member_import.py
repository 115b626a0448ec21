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

from email_validator import EmailNotValidError, validate_email
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import raiseload

from portal.extensions import db
from portal.models import (
    Ecosystem,
    HeadcountBand,
    LegalForm,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    User,
)
from portal.models.base import utcnow
from portal.models.organisation import is_valid_ice, normalise_ice
from portal.models.reference import REGIONS
from portal.services.headcount import band_names, read_headcount_band
from portal.text_search import fold

# Each column of the model and the (normalised) headers accepted for it, French included.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "name_fr": ("name_fr", "nom_fr", "raison_sociale", "nom"),
    "name_ar": ("name_ar", "nom_ar"),
    "ice": ("ice",),
    "region": ("region",),
    "city": ("city", "ville"),
    "headcount_band": ("headcount_band", "taille"),
    "legal_form": ("legal_form", "forme_juridique"),
    "rc": ("rc",),
    "if_number": ("if_number", "if"),
    "email": ("email", "e_mail", "courriel"),
    "phone": ("phone", "telephone", "tel"),
    "activity_fr": ("activity_fr", "activite", "activite_fr"),
    "activity_ar": ("activity_ar", "activite_ar"),
}
REQUIRED_COLUMNS = ("name_fr", "ice", "region")
MAX_LENGTHS = {
    "name_fr": 200,
    "name_ar": 200,
    "city": 100,
    "email": 254,
    "phone": 40,
    "rc": 40,
    "if_number": 40,
    "activity_fr": 300,
    "activity_ar": 300,
}
# The downloadable template: each header with the value of its example row.
TEMPLATE_COLUMNS = [
    ("name_fr", "Société Exemple SARL"),
    ("name_ar", "شركة مثال"),
    ("ice", "001561191000066"),
    ("region", "MA-06"),
    ("city", "Casablanca"),
    ("headcount_band", "pme"),
    ("legal_form", "sarl"),
    ("rc", "123456"),
    ("if", "1234567"),
    ("email", "contact@exemple.ma"),
    ("phone", "0522 00 00 00"),
    ("activity_fr", "Câblage automobile"),
]

_LEGAL_FORMS = {
    **{fold(form.value).replace(" ", ""): form for form in LegalForm},
    "sarlunipersonnelle": LegalForm.SARL_AU,
    "personnephysique": LegalForm.SOLE_TRADER,
    "entrepriseindividuelle": LegalForm.SOLE_TRADER,
    "autre": LegalForm.OTHER,
}
# Why a row cannot be imported, by stable code; placeholders are filled in by ``_problem``.
PROBLEMS = {
    "missing_name": _l("The company name (name_fr) is missing."),
    "missing_ice": _l("The ICE is missing."),
    "invalid_ice": _l(
        "The ICE %(ice)s is not valid: it must have 15 digits and its control digits must match."
    ),
    "missing_region": _l("The region is missing."),
    "unknown_region": _l(
        "Unknown region “%(value)s”: use a code from MA-01 to MA-12 or the region's name."
    ),
    "unknown_headcount_band": _l(
        "Unknown company size “%(value)s”: use TPE, PME, ETI or GE, or a headcount range that "
        "falls within one of them, such as 1-9, 10-49, 50-249 or 250+."
    ),
    "unknown_legal_form": _l("Unknown legal form “%(value)s”."),
    "invalid_email": _l("The e-mail address “%(value)s” is not valid."),
    "too_long": _l("The column %(column)s is too long (at most %(max)s characters)."),
    "duplicate_ice": _l("The ICE %(ice)s already appears on line %(line)s of this file."),
    "deleted_organisation": _l(
        "An organisation with the ICE %(ice)s was deleted; an administrator must restore it first."
    ),
    "not_a_company": _l("An organisation with the ICE %(ice)s exists but is not a company."),
}
_REGION_ALIASES = {"dakhlaoueddahab": "MA-12", "laayounesakiaelhamra": "MA-11"}
# Still-present members: the import leaves them as they are.
_KEPT_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED, MembershipStatus.REQUESTED)


class RowStatus(enum.StrEnum):
    """What confirming the import does with a row."""

    NEW = "new"  # organisation and membership created
    JOIN = "join"  # the organisation exists: only the membership is created (or renewed)
    UNCHANGED = "unchanged"  # already a member of the ecosystem
    ERROR = "error"


class ImportFileError(ValueError):
    """The table as a whole cannot be imported (required columns missing)."""


@dataclass
class RowProblem:
    """Why a row cannot be imported: a stable code and a message in the user's language."""

    code: str
    message: str


def _problem(code: str, **values: Any) -> RowProblem:
    """A row problem with its message in the current language."""
    return RowProblem(code, str(PROBLEMS[code]) % values)


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


# --- reading cells ----------------------------------------------------------------------


def _key(text: str) -> str:
    return fold(text).replace(" ", "")


def region_lookup() -> dict[str, str]:
    """Folded region codes and names (English, French, Arabic) -> region code."""
    lookup = dict(_REGION_ALIASES)
    for code in REGIONS:
        number = code[3:]
        lookup[_key(code)] = code
        lookup[f"ma{int(number)}"] = code
    for locale in ("en", "fr", "ar"):
        with force_locale(locale):
            lookup.update({_key(str(label)): code for code, label in REGIONS.items()})
    return lookup


def _cell(row: dict[str, Any], column: str) -> str:
    for alias in COLUMN_ALIASES[column]:
        value = row.get(alias)
        if value:
            return str(value).strip()
    return ""


def clean_ice(value: str) -> str:
    """The ICE as 15 digits when it can be read as a valid one (leading zeros a spreadsheet
    dropped are put back), else the value as typed without separators."""
    ice = normalise_ice(value).translate({0x0660 + i: str(i) for i in range(10)})
    if ice.isascii() and ice.isdigit() and len(ice) < 15 and is_valid_ice(ice.zfill(15)):
        return ice.zfill(15)
    return ice


def missing_columns(rows: list[dict[str, Any]]) -> list[str]:
    """The required columns none of whose accepted headers is in the file."""
    headers = set(rows[0]) if rows else set()
    return [col for col in REQUIRED_COLUMNS if not headers.intersection(COLUMN_ALIASES[col])]


def ignored_columns(rows: list[dict[str, Any]]) -> list[str]:
    """The file's headers (normalised) that name no column of the import, in file order."""
    known = {alias for aliases in COLUMN_ALIASES.values() for alias in aliases}
    return [header for header in (rows[0] if rows else {}) if header not in known | {"_row"}]


def _read_row(
    row: dict[str, Any], regions: dict[str, str], bands: dict[str, HeadcountBand]
) -> tuple[dict, list[RowProblem]]:
    """The organisation's column values from a row, and what is wrong with them."""
    problems: list[RowProblem] = []
    values: dict[str, Any] = {
        column: _cell(row, column) or None for column in COLUMN_ALIASES if column != "ice"
    }
    if not values["name_fr"]:
        problems.append(_problem("missing_name"))
    values["name_ar"] = values["name_ar"] or values["name_fr"]

    typed_ice = _cell(row, "ice")
    values["ice"] = clean_ice(typed_ice)
    if not typed_ice:
        problems.append(_problem("missing_ice"))
    elif not is_valid_ice(values["ice"]):
        problems.append(_problem("invalid_ice", ice=typed_ice))

    typed_region = values.pop("region")
    values["region"] = regions.get(_key(typed_region or ""))
    if not typed_region:
        problems.append(_problem("missing_region"))
    elif values["region"] is None:
        problems.append(_problem("unknown_region", value=typed_region))

    band = values.pop("headcount_band")
    values["headcount_band"] = None
    if band:
        values["headcount_band"] = read_headcount_band(band, bands)
        if values["headcount_band"] is None:
            problems.append(_problem("unknown_headcount_band", value=band))

    form = values.pop("legal_form")
    values["legal_form"] = _LEGAL_FORMS.get(_key(form)) if form else None
    if form and values["legal_form"] is None:
        problems.append(_problem("unknown_legal_form", value=form))

    if values["email"]:
        try:
            email = validate_email(values["email"], check_deliverability=False)
        except EmailNotValidError:
            problems.append(_problem("invalid_email", value=values["email"]))
        else:
            values["email"] = email.normalized

    for column, limit in MAX_LENGTHS.items():
        if values[column] and len(values[column]) > limit:
            problems.append(_problem("too_long", column=column, max=limit))
    return values, problems


# --- validating and writing ---------------------------------------------------------------


def validate(ecosystem: Ecosystem, rows: list[dict[str, Any]]) -> ImportReport:
    """Check every row and say what confirming would do; writes nothing. Two queries in
    all: the organisations with the file's ICEs, then their memberships in the ecosystem."""
    missing = missing_columns(rows)
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s.", columns=", ".join(missing))
        )
    regions, bands = region_lookup(), band_names()
    parsed = [(row["_row"], *_read_row(row, regions, bands)) for row in rows]

    ices = sorted({values["ice"] for _line, values, _p in parsed if is_valid_ice(values["ice"])})
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

    first_line: dict[str, int] = {}
    report_rows = []
    for line, values, problems in parsed:
        ice = values["ice"]
        row = ImportRow(line=line, status=RowStatus.NEW, name=values["name_fr"] or "", ice=ice)
        if is_valid_ice(ice):
            if ice in first_line:
                problems.append(_problem("duplicate_ice", ice=ice, line=first_line[ice]))
            else:
                first_line[ice] = line
            row.organisation = organisations.get(ice)
        existing = row.organisation
        if existing is not None and existing.is_deleted:
            problems.append(_problem("deleted_organisation", ice=ice))
        elif existing is not None and existing.kind != OrganisationKind.SME:
            problems.append(_problem("not_a_company", ice=ice))
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
            else:
                row.status, row.membership = RowStatus.JOIN, membership
        else:
            row.values = values
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
