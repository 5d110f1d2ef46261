"""The stages of the pipeline over a corpus or an `arqam extract` store, for `arqam facts|audit|compare|report`.

A source is either a previous `arqam extract` store (a folder holding
manifest_extract.json and arqam.duckdb: its documents, mentions and facts tables are
read, nothing is re-extracted) or a corpus in any form `arqam extract` reads (a folder
of .txt/.md/.html articles with its catalog, a .jsonl or .parquet file, one article),
which is extracted into a temporary store first, so both give the same tables.

`check_source` and `check_out` raise ValueError before any work; the stage functions
return frames; `write_report` writes every stage's tables, the charts, the HTML views
(reports/facts.html, audit.html, comparison.html), run.json and index.html.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

STORE_MANIFEST = "manifest_extract.json"
STORE_DB = "arqam.duckdb"
MAX_ARTICLES = 50  # articles drawn in full in the HTML views; every row stays in the tables


@dataclass
class Source:
    """What a stage reads: the articles, their figures and facts, and the inputs not read."""

    path: Path
    is_store: bool
    docs: pd.DataFrame
    mentions: pd.DataFrame
    facts: pd.DataFrame
    errors: pd.DataFrame


def is_store(path: str | Path) -> bool:
    """True when path is an `arqam extract` store (a folder with manifest_extract.json)."""
    p = Path(path)
    return p.is_dir() and (p / STORE_MANIFEST).is_file()


def check_source(source: str | Path, catalog: str | Path | None = None, text_column: str = "text") -> Path:
    """Check a source before any work.

    Raises:
        ValueError: naming the fix (missing path, a store without its database, a
            file arqam cannot read as a corpus).
    """
    p = Path(source).expanduser()
    if not p.exists():
        raise ValueError(f"{source}: not found (give a corpus folder, a .jsonl/.parquet file, an article, or an arqam extract store)")
    if is_store(p):
        if not (p / STORE_DB).is_file():
            raise ValueError(f"{source}: an arqam extract store without {STORE_DB}; run arqam extract again")
        return p.resolve()
    from .extract import check_args

    scratch = Path(tempfile.mkdtemp(prefix="arqam-check-"))
    try:  # the same checks as arqam extract, into a throwaway folder
        check_args(p.resolve(), scratch / "store", Path(catalog).expanduser().resolve() if catalog else None, "threads",
                   None, 200, text_column, None, None, None)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return p.resolve()


def check_out(out: str | Path, source: Path) -> Path:
    """Check an output folder before any work.

    It may be new, empty, or a folder of results (the stages replace their own files
    and leave every other file alone). It may not be an `arqam extract` store (extract
    would then refuse it), the source itself, or inside a corpus folder (the outputs
    would become inputs of the next run).

    Raises:
        ValueError: naming the fix.
    """
    o = Path(out).expanduser().resolve()
    if o.exists() and not o.is_dir():
        raise ValueError(f"--out {out}: a file is there; give a folder")
    if is_store(o):
        raise ValueError(f"--out {out}: an arqam extract store holds only what extract writes; give another folder")
    if o == source or (source.is_dir() and source in o.parents):
        raise ValueError(f"--out {out}: inside the source {source}; write the results beside it, not in it")
    return o


def _read_store(store: Path) -> dict[str, pd.DataFrame]:
    from .store import duckdb_connect

    with duckdb_connect(store / STORE_DB, config={"access_mode": "READ_ONLY"}) as con:
        names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        missing = sorted({"documents", "facts"} - names)
        if missing:
            raise OSError(f"{store / STORE_DB} has no table(s) {missing}; run arqam extract again")
        # table names are fixed here, never taken from input
        return {t: con.execute(f"SELECT * FROM {t}").df() if t in names else pd.DataFrame()
                for t in ("documents", "mentions", "facts", "errors")}


def load_source(source: str | Path, catalog: str | Path | None = None, text_column: str = "text",
                scheduler: str = "threads", workers: int | None = None) -> Source:
    """Read a store's tables, or extract a corpus into a temporary store and read those.

    Args:
        source: an `arqam extract` store, or a corpus (see the module docstring).
        catalog, text_column, scheduler, workers: as for `arqam extract` (corpus only).

    Returns:
        A Source whose docs (doc_id, text, sha256, country_iso3, published …), mentions,
        facts (arqam.schemas.FACTS columns) and errors come from the same store tables.
    """
    from .schemas import validate_facts

    p = Path(source).expanduser().resolve()
    if is_store(p):
        tables = _read_store(p)
    else:
        from .extract import extract_corpus

        scratch = Path(tempfile.mkdtemp(prefix="arqam-stage-"))
        try:
            extract_corpus(p, scratch / "store", catalog=catalog, scheduler=scheduler, workers=workers,
                           text_column=text_column, progress=False)
            tables = _read_store(scratch / "store")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    docs = tables["documents"].sort_values("doc_id").reset_index(drop=True)
    facts = tables["facts"].sort_values(["doc_id", "char_start"]).reset_index(drop=True)
    facts = validate_facts(facts) if len(facts) else facts
    mentions = tables["mentions"]
    if len(mentions):
        mentions = mentions.sort_values(["doc_id", "char_start"]).reset_index(drop=True)
    return Source(p, is_store(p), docs, mentions, facts, tables["errors"])


def run_audit(facts: pd.DataFrame, docs: pd.DataFrame, settings: dict[str, Any] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The claims of the articles and their checks, as notebook 20 finds them (claims read from the whole texts).

    Returns:
        (checks: arqam.audit.audit's table, claims: arqam.claims.extract_claims's table).
    """
    from .audit import audit
    from .claims import extract_claims

    claims = extract_claims(facts, docs, settings or None)
    return audit(facts, settings=settings or None, claims=claims, texts=docs), claims


def run_compare(facts: pd.DataFrame, reference_path: str | None = None, countries: str = "") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Adoption indicators, the comparison table and the reference of a facts table.

    Returns:
        (indicators, comparison table, reference frame).
    """
    from .adoption import adoption_indicators
    from .compare import comparison_table, select_countries
    from .reference import load_reference

    reference = load_reference(reference_path or None)
    ind = select_countries(adoption_indicators(facts, reference=reference), countries, reference)
    return ind, comparison_table(ind, reference), reference


def check_countries(countries: str, reference_path: str | None = None) -> None:
    """Raise ValueError for a country code the reference file does not know (before any work)."""
    from .compare import country_names
    from .reference import load_reference

    codes = [c.strip().upper() for c in countries.split(",") if c.strip()]
    if not codes:
        return
    known = country_names(load_reference(reference_path or None))
    unknown = sorted(set(codes) - set(known))
    if unknown:
        raise ValueError(f"--countries: unknown code(s) {', '.join(unknown)}; the reference file knows {', '.join(sorted(known))}")


# ---------------------------------------------------------------------------
# HTML views


def _page(title: str, provenance, body: str) -> str:
    from .report import page_html

    return page_html(title, body, provenance)


def _chart(name: str, out: Path, alt: str) -> str:
    import html as _html

    if not (out / f"{name}.png").is_file():
        return ""
    return (f'<figure style="margin:10px 0;"><img src="../{name}.png" alt="{_html.escape(alt, quote=True)}" '
            f'style="max-width:100%;height:auto;"><figcaption style="font-size:0.85em;color:#555555;">{_html.escape(alt)} '
            f'(<a href="../{name}.png">PNG</a> · <a href="../{name}.svg">SVG</a>)</figcaption></figure>\n')


def _shown_docs(doc_ids: list[str], first: list[str], limit: int) -> list[str]:
    order = list(dict.fromkeys([d for d in first if d in set(doc_ids)] + sorted(doc_ids)))
    return order[:limit]


def facts_view(src: Source, provenance, max_articles: int = MAX_ARTICLES) -> str:
    """reports/facts.html: counts by measure and country, the facts table, articles coloured by measure."""
    from .report import annotate_facts_html, measure_colours, table_html

    f = src.facts
    parts = [f"<p>{len(f):,} facts in {f['doc_id'].nunique() if len(f) else 0:,} of {len(src.docs):,} articles.</p>"]
    if len(f):
        by = (f.assign(measure=f["measure"].fillna("(no measure)"), country_iso3=f["country_iso3"].fillna("(none)"))
              .groupby(["measure", "country_iso3"]).size().rename("facts").reset_index())
        parts.append(table_html(by, caption="Facts by measure and country"))
        cols = ["fact_id", "value", "qualifier", "measure_ar", "measure", "subject_ar", "subject_en", "role", "period_iso",
                "parent_fact_id"]
        parts.append(table_html(f, cols, max_rows=500, full_table="facts.csv", caption="Facts"))
    texts = dict(zip(src.docs["doc_id"], src.docs["text"]))
    colours = measure_colours(f["measure"]) if len(f) else {}
    with_facts = sorted(set(f["doc_id"])) if len(f) else []
    shown = _shown_docs(with_facts, [], max_articles)
    if len(with_facts) > len(shown):
        parts.append(f"<p>The first {len(shown):,} of {len(with_facts):,} articles with facts, coloured by measure:</p>")
    for d in shown:
        of_doc = f[f["doc_id"] == d]
        country = of_doc["country_iso3"].dropna()
        title = f"{d} ({country.iloc[0] if len(country) else 'no country'}, {len(of_doc)} facts)"
        parts.append(annotate_facts_html(texts.get(d, ""), of_doc, title=title, colours=colours))
    return _page("Facts", provenance, "\n".join(parts))


def audit_view(src: Source, checks: pd.DataFrame, claims: pd.DataFrame, out: Path, provenance,
               max_articles: int = MAX_ARTICLES) -> str:
    """reports/audit.html: verdicts, the checks to read first, each article's claims in their sentences and its statcheck table."""
    from .audit_report import claims_table_html, verdict_table_html
    from .report import table_html

    parts = [f"<p>{len(checks):,} checks.</p>"]
    if len(checks):
        counts = checks.groupby(["rule", "verdict"]).size().unstack(fill_value=0).reset_index()
        parts.append(table_html(counts, caption="Checks by rule and verdict"))
        flagged = checks[checks["verdict"] != "consistent"]
        if len(flagged):
            parts.append(table_html(flagged, ["check_id", "rule", "verdict", "explanation_en"], max_rows=200,
                                    full_table="audit.csv", caption="Every check that is not plainly consistent"))
        parts.append(_chart("audit_verdicts", out, "Chart: audit verdicts per article"))
        doc_ids = sorted({d for ids in checks["doc_ids"] for d in str(ids).split(";") if d})
        first = [d for ids in flagged["doc_ids"] for d in str(ids).split(";") if d]
        shown = _shown_docs(doc_ids, first, max_articles)
        if len(doc_ids) > len(shown):
            parts.append(f"<p>{len(shown):,} of {len(doc_ids):,} articles below (those with a check not consistent first); "
                         f"every check is in audit.csv.</p>")
        for d in shown:
            if len(claims):
                parts.append(claims_table_html(claims, checks, src.facts, doc_id=d))
            parts.append(verdict_table_html(checks, src.facts, doc_id=d, docs=src.docs))
    return _page("Audit", provenance, "\n".join(parts))


def comparison_view(table: pd.DataFrame, reference: pd.DataFrame, out: Path, provenance) -> str:
    """reports/comparison.html: the comparison table with each caveat under its row, the ranking, the charts."""
    from .compare import DISPLAY_COLUMNS, ranking_table
    from .report import table_html

    parts = []
    if len(table):
        shown = [c for c in DISPLAY_COLUMNS if c != "caveat_en" and c in table.columns]
        parts.append(table_html(table, shown, note="caveat_en" if "caveat_en" in table.columns else None,
                                full_table="comparison.csv", caption="The comparison table"))
        ranking = ranking_table(table, reference)
        if len(ranking):
            parts.append(table_html(ranking, ["compare_set", "rank", "rank_range", "country_label", "compared_display",
                                              "scope", "period_iso", "n_figures"], caption="Ranking per family"))
    else:
        parts.append("<p>No figure of this corpus measures digital adoption.</p>")
    for name, alt in (("adoption_families", "Chart: figures per resident, by family of comparable figures"),
                      ("adoption_growth", "Chart: figures stated for several periods"),
                      ("adoption_vs_egdi", "Chart: each country's compared figure against EGDI"),
                      ("adoption_vs_gtmi", "Chart: each country's compared figure against GTMI")):
        parts.append(_chart(name, out, alt))
    return _page("Comparison", provenance, "\n".join(parts))


def write_report(src: Source, out: str | Path, settings: dict[str, Any] | None = None, reference_path: str | None = None,
                 countries: str = "", max_articles: int = MAX_ARTICLES, run_date: str = "") -> dict[str, Any]:
    """Every stage over a source into one folder: tables, charts, HTML views, run.json and index.html.

    Args:
        src: load_source's result.
        out: the folder (checked with check_out first).
        settings: audit tolerances (rounding_coarser_steps, per_capita_month_max).
        reference_path, countries: as for the comparison.
        max_articles: articles drawn in full in the facts and audit views.
        run_date: ISO 8601 start of the run (default now).

    Returns:
        Counts (documents, facts, checks by verdict, countries compared) and the index path.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .audit_report import plot_verdicts, verdict_counts
    from .audit_store import write_audits
    from .compare import plot_adoption_vs_index, plot_families, plot_growth, save_figure, write_adoption
    from .index import write_index
    from .provenance import run_provenance
    from .store import _replace, write_facts, write_mentions

    out_p = Path(out).expanduser().resolve()
    out_p.mkdir(parents=True, exist_ok=True)
    params = {**(settings or {}), "reference_path": reference_path or "", "countries": countries}
    countries_of = src.docs["country_iso3"].dropna() if "country_iso3" in src.docs.columns else pd.Series(dtype=str)
    prov = run_provenance(src.path, params, run_date, "arqam report", articles=len(src.docs),
                          countries=sorted(set(countries_of)), unknown_country=int(len(src.docs) - len(countries_of)))
    recorded = {"source": str(src.path), **params}
    if len(src.mentions):
        write_mentions(src.mentions, src.docs, out_p, recorded)
    write_facts(src.facts, src.docs, out_p, recorded)
    checks, claims = run_audit(src.facts, src.docs, settings)
    write_audits(checks, out_p, recorded, docs=src.docs, claims=claims)
    if len(checks):
        counts = verdict_counts(checks)
        fig, ax = plt.subplots(figsize=(9, 0.35 * min(len(counts), 60) + 1.5))
        plot_verdicts(counts.iloc[:60], ax=ax)
        save_figure(fig, out_p, "audit_verdicts")
        plt.close(fig)
    ind, table, reference = run_compare(src.facts, reference_path, countries)
    write_adoption(ind, out_p, reference, docs=src.docs, params=recorded)
    if len(table):
        figures = {"adoption_families": plot_families(table, reference), "adoption_growth": plot_growth(table, reference),
                   "adoption_vs_egdi": plot_adoption_vs_index(table, index="egdi", reference=reference),
                   "adoption_vs_gtmi": plot_adoption_vs_index(table, index="gtmi", reference=reference)}
        for name, fig in figures.items():
            if fig is not None:
                save_figure(fig, out_p, name)
                plt.close(fig)
    views = {"facts": facts_view(src, prov, max_articles), "audit": audit_view(src, checks, claims, out_p, prov, max_articles),
             "comparison": comparison_view(table, reference, out_p, prov)}
    (out_p / "reports").mkdir(exist_ok=True)
    for name, text in views.items():
        _replace(out_p / "reports" / f"{name}.html", lambda p, t=text: p.write_text(t, encoding="utf-8"))
    prov.write(out_p)
    index = write_index(out_p, prov)
    verdicts = checks["verdict"].value_counts().to_dict() if len(checks) else {}
    compared = sorted(set(table["country_iso3"].dropna())) if len(table) else []
    return {"documents": len(src.docs), "errors": len(src.errors), "facts": len(src.facts), "checks": len(checks),
            "verdicts": verdicts, "countries": compared, "index": index}
