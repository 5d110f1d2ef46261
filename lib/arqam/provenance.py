"""Where a run writes and what it ran on: the output folder and the provenance line.

Every notebook resolves its ``output_dir`` parameter with ``output_folder`` (an empty
value means ``$ARQAM_OUTPUT_DIR``, else ``../outputs``: `make test` sets the variable to
a temporary folder, so tests never write into the user's outputs/), and shows one
provenance line under its title: the corpus, its article count and countries, the arqam
commit, the run's date and its parameters. `make run` and `arqam report` write the same
record as ``run.json`` beside the outputs; ``outputs/index.html`` shows it.
"""

from __future__ import annotations

import csv
import html
import json
import os
import platform
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

OUTPUT_ENV = "ARQAM_OUTPUT_DIR"  # `make test` points it at a temporary folder
# `make refresh` sets it: the outputs stored in the committed notebooks then carry no commit,
# date or absolute path, which would change on every refresh and in every checkout.
STORED_ENV = "ARQAM_STORED_OUTPUTS"
STORED_WHEN = "stored notebook outputs (make refresh; make run records the commit and date)"
DEFAULT_OUTPUT = "../outputs"  # relative to notebooks/, where the notebooks run
RUN_FILE = "run.json"


def output_folder(output_dir: str = "") -> Path:
    """Resolve a notebook's ``output_dir`` parameter to an absolute folder.

    Args:
        output_dir: the parameter as given; a non-empty value wins. Empty means the
            ``ARQAM_OUTPUT_DIR`` environment variable when it is set (tests set it to a
            temporary folder), else ``../outputs`` (the repository's outputs/ seen from
            notebooks/).

    Returns:
        The absolute folder (not created here: the writers create it).
    """
    chosen = output_dir or os.environ.get(OUTPUT_ENV, "") or DEFAULT_OUTPUT
    return Path(chosen).expanduser().resolve()


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the second (``2025-05-02T09:30:00Z``)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _readable_date(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _value_text(v: Any) -> str:
    if isinstance(v, str):
        return repr(v) if v == "" else v
    if isinstance(v, float) and v.is_integer():
        return f"{v:.1f}"
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)


@dataclass
class Provenance:
    """What a run ran on: corpus, articles, countries, code, date and parameters.

    Attributes:
        corpus: the corpus path as given to the run (absolute when it exists).
        articles: how many articles the corpus holds (None when unknown).
        countries: ISO3 codes of the articles' countries, sorted (catalog or documents).
        run_date: ISO 8601 time the run started, UTC.
        parameters: the run's other parameters, name -> value.
        arqam_version, git_commit, git_dirty, python_version: the code that ran.
        produced_by: "make run", "arqam report", or a notebook name.
        unknown_country: articles with no country.
        status: "complete", or what failed (the index page shows it).
        steps: what ran, in order: {"name", "seconds"} per notebook or stage.
        stored: the outputs stored in a committed notebook (``make refresh``): no
            commit, date or absolute path, so a refresh changes only what the code computes.
    """

    corpus: str
    articles: int | None = None
    countries: list[str] = field(default_factory=list)
    run_date: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    arqam_version: str = ""
    git_commit: str | None = None
    git_dirty: bool | None = None
    python_version: str = ""
    produced_by: str = ""
    unknown_country: int = 0
    status: str = "complete"
    steps: list[dict[str, Any]] = field(default_factory=list)
    stored: bool = False

    @property
    def corpus_name(self) -> str:
        """The corpus's folder or file name, e.g. ``seeds``."""
        return Path(self.corpus).name or str(self.corpus)

    def commit_text(self) -> str:
        """``arqam 0.1.0 at commit 1a2b3c4`` (``, with uncommitted changes`` when dirty)."""
        out = f"arqam {self.arqam_version}" if self.arqam_version else "arqam"
        if self.stored:
            return out
        if self.git_commit:
            out += f" at commit {self.git_commit[:7]}"
            if self.git_dirty:
                out += " with uncommitted changes"
        else:
            out += " (no git commit known)"
        return out

    def articles_text(self) -> str:
        """``5 articles from 3 countries (EGY, JOR, SAU)``."""
        if self.articles is None:
            return "articles not counted"
        out = f"{self.articles:,} article{'' if self.articles == 1 else 's'}"
        if self.countries:
            n = len(self.countries)
            out += f" from {n} countr{'y' if n == 1 else 'ies'} ({', '.join(self.countries)})"
        if self.unknown_country:
            out += f", {self.unknown_country:,} with no country"
        return out

    def parameters_text(self) -> str:
        """``name=value`` pairs in the order given, or ``defaults``."""
        return ", ".join(f"{k}={_value_text(v)}" for k, v in self.parameters.items()) or "defaults"

    def _when(self) -> str:
        if self.stored:
            return STORED_WHEN
        return _readable_date(self.run_date) if self.run_date else "date unknown"

    def line(self) -> str:
        """The provenance as one plain-text line."""
        when = self._when()
        when = when if self.stored else f"run {when}"
        return (f"Corpus {self.corpus_name}: {self.articles_text()} · {self.commit_text()} · {when}"
                f" · parameters: {self.parameters_text()}")

    def html(self) -> str:
        """The provenance as an HTML block (every value escaped), for reports and the index."""
        esc = html.escape
        when = self._when()
        key = '<span class="arqam-prov-key" style="color:#666666;font-size:0.9em;">{}</span> '
        items = [
            key.format("corpus") + f'<b><bdi>{esc(self.corpus_name)}</bdi></b> <span class="arqam-path">'
            f'(<bdi>{esc(str(self.corpus))}</bdi>)</span>',
            esc(self.articles_text()),
            esc(self.commit_text()),
            esc(when) if self.stored else key.format("run") + esc(when),
            key.format("parameters") + f"<bdi>{esc(self.parameters_text())}</bdi>",
        ]
        return (f'<div class="arqam-provenance" dir="ltr" lang="en" style="font-size:0.9em;color:#222222;'
                f'background:#f4f6f8;border-left:4px solid #1f6f8b;padding:6px 10px;margin:6px 0 12px 0;'
                f'text-align:left;overflow-wrap:anywhere;">{" · ".join(items)}</div>')

    def _repr_html_(self) -> str:
        return self.html()

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython's text/plain: the line, not the dataclass
        printer.text(self.line())

    def __str__(self) -> str:
        return self.line()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the run.json record)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Provenance":
        """Read a record written by to_dict; unknown keys are ignored, missing ones take defaults."""
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})

    def write(self, folder: str | Path) -> Path:
        """Write ``folder/run.json`` (atomically: written beside it, then renamed over it)."""
        from .store import _replace

        path = Path(folder) / RUN_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        _replace(path, lambda p: p.write_text(text, encoding="utf-8"))
        return path


def read_run(folder: str | Path) -> Provenance | None:
    """The provenance recorded in ``folder/run.json``, or None when there is none (or it is unreadable)."""
    path = Path(folder) / RUN_FILE
    try:
        return Provenance.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def corpus_countries(corpus: str | Path) -> tuple[int | None, list[str], int]:
    """Count a corpus folder's articles and their countries without reading the texts.

    Args:
        corpus: a folder of ``<doc_id>.txt`` articles with an optional catalog.csv (the
            notebooks' corpus); any other path gives (None, [], 0).

    Returns:
        (articles, sorted ISO3 codes from the catalog rows of those articles, articles
        with no country in the catalog).
    """
    folder = Path(corpus)
    if not folder.is_dir():
        return None, [], 0
    ids = {p.stem for p in folder.glob("*.txt")}
    country: dict[str, str] = {}
    catalog = folder / "catalog.csv"
    if catalog.is_file():
        try:
            with catalog.open(encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    code = (row.get("country_iso3") or row.get("country") or "").strip().upper()
                    doc = (row.get("doc_id") or row.get("id") or "").strip()
                    if doc and code:
                        country[doc] = code
        except (OSError, csv.Error, UnicodeDecodeError):
            country = {}
    found = sorted({country[d] for d in ids if d in country})
    return len(ids), found, sum(1 for d in ids if d not in country)


def run_provenance(
    corpus_dir: str | Path,
    parameters: dict[str, Any] | None = None,
    run_date: str = "",
    produced_by: str = "",
    articles: int | None = None,
    countries: list[str] | None = None,
    unknown_country: int | None = None,
) -> Provenance:
    """The provenance of a run over a corpus.

    Args:
        corpus_dir: the corpus as the run was given it.
        parameters: the run's other parameters (shown in order).
        run_date: ISO 8601 time the run started; empty: now (UTC).
        produced_by: what ran ("make run", "arqam report", a notebook's name).
        articles, countries, unknown_country: when the caller has read the corpus
            (e.g. a documents table); by default counted from the folder and its catalog.

    Returns:
        A Provenance, with the arqam version and the git commit of this checkout; under
        ``make refresh`` ($ARQAM_STORED_OUTPUTS set) a stored one: the corpus as given, no
        commit, no date.
    """
    from . import __version__
    from .store import _package_repo_state

    path = Path(corpus_dir).expanduser()
    stored = bool(os.environ.get(STORED_ENV))
    shown = str(path.resolve()) if path.exists() and not stored else str(corpus_dir)
    if articles is None:
        articles, found, missing = corpus_countries(path)
        countries = countries if countries is not None else found
        unknown_country = missing if unknown_country is None else unknown_country
    commit, dirty = (None, None) if stored else _package_repo_state()
    return Provenance(
        corpus=shown,
        articles=articles,
        countries=sorted(countries or []),
        run_date="" if stored else run_date or utc_now(),
        parameters=dict(parameters or {}),
        arqam_version=__version__,
        git_commit=commit,
        git_dirty=dirty,
        python_version=platform.python_version(),
        produced_by=produced_by,
        unknown_country=int(unknown_country or 0),
        stored=stored,
    )
