"""Company sizes as people write them in an import file: codes, names and labels in three
languages, headcounts and ranges of headcounts (8 of issue #9)."""

from __future__ import annotations

import pytest

from portal.models import HeadcountBand
from portal.services.headcount import band_of_range, read_headcount_band

TPE, PME, ETI, GE = HeadcountBand.TPE, HeadcountBand.PME, HeadcountBand.ETI, HeadcountBand.GE

READ = {
    # codes, any case, with dots
    "tpe": TPE,
    "PME": PME,
    " Eti ": ETI,
    "GE": GE,
    "P.M.E.": PME,
    # names and labels, French, English, Arabic, accents and case folded
    "Très petite entreprise": TPE,
    "TRES PETITE ENTREPRISE": TPE,
    "Petite et moyenne entreprise": PME,
    "Entreprise de taille intermédiaire": ETI,
    "Grande entreprise": GE,
    "Very small company (fewer than 10 people)": TPE,
    "Large company": GE,
    "مقاولة صغيرة جدا": TPE,
    "مقاولة صغرى أو متوسطة": PME,
    "مقاولة كبرى": GE,
    # ranges with dashes, en dashes, words, spaces
    "10-49": PME,
    "10 - 49": PME,
    "10–49": PME,
    "10 — 49": PME,
    "10 à 49": PME,
    "de 10 à 49 salariés": PME,
    "entre 50 et 249": PME,
    "1-9": TPE,
    "0-9": TPE,
    "50-249": PME,
    "250-4999": ETI,
    "250 – 4 999": ETI,
    "1,000-4,999": ETI,
    "250+": ETI,
    "250 +": ETI,
    "5000+": GE,
    "5 000 et plus": GE,
    "<10": TPE,
    "< 10": TPE,
    "moins de 10 personnes": TPE,
    "≤ 9": TPE,
    "من 10 إلى 49": PME,
    "أقل من 10": TPE,
    "١٠-٤٩": PME,
    "35": PME,
    "12000": GE,
}
REFUSED = ["XXL", "", "10-5000", "<250", "49-10", "beaucoup", "TPE/PME", "plus de 250", "5+"]


@pytest.mark.parametrize(("value", "band"), READ.items(), ids=list(READ))
def test_usual_spellings_are_read(app, value, band):
    with app.test_request_context():
        assert read_headcount_band(value) == band


@pytest.mark.parametrize("value", REFUSED)
def test_sizes_that_are_not_one_band_are_refused(app, value):
    with app.test_request_context():
        assert read_headcount_band(value) is None


def test_a_range_must_fit_in_one_band():
    assert band_of_range(10, 249) == PME
    assert band_of_range(9, 10) is None
    assert band_of_range(250, None) == ETI
    assert band_of_range(300, None) is None  # 300 and more: mid-sized or large
    assert band_of_range(7000, None) == GE
