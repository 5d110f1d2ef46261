"""``index.html``: the entry page of a folder of results.

`make run` and `arqam report` end by writing ``OUTPUT/index.html``: what ran (corpus,
article count, countries, commit, date, parameters), the headline figures (mentions,
facts, checks by verdict, countries compared), and a link to every report, chart, table
(CSV, Parquet, DuckDB), manifest and executed notebook in the folder, each with a line
saying what it is. ``arqam index DIR`` writes it for any such folder (e.g. after running
one notebook by hand with papermill).
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from .provenance import RUN_FILE, Provenance, read_run

INDEX_NAME = "index.html"

# What each file of a run is (outputs/README.md says the same at more length).
DESCRIPTIONS = {
    "mentions.csv": "every figure: doc_id, char_start, char_end, text_ar, value, kind, qualifier, interval, unit",
    "mentions.parquet": "every figure (the same rows, exact types)",
    "documents.parquet": "one row per article, with its sha256 and catalog fields",
    "facts.csv": "one row per statistic: measure, subject, role, period, parent, country, source characters",
    "facts.parquet": "one row per statistic (the same rows, exact types)",
    "audit.csv": "one row per arithmetic check, with its verdict and explanation",
    "audit.parquet": "one row per arithmetic check (the same rows, exact types)",
    "claims.csv": "one row per arithmetic claim an article states or implies",
    "claims.parquet": "one row per arithmetic claim (the same rows, exact types)",
    "comparison.csv": "the cross-country table: every figure with its interval, rates and caveat",
    "comparison.parquet": "the cross-country table (the same rows, exact types)",
    "ranking.csv": "per family of comparable figures, each country's compared figure, ranked",
    "arqam.duckdb": "DuckDB database holding every stage's table",
    "manifest.json": "numbers stage: parameters, code version, commit, input sha256s, row counts",
    "manifest_facts.json": "facts stage: parameters, code version, commit, input sha256s, row counts",
    "manifest_audit.json": "audit stage: parameters, code version, commit, inputs, checks by verdict",
    "manifest_adoption.json": "comparison stage: parameters, code version, commit, inputs, row counts",
    "manifest_extract.json": "arqam extract: corpus, parameters, counts, error reasons",
    RUN_FILE: "this run: corpus, articles, countries, commit, date, parameters",
    "README.md": "what appears in this folder",
}
REPORT_DESCRIPTIONS = {
    "10_extract_numbers": "every figure of every article, by kind and qualifier, and each article with its figures highlighted",
    "11_extract_facts": "every statistic with what it counts, whose, when and what it is part of; the figures not placed",
    "20_audit_consistency": "the arithmetic rechecked: verdicts by rule, each article's checks beside their sentences",
    "30_compare_countries": "the cross-country comparison: table with caveats, ranking, charts, models",
    "audit": "the arithmetic rechecked, statcheck-style, with each check's figures marked in its sentences",
    "comparison": "the cross-country comparison: table with caveats, ranking and charts",
    "facts": "every statistic with what it counts, whose and when; articles coloured by measure",
}
CHART_DESCRIPTIONS = {
    "audit_verdicts": "Audit verdicts per article: consistent, rounding, inconsistent, unverifiable",
    "adoption_families": "Figures per resident by family of comparable figures, one bar per country",
    "adoption_per_capita": "Digital operations per resident per month, by country",
    "adoption_growth": "Growth over time of figures stated for several periods",
    "adoption_vs_egdi": "Each country's compared figure against the UN E-Government Development Index",
    "adoption_vs_gtmi": "Each country's compared figure against the World Bank GovTech Maturity Index",
}
_TABLE_SUFFIXES = (".csv", ".parquet", ".duckdb", ".jsonl")
_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", sans-serif;
       max-width: 1200px; margin: 0 auto; padding: 16px 24px 40px 24px; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6em; margin: 8px 0 4px 0; } h2 { font-size: 1.2em; margin: 22px 0 6px 0;
     border-bottom: 1px solid #dddddd; padding-bottom: 3px; }
a { color: #1f5f8b; } .muted { color: #555555; font-size: 0.9em; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
.figure { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; min-width: 150px; background: #fafbfc; }
.figure b { display: block; font-size: 1.5em; } .figure span { font-size: 0.85em; color: #444444; }
.verdict { display: inline-block; padding: 1px 7px; margin: 2px 4px 0 0; border: 1px solid #999999; border-radius: 3px;
           font-size: 0.85em; }
table.files { border-collapse: collapse; width: 100%; font-size: 0.92em; }
table.files td, table.files th { border-bottom: 1px solid #e3e3e3; padding: 4px 6px; text-align: left; vertical-align: top;
                                 overflow-wrap: anywhere; }
table.files th { background: #f2f2f2; }
table.files td:first-child { white-space: nowrap; } table.files td:nth-child(2) { white-space: nowrap; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 14px; }
.charts figure { margin: 0; border: 1px solid #e3e3e3; padding: 6px; border-radius: 4px; }
.charts img { width: 100%; height: 160px; object-fit: contain; background: #ffffff; }
.charts figcaption { font-size: 0.85em; margin-top: 4px; }
.failed { background: #fde2e2; border: 1px solid #d33; padding: 8px 12px; border-radius: 4px; }
"""


def _esc(x) -> str:
    return html.escape(str(x), quote=True)


def _href(path: Path, root: Path) -> str:
    return quote(path.relative_to(root).as_posix())


def _size(path: Path) -> str:
    n = path.stat().st_size
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _html_title(path: Path) -> str:
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return path.stem
    m = re.search(r"<title>(.*?)</title>", head, re.S | re.I)
    return html.unescape(m.group(1)).strip() if m and m.group(1).strip() else path.stem


def _duckdb_tables(path: Path) -> dict[str, int]:
    """Row count of every table of a DuckDB file, read only ({} when it cannot be read)."""
    try:
        from .store import duckdb_connect

        with duckdb_connect(path, config={"access_mode": "READ_ONLY"}) as con:
            names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
            # names come from the database's own catalogue and are quoted as identifiers
            return {n: int(con.execute(f'SELECT count(*) FROM "{n.replace(chr(34), chr(34) * 2)}"').fetchone()[0]) for n in names}
    except Exception:  # an index page never fails on a locked or damaged database
        return {}


# table file stem -> (manifest, its row count key)
_ROW_COUNTS = {"mentions": ("manifest.json", "mentions"), "documents": ("manifest.json", "documents"),
               "facts": ("manifest_facts.json", "facts"), "audit": ("manifest_audit.json", "checks"),
               "claims": ("manifest_audit.json", "claims"), "comparison": ("manifest_adoption.json", "comparison")}


def _row_count(name: str, manifests: dict[str, dict]) -> int | None:
    where = _ROW_COUNTS.get(Path(name).stem)
    if where is None:
        return None
    n = (manifests.get(where[0], {}).get("row_counts") or {}).get(where[1])
    return int(n) if isinstance(n, (int, float)) else None


def _countries_compared(folder: Path) -> list[str]:
    path = folder / "comparison.parquet"
    if not path.is_file():
        return []
    try:
        import pandas as pd

        frame = pd.read_parquet(path, columns=["country_iso3"])
    except Exception:
        return []
    return sorted({str(c) for c in frame["country_iso3"].dropna()})


def _fallback_provenance(folder: Path, manifests: dict[str, dict]) -> Provenance | None:
    """Provenance pieced together from the stage manifests when run.json is missing."""
    if not manifests:
        return None
    params: dict = {}
    corpus, commit, dirty, version, inputs = "", None, None, "", set()
    for name in sorted(manifests):
        m = manifests[name]
        p = m.get("parameters") if isinstance(m.get("parameters"), dict) else {}
        corpus = corpus or str(p.get("corpus_dir") or m.get("corpus") or "")
        params.update({k: v for k, v in p.items() if k not in ("corpus_dir", "output_dir")})
        commit, dirty = commit or m.get("git_commit"), dirty if dirty is not None else m.get("git_dirty")
        version = version or m.get("arqam_version", "")
        inputs |= {i.get("doc_id") for i in m.get("inputs", []) if isinstance(i, dict)}
    articles = len(inputs) or (manifests.get("manifest_extract.json", {}).get("counts", {}) or {}).get("documents")
    countries: list[str] = []
    docs = folder / "documents.parquet"
    if docs.is_file():
        try:
            import pandas as pd

            d = pd.read_parquet(docs, columns=["doc_id", "country_iso3"])
            articles, countries = len(d), sorted({str(c) for c in d["country_iso3"].dropna()})
        except Exception:
            pass
    return Provenance(corpus=corpus or "(unknown corpus)", articles=articles, countries=countries, parameters=params,
                      arqam_version=version, git_commit=commit, git_dirty=dirty, produced_by="manifests")


def _figures(folder: Path, manifests: dict[str, dict], prov: Provenance | None) -> str:
    cards = []

    def card(value, label, extra=""):
        cards.append(f'<div class="figure"><b>{_esc(value)}</b><span>{_esc(label)}</span>{extra}</div>')

    if prov is not None and prov.articles is not None:
        card(f"{prov.articles:,}", f"articles, {len(prov.countries)} countr{'y' if len(prov.countries) == 1 else 'ies'}")
    counts = lambda name: manifests.get(name, {}).get("row_counts") or {}  # noqa: E731
    extract = manifests.get("manifest_extract.json", {}).get("counts") or {}
    mentions = counts("manifest.json").get("mentions", extract.get("mentions"))
    if mentions is not None:
        card(f"{int(mentions):,}", "number mentions")
    facts = counts("manifest_facts.json").get("facts", extract.get("facts"))
    if facts is not None:
        card(f"{int(facts):,}", "facts (statistics placed in context)")
    if extract.get("errors") is not None:
        card(f"{int(extract['errors']):,}", "inputs not read (see the errors table)")
    audit = counts("manifest_audit.json")
    if "checks" in audit:
        from .audit_report import VERDICT_COLOURS

        chips = "".join(
            f'<span class="verdict" style="background:{VERDICT_COLOURS.get(v, "#ffffff")};">{_esc(v)} {int(audit.get(v, 0)):,}</span>'
            for v in ("consistent", "rounding", "inconsistent", "unverifiable") if v in audit
        )
        claims = f" of {int(audit['claims']):,} claims" if "claims" in audit else ""
        card(f"{int(audit['checks']):,}", f"arithmetic checks{claims}", f"<div>{chips}</div>")
    compared = _countries_compared(folder)
    if compared:
        card(f"{len(compared)}", "countries compared", f'<div class="muted">{_esc(", ".join(compared))}</div>')
    return f'<div class="figures">{"".join(cards)}</div>' if cards else '<p class="muted">No stage has written its tables here yet.</p>'


def _rows(items: list[tuple[str, str, str, str]]) -> str:
    body = "".join(f'<tr><td><a href="{h}">{_esc(name)}</a></td><td>{_esc(kind)}</td><td>{_esc(what)}</td></tr>'
                   for name, h, kind, what in items)
    return f'<table class="files"><thead><tr><th>file</th><th>size / rows</th><th>what</th></tr></thead><tbody>{body}</tbody></table>'


def _started(prov: Provenance | None) -> float | None:
    """The run's start as a POSIX time, or None when unknown."""
    if prov is None or not prov.run_date:
        return None
    try:
        return datetime.fromisoformat(prov.run_date.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def index_html(folder: str | Path, provenance: Provenance | None = None) -> str:
    """The index page of a folder of results, as HTML text (see write_index)."""
    root = Path(folder).resolve()
    files = sorted(p for p in root.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))
    manifests = {p.name: _json(p) for p in files if p.parent == root and p.name.startswith("manifest") and p.suffix == ".json"}
    prov = provenance or read_run(root) or _fallback_provenance(root, manifests)
    started = _started(prov)

    def earlier(p: Path) -> bool:  # a file this run did not write (a stage that did not run, an older chart)
        return started is not None and p.name != "README.md" and p.stat().st_mtime < started - 1

    def what(p: Path, text: str) -> str:
        return text + (" (from an earlier run: not written by this one)" if earlier(p) else "")
    title = f"arqam results — corpus {prov.corpus_name}" if prov else "arqam results"
    used: set[Path] = {root / INDEX_NAME}
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{_esc(title)}</title>\n"
             f"<style>{_CSS}</style>\n</head>\n<body>\n<h1>{_esc(title)}</h1>\n"]
    if prov is not None:
        parts.append(prov.html())
        status = getattr(prov, "status", "")
        if status and status != "complete":
            parts.append(f'<p class="failed">{_esc(status)}</p>')
    else:
        parts.append('<p class="muted">No run.json or manifest here: what ran is unknown.</p>')
    parts.append(f"<h2>Headline figures</h2>\n{_figures(root, manifests, prov)}\n")

    reports = [p for p in files if p.parent == root / "reports" and p.suffix == ".html"]
    if reports:
        items = "".join(
            f'<li><a href="{_href(p, root)}">{_esc(_html_title(p))}</a><br><span class="muted">'
            f'{_esc(what(p, REPORT_DESCRIPTIONS.get(p.stem, "report")))}</span></li>' for p in reports)
        parts.append(f"<h2>Reports</h2>\n<ul>{items}</ul>\n")
        used |= set(reports)

    pngs = [p for p in files if p.parent == root and p.suffix == ".png"]
    if pngs:
        figs = []
        for p in pngs:
            label = CHART_DESCRIPTIONS.get(p.stem, p.stem.replace("_", " "))
            svg = p.with_suffix(".svg")
            links = f'<a href="{_href(p, root)}">PNG</a>' + (f' · <a href="{_href(svg, root)}">SVG</a>' if svg.is_file() else "")
            figs.append(f'<figure><a href="{_href(p, root)}"><img src="{_href(p, root)}" alt="{_esc("Chart: " + label)}"></a>'
                        f"<figcaption>{_esc(what(p, label))}<br>{links}</figcaption></figure>")
            used |= {p, svg}
        parts.append(f'<h2>Charts</h2>\n<div class="charts">{"".join(figs)}</div>\n')

    tables = [p for p in files if p.parent == root and p.suffix in _TABLE_SUFFIXES]
    if tables:
        items = []
        for p in tables:
            if p.suffix == ".duckdb":
                counts = _duckdb_tables(p)
                text = DESCRIPTIONS.get(p.name, "DuckDB database")
                if counts:
                    text += ": " + ", ".join(f"{t} ({n:,} rows)" for t, n in counts.items())
                items.append((p.name, _href(p, root), _size(p), text))
            else:
                n = _row_count(p.name, manifests)
                size = _size(p) if n is None else f"{n:,} rows · {_size(p)}"
                items.append((p.name, _href(p, root), size, what(p, DESCRIPTIONS.get(p.name, p.suffix[1:].upper() + " table"))))
        parts.append("<h2>Tables</h2>\n" + _rows(items) + "\n")
        used |= set(tables)

    parts_dir = root / "parts"
    if parts_dir.is_dir():
        tables_in = sorted({p.parent.name for p in files if parts_dir in p.parents})
        parts.append(f'<p>Partitioned Parquet: <a href="parts/">parts/</a> ({_esc(", ".join(tables_in))})</p>\n')
        used |= {p for p in files if parts_dir in p.parents}

    meta = [p for p in files if p.parent == root and p.suffix == ".json"] + [p for p in files if p.parent == root / "notebooks"]
    if meta:
        items = [(p.relative_to(root).as_posix(), _href(p, root), _size(p),
                  what(p, DESCRIPTIONS.get(p.name, "the executed notebook, with its outputs" if p.suffix == ".ipynb" else "")))
                 for p in meta]
        parts.append("<h2>Manifests and executed notebooks</h2>\n" + _rows(items) + "\n")
        used |= set(meta)

    rest = [p for p in files if p not in used]
    if rest:
        items = [(p.relative_to(root).as_posix(), _href(p, root), _size(p), what(p, DESCRIPTIONS.get(p.name, ""))) for p in rest]
        parts.append("<h2>Other files</h2>\n" + _rows(items) + "\n")
    parts.append('<p class="muted">Written by arqam (<code>arqam index</code>). Open the CSV files in a spreadsheet; '
                 'read the Parquet files or <code>arqam.duckdb</code> in code (exact types).</p>\n</body>\n</html>\n')
    return "".join(parts)


def write_index(folder: str | Path, provenance: Provenance | None = None) -> Path:
    """Write ``folder/index.html``: what ran, the headline figures and a link to every file.

    Args:
        folder: a folder of results (`make run`'s OUTPUT, `arqam report --out`, an
            `arqam extract` store).
        provenance: what ran; by default ``folder/run.json``, else pieced together from
            the stage manifests (corpus, inputs, commit, parameters).

    Returns:
        The path of index.html (replaced atomically).
    """
    from .store import _replace

    root = Path(folder).resolve()
    root.mkdir(parents=True, exist_ok=True)
    text = index_html(root, provenance)
    path = root / INDEX_NAME
    _replace(path, lambda p: p.write_text(text, encoding="utf-8"))
    return path
