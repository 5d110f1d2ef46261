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
