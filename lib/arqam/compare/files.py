"""Writing the comparison: tables (CSV, Parquet, DuckDB table `adoption`) and charts (PNG, SVG)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..store import _manifest_file, write_csv, write_stage
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

    The one writer shape of every stage (arqam.store.write_stage): each file is written
    beside its target and renamed over it only when all are written; arqam.duckdb is shared
    with the other stages and only `adoption` is replaced; the manifest comes last. CSVs are
    UTF-8 with a BOM, their text cells safe from spreadsheet formula injection.

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
    paths = {k: out / v for k, v in COMPARISON_FILE_NAMES.items()}
    table = comparison_table(ind, reference)
    ranking = ranking_table(table, reference)
    files = {
        COMPARISON_FILE_NAMES["comparison_csv"]: lambda p: write_csv(table, p),
        COMPARISON_FILE_NAMES["comparison_parquet"]: lambda p: table.to_parquet(p, index=False),
        COMPARISON_FILE_NAMES["ranking_csv"]: lambda p: write_csv(ranking, p),
    }
    manifest = None
    if docs is not None:
        paths["manifest"] = out / "manifest_adoption.json"
        counts = {"adoption": len(ind), "comparison": len(table), "ranking": len(ranking)}
        manifest = (paths["manifest"].name,
                    lambda p: _manifest_file(p, "compare", docs, params, counts, list(COMPARISON_FILE_NAMES.values())))
    write_stage(out, files, {"adoption": ind.reset_index(drop=True)}, manifest)
    return paths
