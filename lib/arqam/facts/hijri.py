"""Hijri dates as Gregorian dates, by the Umm al-Qura calendar (hijridate, MIT).

Umm al-Qura covers 1343-1500 AH (1924-2077). A Hijri month starts on a day that
countries fix by moon sighting, which can differ from Umm al-Qura by a day or
two; the facts stage therefore gives Hijri months and days at Gregorian-month
precision (`month_span`), and uses exact days only to anchor an article's date.
"""

from __future__ import annotations

from datetime import date

from hijridate import Gregorian, Hijri


def to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Hijri date, or None outside Umm al-Qura's range or for an impossible day."""
    try:
        return date(*Hijri(year, month, day).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None


def month_span(year: int, month: int) -> tuple[date, date] | None:
    """First and last Gregorian day of a Hijri month.

    Args:
        year: Hijri year (1343-1500).
        month: Hijri month, 1 (Muharram) to 12 (Dhu al-Hijja).
    Returns:
        (first day, last day), or None when the month is outside the calendar's range.
    """
    try:
        h = Hijri(year, month, 1)
        first = date(*h.to_gregorian().datetuple())
        last = date(*Hijri(year, month, h.month_length()).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None
    return first, last


def year_span(year: int) -> tuple[date, date] | None:
    """First and last Gregorian day of a Hijri year."""
    a, b = month_span(year, 1), month_span(year, 12)
    return (a[0], b[1]) if a and b else None


def from_gregorian(d: date) -> tuple[int, int, int] | None:
    """(year, month, day) of the Hijri date of a Gregorian date, or None outside the calendar's range."""
    try:
        return tuple(Gregorian(d.year, d.month, d.day).to_hijri().datetuple())
    except (ValueError, OverflowError):
        return None


def is_hijri_year(year: int) -> bool:
    """Whether a number is a year Umm al-Qura covers."""
    return 1343 <= year <= 1500
