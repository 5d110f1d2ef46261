"""Writing the comparison: tables (CSV, Parquet, DuckDB table `adoption`) and charts (PNG, SVG)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..store import _load_duckdb, _replace
from .table import comparison_table, ranking_table

COMPARISON_FILE_NAMES = {
    "comparison_csv": "comparison.csv",
    "comparison_parquet": "comparison.parquet",
    "ranking_csv": "ranking.csv",
    "duckdb": "arqam.duckdb",
}


def save_figure(fig, output_dir: str | Path, name: str) -> dict[str, Path]:
    """Write a figure as PNG (150 dpi) and SVG, with no timestamp inside, so reruns give the same files.

    Args:
        fig: a matplotlib Figure.
        output_dir: folder, created if missing.
        name: file stem, e.g. "adoption_families".
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


def write_adoption(ind: pd.DataFrame, output_dir: str | Path, reference=None, docs: pd.DataFrame | None = None,
                   params: dict | None = None) -> dict[str, Path]:
    """Write the comparison table and ranking (CSV, Parquet) and the indicators as DuckDB table `adoption`.

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
        Paths keyed comparison_csv, comparison_parquet, ranking_csv, duckdb (and manifest).
    """
    out = Path(output_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = {k: out / v for k, v in COMPARISON_FILE_NAMES.items()}
    table = comparison_table(ind, reference)
    ranking = ranking_table(table, reference)
    _replace(paths["comparison_csv"], lambda p: table.to_csv(p, index=False, encoding="utf-8"))
    _replace(paths["comparison_parquet"], lambda p: table.to_parquet(p, index=False))
    _replace(paths["ranking_csv"], lambda p: ranking.to_csv(p, index=False, encoding="utf-8"))
    _load_duckdb(paths["duckdb"], {"adoption": ind.reset_index(drop=True)})
    if docs is not None:
        from ..store import _write_manifest

        paths["manifest"] = out / "manifest_adoption.json"
        _write_manifest(paths["manifest"], "compare", docs, params,
                        {"adoption": len(ind), "comparison": len(table), "ranking": len(ranking)},
                        [p.name for k, p in paths.items() if k != "manifest"])
    return paths
