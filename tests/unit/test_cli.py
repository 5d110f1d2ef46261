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
