"""arqam.audit_store: audit.csv, audit.parquet, the DuckDB audits table and a stable manifest."""

import json
import math

import duckdb
import pandas as pd
import pandera.errors
import pytest

from arqam.audit import AUDIT_COLUMNS
from arqam.audit_store import AUDIT_FILE_NAMES, write_audits


def _check(check_id, rule, doc_ids, verdict, computed=None, stated=None, stated_high=None):
    return {
        "check_id": check_id, "claim_id": f"{doc_ids.split(';')[0]}:{rule}:1", "rule": rule, "doc_ids": doc_ids, "fact_ids": f"{doc_ids.split(';')[0]}:1",
        "computed": computed, "stated": stated, "computed_low": computed, "computed_high": computed,
        "stated_low": stated, "stated_high": stated if stated_high is None else stated_high,
        "verdict": verdict, "explanation_en": f"{rule} {verdict}", "explanation_ar": "شرح «الفحص»",
    }


CHECKS = pd.DataFrame(
    [
        _check("sum:a:1", "sum", "a", "consistent", 10.0, 9.0, math.inf),
        _check("growth:a:5", "growth", "a", "rounding", 16.53, 16.0),
        _check("cross_document:a:1", "cross_document", "a;b", "inconsistent", 0.5),
        _check("share:b:2", "share", "b", "unverifiable", None, 40.0),
    ],
    columns=AUDIT_COLUMNS,
)
DOCS = pd.DataFrame({"doc_id": ["b", "a"], "sha256": ["2" * 64, "1" * 64]})


def _tables(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = sorted(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall())
        n = con.execute("SELECT count(*) FROM audits").fetchone()[0]
        rows = con.execute("SELECT check_id, verdict, stated, stated_high, computed FROM audits ORDER BY check_id").fetchall()
    finally:
        con.close()
    return names, n, rows


def test_rerun_replaces_the_audits_table_and_keeps_the_others(tmp_path):
    db = tmp_path / "arqam.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE mentions AS SELECT 1 AS mention_id")
    con.execute("CREATE TABLE facts AS SELECT 'a:1' AS fact_id")
    con.close()

    write_audits(CHECKS, tmp_path, {"rounding_coarser_steps": 1})
    paths = write_audits(CHECKS, tmp_path, {"rounding_coarser_steps": 1})

    names, n, rows = _tables(paths["duckdb"])
    assert names == ["audits", "facts", "mentions"]
    assert n == len(CHECKS) == 4
    by_id = {r[0]: r for r in rows}
    assert by_id["sum:a:1"][3] == math.inf  # an open-ended stated interval stays open
    assert by_id["share:b:2"][4] is None  # nothing computed is NULL, not NaN


def test_files_and_their_contents(tmp_path):
    paths = write_audits(CHECKS, tmp_path / "new" / "out", {})
    assert sorted(p.name for p in paths.values()) == sorted(AUDIT_FILE_NAMES.values())
    assert all(p.parent == (tmp_path / "new" / "out").resolve() and p.exists() for p in paths.values())
    csv = pd.read_csv(paths["audit_csv"], keep_default_na=False, na_values=[""])
    parquet = pd.read_parquet(paths["audit_parquet"])
    assert list(csv.columns) == list(parquet.columns) == AUDIT_COLUMNS
    assert csv["check_id"].tolist() == parquet["check_id"].tolist() == CHECKS["check_id"].tolist()
    assert csv.loc[0, "explanation_ar"] == "شرح «الفحص»"
    assert parquet.loc[0, "stated_high"] == math.inf
    assert math.isnan(parquet.loc[3, "computed"])


def test_manifest_is_deterministic_and_names_the_inputs(tmp_path):
    params = {"corpus_dir": "../seeds", "per_capita_month_max": 20.0}
    first = write_audits(CHECKS, tmp_path, params, docs=DOCS)["manifest"].read_bytes()
    second = write_audits(CHECKS, tmp_path, params, docs=DOCS)["manifest"].read_bytes()
    assert first == second
    manifest = json.loads(first)
    assert manifest["stage"] == "audit"
    assert manifest["parameters"] == params
    assert manifest["inputs"] == [{"doc_id": "a", "sha256": "1" * 64}, {"doc_id": "b", "sha256": "2" * 64}]
    assert manifest["row_counts"] == {"checks": 4, "consistent": 1, "rounding": 1, "inconsistent": 1, "unverifiable": 1}
    assert manifest["files"] == sorted(AUDIT_FILE_NAMES.values())
    assert not any(k in first.decode() for k in ("timestamp", "created", "date"))


def test_manifest_without_docs_lists_the_audited_articles(tmp_path):
    manifest = json.loads(write_audits(CHECKS, tmp_path)["manifest"].read_text(encoding="utf-8"))
    assert manifest["inputs"] == [{"doc_id": "a", "sha256": None}, {"doc_id": "b", "sha256": None}]


def test_an_empty_audit_writes_an_empty_table(tmp_path):
    paths = write_audits(pd.DataFrame(columns=AUDIT_COLUMNS), tmp_path)
    assert _tables(paths["duckdb"])[1] == 0
    assert pd.read_parquet(paths["audit_parquet"]).empty


def test_bad_checks_are_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="verdict"):
        write_audits(CHECKS.drop(columns="verdict"), tmp_path)
    with pytest.raises(pandera.errors.SchemaError):
        write_audits(CHECKS.assign(verdict=["consistent", "maybe", "consistent", "consistent"]), tmp_path)
    with pytest.raises(pandera.errors.SchemaError):
        write_audits(CHECKS.assign(check_id="same"), tmp_path)
    with pytest.raises(ValueError, match="sha256"):
        write_audits(CHECKS, tmp_path, docs=DOCS.drop(columns="sha256"))
    assert list(tmp_path.iterdir()) == []


def test_audit_csv_is_safe_for_spreadsheets(tmp_path):
    import csv

    checks = CHECKS.copy()
    checks.loc[0, "explanation_en"] = "=HYPERLINK(\"http://evil.example\",\"click\")"
    checks.loc[1, "explanation_ar"] = "@SUM(1+1)"
    checks.loc[2, "computed"] = -5.0
    paths = write_audits(checks, tmp_path)
    raw = paths["audit_csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Arabic right
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0]["explanation_en"].startswith("'=HYPERLINK") and rows[1]["explanation_ar"] == "'@SUM(1+1)"
    assert rows[2]["computed"] == "-5.0"  # numeric cells untouched
    assert pd.read_parquet(paths["audit_parquet"])["explanation_ar"][1] == "@SUM(1+1)"  # Parquet keeps the text as it is


def test_claims_written_beside_the_audits(tmp_path):
    from arqam import extract_facts
    from arqam.audit import audit
    from arqam.audit_store import CLAIM_FILE_NAMES
    from arqam.claims import CLAIM_COLUMNS, extract_claims

    text = "سجلت البوابة 5,000,000 معاملة، منها 2,000,000 معاملة عبر التطبيق و1,500,000 معاملة عبر الموقع."
    facts = extract_facts(text, "a", {"country_iso3": "JOR"})
    claims = extract_claims(facts, text)
    checks = audit(facts, claims=claims, texts=text)
    paths = write_audits(checks, tmp_path, {}, claims=claims)
    assert {paths["claims_csv"].name, paths["claims_parquet"].name} == set(CLAIM_FILE_NAMES.values())
    with duckdb.connect(str(paths["duckdb"]), read_only=True) as con:
        got = con.execute("SELECT claim_id, kind, link, fact_ids FROM claims ORDER BY claim_id").fetchall()
        joined = con.execute("SELECT count(*) FROM audits JOIN claims USING (claim_id)").fetchone()[0]
    assert [tuple(r) for r in got] == [tuple(r) for r in claims.sort_values("claim_id")[["claim_id", "kind", "link", "fact_ids"]].itertuples(index=False)]
    assert joined == len(checks)  # every check names a claim of the table
    assert list(pd.read_parquet(paths["claims_parquet"]).columns) == CLAIM_COLUMNS
    manifest = json.loads(paths["manifest"].read_text(encoding="utf-8"))
    assert manifest["row_counts"]["claims"] == len(claims)
    assert set(CLAIM_FILE_NAMES.values()) <= set(manifest["files"])
    with pytest.raises(pandera.errors.SchemaError):
        write_audits(checks, tmp_path / "bad", {}, claims=claims.assign(link="maybe"))
