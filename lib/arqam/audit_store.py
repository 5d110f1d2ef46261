"""Write the audit table of a run (and the claims it rechecked), with its manifest, beside the other stages' tables.

write_audits writes audit.csv, audit.parquet and manifest_audit.json, and replaces the
table ``audits`` of the shared arqam.duckdb (the numbers and facts stages' tables, and
any other, are left alone); given the claims, it also writes claims.csv, claims.parquet
and the table ``claims``. Re-running replaces, never appends.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa

from .audit import AUDIT_COLUMNS, RULES, VERDICTS
from .claims import CLAIM_COLUMNS, CLAIM_KINDS, LINKS
from .store import _package_repo_state, write_csv, write_stage

AUDIT_FILE_NAMES = {
    "audit_csv": "audit.csv",
    "audit_parquet": "audit.parquet",
    "duckdb": "arqam.duckdb",
    "manifest": "manifest_audit.json",
}
CLAIM_FILE_NAMES = {"claims_csv": "claims.csv", "claims_parquet": "claims.parquet"}
_FLOAT_COLUMNS = ("computed", "stated", "computed_low", "computed_high", "stated_low", "stated_high")

_COLUMN_SCHEMAS = {
    "check_id": pa.Column(str, unique=True),
    "claim_id": pa.Column(str, nullable=True),
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


CLAIMS = pa.DataFrameSchema(
    {
        "claim_id": pa.Column(str, unique=True),
        "doc_ids": pa.Column(str, pa.Check.str_length(min_value=1)),
        "kind": pa.Column(str, pa.Check.isin(CLAIM_KINDS)),
        "link": pa.Column(str, pa.Check.isin(LINKS)),
        "fact_ids": pa.Column(str),
        "roles": pa.Column(str),
        "is_exhaustive": pa.Column(bool),
        "stated_value": pa.Column(float, nullable=True),
        "stated_unit": pa.Column(str, nullable=True),
        "direction": pa.Column(str, nullable=True),
        "cue_ar": pa.Column(str),
        "char_start": pa.Column(int),
        "char_end": pa.Column(int),
        "quote_ar": pa.Column(str),
        "quote_start": pa.Column(int),
        "rule": pa.Column(str),
        "reason": pa.Column(str),
    },
    strict=True,
    ordered=True,
    coerce=True,
)


def _manifest_file(path: Path, checks: pd.DataFrame, docs: pd.DataFrame | None, params: dict[str, Any] | None,
                   claims: pd.DataFrame | None = None) -> None:
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
        "row_counts": {"checks": int(len(checks)), **{v: int(by_verdict.get(v, 0)) for v in VERDICTS},
                       **({"claims": int(len(claims))} if claims is not None else {})},
        "files": sorted(list(AUDIT_FILE_NAMES.values()) + (list(CLAIM_FILE_NAMES.values()) if claims is not None else [])),
    }
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")


def write_audits(
    checks: pd.DataFrame,
    output_dir: str | Path,
    params: dict[str, Any] | None = None,
    docs: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
) -> dict[str, Path]:
    """Write the audit table of a run, and its manifest (and the claims it rechecked, when given).

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
        claims: optionally the claims table (arqam.claims.extract_claims), validated
            (CLAIMS) and written as claims.csv, claims.parquet and the DuckDB table
            ``claims`` beside ``audits``.

    Returns:
        Paths of the written files, keyed audit_csv, audit_parquet, duckdb and manifest
        (and claims_csv, claims_parquet with the claims).

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
    if claims is not None:
        missing = [c for c in CLAIM_COLUMNS if c not in claims.columns]
        if missing:
            raise ValueError(f"claims lack columns {missing}")
        claims = CLAIMS.validate(claims[CLAIM_COLUMNS].reset_index(drop=True))
    out = Path(output_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = {key: out / name for key, name in AUDIT_FILE_NAMES.items()}
    files = {AUDIT_FILE_NAMES["audit_csv"]: lambda p: write_csv(checks, p),
             AUDIT_FILE_NAMES["audit_parquet"]: lambda p: checks.to_parquet(p, index=False)}
    tables = {"audits": checks}
    if claims is not None:
        files[CLAIM_FILE_NAMES["claims_csv"]] = lambda p: write_csv(claims, p)
        files[CLAIM_FILE_NAMES["claims_parquet"]] = lambda p: claims.to_parquet(p, index=False)
        tables["claims"] = claims
        paths.update({key: out / name for key, name in CLAIM_FILE_NAMES.items()})

    write_stage(out, files, tables, (AUDIT_FILE_NAMES["manifest"], lambda p: _manifest_file(p, checks, docs, params, claims)))
    return paths
