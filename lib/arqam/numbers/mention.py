"""The figure record (NumberMention), its kinds and qualifiers, and its interval."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from fractions import Fraction

KINDS = ("number", "percent", "money", "year", "date", "ordinal", "other")
QUALIFIERS = ("exact", "more_than", "at_least", "approximately", "less_than", "at_most", "up_to")

# "approximately" admits at least this relative margin (1%) beyond the written
# precision: "قرابة 437" admits 432.6..441.4, "قرابة 2.9 مليون" 2.85..2.95 million.
APPROX_REL = Fraction(1, 100)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One figure found in a text.

    Attributes:
        start: offset of the figure's first character in the original text.
        end: offset just past its last character (text[start:end] is the figure,
            with its scale word and percent marker, without hedge words or clitics).
        text: the figure as written.
        value: its value (int when integral; a percentage's value is the percent).
        kind: number, percent, money, year, date, ordinal or other.
        qualifier: exact, more_than, at_least, approximately, less_than, at_most, up_to.
        low: lowest value the figure admits (hedge and written precision).
        high: highest value it admits (math.inf when unbounded above).
        unit: currency code for money (e.g. "SAR"), else None.
    """

    start: int
    end: int
    text: str
    value: int | float
    kind: str
    qualifier: str
    low: float
    high: float
    unit: str | None = None

    def to_dict(self) -> dict:
        """Return a JSON-ready dict (an infinite bound becomes None)."""
        d = asdict(self)
        for k in ("low", "high"):
            if isinstance(d[k], float) and math.isinf(d[k]):
                d[k] = None
        return d


def as_number(v: int | float | Fraction) -> int | float:
    if isinstance(v, (int, float)):
        return v
    return int(v) if v.denominator == 1 else float(v)


def interval(value: int | Fraction, unit: int | Fraction, qualifier: str, kind: str) -> tuple[float, float]:
    """Return (low, high) admitted by the figure given its hedge and written precision."""
    if kind in ("year", "date", "ordinal", "other") or isinstance(value, float):
        return float(value), float(value)
    if qualifier in ("more_than", "at_least"):
        return float(value), math.inf
    if qualifier == "exact":
        if type(value) is int and type(unit) is int:
            # the common case, without Fraction arithmetic (a half of an int is exact in float)
            half = 0 if (kind != "percent" and unit <= 1) else unit / 2
            return float(value) - half, float(value) + half
        if kind == "percent" or value.denominator != 1 or unit > 1:
            # value -+ unit/2 as one int division each (correctly rounded, as float(Fraction) is)
            vn, vd, un, ud = value.numerator, value.denominator, unit.numerator, unit.denominator
            den = 2 * vd * ud
            return (2 * vn * ud - un * vd) / den, (2 * vn * ud + un * vd) / den
    if kind != "percent" and value.denominator == 1 and unit <= 1:
        half = 0  # a count written to the unit is exact
    else:
        half = Fraction(unit, 2)
    if qualifier == "exact":
        return float(value - half), float(value + half)
    if qualifier == "approximately":
        margin = max(half, abs(value) * APPROX_REL)
        return float(value - margin), float(value + margin)
    if qualifier in ("less_than",):
        return min(0.0, float(value)), float(value)
    return min(0.0, float(value)), float(value + half)  # at_most, up_to
