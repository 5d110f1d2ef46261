"""A robust regression of log adoption on EGDI (or GTMI), fitted only where it can say something.

One observation per country (its compared figure in the family, see table.ranking_table), so
a country with many articles does not weigh more than one with a single figure. The fit is a
Huber M-estimator (statsmodels RLM): a misread figure pulls it less than least squares would.
Below MIN_COUNTRIES countries in a family no model is fitted and a sentence says why.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .table import _table

INDEX_COLUMNS = {"egdi": ("egdi", "egdi_year", "EGDI", "UN DESA"), "gtmi": ("gtmi_score", "gtmi_year", "GTMI", "World Bank")}
MIN_COUNTRIES = 8  # fewer countries than this in a family: no model, a sentence instead
MODEL_FAMILIES = ("flow", "stock")  # per-resident rates; counts of services and shares are not modelled


def index_spec(index: str) -> tuple[str, str, str, str]:
    """(column, year column, name, publisher) of "egdi" or "gtmi"."""
    key = "gtmi" if str(index).startswith("gtmi") else index
    if key not in INDEX_COLUMNS:
        raise ValueError(f"index must be one of {sorted(INDEX_COLUMNS)}, not {index!r}")
    return INDEX_COLUMNS[key]


def model_observations(ind: pd.DataFrame, index: str = "egdi", compare_set: str | None = None, reference=None) -> pd.DataFrame:
    """The countries' compared figures with the index of the figure's year: the points of the model.

    Args:
        ind: adoption indicators or a comparison table.
        index: "egdi" or "gtmi".
        compare_set: one set (e.g. "e_transactions"); None: every per-resident set.
        reference: reference frame or CSV path, for country names.
    Returns:
        Headline rows with a positive finite figure and a finite index, with a column `x` (the
        index) and `y` (log of the compared figure).
    """
    col = index_spec(index)[0]
    t = _table(ind, reference)
    h = t[t["is_headline"].astype(bool) & t["basis"].isin(MODEL_FAMILIES)]
    if compare_set is not None:
        h = h[h["compare_set"] == compare_set]
    x = pd.to_numeric(h[col], errors="coerce").astype(float)
    keep = np.isfinite(x) & np.isfinite(h["compared"]) & (h["compared"] > 0)
    out = h[keep].copy()
    out["x"] = x[keep]
    out["y"] = np.log(out["compared"].astype(float))
    return out.reset_index(drop=True)


def fit_adoption_model(ind: pd.DataFrame, index: str = "egdi", compare_set: str = "e_transactions", reference=None) -> dict:
    """Huber robust regression of log(compared figure) on EGDI or GTMI across the countries of one set.

    Args:
        ind: adoption indicators or a comparison table.
        index: "egdi" or "gtmi".
        compare_set: the family (and currency, for money) compared, e.g. "e_transactions".
        reference: reference frame or CSV path.
    Returns:
        A dict: compare_set, index (the column), n (countries), countries, fitted (bool),
        formula, method, params / bse / pvalues (keyed "const" and the index column; empty
        when not fitted), cov (2x2 list), and `sentence`: a plain statement of the result, or
        of why no model is fitted (fewer than MIN_COUNTRIES countries, or one index value).
        `warning` repeats the sentence when nothing was fitted, else None.
    """
    col, _, name, _ = index_spec(index)
    obs = model_observations(ind, index, compare_set, reference)
    countries = sorted(obs["country_iso3"].unique().tolist())
    n = len(countries)
    result = {"compare_set": compare_set, "index": col, "n": n, "n_countries": n, "countries": countries, "fitted": False,
              "formula": f"log({compare_set} per resident) ~ 1 + {col}", "method": None, "cov_type": None,
              "params": {}, "bse": {}, "pvalues": {}, "cov": None, "sentence": "", "warning": None}
    if n < MIN_COUNTRIES:
        result["sentence"] = (f"{compare_set}: {n} countr{'y has' if n == 1 else 'ies have'} a figure and {'an' if name[0] in 'AEIOU' else 'a'} {name} score; "
                              f"a model needs at least {MIN_COUNTRIES}, so none is fitted and the points are shown as they are.")
    elif obs["x"].nunique() < 2:
        result["sentence"] = f"{compare_set}: all {n} countries share one {name} value, so no slope can be estimated."
    if result["sentence"]:
        result["warning"] = result["sentence"]
        return result
    import statsmodels.api as sm

    X = sm.add_constant(obs["x"].to_numpy(float), has_constant="add")
    fit = sm.RLM(obs["y"].to_numpy(float), X, M=sm.robust.norms.HuberT()).fit()
    names = ["const", col]
    slope, se = float(fit.params[1]), float(fit.bse[1])
    lo, hi = slope - 1.96 * se, slope + 1.96 * se
    result.update(
        fitted=True, method="RLM (Huber T), H1 covariance", cov_type="H1",
        params=dict(zip(names, map(float, fit.params))), bse=dict(zip(names, map(float, fit.bse))),
        pvalues=dict(zip(names, map(float, fit.pvalues))), cov=np.asarray(fit.bcov_scaled, float).tolist(),
        sentence=(f"{compare_set}: over {n} countries, 0.1 more {name} goes with {np.expm1(0.1 * slope):+.0%} in the "
                  f"per-resident figure (95% interval {np.expm1(0.1 * lo):+.0%} to {np.expm1(0.1 * hi):+.0%}); scopes and "
                  f"periods differ between countries, so this describes the figures found, it does not measure an effect."),
    )
    return result


def fit_adoption_models(ind: pd.DataFrame, index: str = "egdi", reference=None) -> pd.DataFrame:
    """fit_adoption_model for every per-resident set with at least one country: one row per set.

    Returns:
        compare_set, n_countries, fitted, slope, slope_se, p_value, sentence; by set name.
    """
    t = _table(ind, reference)
    sets = sorted(t.loc[t["is_headline"].astype(bool) & t["basis"].isin(MODEL_FAMILIES), "compare_set"].unique())
    rows = []
    for s in sets:
        m = fit_adoption_model(t, index, s, reference)
        col = m["index"]
        rows.append({"compare_set": s, "n_countries": m["n"], "fitted": m["fitted"], "slope": m["params"].get(col),
                     "slope_se": m["bse"].get(col), "p_value": m["pvalues"].get(col), "sentence": m["sentence"]})
    return pd.DataFrame(rows, columns=["compare_set", "n_countries", "fitted", "slope", "slope_se", "p_value", "sentence"])


def prediction_band(model: dict, grid: np.ndarray, z: float = 1.96) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The fitted line and its confidence band on the original (not log) scale, at the index values in grid."""
    col = model["index"]
    b = np.array([model["params"]["const"], model["params"][col]])
    X = np.column_stack([np.ones_like(grid), grid])
    mean = X @ b
    se = np.sqrt(np.einsum("ij,jk,ik->i", X, np.asarray(model["cov"]), X))
    return np.exp(mean), np.exp(mean - z * se), np.exp(mean + z * se)
