"""seeds/catalog.csv describes exactly the seed articles, and its sha256s match their bytes."""

import csv
import hashlib
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
CATALOG = SEEDS / "catalog.csv"
REQUIRED_COLUMNS = (
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


def _catalog_rows():
    with CATALOG.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


FIELDNAMES, ROWS = _catalog_rows()
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_there_are_seeds():
    assert SEED_FILES, f"no .txt files in {SEEDS}"
    assert ROWS, f"{CATALOG} has no rows"


def test_required_columns_present():
    missing = [c for c in REQUIRED_COLUMNS if c not in FIELDNAMES]
    assert not missing, f"catalog.csv lacks columns {missing}"


def test_every_row_is_complete():
    # A short or long row (a stray comma, a broken quote) shows up as None values or a None key.
    for row in ROWS:
        assert None not in row, f"row has extra fields: {row}"
        assert None not in row.values(), f"row has missing fields: {row}"


def test_doc_ids_are_unique():
    ids = [r["doc_id"] for r in ROWS]
    assert len(ids) == len(set(ids)), "duplicate doc_id in catalog.csv"


def test_every_seed_file_has_a_row_and_every_row_a_file():
    on_disk = {p.stem for p in SEED_FILES}
    in_catalog = {r["doc_id"] for r in ROWS}
    assert on_disk - in_catalog == set(), "seed files with no catalog row"
    assert in_catalog - on_disk == set(), "catalog rows with no seed file"


@pytest.mark.parametrize("row", ROWS, ids=[r["doc_id"] for r in ROWS])
def test_sha256_matches_file(row):
    assert re.fullmatch(r"[0-9a-f]{64}", row["sha256"]), "sha256 must be 64 lowercase hex digits"
    data = (SEEDS / f"{row['doc_id']}.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == row["sha256"], (
        f"{row['doc_id']}.txt changed since it was catalogued: seeds are never edited in place"
    )


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.name for p in SEED_FILES])
def test_seed_is_utf8_text(path):
    text = path.read_bytes().decode("utf-8")  # raises on anything else
    assert text.strip(), f"{path.name} is empty"


@pytest.mark.parametrize("row", ROWS, ids=[r["doc_id"] for r in ROWS])
def test_country_is_iso3(row):
    assert re.fullmatch(r"[A-Z]{3}", row["country_iso3"]), row["country_iso3"]
