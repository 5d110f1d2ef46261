"""Recheck the arithmetic claims of the articles, with verdicts that respect hedges and rounding.

The claims come from arqam.claims (one row per claim an article states or implies); each
check rechecks one claim and names it. Each figure is an interval (from its hedge and
written precision, see arqam.numbers). A check computes a value from some figures and
compares it with a stated one:

1. the computation on the figures as written falls inside the stated figure's
   interval -> "consistent";
2. it holds only if the stated figure was truncated, or rounded more coarsely than
   written (62/375 = 16.53% stated as 16%; 1242% stated as 1200%) -> "rounding";
3. it holds within the hedges of the inputs (قرابة، أكثر من) -> "consistent";
4. no reading makes it hold -> "inconsistent", but only for a claim the text states in
   one sentence with every operand read; any other claim that fails is "unverifiable",
   with the reason (statcheck's rule: flag only what was fully parsed);
and "unverifiable" when the text does not give enough (a missing total, level or whole).

Rules (one per kind of claim): sum (a split), part_of, share, growth, difference,
direction, series, rate, comparison, majority, cross_document, plausibility.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import reference as ref
from .claims.model import clash

DATA_DIR = Path(__file__).parent / "data"
AUDIT_COLUMNS = [
    "check_id", "claim_id", "rule", "doc_ids", "fact_ids", "computed", "computed_unit", "stated", "computed_low", "computed_high",
    "stated_low", "stated_high", "verdict", "explanation_en", "explanation_ar",
]
VERDICTS = ("consistent", "rounding", "inconsistent", "unverifiable")
RULES = ("sum", "part_of", "share", "growth", "difference", "direction", "series", "rate", "comparison", "majority",
         "cross_document", "plausibility")
REQUIRED = ("fact_id", "doc_id", "value")
EPS = 1e-9

VERDICT_AR = {"consistent": "متسق", "rounding": "متسق بالتقريب", "inconsistent": "غير متسق", "unverifiable": "غير قابل للتحقق"}


@lru_cache(maxsize=1)
def default_settings() -> dict:
    """Return data/audit_settings.json (tolerances, measure families)."""
    with open(DATA_DIR / "audit_settings.json", encoding="utf-8") as fh:
        return {k: v for k, v in json.load(fh).items() if not k.startswith("_")}


# ---------------------------------------------------------------------------
# Figures as intervals

_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")


class _Num:
    """A figure as the arithmetic sees it: value, interval, hedge, kind."""

    __slots__ = ("id", "doc", "value", "low", "high", "qualifier", "kind", "fig")

    def __init__(self, fig, low: float, high: float, qualifier: str, value: float | None = None):
        self.fig = fig
        self.id, self.doc, self.kind = fig.id, fig.doc, fig.kind
        self.value = fig.value if value is None else value
        self.low, self.high, self.qualifier = low, high, qualifier

    @property
    def iv(self):
        return (self.low, self.high)

    @property
    def unit(self) -> float:
        """Written precision of the figure, recovered from its value and interval."""
        if self.kind == "percent":
            v = abs(self.value)
            for d in range(0, 4):
                if abs(v * 10**d - round(v * 10**d)) < 1e-9:
                    return 10.0**-d
            return 0.001
        if self.qualifier == "exact" and math.isfinite(self.high) and self.high > self.low:
            return self.high - self.low
        return 1.0

    @property
    def round_unit(self) -> float:
        """The precision a round whole figure may have been rounded to: 1200 -> 100, 40 -> 10, 45 -> 1."""
        v = abs(self.value)
        if v < 10 or abs(v - round(v)) > 1e-9:
            return self.unit
        k = 0
        n = int(round(v))
        while n % 10 == 0 and n > 0:
            n //= 10
            k += 1
        return max(self.unit, 10.0**k)


def _num(fig, view) -> _Num:
    """The figure's interval; a bound of a "من A إلى B" range read as a change gets its own written precision."""
    low, high, q = fig.low, fig.high, fig.qualifier
    if fig.fractional_count and view is not None and _DOT_THOUSANDS.fullmatch(view.figure_text(fig).strip()):
        v = round(fig.value * 1000)  # "28.419 مستفيدا": a dot between thousands, 28 419 people
        return _Num(fig, v, v, "exact", value=v)
    if q in ("at_least", "at_most") and math.isfinite(high) and low > 0 and high > low and view is not None:
        from .numbers import find_numbers

        ms = find_numbers(view.figure_text(fig)) if fig.re <= len(view.raw) else []
        if len(ms) == 1 and abs(float(ms[0].value) - fig.value) <= 1e-6 * max(1.0, abs(fig.value)):
            return _Num(fig, float(ms[0].low), float(ms[0].high), ms[0].qualifier)
        return _Num(fig, fig.value, fig.value, "exact")
    return _Num(fig, low, high, q)


# ---------------------------------------------------------------------------
# Interval arithmetic


def _sum(ivs):
    return (sum(a for a, _ in ivs), sum(b for _, b in ivs))


def _sub(a, b):
    return (a[0] - b[1], a[1] - b[0])


def _ratio_pct(a, b):
    """a / b * 100 over intervals (b > 0)."""
    lo = a[0] / b[1] * 100 if b[1] > 0 and math.isfinite(b[1]) else 0.0
    hi = a[1] / b[0] * 100 if b[0] > 0 else math.inf
    return (lo, hi)


def _growth_pct(cur, prev):
    r = _ratio_pct(cur, prev)
    return (r[0] - 100, r[1] - 100)


def _overlap(a, b) -> bool:
    return a[0] <= b[1] + EPS and b[0] <= a[1] + EPS


def _verdict(point: float, iv, stated: _Num, settings: dict) -> tuple[str, str]:
    """Compare a computed value (point and interval) with a stated figure; return (verdict, how)."""
    s_lo, s_hi = stated.iv
    q = stated.qualifier
    if q == "approximately":  # نحو، قرابة: a loose figure, at least ±approximately_tolerance of it
        tol = abs(stated.value) * settings["approximately_tolerance"]
        s_lo, s_hi = min(s_lo, stated.value - tol), max(s_hi, stated.value + tol)
    if s_lo - EPS <= point <= s_hi + EPS:
        return "consistent", "as written"
    u = stated.unit
    step = u * 10 ** settings["rounding_coarser_steps"]
    if q == "exact" and stated.kind == "percent":
        step = max(step, stated.round_unit)  # a round percent (1200%) may be rounded to its last non-zero digit
    coarse = step / 2
    # a coarser rounding explains a figure only if the figure sits on that coarser grid (40 for 43, not 44 for 45)
    on_grid = abs(stated.value / step - round(stated.value / step)) < 1e-9
    if q == "exact":
        truncated = stated.value - EPS <= point < stated.value + u
        coarser = on_grid and abs(point - stated.value) <= coarse + EPS
    elif q in ("more_than", "at_least"):
        truncated, coarser = False, on_grid and point >= stated.value - coarse
    elif q in ("less_than", "at_most", "up_to"):
        truncated, coarser = False, on_grid and point <= stated.value + coarse
    else:
        truncated, coarser = False, on_grid and abs(point - stated.value) <= coarse + (s_hi - s_lo) / 2
    if truncated:
        return "rounding", "truncated"
    if coarser:
        return "rounding", "rounded coarsely"
    if _overlap(iv, (s_lo, s_hi)):
        return "consistent", "within the hedges"
    return "inconsistent", ""


# ---------------------------------------------------------------------------
# Formatting


def _fmt(x: float | None, pct: bool = False) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    if math.isinf(x):
        return "∞"
    if pct:
        return f"{x:.2f}%"
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-6 else f"{x:,.2f}"


_Q_EN = {"exact": "", "more_than": "more than ", "at_least": "at least ", "approximately": "about ", "less_than": "less than ", "at_most": "at most ", "up_to": "up to "}
_Q_AR = {"exact": "", "more_than": "أكثر من ", "at_least": "على الأقل ", "approximately": "قرابة ", "less_than": "أقل من ", "at_most": "على الأكثر ", "up_to": "حتى "}


def _stated_en(f: _Num) -> str:
    return _Q_EN.get(f.qualifier, "") + _fmt(f.value, f.kind == "percent")


def _stated_ar(f: _Num) -> str:
    return _Q_AR.get(f.qualifier, "") + _fmt(f.value, f.kind == "percent")


def _name(f) -> str:
    fig = f.fig if isinstance(f, _Num) else f
    return fig.subject_ar or fig.subject_id or fig.id


_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _period(f) -> str:
    """A readable period: 'August (year not stated)', 'April 2025', '2025', or 'period not stated'."""
    fig = f.fig if isinstance(f, _Num) else f
    iso = fig.period_iso
    if not iso:
        return "a year earlier, date not stated" if fig.period_rel == "previous_year" else "period not stated"
    if iso.startswith("--"):
        earlier = ", a year earlier" if fig.period_rel == "previous_year" else ""
        return f"{_MONTHS_EN[int(iso[2:4]) - 1]} (year not stated{earlier})"
    if len(iso) == 7 and iso[4] == "-" and iso[5:7].isdigit():
        return f"{_MONTHS_EN[int(iso[5:7]) - 1]} {iso[:4]}"
    return iso


_LINK_WHY = {
    "inferred": "the text ties these figures only across sentences, so a mismatch may mean they are not the figures the claim is about",
}


# ---------------------------------------------------------------------------
# Checks, one per claim


class _Audit:
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
            return "unverifiable", _LINK_WHY["inferred"]
        if c.reason:
            return "unverifiable", c.reason
        odd = [f for _, f in c.ops if f.fractional_count]
        if odd:
            return "unverifiable", f"{_fmt(odd[0].value)} is a count read with a fraction: its thousands separator may have been misread"
        total = c.one("total")
        if total is not None and any(clash(total, p) for p in c.figs("part")):
            return "unverifiable", "a part does not count what the total counts"
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
        if why:
            en = f"{en}: it does not hold, but {why}: unverifiable."
            ar = f"{ar}: لا يتحقق، لكن الربط بين الأرقام غير مؤكد: {VERDICT_AR['unverifiable']}."
        else:
            en = f"{en}: {v}{tail}."
            ar = f"{ar}: {VERDICT_AR[v]}."
        self.add(c, v, en, ar, **kw)

    # -- parts ------------------------------------------------------------------------
    def sum_or_part(self, c):
        total, parts = c.one("total"), c.figs("part")
        if total is None or not parts:
            self.unverifiable(c, "The parts cannot be checked: the text does not give their total.",
                              "لا يمكن التحقق من الأجزاء: لا يذكر النص إجماليها.")
            return
        whole = self.n(total)
        ps = [self.n(p) for p in parts]
        pt = sum(p.value for p in ps)
        civ = _sum([p.iv for p in ps])
        terms = " + ".join(_fmt(p.value) for p in ps)
        if c.kind == "sum" or pt > whole.high:
            self.far(c, pt, whole.value)
        if c.kind == "sum":
            v, how = _verdict(pt, civ, whole, self.s)
            self.finish(c, v, how, f"Parts {terms} = {_fmt(pt)} against the stated total {_stated_en(whole)} ({_name(whole)})",
                        f"مجموع الأجزاء {terms} = {_fmt(pt)} مقابل الإجمالي المعلن {_stated_ar(whole)}",
                        computed=pt, civ=civ, stated=whole, unit="count")
            return
        share = pt / whole.value * 100 if whole.value else math.nan
        if pt <= whole.high + EPS:
            v, how = "consistent", f"{_fmt(share, True)} of the whole"
        elif civ[0] <= whole.high + EPS:
            v, how = "consistent", "within the hedges"
        elif pt <= whole.high + whole.unit * 10 ** self.s["rounding_coarser_steps"] / 2:
            v, how = "rounding", "only if the whole was rounded down"
        else:
            v, how = "inconsistent", f"the parts exceed the whole by {_fmt(pt - whole.high)}"
        what = f"Parts {terms} = {_fmt(pt)}" if len(ps) > 1 else f"The part {_fmt(pt)} ({_name(ps[0])})"
        self.finish(c, v, how if v != "inconsistent" else "", f"{what} must not exceed the whole {_stated_en(whole)} ({_name(whole)})"
                    + (f", {how}" if v == "inconsistent" else ""),
                    f"{('الأجزاء ' + terms + ' = ') if len(ps) > 1 else 'الجزء '}{_fmt(pt)} يجب ألا تتجاوز الكل {_stated_ar(whole)}",
                    computed=pt, civ=civ, stated=whole, unit="count")

    def share(self, c):
        p, part, whole = c.one("stated"), c.one("part"), c.one("whole")
        stated = self.n(p)
        if part is None or whole is None:
            self.unverifiable(c, f"The stated share {_stated_en(stated)} cannot be checked: the text does not give both the part and the whole",
                              f"لا يمكن التحقق من النسبة المعلنة {_stated_ar(stated)}: لا يذكر النص الجزء والكل معا.")
            return
        a, b = self.n(part), self.n(whole)
        if b.value <= 0:
            self.unverifiable(c, "The whole is zero.", "الكل صفر.")
            return
        pt = a.value / b.value * 100
        civ = _ratio_pct(a.iv, b.iv)
        self.far(c, pt, stated.value)
        v, how = _verdict(pt, civ, stated, self.s)
        if v == "inconsistent" and a.low > b.high and stated.value <= 100:
            c.reason = c.reason or "the part read is larger than the whole read, so these are probably not the figures the share is about"
        self.finish(c, v, how, f"{_fmt(a.value)} / {_fmt(b.value)} = {_fmt(pt, True)} against the stated {_stated_en(stated)}",
                    f"{_fmt(a.value)} / {_fmt(b.value)} = {_fmt(pt, True)} مقابل النسبة المعلنة {_stated_ar(stated)}",
                    computed=pt, civ=civ, stated=stated, unit="percent")

    # -- change -------------------------------------------------------------------------
    def growth(self, c):
        p, new, old, change, factor = c.one("stated"), c.one("new"), c.one("old"), c.one("change"), c.one("factor")
        if new is None or (old is None and change is None) or (p is None and factor is None and c.stated_value is None):
            st = self.n(p) if p is not None else None
            what = _stated_en(st) if st else "change"
            self.unverifiable(c, f"The stated growth {what} cannot be checked: " + (c.reason or "the text does not give the two levels it compares"),
                              f"لا يمكن التحقق من النمو المعلن {_stated_ar(st) if st else ''}: لا يذكر النص القيمتين اللتين يقارن بينهما.")
            return
        cur = self.n(new)
        if old is not None:
            prev = self.n(old)
            prev_iv, prev_v = prev.iv, prev.value
            base = f"({_fmt(cur.value)} - {_fmt(prev_v)}) / {_fmt(prev_v)}"
            periods = f" ({_period(cur)} against {_period(prev)})"
        else:
            ch = self.n(change)
            prev_v = cur.value - ch.value
            prev_iv = _sub(cur.iv, ch.iv)
            base = f"{_fmt(ch.value)} / ({_fmt(cur.value)} - {_fmt(ch.value)})"
            periods = " (the earlier level implied by the stated increase)"
        if prev_v <= 0 or prev_iv[0] <= 0 and prev_iv[1] <= 0:
            self.unverifiable(c, "The earlier level is zero or negative.", "القيمة السابقة صفر أو سالبة.")
            return
        if p is None:  # a multiple: تضاعف، أربعة أضعاف
            k = self.n(factor).value if factor is not None else c.stated_value
            ratio = cur.value / prev_v
            riv = (cur.iv[0] / prev_iv[1] if math.isfinite(prev_iv[1]) else 0.0, cur.iv[1] / prev_iv[0] if prev_iv[0] > 0 else math.inf)
            lo, hi = (1.5, math.inf) if k == 2 and factor is None else (k - 0.5, k + 1.5)  # "N أضعاف": N times, or N times more
            if lo <= ratio <= hi:
                v = "consistent"
            elif _overlap(riv, (lo, hi)):
                v = "consistent"
            else:
                v = "inconsistent"
            self.finish(c, v, "", f"{_name(cur)}: {_fmt(cur.value)} / {_fmt(prev_v)} = {ratio:.2f} times against the stated multiple {k:g}",
                        f"{_fmt(cur.value)} / {_fmt(prev_v)} = {ratio:.2f} مرة مقابل المضاعف المعلن {k:g}",
                        computed=ratio, civ=riv, unit="ratio")
            return
        st = self.n(p)
        if c.stated_unit == "points":
            self.difference(c)
            return
        pt = (cur.value - prev_v) / prev_v * 100
        civ = _growth_pct(cur.iv, prev_iv)
        if pt < 0 < st.value:  # a decrease stated as a positive amount (تراجع بنسبة 10%)
            pt, civ = -pt, (-civ[1], -civ[0])
        v, how = _verdict(pt, civ, st, self.s)
        if v != "consistent" and old is not None and cur.kind == "percent" and prev.kind == "percent":
            # "ارتفعت النسبة من 40% إلى 50% بزيادة 10%": a change of rates may be stated in percentage points
            pts = abs(cur.value - prev.value)
            pv, phow = _verdict(pts, tuple(sorted(abs(x) for x in _sub(cur.iv, prev.iv))), st, self.s)
            if pv == "consistent" or (pv == "rounding" and v == "inconsistent"):
                v, how = pv, f"read as {_fmt(pts)} percentage points"
        self.far(c, pt, st.value)
        self.finish(c, v, how, f"{_name(cur)}: {base} = {_fmt(pt, True)}{periods} against the stated {_stated_en(st)}",
                    f"{base} = {_fmt(pt, True)} مقابل المعلن {_stated_ar(st)}", computed=pt, civ=civ, stated=st, unit="percent")

    def difference(self, c):
        p, new, old = c.one("stated"), c.one("new"), c.one("old")
        if p is None or new is None or old is None:
            self.unverifiable(c, "The stated change cannot be checked: the text does not give the two levels.",
                              "لا يمكن التحقق من الفرق المعلن: لا يذكر النص القيمتين.")
            return
        st, cur, prev = self.n(p), self.n(new), self.n(old)
        pt = cur.value - prev.value
        civ = _sub(cur.iv, prev.iv)
        if pt < 0 < st.value:
            pt, civ = -pt, (-civ[1], -civ[0])
        unit = " points" if c.stated_unit == "points" else ""
        self.far(c, pt, st.value)
        v, how = _verdict(pt, civ, st, self.s)
        self.finish(c, v, how, f"{_name(cur)}: {_fmt(cur.value)} - {_fmt(prev.value)} = {_fmt(pt)}{unit} ({_period(cur)} against {_period(prev)}) against the stated {_stated_en(st)}",
                    f"{_fmt(cur.value)} - {_fmt(prev.value)} = {_fmt(pt)} مقابل المعلن {_stated_ar(st)}",
                    computed=pt, civ=civ, stated=st, unit="points" if unit else "count")

    def _order(self, c):
        """The claim's levels, earliest first (by the period written after each, else the order the text gives)."""
        from .claims.model import period_key

        new = c.one("new")
        olds = c.figs("old")
        v = self.views.get(new.doc)
        keys = [period_key(v, f) if v is not None else None for f in olds]
        if len(olds) > 1 and all(k is not None and (k[0] or k[1]) for k in keys):
            olds = [f for _, f in sorted(zip(keys, olds), key=lambda x: x[0])]
        else:
            olds = list(reversed(olds))  # "B مقارنة بـ A في تموز، و A' في حزيران": the text steps back in time
        return olds[0], new

    def direction(self, c):
        first, last = self._order(c)
        a, b = self.n(first), self.n(last)
        up = c.direction == "up"
        word, word_ar = ("rise", "ارتفاع") if up else ("fall", "انخفاض")
        holds = b.value > a.value if up else b.value < a.value
        within = (b.high > a.low) if up else (b.low < a.high)
        v = "consistent" if holds else ("consistent" if within and b.value != a.value else "inconsistent")
        how = "" if holds else "within the hedges"
        ratio = (b.value - a.value) / a.value * 100 if a.value else None
        self.finish(c, v, how, f"{_name(b)}: a {word} is stated, from {_stated_en(a)} to {_stated_en(b)}" + (f" ({_fmt(ratio, True)})" if ratio is not None else ""),
                    f"يذكر النص {word_ar} من {_stated_ar(a)} إلى {_stated_ar(b)}", computed=ratio, unit="percent")

    def series(self, c):
        first, last = self._order(c)
        a, b = self.n(first), self.n(last)
        ratio = (b.value - a.value) / a.value * 100 if a.value else None
        self.add(c, "consistent", f"{_name(b)}: {_stated_en(a)} ({_period(a)}) then {_stated_en(b)} ({_period(b)})"
                 + (f", a change of {_fmt(ratio, True)}" if ratio is not None else "") + "; the text states no rate or direction to check: consistent.",
                 f"{_stated_ar(a)} ثم {_stated_ar(b)}؛ لا يذكر النص نسبة أو اتجاها للتغير: {VERDICT_AR['consistent']}.",
                 computed=ratio, unit="percent")

    def rate(self, c):
        from .claims.rates import UNIT_DAYS

        total, r = c.one("total"), c.one("rate")
        n, dunit, runit = c.stated_value, c.stated_unit, c.extra.get("rate_unit")
        d, rr = self.n(total), self.n(r)
        if not n or dunit not in UNIT_DAYS or runit not in UNIT_DAYS:
            self.unverifiable(c, "The rate cannot be checked: the duration is not read.", "لا يمكن التحقق من المعدل: المدة غير مقروءة.")
            return
        k = n * UNIT_DAYS[dunit] / UNIT_DAYS[runit]
        slack = 0.0 if dunit == runit else 0.05  # months of 28 to 31 days, weeks of a month …
        pt = rr.value * k
        civ = (rr.low * k * (1 - slack), rr.high * k * (1 + slack))
        self.far(c, pt, d.value)
        v, how = _verdict(pt, civ, d, self.s)
        self.finish(c, v, how, f"{_fmt(rr.value)} per {runit} over {n:g} {dunit}(s) = {_fmt(pt)} against the stated {_stated_en(d)}",
                    f"{_fmt(rr.value)} لكل وحدة زمنية × {n:g} = {_fmt(pt)} مقابل المعلن {_stated_ar(d)}",
                    computed=pt, civ=civ, stated=d, unit="count")

    def comparison(self, c):
        a, b = self.n(c.one("greater")), self.n(c.one("lesser"))
        if a.value > b.value:
            v, how = "consistent", ""
        elif a.high > b.low:
            v, how = "consistent", "within the hedges"
        else:
            v, how = "inconsistent", ""
        self.finish(c, v, how, f"{_stated_en(a)} is said to exceed {_stated_en(b)}", f"يذكر النص أن {_stated_ar(a)} يتجاوز {_stated_ar(b)}",
                    computed=a.value - b.value, unit="count")

    def majority(self, c):
        largest, parts, total = c.one("largest"), c.figs("part"), c.one("total")
        if largest is None or not parts:
            self.unverifiable(c, f"{_name(largest) if largest else 'A figure'} is said to be the largest part, but the text gives no other part to compare with",
                              "يوصف الرقم بأنه الجزء الأكبر دون أجزاء أخرى للمقارنة.")
            return
        f = self.n(largest)
        others = [self.n(p) for p in parts]
        biggest = max(others, key=lambda g: g.value)
        whole = self.n(total) if total is not None else None
        share = f.value / whole.value * 100 if whole and whole.value else None
        if f.value > biggest.value or f.high > biggest.low:
            v = "consistent"
        else:
            v = "inconsistent"
        self.finish(c, v, "", f"{_name(f)} {_fmt(f.value)} is said to be the largest part; the next largest is {_fmt(biggest.value)}"
                    + (f"; it is {_fmt(share, True)} of {_fmt(whole.value)}" if share is not None else ""),
                    f"يوصف {_fmt(f.value)} بأنه الجزء الأكبر، والجزء التالي {_fmt(biggest.value)}"
                    + (f"، أي {_fmt(share, True)} من {_fmt(whole.value)}" if share is not None else ""),
                    computed=share, unit="percent_of_whole")

    # -- across articles and against the world -----------------------------------------------
    def cross_document(self, c):
        x, y = self.n(c.one("first")), self.n(c.one("second"))
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
        self.add(c, v, f"{_name(x)}, {what}: {x.doc} states {_stated_en(x)} ({_period(x)}), {y.doc} states {_stated_en(y)} ({_period(y)}); {why}: {v}.",
                 f"{x.fig.subject_ar or ''}: {x.doc} يذكر {_stated_ar(x)}، و{y.doc} يذكر {_stated_ar(y)}؛ {why_ar}: {VERDICT_AR[v]}.",
                 computed=y.value / x.value if x.value else None, unit="ratio")

    def plausibility(self, c):
        fig = c.one("figure")
        f = self.n(fig)
        if fig.country not in self._pop:
            if self._refs is None:
                self._refs = self.reference if isinstance(self.reference, pd.DataFrame) else ref.load_reference(self.reference)
            self._pop[fig.country] = ref.population(fig.country, reference=self._refs)
        pop = self._pop[fig.country]
        if pop is None:
            self.add(c, "unverifiable", f"No population figure for {fig.country} in the reference data.", f"لا يوجد عدد سكان لـ {fig.country} في البيانات المرجعية.")
            return
        src = f"population {_fmt(pop.value)} ({pop.source.split(',')[0]}, {pop.year})"
        src_ar = f"عدد السكان {_fmt(pop.value)} ({pop.year})"
        if c.extra.get("people"):
            strict = fig.measure in self.s["people_bounded_by_population"]
            ok = f.low <= pop.value
            v = "consistent" if ok else ("inconsistent" if strict else "unverifiable")
            tail = "" if ok or strict else " (users or beneficiaries may include people abroad or be counted more than once)"
            self.add(c, v, f"{_name(f)}: {_stated_en(f)} {fig.measure.replace('_', ' ')} must not exceed the {src}: {_fmt(f.low / pop.value * 100, True)} of it{tail}, {v}.",
                     f"{_stated_ar(f)} يجب ألا يتجاوز {src_ar}: {VERDICT_AR[v]}.", computed=f.low / pop.value * 100, stated=f, unit="percent_of_population")
            return
        months = _months(fig)
        if months is None:
            self.add(c, "unverifiable", f"{_stated_en(f)} {fig.measure}: the period is not stated precisely enough to compute a monthly rate per resident.",
                     f"{_stated_ar(f)}: الفترة غير محددة بما يكفي لحساب معدل شهري للفرد.", stated=f)
            return
        per = f.value / months / pop.value
        v = "consistent" if f.low / months / pop.value <= self.s["per_capita_month_max"] else "inconsistent"
        self.add(c, v, f"{_name(f)}: {_stated_en(f)} {fig.measure.replace('_', ' ')} over {months} month(s) is {per:.3f} per resident per month ({src}); the sane ceiling is {self.s['per_capita_month_max']:g}: {v}.",
                 f"{_stated_ar(f)} خلال {_months_ar(months)} = {per:.3f} لكل فرد شهريا ({src_ar}): {VERDICT_AR[v]}.",
                 computed=per, stated=f, unit="per_capita_month")

    def check(self, c):
        {"sum": self.sum_or_part, "part_of": self.sum_or_part, "share": self.share, "growth": self.growth, "difference": self.difference,
         "direction": self.direction, "series": self.series, "rate": self.rate, "comparison": self.comparison, "majority": self.majority,
         "cross_document": self.cross_document, "plausibility": self.plausibility}[c.kind](c)


def _months_ar(n: int) -> str:
    return "شهر واحد" if n == 1 else ("شهرين" if n == 2 else (f"{n} أشهر" if n <= 10 else f"{n} شهرا"))


def _months(f) -> int | None:
    """Length of a fact's period in months, when known."""
    iso = f.period_iso
    if f.period_start and f.period_end:
        s, e = pd.Timestamp(f.period_start), pd.Timestamp(f.period_end)
        return max(1, round((e - s).days / 30.44))
    if not iso:
        return None
    if iso.startswith("--") or (len(iso) == 7 and iso[4] == "-"):
        return 1
    if len(iso) == 4 and iso.isdigit():
        return 12
    if "/" in iso:
        a, b = iso.split("/")
        return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7]) + 1
    return None


def _claims_of(frame: pd.DataFrame, views: dict) -> list:
    """Claims given as a table (extract_claims) back as Claim objects over the views' figures."""
    from .claims import Claim

    figs = {f.id: f for v in views.values() for f in v.figs}
    out = []
    for r in frame.to_dict("records"):
        ids = [x for x in str(r["fact_ids"]).split(";") if x]
        roles = [x for x in str(r["roles"]).split(";") if x]
        if len(ids) != len(roles) or any(i not in figs for i in ids):
            continue
        g = lambda k: None if r.get(k) is None or (isinstance(r.get(k), float) and math.isnan(r.get(k))) else r.get(k)  # noqa: E731
        c = Claim(str(r["doc_ids"]), r["kind"], r["link"], [(ro, figs[i]) for ro, i in zip(roles, ids)], g("rule") or "",
                  exhaustive=bool(g("is_exhaustive")), stated_value=g("stated_value"), stated_unit=g("stated_unit"),
                  direction=g("direction"), reason=g("reason") or "")
        c.claim_id = r["claim_id"]
        if c.kind == "rate":
            c.extra["rate_unit"] = _rate_unit(views, c)
        if c.kind == "cross_document":
            c.extra["related"] = c.ops[0][1].measure != c.ops[1][1].measure
        if c.kind == "plausibility":
            c.extra["people"] = c.ops[0][1].measure in default_settings()["people_measures"]
        out.append(c)
    return out


def _rate_unit(views, c):
    from .claims.model import per_period

    r = c.one("rate")
    v = views.get(r.doc) if r is not None else None
    return per_period(v, r) if v is not None else None


def audit(facts: pd.DataFrame, reference=None, settings: dict | None = None, *, claims: pd.DataFrame | None = None, texts=None) -> pd.DataFrame:
    """Recheck every arithmetic claim of the articles of a facts table.

    Args:
        facts: a facts table (extract_facts / facts_frame); partial tables are fine:
            a missing total, level or whole gives an "unverifiable" row.
        reference: reference indicators (a frame from arqam.reference.load_reference,
            a CSV path, or None for the packaged countries.csv) for plausibility checks.
        settings: overrides of data/audit_settings.json.
        claims: the claims to recheck (arqam.claims.extract_claims of these facts); found
            here when None.
        texts: the article texts (a str for one article, a mapping doc_id -> text, or a
            documents frame), so the claims are read from the whole text; when None, the
            sentences the facts quote stand for it.
    Returns:
        A DataFrame with AUDIT_COLUMNS, one row per check (one per claim), sorted by rule
        (in RULES order), then doc_ids, then fact_ids as text. `claim_id` names the claim
        checked; `computed_unit` says what `computed` is: count, percent, points, ratio,
        percent_of_whole, percent_of_population or per_capita_month.
    Raises:
        ValueError: when a column the audit cannot do without is missing.
    """
    from .claims import claim_rows, read_claims

    missing = [c for c in REQUIRED if c not in facts.columns]
    if missing:
        raise ValueError(f"audit: the facts table lacks column(s) {missing}; pass the output of extract_facts / facts_frame")
    s = {**default_settings(), **(settings or {})}
    found, views = read_claims(facts, texts, s)
    if claims is None:
        table = claim_rows(found, views)
    else:
        table = claims
    cs = _claims_of(table, views) if len(table) else []
    a = _Audit(views, reference, s)
    for c in cs:
        a.check(c)
    out = pd.DataFrame(a.rows, columns=AUDIT_COLUMNS)
    if out.empty:
        return out
    order = {r: i for i, r in enumerate(RULES)}
    out = out.assign(_o=out["rule"].map(order)).sort_values(["_o", "doc_ids", "fact_ids"], kind="stable").drop(columns="_o")
    dup = out.groupby("check_id").cumcount()
    out["check_id"] = out["check_id"].where(dup == 0, out["check_id"] + "#" + (dup + 1).astype(str))
    return out.reset_index(drop=True)
