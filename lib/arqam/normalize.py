"""Arabic text normalization that keeps a map back to the raw characters.

Every rule maps one raw character to one normalized character or deletes it, so
the normalized text differs from the raw text only by deletions. The map back to
raw offsets is therefore a sorted list of deletion points, and `to_raw` is a
bisection: cheap to build, and free when nothing was deleted (the common case for
plain news text).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

# Characters removed outright: Arabic diacritics (harakat, tanween, shadda, sukun,
# superscript alef, Quranic marks), tatweel, zero-width and bidi controls, BOM.
_DELETE_CHARS = (
    "\u0610-\u061a"  # Quranic honorifics and small signs
    "\u064b-\u065f"  # tanween, harakat, shadda, sukun, maddah/hamza marks
    "\u0670"  # superscript alef
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Quranic annotation marks
    "\u0640"  # tatweel
    "\u00ad"  # soft hyphen
    "\u200b-\u200f"  # zero-width space/non-joiner/joiner, LRM, RLM
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\u061c"  # Arabic letter mark
    "\ufeff"  # byte-order mark / zero-width no-break space
)
DELETE_RE = re.compile(f"[{_DELETE_CHARS}]")
# Trailing marks that belong to the word before them (diacritics, tatweel): a span
# that ends on a letter is extended over them so the quoted text reads naturally.
_TRAILING_MARK_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]+")


def _build_table() -> dict[int, int | str | None]:
    """Return the str.translate table: deletions plus one-to-one substitutions."""
    table: dict[int, int | str | None] = {}
    for block in (range(0x0080, 0x0800), range(0x2000, 0x2070), range(0xFE00, 0xFF00)):
        for cp in block:
            if DELETE_RE.match(chr(cp)):
                table[cp] = None
    with open(DATA_DIR / "char_map.json", encoding="utf-8") as fh:
        char_map = json.load(fh)["map"]
    for group in char_map.values():
        for src, dst in group.items():
            if len(src) != 1 or len(dst) != 1:
                raise ValueError(f"char_map.json: {src!r} -> {dst!r} must map one character to one")
            table[ord(src)] = dst
    return table


@lru_cache(maxsize=1)
def translation_table() -> dict[int, int | str | None]:
    """Return the cached translation table used by `normalize`."""
    return _build_table()


@lru_cache(maxsize=1)
def _replacements() -> tuple[re.Pattern, dict[str, str]]:
    """Return a class regex of every character the table changes, and char -> replacement."""
    table = translation_table()
    chars = {chr(k): ("" if v is None else v) for k, v in table.items()}
    cls = re.compile("[" + "".join(f"\\u{k:04x}" for k in sorted(table)) + "]")
    return cls, chars


def _translate(raw: str) -> str:
    # str.translate does a dict lookup per character on non-ASCII text. Instead,
    # find the first character the table changes, replace it everywhere, and go
    # on from there: one regex pass in all, plus one str.replace per distinct
    # character present. No replacement is itself in the table, so everything
    # before the resume point is already normalized.
    cls, chars = _replacements()
    search = cls.search
    text = raw
    m = search(text)
    while m is not None:
        pos = m.start()
        ch = m.group()
        text = text.replace(ch, chars[ch])
        m = search(text, pos)
    return text


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text plus the information to map its offsets back to the raw text.

    Attributes:
        raw: the original text, unchanged.
        text: the normalized text (same length as raw minus deleted characters).
        deletions: for each deleted raw character, the normalized offset it sat at,
            in non-decreasing order; empty when nothing was deleted.
    """

    raw: str
    text: str
    deletions: tuple[int, ...] = field(default=())

    def to_raw(self, i: int) -> int:
        """Map a normalized character offset to the raw offset of the same character.

        Args:
            i: an offset into `text` (0 <= i < len(text)); `len(text)` maps to `len(raw)`.
        Returns:
            The raw offset.
        """
        if not self.deletions:
            return i
        if i >= len(self.text):
            return len(self.raw)
        return i + bisect_right(self.deletions, i)

    def from_raw(self, r: int) -> int:
        """Map a raw offset to the normalized offset of the first kept character at or after it.

        Args:
            r: an offset into `raw` (0 <= r <= len(raw)).
        Returns:
            The normalized offset.
        """
        if not self.deletions:
            return r
        raw_deleted = [d + i for i, d in enumerate(self.deletions)]
        return r - bisect_left(raw_deleted, r)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized half-open span to the raw span covering the same characters.

        The raw end is extended over diacritics or tatweel that follow the last
        character, so the quoted raw text keeps the word whole.

        Args:
            start: normalized start offset.
            end: normalized end offset (exclusive), > start.
        Returns:
            (raw_start, raw_end).
        """
        if not self.deletions:
            return start, end
        raw_start = self.to_raw(start)
        raw_end = self.to_raw(end - 1) + 1
        m = _TRAILING_MARK_RE.match(self.raw, raw_end)
        if m:
            raw_end = m.end()
        return raw_start, raw_end


def normalize(raw: str) -> NormalizedText:
    """Normalize Arabic text for matching while keeping a map to raw offsets.

    Rules (each one character in, at most one out): diacritics, tatweel, zero-width
    and bidi controls are deleted; alef forms (أ إ آ ٱ) become ا; ى becomes ي; ة
    becomes ه; Persian letters become their Arabic forms; Arabic-Indic and Persian
    digits become ASCII digits; ٫ becomes '.', ٬ becomes ',', ٪ becomes '%'; unusual
    spaces become a no-break space (U+00A0) or a plain space.

    Args:
        raw: any text.
    Returns:
        A NormalizedText holding raw, normalized text and the deletion map.
    """
    text = _translate(raw)
    if len(text) == len(raw):
        return NormalizedText(raw, text)
    deletions = []
    removed = 0
    for m in DELETE_RE.finditer(raw):
        deletions.append(m.start() - removed)
        removed += 1
    return NormalizedText(raw, text, tuple(deletions))


def normalize_word(word: str) -> str:
    """Normalize a single lexicon entry the same way running text is normalized.

    Args:
        word: a word or phrase as written in a lexicon.
    Returns:
        Its normalized form.
    """
    return word.translate(translation_table())
