"""`arqam extract`: a corpus of any size into a DuckDB store, with nothing lost, corrupted or injected.

Order of a run:
1. Every argument is checked before any work or write (`check_args`); a bad one is a
   ValueError naming the fix.
2. The output folder is locked (a second run into it fails at once), leftovers of an
   interrupted run are put back or removed (`arqam.staging`), and a fresh staging
   folder is made beside it.
3. dask.bag extracts partitions into staging/parts/<table>/part-*.parquet. Inside a
   partition each input is read, then extracted under a per-document budget
   (`arqam.budget`): any failure is that input's error row, never the run's end.
4. A doc_id read twice is kept once (the first in input order); the others become
   duplicate_id errors and their rows leave every table (the parts are rewritten).
5. The parts are loaded into staging/arqam.duckdb in one transaction, from Arrow
   datasets (no path is ever written into SQL, so no path is globbed or injected).
6. inputs = documents + errors is checked; the manifest is written; staging is swapped
   in place of the output folder atomically. A failed or killed run leaves the
   previous store intact.
"""

from __future__ import annotations

import json
import os
import platform
import re
import time
from contextlib import ExitStack
from pathlib import Path

from .budget import DOC_SECONDS, TooCostly, budget, default_doc_memory
from .ingest import (
    HTML_SUFFIXES,
    MAX_BYTES,
    RECORD_SUFFIXES,
    TEXT_SUFFIXES,
    Document,
    DocumentError,
    check_entry,
    corpus_sources,
    display_path,
    read_file,
)
from .staging import check_out, locked, new_staging, recover, remove_staging, swap_in

DUCKDB_MEMORY_LIMIT = "1GB"  # the load spills to disk beyond this
CONNECT_TIMEOUT = "10s"  # a dask.distributed address that does not answer
TABLES = ("documents", "mentions", "facts", "errors")
# What a store folder may hold: everything a run writes, and nothing else.
STORE_NAMES: dict[str, str | None] = {
    "arqam.duckdb": None,
    "arqam.duckdb.wal": None,
    "manifest_extract.json": None,
    "parts": "part-*.parquet",
    ".duckdb_tmp": "*",
}
LOCAL_SCHEDULERS = ("sync", "threads", "processes")
_ADDRESS = re.compile(r"^(tcp|tls|inproc|ucx|ws|wss)://\S+$")


def _schemas():
    import pyarrow as pa_

    from .facts import FACT_COLUMNS

    s = pa_.string()
    i = pa_.int64()
    f = pa_.float64()
    fact_types = {"char_start": i, "char_end": i, "value": f, "value_low": f, "value_high": f, "is_largest_part": pa_.bool_()}
    return {
        "documents": pa_.schema([("doc_id", s), ("source", s), ("fmt", s), ("encoding", s), ("sha256", s), ("n_chars", i), ("n_mentions", i),
                                 ("n_facts", i), ("warnings", s), ("country_iso3", s), ("published", s), ("period_covered", s),
                                 ("title", s), ("site", s), ("url", s), ("page_published", s), ("text", s)]),
        "mentions": pa_.schema([("doc_id", s), ("mention_id", s), ("char_start", i), ("char_end", i), ("text_ar", s), ("value", f), ("kind", s),
                                ("qualifier", s), ("value_low", f), ("value_high", f), ("unit", s)]),
        "facts": pa_.schema([(c, fact_types.get(c, s)) for c in FACT_COLUMNS]),
        "errors": pa_.schema([("doc_id", s), ("source", s), ("reason", s), ("detail", s)]),
    }


def _meta_value(v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    return str(v)


# ---------------------------------------------------------------------------
# 1. Arguments, checked before any work


def check_args(corpus: Path, out: Path, catalog: Path | None, scheduler: str, workers, partition_size, text_column, max_bytes,
               doc_seconds, doc_memory) -> None:
    """Raise ValueError naming the fix for the first bad argument of extract_corpus."""
    if not isinstance(partition_size, int) or partition_size < 1:
        raise ValueError(f"partition_size must be a whole number of documents, at least 1 (got {partition_size!r})")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers must be at least 1, or left out to use every core (got {workers!r})")
    if scheduler not in LOCAL_SCHEDULERS and not _ADDRESS.match(scheduler):
        raise ValueError(f"unknown scheduler {scheduler!r}: use sync, threads, processes, or a dask.distributed address such as tcp://host:8786")
    if max_bytes is not None and (not isinstance(max_bytes, int) or max_bytes < 1):
        raise ValueError(f"max_bytes must be a positive number of bytes (got {max_bytes!r})")
    for name, v in (("doc_seconds", doc_seconds), ("doc_memory", None if doc_memory == "auto" else doc_memory)):
        if v is not None and (not isinstance(v, (int, float)) or v <= 0):
            raise ValueError(f"{name} must be positive, or None for no limit (got {v!r})")
    if not text_column:
        raise ValueError("text_column must name the text field of JSONL/Parquet inputs (e.g. text)")
    if not corpus.exists():
        raise ValueError(f"corpus not found: {corpus} (a folder of .txt/.md/.html files, a .jsonl or a .parquet file)")
    if not corpus.is_dir():
        if not corpus.is_file():
            raise ValueError(f"corpus {corpus} is not a regular file or folder; save the corpus to a file")
        if corpus.suffix.lower() not in TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES:
            raise ValueError(f"corpus {corpus}: arqam reads a folder, a .jsonl or .parquet file, or one .txt/.md/.html article; convert it or put it in a folder")
        if corpus.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            try:
                names = pq.ParquetFile(corpus).schema_arrow.names
            except Exception as exc:
                raise ValueError(f"corpus {corpus} is not a readable Parquet file: {str(exc)[:200]}") from None
            if text_column not in names:
                raise ValueError(f"{corpus}: no column {text_column!r}; columns are {names} (use --text-column)")
    if catalog is not None and not catalog.is_file():
        raise ValueError(f"catalog not found: {catalog} (a CSV with a doc_id column)")
    check_out(out, STORE_NAMES, [corpus] + ([catalog] if catalog else []), corpus if corpus.is_dir() else None)


def _connect(scheduler: str, stack: ExitStack):
    if scheduler in LOCAL_SCHEDULERS:
        return None
    from dask.distributed import Client

    try:
        return stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
    except (OSError, TimeoutError) as exc:
        raise ValueError(f"cannot reach the dask scheduler at {scheduler} ({type(exc).__name__}); start it, check the address, or use --scheduler threads") from None


def _catalog_dict(corpus: Path, catalog: Path | None) -> tuple[dict, Path | None]:
    from .corpus import CATALOG_NAME, _read_catalog

    path = catalog or (corpus / CATALOG_NAME if corpus.is_dir() else None)
    if path is None or not path.is_file():
        return {}, None
    try:
        cat = _read_catalog(path)
    except UnicodeDecodeError as exc:
        raise ValueError(f"catalog {path} is not UTF-8 (byte {exc.start}); save it as UTF-8") from None
    keep = [c for c in ("country_iso3", "published", "period_covered") if c in cat.columns]
    return {str(r["doc_id"]): {k: _meta_value(r[k]) for k in keep} for r in cat.to_dict("records")}, path


# ---------------------------------------------------------------------------
# 2. Partitions: cheap references to the inputs (no text is read here)


def _jsonl_tasks(src: Path, partition_size: int) -> list[tuple]:
    """Byte ranges of partition_size lines each, found in 1 MiB blocks (a giant line is never held)."""
    tasks = []
    start, first_line, n, pos = 0, 1, 0, 0
    with open(src, "rb") as fh:
        while block := fh.read(1 << 20):
            i = 0
            while True:
                need = partition_size - n
                if block.count(b"\n", i) < need:
                    n += block.count(b"\n", i)
                    break
                for _ in range(need):
                    i = block.index(b"\n", i) + 1
                end = pos + i
                tasks.append(("jsonl", str(src), start, end, first_line, partition_size))
                start, first_line, n = end, first_line + partition_size, 0
            last = block
            pos += len(block)
    if pos > start:
        lines = n + (0 if last.endswith(b"\n") else 1)
        tasks.append(("jsonl", str(src), start, pos, first_line, lines))
    return tasks


def _part_tasks(corpus: Path, partition_size: int, exclude: tuple[Path, ...]) -> list[tuple]:
    """Tasks (kind, source, …, expected inputs) grouped into partitions."""
    tasks: list[tuple] = []
    batch: list[str] = []
    for src in corpus_sources(corpus, exclude):
        suffix = src.suffix.lower()
        if suffix in RECORD_SUFFIXES and check_entry(src, RECORD_SUFFIXES) is None:
            if batch:  # tasks stay in input order: the first of a doc_id read twice is the one kept
                tasks.append(("files", tuple(batch), 0, 0, 0, len(batch)))
                batch = []
            if suffix == ".jsonl":
                tasks.extend(_jsonl_tasks(src, partition_size))
                continue
            import pyarrow.parquet as pq

            try:
                meta = pq.ParquetFile(src).metadata
            except Exception as exc:
                tasks.append(("error", str(src), "unreadable", f"not a readable Parquet file: {str(exc)[:200]}", 0, 1))
                continue
            tasks.extend(("parquet", str(src), g, 0, 0, meta.row_group(g).num_rows) for g in range(meta.num_row_groups))
            continue
        batch.append(str(src))
        if len(batch) == partition_size:
            tasks.append(("files", tuple(batch), 0, 0, 0, len(batch)))
            batch = []
    if batch:
        tasks.append(("files", tuple(batch), 0, 0, 0, len(batch)))
    return tasks


def _iter_task(task: tuple, text_column: str, max_bytes: int, counts: dict):
    """Yield one Document or DocumentError per input of a task, whatever fails while reading."""
    from .ingest import jsonl_lines, parquet_row_group

    kind, src, a, b, c, expected = task
    if kind == "error":
        yield DocumentError(display_path(Path(src).stem), display_path(src), a, b)
    elif kind == "files":
        for path in src:
            try:
                yield read_file(Path(path), max_bytes)
            except Exception as exc:  # a reader bug: this file's error, not the run's end
                yield DocumentError(display_path(Path(path).stem), display_path(path), "unreadable", f"{type(exc).__name__}: {str(exc)[:300]}")
    elif kind == "jsonl":
        path, line = Path(src), c - 1
        try:
            for line, item in jsonl_lines(path, text_column, start=a, end=b, first_line=c, max_bytes=max_bytes):
                if item is None:
                    counts["blank"] += 1
                else:
                    yield item
        except Exception as exc:  # the file went away or changed: every line not read is an error
            for n in range(line + 1, c + expected):
                yield DocumentError(f"{display_path(path.stem)}:{n}", f"{display_path(path)}#{n}", "unreadable", f"reading stopped: {type(exc).__name__}: {str(exc)[:200]}")
    elif kind == "parquet":
        path, done = Path(src), 0
        try:
            for item in parquet_row_group(path, a, text_column, max_bytes):
                done += 1
                yield item
        except Exception as exc:
            import pyarrow.parquet as pq

            reason = "no_text" if isinstance(exc, ValueError) else "unreadable"
            try:
                f = pq.ParquetFile(path)
                before = sum(f.metadata.row_group(i).num_rows for i in range(a))
            except Exception:
                before = 0
            for row in range(before + done + 1, before + expected + 1):
                yield DocumentError(f"{display_path(path.stem)}:{row}", f"{display_path(path)}#{row}", reason, str(exc)[:300])


# ---------------------------------------------------------------------------
# 3. One partition


def _process_partition(index: int, task: tuple, staging: str, catalog: dict, text_column: str, max_bytes: int,
                       doc_seconds: float | None, doc_memory: int | None) -> dict:
    """Read, extract and write one partition; return its counts and the doc_ids it kept.

    Python's cyclic garbage collector is paused while the partition is processed:
    extraction makes many short-lived objects and no reference cycles, so the
    collector's passes cost ~10% and free nothing; it runs again afterwards.
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _process_partition_inner(index, task, staging, catalog, text_column, max_bytes, doc_seconds, doc_memory)
    finally:
        if was_enabled:
            gc.enable()


_WARM = False


def _warm_up() -> None:
    """Build the extractors' matchers and lexicons once per process, outside any budget.

    A budget stops a document with an exception raised at any bytecode; it must never
    land inside a lazy initialisation and leave a half-built cache for the next document.
    """
    global _WARM
    if not _WARM:
        from .facts import fact_rows

        fact_rows("سجلت منصة أبشر 12 مليون عملية خلال العام الجاري", "warm-up", {"published": "2025-01-01"})
        _WARM = True


def _extract_one(item: Document, meta: dict, doc_seconds, doc_memory):
    from .facts import fact_rows
    from .normalize import normalize
    from .numbers import find_numbers

    with budget(len(item.text), doc_seconds, doc_memory):
        nt = normalize(item.text)  # once, for the reader and the facts stage
        mentions = find_numbers(item.text, normalized=nt)
        facts = fact_rows(item.text, item.doc_id, meta, mentions, normalized=nt)
    return mentions, facts


def _process_partition_inner(index, task, staging, catalog, text_column, max_bytes, doc_seconds, doc_memory) -> dict:
    import pyarrow as pa_
    import pyarrow.parquet as pq

    from .store import cap_quote

    _warm_up()
    rows = {t: [] for t in TABLES}
    counts = {"blank": 0}
    seen: dict[str, str] = {}
    kept: list[tuple[str, str]] = []
    for item in _iter_task(task, text_column, max_bytes, counts):
        if not isinstance(item, Document):
            rows["errors"].append({"doc_id": item.doc_id, "source": item.source, "reason": item.reason, "detail": item.detail})
            continue
        if item.doc_id in seen:
            rows["errors"].append({"doc_id": item.doc_id, "source": item.source, "reason": "duplicate_id",
                                   "detail": f"doc_id {item.doc_id!r} was already read from {seen[item.doc_id]}; give each article its own id"})
            continue
        meta = {k: _meta_value(v) for k, v in item.meta.items()}
        meta.update({k: v for k, v in catalog.get(item.doc_id, {}).items() if v is not None})
        if not meta.get("published") and meta.get("page_published"):
            meta["published"] = meta["page_published"]  # the page's own date anchors its relative periods
        try:
            mentions, facts = _extract_one(item, meta, doc_seconds, doc_memory)
        except (TooCostly, MemoryError) as exc:
            gc_collect()
            detail = str(exc) if isinstance(exc, TooCostly) and str(exc) else "ran out of memory or time; split the document"
            rows["errors"].append({"doc_id": item.doc_id, "source": item.source, "reason": "too_costly", "detail": detail})
            continue
        except Exception as exc:  # an extractor bug must not lose the document: report it
            rows["errors"].append({"doc_id": item.doc_id, "source": item.source, "reason": "extraction_failed", "detail": f"{type(exc).__name__}: {str(exc)[:300]}"})
            continue
        seen[item.doc_id] = item.source
        kept.append((item.doc_id, item.source))
        rows["mentions"].extend(
            {"doc_id": item.doc_id, "mention_id": f"{item.doc_id}:{m.start}", "char_start": m.start, "char_end": m.end, "text_ar": m.text,
             "value": float(m.value), "kind": m.kind, "qualifier": m.qualifier, "value_low": m.low, "value_high": m.high, "unit": m.unit}
            for m in mentions
        )
        for f in facts:
            f["quote_ar"] = cap_quote(f["quote_ar"], item.text, f["char_start"], f["char_end"])
        rows["facts"].extend(facts)
        rows["documents"].append({
            "doc_id": item.doc_id, "source": item.source, "fmt": item.fmt, "encoding": item.encoding, "sha256": item.sha256,
            "n_chars": len(item.text), "n_mentions": len(mentions), "n_facts": len(facts), "warnings": "; ".join(item.warnings) or None,
            "country_iso3": meta.get("country_iso3"), "published": meta.get("published"), "period_covered": meta.get("period_covered"),
            "title": meta.get("title"), "site": meta.get("site"), "url": meta.get("url"), "page_published": meta.get("page_published"),
            "text": item.text,
        })
    if rows["facts"]:  # the stage boundary: a schema violation is a bug and must fail loudly
        import pandas as pd

        from .facts import FACT_COLUMNS
        from .schemas import validate_facts

        validate_facts(pd.DataFrame(rows["facts"], columns=FACT_COLUMNS))
    schemas = _schemas()
    for table, data in rows.items():
        folder = Path(staging) / "parts" / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa_.Table.from_pylist(data, schema=schemas[table]), folder / f"part-{index:05d}.parquet")
    return {"index": index, "expected": task[5], "blank": counts["blank"], "kept": kept,
            "documents": len(rows["documents"]), "errors": len(rows["errors"])}


def gc_collect() -> None:
    import gc

    gc.collect()


# ---------------------------------------------------------------------------
# 4. Duplicates across partitions


def _drop_duplicates(results: list[dict], staging: Path) -> int:
    """Keep the first of each doc_id in input order; rewrite the parts of the others' partitions."""
    import pyarrow as pa_
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    first: dict[str, str] = {}
    drop: dict[int, list[tuple[str, str, str]]] = {}
    for r in sorted(results, key=lambda r: r["index"]):
        for doc_id, source in r["kept"]:
            if doc_id in first:
                drop.setdefault(r["index"], []).append((doc_id, source, first[doc_id]))
            else:
                first[doc_id] = source
    schemas = _schemas()
    for index, dups in drop.items():
        ids = pa_.array(sorted({d for d, _, _ in dups}), type=pa_.string())
        for table in ("documents", "mentions", "facts", "errors"):
            path = staging / "parts" / table / f"part-{index:05d}.parquet"
            data = pq.read_table(path, schema=schemas[table])
            if table == "errors":
                extra = [{"doc_id": d, "source": s, "reason": "duplicate_id", "detail": f"doc_id {d!r} was already read from {kept}; give each article its own id"}
                         for d, s, kept in dups]
                data = pa_.concat_tables([data, pa_.Table.from_pylist(extra, schema=schemas[table])])
            else:
                data = data.filter(pc.invert(pc.is_in(data["doc_id"], value_set=ids)))
            tmp = path.with_name(path.name + ".tmp")
            pq.write_table(data, tmp)
            os.replace(tmp, path)
    return sum(len(d) for d in drop.values())


# ---------------------------------------------------------------------------
# 5. The load


def _load(staging: Path) -> dict:
    """Load every table from the parts into staging/arqam.duckdb in one transaction; return counts."""
    import pyarrow as pa_
    import pyarrow.dataset as ds

    from .store import duckdb_connect

    schemas = _schemas()
    tmp = staging / ".duckdb_tmp"
    config = {"memory_limit": DUCKDB_MEMORY_LIMIT, "temp_directory": str(tmp), "preserve_insertion_order": False}
    with duckdb_connect(staging / "arqam.duckdb", config) as con:
        con.execute("BEGIN TRANSACTION")
        for table in TABLES:
            folder = staging / "parts" / table
            files = sorted(str(p) for p in folder.iterdir()) if folder.is_dir() else []
            # an Arrow dataset: DuckDB streams it without parsing (or globbing) any path
            src = ds.dataset(files, schema=schemas[table], format="parquet") if files else pa_.Table.from_pylist([], schema=schemas[table])
            con.register("parts_source", src)
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM parts_source")  # table: one of TABLES, never user input
            con.unregister("parts_source")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        counts["chars"] = int(con.execute("SELECT coalesce(sum(n_chars), 0) FROM documents").fetchone()[0])
        counts["error_reasons"] = dict(con.execute("SELECT reason, count(*) FROM errors GROUP BY reason ORDER BY reason").fetchall())
        con.execute("COMMIT")
    if tmp.exists():
        import shutil

        shutil.rmtree(tmp)
    return counts


# ---------------------------------------------------------------------------
# Workers die with the driver


def _worker_init() -> None:
    """Make a `processes` worker exit when the driver dies, even by SIGKILL."""
    import sys
    import threading

    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch():  # portable fallback: the parent's pid changes when it dies
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="arqam-parent-watch", daemon=True).start()


# ---------------------------------------------------------------------------


def extract_corpus(
    corpus: str | Path,
    out: str | Path,
    catalog: str | Path | None = None,
    scheduler: str = "threads",
    workers: int | None = None,
    partition_size: int = 200,
    text_column: str = "text",
    progress: bool | None = None,
    max_bytes: int | None = None,
    doc_seconds: float | None = DOC_SECONDS,
    doc_memory: int | str | None = "auto",
) -> dict:
    """Extract mentions and facts from a corpus of any size with dask.bag into a DuckDB store.

    Args:
        corpus: a folder (every entry is an input: .txt/.md/.html articles, .jsonl and
            .parquet corpora; anything else becomes an error row), a .jsonl file
            ({"doc_id", "text", meta…} per line), a .parquet file with a text column, or
            one .txt/.md/.html article.
        out: the store folder: parts/<table>/part-*.parquet, arqam.duckdb (tables
            documents, mentions, facts, errors) and manifest_extract.json. It must be
            new, empty, or a previous store; it is replaced whole and atomically.
        catalog: a catalog CSV (default: <corpus>/catalog.csv when the corpus is a folder).
        scheduler: "sync", "threads", "processes", or a dask.distributed address (tcp://host:port).
        workers: number of local workers (default: all cores).
        partition_size: documents (files or JSONL lines) per partition.
        text_column: the text field of JSONL/Parquet inputs.
        progress: show a tqdm bar (default: when there is more than one partition).
        max_bytes: inputs larger than this are errors (default 50 MB).
        doc_seconds: a document's time budget in seconds (plus 10 s per million
            characters); over it, the document is a too_costly error. None: no limit.
        doc_memory: bytes a document may add to its process's memory ("auto": a quarter
            of the memory limit, cgroup or physical); over it, too_costly. None: no limit.
    Returns:
        Counts: in, documents, errors, error_reasons, mentions, facts, chars, partitions,
        duplicates, seconds, recovered (what was cleaned up from an interrupted run),
        and the paths written (duckdb, parts, out).
    Raises:
        ValueError: a bad argument (before any work or write), naming the fix.
        arqam.staging.OutputBusy: another run is writing the same folder.
        RuntimeError: documents + errors do not account for every input (nothing is
            swapped in; the previous store stays).
    """
    t0 = time.perf_counter()
    corpus_p = Path(os.path.abspath(Path(corpus).expanduser()))
    out_p = Path(out).expanduser().resolve()
    catalog_p = Path(catalog).expanduser().resolve() if catalog else None
    corpus_real = corpus_p.resolve() if corpus_p.exists() else corpus_p
    check_args(corpus_real, out_p, catalog_p, scheduler, workers, partition_size, text_column, max_bytes, doc_seconds, doc_memory)
    if doc_memory == "auto":
        doc_memory = default_doc_memory()
    limit = max_bytes or MAX_BYTES
    cat, cat_path = _catalog_dict(corpus_real, catalog_p)

    with ExitStack() as stack:
        client = _connect(scheduler, stack)
        stack.enter_context(locked(out_p))
        recovered = recover(out_p)
        staging = new_staging(out_p)
        try:
            tasks = _part_tasks(corpus_real, partition_size, (cat_path,) if cat_path else ())
            results = _compute(tasks, staging, cat, text_column, limit, doc_seconds, doc_memory, scheduler, workers, client, progress)
            duplicates = _drop_duplicates(results, staging)
            counts = _load(staging)
            expected = sum(r["expected"] - r["blank"] for r in results)
            if len(results) != len(tasks) or expected != counts["documents"] + counts["errors"]:
                raise RuntimeError(f"extract_corpus: {expected} inputs but {counts['documents']} documents + {counts['errors']} errors; "
                                   f"an input changed or was lost during the run; nothing was replaced in {out_p}")
            summary = {"in": expected, **{t: counts[t] for t in TABLES}, "chars": counts["chars"], "error_reasons": counts["error_reasons"],
                       "partitions": len(tasks), "duplicates": duplicates, "recovered": recovered}
            _write_manifest(staging, corpus_p, cat_path, scheduler, partition_size, limit, doc_seconds, doc_memory, summary)
            swap_in(staging, out_p, STORE_NAMES)
        except BaseException:
            remove_staging(staging)
            raise
    summary["seconds"] = round(time.perf_counter() - t0, 3)
    summary.update({"out": str(out_p), "duckdb": str(out_p / "arqam.duckdb"), "parts": str(out_p / "parts")})
    return summary


def _compute(tasks, staging, cat, text_column, limit, doc_seconds, doc_memory, scheduler, workers, client, progress) -> list[dict]:
    if not tasks:
        return []
    import dask.bag as db

    st = str(staging)
    bag = db.from_sequence(list(enumerate(tasks)), npartitions=len(tasks))
    results = bag.map(lambda it: _process_partition(it[0], it[1], st, cat, text_column, limit, doc_seconds, doc_memory))
    if client is not None:
        return client.compute(results).result()
    kwargs: dict = {"scheduler": scheduler}
    if workers and scheduler in ("threads", "processes"):
        kwargs["num_workers"] = workers
    if scheduler == "processes":
        kwargs["chunksize"] = 1  # dask batches 6 partitions per process by default: small corpora used one worker
        kwargs["initializer"] = _worker_init
    show = (len(tasks) > 1) if progress is None else progress
    if show:
        from tqdm.dask import TqdmCallback

        with TqdmCallback(desc="extract", unit="task"):
            return results.compute(**kwargs)
    return results.compute(**kwargs)


def _write_manifest(staging: Path, corpus: Path, catalog: Path | None, scheduler, partition_size, max_bytes, doc_seconds, doc_memory, summary) -> None:
    from . import __version__
    from .store import _package_repo_state

    commit, dirty = _package_repo_state()
    manifest = {
        "stage": "extract",
        "arqam_version": __version__,
        "git_commit": commit,
        "git_dirty": dirty,
        "python_version": platform.python_version(),
        "corpus": display_path(corpus),
        "catalog": display_path(catalog) if catalog else None,
        "parameters": {"scheduler": scheduler.split("://")[0], "partition_size": partition_size, "max_bytes": max_bytes,
                       "doc_seconds": doc_seconds, "doc_memory": doc_memory},
        "counts": {k: summary[k] for k in ("in", "documents", "errors", "mentions", "facts", "chars", "duplicates")},
        "error_reasons": summary["error_reasons"],
    }
    (staging / "manifest_extract.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True), encoding="utf-8")
