"""Fixed reference lists: the 12 regions of Morocco (2015 division)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# ISO 3166-2:MA codes of the 12 regions created by the 2015 territorial division.
REGIONS: dict[str, object] = {
    # i18n: region of Morocco
    "MA-01": _l("Tanger-Tetouan-Al Hoceima"),
    # i18n: region of Morocco
    "MA-02": _l("Oriental"),
    # i18n: region of Morocco
    "MA-03": _l("Fes-Meknes"),
    # i18n: region of Morocco
    "MA-04": _l("Rabat-Sale-Kenitra"),
    # i18n: region of Morocco
    "MA-05": _l("Beni Mellal-Khenifra"),
    # i18n: region of Morocco
    "MA-06": _l("Casablanca-Settat"),
    # i18n: region of Morocco
    "MA-07": _l("Marrakech-Safi"),
    # i18n: region of Morocco
    "MA-08": _l("Draa-Tafilalet"),
    # i18n: region of Morocco
    "MA-09": _l("Souss-Massa"),
    # i18n: region of Morocco
    "MA-10": _l("Guelmim-Oued Noun"),
    # i18n: region of Morocco
    "MA-11": _l("Laayoune-Sakia El Hamra"),
    # i18n: region of Morocco
    "MA-12": _l("Dakhla-Oued Ed-Dahab"),
}

REGION_CODES: tuple[str, ...] = tuple(REGIONS)


def region_label(code: str | None) -> str:
    """The region's name in the current language, or an empty string."""
    return str(REGIONS[code]) if code in REGIONS else ""
