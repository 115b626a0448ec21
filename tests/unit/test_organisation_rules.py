"""ICE checksum, regions, and the kind/role rules of organisations."""

import pytest
from sqlalchemy.exc import IntegrityError

from portal.models import Organisation, OrganisationKind, is_valid_ice
from portal.models.organisation import ice_check_digits, normalise_ice
from portal.models.reference import REGION_CODES
from tests.factories import OrganisationFactory, valid_ice


@pytest.mark.parametrize("ice", ["001561191000066", "002136093000040", "00 21 36 09 30 00 040"])
def test_published_ice_numbers_are_valid(ice):
    assert is_valid_ice(ice)


@pytest.mark.parametrize(
    "ice",
    [
        "001561191000065",
        "00156119100006",
        "0015611910000666",
        "00156119100006a",
        "",
        None,
        "١٢٣٤٥٦٧٨٩٠١٢٣٤٥",
    ],
)
def test_wrong_ice_numbers_are_refused(ice):
    assert not is_valid_ice(ice)


def test_check_digits_make_the_number_valid():
    for n in (0, 1, 42, 1234567890123):
        first13 = f"{n:013d}"
        assert is_valid_ice(first13 + ice_check_digits(first13))
        assert normalise_ice(f"{first13[:3]} {first13[3:]}") == first13


def test_twelve_regions_of_the_2015_division():
    assert tuple(f"MA-{n:02d}" for n in range(1, 13)) == REGION_CODES


def test_an_unknown_region_is_refused_by_the_database(db):
    db.session.add(
        Organisation(kind=OrganisationKind.FEDERATION, name_fr="F", name_ar="ف", region="MA-13")
    )
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_an_sme_needs_an_ice_and_an_ice_is_unique(db):
    db.session.add(Organisation(kind=OrganisationKind.SME, name_fr="S", name_ar="ش"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    OrganisationFactory(ice=valid_ice(77))
    with pytest.raises(IntegrityError):
        OrganisationFactory(ice=valid_ice(77))
