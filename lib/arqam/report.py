"""Readable HTML views of articles with their number mentions or facts highlighted.

annotate_html colours each number mention by its kind; annotate_facts_html colours
each fact by its measure and tells, on hover, what the reader tied the figure to
(subject, role, period, the total it is part of).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import fields
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from .numbers import KINDS, NumberMention

# One background colour per kind (light, so Arabic text stays readable).
KIND_COLOURS = {
    "number": "#ffe38a",
    "percent": "#b9e4c9",
    "money": "#a8d8f0",
    "year": "#d9c8f0",
    "date": "#f5c6d6",
    "ordinal": "#e6d5b8",
    "other": "#dddddd",
}
# Light backgrounds for measures, in the order measure_colours hands them out; past the
# last one, hues step round the colour wheel by the golden angle (distinct, still light).
MEASURE_PALETTE = (
    "#ffe38a", "#b9e4c9", "#a8d8f0", "#d9c8f0", "#f5c6d6", "#e6d5b8",
    "#c8e6a0", "#f7c99b", "#a9e0dc", "#e0b8e8", "#f0e0a0", "#c4d0f5",
)
NO_MEASURE = "(no measure)"  # legend label of facts whose measure the reader could not place
NO_MEASURE_COLOUR = "#dddddd"
_DIV_STYLE = "font-size:1.05em;line-height:1.9;text-align:right;"
_MARK_STYLE = "background:{colour};padding:0 2px;border-radius:3px;"
_FACT_MARK_STYLE = _MARK_STYLE + "border-bottom:2px solid {border};"


def _fmt(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    if isinstance(x, float) and math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, int) else f"{x:,.6g}"


def _spans(mentions: Any) -> list[dict]:
    """Mentions as dicts with start, end, value, kind, qualifier, low, high, unit."""
    if isinstance(mentions, pd.DataFrame):
        ren = {"char_start": "start", "char_end": "end", "value_low": "low", "value_high": "high"}
        records = mentions.rename(columns=ren).to_dict("records")
    else:
        records = [
            {f.name: getattr(m, f.name) for f in fields(m)} if isinstance(m, NumberMention) else dict(m)
            for m in mentions
        ]
    out = []
    for r in records:
        unit = r.get("unit")
        out.append(
            {
                "start": int(r["start"]),
                "end": int(r["end"]),
                "value": r.get("value"),
                "kind": str(r.get("kind", "other")),
                "qualifier": str(r.get("qualifier", "exact")),
                "low": r.get("low"),
                "high": r.get("high"),
                "unit": None if unit is None or (isinstance(unit, float) and math.isnan(unit)) else str(unit),
            }
        )
    return sorted(out, key=lambda s: (s["start"], s["end"]))


def _hover(s: dict) -> str:
    # NumberMention.to_dict() writes an unbounded bound as None: unbounded, not unknown.
    low = -math.inf if s["low"] is None else s["low"]
    high = math.inf if s["high"] is None else s["high"]
    parts = [
        f"value: {_fmt(s['value'])}",
        f"kind: {s['kind']}",
        f"qualifier: {s['qualifier']}",
        f"range: [{_fmt(low)}, {_fmt(high)}]",
    ]
    if s["unit"]:
        parts.append(f"unit: {s['unit']}")
    return " | ".join(parts)


def _text_html(text: str) -> str:
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>\n")


def _esc(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _blank(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) or (isinstance(x, str) and not x.strip())


def _article(
    text: str,
    spans: list[dict],
    title: str | None,
    legend: list[tuple[str, str]],
    mark: Callable[[dict, str], str],
) -> str:
    """The shared frame: escaped title, legend (label, colour), then the text with each span marked."""
    parts = [f'<div class="arqam-article" dir="rtl" lang="ar" style="{_DIV_STYLE}">\n']
    if title is not None:
        # dir="auto": a title starting with a doc_id reads left to right (the article's
        # rtl would scramble "000_4c5d… (SAU, 13 mentions)"); an Arabic headline stays rtl.
        parts.append(f'<h3 dir="auto" style="text-align:start;">{_esc(title)}</h3>\n')
    if legend:
        keys = " ".join(f'<span style="{_MARK_STYLE.format(colour=_esc(c))}">{_esc(k)}</span>' for k, c in legend)
        parts.append(f'<div class="arqam-legend" dir="ltr" lang="en" style="font-size:0.85em;">{keys}</div>\n')
    parts.append('<div class="arqam-text">')
    pos = 0
    for s in spans:
        start, end = s["start"], s["end"]
        if not 0 <= start < end <= len(text):
            raise ValueError(f"mention span [{start}, {end}) is outside a text of {len(text)} characters")
        if start < pos:
            raise ValueError(f"mention span [{start}, {end}) overlaps the previous mention (ends at {pos})")
        parts.append(_text_html(text[pos:start]))
        parts.append(mark(s, _text_html(text[start:end])))
        pos = end
    parts.append(_text_html(text[pos:]))
    parts.append("</div>\n</div>")
    return "".join(parts)


def annotate_html(
    text: str,
    mentions: Iterable[NumberMention] | Iterable[Mapping] | pd.DataFrame,
    title: str | None = None,
) -> str:
    """Render an article as right-to-left HTML with each number mention highlighted.

    Every piece of article text and every attribute value is escaped, so markup in an
    article shows as text. Each mention becomes a ``<mark>`` coloured by its kind, whose
    ``title`` (shown on hover) gives its value, kind, qualifier, range and unit.

    Args:
        text: the article, exactly as the mention offsets refer to it.
        mentions: NumberMention objects (find_numbers), dicts with the same keys, or rows
            of a mentions_frame (char_start, char_end, value_low, value_high, ...).
        title: optional heading shown above the article.

    Returns:
        An HTML fragment: ``<div dir="rtl" lang="ar">`` holding the escaped title, a
        legend of the kinds present, then the article in ``<div class="arqam-text">``,
        where newlines become ``<br>``.

    Raises:
        ValueError: a mention's span lies outside the text, is empty, or overlaps another.
    """
    spans = _spans(mentions)
    present = [k for k in KINDS if any(s["kind"] == k or (k == "other" and s["kind"] not in KINDS) for s in spans)]

    def mark(s: dict, inner: str) -> str:
        kind = s["kind"] if s["kind"] in KINDS else "other"
        colour = KIND_COLOURS.get(kind, KIND_COLOURS["other"])
        return (
            f'<mark class="arqam-{kind}" data-kind="{_esc(s["kind"])}"'
            f' data-start="{s["start"]}" data-end="{s["end"]}"'
            f' title="{_esc(_hover(s))}"'
            f' style="{_MARK_STYLE.format(colour=colour)}">'
            f"{inner}</mark>"
        )

    return _article(text, spans, title, [(k, KIND_COLOURS[k]) for k in present], mark)


# ---------------------------------------------------------------------------
# Facts coloured by measure


def measure_colours(measures: Iterable[Any]) -> dict[str, str]:
    """Give each measure key its own light background colour.

    Pass every measure of a corpus (e.g. ``facts["measure"]``) so that a measure has the
    same colour in every article of the run. Nulls are skipped (facts without a measure
    are drawn in NO_MEASURE_COLOUR).

    Args:
        measures: measure keys, repeats and nulls allowed.

    Returns:
        {measure: "#rrggbb" or "hsl(...)"}, keys in sorted order; the colours of
        MEASURE_PALETTE first, then golden-angle hues.
    """
    keys = sorted({str(m) for m in measures if not _blank(m)})
    out = {}
    for i, key in enumerate(keys):
        if i < len(MEASURE_PALETTE):
            out[key] = MEASURE_PALETTE[i]
        else:
            out[key] = f"hsl({(i * 137.508) % 360:.0f}, 70%, 84%)"
    return out


_FACT_FIELDS = (
    "fact_id", "value", "value_low", "value_high", "qualifier", "kind", "unit", "measure_ar", "measure",
    "measure_en", "subject_ar", "subject_en", "subject_id", "role", "period_ar", "period_iso", "parent_fact_id",
)


def _fact_spans(facts: Any) -> list[dict]:
    """Facts (frame rows or mappings) as dicts with start, end and the fields the view shows."""
    records = facts.to_dict("records") if isinstance(facts, pd.DataFrame) else [dict(f) for f in facts]
    out = []
    for r in records:
        span = {k: (None if _blank(r.get(k)) else r.get(k)) for k in _FACT_FIELDS}
        span["start"], span["end"] = int(r["char_start"]), int(r["char_end"])
        out.append(span)
    return sorted(out, key=lambda s: (s["start"], s["end"]))


def _fact_hover(s: dict, parents: Mapping[str, dict]) -> str:
    def both(ar: Any, en: Any) -> str:
        return " / ".join(str(x) for x in (ar, en) if x is not None) or "?"

    low = -math.inf if s["value_low"] is None else s["value_low"]
    high = math.inf if s["value_high"] is None else s["value_high"]
    value = f"{_fmt(s['value'])} ({s['qualifier'] or '?'}, range [{_fmt(low)}, {_fmt(high)}]"
    value += f", {s['unit']})" if s["unit"] else ")"
    measure = both(s["measure_ar"], s["measure_en"] or s["measure"])
    if s["measure"] is not None and s["measure"] != (s["measure_en"] or s["measure"]):
        measure += f" [{s['measure']}]"
    subject = both(s["subject_ar"], s["subject_en"])
    if s["subject_id"] is not None:
        subject += f" [{s['subject_id']}]"
    period = both(s["period_ar"], s["period_iso"])
    parent = s["parent_fact_id"] or "none"
    if s["parent_fact_id"] in parents:
        p = parents[s["parent_fact_id"]]
        parent += f" ({_fmt(p['value'])} {p['measure'] or p['measure_ar'] or '?'})"
    lines = [
        f"value: {value}",
        f"measure: {measure}",
        f"subject: {subject}",
        f"role: {s['role'] or '?'}",
        f"period: {period}",
        f"part of: {parent}",
        f"fact: {s['fact_id'] or '?'}",
    ]
    return "\n".join(lines)


def annotate_facts_html(
    text: str,
    facts_of_doc: pd.DataFrame | Iterable[Mapping],
    title: str | None = None,
    colours: Mapping[str, str] | None = None,
) -> str:
    """Render an article as right-to-left HTML with each fact highlighted by its measure.

    Every piece of article text and every attribute value is escaped, so markup in an
    article, or in a label, shows as text. Each fact becomes a ``<mark>`` coloured by its
    measure (facts without one in grey, listed as "(no measure)"); a part of another
    fact is underlined in its total's colour. Its ``title`` (shown on hover, one item
    per line) gives the value with its qualifier and range, the measure and the subject
    in Arabic and English, the role, the period, the total it is part of and its fact_id.
    A legend lists the measures present, with their English labels.

    Args:
        text: the article, exactly as the facts' char_start/char_end refer to it.
        facts_of_doc: this article's rows of a facts table (arqam.facts.facts_frame or
            extract_facts), or mappings with the same keys.
        title: optional heading shown above the article.
        colours: {measure: CSS colour}, e.g. measure_colours(all_facts["measure"]) so
            colours agree across articles; by default measure_colours of this article's
            facts.

    Returns:
        An HTML fragment: ``<div dir="rtl" lang="ar">`` holding the escaped title, the
        legend, then the article in ``<div class="arqam-text">`` (newlines as ``<br>``).
        Each mark has class ``arqam-fact`` and data-fact-id, data-measure, data-role,
        data-parent, data-start and data-end attributes.

    Raises:
        ValueError: a fact's span lies outside the text, is empty, or overlaps another.
    """
    spans = _fact_spans(facts_of_doc)
    palette = dict(colours) if colours is not None else measure_colours(s["measure"] for s in spans)
    by_id = {s["fact_id"]: s for s in spans if s["fact_id"] is not None}

    def colour_of(measure: Any) -> str:
        return NO_MEASURE_COLOUR if measure is None else palette.get(str(measure), NO_MEASURE_COLOUR)

    present = sorted({str(s["measure"]) for s in spans if s["measure"] is not None})
    labels = {str(s["measure"]): s["measure_en"] for s in spans if s["measure"] is not None}
    legend = [(k if labels.get(k) in (None, k) else f"{k} ({labels[k]})", colour_of(k)) for k in present]
    if any(s["measure"] is None for s in spans):
        legend.append((NO_MEASURE, NO_MEASURE_COLOUR))

    def mark(s: dict, inner: str) -> str:
        parent = by_id.get(s["parent_fact_id"])
        border = colour_of(parent["measure"]) if parent is not None else "transparent"
        if parent is not None:
            border = "#555555" if border == colour_of(s["measure"]) else border
        data = {
            "data-fact-id": s["fact_id"], "data-measure": s["measure"], "data-role": s["role"],
            "data-parent": s["parent_fact_id"],
        }
        attrs = "".join(f' {k}="{_esc(v)}"' for k, v in data.items() if v is not None)
        style = _FACT_MARK_STYLE.format(colour=_esc(colour_of(s["measure"])), border=_esc(border))
        return (
            f'<mark class="arqam-fact"{attrs} data-start="{s["start"]}" data-end="{s["end"]}"'
            f' title="{_esc(_fact_hover(s, by_id))}" style="{style}">{inner}</mark>'
        )

    return _article(text, spans, title, legend, mark)


# ---------------------------------------------------------------------------
# Compact tables that fit a laptop screen

_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ID_BREAKS = re.compile(r"([:._;/,|-])")  # an id may break after these
_VALUE_COLUMNS = ("value", "value_low", "value_high")
_NOWRAP_CHARS = 16  # a short text without spaces (a period, a code) is kept on one line
# Inline styles (a notebook's untrusted HTML keeps them), short: they repeat in every cell.
# overflow-wrap is inherited from the table; the cells only say what differs.
_TABLE_CSS = "border-collapse:collapse;table-layout:auto;width:100%;font-size:{size};margin:4px 0 10px 0;overflow-wrap:break-word;"
# A table of many columns is set smaller: each column's longest word sets its least width,
# and eighteen of them must still fit a 1400 px page.
_MANY_COLUMNS = 12
_FONT_SIZE, _FONT_SIZE_MANY = "0.82em", "0.74em"
_TH_CSS = "border-bottom:2px solid #888;padding:3px 4px;vertical-align:bottom;text-align:left;background:#f2f2f2;"
_TD_CSS = "border-bottom:1px solid #ddd;padding:3px 4px;vertical-align:top;"
_NOTE_CSS = "border-bottom:1px solid #bbb;padding:0 5px 5px 18px;font-size:0.9em;color:#444;text-align:left;"


def _is_id_column(name: str) -> bool:
    return name.endswith(("_id", "_ids")) or name in ("doc_ids", "fact_ids")


def _is_plain_int_column(name: str) -> bool:
    """Years and character offsets read as written: 2025, not 2,025; 1088, not 1,088."""
    return name.endswith(("year", "_start", "_end")) or name.startswith("char_")


def format_value(value: Any, kind: str | None = None) -> str:
    """A figure as a reader expects it: thousands separators for counts, none for years and codes.

    Args:
        value: a number (int, float, numpy scalar), or None/NaN.
        kind: the mention kind when known: ``year``, ``ordinal`` and ``other`` (times,
            phone numbers, codes) print as plain integers; ``date`` as ``YYYY-MM-DD``
            when the value holds a whole date (20251230), else as a plain integer; any
            other kind, or None, as a count or amount.

    Returns:
        The text: "" for a missing value, "∞"/"-∞" for an unbounded one, integers with
        thousands separators, other numbers with at most 4 significant decimals.
    """
    if _blank(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    whole = x.is_integer()
    if kind in ("year", "ordinal", "other") and whole:
        return str(int(x))
    if kind == "date" and whole:
        n = int(x)
        if 10000101 <= n <= 99991231:
            return f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}"
        return str(n)
    if whole:
        return f"{int(x):,}"
    if abs(x) >= 1000:
        return f"{x:,.1f}".rstrip("0").rstrip(".")
    magnitude = int(math.floor(math.log10(abs(x))))  # x is not 0 here: 0 is whole
    digits = max(1, 3 - magnitude) if magnitude >= 0 else 2 - magnitude  # 4 significant, 3 below 1
    return f"{x:,.{min(digits, 12)}f}".rstrip("0").rstrip(".")


def _wbr(text: str) -> str:
    """Escaped text with a line-break opportunity after each separator of an id."""
    return "".join(_esc(p) + ("<wbr>" if _ID_BREAKS.fullmatch(p) else "") for p in _ID_BREAKS.split(text) if p)


def _cell(value: Any, column: str, kind: str | None, max_chars: int | None) -> str:
    if _blank(value):
        return f'<td style="{_TD_CSS}"></td>'
    if _is_id_column(column):
        return (f'<td dir="ltr" style="{_TD_CSS}font-family:monospace;font-size:0.92em;text-align:left;">'
                f"{_wbr(str(value))}</td>")
    if isinstance(value, (bool, np.bool_)):
        return f'<td style="{_TD_CSS}text-align:center;">{"✓" if value else ""}</td>'
    if isinstance(value, (int, float, np.integer, np.floating)):
        if _is_plain_int_column(column) and float(value).is_integer():
            text = str(int(value))
        else:
            text = format_value(value, kind if column in _VALUE_COLUMNS else None)
        return f'<td style="{_TD_CSS}text-align:right;white-space:nowrap;">{_esc(text)}</td>'
    text = str(value)
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "\u2026"  # cut at the logical end: the reading end in rtl too
    text = text.replace(" %", "\u202f%")  # a percent sign stays with its number
    # 2025-01, --08 stay on one line; a span of two periods (2024-03/2024-04) may break after its "/"
    nowrap = "white-space:nowrap;" if len(text) <= _NOWRAP_CHARS and " " not in text and "/" not in text else ""
    if column.endswith("_ar") or _ARABIC_LETTER.search(text):
        # dir="rtl" puts the cut's "…" at the end of the Arabic reading, on the left
        return f'<td dir="rtl" lang="ar" style="{_TD_CSS}{nowrap}text-align:right;">{_esc(text)}</td>'
    return f'<td style="{_TD_CSS}{nowrap}text-align:left;">{_esc(text).replace("/", "/<wbr>").replace("(", "<wbr>(")}</td>'


def table_html(
    frame: pd.DataFrame,
    columns: Iterable[str] | None = None,
    *,
    note: str | None = None,
    labels: Mapping[str, str] | None = None,
    max_rows: int | None = None,
    max_chars: int | None = None,
    full_table: str | None = None,
    caption: str | None = None,
) -> str:
    """Render a table compactly: wrapping cells that fit a laptop screen, figures formatted.

    Counts get thousands separators; years, offsets and codes none (columns named ``*year``,
    ``char_*``, ``*_start``, ``*_end`` and, when the frame has a ``kind`` column, the
    ``value`` columns of years, dates, times and ordinals); missing values are blank; ids
    read left to right and break at their separators; Arabic text reads right to left (its
    cut, if any, ends with "…" on the reading end); booleans are ✓. A long explanation can go under its row (``note``)
    instead of widening the table. Everything is escaped.

    Args:
        frame: the rows to show, in order (the index is not shown).
        columns: the columns shown, in order (default: all but ``note``).
        note: a text column shown under each row, across the table (e.g. a caveat).
        labels: header text per column (default: the column name, breakable at "_").
        max_rows: show at most this many rows, saying how many more there are.
        max_chars: cut text cells longer than this.
        full_table: name of the file holding every row and column, shown under the table.
        caption: a line above the table.

    Returns:
        An HTML fragment: ``<table class="arqam-table">`` (wrapped in a div with the
        caption and the footnote when given).

    Raises:
        ValueError: a requested column is not in the frame.
    """
    shown = list(columns) if columns is not None else [c for c in frame.columns if c != note]
    missing = [c for c in shown + ([note] if note else []) if c not in frame.columns]
    if missing:
        raise ValueError(f"table_html: no column(s) {missing}")
    labels = dict(labels or {})
    kinds = frame["kind"].tolist() if "kind" in frame.columns else [None] * len(frame)
    rows = frame if max_rows is None else frame.iloc[:max_rows]
    head = "".join(f'<th style="{_TH_CSS}">{_wbr(labels.get(c, c))}</th>' for c in shown)
    out = ['<div class="arqam-table-wrap">\n']
    if caption:
        out.append(f'<p style="margin:6px 0 2px 0;font-weight:bold;">{_esc(caption)}</p>\n')
    size = _FONT_SIZE_MANY if len(shown) > _MANY_COLUMNS else _FONT_SIZE
    out.append(f'<table class="arqam-table" style="{_TABLE_CSS.format(size=size)}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n')
    records = rows[shown + ([note] if note and note not in shown else [])].to_dict("records")
    for i, r in enumerate(records):
        has_note = note is not None and not _blank(r.get(note))
        border = "" if not has_note else ' style="border-bottom:none;"'
        cells = "".join(_cell(r[c], c, kinds[i], max_chars) for c in shown)
        if has_note:
            cells = cells.replace("border-bottom:1px solid #ddd;", "border-bottom:none;")
        out.append(f"<tr{border}>{cells}</tr>\n")
        if has_note:
            text = str(r[note])
            rtl = ' dir="rtl" lang="ar"' if _ARABIC_LETTER.search(text[:40]) else ""
            out.append(f'<tr class="arqam-note"><td colspan="{len(shown)}"{rtl} style="{_NOTE_CSS}">{_esc(text)}</td></tr>\n')
    out.append("</tbody>\n</table>\n")
    more = len(frame) - len(rows)
    foot = []
    if more > 0:
        foot.append(f"{more:,} more row{'' if more == 1 else 's'} not shown")
    if full_table:
        foot.append(f"every row and column: {full_table}")
    if foot:
        out.append(f'<p style="margin:0 0 8px 0;font-size:0.85em;color:#555555;">{_esc("; ".join(foot))}</p>\n')
    out.append("</div>")
    return "".join(out)


_PAGE_CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans Arabic',sans-serif;font-size:15px;max-width:1360px;"
    "margin:0 auto;padding:12px 20px 40px 20px;color:#1a1a1a;line-height:1.45;overflow-wrap:break-word;}"
    "h1{font-size:1.5em;margin:8px 0 4px 0;}h3{margin:14px 0 4px 0;}img{max-width:100%;height:auto;}"
    "a{color:#1f5f8b;}"
)


def page_html(title: str, body: str, provenance=None) -> str:
    """A standalone HTML page (UTF-8, fits a 1400 px screen) around fragments of this module.

    Args:
        title: the page title and its heading (escaped); the corpus's name is added.
        body: HTML fragments (annotate_html, table_html, verdict_table_html …), already escaped.
        provenance: the run's arqam.provenance.Provenance, shown under the heading.

    Returns:
        The page's HTML text.
    """
    full = _esc(title + (f" — corpus {provenance.corpus_name}" if provenance is not None else ""))
    block = provenance.html() if provenance is not None else ""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{full}</title>\n'
            f"<style>{_PAGE_CSS}</style>\n</head>\n<body>\n<h1>{full}</h1>\n{block}\n{body}\n"
            f'<p style="color:#555555;font-size:0.85em;"><a href="../index.html">index of this run</a></p>\n</body>\n</html>\n')
