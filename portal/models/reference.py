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


# Management-system standards an expert can be competent in.
MANAGEMENT_STANDARDS: dict[str, str] = {
    "iso_9001": "ISO 9001:2015",
    "iatf_16949": "IATF 16949:2016",
    "iso_14001": "ISO 14001:2015",
    "iso_45001": "ISO 45001:2018",
    "iso_iec_17025": "ISO/IEC 17025:2017",
    "iso_22000": "ISO 22000:2018",
    "iso_50001": "ISO 50001:2018",
}

QUALITY_TOPICS: dict[str, object] = {
    # i18n: competency of a quality expert
    "qms": _l("Quality management systems"),
    # i18n: competency of a quality expert
    "internal_audit": _l("Internal audit"),
    # i18n: competency of a quality expert (IATF 16949 core tools)
    "core_tools": _l("Core tools: APQP, PPAP, FMEA, MSA, SPC"),
    # i18n: competency of a quality expert
    "problem_solving": _l("Problem solving (8D, root cause analysis)"),
    # i18n: competency of a quality expert
    "lean": _l("Lean manufacturing"),
    # i18n: competency of a quality expert
    "metrology": _l("Metrology and calibration"),
    # i18n: competency of a quality expert
    "chemical_risk": _l("Chemical risk, GHS labelling and REACH"),
    # i18n: competency of a quality expert
    "environment": _l("Environmental management"),
    # i18n: competency of a quality expert
    "health_safety": _l("Occupational health and safety"),
    # i18n: competency of a quality expert
    "laboratory": _l("Laboratory quality (ISO/IEC 17025)"),
}

EXPERT_LANGUAGES: dict[str, str] = {"fr": "Français", "ar": "العربية", "en": "English"}
