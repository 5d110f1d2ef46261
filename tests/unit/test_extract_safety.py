"""arqam extract under hostile input, faults and concurrency: nothing lost, nothing corrupted, nothing injected."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from arqam.extract import extract_corpus
from arqam.ingest import ERROR_REASONS
from arqam.staging import OutputBusy, OutputRefused

ARTICLE = "أعلنت وزارة الداخلية أن منصة أبشر نفذت أكثر من 5 ملايين عملية إلكترونية خلال شهر أبريل الماضي، بزيادة قدرها 12% عن العام الماضي.\n"
OTHER = "قدمت الوزارة 250 خدمة إلكترونية واستفاد منها نحو ثلاثة ملايين مستخدم خلال العام الجاري.\n"


def small_corpus(folder: Path, texts=(ARTICLE, OTHER)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"doc{i}.txt").write_text(text, encoding="utf-8")
    return folder


def snapshot(out: Path) -> dict:
    """Every table of a store, and its manifest: what 'intact' means."""
    with duckdb.connect(str(out / "arqam.duckdb"), read_only=True) as con:
        tables = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in ("documents", "mentions", "facts", "errors")}
    return {"tables": tables, "manifest": (out / "manifest_extract.json").read_text(encoding="utf-8"),
            "parts": sorted(str(p.relative_to(out)) for p in (out / "parts").rglob("*.parquet"))}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".staging-" in p.name or ".previous-" in p.name)


# --- output safety: never delete what the run did not create


def test_an_input_inside_out_is_refused_and_kept(tmp_path):
    d = tmp_path / "D"
    (d / "parts").mkdir(parents=True)
    src = d / "parts" / "articles.jsonl"
    src.write_text(json.dumps({"doc_id": "a", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(OutputRefused, match="inside --out"):
        extract_corpus(src, d, progress=False)
    assert src.read_text(encoding="utf-8").startswith('{"doc_id"')


def test_out_holding_other_files_is_refused_and_untouched(tmp_path):
    corpus = small_corpus(tmp_path / "c")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(OutputRefused, match="did not write .*thesis.docx"):
        extract_corpus(corpus, out, progress=False)
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OutputRefused, match="existing file"):
        extract_corpus(corpus, tmp_path / "afile", progress=False)
    with pytest.raises(OutputRefused, match="inside the corpus folder"):
        extract_corpus(corpus, corpus / "out", progress=False)


BAD_ARGUMENTS = [
    ({"scheduler": "bogus"}, "unknown scheduler"),
    ({"workers": 0}, "workers must be at least 1"),
    ({"partition_size": 0}, "partition_size"),
    ({"partition_size": -1}, "partition_size"),
    ({"doc_seconds": -5}, "doc_seconds"),
    ({"max_bytes": 0}, "max_bytes"),
    ({"text_column": ""}, "text_column"),
]


def test_a_bad_argument_fails_before_any_work_and_keeps_the_previous_store(tmp_path):
    corpus = small_corpus(tmp_path / "c")
    out = tmp_path / "out"
    extract_corpus(corpus, out, progress=False)
    before = snapshot(out)
    for kwargs, message in BAD_ARGUMENTS:
        with pytest.raises(ValueError, match=message):
            extract_corpus(corpus, out, progress=False, **kwargs)
        assert snapshot(out) == before and leftovers(tmp_path) == []


def test_rerun_replaces_the_store_whole_and_leaves_nothing_beside_it(tmp_path):
    corpus = small_corpus(tmp_path / "c")
    out = tmp_path / "out"
    extract_corpus(corpus, out, progress=False)
    (corpus / "doc1.txt").unlink()
    s = extract_corpus(corpus, out, progress=False)
    assert s["documents"] == 1 and snapshot(out)["tables"]["documents"][0][0] == "doc0"
    assert snapshot(out)["parts"] == [f"parts/{t}/part-00000.parquet" for t in ("documents", "errors", "facts", "mentions")]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "c", "out"]


# --- DuckDB: no path or value pasted into SQL


HOSTILE = "o'; COPY (SELECT 'x') TO 'pwned.csv' (HEADER); -- [1] *?{a,b}"


def test_hostile_paths_are_data_never_sql_or_globs(tmp_path):
    corpus = small_corpus(tmp_path / f"corpus {HOSTILE}")
    (corpus / f"{HOSTILE}.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / f"out {HOSTILE}"
    # a decoy that a glob of the parts folder's name would also match
    decoy = tmp_path / "out o'; COPY (SELECT 'x') TO 'pwned.csv' (HEADER); -- 1 *?a"
    decoy.mkdir()
    s = extract_corpus(corpus, out, progress=False)
    assert (s["in"], s["documents"], s["errors"]) == (3, 3, 0)
    with duckdb.connect(str(out / "arqam.duckdb"), read_only=True) as con:
        assert sorted(r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()) == sorted(["doc0", "doc1", HOSTILE])
    assert not [p for p in tmp_path.rglob("pwned.csv")] and not Path("pwned.csv").exists()
    assert leftovers(tmp_path) == [] and list(decoy.iterdir()) == []


# --- faults: a run killed at any point leaves the previous store intact

KILLER = textwrap.dedent("""
    import os, signal, sys
    import arqam.extract as ex
    import arqam.staging as st

    corpus, out, stage = sys.argv[1:4]
    die = lambda: os.kill(os.getpid(), signal.SIGKILL)
    if stage == "partition":
        real_part = ex._process_partition
        ex._process_partition = lambda *a, **k: (die() if a[0] == 1 else real_part(*a, **k))
    elif stage == "load":  # mid-transaction: after the documents table, before mentions
        import pyarrow.dataset as ds
        real_ds, calls = ds.dataset, []
        def dataset(*a, **k):
            calls.append(1)
            if len(calls) == 2:
                die()
            return real_ds(*a, **k)
        ds.dataset = dataset
    elif stage == "between_renames":  # no atomic exchange: killed with the old store set aside
        st._exchange = lambda a, b: False
        real_rename, renames = os.rename, []
        def rename(a, b):
            real_rename(a, b)
            renames.append(1)
            if len(renames) == 1:
                die()
        st.os.rename = rename
    elif stage == "after_swap":  # the new store is in place, the old one not yet removed
        import types
        st.shutil = types.SimpleNamespace(rmtree=lambda p, *a, **k: die())
    ex.extract_corpus(corpus, out, scheduler="sync", partition_size=1, progress=False)
""")


@pytest.mark.parametrize("stage", ["partition", "load", "between_renames", "after_swap"])
def test_killed_run_leaves_the_previous_store_intact(tmp_path, stage):
    old = small_corpus(tmp_path / "old", (ARTICLE,))
    new = small_corpus(tmp_path / "new", (ARTICLE, OTHER, OTHER.replace("250", "300")))
    out = tmp_path / "out"
    extract_corpus(old, out, progress=False)
    before = snapshot(out)
    proc = subprocess.run([sys.executable, "-c", KILLER, str(new), str(out), stage], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    if stage == "after_swap":
        assert snapshot(out)["tables"]["documents"].__len__() == 3  # the swap had happened: the new store, complete
    elif stage == "between_renames":
        assert not out.exists()  # the only window where out is missing: the next run puts it back
    else:
        assert snapshot(out) == before
    if stage == "between_renames":  # even a run refused for its arguments leaves the store set aside alone
        with pytest.raises(ValueError):
            extract_corpus(old, out, progress=False, workers=0)
        from arqam.staging import locked, recover

        with locked(out):  # what the next run does first, under the lock
            assert recover(out)[0].startswith("restored")
        assert snapshot(out) == before
    s = extract_corpus(old, out, progress=False)  # the next run cleans up after the killed one
    assert s["recovered"] or stage == "between_renames"
    assert snapshot(out)["tables"] == before["tables"] and leftovers(tmp_path) == []


# --- concurrency: a second run into the same --out fails at once

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import arqam.extract as ex

    corpus, out, go = sys.argv[1:4]
    real = ex._compute
    def slow(*a, **k):
        Path(go + ".started").write_text("x")
        while not Path(go).exists():
            time.sleep(0.05)
        return real(*a, **k)
    ex._compute = slow
    ex.extract_corpus(corpus, out, scheduler="sync", progress=False)
""")


def test_a_concurrent_run_into_the_same_out_fails_at_once(tmp_path):
    first = small_corpus(tmp_path / "first", (ARTICLE,))
    second = small_corpus(tmp_path / "second", (ARTICLE, OTHER))
    out, go = tmp_path / "out", tmp_path / "go"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(first), str(out), str(go)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not Path(str(go) + ".started").exists():
            assert time.monotonic() < deadline and holder.poll() is None, holder.stderr.read().decode()
            time.sleep(0.05)
        t = time.monotonic()
        with pytest.raises(OutputBusy, match="another arqam run is writing"):
            extract_corpus(second, out, progress=False)
        assert time.monotonic() - t < 5
        from arqam.cli import main

        assert main(["extract", str(second), "--out", str(out), "--no-progress"]) == 2
    finally:
        go.write_text("go")
        assert holder.wait(timeout=120) == 0
    assert len(snapshot(out)["tables"]["documents"]) == 1  # the first run's store, whole
    assert leftovers(tmp_path) == []


ORPHANS = textwrap.dedent("""
    import sys, time
    import dask
    import arqam.extract as ex

    dask.config.set({"multiprocessing.context": "fork"})  # the workers inherit the stall below
    ex._extract_one = lambda *a, **k: time.sleep(600)
    ex.extract_corpus(sys.argv[1], sys.argv[2], scheduler="processes", workers=2, partition_size=1, progress=False, doc_seconds=None)
""")


def _children(pid: int) -> list[int]:
    kids = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if int((p / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(p.name))
            except (OSError, IndexError, ValueError):
                pass
    return kids


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_processes_workers_die_with_a_killed_driver(tmp_path):
    corpus = small_corpus(tmp_path / "c")
    driver = subprocess.Popen([sys.executable, "-c", ORPHANS, str(corpus), str(tmp_path / "out")])
    deadline = time.monotonic() + 60
    while len(workers := _children(driver.pid)) < 2:
        assert time.monotonic() < deadline and driver.poll() is None
        time.sleep(0.1)
    time.sleep(1)  # let the workers start their tasks
    workers = _children(driver.pid)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and "Z" not in Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1][:3] for w in workers):
        assert time.monotonic() < deadline, f"orphaned workers still running: {workers}"
        time.sleep(0.1)


# --- accounting: a folder of every awkward input


def _awkward(tmp_path: Path) -> Path:
    from test_ingest import PAGE

    d = tmp_path / "awkward"
    d.mkdir()
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "legacy.txt").write_bytes((ARTICLE.replace("،", "") * 2).encode("cp1256"))
    (d / "iso.txt").write_bytes((OTHER * 2).encode("iso-8859-6"))
    (d / "mixed.txt").write_bytes((ARTICLE * 2).encode("utf-8") + (OTHER * 2).encode("cp1256"))
    damaged = (ARTICLE * 3).encode("utf-8")
    (d / "damaged.txt").write_bytes(damaged[:101] + damaged[102:])
    (d / "utf16.txt").write_bytes(OTHER.encode("utf-16-le"))
    (d / "page.html").write_text(PAGE, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (d / "huge.txt").write_text(ARTICLE * 200, encoding="utf-8")
    (d / "x.txt").mkdir()
    os.mkfifo(d / "pipe.txt")
    (d / "dangling.txt").symlink_to(d / "nowhere.txt")
    (d / "loop.txt").symlink_to(d / "loop.txt")
    (d / "notes.docx").write_bytes(b"PK\x03\x04")
    (d / "slow.txt").write_text("سجلت المنصة 7 ملايين عملية", encoding="utf-8")
    (d / "buggy.txt").write_text("سجلت المنصة 8 ملايين عملية", encoding="utf-8")
    lines = [
        json.dumps({"doc_id": "good", "text": OTHER}, ensure_ascii=False),  # duplicate of good.txt
        json.dumps({"doc_id": "j1", "text": ARTICLE}, ensure_ascii=False),
        json.dumps({"doc_id": "j1", "text": OTHER}, ensure_ascii=False),  # duplicate inside one partition
        "{broken",
        "",
        json.dumps({"doc_id": "j4"}),
        '{"doc_id": "j5", "text": "\\ud800 سجلت المنصة 9 ملايين عملية"}',
    ]
    (d / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pq.write_table(pa.table({"doc_id": ["p1", "good"], "text": [OTHER, ARTICLE]}), d / "table.parquet")
    return d


def test_every_awkward_input_ends_in_documents_or_errors(tmp_path, monkeypatch):
    import arqam.facts

    real = arqam.facts.fact_rows

    def fact_rows(text, doc_id, *a, **k):
        if doc_id == "slow":
            while True:  # a pathological document: stopped by the time budget
                pass
        if doc_id == "buggy":
            raise KeyError("an extractor bug")
        return real(text, doc_id, *a, **k)

    monkeypatch.setattr(arqam.facts, "fact_rows", fact_rows)
    d = _awkward(tmp_path)
    out = tmp_path / "out"
    t = time.monotonic()
    s = extract_corpus(d, out, progress=False, max_bytes=20_000, doc_seconds=1.0, partition_size=3)
    assert time.monotonic() - t < 60
    assert s["in"] == s["documents"] + s["errors"] == 25  # 19 folder entries - 2 record files + 7 JSONL lines - 1 blank + 2 rows
    assert s["error_reasons"] == {"binary": 1, "broken_link": 2, "duplicate_id": 3, "empty": 1, "extraction_failed": 1,
                                  "invalid_json": 1, "no_text": 1, "too_costly": 1, "too_large": 1, "unsupported": 3}
    assert set(s["error_reasons"]) <= set(ERROR_REASONS)
    with duckdb.connect(str(out / "arqam.duckdb"), read_only=True) as con:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        docs = {r[0]: r[1:] for r in q("SELECT doc_id, encoding, warnings, source FROM documents")}
        assert sorted(docs) == ["damaged", "good", "iso", "j1", "j5", "legacy", "mixed", "p1", "page", "utf16"]
        assert docs["good"][2].endswith("good.txt")  # the first read is kept: the file, not the record
        assert docs["j1"][2].endswith("records.jsonl#2")
        assert (docs["legacy"][0], docs["iso"][0], docs["utf16"][0], docs["mixed"][0]) == ("windows-1256", "iso-8859-6", "utf-16-le", "utf-8+windows-1256")
        assert "byte(s) 100;" in docs["damaged"][1] and "mixed encodings" in docs["mixed"][1] and "surrogate" in docs["j5"][1]
        dups = q("SELECT source, detail FROM errors WHERE reason = 'duplicate_id' ORDER BY source")
        assert [src.rsplit("/", 1)[1] for src, _ in dups] == ["records.jsonl#1", "records.jsonl#3", "table.parquet#2"]
        assert all("already read from" in detail for _, detail in dups)
        # a duplicate leaves no row anywhere: every mention and fact belongs to a kept document, once
        for table in ("mentions", "facts"):
            assert q(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)") == [(0,)]
        assert q("SELECT count(*) FROM facts WHERE doc_id = 'good'") == q("SELECT n_facts FROM documents WHERE doc_id = 'good'")
        assert q("SELECT sum(n_mentions) FROM documents") == q("SELECT count(*) FROM mentions")
        assert all(r[0] and r[1] for r in q("SELECT source, detail FROM errors"))
        # offsets are valid against the stored (extracted, decoded) text
        for text, start, end, quote in q("SELECT d.text, m.char_start, m.char_end, m.text_ar FROM mentions m JOIN documents d USING (doc_id)"):
            assert text[start:end] == quote
        for text, start, end, quote in q("SELECT d.text, f.char_start, f.char_end, f.quote_ar FROM facts f JOIN documents d USING (doc_id)"):
            assert text[start:end] in quote
        # the page: its article only, its metadata, and its date anchoring "العام الجاري"
        title, site, published, page_published, text = q("SELECT title, site, published, page_published, text FROM documents WHERE doc_id = 'page'")[0]
        assert (title, site, published, page_published) == ("أبشر تنفذ 5 ملايين عملية في أبريل", "صحيفة المثال", "2025-05-02", "2025-05-02")
        assert "اقرأ أيضا" not in text
        periods = dict(q("SELECT text_ar, period_iso FROM facts JOIN mentions USING (doc_id, char_start, char_end) WHERE doc_id = 'page'"))
        assert periods.get("28 مليون") == "2025"


def test_the_catalog_date_wins_over_the_page_date(tmp_path):
    from test_ingest import PAGE

    d = tmp_path / "c"
    d.mkdir()
    (d / "page.html").write_text(PAGE, encoding="utf-8")
    (d / "catalog.csv").write_text("doc_id,published\npage,2024-01-15\n", encoding="utf-8")
    extract_corpus(d, tmp_path / "out", progress=False)
    with duckdb.connect(str(tmp_path / "out" / "arqam.duckdb"), read_only=True) as con:
        assert con.execute("SELECT published, page_published FROM documents").fetchall() == [("2024-01-15", "2025-05-02")]


def test_memory_budget_turns_a_runaway_document_into_an_error(tmp_path, monkeypatch):
    import arqam.facts

    real = arqam.facts.fact_rows

    def fact_rows(text, doc_id, *a, **k):
        if doc_id == "doc0":
            hog = []
            while True:
                hog.append(b"x" * (8 << 20))  # touched pages: the memory is really used
        return real(text, doc_id, *a, **k)

    monkeypatch.setattr(arqam.facts, "fact_rows", fact_rows)
    s = extract_corpus(small_corpus(tmp_path / "c"), tmp_path / "out", progress=False, doc_memory=300 << 20, doc_seconds=None)
    assert (s["documents"], s["error_reasons"]) == (1, {"too_costly": 1})
    with duckdb.connect(str(tmp_path / "out" / "arqam.duckdb"), read_only=True) as con:
        assert "GiB of memory" in con.execute("SELECT detail FROM errors").fetchone()[0]
