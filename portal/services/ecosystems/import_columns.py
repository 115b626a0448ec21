"""The member import's columns: the headers accepted for each, the downloadable template,
and reading one row's cells into an organisation's values with what is wrong with them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from portal.models import HeadcountBand, LegalForm
from portal.models.organisation import is_valid_ice, normalise_ice
from portal.models.reference import REGIONS
from portal.services.ecosystems import import_invitations
from portal.services.headcount import read_headcount_band
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
    # Not the organisation's: the person invited to open its account (the ``email`` column
    # is the company's contact address; nobody is invited at it).
    **import_invitations.INVITEE_ALIASES,
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
    ("invite_email", "responsable.qualite@exemple.ma"),
    ("invite_name", "Nadia Berrada"),
]

_LEGAL_FORMS = {
    **{fold(form.value).replace(" ", ""): form for form in LegalForm},
    "sarlunipersonnelle": LegalForm.SARL_AU,
    "personnephysique": LegalForm.SOLE_TRADER,
    "entrepriseindividuelle": LegalForm.SOLE_TRADER,
    "autre": LegalForm.OTHER,
}
# Why a row cannot be imported, by stable code; placeholders are filled in by ``problem``.
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
    **import_invitations.PROBLEMS,
}
_REGION_ALIASES = {"dakhlaoueddahab": "MA-12", "laayounesakiaelhamra": "MA-11"}


@dataclass
class RowProblem:
    """Why a row cannot be imported: a stable code and a message in the user's language."""

    code: str
    message: str


def problem(code: str, **values: Any) -> RowProblem:
    """A row problem with its message in the current language."""
    return RowProblem(code, str(PROBLEMS[code]) % values)


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


def read_row(
    row: dict[str, Any], regions: dict[str, str], bands: dict[str, HeadcountBand]
) -> tuple[dict, tuple[str | None, str], list[RowProblem]]:
    """The organisation's column values from a row, the person to invite (address or None,
    name), and what is wrong with them."""
    problems: list[RowProblem] = []
    values: dict[str, Any] = {
        column: _cell(row, column) or None for column in COLUMN_ALIASES if column != "ice"
    }
    invite_email, invite_name, wrong = import_invitations.read_invitee(
        values.pop("invite_email") or "", values.pop("invite_name") or ""
    )
    if wrong is not None:
        problems.append(problem(wrong[0], **wrong[1]))
    if not values["name_fr"]:
        problems.append(problem("missing_name"))
    values["name_ar"] = values["name_ar"] or values["name_fr"]

    typed_ice = _cell(row, "ice")
    values["ice"] = clean_ice(typed_ice)
    if not typed_ice:
        problems.append(problem("missing_ice"))
    elif not is_valid_ice(values["ice"]):
        problems.append(problem("invalid_ice", ice=typed_ice))

    typed_region = values.pop("region")
    values["region"] = regions.get(_key(typed_region or ""))
    if not typed_region:
        problems.append(problem("missing_region"))
    elif values["region"] is None:
        problems.append(problem("unknown_region", value=typed_region))

    band = values.pop("headcount_band")
    values["headcount_band"] = None
    if band:
        values["headcount_band"] = read_headcount_band(band, bands)
        if values["headcount_band"] is None:
            problems.append(problem("unknown_headcount_band", value=band))

    form = values.pop("legal_form")
    values["legal_form"] = _LEGAL_FORMS.get(_key(form)) if form else None
    if form and values["legal_form"] is None:
        problems.append(problem("unknown_legal_form", value=form))

    if values["email"]:
        try:
            email = validate_email(values["email"], check_deliverability=False)
        except EmailNotValidError:
            problems.append(problem("invalid_email", value=values["email"]))
        else:
            values["email"] = email.normalized

    for column, limit in MAX_LENGTHS.items():
        if values[column] and len(values[column]) > limit:
            problems.append(problem("too_long", column=column, max=limit))
    return values, (invite_email, invite_name), problems
