"""arqam.run (`make run`, `make refresh`): notebooks executed quietly, reports, run.json and index written."""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from arqam.run import RunFailed, declared_parameters, main, refresh_notebooks, run_notebooks, strip_volatile_metadata

PARAMS = 'corpus_dir: str = "../corpus"  # folder\noutput_dir: str = ""  # where\nrun_date: str = ""  # when\n'


def _book(folder, name, extra_params, body, title="# A stage\n\nWhat it does."):
    params = new_code_cell(PARAMS + extra_params)
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[new_markdown_cell(title), params, new_code_cell(body)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(folder / name))


@pytest.fixture
def project(tmp_path):
    (tmp_path / "notebooks").mkdir()
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text("سجلت المنصة 5 ملايين عملية", encoding="utf-8")
    (corpus / "catalog.csv").write_text("doc_id,country_iso3\na,OMN\n", encoding="utf-8")
    return tmp_path, corpus


def test_declared_parameters_are_read_as_values(project):
    root, _ = project
    _book(root / "notebooks", "10_a.ipynb", "steps: int = 2  # n\nratio: float = 0.5  # r\n", "pass")
    assert declared_parameters(root / "notebooks" / "10_a.ipynb") == {
        "corpus_dir": "../corpus", "output_dir": "", "run_date": "", "steps": 2, "ratio": 0.5}


def test_a_parameter_no_notebook_declares_stops_the_run_before_it_starts(project, capsys):
    root, corpus = project
    _book(root / "notebooks", "10_a.ipynb", "", "pass")
    (root / "p.yaml").write_text("stepz: 3\n", encoding="utf-8")
    status = main(["--corpus", str(corpus), "--out", str(root / "out"), "--params", str(root / "p.yaml"),
                   "--notebooks", str(root / "notebooks")])
    assert status == 2 and "stepz" in capsys.readouterr().err and not (root / "out").exists()


def test_run_writes_notebooks_reports_run_json_and_index_quietly(project, capfd):
    root, corpus = project
    body = ("from pathlib import Path\nfrom arqam.provenance import output_folder\n"
            "output_dir = str(output_folder(output_dir))\n"
            "Path(output_dir, 'stage.txt').write_text(f'{steps} {run_date}')\nprint('wrote stage.txt')")
    _book(root / "notebooks", "10_a.ipynb", "steps: int = 2  # n\n", body)
    _book(root / "notebooks", "20_b.ipynb", "label: str = 'x'  # l\n", "print(label)", title="# Second stage")
    (root / "p.yaml").write_text("steps: 7\nlabel: gulf\ncorpus_dir: ignored\n", encoding="utf-8")
    out = root / "out"
    index = run_notebooks(corpus, out, root / "p.yaml", notebooks=root / "notebooks")
    captured = capfd.readouterr()
    assert captured.out.strip().splitlines()[-1] == f"open {index}"
    assert "without encryption" not in captured.err and "KeyboardInterrupt" not in captured.err
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert (out / "stage.txt").read_text() == f"7 {run['run_date']}"  # YAML value, one date for the whole run
    assert run["parameters"] == {"steps": 7, "label": "gulf"} and run["articles"] == 1 and run["countries"] == ["OMN"]
    assert run["corpus"] == str(corpus) and [s["name"] for s in run["steps"]] == ["10_a.ipynb", "20_b.ipynb"]
    report = (out / "reports" / "20_b.html").read_text(encoding="utf-8")
    assert "<title>Second stage — corpus articles</title>" in report and "print(label)" not in report
    assert "gulf" in report
    page = index.read_text(encoding="utf-8")
    assert "reports/10_a.html" in page and "notebooks/20_b.ipynb" in page and "stage.txt" in page


def test_a_failing_notebook_stops_the_run_and_the_index_says_where(project):
    root, corpus = project
    _book(root / "notebooks", "10_a.ipynb", "", "raise ValueError('no such table')")
    out = root / "out"
    with pytest.raises(RunFailed, match="10_a.ipynb failed in cell .*ValueError: no such table"):
        run_notebooks(corpus, out, notebooks=root / "notebooks")
    assert "The run failed" in (out / "index.html").read_text(encoding="utf-8")
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["status"].startswith("The run failed")


def test_refresh_executes_in_place_writes_nothing_beside_and_strips_timestamps(project, monkeypatch):
    root, _ = project
    body = ("from pathlib import Path\nfrom arqam.provenance import output_folder\n"
            "output_dir = str(output_folder(output_dir))\nPath(output_dir).mkdir(parents=True, exist_ok=True)\n"
            "Path(output_dir, 'x.txt').write_text('x')\nprint(output_dir != '')")
    _book(root / "notebooks", "10_a.ipynb", "", body)
    monkeypatch.chdir(root)
    refresh_notebooks(root / "notebooks")
    nb = nbformat.read(str(root / "notebooks" / "10_a.ipynb"), as_version=4)
    assert nb.cells[2].outputs[0]["text"] == "True\n" and nb.cells[2].execution_count == 2
    assert all("execution" not in c.metadata for c in nb.cells) and "papermill" not in nb.metadata
    assert not (root / "outputs").exists()  # its tables went to a temporary folder


def test_strip_volatile_metadata_keeps_outputs_counts_and_tags(tmp_path):
    cell = new_code_cell("1", execution_count=3, outputs=[nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=3)])
    cell.metadata.update({"tags": ["parameters"], "execution": {"iopub.execute_input": "2025-01-01T00:00:00Z"}, "papermill": {}})
    nb = new_notebook(cells=[cell], metadata={"papermill": {"start_time": "x"}})
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, str(path))
    strip_volatile_metadata(path)
    back = nbformat.read(str(path), as_version=4)
    assert back.metadata.get("papermill") is None and back.cells[0].metadata == {"tags": ["parameters"]}
    assert back.cells[0].execution_count == 3 and back.cells[0].outputs


def test_refresh_stores_a_provenance_line_without_commit_date_or_path(project, monkeypatch):
    root, _ = project
    body = ("from arqam.provenance import run_provenance\n"
            "run_provenance(corpus_dir, {}, run_date, '10_a')")
    _book(root / "notebooks", "10_a.ipynb", "", body)
    (root / "corpus").mkdir()
    monkeypatch.chdir(root)
    refresh_notebooks(root / "notebooks")
    nb = nbformat.read(str(root / "notebooks" / "10_a.ipynb"), as_version=4)
    line = nb.cells[2].outputs[0]["data"]["text/plain"]
    assert "commit" in line and " at commit " not in line and "stored notebook outputs" in line
    block = nb.cells[2].outputs[0]["data"]["text/html"]
    assert "../corpus" in block and str(root) not in block
    assert "ARQAM_STORED_OUTPUTS" not in __import__("os").environ  # restored after the refresh


def test_strip_volatile_metadata_joins_prints_split_by_the_kernel(tmp_path):
    out = nbformat.v4.new_output
    cell = new_code_cell("print()", execution_count=1, outputs=[
        out("stream", name="stdout", text="a: 1"), out("stream", name="stdout", text="\nb: 2\n"),
        out("stream", name="stderr", text="w\n"), out("stream", name="stdout", text="c\n")])
    path = tmp_path / "n.ipynb"
    nbformat.write(new_notebook(cells=[cell]), str(path))
    strip_volatile_metadata(path)
    back = nbformat.read(str(path), as_version=4).cells[0].outputs
    assert [(o["name"], o["text"]) for o in back] == [("stdout", "a: 1\nb: 2\n"), ("stderr", "w\n"), ("stdout", "c\n")]
