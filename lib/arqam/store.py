"""Write the tables of a run, with its manifest, to one folder.

Each stage writes its own files and its own manifest, rewritten whole on each run
(never appended to):

- numbers (write_mentions): mentions.csv, mentions.parquet, documents.parquet and
  manifest.json; tables ``documents`` and ``mentions`` in arqam.duckdb;
- facts (write_facts): facts.csv, facts.parquet and manifest_facts.json; table
  ``facts`` in arqam.duckdb.

The DuckDB database arqam.duckdb is shared by the stages: each replaces only its own
tables (CREATE OR REPLACE) and leaves the others alone.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd


PACKAGE_DIR = Path(__file__).resolve().parent
FILE_NAMES = {
    "mentions_csv": "mentions.csv",
    "mentions_parquet": "mentions.parquet",
    "documents_parquet": "documents.parquet",
    "duckdb": "arqam.duckdb",
    "manifest": "manifest.json",
}
FACTS_FILE_NAMES = {
    "facts_csv": "facts.csv",
    "facts_parquet": "facts.parquet",
    "duckdb": "arqam.duckdb",
    "manifest": "manifest_facts.json",
}


def _git(args: list[str], folder: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, timeout=10, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def git_commit(folder: str | Path = PACKAGE_DIR) -> str | None:
    """Return the commit checked out in the git repository holding ``folder``.

    Args:
        folder: a folder inside the repository (default: this package's folder, so an
            editable install reports the arqam checkout it runs from).

    Returns:
        The 40-hex commit id, or None when git is missing or the folder is not in a
        repository.
    """
    sha = _git(["rev-parse", "HEAD"], Path(folder))
    return sha if sha and len(sha) == 40 else None


def _package_repo_state() -> tuple[str | None, bool | None]:
    # Only trust git when this package sits at lib/arqam of the repository's top level;
    # a copy installed into a venv that happens to live inside some repo is not that repo.
    top = _git(["rev-parse", "--show-toplevel"], PACKAGE_DIR)
    if not top or (Path(top).resolve() / "lib" / "arqam") != PACKAGE_DIR:
        return None, None
    status = _git(["status", "--porcelain", "--untracked-files=no"], PACKAGE_DIR)
    return git_commit(PACKAGE_DIR), (None if status is None else bool(status))


def _replace(path: Path, write) -> None:
    # Write beside the target then rename over it: a failed run leaves the old file whole.
    tmp_path = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp_path)
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def _load_duckdb(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    # The database is shared by the stages, each with its own tables: replace only the
    # given tables, together in one transaction, rather than the whole file.
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        for name, frame in tables.items():
            con.register("frame_view", frame)
            con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM frame_view")
            con.unregister("frame_view")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()


def _check_columns(frames: tuple[tuple[pd.DataFrame, str, tuple[str, ...]], ...]) -> None:
    for frame, name, needed in frames:
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks columns {missing}")


def _write_manifest(
    path: Path,
    stage: str,
    docs: pd.DataFrame,
    params: dict[str, Any] | None,
    row_counts: dict[str, int],
    file_names: list[str],
) -> None:
    # Deterministic for the same inputs and code: no timestamps, inputs sorted by doc_id.
    from . import __version__  # here, not at the top: arqam/__init__ imports this module

    files = docs["path"] if "path" in docs.columns else [None] * len(docs)
    commit, dirty = _package_repo_state()
    manifest = {
        "stage": stage,
        "arqam_version": __version__,
        "git_commit": commit,
        "git_dirty": dirty,
        "python_version": platform.python_version(),
        "parameters": params or {},
        "inputs": [
            {"doc_id": d, "file": Path(p).name if isinstance(p, str) else None, "sha256": s}
            for d, p, s in sorted(zip(docs["doc_id"], files, docs["sha256"]), key=lambda r: r[0])
        ],
        "row_counts": row_counts,
        "files": sorted(file_names),
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n"
    _replace(path, lambda p: p.write_text(text, encoding="utf-8"))


def write_mentions(
    mentions: pd.DataFrame,
    docs: pd.DataFrame,
    output_dir: str | Path,
    params: dict[str, Any] | None = None,
) -> dict[str, Path]:
    """Write the mention and document tables of a run, and its manifest.

    Args:
        mentions: the mention table (arqam.corpus.mentions_frame).
        docs: the document table (arqam.corpus.load_corpus); its sha256 column is
            recorded in the manifest as the run's inputs.
        output_dir: folder to write into, created if missing. All outputs go here;
            nothing is written relative to the current directory.
        params: the run's parameters (JSON-serialisable; paths become strings).

    Returns:
        Paths of the written files, keyed mentions_csv, mentions_parquet,
        documents_parquet, duckdb and manifest.
    """
    _check_columns(((mentions, "mentions", ("doc_id", "mention_id")), (docs, "docs", ("doc_id", "sha256"))))
    out = Path(output_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = {key: out / name for key, name in FILE_NAMES.items()}

    _replace(paths["mentions_csv"], lambda p: mentions.to_csv(p, index=False, encoding="utf-8"))
    _replace(paths["mentions_parquet"], lambda p: mentions.to_parquet(p, index=False))
    _replace(paths["documents_parquet"], lambda p: docs.to_parquet(p, index=False))
    _load_duckdb(paths["duckdb"], {"documents": docs, "mentions": mentions})
    counts = {"documents": int(len(docs)), "mentions": int(len(mentions))}
    _write_manifest(paths["manifest"], "numbers", docs, params, counts, list(FILE_NAMES.values()))
    return paths


def write_facts(
    facts: pd.DataFrame,
    docs: pd.DataFrame,
    output_dir: str | Path,
    params: dict[str, Any] | None = None,
) -> dict[str, Path]:
    """Write the facts table of a run, and its manifest.

    Writes facts.csv, facts.parquet and manifest_facts.json, and replaces the table
    ``facts`` of arqam.duckdb (the ``documents`` and ``mentions`` tables of the numbers
    stage, and any other table, are left alone). Re-running replaces, never appends.

    Args:
        facts: the facts table (arqam.facts.facts_frame), validated here against
            arqam.schemas.FACTS before anything is written.
        docs: the document table (arqam.corpus.load_corpus) the facts were read from;
            its sha256 column is recorded in the manifest as the run's inputs. It is not
            written (the numbers stage writes documents.parquet).
        output_dir: folder to write into, created if missing. All outputs go here;
            nothing is written relative to the current directory.
        params: the run's parameters (JSON-serialisable; paths become strings).

    Returns:
        Paths of the written files, keyed facts_csv, facts_parquet, duckdb and manifest.

    Raises:
        ValueError: facts or docs lack a needed column, or a fact_id names a document
            that is not in docs.
        pandera.errors.SchemaError: the facts break the facts schema.
    """
    from .schemas import validate_facts

    _check_columns(((facts, "facts", ("fact_id", "doc_id")), (docs, "docs", ("doc_id", "sha256"))))
    unknown = sorted(set(facts["doc_id"]) - set(docs["doc_id"]))
    if unknown:
        raise ValueError(f"facts name documents that docs does not hold: {unknown[:5]}")
    facts = validate_facts(facts).reset_index(drop=True)
    out = Path(output_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = {key: out / name for key, name in FACTS_FILE_NAMES.items()}

    _replace(paths["facts_csv"], lambda p: facts.to_csv(p, index=False, encoding="utf-8"))
    _replace(paths["facts_parquet"], lambda p: facts.to_parquet(p, index=False))
    _load_duckdb(paths["duckdb"], {"facts": facts})
    counts = {"documents": int(len(docs)), "facts": int(len(facts))}
    _write_manifest(paths["manifest"], "facts", docs, params, counts, list(FACTS_FILE_NAMES.values()))
    return paths
