"""Numbers on the pages (``|number``, i18n.format_number) are written as Babel writes them in
each language, the fast path for whole numbers included."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal
from flask_babel import force_locale

from portal.i18n import format_number

VALUES = [0, 7, 999, 1_000, 12_345, 999_999, 1_000_000, 1_234_567_890, -5, -12_345, 12.5, 0.25]


@pytest.mark.parametrize("locale", ["fr_MA", "ar_MA"])
def test_numbers_are_written_as_babel_writes_them(app, locale):
    with app.test_request_context(), force_locale(locale):
        for value in VALUES:
            assert format_number(value) == format_decimal(value, locale=locale), value
        assert format_number(None) == ""


def test_each_language_groups_the_thousands_its_way(app):
    with app.test_request_context():
        with force_locale("fr_MA"):
            assert format_number(1_234_567) == "1\u202f234\u202f567"
        with force_locale("ar_MA"):
            assert format_number(1_234_567) == "1.234.567"
