"""arqam.store: one folder of tables, a DuckDB file and a manifest per run, replaced on re-run."""

import hashlib
import json
import math
import re

import duckdb
import pandas as pd
import pytest

import arqam
from arqam.corpus import load_corpus, mentions_frame
from arqam.store import git_commit, write_mentions

ARTICLES = {
    "a_absher": "سجلت منصة أبشر أكثر من 41 مليون عملية خلال عام 2024، بنمو 15%.",
    "b_jordan": "قدمت الوزارة 250 خدمة إلكترونية.\nواستفاد منها نحو ثلاثة ملايين مستخدم.",
}
FILES = {"arqam.duckdb", "documents.parquet", "manifest.json", "mentions.csv", "mentions.parquet"}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for doc_id, text in ARTICLES.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    docs = load_corpus(folder)
    return docs, mentions_frame(docs)


def _duck_count(path, table):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_writes_every_file_and_the_tables_round_trip(tmp_path, corpus):
    docs, mentions = corpus
    out = tmp_path / "nested" / "out"  # created when missing
    paths = write_mentions(mentions, docs, out, {"corpus_dir": "corpus"})
    assert {p.name for p in paths.values()} == FILES
    assert all(p.parent == out.resolve() and p.is_file() for p in paths.values())
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)  # no temporary files left

    csv = pd.read_csv(paths["mentions_csv"], dtype={"doc_id": "str"})
    assert len(csv) == len(mentions) > 0
    assert csv["text_ar"].tolist() == mentions["text_ar"].tolist()
    assert math.isinf(csv.loc[csv["text_ar"] == "41 مليون", "value_high"].iloc[0])

    pq = pd.read_parquet(paths["mentions_parquet"])
    pd.testing.assert_frame_equal(pq, mentions, check_dtype=False)
    documents = pd.read_parquet(paths["documents_parquet"])
    assert documents["doc_id"].tolist() == ["a_absher", "b_jordan"]
    texts = dict(zip(documents["doc_id"], documents["text"]))
    for row in pq.itertuples():
        assert texts[row.doc_id][row.char_start:row.char_end] == row.text_ar

    assert _duck_count(paths["duckdb"], "mentions") == len(mentions)
    assert _duck_count(paths["duckdb"], "documents") == 2
    con = duckdb.connect(str(paths["duckdb"]), read_only=True)
    high = con.execute("SELECT value_high FROM mentions WHERE text_ar = '41 مليون'").fetchone()[0]
    con.close()
    assert math.isinf(high)


def test_manifest_records_inputs_counts_and_versions(tmp_path, corpus):
    docs, mentions = corpus
    paths = write_mentions(mentions, docs, tmp_path / "out", {"corpus_dir": tmp_path / "corpus", "n": 3})
    manifest = json.loads(paths["manifest"].read_text(encoding="utf-8"))
    inputs = {i["doc_id"]: i for i in manifest["inputs"]}
    for doc_id, text in ARTICLES.items():
        assert inputs[doc_id]["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert inputs[doc_id]["file"] == f"{doc_id}.txt"
    assert manifest["row_counts"] == {"documents": 2, "mentions": len(mentions)}
    assert manifest["parameters"] == {"corpus_dir": str(tmp_path / "corpus"), "n": 3}
    assert manifest["arqam_version"] == arqam.__version__
    assert re.fullmatch(r"3\.\d+\.\d+.*", manifest["python_version"])
    assert manifest["git_commit"] is None or re.fullmatch(r"[0-9a-f]{40}", manifest["git_commit"])
    assert manifest["files"] == sorted(FILES)


def test_rerun_replaces_rather_than_appends(tmp_path, corpus):
    docs, mentions = corpus
    out = tmp_path / "out"
    write_mentions(mentions, docs, out, {})
    paths = write_mentions(mentions, docs, out, {})
    assert _duck_count(paths["duckdb"], "mentions") == len(mentions)
    assert len(pd.read_csv(paths["mentions_csv"])) == len(mentions)

    fewer = mentions[mentions["doc_id"] == "a_absher"].reset_index(drop=True)
    paths = write_mentions(fewer, docs.iloc[:1], out, {})
    assert _duck_count(paths["duckdb"], "mentions") == len(fewer) < len(mentions)
    assert _duck_count(paths["duckdb"], "documents") == 1
    assert len(pd.read_csv(paths["mentions_csv"])) == len(fewer)
    assert len(pd.read_parquet(paths["mentions_parquet"])) == len(fewer)
    assert json.loads(paths["manifest"].read_text(encoding="utf-8"))["row_counts"]["mentions"] == len(fewer)


def test_other_tables_in_the_database_survive_a_rerun(tmp_path, corpus):
    docs, mentions = corpus
    paths = write_mentions(mentions, docs, tmp_path / "out", {})
    con = duckdb.connect(str(paths["duckdb"]))
    con.execute("CREATE TABLE audits AS SELECT 1 AS audit_id")
    con.close()
    write_mentions(mentions, docs, tmp_path / "out", {})
    assert _duck_count(paths["duckdb"], "audits") == 1


def test_nothing_is_written_to_the_current_directory(tmp_path, corpus, monkeypatch):
    docs, mentions = corpus
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    write_mentions(mentions, docs, tmp_path / "out", {})
    assert list(cwd.iterdir()) == []


def test_missing_columns_are_rejected(tmp_path, corpus):
    docs, mentions = corpus
    with pytest.raises(ValueError, match="sha256"):
        write_mentions(mentions, docs.drop(columns=["sha256"]), tmp_path / "out", {})


def test_git_commit_outside_a_repository_is_none(tmp_path):
    assert git_commit(tmp_path) is None
