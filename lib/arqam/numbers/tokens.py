"""Number tokens: digit clusters and vocabulary words found in normalized text, grouped into chains."""

from __future__ import annotations

import math
import re
from fractions import Fraction

from .. import lexicon as lx
from ..normalize import NormalizedText


class Tok:
    """A number token: a vocabulary word or a digit cluster."""

    __slots__ = ("kind", "value", "number", "art", "conj", "start", "end", "wstart", "unit", "art_only", "word", "astart", "year_before_scale")

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
        self.year_before_scale = False  # 'في 2022 مليونا ...': a year, not the scale's count


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
        k = len(frac)
        return Fraction(int(whole + frac) if whole else int(frac), 10**k), _DECIMAL_UNITS[k] if k < 16 else Fraction(1, 10**k)
    return int(s), 1


_DECIMAL_UNITS = [Fraction(1, 10**k) for k in range(16)]  # the unit of a figure's last decimal digit


MAX_DIGITS = 30  # longer digit runs are codes or noise, never a statistic


def _concat_digits(s: str) -> int | float:
    digits = "".join(ch for ch in s if ch.isdigit()) or "0"
    if len(digits) > 300:  # beyond float range; int() of huge strings is also refused by Python
        return math.inf
    return int(digits) if len(digits) <= MAX_DIGITS else float(digits)


def _valid_date(y: int, mo: int, d: int) -> bool:
    return 1 <= mo <= 12 and 1 <= d <= 31 and 1000 <= y <= 2999


def _classify_cluster(s: str, start: int, dot_thousands: bool = False) -> list:
    """Turn one digit cluster into number tokens and/or special mentions.

    Args:
        s: the cluster (digits and separators) at normalized offset `start`.
        dot_thousands: read a single dot group ("27.615") as a thousands separator.
    """
    end = start + len(s)
    if s.isdigit():
        if len(s) > MAX_DIGITS or (s[0] == "0" and len(s) >= 7):
            return [Special("other", _concat_digits(s), start, end)]  # a code or phone number
        return [Tok(lx.DIGITS, int(s), start, end, start)]
    if "\u060c" in s:
        return _arabic_comma_cluster(s, start)
    if "/" not in s and "-" not in s and ":" not in s and s.count(".") != 2:
        return _grouped_cluster(s, start, end, dot_thousands)  # the common case: thousands and decimals
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
        if len(m[1]) == 4 and 1900 <= num <= 2100 and (den == num + 1 or (len(m[2]) == 2 and den == (num + 1) % 100)):
            return [Special("year", num, start, end)]  # a fiscal or school year: 2023/2024, 2023/24
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
    if dot_thousands:
        return [Tok(lx.DIGITS, int(s.replace(".", "")), start, end, start)]
    read = _digits_value(s)
    if read is None:
        return [Special("other", digits, start, end)]  # "1,2,3" and other irregular groups
    return [Tok(lx.DIGITS, read[0], start, end, start, unit=read[1])]


def _grouped_cluster(s: str, start: int, end: int, dot_thousands: bool) -> list:
    """Digits with thousands separators or a decimal sign (no date, time, range or fraction sign)."""
    if len(s) - s.count(",") - s.count(".") - s.count("\u00a0") > MAX_DIGITS:
        return [Special("other", _concat_digits(s), start, end)]
    if s[0] == "0" and len(s) >= 7 and not _RE_DECIMAL_DOT.fullmatch(s) and not _RE_DECIMAL_COMMA.fullmatch(s):
        return [Special("other", _concat_digits(s), start, end)]  # phone or code number
    if dot_thousands:
        return [Tok(lx.DIGITS, int(s.replace(".", "")), start, end, start)]
    read = _digits_value(s)
    if read is None:
        return [Special("other", _concat_digits(s), start, end)]  # "1,2,3" and other irregular groups
    return [Tok(lx.DIGITS, read[0], start, end, start, unit=read[1])]


_RE_ARABIC_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:\u060c\d{3})+")
_RE_ARABIC_COMMA_DECIMAL = re.compile(r"(\d{1,3})\u060c(\d{1,2})")


def _arabic_comma_cluster(s: str, start: int) -> list:
    """'١،٢٣٤،٥٦٧' groups thousands, '2،5' is a decimal; any other '2020،2021' is a list."""
    if _RE_ARABIC_COMMA_THOUSANDS.fullmatch(s) and not _RE_ARABIC_COMMA_DECIMAL.fullmatch(s):
        return _classify_cluster(s.replace("\u060c", ","), start)
    m = _RE_ARABIC_COMMA_DECIMAL.fullmatch(s)
    if m:
        return _classify_cluster(f"{m[1]}.{m[2]}", start)
    out: list = []
    pos = start
    for part in s.split("\u060c"):
        if part:
            out.extend(_classify_cluster(part, pos))
        pos += len(part) + 1
    return out


def _reversed_decimal(cluster: str, after: str) -> tuple[Fraction, Fraction]:
    """Read the wire form 'FRACر INT' (digits in reversed logical order): '5ر2' is 2.5, '3805 ر0' is 0.3805."""
    frac = Fraction(int(cluster), 10 ** len(cluster))
    return int(after or "0") + frac, Fraction(1, 10 ** len(cluster))


def scan_tokens(nt: NormalizedText, M: dict):
    """Yield tokens and specials in text order.

    One regex pass: its first character is a non-letter (a digit starts a digit
    cluster, any other non-letter is the boundary before a word), which lets the
    regex engine skip ahead over letters without trying a match at each one.
    """
    text = nt.text
    space_groups = M["space_groups"]
    word_at = M["word_at"]
    skip_to = 0
    n = len(text)
    named_before = M["named_number_before"]
    named_ends = named_before.ends
    reversed_decimal = M["reversed_decimal"]
    doc = _DocFacts(text)
    first = word_at.match(text, 0) if text and not _NON_LETTER(text[0]) else None
    matches = M["token"].finditer(text)
    pending = first
    while True:
        if pending is not None:
            mt, pending = pending, None
        else:
            mt = next(matches, None)
            if mt is None:
                return
        ws = mt.start(1)  # group 1 is the word (see patterns.py): -1 for a digit cluster
        if ws >= 0:
            if mt.start() < skip_to:
                continue
            tok = _word_token(mt, nt, M)
            if tok is not None:
                yield tok
            continue
        start, end = mt.span()
        if start < skip_to:
            continue
        if end < n and text[end].isalpha():
            pending = word_at.match(text, end)  # '5ملايين': the word after digits has no boundary of its own
        before = text[start - 1] if start else ""
        if before == "." and (start < 2 or not text[start - 2].isdigit()):
            start -= 1  # '.5'
            before = text[start - 1] if start else ""
        s = text[start:end]
        plain = s.isdigit()
        if plain and end - start <= 3:
            g = space_groups.match(text, end)
            if g:
                s = s + g.group().replace(" ", "\u00a0")
                end = skip_to = g.end()
                plain = False
        if before == "+":
            yield Special("other", _concat_digits(s), start - 1, end)
            continue
        if _latin_glued(text, start, end) or (
            text[max(0, start - 12):start].rstrip(" \u00a0-").endswith(named_ends)
            and named_before.search(text, max(0, start - 16), start)
        ):
            yield Special("other", _concat_digits(s), start, end)
            continue
        if plain:
            if s == "24" or s == "7":  # '24 / 7', '24 ساعة/7 أيام'; '24/7' is one cluster (below)
                h = M["service_hours"].match(text, start)
                if h:
                    skip_to = h.end()
                    continue
            if end < n and text[end] in "\u0631 \u00a0":
                r = reversed_decimal.match(text, end)
                if r and (r.group("i") or _reversed_cue_before(text, start, M)):
                    value, unit = _reversed_decimal(s, r.group("i"))
                    skip_to = r.end()
                    yield Tok(lx.DIGITS, value, start, r.end(), start, unit=unit)
                    continue
            if len(s) == 4 and 1900 <= int(s) <= 2100 and M["scale_after"].match(text, end) and _year_cue_before(text, start, M):
                t = Tok(lx.DIGITS, int(s), start, end, start)
                t.year_before_scale = True
                yield t
                continue
        elif s.startswith(("24/7", "7/24")):
            continue  # round-the-clock service hours, not a figure
        negative = start > 0 and text[start - 1] == "-" and _lone_minus(text, start - 1)
        dot_thousands = not plain and _RE_ONE_DOT_GROUP.fullmatch(s) is not None and _dot_is_thousands(nt, start, end, M, doc)
        for t in _classify_cluster(s, start, dot_thousands):
            if negative and isinstance(t, Tok) and t.start == start:
                t.value = -t.value
                t.start = t.wstart = start - 1
                negative = False
            yield t


def _reversed_cue_before(text: str, start: int, M: dict) -> bool:
    """An index word (مؤشر، معدل ...) earlier in the sentence: '3582 ر' is then the wire decimal 0.3582."""
    lead = text[max(0, start - 60):start]
    cut = max(lead.rfind(c) for c in ".\n!?\u061f")
    return M["reversed_decimal_cue"].search(lead, cut + 1) is not None


def _year_cue_before(text: str, start: int, M: dict) -> bool:
    """A year cue (عام، في، خلال ...) right before a four-digit figure."""
    before = text[max(0, start - 48):start]
    return bool(M["year_strong"].search(before) or M["year_weak"].search(before) or M["period_before"].search(before))


_NON_LETTER = re.compile(r"[\W\d_]").match
_RE_ONE_DOT_GROUP = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_RE_DOT_THOUSANDS_ANYWHERE = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3}){2,}(?![\d.])")


class _DocFacts:
    """Facts about the whole text, computed on first use."""

    __slots__ = ("text", "_dot_groups")

    def __init__(self, text: str):
        self.text = text
        self._dot_groups = None

    def uses_dot_groups(self) -> bool:
        """True when the text writes some figure with dots between thousands (1.575.431)."""
        if self._dot_groups is None:
            self._dot_groups = _RE_DOT_THOUSANDS_ANYWHERE.search(self.text) is not None
        return self._dot_groups


def _dot_is_thousands(nt: NormalizedText, start: int, end: int, M: dict, doc: _DocFacts) -> bool:
    """Whether '27.615' (one dot, three digits after it) is 27,615 rather than 27.615.

    A count is written with a thousands dot where the figure counts things: the
    next word is a counted noun. A scale word, a percent, a unit of measure or the
    Arabic decimal sign (٫) keeps the decimal; with no word after it, the text's
    other figures decide (1.575.431 elsewhere means dots group thousands).
    """
    dot = nt.text.index(".", start)
    if nt.raw[nt.to_raw(dot)] != ".":
        return False  # written with the Arabic decimal separator
    text = nt.text
    if M["decimal_after"].match(text, end):
        return False
    cur = M["currency_after"].match(text, end)
    if cur is not None and M["currency_after_map"][lx.phrase_key(cur.group("c"))] in M["decimal_currencies"]:
        return False  # '2.500 دينار كويتي': dinars and thousandths
    nw = M["next_word"].match(text, end)
    if nw is not None and nw.start("w") - end <= 2 and nw.group("w") not in M["function_words"] and nw.group("w") not in M["word_split"]:
        return True
    return doc.uses_dot_groups()


def _word_token(mt, nt: NormalizedText, M: dict):
    """Build the token of a vocabulary word match, or None when the match is not a number."""
    pre_len, word, kind, value, number, art_len, conj, art_only, homograph = M["word_info"][mt.group(1)]
    ws = mt.start(1)
    start = ws + pre_len
    end = mt.end(1)
    suffixed = mt.start(2) >= 0
    if suffixed and kind != lx.FRACTION:
        return None  # 'الفهم' is not الف + هم
    if homograph and not art_len and not suffixed:
        frac = _homograph_fraction(word, nt, start, end, M)
        if frac is not None:
            kind, value, number = lx.FRACTION, frac, "sg"
    return Tok(kind, value, start, end, ws, number, art_len > 0, conj, 1, art_only, word, start - art_len)


def _homograph_fraction(word: str, nt: NormalizedText, start: int, end: int, M: dict):
    """خُمس (damma on the first letter) or 'خمس السكان' (before a definite noun) is a fifth, not five."""
    value, definite = M["fraction_homographs"][word]
    text = nt.text
    split = M["word_split"]
    nw = M["next_word_after_and"].match(text, end)
    if nw is not None and nw.group("w") in split:
        nxt = M["words"][split[nw.group("w")][1]]
        if nxt.kind != lx.SCALE or nxt.number != "sg":
            return None  # 'سبع مئة'، 'سبع وثلاثون'، 'عشر آلاف' are cardinals whatever their marks; 'خُمس مليون' is a fraction
    prev = text[max(0, start - 16):start].split()
    if prev and prev[-1] in split and M["words"][split[prev[-1]][1]].kind in (lx.UNIT, lx.TEEN_UNIT, lx.ORDINAL, lx.ORDINAL_TEEN_UNIT):
        return None  # 'أحد عشر': the ten of a teen
    if nt.deletions:
        r = nt.to_raw(start)
        if r + 1 < len(nt.raw) and nt.raw[r + 1] == "\u064f" and not _counted_noun_after(text, end, M):
            return value
    if definite:
        nw = M["definite_after"].match(text, end)
        if nw is not None and nw.group("w") not in split:
            return value
    return None


def _counted_noun_after(text: str, end: int, M: dict) -> bool:
    """An indefinite noun right after the word ('خمس عمليات'): the word counts it, it is a cardinal.

    A fraction stands before a definite noun (خُمس السكان), a scale word (خُمس مليون), a unit of
    time (خُمس ساعة) or nothing at all.
    """
    nw = M["next_word"].match(text, end)
    if nw is None or nw.start("w") - end > 2:
        return False
    w = nw.group("w")
    if w.startswith(("\u0627\u0644", "\u0644\u0644")) or w in M["function_words"] or w in M["word_split"]:
        return False
    return M["time_unit_after"].match(text, end) is None


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
    """Group tokens into chains of adjacent tokens; specials pass through alone.

    Tokens are adjacent across blanks and a lone و; a parenthesised figure before
    its scale word ("(12) مليون") is adjacent too, and its span takes the bracket.
    """
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
            pe, ws = prev.end, t.wstart
            if ws - pe == 1 and text[pe] == " ":  # the common case, without the regex
                g = True
            elif ws > pe and text[pe] not in " \u00a0\u0648":
                g = None  # not adjacent (and no slice of the text between them)
            else:
                g = gap.fullmatch(text, pe, ws)
                if g is not None and "\u0648" in g.group():
                    t.conj = True
            if g is None:
                if _bracketed_before_scale(prev, t, text, M):
                    p = M["paren_before"].search(text, max(0, prev.start - 4), prev.start)
                    prev.start = prev.wstart = prev.astart = p.start()
                else:
                    yield chain
                    chain = []
        if t.kind == lx.DIGITS:
            t.word = text[t.start:t.end]
        chain.append(t)
    if chain:
        yield chain


def _bracketed_before_scale(prev: Tok, t: Tok, text: str, M: dict) -> bool:
    """'(12) مليون' / '( 12) مليون': digits alone in brackets, then a scale word."""
    return (
        t.kind == lx.SCALE and prev.kind == lx.DIGITS and not t.conj and not t.art
        and M["paren_gap"].fullmatch(text, prev.end, t.wstart) is not None
        and M["paren_before"].search(text, max(0, prev.start - 4), prev.start) is not None
    )
