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
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
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
    tmp_path = _staging_path(path)
    try:
        write(tmp_path)
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def _staging_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


# Spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with one of
# these is taken by Excel/LibreOffice as a formula; a leading apostrophe makes it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_ENCODING = "utf-8-sig"  # with a BOM: Excel opens the file as UTF-8 instead of the system code page
QUOTE_MAX_CHARS = 600  # quote_ar as written: the facts stage cuts at the same length (arqam.facts.document.QUOTE_MAX); quotes from elsewhere are cut here


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells cannot run as spreadsheet formulas.

    Args:
        frame: any table. Text cells that start with = + - @ tab or CR get a leading
            apostrophe (OWASP); numeric and boolean columns are left untouched.
    Returns:
        The safe copy (the frame itself when no cell needed it).
    """
    out = None
    for col in frame.columns:
        series = frame[col]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        risky = series.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_START))
        if risky.any():
            out = frame.copy() if out is None else out
            out.loc[risky, col] = "'" + series[risky].astype(str)
    return frame if out is None else out


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as a CSV analysts can open in Excel: UTF-8 with a BOM, formula-safe text cells."""
    # CRLF rows (RFC 4180, what Excel writes): a cell holding a bare CR is then quoted too
    spreadsheet_safe(frame).to_csv(path, index=False, encoding=CSV_ENCODING, lineterminator="\r\n")


def cap_quote(quote: str | None, text: str, char_start: int, char_end: int, limit: int = QUOTE_MAX_CHARS) -> str | None:
    """Cut a fact's quote to at most ``limit`` characters around its figure.

    Args:
        quote: the figure's sentence as the facts stage gives it.
        text: the document text the offsets index.
        char_start, char_end: the figure's offsets in text.
        limit: the longest quote kept; longer ones are cut around the figure with … at
            each cut end.
    Returns:
        The quote, cut when longer than limit.
    """
    if quote is None or len(quote) <= limit:
        return quote
    figure = text[char_start:char_end]
    at = quote.find(figure) if figure else -1
    if at < 0:
        at = 0
    half = max(0, (limit - len(figure)) // 2)
    lo = max(0, min(at - half, len(quote) - limit))
    hi = min(len(quote), lo + limit)
    return ("\u2026" if lo > 0 else "") + quote[lo:hi] + ("\u2026" if hi < len(quote) else "")


def write_stage(out: Path, files: dict[str, Any], tables: dict[str, pd.DataFrame], manifest: Any = None) -> dict[str, Path]:
    """Write a stage's outputs into a shared folder: every file staged, then swapped in, the manifest last.

    The one shape of every writer (after the caller has validated its frames): each
    file is written to a staging path beside it; only when all are written are the
    DuckDB tables replaced, in one transaction, and the files renamed over the old
    ones; the manifest comes last, so a manifest never describes files that failed.
    A failure before the swap leaves every previous file as it was.

    Args:
        out: the output folder (created when missing).
        files: file name -> function writing that file at the path it is given.
        tables: DuckDB table name -> frame, replaced in out/arqam.duckdb (other tables kept).
        manifest: (file name, function writing the manifest at the path it is given),
            or None.
    Returns:
        The final path of every file, keyed by file name.
    """
    out.mkdir(parents=True, exist_ok=True)
    staged: dict[Path, Path] = {}
    try:
        for name, write in files.items():
            path = out / name
            staged[path] = _staging_path(path)
            write(staged[path])
        if tables:
            _load_duckdb(out / FILE_NAMES["duckdb"], tables)
        for path, tmp in staged.items():
            os.replace(tmp, path)
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
    paths = {p.name: p for p in staged}
    if manifest is not None:
        name, write = manifest
        _replace(out / name, write)
        paths[name] = out / name
    return paths


@contextmanager
def duckdb_connect(path: Path, config: dict | None = None):
    """Connect to a DuckDB file whatever characters its folder's name holds.

    DuckDB (2.0) builds its write-ahead-log path by inserting ".wal" before the first
    "?" of the resolved path, so a file under a folder named with one fails at COMMIT.
    Such a file is worked on as a copy in a temporary folder and put back (written
    beside it, then renamed over it) only when the block ends without an error.
    """
    target = Path(path)
    if "?" not in str(target.resolve()):
        con = duckdb.connect(str(target), config=config or {})
        try:
            yield con
        finally:
            con.close()
        return
    work = Path(tempfile.mkdtemp(prefix="arqam-db-"))
    try:
        copy = work / "arqam.duckdb"
        if target.exists():
            shutil.copyfile(target, copy)
        con = duckdb.connect(str(copy), config=config or {})
        try:
            yield con
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _replace(target, lambda p: shutil.copyfile(copy, p))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _load_duckdb(path: Path, tables: dict[str, pd.DataFrame]) -> None:
    # The database is shared by the stages, each with its own tables: replace only the
    # given tables, together in one transaction, rather than the whole file. Table names
    # come from the code, never from data; frames are registered, never pasted into SQL.
    with duckdb_connect(path) as con:
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


def _check_columns(frames: tuple[tuple[pd.DataFrame, str, tuple[str, ...]], ...]) -> None:
    for frame, name, needed in frames:
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks columns {missing}")


def _manifest_file(
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
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")


def _write_manifest(
    path: Path,
    stage: str,
    docs: pd.DataFrame,
    params: dict[str, Any] | None,
    row_counts: dict[str, int],
    file_names: list[str],
) -> None:
    """Write a stage's manifest on its own (atomically), for writers outside this module."""
    _replace(path, lambda p: _manifest_file(p, stage, docs, params, row_counts, file_names))


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
    counts = {"documents": int(len(docs)), "mentions": int(len(mentions))}
    write_stage(
        out,
        {FILE_NAMES["mentions_csv"]: lambda p: write_csv(mentions, p),
         FILE_NAMES["mentions_parquet"]: lambda p: mentions.to_parquet(p, index=False),
         FILE_NAMES["documents_parquet"]: lambda p: docs.to_parquet(p, index=False)},
        {"documents": docs, "mentions": mentions},
        (FILE_NAMES["manifest"], lambda p: _manifest_file(p, "numbers", docs, params, counts, list(FILE_NAMES.values()))),
    )
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
    texts = dict(zip(docs["doc_id"], docs["text"])) if "text" in docs.columns else {}
    out = Path(output_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = {key: out / name for key, name in FACTS_FILE_NAMES.items()}
    facts = facts.assign(quote_ar=[cap_quote(q, texts.get(d, ""), s, e) for q, d, s, e in
                                   zip(facts["quote_ar"], facts["doc_id"], facts["char_start"], facts["char_end"])]) if len(facts) else facts
    counts = {"documents": int(len(docs)), "facts": int(len(facts))}
    write_stage(
        out,
        {FACTS_FILE_NAMES["facts_csv"]: lambda p: write_csv(facts, p),
         FACTS_FILE_NAMES["facts_parquet"]: lambda p: facts.to_parquet(p, index=False)},
        {"facts": facts},
        (FACTS_FILE_NAMES["manifest"], lambda p: _manifest_file(p, "facts", docs, params, counts, list(FACTS_FILE_NAMES.values()))),
    )
    return paths
