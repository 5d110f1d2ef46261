"""Read every figure in Arabic text: spelled-out, digits, percents, hedges, years.

Pipeline (one pass, linear in the text length):
1. normalize the text (arqam.normalize) and keep the map back to raw offsets;
2. one compiled regex finds number tokens: digit clusters, and number words
   (a trie of the vocabulary in data/number_words.json) with their clitics;
3. adjacent tokens (separated by blanks or a lone و) form chains, read left to
   right by a small grammar (units, tens, hundreds, scale groups, fractions); a
   token that cannot extend the current number starts the next one;
4. each number is classified from its neighbours (data/number_context.json):
   percent markers, currencies, hedges, year and date cues, durations;
5. its interval [low, high] follows from the hedge and the written precision.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from fractions import Fraction
from functools import lru_cache

from . import lexicon as lx
from .normalize import NormalizedText, normalize

KINDS = ("number", "percent", "money", "year", "date", "ordinal", "other")
QUALIFIERS = ("exact", "more_than", "at_least", "approximately", "less_than", "at_most", "up_to")

# "approximately" admits at least this relative margin (1%) beyond the written
# precision: "قرابة 437" admits 432.6..441.4, "قرابة 2.9 مليون" 2.85..2.95 million.
APPROX_REL = Fraction(1, 100)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One figure found in a text.

    Attributes:
        start: offset of the figure's first character in the original text.
        end: offset just past its last character (text[start:end] is the figure,
            with its scale word and percent marker, without hedge words or clitics).
        text: the figure as written.
        value: its value (int when integral; a percentage's value is the percent).
        kind: number, percent, money, year, date, ordinal or other.
        qualifier: exact, more_than, at_least, approximately, less_than, at_most, up_to.
        low: lowest value the figure admits (hedge and written precision).
        high: highest value it admits (math.inf when unbounded above).
        unit: currency code for money (e.g. "SAR"), else None.
    """

    start: int
    end: int
    text: str
    value: int | float
    kind: str
    qualifier: str
    low: float
    high: float
    unit: str | None = None

    def to_dict(self) -> dict:
        """Return a JSON-ready dict (an infinite bound becomes None)."""
        d = asdict(self)
        for k in ("low", "high"):
            if isinstance(d[k], float) and math.isinf(d[k]):
                d[k] = None
        return d


# ---------------------------------------------------------------------------
# Compiled matchers (built once from the data files)

_BL = r"[ \u00a0]"  # a blank inside a line
_NOT_LETTER_BEHIND = r"(?<![^\W\d_])"
_NOT_LETTER_AHEAD = r"(?![^\W\d_])"
# Clitic prefixes, shortest first so a whole vocabulary word wins over a split.
_PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "ال", "وب", "ول", "وك", "فب", "فل", "لل", "وال", "بال", "كال", "فال", "ولل", "فلل", "وبال", "فبال", "وكال"]


@lru_cache(maxsize=1)
def _matchers() -> dict:
    words = lx.number_words()
    ctx = lx.context()
    m: dict = {"words": words, "ctx": ctx}
    prefix = "(?P<pre>" + "|".join(_PREFIXES) + ")"
    m["token"] = re.compile(
        r"(?P<d>\d+(?:[.,:/\-\u00a0]\d+)*|(?<![\d.])\.\d+)"
        rf"|{_NOT_LETTER_BEHIND}{prefix}(?P<w>{lx.trie_pattern(words)}){_NOT_LETTER_AHEAD}"
    )
    m["gap"] = re.compile(rf"{_BL}*(?:و{_BL}*)?")
    m["space_groups"] = re.compile(r"(?: \d{3})+(?![\d])(?!,\d)(?!\.\d)")

    hb = ctx["hedges_before"]
    m["hedge_before_map"] = {lx.phrase_key(p): q for q, ps in hb.items() for p in ps}
    m["hedge_before"] = re.compile(
        rf"(?:^|(?<![^\W\d_]))[وف]?[بل]?(?P<h>{lx.phrase_pattern(m['hedge_before_map'])}){_BL}*(?:ال{_BL}*)?\Z"
    )
    hv = ctx["hedge_verbs_with_subject"]
    m["hedge_verb_map"] = {v: q for q, vs in hv.items() if q != "subject_heads" for v in vs}
    m["hedge_verb"] = re.compile(
        rf"(?:^|(?<![^\W\d_]))[وف]?(?P<h>{lx.phrase_pattern(m['hedge_verb_map'])}){_BL}+"
        rf"{lx.phrase_pattern(hv['subject_heads'])}(?:{_BL}+[^\s\d.,:;!?()\u060c\u061b\u061f]+){{0,5}}{_BL}+(?:ب{_BL}*)?(?:ال{_BL}*)?\Z"
    )
    ha = ctx["hedges_after"]
    m["hedge_after_map"] = {lx.phrase_key(p): q for q, ps in ha.items() for p in ps}
    m["hedge_after"] = re.compile(
        rf"(?:{_BL}+[^\s\d.,:;!?()\u060c\u061b\u061f%]+){{0,3}}?{_BL}*(?P<h>{lx.phrase_pattern(m['hedge_after_map'])}){_NOT_LETTER_AHEAD}"
    )
    up = ctx["up_to_restating_amount"]
    m["restated_amount"] = re.compile(
        rf"{lx.phrase_pattern(up['amount_cues'])}{_BL}+(?:\S+{_BL}+){{0,2}}?\S*\d|"
        rf"{lx.phrase_pattern(up['amount_cues'])}{_BL}+(?:ال)?[^\s\d]+"
    )
    m["restated_percent"] = re.compile(rf"{lx.phrase_pattern(up['percent_cues'])}{_BL}+(?P<h>\S+{_BL}+\S+){_BL}+(?:ال{_BL}*)?\Z")

    m["percent_after"] = re.compile(rf"{_BL}*(?:{lx.phrase_pattern(ctx['percent_after'])})(?![^\W\d_])")
    m["percent_before"] = re.compile(rf"%{_BL}?\Z")
    m["percent_cue"] = re.compile(
        rf"(?:^|(?<![^\W\d_]))[وف]?{lx.phrase_pattern(ctx['percent_cues_before'])}"
        rf"(?:{_BL}+[^\W\d_]+)?"  # one word of what is measured: نسبة الرضا 88
        rf"(?:{_BL}+(?:{lx.phrase_pattern(m['hedge_before_map'])}))?{_BL}+(?:ال{_BL}*)?\Z"
    )

    cur_after = {}
    for code, forms in ctx["currencies"].items():
        for f in forms:
            cur_after[lx.phrase_key(f)] = None if code.startswith("XXX_") else code
    m["currency_after_map"] = cur_after
    m["currency_after"] = re.compile(rf"{_BL}*(?P<c>{lx.phrase_pattern(cur_after)})(?![^\W\d_])")
    cur_before = {f: code for code, fs in ctx["currency_symbols_before"].items() for f in fs}
    m["currency_before_map"] = cur_before
    m["currency_before"] = re.compile(rf"(?P<c>{lx.phrase_pattern(cur_before)}){_BL}?\Z")

    time_units = lx.phrase_pattern(ctx["time_units"])
    m["time_unit_after"] = re.compile(rf"{_BL}+(?:ال)?{time_units}{_NOT_LETTER_AHEAD}")
    m["time_unit_before"] = re.compile(rf"(?:^|(?<![^\W\d_]))(?:[وفبل]|ال|لل)?{time_units}{_BL}+\Z")
    m["one_idiom_before"] = re.compile(rf"(?:^|(?<![^\W\d_]))(?:[وفبل]|ال|لل)?{lx.phrase_pattern(ctx['one_idiom_before'])}{_BL}+\Z")
    m["one_idiom_after"] = re.compile(rf"{_BL}+{lx.phrase_pattern(ctx['one_idiom_after'])}{_NOT_LETTER_AHEAD}")

    months = [f for fs in ctx["months"].values() for f in fs] + ctx["hijri_months"]
    month_pat = lx.phrase_pattern(months)
    m["month_after"] = re.compile(rf"{_BL}+(?:[وب]?(?:شهر{_BL}+)?){month_pat}{_NOT_LETTER_AHEAD}")
    m["month_before"] = re.compile(rf"(?:^|(?<![^\W\d_])){month_pat}{_BL}*(?:\({_BL}*[^\s()]+{_BL}*\){_BL}*)?\Z")
    heads = sorted({p.split()[0] for p in months if " " in p})
    m["month_head_before"] = re.compile(rf"(?:^|(?<![^\W\d_])){lx.phrase_pattern(heads)}{_BL}+\Z")
    m["day_after"] = re.compile(rf"{_BL}+(?:من{_BL}+(?:ال)?شهر|{month_pat})(?![^\W\d_])")
    joiners = lx.phrase_pattern(ctx["range_joiners"])
    m["day_range_after"] = re.compile(
        rf"{_BL}+و?{joiners}{_BL}+\S+{_BL}+(?:من{_BL}+(?:ال)?شهر|{month_pat})(?![^\W\d_])"
    )
    m["day_names"] = set(ctx["day_names"])
    m["rank_cue"] = re.compile(rf"(?:^|(?<![^\W\d_])){lx.phrase_pattern(ctx['rank_cues_before'])}{_BL}+(?:ال{_BL}*)?\Z")
    m["label_cue"] = re.compile(rf"(?:^|(?<![^\W\d_]))[وفبل]?{lx.phrase_pattern(ctx['label_cues_before'])}(?:{_BL}+رقم)?{_BL}*[(]?{_BL}*\Z")
    m["period_before"] = re.compile(
        rf"(?:^|(?<![^\W\d_]))[وفبل]?{lx.phrase_pattern(ctx['period_words'])}(?:{_BL}+(?:ال)?[^\W\d_]+)?{_BL}+(?:من|في){_BL}+\Z"
    )
    m["hijri_suffix"] = re.compile(rf"{_BL}?(?:{lx.phrase_pattern(ctx['hijri_year_suffixes'])}){_NOT_LETTER_AHEAD}")
    m["phone_cue"] = re.compile(rf"(?:^|(?<![^\W\d_])){lx.phrase_pattern(ctx['phone_cues_before'])}(?![^\W\d_])")

    m["year_strong"] = re.compile(
        rf"(?:^|(?<![^\W\d_]))[وفبل]?{lx.phrase_pattern(ctx['year_cues_strong'])}{_BL}*(?:\({_BL}*)?\Z"
    )
    m["year_weak"] = re.compile(
        rf"(?:^|(?<![^\W\d_]))[وف]?{lx.phrase_pattern(ctx['year_cues_weak'])}{_BL}+(?:\({_BL}*)?\Z"
    )
    m["year_suffix"] = re.compile(rf"{_BL}?(?:{lx.phrase_pattern(ctx['year_suffixes'])}){_NOT_LETTER_AHEAD}")
    m["next_word"] = re.compile(rf"{_BL}*(?P<w>[^\W\d_]+)")
    m["function_words"] = set(ctx["function_words"])
    m["year_range_after"] = re.compile(rf"{_BL}*(?:-|{joiners}){_BL}*(?:19|20)\d\d(?!\d)")
    m["year_range_before"] = re.compile(rf"(?:19|20)\d\d{_BL}*(?:-|{joiners}){_BL}*\Z")
    m["range_between"] = re.compile(rf"(?:^|(?<![^\W\d_]))(?:ما{_BL}+)?بين{_BL}+\Z")
    m["range_from"] = re.compile(rf"(?:^|(?<![^\W\d_]))من{_BL}+\Z")
    m["range_mid"] = re.compile(rf"\A{_BL}*(?:[%$\u20ac\u00a3]{_BL}*)?(?:-|{joiners}){_BL}*\Z")
    return m


# ---------------------------------------------------------------------------
# Tokens


class _Tok:
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


class _Special:
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
        return [_Special("other", _concat_digits(s), start, end)]
    m = _RE_DMY.fullmatch(s)
    if m and _valid_date(int(m[3]), int(m[2]), int(m[1])):
        return [_Special("date", int(m[3]) * 10000 + int(m[2]) * 100 + int(m[1]), start, end)]
    m = _RE_YMD.fullmatch(s)
    if m and _valid_date(int(m[1]), int(m[2]), int(m[3])):
        return [_Special("date", int(m[1]) * 10000 + int(m[2]) * 100 + int(m[3]), start, end)]
    m = _RE_FRACTION.fullmatch(s)
    if m:
        num, den = int(m[1]), int(m[2])
        if len(m[2]) == 4 and 1 <= num <= 12 and 1900 <= den <= 2100:
            return [_Special("date", den * 100 + num, start, end)]
        if den == 0:
            return [_Special("other", _concat_digits(s), start, end)]
        return [_Tok(lx.DIGITS, Fraction(num, den), start, end, start, unit=Fraction(0))]
    m = _RE_RANGE.fullmatch(s)
    if m:
        a, b = _digits_value(m[1]), _digits_value(m[2])
        if a and b and not s.startswith("0"):
            mid = start + len(m[1])
            return [
                _Tok(lx.DIGITS, a[0], start, mid, start, unit=a[1]),
                _Tok(lx.DIGITS, b[0], mid + 1, end, mid + 1, unit=b[1]),
            ]
        return [_Special("other", _concat_digits(s), start, end)]
    if "/" in s or "-" in s:
        return [_Special("other", _concat_digits(s), start, end)]
    digits = _concat_digits(s)
    if sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return [_Special("other", digits, start, end)]
    if s[0] == "0" and len(s) >= 7 and not _RE_DECIMAL_DOT.fullmatch(s) and not _RE_DECIMAL_COMMA.fullmatch(s):
        return [_Special("other", digits, start, end)]  # phone or code number
    read = _digits_value(s)
    if read is None:
        return [_Special("other", digits, start, end)]  # "1,2,3" and other irregular groups
    return [_Tok(lx.DIGITS, read[0], start, end, start, unit=read[1])]


def _tokens(nt: NormalizedText, M: dict):
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
                yield _Special("other", _concat_digits(s), start - 1, start + len(s))
                continue
            if _latin_glued(text, start, start + len(s)):
                yield _Special("other", _concat_digits(s), start, start + len(s))
                continue
            negative = start > 0 and text[start - 1] == "-" and _lone_minus(text, start - 1)
            for t in _classify_cluster(s, start):
                if negative and isinstance(t, _Tok) and t.start == start:
                    t.value = -t.value
                    t.start = t.wstart = start - 1
                    negative = False
                yield t
        else:
            pre = mt.group("pre")
            w = words[mt.group("w")]
            art = pre.endswith("ال") or pre.endswith("لل")
            astart = mt.start("w") - (2 if pre.endswith("ال") else 1) if art else None
            yield _Tok(
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


# ---------------------------------------------------------------------------
# Grammar


class _Num:
    """A number read from a run of tokens (normalized offsets)."""

    __slots__ = ("start", "end", "value", "unit", "has_scale", "words", "ntok", "first", "last", "kind", "digits_only", "ordinal")

    def __init__(self):
        self.start = self.end = 0
        self.value = 0
        self.unit = 1
        self.has_scale = False
        self.words = False
        self.ntok = 0
        self.first = self.last = None
        self.kind = None
        self.digits_only = True
        self.ordinal = False


class _Builder:
    """Left-to-right reader of one cardinal number."""

    __slots__ = ("total", "last_scale", "grp", "parts", "grp_unit", "unit", "ntok", "toks", "closed", "has_scale")

    def __init__(self):
        self.total = 0
        self.last_scale = None
        self.grp = 0
        self.parts = set()
        self.grp_unit = 1
        self.unit = 1
        self.ntok = 0
        self.toks = []
        self.closed = False
        self.has_scale = False

    def _take(self, t):
        self.toks.append(t)
        self.ntok += 1
        return True

    def attach(self, t: _Tok, nxt: _Tok | None) -> bool:
        """Extend the number with token t if the grammar allows; return whether it did."""
        if self.closed:
            return False
        k = t.kind
        first = self.ntok == 0
        parts = self.parts
        if not first and (t.art or not (t.conj or self._adjacent_ok(t))):
            return False
        if t.art and k in (lx.HUNDRED, lx.SCALE, lx.FRACTION, lx.POINT):
            return False
        after_scale = self.last_scale is not None and not parts
        if after_scale and not t.conj:
            return False
        if k == lx.DIGITS:
            if parts or (not first and not after_scale):
                return False
            if after_scale and t.value >= self.last_scale and not (
                nxt is not None and nxt.kind == lx.SCALE and not nxt.conj and t.value * nxt.value < self.last_scale
            ):
                return False
            self.grp, self.grp_unit = t.value, t.unit
            parts.add("D")
            return self._take(t)
        if k == lx.UNIT:
            if parts - {"H"} or (t.value == 0 and not first):
                return False
            self.grp += t.value
            parts.add("U")
            return self._take(t)
        if k in (lx.TEN, lx.TEEN):
            if parts - {"H"}:
                return False
            self.grp += t.value
            parts.add("T")
            parts.add("E")
            return self._take(t)
        if k == lx.TENS:
            if parts & {"T", "E", "D", "F"}:
                return False
            if "U" in parts and not t.conj:
                return False
            self.grp += t.value
            parts.add("T")
            return self._take(t)
        if k == lx.HUNDRED:
            if not parts:
                self.grp += t.value
                parts.add("H")
                return self._take(t)
            if parts == {"U"} and t.value == 100 and not t.conj and 3 <= self.grp <= 9:
                self.grp *= 100
                parts.clear()
                parts.add("H")
                return self._take(t)
            return False
        if k == lx.SCALE:
            if self.last_scale is not None and t.value >= self.last_scale:
                return False
            if not parts:
                if t.number == "pl" or (not first and not t.conj):
                    return False
                mult, munit = (2 if t.number == "du" else 1), 1
            else:
                if t.number == "du" or t.conj:
                    return False
                mult, munit = self.grp, (self.grp_unit if "D" in parts else 1)
                if "F" in parts and "D" not in parts and parts != {"F"}:
                    munit = Fraction(1, 2)
                if parts == {"F"}:
                    munit = mult
            value = mult * t.value
            if self.last_scale is not None and value >= self.last_scale:
                return False
            self.total += value
            self.last_scale = t.value
            self.unit = munit * t.value
            self.has_scale = True
            self.grp = 0
            self.grp_unit = 1
            parts.clear()
            return self._take(t)
        if k == lx.FRACTION:
            if first:
                if t.number == "pl":
                    return False
                self.grp = t.value
                parts.add("F")
                return self._take(t)
            if not t.conj and t.number == "pl" and parts == {"U"} and 2 <= self.grp <= 10:
                self.grp *= t.value
                parts.add("F")
                self.grp_unit = t.value
                return self._take(t)
            if not t.conj or t.number != "sg":
                return False
            if after_scale:
                self.total += t.value * self.last_scale
                self.unit = t.value * self.last_scale
                self.closed = True
                return self._take(t)
            if parts and "F" not in parts and "D" not in parts:
                self.grp += t.value
                self.grp_unit = t.value
                parts.add("F")
                return self._take(t)
            return False
        return False

    def _adjacent_ok(self, t: _Tok) -> bool:
        """Juxtaposition without و: teen/tens after hundreds (colloquial), scale after multiplier."""
        k = t.kind
        if k == lx.SCALE:
            return bool(self.parts)
        if k == lx.HUNDRED:
            return self.parts == {"U"}
        if k in (lx.UNIT, lx.TEN, lx.TEEN, lx.TENS):
            return self.parts == {"H"}
        if k == lx.FRACTION:
            return t.number == "pl"
        return False

    def result(self) -> _Num | None:
        if not self.ntok:
            return None
        n = _Num()
        n.value = self.total + self.grp
        n.first, n.last = self.toks[0], self.toks[-1]
        n.start, n.end = n.first.start, n.last.end
        n.ntok = self.ntok
        n.has_scale = self.has_scale
        n.digits_only = all(t.kind == lx.DIGITS for t in self.toks)
        n.words = not n.digits_only
        if self.parts:  # a trailing group below the last scale, or no scale at all
            n.unit = self.grp_unit if ("D" in self.parts or "F" in self.parts) else 1
        else:
            n.unit = self.unit
        return n


def _merge_teens(chain: list) -> list:
    """Merge 'unit + عشر' pairs (ثلاثة عشر، أحد عشر، الحادي عشر) into one token."""
    out = []
    i = 0
    while i < len(chain):
        t = chain[i]
        if i + 1 < len(chain):
            u = chain[i + 1]
            if u.kind == lx.TEN and t.kind == lx.UNIT and t.value == 1 and t.word.startswith("و") and i > 0:
                # "ألف وأحد عشر": normalized وأحد reads as واحد; before عشر it is و + أحد
                t = _Tok(lx.TEEN_UNIT, 1, t.start + 1, t.end, t.wstart, conj=True, word=t.word[1:])
            if u.kind == lx.TEN and not u.conj and not u.art and t.kind in (lx.UNIT, lx.TEEN_UNIT, lx.ORDINAL, lx.ORDINAL_TEEN_UNIT) and 1 <= t.value <= 9:
                kind = lx.ORDINAL if t.kind in (lx.ORDINAL, lx.ORDINAL_TEEN_UNIT) or t.art else lx.TEEN
                out.append(_Tok(kind, t.value + 10, t.start, u.end, t.wstart, art=t.art, conj=t.conj, word=t.word + " " + u.word, astart=t.astart))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def _read_ordinal(chain: list, i: int) -> tuple[_Num | None, int]:
    """Read an ordinal starting at chain[i]; return (number or None, next index)."""
    t = chain[i]
    value = None
    j = i + 1
    if t.kind == lx.ORDINAL:
        if t.art_only and not t.art:
            return None, j
        value = t.value
    elif t.art and t.kind in (lx.TENS,):
        value = t.value
    elif t.art and t.kind == lx.TEEN:
        value = t.value
    elif t.art and t.kind == lx.UNIT and j < len(chain) and chain[j].kind == lx.TENS and chain[j].conj:
        value = t.value
    elif t.kind == lx.ORDINAL_TEEN_UNIT and j < len(chain) and chain[j].kind == lx.TENS and chain[j].conj:
        value = t.value
    if value is None:
        return None, j
    last = t
    if value < 10 and j < len(chain) and chain[j].kind == lx.TENS and chain[j].conj:
        value += chain[j].value
        last = chain[j]
        j += 1
    n = _Num()
    n.value, n.first, n.last = value, t, last
    n.start, n.end = t.astart, last.end  # ordinal words keep their article
    n.ordinal = True
    n.words = True
    n.digits_only = False
    n.ntok = j - i
    return n, j


def _read_chain(chain: list) -> list:
    """Split a chain of adjacent tokens into numbers."""
    chain = _merge_teens(chain)
    out = []
    i = 0
    while i < len(chain):
        t = chain[i]
        if t.kind in (lx.ORDINAL, lx.ORDINAL_TEEN_UNIT) or (t.art and t.kind in (lx.TENS, lx.TEEN)) or (
            t.art and t.kind == lx.UNIT and i + 1 < len(chain) and chain[i + 1].kind == lx.TENS and chain[i + 1].art
        ):
            n, i = _read_ordinal(chain, i)
            if n is not None:
                out.append(n)
            continue
        if t.kind in (lx.TEEN_UNIT, lx.POINT) or (t.art and t.kind in (lx.HUNDRED, lx.SCALE, lx.FRACTION)):
            out.append(t.kind)  # a separator marker (used for فاصلة)
            i += 1
            continue
        b = _Builder()
        while i < len(chain) and b.attach(chain[i], chain[i + 1] if i + 1 < len(chain) else None):
            i += 1
        n = b.result()
        if n is None:  # the token cannot start a number
            i += 1
            continue
        out.append(n)
    return _join_points(out)


def _join_points(items: list) -> list:
    """Join 'N فاصلة M' into N.M and drop separator markers."""
    out = []
    i = 0
    while i < len(items):
        it = items[i]
        if isinstance(it, str):
            i += 1
            continue
        if (
            i + 2 < len(items) and items[i + 1] == lx.POINT and isinstance(items[i + 2], _Num)
            and not it.ordinal and not items[i + 2].ordinal and items[i + 2].value.denominator == 1
            and items[i + 2].value >= 0 and not items[i + 2].has_scale
        ):
            frac_n = items[i + 2]
            digits = frac_n.last.word if frac_n.digits_only and frac_n.ntok == 1 else None
            nd = len(digits) if digits and digits.isdigit() else len(str(frac_n.value.numerator))
            it.value = it.value + Fraction(frac_n.value.numerator, 10**nd)
            it.unit = Fraction(1, 10**nd)
            it.end, it.last = frac_n.end, frac_n.last
            it.digits_only = False
            out.append(it)
            i += 3
            continue
        out.append(it)
        i += 1
    return out


def _chains(nt: NormalizedText, M: dict):
    """Group tokens into chains of adjacent tokens; specials pass through alone."""
    text = nt.text
    gap = M["gap"]
    chain: list = []
    for t in _tokens(nt, M):
        if isinstance(t, _Special):
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


# ---------------------------------------------------------------------------
# Context: kind, qualifier, span


def _as_number(v: int | float | Fraction) -> int | float:
    if isinstance(v, (int, float)):
        return v
    return int(v) if v.denominator == 1 else float(v)


def _interval(value: int | Fraction, unit: int | Fraction, qualifier: str, kind: str) -> tuple[float, float]:
    """Return (low, high) admitted by the figure given its hedge and written precision."""
    if kind in ("year", "date", "ordinal", "other") or isinstance(value, float):
        return float(value), float(value)
    if kind != "percent" and value.denominator == 1 and unit <= 1:
        half = 0  # a count written to the unit is exact
    else:
        half = Fraction(unit, 2)
    if qualifier == "exact":
        return float(value - half), float(value + half)
    if qualifier == "approximately":
        margin = max(half, abs(value) * APPROX_REL)
        return float(value - margin), float(value + margin)
    if qualifier in ("more_than", "at_least"):
        return float(value), math.inf
    if qualifier in ("less_than",):
        return min(0.0, float(value)), float(value)
    return min(0.0, float(value)), float(value + half)  # at_most, up_to


def _hedge_before(text: str, s: int, M: dict) -> tuple[str | None, int]:
    """Find a hedge right before normalized offset s; return (qualifier, hedge start)."""
    window = text[max(0, s - 48):s]
    m = M["hedge_before"].search(window)
    if m:
        return M["hedge_before_map"][lx.phrase_key(m.group("h"))], s - len(window) + m.start("h")
    window = text[max(0, s - 110):s]
    m = M["hedge_verb"].search(window)
    if m:
        return M["hedge_verb_map"][lx.phrase_key(m.group("h"))], s - len(window) + m.start("h")
    return None, s


def _year_like(n: _Num, text: str, hijri: bool = False) -> bool:
    """A four-digit integer in the Gregorian (1900-2100) or, with hijri, Hijri (1300-1600) year range."""
    if not (n.digits_only and n.ntok == 1 and not n.has_scale):
        return False
    raw = text[n.start:n.end]
    if not (len(raw) == 4 and raw.isdigit()):
        return False
    return 1300 <= n.value <= 1600 if hijri else 1900 <= n.value <= 2100


def _classify(n: _Num, text: str, M: dict, standalone: bool):
    """Return (kind, qualifier, start, end, unit) or None to drop the number."""
    s, e = n.start, n.end
    kind = None
    unit_code = None
    before = text[max(0, s - 48):s]
    if n.ordinal:
        if M["month_head_before"].search(before):
            return None
        after = text[e:e + 60]
        if M["day_after"].match(after) or M["day_range_after"].match(after):
            return "date", "exact", s, e, None
        return "ordinal", "exact", s, e, None
    # percent markers
    m = M["percent_after"].match(text, e)
    if m:
        kind, e = "percent", m.end()
    else:
        m = M["percent_before"].search(before)
        if m:
            kind, s = "percent", s - (len(before) - m.start())
    if kind is None:
        m = M["currency_after"].match(text, e)
        if m:
            kind, unit_code = "money", M["currency_after_map"][lx.phrase_key(m.group("c"))]
        else:
            m = M["currency_before"].search(before)
            if m:
                kind, unit_code = "money", M["currency_before_map"][m.group("c")]
    ctx_end = e
    if kind == "money":
        mc = M["currency_after"].match(text, e)
        ctx_end = mc.end() if mc else e
    qualifier, hstart = _hedge_before(text, s, M)
    if qualifier is None:
        m = M["hedge_after"].match(text, ctx_end)
        if m:
            qualifier = M["hedge_after_map"][lx.phrase_key(m.group("h"))]
    elif qualifier == "up_to" and kind == "percent":
        # "بمقدار 900 الف ... وبنسبة تصل الى 45 بالمائة": the percent restates a stated change
        head = text[max(0, hstart - 20):hstart]
        lead = text[max(0, hstart - 140):hstart]
        if not head.rstrip().endswith("ما") and M["restated_percent"].search(text[max(0, hstart - 20):s]) and M["restated_amount"].search(lead):
            qualifier = "exact"
    if kind is None and not n.has_scale and 0 <= n.value <= 100 and M["percent_cue"].search(text[max(0, s - 60):s]):
        nw = M["next_word"].match(text, e)
        if nw is None or nw.group("w") in M["function_words"]:
            kind = "percent"
    if kind is None:
        kind = _cardinal_kind(n, text, s, e, before, qualifier, M, standalone)
        if kind is None:
            return None
    if n.words and not n.has_scale and n.ntok == 1 and n.first.kind == lx.FRACTION and not standalone and kind != "percent":
        return None  # a lone نصف / ربع is a share word, not a figure
    return kind, qualifier or "exact", s, e, unit_code


def _cardinal_kind(n: _Num, text: str, s: int, e: int, before: str, qualifier, M: dict, standalone: bool):
    """Kind of a plain cardinal from its neighbours: year, date, other (duration), number."""
    if _year_like(n, text, hijri=True) and not _year_like(n, text) and qualifier is None:
        if M["hijri_suffix"].match(text, e) or M["year_strong"].search(before):
            return "year"
    if _year_like(n, text) and qualifier is None:
        if (
            M["year_suffix"].match(text, e)
            or M["period_before"].search(before)
            or M["year_strong"].search(before)
            or M["month_before"].search(before)
            or M["year_range_after"].match(text, e)
            or M["year_range_before"].search(before)
        ):
            return "year"
        nw = M["next_word"].match(text, e)
        gap = text[e:nw.start("w")] if nw else ""
        if nw is None or "\n" in gap or nw.group("w") in M["function_words"] or M["year_weak"].search(before):
            if nw is None or nw.group("w") in M["function_words"] or "\n" in gap or _ends_clause(text, e):
                return "year"
        return "number" if nw is not None else "year"
    if n.digits_only and n.value.denominator == 1 and 1 <= n.value <= 31 and M["month_after"].match(text, e):
        return "date"
    if n.digits_only and n.ntok == 1 and not n.has_scale and text[s:e].isdigit() and e - s >= 6 and M["phone_cue"].search(text, max(0, s - 40), s):
        return "other"  # a phone or reference number after a cue word (هاتف، الرقم الموحد)
    if n.digits_only and n.ntok == 1 and not n.has_scale and n.value.denominator == 1:
        if M["rank_cue"].search(before):
            return "ordinal"  # المرتبة 6 عالميا
        if M["label_cue"].search(before):
            return "other"  # المادة 12، القرار رقم 5
    if not n.has_scale and n.value < 1000 and M["time_unit_after"].match(text, e):
        return "other"  # a duration (24 ساعة); 2.5 مليون ساعة عمل is a statistic
    if n.words and n.ntok == 1 and n.value == 1 and n.first.kind == lx.UNIT:
        if M["time_unit_before"].search(before):
            return "other"
        if not standalone and (M["one_idiom_before"].search(before) or M["one_idiom_after"].match(text, e)):
            return None
    if n.words and n.ntok == 1 and n.first.art and n.first.word in M["day_names"]:
        return None
    if n.words and n.ntok == 1 and n.first.art and not standalone and ("ال" + n.first.word) in M["day_names"]:
        return None
    return "number"


_CLAUSE_END = re.compile(r"[ \u00a0]*(?:[.,:;!?()\u060c\u061b\u061f\n\"\u201d]|$)")


def _ends_clause(text: str, e: int) -> bool:
    return _CLAUSE_END.match(text, e) is not None


def _apply_ranges(found: list, text: str, M: dict) -> None:
    """'بين 3 و5 ملايين' / 'من 10 الى 20': give both ends the range's interval."""
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if b["kind"] not in ("number", "percent", "money") or a["kind"] not in ("number", b["kind"]):
            continue
        if not M["range_mid"].match(text[a["end"]:b["start"]]):
            continue
        before = text[max(0, a["start"] - 12):a["start"]]
        if not (M["range_between"].search(before) or M["range_from"].search(before) or "-" in text[a["end"]:b["start"]]):
            continue
        na, nb = a["num"], b["num"]
        if not na.has_scale and nb.has_scale and nb.last.kind == lx.SCALE:
            scale = nb.last.value
            if na.value * scale <= nb.value:
                a["value"] = na.value * scale
                a["unit"] = na.unit * scale
        if a["value"] > b["value"] or a["qualifier"] not in ("exact", "approximately"):
            continue
        a["kind"], a["code"] = b["kind"], b["code"]  # "من 10 الى 20 دولار": both ends are dollars
        a["qualifier"], b["qualifier"] = "at_least", "at_most"
        a["range"] = b["range"] = (a["value"] - a["unit"] / 2 if a["unit"] > 1 else a["value"], b["value"] + (b["unit"] / 2 if b["unit"] > 1 else 0))


def _scan(raw: str, standalone: bool = False) -> list[NumberMention]:
    nt = normalize(raw)
    text = nt.text
    M = _matchers()
    found: list[dict] = []
    for item in _chains(nt, M):
        if isinstance(item, _Special):
            found.append({"kind": item.kind, "value": item.value, "unit": 1, "start": item.start, "end": item.end, "qualifier": "exact", "code": None, "num": None})
            continue
        for n in _read_chain(item):
            c = _classify(n, text, M, standalone)
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
    _apply_ranges([f for f in clean if f["num"] is not None], text, M)
    out = []
    for f in clean:
        rs, re_ = nt.span_to_raw(f["start"], f["end"])
        value = f["value"]
        if "range" in f:
            low, high = (float(x) for x in f["range"])
        else:
            low, high = _interval(value, f["unit"], f["qualifier"], f["kind"])
        out.append(NumberMention(rs, re_, raw[rs:re_], _as_number(value), f["kind"], f["qualifier"], low, high, f["code"]))
    return out


def find_numbers(text: str) -> list[NumberMention]:
    """Find every numeric mention in Arabic (or mixed) text, in text order.

    Args:
        text: any string; offsets in the result index this exact string.
    Returns:
        A list of NumberMention, sorted by start, non-overlapping.
    Raises:
        TypeError: when text is not a str.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_numbers expects a str, got {type(text).__name__}")
    return _scan(text)


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
