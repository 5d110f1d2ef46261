"""Time expressions: the period phrases of an article, resolved to calendar spans.

Each phrase is read for what its words say (a year, a month in any Arab naming, a
half, a quarter, a fiscal year, a Hijri month, the first or last N months, a
range, "since", "the same period", a relative year or month), then resolved in
text order to a first and last day against the article's reference date `Now`:

1. the catalog's `published` date;
2. else the article's dateline: the first full date in its opening lines
   ("الخميس 12 مارس 2026", "17 رجب 1443 هـ");
3. what the text says of its own time: "العام الحالي 2025" (this year is 2025),
   "السنة المنصرمة (2021)" (this year is 2022), "سنة 2025 المنتهية" (2026), "آذار
   الحالي" (this month is March), a year-review headline over year Y (Y + 1);
4. else, weakly, the latest year the article reports: it then resolves only
   phrases about the current year ("العام الجاري"), never "last year".

Nothing else supplies a year: a month with no year anywhere stays `--MM`.
Hijri months are given at Gregorian-month precision (see `hijri`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .. import lexicon as lx
from . import document
from . import hijri as hj
from .document import BL, NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WORD, Document, alt, cues

DATELINE_ZONE = 400  # characters from the top where a full date is the article's dateline


@dataclass
class Period(document.Period):
    """A period phrase: what its words say (parse fields) and the span it resolves to."""

    core_start: int = 0  # start of the phrase without its lead words ("خلال", "منذ", "حتى")
    lead: str | None = None  # since, until, from, period_from, compare, during
    cal: str = "g"  # "h" for a Hijri month or year
    y: int | None = None  # year as written (Hijri when cal == "h")
    y2: int | None = None  # second year of a pair: 2021-2022, 2023/2024
    yrel: str | None = None  # the year said relatively: current, previous, prev_ctx, next, context
    fy: bool = False  # a fiscal year
    m1: int | None = None  # first month (a Hijri month when cal == "h")
    m2: int | None = None  # last month of a two-month phrase ("بين مارس وسبتمبر")
    mrel: str | None = None  # the month said relatively: current, previous, prev_ctx
    day: int | None = None
    offsets: tuple[int, int] | None = None  # months (from, to) inside the year: halves, quarters, first N
    n: int | None = None  # N months of a duration
    past: bool = False  # "الماضية": the N months up to now
    ended: bool = False  # "سنة 2025 المنتهية"
    same_year: bool = False  # "نفس العام": the year of the referent
    parts: tuple | None = None  # (A, B) of a range
    dateline: bool = False
    name_year: bool = False  # a year inside a name: رؤية 2030
    future: bool = False
    sentence: int = 0  # start of the sentence
    # resolved
    first: date | None = None
    last: date | None = None
    iso: str | None = None
    base: tuple | None = None  # (first, last) before a same-period shift
    frame: bool = True  # may pass to later figures of its sentence and paragraph
    extra: dict = field(default_factory=dict)


@dataclass
class Now:
    """The article's reference date, as far as it is known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    strong: bool = False  # the year is stated (catalog, dateline, the text's own words), not guessed
    how: str = ""

    @property
    def date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.year and self.month and self.day else None


# ---------------------------------------------------------------------------
# Patterns


def _words(xs) -> list[str]:
    return [x for x in xs if x]


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    p = c["period"]
    ctx = lx.context()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    B = BL + "+"
    months: dict[str, int] = {}
    for k, forms in ctx["months"].items():
        for f in forms:
            months[lx.phrase_key(f)] = int(k)
    for k, forms in p["months_extra"].items():
        for f in forms:
            months.setdefault(lx.phrase_key(f), int(k))
    hmonths = {lx.phrase_key(f): int(k) for k, forms in p["hijri_months"].items() for f in forms}
    r: dict = {"months": months, "hmonths": hmonths, "ambiguous": set(p["ambiguous_months"])}
    MON, HMON = alt(months), alt(hmonths)
    Y = r"(?:19|20)\d\d(?!\d)"
    HY = r"1[34]\d\d(?!\d)"
    YSUF = rf"(?:{BL}?{alt(p['year_suffixes'])}{nr})?"
    HSUF = rf"{BL}?{alt(p['hijri_year_suffixes'])}{nr}"
    REL = alt(p["current"] + p["previous"] + p["next"])
    THIS = alt(p["this_words"])
    FISCAL = alt(p["fiscal_words"])
    nw = lx.number_words()
    ords = [k for k, v in nw.items() if v.kind in (lx.ORDINAL, lx.ORDINAL_TEEN_UNIT)]
    counts = [k for k, v in nw.items() if v.kind in (lx.UNIT, lx.TEN, lx.TENS, lx.TEEN)]
    ORD = rf"(?:ال{alt(ords)}(?:{B}عشر)?|{alt(p['last_ordinal'])})"
    CNT = rf"(?:ال)?{alt(counts)}(?:{B}(?:و{BL}*)?(?:ال)?{alt(counts)})?"
    NUM = rf"(?:\d{{1,3}}|{CNT})"
    MUNIT = alt(p["month_units"])
    YUNIT = alt(p["year_units"])
    PAST = alt(p["past_words"])
    DUAL = rf"(?:{BL}*[/(\-]{BL}*{MON}{BL}*\)?)?"  # حزيران/ يونيو, آب (أغسطس)
    CL = r"(?:[وف]?(?:بال|لل|ال|ب|ل|ك)?)"
    YWORD = r"(?:عامي|سنتي|اعوام|سنوات|عام|سنه)"
    r["year_word"] = re.compile(rf"{CL}{YWORD}")
    ENDED = alt(p["year_ended"])
    base = (
        # (هذا) العام (المالي) (الحالي) (2025) (المنتهية) / عامي 2019 و2022 / 2023/2024 / 1445هـ
        rf"(?:(?P<b_this>{THIS}){B})?{CL}(?P<b_w>{YWORD})(?:{B}(?P<b_fy>{FISCAL}))?(?:{B}(?P<b_rel>{REL}))?"
        rf"(?:{BL}*\(?{BL}*(?P<b_y1>{Y})(?:{BL}*(?P<b_sep>[/\-\u2013]|و){BL}*(?P<b_y2>{Y}))?(?:{BL}*\))?{YSUF}(?:{B}(?P<b_end>{ENDED}))?)?"
        rf"|(?P<b_hy>{HY}){HSUF}"
        rf"|(?:[وبلف]|في|وفي)?(?P<b_y>{Y})(?:{BL}*(?P<b_sep2>[/\-\u2013]){BL}*(?P<b_yy>{Y}))?{YSUF}(?:{B}(?P<b_end2>{ENDED}))?"
    )
    r["base_after"] = re.compile(rf"{BL}*(?:[,\u060c]{BL}*)?(?:(?:من|في|عن|خلال){B})?(?:{base})")
    r["fy_after"] = re.compile(rf"{B}(?P<rel>{REL}){nr}")
    heads = [
        # 9 يوليو 2025 / العاشر من نيسان الحالي / 12 رجب 1446هـ / 3/ مايو/2024 / يوليو 14, 2024 / 18-03-2025
        rf"(?P<date>(?P<dd>\d{{1,2}}|{ORD})(?:{B}من)?{B}(?:{alt(p['month_words'])}{B})?(?P<dmon>{MON}|{HMON}){DUAL})",
        rf"(?P<ndate>(?<![\d.,])(?P<nd>\d{{1,2}}){BL}*[/\-.]{BL}*(?P<nm>\d{{1,2}}|{MON}){BL}*[/\-.]{BL}*(?P<ny>{Y}))",
        rf"(?P<edate>(?P<emon>{MON}){B}(?P<eday>\d{{1,2}}){BL}*,{BL}*(?P<eyear>{Y}))",
        # النصف الاول / الربع الثالث / السداسي الاول
        rf"(?P<part>(?P<pw>{alt(p['half_words'] + p['quarter_words'])}){B}(?P<pord>{ORD}))",
        # اول 5 اشهر / الاشهر السبعه الاولي / ال 14 شهرا الاولي
        rf"(?P<firstn>(?:اول{B}(?P<fn1>{NUM}){B}{MUNIT}(?:{B}الاولي)?|{CL}(?:اشهر|شهور){B}(?P<fn2>{CNT}){B}الاولي|(?:ال{BL}*)?(?P<fn3>\d{{1,2}}){B}{MUNIT}{B}الاولي))",
        # ال 17 شهرا الماضيه / 8 اشهر الماضيه / الاشهر الاربعه الماضيه / 6 اشهر
        rf"(?P<lastn>(?:(?:ال{BL}*)?(?P<ln1>{NUM}){B}(?P<lnu>{MUNIT}|{YUNIT})(?:{B}(?P<lnp>{PAST}))?|{CL}(?P<lnu2>اشهر|شهور|سنوات|اعوام){B}(?P<ln2>{CNT}){B}(?P<lnp2>{PAST})))",
        # (للفترة نفسها: the ل of لل takes the ال of the phrase)
        rf"(?P<same>{CL}{alt(p['same_period'])}|[وف]?لل{alt([x[2:] for x in p['same_period'] if x.startswith('ال')])})",
        # الشهر الاول من العام الحالي / الشهر الماضي / بالشهر السابق
        rf"(?P<relm>{CL}شهر{B}(?P<rmord>{ORD})(?={B}من)|{CL}شهر{B}(?P<rmrel>{REL}))",
        # (شهر) مارس (الماضي) / شهري يوليوز وغشت الماضيين / بين مارس وسبتمبر / رمضان الماضي
        rf"(?P<mon>(?:{CL}{alt(p['month_words'])}{B})?(?P<mon1>{MON}|{HMON}){DUAL}(?:{B}(?:و{BL}*|الي{B}|حتي{B})(?:{alt(p['month_words'])}{B})?(?P<mon2>{MON}){DUAL})?(?:{B}(?P<monrel>{REL}))?)",
        rf"(?P<nmon>{CL}شهر{B}(?P<nm1>\d{{1,2}})(?!\d))",
        rf"(?P<ystart>{alt(p['year_start_words'])}(?={B}{CL}(?:عام|سنه)))",
        rf"(?P<today>{alt(p['today'])})",
        rf"(?P<base>{base})",
    ]
    r["main"] = re.compile(nl + "(?:" + "|".join(heads) + ")" + nr)
    # every period phrase holds one of these: the scan tries the phrase grammar only at the few
    # word starts before each of them instead of at every character of the text
    triggers = list(months) + list(hmonths) + p["time_triggers"] + p["today"]
    # (two patterns, each opening with literal characters the regex engine skips to: a year, a trigger word;
    # their matches never overlap, so the two lists merged are the matches of their alternation)
    r["trigger_year"] = re.compile(r"(?:19|20|13|14)(?<!\d..)\d\d(?!\d)")
    r["trigger"] = re.compile(rf"{alt(triggers)}(?:ا|ي|ين)?{nr}")
    assert not any(ch.isdigit() for w in triggers for ch in w), "a time trigger word with a digit would overlap the years"
    r["word"] = re.compile(r"[^\W_]+")
    r["weekdays"] = set(p["weekdays"])
    lead = (
        rf"{nl}(?:(?P<l_since>منذ(?:(?:{B}{WORD}){{1,3}}{B}(?:في|فى)|(?:{B}{alt(p['since_events'])}){{1,2}})?)"
        rf"|(?P<l_pfrom>{alt([x for x in p['lead_from'] if 'فتره' in x or 'ممتد' in x])})"
        rf"|(?P<l_until>{alt(p['lead_until'])})"
        rf"|(?P<l_from>{alt([x for x in p['lead_from'] if 'فتره' not in x and 'ممتد' not in x])})"
        rf"|(?P<l_cmp>{alt(p['lead_compare'])})"
        rf"|(?P<l_during>{alt(p['lead_during'])}))(?:{B}(?:شهر|شهري|عام|سنه))?{B}\Z"
    )
    r["lead"] = re.compile(lead)
    r["join"] = re.compile(rf"{BL}*(?:{alt(p['range_joiners'])})?{BL}*\Z")
    r["comparison"] = re.compile(rf"{nl}{alt(c['comparison_cues'])}")
    r["name_head"] = re.compile(rf"{nl}{alt(p['name_year_heads'])}{nr}")
    r["plan_head"] = re.compile(rf"{nl}(?:[وبلك]|لل|ال|وال|بال)?{alt(p['plan_heads'])}{nr}")
    r["future"] = re.compile(rf"{nl}{alt(p['future_words'])}{nr}")
    r["review"] = re.compile(rf"{nl}{alt(p['year_review'])}{nr}")
    r["fy_start"] = {k.upper(): int(v) for k, v in p["fiscal_year_start_month"].items()}
    r["prev_ctx"] = set(p["previous_of_context"])
    r["cur"], r["prev"], r["next"] = set(p["current"]), set(p["previous"]), set(p["next"])
    r["last_ord"] = set(p["last_ordinal"])
    r["month_units"] = set(p["month_units"])
    r["weekday_or_sep"] = re.compile(r"[\-\u2013|]")
    return r


@lru_cache(maxsize=1024)
def _count(word: str) -> int | None:
    """A count or ordinal word or digits as an int (الاول 1, الثمانيه 8, 11), None when it is not one."""
    from ..numbers import parse_number

    for w in (word, word[2:] if word.startswith("ال") else None):
        if not w:
            continue
        try:
            v = parse_number(w)
        except ValueError:
            continue
        if float(v).is_integer() and v > 0:
            return int(v)
    return None


# ---------------------------------------------------------------------------
# Calendar arithmetic


def month_end(y: int, m: int) -> date:
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def span(y: int, m: int, a: int, b: int) -> tuple[date, date]:
    """Months a..b (0-based) counted from month m of year y, as (first day, last day)."""
    y1, m1 = add_months(y, m, a)
    y2, m2 = add_months(y, m, b)
    return date(y1, m1, 1), month_end(y2, m2)


def iso_of(first: date | None, last: date | None) -> str | None:
    """The ISO form of a span: YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-MM-DD, or an interval A/B."""
    if first is None or last is None:
        return None
    whole_months = first.day == 1 and last == month_end(last.year, last.month)
    if not whole_months:
        if first == last:
            return first.isoformat()
        return f"{first.isoformat()}/{last.isoformat()}"
    n = months_between(first, last) + 1
    if first.month == 1 and last.month == 12:
        return f"{first.year}" if first.year == last.year else f"{first.year}/{last.year}"
    if n == 1:
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year and n == 6 and first.month in (1, 7):
        return f"{first.year}-H{1 if first.month == 1 else 2}"
    if first.year == last.year and n == 3 and first.month in (1, 4, 7, 10):
        return f"{first.year}-Q{(first.month + 2) // 3}"
    return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"


def _month_precision(a: date, b: date) -> tuple[date, date]:
    return date(a.year, a.month, 1), month_end(b.year, b.month)


# ---------------------------------------------------------------------------
# Parsing


def _parse(doc: Document) -> list[Period]:
    R = _rx()
    t = doc.text
    main = R["main"]
    word = R["word"]
    out: list[Period] = []
    pos = 0
    tried: set[int] = set()
    for a in sorted([m.start() for m in R["trigger_year"].finditer(t)] + [m.start() for m in R["trigger"].finditer(t)]):
        if a < pos:
            continue
        while True:
            # the phrase starts at the trigger's word or at most three words before it ("الخامس عشر من مارس")
            p = None
            for c in [w.start() for w in word.finditer(t, max(pos, a - 64), a + 1)][-4:]:
                if c in tried:
                    continue  # the phrase grammar matched nothing there for an earlier trigger
                m = main.match(t, c)
                if m is None:
                    tried.add(c)
                elif (p := _parse_one(doc, m, R)) is not None:
                    break
            if p is None:
                break
            out.append(p)
            pos = p.end
            if pos > a:
                break
    return out


def _lead(doc: Document, p: Period, R) -> None:
    cs = p.core_start
    m = R["lead"].search(doc.text, max(0, cs - 48), cs)
    if m is None:
        return
    for k in ("since", "pfrom", "until", "from", "cmp", "during"):
        if m.group("l_" + k):
            p.lead = {"pfrom": "period_from", "cmp": "compare"}.get(k, k)
            break
    p.start = m.start()


def _rel_word(w: str | None, R) -> str | None:
    if not w:
        return None
    if w in R["prev_ctx"]:
        return "prev_ctx"
    if w in R["prev"]:
        return "previous"
    if w in R["cur"]:
        return "current"
    if w in R["next"]:
        return "next"
    return None


def _apply_base(p: Period, b: re.Match, R) -> None:
    """Read a year phrase ("العام المالي الحالي", "2021-2022", "1445هـ") into p's year fields."""
    g = b.group
    if g("b_hy"):
        p.cal, p.y = "h", int(g("b_hy"))
        return
    y1 = g("b_y1") or g("b_y")
    y2 = g("b_y2") or g("b_yy")
    p.fy = p.fy or bool(g("b_fy"))
    rel = _rel_word(g("b_rel"), R)
    if g("b_this"):
        rel = rel or "current"
    if y1:
        p.y = int(y1)
        if y2 and int(y2) > p.y:
            p.y2 = int(y2)
        p.ended = bool(g("b_end") or g("b_end2"))
        if rel:
            p.extra["anchor_rel"] = rel  # "العام الماضي 2023": the year is stated and says when now is
            p.rel = "previous" if rel == "previous" else ("current" if rel == "current" else p.rel)
    elif rel:
        p.yrel = rel
        p.rel = "previous" if rel in ("previous", "prev_ctx") else ("current" if rel == "current" else None)
    elif g("b_w"):
        p.yrel = "context"


def _parse_one(doc: Document, m: re.Match, R) -> Period | None:
    t = doc.text
    g = m.group
    s, e = m.start(), m.end()
    kind = m.lastgroup
    p = Period(s, e, "", None, None, None, kind, core_start=s)
    after = True  # read a year phrase after the head
    if kind == "date":
        mon = lx.phrase_key(g("dmon"))
        day = _count(g("dd")) if not g("dd").isdigit() else int(g("dd"))
        if day is None or not 1 <= day <= 31:
            return None
        if mon in R["hmonths"] and mon not in R["months"]:
            p.cal, p.m1 = "h", R["hmonths"][mon]
        else:
            p.m1 = R["months"][mon]
        p.day = day
        rel = R["fy_after"].match(t, e)
        if rel:
            p.mrel = _rel_word(rel.group("rel"), R)
            e = rel.end()
    elif kind == "ndate":
        mo = g("nm")
        mo = int(mo) if mo.isdigit() else R["months"].get(lx.phrase_key(mo))
        d, y = int(g("nd")), int(g("ny"))
        if not mo or not 1 <= mo <= 12 or not 1 <= d <= 31:
            return None
        p.kind, p.day, p.m1, p.y = "date", d, mo, y
        after = False
    elif kind == "edate":
        p.kind, p.day, p.m1, p.y = "date", int(g("eday")), R["months"][lx.phrase_key(g("emon"))], int(g("eyear"))
        after = False
    elif kind == "part":
        k = 0 if g("pord") in R["last_ord"] else _count(g("pord"))
        half = lx.phrase_key(g("pw")) in {x for x in cues()["period"]["half_words"]}
        top = 2 if half else 4
        if k == 0:
            k = top
        if k is None or not 1 <= k <= top:
            return None
        size = 6 if half else 3
        p.offsets = (size * (k - 1), size * k - 1)
    elif kind == "firstn":
        n = _count(g("fn1") or g("fn2") or g("fn3"))
        if n is None or not 1 <= n <= 12:
            return None
        p.offsets = (0, n - 1)
    elif kind == "lastn":
        n = _count(g("ln1") or g("ln2"))
        unit = g("lnu") or g("lnu2")
        if n is None or n > 120:
            return None
        p.n = n * (1 if unit in R["month_units"] else 12)
        p.past = bool(g("lnp") or g("lnp2"))
        after = False
    elif kind == "same":
        p.same_year = bool(re.search(r"عام|سنه", g("same")))
    elif kind == "relm":
        if g("rmord"):
            k = _count(g("rmord"))
            if k is None or not 1 <= k <= 12:
                return None
            p.kind, p.offsets = "firstn", (k - 1, k - 1)
        else:
            p.mrel = _rel_word(g("rmrel"), R)
            p.rel = "current"
            after = False
    elif kind == "mon":
        w1 = lx.phrase_key(g("mon1"))
        if w1 in R["hmonths"] and w1 not in R["months"]:
            p.cal, p.m1 = "h", R["hmonths"][w1]
        else:
            p.m1 = R["months"][w1]
        if g("mon2"):
            p.m2 = R["months"][lx.phrase_key(g("mon2"))]
        p.mrel = _rel_word(g("monrel"), R)
        if p.mrel in ("current", "previous", "prev_ctx"):
            p.rel = "current"
    elif kind == "nmon":  # شهر 5 من عام 2023
        p.kind, p.m1 = "mon", int(g("nm1"))
        if not 1 <= p.m1 <= 12:
            return None
    elif kind == "ystart":
        pass
    elif kind == "today":
        after = False
        nxt = R["word"].match(t, e + 1) if e < len(t) and t[e] in " \u00a0" else None
        if nxt is not None and nxt.group().startswith("ال") and nxt.group() not in R["weekdays"]:
            return None  # اليوم الوطني، اليوم العالمي: a day's name, not today
    elif kind == "base":
        _apply_base(p, m, R)
        p.kind = "fy" if p.fy else "year"
        after = False
        if p.cal == "g" and p.y is None and p.yrel in (None, "context"):
            _lead(doc, p, R)
            if p.lead != "until" or p.fy:
                return None  # a bare "العام" is no period on its own, but "حتى نهاية العام" is this year's end
            p.yrel = "current"
    if after:
        b = R["base_after"].match(t, e)
        definite = b is not None and any(b.group(k) for k in ("b_y1", "b_y", "b_hy", "b_rel", "b_this", "b_fy"))
        if definite or (b is not None and kind in ("part", "firstn", "ystart")):
            _apply_base(p, b, R)
            e = b.end()
        elif kind == "ystart":
            return None
    # a month name that is also a common word (مارس a verb, آب a father, رمضان a name) needs a time cue
    if kind == "mon" and lx.phrase_key(g("mon1")) in R["ambiguous"]:
        if not (p.y or p.mrel or p.m2 or g("mon").startswith(("شهر", "الشهر", "لشهر", "بشهر")) or p.yrel):
            _lead(doc, p, R)
            if p.lead is None:
                return None
    p.end = e
    p.text = ""
    if p.lead is None:
        _lead(doc, p, R)
    if p.kind == "lastn" and not (p.past or p.lead in ("during", "since")):
        return None  # "4 أشهر" is a duration, not a period, unless it is "خلال 4 أشهر" or "الماضية"
    if p.kind == "fy" and p.y is None and p.yrel is None:
        p.yrel = "context"
    p.text = doc.raw_slice(p.start, p.end)
    p.sentence = doc.sentence(p.core_start)[0]
    return p


def _compose(doc: Document, atoms: list[Period], R) -> list[Period]:
    """Join "من A حتى B", "بين A و B", "منذ A وحتى B" into ranges."""
    t = doc.text
    out: list[Period] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if (b is not None and a.lead in ("from", "period_from", "since") and b.core_start - a.end <= 24
                and a.kind not in ("today", "same") and b.kind not in ("today", "same", "lastn")
                and R["join"].match(t[a.end:b.core_start]) is not None
                and (t[a.end:b.core_start].strip(" \u00a0") != "" or t[b.core_start] == "و")):
            r = Period(a.start, b.end, doc.raw_slice(a.start, b.end), None, None, None, "range", core_start=a.core_start,
                       lead=a.lead, parts=(a, b), sentence=a.sentence)
            r.rel = a.rel or b.rel
            out.append(r)
            i += 2
            continue
        out.append(a)
        i += 1
    for p in out:
        if p.kind != "range" and p.lead in ("since", "period_from") and not p.m2:
            p.extra["since"] = True
    return out


# ---------------------------------------------------------------------------
# The article's reference date


def _published(meta: dict) -> date | None:
    value = meta.get("published") if meta else None
    if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _context_filters(doc: Document, periods: list[Period], R) -> None:
    """Mark years inside names (رؤية 2030) and years said of the future (بحلول 2030، سوف)."""
    t = doc.text
    for p in periods:
        if p.kind != "year" or p.y is None:
            continue
        ss = max(p.sentence, p.core_start - 48)
        cs = doc.clause(p.core_start)[0]
        if p.lead is None and not R["year_word"].match(t, p.core_start) and R["name_head"].search(t, max(ss, cs), p.core_start):
            p.name_year = True
        elif (p.y2 or p.lead is None) and R["plan_head"].search(t, max(ss, cs), p.core_start):
            p.name_year = True  # الخطة التنفيذية للأعوام (2021 – 2025): a plan's horizon
        if R["future"].search(t, max(ss, p.core_start - 24), min(len(t), p.end + 24)):
            p.future = True


def _explicit_years(p: Period) -> list[int]:
    """Gregorian years the phrase states (Hijri converted), for the frame year and the weak reference."""
    if p.kind == "range":
        return _explicit_years(p.parts[0]) + _explicit_years(p.parts[1])
    if p.y is None or p.name_year:
        return []
    if p.cal == "h":
        sp = hj.month_span(p.y, p.m1) if p.m1 else hj.year_span(p.y)
        return [sp[0].year] if sp else []
    return [p.y] + ([p.y2] if p.y2 else [])


def find_now(doc: Document, periods: list[Period]) -> Now:
    """The article's reference date (see the module docstring for the order of evidence)."""
    R = _rx()
    pub = _published(doc.meta)
    now = Now()
    for p in periods:  # the dateline: the first full date in the opening lines, not introduced by منذ/حتى/من
        if p.core_start >= DATELINE_ZONE:
            break
        if p.kind == "date" and p.y is not None and p.day and p.lead in (None, "during"):
            d = hj.to_gregorian(p.y, p.m1, p.day) if p.cal == "h" else _safe_date(p.y, p.m1, p.day)
            if d is not None:
                now = Now(d.year, d.month, d.day, True, "dateline")
                p.dateline = True
                for q in periods:  # its twin in the other calendar on the same line
                    if q is not p and q.kind == "date" and q.y and abs(q.core_start - p.core_start) < 40:
                        q.dateline = True
                break
    if pub is not None:
        now = Now(pub.year, pub.month, pub.day, True, "published")
    if now.how != "published":
        for p in periods:  # the text's own words about when it is written
            a = p.extra.get("anchor_rel")
            if p.y and p.cal == "g" and (a in ("current", "previous") or p.ended):
                y = p.y + (1 if (a == "previous" or p.ended) else 0)
                if now.year != y:
                    now = Now(y, None, None, True, "text")
                break
        for p in periods:
            if p.kind in ("mon", "date") and p.mrel == "current" and p.cal == "g" and not p.m2:
                now.month, now.day = p.m1, None
                now.how += "+month"
                break
    if now.year is None:
        head = doc.text[:300]
        frame = next((y for p in periods if not p.dateline for y in _explicit_years(p) if not p.future), None)
        if frame is not None and R["review"].search(head):
            now = Now(frame + 1, None, None, True, "year review")
    if now.year is None:
        years = [y for p in periods if not p.future for y in _explicit_years(p)]
        if years:
            now = Now(max(years), None, None, False, "latest year stated")
    return now


def _safe_date(y, m, d) -> date | None:
    try:
        return date(y, m, d)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------------------
# Resolution


class _Resolver:
    def __init__(self, doc: Document, periods: list[Period], now: Now, country: str | None):
        R = _rx()
        self.doc, self.periods, self.now = doc, periods, now
        self.fy_start = R["fy_start"].get((country or "").upper(), 1)
        self.frame_year = next((y for p in periods if not p.dateline and not p.future for y in _explicit_years(p)), None)
        if self.frame_year is None and now.strong:
            self.frame_year = now.year
        self.report: tuple[int, int] | None = (now.year, now.month) if now.year and now.month else None
        self.fy_sentences = {p.sentence for p in periods if p.fy}

    # -- years -------------------------------------------------------------
    def context_year(self, i: int) -> int | None:
        """The year of the nearest resolved period before periods[i] in its sentence."""
        p = self.periods[i]
        for j in range(i - 1, max(-1, i - 12), -1):
            q = self.periods[j]
            if q.sentence != p.sentence:
                break
            if q.first is not None and not q.dateline and q.kind not in ("today",):
                return q.last.year if q.kind in ("range",) else q.first.year
        return None

    def context_month(self, i: int) -> tuple[int, int] | None:
        p = self.periods[i]
        for j in range(i - 1, max(-1, i - 12), -1):
            q = self.periods[j]
            if q.sentence != p.sentence:
                break
            if q.first is not None and q.last is not None and months_between(q.first, q.last) == 0:
                return q.first.year, q.first.month
        return None

    def year_of(self, p: Period, i: int) -> int | None:
        """The (calendar or fiscal start) year a phrase's year part names."""
        now = self.now
        if p.y is not None:
            return p.y
        rel = p.yrel
        if rel == "current":
            return now.year
        if rel == "next":
            return now.year + 1 if now.year else None
        if rel == "previous":
            return now.year - 1 if (now.year and now.strong) else None
        if rel in ("prev_ctx", "context"):
            y = self.context_year(i) or self.frame_year or (now.year if now.strong or rel == "context" else None)
            return (y - 1) if (y and rel == "prev_ctx") else y
        return None

    def year_base(self, p: Period, i: int) -> tuple[int, int] | None:
        """(year, first month) of the year a part, first-N or fiscal phrase counts from."""
        fy = p.fy or (p.y2 == (p.y or 0) + 1 and self.fy_start != 1 and p.sentence in self.fy_sentences)
        s = self.fy_start if fy else 1
        if fy and s != 1:
            if p.y is not None:
                return (p.y if p.y2 else p.y - 1), s
            if p.yrel in ("current", "previous", "next") and self.now.year:
                y = self.now.year
                m = self.now.month or (self.report[1] if self.report and self.report[0] == y else None)
                start = (y if (m and m >= s) else y - 1)
                return start + {"current": 0, "previous": -1, "next": 1}[p.yrel], s
            y = self.year_of(p, i)
            return (y - 1, s) if y else None
        y = self.year_of(p, i)
        return (y, 1) if y else None

    # -- kinds -------------------------------------------------------------
    def resolve(self, i: int) -> None:
        p = self.periods[i]
        p.first = p.last = None
        p.extra.pop("open", None)
        k = p.kind
        sp = None
        if p.dateline:
            return
        if k in ("year", "fy"):
            if p.cal == "h":
                sp = hj.year_span(p.y)
                sp = _month_precision(*sp) if sp else None
            elif p.y2 and (self.fy_start == 1 or not (p.fy or self._fy_pair(p))):
                sp = (date(p.y, 1, 1), date(p.y2, 12, 31))
            else:
                b = self.year_base(p, i)
                sp = span(b[0], b[1], 0, 11) if b else None
        elif k in ("part", "firstn"):
            b = self.year_base(p, i) if (p.y or p.yrel or p.fy) else None
            if b is None:
                y = self.context_year(i) or self.frame_year or (self.now.year if self.now.strong else None)
                b = (y, 1) if y else None
            sp = span(b[0], b[1], *p.offsets) if b else None
        elif k == "ystart":
            b = self.year_base(p, i) if (p.y or p.yrel or p.fy) else None
            if b is None:
                y = self.context_year(i) or (self.now.year if self.now.year else None)
                b = (y, 1) if y else None
            sp = span(b[0], b[1], 0, 0) if b else None
        elif k in ("mon", "date"):
            sp = self._month_or_date(p, i)
        elif k == "relm":
            sp = self._rel_month(p, i)
        elif k == "today":
            d = self.now.date if self.now.how in ("published", "dateline") else None
            sp = (d, d) if d else None
        elif k == "same":
            sp = self._same(p, i)
        elif k == "range":
            sp = self._range(p, i)
        elif k == "lastn":
            sp = self._duration(p, i)
        if sp is not None and p.extra.get("since") and k not in ("range",):
            end = self._report_end()
            if end is not None and end >= sp[1]:
                sp = (sp[0], end)
            else:
                p.extra["open"] = True
        if sp is not None:
            p.first, p.last = sp
            p.year, p.month = sp[0].year, (sp[0].month if months_between(sp[0], sp[1]) == 0 else None)
        elif k == "mon" and p.cal == "g" and not p.m2:
            p.month = p.m1
        p.iso = iso_of(p.first, p.last) if not p.extra.get("open") else iso_of(*self._open_iso(p))
        if p.iso is None and p.kind == "mon" and p.cal == "g" and not p.m2 and p.first is None:
            p.iso = f"--{p.m1:02d}"
        elif p.iso is None and p.kind == "firstn" and p.offsets and p.offsets[0] == p.offsets[1] and p.first is None:
            p.iso = f"--{p.offsets[0] + 1:02d}"  # الشهر الأول من العام الحالي, the year unknown: January of it

    def _open_iso(self, p):
        return p.first, p.last if p.last else None

    def _fy_pair(self, p: Period) -> bool:
        return p.y2 == (p.y or 0) + 1 and self.fy_start != 1 and p.sentence in self.fy_sentences

    def _report_end(self) -> date | None:
        if self.report is None:
            return None
        return month_end(*self.report)

    def _month_or_date(self, p: Period, i: int):
        now = self.now
        if p.cal == "h":
            return self._hijri_month(p, i)
        y = p.y
        m = p.m1
        if y is None and (p.yrel or p.fy):
            y = self.year_of(p, i)
        if y is None:
            if p.mrel == "current":
                y = now.year
            elif p.mrel in ("previous", "prev_ctx"):
                if now.month and now.year:
                    y = now.year if m < now.month else now.year - 1
                else:
                    y = self.context_year(i) or self.frame_year
            else:
                y = self.context_year(i)
                if y is None and now.month and now.year and now.strong:
                    y = now.year if m <= now.month else now.year - 1
                if y is None:
                    y = self.frame_year
        if y is None:
            return None
        if p.kind == "date" and p.day:
            d = _safe_date(y, m, p.day)
            return (d, d) if d else None
        if p.m2:
            y2 = y if p.m2 >= m else y + 1
            return date(y, m, 1), month_end(y2, p.m2)
        return date(y, m, 1), month_end(y, m)

    def _hijri_month(self, p: Period, i: int):
        hy = p.y
        if hy is None:
            for j in range(i - 1, max(-1, i - 12), -1):  # the Hijri year of the sentence
                q = self.periods[j]
                if q.sentence != p.sentence:
                    break
                if q.cal == "h" and q.y:
                    hy = q.y
                    break
        if hy is None and self.now.date is not None:
            h = hj.from_gregorian(self.now.date)
            if h is not None:
                hy = h[0] if (p.m1 < h[1] or (p.m1 == h[1] and p.mrel not in ("previous", "prev_ctx"))) else h[0] - 1
        if hy is None or not hj.is_hijri_year(hy):
            return None
        sp = hj.month_span(hy, p.m1)
        return _month_precision(*sp) if sp else None

    def _rel_month(self, p: Period, i: int):
        if p.mrel == "prev_ctx":
            c = self.context_month(i)
            if c is not None:
                y, m = add_months(c[0], c[1], -1)
                return date(y, m, 1), month_end(y, m)
        now = self.now
        if not (now.year and now.month):
            return None
        k = {"current": 0, "previous": -1, "prev_ctx": -1, "next": 1}.get(p.mrel)
        if k is None:
            return None
        y, m = add_months(now.year, now.month, k)
        return date(y, m, 1), month_end(y, m)

    def _referent(self, i: int) -> Period | None:
        p = self.periods[i]
        for j in range(i - 1, max(-1, i - 12), -1):
            q = self.periods[j]
            if q.sentence != p.sentence:
                break
            if q.first is not None and not q.dateline and q.kind != "today" and not q.extra.get("shifted_only"):
                return q
        # else the first resolved period of the nearest earlier sentence that has one; a sentence whose
        # periods are all comparisons ("… مقارنة مع سنة 2023") is passed over for the one before it
        j = i - 1
        while j >= 0 and self.periods[j].sentence == p.sentence:
            j -= 1
        fallback = None
        for _ in range(3):
            if j < 0:
                break
            s = self.periods[j].sentence
            best = None
            while j >= 0 and self.periods[j].sentence == s and i - j <= 30:
                q = self.periods[j]
                if q.first is not None and not q.dateline and q.kind != "today":
                    if not q.comparison or p.comparison:
                        best = q
                    elif fallback is None:
                        fallback = q
                j -= 1
            if best is not None:
                return best
        return fallback

    def _same(self, p: Period, i: int):
        ref = self._referent(i)
        if ref is None:
            return None
        a, b = ref.base or (ref.first, ref.last)
        p.base = (a, b)
        if p.same_year:
            a, b = date(a.year, 1, 1), date(a.year, 12, 31)
            p.base = (a, b)
        shift = 0
        if p.y is not None and p.cal == "g":
            shift = (p.y - (a.year if not p.fy else a.year)) * 12
        elif p.yrel in ("previous", "prev_ctx"):
            shift = -12
        elif p.yrel == "next":
            shift = 12
        if shift:
            y1, m1 = add_months(a.year, a.month, shift)
            y2, m2 = add_months(b.year, b.month, shift)
            return date(y1, m1, 1), month_end(y2, m2)
        return a, b

    def _range(self, p: Period, i: int):
        A, B = p.parts
        # resolve each end on its own first (their years may come from each other)
        self.periods[i] = A
        self.resolve(i)
        self.periods[i] = B
        self.resolve(i)
        self.periods[i] = p
        free = A.y is None and A.yrel in (None, "context") and not A.mrel  # "من فبراير حتى أغسطس 2017": A's year is B's
        if B.first is not None and A.cal == "g" and A.kind in ("mon", "ystart") and (free or (A.y is None and (A.first is None or A.first > B.first))):
            m = A.m1 or 1
            y = B.first.year if m <= B.first.month else B.first.year - 1
            A.first = date(y, m, 1)
        if A.first is not None and B.y is None and B.cal == "g" and B.kind == "mon" and (B.first is None or B.first < A.first):
            y = A.first.year if B.m1 >= A.first.month else A.first.year + 1
            B.first, B.last = date(y, B.m1, 1), month_end(y, B.m1)
            p.extra["end_guessed"] = True  # "منذ أكتوبر 2020 وحتى أبريل الماضي": which April the text does not say
        if A.first is None or B.last is None or A.first > B.last:
            return None
        if p.extra.get("end_guessed"):
            p.extra["open"] = True
            return A.first, A.last or A.first
        return A.first, B.last

    def _duration(self, p: Period, i: int):
        n = p.n
        prev = [q for q in self.periods[max(0, i - 6):i] if q.sentence == p.sentence and q.first is not None and not q.dateline]
        # a range just before whose end year was inferred: the stated length fixes it ("منذ أكتوبر 2020 وحتى أبريل الماضي … خلال ال 18 شهرا")
        if prev and prev[-1].kind == "range" and prev[-1].parts[0].y is not None:
            r = prev[-1]
            a = r.first
            ey, em = add_months(a.year, a.month, n - 1)
            B = r.parts[1]
            if B.kind == "mon" and B.y is None and B.m1 == em:
                B.first, B.last = date(ey, em, 1), month_end(ey, em)
                r.extra.pop("open", None)
                r.first, r.last, r.iso = a, B.last, iso_of(a, B.last)
                return a, B.last
            if not r.extra.get("open"):
                return r.first, r.last
        # two dated points before it in the sentence that are N months apart ("في حزيران 2023 … وحتى آذار … أي خلال 9 أشهر")
        if len(prev) >= 2:
            x, y = prev[-2], prev[-1]
            d = months_between(x.first, y.first)
            if d in (n, n - 1) and d > 0:
                return date(x.first.year, x.first.month, 1), month_end(y.first.year, y.first.month)
        if not p.past:
            # "في 6 أشهر" with no dates around it: the six-month period the article reports, if it states one
            best = None
            for j in range(max(0, i - 40), min(len(self.periods), i + 40)):
                q = self.periods[j]
                if j == i or q.first is None or q.last is None or q.kind in ("lastn", "today") or q.comparison:
                    continue
                if months_between(q.first, q.last) + 1 == n and q.first.day == 1 and (best is None or abs(j - i) < abs(best[0] - i)):
                    best = (j, q)
            if best is not None:
                return best[1].first, best[1].last
        if p.past and self.report is not None:
            ry, rm = self.report
            if self.now.day is not None and (ry, rm) == (self.now.year, self.now.month):
                ry, rm = add_months(ry, rm, -1)  # "الأشهر الثلاثة الماضية" written on 10 September: June-August
            y0, m0 = add_months(ry, rm, -(n - 1))
            return date(y0, m0, 1), month_end(ry, rm)
        return None

    def run(self) -> None:
        """Resolve every period twice: the second pass knows the report month and every later period."""
        for i in range(len(self.periods)):
            self.resolve(i)
        if self.report is None:
            # the report month: the latest month the article dates (its "now" when no date says it)
            months = [(q.last.year, q.last.month) for q in self.periods
                      if q.first is not None and q.kind in ("mon", "date", "range") and not q.dateline and not q.future
                      and not q.extra.get("open") and months_between(q.first, q.last) < 24
                      and (self.now.year is None or q.last.year <= self.now.year)]
            self.report = max(months) if months else None
        for i in range(len(self.periods)):
            self.resolve(i)


# ---------------------------------------------------------------------------


def find_periods(doc: Document) -> list[Period]:
    """The period phrases of a document, resolved as far as the text and its date allow, in text order."""
    R = _rx()
    atoms = _parse(doc)
    periods = _compose(doc, atoms, R)
    _context_filters(doc, periods, R)
    now = find_now(doc, periods)
    doc.now = now
    from .names import article_country

    t = doc.text
    for p in periods:
        p.comparison = p.lead == "compare" or R["comparison"].search(t, max(p.sentence, p.start - 40), p.start) is not None
    _Resolver(doc, periods, now, article_country(doc)).run()
    return periods
