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
from arqam.facts import facts_frame
from arqam.store import git_commit, write_facts, write_mentions

ARTICLES = {
    "a_absher": "سجلت منصة أبشر أكثر من 41 مليون عملية خلال عام 2024، بنمو 15%.",
    "b_jordan": "قدمت الوزارة 250 خدمة إلكترونية.\nواستفاد منها نحو ثلاثة ملايين مستخدم.",
}
FILES = {"arqam.duckdb", "documents.parquet", "manifest.json", "mentions.csv", "mentions.parquet"}
FACT_FILES = {"arqam.duckdb", "facts.csv", "facts.parquet", "manifest_facts.json"}


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


# ---------------------------------------------------------------------------
# write_facts


@pytest.fixture
def facts_run(corpus):
    docs, _ = corpus
    facts = facts_frame(docs)
    assert len(facts) >= 3
    assert facts["parent_fact_id"].isna().any() and facts["unit"].isna().any()  # nulls to keep
    return docs, facts


def test_write_facts_writes_its_files_and_the_parquet_round_trips(tmp_path, facts_run):
    docs, facts = facts_run
    out = tmp_path / "nested" / "out"  # created when missing
    paths = write_facts(facts, docs, out, {"corpus_dir": "corpus"})
    assert {p.name for p in paths.values()} == FACT_FILES
    assert sorted(p.name for p in out.iterdir()) == sorted(FACT_FILES)  # no temporary files left

    pq = pd.read_parquet(paths["facts_parquet"])
    assert list(pq.columns) == list(facts.columns)
    pd.testing.assert_frame_equal(pq, facts, check_dtype=False)
    assert pq.isna().sum().to_dict() == facts.isna().sum().to_dict()  # nulls stay null, not "None"
    assert not (pq.astype("object") == "None").any().any()
    assert math.isinf(pq.loc[pq["qualifier"] == "more_than", "value_high"].iloc[0])

    csv = pd.read_csv(paths["facts_csv"], dtype={"doc_id": "str"})
    assert csv["fact_id"].tolist() == facts["fact_id"].tolist()
    assert csv["parent_fact_id"].isna().sum() == facts["parent_fact_id"].isna().sum()

    con = duckdb.connect(str(paths["duckdb"]), read_only=True)
    try:
        cols = [r[0] for r in con.execute("DESCRIBE facts").fetchall()]
        nulls = con.execute("SELECT count(*) FROM facts WHERE parent_fact_id IS NULL").fetchone()[0]
    finally:
        con.close()
    assert cols == list(facts.columns)
    assert nulls == facts["parent_fact_id"].isna().sum() > 0


def test_write_facts_manifest(tmp_path, facts_run):
    docs, facts = facts_run
    paths = write_facts(facts, docs, tmp_path / "out", {"corpus_dir": tmp_path / "corpus"})
    manifest = json.loads(paths["manifest"].read_text(encoding="utf-8"))
    assert manifest["stage"] == "facts"
    assert manifest["row_counts"] == {"documents": 2, "facts": len(facts)}
    assert manifest["parameters"] == {"corpus_dir": str(tmp_path / "corpus")}
    assert manifest["files"] == sorted(FACT_FILES)
    assert [i["doc_id"] for i in manifest["inputs"]] == sorted(ARTICLES)
    for i in manifest["inputs"]:
        assert i["sha256"] == hashlib.sha256(ARTICLES[i["doc_id"]].encode("utf-8")).hexdigest()
    first = paths["manifest"].read_bytes()
    write_facts(facts, docs, tmp_path / "out", {"corpus_dir": tmp_path / "corpus"})
    assert paths["manifest"].read_bytes() == first  # deterministic: no timestamps


def test_write_facts_rerun_replaces_and_keeps_the_other_tables(tmp_path, corpus, facts_run):
    docs, facts = facts_run
    _, mentions = corpus
    out = tmp_path / "out"
    write_mentions(mentions, docs, out, {})
    once = write_facts(facts, docs, out, {})
    n_once = _duck_count(once["duckdb"], "facts")
    twice = write_facts(facts, docs, out, {})
    assert _duck_count(twice["duckdb"], "facts") == n_once == len(facts)
    assert len(pd.read_csv(twice["facts_csv"])) == len(pd.read_parquet(twice["facts_parquet"])) == len(facts)
    # the numbers stage's tables and manifest are untouched
    assert _duck_count(twice["duckdb"], "mentions") == len(mentions)
    assert _duck_count(twice["duckdb"], "documents") == 2
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["stage"] == "numbers"

    fewer = facts[facts["doc_id"] == "a_absher"].reset_index(drop=True)
    paths = write_facts(fewer, docs, out, {})
    assert _duck_count(paths["duckdb"], "facts") == len(fewer) < len(facts)
    assert len(pd.read_parquet(paths["facts_parquet"])) == len(fewer)
    assert json.loads(paths["manifest"].read_text(encoding="utf-8"))["row_counts"]["facts"] == len(fewer)
    # and a later numbers run leaves the facts table alone
    write_mentions(mentions, docs, out, {})
    assert _duck_count(paths["duckdb"], "facts") == len(fewer)


def test_write_facts_of_an_empty_corpus(tmp_path, facts_run):
    docs, facts = facts_run
    paths = write_facts(facts.iloc[:0], docs, tmp_path / "out", {})
    assert _duck_count(paths["duckdb"], "facts") == 0
    assert list(pd.read_parquet(paths["facts_parquet"]).columns) == list(facts.columns)


def test_write_facts_rejects_bad_input(tmp_path, facts_run):
    docs, facts = facts_run
    with pytest.raises(ValueError, match="fact_id"):
        write_facts(facts.drop(columns=["fact_id"]), docs, tmp_path / "out", {})
    with pytest.raises(ValueError, match="b_jordan"):
        write_facts(facts, docs[docs["doc_id"] == "a_absher"], tmp_path / "out", {})
    assert not (tmp_path / "out").exists()  # nothing written before the checks pass


# --- spreadsheet safety, quotes capped at write time, one writer shape


def test_csv_cells_that_start_a_formula_are_prefixed_and_numbers_untouched(tmp_path):
    import csv

    from arqam.store import FORMULA_START, spreadsheet_safe

    mentions = pd.DataFrame({
        "doc_id": ["=1+1", "@SUM(A1)", "+cmd", "-2+3", "\tx", "\rx", "ok"],
        "mention_id": [f"m{i}" for i in range(7)],
        "text_ar": ['=HYPERLINK("http://evil.example")', "5 ملايين", "٣", "-5", "a", "b", "ج"],
        "value": [-5.0, 1.0, 3.0, -5.0, 1.0, 2.0, 3.0],
        "char_start": [0, 1, 2, 3, 4, 5, 6],
    })
    docs = pd.DataFrame({"doc_id": ["=1+1"], "sha256": ["0" * 64], "text": ["x"]})
    paths = write_mentions(mentions, docs, tmp_path)
    raw = paths["mentions_csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import io

    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), strict=True))
    for row in rows:
        for col in ("doc_id", "text_ar"):
            assert not row[col].startswith(FORMULA_START), row
    assert [r["doc_id"] for r in rows][:2] == ["'=1+1", "'@SUM(A1)"] and rows[3]["text_ar"] == "'-5"
    assert [r["value"] for r in rows] == ["-5.0", "1.0", "3.0", "-5.0", "1.0", "2.0", "3.0"]
    assert pd.read_parquet(paths["mentions_parquet"])["doc_id"].tolist() == mentions["doc_id"].tolist()
    assert spreadsheet_safe(mentions.iloc[6:]) is not None


def test_facts_csv_is_safe_and_quotes_are_capped(tmp_path):
    import csv

    from arqam.store import QUOTE_MAX_CHARS, cap_quote

    text = "=HYPERLINK(\"http://evil.example\") " + "كلام بلا نقاط " * 100 + "سجلت منصة أبشر 5 ملايين عملية " + "وكلام آخر " * 100
    docs = pd.DataFrame({"doc_id": ["=d"], "text": [text], "sha256": ["0" * 64]})
    facts = facts_frame(docs)
    paths = write_facts(facts, docs, tmp_path)
    rows = list(csv.DictReader(paths["facts_csv"].read_text(encoding="utf-8-sig").splitlines()))
    assert rows and all(r["doc_id"] == "'=d" for r in rows)
    stored = pd.read_parquet(paths["facts_parquet"])
    for q, s, e in zip(stored["quote_ar"], stored["char_start"], stored["char_end"]):
        assert len(q) <= QUOTE_MAX_CHARS + 2 and text[s:e] in q
    assert cap_quote("short", text, 0, 1) == "short"
    long = "أ" * 1000 + " 5 ملايين " + "ب" * 1000
    cut = cap_quote(long, long, 1001, 1009)
    assert cut.startswith("\u2026") and cut.endswith("\u2026") and "5 ملايين" in cut


def test_a_failed_write_leaves_every_previous_file_whole(tmp_path, corpus):
    from arqam.store import write_stage

    docs, mentions = corpus
    out = tmp_path / "out"
    paths = write_mentions(mentions, docs, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def boom(path):
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_stage(out, {"mentions.csv": lambda p: p.write_text("new"), "mentions.parquet": boom},
                    {"mentions": mentions.head(0)}, ("manifest.json", lambda p: p.write_text("{}")))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no file replaced, no temporary left
    assert _duck_count(paths["duckdb"], "mentions") == len(mentions)
