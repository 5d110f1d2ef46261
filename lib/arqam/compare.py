"""Cross-country comparison of the adoption indicators: table, charts, a small model, files.

Input is the frame of `arqam.adoption.adoption_indicators` (one row per country,
subject, measure and period). Rows whose figure is already counted inside another
row's total (the document views and inquiries folded into Absher's operations) are
kept in the table, flagged `is_included_elsewhere`, and left out of the charts and
the model so that nothing is counted twice.

Charts take plain Arabic strings: matplotlib >= 3.11 shapes and orders Arabic
itself (arabic_reshaper + python-bidi on top would reverse it).
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from . import reference as ref
from .store import _load_duckdb, _replace

COMPARISON_FILE_NAMES = {
    "comparison_csv": "comparison.csv",
    "comparison_parquet": "comparison.parquet",
    "duckdb": "arqam.duckdb",
}
COMPARISON_COLUMNS = [
    "country_iso3", "country_en", "country_ar", "country_label",
    "subject_id", "subject_ar", "subject_en", "scope", "measure", "measure_en",
    "is_transactional", "is_included_elsewhere", "included_in_subject_id",
    "period_iso", "period_rel", "period_ar", "period_months", "qualifier",
    "value", "value_low", "value_high", "value_display", "views_value", "transactional_value",
    "per_capita_month", "per_capita_month_low", "per_capita_month_high", "per_capita_month_display",
    "population", "population_year", "population_source",
    "digital_share_pct", "digital_share_pct_stated", "digital_share_display",
    "yoy_growth_pct", "yoy_growth_pct_low", "yoy_growth_pct_high", "yoy_growth_pct_stated", "yoy_growth_display",
    "egdi", "egdi_year", "gtmi_score", "gtmi_year", "audit_verdict", "caveat_en", "doc_id", "fact_ids",
]
# What an analyst reads first: labels, the rounded figures, the caveat.
DISPLAY_COLUMNS = [
    "country_label", "country_en", "subject_ar", "subject_en", "scope", "measure_en", "period_iso", "period_months",
    "value_display", "per_capita_month_display", "digital_share_display", "yoy_growth_display",
    "egdi", "gtmi_score", "audit_verdict", "caveat_en",
]
INDEX_COLUMNS = {"egdi": ("egdi", "egdi_year", "EGDI", "UN DESA"), "gtmi": ("gtmi_score", "gtmi_year", "GTMI", "World Bank")}
MIN_N = 10  # below this many observations the model is descriptive only
MIN_COUNTRIES = 3
_PERIOD_REL_ORDER = {"current": 0, "previous_year": 1}
_TX_COLOUR, _VIEWS_COLOUR = "#1f6f8b", "#e8a33d"


def _na(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _refs(reference) -> pd.DataFrame:
    return reference if isinstance(reference, pd.DataFrame) else ref.load_reference(reference)


def _country_names(reference) -> dict[str, tuple[str, str]]:
    refs = _refs(reference)
    names = refs.drop_duplicates("iso3")
    return {r.iso3: (r.country_en, r.country_ar) for r in names.itertuples(index=False)}


def select_countries(ind: pd.DataFrame, countries: str = "", reference=None) -> pd.DataFrame:
    """Keep the indicator rows of some countries.

    Args:
        ind: adoption indicators (or a comparison table).
        countries: ISO3 codes, comma-separated, any case; empty keeps every country.
        reference: reference frame or CSV path (None: the packaged file) naming the known countries.
    Returns:
        The rows of those countries, index reset.
    Raises:
        ValueError: a code the reference file does not know (a typo fails loudly).
    """
    codes = [c.strip().upper() for c in countries.split(",") if c.strip()]
    if not codes:
        return ind.reset_index(drop=True)
    unknown = sorted(set(codes) - set(_country_names(reference)))
    if unknown:
        raise ValueError(f"unknown country code(s) {unknown}; the reference file knows {sorted(_country_names(reference))}")
    return ind[ind["country_iso3"].isin(codes)].reset_index(drop=True)


def _included_in(ind: pd.DataFrame) -> pd.Series:
    """For a non-transactional row whose figure is already inside another row's views_value: that row's subject_id."""
    out = pd.Series([None] * len(ind), index=ind.index, dtype=object)
    if ind.empty or "fact_ids" not in ind.columns or "views_value" not in ind.columns:
        return out
    parent_of: dict[tuple[str, str], str] = {}
    has_views = pd.to_numeric(ind["views_value"], errors="coerce").fillna(0) > 0
    for doc, ids, subject in zip(ind.loc[has_views, "doc_id"], ind.loc[has_views, "fact_ids"], ind.loc[has_views, "subject_id"]):
        for i in str(ids).split(";")[1:]:
            parent_of[(doc, i)] = subject if isinstance(subject, str) else ""
    own = ind["fact_ids"].astype(str).str.split(";").str[0]
    tx = ind["is_transactional"].fillna(True).astype(bool) if "is_transactional" in ind.columns else [True] * len(ind)
    for k, t, d, o in zip(ind.index, tx, ind["doc_id"], own):
        if not t and (d, o) in parent_of:
            out[k] = parent_of[(d, o)]
    return out


def _included_elsewhere(ind: pd.DataFrame) -> pd.Series:
    """True for a non-transactional row whose figure is already inside another row's views_value."""
    return _included_in(ind).notna().astype(bool)


def _fmt_count(x) -> str:
    if _na(x):
        return ""
    if math.isinf(x):
        return "∞"
    return f"{x:,.0f}" if float(x).is_integer() or abs(x) >= 100 else f"{x:,.2f}"


def _fmt_rate(x) -> str:
    if _na(x):
        return ""
    if math.isinf(x):
        return "∞"
    if abs(x) >= 0.01 or x == 0:
        return f"{x:.4f}"
    return np.format_float_positional(x, precision=3, fractional=False, trim="-")


def _with_interval(v, lo, hi, fmt) -> str:
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


def _growth_interval(ind: pd.DataFrame) -> tuple[list[float], list[float]]:
    """Growth bounds from the intervals of the current and previous-year figures, when both rows are here."""
    lows, highs = [], []
    prev = {}
    if "period_rel" in ind.columns:
        for r in ind[ind["period_rel"] == "previous_year"].itertuples(index=False):
            prev[(r.doc_id, r.subject_id, r.measure)] = r
    for r in ind.itertuples(index=False):
        p = prev.get((r.doc_id, r.subject_id, r.measure)) if getattr(r, "period_rel", None) != "previous_year" else None
        g = getattr(r, "yoy_growth_pct", float("nan"))
        if p is None or _na(g) or not p.value_low or not p.value_high:
            lows.append(float("nan"))
            highs.append(float("nan"))
            continue
        lows.append((r.value_low / p.value_high - 1) * 100)
        highs.append((r.value_high / p.value_low - 1) * 100)
    return lows, highs


def comparison_table(ind: pd.DataFrame, reference=None) -> pd.DataFrame:
    """The analyst-facing comparison: labels in Arabic and English, figures with intervals, caveats.

    Args:
        ind: adoption indicators (arqam.adoption.adoption_indicators).
        reference: reference frame or CSV path (None: the packaged file), for country names.
    Returns:
        A DataFrame with COMPARISON_COLUMNS: the raw numeric columns, `*_display` text columns
        rounded for reading (counts to the unit, rates to 4 decimals, percents to 2), and
        `is_included_elsewhere` for rows already counted inside another row's total. Sorted by
        country, then headline rows first, subject, measure, current before previous year, period.
    """
    names = _country_names(reference)
    t = ind.copy().reset_index(drop=True)
    for col in COMPARISON_COLUMNS:
        if col not in t.columns:
            t[col] = None
    t["country_en"] = [names.get(c, (None, None))[0] for c in t["country_iso3"]]
    t["country_ar"] = [names.get(c, (None, None))[1] for c in t["country_iso3"]]
    t["country_label"] = [f"{ar} / {c}" if isinstance(ar, str) else str(c) for c, ar in zip(t["country_iso3"], t["country_ar"])]
    t["included_in_subject_id"] = _included_in(t)
    t["is_included_elsewhere"] = t["included_in_subject_id"].notna().astype(bool)
    t["yoy_growth_pct_low"], t["yoy_growth_pct_high"] = _growth_interval(t) if len(t) else ([], [])
    num = ["value", "value_low", "value_high", "per_capita_month", "per_capita_month_low", "per_capita_month_high",
           "digital_share_pct", "digital_share_pct_stated", "yoy_growth_pct", "yoy_growth_pct_stated",
           "yoy_growth_pct_low", "yoy_growth_pct_high", "egdi", "gtmi_score", "views_value", "transactional_value", "population"]
    for col in num:
        t[col] = pd.to_numeric(t[col], errors="coerce").astype(float)
    t["value_display"] = [_with_interval(v, lo, hi, _fmt_count) for v, lo, hi in zip(t.value, t.value_low, t.value_high)]
    t["per_capita_month_display"] = [
        _with_interval(v, lo, hi, _fmt_rate) for v, lo, hi in zip(t.per_capita_month, t.per_capita_month_low, t.per_capita_month_high)
    ]
    t["digital_share_display"] = [_fmt_pct(v, s) for v, s in zip(t.digital_share_pct, t.digital_share_pct_stated)]
    t["yoy_growth_display"] = [
        _fmt_pct(v, s, True, lo, hi) for v, s, lo, hi in zip(t.yoy_growth_pct, t.yoy_growth_pct_stated, t.yoy_growth_pct_low, t.yoy_growth_pct_high)
    ]
    keys = pd.DataFrame({
        "c": t["country_iso3"].fillna("").astype(str),
        "inc": t["is_included_elsewhere"].astype(int),
        "tx": (~t["is_transactional"].fillna(True).astype(bool)).astype(int),
        "s": t["subject_id"].fillna("").astype(str),
        "m": t["measure"].fillna("").astype(str),
        "rel": t["period_rel"].map(lambda v: _PERIOD_REL_ORDER.get(v, 9)),
        "p": t["period_iso"].fillna("").astype(str),
        "f": t["fact_ids"].fillna("").astype(str),
    })
    order = keys.sort_values(list(keys.columns), kind="stable").index
    return t.loc[order, COMPARISON_COLUMNS].reset_index(drop=True)


def caveat_lines(table: pd.DataFrame) -> list[str]:
    """One line per row: the country and subject labels, then the row's caveat (scope, period, population).

    Args:
        table: a comparison table (or indicators: it is converted first).
    Returns:
        Lines like "المملكة العربية السعودية / SAU · Absher (…) · operations --08: scope: platform …".
    """
    if "country_label" not in table.columns:
        table = comparison_table(table)
    out = []
    for r in table.itertuples(index=False):
        folded = f" [already counted in the {r.included_in_subject_id} total]" if r.is_included_elsewhere else ""
        out.append(f"{r.country_label} · {r.subject_en or r.subject_ar} · {r.measure} {_period_label(r)}{folded}: {r.caveat_en}")
    return out


def _observations(ind: pd.DataFrame, reference=None, transactional_only: bool = False) -> pd.DataFrame:
    """Rows for charts and model: not counted inside another row, with a finite positive per-capita rate."""
    t = comparison_table(ind, reference)
    keep = ~t["is_included_elsewhere"] & np.isfinite(t["per_capita_month"]) & (t["per_capita_month"] > 0)
    if transactional_only:
        keep &= t["is_transactional"].fillna(True).astype(bool)
    return t[keep].reset_index(drop=True)


def _new_axes(ax, size=(9, 5.5)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _empty(ax, what: str):
    ax.text(0.5, 0.5, f"no {what} to show / لا توجد بيانات", ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _period_label(r) -> str:
    rel = getattr(r, "period_rel", None)
    return f"{r.period_iso}, a year earlier" if rel == "previous_year" else str(r.period_iso)


def _bar_label(r) -> str:
    return textwrap.fill(str(r.subject_en or r.subject_ar), 20) + f"\n{r.measure}\n{_period_label(r)}"


def plot_per_capita(ind: pd.DataFrame, ax=None, reference=None, log: bool = False):
    """Bar chart of digital operations per resident per month, one bar group per country.

    Each bar is one indicator row (subject and period) stacked into its transactional part and
    its document views or inquiries; the error bar is the interval the stated figure admits.
    An unbounded upper end ("more than") is drawn as an open arrow labelled "more than".

    Args:
        ind: adoption indicators.
        ax: axes to draw on (default: a new figure).
        reference: reference frame or CSV path, for country names.
        log: log-scale the y axis.
    Returns:
        The Axes: major x ticks are the countries ("المملكة العربية السعودية / SAU"), minor ticks the bars.
    """
    ax = _new_axes(ax)
    obs = _observations(ind, reference)
    if obs.empty:
        return _empty(ax, "per-capita rate")
    countries = list(dict.fromkeys(obs["country_iso3"]))
    widest = int(obs.groupby("country_iso3").size().max())
    width = 0.8 / widest
    xs, tx, views, lows, highs, labels, centres = [], [], [], [], [], [], []
    for i, c in enumerate(countries):
        rows = obs[obs["country_iso3"] == c]
        k = len(rows)
        centres.append(i)
        for j, r in enumerate(rows.itertuples(index=False)):
            pc = r.per_capita_month
            if r.is_transactional:
                share_views = (r.views_value / r.value) if not _na(r.views_value) and r.value else 0.0
            else:
                share_views = 1.0
            xs.append(i + (j - (k - 1) / 2) * width)
            tx.append(pc * (1 - share_views))
            views.append(pc * share_views)
            lows.append(r.per_capita_month_low if not _na(r.per_capita_month_low) else pc)
            highs.append(r.per_capita_month_high if not _na(r.per_capita_month_high) else pc)
            labels.append(_bar_label(r))
    xs, tx, views, lows, highs = map(np.asarray, (xs, tx, views, lows, highs))
    totals = tx + views
    ax.bar(xs, tx, width * 0.9, color=_TX_COLOUR, label="transactional / معاملات")
    ax.bar(xs, views, width * 0.9, bottom=tx, color=_VIEWS_COLOUR, hatch="//", edgecolor="white",
           label="document views, inquiries / استعراض واستفسارات")
    unbounded = np.isinf(highs)
    upper = np.where(unbounded, 0.0, highs - totals)
    ax.errorbar(xs, totals, yerr=[totals - lows, upper], fmt="none", ecolor="black", capsize=4, lw=1,
                label="interval of the stated figure / مجال الرقم")
    top = float(np.nanmax(np.where(unbounded, totals, highs)))
    if log:
        ax.set_yscale("log")
    for x, y, h, open_end in zip(xs, totals, highs, unbounded):
        if open_end:
            tip = y * 1.6 if log else y + 0.12 * top
            ax.annotate("", xy=(x, tip), xytext=(x, y), arrowprops={"arrowstyle": "->", "lw": 1.2})
            ax.text(x, tip, f"more than {_fmt_rate(y)}\nأكثر من", ha="center", va="bottom", fontsize=7)
        else:
            ax.text(x, h * 1.05 if log else h + 0.015 * top, _fmt_rate(y), ha="center", va="bottom", fontsize=7)
    if not log:
        ax.set_ylim(0, top * 1.35)
    ax.set_xticks(centres, [obs.loc[obs.country_iso3 == c, "country_label"].iloc[0] for c in countries])
    ax.set_xticks(xs, labels, minor=True)
    ax.xaxis.remove_overlapping_locs = False  # a one-bar group sits on its country tick; keep both labels
    ax.tick_params(axis="x", which="major", pad=62, length=0)
    ax.tick_params(axis="x", which="minor", length=3, labelsize=6.5)  # set after the ticks exist: all get it
    ax.set_xlim(-0.6, len(countries) - 0.4)
    ax.set_ylabel("operations per resident per month\nعمليات لكل مقيم شهريا")
    ax.set_title("Digital operations per resident per month / العمليات الرقمية لكل مقيم شهريا")
    ax.legend(loc="upper left", fontsize=7, frameon=False)
    return ax


def _index_spec(index: str):
    key = "gtmi" if index.startswith("gtmi") else index
    if key not in INDEX_COLUMNS:
        raise ValueError(f"index must be one of {sorted(INDEX_COLUMNS)}, not {index!r}")
    return INDEX_COLUMNS[key]


def plot_adoption_vs_index(ind: pd.DataFrame, index: str = "egdi", ax=None, reference=None):
    """Per-capita monthly adoption (log scale) against EGDI 2024 or GTMI, one labelled point per observation.

    Points are the transactional rows the model uses; vertical bars are their intervals ("more
    than" gets an open arrow). The OLS line of `fit_adoption_model` is drawn when it has estimates.

    Args:
        ind: adoption indicators.
        index: "egdi" (UN E-Government Development Index) or "gtmi" (World Bank GovTech Maturity Index).
        ax: axes to draw on (default: a new figure).
        reference: reference frame or CSV path, for country names.
    Returns:
        The Axes.
    """
    col, year_col, name, publisher = _index_spec(index)
    ax = _new_axes(ax, (8, 5.5))
    obs = _observations(ind, reference, transactional_only=True)
    obs = obs[np.isfinite(obs[col])]
    if obs.empty:
        return _empty(ax, f"observation with {name}")
    x, y = obs[col].to_numpy(float), obs["per_capita_month"].to_numpy(float)
    lo = obs["per_capita_month_low"].fillna(obs["per_capita_month"]).to_numpy(float)
    hi = obs["per_capita_month_high"].fillna(obs["per_capita_month"]).to_numpy(float)
    unbounded = np.isinf(hi)
    ax.set_yscale("log")
    ax.errorbar(x, y, yerr=[y - lo, np.where(unbounded, 0.0, hi - y)], fmt="o", color=_TX_COLOUR, ecolor="grey", capsize=3)
    for xi, yi in zip(x[unbounded], y[unbounded]):
        ax.annotate("", xy=(xi, yi * 1.8), xytext=(xi, yi), arrowprops={"arrowstyle": "->", "color": "grey"})
    for r, xi, yi in zip(obs.itertuples(index=False), x, y):
        ax.annotate(f"{r.country_label}\n{r.subject_en or r.subject_ar} · {_period_label(r)}", (xi, yi),
                    xytext=(6, 0), textcoords="offset points", fontsize=7, va="center")
    model = fit_adoption_model(ind, index=index)
    if model["params"]:
        grid = np.linspace(x.min(), x.max(), 20)
        ax.plot(grid, np.exp(model["params"]["const"] + model["params"][col] * grid), "--", color="grey", lw=1,
                label=f"OLS, n = {model['n']} (descriptive only)" if model["warning"] else f"OLS, n = {model['n']}")
        ax.legend(loc="lower right", fontsize=7, frameon=False)
    years = sorted(set(obs[year_col].dropna().astype(int)))
    span = max(x.max() - x.min(), 0.05)
    ax.set_xlim(x.min() - 0.15 * span, x.max() + 0.6 * span)
    ax.set_ylim(y.min() / 3, max(y.max(), 1e-12) * 4)
    ax.set_xlabel(f"{name} {'/'.join(map(str, years))} ({publisher})")
    ax.set_ylabel("operations per resident per month (log)\nعمليات لكل مقيم شهريا")
    ax.set_title(f"Digital adoption vs {name} / الاستخدام الرقمي مقابل مؤشر {name}")
    return ax


def plot_growth(ind: pd.DataFrame, ax=None, reference=None):
    """Year-on-year growth where the article states it or gives both years: computed bar, stated dot.

    The error bar spans the growth the two figures' intervals allow.

    Args:
        ind: adoption indicators.
        ax: axes to draw on (default: a new figure).
        reference: reference frame or CSV path, for country names.
    Returns:
        The Axes.
    """
    ax = _new_axes(ax, (7, 4.5))
    t = comparison_table(ind, reference)
    t = t[t["yoy_growth_pct"].notna() | t["yoy_growth_pct_stated"].notna()].reset_index(drop=True)
    if t.empty:
        return _empty(ax, "growth figure")
    xs = np.arange(len(t))
    g = t["yoy_growth_pct"].to_numpy(float)
    ax.bar(xs, np.nan_to_num(g), 0.5, color=_TX_COLOUR, label="computed from the two years / محسوب")
    lo, hi = t["yoy_growth_pct_low"].to_numpy(float), t["yoy_growth_pct_high"].to_numpy(float)
    has = np.isfinite(lo) & np.isfinite(hi) & np.isfinite(g)
    if has.any():
        ax.errorbar(xs[has], g[has], yerr=[g[has] - lo[has], hi[has] - g[has]], fmt="none", ecolor="black", capsize=4,
                    label="allowed by the figures' intervals / المجال")
    ax.scatter(xs, t["yoy_growth_pct_stated"], color=_VIEWS_COLOUR, zorder=3, s=40, label="stated / المعلن")
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(xs, [f"{r.country_label}\n{textwrap.fill(str(r.subject_en or r.subject_ar), 24)}\n{_period_label(r)}" for r in t.itertuples(index=False)])
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlim(-0.8, len(t) - 0.2)
    ax.set_ylabel("year-on-year growth, % / النمو السنوي")
    ax.set_title("Growth on the same period a year earlier / النمو مقارنة بالفترة نفسها من العام الماضي")
    ax.legend(fontsize=7, frameon=False)
    return ax


def fit_adoption_model(ind: pd.DataFrame, index: str = "egdi") -> dict:
    """OLS of log(per_capita_month) on EGDI (or GTMI) over the country-period observations.

    Observations are the transactional rows with a finite positive per-capita rate and the
    index (rows counted inside another row's total are left out). Standard errors are
    heteroskedasticity-robust: HC3 below 50 observations, HC1 above.

    Args:
        ind: adoption indicators (or a comparison table).
        index: "egdi" or "gtmi".
    Returns:
        A dict: n, n_countries, countries, index (the column), cov_type, params, bse, pvalues
        (dicts keyed "const" and the index column; empty when nothing can be estimated),
        rsquared, and warning (a plain sentence when n < 10 or fewer than 3 countries, else None).
        Never raises for a tiny n: with fewer than 3 observations, or one index value, there are
        no estimates.
    """
    col = _index_spec(index)[0]
    if ind.empty:
        obs = ind.iloc[0:0]
    else:
        t = ind if "is_included_elsewhere" in ind.columns else ind.assign(is_included_elsewhere=_included_elsewhere(ind))
        pc = pd.to_numeric(t["per_capita_month"], errors="coerce").astype(float)
        x = pd.to_numeric(t[col], errors="coerce").astype(float) if col in t.columns else pd.Series(np.nan, index=t.index)
        tx = t["is_transactional"].fillna(True).astype(bool) if "is_transactional" in t.columns else True
        keep = tx & ~t["is_included_elsewhere"].astype(bool) & np.isfinite(pc) & (pc > 0) & np.isfinite(x)
        obs = pd.DataFrame({"country_iso3": t.loc[keep, "country_iso3"], "y": np.log(pc[keep]), "x": x[keep]})
    n = int(len(obs))
    countries = sorted(obs["country_iso3"].dropna().unique().tolist()) if n else []
    result = {"n": n, "n_countries": len(countries), "countries": countries, "index": col,
              "formula": f"log(per_capita_month) ~ 1 + {col}", "cov_type": None,
              "params": {}, "bse": {}, "pvalues": {}, "rsquared": None, "warning": None}
    estimable = n >= 3 and obs["x"].nunique() >= 2
    if n < MIN_N or len(countries) < MIN_COUNTRIES:
        result["warning"] = (
            f"Only {n} observation(s) from {len(countries)} country(ies): far too few to conclude anything "
            f"about adoption and {col}; "
            + ("the fitted coefficients only describe these points, they are not evidence." if estimable else "no model was estimated.")
        )
    if not estimable:
        if result["warning"] is None:
            result["warning"] = f"All {n} observations share one {col} value: no slope can be estimated."
        return result
    import statsmodels.api as sm

    X = sm.add_constant(obs["x"].to_numpy(float), has_constant="add")
    fit = sm.OLS(obs["y"].to_numpy(float), X).fit()
    cov = "HC3" if n < 50 else "HC1"
    with np.errstate(divide="ignore", invalid="ignore"):
        robust = fit.get_robustcov_results(cov_type=cov)
    if not np.all(np.isfinite(robust.bse)):  # HC3 divides by 1 - leverage: a point with leverage 1 breaks it
        cov = "HC1"
        robust = fit.get_robustcov_results(cov_type=cov)
    names = ["const", col]
    result.update(
        cov_type=cov,
        params=dict(zip(names, map(float, robust.params))),
        bse=dict(zip(names, map(float, robust.bse))),
        pvalues=dict(zip(names, map(float, robust.pvalues))),
        rsquared=float(fit.rsquared),
    )
    return result


def save_figure(fig, output_dir: str | Path, name: str) -> dict[str, Path]:
    """Write a figure as PNG (150 dpi) and SVG, with no timestamp inside, so reruns give the same files.

    Args:
        fig: a matplotlib Figure.
        output_dir: folder, created if missing.
        name: file stem, e.g. "per_capita".
    Returns:
        Paths keyed "png" and "svg".
    """
    import matplotlib

    out = Path(output_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = {"png": out / f"{name}.png", "svg": out / f"{name}.svg"}
    with matplotlib.rc_context({"svg.hashsalt": "arqam", "svg.fonttype": "path"}):
        fig.savefig(paths["png"], dpi=150, bbox_inches="tight", metadata={"Software": None})
        fig.savefig(paths["svg"], bbox_inches="tight", metadata={"Date": None})
    return paths


def write_adoption(ind: pd.DataFrame, output_dir: str | Path, reference=None, docs: pd.DataFrame | None = None, params: dict | None = None) -> dict[str, Path]:
    """Write the comparison table (CSV, Parquet) and the indicators as DuckDB table `adoption`.

    arqam.duckdb is shared with the other stages: only `adoption` is replaced (CREATE OR
    REPLACE, in one transaction); every other table is kept.

    Args:
        ind: adoption indicators.
        output_dir: folder, created if missing.
        reference: reference frame or CSV path, for country names in the comparison table.
        docs: the corpus (load_corpus); when given, a run manifest (manifest_adoption.json:
            parameters, version, git commit, input sha256s, row counts) is written too.
        params: the run's parameters, recorded in the manifest.
    Returns:
        Paths keyed comparison_csv, comparison_parquet, duckdb (and manifest).
    """

    out = Path(output_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = {k: out / v for k, v in COMPARISON_FILE_NAMES.items()}
    table = comparison_table(ind, reference)
    _replace(paths["comparison_csv"], lambda p: table.to_csv(p, index=False, encoding="utf-8"))
    _replace(paths["comparison_parquet"], lambda p: table.to_parquet(p, index=False))
    _load_duckdb(paths["duckdb"], {"adoption": ind.reset_index(drop=True)})
    if docs is not None:
        from .store import _write_manifest

        paths["manifest"] = out / "manifest_adoption.json"
        _write_manifest(paths["manifest"], "compare", docs, params, {"adoption": len(ind), "comparison": len(table)},
                        [p.name for k, p in paths.items() if k != "manifest"])
    return paths
