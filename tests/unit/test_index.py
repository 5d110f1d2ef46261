"""arqam.index: the entry page of a folder of results (provenance, headline figures, every file linked)."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import duckdb
import pandas as pd

from arqam.index import write_index
from arqam.provenance import Provenance


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.imgs = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.hrefs.append(unquote(a["href"]))
        if tag == "img":
            self.imgs.append(a)


def _results(tmp_path):
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    (out / "notebooks").mkdir()
    (out / "reports" / "20_audit_consistency.html").write_text("<html><head><title>Audit — corpus seeds</title></head></html>", encoding="utf-8")
    (out / "notebooks" / "20_audit_consistency.ipynb").write_text("{}", encoding="utf-8")
    (out / "facts.csv").write_text("fact_id\r\na\r\n", encoding="utf-8")
    (out / "audit_verdicts.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (out / "audit_verdicts.svg").write_text("<svg/>", encoding="utf-8")
    (out / "odd <name>.txt").write_text("x", encoding="utf-8")
    pd.DataFrame({"doc_id": ["a", "b"], "country_iso3": ["JOR", None]}).to_parquet(out / "documents.parquet")
    pd.DataFrame({"country_iso3": ["JOR", "EGY", "JOR"]}).to_parquet(out / "comparison.parquet")
    with duckdb.connect(str(out / "arqam.duckdb")) as con:
        con.execute("CREATE TABLE facts AS SELECT 1 AS x UNION ALL SELECT 2")
    manifests = {
        "manifest.json": {"parameters": {"corpus_dir": "/data/seeds", "output_dir": str(out)}, "git_commit": "a" * 40,
                          "inputs": [{"doc_id": "a"}, {"doc_id": "b"}], "row_counts": {"documents": 2, "mentions": 58}},
        "manifest_facts.json": {"parameters": {}, "row_counts": {"documents": 2, "facts": 37}},
        "manifest_audit.json": {"parameters": {"rounding_coarser_steps": 1},
                                "row_counts": {"checks": 24, "consistent": 22, "rounding": 1, "inconsistent": 0, "unverifiable": 1}},
    }
    for name, m in manifests.items():
        (out / name).write_text(json.dumps(m), encoding="utf-8")
    return out


def test_index_links_every_file_and_shows_headline_figures(tmp_path):
    out = _results(tmp_path)
    page = write_index(out).read_text(encoding="utf-8")
    links = _Links()
    links.feed(page)
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != "index.html"}
    assert files <= set(links.hrefs)  # every report, chart, table, manifest, notebook and other file
    assert all(img.get("alt") for img in links.imgs)  # charts have alternative text
    text = re.sub(r"<[^>]+>", " ", page)
    for figure in ("58", "number mentions", "37", "24", "consistent 22", "unverifiable 1", "countries compared", "EGY, JOR"):
        assert figure in text
    assert "Audit — corpus seeds" in page  # the report's own title
    assert "facts (2 rows)" in page  # DuckDB tables with their row counts
    assert "&lt;name&gt;" in page and "<name>" not in page


def test_index_pieces_provenance_together_from_the_manifests(tmp_path):
    out = _results(tmp_path)
    page = write_index(out).read_text(encoding="utf-8")
    assert "<title>arqam results — corpus seeds</title>" in page
    assert "2 articles from 1 country (JOR)" in page and "commit aaaaaaa" in page and "rounding_coarser_steps=1" in page


def test_run_json_wins_and_a_failed_run_says_so(tmp_path):
    out = _results(tmp_path)
    prov = Provenance(corpus="/data/gulf", articles=9, countries=["ARE", "OMN"], run_date="2025-05-02T09:30:00Z",
                      status="The run failed: 30_compare_countries.ipynb failed in cell 4")
    prov.write(out)
    page = write_index(out).read_text(encoding="utf-8")
    assert "corpus gulf" in page and "9 articles from 2 countries (ARE, OMN)" in page
    assert 'class="failed"' in page and "failed in cell 4" in page


def test_an_empty_folder_gets_an_honest_page(tmp_path):
    page = write_index(tmp_path).read_text(encoding="utf-8")
    assert "what ran is unknown" in page and "No stage has written its tables here yet" in page


def test_files_older_than_the_run_are_said_to_be_from_an_earlier_run(tmp_path):
    import os
    import time

    out = _results(tmp_path)
    old = out / "adoption_per_capita.png"
    old.write_bytes(b"\x89PNG\r\n\x1a\n")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    Provenance(corpus="/data/seeds", run_date=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))).write(out)
    page = write_index(out).read_text(encoding="utf-8")
    caption = page[page.index('src="adoption_per_capita.png"'):]
    assert "from an earlier run" in caption[:caption.index("</figure>")]
    fresh = page[page.index('src="audit_verdicts.png"'):]
    assert "from an earlier run" not in fresh[:fresh.index("</figure>")]
