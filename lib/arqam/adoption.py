"""Digital adoption indicators from any facts table: comparable families, per resident, per internet user.

Every statistic of a facts table that measures digital adoption becomes one indicator row in a
*family* of comparable figures (data/adoption_families.csv): digital transactions and
operations per month, the value paid electronically per month (compared within one currency),
registered users, digital identities, services offered online and the share digitised, and,
kept apart from transactions, document views and inquiries and app downloads. A measure key the
family file does not name but measures.csv marks transactional counts as a transaction, so a
new measure in the lexicon reaches the comparison without a code change.

Flows are turned into monthly rates from the length of their period (a yearly count is never
set against a monthly one); stocks (users, identities) are compared per resident. Each rate is
divided by the population of the figure's own year and by the residents using the Internet that
year (World Bank / ITU, packaged in data/countries.csv), each with the interval the stated
figure admits. Parts of a larger figure of the same family are folded into it, never summed
with it; non-transactional parts (document views, inquiries) get rows of their own and are
subtracted to give the transactional remainder that the comparison uses.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from . import lexicon as lx
from . import reference as ref

FAMILIES_PATH = Path(__file__).parent / "data" / "adoption_families.csv"

ADOPTION_COLUMNS = [
    "country_iso3", "family", "family_en", "family_ar", "basis", "unit", "rate_unit_en",
    "subject_id", "subject_ar", "subject_en", "scope", "measure", "measure_en", "is_transactional",
    "period_start", "period_end", "period_iso", "period_rel", "period_ar", "period_months", "figure_year",
    "value", "value_low", "value_high", "qualifier",
    "views_value", "transactional_value",
    "per_month", "per_month_low", "per_month_high",
    "per_capita_month", "per_capita_month_low", "per_capita_month_high",
    "per_resident", "per_resident_low", "per_resident_high",
    "per_internet_user", "per_internet_user_low", "per_internet_user_high",
    "population", "population_year", "population_source", "internet_users_pct", "internet_year",
    "digital_share_pct", "digital_share_pct_stated", "yoy_growth_pct", "yoy_growth_pct_stated",
    "egdi", "egdi_year", "gtmi_score", "gtmi_year",
    "is_plausible", "audit_verdict", "fact_ids", "doc_id", "caveat_en",
]
# Kept for callers of the first version: the flows of the transactions and views families.
FLOW_MEASURES = ("operations", "transactions", "requests", "inquiries", "document_views", "payments", "visits", "appointments", "licenses")
NON_TRANSACTIONAL = ("document_views", "inquiries", "visits")
# A count of "services" this large counts deliveries (20 مليون خدمة إلكترونية), not a catalogue (see the family file).
SERVICE_DELIVERY_MIN = 10_000
# Figures about an index or survey (its sample of services, its number of countries) are not adoption.
EXCLUDED_SCOPES = ("index",)
SCOPE_LABELS = {
    "country": "national", "whole_government": "whole government", "programme": "programme", "ministry": "ministry",
    "platform": "platform", "quoted": "platform", "agency": "agency", "channel": "channel", "service": "service",
    "activity": "activity",  # what a figure is the amount of, stated without a name (الجباية الإلكترونية)
    "person": "person",  # a donor's gift
}
# Broadest first: the figure a country is compared on is the broadest one of its family.
SCOPE_BREADTH = {"national": 0, "whole government": 0, "programme": 1, "ministry": 2, "platform": 3, "agency": 4, "channel": 4, "activity": 4, "service": 5, "person": 6}
_SEVERITY = {"inconsistent": 0, "rounding": 1, "consistent": 2, "unverifiable": 3}


@dataclass(frozen=True)
class Family:
    """One family of comparable indicators (a row group of data/adoption_families.csv).

    Attributes:
        family: key, e.g. "e_transactions".
        order: position in tables and charts.
        label_en, label_ar: names shown in charts.
        basis: "flow" (a count over a period, compared per month), "stock" (a level, per
            resident), "count" (a number of services, not per resident) or "share" (a percent).
        is_transactional: False for views, inquiries and downloads (never set against transactions).
        unit_en, unit_ar: what the compared figure is.
    """

    family: str
    order: int
    label_en: str
    label_ar: str
    basis: str
    is_transactional: bool
    unit_en: str
    unit_ar: str


@dataclass(frozen=True)
class _Rule:
    family: Family
    kind: str
    roles: frozenset
    measures: frozenset
    min_value: float
    max_value: float


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    out = []
    with FAMILIES_PATH.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            fam = Family(r["family"], int(r["order"]), r["label_en"], r["label_ar"], r["basis"], r["is_transactional"] == "true",
                         r["unit_en"], r["unit_ar"])
            out.append(_Rule(fam, r["kind"], frozenset(r["roles"].split("|")), frozenset(r["measures"].split("|")),
                             float(r["min_value"] or "-inf"), float(r["max_value"] or "inf")))
    return tuple(out)


def families() -> dict[str, Family]:
    """The indicator families, keyed and ordered as in data/adoption_families.csv."""
    out: dict[str, Family] = {}
    for rule in sorted(_rules(), key=lambda r: r.family.order):
        out.setdefault(rule.family.family, rule.family)
    return out


@lru_cache(maxsize=1)
def _transactional_measures() -> frozenset:
    return frozenset(m.measure for m in lx.measures().values() if m.is_transactional)


def family_of(measure, kind, role, value) -> Family | None:
    """The family a statistic belongs to, or None when it does not measure adoption.

    Args:
        measure: canonical measure key (facts' `measure`).
        kind: "number", "money" or "percent".
        role: facts' `role` ("level", "rate_pct", …).
        value: the figure (a "services" count of 10,000 or more counts deliveries).
    Returns:
        The Family; a measure no family names but measures.csv marks transactional counts as
        a digital transaction when it is a level in numbers.
    """
    if _na(measure):
        return None
    for rule in _rules():
        if (measure in rule.measures and kind == rule.kind and role in rule.roles
                and rule.min_value <= value <= rule.max_value):
            return rule.family
    named = {m for rule in _rules() for m in rule.measures}
    if measure not in named and measure in _transactional_measures() and kind == "number" and role == "level":
        return families()["e_transactions"]
    return None


def _na(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _txt(v):
    return None if _na(v) else v


def adoption_indicators(facts: pd.DataFrame, reference=None, checks: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per adoption figure (country, family, subject, measure, period), with its comparable rates.

    Args:
        facts: any facts table with the columns of arqam.facts.FACT_COLUMNS (extract_facts / facts_frame).
        reference: reference indicators (frame, CSV path, or None for the packaged file).
        checks: the audit of these facts; computed with `audit(facts, reference)` when None.
    Returns:
        A DataFrame with ADOPTION_COLUMNS, sorted by country, family, subject, measure, period.
        `per_capita_month` is the stated figure per resident per month (flows); `per_resident`
        is the figure the family compares (flows: the transactional part per resident per month;
        stocks: per resident; counts and shares: empty), `per_internet_user` the same per
        resident using the Internet. Every row names its population and its year.
    """
    if facts is None or facts.empty:
        return pd.DataFrame(columns=ADOPTION_COLUMNS)
    refs = reference if isinstance(reference, pd.DataFrame) else ref.load_reference(reference)
    if checks is None:
        from .audit import audit

        checks = audit(facts, refs)
    rows = [dict(r, fact_id=str(r["fact_id"])) for r in facts.to_dict("records")]
    by_id = {r["fact_id"]: r for r in rows}
    fam = {r["fact_id"]: _family_of_row(r) for r in rows}
    children: dict[str, list[str]] = {}
    for r in rows:
        p = _txt(r.get("parent_fact_id"))
        if p is not None and p in by_id:
            children.setdefault(p, []).append(r["fact_id"])
    share_parent = {r["fact_id"]: r["parent_fact_id"] for r in rows if "parent:share_sentence" in str(r.get("rule", ""))}
    whole_of_share = set(share_parent.values())

    picked = [r for r in rows if fam[r["fact_id"]] is not None and r["fact_id"] not in whole_of_share
              and not _folded(r, fam, by_id, share_parent)]
    picked = _drop_repeats(picked, fam)
    index = _Index(rows, checks)
    lookup = _RefLookup(refs)
    out = [_indicator(r, fam[r["fact_id"]], by_id, children, fam, share_parent, index, lookup) for r in picked]
    frame = pd.DataFrame(out, columns=ADOPTION_COLUMNS)
    frame = _schema().validate(frame)
    order = {k: f.order for k, f in families().items()}
    frame["_o"] = frame["family"].map(order)
    frame = frame.sort_values(["country_iso3", "_o", "subject_id", "measure", "period_rel", "period_iso", "fact_ids"],
                              na_position="last", kind="stable")
    return frame.drop(columns="_o").reset_index(drop=True)


@lru_cache(maxsize=1)
def _schema() -> pa.DataFrameSchema:
    """The indicator table at the stage boundary: known families and bases, intervals that hold their figure."""
    num = {c: pa.Column(float, nullable=True, coerce=True) for c in ADOPTION_COLUMNS
           if c.startswith(("value", "per_", "views_", "transactional_", "population", "internet_", "digital_", "yoy_", "egdi", "gtmi"))
           and c != "population_source" and not c.endswith("_year")}
    num.update(value=pa.Column(float, coerce=True), value_low=pa.Column(float, coerce=True), value_high=pa.Column(float, coerce=True))
    interval = [pa.Check(lambda df, c=c: ~(df[f"{c}_low"] > df[c]) & ~(df[c] > df[f"{c}_high"]), error=f"{c}_low <= {c} <= {c}_high")
                for c in ("value", "per_resident", "per_internet_user")]
    return pa.DataFrameSchema(
        {**num, "family": pa.Column(str, pa.Check.isin(list(families()))),
         "basis": pa.Column(str, pa.Check.isin(("flow", "stock", "count", "share"))),
         "is_transactional": pa.Column(bool), "is_plausible": pa.Column(bool),
         "fact_ids": pa.Column(str), "doc_id": pa.Column(str), "caveat_en": pa.Column(str)},
        checks=interval, strict=False, ordered=False,
    )


def _family_of_row(r) -> Family | None:
    if r.get("subject_scope") in EXCLUDED_SCOPES or _na(r.get("value")):
        return None
    return family_of(r.get("measure"), r.get("kind"), r.get("role"), float(r["value"]))


def _folded(r, fam, by_id, share_parent) -> bool:
    """True when an ancestor of this figure is in the same family: it is a part of that total, not a row."""
    if r["fact_id"] in share_parent:
        return False  # the digital part of an all-channel total is the adoption figure
    seen, cur = set(), _txt(r.get("parent_fact_id"))
    while cur is not None and cur in by_id and cur not in seen:
        seen.add(cur)
        if fam.get(cur) is not None and fam[cur].family == fam[r["fact_id"]].family:
            return True
        cur = _txt(by_id[cur].get("parent_fact_id"))
    return False


def _subject_key(r):
    return _txt(r.get("subject_id")) or _txt(r.get("subject_ar"))


def _drop_repeats(picked, fam):
    """One row per figure: an article repeating a figure, or leaving undated a figure it dates elsewhere, gives one row."""
    dated = {(r["doc_id"], _subject_key(r), r.get("measure")) for r in picked if not _na(r.get("period_iso"))}
    out, seen = [], set()
    for r in picked:
        key = (r["doc_id"], _subject_key(r), r.get("measure"))
        if _na(r.get("period_iso")) and key in dated:
            continue
        same = key + (fam[r["fact_id"]].family, float(r["value"]), _txt(r.get("period_iso")), _txt(r.get("period_rel")), _txt(r.get("unit")))
        if same in seen:
            continue
        seen.add(same)
        out.append(r)
    return out


class _Index:
    """Look-ups by key, built once: previous-year figures, stated percents, audit verdicts."""

    def __init__(self, rows, checks):
        self.previous, self.change_pct, self.share_pct = {}, {}, {}
        for x in rows:
            key = (x["doc_id"], x.get("measure"), _txt(x.get("subject_id")))
            if x.get("role") == "level" and x.get("kind") == "number" and x.get("period_rel") == "previous_year":
                self.previous.setdefault(key, x)
            if x.get("role") == "change_pct":
                self.change_pct.setdefault(key, []).append(x)
            if x.get("role") == "share_pct":
                self.share_pct.setdefault((x["doc_id"], x.get("quote_ar")), x)
        self.verdicts: dict[str, list[str]] = {}
        if checks is not None and not checks.empty:
            for ids, verdict in zip(checks["fact_ids"], checks["verdict"]):
                for i in str(ids).split(";"):
                    self.verdicts.setdefault(i, []).append(verdict)

    def verdict(self, fact_ids) -> str | None:
        found = [v for i in fact_ids for v in self.verdicts.get(i, ())]
        return min(found, key=lambda v: _SEVERITY.get(v, 9)) if found else None


class _RefLookup:
    """Reference figures from an index built once, memoized per (country, indicator, year)."""

    def __init__(self, refs):
        self.index, self.memo = ref.ReferenceIndex(refs), {}

    def get(self, fn, iso3, year):
        return self._memo((fn.__name__, iso3, year), lambda: fn(iso3, year, self.index))

    def edition(self, iso3, indicator, year):
        return self._memo((indicator, iso3, year), lambda: self.index.figure(iso3, indicator, year, nearest=True))

    def _memo(self, key, compute):
        if key not in self.memo:
            self.memo[key] = compute() if key[1] else None
        return self.memo[key]


def _indicator(r, family: Family, by_id, children, fam, share_parent, index: _Index, lookup: _RefLookup) -> dict:
    fid = r["fact_id"]
    used = [fid]
    country = _txt(r.get("country_iso3"))
    scope = SCOPE_LABELS.get(_txt(r.get("subject_scope")), _txt(r.get("subject_scope")))
    flow = family.basis == "flow"
    months = _months_of(r) if flow else None
    year = _year_of(r, flow)
    views = 0.0
    if family.is_transactional and flow:
        for d in _descendants(fid, children):
            dr = by_id[d]
            if dr.get("measure") in NON_TRANSACTIONAL and dr.get("kind") == "number" and dr.get("role") == "level":
                views += float(dr["value"])
                used.append(d)
    value, low, high = float(r["value"]), float(r["value_low"]), float(r["value_high"])
    row = {
        "country_iso3": country, "family": family.family, "family_en": family.label_en, "family_ar": family.label_ar,
        "basis": family.basis, "unit": _txt(r.get("unit")) if r.get("kind") == "money" else None,
        "rate_unit_en": _rate_unit(family, r),
        "subject_id": _txt(r.get("subject_id")), "subject_ar": _txt(r.get("subject_ar")), "subject_en": _txt(r.get("subject_en")),
        "scope": scope, "measure": r.get("measure"), "measure_en": _txt(r.get("measure_en")), "is_transactional": family.is_transactional,
        "period_start": _txt(r.get("period_start")), "period_end": _txt(r.get("period_end")), "period_iso": _txt(r.get("period_iso")),
        "period_rel": _txt(r.get("period_rel")), "period_ar": _txt(r.get("period_ar")), "period_months": months, "figure_year": year,
        "value": value, "value_low": low, "value_high": high, "qualifier": r.get("qualifier"),
        "views_value": views if views else None,
        "transactional_value": (value - views) if family.is_transactional else 0.0,
    }
    if months:
        row.update(per_month=value / months, per_month_low=low / months, per_month_high=high / months)
    pop = lookup.get(ref.population, country, year)
    if pop is not None:
        row.update(population=pop.value, population_year=pop.year, population_source=pop.source)
        if months:
            row.update(per_capita_month=row["per_month"] / pop.value, per_capita_month_low=row["per_month_low"] / pop.value,
                       per_capita_month_high=row["per_month_high"] / pop.value)
        base = _compared(family, value, low, high, views, months)
        if base is not None:
            row.update(per_resident=base[0] / pop.value, per_resident_low=base[1] / pop.value, per_resident_high=base[2] / pop.value)
            net = lookup.get(ref.internet_users_pct, country, year)
            if net is not None and net.value > 0:
                share = net.value / 100
                row.update(internet_users_pct=net.value, internet_year=net.year, per_internet_user=row["per_resident"] / share,
                           per_internet_user_low=row["per_resident_low"] / share, per_internet_user_high=row["per_resident_high"] / share)
    whole_id = share_parent.get(fid)
    if whole_id is not None and whole_id in by_id and by_id[whole_id]["value"]:
        whole = by_id[whole_id]
        row["digital_share_pct"] = value / float(whole["value"]) * 100
        used.append(whole_id)
        stated = index.share_pct.get((r["doc_id"], whole.get("quote_ar")))
        if stated is not None:
            row["digital_share_pct_stated"] = stated["value"]
            used.append(stated["fact_id"])
    key = (r["doc_id"], r.get("measure"), _txt(r.get("subject_id")))
    prev = index.previous.get(key) if r.get("period_rel") != "previous_year" and r.get("kind") == "number" else None
    if prev is not None and prev["fact_id"] != fid and prev["value"]:
        row["yoy_growth_pct"] = (value - prev["value"]) / prev["value"] * 100
        used.append(prev["fact_id"])
        stated = index.change_pct.get(key, [])
        if stated:
            row["yoy_growth_pct_stated"] = stated[0]["value"]
            used.extend(x["fact_id"] for x in stated)
    for indicator, col, year_col in (("egdi", "egdi", "egdi_year"), ("gtmi_score", "gtmi_score", "gtmi_year")):
        f = lookup.edition(country, indicator, year)
        if f is not None:
            row[col], row[year_col] = f.value, f.year
    row["is_plausible"], why = _plausible(row, family, r.get("kind"))
    row["audit_verdict"] = index.verdict(used)
    row["fact_ids"] = ";".join(used)
    row["doc_id"] = r["doc_id"]
    row["caveat_en"] = _caveat(row) + (f"; left out of the comparison: {why}" if why else "")
    return row


@lru_cache(maxsize=1)
def _ceiling() -> float:
    import json

    path = Path(__file__).parent / "data" / "audit_settings.json"
    return float(json.loads(path.read_text(encoding="utf-8"))["per_capita_month_max"])


def _plausible(row: dict, family: Family, kind) -> tuple[bool, str | None]:
    """Whether a figure can be compared: a count is a whole number, a rate stays below the audit's ceilings."""
    if kind == "number" and family.basis != "share" and not float(row["value"]).is_integer():
        return False, f"{row['value']:g} is not a whole number, so not a count as written (a misread separator?)"
    low = row.get("per_capita_month_low")
    if family.basis == "flow" and kind == "number" and not _na(low) and low > _ceiling():
        return False, f"{low:.3g} per resident per month is above the ceiling of {_ceiling():g} (audit_settings.json)"
    if family.basis == "stock" and not _na(row.get("population")) and row["value_low"] > row["population"]:
        return False, f"{row['value_low']:,.0f} exceeds the population ({row['population']:,.0f})"
    return True, None


def _compared(family: Family, value, low, high, views, months):
    """The (value, low, high) the family compares per resident, or None (counts, shares, flows with no period)."""
    if family.basis == "stock":
        return value, low, high
    if family.basis == "flow" and months:
        # parts that exceed their total (the audit flags it) leave no transactional remainder, never a negative one
        return max(value - views, 0.0) / months, max(low - views, 0.0) / months, max(high - views, 0.0) / months
    return None


def _rate_unit(family: Family, r) -> str:
    if family.basis == "flow" and r.get("kind") == "money":
        return f"{_txt(r.get('unit')) or 'currency unknown'} per resident per month"
    return family.unit_en


def _descendants(fid: str, children: dict) -> list[str]:
    out, stack, seen = [], list(children.get(fid, ())), {fid}
    while stack:
        c = stack.pop()
        if c in seen:
            continue
        seen.add(c)
        out.append(c)
        stack.extend(children.get(c, ()))
    return out


def _months_of(r) -> int | None:
    """Length of a flow's period in months; None for an open period ("until the end of 2016") or none."""
    iso, start, end = _txt(r.get("period_iso")), _txt(r.get("period_start")), _txt(r.get("period_end"))
    if start and end:
        s, e = pd.Timestamp(start), pd.Timestamp(end)
        days = (e - s).days + 1
        return None if days < 28 else max(1, round(days / 30.44))  # a date is a point in time, not a month
    if end and not start:
        return None  # a figure up to a date, from an unstated start
    if not iso:
        return None
    iso = str(iso)
    if iso.startswith("--") and len(iso) == 4 or (len(iso) == 7 and iso[4] == "-" and iso[5:].isdigit()):
        return 1
    if len(iso) == 4 and iso.isdigit():
        return 12
    if len(iso) == 7 and iso[5] in "QH":
        return 3 if iso[5] == "Q" else 6
    return None


def _year_of(r, flow: bool) -> int | None:
    """The year the figure is for: a flow's mid-period year, a stock's as-of year; None when unstated."""
    start, end, iso = _txt(r.get("period_start")), _txt(r.get("period_end")), _txt(r.get("period_iso"))
    if start and end and flow:
        s, e = pd.Timestamp(start), pd.Timestamp(end)
        return (s + (e - s) / 2).year
    if end:
        return pd.Timestamp(end).year
    if start:
        return pd.Timestamp(start).year
    if iso and str(iso)[:4].isdigit():
        return int(str(iso)[:4])
    return None


def _caveat(row: dict) -> str:
    parts = [f"{row['family_en'].lower()}; scope: {row['scope'] or 'unknown'}" + (f" ({row['subject_en']})" if row.get("subject_en") else "")]
    if row["basis"] == "flow":
        if row.get("period_months"):
            year_note = "" if row.get("figure_year") is not None else ", year not stated"
            parts.append(f"period: {row['period_months']} month(s), {row['period_iso']}{year_note}")
        else:
            parts.append("period: not stated or open-ended, no monthly rate")
    elif row.get("period_iso"):
        parts.append(f"as of {row['period_iso']}")
    if row.get("unit"):
        parts.append(f"in {row['unit']}: compared only with figures in the same currency")
    elif row["rate_unit_en"].startswith("currency unknown"):
        parts.append("an amount whose currency is not identified: compared with nothing")
    if not _na(row.get("population")):
        note = "" if row.get("figure_year") in (None, row["population_year"]) else f" for a {row['figure_year']} figure"
        if row.get("figure_year") is None:
            note = ", latest: the figure's year is not stated"
        parts.append(f"population: {row['population']:,.0f} ({row['population_year']}, {str(row['population_source']).split(',')[0]}{note})")
    elif row.get("country_iso3"):
        parts.append(f"no population for {row['country_iso3']} in the reference data")
    else:
        parts.append("country unknown")
    if not _na(row.get("internet_users_pct")):
        parts.append(f"internet users: {row['internet_users_pct']:.1f} % ({row['internet_year']})")
    elif not _na(row.get("per_resident")):
        parts.append("no internet-use figure within 2 years of the figure")
    if row.get("views_value"):
        parts.append(f"includes {row['views_value']:,.0f} document views or inquiries (non-transactional), left out of the compared rate")
        if row["views_value"] > row["value"]:
            parts.append("the views stated exceed the total they are part of: no transactional remainder")
    if not row["is_transactional"]:
        parts.append("views, inquiries or downloads, not completed transactions")
    if row["qualifier"] != "exact":
        parts.append(f"stated as {str(row['qualifier']).replace('_', ' ')}")
    return "; ".join(parts)
