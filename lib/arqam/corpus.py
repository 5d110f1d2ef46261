"""Load a folder of articles with its catalog, and tabulate every number mention.

A corpus folder holds UTF-8 ``<doc_id>.txt`` files and, optionally, a
``catalog.csv`` with one row per article (see README "Adding an article").
"""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from tqdm import tqdm

from .numbers import KINDS, QUALIFIERS, find_numbers

CATALOG_NAME = "catalog.csv"
CATALOG_COLUMNS = (
    "doc_id",
    "country_iso3",
    "publisher",
    "published",
    "period_covered",
    "period_note",
    "language",
    "topic",
    "sha256",
)
# Column names other catalogs use for ours (e.g. id, country): renamed when ours is absent.
CATALOG_ALIASES = {"id": "doc_id", "country": "country_iso3"}
DOCUMENT_COLUMNS = ("doc_id", "path", "text", "n_chars", "sha256")
MENTION_COLUMNS = (
    "doc_id",
    "mention_id",
    "char_start",
    "char_end",
    "text_ar",
    "value",
    "kind",
    "qualifier",
    "value_low",
    "value_high",
    "unit",
)
# A progress bar for a handful of articles is noise; past this many it helps.
PROGRESS_MIN_DOCS = 20

MENTIONS_SCHEMA = pa.DataFrameSchema(
    {
        "doc_id": pa.Column(str),
        "mention_id": pa.Column(str, unique=True),
        "char_start": pa.Column("int64", pa.Check.ge(0)),
        "char_end": pa.Column("int64"),
        "text_ar": pa.Column(str, pa.Check.str_length(min_value=1)),
        "value": pa.Column(float),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS)),
        "value_low": pa.Column(float),
        "value_high": pa.Column(float),
        "unit": pa.Column(str, nullable=True),
    },
    checks=[
        pa.Check(lambda df: df["char_end"] > df["char_start"], error="char_end > char_start"),
        pa.Check(lambda df: df["value_low"] <= df["value_high"], error="value_low <= value_high"),
    ],
    strict=True,
    ordered=True,
)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_catalog(path: Path) -> pd.DataFrame:
    # Every field is text (doc_id "007" must stay "007"); only an empty field is null.
    cat = pd.read_csv(path, dtype="str", keep_default_na=False, na_values=[""], encoding="utf-8")
    cat = cat.rename(columns={a: c for a, c in CATALOG_ALIASES.items() if a in cat.columns and c not in cat.columns})
    if "doc_id" not in cat.columns:
        raise ValueError(f"{path} has no doc_id (or id) column")
    dup = sorted(cat.loc[cat["doc_id"].duplicated(), "doc_id"].unique())
    if dup:
        raise ValueError(f"{path} lists these doc_ids more than once: {dup}")
    for col in CATALOG_COLUMNS:
        if col not in cat.columns:
            cat[col] = pd.Series(pd.NA, index=cat.index, dtype="str")
    return cat.rename(columns={"sha256": "catalog_sha256"})


def load_corpus(path: str | Path = "seeds", catalog: str | Path | None = None) -> pd.DataFrame:
    """Read every ``*.txt`` article in a folder, joined with its catalog.

    Texts are decoded from the file bytes as UTF-8 without newline translation, so
    character offsets into ``text`` are offsets into the file's content.

    Args:
        path: the corpus folder; a relative path is resolved against the current
            directory.
        catalog: a catalog CSV to use instead of ``<path>/catalog.csv``. When None and
            the folder has no catalog.csv, the catalog columns are all null.

    Returns:
        One row per file, sorted by file name: doc_id (the file stem), path (absolute),
        text, n_chars, sha256 (of the file bytes), then the catalog columns
        (country_iso3, publisher, published, period_covered, period_note, language,
        topic, catalog_sha256 and any other column the catalog has). A file whose sha256
        differs from its catalog row, a file with no catalog row and a catalog row with
        no file are each reported with warnings.warn, not an exception.

    Raises:
        FileNotFoundError: the folder, or an explicitly given catalog, does not exist.
        ValueError: the catalog has no doc_id column or repeats a doc_id.
    """
    folder = Path(path).expanduser().resolve()
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder} (given as {str(path)!r})")
    if catalog is None:
        catalog_path = folder / CATALOG_NAME
        has_catalog = catalog_path.is_file()
    else:
        catalog_path = Path(catalog).expanduser().resolve()
        if not catalog_path.is_file():
            raise FileNotFoundError(f"catalog not found: {catalog_path} (given as {str(catalog)!r})")
        has_catalog = True

    rows = []
    for file in sorted(folder.glob("*.txt"), key=lambda p: p.name):
        data = file.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ValueError(f"{file} is not UTF-8 text: {err}") from err
        rows.append(
            {"doc_id": file.stem, "path": str(file), "text": text, "n_chars": len(text), "sha256": _sha256(data)}
        )
    docs = pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))
    docs = docs.astype({"doc_id": "str", "path": "str", "text": "str", "n_chars": "int64", "sha256": "str"})

    if has_catalog:
        cat = _read_catalog(catalog_path)
    else:
        cat = pd.DataFrame({c: pd.Series(dtype="str") for c in CATALOG_COLUMNS}).rename(
            columns={"sha256": "catalog_sha256"}
        )
    out = docs.merge(cat, on="doc_id", how="left", validate="one_to_one")
    first = [c if c != "sha256" else "catalog_sha256" for c in CATALOG_COLUMNS[1:]]
    out = out[list(DOCUMENT_COLUMNS) + first + [c for c in cat.columns if c not in first and c != "doc_id"]]

    if has_catalog:
        catalogued = set(cat["doc_id"])
        checks_sha = cat["catalog_sha256"].notna().any()  # a catalog without sha256 values is not a checksum list
        for row in out.itertuples(index=False):
            name = Path(row.path).name
            if row.doc_id not in catalogued:
                warnings.warn(f"{name} has no row in {catalog_path.name}; its catalog columns are null", stacklevel=2)
            elif checks_sha and (pd.isna(row.catalog_sha256) or row.catalog_sha256 != row.sha256):
                warnings.warn(
                    f"{name}: sha256 {row.sha256} differs from {catalog_path.name} ({row.catalog_sha256}); "
                    "the file changed since it was catalogued",
                    stacklevel=2,
                )
        for doc_id in sorted(catalogued - set(out["doc_id"])):
            warnings.warn(f"{catalog_path.name} lists {doc_id} but {folder.name}/ has no {doc_id}.txt", stacklevel=2)
    return out.reset_index(drop=True)


def mentions_frame(docs: pd.DataFrame) -> pd.DataFrame:
    """Find every number mention in every document.

    Args:
        docs: a frame with doc_id and text columns, as returned by load_corpus.

    Returns:
        One row per mention, sorted by doc_id then char_start: doc_id, mention_id
        ("<doc_id>:<char_start>"), char_start, char_end (offsets into the document's
        text, so ``text[char_start:char_end] == text_ar``), text_ar, value, kind,
        qualifier, value_low, value_high (inf when unbounded) and unit (currency code
        or null). Validated against MENTIONS_SCHEMA.
    """
    missing = [c for c in ("doc_id", "text") if c not in docs.columns]
    if missing:
        raise ValueError(f"docs lacks columns {missing}")
    rows = []
    items = zip(docs["doc_id"], docs["text"])
    for doc_id, text in tqdm(items, total=len(docs), desc="documents", disable=len(docs) <= PROGRESS_MIN_DOCS):
        for m in find_numbers(text):
            rows.append(
                (doc_id, f"{doc_id}:{m.start}", m.start, m.end, m.text, m.value, m.kind, m.qualifier, m.low, m.high, m.unit)
            )
    cols = list(zip(*rows)) if rows else [()] * len(MENTION_COLUMNS)
    # Built column by column with explicit dtypes: a null unit must stay null (astype(str)
    # would turn None into "None" on pandas 2), and an empty corpus keeps the same schema.
    dtypes = ("str", "str", "int64", "int64", "str", "float64", "str", "str", "float64", "float64", "str")
    out = pd.DataFrame({c: pd.Series(list(v), dtype=t) for c, v, t in zip(MENTION_COLUMNS, cols, dtypes)})
    out = out.sort_values(["doc_id", "char_start"], kind="stable").reset_index(drop=True)
    return MENTIONS_SCHEMA.validate(out)


# ---------------------------------------------------------------------------
# Scalable extraction (dask.bag): every input ends as a document or an error


DUCKDB_MEMORY_LIMIT = "1GB"  # the load spills to disk beyond this


def _part_tasks(corpus: Path, partition_size: int, text_column: str) -> list[tuple]:
    """Cheap references to the inputs, grouped into partitions (no text is read here)."""
    from .ingest import corpus_sources

    tasks: list[tuple] = []
    batch: list = []
    for src in corpus_sources(corpus):
        suffix = src.suffix.lower()
        if suffix == ".jsonl":
            start, first_line = 0, 1
            with open(src, "rb") as fh:
                pos, n = 0, 0
                for line in fh:
                    pos += len(line)
                    n += 1
                    if n == partition_size:
                        tasks.append(("jsonl", str(src), start, (pos, first_line)))
                        start, first_line, n = pos, first_line + n, 0
                if n:
                    tasks.append(("jsonl", str(src), start, (pos, first_line)))
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            f = pq.ParquetFile(src)
            if text_column not in f.schema_arrow.names:
                raise ValueError(f"{src}: no column {text_column!r}; columns are {f.schema_arrow.names} (use --text-column)")
            tasks.extend(("parquet", str(src), g, g) for g in range(f.num_row_groups))
        else:
            batch.append(str(src))
            if len(batch) == partition_size:
                tasks.append(("files", tuple(batch), 0, 0))
                batch = []
    if batch:
        tasks.append(("files", tuple(batch), 0, 0))
    return tasks


def _iter_task(task: tuple, text_column: str, max_bytes: int):
    from .ingest import iter_jsonl, parquet_row_group, read_file

    kind, src, a, b = task
    if kind == "files":
        for path in src:
            yield read_file(Path(path), max_bytes)
    elif kind == "jsonl":
        end, first_line = b
        yield from iter_jsonl(Path(src), text_column, start=a, end=end, first_line=first_line)
    elif kind == "parquet":
        yield from parquet_row_group(Path(src), a, text_column)


def _schemas():
    import pyarrow as pa_

    from .facts import FACT_COLUMNS

    s = pa_.string()
    i = pa_.int64()
    f = pa_.float64()
    fact_types = {"char_start": i, "char_end": i, "value": f, "value_low": f, "value_high": f, "is_largest_part": pa_.bool_()}
    return {
        "documents": pa_.schema([("doc_id", s), ("source", s), ("fmt", s), ("encoding", s), ("sha256", s), ("n_chars", i), ("n_mentions", i), ("n_facts", i), ("warnings", s), ("country_iso3", s), ("published", s), ("period_covered", s), ("text", s)]),
        "mentions": pa_.schema([("doc_id", s), ("mention_id", s), ("char_start", i), ("char_end", i), ("text_ar", s), ("value", f), ("kind", s), ("qualifier", s), ("value_low", f), ("value_high", f), ("unit", s)]),
        "facts": pa_.schema([(c, fact_types.get(c, s)) for c in FACT_COLUMNS]),
        "errors": pa_.schema([("doc_id", s), ("source", s), ("reason", s), ("detail", s)]),
    }


def _meta_value(v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    return str(v)


def _process_partition(index: int, task: tuple, out: str, catalog: dict, text_column: str, max_bytes: int) -> dict:
    """Read, extract and write one partition; return its counts.

    Python's cyclic garbage collector is paused while the partition is processed:
    extraction makes many short-lived objects and no reference cycles, so the
    collector's passes cost ~10% and free nothing; it runs again afterwards.
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _process_partition_inner(index, task, out, catalog, text_column, max_bytes)
    finally:
        if was_enabled:
            gc.enable()


def _process_partition_inner(index: int, task: tuple, out: str, catalog: dict, text_column: str, max_bytes: int) -> dict:
    import pyarrow as pa_
    import pyarrow.parquet as pq

    from .facts import fact_rows
    from .ingest import Document

    rows = {"documents": [], "mentions": [], "facts": [], "errors": []}
    n_in = n_chars = 0
    for item in _iter_task(task, text_column, max_bytes):
        n_in += 1
        if not isinstance(item, Document):
            rows["errors"].append({"doc_id": item.doc_id, "source": item.source, "reason": item.reason, "detail": item.detail})
            continue
        meta = {**{k: _meta_value(v) for k, v in item.meta.items()}, **{k: v for k, v in catalog.get(item.doc_id, {}).items() if v is not None}}
        try:
            mentions = find_numbers(item.text)
            facts = fact_rows(item.text, item.doc_id, meta, mentions)
        except Exception as exc:  # an extractor bug must not lose the document: report it
            rows["errors"].append({"doc_id": item.doc_id, "source": item.source, "reason": "extraction_failed", "detail": f"{type(exc).__name__}: {exc}"})
            continue
        n_chars += len(item.text)
        rows["mentions"].extend(
            {"doc_id": item.doc_id, "mention_id": f"{item.doc_id}:{m.start}", "char_start": m.start, "char_end": m.end, "text_ar": m.text,
             "value": float(m.value), "kind": m.kind, "qualifier": m.qualifier, "value_low": m.low, "value_high": m.high, "unit": m.unit}
            for m in mentions
        )
        rows["facts"].extend(facts)
        rows["documents"].append({
            "doc_id": item.doc_id, "source": item.source, "fmt": item.fmt, "encoding": item.encoding, "sha256": item.sha256,
            "n_chars": len(item.text), "n_mentions": len(mentions), "n_facts": len(facts), "warnings": "; ".join(item.warnings) or None,
            "country_iso3": meta.get("country_iso3"), "published": meta.get("published"), "period_covered": meta.get("period_covered"),
            "text": item.text,
        })
    if rows["facts"]:  # the stage boundary: a schema violation is a bug and must fail loudly
        from .facts import FACT_COLUMNS
        from .schemas import validate_facts

        validate_facts(pd.DataFrame(rows["facts"], columns=FACT_COLUMNS))
    schemas = _schemas()
    for table, data in rows.items():
        folder = Path(out) / "parts" / table
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa_.Table.from_pylist(data, schema=schemas[table]), folder / f"part-{index:05d}.parquet")
    return {"in": n_in, "documents": len(rows["documents"]), "errors": len(rows["errors"]), "mentions": len(rows["mentions"]), "facts": len(rows["facts"]), "chars": n_chars}


def _catalog_dict(corpus: Path, catalog) -> dict:
    path = Path(catalog) if catalog else (corpus / CATALOG_NAME if corpus.is_dir() else None)
    if path is None or not path.exists():
        if catalog:
            raise FileNotFoundError(f"catalog not found: {path}")
        return {}
    cat = _read_catalog(path)
    keep = [c for c in ("country_iso3", "published", "period_covered") if c in cat.columns]
    return {str(r["doc_id"]): {k: _meta_value(r[k]) for k in keep} for r in cat.to_dict("records")}


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
) -> dict:
    """Extract mentions and facts from a corpus of any size with dask.bag; load the result into DuckDB.

    Args:
        corpus: a folder of .txt/.md/.html files, a .jsonl file ({"doc_id", "text", meta…}
            per line) or a .parquet file with a text column.
        out: output folder: parts/<table>/part-*.parquet, arqam.duckdb (tables documents,
            mentions, facts, errors) and manifest_extract.json.
        catalog: a catalog CSV (default: <corpus>/catalog.csv when the corpus is a folder).
        scheduler: "sync", "threads", "processes", or a dask.distributed address (tcp://host:port).
        workers: number of local workers (default: all cores).
        partition_size: documents (files or JSONL lines) per partition.
        text_column: the text field of JSONL/Parquet inputs.
        progress: show a tqdm bar (default: when there is more than one partition).
        max_bytes: files larger than this are reported as errors (default 50 MB).
    Returns:
        Counts: in, documents, errors, mentions, facts, chars, partitions, seconds, and the paths written.
    Raises:
        RuntimeError: when documents + errors do not account for every input.
    """
    import time

    import dask.bag as db
    import duckdb

    from .ingest import MAX_BYTES

    t0 = time.perf_counter()
    corpus, out = Path(corpus), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    parts_dir = out / "parts"
    if parts_dir.exists():
        import shutil

        shutil.rmtree(parts_dir)  # a re-run replaces, never duplicates
    cat = _catalog_dict(corpus, catalog)
    tasks = _part_tasks(corpus, max(1, partition_size), text_column)
    limit = max_bytes or MAX_BYTES
    bag = db.from_sequence(list(enumerate(tasks)), npartitions=max(1, len(tasks)) if tasks else 1)
    results = bag.map(lambda it: _process_partition(it[0], it[1], str(out), cat, text_column, limit))
    show = (len(tasks) > 1) if progress is None else progress
    if "://" in scheduler:  # a dask.distributed scheduler address (tcp://, tls://, inproc://)
        from dask.distributed import Client

        with Client(scheduler) as client:
            counts = client.compute(results).result() if tasks else []
    else:
        kwargs = {"scheduler": scheduler}
        if workers and scheduler in ("threads", "processes"):
            kwargs["num_workers"] = workers
        if scheduler == "processes":
            kwargs["chunksize"] = 1  # dask batches 6 partitions per process by default: small corpora used one worker
        if show:
            from tqdm.dask import TqdmCallback

            with TqdmCallback(desc="extract", unit="task"):
                counts = results.compute(**kwargs) if tasks else []
        else:
            counts = results.compute(**kwargs) if tasks else []
    total = {k: sum(c[k] for c in counts) for k in ("in", "documents", "errors", "mentions", "facts", "chars")}
    schemas = _schemas()
    db_path = out / "arqam.duckdb"
    with duckdb.connect(str(db_path)) as con:
        # stream the parts into the tables: no ORDER BY (tables are sets; order when querying),
        # and a memory cap with spilling, so the load's memory does not grow with the corpus
        con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
        con.execute(f"SET temp_directory = '{out / '.duckdb_tmp'}'")
        con.execute("SET preserve_insertion_order = false")
        for table in schemas:
            files = sorted((parts_dir / table).glob("*.parquet")) if parts_dir.exists() else []
            if files:
                con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_parquet('{parts_dir / table}/*.parquet')")
            else:
                import pyarrow as pa_

                empty = pa_.Table.from_pylist([], schema=schemas[table])  # noqa: F841 (read by DuckDB by name)
                con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM empty")
        # the same doc_id from two inputs: keep the first, report the others
        dups = con.execute(
            "SELECT doc_id, source FROM (SELECT doc_id, source, row_number() OVER (PARTITION BY doc_id ORDER BY source) AS k FROM documents) WHERE k > 1"
        ).fetchall()
        for doc_id, source in dups:
            con.execute("INSERT INTO errors VALUES (?, ?, 'duplicate_id', ?)", [doc_id, source, f"doc_id {doc_id!r} was already read from another input; give each article its own id"])
            con.execute("DELETE FROM documents WHERE doc_id = ? AND source = ?", [doc_id, source])
        total["documents"] -= len(dups)
        total["errors"] += len(dups)
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        n_err = con.execute("SELECT count(*) FROM errors").fetchone()[0]
        reasons = dict(con.execute("SELECT reason, count(*) FROM errors GROUP BY reason ORDER BY reason").fetchall())
    if total["in"] != n_docs + n_err:
        raise RuntimeError(f"extract_corpus: {total['in']} inputs but {n_docs} documents + {n_err} errors; some input was lost")
    summary = {**total, "documents": n_docs, "errors": n_err, "error_reasons": reasons, "partitions": len(tasks),
               "seconds": round(time.perf_counter() - t0, 3), "duckdb": str(db_path), "parts": str(parts_dir)}
    manifest = {"stage": "extract", "corpus": str(corpus), "scheduler": scheduler.split("://")[0], "partition_size": partition_size,
                "counts": {k: summary[k] for k in ("in", "documents", "errors", "mentions", "facts", "chars")}, "error_reasons": reasons}
    from . import __version__

    manifest["arqam_version"] = __version__
    (out / "manifest_extract.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return summary
