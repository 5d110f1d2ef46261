"""Corpus extraction on dask.bag: same output whatever the scheduler and partitioning; nothing lost."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arqam.cli import main
from arqam.corpus import extract_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    for f in SEEDS.glob("*"):
        shutil.copy(f, d / f.name)
    (d / "legacy.txt").write_bytes("بلغ عدد المعاملات ثلاثة آلاف معاملة".encode("cp1256"))
    (d / "page.html").write_text("<p>سجلت المنصة 7 ملايين عملية</p><script>alert('<b>')</script>", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blob.txt").write_bytes(bytes(range(256)) * 4)
    return d


def tables(out):
    with duckdb.connect(str(Path(out) / "arqam.duckdb"), read_only=True) as con:
        return {t: con.execute(f"SELECT * EXCLUDE ({'text' if t == 'documents' else 'doc_id'}) FROM {t} ORDER BY ALL").fetchall() if t == "documents" else con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in ("documents", "mentions", "facts", "errors")}


def test_counts_and_error_table(corpus, tmp_path):
    s = extract_corpus(corpus, tmp_path, progress=False)
    assert (s["in"], s["documents"], s["errors"]) == (9, 7, 2)
    assert s["error_reasons"] == {"binary": 1, "empty": 1}
    assert s["facts"] >= 37  # the seeds' 37 statistics plus the two extra articles'
    manifest = json.loads((tmp_path / "manifest_extract.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["in"] == manifest["counts"]["documents"] + manifest["counts"]["errors"]


def test_same_output_whatever_scheduler_and_partitioning(corpus, tmp_path):
    runs = [("sync", 1), ("threads", 2), ("threads", 100), ("processes", 3)]
    results = [tables(extract_corpus(corpus, tmp_path / f"{sch}{size}", scheduler=sch, partition_size=size, progress=False)["duckdb"].rsplit("/", 1)[0]) for sch, size in runs]
    for other in results[1:]:
        assert other == results[0]


def test_distributed_scheduler_address(corpus, tmp_path):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        s = extract_corpus(corpus, tmp_path / "dist", scheduler=cluster.scheduler_address, partition_size=2, progress=False)
    assert tables(tmp_path / "dist") == tables(extract_corpus(corpus, tmp_path / "local", scheduler="sync", progress=False)["duckdb"].rsplit("/", 1)[0])
    assert s["documents"] == 7


def test_rerun_replaces(corpus, tmp_path):
    extract_corpus(corpus, tmp_path, progress=False)
    first = tables(tmp_path)
    extract_corpus(corpus, tmp_path, partition_size=1, progress=False)
    assert tables(tmp_path) == first


def test_jsonl_and_parquet_inputs(tmp_path):
    p = tmp_path / "c.jsonl"
    rows = [{"doc_id": f"d{i}", "text": f"سجلت المنصة {i + 1} ملايين عملية خلال العام الجاري", "country_iso3": "EGY", "published": "2025-06-01"} for i in range(5)]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{broken\n", encoding="utf-8")
    s = extract_corpus(p, tmp_path / "o", partition_size=2, progress=False)
    assert (s["in"], s["documents"], s["errors"]) == (6, 5, 1)
    with duckdb.connect(str(tmp_path / "o/arqam.duckdb"), read_only=True) as con:
        assert con.execute("SELECT DISTINCT country_iso3, period_iso FROM facts").fetchall() == [("EGY", "2025")]
        assert con.execute("SELECT source FROM errors").fetchone()[0].endswith("c.jsonl#6")
    import pyarrow as pa
    import pyarrow.parquet as pq

    q = tmp_path / "c.parquet"
    pq.write_table(pa.Table.from_pylist(rows), q, row_group_size=2)
    s2 = extract_corpus(q, tmp_path / "q", progress=False)
    assert (s2["in"], s2["documents"], s2["facts"]) == (5, 5, s["facts"])


def test_cli_extract(corpus, tmp_path, capsys):
    assert main(["extract", str(corpus), "--out", str(tmp_path), "--no-progress", "--partition-size", "3"]) == 0
    out = capsys.readouterr().out
    assert "inputs: 9  documents: 7  errors: 2" in out and "errors[binary]: 1" in out
    assert main(["extract", str(tmp_path / "missing"), "--out", str(tmp_path)]) == 2


article = st.lists(st.sampled_from(["سجلت المنصة", " 5 ملايين", " عملية", " أكثر من", " 2.9 مليون", "،", ".\n", " وتفصيلا", " منها", " 45%", " عام 2024", "\u200f", "<p>", "x"]), max_size=30).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(article, st.binary(max_size=60).map(lambda b: b)), min_size=1, max_size=6))
def test_pipeline_fuzz_accounts_for_every_input(tmp_path_factory, docs):
    d = tmp_path_factory.mktemp("fz")
    for i, doc in enumerate(docs):
        (d / f"doc{i}.txt").write_bytes(doc if isinstance(doc, bytes) else doc.encode("utf-8"))
    out = d.with_name(d.name + "_out")
    s = extract_corpus(d, out, scheduler="sync", partition_size=2, progress=False)
    assert s["in"] == len(docs) == s["documents"] + s["errors"]
    with duckdb.connect(str(out / "arqam.duckdb"), read_only=True) as con:
        for text, start, end, quote in con.execute("SELECT d.text, m.char_start, m.char_end, m.text_ar FROM mentions m JOIN documents d USING (doc_id)").fetchall():
            assert text[start:end] == quote
