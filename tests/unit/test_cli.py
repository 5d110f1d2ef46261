"""The `arqam numbers` command: JSON Lines out, clear errors, exit codes."""

import json
import subprocess
import sys

from arqam.cli import main


def test_numbers_prints_one_json_line_per_mention(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("سجلت المنصة أكثر من 2.9 مليون عملية في 2024", encoding="utf-8")
    assert main(["numbers", str(f)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["value"], r["kind"], r["qualifier"], r["high"]) for r in rows] == [
        ("2.9 مليون", 2_900_000, "number", "more_than", None),
        ("2024", 2024, "year", "exact", 2024.0),
    ]
    assert all(r["file"] == str(f) for r in rows)


def test_kinds_filter_and_bom(tmp_path, capsys):
    f = tmp_path / "b.txt"
    f.write_bytes("\ufeffنمو 45% في 2024".encode("utf-8"))
    assert main(["numbers", "--kinds", "percent", str(f)]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["start"], row["text"], row["value"]) == (4, "45%", 45)


def test_bad_files_are_reported_by_name_and_others_still_read(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("خمسة آلاف طلب", encoding="utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("ثلاثة آلاف".encode("cp1256"))
    status = main(["numbers", str(tmp_path / "missing.txt"), str(legacy), str(good)])
    captured = capsys.readouterr()
    assert status == 1
    assert "missing.txt: no such file" in captured.err
    assert "legacy.txt: not UTF-8" in captured.err
    assert [json.loads(line)["value"] for line in captured.out.splitlines()] == [5000]


def test_unknown_kind_is_a_usage_error(capsys):
    assert main(["numbers", "--kinds", "numbr", "x.txt"]) == 2
    assert "unknown kind" in capsys.readouterr().err


def test_console_script_reads_stdin():
    proc = subprocess.run(
        [sys.executable, "-m", "arqam.cli", "numbers", "-"],
        input="١٢٫٥ مليون".encode("utf-8"),
        capture_output=True,
        check=True,
    )
    (row,) = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert row["value"] == 12_500_000 and row["file"] == "stdin"


# --- strict JSON and one-line usage errors


def test_numbers_output_is_strict_json_even_for_huge_figures(tmp_path, capsys):
    f = tmp_path / "big.txt"
    f.write_text("بلغ العدد " + "9" * 400 + " عملية ونسبة 5%", encoding="utf-8")
    assert main(["numbers", str(f)]) == 0

    def refuse(name):
        raise ValueError(f"not strict JSON: {name}")

    rows = [json.loads(line, parse_constant=refuse) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["high"] is None or isinstance(r["high"], (int, float)) for r in rows)


def _corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text("سجلت المنصة 5 ملايين عملية", encoding="utf-8")
    return d


def test_extract_bad_arguments_are_one_line_exit_2_before_any_work(tmp_path, capsys, monkeypatch):
    import socket

    import arqam.extract

    corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "--out", str(out), "--no-progress"]) == 0
    before = sorted((p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))
    capsys.readouterr()
    (tmp_path / "afile").write_text("x")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(arqam.extract, "CONNECT_TIMEOUT", "1s")
    cases = {
        "--scheduler bogus": "unknown scheduler",
        "--workers 0": "must be at least 1",
        "--workers abc": "not a whole number",
        "--partition-size 0": "must be at least 1",
        "--partition-size -1": "must be at least 1",
        "--doc-seconds -3": "0 for no limit",
        f"--scheduler tcp://127.0.0.1:{port}": "cannot reach the dask scheduler",
    }
    for flags, message in cases.items():
        assert main(["extract", str(corpus), "--out", str(out), "--no-progress", *flags.split()]) == 2, flags
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err, (flags, err)
    for argv, message in [(["extract", str(corpus), "--out", str(tmp_path / "afile")], "existing file"),
                          (["extract", str(tmp_path / "missing"), "--out", str(out)], "corpus not found"),
                          (["extract", str(corpus)], "--out"),
                          (["extract", str(corpus / "a.txt"), "--out", str(corpus)], "inside --out")]:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err, (argv, err)
    after = sorted((p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in tmp_path.rglob("*") if p.name != "afile")
    assert after == before  # nothing written, nothing removed


def test_from_arqam_import_audit_is_the_function_whatever_was_imported_first():
    code = ("from arqam import verdict_table_html, audit, extract_facts\n"
            "facts = extract_facts('توزعت 10 ملايين عملية بين منصة أبشر أفراد بواقع 6 ملايين عملية ومنصة أبشر أعمال بواقع 4 ملايين عملية', 'x')\n"
            "assert len(audit(facts)) > 0\n"
            "import arqam.audit as module\n"
            "assert callable(audit) and hasattr(module, 'RULES')\n"
            "from arqam import audit as again\n"
            "assert callable(again)\n"
            "import arqam\n"
            "assert callable(arqam.audit)\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


# --- arqam facts | audit | compare | report | index over a corpus or an extract store (issue 14)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _strict(line):
    def refuse(name):
        raise ValueError(f"not strict JSON: {name}")

    return json.loads(line, parse_constant=refuse)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "store"
    assert main(["extract", str(SEEDS), "--out", str(out), "--no-progress"]) == 0
    return out


def test_facts_of_a_store_are_the_notebooks_facts(store, capsys):
    from arqam import facts_frame, load_corpus

    capsys.readouterr()
    assert main(["facts", str(store)]) == 0
    rows = [_strict(line) for line in capsys.readouterr().out.splitlines()]
    expected = facts_frame(load_corpus(SEEDS))
    keys = ["fact_id", "value", "measure", "subject_id", "role", "period_iso", "parent_fact_id", "country_iso3"]
    got = sorted(tuple(r[k] for k in keys) for r in rows)
    want = sorted(tuple(None if v != v else v for v in t) for t in expected[keys].itertuples(index=False))
    assert got == want


def test_audit_with_out_writes_its_tables(store, tmp_path, capsys):
    out = tmp_path / "results"
    assert main(["audit", str(store), "--out", str(out), "--rounding-coarser-steps", "0"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("audit: ") and "audit.csv" in printed
    manifest = json.loads((out / "manifest_audit.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["rounding_coarser_steps"] == 0 and manifest["row_counts"]["checks"] > 0
    assert {"audit.csv", "audit.parquet", "arqam.duckdb"} <= {p.name for p in out.iterdir()}


def test_compare_prints_strict_json_lines(store, capsys):
    capsys.readouterr()
    assert main(["compare", str(store), "--countries", "jor"]) == 0
    rows = [_strict(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and {r["country_iso3"] for r in rows} == {"JOR"}


def test_report_writes_views_run_json_and_index_and_prints_its_path(store, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["report", str(store), "--out", str(out), "--max-articles", "2"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == f"open {out / 'index.html'}" and "countries compared: EGY, JOR, SAU" in printed
    for name in ("facts", "audit", "comparison"):
        page = (out / "reports" / f"{name}.html").read_text(encoding="utf-8")
        assert "— corpus store</title>" in page and "arqam-provenance" in page
    assert "arqam-figure" in (out / "reports" / "audit.html").read_text(encoding="utf-8")
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["produced_by"] == "arqam report" and run["articles"] == 5
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "reports/audit.html" in index and "facts.csv" in index and "adoption_families.png" in index


def test_facts_of_a_corpus_are_read_through_a_temporary_store(tmp_path, capsys):
    corpus = _corpus(tmp_path)
    assert main(["facts", str(corpus)]) == 0
    (row,) = [_strict(line) for line in capsys.readouterr().out.splitlines()]
    assert row["value"] == 5_000_000 and row["doc_id"] == "a"
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt"]  # nothing written beside the corpus


def test_stage_usage_errors_are_one_line_exit_2_and_nothing_is_written(store, tmp_path, capsys):
    corpus = _corpus(tmp_path)
    (tmp_path / "afile").write_text("x")
    before = sorted((p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))
    store_before = sorted((p.relative_to(store), p.stat().st_mtime_ns) for p in store.rglob("*"))
    cases = [
        (["report", str(corpus)], "--out"),
        (["report", str(corpus), "--out", str(corpus / "results")], "inside the source"),
        (["facts", str(corpus), "--out", str(tmp_path / "afile")], "a file is there"),
        (["facts", str(corpus), "--out", str(store)], "arqam extract store"),
        (["audit", str(tmp_path / "missing")], "not found"),
        (["audit", str(corpus), "--per-capita-month-max", "-1"], "positive number"),
        (["compare", str(corpus), "--countries", "SAU,XYZ"], "unknown code(s) XYZ"),
        (["compare", str(corpus), "--reference", str(tmp_path / "nope.csv")], "no such file"),
        (["index", str(store)], "arqam extract store"),
        (["index", str(tmp_path / "missing")], "not a folder"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err, (argv, err)
    assert sorted((p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in tmp_path.rglob("*")) == before
    assert sorted((p.relative_to(store), p.stat().st_mtime_ns) for p in store.rglob("*")) == store_before


@pytest.mark.parametrize("command", ["numbers", "extract", "facts", "audit", "compare", "report", "index"])
def test_every_stage_help_shows_an_example(command, capsys):
    assert main([command, "--help"]) == 0
    text = capsys.readouterr().out
    assert "examples:" in text and f"arqam {command} " in text.split("examples:")[1]
