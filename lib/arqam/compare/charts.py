"""Charts of the comparison, readable from 3 to 22 countries.

- plot_families: one panel per comparable set, one horizontal bar per country (its compared
  figure), countries sorted, the interval as an error bar and an arrow for "more than"; the
  country's other figures as ticks on the same line; country names on the left (Arabic and
  English), what the bar counts on the right (subject, scope, period). Labels are tick labels,
  so the layout engine keeps them apart whatever the number of countries.
- plot_growth: small multiples, one panel per series (country, subject, measure) with several periods.
- plot_adoption_vs_index: per set, the countries' figures against EGDI or GTMI, with the robust
  fit and its confidence band only where model.fit_adoption_model fits one.

Charts take plain Arabic strings: matplotlib >= 3.11 shapes and orders Arabic itself
(arabic_reshaper + python-bidi on top would reverse it).
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd

from .. import adoption
from .model import MIN_COUNTRIES, fit_adoption_model, index_spec, model_observations, prediction_band
from .table import _na, _table, fmt_count, fmt_rate, period_label

SCOPE_COLOURS = {
    "national": "#08306b", "whole government": "#08306b", "programme": "#2171b5", "ministry": "#6a51a3",
    "platform": "#d95f0e", "agency": "#238b45", "channel": "#a6761d", "service": "#737373",
    "activity": "#a6761d", "person": "#737373",
}
UNKNOWN_SCOPE_COLOUR = "#bdbdbd"
ROW_INCHES = 0.3  # height of one country's bar line
MAX_GROWTH_PANELS = 60
_LOG_SPREAD = 30  # a panel whose figures span more than this factor gets a log axis
MIN_SCATTER = 3  # a scatter against an index is drawn for sets with at least this many countries


def _plt():
    import matplotlib.pyplot as plt

    return plt


def _short(text, width: int = 40) -> str:
    text = "" if _na(text) else str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _subject(r) -> str:
    return _short(r.subject_en if not _na(r.subject_en) else (r.subject_ar if not _na(r.subject_ar) else "subject not found"))


def _sets(t: pd.DataFrame) -> list[str]:
    order = {k: f.order for k, f in adoption.families().items()}
    sets = t.loc[t["compare_set"].astype(bool), ["compare_set", "family"]].drop_duplicates("compare_set")
    return [s for s, _ in sorted(zip(sets["compare_set"], sets["family"]), key=lambda p: (order.get(p[1], 99), p[0]))]


def _missing_note(t: pd.DataFrame, cset: str, charted: set) -> str:
    """Countries with rows in the set but no bar, and why."""
    rows = t[(t["compare_set"] == cset) & t["country_iso3"].notna() & ~t["country_iso3"].isin(charted)]
    notes = []
    for c, g in rows.groupby("country_en", dropna=False, sort=True):
        if not g["is_plausible"].any():
            why = "figure left out as implausible"
        elif g["population"].isna().all():
            why = "no population in the reference data"
        elif (g["basis"] == "flow").all() and g["period_months"].isna().all():
            why = "period not stated"
        else:
            why = "no comparable figure"
        notes.append(f"{c if isinstance(c, str) else g['country_iso3'].iloc[0]} ({why})")
    return ("in the table, not charted: " + ", ".join(notes)) if notes else ""


def plot_families(ind: pd.DataFrame, reference=None, sets: list[str] | None = None):
    """One panel per comparable set: each country's compared figure as a horizontal bar, sorted.

    Args:
        ind: adoption indicators or a comparison table.
        reference: reference frame or CSV path, for country names.
        sets: compare_set keys to draw (default: every set with a figure), in family order.
    Returns:
        The Figure; each panel's Axes has the countries as y tick labels ("السعودية / Saudi
        Arabia"), the largest at the top, and a twin axis on the right naming what each bar
        counts. The colour is the scope of the figure (legend at the top).
    """
    plt = _plt()
    from matplotlib.patches import Patch

    t = _table(ind, reference)
    heads = t[t["is_headline"].astype(bool)]
    single = [s for s in _sets(t) if ":" in s and heads.loc[heads["compare_set"] == s, "country_iso3"].nunique() == 1]
    sets = [s for s in (sets or [s for s in _sets(t) if s not in single]) if (heads["compare_set"] == s).any()]
    if not sets:
        fig, ax = plt.subplots(figsize=(8, 2), layout="constrained")
        ax.text(0.5, 0.5, "no comparable figure to show / لا توجد أرقام قابلة للمقارنة", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    sizes = [int((heads["compare_set"] == s).sum()) for s in sets]
    heights = [n * ROW_INCHES + 1.6 for n in sizes]
    fig = plt.figure(figsize=(12, sum(heights) + 0.6), layout="constrained")
    axes = fig.subplots(len(sets), 1, gridspec_kw={"height_ratios": heights}, squeeze=False)[:, 0]
    scopes_seen = set()
    for ax, cset in zip(axes, sets):
        g = heads[heads["compare_set"] == cset].sort_values(["compared", "country_iso3"], ascending=[True, False], kind="stable")
        scopes_seen |= set(g["scope"].fillna("unknown"))
        _bar_panel(ax, g, t[(t["compare_set"] == cset) & t["is_plausible"].astype(bool)])
        note = _missing_note(t, cset, set(g["country_iso3"]))
        first = g.iloc[0]
        unit = first["rate_unit_en"]
        log = ax.get_xscale() == "log"
        ax.set_xlabel(textwrap.fill(f"{unit}{' (log scale)' if log else ''}" + (f"; {note}" if note else ""), 150), fontsize=8)
        # Arabic last: a figure after an Arabic run would be drawn inside it
        ax.set_title(f"{first['family_en']}" + (f" ({first['unit']})" if isinstance(first["unit"], str) else "")
                     + f", {len(g)} countr{'y' if len(g) == 1 else 'ies'} / {first['family_ar']}", fontsize=10, loc="left")
    by_colour: dict[str, list[str]] = {}
    for scope in sorted(scopes_seen, key=lambda s: (adoption.SCOPE_BREADTH.get(s, 9), s)):
        by_colour.setdefault(SCOPE_COLOURS.get(scope, UNKNOWN_SCOPE_COLOUR), []).append(scope)
    handles = [Patch(color=colour, label=" or ".join(names)) for colour, names in by_colour.items()]
    handles.append(Patch(facecolor="white", edgecolor="black", hatch="///", label="views, inquiries, downloads (not transactions)"))
    if single:
        alone = ", ".join(f"{s.split(':', 1)[1]} ({heads.loc[heads['compare_set'] == s, 'country_en'].iloc[0]})" for s in single)
        fig.text(0.01, 0.0, textwrap.fill(f"Amounts paid electronically in a currency no other country shares are in the table "
                                          f"and the ranking only (no exchange rates in the reference data): {alone}.", 170),
                 fontsize=7, va="top")
    fig.legend(handles=handles, loc="outside upper center", ncols=min(len(handles), 5), fontsize=8, frameon=False,
               title="scope of the figure / نطاق الرقم; bar: the country's largest figure, ticks: its other figures (never summed)",
               title_fontsize=8)
    return fig


def _bar_panel(ax, g: pd.DataFrame, rows: pd.DataFrame):
    n = len(g)
    y = np.arange(n)
    c = g["compared"].to_numpy(float)
    lo = g["compared_low"].fillna(g["compared"]).to_numpy(float)
    hi = g["compared_high"].fillna(g["compared"]).to_numpy(float)
    unbounded = np.isinf(hi)
    others = rows[~rows["is_headline"].astype(bool) & np.isfinite(rows["compared"]) & (rows["compared"] > 0)]
    every = np.concatenate([c, lo[lo > 0], others["compared"].to_numpy(float)])
    log = g["basis"].iloc[0] != "share" and every.min() > 0 and every.max() / every.min() > _LOG_SPREAD
    ends = np.where(unbounded, c, hi)
    if log:
        ax.set_xscale("log")
        left = 10 ** math.floor(math.log10(every.min() / 1.5))
        tips = c * 2.5
        right = max(ends.max(), tips[unbounded].max() if unbounded.any() else 0, every.max()) * 12
    else:
        left = 0.0
        span = max(ends.max(), every.max())
        tips = c + 0.08 * span
        right = max(span, tips[unbounded].max() if unbounded.any() else 0) * 1.3
    colours = [SCOPE_COLOURS.get(s, UNKNOWN_SCOPE_COLOUR) if isinstance(s, str) else UNKNOWN_SCOPE_COLOUR for s in g["scope"]]
    hatch = None if g["is_transactional"].iloc[0] else "///"
    ax.barh(y, c - left, left=left, height=0.62, color=colours, hatch=hatch, edgecolor="white" if hatch else None, zorder=2)
    ax.errorbar(c, y, xerr=[c - lo, np.where(unbounded, 0.0, hi - c)], fmt="none", ecolor="black", capsize=2.5, lw=0.9, zorder=4)
    for yi, ci, tip in zip(y[unbounded], c[unbounded], tips[unbounded]):
        ax.annotate("", xy=(tip, yi), xytext=(ci, yi), arrowprops={"arrowstyle": "->", "lw": 1.1, "color": "black"}, zorder=5)
    pos = dict(zip(g["country_iso3"], y))
    if len(others):
        oy = others["country_iso3"].map(pos)
        keep = oy.notna()
        ax.scatter(others.loc[keep, "compared"], oy[keep], marker="|", s=70, color="black", alpha=0.55, zorder=3, linewidths=1)
    fmt = fmt_count if g["basis"].iloc[0] in ("count", "share") else fmt_rate
    for yi, ci, e, tip, open_end in zip(y, c, ends, tips, unbounded):
        x = (tip if open_end else e) * (1.25 if log else 1.0) + (0 if log else 0.01 * right)
        ax.text(x, yi, ("more than " if open_end else "") + fmt(ci), va="center", ha="left", fontsize=7, zorder=5)
    ax.set_xlim(left if log else 0, right)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_yticks(y, list(g["country_label"]), fontsize=8)
    right_ax = ax.twinx()
    right_ax.set_ylim(ax.get_ylim())
    # scope and period first: a label starting in Latin script is laid out left to right, the Arabic subject at its end
    right_ax.set_yticks(y, [f"{r.scope or 'scope unknown'} · {period_label(r)} · {_subject(r)}" for r in g.itertuples(index=False)], fontsize=7)
    right_ax.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
        right_ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e0e0e0", lw=0.6, zorder=0)
    ax.tick_params(axis="x", labelsize=8)


def _series(t: pd.DataFrame) -> list[pd.DataFrame]:
    ok = t[t["is_plausible"].astype(bool) & np.isfinite(t["compared"]) & (t["compared"] > 0) & t["country_iso3"].notna()]
    ok = ok[ok["period_iso"].notna() | (ok["period_rel"] == "previous_year")]  # an undated figure has no place in time
    ok = ok.assign(_subj=ok["subject_id"].fillna(ok["subject_ar"]).fillna(""))
    out = []
    for _, g in ok.groupby(["country_iso3", "compare_set", "_subj", "measure"], sort=True, dropna=False):
        when = [iso if str(iso)[:1].isdigit() else f"{iso}|{rel}" for iso, rel in zip(g["period_iso"], g["period_rel"])]
        g = g.assign(_when=when).drop_duplicates("_when")  # one point per period: a dated period needs no relative
        if len(g) >= 2:
            out.append(g)
    order = {k: f.order for k, f in adoption.families().items()}
    return sorted(out, key=lambda g: (g["country_iso3"].iloc[0], order.get(g["family"].iloc[0], 99), g["_subj"].iloc[0]))


def _time_order(g: pd.DataFrame) -> pd.DataFrame:
    """Points of a series in time order: by the middle of the period when it is dated; periods of an unstated
    year after them by month, a year earlier before the current figure."""
    def key(r):
        iso = "" if _na(r.period_iso) else str(r.period_iso)
        if not _na(r.period_start) and not _na(r.period_end):
            s, e = pd.Timestamp(r.period_start), pd.Timestamp(r.period_end)
            mid = s + (e - s) / 2
            return mid.year + (mid.day_of_year - 1) / 366
        month = int(iso[5:7]) if len(iso) >= 7 and iso[4] == "-" and iso[5:7].isdigit() else (int(iso[2:4]) if iso.startswith("--") else 6)
        if iso[:4].isdigit():
            return int(iso[:4]) + (month - 0.5) / 12
        if not _na(r.figure_year):
            return float(r.figure_year) + (month - 0.5) / 12
        return 1e6 - (1 if r.period_rel == "previous_year" else 0) + month / 12

    return g.assign(_k=[key(r) for r in g.itertuples(index=False)]).sort_values("_k", kind="stable")


def plot_growth(ind: pd.DataFrame, reference=None):
    """Small multiples of growth: one panel per series (country, subject, measure) stated for several periods.

    Each panel shows the compared figure (per resident, or the count of services) at each
    period in time order, with its interval; the article's stated growth, when it gives one,
    is written in the panel.

    Args:
        ind: adoption indicators or a comparison table.
        reference: reference frame or CSV path, for country names.
    Returns:
        The Figure (a note when no series has two periods); at most MAX_GROWTH_PANELS panels.
    """
    plt = _plt()
    t = _table(ind, reference)
    series = _series(t)
    if not series:
        fig, ax = plt.subplots(figsize=(8, 1.6), layout="constrained")
        ax.text(0.5, 0.5, "no series with several periods / لا توجد سلاسل زمنية", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    shown = series[:MAX_GROWTH_PANELS]
    ncols = min(4, len(shown))
    nrows = math.ceil(len(shown) / ncols)
    fig = plt.figure(figsize=(3.3 * ncols, 2.6 * nrows + 0.5), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax, g in zip(axes, shown):
        g = _time_order(g)
        x = np.arange(len(g))
        v = g["compared"].to_numpy(float)
        lo = g["compared_low"].fillna(g["compared"]).to_numpy(float)
        hi = g["compared_high"].fillna(g["compared"]).to_numpy(float)
        unbounded = np.isinf(hi)
        colour = SCOPE_COLOURS.get(g["scope"].iloc[0], UNKNOWN_SCOPE_COLOUR)
        ax.plot(x, v, "-", color=colour, lw=1, alpha=0.6)
        ax.errorbar(x, v, yerr=[v - lo, np.where(unbounded, 0.0, hi - v)], fmt="o", color=colour, ecolor="black", capsize=2.5, ms=4)
        for xi, vi in zip(x[unbounded], v[unbounded]):
            ax.annotate("", xy=(xi, vi * 1.15), xytext=(xi, vi), arrowprops={"arrowstyle": "->", "lw": 1})
        ax.set_xticks(x, [textwrap.fill(period_label(r).replace(", a year earlier", " (a year earlier)"), 14) for r in g.itertuples(index=False)], fontsize=6.5)
        ax.set_xlim(-0.5, len(g) - 0.5)
        ax.tick_params(axis="y", labelsize=7)
        r0 = g.iloc[-1]
        ax.set_title(f"{r0['country_label']}\n{_short(r0['subject_en'] if isinstance(r0['subject_en'], str) else r0['subject_ar'], 34)} · {r0['measure']}",
                     fontsize=7.5)
        ax.set_ylabel(textwrap.fill(str(r0["rate_unit_en"]), 22), fontsize=7)
        if unbounded.any():
            lo_y, hi_y = ax.get_ylim()
            ax.set_ylim(lo_y, max(hi_y, float((v[unbounded] * 1.2).max())))
        change = f"{(v[-1] / v[0] - 1) * 100:+.0f} % first to last" if v[0] > 0 else ""
        stated = g["yoy_growth_pct_stated"].dropna()
        if len(stated):
            change += f"; stated growth {stated.iloc[0]:+g} %"
        ax.text(0.02, 0.96, change, transform=ax.transAxes, fontsize=6.5, va="top")
    for ax in axes[len(shown):]:
        ax.set_axis_off()
    more = f" (first {MAX_GROWTH_PANELS} of {len(series)} series; the table has all)" if len(series) > len(shown) else ""
    fig.suptitle(f"Figures stated for several periods / أرقام لعدة فترات{more}", fontsize=10)
    return fig


def _label_points(ax, x, y, labels, fontsize: float = 7):
    """Write each point's label beside it, trying a few offsets so that no two labels overlap (greedy, in points)."""
    fig = ax.figure
    to_pt = 72 / fig.dpi
    xy = ax.transData.transform(np.column_stack([x, y])) * to_pt
    w_char, h = 0.62 * fontsize, fontsize * 1.1
    candidates = [(4, 2), (4, -h - 1), (-4, 2), (-4, -h - 1), (4, h + 2), (4, -2 * h - 3), (-4, h + 2), (-4, -2 * h - 3)]
    placed: list[tuple[float, float, float, float]] = []
    # offsets are chosen on the axes' current size; the layout engine may resize it a little afterwards
    for (px, py), label, xd, yd in sorted(zip(xy.tolist(), labels, x, y), key=lambda p: (p[0][0], p[0][1])):
        w = w_char * len(label)
        box = None
        for dx, dy in candidates:
            x0 = px + dx if dx >= 0 else px + dx - w
            cand = (x0, py + dy, x0 + w, py + dy + h)
            if not any(cand[0] < b[2] and b[0] < cand[2] and cand[1] < b[3] and b[1] < cand[3] for b in placed):
                box = cand
                break
        if box is None:  # crowded everywhere: the first place, overlapping
            x0 = px + 4
            box = (x0, py + 2, x0 + w, py + 2 + h)
        placed.append(box)
        ax.annotate(label, (xd, yd), xytext=(box[0] - px, box[1] - py),
                    textcoords="offset points", fontsize=fontsize, va="bottom", ha="left")


def plot_adoption_vs_index(ind: pd.DataFrame, index: str = "egdi", reference=None):
    """Per set, each country's compared figure (log scale) against EGDI or GTMI of the figure's year.

    Points carry the interval of the stated figure ("more than": an arrow) and the country's
    ISO3 code. The robust fit and its 95% band are drawn where fit_adoption_model fits one
    (at least MIN_COUNTRIES countries); elsewhere the panel says why there is no model.

    Args:
        ind: adoption indicators or a comparison table.
        index: "egdi" (UN E-Government Development Index) or "gtmi" (World Bank GovTech Maturity Index).
        reference: reference frame or CSV path, for country names.
    Returns:
        The Figure, one panel per per-resident set with at least one country.
    """
    plt = _plt()
    col, year_col, name, publisher = index_spec(index)
    t = _table(ind, reference)
    obs = model_observations(t, index, None, reference)
    heads = t[t["is_headline"].astype(bool)]
    counts = obs.groupby("compare_set")["country_iso3"].nunique()
    sets = [s for s in _sets(t) if counts.get(s, 0) >= MIN_SCATTER]
    few = [f"{s} ({counts[s]})" for s in _sets(t) if 0 < counts.get(s, 0) < MIN_SCATTER]
    if not sets:
        fig, ax = plt.subplots(figsize=(8, 1.6), layout="constrained")
        ax.text(0.5, 0.5, f"no set with {MIN_SCATTER} or more countries to set against {name} / لا توجد بيانات كافية"
                + (f"\n(countries per set: {', '.join(few)})" if few else ""), ha="center", va="center", transform=ax.transAxes, fontsize=8)
        ax.set_axis_off()
        return fig
    ncols = min(2, len(sets))
    nrows = math.ceil(len(sets) / ncols)
    fig = plt.figure(figsize=(6.2 * ncols, 4.4 * nrows), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax, cset in zip(axes, sets):
        o = obs[obs["compare_set"] == cset]
        x, y = o["x"].to_numpy(float), o["compared"].to_numpy(float)
        lo = o["compared_low"].fillna(o["compared"]).to_numpy(float)
        hi = o["compared_high"].fillna(o["compared"]).to_numpy(float)
        unbounded = np.isinf(hi)
        ax.set_yscale("log")
        colours = [SCOPE_COLOURS.get(s, UNKNOWN_SCOPE_COLOUR) if isinstance(s, str) else UNKNOWN_SCOPE_COLOUR for s in o["scope"]]
        ax.errorbar(x, y, yerr=[y - np.maximum(lo, y * 1e-3), np.where(unbounded, 0.0, hi - y)], fmt="none", ecolor="grey", capsize=2, zorder=2)
        ax.scatter(x, y, c=colours, s=28, zorder=3)
        for xi, yi in zip(x[unbounded], y[unbounded]):
            ax.annotate("", xy=(xi, yi * 2), xytext=(xi, yi), arrowprops={"arrowstyle": "->", "color": "grey"})
        span = max(x.max() - x.min(), 0.05)
        ax.set_xlim(x.min() - 0.12 * span, x.max() + 0.2 * span)
        ax.set_ylim(y.min() / 4, max(y.max(), 1e-12) * 6)
        _label_points(ax, x, y, list(o["country_iso3"]))
        model = fit_adoption_model(t, index, cset, reference)
        if model["fitted"]:
            grid = np.linspace(x.min(), x.max(), 50)
            mid, band_lo, band_hi = prediction_band(model, grid)
            ax.fill_between(grid, band_lo, band_hi, color="grey", alpha=0.2, lw=0, label="95% confidence band")
            ax.plot(grid, mid, "--", color="black", lw=1, label=f"robust fit (Huber), {model['n']} countries")
            ax.legend(fontsize=7, frameon=False, loc="lower right")
        else:
            ax.text(0.02, 0.02, textwrap.fill(f"{model['n']} countr{'y' if model['n'] == 1 else 'ies'}: below {MIN_COUNTRIES}, no model fitted.", 60),
                    transform=ax.transAxes, fontsize=7, va="bottom")
        years = sorted(set(o[year_col].dropna().astype(int)))
        lacking = sorted(set(heads.loc[heads["compare_set"] == cset, "country_iso3"]) - set(o["country_iso3"]))
        ax.set_xlabel(f"{name} {'/'.join(map(str, years))} ({publisher}), edition of the figure's year"
                      + (f"; no {name} for {', '.join(lacking)}" if lacking else ""), fontsize=8)
        ax.set_ylabel(f"{o['rate_unit_en'].iloc[0]} (log)", fontsize=8)
        ax.set_title(f"{o['family_en'].iloc[0]} / {o['family_ar'].iloc[0]}", fontsize=9, loc="left")
        ax.tick_params(labelsize=7)
    for ax in axes[len(sets):]:
        ax.set_axis_off()
    fig.suptitle(f"Digital adoption against {name} / الاستخدام الرقمي مقابل المؤشر", fontsize=10)
    if few:
        fig.text(0.01, 0.0, f"Not drawn, fewer than {MIN_SCATTER} countries (countries): {', '.join(few)}.", fontsize=7, va="top")
    return fig
