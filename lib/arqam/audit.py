"""Recheck the arithmetic the text implies, with verdicts that respect hedges and rounding.

Each figure is an interval (from its hedge and written precision, see
arqam.numbers). A check computes a value from some figures and compares it with
a stated one:

1. the computation on the figures as written falls inside the stated figure's
   interval -> "consistent";
2. it holds only if the stated figure was truncated, or rounded one power of
   ten more coarsely than written (62/375 = 16.53% stated as 16%) -> "rounding";
3. it holds within the hedges of the inputs (قرابة، أكثر من) -> "consistent";
4. no reading makes it hold -> "inconsistent";
and "unverifiable" when the text does not give enough (a missing parent, period,
previous value or population).

Rules: sum (exhaustive split), part_of, growth, difference, share, majority,
cross_document, plausibility.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import reference as ref

DATA_DIR = Path(__file__).parent / "data"
AUDIT_COLUMNS = [
    "check_id", "rule", "doc_ids", "fact_ids", "computed", "computed_unit", "stated", "computed_low", "computed_high",
    "stated_low", "stated_high", "verdict", "explanation_en", "explanation_ar",
]
VERDICTS = ("consistent", "rounding", "inconsistent", "unverifiable")
RULES = ("sum", "part_of", "growth", "difference", "share", "majority", "cross_document", "plausibility")
REQUIRED = ("fact_id", "doc_id", "value")
EPS = 1e-9

VERDICT_AR = {"consistent": "متسق", "rounding": "متسق بالتقريب", "inconsistent": "غير متسق", "unverifiable": "غير قابل للتحقق"}


@lru_cache(maxsize=1)
def default_settings() -> dict:
    """Return data/audit_settings.json (tolerances, measure families)."""
    with open(DATA_DIR / "audit_settings.json", encoding="utf-8") as fh:
        return {k: v for k, v in json.load(fh).items() if not k.startswith("_")}


@dataclass
class _F:
    """A fact as the audit sees it."""

    id: str
    doc: str
    value: float
    low: float
    high: float
    kind: str
    qualifier: str
    measure: str | None
    subject: str | None
    subject_ar: str | None
    subject_en: str | None
    parent: str | None
    role: str
    rule: str
    largest: bool
    period_iso: str | None
    period_start: str | None
    period_end: str | None
    period_rel: str | None
    country: str | None
    quote: str
    start: int

    @property
    def iv(self):
        return (self.low, self.high)

    @property
    def unit(self) -> float:
        """Written precision of the figure, recovered from its value."""
        if self.kind == "percent":
            v = abs(self.value)
            for d in range(0, 4):
                if abs(v * 10**d - round(v * 10**d)) < 1e-9:
                    return 10.0**-d
            return 0.001
        if self.qualifier == "exact" and math.isfinite(self.high) and self.high > self.low:
            return self.high - self.low
        return 1.0


def _clean(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _facts(frame: pd.DataFrame) -> list[_F]:
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ValueError(f"audit: the facts table lacks column(s) {missing}; pass the output of extract_facts / facts_frame")
    out = []
    for r in frame.to_dict("records"):
        g = lambda k, default=None: _clean(r.get(k, default))  # noqa: E731
        value = float(r["value"])
        low = g("value_low")
        high = g("value_high")
        out.append(_F(
            id=str(r["fact_id"]), doc=str(r["doc_id"]), value=value,
            low=value if low is None else float(low), high=value if high is None else float(high),
            kind=g("kind") or "number", qualifier=g("qualifier") or "exact", measure=g("measure"),
            subject=g("subject_id"), subject_ar=g("subject_ar"), subject_en=g("subject_en"), parent=g("parent_fact_id"),
            role=g("role") or ("rate_pct" if g("kind") == "percent" else "level"), rule=g("rule") or "",
            largest=bool(g("is_largest_part") or False), period_iso=g("period_iso"),
            period_start=g("period_start"), period_end=g("period_end"), period_rel=g("period_rel"),
            country=g("country_iso3"), quote=g("quote_ar") or "", start=int(g("char_start") or 0),
        ))
    return out


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


def _verdict(point: float, iv, stated: _F, settings: dict) -> tuple[str, str]:
    """Compare a computed value (point and interval) with a stated figure; return (verdict, how)."""
    s_lo, s_hi = stated.iv
    if s_lo - EPS <= point <= s_hi + EPS:
        return "consistent", "as written"
    u = stated.unit
    step = u * 10 ** settings["rounding_coarser_steps"]
    coarse = step / 2
    # a coarser rounding explains a figure only if the figure sits on that coarser grid (40 for 43, not 44 for 45)
    on_grid = abs(stated.value / step - round(stated.value / step)) < 1e-9
    q = stated.qualifier
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
    if _overlap(iv, stated.iv):
        return "consistent", "within the hedges"
    return "inconsistent", ""


# ---------------------------------------------------------------------------
# Formatting


def _num(x: float | None, pct: bool = False) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    if math.isinf(x):
        return "∞"
    if pct:
        return f"{x:.2f}%"
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-6 else f"{x:,.2f}"


_Q_EN = {"exact": "", "more_than": "more than ", "at_least": "at least ", "approximately": "about ", "less_than": "less than ", "at_most": "at most ", "up_to": "up to "}
_Q_AR = {"exact": "", "more_than": "أكثر من ", "at_least": "على الأقل ", "approximately": "قرابة ", "less_than": "أقل من ", "at_most": "على الأكثر ", "up_to": "حتى "}


def _stated_en(f: _F) -> str:
    return _Q_EN.get(f.qualifier, "") + _num(f.value, f.kind == "percent")


def _stated_ar(f: _F) -> str:
    return _Q_AR.get(f.qualifier, "") + _num(f.value, f.kind == "percent")


def _name(f: _F) -> str:
    return f.subject_en or f.subject_ar or f.subject or f.id


_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _period(f: _F) -> str:
    """A readable period: 'August (year not stated)', 'April 2025', '2025', or 'period not stated'."""
    iso = f.period_iso
    if not iso:
        return "a year earlier, date not stated" if f.period_rel == "previous_year" else "period not stated"
    if iso.startswith("--"):
        earlier = ", a year earlier" if f.period_rel == "previous_year" else ""
        return f"{_MONTHS_EN[int(iso[2:4]) - 1]} (year not stated{earlier})"
    if len(iso) == 7 and iso[4] == "-":
        return f"{_MONTHS_EN[int(iso[5:7]) - 1]} {iso[:4]}"
    return iso


# ---------------------------------------------------------------------------
# Rules


class _Audit:
    def __init__(self, facts: list[_F], reference, settings: dict):
        self.facts = facts
        self.by_id = {f.id: f for f in facts}
        self.reference = reference
        self.s = settings
        self.rows: list[dict] = []

    def add(self, rule, used: list[_F], computed, civ, stated: _F | None, verdict, en, ar, unit: str | None = None, claim: _F | None = None):
        """Record one check; its id names the claim checked (the stated figure, else `claim`, else the first figure)."""
        docs = sorted({f.doc for f in used})
        key = (stated or claim or (used[0] if used else None))
        self.rows.append({
            "check_id": f"{rule}:{key.id}" if key else rule,
            "rule": rule,
            "doc_ids": ";".join(docs),
            "fact_ids": ";".join(f.id for f in used),
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

    def children(self):
        groups: dict = {}
        for f in self.facts:
            if f.parent is None or f.role != "level":
                continue
            tag = next((t.split(":", 1)[1] for t in f.rule.split("+") if t.startswith("parent:")), "part")
            groups.setdefault((f.parent, "split" if tag == "split" else "part"), []).append(f)
        return groups

    # parts vs total ------------------------------------------------------
    def parts(self):
        for (pid, kind), parts in sorted(self.children().items()):
            whole = self.by_id.get(pid)
            used = ([whole] if whole else []) + parts
            if whole is None:
                self.add("part_of", parts, None, None, None, "unverifiable",
                         f"The parent figure {pid} is not in the facts table, so the parts cannot be checked against it.",
                         f"الرقم الأصل {pid} غير موجود في جدول الحقائق، فلا يمكن مقارنة الأجزاء به.")
                continue
            total_pt = sum(p.value for p in parts)
            civ = _sum([p.iv for p in parts])
            terms = " + ".join(_num(p.value) for p in parts) if len(parts) > 1 else None
            if kind == "split":
                v, how = _verdict(total_pt, civ, whole, self.s)
                self.add("sum", used, total_pt, civ, whole, v,
                         f"Parts {terms} = {_num(total_pt)} against the stated total {_stated_en(whole)} ({_name(whole)}): {v} ({how}).".replace(" ()", ""),
                         f"مجموع الأجزاء {terms} = {_num(total_pt)} مقابل الإجمالي المعلن {_stated_ar(whole)}: {VERDICT_AR[v]}.", unit="count")
                continue
            share = total_pt / whole.value * 100 if whole.value else math.nan
            if total_pt <= whole.high + EPS:
                v, how = "consistent", f"{_num(share, True)} of the whole"
            elif civ[0] <= whole.high + EPS:
                v, how = "consistent", "within the hedges"
            elif total_pt <= whole.high + whole.unit * 10 ** self.s["rounding_coarser_steps"] / 2:
                v, how = "rounding", "only if the whole was rounded down"
            else:
                v, how = "inconsistent", f"the parts exceed the whole by {_num(total_pt - whole.high)}"
            what = f"Parts {terms} = {_num(total_pt)}" if terms else f"The part {_num(total_pt)} ({_name(parts[0])})"
            self.add("part_of", used, total_pt, civ, whole, v,
                     f"{what} must not exceed the whole {_stated_en(whole)} ({_name(whole)}): {v}, {how}.",
                     f"{('الأجزاء ' + terms + ' = ') if terms else 'الجزء '}{_num(total_pt)} يجب ألا تتجاوز الكل {_stated_ar(whole)} ({whole.subject_ar or ''}): {VERDICT_AR[v]}.", unit="count")

    def majority(self):
        groups = self.children()
        for f in self.facts:
            if not f.largest:
                continue
            group = next((g for g in groups.values() if f in g), None)
            whole = self.by_id.get(f.parent) if f.parent else None
            if group is None or len(group) < 2:
                self.add("majority", [f], None, None, None, "unverifiable",
                         f"{_name(f)} is said to be the largest part, but the text gives no other part to compare with.",
                         "يوصف الرقم بأنه الجزء الأكبر دون أجزاء أخرى للمقارنة.", claim=f)
                continue
            others = [g for g in group if g is not f]
            share = f.value / whole.value * 100 if whole and whole.value else None
            biggest_other = max(others, key=lambda g: g.value)
            if f.value > biggest_other.value:
                v = "consistent"
            elif f.high > biggest_other.low:
                v = "consistent"
            else:
                v = "inconsistent"
            used = ([whole] if whole else []) + group
            self.add("majority", used, share, None, None, v,
                     f"{_name(f)} {_num(f.value)} is said to be the largest part; the next largest is {_num(biggest_other.value)}"
                     + (f"; it is {_num(share, True)} of {_num(whole.value)}" if share is not None else "") + f": {v}.",
                     f"يوصف {_num(f.value)} بأنه الجزء الأكبر، والجزء التالي {_num(biggest_other.value)}"
                     + (f"، أي {_num(share, True)} من {_num(whole.value)}" if share is not None else "") + f": {VERDICT_AR[v]}.",
                     unit="percent_of_whole", claim=f)

    # changes and shares -------------------------------------------------
    def _pair(self, f: _F):
        """Current and previous-period levels of the same measure and subject in f's article."""
        parents = {g.parent for g in self.facts if g.parent}
        same = [
            g for g in self.facts
            if g.doc == f.doc and g.role == "level" and g.kind != "percent" and g.measure == f.measure
            and g.measure is not None and (g.subject == f.subject or g.subject_ar == f.subject_ar) and g.id not in parents
        ]
        prev = [g for g in same if g.period_rel == "previous_year"]
        cur = [g for g in same if g.period_rel != "previous_year"]
        near = lambda gs: min(gs, key=lambda g: abs(g.start - f.start)) if gs else None  # noqa: E731
        return near(cur), near(prev)

    def changes(self):
        for f in self.facts:
            if f.role not in ("change", "change_pct"):
                continue
            rule = "growth" if f.role == "change_pct" else "difference"
            cur, prev = self._pair(f)
            if cur is None or prev is None:
                missing = "previous-period value" if prev is None else "current value"
                self.add(rule, [f], None, None, f, "unverifiable",
                         f"The stated {'growth' if rule == 'growth' else 'change'} {_stated_en(f)} cannot be checked: the text gives no {missing} of the same measure.",
                         f"لا يمكن التحقق من {'النمو' if rule == 'growth' else 'الفرق'} المعلن {_stated_ar(f)}: لا يذكر النص القيمة {'السابقة' if prev is None else 'الحالية'} للمقياس نفسه.")
                continue
            if rule == "growth":
                pt = (cur.value - prev.value) / prev.value * 100 if prev.value else math.inf
                civ = _growth_pct(cur.iv, prev.iv)
                formula = f"({_num(cur.value)} - {_num(prev.value)}) / {_num(prev.value)} = {_num(pt, True)}"
            else:
                pt = cur.value - prev.value
                civ = _sub(cur.iv, prev.iv)
                formula = f"{_num(cur.value)} - {_num(prev.value)} = {_num(pt)}"
            if pt < 0 and f.value > 0:  # a decrease stated as a positive amount (تراجع بنسبة 10%)
                pt, civ = -pt, (-civ[1], -civ[0])
            v, how = _verdict(pt, civ, f, self.s)
            self.add(rule, [cur, prev, f], pt, civ, f, v,
                     f"{_name(cur)}: {formula} ({_period(cur)} against {_period(prev)}) against the stated {_stated_en(f)}: {v}" + (f" ({how})." if how and how != "as written" else "."),
                     f"{formula} مقابل المعلن {_stated_ar(f)}: {VERDICT_AR[v]}.", unit="percent" if rule == "growth" else "count")

    def shares(self):
        for f in self.facts:
            if f.role != "share_pct":
                continue
            whole = next((g for g in self.facts if g.doc == f.doc and g.start > f.start and g.quote == f.quote and g.role == "level" and g.kind != "percent"), None)
            part = next((g for g in self.facts if whole is not None and g.parent == whole.id), None)
            if whole is None or part is None:
                self.add("share", [f], None, None, f, "unverifiable",
                         f"The stated share {_stated_en(f)} cannot be checked: the text does not give both the part and the whole.",
                         f"لا يمكن التحقق من النسبة المعلنة {_stated_ar(f)}: لا يذكر النص الجزء والكل معا.")
                continue
            pt = part.value / whole.value * 100
            civ = _ratio_pct(part.iv, whole.iv)
            v, how = _verdict(pt, civ, f, self.s)
            self.add("share", [whole, part, f], pt, civ, f, v,
                     f"{_num(part.value)} / {_num(whole.value)} = {_num(pt, True)} against the stated {_stated_en(f)}: {v}.",
                     f"{_num(part.value)} / {_num(whole.value)} = {_num(pt, True)} مقابل النسبة المعلنة {_stated_ar(f)}: {VERDICT_AR[v]}.", unit="percent")

    # across articles ----------------------------------------------------
    def cross_documents(self):
        related = {m: set(fam) for fam in self.s["related_measures"] for m in fam}
        levels = [f for f in self.facts if f.role in self.s["cross_document_roles"] and f.kind == "number" and f.subject and f.measure]
        ancestors = _ancestors()
        for i, a in enumerate(levels):
            for b in levels[i + 1:]:
                if a.doc == b.doc or (a.country and b.country and a.country != b.country):
                    continue
                if a.parent and b.parent:
                    continue  # parts of two different totals (a service's count vs a platform's) are not comparable
                same_measure = a.measure == b.measure
                same_subject = a.subject == b.subject
                related_pair = (not same_measure and b.measure in related.get(a.measure, ()) and (
                    same_subject or a.subject in ancestors(b.subject) or b.subject in ancestors(a.subject)))
                if not ((same_measure and same_subject) or related_pair):
                    continue
                x, y = sorted([a, b], key=lambda f: f.doc)
                overlap = _overlap(x.iv, y.iv)
                same_period = x.period_iso is not None and x.period_iso == y.period_iso
                if overlap:
                    v = "consistent"
                    why, why_ar = "the two figures' intervals overlap", "مجالا الرقمين متداخلان"
                elif related_pair:
                    v, why, why_ar = "unverifiable", "related but different measures", "مقياسان مرتبطان لكنهما مختلفان"
                elif same_period:
                    v, why, why_ar = "inconsistent", f"the same period ({_period(x)}) is stated differently", "الفترة نفسها بأرقام مختلفة"
                elif x.period_iso and y.period_iso:
                    v = "consistent"
                    why, why_ar = f"different periods ({x.period_iso} vs {y.period_iso}): a series, not a conflict", "فترتان مختلفتان: سلسلة لا تعارض"
                else:
                    v, why, why_ar = "unverifiable", "the periods are not both known", "الفترتان غير معروفتين معا"
                what = x.measure if same_measure else f"{x.measure} / {y.measure}"
                self.add("cross_document", [x, y], y.value / x.value if x.value else None, None, None, v,
                         f"{_name(x)}, {what}: {x.doc} states {_stated_en(x)} ({_period(x)}), {y.doc} states {_stated_en(y)} ({_period(y)}); {why}: {v}.",
                         f"{x.subject_ar or ''}: {x.doc} يذكر {_stated_ar(x)}، و{y.doc} يذكر {_stated_ar(y)}؛ {why_ar}: {VERDICT_AR[v]}.",
                         unit="ratio", claim=y)

    # against the world --------------------------------------------------
    def plausibility(self):
        for f in self.facts:
            if f.kind != "number" or f.role != "level" or not f.country:
                continue
            people = f.measure in self.s["people_measures"]
            flow = f.measure in self.s["flow_measures"] and f.parent is None
            if not (people or flow):
                continue
            pop = ref.population(f.country, reference=self.reference)
            if pop is None:
                self.add("plausibility", [f], None, None, f, "unverifiable",
                         f"No population figure for {f.country} in the reference data.", f"لا يوجد عدد سكان لـ {f.country} في البيانات المرجعية.")
                continue
            src = f"population {_num(pop.value)} ({pop.source.split(',')[0]}, {pop.year})"
            src_ar = f"عدد السكان {_num(pop.value)} ({pop.year})"
            if people:
                v = "consistent" if f.low <= pop.value else "inconsistent"
                self.add("plausibility", [f], f.low / pop.value * 100, None, f, v,
                         f"{_name(f)}: {_stated_en(f)} {f.measure.replace('_', ' ')} must not exceed the {src}: {_num(f.low / pop.value * 100, True)} of it, {v}.",
                         f"{_stated_ar(f)} يجب ألا يتجاوز {src_ar}: {VERDICT_AR[v]}.", unit="percent_of_population")
                continue
            months = _months(f)
            if months is None:
                self.add("plausibility", [f], None, None, f, "unverifiable",
                         f"{_stated_en(f)} {f.measure}: the period is not stated precisely enough to compute a monthly rate per resident.",
                         f"{_stated_ar(f)}: الفترة غير محددة بما يكفي لحساب معدل شهري للفرد.")
                continue
            per = f.value / months / pop.value
            v = "consistent" if f.low / months / pop.value <= self.s["per_capita_month_max"] else "inconsistent"
            self.add("plausibility", [f], per, None, f, v,
                     f"{_name(f)}: {_stated_en(f)} {f.measure.replace('_', ' ')} over {months} month(s) is {per:.3f} per resident per month ({src}); the sane ceiling is {self.s['per_capita_month_max']:g}: {v}.",
                     f"{_stated_ar(f)} خلال {_months_ar(months)} = {per:.3f} لكل فرد شهريا ({src_ar}): {VERDICT_AR[v]}.", unit="per_capita_month")


def _months_ar(n: int) -> str:
    return "شهر واحد" if n == 1 else ("شهرين" if n == 2 else (f"{n} أشهر" if n <= 10 else f"{n} شهرا"))


def _months(f: _F) -> int | None:
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


@lru_cache(maxsize=1)
def _ancestors():
    from . import lexicon as lx

    rows = lx.entity_rows()

    def up(entity_id: str | None) -> set[str]:
        out: set[str] = set()
        if not entity_id:
            return out
        iso = entity_id.split(".", 1)[0]
        cur = entity_id
        template = lambda e: e.replace("{iso3}", iso)  # noqa: E731
        by_id = {template(k): v for k, v in rows.items()}
        while cur in by_id and by_id[cur].parent_id:
            cur = template(by_id[cur].parent_id)
            out.add(cur)
        return out

    return up


def audit(facts: pd.DataFrame, reference=None, settings: dict | None = None) -> pd.DataFrame:
    """Recheck every arithmetic claim the facts imply.

    Args:
        facts: a facts table (extract_facts / facts_frame); partial tables are
            fine: missing parents, periods or previous values give "unverifiable" rows.
        reference: reference indicators (a frame from arqam.reference.load_reference,
            a CSV path, or None for the packaged countries.csv) for plausibility checks.
        settings: overrides of data/audit_settings.json.
    Returns:
        A DataFrame with AUDIT_COLUMNS, one row per check, sorted by rule (in RULES order),
        then doc_ids, then fact_ids as text. `computed_unit` says what `computed` is:
        count, percent, percent_of_whole, ratio, percent_of_population or per_capita_month.
    Raises:
        ValueError: when a column the audit cannot do without is missing.
    """
    s = {**default_settings(), **(settings or {})}
    a = _Audit(_facts(facts), reference, s)
    a.parts()
    a.majority()
    a.changes()
    a.shares()
    a.cross_documents()
    a.plausibility()
    out = pd.DataFrame(a.rows, columns=AUDIT_COLUMNS)
    if out.empty:
        return out
    order = {r: i for i, r in enumerate(RULES)}
    out = out.assign(_o=out["rule"].map(order)).sort_values(["_o", "doc_ids", "fact_ids"], kind="stable").drop(columns="_o")
    dup = out.groupby("check_id").cumcount()
    out["check_id"] = out["check_id"].where(dup == 0, out["check_id"] + "#" + (dup + 1).astype(str))
    return out.reset_index(drop=True)
