"""Whose figure it is: the platform, service, body, programme or country the figure counts for.

Rules, first that applies (each recorded in the fact's `rule`):

1. a name attached after the figure in its clause: "… عبر منصة X"، "من خلال خدمة X"، "لمنصة X";
   the item of a ranking the figure is given to ("تصدرت X القائمة بواقع N"، "تلتها Y بـ M"، "كانت X
   الأكثر استخداما بـ N");
   a count of countries (193 دولة) is the survey's or index's the article names;
   a share of a population of bodies is that population's ("37% من الجهات الحكومية"،
   "معظم البلديات (نحو 70%)"، "متوسط أداء الوزارات 61%"; "تلك المؤسسات" is the one named before);
   the value of what the figure before counts ("42 مليون دفعة بقيمة 7 مليارات") is that figure's subject's;
2. the nearest name before the figure in its clause; then the body a relative clause of its measure
   names by an anaphor ("الخدمات التي تقدمها المنصة"); then the channel or instrument its measure
   names or that stands right before it ("… على هذه المحافظ"، "عن طريق أجهزة الصراف 65 مليارا";
   never every channel at once: قنوات الدفع المختلفة); then the nearest name in its sentence. A name
   introduced as the source of figures (بحسب تقرير X، أعلنت X) yields to another name, and a weak
   name (a country, the whole government) to a specific one;
3. the reporter itself ("وأضافت أنها ركبت 350 جهازا"): the latest source of figures; an anaphor
   (المنصة، الوزارة، الهيئة، المؤشر for a count) in the sentence: the latest name of that scope;
   then a platform, service or programme named after what the figure counts ("400 ألف بطاقة"
   -> منظومة البطاقة الموحدة), the latest before the figure, else the first;
4. the subject the article goes on with: the last one found by rules 2-3 (a name attached
   after one figure by rule 1 is that figure's only);
5. the article's topic: its most salient name (the most often named, platforms and
   programmes first among equals, then the earliest).
When the name rules 2-5 give is a reporter's (a ministry, agency, bank, country or source of
figures: not a platform, service, programme or survey, which own their figures), what the text
states instead wins: the thing a money figure or a change percent is the amount of (the object of
قيمة/إجمالي/حجم or the subject of the change, as the measure pass read it), the header of the list
of figures the line belongs to, the topic the sentence opens on (وفيما يخص X، …).
A description (المنظومة المتطورة) stands for the name it refers back to.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache

from .. import lexicon as lx
from ..normalize import normalize
from .document import BL, NOT_LETTER_BEHIND, QUOTES, WINDOW, WORD_RE, Document, Fact, Name, alt, cues, opening_words, word_matches
from .measure import _rx as measure_rx
from .names import UNKNOWN, ends_name

_WEAK_SCOPES = {"country", "whole_government", "quoted"}  # never the topic while a specific name is there
_SALIENT_SCOPES = {"platform", "service", "programme"}
# a figure the article would give to one of these keeps it: a platform's or programme's own amounts, a survey's results
_OWNS_ITS_FIGURES = _SALIENT_SCOPES | {"index"}


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl = NOT_LETTER_BEHIND
    np = r"(?P<np>[^\W\d_]+(?:[ \u00a0]+[^\W\d_]+){0,4})"
    return {
        "channel": re.compile(rf"{nl}{alt(c['channel_prepositions'])}{BL}+{np}"),
        "relative_agent": re.compile(rf"{nl}(?:التي|الذي|اللتي){BL}+[^\W\d_]+(?:ها|ه|هم){BL}+{np}"),
        "channel_modes": {lx.phrase_key(x) for x in c["channel_modes"]},
        "devices": {x.lower() for x in c["device_platforms"]},
        "self_report": re.compile(rf"{nl}[وف]?{alt(c['self_report_verbs'])}(?:{BL}+[^\W\d_]+)?{BL}+(?:ان|بان)(?:ها|ه)(?![^\W\d_])"),
        "instrument": re.compile(
            rf"{nl}(?:{alt(c['instrument_prepositions'])}){BL}+(?:(?:هذه|تلك){BL}+)?(?P<np>{alt(c['instrument_heads'])})(?![^\W\d_])"
        ),
        "population": re.compile(
            rf"{nl}[وف]?{alt(c['population_before'])}{BL}+(?:(?P<dem>تلك|هذه|هذا){BL}+)?[وبل]?(?P<np>{alt(c['population_heads'])})(?![^\W\d_])"
        ),
        "population_after": re.compile(
            rf"(?P<q>[وف]?{alt(c['population_before'])}{BL}+)?(?:(?P<dem>تلك|هذه|هذا){BL}+)?(?P<np>{alt(c['population_heads'])})(?![^\W\d_])"
        ),
        "population_np": re.compile(rf"{nl}(?:ال|لل|بال|وال)?(?P<np>{alt([h[2:] if h.startswith('ال') else h for h in c['population_heads']])})(?![^\W\d_])"),
        "subject_after_cue": re.compile(rf"{nl}{alt(c['subject_after_figure'])}{BL}+[{QUOTES}]?\Z"),
        "rank_open": re.compile(
            rf"{nl}[وف]?(?:(?P<v>{alt(c['rank_verbs'])})|(?P<n>{alt(c['rank_verbs_needs_end'])})|(?P<f>{alt(c['rank_followers'])})){BL}+"
        ),
        "rank_close": {w for x in c["rank_nouns"] + c["rank_superlatives"] for w in (x, "ب" + x, "في" + x)},
        "rank_link_words": {x.split()[0] for x in c["rank_links"]},
        "rank_link": re.compile(
            rf"{nl}(?:{alt(c['rank_links'])}){BL}*(?:(?:نحو|حوالي|قرابه|اكثر{BL}+من|ازيد{BL}+من|ما{BL}+يقارب){BL}*)?(?:ال)?{BL}*\Z"
        ),
        "header_generic": set(c["list_header_generic"]),
        "header_stop": {"خلال", "في", "فى", "منذ", "حتي", "لعام", "للعام", "عام", "حسب", "بحسب", "وفق", "وفقا"},
        "topic_front": re.compile(rf"{nl}[وف]?(?:{alt(c['topic_fronting'])}){BL}*"),
        "topic_front_forms": opening_words(c["topic_fronting"], ("", "و", "ف")),
        "donor": re.compile(
            rf"(?:{nl}(?:من{BL}+لدن|من|لدن)|{nl}و|،){BL}*(?P<p>و?(?:{alt(c['donor_titles'])})(?:{BL}+[^\W\d_]+){{1,10}}?){BL}+"
            rf"(?:{alt(c['donor_links'])}){BL}*\Z"
        ),
        "anaphor": re.compile(rf"{nl}[وفبل]?(?P<a>{alt(c['anaphora'])})(?![^\W\d_])"),
        "anaphora": c["anaphora"],
    }


class NameIndex:
    """The document's names with their starts sorted, for range look-ups in O(log n)."""

    def __init__(self, names: list[Name]):
        self.names = names
        self.starts = [n.start for n in names]
        self._by_scope: dict[str, tuple[list[int], list[Name]]] = {}
        for n in sorted(names, key=lambda n: (n.end, n.start)):
            ends, items = self._by_scope.setdefault(n.referent.scope, ([], []))
            ends.append(n.end)
            items.append(n)

        self._sources = sorted((n for n in names if n.is_source), key=lambda n: n.end)
        self._source_ends = [n.end for n in self._sources]
        self._by_object: dict[str, list[Name]] = {}
        for n in names:
            if n.referent is n and n.scope in _SALIENT_SCOPES:
                w = _object_word(n.text)
                if w:
                    self._by_object.setdefault(w, []).append(n)
        for items in self._by_object.values():
            items.sort(key=lambda n: n.end)
        self._object_ends = {w: [n.end for n in items] for w, items in self._by_object.items()}

    def named_after(self, word: str, pos: int) -> Name | None:
        """The platform, service or programme named after `word` (منظومة البطاقة الوطنية for بطاقة):
        the latest before `pos`, else the first one."""
        items = self._by_object.get(word)
        if not items:
            return None
        i = bisect_right(self._object_ends[word], pos)
        return items[i - 1] if i else items[0]

    def starting_in(self, lo: int, hi: int) -> list[Name]:
        """Names whose start is in [lo, hi)."""
        return self.names[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def latest_source(self, pos: int) -> Name | None:
        """The source of figures (أعلنت X، بحسب X) named last before `pos`."""
        i = bisect_right(self._source_ends, pos)
        return self._sources[i - 1] if i else None

    def first_of_scope(self, scope: str) -> Name | None:
        """The first name of `scope` in the text."""
        items = self._by_scope.get(scope, ([], []))[1]
        return min(items, key=lambda n: n.start) if items else None

    def latest_of_scope(self, scope: str, pos: int) -> Name | None:
        """The name of `scope` that ends last at or before `pos`."""
        ends, items = self._by_scope.get(scope, ([], []))
        i = bisect_right(ends, pos)
        return items[i - 1] if i else None


_GENERIC = {"خدمه", "خدمات", "منصه", "تطبيق", "الكتروني", "الكترونيه", "رقمي", "رقميه", "حكومي", "حكوميه", "وطني", "وطنيه", "موحد", "موحده", "ذكي", "ذكيه", "جديد", "جديده", "عام", "عامه", "رسمي", "رسميه", "معاملات", "معامله", "عمليه", "عمليات"}


def _object_word(text: str) -> str | None:
    """The word a name is named after: the first word after its head noun, without ال, in the singular
    ("منظومة البطاقة الوطنية" -> بطاقه); None when it is generic (الخدمات الإلكترونية)."""
    words = normalize(text).text.split()
    if len(words) < 2:
        return None
    return _singular(words[1])


def _singular(w: str) -> str | None:
    for p in ("وال", "بال", "لل", "ال"):
        if w.startswith(p) and len(w) > len(p) + 2:
            w = w[len(p):]
            break
    if w.endswith("ات") and len(w) > 4:
        w = w[:-2] + "ه"
    return None if w in _GENERIC or len(w) < 3 else w


_COUNTRY_WORDS = {"دوله", "دول", "بلد", "بلدان", "بلدا", "دولتين", "بلدين"}


def _counts_countries(doc: Document, f: Fact) -> bool:
    """The figure counts countries: "193 دولة"، "من بين 190 بلدا"، "للدول الـ193 المشاركة"."""
    if f.m.kind != "number":
        return False
    measure = f.row.get("measure_ar")
    if isinstance(measure, str) and measure.split() and _measure_nt(f).text.split()[0] in _COUNTRY_WORDS:
        return True
    before = doc.text[max(0, f.s - 12):f.s].split()
    return bool(before) and re.sub(r"^(?:[وفب]?(?:ال|لل))", "", before[-1]) in _COUNTRY_WORDS


def _population(doc: Document, f: Fact, cs: int) -> Name | None:
    """The population of bodies the figure is a share of, right after it ("37% من الجهات الحكومية") or
    before it in its clause with no figure between ("معظم الجهات الحكومية (نحو 70%)"); "تلك المؤسسات" is
    the one named before."""
    R = _rx()
    t = doc.text
    i = f.e
    while i < len(t) and i < f.e + 4 and t[i] in " \u00a0)(":
        i += 1
    m = R["population_after"].match(t, i)  # a fraction's own noun: "نصف تلك المؤسسات"
    if m is not None and not (m.group("dem") or m.group("q") or not t[f.s:f.e][:1].isdigit()):
        m = None  # "1.8% الولايات المتحدة": a bare noun after a written figure is not its population
    if m is None:
        lo = max(cs, f.s - WINDOW // 4)
        last = None
        for last in R["population"].finditer(t, lo, f.s):
            pass
        if last is None or any(ch.isdigit() for ch in t[last.end():f.s]):
            return None
        m = last
    s = m.start("np")
    if m.group("dem"):
        head = m.group("np")[2:]
        prev = None
        for x in R["population_np"].finditer(t, max(0, s - WINDOW), m.start()):
            if not t[max(0, x.start() - 5):x.start()].rstrip().endswith(("تلك", "هذه", "هذا")):
                prev = x  # the name itself, not an earlier "تلك المؤسسات"
        if prev is None or prev.group("np") != head:
            return None
        s = prev.start("np") - (2 if t.startswith("ال", prev.start("np") - 2) else 0)
    e = _adjectives(t, _word_end(t, s))
    return Name(s, e, UNKNOWN, doc.raw_slice(s, e), scope="whole_government")


def _word_end(t: str, i: int) -> int:
    while i < len(t) and (t[i].isalpha() or t[i] == "_"):
        i += 1
    return i


_ADJ = re.compile(r"[ \u00a0]+(ال[^\W\d_]+)")


def _adjectives(t: str, e: int, most: int = 3) -> int:
    """The end of a noun's definite adjectives after `e` (at most `most`; a word that ends names stops them)."""
    for _ in range(most):
        m = _ADJ.match(t, e)
        if m is None or ends_name(m.group(1)):
            break
        e = m.end()
    return e


_CLAUSE_OPENERS = {"ان", "بان", "وان", "لان", "فان", "اي"}


def _object_of_verb(t: str, cs: int, pos: int) -> bool:
    """Whether the figure at `pos` is the object of a present-tense verb right before it ("وتدير 62% من X":
    the clause's agent handles that share of X), not the subject of its clause ("… أن 62% من X")."""
    words = [w.strip("(«\"“*-") for w in t[max(cs, pos - 60):pos].split()]
    words = [w for w in words if w and w not in _HEDGES]
    return bool(words) and _PRESENT_VERB.fullmatch(words[-1]) is not None and words[-1] not in _CLAUSE_OPENERS


_HEDGES = {"نحو", "حوالي", "قرابه", "اكثر", "من", "ما", "يقارب", "يزيد", "عن", "تتجاوز", "يتجاوز", "تفوق", "يفوق", "تزيد", "ال"}
_PRESENT_VERB = re.compile(r"[وف]?[تي][^\W\d_]{3,6}")


def _measure_nt(f: Fact):
    """The figure's measure phrase normalized, once per figure (several rules read it)."""
    nt = f.row.get("_measure_nt")
    if nt is None:
        nt = f.row["_measure_nt"] = normalize(f.row["measure_ar"])
    return nt


def _rank(n: Name, score: bool = False) -> int:
    """0 for a specific name, 1 for the whole government, 2 for a source of figures or a name that
    only places another, 3 for a country; for a score (a percent), an index ranks below a country
    (an index's percent is a country's score on it)."""
    r = n.referent
    if r.scope == "index" and score:
        return 4
    if r.scope == "country":
        return 3
    if n.is_source or n.is_modifier or r.scope == "quoted":
        return 2
    return 1 if r.scope == "whole_government" else 0


def _best(cands: list[Name], score: bool = False) -> Name | None:
    """The nearest (last) of the best-ranked candidates."""
    best = None
    for n in cands:
        if best is None or _rank(n, score) <= _rank(best, score):
            best = n
    return best


def topic(names: list[Name]) -> Name | None:
    """The article's most salient name: the most often named, platforms and programmes first among equals, then the earliest."""
    if not names:
        return None
    counts = Counter(_key(n) for n in names)
    first_at: dict = {}
    for n in names:
        first_at.setdefault(_key(n), n.referent)

    def score(item):
        key, n = item
        return (n.scope not in _WEAK_SCOPES, counts[key], n.scope in _SALIENT_SCOPES, -n.start)

    return max(first_at.items(), key=score)[1]


def _key(n: Name):
    r = n.referent
    return r.ent.entity_id or " ".join(r.text.split())


def measure_channel(f: Fact) -> Name | None:
    """The channel a figure's measure names: "المدفوعات عبر أجهزة الصراف" -> أجهزة الصراف, "الحسابات التي أنشأها
    عملاء المصارف" -> عملاء المصارف; a way of doing (عبر الإنترنت) or a bare anaphor (عبر المنصة) is none."""
    measure = f.row.get("measure_ar")
    if not isinstance(measure, str) or not measure:
        return None
    R = _rx()
    nt = _measure_nt(f)
    m = R["instrument"].search(nt.text)
    if m is not None:  # "الدفعات المنفذة على هذه المحافظ"، "المسجلين في التطبيقات البريدية"
        s = m.start("np")
        e = _adjectives(nt.text, m.end("np"), 2)
        rs, re_ = nt.span_to_raw(s, e)
        return Name(f.s, f.s, UNKNOWN, measure[rs:re_], scope="channel")
    for rx in (R["channel"], R["relative_agent"]):
        m = rx.search(nt.text)
        phrase = _channel_phrase(m) if m is not None else None
        if phrase:
            s = m.start("np")
            rs, re_ = nt.span_to_raw(s, s + len(phrase))
            return Name(f.s, f.s, UNKNOWN, measure[rs:re_], scope="channel")
    return None


def relative_agent(index: NameIndex, f: Fact) -> Name | None:
    """The body a relative clause in the figure's measure names by an anaphor as its agent ("الخدمات التي
    تقدمها المنصة"، "المحاور الخمسة التي يقيسها المؤشر"): the latest name of that scope before the figure."""
    measure = f.row.get("measure_ar")
    if not isinstance(measure, str) or ("التي" not in measure and "الذي" not in measure):
        return None
    R = _rx()
    m = R["relative_agent"].search(_measure_nt(f).text)
    if m is None:
        return None
    word = m.group("np").split()[0]
    scope = R["anaphora"].get(word)
    if scope is None or (scope == "index" and f.m.kind == "percent"):
        return None  # not an anaphor; a percent "… التي يقيسها المؤشر" is a country's score on it
    e = index.latest_of_scope(scope, f.s)
    return e.referent if e is not None else None


_EVERY = {"المختلفه", "مختلف", "المتعدده", "كافه", "جميع", "كل", "مختلفه"}


def _channel_phrase(m: re.Match) -> str | None:
    """The channel's noun phrase in a match of a channel pattern, or None for a way of doing (الإنترنت), a
    device (نظام أندرويد) or a bare definite word (المنصة: an anaphor)."""
    R = _rx()
    words = []
    for w in m.group("np").split():
        if w == "ال" or ends_name(w) or (words and not (w.startswith(("ال", "وال", "لل")) or len(words) == 1 and words[0][:2] != "ال")):
            break
        words.append(w)
    phrase = " ".join(words)
    if (
        not words or phrase in R["channel_modes"] or words[0] in R["channel_modes"] or (len(words) == 1 and words[0].startswith("ال"))
        or any(w.lower() in R["devices"] for w in m.group("np").split()[:2])
        or any(w in _EVERY for w in words)
    ):
        return None  # … عبر قنوات الدفع المختلفة: every channel together is no one channel
    return phrase


def channel_before(doc: Document, f: Fact, cs: int) -> Name | None:
    """A channel or instrument phrase right before the figure in its clause: "… المسددة عن طريق أجهزة
    الصراف 65 مليارا"، "ونفذت على هذه المحافظ 8 ملايين عملية"."""
    R = _rx()
    t = doc.text
    lo = max(cs, f.s - WINDOW // 4)
    last = None
    for last in R["instrument"].finditer(t, lo, f.s):
        pass
    if last is not None:  # "ونفذت على هذه المحافظ 8 ملايين عملية"
        s = last.start("np")
        e = _adjectives(t, last.end("np"), 2)
        if not t[e:f.s].strip(" \u00a0"):
            return Name(s, e, UNKNOWN, doc.raw_slice(s, e), scope="channel")
    last = None
    for last in R["channel"].finditer(t, lo, f.s):
        pass
    if last is None:
        return None
    phrase = _channel_phrase(last)
    if not phrase:
        return None
    s = last.start("np")
    e = s + len(phrase)
    if t[e:f.s].strip(" \u00a0"):
        return None  # something else comes between: the phrase is not the figure's
    return Name(s, e, UNKNOWN, doc.raw_slice(s, e), scope="channel")


def _owner(doc: Document, f: Fact, fallback: Name | None) -> Name | None:
    """What a money figure or a percent is the amount of, as the measure pass read it in the figure's clause
    (the object of قيمة/إجمالي/حجم، the subject of the change it measures), when it says more than a
    generic noun and the subject the article goes on with is no platform, service or programme (a
    platform's own transactions are the platform's; a reporter's figures about X are X's)."""
    span = f.row.get("_owner")
    if span is None or f.row.get("kind") not in ("money", "percent"):
        return None
    if fallback is not None and fallback.referent.scope in _OWNS_ITS_FIGURES:
        return None
    s, e = span
    words = [w for w in (_singular(w) or "" for w in doc.text[s:e].split()) if w]
    if len(words) < 2:
        return None
    return Name(s, e, UNKNOWN, doc.raw_slice(s, e), scope="activity")


_VALUE_OF = re.compile(r"(?<![^\W\d_])(?:و?بقيمه|بمبلغ)(?![^\W\d_])")


def _value_of(t: str, a: int, b: int) -> bool:
    """Whether the text between two figures makes the second the value of what the first counts:
    "… عملية بقيمة إجمالية"، "… مستخدم بقيمة تحويلات بلغت" (a few words, no figure)."""
    gap = t[a:b]
    return len(gap) < 80 and len(gap.split()) <= 6 and _VALUE_OF.search(gap) is not None and not any(ch.isdigit() for ch in gap)


_ITEM_LINE_MAX_WORDS = 20  # a line of a list of figures
_HEADER_MAX_WORDS = 8
_LINE_MAX_CHARS = 300  # a line of a list of figures is shorter
_LIST_MAX_LINES = 12


def list_header(doc: Document, index: NameIndex, f: Fact) -> Name | None:
    """The header of the list of figures the figure's line belongs to: a short line with no statistic
    right above a block of short lines that each give figures ("نشاط الدفع خلال الربع" above
    "تحويلات فورية 37 مليار درهم"); its noun phrase up to a time word or a preposition."""
    t = doc.text
    ls = t.rfind("\n", max(0, f.s - WINDOW), f.s) + 1
    if ls == 0 and f.s > WINDOW:
        return None
    key = ("list_header", ls)
    if key not in doc.memo:  # the figures of one line share it
        doc.memo[key] = _list_header(doc, index, f, ls)
    return doc.memo[key]


def _list_header(doc: Document, index: NameIndex, f: Fact, ls: int) -> Name | None:
    t = doc.text
    le = t.find("\n", f.s, ls + _LINE_MAX_CHARS)
    le = len(t) if le < 0 and len(t) <= ls + _LINE_MAX_CHARS else le
    if le < 0 or len(t[ls:le].split()) > _ITEM_LINE_MAX_WORDS:
        return None  # no short line: no list
    starts = doc.fact_starts
    pos = ls
    for _ in range(_LIST_MAX_LINES):
        end = pos - 1
        while end > 0 and t[end - 1] == "\n":
            end -= 1
        if end <= 0:
            return None
        start = t.rfind("\n", max(0, end - WINDOW // 2), end) + 1
        if start == 0 and end > WINDOW // 2:
            return None
        words = t[start:end].split()
        if bisect_left(starts, start) < bisect_left(starts, end):  # another item of the list
            if len(words) > _ITEM_LINE_MAX_WORDS:
                return None
            pos = start
            continue
        return _header_phrase(doc, index, start, end) if 0 < len(words) <= _HEADER_MAX_WORDS else None
    return None


def _header_phrase(doc: Document, index: NameIndex, start: int, end: int) -> Name | None:
    """A header's noun phrase: its words up to a time word, a preposition, a digit or a colon; None when it
    opens with a verb or names no thing (تقرير، أبرز الأرقام)."""
    R = _rx()
    t = doc.text
    s = e = None
    for w in WORD_RE.finditer(t, start, end):
        if e is not None and t[e:w.start()].strip(" \u00a0"):
            break  # a colon, a dash or a digit ends it
        word = w.group()
        if s is None:
            if word in R["header_generic"] or word in _verbs():
                return None
            s = w.start()
        elif word in R["header_stop"]:
            break
        e = w.end()
    if s is None or len(t[s:e].split()) < 2:
        return None
    return _phrase_name(doc, index, s, e, scope="activity")  # a header that is a name keeps its entity


def _quantity_word(w: str) -> bool:
    """A quantity head or noun (نسبة، عدد، قيمة، وقت …), with or without ال."""
    M = measure_rx()
    bare = w[2:] if w.startswith("ال") else w
    return bare in M["heads"] or bare in M["quantity_nouns"] or w in M["heads"]


def _verbs() -> set:
    """Every verb form the phrase reader knows (its word classes, built once)."""
    return measure_rx()["all_verbs"]


def _phrase_name(doc: Document, index: NameIndex | None, s: int, e: int, scope: str | None = None) -> Name:
    """The phrase [s, e) as a subject: the known name it opens with (its entity kept), else the phrase
    itself, a service when its head is خدمة, else `scope` or an activity."""
    if index is not None:
        for name in index.starting_in(s, s + 3):
            if name.end <= e + 1:
                return name.referent
    scope = scope or ("service" if doc.text.startswith(("خدمه", "خدمات"), s) else "activity")
    return Name(s, e, UNKNOWN, doc.raw_slice(s, e), scope=scope)


def fronted_topic(doc: Document, f: Fact, ss: int) -> Name | None:
    """The topic a sentence opens on ("وفيما يخص خدمة X، …"، "أما بالنسبة للخدمات الرقمية ف…"), before the
    figure: its noun phrase up to the comma (or the ف of أما), at most _HEADER_MAX_WORDS words."""
    R = _rx()
    t = doc.text
    marks = doc.memo.get("topic_front")
    if marks is None:  # every opening of a topic in the document, found once
        found = word_matches(doc, R["topic_front"], R["topic_front_forms"])
        marks = doc.memo["topic_front"] = ([m.start() for m in found], found)
    i = bisect_left(marks[0], f.s) - 1
    m = marks[1][i] if i >= 0 else None
    if m is None or m.start() < max(ss, f.s - WINDOW) or m.end() > f.s:
        return None
    s = e = m.end()
    n = 0
    for w in WORD_RE.finditer(t, s, f.s):
        if n and t[e:w.start()].strip(" \u00a0"):
            break  # the comma that closes the topic
        if n and w.group().startswith("ف") and w.group()[1:] in _verbs():
            break  # "أما X فبلغت"
        if n == _HEADER_MAX_WORDS:
            return None
        e, n = w.end(), n + 1
    if n < 2 or t[s:e].split()[0] in R["header_generic"]:
        return None
    return _phrase_name(doc, None, s, e)  # (a name in the topic was found at sentence level before)


_ITEM_MAX_WORDS = 8
_PREPOSITIONS = {"في", "فى", "علي", "من", "الي", "عن", "ب", "ل"}
_RANK_REST_MAX_WORDS = 14


def _after_b_link(t: str, pos: int) -> bool:
    """A cheap first test: one of the three words before `pos` opens with ب or is نسبة (بواقع، بنسبة، بمبلغ،
    بـ …), as every rank link and gift link does."""
    return any(w.startswith("ب") or w.endswith("نسبه") for w in t[max(0, pos - 30):pos].split()[-3:])


def ranked_item(doc: Document, index: NameIndex, f: Fact, cs: int) -> Name | None:
    """The item of a ranking the figure is given to, in its clause: "تصدرت X القائمة بـ N"، "تلتها Y بـ M"،
    "متبوعة بـ Z بإجمالي K"، "تحتل X المرتبة الأولى … بنسبة P"، "كانت X الأعلى استخداما بـ N"."""
    R = _rx()
    t = doc.text
    lo = max(cs, f.s - WINDOW // 2)
    if not _after_b_link(t, f.s) or R["rank_link"].search(t, max(lo, f.s - 40), f.s) is None:
        return None  # the figure is not put to an item (بواقع، بنسبة، بـ …)
    last = None
    for last in R["rank_open"].finditer(t, lo, f.s):
        pass
    if last is None:
        return None
    s = last.end()
    if last.group("f") and t.startswith("بال", s):
        s += 1  # "متبوعة بالوزارات": the item after its ب
    e, n, closed = s, 0, False
    for w in WORD_RE.finditer(t, s, f.s):
        gap = t[e:w.start()]
        if n and gap.strip(" \u00a0"):
            break  # punctuation or a figure ends the item
        word = w.group()
        if word in R["rank_close"]:
            closed = True
            break
        if word in R["rank_link_words"] or n == _ITEM_MAX_WORDS:
            break
        e, n = w.end(), n + 1
    if n == 0 or (last.group("n") and not closed):
        return None  # "جاءت X …" ranks nothing unless a rank noun or a superlative closes X
    first = t[s:e].split()[0]
    if first in _PREPOSITIONS:
        return None  # "تحل في المرتبة الأولى X": the rank before its item is not read
    if _quantity_word(first):
        return None  # "كانت نسبة الرضا الأعلى بنسبة …": a quantity is no item
    if len(t[e:f.s].split()) > _RANK_REST_MAX_WORDS or any(ch.isdigit() for ch in t[e:f.s]):
        return None
    return _phrase_name(doc, index, s, e)  # "تصدرت منصة أبشر القائمة بـ …" keeps the platform's entity


def assign_subject(doc: Document, index: NameIndex, f: Fact, carried: Name | None, main: Name | None, next_start: int | None = None,
                   prev: Fact | None = None) -> Name | None:
    """The name whose figure `f` is, by the first rule that applies (recorded in f.rules).

    Args:
        doc: the document.
        index: its names.
        f: the figure (its measure already set).
        carried: the subject the article goes on with (the last one found in a figure's clause or
            sentence; a name attached after one figure is that figure's only), or None.
        main: the article's topic (`topic(doc.names)`), or None.
        next_start: where the next figure starts (a name after it is that figure's), or None.
        prev: the figure before it (its subject already set), or None.
    Returns:
        The name (a description resolved to what it describes), or None.
    """
    R = _rx()
    t = doc.text
    cs, ce = doc.clause(f.s)
    ss, se = doc.sentence(f.s)
    score = f.m.kind == "percent"
    # 1. introduced after the figure in its clause: "… من خلال خدمة تقارير أبشر"; a country
    #    after it ("في الجزائر") yields to a platform further on ("… عبر تطبيق X")
    attached = []
    for e in index.starting_in(f.e, max(min(ce, next_start or ce), f.e)):
        after_cue = R["subject_after_cue"].search(t, max(f.e, e.start - 16), e.start)
        me = f.row.get("_measure_end")
        right_after_measure = e.for_clitic and me is not None and (not t[me:e.start - 1].strip() or e.start < me)
        # (a name with ل inside a measure after the figure: "41.3% نسبة الأتمتة للخدمات البلدية")
        if e.referent.scope == "whole_government" and score and (
            _object_of_verb(t, cs, f.s) or any(_rank(n) == 0 and n.end <= f.s for n in index.starting_in(max(cs, f.s - WINDOW), f.s))
        ):
            continue  # "وتدير 62% من الطلبات البلدية": a share of the whole that the clause's agent handles
        if (after_cue or e.at_clitic or right_after_measure) and e.referent.scope != "country" and _rank(e, score) < 4:
            attached.append(e)  # a country after a figure places it (… في البحرين), an index scores it (… في مؤشر X)
            if _rank(e, score) == 0:
                break
    if attached:
        e = min(attached, key=lambda n: _rank(n, score))
        e.consumed = e.ent.scope == "service"  # "من خلال خدمة X" names this figure's service only
        f.rules.append("subject:after")
        return e.referent
    # 1a. the item of a ranking the figure is given to ("تصدرت X القائمة بـ N"، "تلتها Y بـ M")
    item = ranked_item(doc, index, f, cs)
    if item is not None:
        f.rules.append("subject:ranked_item")
        return item
    # 1b. a count of countries (193 دولة) is the survey's or index's that covers them
    if _counts_countries(doc, f):
        e = index.latest_of_scope("index", f.s) or index.first_of_scope("index")
        if e is not None:
            f.rules.append("subject:index_countries")
            return e.referent
    # 1c. a share of a population of bodies (37% من الجهات الحكومية، معظم البلديات (نحو 70%)، أداء الوزارات 61%)
    if f.m.kind != "money":
        pop = _population(doc, f, cs)
        if pop is not None:
            f.rules.append("subject:population")
            return pop
    # 1e. a sum given right after a person: "بتبرع من الأمير X بمبلغ 15 مليون درهم، وولي العهد Y بـ5 ملايين"
    if f.row.get("kind") == "money" and _after_b_link(t, f.s):
        d = R["donor"].search(t, max(cs, f.s - 120), f.s)
        if d is not None:
            s = d.start("p") + (1 if t[d.start("p")] == "و" and t[d.start("p") + 1:d.start("p") + 3] != "لي" else 0)
            e = d.end("p")
            if not any(w in _verbs() for w in t[s:e].split()) and not any(n.scope in _SALIENT_SCOPES for n in index.starting_in(s, e)):
                f.rules.append("subject:donor")  # (a clause or a platform in between is no person's name)
                return Name(s, e, UNKNOWN, doc.raw_slice(s, e), scope="person")
    # 1d. the value of what the figure before counts ("42 مليون دفعة بقيمة 7 مليارات درهم") is that figure's subject's
    if prev is not None and prev.row.get("_ent") is not None and prev.s >= ss and _value_of(t, prev.e, f.s) \
            and not index.starting_in(prev.e, f.s):
        f.rules.append("subject:value_of_previous")
        return prev.row["_ent"]
    # 2. nearest before in the clause, then (after the channel its measure names) in the sentence
    for lo, tag in ((cs, "clause"), (max(ss, f.s - 2 * WINDOW), "sentence")):
        if tag == "sentence":
            agent = relative_agent(index, f)  # "المحاور الخمسة التي يقيسها المؤشر": the index's
            if agent is not None:
                f.rules.append("subject:relative_agent")
                return agent
            channel = measure_channel(f) or channel_before(doc, f, cs)
            if channel is not None:
                f.rules.append("subject:measure_channel")
                return channel
        cands = [e for e in index.starting_in(lo, f.s) if e.end <= f.s and not e.consumed]
        own = [e for e in cands if not e.channel_of_feature] or cands
        best = _best(own, score)
        if best is not None and (best.is_modifier or best.scope == "quoted") and (carried is not None or main is not None):
            best = None  # a name that only qualifies another, or a bare quoted word, is not the subject while the article has one
        if best is not None and (_rank(best, score) == 0 or tag == "sentence"):
            owner = _owner(doc, f, None) if _rank(best, score) >= 2 else None
            if owner is not None:  # "قال محافظ البنك المركزي إن إجمالي التحصيلات البلدية بلغ …": the reporter's figure about X
                f.rules.append("subject:owner")
                return owner
            f.rules.append(f"subject:{tag}")
            return best.referent
    # 3. the reporter itself ("وأضافت أنها أنجزت 520 …"): the latest source of figures
    if R["self_report"].search(t, max(ss, f.s - WINDOW), f.s):
        src = index.latest_source(ss)
        if src is not None:
            f.rules.append("subject:reporter")
            return src.referent
    # then, first that applies: an anaphor (المنصة، الوزارة) in the sentence, the latest entity of that scope;
    # 3b. a platform named after what the figure counts ("… 30 مليون بطاقة" -> منظومة البطاقة الوطنية);
    # 4. the subject the article goes on with; 5. the article's topic
    name, tag = _fallback(t, index, f, carried, main, ss, score)
    # 3a. ... unless the figure's clause states what it is the amount of ("بلغ إجمالي التحصيلات
    #     البلدية 4.3 مليار") and that name is a reporter's (a ministry, agency or bank), not a platform's
    owner = _owner(doc, f, name)
    if owner is not None:
        f.rules.append("subject:owner")
        return owner
    if name is None or name.referent.scope not in _OWNS_ITS_FIGURES:
        header = list_header(doc, index, f)  # "حركة المدفوعات خلال العام" above its list of figures
        if header is not None:
            f.rules.append("subject:list_header")
            return header
        fronted = fronted_topic(doc, f, ss)  # "وفيما يخص خدمة X، أفاد … حيث تم إحصاء N"
        if fronted is not None:
            f.rules.append("subject:fronted_topic")
            return fronted
    if name is not None:
        f.rules.append(f"subject:{tag}")
    return name


def _fallback(t: str, index: NameIndex, f: Fact, carried: Name | None, main: Name | None, ss: int, score: bool):
    """(name, rule tag) of rules 3 (an anaphor), 3b, 4 and 5 of assign_subject, or (None, None)."""
    R = _rx()
    for a in R["anaphor"].finditer(t, max(ss, f.s - WINDOW), f.s):
        scope = R["anaphora"][a.group("a")]
        if scope == "index" and score:
            continue  # a percent in "… في المؤشر" is a country's score on it
        e = index.latest_of_scope(scope, a.start())
        if e is not None:
            return e.referent, "anaphor"
    measure = f.row.get("measure_ar")
    if isinstance(measure, str) and measure.split():
        w = _singular(_measure_nt(f).text.split()[0])
        e = index.named_after(w, f.s) if w else None
        if e is not None:
            return e, "named_after"
    if carried is not None:
        return carried, "previous"
    if main is not None:
        return main, "topic"
    return None, None
