"""The committed notebooks: literal parameters, outputs never in the user's outputs/ under tests, no churn."""

import ast
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _fingerprint():
    spec = importlib.util.spec_from_file_location("outputs_fingerprint", ROOT / "tests" / "outputs_fingerprint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.fingerprint


def _read(path):
    return nbformat.read(str(path), as_version=4)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_are_typed_literals_and_output_dir_defaults_to_empty(path):
    nb = _read(path)
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    values = {}
    for stmt in ast.parse(cell.source).body:
        assert isinstance(stmt, ast.AnnAssign) and isinstance(stmt.value, ast.Constant), ast.unparse(stmt)
        values[stmt.target.id] = stmt.value.value
    assert values["output_dir"] == "" and values["run_date"] == ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_output_dir_is_resolved_before_anything_is_written(path):
    code = [c.source for c in _read(path).cells if c.cell_type == "code"]
    resolved = next(i for i, s in enumerate(code) if re.search(r"^output_dir = str\(output_folder\(output_dir\)\)", s, re.M))
    uses = [i for i, s in enumerate(code) if "output_dir" in s and i != resolved and "parameters" not in s]
    params = next(i for i, s in enumerate(code) if s.startswith("corpus_dir"))
    assert all(i > resolved for i in uses if i != params)
    assert "run_provenance(" in code[resolved]  # the same cell shows the provenance under the title


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_metadata_that_changes_on_every_execution(path):
    nb = _read(path)
    assert "papermill" not in nb.metadata
    volatile = [c.get("id") for c in nb.cells if "execution" in c.metadata or "papermill" in c.metadata]
    assert not volatile, f"{path.name}: execution timestamps in cells {volatile}; refresh with `make refresh`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_titles_do_not_assume_the_seed_corpus(path):
    title = next(c.source.splitlines()[0] for c in _read(path).cells if c.cell_type == "markdown")
    assert title.startswith("# ") and "seed" not in title.lower()


def test_make_test_runs_the_notebooks_against_a_temporary_folder_and_checks_outputs():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert 'ARQAM_OUTPUT_DIR="$$scratch"' in recipe and "mktemp -d" in recipe
    assert recipe.count("tests/outputs_fingerprint.py outputs") == 2 and "outputs/ changed" in recipe


def test_the_fingerprint_sees_a_new_a_changed_and_a_removed_file(tmp_path):
    fingerprint = _fingerprint()
    (tmp_path / "a.csv").write_text("1", encoding="utf-8")
    first = fingerprint(tmp_path)
    assert fingerprint(tmp_path) == first
    (tmp_path / "b.csv").write_text("2", encoding="utf-8")
    second = fingerprint(tmp_path)
    assert second != first
    (tmp_path / "a.csv").write_text("11", encoding="utf-8")
    assert fingerprint(tmp_path) != second
    (tmp_path / "a.csv").unlink()
    (tmp_path / "b.csv").unlink()
    assert fingerprint(tmp_path) not in (first, second)
    assert fingerprint(tmp_path / "missing") == "absent"
