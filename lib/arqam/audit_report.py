"""Readable views of the audit: statcheck-style tables per article and a verdict chart.

verdict_table_html lays out each check of an article as one row (rule, the quoted
sentences it rests on, computed against stated, verdict, explanations) coloured by its
verdict; claims_table_html shows each claim in its sentence, its operands highlighted,
with the arithmetic and the verdict of its check; verdict_counts and plot_verdicts
summarise the verdicts per article.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from .audit import VERDICT_AR, VERDICTS

# One colour per verdict, shared by the table rows and the chart (light enough for text).
VERDICT_COLOURS = {
    "consistent": "#b8e0b0",
    "rounding": "#f7e08a",
    "inconsistent": "#f4a6a6",
    "unverifiable": "#d6d6d6",
}
_UNKNOWN_COLOUR = "#ffffff"  # a verdict the audit does not define (never expected)
_TABLE_STYLE = "border-collapse:collapse;width:100%;font-size:0.9em;"
# Column widths of the statcheck table (fixed layout): the quotes get the room, so a row is
# a few lines high and the table fits a laptop screen whatever the explanations hold.
_WIDTHS = ("9%", "6%", "35%", "8%", "8%", "8%", "14%", "12%")
_FIGURE_STYLE = "background:#fff3b0;border-bottom:2px solid #b08800;padding:0 2px;font-weight:bold;"
_CELL_STYLE = "border:1px solid #999999;padding:4px 6px;vertical-align:top;"
_RTL_STYLE = "text-align:right;line-height:1.8;"
_SMALL_STYLE = "font-size:0.8em;color:#444444;"
_HEADERS = ("check", "rule", "quoted sentences", "computed", "stated", "verdict", "explanation", "الشرح")


def _esc(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _blank(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) or (isinstance(x, str) and not x.strip())


def _num(x: Any) -> str:
    """A figure for a table cell: thousands separators, two decimals when not whole."""
    if _blank(x):
        return ""
    x = float(x)
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if abs(x - round(x)) < 1e-6:
        return f"{x:,.0f}"
    return f"{x:,.2f}" if abs(x) >= 1 else f"{x:.3g}"


def _interval(low: Any, high: Any, point: Any) -> str:
    """The interval under a figure, or '' when there is none or it is the point itself."""
    if _blank(low) or _blank(high):
        return ""
    if not _blank(point) and float(low) == float(point) == float(high):
        return ""
    close = ")" if math.isinf(float(high)) else "]"
    return f"[{_num(low)}, {_num(high)}{close}"


def _split(ids: Any) -> list[str]:
    return [] if _blank(ids) else [s for s in str(ids).split(";") if s]


def _figure_cell(point: Any, low: Any, high: Any) -> str:
    inner = _esc(_num(point))
    iv = _interval(low, high, point)
    if iv:
        inner += f'<br><span style="{_SMALL_STYLE}">{_esc(iv)}</span>'
    return f'<td style="{_CELL_STYLE}text-align:right;white-space:nowrap;">{inner}</td>'


def _figure_in_quote(quote: str, fid: str, figures: dict[str, tuple[str, int, int]]) -> tuple[int, int] | None:
    """Where fact fid's figure sits in its quote: (start, end) in the quote, or None."""
    if fid not in figures:
        return None
    text, s, e = figures[fid]
    core = quote.strip("\u2026")  # a quote cut at write time carries … at each cut end
    at = text.find(core, max(0, s - len(core)), e + len(core)) if core else -1
    if at >= 0 and at <= s and e <= at + len(core):
        shift = len(quote) - len(quote.lstrip("\u2026"))
        return s - at + shift, e - at + shift
    figure = text[s:e]
    at = quote.find(figure) if figure else -1
    return (at, at + len(figure)) if at >= 0 else None


def _marked(quote: str, spans: list[tuple[int, int]]) -> str:
    """The quote, escaped, with each figure span in a <mark> (overlaps and repeats dropped)."""
    out, pos = [], 0
    for a, b in sorted(set(spans)):
        if a < pos:
            continue
        out.append(_esc(quote[pos:a]))
        out.append(f'<mark class="arqam-figure" style="{_FIGURE_STYLE}">{_esc(quote[a:b])}</mark>')
        pos = b
    out.append(_esc(quote[pos:]))
    return "".join(out)


def _quotes_cell(fact_ids: list[str], quotes: dict[str, str], docs_of: dict[str, str], many_docs: bool,
                 figures: dict[str, tuple[str, int, int]]) -> str:
    seen: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for fid in fact_ids:
        quote = quotes.get(fid)
        if quote is None:
            item = ("", f"({fid}: not in the facts table)")
        else:
            item = (docs_of.get(fid, "") if many_docs else "", quote)
        spans = seen.setdefault(item, [])
        where = None if quote is None else _figure_in_quote(quote, fid, figures)
        if where is not None:
            spans.append(where)
    parts = []
    for (doc, quote), spans in seen.items():
        label = f'<span dir="ltr" style="{_SMALL_STYLE}">{_esc(doc)}</span> ' if doc else ""
        parts.append(f'<p style="margin:0 0 4px 0;">{label}«{_marked(quote, spans)}»</p>')
    return f'<td dir="rtl" lang="ar" style="{_CELL_STYLE}{_RTL_STYLE}">{"".join(parts)}</td>'


def _legend() -> str:
    keys = " ".join(
        f'<span style="background:{c};padding:1px 6px;border:1px solid #999999;">{_esc(v)} · {_esc(VERDICT_AR[v])}</span>'
        for v, c in VERDICT_COLOURS.items()
    )
    return f'<div class="arqam-verdict-legend" style="margin:4px 0 8px 0;font-size:0.85em;">{keys}</div>\n'


def _doc_table(doc_id: str, rows: list[dict], quotes: dict[str, str], docs_of: dict[str, str],
               figures: dict[str, tuple[str, int, int]]) -> str:
    head = "".join(f'<th style="{_CELL_STYLE}background:#eeeeee;">{_esc(h)}</th>' for h in _HEADERS)
    cols = "".join(f'<col style="width:{w};">' for w in _WIDTHS)
    out = [
        f'<h3 dir="ltr" style="margin:12px 0 4px 0;">{_esc(doc_id)} ({len(rows)} check{"" if len(rows) == 1 else "s"})</h3>\n',
        f'<table class="arqam-audit" data-doc-id="{_esc(doc_id)}" style="{_TABLE_STYLE}table-layout:fixed;">\n'
        f'<colgroup>{cols}</colgroup>\n<thead><tr>{head}</tr></thead>\n<tbody>\n',
    ]
    if not rows:
        out.append(f'<tr><td colspan="{len(_HEADERS)}" style="{_CELL_STYLE}">no checks for this article</td></tr>\n')
    for r in rows:
        verdict = str(r["verdict"])
        colour = VERDICT_COLOURS.get(verdict, _UNKNOWN_COLOUR)
        fact_ids = _split(r["fact_ids"])
        many_docs = len(_split(r["doc_ids"])) > 1
        cells = [
            f'<td dir="ltr" style="{_CELL_STYLE}{_SMALL_STYLE}overflow-wrap:anywhere;">{_esc(r["check_id"])}</td>',
            f'<td style="{_CELL_STYLE}overflow-wrap:anywhere;">{_esc(r["rule"])}</td>',
            _quotes_cell(fact_ids, quotes, docs_of, many_docs, figures),
            _figure_cell(r.get("computed"), r.get("computed_low"), r.get("computed_high")),
            _figure_cell(r.get("stated"), r.get("stated_low"), r.get("stated_high")),
            f'<td style="{_CELL_STYLE}"><b>{_esc(verdict)}</b><br>'
            f'<span dir="rtl" lang="ar">{_esc(VERDICT_AR.get(verdict, ""))}</span></td>',
            f'<td style="{_CELL_STYLE}">{_esc("" if _blank(r.get("explanation_en")) else r["explanation_en"])}</td>',
            f'<td dir="rtl" lang="ar" style="{_CELL_STYLE}{_RTL_STYLE}">'
            f'{_esc("" if _blank(r.get("explanation_ar")) else r["explanation_ar"])}</td>',
        ]
        out.append(
            f'<tr class="arqam-{_esc(verdict)}" data-check-id="{_esc(r["check_id"])}" data-verdict="{_esc(verdict)}"'
            f' style="background:{colour};">{"".join(cells)}</tr>\n'
        )
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _docs_of_checks(checks: pd.DataFrame) -> list[str]:
    return sorted({d for ids in checks["doc_ids"] for d in _split(ids)})


def verdict_table_html(checks: pd.DataFrame, facts: pd.DataFrame, doc_id: str | None = None,
                       docs: pd.DataFrame | None = None) -> str:
    """Render the audit as statcheck-style HTML tables, one per article.

    Each check is a row coloured by its verdict (green consistent, yellow rounding, red
    inconsistent, grey unverifiable; a legend says which): its id and rule, the
    sentences (facts' quote_ar, each once, right to left) of the facts it used, with
    those facts' figures marked when the articles are given, the computed and stated figures with their intervals, the verdict in English and
    Arabic, and the explanations. Everything taken from the articles or the audit is
    escaped, so markup in an article shows as text. A check spanning two articles
    appears in each article's table, its sentences labelled with their doc_id.

    Args:
        checks: the audit table (arqam.audit.audit).
        facts: the facts table the audit ran on (needs fact_id and quote_ar; doc_id
            labels sentences of cross-article checks).
        doc_id: only this article's table; by default every article with a check,
            in doc_id order.
        docs: the articles (doc_id, text; e.g. load_corpus): when given, the figures each
            check rests on are marked in its sentences (facts need char_start, char_end).

    Returns:
        An HTML fragment: a ``<div class="arqam-audit-report">`` holding the legend,
        then per article an ``<h3>`` and a ``<table class="arqam-audit">`` whose rows
        carry data-check-id and data-verdict; a marked figure is a
        ``<mark class="arqam-figure">``. The table has fixed column widths, the quotes
        taking a third, so it fits the page's width.

    Raises:
        ValueError: checks or facts lack a needed column.
    """
    needed = ("check_id", "rule", "doc_ids", "fact_ids", "verdict")
    missing = [c for c in needed if c not in checks.columns] + [c for c in ("fact_id", "quote_ar") if c not in facts.columns]
    if missing:
        raise ValueError(f"verdict_table_html: missing column(s) {missing}")
    quotes = {str(f): ("" if _blank(q) else str(q)) for f, q in zip(facts["fact_id"], facts["quote_ar"])}
    docs_of = {str(f): str(d) for f, d in zip(facts["fact_id"], facts["doc_id"])} if "doc_id" in facts.columns else {}
    figures: dict[str, tuple[str, int, int]] = {}
    if docs is not None and {"doc_id", "text"} <= set(docs.columns) and {"char_start", "char_end", "doc_id"} <= set(facts.columns):
        texts = dict(zip(docs["doc_id"], docs["text"]))
        figures = {str(f): (texts[d], int(a), int(b)) for f, d, a, b in
                   zip(facts["fact_id"], facts["doc_id"], facts["char_start"], facts["char_end"]) if isinstance(texts.get(d), str)}
    records = checks.to_dict("records")
    doc_ids = [doc_id] if doc_id is not None else _docs_of_checks(checks)
    parts = ['<div class="arqam-audit-report">\n', _legend()]
    for d in doc_ids:
        rows = [r for r in records if d in _split(r["doc_ids"])]
        parts.append(_doc_table(d, rows, quotes, docs_of, figures))
    parts.append("</div>")
    return "".join(parts)


def verdict_counts(checks: pd.DataFrame) -> pd.DataFrame:
    """Count the checks of each article by verdict.

    A check spanning several articles (cross_document) counts once for each of them.

    Args:
        checks: the audit table (needs doc_ids and verdict).

    Returns:
        A frame indexed by doc_id (sorted), with one int64 column per verdict, always
        all four, in the order consistent, rounding, inconsistent, unverifiable.

    Raises:
        ValueError: a verdict the audit does not define, or a missing column.
    """
    missing = [c for c in ("doc_ids", "verdict") if c not in checks.columns]
    if missing:
        raise ValueError(f"verdict_counts: missing column(s) {missing}")
    unknown = sorted(set(checks["verdict"]) - set(VERDICTS))
    if unknown:
        raise ValueError(f"verdict_counts: unknown verdict(s) {unknown}")
    pairs = [(d, v) for ids, v in zip(checks["doc_ids"], checks["verdict"]) for d in _split(ids)]
    long = pd.DataFrame(pairs, columns=["doc_id", "verdict"])
    counts = (
        pd.crosstab(long["doc_id"], long["verdict"])
        .reindex(index=sorted(set(long["doc_id"])), columns=list(VERDICTS), fill_value=0)
        .astype("int64")
    )
    counts.index.name, counts.columns.name = "doc_id", "verdict"
    return counts


def plot_verdicts(counts: pd.DataFrame, ax=None, labels: Iterable[str] | None = None):
    """Draw the verdicts of each article as one stacked horizontal bar.

    Args:
        counts: verdict_counts(checks): one row per article, one column per verdict.
        ax: matplotlib Axes to draw on; a new figure's by default.
        labels: bar labels, one per row (default: the index, i.e. doc_ids). Arabic is
            passed as plain strings: matplotlib >= 3.11 shapes it.

    Returns:
        The Axes, with the first article at the top, segments in the verdict colours of
        the tables and a legend naming each verdict in English and Arabic.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.5 * max(len(counts), 1) + 1.5))
    names = [str(x) for x in (counts.index if labels is None else labels)]
    if len(names) != len(counts):
        raise ValueError(f"plot_verdicts: {len(names)} labels for {len(counts)} articles")
    y = list(range(len(counts)))
    left = [0] * len(counts)
    for verdict in VERDICTS:
        widths = [int(x) for x in counts[verdict]] if verdict in counts.columns else [0] * len(counts)
        ax.barh(
            y, widths, left=left, color=VERDICT_COLOURS[verdict], edgecolor="#555555", linewidth=0.5,
            label=f"{verdict} · {VERDICT_AR[verdict]}",
        )
        left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlabel("checks")
    ax.set_title("Audit verdicts per article")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=True)
    return ax


# ---------------------------------------------------------------------------
# Claims in their sentences

_ROLE_LABELS = {
    "total": "الإجمالي", "part": "جزء", "whole": "الكل", "stated": "المعلن", "new": "القيمة الجديدة", "old": "القيمة السابقة",
    "change": "الزيادة المعلنة", "factor": "المضاعف", "rate": "المعدل", "largest": "الأكبر", "greater": "الأكبر", "lesser": "الأصغر",
    "figure": "الرقم", "first": "الرقم الأول", "second": "الرقم الثاني",
}
_CLAIM_HEADERS = ("claim", "kind · link", "the claim in its sentence", "arithmetic", "verdict")
# Fixed widths: the sentence gets the room (a fifth of the table made each row dozens of lines high).
_CLAIM_WIDTHS = ("13%", "9%", "46%", "22%", "10%")
_MARK_STYLE = "background:#fff3b0;border-bottom:2px solid #b08800;padding:0 2px;"
_CUE_STYLE = "font-weight:bold;text-decoration:underline;"


def _highlighted(quote: str, quote_start: int, spans: list[tuple[int, int, str]], cue: str) -> str:
    """The quote, escaped, with each operand's span marked (its role in a title) and the cue words underlined."""
    marks = []
    for s, e, role in spans:
        a, b = s - quote_start, e - quote_start
        if quote_start >= 0 and 0 <= a < b <= len(quote):
            marks.append((a, b, "mark", role))
    if cue:
        at = quote.find(cue)
        if at >= 0 and not any(a < at + len(cue) and at < b for a, b, _, _ in marks):
            marks.append((at, at + len(cue), "cue", ""))
    marks.sort()
    out, pos = [], 0
    for a, b, what, role in marks:
        if a < pos:
            continue
        out.append(_esc(quote[pos:a]))
        text = _esc(quote[a:b])
        if what == "mark":
            label = _ROLE_LABELS.get(role, role)
            out.append(f'<mark data-role="{_esc(role)}" title="{_esc(role)} · {_esc(label)}" style="{_MARK_STYLE}">{text}'
                       f'<sub style="font-size:0.7em;">{_esc(label)}</sub></mark>')
        else:
            out.append(f'<span class="arqam-cue" style="{_CUE_STYLE}">{text}</span>')
        pos = b
    out.append(_esc(quote[pos:]))
    return "".join(out)


def claims_table_html(claims: pd.DataFrame, checks: pd.DataFrame, facts: pd.DataFrame, doc_id: str | None = None) -> str:
    """Render the claims of each article: the claim's sentence with its operands highlighted, the arithmetic, the verdict.

    Args:
        claims: the claims table (arqam.claims.extract_claims).
        checks: the audit of those claims (arqam.audit.audit), joined by claim_id.
        facts: the facts table (fact_id, char_start, char_end; quote_ar for claims across articles).
        doc_id: only this article's claims; by default every article with a claim, in doc_id order.

    Returns:
        An HTML fragment: a ``<div class="arqam-claims-report">`` with the verdict legend,
        then per article an ``<h3>`` and a ``<table class="arqam-claims">`` whose rows carry
        data-claim-id and data-verdict; operands are ``<mark data-role=…>``, the cue words
        a ``<span class="arqam-cue">``. Every text is escaped.

    Raises:
        ValueError: a table lacks a needed column.
    """
    need = {"claims": (claims, ("claim_id", "doc_ids", "kind", "link", "fact_ids", "roles", "quote_ar", "quote_start", "cue_ar")),
            "checks": (checks, ("claim_id", "verdict", "explanation_en")), "facts": (facts, ("fact_id", "char_start", "char_end"))}
    missing = [f"{n}.{c}" for n, (frame, cols) in need.items() for c in cols if c not in frame.columns]
    if missing:
        raise ValueError(f"claims_table_html: missing column(s) {missing}")
    spans = {str(f): (int(a), int(b)) for f, a, b in zip(facts["fact_id"], facts["char_start"], facts["char_end"])}
    quotes = {str(f): ("" if _blank(q) else str(q)) for f, q in zip(facts["fact_id"], facts["quote_ar"])} if "quote_ar" in facts.columns else {}
    check_of = {str(r["claim_id"]): r for r in checks.to_dict("records") if not _blank(r.get("claim_id"))}
    records = claims.to_dict("records")
    docs = [doc_id] if doc_id is not None else sorted({d for r in records for d in _split(r["doc_ids"])})
    head = "".join(f'<th style="{_CELL_STYLE}background:#eeeeee;">{_esc(h)}</th>' for h in _CLAIM_HEADERS)
    cols = "".join(f'<col style="width:{w};">' for w in _CLAIM_WIDTHS)
    parts = ['<div class="arqam-claims-report">\n', _legend()]
    for d in docs:
        rows = [r for r in records if d in _split(r["doc_ids"])]
        parts.append(f'<h3 dir="ltr" style="margin:12px 0 4px 0;">{_esc(d)} ({len(rows)} claim{"" if len(rows) == 1 else "s"})</h3>\n')
        parts.append(f'<table class="arqam-claims" data-doc-id="{_esc(d)}" style="{_TABLE_STYLE}table-layout:fixed;">\n'
                     f'<colgroup>{cols}</colgroup>\n<thead><tr>{head}</tr></thead>\n<tbody>\n')
        if not rows:
            parts.append(f'<tr><td colspan="{len(_CLAIM_HEADERS)}" style="{_CELL_STYLE}">no claims in this article</td></tr>\n')
        for r in rows:
            check = check_of.get(str(r["claim_id"]), {})
            verdict = str(check.get("verdict", ""))
            colour = VERDICT_COLOURS.get(verdict, _UNKNOWN_COLOUR)
            ids, roles = _split(r["fact_ids"]), _split(r["roles"])
            if int(r["quote_start"]) >= 0:
                sentence = _highlighted(str(r["quote_ar"]), int(r["quote_start"]),
                                        [(*spans[i], role) for i, role in zip(ids, roles) if i in spans], "" if _blank(r["cue_ar"]) else str(r["cue_ar"]))
            else:  # across articles: each figure's own sentence
                sentence = "<br>".join(f'«{_esc(quotes.get(i, i))}»' for i in ids)
            reason = "" if _blank(r.get("reason")) else f'<br><span style="{_SMALL_STYLE}">{_esc(r["reason"])}</span>'
            cells = [
                f'<td dir="ltr" style="{_CELL_STYLE}{_SMALL_STYLE}overflow-wrap:anywhere;">{_esc(r["claim_id"])}</td>',
                f'<td style="{_CELL_STYLE}overflow-wrap:anywhere;">{_esc(r["kind"])}<br><span style="{_SMALL_STYLE}">{_esc(r["link"])}</span></td>',
                f'<td dir="rtl" lang="ar" style="{_CELL_STYLE}{_RTL_STYLE}">{sentence}</td>',
                f'<td style="{_CELL_STYLE}">{_esc("" if _blank(check.get("explanation_en")) else check["explanation_en"])}{reason}</td>',
                f'<td style="{_CELL_STYLE}"><b>{_esc(verdict)}</b><br><span dir="rtl" lang="ar">{_esc(VERDICT_AR.get(verdict, ""))}</span></td>',
            ]
            parts.append(f'<tr class="arqam-{_esc(verdict)}" data-claim-id="{_esc(r["claim_id"])}" data-verdict="{_esc(verdict)}"'
                         f' style="background:{colour};">{"".join(cells)}</tr>\n')
        parts.append("</tbody>\n</table>\n")
    parts.append("</div>")
    return "".join(parts)
