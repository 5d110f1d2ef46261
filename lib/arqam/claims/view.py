"""One article as the claim readers see it: its normalized text and its figures in order.

The readers look at the words between figures (the cues that make a claim), so they
need the article's text. When only a facts table is at hand, the text is rebuilt from
the sentences the facts quote (`quote_ar`), each put back at its place: the cues that
share a sentence with a figure are all there, and what lies between those sentences
(sentences without a figure) is blank.

Everything here works on NORMALIZED offsets (see arqam.normalize); figures keep their
raw offsets for the claims table.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lexicon as lx
from ..facts.document import NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WINDOW, Document
from ..facts.ranks import PLACES_MEASURE, RANK_KIND
from ..normalize import normalize_word
from ..numbers import find_numbers

DATA = Path(__file__).resolve().parent.parent / "data" / "claims_cues.json"
BL = r"[ \u00a0]"
SPAN = WINDOW  # the farthest a reader looks from one figure: keeps every reader linear in the text


@lru_cache(maxsize=1)
def cues() -> dict:
    """The claim cues of data/claims_cues.json, every phrase normalized."""
    with open(DATA, encoding="utf-8") as fh:
        data = json.load(fh)

    def norm(x):
        if isinstance(x, str):
            return " ".join(normalize_word(x).split())
        if isinstance(x, list):
            return [norm(v) for v in x]
        if isinstance(x, dict):
            return {k: norm(v) for k, v in x.items() if not k.startswith("_")}
        return x

    return norm({k: v for k, v in data.items() if not k.startswith("_")})


def words(phrases) -> str:
    """A regex alternation of cue phrases, words joined by blanks, longest first."""
    return lx.phrase_pattern(phrases, joiner=rf"{BL}+")


def cue_re(key: str, prefix: str = "", suffix: str = "") -> re.Pattern:
    """A compiled matcher of one cue list, whole words, with optional clitics before (و ف ب ل ك)."""
    return _compiled(key, prefix, suffix)


@lru_cache(maxsize=None)
def _compiled(key: str, prefix: str, suffix: str) -> re.Pattern:
    c = cues()
    phrases = c[key]
    if isinstance(phrases, dict):
        phrases = [p for v in phrases.values() for p in v]
    return re.compile(rf"{NOT_LETTER_BEHIND}{prefix}(?:[وف]?[بلك]?)?{words(phrases)}{suffix}{NOT_LETTER_AHEAD}")


@dataclass
class Fig:
    """A figure of the facts table, placed in the article's normalized text."""

    id: str
    doc: str
    i: int  # rank in the article, in text order
    s: int  # normalized span
    e: int
    rs: int  # raw span (char_start, char_end)
    re: int
    value: float
    low: float
    high: float
    qualifier: str
    kind: str  # number, percent, money, rank
    unit: str | None
    measure: str | None
    measure_ar: str | None
    subject_id: str | None
    subject_ar: str | None
    role: str
    parent: str | None
    largest: bool
    period_iso: str | None
    period_start: str | None
    period_end: str | None
    period_rel: str | None
    country: str | None
    rule: str
    quote: str
    unread: bool = False  # a figure the number reader split ("( 36) مليون" read as 36 and 1 000 000)

    @property
    def pct(self) -> bool:
        return self.kind == "percent"

    @property
    def count_like(self) -> bool:
        """A count or an amount (not a percent)."""
        return self.kind != "percent"

    @property
    def fractional_count(self) -> bool:
        """A count of discrete things read with a fraction (28.419 beneficiaries): probably a misread thousands separator."""
        return self.kind == "number" and abs(self.value - round(self.value)) > 1e-9 and self.value < 1000


def _clean(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def rebuild_text(rows: list[dict]) -> str:
    """The article's text as far as the facts quote it: each quoted sentence at its raw offset, blanks (newlines) elsewhere.

    Args:
        rows: the facts of one article (dicts with char_start, char_end, value, quote_ar).
    Returns:
        A string as long as the article up to its last quoted sentence; the facts'
        raw offsets index it.
    """
    placed: dict[str, list[int]] = {}
    pieces: list[tuple[int, str]] = []
    mentions: dict[str, list] = {}
    for r in rows:
        q = _clean(r.get("quote_ar"))
        if not q:
            continue
        c, e, v = int(r["char_start"]), int(r["char_end"]), float(r["value"])
        ms = mentions.get(q)
        if ms is None:
            ms = mentions[q] = find_numbers(q)
        cands = [c - m.start for m in ms if m.end - m.start == e - c and abs(float(m.value) - v) <= 1e-6 * max(1.0, abs(v))]
        if not cands:
            cands = [c - m.start for m in ms if m.end - m.start == e - c]
        cands = [o for o in cands if o >= 0]
        if not cands:
            continue
        known = placed.get(q, [])
        off = next((o for o in cands if o in known), cands[0])
        if off not in known:
            placed.setdefault(q, []).append(off)
            pieces.append((off, q))
    if not pieces:
        return ""
    n = max(o + len(q) for o, q in pieces)
    buf = ["\n"] * n
    for o, q in pieces:
        buf[o:o + len(q)] = q
    return "".join(buf)


_PAREN_NUMBER = re.compile(r"\d[\s\u00a0]*\)[\s\u00a0]*\Z")
_DIGIT = re.compile(r"\d")


def _mark_unread(raw: str, figs: list[Fig]) -> None:
    """A bare scale word right after a number in brackets ("( 36) مليون") was read apart from its number: neither is read."""
    for k, f in enumerate(figs):
        if _DIGIT.search(raw[f.rs:f.re]) or not _PAREN_NUMBER.search(raw, max(0, f.rs - 8), f.rs):
            continue
        f.unread = True
        if k > 0 and figs[k - 1].re >= f.rs - 8:
            figs[k - 1].unread = True


class View:
    """One article: normalized text, sentences, and its figures in text order."""

    def __init__(self, doc_id: str, rows: list[dict], text: str | None = None):
        self.doc_id = doc_id
        self.rebuilt = text is None
        raw = rebuild_text(rows) if text is None else text
        self.raw = raw
        self.doc = Document(raw, {})
        self.t = self.doc.text
        figs = []
        for r in sorted(rows, key=lambda r: (int(r["char_start"]), str(r["fact_id"]))):
            rs, re_ = int(r["char_start"]), int(r["char_end"])
            if re_ > len(raw):
                continue
            g = lambda k: _clean(r.get(k))  # noqa: E731
            value = float(r["value"])
            low, high = g("value_low"), g("value_high")
            s, e = self.doc.from_raw(rs), self.doc.from_raw(re_)
            figs.append(Fig(
                id=str(r["fact_id"]), doc=doc_id, i=len(figs), s=s, e=max(e, s + 1), rs=rs, re=re_, value=value,
                low=value if low is None else float(low), high=value if high is None else float(high),
                qualifier=g("qualifier") or "exact", kind=g("kind") or "number", unit=g("unit"), measure=g("measure"),
                measure_ar=g("measure_ar"), subject_id=g("subject_id"), subject_ar=g("subject_ar"),
                role=g("role") or ("rate_pct" if g("kind") == "percent" else "level"), parent=g("parent_fact_id"),
                largest=bool(g("is_largest_part") or False), period_iso=g("period_iso"), period_start=g("period_start"),
                period_end=g("period_end"), period_rel=g("period_rel"), country=g("country_iso3"), rule=g("rule") or "",
                quote=g("quote_ar") or "",
            ))
        _mark_unread(raw, figs)
        self.unread = [f for f in figs if f.unread]
        # places in a ranking, and numbers of places moved in one, are no quantities: only the rank reader
        # (claims.ranks) sees them
        self.ranks = [f for f in figs if f.kind == RANK_KIND and not f.unread]
        self.places = [f for f in figs if f.measure == PLACES_MEASURE and not f.unread]
        self.place_starts = [f.s for f in self.places]
        figs = [f for f in figs if not f.unread and f.kind != RANK_KIND and f.measure != PLACES_MEASURE]
        for i, f in enumerate(figs):
            f.i = i
        self.figs = figs
        t = self.t
        starts = self.doc.sent_starts
        # sentences with words in them: two sentences a blank line apart are next to each other
        self._real = [a for a, b in zip(starts, starts[1:] + [len(t)]) if t[a:b].strip(" \u00a0\n\t.\u2022-")]
        self.starts = [f.s for f in figs]
        self.by_id = {f.id: f for f in figs}
        self.memo_period: dict[str, str | None] = {}

    # -- text ---------------------------------------------------------------
    def sentence(self, f_or_pos) -> tuple[int, int]:
        """(start, end) of the sentence holding a figure or offset, cut to SPAN characters on each side."""
        pos = f_or_pos.s if isinstance(f_or_pos, Fig) else f_or_pos
        ss, se = self.doc.sentence(pos)
        return max(ss, pos - SPAN), min(se, pos + SPAN)

    def same_sentence(self, a: Fig, b: Fig) -> bool:
        return self.doc.sentence(a.s)[0] == self.doc.sentence(b.s)[0]

    def sentence_index(self, pos: int) -> int:
        """The rank of the sentence holding `pos` among the sentences that hold words."""
        return bisect_right(self._real, pos) - 1

    def raw_slice(self, s: int, e: int) -> str:
        return self.doc.raw_slice(s, e)

    def figure_text(self, f: Fig) -> str:
        return self.raw[f.rs:f.re]

    # -- figures ------------------------------------------------------------
    def between(self, a: int, b: int) -> list[Fig]:
        """Figures starting in [a, b)."""
        return self.figs[bisect_left(self.starts, a):bisect_left(self.starts, b)]

    def index_at(self, pos: int) -> int:
        """The number of figures that start before `pos`."""
        return bisect_left(self.starts, pos)

    def in_sentence(self, f: Fig) -> list[Fig]:
        ss, se = self.sentence(f)
        return self.between(ss, se)

    def next_fig(self, f: Fig, limit: int | None = None, pred=None) -> Fig | None:
        lim = limit if limit is not None else self.sentence(f)[1]
        for g in self.figs[f.i + 1:]:
            if g.s >= lim:
                return None
            if pred is None or pred(g):
                return g
        return None

    def prev_fig(self, f: Fig, limit: int | None = None, pred=None, max_back: int = 40) -> Fig | None:
        lim = limit if limit is not None else self.sentence(f)[0]
        for g in reversed(self.figs[max(0, f.i - max_back):f.i]):
            if g.s < lim:
                return None
            if pred is None or pred(g):
                return g
        return None

    def figs_before(self, f: Fig, n: int = 40) -> list[Fig]:
        """Up to n figures before f, nearest first."""
        return list(reversed(self.figs[max(0, f.i - n):f.i]))

    def figs_after(self, f: Fig, n: int = 40) -> list[Fig]:
        return self.figs[f.i + 1:f.i + 1 + n]
