"""Write the documents and mention tables of a run, with its manifest, to one folder.

Every file is rewritten whole on each run (never appended to): mentions.csv,
mentions.parquet, documents.parquet and manifest.json. In the DuckDB database
arqam.duckdb, shared with later stages, the tables ``documents`` and ``mentions``
are replaced (CREATE OR REPLACE) and other tables are left alone.
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


def _load_duckdb(path: Path, documents: pd.DataFrame, mentions: pd.DataFrame) -> None:
    # The database is shared with later stages, which add their own tables: replace only
    # these two, together, rather than the whole file.
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        for name, frame in (("documents", documents), ("mentions", mentions)):
            con.register("frame_view", frame)
            con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM frame_view")
            con.unregister("frame_view")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()


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
    for frame, name, needed in ((mentions, "mentions", ("doc_id", "mention_id")), (docs, "docs", ("doc_id", "sha256"))):
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks columns {missing}")
    out = Path(output_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = {key: out / name for key, name in FILE_NAMES.items()}

    _replace(paths["mentions_csv"], lambda p: mentions.to_csv(p, index=False, encoding="utf-8"))
    _replace(paths["mentions_parquet"], lambda p: mentions.to_parquet(p, index=False))
    _replace(paths["documents_parquet"], lambda p: docs.to_parquet(p, index=False))
    _load_duckdb(paths["duckdb"], docs, mentions)

    from . import __version__  # here, not at the top: arqam/__init__ imports this module

    files = docs["path"] if "path" in docs.columns else [None] * len(docs)
    commit, dirty = _package_repo_state()
    manifest = {
        "arqam_version": __version__,
        "git_commit": commit,
        "git_dirty": dirty,
        "python_version": platform.python_version(),
        "parameters": params or {},
        "inputs": [
            {"doc_id": d, "file": Path(p).name if isinstance(p, str) else None, "sha256": s}
            for d, p, s in sorted(zip(docs["doc_id"], files, docs["sha256"]), key=lambda r: r[0])
        ],
        "row_counts": {"documents": int(len(docs)), "mentions": int(len(mentions))},
        "files": sorted(FILE_NAMES.values()),
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n"
    _replace(paths["manifest"], lambda p: p.write_text(text, encoding="utf-8"))
    return paths
