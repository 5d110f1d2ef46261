"""When: period phrases found in the text, resolved against the publication date, and the period each figure takes."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import lru_cache

import pandas as pd

from .. import lexicon as lx
from .document import BL, NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WINDOW, WORD, Document, Fact, Period, alt, cues
from .measure import is_comparison_value


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    ctx = lx.context()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    r: dict = {}
    p = c["period"]
    months = {normalize_month: int(k) for k, forms in ctx["months"].items() for normalize_month in forms}
    r["months"] = months
    month_alt = alt(months)
    rel_cur, rel_prev = set(p["current"]), set(p["previous"])
    r["rel_cur"], r["rel_prev"] = rel_cur, rel_prev
    rel = alt(p["current"] + p["previous"])
    year_words = alt(p["year_words"])
    r["period"] = re.compile(
        # anchored at word starts: the alternation is then tried at one position in ~6, not all
        nl + "(?:" + "|".join([
            # شهر أبريل الماضي / أغسطس 2024 / خلال شهر أغسطس المنصرم
            rf"(?P<mname>(?:(?:خلال|في){BL}+)?(?:(?:ال)?شهر{BL}+)?(?P<month>{month_alt})(?:{BL}+(?P<mrel>{rel}))?(?:{BL}+(?:من{BL}+)?(?:{year_words}{BL}+)?(?P<myear>(?:19|20)\d\d))?){nr}",
            # الشهر الاول من العام الحالي
            rf"(?P<mord>(?:(?:خلال|في){BL}+)?(?:ال)?شهر{BL}+(?P<ord>ال{WORD}){BL}+من{BL}+(?:ال)?(?:عام|سنه){BL}+(?P<orel>{rel})){nr}",
            # الربع الأول من عام 2024 / الربع الثاني من العام الجاري
            rf"(?P<quarter>(?:(?:خلال|في){BL}+)?{alt(p['quarter_words'])}{BL}+(?P<q>ال{WORD}){BL}+من{BL}+(?:(?:ال)?(?:عام|سنه){BL}+(?P<qrel>{rel})|(?:{year_words}{BL}+)?(?P<qyear>(?:19|20)\d\d))){nr}",
            # الشهر الماضي / الشهر الجاري
            rf"(?P<mrelonly>(?:(?:خلال|في){BL}+)?الشهر{BL}+(?P<mr>{rel})){nr}",
            # نفس الفترة من العام الماضي
            rf"(?P<same>(?:(?:في|خلال){BL}+)?{alt(p['same_period'])}(?:{BL}+من{BL}+(?:ال)?(?:عام|سنه){BL}+(?P<srel>{rel}))?){nr}",
            # خلال العام الجاري
            rf"(?P<yrel>(?:(?:خلال|في){BL}+)?(?:ال)?(?:عام|سنه){BL}+(?P<yr>{rel})){nr}",
            # حتى عام 2021 / في 2025 / عام 2025
            rf"(?P<yabs>(?:(?P<until>{alt(p['until'])}){BL}+)?(?:(?:خلال|في){BL}+)?(?:{year_words}{BL}*)?(?P<year>(?:19|20)\d\d)(?!\d)(?:{BL}?م(?![^\W\d_]))?)",
            # أول سبعة أشهر
            rf"(?P<firstn>(?:(?:خلال|في){BL}+)?اول{BL}+(?P<n>{WORD}|\d+){BL}+(?:اشهر|شهور)){nr}",
            rf"(?P<today>{alt(p['today'])}){nr}",
        ]) + ")"
    )
    r["day_before"] = re.compile(rf"(?:\d{{1,2}}|{WORD}){BL}+\Z")
    r["flow"] = set(p["flow_measures"])
    r["comparison"] = re.compile(rf"{nl}{alt(c['comparison_cues'])}")
    return r


def _published(meta: dict) -> date | None:
    value = meta.get("published") if meta else None
    if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def find_periods(doc: Document) -> list[Period]:
    R = _rx()
    t = doc.text
    pub = _published(doc.meta)
    out: list[Period] = []
    for m in R["period"].finditer(t):
        s, e = m.start(), m.end()
        text = doc.raw_slice(s, e)
        rel = None
        if m.group("mname"):
            if R["day_before"].search(t, max(0, s - 4), s) and t[max(0, s - 3):s].strip().isdigit():
                continue  # "30 ديسمبر 2025" is a date (a dateline), not a period
            month = R["months"].get(_month_key(m.group("month")))
            year = int(m.group("myear")) if m.group("myear") else None
            month_rel = _rel(m.group("mrel"), R)  # أبريل الماضي: the month just past
            rel = "current" if month_rel else None
            if year is None:
                year = _year_following(doc, e)
            if year is None and pub is not None:
                year = pub.year if (month or 0) < pub.month or (month == pub.month and month_rel != "previous") else pub.year - 1
            out.append(Period(s, e, text, year, month, rel, "month"))
        elif m.group("mord"):
            try:
                month = int(_ordinal(m.group("ord")))
            except ValueError:
                continue
            rel = _rel(m.group("orel"), R)
            year = (pub.year - (1 if rel == "previous" else 0)) if pub and rel else None
            out.append(Period(s, e, text, year, month if 1 <= month <= 12 else None, rel, "month"))
        elif m.group("quarter"):
            try:
                q = int(_ordinal(m.group("q")))
            except ValueError:
                continue
            if not 1 <= q <= 4:
                continue
            rel = _rel(m.group("qrel"), R)
            year = int(m.group("qyear")) if m.group("qyear") else ((pub.year - (1 if rel == "previous" else 0)) if pub and rel else None)
            out.append(Period(s, e, text, year, 3 * q - 2, rel, "first_n", months=3))
        elif m.group("mrelonly"):
            mrel = _rel(m.group("mr"), R)
            if pub is None or mrel is None:
                out.append(Period(s, e, text, None, None, "current", "month"))
                continue
            month, year = pub.month, pub.year
            if mrel == "previous":
                month, year = (12, year - 1) if month == 1 else (month - 1, year)
            out.append(Period(s, e, text, year, month, "current", "month"))
        elif m.group("same"):
            out.append(Period(s, e, text, None, None, _rel(m.group("srel"), R), "same"))
        elif m.group("yrel"):
            rel = _rel(m.group("yr"), R)
            year = (pub.year - (1 if rel == "previous" else 0)) if pub and rel else None
            out.append(Period(s, e, text, year, None, rel, "year"))
        elif m.group("yabs"):
            out.append(Period(s, e, text, int(m.group("year")), None, None, "until" if m.group("until") else "year"))
        elif m.group("firstn"):
            try:
                n = int(_ordinal(m.group("n")))
            except ValueError:
                continue
            out.append(Period(s, e, text, pub.year if pub else None, 1, "current", "first_n", months=n))
        elif m.group("today"):
            out.append(Period(s, e, text, pub.year if pub else None, pub.month if pub else None, "current", "today"))
    for p in out:
        p.comparison = R["comparison"].search(t, max(0, p.start - 60), p.start) is not None and doc.sentence(p.start)[0] <= p.start
    return out


@lru_cache(maxsize=512)
def _ordinal(word: str) -> int | float:
    """parse_number of a period's ordinal or count word (الاول، سبعة), cached: the same few words recur."""
    from ..numbers import parse_number

    return parse_number(word)


def _month_key(word: str) -> str:
    return lx.phrase_key(word)


def _rel(word, R) -> str | None:
    if not word:
        return None
    if word in R["rel_cur"] or word == "هذا":
        return "current"
    if word in R["rel_prev"]:
        return "previous"
    return None


def _year_following(doc: Document, pos: int) -> int | None:
    """A year stated shortly after a month in the same sentence: 'أبريل …، من الأول … لعام 2025'."""
    ss, se = doc.sentence(pos)
    m = re.compile(r"(?:لعام|عام|من عام|سنه)[ \u00a0]+((?:19|20)\d\d)(?!\d)").search(doc.text, pos, min(se, pos + 90))
    return int(m.group(1)) if m else None


def period_fields(p: Period | None, base: Period | None) -> dict:
    """Dates and ISO form of a period; 'same period' phrases take the base period's month."""
    if p is None:
        return {"period_ar": None, "period_start": None, "period_end": None, "period_iso": None, "period_rel": None}
    year, month, kind, months = p.year, p.month, p.kind, p.months
    rel = "previous_year" if p.rel == "previous" else ("current" if p.rel == "current" else None)
    if kind == "same" and base is not None:
        month, kind, months = base.month, base.kind, base.months
        year = (base.year - 1) if (base.year and p.rel == "previous") else (base.year if p.rel != "previous" else None)
    start = end = None
    iso = None
    if kind in ("month", "today") and month:
        iso = f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
        if year:
            start = date(year, month, 1)
            end = (date(year + (month == 12), month % 12 + 1, 1) - pd.Timedelta(days=1).to_pytimedelta())
    elif kind == "first_n" and months:
        first = month or 1
        last = first + months - 1
        if year and last <= 12:
            start = date(year, first, 1)
            end = date(year + (last == 12), last % 12 + 1, 1) - pd.Timedelta(days=1).to_pytimedelta()
            iso = f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"
    elif kind in ("year", "until") and year:
        iso = f"{year:04d}"
        start, end = (None if kind == "until" else date(year, 1, 1)), date(year, 12, 31)
    return {
        "period_ar": p.text,
        "period_start": start.isoformat() if start else None,
        "period_end": end.isoformat() if end else None,
        "period_iso": iso,
        "period_rel": rel,
    }


def assign_period(doc: Document, f: Fact, periods: list[Period], current: Period | None, starts: list[int] | None = None) -> tuple[Period | None, Period | None]:
    """Return (period of the figure, period it is compared with or None).

    Args:
        doc: the document.
        f: the figure (its role and measure already set).
        periods: the document's periods, sorted by start.
        current: the article's current period, or None.
        starts: [p.start for p in periods], when already built (saves a pass per figure).
    """
    starts = [p.start for p in periods] if starts is None else starts
    ss, se = doc.sentence(f.s)
    cs, ce = doc.clause(f.s)
    before = None  # the last period phrase of the sentence that ends before the figure
    i = bisect_left(starts, f.s)
    for j in range(i - 1, -1, -1):
        p = periods[j]
        if p.start < ss or p.start < f.s - WINDOW:
            break
        if p.end <= f.s:
            before = p
            break
    # a comparison base ("مقابل 100 ألف في العام السابق") owns the period phrase right after it
    compared = is_comparison_value(doc, f)
    after = None  # the first period phrase of the clause after the figure
    for j in range(bisect_left(starts, f.e), len(periods)):
        p = periods[j]
        if p.start >= ce or p.start > f.e + WINDOW:
            break
        if p.end <= ce and (compared or not p.comparison):
            after = p
            break
    if compared and after is not None and after.start - f.e < 40:
        f.rules.append("period:comparison_base")
        return after, None
    if before is not None:
        if before.comparison and f.row.get("role") in ("change", "change_pct"):
            f.rules.append("period:current")
            return current, before
        f.rules.append("period:sentence")
        return before, None
    if after is not None:
        f.rules.append("period:clause_after")
        return after, None
    if f.row.get("measure") in _rx()["flow"] or f.row.get("role") in ("change", "change_pct", "share_pct"):
        if current is not None:
            f.rules.append("period:article")
        return current, None
    return None, None
