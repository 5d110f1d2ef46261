"""Kind, qualifier and span of a number from its neighbours; ranges."""

from __future__ import annotations

import re

from .. import lexicon as lx
from .grammar import Num

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


def _year_like(n: Num, text: str, hijri: bool = False) -> bool:
    """A four-digit integer in the Gregorian (1900-2100) or, with hijri, Hijri (1300-1600) year range."""
    if not (n.digits_only and n.ntok == 1 and not n.has_scale):
        return False
    raw = text[n.start:n.end]
    if not (len(raw) == 4 and raw.isdigit()):
        return False
    return 1300 <= n.value <= 1600 if hijri else 1900 <= n.value <= 2100


def classify(n: Num, text: str, M: dict, standalone: bool):
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


def _cardinal_kind(n: Num, text: str, s: int, e: int, before: str, qualifier, M: dict, standalone: bool):
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


def apply_ranges(found: list, text: str, M: dict) -> None:
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
