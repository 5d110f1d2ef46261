"""One check per claim: the arithmetic of each kind of claim, and the gate before "inconsistent".

The Checker holds what the checks share (the article views, the reference figures, the settings, the
rows so far) and the rule every check ends with (`finish`): a claim that fails is "inconsistent" only
when one sentence states it with every operand read; otherwise it is "unverifiable", with the reason.
"""

from __future__ import annotations

import math

import pandas as pd

from . import reference as ref
from .audit import (EPS, VERDICT_AR, _fmt, _growth_pct, _months, _months_ar, _name, _Num, _num, _overlap, _period, _ratio_pct,
                    _stated_ar, _stated_en, _sub, _sum, _verdict)
from .claims.model import clash, same_measure

_LINK_WHY = {
    "inferred": "the text ties these figures only across sentences, so a mismatch may mean they are not the figures the claim is about",
}
# what an inferred claim that names what the text leaves out says in Arabic (its reason, in English, says which figure)
_MISSING_AR = {
    "rate_elsewhere": "لا يذكر النص بجانب النسبة القيمة التي تقاس عليها، وأُخذت لها أقرب قيمة سابقة من المقياس نفسه",
}


MIN_FLOW_DAYS = 28  # a level over a shorter span is a stock told at a date ("حتى الآن"), whatever its span
SPAN_RATIO = 1.5  # spans this far apart in length (a half year, a year) are levels of different periods


def _span_days(f) -> int | None:
    from datetime import date

    try:
        return (date.fromisoformat(str(f.period_end)[:10]) - date.fromisoformat(str(f.period_start)[:10])).days + 1
    except (TypeError, ValueError):
        return None


def _unequal_spans(new, old) -> bool:
    """Two levels read over periods of clearly different lengths (a half year and a whole year, a month and a quarter)."""
    if new is None or old is None:
        return False
    a, b = _span_days(new), _span_days(old)
    if a is None or b is None or min(a, b) < MIN_FLOW_DAYS:
        return False
    return max(a, b) / min(a, b) > SPAN_RATIO


# ---------------------------------------------------------------------------
# Checks, one per claim


class Checker:
    """What the checks share, and how each check is recorded and gated."""

    def __init__(self, views: dict, reference, settings: dict):
        self.views = views
        self.reference = reference
        self.s = settings
        self.rows: list[dict] = []
        self._pop: dict = {}
        self._refs = None

    def n(self, fig) -> _Num:
        return _num(fig, self.views.get(fig.doc))

    def add(self, c, verdict, en, ar, computed=None, civ=None, stated: _Num | None = None, unit: str | None = None):
        docs = sorted({f.doc for _, f in c.ops})
        self.rows.append({
            "check_id": f"{c.kind}:{c.ops[0][1].id}" if c.ops else c.kind,
            "claim_id": c.claim_id,
            "rule": c.kind,
            "doc_ids": ";".join(docs),
            "fact_ids": ";".join(f.id for _, f in c.ops),
            "computed": computed,
            "computed_unit": unit if computed is not None else None,
            "stated": stated.value if stated is not None else None,
            "computed_low": civ[0] if civ else None,
            "computed_high": civ[1] if civ else None,
            "stated_low": stated.low if stated is not None else None,
            "stated_high": stated.high if stated is not None else None,
            "verdict": verdict,
            "explanation_en": en,
            "explanation_ar": ar,
        })

    def gate(self, c, verdict: str) -> tuple[str, str]:
        """statcheck's rule: "inconsistent" only for a stated claim whose operands were all read; else "unverifiable" and why."""
        if verdict != "inconsistent":
            return verdict, ""
        if c.link != "stated":
            return "unverifiable", c.reason if c.rule in _MISSING_AR and c.reason else _LINK_WHY["inferred"]
        if c.reason:
            return "unverifiable", c.reason
        odd = [f for _, f in c.ops if f.fractional_count]
        if odd:
            return "unverifiable", f"{_fmt(odd[0].value)} is a count read with a fraction: its thousands separator may have been misread"
        total = c.one("total")
        if total is not None and any(clash(total, p) for p in c.figs("part")):
            return "unverifiable", "a part does not count what the total counts"
        if c.kind in ("growth", "difference", "direction") and _unequal_spans(c.one("new"), c.one("old")):
            return "unverifiable", "the two levels cover periods of different lengths (a half year against a whole year), so they do not compare"
        if c.extra.get("far"):
            return "unverifiable", ("the computed value is so far from the stated one (more than "
                                    f"{self.s['misread_factor']:g} times) that the figures are probably not the ones the claim is about")
        return verdict, ""

    def far(self, c, computed: float, stated: float) -> None:
        """Mark a claim whose computed value is off by more than misread_factor: a misread pairing, not an error of the text."""
        k = self.s["misread_factor"]
        if stated and computed and (computed / stated > k or stated / computed > k or (computed < 0) != (stated < 0)):
            c.extra["far"] = True

    def unverifiable(self, c, en, ar):
        self.add(c, "unverifiable", en + (f" ({c.reason})" if c.reason and c.reason not in en else ""), ar)

    def finish(self, c, v, how, en, ar, **kw):
        v, why = self.gate(c, v)
        tail = f" ({how})" if how and how != "as written" and v != "unverifiable" else ""
        if why and c.link != "stated" and c.rule in _MISSING_AR:
            # a figure the text does not give was stood in for: say what is missing, not that the text is wrong
            en = f"{en}: unverifiable, since {why}."
            ar = f"{ar}: {VERDICT_AR['unverifiable']}، إذ {_MISSING_AR[c.rule]}."
        elif why:
            en = f"{en}: it does not hold, but {why}: unverifiable."
            ar = f"{ar}: لا يتحقق، لكن الربط بين الأرقام غير مؤكد: {VERDICT_AR['unverifiable']}."
        else:
            en = f"{en}: {v}{tail}."
            ar = f"{ar}: {VERDICT_AR[v]}."
        self.add(c, v, en, ar, **kw)



def check_sum_or_part(ck: Checker, c):
    """A split (the parts add up to the total, within hedges and rounding) or some parts (their sum at most the whole)."""
    total, parts = c.one("total"), c.figs("part")
    if total is None and parts and c.stated_unit == "percent":
        check_percent_split(ck, c)
        return
    if total is None or not parts:
        ck.unverifiable(c, "The parts cannot be checked: the text does not give their total.",
                        "لا يمكن التحقق من الأجزاء: لا يذكر النص إجماليها.")
        return
    whole = ck.n(total)
    ps = [ck.n(p) for p in parts]
    pt = sum(p.value for p in ps)
    civ = _sum([p.iv for p in ps])
    terms = " + ".join(_fmt(p.value) for p in ps)
    if c.kind == "sum" or pt > whole.high:
        ck.far(c, pt, whole.value)
    if c.kind == "sum":
        v, how = _verdict(pt, civ, whole, ck.s)
        ck.finish(c, v, how, f"Parts {terms} = {_fmt(pt)} against the stated total {_stated_en(whole)} ({_name(whole)})",
                  f"مجموع الأجزاء {terms} = {_fmt(pt)} مقابل الإجمالي المعلن {_stated_ar(whole)}",
                    computed=pt, civ=civ, stated=whole, unit="count")
        return
    share = pt / whole.value * 100 if whole.value else math.nan
    short = len(ps) > 1 and civ[1] < whole.low - EPS
    if short and c.rule.endswith("+selection"):
        # "أبرزها A و B": the text lists a selection, so what the rest of the whole holds is not told
        ck.add(c, "unverifiable", f"The listed parts {terms} add to {_fmt(pt)} of the whole {_stated_en(whole)} ({_name(whole)}); the text does not "
               f"say the list is complete, so whether they account for the whole cannot be checked: unverifiable.",
               f"الأجزاء المذكورة {terms} = {_fmt(pt)} من الكل {_stated_ar(whole)}، ولا يقول النص إن القائمة كاملة: {VERDICT_AR['unverifiable']}.",
               computed=pt, civ=civ, stated=whole, unit="count")
        return
    if pt <= whole.high + EPS:
        v, how = "consistent", f"{_fmt(share, True)} of the whole"
        if short:
            how += f"; the listed parts add to {_fmt(pt)} of {_stated_en(whole)}, and the text does not say the list is complete"
    elif civ[0] <= whole.high + EPS:
        v, how = "consistent", "within the hedges"
    elif pt <= whole.high + _coarser_step(whole, ck.s) / 2:
        v, how = "rounding", "only if the whole was rounded down"
    else:
        v, how = "inconsistent", f"the parts exceed the whole by {_fmt(pt - whole.high)}"
        if len(ps) > 1:  # a list of parts beyond its whole: an error only when every figure was read as a part of that whole
            c.reason = c.reason or _unread_operands(c)
    what = f"Parts {terms} = {_fmt(pt)}" if len(ps) > 1 else f"The part {_fmt(pt)} ({_name(ps[0])})"
    ck.finish(c, v, how if v != "inconsistent" else "", f"{what} must not exceed the whole {_stated_en(whole)} ({_name(whole)})"
                + (f", {how}" if v == "inconsistent" else ""),
                f"{('الأجزاء ' + terms + ' = ') if len(ps) > 1 else 'الجزء '}{_fmt(pt)} يجب ألا تتجاوز الكل {_stated_ar(whole)}",
                computed=pt, civ=civ, stated=whole, unit="count")


def _coarser_step(whole: _Num, s: dict) -> float:
    """How much more coarsely than written a whole may have been rounded: one step more, and only when the whole sits on that
    coarser grid ("50 ألف" may stand for 53 000; "48 ألف" may not, nor "4.8 ملايين" for 5.1 million)."""
    step = whole.unit * 10 ** s["rounding_coarser_steps"]
    return step if abs(whole.value / step - round(whole.value / step)) < 1e-9 else 0.0


def _within(part, whole) -> bool:
    """A part's period is the whole's, or lies inside it."""
    if part.period_start and part.period_end and whole.period_start and whole.period_end:
        return str(whole.period_start)[:10] <= str(part.period_start)[:10] and str(part.period_end)[:10] <= str(whole.period_end)[:10]
    return part.period_iso == whole.period_iso


def _unread_operands(c) -> str:
    """Why parts beyond their whole are not an error found: a figure whose measure or period was not read, or a part of
    another measure or period than the whole's; "" when every operand was read and they are parts of one whole."""
    total, parts = c.one("total"), c.figs("part")
    for f in [total, *parts]:
        if not (f.measure or f.measure_ar):
            return f"what {_fmt(f.value)} counts was not read, so the parts may not be parts of one whole"
        if not (f.period_iso or (f.period_start and f.period_end)):
            return f"the period of {_fmt(f.value)} was not read, so the parts may be of another period than the whole"
    for p in parts:
        if not (same_measure(p, total) or (p.measure and total.measure and not clash(p, total))):
            return f"{_fmt(p.value)} counts {p.measure or p.measure_ar}, the whole {total.measure or total.measure_ar}"
        if not _within(p, total):
            return f"{_fmt(p.value)} is of {p.period_iso or 'another period'}, the whole of {total.period_iso or 'another period'}"
    return ""


def check_percent_split(ck: Checker, c):
    """The shares of one split of a whole: together 100% within their rounding; more is an error, less may leave out a rest."""
    ps = [ck.n(p) for p in c.figs("part")]
    pt = sum(p.value for p in ps)
    civ = _sum([p.iv for p in ps])
    terms = " + ".join(_fmt(p.value, True) for p in ps)
    if civ[0] <= 100 + EPS and civ[1] >= 100 - EPS:
        v, how = "consistent", "within the rounding"
    elif civ[0] > 100 + EPS:
        v, how = "inconsistent", ""
    else:
        ck.add(c, "unverifiable", f"Shares {terms} = {_fmt(pt, True)}: {_fmt(100 - pt, True)} of the whole is not assigned, which a split may leave out: unverifiable.",
               f"الحصص {terms} = {_fmt(pt, True)}، والباقي غير مذكور: {VERDICT_AR['unverifiable']}.", computed=pt, civ=civ, unit="percent")
        return
    ck.finish(c, v, how, f"Shares {terms} of one whole = {_fmt(pt, True)} against 100%",
              f"مجموع الحصص {terms} = {_fmt(pt, True)} مقابل 100%", computed=pt, civ=civ, unit="percent")


def check_share(ck: Checker, c):
    """A stated percent against part / whole."""
    p, part, whole = c.one("stated"), c.one("part"), c.one("whole")
    stated = ck.n(p)
    if part is None or whole is None:
        ck.unverifiable(c, f"The stated share {_stated_en(stated)} cannot be checked: the text does not give both the part and the whole",
                        f"لا يمكن التحقق من النسبة المعلنة {_stated_ar(stated)}: لا يذكر النص الجزء والكل معا.")
        return
    a, b = ck.n(part), ck.n(whole)
    if b.value <= 0:
        ck.unverifiable(c, "The whole is zero.", "الكل صفر.")
        return
    pt = a.value / b.value * 100
    civ = _ratio_pct(a.iv, b.iv)
    ck.far(c, pt, stated.value)
    v, how = _verdict(pt, civ, stated, ck.s)
    if v == "inconsistent" and a.low > b.high and stated.value <= 100:
        c.reason = c.reason or "the part read is larger than the whole read, so these are probably not the figures the share is about"
    ck.finish(c, v, how, f"{_fmt(a.value)} / {_fmt(b.value)} = {_fmt(pt, True)} against the stated {_stated_en(stated)}",
              f"{_fmt(a.value)} / {_fmt(b.value)} = {_fmt(pt, True)} مقابل النسبة المعلنة {_stated_ar(stated)}",
                computed=pt, civ=civ, stated=stated, unit="percent")



def check_growth(ck: Checker, c):
    """A stated rate (or multiple) against the two levels; the old level may be implied by a stated increase; rates of rates may be points."""
    p, new, old, change, factor = c.one("stated"), c.one("new"), c.one("old"), c.one("change"), c.one("factor")
    if new is None or (old is None and change is None) or (p is None and factor is None and c.stated_value is None):
        st = ck.n(p) if p is not None else None
        what = _stated_en(st) if st else "change"
        missing_ar = "لا يذكر النص القيمة السابقة التي يقاس عليها" if new is not None else "لا يذكر النص القيمتين اللتين يقارن بينهما"
        ck.unverifiable(c, f"The stated growth {what} cannot be checked: " + (c.reason or "the text does not give the two levels it compares"),
                        f"لا يمكن التحقق من النمو المعلن {_stated_ar(st) if st else ''}: {missing_ar}.")
        return
    cur = ck.n(new)
    if old is not None:
        prev = ck.n(old)
        prev_iv, prev_v = prev.iv, prev.value
        base = f"({_fmt(cur.value)} - {_fmt(prev_v)}) / {_fmt(prev_v)}"
        periods = f" ({_period(cur)} against {_period(prev)})"
    else:
        ch = ck.n(change)
        prev_v = cur.value - ch.value
        prev_iv = _sub(cur.iv, ch.iv)
        base = f"{_fmt(ch.value)} / ({_fmt(cur.value)} - {_fmt(ch.value)})"
        periods = " (the earlier level implied by the stated increase)"
    if prev_v <= 0 or prev_iv[0] <= 0 and prev_iv[1] <= 0:
        ck.unverifiable(c, "The earlier level is zero or negative.", "القيمة السابقة صفر أو سالبة.")
        return
    if p is None:  # a multiple: تضاعف، أربعة أضعاف
        k = ck.n(factor).value if factor is not None else c.stated_value
        ratio = cur.value / prev_v
        riv = (cur.iv[0] / prev_iv[1] if math.isfinite(prev_iv[1]) else 0.0, cur.iv[1] / prev_iv[0] if prev_iv[0] > 0 else math.inf)
        lo, hi = (1.5, math.inf) if k == 2 and factor is None else (k - 0.5, k + 1.5)  # "N أضعاف": N times, or N times more
        if lo <= ratio <= hi:
            v = "consistent"
        elif _overlap(riv, (lo, hi)):
            v = "consistent"
        else:
            v = "inconsistent"
        ck.finish(c, v, "", f"{_name(cur)}: {_fmt(cur.value)} / {_fmt(prev_v)} = {ratio:.2f} times against the stated multiple {k:g}",
                  f"{_fmt(cur.value)} / {_fmt(prev_v)} = {ratio:.2f} مرة مقابل المضاعف المعلن {k:g}",
                    computed=ratio, civ=riv, unit="ratio")
        return
    st = ck.n(p)
    if c.stated_unit == "points":
        check_difference(ck, c)
        return
    if c.stated_unit == "per_year" and old is not None:
        check_yearly_rate(ck, c, cur, prev, st)
        return
    pt = (cur.value - prev_v) / prev_v * 100
    civ = _growth_pct(cur.iv, prev_iv)
    if pt < 0 < st.value:  # a decrease stated as a positive amount (تراجع بنسبة 10%)
        pt, civ = -pt, (-civ[1], -civ[0])
    v, how = _verdict(pt, civ, st, ck.s)
    if v != "consistent" and old is not None and cur.kind == "percent" and prev.kind == "percent":
        # "ارتفعت النسبة من 40% إلى 50% بزيادة 10%": a change of rates may be stated in percentage points
        pts = abs(cur.value - prev.value)
        pv, phow = _verdict(pts, tuple(sorted(abs(x) for x in _sub(cur.iv, prev.iv))), st, ck.s)
        if pv == "consistent" or (pv == "rounding" and v == "inconsistent"):
            v, how = pv, f"read as {_fmt(pts)} percentage points"
    ck.far(c, pt, st.value)
    ck.finish(c, v, how, f"{_name(cur)}: {base} = {_fmt(pt, True)}{periods} against the stated {_stated_en(st)}",
              f"{base} = {_fmt(pt, True)} مقابل المعلن {_stated_ar(st)}", computed=pt, civ=civ, stated=st, unit="percent")


def _whole_years(cur: _Num, prev: _Num) -> int | None:
    """The years between two levels of whole years (2023 and 2020: 3), else None."""
    ys = []
    for f in (cur.fig, prev.fig):
        a, b = str(f.period_start or "")[:10], str(f.period_end or "")[:10]
        if len(a) < 10 or len(b) < 10 or a[:4] != b[:4] or a[5:] != "01-01" or b[5:] != "12-31":
            return None
        ys.append(int(a[:4]))
    return abs(ys[0] - ys[1]) or None


def check_yearly_rate(ck: Checker, c, cur: _Num, prev: _Num, st: _Num):
    """An average yearly rate over n years (بمعدل نمو سنوي مركب P، بنمو P سنويا): compound or simple; neither is unverifiable,
    since an average of yearly rates may be taken other ways."""
    n = _whole_years(cur, prev)
    if n is None or prev.value <= 0 or prev.iv[0] <= 0:
        ck.unverifiable(c, f"The stated yearly rate {_stated_en(st)} cannot be checked: the years of the two levels are not both read.",
                        f"لا يمكن التحقق من المعدل السنوي المعلن {_stated_ar(st)}: لم تقرأ سنتا القيمتين.")
        return
    lo_r, hi_r = cur.iv[0] / prev.iv[1], (cur.iv[1] / prev.iv[0])
    ratio = cur.value / prev.value
    readings = {
        "compound": ((ratio ** (1 / n) - 1) * 100, ((lo_r ** (1 / n) - 1) * 100, (hi_r ** (1 / n) - 1) * 100 if math.isfinite(hi_r) else math.inf)),
        "simple": ((ratio - 1) / n * 100, ((lo_r - 1) / n * 100, (hi_r - 1) / n * 100)),
    }
    best = None
    for name, (pt, civ) in readings.items():
        v, how = _verdict(pt, civ, st, ck.s)
        if v in ("consistent", "rounding") and (best is None or (best[1] == "rounding" and v == "consistent")):
            best = (name, v, how, pt, civ)
    en = f"{_name(cur)}: ({_fmt(cur.value)} / {_fmt(prev.value)}) over {n} years"
    if best is None:
        pt, civ = readings["compound"]
        ck.add(c, "unverifiable", f"{en} is {_fmt(pt, True)} a year compound, {_fmt(readings['simple'][0], True)} simple, against the stated "
               f"{_stated_en(st)}: neither reading holds, but an average yearly rate may be taken other ways: unverifiable.",
               f"المعدل السنوي {_fmt(pt, True)} مقابل المعلن {_stated_ar(st)}: {VERDICT_AR['unverifiable']}.",
               computed=pt, civ=civ, stated=st, unit="percent")
        return
    name, v, how, pt, civ = best
    ck.finish(c, v, how if how != "as written" else "", f"{en} = {_fmt(pt, True)} a year ({name}) against the stated {_stated_en(st)}",
              f"المعدل السنوي {_fmt(pt, True)} مقابل المعلن {_stated_ar(st)}", computed=pt, civ=civ, stated=st, unit="percent")


def check_difference(ck: Checker, c):
    """A stated absolute change (or change in points) against new minus old."""
    p, new, old = c.one("stated"), c.one("new"), c.one("old")
    if p is None or new is None or old is None:
        ck.unverifiable(c, "The stated change cannot be checked: the text does not give the two levels.",
                        "لا يمكن التحقق من الفرق المعلن: لا يذكر النص القيمتين.")
        return
    st, cur, prev = ck.n(p), ck.n(new), ck.n(old)
    pt = cur.value - prev.value
    civ = _sub(cur.iv, prev.iv)
    if pt < 0 < st.value:
        pt, civ = -pt, (-civ[1], -civ[0])
    unit = " points" if c.stated_unit == "points" else ""
    ck.far(c, pt, st.value)
    v, how = _verdict(pt, civ, st, ck.s)
    ck.finish(c, v, how, f"{_name(cur)}: {_fmt(cur.value)} - {_fmt(prev.value)} = {_fmt(pt)}{unit} ({_period(cur)} against {_period(prev)}) against the stated {_stated_en(st)}",
              f"{_fmt(cur.value)} - {_fmt(prev.value)} = {_fmt(pt)} مقابل المعلن {_stated_ar(st)}",
                computed=pt, civ=civ, stated=st, unit="points" if unit else "count")


def _order(ck: Checker, c):
    """The claim's levels, earliest first (by the period written after each, else the order the text gives)."""
    from .claims.model import period_key

    new = c.one("new")
    olds = c.figs("old")
    v = ck.views.get(new.doc)
    keys = [period_key(v, f) if v is not None else None for f in olds]
    if len(olds) > 1 and all(k is not None and (k[0] or k[1]) for k in keys):
        olds = [f for _, f in sorted(zip(keys, olds), key=lambda x: x[0])]
    else:
        olds = list(reversed(olds))  # "B مقارنة بـ A في تموز، و A' في حزيران": the text steps back in time
    return olds[0], new


def check_direction(ck: Checker, c):
    """A stated rise or fall: the latest level above (below) the earliest."""
    first, last = _order(ck, c)
    a, b = ck.n(first), ck.n(last)
    up = c.direction == "up"
    word, word_ar = ("rise", "ارتفاع") if up else ("fall", "انخفاض")
    holds = b.value > a.value if up else b.value < a.value
    within = (b.high > a.low) if up else (b.low < a.high)
    v = "consistent" if holds else ("consistent" if within and b.value != a.value else "inconsistent")
    how = "" if holds else "within the hedges"
    ratio = (b.value - a.value) / a.value * 100 if a.value else None
    ck.finish(c, v, how, f"{_name(b)}: a {word} is stated, from {_stated_en(a)} to {_stated_en(b)}" + (f" ({_fmt(ratio, True)})" if ratio is not None else ""),
              f"يذكر النص {word_ar} من {_stated_ar(a)} إلى {_stated_ar(b)}", computed=ratio, unit="percent")


def check_series(ck: Checker, c):
    """Levels of two periods side by side: the change is reported, nothing stated to hold it against."""
    first, last = _order(ck, c)
    a, b = ck.n(first), ck.n(last)
    ratio = (b.value - a.value) / a.value * 100 if a.value else None
    ck.add(c, "consistent", f"{_name(b)}: {_stated_en(a)} ({_period(a)}) then {_stated_en(b)} ({_period(b)})"
             + (f", a change of {_fmt(ratio, True)}" if ratio is not None else "") + "; the text states no rate or direction to check: consistent.",
             f"{_stated_ar(a)} ثم {_stated_ar(b)}؛ لا يذكر النص نسبة أو اتجاها للتغير: {VERDICT_AR['consistent']}.",
             computed=ratio, unit="percent")


def check_rate(ck: Checker, c):
    """A rate times a duration against the stated total."""
    from .claims.rates import UNIT_DAYS

    total, r = c.one("total"), c.one("rate")
    n, dunit, runit = c.stated_value, c.stated_unit, c.extra.get("rate_unit")
    d, rr = ck.n(total), ck.n(r)
    if not n or dunit not in UNIT_DAYS or runit not in UNIT_DAYS:
        ck.unverifiable(c, "The rate cannot be checked: the duration is not read.", "لا يمكن التحقق من المعدل: المدة غير مقروءة.")
        return
    k = n * UNIT_DAYS[dunit] / UNIT_DAYS[runit]
    slack = 0.0 if dunit == runit else 0.05  # months of 28 to 31 days, weeks of a month …
    pt = rr.value * k
    half = rr.round_unit / 2 if rr.qualifier == "exact" else 0.0  # a rate is an average, rounded (1420 / 31 = 45.8 -> 46, 1177 -> 1180)
    civ = (min(rr.low, rr.value - half) * k * (1 - slack), max(rr.high, rr.value + half) * k * (1 + slack))
    ck.far(c, pt, d.value)
    v, how = _verdict(pt, civ, d, ck.s)
    ck.finish(c, v, how, f"{_fmt(rr.value)} per {runit} over {n:g} {dunit}(s) = {_fmt(pt)} against the stated {_stated_en(d)}",
              f"{_fmt(rr.value)} لكل وحدة زمنية × {n:g} = {_fmt(pt)} مقابل المعلن {_stated_ar(d)}",
                computed=pt, civ=civ, stated=d, unit="count")


def check_comparison(ck: Checker, c):
    """'A exceeds B'."""
    a, b = ck.n(c.one("greater")), ck.n(c.one("lesser"))
    if a.value > b.value:
        v, how = "consistent", ""
    elif a.high > b.low:
        v, how = "consistent", "within the hedges"
    else:
        v, how = "inconsistent", ""
    ck.finish(c, v, how, f"{_stated_en(a)} is said to exceed {_stated_en(b)}", f"يذكر النص أن {_stated_ar(a)} يتجاوز {_stated_ar(b)}",
              computed=a.value - b.value, unit="count")


def check_majority(ck: Checker, c):
    """'The largest part' against the other parts."""
    largest, parts, total = c.one("largest"), c.figs("part"), c.one("total")
    if largest is None or not parts:
        ck.unverifiable(c, f"{_name(largest) if largest else 'A figure'} is said to be the largest part, but the text gives no other part to compare with",
                        "يوصف الرقم بأنه الجزء الأكبر دون أجزاء أخرى للمقارنة.")
        return
    f = ck.n(largest)
    others = [ck.n(p) for p in parts]
    biggest = max(others, key=lambda g: g.value)
    whole = ck.n(total) if total is not None else None
    share = f.value / whole.value * 100 if whole and whole.value else None
    if f.value > biggest.value or f.high > biggest.low:
        v = "consistent"
    else:
        v = "inconsistent"
    ck.finish(c, v, "", f"{_name(f)} {_fmt(f.value)} is said to be the largest part; the next largest is {_fmt(biggest.value)}"
                + (f"; it is {_fmt(share, True)} of {_fmt(whole.value)}" if share is not None else ""),
                f"يوصف {_fmt(f.value)} بأنه الجزء الأكبر، والجزء التالي {_fmt(biggest.value)}"
                + (f"، أي {_fmt(share, True)} من {_fmt(whole.value)}" if share is not None else ""),
                computed=share, unit="percent_of_whole")



def check_cross_document(ck: Checker, c):
    """The same subject and measure in two articles: overlap, a series, or a question (never an error found)."""
    x, y = ck.n(c.one("first")), ck.n(c.one("second"))
    related = c.extra.get("related", False)
    same_period = x.fig.period_iso is not None and x.fig.period_iso == y.fig.period_iso
    if _overlap(x.iv, y.iv):
        v, why, why_ar = "consistent", "the two figures' intervals overlap", "مجالا الرقمين متداخلان"
    elif related:
        v, why, why_ar = "unverifiable", "related but different measures", "مقياسان مرتبطان لكنهما مختلفان"
    elif same_period:
        v = "unverifiable"
        why = (f"the same period ({_period(x)}) is given different figures; the articles may count differently"
               " (scope, date of the count), so this is a question to ask, not an error found")
        why_ar = "الفترة نفسها بأرقام مختلفة، وقد يختلف ما يعده كل مقال"
    elif x.fig.period_iso and y.fig.period_iso:
        v = "consistent"
        why, why_ar = f"different periods ({x.fig.period_iso} vs {y.fig.period_iso}): a series, not a conflict", "فترتان مختلفتان: سلسلة لا تعارض"
    else:
        v, why, why_ar = "unverifiable", "the periods are not both known", "الفترتان غير معروفتين معا"
    what = x.fig.measure if x.fig.measure == y.fig.measure else f"{x.fig.measure} / {y.fig.measure}"
    ck.add(c, v, f"{_name(x)}, {what}: {x.doc} states {_stated_en(x)} ({_period(x)}), {y.doc} states {_stated_en(y)} ({_period(y)}); {why}: {v}.",
           f"{x.fig.subject_ar or ''}: {x.doc} يذكر {_stated_ar(x)}، و{y.doc} يذكر {_stated_ar(y)}؛ {why_ar}: {VERDICT_AR[v]}.",
             computed=y.value / x.value if x.value else None, unit="ratio")


def check_plausibility(ck: Checker, c):
    """People within the population; operations per resident per month below a ceiling."""
    fig = c.one("figure")
    f = ck.n(fig)
    if fig.country not in ck._pop:
        if ck._refs is None:
            ck._refs = ck.reference if isinstance(ck.reference, pd.DataFrame) else ref.load_reference(ck.reference)
        ck._pop[fig.country] = ref.population(fig.country, reference=ck._refs)
    pop = ck._pop[fig.country]
    if pop is None:
        ck.add(c, "unverifiable", f"No population figure for {fig.country} in the reference data.", f"لا يوجد عدد سكان لـ {fig.country} في البيانات المرجعية.")
        return
    src = f"population {_fmt(pop.value)} ({pop.source.split(',')[0]}, {pop.year})"
    src_ar = f"عدد السكان {_fmt(pop.value)} ({pop.year})"
    if c.extra.get("people"):
        strict = fig.measure in ck.s["people_bounded_by_population"]
        ok = f.low <= pop.value
        flagged = strict and f.low > pop.value * ck.s["people_impossible_ratio"]
        v = "consistent" if ok else ("inconsistent" if flagged else "unverifiable")
        tail = "" if ok or flagged else (" (ids issued since launch may include people who have since left)" if strict
                                         else " (users or beneficiaries may include people abroad or be counted more than once)")
        ck.add(c, v, f"{_name(f)}: {_stated_en(f)} {fig.measure.replace('_', ' ')} must not exceed the {src}: {_fmt(f.low / pop.value * 100, True)} of it{tail}, {v}.",
               f"{_stated_ar(f)} يجب ألا يتجاوز {src_ar}: {VERDICT_AR[v]}.", computed=f.low / pop.value * 100, stated=f, unit="percent_of_population")
        return
    months = _months(fig)
    if months is None:
        ck.add(c, "unverifiable", f"{_stated_en(f)} {fig.measure}: the period is not stated precisely enough to compute a monthly rate per resident.",
               f"{_stated_ar(f)}: الفترة غير محددة بما يكفي لحساب معدل شهري للفرد.", stated=f)
        return
    per = f.value / months / pop.value
    low = f.low / months / pop.value
    v = "consistent" if low <= ck.s["per_capita_month_max"] else "unverifiable" if low <= ck.s["per_capita_month_impossible"] else "inconsistent"
    tail = " (more than one platform, or a system-wide count, may reach that)" if v == "unverifiable" else ""
    ck.add(c, v, f"{_name(f)}: {_stated_en(f)} {fig.measure.replace('_', ' ')} over {months} month(s) is {per:.3f} per resident per month ({src}); the sane ceiling is {ck.s['per_capita_month_max']:g}{tail}: {v}.",
           f"{_stated_ar(f)} خلال {_months_ar(months)} = {per:.3f} لكل فرد شهريا ({src_ar}): {VERDICT_AR[v]}.",
             computed=per, stated=f, unit="per_capita_month")


def check_rank_change(ck: Checker, c):
    """A stated move in a ranking: the direction (an advance is a smaller place number) and the number of places."""
    p, new, old = c.one("stated"), c.one("new"), c.one("old")
    moved = old.value - new.value  # places gained
    up = c.direction == "up"
    word, word_ar = ("an advance", "تقدم") if up else ("a fall", "تراجع")
    rank_en = f"{_name(new)}: {word} is stated, from place {_fmt(old.value)} to place {_fmt(new.value)}"
    rank_ar = f"يذكر النص {word_ar} من المرتبة {_fmt(old.value)} إلى المرتبة {_fmt(new.value)}"
    if (moved > 0) != up or moved == 0:
        ck.finish(c, "inconsistent", "", f"{rank_en}, which is {'no move' if moved == 0 else 'a move the other way'}", f"{rank_ar}، أي عكس الاتجاه المذكور",
                  computed=moved, unit="places")
        return
    n = abs(moved)
    places = f"{_fmt(n)} place{'s' if n != 1 else ''} {'up' if up else 'down'}"
    if p is None and c.stated_value is not None:  # "تقدمت مرتبتين": a whole number told in words
        v = "consistent" if abs(n - c.stated_value) < EPS else "inconsistent"
        ck.finish(c, v, "", f"{rank_en}, {places}, against the stated {_fmt(c.stated_value)}",
                  f"{rank_ar}: {_fmt(n)} مقابل المعلن {_fmt(c.stated_value)}", computed=moved, unit="places")
        return
    if p is None:
        ck.finish(c, "consistent", "", f"{rank_en} ({places})", f"{rank_ar} ({_fmt(n)})", computed=moved, unit="places")
        return
    st = ck.n(p)
    v, how = _verdict(n, (n, n), st, ck.s)
    ck.finish(c, v, how, f"{rank_en}, {places}, against the stated {_stated_en(st)}",
              f"{rank_ar}: {_fmt(n)} مقابل المعلن {_stated_ar(st)}", computed=moved, stated=st, unit="places")


# the check of each kind of claim
CHECKS = {
    "sum": check_sum_or_part,
    "part_of": check_sum_or_part,
    "share": check_share,
    "growth": check_growth,
    "difference": check_difference,
    "direction": check_direction,
    "series": check_series,
    "rate": check_rate,
    "comparison": check_comparison,
    "majority": check_majority,
    "cross_document": check_cross_document,
    "plausibility": check_plausibility,
    "rank_change": check_rank_change,
}
