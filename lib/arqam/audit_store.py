"""Write the audit table of a run, with its manifest, beside the other stages' tables.

write_audits writes audit.csv, audit.parquet and manifest_audit.json, and replaces the
table ``audits`` of the shared arqam.duckdb (the numbers and facts stages' tables, and
any other, are left alone). Re-running replaces, never appends.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from .audit import AUDIT_COLUMNS, RULES, VERDICTS
from .store import _package_repo_state, write_csv, write_stage

AUDIT_FILE_NAMES = {
    "audit_csv": "audit.csv",
    "audit_parquet": "audit.parquet",
    "duckdb": "arqam.duckdb",
    "manifest": "manifest_audit.json",
}
_FLOAT_COLUMNS = ("computed", "stated", "computed_low", "computed_high", "stated_low", "stated_high")

_COLUMN_SCHEMAS = {
    "check_id": pa.Column(str, unique=True),
    "rule": pa.Column(str, pa.Check.isin(RULES)),
    "doc_ids": pa.Column(str, pa.Check.str_length(min_value=1)),
    "fact_ids": pa.Column(str),
    "computed_unit": pa.Column(str, nullable=True),
    **{c: pa.Column(float, nullable=True) for c in _FLOAT_COLUMNS},
    "verdict": pa.Column(str, pa.Check.isin(VERDICTS)),
    "explanation_en": pa.Column(str),
    "explanation_ar": pa.Column(str),
}

AUDITS = pa.DataFrameSchema(
    {c: _COLUMN_SCHEMAS[c] for c in AUDIT_COLUMNS},  # in the audit's column order
    strict=True,
    ordered=True,
    coerce=True,
)


def _manifest_file(path: Path, checks: pd.DataFrame, docs: pd.DataFrame | None, params: dict[str, Any] | None) -> None:
    # Deterministic for the same inputs and code: no timestamps, inputs sorted by doc_id.
    from . import __version__  # here, not at the top: arqam/__init__ imports lazily

    doc_ids = sorted({d for ids in checks["doc_ids"] for d in ids.split(";") if d})
    if docs is not None:
        sha = dict(zip(docs["doc_id"], docs["sha256"]))
        doc_ids = sorted(set(doc_ids) | set(sha))
    else:
        sha = {}
    commit, dirty = _package_repo_state()
    by_verdict = checks["verdict"].value_counts()
    manifest = {
        "stage": "audit",
        "arqam_version": __version__,
        "git_commit": commit,
        "git_dirty": dirty,
        "python_version": platform.python_version(),
        "parameters": params or {},
        "inputs": [{"doc_id": d, "sha256": sha.get(d)} for d in doc_ids],
        "row_counts": {"checks": int(len(checks)), **{v: int(by_verdict.get(v, 0)) for v in VERDICTS}},
        "files": sorted(AUDIT_FILE_NAMES.values()),
    }
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")


def write_audits(
    checks: pd.DataFrame,
    output_dir: str | Path,
    params: dict[str, Any] | None = None,
    docs: pd.DataFrame | None = None,
) -> dict[str, Path]:
    """Write the audit table of a run, and its manifest.

    Writes audit.csv, audit.parquet and manifest_audit.json, and replaces the table
    ``audits`` of arqam.duckdb, keeping every other table. Every file is written beside
    its target and renamed over it only when all are written (arqam.store.write_stage),
    so a failed run leaves the previous files whole. The CSV is UTF-8 with a BOM, its
    text cells safe from spreadsheet formula injection.
    The manifest holds no timestamp: the same checks, parameters and code give the
    same bytes.

    Args:
        checks: the audit table (arqam.audit.audit), validated here (AUDITS: the
            audit's columns in order, unique check_id, known rules and verdicts)
            before anything is written.
        output_dir: folder to write into, created if missing. All outputs go here;
            nothing is written relative to the current directory.
        params: the run's parameters (JSON-serialisable; paths become strings).
        docs: optionally the document table (arqam.corpus.load_corpus) the audit
            read; its sha256 column is then recorded with each input in the manifest.

    Returns:
        Paths of the written files, keyed audit_csv, audit_parquet, duckdb and manifest.

    Raises:
        ValueError: checks lack a column of the audit table, or docs lack doc_id/sha256.
        pandera.errors.SchemaError: the checks break the AUDITS schema.
    """
    missing = [c for c in AUDIT_COLUMNS if c not in checks.columns]
    if missing:
        raise ValueError(f"checks lack columns {missing}")
    if docs is not None and not {"doc_id", "sha256"} <= set(docs.columns):
        raise ValueError("docs lacks doc_id or sha256")
    checks = AUDITS.validate(checks[AUDIT_COLUMNS].reset_index(drop=True))
    out = Path(output_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = {key: out / name for key, name in AUDIT_FILE_NAMES.items()}

    write_stage(
        out,
        {AUDIT_FILE_NAMES["audit_csv"]: lambda p: write_csv(checks, p),
         AUDIT_FILE_NAMES["audit_parquet"]: lambda p: checks.to_parquet(p, index=False)},
        {"audits": checks},
        (AUDIT_FILE_NAMES["manifest"], lambda p: _manifest_file(p, checks, docs, params)),
    )
    return paths
