"""Read every figure in Arabic text: spelled-out, digits, percents, money, hedges, years.

Passes, one module each, linear in the text length:
1. normalize the text once (arqam.normalize), keeping the map back to raw offsets;
2. tokens: one regex pass finds digit clusters and number words (a trie of the
   vocabulary in data/number_words.json with its clitics); digit clusters are read
   with their separators (thousands, decimals, the wire form 5ر2); adjacent tokens
   (blanks or a lone و between them) form chains;
3. grammar: a chain is read left to right (units, tens, hundreds, scale groups,
   fractions, ordinals); a token that cannot extend the current number starts the
   next one;
4. context: each number is classified from its neighbours (data/number_context.json):
   percent markers, currencies, hedges, signs, year and date cues, durations, shares;
5. money: a subunit amount joins the amount before it; mention: each figure gets
   its interval [low, high] from its hedge and written precision.
"""

from __future__ import annotations

from ..normalize import NormalizedText, normalize
from .context import apply_ranges, classify
from .grammar import read_chain
from .patterns import matchers
from .money import join_subunits
from .mention import KINDS, QUALIFIERS, NumberMention, as_number, interval
from .tokens import Special, chains

__all__ = ["KINDS", "QUALIFIERS", "NumberMention", "find_numbers", "parse_number"]


def _scan(raw: str, standalone: bool = False, nt: NormalizedText | None = None) -> list[NumberMention]:
    nt = normalize(raw) if nt is None else nt
    text = nt.text
    M = matchers()
    found: list[dict] = []
    for item in chains(nt, M):
        if isinstance(item, Special):
            found.append({"kind": item.kind, "value": item.value, "unit": 1, "start": item.start, "end": item.end, "qualifier": "exact", "code": None, "num": None})
            continue
        for n in read_chain(item):
            c = classify(n, nt, M, standalone)
            if c is None:
                continue
            kind, qualifier, s, e, code = c
            found.append({"kind": kind, "value": n.value, "unit": n.unit, "start": s, "end": e, "qualifier": qualifier, "code": code, "num": n})
    # a percent sign before a figure belongs to the figure before it when that one ends on it
    found.sort(key=lambda f: f["start"])
    clean = []
    for f in found:
        if clean and f["start"] < clean[-1]["end"]:
            if f["kind"] == "percent" and text[f["start"]] == "%":
                f["start"] += 1
                while f["start"] < len(text) and text[f["start"]] in " \u00a0":
                    f["start"] += 1
                f["kind"] = "number"
                if f["start"] >= f["end"]:
                    continue
            else:
                continue
        clean.append(f)
    clean = join_subunits(clean, text, M)
    apply_ranges([f for f in clean if f["num"] is not None], text, M)
    out = []
    for f in clean:
        rs, re_ = nt.span_to_raw(f["start"], f["end"])
        value = f["value"]
        if "range" in f:
            low, high = (float(x) for x in f["range"])
        else:
            low, high = interval(value, f["unit"], f["qualifier"], f["kind"])
        out.append(NumberMention(rs, re_, raw[rs:re_], as_number(value), f["kind"], f["qualifier"], low, high, f["code"]))
    return out


def find_numbers(text: str, *, normalized: NormalizedText | None = None) -> list[NumberMention]:
    """Find every numeric mention in Arabic (or mixed) text, in text order.

    Args:
        text: any string; offsets in the result index this exact string.
        normalized: `arqam.normalize.normalize(text)` when the caller already has
            it (the facts stage normalizes a document once); it is used instead of
            normalizing again. Its `raw` must be `text`.
    Returns:
        A list of NumberMention, sorted by start, non-overlapping.
    Raises:
        TypeError: when text is not a str, or normalized is not a NormalizedText.
        ValueError: when normalized is the normalization of another text.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_numbers expects a str, got {type(text).__name__}")
    if normalized is not None:
        if not isinstance(normalized, NormalizedText):
            raise TypeError(f"find_numbers: normalized must be a NormalizedText, got {type(normalized).__name__}")
        if normalized.raw is not text and normalized.raw != text:
            raise ValueError("find_numbers: normalized is not the normalization of this text")
    return _scan(text, nt=normalized)


def parse_number(phrase: str) -> int | float:
    """Read a phrase that is exactly one number ("واحدا وأربعين مليونا", "٢٫٩ مليون", "45%").

    Args:
        phrase: the phrase; surrounding blanks are ignored. A percent marker is
            allowed (the percent number is returned).
    Returns:
        The value: int when integral, else float.
    Raises:
        ValueError: when the phrase is empty, holds no number, more than one, a
            hedge, or text that is not part of the number.
        TypeError: when phrase is not a str.
    """
    if not isinstance(phrase, str):
        raise TypeError(f"parse_number expects a str, got {type(phrase).__name__}")
    stripped = phrase.strip()
    if not stripped:
        raise ValueError("parse_number: empty phrase")
    offset = len(phrase) - len(phrase.lstrip())
    found = _scan(phrase, standalone=True)
    if len(found) != 1:
        what = "no number" if not found else f"{len(found)} numbers ({', '.join(repr(m.text) for m in found)})"
        raise ValueError(f"parse_number: {phrase!r} holds {what}; use find_numbers for running text")
    m = found[0]
    if m.start != offset or m.end != offset + len(stripped):
        raise ValueError(f"parse_number: {phrase!r} is not one number: only {m.text!r} was read as a number")
    if m.qualifier != "exact":
        raise ValueError(f"parse_number: {phrase!r} is a hedged figure ({m.qualifier}); use find_numbers")
    if m.kind in ("date", "other") and not m.text.strip().lstrip("-").replace(".", "", 1).isdigit():
        raise ValueError(f"parse_number: {phrase!r} reads as a {m.kind}, not a number")
    return m.value
