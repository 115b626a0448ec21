"""Reading a company size (headcount band) as people write it in a spreadsheet: the band's
code (TPE, PME, ETI, GE), its name or label in French, Arabic or English, or a headcount
("35") or range of headcounts ("10-49", "10 à 49", "1–9", "50 - 249", "<10", "250+")."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import force_locale

from portal.models import HeadcountBand
from portal.text_search import fold

# The people each band counts (the ranges its label gives); None: no upper limit.
BAND_RANGES: list[tuple[int, int | None, HeadcountBand]] = [
    (0, 9, HeadcountBand.TPE),
    (10, 249, HeadcountBand.PME),
    (250, 4999, HeadcountBand.ETI),
    (5000, None, HeadcountBand.GE),
]
# Names written in full, besides the codes and the labels of the three catalogues.
_NAMES = {
    "trespetiteentreprise": HeadcountBand.TPE,
    "microentreprise": HeadcountBand.TPE,
    "petiteetmoyenneentreprise": HeadcountBand.PME,
    "petiteoumoyenneentreprise": HeadcountBand.PME,
    "petitesetmoyennesentreprises": HeadcountBand.PME,
    "entreprisedetailleintermediaire": HeadcountBand.ETI,
    "grandeentreprise": HeadcountBand.GE,
    "verysmallcompany": HeadcountBand.TPE,
    "smallormediumcompany": HeadcountBand.PME,
    "midsizedcompany": HeadcountBand.ETI,
    "largecompany": HeadcountBand.GE,
    "مقاولهصغيرهجدا": HeadcountBand.TPE,
    "مقاولهصغرياومتوسطه": HeadcountBand.PME,
    "مقاولهصغيرهاومتوسطه": HeadcountBand.PME,
    "مقاولهذاتحجموسيط": HeadcountBand.ETI,
    "مقاولهكبري": HeadcountBand.GE,
}
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
# Words around the numbers that say nothing about the band ("10 à 49 salariés").
_PEOPLE = re.compile(
    r"\b(?:salaries?|employes?|employees?|personnes?|persons?|people|staff|effectifs?)\b"
    r"|(?:اشخاص|شخصا|شخص|اجراء|اجير|عمال|عامل)"
)
_NUMBER = r"(\d+)"
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (
        re.compile(
            rf"^(?:de|from|entre|between|من|بين)?\s*{_NUMBER}\s*"
            rf"(?:-|a|au|to|et|and|الى|و)\s*{_NUMBER}$"
        ),
        "range",
    ),
    (re.compile(rf"^(?:<|moins de|less than|fewer than|under|اقل من)\s*{_NUMBER}$"), "below"),
    (re.compile(rf"^(?:<=|=<|jusqu'a|up to|حتى)\s*{_NUMBER}$"), "up_to"),
    (
        re.compile(
            rf"^{_NUMBER}\s*(?:\+|et plus|ou plus|and more|or more|and over|فما فوق|فاكثر)$"
            rf"|^(?:>=|=>|au moins|at least)\s*{_NUMBER}$"
        ),
        "from",
    ),
    (re.compile(rf"^(?:>|plus de|more than|over|اكثر من)\s*{_NUMBER}$"), "above"),
    (re.compile(rf"^{_NUMBER}$"), "exactly"),
]


def _key(text: str) -> str:
    return fold(text).replace(" ", "")


def band_names() -> dict[str, HeadcountBand]:
    """Folded codes, names and labels (English, French, Arabic, with or without the part
    in brackets) -> band."""
    names = dict(_NAMES)
    for band in HeadcountBand:
        names[band.value] = band
    for locale in ("en", "fr", "ar"):
        with force_locale(locale):
            for band in HeadcountBand:
                label = str(band.label)
                names[_key(label)] = band
                names[_key(label.split("(")[0])] = band
    return names


def _plain(text: str) -> str:
    """Lowercase, unaccented, one kind of dash, ASCII digits, no thousands separators."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.translate(_DASHES).translate(_DIGITS).replace("≤", "<=").replace("≥", ">=")
    plain = re.sub(r"(?<=\d)[\s,.'\u00a0\u202f](?=\d{3}(?!\d))", "", plain)
    plain = _PEOPLE.sub(" ", plain)
    return " ".join(plain.split())


def _bounds(text: str) -> tuple[int, int | None] | None:
    """The smallest and largest headcounts a text means (None: no upper limit)."""
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        numbers = [int(n) for n in match.groups() if n is not None]
        if kind == "range":
            return numbers[0], numbers[1]
        if kind == "below":
            return 0, numbers[0] - 1
        if kind == "up_to":
            return 0, numbers[0]
        if kind == "from":
            return numbers[0], None
        if kind == "above":
            return numbers[0] + 1, None
        return numbers[0], numbers[0]
    return None


def band_of_range(low: int, high: int | None) -> HeadcountBand | None:
    """The band holding every headcount from ``low`` to ``high``; None when the range spans
    several bands. An open range ("250+") names the band it starts."""
    if high is not None and high < low:
        return None
    for start, end, band in BAND_RANGES:
        if end is not None and low > end:
            continue
        if high is None:
            return band if low == start or end is None else None
        return band if end is None or high <= end else None
    return None


def read_headcount_band(
    value: str, names: dict[str, HeadcountBand] | None = None
) -> HeadcountBand | None:
    """The band a cell means, or None when it cannot be read as exactly one band."""
    names = band_names() if names is None else names
    named = names.get(_key(value))
    if named is not None:
        return named
    bounds = _bounds(_plain(value))
    return band_of_range(*bounds) if bounds is not None else None
