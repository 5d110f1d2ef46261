"""Recheck the arithmetic claims of the articles, with verdicts that respect hedges and rounding.

The claims come from arqam.claims (one row per claim an article states or implies); each
check rechecks one claim and names it. Each figure is an interval (from its hedge and
written precision, see arqam.numbers). A check computes a value from some figures and
compares it with a stated one:

1. the computation on the figures as written falls inside the stated figure's
   interval -> "consistent";
2. it holds only if the stated figure was truncated, or rounded more coarsely than
   written (62/375 = 16.53% stated as 16%; 735% stated as 700%) -> "rounding";
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


DATA_DIR = Path(__file__).parent / "data"
AUDIT_COLUMNS = [
    "check_id", "claim_id", "rule", "doc_ids", "fact_ids", "computed", "computed_unit", "stated", "computed_low", "computed_high",
    "stated_low", "stated_high", "verdict", "explanation_en", "explanation_ar",
]
VERDICTS = ("consistent", "rounding", "inconsistent", "unverifiable")
RULES = ("sum", "part_of", "share", "growth", "difference", "direction", "series", "rate", "comparison", "majority",
         "cross_document", "plausibility", "rank_change")
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
        """The precision a round whole figure may have been rounded to: 700 -> 100, 40 -> 10, 45 -> 1."""
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
        step = max(step, stated.round_unit)  # a round percent (700%) may be rounded to its last non-zero digit
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

    figs = {f.id: f for v in views.values() for f in (*v.figs, *v.ranks, *v.places)}
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
        percent_of_whole, percent_of_population, per_capita_month or places (of a change of rank:
        places gained, negative when places were lost).
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
    from .audit_checks import CHECKS, Checker

    a = Checker(views, reference, s)
    for c in cs:
        CHECKS[c.kind](a, c)
    out = pd.DataFrame(a.rows, columns=AUDIT_COLUMNS)
    if out.empty:
        return out
    order = {r: i for i, r in enumerate(RULES)}
    out = out.assign(_o=out["rule"].map(order)).sort_values(["_o", "doc_ids", "fact_ids"], kind="stable").drop(columns="_o")
    dup = out.groupby("check_id").cumcount()
    out["check_id"] = out["check_id"].where(dup == 0, out["check_id"] + "#" + (dup + 1).astype(str))
    return out.reset_index(drop=True)
