"""One article, normalized once, with the structure every facts pass reads.

The document holds the raw text, the normalized text with its map back to raw
offsets, the sentence / clause / paragraph boundaries, and the records the passes
fill in (names found, periods found, figures). Nothing here knows what a measure,
a subject or a period is: the passes do.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress

from .. import lexicon as lx
from ..normalize import _TRAILING_MARK_RE, NormalizedText, normalize
from ..numbers import NumberMention

BL = r"[ \u00a0]"  # a blank inside a line
WORD = r"[^\W\d_]+"
QUOTES = "\"'\u201c\u201d\u00ab\u00bb"
NOT_LETTER_BEHIND = r"(?<![^\W\d_])"
NOT_LETTER_AHEAD = r"(?![^\W\d_])"
WORD_RE = re.compile(WORD)
_WORD_SPLIT = re.compile(f"({WORD})")  # text split into [gap, word, gap, word, …, gap]
# The longest stretch of text a pass reads around one figure: bounds the cost per
# figure, so a document with no sentence punctuation stays linear in its length.
WINDOW = 400
QUOTE_MAX = 600  # characters of a fact's quote (its sentence, cut around the figure when longer)


def alt(phrases, joiner: str = rf"{BL}+") -> str:
    """A trie-shaped alternation of cue phrases (words joined by `joiner`)."""
    return lx.phrase_pattern(phrases, joiner)


def opening_words(phrases, prefixes=("",)) -> frozenset | None:
    """The words a match of `prefix + phrase` can open with, for `word_matches`.

    Args:
        phrases: the (normalized) phrases of a pattern's alternation.
        prefixes: the letters the pattern allows before a phrase (clitics, ال), "" included.
    Returns:
        Every prefix + leading letters of a phrase, or None when a phrase does not open
        with a letter (the pattern must then be scanned position by position).
    """
    firsts = set()
    for p in phrases:
        m = WORD_RE.match(p)
        if m is None:
            return None
        firsts.add(m.group())
    return frozenset(pre + f for pre in prefixes for f in firsts)


def word_matches(doc: "Document", rx: re.Pattern, forms: frozenset | None, extra: list[int] = ()) -> list[re.Match]:
    """rx.finditer(doc.text) as a list, for a pattern that only matches from the start of a word in `forms`.

    A pattern behind NOT_LETTER_BEHIND is tried at every character by the regex engine; here
    it is tried only at the words that can open it (and at the offsets in `extra`), which
    gives the same matches when `forms` holds every such word (`opening_words`).
    """
    t = doc.text
    if forms is None:
        return list(rx.finditer(t))
    starts = list(compress(doc.word_starts, map(forms.__contains__, doc.words)))  # (a loop in C)
    if extra:
        starts = sorted(set(starts).union(extra))
    out = []
    last = 0
    match = rx.match
    for s in starts:
        if s >= last and (m := match(t, s)) is not None:
            out.append(m)
            last = m.end() if m.end() > s else s + 1
    return out


def cues() -> dict:
    """The normalized cues of every pass (data/facts/*.json)."""
    return lx.fact_cues()


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    marks = "!?\u061f\u2026\u2022"
    return {
        # A run of newlines, a run of end marks, or a full stop that is not a decimal point
        # (\.(?!\d)|(?<!\d)\.), written so that every branch opens with a literal character:
        # the regex engine then skips to those characters instead of trying every position.
        "sentence": re.compile(
            "\n\n*|" + "|".join(f"{re.escape(ch)}[{marks}]*" for ch in marks) + r"|\.(?:(?!\d)|(?<!\d\.))"
        ),
        # a clause ends after a comma-like mark (a comma that is not a thousands separator) …
        "clause_mark": re.compile(r"[\u060c\u061b;:,](?:(?<=[\u060c\u061b;:])|(?!\d)|(?<!\d,))"),
        # … and starts at an opener word
        "clause_opener": re.compile(rf"{NOT_LETTER_BEHIND}(?:و)?{alt(c['clause_openers'])}{NOT_LETTER_AHEAD}"),
        "clause_opener_forms": opening_words(c["clause_openers"], ("", "و")),
    }


@dataclass
class Name:
    """A name found in the text: a lexicon entity, or a body the lexicon does not know."""

    start: int
    end: int
    ent: lx.Entity
    text: str
    channel_of_feature: bool = False
    consumed: bool = False
    for_clitic: bool = False  # written with ل: "3 ملايين معاملة لمنصة أبشر أفراد"
    at_clitic: bool = False  # written with ب: "أنجزت بمركز الإصدار"
    scope: str = ""  # platform, programme, ministry, agency, index, country …; the entity's own scope when empty
    is_source: bool = False  # introduced as the source of figures: "بحسب تقرير X"، "أعلنت X"
    is_modifier: bool = False  # places or owns the name right before it (… في وزارة الداخلية، … التابعة لـ …)
    head: str = ""  # the head noun of a name the lexicon does not know (منصه، هيئه), normalized, without ال
    antecedent: "Name | None" = None  # for a description (المنظومة المتطورة): the name it refers back to

    @property
    def referent(self) -> "Name":
        """The name this one stands for: its antecedent when it is a description, else itself."""
        return self.antecedent or self

    def __post_init__(self):
        if not self.scope:
            self.scope = self.ent.scope


@dataclass
class Period:
    """A period phrase found in the text, resolved as far as the text and the publication date allow."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    rel: str | None  # "current", "previous" or None
    kind: str  # month, year, same, until, first_n, today
    months: int | None = None
    comparison: bool = False


@dataclass
class Fact:
    """One statistic being built: its mention, its normalized span, its row and the rules that made it."""

    m: NumberMention
    s: int  # normalized span
    e: int
    row: dict = field(default_factory=dict)
    rules: list = field(default_factory=list)


class Document:
    """Normalized text with sentence/clause/paragraph boundaries; passes attach names and periods."""

    def __init__(self, raw: str, meta: dict, normalized: NormalizedText | None = None):
        R = _rx()
        self.raw = raw
        self.nt = normalized if normalized is not None and normalized.raw == raw else normalize(raw)
        self.text = t = self.nt.text
        self.meta = meta
        # the words (WORD_RE's matches), read once: their texts, starts and ends
        parts = _WORD_SPLIT.split(t)
        ends = list(accumulate(map(len, parts)))
        self.words: list[str] = parts[1::2]
        self.word_ends: list[int] = ends[1::2]
        self.word_starts: list[int] = ends[0:-1:2]
        self.sent_starts = [0] + [m.end() for m in R["sentence"].finditer(t)]
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n+", t)]
        self.clause_starts = sorted(set(
            self.sent_starts + [m.end() for m in R["clause_mark"].finditer(t)]
            + [m.start() for m in word_matches(self, R["clause_opener"], R["clause_opener_forms"])]
        ))
        self.names: list[Name] = []
        self.periods: list[Period] = []
        # raw offsets of the deleted characters, once (NormalizedText.from_raw rebuilds them per call)
        self._raw_deleted = [d + i for i, d in enumerate(self.nt.deletions)]
        self._name_starts: set[int] | None = None
        self.figure_ends: set[int] = set()  # normalized ends of every figure read (years and dates too)
        self.fact_starts: list[int] = []  # normalized starts of the statistics, sorted (set by fact_rows)
        self.memo: dict = {}  # look-ups a pass builds once per document (or once per line) and reuses

    def from_raw(self, r: int) -> int:
        """The normalized offset of the first kept character at or after raw offset `r`."""
        return r - bisect_left(self._raw_deleted, r) if self._raw_deleted else r

    @property
    def name_starts(self) -> set[int]:
        """Normalized start offsets of the names found (built once, after the names pass)."""
        if self._name_starts is None:
            self._name_starts = {n.start for n in self.names}
        return self._name_starts

    def _bounds(self, starts, pos):
        i = bisect_right(starts, pos)
        return starts[i - 1], (starts[i] if i < len(starts) else len(self.text))

    def sentence(self, pos):
        """(start, end) of the sentence holding normalized offset `pos`."""
        starts = self.sent_starts  # (_bounds written out: the passes ask this for every figure, many times)
        i = bisect_right(starts, pos)
        return starts[i - 1], (starts[i] if i < len(starts) else len(self.text))

    def clause(self, pos):
        """(start, end) of the clause holding `pos`."""
        starts = self.clause_starts
        i = bisect_right(starts, pos)
        return starts[i - 1], (starts[i] if i < len(starts) else len(self.text))

    def paragraph(self, pos):
        """(start, end) of the paragraph holding `pos`."""
        return self._bounds(self.para_starts, pos)

    def raw_slice(self, s, e) -> str:
        """The raw text behind the normalized span [s, e)."""
        if e <= s:
            return ""
        if not self._raw_deleted:
            return self.raw[s:e]  # nothing was deleted: the offsets are the raw ones
        # NormalizedText.span_to_raw written out (s < e <= len(text), so both ends are inside the text)
        d = self.nt.deletions
        re_ = e + bisect_right(d, e - 1)
        m = _TRAILING_MARK_RE.match(self.raw, re_)
        return self.raw[s + bisect_right(d, s):m.end() if m else re_]

    def quote(self, pos: int) -> str:
        """The raw sentence around `pos`, cut to QUOTE_MAX characters around it when longer."""
        ss, se = self.sentence(pos)
        if se - ss > QUOTE_MAX:
            ss = max(ss, pos - QUOTE_MAX // 2)
            se = min(se, ss + QUOTE_MAX)
        return self.raw_slice(ss, se).strip(" \u00a0\n\t.\u2022")
