"""arqam.provenance: where a notebook writes, and the provenance line of a run."""

import json
from pathlib import Path

import pytest

from arqam.provenance import (
    DEFAULT_OUTPUT,
    OUTPUT_ENV,
    Provenance,
    corpus_countries,
    output_folder,
    read_run,
    run_provenance,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_empty_output_dir_goes_to_the_environment_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(OUTPUT_ENV, str(tmp_path / "scratch"))
    assert output_folder("") == tmp_path / "scratch"


def test_given_output_dir_wins_over_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(OUTPUT_ENV, str(tmp_path / "scratch"))
    assert output_folder(str(tmp_path / "mine")) == tmp_path / "mine"


def test_without_either_it_is_outputs_beside_notebooks(monkeypatch, tmp_path):
    monkeypatch.delenv(OUTPUT_ENV, raising=False)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert DEFAULT_OUTPUT == "../outputs"
    assert output_folder("") == tmp_path / "outputs"


def test_corpus_countries_of_the_seeds():
    articles, countries, unknown = corpus_countries(SEEDS)
    assert articles == 5 and countries == ["EGY", "JOR", "SAU"] and unknown == 0


def test_corpus_countries_counts_articles_without_a_catalog_row(tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "b.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text("doc_id,country_iso3\na,jor\nz,EGY\n", encoding="utf-8")
    assert corpus_countries(tmp_path) == (2, ["JOR"], 1)
    assert corpus_countries(tmp_path / "missing") == (None, [], 0)


def test_run_provenance_line_names_corpus_articles_countries_code_date_and_parameters():
    prov = run_provenance(SEEDS, {"rounding_coarser_steps": 1, "countries": ""}, "2025-05-02T09:30:00Z", "test")
    line = prov.line()
    assert line.startswith("Corpus seeds: 5 articles from 3 countries (EGY, JOR, SAU) · arqam ")
    assert "run 2025-05-02 09:30 UTC" in line and "parameters: rounding_coarser_steps=1, countries=''" in line
    if prov.git_commit:
        assert f"commit {prov.git_commit[:7]}" in line


def test_provenance_html_escapes_every_value():
    prov = Provenance(corpus="/x/<script>", articles=1, parameters={"p": "<b>"}, run_date="2025-01-01T00:00:00Z")
    block = prov.html()
    assert "<script>" not in block and "&lt;script&gt;" in block and "&lt;b&gt;" in block
    assert prov._repr_html_() == block


def test_run_json_round_trip(tmp_path):
    prov = run_provenance(SEEDS, {"a": 1}, "2025-05-02T09:30:00Z", "make run")
    path = prov.write(tmp_path)
    assert path.name == "run.json" and json.loads(path.read_text(encoding="utf-8"))["articles"] == 5
    assert read_run(tmp_path) == prov
    (tmp_path / "run.json").write_text("{not json", encoding="utf-8")
    assert read_run(tmp_path) is None


@pytest.mark.parametrize("date", ["", "not a date"])
def test_missing_or_odd_dates_never_fail(date):
    prov = Provenance(corpus="c", run_date=date)
    assert "run" in prov.line()


def test_stored_outputs_carry_no_commit_date_or_absolute_path(monkeypatch):
    monkeypatch.setenv("ARQAM_STORED_OUTPUTS", "1")
    prov = run_provenance("../seeds", {"a": 1}, "2025-05-02T09:30:00Z", "20_audit", articles=5, countries=["SAU"])
    assert prov.stored and prov.git_commit is None and prov.run_date == "" and prov.corpus == "../seeds"
    line = prov.line()
    assert "2025-05-02" not in line and " at commit " not in line and "stored notebook outputs (make refresh;" in line
    assert "stored notebook outputs" in prov.html() and prov.corpus_name == "seeds"
    monkeypatch.delenv("ARQAM_STORED_OUTPUTS")
    assert not run_provenance(SEEDS, {}, "2025-05-02T09:30:00Z").stored
