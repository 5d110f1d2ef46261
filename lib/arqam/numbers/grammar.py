"""The grammar: read a chain of adjacent tokens into cardinal and ordinal numbers."""

from __future__ import annotations

from fractions import Fraction

from .. import lexicon as lx
from .tokens import Tok


class Num:
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


class Builder:
    """Left-to-right reader of one cardinal number."""

    __slots__ = ("total", "last_scale", "grp", "parts", "grp_unit", "unit", "ntok", "toks", "closed", "has_scale", "conj_seen", "frac_scale", "pending")

    def __init__(self):
        self.conj_seen = False  # a group was joined by و (so a last group may come without it)
        self.frac_scale = None  # 'مليون ونصف': the scale a closing fraction applied to
        self.pending = None  # 'عشرون وثلاثة أخماس': the count of a fraction still to come
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

    def attach(self, t: Tok, nxt: Tok | None) -> bool:
        """Extend the number with token t if the grammar allows; return whether it did."""
        k = t.kind
        if self.closed:
            # 'مليون ونصف مليون': the scale word repeated after its fraction
            if k == lx.SCALE and t.value == self.frac_scale and not t.conj and not t.art and t.number == "sg":
                self.frac_scale = None
                return self._take(t)
            return False
        first = self.ntok == 0
        parts = self.parts
        if self.pending is not None:
            return self._pending_fraction(t)
        if not first and (t.art or not (t.conj or self._adjacent_ok(t))):
            return False
        if t.art and k in (lx.HUNDRED, lx.SCALE, lx.POINT):
            return False
        if t.art and k == lx.FRACTION and not (first and nxt is not None and nxt.kind == lx.SCALE and not nxt.conj and not nxt.art):
            return False  # 'الربع مليار' is a quarter of a billion; a lone الربع is not a figure
        if t.conj and not first:
            self.conj_seen = True
        after_scale = self.last_scale is not None and not parts
        if after_scale and not t.conj and not self._last_group_without_and(t):
            return False
        if k == lx.UNIT and t.conj and not first and nxt is not None and nxt.kind == lx.FRACTION and nxt.number == "pl" and not nxt.conj and "F" not in parts:
            self.pending = t.value  # 'ثلاثون وتسعة أعشار'
            return self._take(t)
        if k == lx.DIGITS:
            if parts == {"H"} and t.conj and t.value.denominator == 1 and 0 < t.value < 100 and self.toks[-1].kind == lx.HUNDRED:
                self.grp += t.value  # '٤ مئة و ١٢'
                parts.add("D")
                return self._take(t)
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
            if parts == {"D"} and t.value == 100 and not t.conj and self.grp in range(1, 10) and self.grp_unit == 1:
                self.grp *= 100  # '٤ مئة'
                parts.clear()
                parts.add("H")
                return self._take(t)
            return False
        if k == lx.SCALE:
            if self.last_scale is not None and t.value >= self.last_scale:
                return False
            if parts == {"D"} and self.toks[-1].year_before_scale:
                return False  # 'في 2022 مليونا و300 ألف': a year, then 1,300,000
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
            if not t.conj or t.number == "pl":
                return False
            if after_scale:
                self.total += t.value * self.last_scale
                self.unit = t.value * self.last_scale
                self.closed = True
                self.frac_scale = self.last_scale
                return self._take(t)
            if parts and "F" not in parts and "D" not in parts:
                self.grp += t.value
                self.grp_unit = t.value
                parts.add("F")
                return self._take(t)
            return False
        return False

    def _pending_fraction(self, t: Tok) -> bool:
        """Complete 'وثلاثة أعشار' after a whole number: the fraction multiplies only its own count."""
        count, self.pending = self.pending, None
        if t.kind != lx.FRACTION or t.number != "pl" or t.conj:
            return False
        frac = count * t.value
        if self.last_scale is not None and not self.parts:
            self.total += frac * self.last_scale
            self.unit = t.value * self.last_scale
            self.closed = True
        else:
            self.grp += frac
            self.grp_unit = t.value
            self.parts.add("F")
        return self._take(t)

    def _last_group_without_and(self, t: Tok) -> bool:
        """'مليون و250 ألفا 118': the units group of a number already joined by و may drop it."""
        return (
            t.kind == lx.DIGITS and self.conj_seen and t.value.denominator == 1
            and 0 < t.value < min(self.last_scale, 1000) and len(t.word or "") <= 3
        )

    def _adjacent_ok(self, t: Tok) -> bool:
        """Juxtaposition without و: teen/tens after hundreds (colloquial), scale after multiplier."""
        k = t.kind
        if k == lx.SCALE:
            return bool(self.parts)
        if k == lx.DIGITS:
            return self.last_scale is not None and not self.parts and self._last_group_without_and(t)
        if k == lx.HUNDRED:
            return self.parts == {"U"} or (self.parts == {"D"} and self.grp in range(1, 10))
        if k in (lx.UNIT, lx.TEN, lx.TEEN, lx.TENS):
            return self.parts == {"H"}
        if k == lx.FRACTION:
            return t.number == "pl"
        return False

    def result(self) -> Num | None:
        if not self.ntok:
            return None
        n = Num()
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
        n.value, n.unit = _whole(n.value), _whole(n.unit)
        return n


def _whole(v):
    """A Fraction with denominator 1 as an int (2.9 مليون is 2900000): later arithmetic stays in ints."""
    return v.numerator if type(v) is Fraction and v.denominator == 1 else v


def _digits_number(t: Tok) -> Num:
    """The number of a lone digit cluster (what Builder gives for it, without the grammar)."""
    n = Num()
    n.value, n.unit = t.value, t.unit
    n.first = n.last = t
    n.start, n.end = t.start, t.end
    n.ntok = 1
    return n


def _merge_teens(chain: list) -> list:
    """Merge 'unit + عشر' pairs (ثلاثة عشر، أحد عشر، الحادي عشر) into one token."""
    out = []
    i = 0
    while i < len(chain):
        t = chain[i]
        if i + 1 < len(chain):
            u = chain[i + 1]
            if t.kind == lx.TEEN_UNIT and t.value == 1 and u.kind == lx.TENS and u.conj and not u.art:
                # 'مئتان وإحدى وثلاثون': إحدى / أحد before و + tens is the unit one
                t = Tok(lx.UNIT, 1, t.start, t.end, t.wstart, art=t.art, conj=t.conj, word=t.word, astart=t.astart)
            if u.kind == lx.TEN and t.kind == lx.UNIT and t.value == 1 and t.word.startswith("و") and i > 0:
                # "ألف وأحد عشر": normalized وأحد reads as واحد; before عشر it is و + أحد
                t = Tok(lx.TEEN_UNIT, 1, t.start + 1, t.end, t.wstart, conj=True, word=t.word[1:])
            if u.kind == lx.TEN and not u.conj and not u.art and t.kind in (lx.UNIT, lx.TEEN_UNIT, lx.ORDINAL, lx.ORDINAL_TEEN_UNIT) and 1 <= t.value <= 9:
                kind = lx.ORDINAL if t.kind in (lx.ORDINAL, lx.ORDINAL_TEEN_UNIT) or t.art else lx.TEEN
                out.append(Tok(kind, t.value + 10, t.start, u.end, t.wstart, art=t.art, conj=t.conj, word=t.word + " " + u.word, astart=t.astart))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def _read_ordinal(chain: list, i: int) -> tuple[Num | None, int]:
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
    n = Num()
    n.value, n.first, n.last = value, t, last
    n.start, n.end = t.astart, last.end  # ordinal words keep their article
    n.ordinal = True
    n.words = True
    n.digits_only = False
    n.ntok = j - i
    return n, j


def _starts_ordinal(chain: list, i: int) -> bool:
    """Whether chain[i] can open an ordinal (الثالث، الحادي، العشرون، الخامس عشر)."""
    t = chain[i]
    return t.kind in (lx.ORDINAL, lx.ORDINAL_TEEN_UNIT) or (t.art and t.kind in (lx.TENS, lx.TEEN)) or (
        t.art and t.kind == lx.UNIT and i + 1 < len(chain) and chain[i + 1].kind == lx.TENS and chain[i + 1].art
    )


def read_chain(chain: list) -> list:
    """Split a chain of adjacent tokens into numbers."""
    if len(chain) == 1 and chain[0].kind == lx.DIGITS:
        return [_digits_number(chain[0])]  # the common case: a lone digit cluster
    chain = _merge_teens(chain)
    out = []
    i = 0
    while i < len(chain):
        t = chain[i]
        if _starts_ordinal(chain, i):
            n, i = _read_ordinal(chain, i)
            if n is not None:
                out.append(n)
            continue
        if t.art and t.kind == lx.HUNDRED and i + 1 < len(chain) and chain[i + 1].conj and _starts_ordinal(chain, i + 1):
            n, j = _read_ordinal(chain, i + 1)  # 'المئة والثالثة والأربعون'
            if n is not None:
                n.value += t.value
                n.first, n.start = t, t.astart
                n.ntok += 1
                out.append(n)
                i = j
                continue
        if t.art and t.kind == lx.FRACTION and i + 1 < len(chain) and chain[i + 1].kind == lx.SCALE and not chain[i + 1].conj:
            pass  # 'الربع مليار': read by the cardinal grammar below
        elif t.kind in (lx.TEEN_UNIT, lx.POINT) or (t.art and t.kind in (lx.HUNDRED, lx.SCALE, lx.FRACTION)):
            out.append(t.kind)  # a separator marker (used for فاصلة)
            i += 1
            continue
        b = Builder()
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
            i + 2 < len(items) and items[i + 1] == lx.POINT and isinstance(items[i + 2], Num)
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
