"""`make run`: execute every notebook into an output folder, then write the reports and the index.

``python -m arqam.run --corpus seeds --out outputs [--params params.yaml]`` executes
``notebooks/*.ipynb`` in name order with papermill (``corpus_dir``, ``output_dir`` and one
``run_date`` for all; the YAML file's other parameters, each notebook getting only those it
declares), writes ``OUT/notebooks/<name>.ipynb``, ``OUT/reports/<name>.html`` (code hidden,
titled by corpus, charts with alt text), ``OUT/run.json`` and ``OUT/index.html``, and prints
the index's path last.

Kernels talk to papermill over IPC sockets in a private temporary folder rather than TCP
on localhost (no "running over TCP without encryption" warning, nothing listening on a
port). With ``--refresh`` the committed notebooks themselves are re-executed in place, their
outputs written to a temporary folder (never into outputs/), their provenance line without
commit, date or absolute path, and their volatile metadata (execution timestamps,
papermill's record, how prints were split) removed so that a refresh changes only what the
code computes.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .provenance import OUTPUT_ENV, STORED_ENV, run_provenance, utc_now

REPO_DIR = Path(__file__).resolve().parents[2]  # lib/arqam/run.py -> the checkout
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
# Parameters the runner sets itself; the others come from the notebook or the YAML file.
RUN_PARAMETERS = ("corpus_dir", "output_dir", "run_date")


class RunFailed(RuntimeError):
    """A notebook failed; the message names it and the executed copy holding the error."""


def _kernel_config(socket_dir: Path):
    from traitlets.config import Config

    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(socket_dir / "kernel")  # sockets kernel-1, kernel-2 … in a private folder
    # jupyter_client interrupts a kernel before shutting it down; the kernel then may log
    # "KeyboardInterrupt caught in kernel" at ERROR. Cell errors still reach papermill
    # through the protocol and stop the run; only the kernel's own log is quietened.
    config.NotebookClient.extra_arguments = ["--IPKernelApp.log_level=CRITICAL"]
    return config


def declared_parameters(notebook: Path) -> dict[str, Any]:
    """The parameters a notebook's ``parameters`` cell declares, with their default values."""
    import papermill

    out = {}
    for name, p in papermill.inspect_notebook(str(notebook)).items():
        try:
            out[name] = ast.literal_eval(p["default"])
        except (ValueError, SyntaxError):
            out[name] = p["default"]
    return out


def _coalesce_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) outputs: how the kernel flushed a print is no change."""
    out: list = []
    for o in outputs:
        if o.get("output_type") == "stream" and out and out[-1].get("output_type") == "stream" and out[-1].get("name") == o.get("name"):
            out[-1]["text"] = out[-1]["text"] + o["text"]
        else:
            out.append(o)
    return out


def strip_volatile_metadata(path: Path) -> None:
    """Remove execution timestamps and papermill's run record from a notebook, in place.

    Keeps outputs, execution counts, cell ids and tags: what nbval compares and what a
    reader sees. Only what changes on every execution goes, and consecutive prints to one
    stream are joined into one output (the kernel splits them as its buffer flushes).
    """
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if cell.cell_type == "code":
            cell.outputs = _coalesce_streams(cell.outputs)
        if cell.metadata.get("tags") == ["injected-parameters"]:
            raise ValueError(f"{path.name}: holds papermill's injected-parameters cell; refresh from the committed notebook")
    nbformat.write(nb, str(path))


def _execute(notebook: Path, target: Path, parameters: dict[str, Any], kernel: str, socket_dir: Path) -> float:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    t0 = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(notebook), str(target), parameters=parameters, kernel_name=kernel, cwd=str(notebook.parent),
            progress_bar=False, log_output=False, config=_kernel_config(socket_dir),
        )
    except PapermillExecutionError as exc:
        raise RunFailed(f"{notebook.name} failed in cell {exc.exec_count}: {exc.ename}: {' '.join(str(exc.evalue).split())[:300]}; "
                        f"the executed notebook with the error is {target}") from None
    return time.perf_counter() - t0


def _load_yaml(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    import yaml  # papermill's dependency

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a YAML mapping of parameter names to values is expected")
    return data


def run_notebooks(corpus: str | Path, out: str | Path, params_file: str | Path | None = None, kernel: str = "python3",
                  notebooks: str | Path | None = None, echo=print) -> Path:
    """Execute every notebook over a corpus into an output folder; write the reports, run.json and index.html.

    Args:
        corpus: the corpus folder (``corpus_dir`` of every notebook).
        out: the output folder (``output_dir``), created if missing.
        params_file: a YAML file of other notebook parameters (papermill's -f); corpus
            and out win over it.
        kernel: the Jupyter kernel to run the notebooks with.
        notebooks: the folder of notebooks (default: the checkout's notebooks/).
        echo: prints one line per notebook and the index's path.

    Returns:
        The path of OUT/index.html.

    Raises:
        RunFailed: a notebook raised; run.json and the index say which, the other files
            are left as the finished notebooks wrote them.
        ValueError: a bad argument (nothing was run).
    """
    from .index import write_index
    from .nbreport import notebook_report

    nb_dir = Path(notebooks).resolve() if notebooks else NOTEBOOKS_DIR
    books = sorted(nb_dir.glob("*.ipynb"))
    corpus_p, out_p = Path(corpus).expanduser().resolve(), Path(out).expanduser().resolve()
    if not books:
        raise ValueError(f"no notebooks in {nb_dir}")
    if not corpus_p.is_dir():
        raise ValueError(f"corpus folder not found: {corpus_p}")
    extra = _load_yaml(Path(params_file).expanduser().resolve() if params_file else None)
    date = utc_now()
    declared = {b: declared_parameters(b) for b in books}
    effective: dict[str, Any] = {}
    for b in books:
        for name, default in declared[b].items():
            if name not in RUN_PARAMETERS:
                effective.setdefault(name, extra.get(name, default))
    unknown = sorted(set(extra) - set(effective) - set(RUN_PARAMETERS))
    if unknown:
        raise ValueError(f"no notebook declares parameter(s) {unknown}; known: {sorted(effective)}")
    given = {"corpus_dir": str(corpus_p), "output_dir": str(out_p), "run_date": date}
    (out_p / "notebooks").mkdir(parents=True, exist_ok=True)
    steps: list[dict[str, Any]] = []
    prov = run_provenance(corpus_p, parameters=effective, run_date=date, produced_by="make run")
    echo(f"make run: {len(books)} notebooks over {corpus_p} into {out_p}")
    socket_dir = Path(tempfile.mkdtemp(prefix="arqam-kernels-"))
    try:
        for b in books:
            params = {k: v for k, v in {**extra, **given}.items() if k in declared[b]}
            target = out_p / "notebooks" / b.name
            try:
                seconds = _execute(b, target, params, kernel, socket_dir)
            except RunFailed as exc:
                prov.status, prov.steps = f"The run failed: {exc}", steps
                prov.write(out_p)
                write_index(out_p, prov)
                raise
            steps.append({"name": b.name, "seconds": round(seconds, 1)})
            echo(f"  {b.name}: {seconds:.0f} s")
    finally:
        shutil.rmtree(socket_dir, ignore_errors=True)
    docs = out_p / "documents.parquet"
    if docs.is_file():  # the articles as the notebooks read them
        import pandas as pd

        d = pd.read_parquet(docs, columns=["doc_id", "country_iso3"])
        prov.articles, prov.countries = len(d), sorted({str(c) for c in d["country_iso3"].dropna()})
        prov.unknown_country = int(d["country_iso3"].isna().sum())
    for b in books:
        notebook_report(out_p / "notebooks" / b.name, out_p / "reports" / f"{b.stem}.html", prov.corpus_name)
    prov.steps = steps
    prov.write(out_p)
    index = write_index(out_p, prov)
    echo(f"reports: {out_p / 'reports'}")
    echo(f"open {index}")
    return index


def refresh_notebooks(notebooks: str | Path | None = None, kernel: str = "python3", echo=print) -> list[Path]:
    """Re-execute the committed notebooks in place (outputs to a temporary folder) and strip volatile metadata.

    Args:
        notebooks: the folder of notebooks (default: the checkout's notebooks/).
        kernel: the Jupyter kernel.
        echo: prints one line per notebook.

    Returns:
        The notebooks refreshed, in run order.
    """
    import nbformat
    from nbclient import NotebookClient

    nb_dir = Path(notebooks).resolve() if notebooks else NOTEBOOKS_DIR
    books = sorted(nb_dir.glob("*.ipynb"))
    scratch = Path(tempfile.mkdtemp(prefix="arqam-refresh-"))
    socket_dir = scratch / "kernels"
    socket_dir.mkdir()
    previous = {name: os.environ.get(name) for name in (OUTPUT_ENV, STORED_ENV)}
    os.environ[OUTPUT_ENV] = str(scratch / "outputs")  # the kernel inherits it: output_dir "" resolves here
    os.environ[STORED_ENV] = "1"  # the provenance line: no commit, date or absolute path to churn
    try:
        for b in books:
            t0 = time.perf_counter()
            nb = nbformat.read(str(b), as_version=4)
            client = NotebookClient(nb, kernel_name=kernel, resources={"metadata": {"path": str(nb_dir)}},
                                    record_timing=False, config=_kernel_config(socket_dir))
            client.execute()
            nbformat.write(nb, str(b))
            strip_volatile_metadata(b)
            echo(f"{b.name}: re-executed in {time.perf_counter() - t0:.0f} s")
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(scratch, ignore_errors=True)
    return books


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.exit(2, f"{self.prog}: {' '.join(message.split())} (see {self.prog} --help)\n")


def main(argv: list[str] | None = None) -> int:
    """`make run` / `make refresh`: 0 done, 1 a notebook failed, 2 bad arguments (nothing run)."""
    parser = _Parser(prog="python -m arqam.run",
                     description="Execute every notebook into OUT, then write OUT/reports, OUT/run.json and OUT/index.html.")
    parser.add_argument("--corpus", default="seeds", help="corpus folder (default seeds)")
    parser.add_argument("--out", default="outputs", help="output folder (default outputs)")
    parser.add_argument("--params", help="YAML file of other notebook parameters")
    parser.add_argument("--kernel", default="python3", help="Jupyter kernel (default python3)")
    parser.add_argument("--notebooks", help="folder of notebooks (default: the checkout's notebooks/)")
    parser.add_argument("--refresh", action="store_true",
                        help="re-execute the committed notebooks in place (outputs to a temporary folder) and strip volatile metadata")
    args = parser.parse_args(argv)
    try:
        if args.refresh:
            refresh_notebooks(args.notebooks, args.kernel)
        else:
            run_notebooks(args.corpus, args.out, args.params, args.kernel, args.notebooks)
    except ValueError as exc:  # checked before any notebook ran
        print(f"make run: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except (RunFailed, OSError) as exc:
        print(f"make run: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
