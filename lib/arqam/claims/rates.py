"""Claims that a rate and a total imply each other, and "the largest part" claims.

- "أصدرت الدائرة في 4 أشهر 2.4 مليون جواز، بمعدل 600 ألف جواز شهريا": 600 000 x 4 = 2.4 million
  (the duration is read from the words; the rate's period from شهريا، يوميا، سنويا …);
- a rate and a figure of the same measure elsewhere (a monthly average and a half-year total, a
  daily figure and a monthly one): inferred;
- "استحوذت X على الحصة الأكبر بـ A" (the facts' largest-part mark): A is larger than every other part of its total.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..facts.document import NOT_LETTER_AHEAD, NOT_LETTER_BEHIND
from ..numbers import find_numbers
from .model import INFERRED, STATED, Claim, per_period, same_measure
from .parts import parent_groups
from .view import BL, View, cues, words

UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.4375, "year": 365.25}


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    units = {}
    for unit, ph in c["duration_units"].items():
        for p in ph:
            units[p] = unit
    return {
        "duration": re.compile(rf"{nl}[وف]?(?:{words(c['duration_before'])}){BL}+(?P<n>[^\s\u00a0]+(?:{BL}+[^\s\u00a0]+)?){BL}+(?P<u>{words(units)}){nr}"),
        "one_unit": re.compile(rf"{nl}[وف]?(?:{words(c['duration_before'])}){BL}+ال(?P<u>يوم|اسبوع|شهر|عام|سنه){nr}"),
        "units": units,
        "equivalent": re.compile(rf"{nl}[وف]?(?:{words(c['derived'])}|بمعدل|بمتوسط|اي{BL}+بمعدل|اي{BL}+بمتوسط)(?:{BL}+[^\s\u00a0\d\u060c,]+){{0,2}}{BL}*\Z"),
        "total_word": re.compile(rf"{nl}[وفبل]?{words(c['total_words'])}{nr}"),
        "cumulative": re.compile(rf"{nl}(?:{words(c['cumulative'])}){nr}"),
    }


def _duration(v: View, lo: int, hi: int) -> tuple[float, str, tuple[int, int]] | None:
    """The last duration phrase in t[lo:hi]: (number, unit, span)."""
    R = _rx()
    best = None
    for m in R["duration"].finditer(v.t, lo, hi):
        ms = [x for x in find_numbers(m.group("n")) if x.kind in ("number", "other")]
        if len(ms) == 1:
            best = (float(ms[0].value), R["units"][m.group("u")], m.span())
    if best is None:  # "خلال الأسبوع … بمعدل 650 يوميا": one week
        for m in R["one_unit"].finditer(v.t, lo, hi):
            best = (1.0, R["units"][m.group("u")], m.span())
    return best


def read_rates(v: View) -> list[Claim]:
    out = []
    for r in v.figs:
        unit = per_period(v, r)
        if unit not in UNIT_DAYS:
            continue
        ss, se = v.sentence(r)
        dur = _duration(v, max(ss, r.s - 220), r.s)
        if dur is None:
            continue
        n, dunit, span = dur
        total = None
        for g in sorted(v.between(max(ss, span[0] - 120), min(se, r.s)), key=lambda g: abs(g.s - span[1])):
            if g.id == r.id or g.pct or per_period(v, g) is not None:
                continue
            if g.kind != r.kind or (g.unit and r.unit and g.unit != r.unit):
                continue
            total = g
            break
        if total is None:
            continue
        out.append(Claim(v.doc_id, "rate", STATED, [("total", total), ("rate", r)], "rate_times_duration", cue=span,
                         stated_value=n, stated_unit=dunit, extra={"rate_unit": unit}))
    return out


def _days(f) -> float | None:
    """The length of a figure's period in days, from the facts' period_start and period_end."""
    if not (f.period_start and f.period_end):
        return None
    try:
        a, b = date.fromisoformat(f.period_start[:10]), date.fromisoformat(f.period_end[:10])
    except ValueError:
        return None
    return float((b - a).days + 1) if b >= a else None


def read_implied_rates(v: View, done: set[str], parts: set[str] = frozenset()) -> list[Claim]:
    """A rate and a figure of the same measure elsewhere that it implies: "بمتوسط 350 ألف طلب شهريا" and
    "2.1 مليون طلب في النصف الأول" (350 000 x 6), a daily figure and a monthly one (x 30). Inferred: the text
    does not tie them, so a mismatch is unverifiable. `parts` are figures read as parts of a total: a rate restates
    the total of its measure, not one of its parts; a total of the rate's own period comes first."""
    out = []
    si = v.sentence_index
    for r in v.figs:
        unit = per_period(v, r)
        if unit not in UNIT_DAYS or r.id in done:
            continue
        near = [t for t in v.figs_before(r, 20) + v.figs_after(r, 20) if t.id not in parts]
        near = [t for t in near if t.period_iso and t.period_iso == r.period_iso] + [t for t in near if not (t.period_iso and t.period_iso == r.period_iso)]
        for t in near:
            if t.id == r.id or t.pct or t.kind != r.kind or abs(si(t.s) - si(r.s)) > 3 or not same_measure(t, r):
                continue
            tunit = per_period(v, t)
            if tunit in UNIT_DAYS and tunit != unit:
                n, dunit = 1.0, tunit
            elif tunit is None and _days(t) is not None and _days(t) >= 2 * UNIT_DAYS[unit]:
                n, dunit = _days(t), "day"
            else:
                continue
            link = STATED if _tied(v, r, t, tunit) else INFERRED
            out.append(Claim(v.doc_id, "rate", link, [("total", t), ("rate", r)], "implied_rate", stated_value=n, stated_unit=dunit,
                             extra={"rate_unit": unit}))
            break
    return out


def _tied(v: View, r, t, tunit: str | None) -> bool:
    """Whether one sentence ties a rate to the figure it implies: "12 ألف طلب يوميا، أي ما يعادل 365 ألفا شهريا" (the second
    restates the first), or an average and the total over the same period ("بلغ متوسط … الشهري 52 ألفا في النصف الأول، فيما
    بلغ إجمالي … خلال النصف الأول 312 ألفا")."""
    R = _rx()
    if not v.same_sentence(r, t):
        return False
    first, second = (r, t) if r.s < t.s else (t, r)
    if v.between(first.e, second.s):
        return False
    if tunit in UNIT_DAYS:
        return bool(R["equivalent"].search(v.t, max(first.e, second.s - 40), second.s))
    if first is t and R["equivalent"].search(v.t, max(t.e, r.s - 40), r.s) and _days(t) is not None \
            and not _rx()["cumulative"].search(v.t, max(v.sentence(t)[0], t.s - 60), r.s):
        return True  # "أنجزت خلال الربع الأول T معاملة، بمتوسط شهري يبلغ R": the total of a period, restated per month
    lo = max(v.sentence(t)[0], first.e if first is r else v.sentence(t)[0], t.s - 60)
    if R["cumulative"].search(v.t, lo, min(v.sentence(t)[1], t.e + 40)):
        return False  # "ليصل إجمالي الزيارات منذ الإطلاق إلى …": a running total, longer than the average's period
    return bool(r.period_iso and r.period_iso == t.period_iso and R["total_word"].search(v.t, lo, t.s))


def read_largest(v: View) -> list[Claim]:
    """The facts' largest-part marks, each with the other parts of its total."""
    out = []
    groups = parent_groups(v)
    for f in v.figs:
        if not f.largest:
            continue
        group = next((g for g in groups.values() if f in g), None)
        whole = v.by_id.get(f.parent) if f.parent else None
        if group is None or len(group) < 2:
            out.append(Claim(v.doc_id, "majority", INFERRED, [("largest", f)], "largest_part",
                             reason="the text gives no other part to compare with"))
            continue
        ops = ([("total", whole)] if whole else []) + [("largest", f)] + [("part", g) for g in group if g is not f]
        link = STATED if len({v.sentence_index(g.s) for g in group}) == 1 else INFERRED
        out.append(Claim(v.doc_id, "majority", link, ops, "largest_part"))
    return out
