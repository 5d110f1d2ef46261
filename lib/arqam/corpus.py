"""Load a folder of articles with its catalog, and tabulate every number mention.

A corpus folder holds UTF-8 ``<doc_id>.txt`` files and, optionally, a
``catalog.csv`` with one row per article (see README "Adding an article").
"""

from __future__ import annotations

import hashlib
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
# Scalable extraction lives in arqam.extract; this name is kept for existing callers.


def extract_corpus(*args, **kwargs) -> dict:
    """Extract a corpus of any size into a DuckDB store: see `arqam.extract.extract_corpus`."""
    from .extract import extract_corpus as run

    return run(*args, **kwargs)
