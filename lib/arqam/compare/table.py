"""The comparison table, each country's compared figure per family, and the ranking.

Rows of `arqam.adoption.adoption_indicators` are labelled (Arabic and English country
names), rounded for reading, and grouped into comparable sets: a family, and for money its
currency. Within a set each country is compared on one figure, its largest plausible one
(never a sum of figures whose scopes may overlap); every other figure stays in the table.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import adoption
from .. import reference as ref

COMPARISON_COLUMNS = [
    "country_iso3", "country_en", "country_ar", "country_label",
    "family", "family_en", "family_ar", "basis", "unit", "rate_unit_en", "compare_set", "is_headline",
    "subject_id", "subject_ar", "subject_en", "scope", "measure", "measure_en",
    "is_transactional", "is_included_elsewhere", "included_in_subject_id", "is_plausible",
    "period_iso", "period_start", "period_end", "period_rel", "period_ar", "period_months", "figure_year", "qualifier",
    "value", "value_low", "value_high", "value_display", "views_value", "transactional_value",
    "per_capita_month", "per_capita_month_low", "per_capita_month_high", "per_capita_month_display",
    "compared", "compared_low", "compared_high", "compared_display",
    "per_internet_user", "per_internet_user_low", "per_internet_user_high", "per_internet_user_display",
    "population", "population_year", "population_source", "internet_users_pct", "internet_year",
    "digital_share_pct", "digital_share_pct_stated", "digital_share_display",
    "yoy_growth_pct", "yoy_growth_pct_low", "yoy_growth_pct_high", "yoy_growth_pct_stated", "yoy_growth_display",
    "egdi", "egdi_year", "gtmi_score", "gtmi_year", "audit_verdict", "caveat_en", "doc_id", "fact_ids",
]
# What an analyst reads first: labels, the rounded figures, the caveat.
DISPLAY_COLUMNS = [
    "country_label", "family_en", "subject_ar", "subject_en", "scope", "measure_en", "period_iso", "period_months",
    "value_display", "compared_display", "rate_unit_en", "per_internet_user_display", "digital_share_display",
    "yoy_growth_display", "egdi", "gtmi_score", "is_headline", "audit_verdict", "caveat_en",
]
RANKING_COLUMNS = [
    "family", "family_en", "family_ar", "compare_set", "rate_unit_en", "rank", "rank_range", "n_countries",
    "country_iso3", "country_label", "country_en", "compared", "compared_low", "compared_high", "compared_display",
    "per_internet_user_display", "subject_ar", "subject_en", "scope", "period_iso", "population_year",
    "n_figures", "egdi", "egdi_year", "fact_ids",
]
_PERIOD_REL_ORDER = {"current": 0, "previous_year": 1}
_NUMERIC = [
    "value", "value_low", "value_high", "per_capita_month", "per_capita_month_low", "per_capita_month_high",
    "per_resident", "per_resident_low", "per_resident_high", "per_internet_user", "per_internet_user_low",
    "per_internet_user_high", "digital_share_pct", "digital_share_pct_stated", "yoy_growth_pct", "yoy_growth_pct_stated",
    "egdi", "gtmi_score", "views_value", "transactional_value", "population", "internet_users_pct",
]


def _na(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _refs(reference) -> pd.DataFrame:
    return reference if isinstance(reference, pd.DataFrame) else ref.load_reference(reference)


def country_names(reference=None) -> dict[str, tuple[str, str]]:
    """ISO3 -> (English name, Arabic name) of every country in the reference file."""
    names = _refs(reference).drop_duplicates("iso3")
    return {r.iso3: (r.country_en, r.country_ar) for r in names.itertuples(index=False)}


def select_countries(ind: pd.DataFrame, countries: str = "", reference=None) -> pd.DataFrame:
    """Keep the indicator rows of some countries; an empty selection keeps every country.

    Args:
        ind: adoption indicators (or a comparison table).
        countries: ISO3 codes, comma-separated, any case; empty keeps every row, including
            rows whose country is unknown.
        reference: reference frame or CSV path (None: the packaged file) naming the known countries.
    Returns:
        The rows of those countries, index reset.
    Raises:
        ValueError: a code the reference file does not know (a typo fails loudly).
    """
    codes = [c.strip().upper() for c in str(countries or "").split(",") if c.strip()]
    if not codes:
        return ind.reset_index(drop=True)
    known = country_names(reference)
    unknown = sorted(set(codes) - set(known))
    if unknown:
        raise ValueError(f"unknown country code(s) {unknown}; the reference file knows {sorted(known)}")
    return ind[ind["country_iso3"].isin(codes)].reset_index(drop=True)


def _included_in(ind: pd.DataFrame) -> pd.Series:
    """For a views or inquiries row whose figure is inside another row's views_value: that row's subject_id."""
    out = pd.Series([None] * len(ind), index=ind.index, dtype=object)
    if ind.empty or "views_value" not in ind.columns:
        return out
    parent_of: dict[tuple[str, str], str] = {}
    has_views = pd.to_numeric(ind["views_value"], errors="coerce").fillna(0) > 0
    for doc, ids, subject in zip(ind.loc[has_views, "doc_id"], ind.loc[has_views, "fact_ids"], ind.loc[has_views, "subject_id"]):
        for i in str(ids).split(";")[1:]:
            parent_of[(doc, i)] = subject if isinstance(subject, str) else ""
    own = ind["fact_ids"].astype(str).str.split(";").str[0]
    tx = ind["is_transactional"].fillna(True).astype(bool)
    for k, t, d, o in zip(ind.index, tx, ind["doc_id"], own):
        if not t and (d, o) in parent_of:
            out[k] = parent_of[(d, o)]
    return out


def fmt_count(x) -> str:
    """A count to the unit with thousands separators (two decimals below 100 when fractional)."""
    if _na(x):
        return ""
    if math.isinf(x):
        return "∞"
    return f"{x:,.0f}" if float(x).is_integer() or abs(x) >= 100 else f"{x:,.2f}"


def fmt_rate(x) -> str:
    """A rate to 4 decimals, or 3 significant digits below 0.01."""
    if _na(x):
        return ""
    if math.isinf(x):
        return "∞"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 0.01 or x == 0:
        return f"{x:.4f}"
    return np.format_float_positional(x, precision=3, fractional=False, trim="-")


def with_interval(v, lo, hi, fmt) -> str:
    """"v (lo–hi)", "more than lo" for an unbounded figure, or just v when exact."""
    if _na(v):
        return ""
    if not _na(hi) and math.isinf(hi):
        return f"more than {fmt(lo if not _na(lo) else v)}"
    if _na(lo) or _na(hi) or (lo == v == hi):
        return fmt(v)
    return f"{fmt(v)} ({fmt(lo)}–{fmt(hi)})"


def _fmt_pct(v, stated, signed=False, lo=None, hi=None) -> str:
    if _na(v) and _na(stated):
        return ""
    sign = "+" if signed else ""
    out = "" if _na(v) else f"{v:{sign}.2f} %"
    if not _na(v) and not _na(lo) and not _na(hi):
        out += f" ({lo:{sign}.1f} to {hi:{sign}.1f})"
    if not _na(stated):
        out += ("; " if out else "") + f"stated {stated:g} %"
    return out


def _growth_interval(t: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Growth bounds from the intervals of the current and previous-year figures, when both rows are here."""
    keys = ["doc_id", "family", "subject_id", "measure"]
    k = t[keys].astype(object).where(t[keys].notna(), "\0")  # a missing key still matches its twin
    prev = t.loc[t["period_rel"] == "previous_year", ["value_low", "value_high"]].join(k).drop_duplicates(keys)
    cur = k.assign(_i=np.arange(len(t))).merge(prev, on=keys, how="left").sort_values("_i")
    plo, phi = cur["value_low"].to_numpy(float), cur["value_high"].to_numpy(float)
    ok = (t["period_rel"] != "previous_year").to_numpy() & t["yoy_growth_pct"].notna().to_numpy() & (plo > 0) & (phi > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lows = np.where(ok, (t["value_low"].to_numpy(float) / phi - 1) * 100, np.nan)
        highs = np.where(ok, (t["value_high"].to_numpy(float) / plo - 1) * 100, np.nan)
    return lows, highs


def _compare_set(family, unit, rate_unit) -> str:
    """The set a row is compared in: its family, and for money its currency ("" when the currency is unknown)."""
    if not isinstance(family, str):
        return ""
    if isinstance(rate_unit, str) and rate_unit.startswith("currency unknown"):
        return ""  # an amount in an unidentified currency is compared with nothing
    return f"{family}:{unit}" if isinstance(unit, str) else family


def _compared(t: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The figure each row is compared on: per resident for flows and stocks, the figure itself for counts and shares."""
    own = t["basis"].isin(["count", "share"])
    out = []
    for suffix in ("", "_low", "_high"):
        out.append(pd.Series(np.where(own, t[f"value{suffix}"], t[f"per_resident{suffix}"]), index=t.index, dtype=float))
    return tuple(out)


def _headlines(t: pd.DataFrame) -> pd.Series:
    """True for the row each country is compared on in each set: its largest plausible figure, latest year on a tie."""
    ok = (t["is_plausible"].fillna(False).astype(bool) & np.isfinite(t["compared"]) & (t["compared"] > 0)
          & t["country_iso3"].notna() & (t["compare_set"] != ""))
    cand = t[ok].assign(_y=t["figure_year"].fillna(-1))
    cand = cand.sort_values(["compared", "_y", "fact_ids"], ascending=[False, False, True], kind="stable")
    first = cand.drop_duplicates(["compare_set", "country_iso3"]).index
    return pd.Series(t.index.isin(first), index=t.index)


def comparison_table(ind: pd.DataFrame, reference=None) -> pd.DataFrame:
    """The analyst-facing comparison: labels in Arabic and English, figures with intervals, caveats.

    Args:
        ind: adoption indicators (arqam.adoption.adoption_indicators).
        reference: reference frame or CSV path (None: the packaged file), for country names.
    Returns:
        A DataFrame with COMPARISON_COLUMNS: the raw numeric columns; `compared*` (the figure
        the family compares: per resident for flows and stocks, the value for service counts
        and shares) and `compare_set` (the family, and for money its currency); `is_headline`
        for the row each country is compared on in its set; `*_display` text columns rounded
        for reading; `is_included_elsewhere` for views already inside another row's total.
        Sorted by country, family, headline first, subject, measure, current before previous
        year, period.
    """
    names = country_names(reference)
    t = ind.copy().reset_index(drop=True)
    for col in COMPARISON_COLUMNS + adoption.ADOPTION_COLUMNS:
        if col not in t.columns:
            t[col] = None
    for col in _NUMERIC:
        t[col] = pd.to_numeric(t[col], errors="coerce").astype(float)
    t["is_transactional"] = t["is_transactional"].fillna(True).astype(bool)
    t["is_plausible"] = t["is_plausible"].fillna(True).astype(bool)
    t["country_en"] = [names.get(c, (None, None))[0] for c in t["country_iso3"]]
    t["country_ar"] = [names.get(c, (None, None))[1] for c in t["country_iso3"]]
    t["country_label"] = [f"{ar} / {en}" if isinstance(ar, str) else (str(c) if isinstance(c, str) else "unknown country")
                          for c, ar, en in zip(t["country_iso3"], t["country_ar"], t["country_en"])]
    t["compare_set"] = [_compare_set(f, u, k) for f, u, k in zip(t["family"], t["unit"], t["rate_unit_en"])]
    t["compared"], t["compared_low"], t["compared_high"] = _compared(t) if len(t) else (t["value"],) * 3
    t["is_headline"] = _headlines(t) if len(t) else pd.Series(dtype=bool)
    t["included_in_subject_id"] = _included_in(t)
    t["is_included_elsewhere"] = t["included_in_subject_id"].notna().astype(bool)
    t["yoy_growth_pct_low"], t["yoy_growth_pct_high"] = _growth_interval(t) if len(t) else ([], [])
    t["value_display"] = [with_interval(v, lo, hi, fmt_count) for v, lo, hi in zip(t.value, t.value_low, t.value_high)]
    t["per_capita_month_display"] = [with_interval(v, lo, hi, fmt_rate) for v, lo, hi in
                                     zip(t.per_capita_month, t.per_capita_month_low, t.per_capita_month_high)]
    t["compared_display"] = [with_interval(v, lo, hi, fmt_count if b in ("count", "share") else fmt_rate)
                             for v, lo, hi, b in zip(t.compared, t.compared_low, t.compared_high, t.basis)]
    t["per_internet_user_display"] = [with_interval(v, lo, hi, fmt_rate) for v, lo, hi in
                                      zip(t.per_internet_user, t.per_internet_user_low, t.per_internet_user_high)]
    t["digital_share_display"] = [_fmt_pct(v, s) for v, s in zip(t.digital_share_pct, t.digital_share_pct_stated)]
    t["yoy_growth_display"] = [_fmt_pct(v, s, True, lo, hi) for v, s, lo, hi in
                               zip(t.yoy_growth_pct, t.yoy_growth_pct_stated, t.yoy_growth_pct_low, t.yoy_growth_pct_high)]
    order = {k: f.order for k, f in adoption.families().items()}
    keys = pd.DataFrame({
        "c": t["country_iso3"].fillna("~").astype(str),
        "fam": t["family"].map(order).fillna(99),
        "set": t["compare_set"].astype(str),
        "h": (~t["is_headline"].astype(bool)).astype(int),
        "s": t["subject_id"].fillna("~").astype(str),
        "m": t["measure"].fillna("").astype(str),
        "rel": t["period_rel"].map(lambda v: _PERIOD_REL_ORDER.get(v, 9)),
        "p": t["period_iso"].fillna("").astype(str),
        "f": t["fact_ids"].fillna("").astype(str),
    })
    order_idx = keys.sort_values(list(keys.columns), kind="stable").index
    return t.loc[order_idx, COMPARISON_COLUMNS].reset_index(drop=True)


def _table(ind: pd.DataFrame, reference=None) -> pd.DataFrame:
    return ind if "compare_set" in ind.columns and "country_label" in ind.columns else comparison_table(ind, reference)


def ranking_table(ind: pd.DataFrame, reference=None) -> pd.DataFrame:
    """One row per country and comparable set, ranked on the country's compared figure.

    The rank is by the figure as stated ("more than" figures at their stated floor); the rank
    range says which ranks the figures' intervals allow (1 + the countries whose interval lies
    wholly above, to n - the countries wholly below), so a rank that rests on rounding shows it.

    Args:
        ind: adoption indicators or a comparison table.
        reference: reference frame or CSV path, for country names.
    Returns:
        A DataFrame with RANKING_COLUMNS, by family order, set, then rank.
    """
    t = _table(ind, reference)
    h = t[t["is_headline"].astype(bool)].copy()
    n_fig = t[t["is_plausible"].astype(bool)].groupby(["compare_set", "country_iso3"]).size()
    out = []
    order = {k: f.order for k, f in adoption.families().items()}
    for cset, g in sorted(h.groupby("compare_set"), key=lambda kv: (order.get(kv[1]["family"].iloc[0], 99), kv[0])):
        g = g.sort_values(["compared", "country_iso3"], ascending=[False, True], kind="stable").reset_index(drop=True)
        lo = g["compared_low"].fillna(g["compared"]).to_numpy(float)
        hi = g["compared_high"].fillna(g["compared"]).to_numpy(float)
        n = len(g)
        for i, r in enumerate(g.itertuples(index=False)):
            best = 1 + int(np.sum(lo > hi[i]))
            worst = n - int(np.sum(hi < lo[i]))
            row = {c: getattr(r, c) for c in RANKING_COLUMNS if hasattr(r, c)}
            row.update(rank=i + 1, rank_range=str(best) if best == worst else f"{best}–{worst}", n_countries=n,
                       n_figures=int(n_fig.get((cset, r.country_iso3), 1)))
            out.append(row)
    return pd.DataFrame(out, columns=RANKING_COLUMNS)


def period_label(r) -> str:
    """The period as written in ISO form, "a year earlier" added for a previous-year figure."""
    iso = r.period_iso if not _na(r.period_iso) else "period not stated"
    dated = str(iso)[:1].isdigit()  # a period with its year says when it is by itself
    return f"{iso}, a year earlier" if r.period_rel == "previous_year" and not dated else str(iso)


def caveat_lines(table: pd.DataFrame, reference=None) -> list[str]:
    """One line per row: the country and subject labels, then the row's caveat (scope, period, population).

    Args:
        table: a comparison table (or indicators: it is converted first).
        reference: reference frame or CSV path, for country names when converting.
    Returns:
        Lines like "المملكة العربية السعودية / Saudi Arabia · Absher (…) · operations --08: …".
    """
    table = _table(table, reference)
    out = []
    for r in table.itertuples(index=False):
        folded = f" [already counted in the {r.included_in_subject_id} total]" if r.is_included_elsewhere else ""
        out.append(f"{r.country_label} · {r.subject_en or r.subject_ar or 'subject not found'} · {r.measure} {period_label(r)}{folded}: {r.caveat_en}")
    return out


def countries_without_figures(docs: pd.DataFrame, ind: pd.DataFrame) -> pd.DataFrame:
    """The corpus's countries that have no adoption row, with their article count.

    Args:
        docs: the corpus (load_corpus), with country_iso3 from its catalog.
        ind: adoption indicators of the same corpus.
    Returns:
        country_iso3 and n_articles, sorted by code.
    """
    if "country_iso3" not in docs.columns:
        return pd.DataFrame(columns=["country_iso3", "n_articles"])
    have = set(ind["country_iso3"].dropna()) if len(ind) else set()
    counts = docs["country_iso3"].dropna().value_counts()
    rows = [(c, int(n)) for c, n in sorted(counts.items()) if c not in have]
    return pd.DataFrame(rows, columns=["country_iso3", "n_articles"])
