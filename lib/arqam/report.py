"""Readable HTML views of articles with their number mentions highlighted."""

from __future__ import annotations

import html
import math
from dataclasses import fields
from collections.abc import Iterable, Mapping
from typing import Any

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
_DIV_STYLE = "font-size:1.05em;line-height:1.9;text-align:right;"
_MARK_STYLE = "background:{colour};padding:0 2px;border-radius:3px;"


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
    parts = [f'<div class="arqam-article" dir="rtl" lang="ar" style="{_DIV_STYLE}">\n']
    if title is not None:
        parts.append(f"<h3>{html.escape(str(title), quote=True)}</h3>\n")
    present = [k for k in KINDS if any(s["kind"] == k or (k == "other" and s["kind"] not in KINDS) for s in spans)]
    if present:
        keys = " ".join(
            f'<span style="{_MARK_STYLE.format(colour=KIND_COLOURS[k])}">{k}</span>' for k in present
        )
        parts.append(f'<div class="arqam-legend" dir="ltr" lang="en" style="font-size:0.85em;">{keys}</div>\n')
    parts.append('<div class="arqam-text">')
    pos = 0
    for s in spans:
        start, end = s["start"], s["end"]
        if not 0 <= start < end <= len(text):
            raise ValueError(f"mention span [{start}, {end}) is outside a text of {len(text)} characters")
        if start < pos:
            raise ValueError(f"mention span [{start}, {end}) overlaps the previous mention (ends at {pos})")
        kind = s["kind"] if s["kind"] in KINDS else "other"
        colour = KIND_COLOURS.get(kind, KIND_COLOURS["other"])
        parts.append(_text_html(text[pos:start]))
        parts.append(
            f'<mark class="arqam-{kind}" data-kind="{html.escape(s["kind"], quote=True)}"'
            f' data-start="{start}" data-end="{end}"'
            f' title="{html.escape(_hover(s), quote=True)}"'
            f' style="{_MARK_STYLE.format(colour=colour)}">'
            f"{_text_html(text[start:end])}</mark>"
        )
        pos = end
    parts.append(_text_html(text[pos:]))
    parts.append("</div>\n</div>")
    return "".join(parts)
