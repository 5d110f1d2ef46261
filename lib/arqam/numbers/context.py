"""Kind, qualifier and span of a number from its neighbours; ranges."""

from __future__ import annotations

import re
from fractions import Fraction

from .. import lexicon as lx
from ..normalize import NormalizedText
from .grammar import Num


def _cued(before: str, M: dict) -> bool:
    """Whether any cue that ends right before a figure (hedge, sign, year, label ...) can match `before`.

    One test of the window's last word against the last words of all those cues:
    most figures have none, and then none of their regexes needs to run.
    """
    t = before.rstrip(M["before_strip"])
    by_last = M["before_ends_by_last"]  # the ends grouped by their last character
    if t.endswith(by_last.get(t[-1:], ())):
        return True
    if t.endswith("\u0627\u0644"):
        t = t[:-2].rstrip(M["before_strip"])
        return t.endswith(by_last.get(t[-1:], ()))
    return False


def _hedge_before(text: str, s: int, M: dict, before: str, cued: bool) -> tuple[str | None, int]:
    """Find a hedge right before normalized offset s; return (qualifier, hedge start)."""
    if cued:
        m = M["hedge_before"].search(before)
        if m:
            q = M["hedge_before_map"][lx.phrase_key(m.group("h"))]
            if q == "up_to" and before[m.start("h") - 1:m.start("h")] == "ل" and m.group("h")[:1] in "يت":
                return None, s  # "ليصل إلى 2.6 مليون": the level reached, not a ceiling (a ceiling is "تصل إلى")
            return q, s - len(before) + m.start("h")
    window = text[max(0, s - 110):s]
    verb = M["hedge_verb"]
    if any(map(window.__contains__, verb.groups[0])) and any(map(window.__contains__, verb.groups[1])):
        m = verb.rx.search(window)
        if m:
            return M["hedge_verb_map"][lx.phrase_key(m.group("h"))], s - len(window) + m.start("h")
    return None, s


def _year_like(n: Num, text: str, hijri: bool = False) -> bool:
    """A four-digit integer in the Gregorian (1900-2100) or, with hijri, Hijri (1300-1600) year range."""
    if not (n.digits_only and n.ntok == 1 and n.end - n.start == 4 and type(n.value) is int and 1300 <= n.value <= 2100):
        return False
    if not text[n.start:n.end].isdigit():
        return False
    return 1300 <= n.value <= 1600 if hijri else 1900 <= n.value <= 2100


def classify(n: Num, nt: NormalizedText, M: dict, standalone: bool):
    """Return (kind, qualifier, start, end, unit) or None to drop the number.

    The number's value and unit are corrected in place where the context changes
    them: a sign word (سالب)، a dual in construct state (ألفا دينار)، a fraction
    read as a share (نصف الخدمات: 50 percent).
    """
    text = nt.text
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
        h = M["ordinal_hundred_after"].match(text, e)
        if h:  # 'الحادي عشر بعد المئة'
            n.value += M["words"][h.group("h")].value
            e = h.end()
        return "ordinal", "exact", s, e, None
    cued = _cued(before, M)
    sign = cued and M["sign_before"].search(before)
    if sign and n.value > 0:
        n.value = -n.value
        s = s - (len(before) - sign.start())
        before = text[max(0, s - 48):s]
        cued = _cued(before, M)
    if n.words and n.ntok == 1 and n.first.kind == lx.SCALE and _construct_dual(n, nt, M):
        n.value *= 2  # 'ألفا دينار': two thousand dinars
        n.unit *= 2
    # percent markers
    ctx_end = e
    m = M["percent_after"].match(text, e)
    if m:
        kind, e = "percent", m.end()
        ctx_end = e
    elif before.endswith(_PERCENT_BEFORE):
        kind, s = "percent", s - (len(before) - before.rindex("%"))
    if kind is None:
        m = M["currency_after"].match(text, e)
        if m and not _currency_false_friend(m, text, M):
            kind, unit_code = "money", M["currency_after_map"][lx.phrase_key(m.group("c"))]
            ctx_end = m.end()
        elif before[-2:].rstrip(" \u00a0")[-1:] in M["currency_symbol_ends"]:
            m = M["currency_before"].search(before, max(0, len(before) - M["currency_before_reach"]))
            if m:
                kind, unit_code = "money", M["currency_before_map"][m.group("c")]
    qualifier, hstart = _hedge_before(text, s, M, before, cued)
    if qualifier is None:
        ha = M["hedge_after"]  # its anchor test inlined: this runs for nearly every figure
        reach = min(len(text), ctx_end + ha.reach)
        if any(map(text[ctx_end:reach].__contains__, ha.groups[0])):
            m = ha.rx.match(text, ctx_end, reach)
            if m:
                qualifier = M["hedge_after_map"][lx.phrase_key(m.group("h"))]
    elif qualifier == "up_to" and kind == "percent":
        # "بمقدار 900 الف ... وبنسبة تصل الى 45 بالمائة": the percent restates a stated change
        head = text[max(0, hstart - 20):hstart]
        lead = text[max(0, hstart - 140):hstart]
        if not head.rstrip().endswith("ما") and M["restated_percent"].search(text[max(0, hstart - 20):s]) and M["restated_amount"].search(lead):
            qualifier = "exact"
    if kind is None and not n.has_scale and 0 <= n.value <= 100 and not _index_score(n):
        if M["percent_cue"].search(text[max(0, s - 60):s]):
            nw = M["next_word"].match(text, e)
            if nw is None or nw.group("w") in M["function_words"]:
                kind = "percent"
        if kind is None and (M["percent_word_after"].match(text, e) or _percentage_points(text, s, e, M)):
            kind = "percent"  # '23.5 نسبة الرقمنة' / 'ارتفعت النسبة 3 نقاط'
    if kind is None and n.words and not n.has_scale and n.last.kind == lx.FRACTION and 0 < n.value < 1 and not standalone:
        share = _fraction_kind(n, text, e, M)
        if share is None:
            return None
        if share == "percent":
            n.value = round(n.value * 100, 2)  # 'نصف الخدمات': half of them, 50%
            n.unit = Fraction(1, 100)
        kind = share
    if kind is None:
        kind = _cardinal_kind(n, text, s, e, before, qualifier, M, standalone, cued)
        if kind is None:
            return None
    return kind, qualifier or "exact", s, e, unit_code


def _construct_dual(n: Num, nt: NormalizedText, M: dict) -> bool:
    """'ألفا دينار' / 'مليونا مستخدم': the dual of a scale word in construct state before its noun.

    Written ألفا it is also the accusative singular (عشرين ألفا): the dual only
    opens a number, has no tanween in the raw text, and is followed by a noun.
    """
    t = n.first
    if not t.word.endswith("ا") or t.number != "sg" or t.art:
        return False
    text = nt.text
    nw = M["next_word"].match(text, n.end)
    if nw is None or nw.start("w") - n.end > 2:
        return False
    w = nw.group("w")
    if w in M["function_words"] or w in M["word_split"] or M["hedge_after"].match(text, n.end):
        return False
    if nt.deletions:
        rs, re_ = nt.span_to_raw(t.start, t.end)
        if "ً" in nt.raw[rs:re_ + 1]:
            return False  # ألفًا: the accusative singular, one thousand
    return True


def _currency_false_friend(m, text: str, M: dict) -> bool:
    """'أوقية ذهب' is an ounce of gold, not the Mauritanian currency."""
    rx = M["currency_not_after"].get(lx.phrase_key(m.group("c")))
    return rx is not None and rx.match(text, m.end()) is not None


_THOUSANDTH = Fraction(1, 1000)
_PERCENT_BEFORE = ("%", "% ", "%\u00a0")  # '%23.5': the sign written before the figure


def _index_score(n: Num) -> bool:
    """0,7123 or 0.786: an index value below one written to three or more decimals is not a percent."""
    return n.digits_only and 0 < n.value < 1 and n.unit <= _THOUSANDTH


def _percentage_points(text: str, s: int, e: int, M: dict) -> bool:
    """'3 نقاط مئوية', or '28 نقطة' after a percent cue earlier in the same sentence."""
    m = M["points_after"].match(text, e)
    if m is None:
        return False
    if m.group("sure"):
        return True
    lead = text[max(0, s - 90):s]
    cut = max(lead.rfind(c) for c in ".\n!?\u061f")
    return M["percent_word"].search(lead, cut + 1) is not None


def _fraction_kind(n: Num, text: str, e: int, M: dict) -> str | None:
    """Kind of a fraction below one that stands alone in running text, or None to drop it.

    Before a definite noun, with a pronoun suffix or before من it is a share
    (نصف الخدمات، ثلثاها، ربع من شملهم): a percent. Before a unit of time it is a
    duration (نصف ساعة). A lone نصف / ربع otherwise is a share word, not a figure.
    """
    if e < len(text) and not M["non_letter"](text[e]):
        return "percent"  # a pronoun suffix: ثلثاها
    if M["time_unit_after"].match(text, e):
        return "other"
    d = M["share_after"].match(text, e)
    if d is not None and d.group("w") not in M["word_split"]:
        return "percent"
    return "number" if n.ntok > 1 else None


def _cardinal_kind(n: Num, text: str, s: int, e: int, before: str, qualifier, M: dict, standalone: bool, cued: bool = True):
    """Kind of a plain cardinal from its neighbours: year, date, other (duration), number."""
    if n.digits_only and n.ntok == 1 and n.first.year_before_scale:
        return "year"
    if _year_like(n, text, hijri=True) and not _year_like(n, text) and qualifier is None:
        if M["hijri_suffix"].match(text, e) or (cued and M["year_strong"].search(before)):
            return "year"
    if _year_like(n, text) and qualifier is None:
        if (
            M["year_suffix"].match(text, e)
            or (cued and M["period_before"].search(before))
            or (cued and M["year_strong"].search(before))
            or (cued and M["month_before"].search(before))
            or M["year_range_after"].match(text, e)
            or M["year_range_before"].search(before)
        ):
            return "year"
        nw = M["next_word"].match(text, e)
        gap = text[e:nw.start("w")] if nw else ""
        if nw is None or "\n" in gap or nw.group("w") in M["function_words"] or (cued and M["year_weak"].search(before)):
            if nw is None or nw.group("w") in M["function_words"] or "\n" in gap or _ends_clause(text, e):
                return "year"
        return "number" if nw is not None else "year"
    if n.digits_only and n.value.denominator == 1 and 1 <= n.value <= 31 and M["month_after"].match(text, e):
        return "date"
    if n.digits_only and n.ntok == 1 and not n.has_scale and text[s:e].isdigit() and e - s >= 6 and M["phone_cue"].search(text, max(0, s - 40), s):
        return "other"  # a phone or reference number after a cue word (هاتف، الرقم الموحد)
    if not n.has_scale and n.value < 1000 and M["time_unit_after"].match(text, e) and not M["unit_then_year"].match(text, e):
        return "other"  # a duration (24 ساعة, also after المركز); 2.5 مليون ساعة عمل is a statistic
    if n.digits_only and n.ntok == 1 and not n.has_scale and n.value in M["rating_tops"] and _rating_top(n, text, e, before, M):
        return "other"  # "تقييم 4.5 من 5": the top of the rating scale
    if n.digits_only and n.ntok == 1 and not n.has_scale and n.value.denominator == 1:
        if cued and M["rank_cue"].search(before) and not M["rank_places_after"].match(text, e):
            return "ordinal"  # المرتبة 6 عالميا (but "تحسنت مرتبته 12 مركزا" counts places)
        if before.endswith(M["rank_before_ends"]) and (
            M["rank_range_before"].search(before) or (M["definite_number"].search(before) and M["rank_league_after"].match(text, e))
        ):
            return "ordinal"  # "من المركز 27 إلى 31"، "والـ 50 دوليا"
        if cued and M["label_cue"].search(before):
            return "other"  # المادة 12، القرار رقم 5
    if n.words and n.ntok == 1 and n.value == 1 and n.first.kind == lx.UNIT:
        if cued and M["time_unit_before"].search(before):
            return "other"
        if not standalone and (
            (cued and M["one_idiom_before"].search(before)) or M["one_idiom_after"].match(text, e) or _negated_one(before, M)
        ):
            return None
        if n.first.art and not standalone:
            return None  # 'الحكومة الواحدة': the unified government
    if n.words and n.ntok == 1 and n.first.art and n.first.word in M["day_names"]:
        return None
    if n.words and n.ntok == 1 and n.first.art and not standalone and ("ال" + n.first.word) in M["day_names"]:
        return None
    return "number"


def _rating_top(n: Num, text: str, e: int, before: str, M: dict) -> bool:
    """Whether the number closes "X من N" as the top of a rating scale: X at most N, then a rating unit or
    the end of the clause ("تقييم 4.5 من 5"، "8 من 10 درجات"; not "30 من 100 مؤسسة")."""
    m = M["rating_before"].search(before)
    if m is None or M["rating_after"].match(text, e) is None:
        return False
    if n.value == 100 and M["rating_unit_after"].match(text, e) is None:
        return False  # "30 من 100 في المسح": a whole, unless a rating unit says it is a score (85 من 100 درجة)
    x = float(m.group("x").replace(",", "."))
    return x <= n.value


def _negated_one(before: str, M: dict) -> bool:
    """'دون الحاجة إلى مراجعة واحدة': not a single one (but 'لم يبق سوى مكتب واحد' counts one)."""
    m = M["one_negation_before"].search(before)
    return m is not None and M["one_negation_exception"].search(before, m.start()) is None  # (between the negation and the figure)


_CLAUSE_END = re.compile(r"[ \u00a0]*(?:[.,:;!?()\u060c\u061b\u061f\n\"\u201d]|$)")


def _ends_clause(text: str, e: int) -> bool:
    return _CLAUSE_END.match(text, e) is not None


def apply_ranges(found: list, text: str, M: dict) -> None:
    """'بين 3 و5 ملايين' / 'من 10 الى 20': give both ends the range's interval."""
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if b["kind"] not in ("number", "percent", "money") or a["kind"] not in ("number", b["kind"]):
            continue
        if not M["range_mid"].fullmatch(text, a["end"], b["start"]):
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
        if not M["range_between"].search(before) and M["range_change_before"].search(text, max(0, a["start"] - 60), a["start"]):
            continue  # "ارتفعت النسبة من 52% إلى 58%": two levels of a change, each exact
        a["qualifier"], b["qualifier"] = "at_least", "at_most"
        a["range"] = b["range"] = (a["value"] - a["unit"] / 2 if a["unit"] > 1 else a["value"], b["value"] + (b["unit"] / 2 if b["unit"] > 1 else 0))
