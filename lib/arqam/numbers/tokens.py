"""Number tokens: digit clusters and vocabulary words found in normalized text, grouped into chains."""

from __future__ import annotations

import math
import re
from fractions import Fraction

from .. import lexicon as lx
from ..normalize import NormalizedText


class Tok:
    """A number token: a vocabulary word or a digit cluster."""

    __slots__ = ("kind", "value", "number", "art", "conj", "start", "end", "wstart", "unit", "art_only", "word", "astart")

    def __init__(self, kind, value, start, end, wstart, number="sg", art=False, conj=False, unit=1, art_only=False, word="", astart=None):
        self.kind = kind
        self.value = value
        self.number = number
        self.art = art
        self.conj = conj
        self.start = start
        self.end = end
        self.wstart = wstart
        self.unit = unit
        self.art_only = art_only
        self.word = word
        self.astart = start if astart is None else astart  # where the article ال begins


class Special:
    """A digit cluster that is not a plain number: date, time, phone, list."""

    __slots__ = ("kind", "value", "start", "end")

    def __init__(self, kind, value, start, end):
        self.kind = kind
        self.value = value
        self.start = start
        self.end = end


_RE_THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_RE_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_RE_THOUSANDS_NBSP = re.compile(r"\d{1,3}(?:\u00a0\d{3})+(?:[.,]\d+)?")
_RE_DECIMAL_DOT = re.compile(r"\d*\.\d+")
_RE_DECIMAL_COMMA = re.compile(r"\d+,(?:\d{1,2}|\d{4,})")
_RE_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_RE_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_RE_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_RE_FRACTION = re.compile(r"(\d+)/(\d+)")
_RE_RANGE = re.compile(r"([\d.,]+)-([\d.,]+)")


def _digits_value(s: str) -> tuple[int | Fraction, int | Fraction] | None:
    """Read a digit string with separators as (value, unit of last digit), or None."""
    if s.isdigit():
        return int(s), 1
    if _RE_THOUSANDS_COMMA.fullmatch(s):
        s = s.replace(",", "")
    elif _RE_THOUSANDS_NBSP.fullmatch(s):
        s = s.replace("\u00a0", "").replace(",", ".")
    elif _RE_THOUSANDS_DOT.fullmatch(s):
        s = s.replace(".", "").replace(",", ".")
    elif _RE_DECIMAL_DOT.fullmatch(s):
        pass
    elif _RE_DECIMAL_COMMA.fullmatch(s):
        s = s.replace(",", ".")
    else:
        return None
    if "." in s:
        whole, frac = s.split(".")
        return Fraction(int(whole or "0") * 10 ** len(frac) + int(frac), 10 ** len(frac)), Fraction(1, 10 ** len(frac))
    return int(s), 1


MAX_DIGITS = 30  # longer digit runs are codes or noise, never a statistic


def _concat_digits(s: str) -> int | float:
    digits = "".join(ch for ch in s if ch.isdigit()) or "0"
    if len(digits) > 300:  # beyond float range; int() of huge strings is also refused by Python
        return math.inf
    return int(digits) if len(digits) <= MAX_DIGITS else float(digits)


def _valid_date(y: int, mo: int, d: int) -> bool:
    return 1 <= mo <= 12 and 1 <= d <= 31 and 1000 <= y <= 2999


def _classify_cluster(s: str, start: int) -> list:
    """Turn one digit cluster into number tokens and/or special mentions."""
    end = start + len(s)
    if ":" in s:
        return [Special("other", _concat_digits(s), start, end)]
    m = _RE_DMY.fullmatch(s)
    if m and _valid_date(int(m[3]), int(m[2]), int(m[1])):
        return [Special("date", int(m[3]) * 10000 + int(m[2]) * 100 + int(m[1]), start, end)]
    m = _RE_YMD.fullmatch(s)
    if m and _valid_date(int(m[1]), int(m[2]), int(m[3])):
        return [Special("date", int(m[1]) * 10000 + int(m[2]) * 100 + int(m[3]), start, end)]
    m = _RE_FRACTION.fullmatch(s)
    if m:
        num, den = int(m[1]), int(m[2])
        if len(m[2]) == 4 and 1 <= num <= 12 and 1900 <= den <= 2100:
            return [Special("date", den * 100 + num, start, end)]
        if den == 0:
            return [Special("other", _concat_digits(s), start, end)]
        return [Tok(lx.DIGITS, Fraction(num, den), start, end, start, unit=Fraction(0))]
    m = _RE_RANGE.fullmatch(s)
    if m:
        a, b = _digits_value(m[1]), _digits_value(m[2])
        if a and b and not s.startswith("0"):
            mid = start + len(m[1])
            return [
                Tok(lx.DIGITS, a[0], start, mid, start, unit=a[1]),
                Tok(lx.DIGITS, b[0], mid + 1, end, mid + 1, unit=b[1]),
            ]
        return [Special("other", _concat_digits(s), start, end)]
    if "/" in s or "-" in s:
        return [Special("other", _concat_digits(s), start, end)]
    digits = _concat_digits(s)
    if sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return [Special("other", digits, start, end)]
    if s[0] == "0" and len(s) >= 7 and not _RE_DECIMAL_DOT.fullmatch(s) and not _RE_DECIMAL_COMMA.fullmatch(s):
        return [Special("other", digits, start, end)]  # phone or code number
    read = _digits_value(s)
    if read is None:
        return [Special("other", digits, start, end)]  # "1,2,3" and other irregular groups
    return [Tok(lx.DIGITS, read[0], start, end, start, unit=read[1])]


def scan_tokens(nt: NormalizedText, M: dict):
    """Yield tokens and specials in text order."""
    text = nt.text
    words = M["words"]
    space_groups = M["space_groups"]
    skip_to = 0
    for mt in M["token"].finditer(text):
        if mt.start() < skip_to:
            continue
        d = mt.group("d")
        if d is not None:
            start, s = mt.start(), d
            if s.isdigit() and len(s) <= 3:
                g = space_groups.match(text, mt.end())
                if g:
                    s = s + g.group().replace(" ", "\u00a0")
                    skip_to = g.end()
            if start > 0 and text[start - 1] == "+":
                yield Special("other", _concat_digits(s), start - 1, start + len(s))
                continue
            if _latin_glued(text, start, start + len(s)):
                yield Special("other", _concat_digits(s), start, start + len(s))
                continue
            negative = start > 0 and text[start - 1] == "-" and _lone_minus(text, start - 1)
            for t in _classify_cluster(s, start):
                if negative and isinstance(t, Tok) and t.start == start:
                    t.value = -t.value
                    t.start = t.wstart = start - 1
                    negative = False
                yield t
        else:
            pre = mt.group("pre")
            w = words[mt.group("w")]
            art = pre.endswith("ال") or pre.endswith("لل")
            astart = mt.start("w") - (2 if pre.endswith("ال") else 1) if art else None
            yield Tok(
                w.kind, w.value, mt.start("w"), mt.end("w"), mt.start(),
                number=w.number, art=art, conj=pre.startswith("و"),
                art_only=w.article_only, word=mt.group("w"), astart=astart,
            )


def _latin_glued(text: str, start: int, end: int) -> bool:
    """True for digits that are part of a Latin name or code: G20, 5G, COVID-19, ISO 9001-2015."""
    before = text[start - 1] if start > 0 else ""
    if before in "-_" and start > 1:
        before = text[start - 2]
    after = text[end] if end < len(text) else ""
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())


def _lone_minus(text: str, i: int) -> bool:
    """True when the '-' at i is a sign: at the start, or after a blank or bracket that
    does not follow a figure (so '2021 - 2025' and '10$-20$' stay ranges)."""
    if i == 0:
        return True
    if text[i - 1] not in " \u00a0\n\t([":
        return False
    j = i - 1
    while j >= 0 and text[j] in " \u00a0\t":
        j -= 1
    return j < 0 or not (text[j].isdigit() or text[j] in "%$\u20ac\u00a3")


def chains(nt: NormalizedText, M: dict):
    """Group tokens into chains of adjacent tokens; specials pass through alone."""
    text = nt.text
    gap = M["gap"]
    chain: list = []
    for t in scan_tokens(nt, M):
        if isinstance(t, Special):
            if chain:
                yield chain
                chain = []
            yield t
            continue
        if chain:
            prev = chain[-1]
            g = gap.fullmatch(text, prev.end, t.wstart)
            if g is None:
                yield chain
                chain = []
            elif "و" in g.group():
                t.conj = True
        if t.kind == lx.DIGITS:
            t.word = text[t.start:t.end]
        chain.append(t)
    if chain:
        yield chain
