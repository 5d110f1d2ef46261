"""When: the period each figure takes, from the period phrases `timex` finds and resolves.

A figure takes, in this order:

1. the phrase attached to it: right after it in its clause with no other figure
   between ("85 مليون معاملة في 2016"), or right before it ("في أيار 3.12 مليون");
   a figure in a relative clause or with "وقتها" takes the phrase it refers to;
2. a phrase later in its clause that no other figure owns ("5 ملايين عملية و3
   ملايين طلب خلال 2024");
3. its sentence's frame: the nearest earlier phrase that opens a clause rather than
   qualifying another figure, is no comparison base and no contrasted "last year";
4. its paragraph's frame, then the article's period (the first plain period it
   states), unless the figure describes a standing state in the present tense
   ("وتقدم المنصة أكثر من 400 خدمة").

A change compared with a previous whole year spans both years ("بزيادة 12% عن العام
السابق" in a 2023 report: 2022/2023), as does a change between two years its
sentence states ("من 312 في 2013 إلى 1875 في 2019، بنسبة 500%": 2013/2019).
Every look-up is a bisection over sorted offsets plus a bounded walk.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from functools import lru_cache

from .document import BL, NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WINDOW, Document, Fact, alt, cues
from .measure import is_comparison_value
from .timex import Period, find_periods, iso_of, month_end

__all__ = ["Period", "PeriodIndex", "drop_period_years", "find_periods", "period_fields"]

ATTACH_GAP = 90  # characters between a figure and a phrase that qualifies it (the counted noun between)
LOOK_BACK = 16  # periods walked back at most for a sentence or paragraph frame


@lru_cache(maxsize=1)
def _rx() -> dict:
    p = cues()["period"]
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    return {
        "compared": re.compile(rf"{nl}(?:{alt([w for w in p['lead_compare'] if w != 'عن'])})(?:{BL}+[^\W\d_]+)?{BL}*\Z"),
        "predicate": re.compile(rf"{nl}(?:و|ف|ثم{BL}+)?{alt(p['predicate_verbs'])}{nr}"),
        "present": re.compile(rf"{nl}(?:و|ف)?{alt(p['present_state_verbs'])}{nr}"),
        "anaphora": re.compile(rf"{nl}{alt(p['anaphora'])}{nr}"),
        "relative": re.compile(rf"[{BL[1:-1]}\u060c,]*(?:و|ف)?{alt(p['relative_pronouns'] + p['elaboration_openers'])}{nr}"),
        "transition": re.compile(rf"{nl}(?:الي|حتي|لتصل الي|ليصل الي|لتبلغ|ليبلغ){nr}"),
        "to_word": re.compile(rf"{nl}(?:الي|حتي|غايه){nr}"),
        "from_word": re.compile(rf"{BL}*من{nr}"),
        "punct": re.compile(rf"[{BL[1:-1]}\u060c,;\u061b:\-\u2013()]*\Z"),
        "over": re.compile(rf"{nl}علي{BL}+(?:ال)?(?:عام|سنه|العام|السنه|الفتره|الشهر|الربع|النصف|[0-9])"),
        "demonstrative": re.compile(rf"{nl}(?:{alt(p['demonstratives'])}){BL}+(?:ال)[^\W\d_]{{3,}}"),
    }


def _resolved(p: Period | None) -> bool:
    return p is not None and (p.first is not None or p.iso is not None)


def _whole_years(p: Period) -> bool:
    f, l = p.first, p.last
    return f is not None and l is not None and f.month == 1 and f.day == 1 and l.month == 12 and l.day == 31


def _transparent(p: Period) -> bool:
    """An unresolved duration ("في 6 أشهر") says nothing of when: look past it."""
    return p.kind == "lastn" and not _resolved(p)


class PeriodIndex:
    """The periods of one document, indexed for the figures' look-ups."""

    def __init__(self, doc: Document, periods: list[Period], facts: list[Fact]):
        self.doc = doc
        self.periods = [p for p in periods if not p.dateline and not p.name_year]
        self.starts = [p.start for p in self.periods]
        self.ends = [p.end for p in self.periods]
        self.fig_s = [f.s for f in facts]
        self.fig_e = [f.e for f in facts]
        self.attached: dict[int, int] = {}  # period index -> index of the figure it follows
        for i, p in enumerate(self.periods):
            k = bisect_right(self.fig_e, p.start) - 1
            if (k >= 0 and p.start - self.fig_e[k] <= ATTACH_GAP and doc.clause(self.fig_e[k] - 1)[0] <= p.start < doc.clause(self.fig_e[k] - 1)[1]
                    and not _rx()["predicate"].search(doc.text, self.fig_e[k], p.start)):
                self.attached[i] = k
        self.frame = [self._is_frame(i) for i in range(len(self.periods))]
        self.current = self._article_period()
        self.told: list[tuple[int, Period]] = []  # (figure start, period) of the figures given a period, in text order
        # (bisect on (start,) tuples: a figure's start is unique, so the Period is never compared)

    # -- the article's period and frames ------------------------------------
    def _is_frame(self, i: int) -> bool:
        p = self.periods[i]
        if p.comparison or p.kind == "today" or _transparent(p) or p.name_year or i in self.attached:
            return False
        if p.rel == "previous" and p.y is None:
            # "العام الماضي" frames its sentence only when it opens it, not when it is contrasted with this year
            return i == 0 or self.periods[i - 1].sentence != p.sentence
        return True

    def _article_period(self) -> Period | None:
        """The period the article reports on: of the candidate phrases of the first sentence that has one, the one
        that ends last ("ارتفعت من 60% في عام 2023 إلى 75% في عام 2024": 2024; the earlier one is a baseline)."""
        first = None
        for p in self.periods:
            if (_resolved(p) and not p.comparison and p.kind not in ("today", "lastn") and not p.name_year
                    and not p.future and not p.extra.get("open_unknown")):
                if first is None:
                    first = p
                elif p.sentence != first.sentence:
                    break
                elif p.last is not None and first.last is not None and p.last > first.last:
                    first = p
        return first

    # -- look-ups -------------------------------------------------------------
    def _figure_in(self, a: int, b: int) -> bool:
        """Whether a figure starts in [a, b)."""
        k = bisect_left(self.fig_s, a)
        return k < len(self.fig_s) and self.fig_s[k] < b

    def assign(self, f: Fact) -> Period | None:
        """The period of figure `f` (its role and measure already set); records the rule in f.rules."""
        p, rule, base = self._assign(f)
        if f.row.get("role") in ("change", "change_pct"):
            p2 = self._change_span(f, p, base)
            if p2 is not None:
                p, rule = p2, "period:change_interval"
        if p is not None and p.kind == "mon" and p.m2 and p.first is not None:
            p2 = self._respectively(f, p)
            if p2 is not None:
                p, rule = p2, "period:respectively"
        if rule:
            f.rules.append(rule)
        if p is not None and not p.comparison and f.row.get("role") not in ("change", "change_pct"):
            self.told.append((f.s, p))  # what a demonstrative can point back to: a level of the period reported
        return p

    def _assign(self, f: Fact) -> tuple[Period | None, str | None, Period | None]:
        """(period, rule, the comparison period a change is measured against)."""
        doc, P = self.doc, self.periods
        cs, ce = doc.clause(f.s)
        ss, se = doc.sentence(f.s)
        compared = is_comparison_value(doc, f) or _rx()["compared"].search(doc.text, max(cs, f.s - 32), f.s) is not None
        change = f.row.get("role") in ("change", "change_pct")
        t = doc.text
        R = _rx()
        base = None  # "بزيادة 12% عن العام السابق": the change's own phrase is its base, not its period
        # anaphora: "والتي بلغت وقتها 2 مليون" takes the phrase it refers back to
        lo_clause = max(cs, f.s - WINDOW)  # bounded: a clause with no punctuation can be the whole document
        if R["anaphora"].search(t, lo_clause, f.s):
            i = bisect_right(self.ends, f.s) - 1
            while i >= 0 and P[i].start >= max(ss, f.s - WINDOW):
                if _resolved(P[i]) or P[i].rel:
                    return P[i], "period:anaphora", None
                i -= 1
        # own phrase right after the figure
        i = bisect_left(self.starts, f.e)
        if i < len(P):
            q = P[i]
            if (q.start < ce and q.start - f.e <= ATTACH_GAP and not self._figure_in(f.e, q.start) and not _transparent(q)
                    and not R["predicate"].search(t, f.e, q.start)):
                over = change and R["over"].search(t, f.e, q.start + 4) is not None  # "بزيادة 18% على عام 2023": its base
                if (not q.comparison or compared) and not over:
                    return q, "period:own", None
                if over:
                    base = q
                if change:
                    base = q
        j = bisect_right(self.ends, f.s) - 1
        # a relative or elaborating clause right after a period phrase: "بالعام السابق، الذي شهد 4.21 مليون"
        if (j >= 0 and f.s - P[j].end <= ATTACH_GAP and P[j].start >= ss and not self._figure_in(P[j].end, f.s)
                and R["relative"].match(t, P[j].end) and _resolved(P[j])):
            return P[j], "period:relative_clause", base
        # own phrase right before the figure
        if j >= 0 and base is None:
            q = P[j]
            if q.start >= cs and f.s - q.end <= ATTACH_GAP and not self._figure_in(q.end, f.s) and not _transparent(q):
                other = self.attached.get(j)
                transition = other is not None and R["transition"].search(t, self.fig_e[other], f.s) is not None
                if q.comparison and change:
                    base = q
                elif not q.comparison and not (compared and other is not None) and not transition:
                    return q, "period:own", None
        # a phrase later in the clause that no other figure owns
        k = i
        while k < len(P) and P[k].start < ce and P[k].start - f.e <= WINDOW:
            q = P[k]
            if not q.comparison and not _transparent(q) and q.kind != "today" and q is not base:
                return q, "period:clause", base
            k += 1
        # frames: the sentence's, then the paragraph's
        ps = doc.paragraph(f.s)[0]
        lo = max(ps, f.s - 2 * WINDOW)
        present = R["present"].search(t, lo_clause, f.s) is not None
        for j2 in range(j, max(-1, j - LOOK_BACK), -1):
            q = P[j2]
            if q.start < lo:
                break
            if self.frame[j2] and _resolved(q):
                if q.start >= ss:
                    return q, "period:sentence", base
                if not present:
                    return q, "period:paragraph", base
        # "45% من إجمالي هذه المعاملات": the figures just told (in the sentences before) and their period
        if self.told and R["demonstrative"].search(t, max(ss, f.s - WINDOW), min(ce, f.e + WINDOW // 4)):
            k = bisect_left(self.told, (ss, )) - 1  # the last figure told before this sentence
            if k >= 0 and self.told[k][0] >= ss - 2 * WINDOW and self.told[k][1] is not self.current:
                return self.told[k][1], "period:demonstrative", base
        if present or self.current is None:
            return None, None, base
        return self.current, "period:article", base

    def _respectively(self, f: Fact, p: Period) -> Period | None:
        """"ما بين مارس وسبتمبر من 24 ألفا إلى 11 ألفا": the first figure takes the first month, the second the last."""
        k = bisect_left(self.fig_s, f.s) - 1
        lo = max(p.end, self.fig_e[k] if k >= 0 else 0)
        if f.s - lo > ATTACH_GAP or p.end > f.s:
            return None
        gap = self.doc.text[lo:f.s]
        R = _rx()
        if R["to_word"].search(gap):
            first, last = date(p.last.year, p.last.month, 1), p.last
        elif R["from_word"].match(gap):
            first, last = p.first, month_end(p.first.year, p.first.month)
        else:
            return None
        return _span(p, first, last)

    def _change_span(self, f: Fact, p: Period | None, base: Period | None) -> Period | None:
        """A change over a previous whole year, or between two years its sentence states, spans both years."""
        if base is not None:
            if p is not None and _whole_years(base) and _whole_years(p) and base.first < p.first:
                return _span(base, base.first, p.last)
            return None
        ss = self.doc.sentence(f.s)[0]
        j = bisect_right(self.ends, f.s) - 1
        years = []
        for j2 in range(j, max(-1, j - 8), -1):
            q = self.periods[j2]
            if q.start < ss:
                break
            if _whole_years(q) and q.first.year == q.last.year:
                years.append(q)
        if len({q.first.year for q in years}) >= 2 and (p is None or p in years or p is self.current):
            first = min(years, key=lambda q: q.first)
            last = max(years, key=lambda q: q.last)
            return _span(first, first.first, last.last)
        return None


def drop_period_years(periods: list[Period], facts: list[Fact]) -> tuple[list[Period], list[Fact]]:
    """Settle the figures that sit inside a period phrase: (periods, figures) without the losers.

    A year or day inside a phrase with a time word or preposition ("العام الجاري 2026 قرابة …",
    "خلال 2021") belongs to the period, never a statistic of its own; a bare number the
    number reader counts ("وسجلت 2025 مستخدما") is a figure, not a year.
    """
    starts = [p.start for p in periods]
    out, gone = [], set()
    for f in facts:
        k = bisect_right(starts, f.s) - 1
        p = periods[k] if k >= 0 else None
        if p is None or f.e > p.end or f.m.kind != "number" or not float(f.m.value).is_integer():
            out.append(f)
            continue
        v = f.m.value
        bare = p.kind == "year" and p.lead is None and p.core_start == f.s and not p.extra.get("anchor_rel")
        if bare:
            gone.add(k)
            out.append(f)
        elif not (1900 <= v <= 2100 or 1300 <= v <= 1500 or v <= 31):
            out.append(f)
    return [p for k, p in enumerate(periods) if k not in gone], out


def _span(like: Period, first, last) -> Period:
    p = Period(like.start, like.end, like.text, first.year, None, None, "range", core_start=like.core_start)
    p.first, p.last, p.iso = first, last, iso_of(first, last)
    return p


def period_fields(p: Period | None) -> dict:
    """The period columns of a figure: the phrase as written, its first and last day, ISO form and relation."""
    if p is None:
        return {"period_ar": None, "period_start": None, "period_end": None, "period_iso": None, "period_rel": None}
    rel = "previous_year" if p.rel == "previous" else ("current" if p.rel == "current" else None)
    return {
        "period_ar": p.text or None,
        "period_start": p.first.isoformat() if p.first else None,
        "period_end": p.last.isoformat() if (p.last and not p.extra.get("open")) else None,
        "period_iso": p.iso,
        "period_rel": rel,
    }
