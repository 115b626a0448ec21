"""The numbers the database holds, and the readers that keep input within them.

An INTEGER column holds -2147483648..2147483647 (PostgreSQL refuses anything past it with
NumericValueOutOfRange; SQLite refuses anything past 64 bits), and a NUMERIC(p, s) column at
most p - s digits before the decimal point. Every integer read from a URL, a query string or
a form goes through one of the readers here, so a number the database cannot hold never
reaches a query:

- ``BoundedIntegerConverter`` is the app's ``int`` URL converter: a path part out of range
  matches no route (404, as for a missing object);
- ``query_int`` and ``page_number`` read integers from a query string: out of range is
  absent (a filter is ignored) or, for a page number, the last page;
- the form fields in ``portal.forms`` (``WholeNumberField``, ``LocalDecimalField``) refuse
  numbers out of their column's range with a translated message.
"""

from __future__ import annotations

import builtins
from decimal import Decimal
from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter

# PostgreSQL INTEGER (and SQLAlchemy's Integer on every database we run on).
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1


def numeric_largest(precision: int, scale: int) -> Decimal:
    """The largest value a NUMERIC(precision, scale) column holds (999…9.99)."""
    return Decimal(10) ** (precision - scale) - Decimal(10) ** -scale


def digits_up_to(limit: int) -> str:
    """A regular expression matching the decimal numbers from 0 to ``limit`` (leading zeros
    allowed), so that a larger number does not match at all."""
    digits = str(limit)
    alternatives = [f"[0-9]{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    for position, digit in enumerate(digits):
        if digit != "0":
            rest = len(digits) - position - 1
            alternatives.append(f"{digits[:position]}[0-{int(digit) - 1}][0-9]{{{rest}}}")
    alternatives.append(digits)
    return "0*(?:" + "|".join(alternatives) + ")"


class BoundedIntegerConverter(IntegerConverter):
    """``<int:…>`` limited to what an INTEGER column holds: a larger number matches no route
    (the pattern itself refuses it, so a POST answers 404 too, not 405 because a GET route
    of the same path would have matched)."""

    def __init__(
        self,
        map: Any,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        upper = INT_MAX if max is None else builtins.min(max, INT_MAX)
        lower = INT_MIN if min is None else builtins.max(min, INT_MIN)
        super().__init__(map, fixed_digits=fixed_digits, min=lower, max=upper, signed=signed)
        if not signed and not fixed_digits:
            self.regex = digits_up_to(upper)


def register_url_converters(app: Flask) -> None:
    """Make the bounded converter the app's ``int`` (before any route is added)."""
    app.url_map.converters["int"] = BoundedIntegerConverter


def parse_int(value: Any) -> int | None:
    """``value`` as an integer when it is one written in decimal digits, else None."""
    if value is None:
        return None
    text = str(value).strip()
    digits = text[1:] if text[:1] in "+-" else text
    # Decimal digits only (Arabic-Indic ones included, as int() reads them): int() would also
    # take "1_000", and refuses more than 4300 digits with an error of its own.
    if not digits or len(digits) > 30 or not digits.isdecimal():
        return None
    return int(text)


def query_int(
    args: Any, name: str, *, minimum: int = 1, maximum: int = INT_MAX, default: int | None = None
) -> int | None:
    """The integer query-string argument ``name``, or ``default`` when it is absent, not a
    whole number, or outside ``minimum..maximum`` (ids start at 1)."""
    number = parse_int(args.get(name))
    if number is None or number < minimum or number > maximum:
        return default
    return number


def page_number(args: Any, name: str = "page") -> int:
    """The page a list was asked for: 1 when absent or not a number, and at most INT_MAX
    (a larger number asks for a page past the end: the list shows its last page)."""
    number = parse_int(args.get(name))
    if number is None or number < 1:
        return 1
    return min(number, INT_MAX)
