"""What a figure counts (its measure), its currency, and its role (level, change, change_pct, share_pct, rate_pct).

The measure is read from the Arabic noun phrase and clause around the figure:

- the counted noun after the figure (tamyiz) with its adjectives, genitive chain,
  prepositional complements and relative clause ("3,415 طلبا تمت معالجتها آليا"),
  ending at verbs, particles, time adjuncts, figures and the next clause;
- a quantity head before the figure ("عدد X"، "نسبة X"، "قيمة X"، "إجمالي X"), or the
  subject of the verb or change word that governs the figure ("ارتفع عدد X إلى N"،
  "بلغت التحصيلات من X نحو N دينار"), written beside the counted noun when it says more;
- for a percent, what it is a percentage of: a rate head, "P% من Y" (with what the
  part does when said), or what changes ("ارتفع عدد X … بنسبة P"، "X شهد نموا بنسبة P"،
  "بزيادة P في X");
- for money, the currency (ISO 4217; a bare دينار/ريال/جنيه/درهم/ليرة is the article
  country's) and what the money is;
- a figure that says none of these takes its neighbour's measure (a part "منها N X",
  a list, a range "من N إلى M X", an ellipsis "ثم إلى N").

Each figure reads the words of its own sentence within `document.WINDOW` characters of it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx
from ..normalize import _translate, normalize_word
from .document import BL, NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, QUOTES, WINDOW, WORD_RE, Document, Fact, alt, cues
from .phrase import DEMONSTRATIVES as _DEMONSTRATIVES
from .phrase import OK_GAP, Window, Words, word_classes

_YEAR_ADJUNCT = r"[ \u00a0]*(?:[^\u060c,.\u061b%\d]{0,20}\d{4}[ \u00a0]*)?"  # "… في العام 2021 …" between the ends of a range


# --- cues ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rx() -> dict:
    """The word classes and the cue patterns of the measure pass, built once."""
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    ctx = lx.context()
    hedges = ctx["hedges_before"]["more_than"] + ctx["hedges_before"]["approximately"]
    reach = alt(c["verbs"]["reach"] + ["قدرها", "قدره"])
    return {
        **word_classes(),
        "part_links": re.compile(rf"{nl}[وف]?{alt(c['part_links'])}{nr}"),
        "scales": {w for w, x in lx.number_words().items() if x.kind == lx.SCALE},
        "change_verb": re.compile(rf"{nl}[وفب]?(?P<v>{alt(c['change_verbs'])}){nr}"),
        "change_amount": re.compile(rf"{nl}[وف]?{alt(c['change_amount_cues'])}{BL}*(?:ال)?{BL}*\Z"),
        "change_amount_after_change": re.compile(rf"{nl}[وف]?{alt(c['change_amount_after_change'])}{BL}*\Z"),
        "share_cue": re.compile(rf"{nl}[وف]?{alt(c['share_cues'])}{nr}"),
        "whole_after": re.compile(rf"{BL}*{alt(c['whole_after_share'])}{BL}+"),
        "comparison_value": re.compile(rf"{nl}{alt(c['comparison_value_cues'])}{BL}*\Z"),
        "bi_nisba": re.compile(rf"{nl}و?ب(?:نسبه|معدل){BL}*(?:{reach}{BL}+(?:الي{BL}+)?)?(?:{alt(hedges)}{BL}*)?(?:ال)?{BL}*[({QUOTES}]?\Z"),
        "bare_nisba": re.compile(rf"{nl}و?(?:ال)?نسبه{BL}*(?:{reach}{BL}+(?:الي{BL}+)?)?(?:{alt(hedges)}{BL}*)?(?:ال)?{BL}*[({QUOTES}]?\Z"),
        "currency": _currency_rx(c),
        "quantity_nouns": {normalize_word(w) for w in c["quantity_nouns"]},
        "to_level": re.compile(rf"{nl}(?:و?الي|حتي){BL}*(?:{alt(hedges)}{BL}*)?(?:ال)?{BL}*[({QUOTES}]?\Z"),
    }


def _currency_rx(c: dict) -> tuple[re.Pattern, dict, dict]:
    forms = {lx.phrase_key(f): code for code, fs in c["currencies"].items() for f in fs}
    bare = {f: {k.upper(): v for k, v in by.items()} for fs, by in c["bare_currencies"].items() for f in fs.split("|")}
    rx = re.compile(rf"[ \u00a0]*(?:ال)?(?P<c>{lx.phrase_pattern(list(forms) + list(bare))}){NOT_LETTER_AHEAD}")
    return rx, forms, bare


# --- the pass --------------------------------------------------------------------------------


def is_comparison_value(doc: Document, f: Fact) -> bool:
    """Whether the figure is a comparison base: "مقابل 100 ألف", "مقارنة بـ 2 مليون"."""
    return _rx()["comparison_value"].search(doc.text, max(0, f.s - 20), f.s) is not None


def canonical_measure(phrase: str) -> lx.Measure | None:
    """Return the canonical measure of an Arabic noun phrase ("عملية استعراض للوثائق" -> document_views).

    Leading quantity heads, change words and prepositions are passed over
    ("قيمة المدفوعات" -> payments, "ارتفع عدد المستخدمين" -> users).

    Args:
        phrase: Arabic words as written (normalized internally).
    Returns:
        The Measure of the longest known variant among the first words, else of
        the first known word, else None.
    """
    R = _rx()
    table = lx.measures()
    words = WORD_RE.findall(_translate(phrase))  # normalize(phrase).text, without building the offset map
    words = [w[1:] if w[:1] == "ك" and w[1:] in table else w for w in words]
    words = [_without_pronoun(w, table) for w in words]
    while len(words) > 1 and (words[0] in R["heads"] or words[0] in R["all_verbs"] or words[0] in R["change_forms"]
                              or words[0] in ("من", "في")):
        words = words[1:]
    for k in (3, 2, 1):
        if len(words) >= k:
            key = " ".join(words[:k])
            for cand in (key, key[:-1] if key.endswith("ا") else None, key[2:] if key.startswith("ال") else None):
                if cand and cand in table:
                    return table[cand]
    for w in words[1:4]:
        for cand in (w, w[2:] if w.startswith("ال") else None, w[:-1] if w.endswith("ا") else None,
                     w[1:] if w[:1] in "لب" else None, w[3:] if w.startswith(("لل", "بال")) else None):
            if cand and cand in table:
                return table[cand]
    return None


def _without_pronoun(w: str, table: dict) -> str:
    """A known noun written with a possessive pronoun, without it ("إيراداتها" -> "إيرادات")."""
    if w in table or len(w) < 5:
        return w
    for suffix in ("هما", "ها", "هم", "ه"):
        if w.endswith(suffix) and w[:-len(suffix)] in table:
            return w[:-len(suffix)]
    return w


def resolve_currency(doc: Document, pos: int, country: str | None) -> tuple[str | None, int]:
    """The currency word written at normalized offset `pos` (after a figure) as (ISO 4217 code, end offset).

    A currency word with its country (دينار كويتي) is that country's; a bare
    دينار/ريال/جنيه/درهم/ليرة is the article country's, or the word's usual reading
    when the country has another currency (ريال -> SAR). (None, pos) when no currency
    word is there.
    """
    rx, forms, bare = _rx()["currency"]
    m = rx.match(doc.text, pos, min(len(doc.text), pos + 40))
    if m is None:
        return None, pos
    key = lx.phrase_key(m.group("c"))
    if key in forms:
        return forms[key], m.end()
    by_country = bare.get(key, {})
    return by_country.get(country or "", by_country.get("*")), m.end()


def assign_measures(doc: Document, facts: list[Fact], country: str | None = None) -> None:
    """Set measure_ar, measure, measure_en, role (and a money figure's unit) on every fact.

    Args:
        doc: the document (names already found).
        facts: the document's statistic figures, in text order; each row holds
            the reader's kind and unit.
        country: the article's country (ISO 3166 alpha-3), to read a bare currency word.
    """
    words = Words(doc, {n.start for n in doc.names if n.ent.entity_id})
    measured = None  # the latest figure with a measure: what a figure with none of its own may refer to
    for i, f in enumerate(facts):
        ref = measured if measured is not None and measured.s >= doc.sentence(f.s)[0] else None
        _assign(doc, f, facts[i - 1] if i else None, facts[i + 1] if i + 1 < len(facts) else None, ref, country, words)
        _repeated_noun(doc, f, facts[i - 1] if i else None)
        if f.row.get("measure_ar"):
            measured = f
    for i, f in enumerate(facts):
        _borrow(doc, f, facts, i)
        if i + 1 < len(facts):
            _range_currency(doc, f, facts[i + 1])
    for f in facts:
        row = f.row
        key_phrase = row.pop("_measure_key_phrase", None) or row.get("measure_ar") or ""
        meas = canonical_measure(key_phrase) if key_phrase else None
        if meas is None and row.get("measure_ar"):
            meas = canonical_measure(row["measure_ar"])
        meas = meas or row.get("_borrowed_key")
        row["measure"] = meas.measure if meas else None
        row["measure_en"] = meas.label_en if meas else None
        for k in ("_q", "_thing", "_borrowed_key", "_tam"):  # (_owner stays for the subject pass)
            row.pop(k, None)


def _raw(doc: Document, s: int, e: int) -> str:
    """The raw text of a span, without markdown emphasis."""
    return " ".join(doc.raw_slice(s, e).replace("*", " ").split())


def _has_scale(doc: Document, f: Fact) -> bool:
    return any(w in _rx()["scales"] for w in WORD_RE.findall(doc.text, f.s, f.e))


def _same_noun(a: str, b: str) -> bool:
    """Whether two words are one noun, singular or plural ("مؤسسة"/"المؤسسات"; not "مستخدم"/"المستفيدين")."""
    def stem(w):
        for p in ("وال", "بال", "لل", "ال", "و", "ب", "ل", "ك"):
            if w.startswith(p) and len(w) - len(p) >= 3:
                return w[len(p):]
        return w

    a, b = stem(a), stem(b)
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= min(4, min(len(a), len(b)) - 1)


def _len(p: tuple[int, int] | None) -> int:
    return 0 if p is None else p[1] - p[0] + 1


def _assign(doc: Document, f: Fact, prev: Fact | None, nxt: Fact | None, ref: Fact | None, country: str | None, words: Words) -> None:
    """The measure, role and currency of one figure from its own sentence (neighbours come later, in _borrow)."""
    R = _rx()
    t = doc.text
    row = f.row
    ss, se = doc.sentence(f.s)
    # the window: this figure's sentence, within WINDOW characters, never past the next figure
    win = Window(words, max(ss, f.s - WINDOW), min(se, f.e + WINDOW, nxt.s if nxt is not None and nxt.s > f.e else len(doc.text)))
    lo = max(ss, f.s - WINDOW, prev.e if prev is not None and prev.e <= f.s else 0)
    bi = win.index_at(lo)  # the first word of this figure's stretch (after the figure before it)
    before = [k for k in range(bi, win.index_at(f.s)) if win.E[k] <= f.s]
    kind = row.get("kind") or f.m.kind

    after = f.e
    if kind in ("money", "number"):
        code, cur_end = resolve_currency(doc, f.e, country)
        if cur_end > f.e:
            row["unit"] = code or row.get("unit")
            after = cur_end
            f.rules.append("unit:currency")
            if kind == "number":
                row["kind"] = kind = "money"
    fi = win.index_at(after)

    tam = _tamyiz(win, f, after, fi, kind)
    row["_measure_end"] = win.E[tam[1]] if tam else None
    row["_tam"] = _raw(doc, *win.span(tam)) if tam else None

    # the nearest quantity head before the figure in its stretch: "عدد X"، "نسبة X"، "قيمة X"
    q = None
    heads = win.R["heads"]
    for k in reversed(before):
        if win.W[k] not in heads:
            continue  # win.head(k) is None (the test it opens with, for every word before the figure)
        h = win.head(k)
        if h is None or (kind != "percent" and h[0] == "rate"):
            continue
        p = win.head_phrase(k, f.s)
        if p is not None and (win.strip_heads(p) is not None or kind == "percent"):
            while k - 1 >= bi and win.joined(k) and win.head(k - 1) and win.w(k - 1) == win.w(k - 1).lstrip("وبل"):
                k -= 1  # "إجمالي قيمة X"، "قيمة مؤشر X": a chain of heads
                h = win.head(k)
            q = ((k, p[1]), (win.S[k] + h[1], win.E[p[1]]), h[0])  # "عدد المستخدمين"، "معدل نمو"
        break  # a bare "العدد" refers back to an earlier figure
    if q is not None:
        row["_q"] = _raw(doc, *q[1])
        if kind == "money" and q[2] in ("value", "total"):
            _set_owner(row, win, win.strip_heads(q[0]))  # "بلغ إجمالي التحصيلات البلدية 4.3 مليار"

    role = "level"
    if kind == "percent":
        role, span = _percent(doc, win, f, q, tam, before, bi, fi, ss, prev, ref)
    else:
        span = _count_measure(doc, win, f, q, tam, before, bi, ref, kind)
        clause_start = doc.clause(f.s)[0]
        if R["change_amount"].search(t, max(0, f.s - 30), f.s) or (
            R["change_amount_after_change"].search(t, max(0, f.s - 30), f.s) and R["change_verb"].search(t, clause_start, f.s)
        ):
            role = "change"
            f.rules.append("role:change_amount")
    if isinstance(span, tuple):
        row["measure_ar"] = _raw(doc, *span) or None
        st = win.strip_heads(q[0]) if q is not None and span == q[1] else None
        row.setdefault("_thing", _raw(doc, *win.span(st)) if st else row["measure_ar"])
    elif isinstance(span, str):
        row["measure_ar"] = span
        row.setdefault("_thing", span)
    row.setdefault("measure_ar", None)
    row["role"] = role
    f.rules.append(f"role:{role}")


def _tamyiz(win: Window, f: Fact, after: int, fi: int, kind: str) -> tuple[int, int] | None:
    """The counted noun phrase right after the figure (or after its currency)."""
    t = win.t
    if fi >= win.n:
        return None
    gap = t[after:win.S[fi]]
    if not (win.gap_ok(after, win.S[fi]) or (gap.strip(OK_GAP) == ")" and t[f.s - 1:f.s] == "(")):
        return None
    w0 = win.w(fi)
    R = _rx()
    if w0.startswith("و") and (kind == "percent" or w0[1:] in R["heads"] or w0[1:] in R["change_nouns"] or w0[1:] in R["all_verbs"]
                               or w0[1:] in R["preps"] or w0[1:] in R["breaks"]):
        return None  # "3.15% وبنغلاديش 1.46%": the next item's label, not this figure's noun
    if w0 == "من" and kind != "percent" and win.joined(fi + 1):
        p = win.phrase(fi + 1, win.hi)  # "640 ألفا من الطلاب"، "5 ملايين ريال من الرسوم"
        return (fi, p[1]) if p else None
    return win.phrase(fi, win.hi)


def _subject_phrase(win: Window, before: list[int], bi: int) -> tuple[tuple[int, int], str] | None:
    """The subject of the verb or change word that governs the figure, unless it is a name (the agent).

    Returns ((first, last), how): how is "after" ("بلغت التحصيلات من X نحو N"، "ارتفاع عدد X إلى N"),
    "before" ("الأداء العام للبرنامج بلغ 53%") or "topic" ("أما الملغاة فبلغت N").
    """
    verb_of, change_forms = win.R["verb_class"], win.R["change_forms"]
    for k in reversed(before):
        if win.W[k] not in verb_of and win.W[k] not in change_forms:
            continue  # neither a verb nor a change word: cls is None
        cls = win.verb_class(k) or ("change" if win.is_change_noun(k) and not win.w(k).startswith(("ب", "وب")) else None)
        if cls is None:
            continue
        if cls == "other":
            return None
        p = win.phrase(k + 1, win.E[before[-1]], names_end=False) if k < before[-1] and win.joined(k + 1) else None
        if p is not None:
            if win.is_name(p[0]) or win.strip_heads(p) is None:
                return None
            return p, "after"
        if (k == before[-1] or not win.content(k + 1)) and win.verb_class(k):
            b = win.back_phrase(k, bi)
            if b is not None and not win.is_name(b[0]) and win.strip_heads(b) is not None:
                topic = b[0] > 0 and win.w(b[0] - 1) in ("اما", "واما") and win.w(k).startswith("ف")
                return b, "topic" if topic else "before"
        return None
    return None


def _count_measure(doc: Document, win: Window, f: Fact, q, tam, before: list[int], bi: int, ref: Fact | None, kind: str):
    """What a count or an amount of money counts: its noun, with the quantity head or subject that says more."""
    row = f.row
    if before and _adjectival_number(doc, win, f, before):
        b = win.back_phrase(before[-1] + 1, bi, preps=False)
        if b is None:
            return None
        end = win.E[tam[1]] if tam is not None and win.definite(tam[0]) else f.e
        if tam is None and win.w(win.index_at(f.e)) in _rx()["relative"]:
            k = win.index_at(f.e)
            end = win.E[win._relative(k, win.hi, k)]
        f.rules.append("measure:noun_before")  # "المراكز الثلاثة الجديدة"، "مبادرة رقمية واحدة": the number follows its noun
        return win.S[b[0]], end
    subj = None
    if q is None:
        s = _subject_phrase(win, before, bi)
        if s is not None and (tam is None or s[1] == "topic" or _same_noun(win.w(tam[0]), win.w(win.strip_heads(s[0])[0]))):
            subj = s[0]
        if s is not None and kind == "money" and s[1] != "topic":
            _set_owner(row, win, win.strip_heads(s[0]))  # "تخطط لنمو الصادرات الرقمية إلى 620 مليون دولار"
    if q is None and subj is None and tam is not None and before and doc.text[win.E[before[-1]]:f.s].strip(" \u00a0") == "(":
        b = win.back_phrase(before[-1] + 1, bi, joined=False)  # "خدمات على الخط (127 خدمة …)"
        if b is not None and _same_noun(win.w(b[0]), win.w(tam[0])):
            subj = b
    other = q[0] if q is not None else subj
    other_span = q[1] if q is not None else (win.span(subj) if subj else None)
    if tam is not None:
        tam_span = win.span(tam)
        w0 = win.w(tam[0])
        if w0.startswith("ك") and (w0[1:] in lx.measures() or w0[1:].startswith("ال") or w0[1:3] == "حس"):
            tam_span = (tam_span[0] + 1, tam_span[1])  # "كحسابات أفراد": counted as accounts
        core = win.strip_heads(other) if other is not None else None
        if core is not None and _len(core) > _len(tam):
            row["_measure_key_phrase"] = _raw(doc, *tam_span)
            f.rules.append("measure:after+" + ("quantity_head" if q is not None else "clause_subject"))
            return f"{_raw(doc, *tam_span)} ({_raw(doc, *other_span)})"
        f.rules.append("measure:after")
        return tam_span
    if other_span is not None:
        f.rules.append("measure:quantity_head" if q is not None else "measure:clause_subject")
        return other_span
    if kind == "money" and any(win.w(k) in ("بقيمه", "وبقيمه") for k in before[-3:]) and ref is not None:
        thing = ref.row.get("_tam") or ref.row.get("_thing") or ref.row.get("measure_ar")
        if thing:  # "42 مليون دفعة بقيمة 7 مليارات درهم": the value of what the figure before counts
            f.rules.append("measure:value_of_previous")
            if ref.row.get("_owner"):
                row["_owner"] = ref.row["_owner"]  # "X شهدت نموا بنسبة 23% بقيمة 96 مليار": X's value
            return f"قيمة {thing}"
    if ref is not None and any(win.w(k).startswith("ل") and win.w(k) in win.R["verbs"]["reach"] for k in before[-3:]):
        thing = ref.row.get("_thing") or ref.row.get("measure_ar")
        if thing:  # "ارتفعت الإيرادات بنسبة 9% لتبلغ 150 مليار ريال": what rose is what reaches the figure
            f.rules.append("measure:result_clause")
            return thing
    return None


def _adjectival_number(doc: Document, win: Window, f: Fact, before: list[int]) -> bool:
    """A number word written after its noun, as an adjective: with the article, or واحد/واحدة."""
    t = doc.text
    words = WORD_RE.findall(t, f.s, f.e)
    if not words:
        return False
    # the reader's span may leave the article out: "الثلاثة" is read from "ثلاثة"
    article = t[max(0, f.s - 2):f.s] == "ال" and not t[max(0, f.s - 3):f.s - 2].strip()
    article = article or (words[0].startswith("ال") and words[0][2:] in lx.number_words())  # not "ألفين"
    start = f.s - 2 if t[max(0, f.s - 2):f.s] == "ال" else f.s
    return (article or words[0] in ("واحد", "واحده")) and win.E[before[-1]] <= start and win.gap_ok(win.E[before[-1]], start) \
        and win.content(before[-1])


def _percent(doc: Document, win: Window, f: Fact, q, tam, before: list[int], bi: int, fi: int, ss: int, prev: Fact | None,
             ref: Fact | None):
    """The role and measure (a span, a composed phrase, or None) of a percent."""
    R = _rx()
    t = doc.text
    row = f.row
    share = None
    for sc in R["share_cue"].finditer(t, win.S[bi] if bi < win.n else f.s, f.s):  # in this figure's stretch
        share = sc
    rate_q = q if q is not None and q[2] in ("rate", "value", "total") else None
    fraction = _fraction(doc, win, f, fi, ref)
    if fraction is not None:
        return "share_pct", fraction
    of_whole = R["whole_after"].match(t, f.e)
    wp = None
    if of_whole:
        wi = win.index_at(of_whole.end())
        wp = win.phrase(wi, win.hi, names_end=False) if wi < win.n and win.gap_ok(of_whole.end(), win.S[wi]) else None
        wp = wp if wp is not None and win.strip_heads(wp) is not None else None
    if share is not None or (rate_q is not None and wp is not None):
        bare_rate = next((k for k in reversed(before) if (win.head(k) or ("",))[0] == "rate"), None)
        head = _raw(doc, *rate_q[1]) if rate_q else ("نسبة" if bare_rate is not None else "")
        tail = _raw(doc, f.e, win.E[wp[1]]) if wp is not None else ""
        part = ""
        if share is not None:
            part = t[share.end():rate_q[1][0] if rate_q else f.s]
            row["_measure_key_phrase"] = part.strip() or tail
            si = win.index_at(share.end())
            pp = win.phrase(si, f.s, names_end=False) if not rate_q and win.joined(si) else None
            while pp is not None and pp[1] > pp[0] and win.head(pp[1]):
                pp = (pp[0], pp[1] - 1)  # "شكلت المعاملات الإلكترونية نسبة 80%": the part, without the bare head
            part = _raw(doc, *win.span(pp)) if pp is not None else ""
        # "نسبة الحركات المنفذة عبر الهاتف من إجمالي الحركات": the rate, the part, the whole
        row["measure_ar"] = " ".join(x for x in (head, part, tail) if x) or None
        f.rules.append("measure:share")
        return "share_pct", None
    # "45% من الزيارات …": a share of what follows, with what the part does when the text says it
    if wp is not None and win.w(fi) == "من":
        end = _clause_tail(win, wp[1])
        row["_measure_key_phrase"] = _raw(doc, *win.span(wp))
        f.rules.append("measure:share_of")
        return "share_pct", (win.S[fi], win.E[end])
    # "512 تطبيقا 28% منها باللغة الإنجليزية": a share of what the figure before counts
    if win.w(fi) in ("منها", "منهم") and win.gap_ok(f.e, win.S[fi]) and ref is not None:
        end = _clause_tail(win, fi)
        f.rules.append("measure:share_of_previous")
        rest = _raw(doc, win.E[fi], win.E[end]) if end > fi else ""
        return "share_pct", " ".join(x for x in (ref.row.get("_tam") or ref.row["measure_ar"], rest) if x)
    # "57% يفضلون … مقابل 43% الذين يفضلون زيارة المكاتب": the people the relative clause names
    if win.w(fi) in R["relative"] and win.gap_ok(f.e, win.S[fi]):
        end = win._relative(fi, win.hi, fi - 1)
        if end >= fi:
            f.rules.append("measure:relative_after")
            return "rate_pct", (win.S[fi], win.E[end])
    # the change word that governs the figure: the nearest change verb or noun before it in its stretch
    changer = next((k for k in reversed(before) if win.verb_class(k) == "change" or win.is_change_noun(k)), None)
    cv = None
    for v in R["change_verb"].finditer(t, max(ss, f.s - WINDOW), f.s):
        cv = v
    after_change = fi < win.n and win.gap_ok(f.e, win.S[fi]) and R["change_verb"].match(t, win.S[fi])
    from_to = _from_to(doc, f, prev)  # "من 41% إلى 47%": levels, not changes
    # "ارتفعت نسبة X إلى 58%": the level reached, not the change (unless "بنسبة تصل إلى")
    from_to = from_to or (R["to_level"].search(t, max(0, f.s - 30), f.s) is not None and not _bi_nisba(t, f)
                          and not (changer is not None and win.w(changer).startswith(("ب", "وب"))))
    is_change = not from_to and (changer is not None or after_change or (cv is not None and _bi_nisba(t, f)))
    role = "change_pct" if is_change else "rate_pct"
    if rate_q is not None and (changer is None or rate_q[0][1] >= changer):
        f.rules.append("measure:rate_head")
        return role, _with_scope(doc, win, f, fi, rate_q[1])
    if is_change:
        if win.w(fi) in ("في", "فى") and win.gap_ok(f.e, win.S[fi]):
            p = win.phrase(fi + 1, win.hi) if win.joined(fi + 1) else None
            if p is not None:  # "بزيادة 27% في طلبات التجديد": what grows follows the figure
                f.rules.append("measure:change_in")
                row["_thing"] = _raw(doc, *win.span(p))
                return role, " ".join(x for x in (_change_word(doc, win, changer), _raw(doc, win.S[fi], win.E[p[1]])) if x)
        ci = changer if changer is not None else (win.index_of(cv.start("v")) if cv is not None else None)
        if ci is not None:
            m = _changed_thing(doc, win, f, ci, bi if changer is not None else 0, ref)
            if m is not None:
                return role, m
    if q is not None:
        f.rules.append("measure:quantity_head")
        return role, q[1]
    s = _subject_phrase(win, before, bi)
    if s is not None:
        f.rules.append("measure:clause_subject")
        return role, _with_scope(doc, win, f, fi, win.span(s[0]))
    if before and (_bi_nisba(t, f) or R["bare_nisba"].search(t, max(0, f.s - 40), f.s)):
        # "LABEL (X): بنسبة P"، "مستخدم حالي بنسبة P"، "… على الخط نسبة P": the phrase before
        k = max((x for x in before if win.w(x).endswith(("نسبه", "معدل"))), default=None)
        b = _label_before(win, k, bi) if k is not None else None
        if b is not None:
            f.rules.append("measure:label")
            head = "" if win.w(k).startswith(("ب", "وب")) else doc.raw_slice(win.S[k] + (1 if win.w(k).startswith("و") else 0), win.E[k])
            return role, " ".join(x for x in (head, _raw(doc, *win.span(b))) if x)
    vague = _after_vague_quantifier(win, f, before, bi) if before else None
    if before and (vague or _in_brackets(doc, win, f, before)):
        hedge = win.w(before[-1]) in ("نحو", "حوالي", "قرابه")
        b = vague or win.back_phrase(before[-1] if hedge else before[-1] + 1, bi, joined=False)
        close = t.find(")", f.e, f.e + 4)
        close = close if close >= 0 else f.e - 1  # "أعدت معظم البلديات 77% أدلة …": no brackets
        if b is not None:  # "معظم البلديات (نحو 74%) أعدت دليلا": the noun it is a share of, and what it does
            k = win.index_at(close + 1)
            end = _clause_tail(win, k - 1, start_joined=False) if k < win.n else None
            f.rules.append("measure:apposition")
            return "share_pct", _raw(doc, *win.span(b)) + (" " + _raw(doc, close + 1, win.E[end]) if end is not None and end >= k else "")
    if tam is not None and not t[ss:f.s].strip(" \u00a0\n(-\u2013\u2022*" + QUOTES):
        f.rules.append("measure:after")  # a headline "81% متوسط رضا المراجعين …"، "46% المعدل العام لمؤشر …"
        return role, win.span(win.phrase(tam[0], win.hi, names_end=False) or tam)
    if win.w(fi) in ("في", "علي") and win.gap_ok(f.e, win.S[fi]):
        return role, _with_scope(doc, win, f, fi, None)
    return role, None


def _from_to(doc: Document, f: Fact, prev: Fact | None) -> bool:
    """The figure is an end of "من P1 إلى P2" (two levels), not a change."""
    t = doc.text
    before = t[max(0, f.s - 30):f.s]
    if re.search(r"(?<![^\W\d_])و?من[ \u00a0]*\Z", before) and not re.search(r"(?:اكثر|ازيد|اقل|اكبر|يقرب)[ \u00a0]+من[ \u00a0]*\Z", before):
        return re.match(rf"{_YEAR_ADJUNCT}(?:الي|حتي)(?![^\W\d_])", t[f.e:f.e + 40]) is not None
    return prev is not None and re.fullmatch(rf"{_YEAR_ADJUNCT}(?:ثم[ \u00a0]+)?و?(?:الي|حتي)[ \u00a0]*", t[prev.e:f.s]) is not None


def _fraction(doc: Document, win: Window, f: Fact, fi: int, ref: Fact | None) -> str | tuple[int, int] | None:
    """A fraction word is the head of what it is a share of: "نصف الطلبات … تتم معالجتها عبر التطبيق"،
    "ثلثاها (of what the figure before counts) على التوقيع الرقمي"."""
    words = WORD_RE.findall(doc.text, f.s, f.e)
    table = lx.number_words()
    if len(words) != 1 or words[0] not in table or table[words[0]].kind != lx.FRACTION:
        return None
    t = doc.text
    if re.match(r"(?:ها|هم|هما)(?![^\W\d_])", t[f.e:f.e + 4]):  # the fraction with a pronoun: a share of what came before
        if ref is None or fi >= win.n:
            return None
        end = _clause_tail(win, fi - 1, start_joined=False)
        f.rules.append("measure:fraction_of_previous")
        tail = _raw(doc, win.S[fi], win.E[end]) if end >= fi else ""
        return " ".join(x for x in (ref.row.get("measure_ar"), tail) if x)
    if fi >= win.n or not win.gap_ok(f.e, win.S[fi]):
        return None
    p = win.phrase(fi, win.hi, names_end=False)
    if p is None or not (win.definite(p[0]) or win.w(fi) in _DEMONSTRATIVES):
        return None
    f.rules.append("measure:fraction_of")
    return win.S[p[0]], win.E[_clause_tail(win, p[1])]


def _after_vague_quantifier(win: Window, f: Fact, before: list[int], bi: int) -> tuple[int, int] | None:
    """The phrase "معظم X"/"أغلب X" right before the percent (which states how many of X), else None."""
    b = win.back_phrase(before[-1] + 1, bi, joined=False)
    if b is None or not win.gap_ok(win.E[before[-1]], f.s):
        return None
    vague = win.R["vague"]
    k = next((k for k in range(max(b[0] - 1, bi), b[1]) if win.w(k) in vague), None)
    return (k, b[1]) if k is not None else None


def _in_brackets(doc: Document, win: Window, f: Fact, before: list[int]) -> bool:
    """The figure stands in brackets right after a word: "البلديات (74%)"، "البلديات (نحو 74%)"."""
    k = before[-1]
    gap = doc.text[win.E[k]:f.s].strip(" \u00a0")
    if win.w(k) in ("نحو", "حوالي", "قرابه") and not gap and k > 0:
        gap = doc.text[win.E[k - 1]:win.S[k]].strip(" \u00a0")
    return gap == "(" and doc.text.find(")", f.e, f.e + 3) >= 0


def _clause_tail(win: Window, end: int, start_joined: bool = True) -> int:
    """The last word of the clause that goes on after word `end` (a verb and its complement, up to 6 words)."""
    R = _rx()
    k = end + 1
    last = end
    while k < win.n and k <= end + 6 and (win.joined(k) or (not start_joined and k == end + 1)):
        w = win.w(k)
        if win.is_time(k) or w in R["relative"] or (w in R["breaks"] and w not in ("لديهم", "لديها", "لديه") and not win.content(k)):
            break
        last = k
        k += 1
    if last > end and last + 1 >= win.n and win.w(last).startswith("و") and not win.E[last] < win.hi - 2:
        last -= 1  # "… خوادم سحابية واستخدم [the next figure]": a conjunction cut off by the next figure
    return last


def _with_scope(doc: Document, win: Window, f: Fact, fi: int, span):
    """A percent's measure with the prepositional phrase right after it ("4% في الإيرادات غير النفطية"، "87% على المؤشر")."""
    if fi < win.n and win.w(fi) in ("في", "علي") and win.gap_ok(f.e, win.S[fi]) and win.joined(fi + 1):
        p = win.phrase(fi + 1, win.hi, names_end=False)
        if p is not None:
            f.rules.append("measure:scope_after")
            scope = _raw(doc, win.S[fi], win.E[p[1]])
            return f"{_raw(doc, *span)} {scope}" if span else scope
    return span


def _bi_nisba(t: str, f: Fact) -> bool:
    return _rx()["bi_nisba"].search(t, max(0, f.s - 40), f.s) is not None


def _label_before(win: Window, j: int, lo: int) -> tuple[int, int] | None:
    """The phrase right before word j (بنسبة), across a comma, a colon or a bracketed Latin acronym."""
    b = win.back_phrase(j, lo)
    if b is not None:
        return b
    k = j - 1
    if re.fullmatch(r"[A-Za-z]+", win.w(k)):
        k -= 1
    if k < lo or not win.content(k):
        return None
    gap = win.t[win.E[k]:win.S[j]]
    if not re.fullmatch(r"[ \u00a0]*(?:\([A-Za-z ]+\))?[ \u00a0]*[:\u060c,]?[ \u00a0]*", gap):
        return None
    return win.back_phrase(k + 1, lo, joined=False)


def _verb_clitic(win: Window, ci: int) -> int:
    """1 when a verb is written with a conjunction (وارتفع، فبلغت), else 0."""
    w = win.w(ci)
    return 1 if w[:1] in "وف" and w[1:] in _rx()["bare_verbs"] else 0


def _clitics(win: Window, ci: int) -> int:
    """How many letters of a change noun are clitics ("وبزيادة" -> 2)."""
    w = win.w(ci)
    return next((n for n in (2, 1) if w[n:] in _rx()["change_nouns"] and w[:n] in ("وب", "و", "ب", "ف")), 0)


def _change_word(doc: Document, win: Window, ci: int | None) -> str:
    """A change noun as written, without its clitic و/ب ("بزيادة" -> "زيادة"); '' for a verb or none."""
    if ci is None or not win.is_change_noun(ci):
        return ""
    return doc.raw_slice(win.S[ci] + _clitics(win, ci), win.E[ci])


def _changed_thing(doc: Document, win: Window, f: Fact, ci: int, lo: int, ref: Fact | None):
    """What a change percent measures: the subject of the change word, or what the figure before it counts."""
    row = f.row
    start = ci + 2 if win.w(ci + 1) in ("في", "فى") and win.is_change_noun(ci) else ci + 1
    p = win.phrase(start, f.s, names_end=False) if win.joined(start) else None
    definite = p is not None and (win.head(p[0]) or any(win.definite(k) for k in range(p[0], p[1] + 1)))
    if p is not None and win.strip_heads(p) is not None and (definite or start == ci + 2):
        f.rules.append("measure:change_subject")  # "ارتفع عدد المعاملات … بنسبة"، "تقليص وقت الإنجاز بنسبة"
        row["_thing"] = _raw(doc, *win.span(win.strip_heads(p)))
        _set_owner(row, win, win.strip_heads(p))
        return win.S[ci] + (_clitics(win, ci) if win.is_change_noun(ci) else _verb_clitic(win, ci)), win.E[p[1]]
    if win.verb_class(ci) == "change":
        b = win.back_phrase(ci, lo)
        if b is not None and not win.is_name(b[0]):
            f.rules.append("measure:change_subject")  # "المعاملات ارتفعت بنسبة"
            row["_thing"] = _raw(doc, *win.span(b))
            _set_owner(row, win, b)
            return win.S[b[0]], win.E[ci]
    elif ci > 0 and win.is_verb(ci - 1) and win.joined(ci):
        b = win.back_phrase(ci - 1, lo)  # "المدفوعات المسددة عبر التطبيق شهدت نموا بنسبة"
        if b is not None and not win.is_name(b[0]):
            f.rules.append("measure:change_subject")
            row["_thing"] = _raw(doc, *win.span(b))
            _set_owner(row, win, b)
            return win.S[b[0]], win.E[ci]
    # "… 12 مليون مستفيد، بزيادة 9%": what the figure before it counts (its "عدد X" when it had one)
    if ref is not None:
        thing = ref.row.get("_q") or ref.row.get("_thing") or ref.row.get("measure_ar")
        if thing:
            f.rules.append("measure:change_of_previous")
            row["_thing"] = thing
            return " ".join(x for x in (_change_word(doc, win, ci), thing) if x)
    return None


def _set_owner(row: dict, win: Window, p: tuple[int, int] | None) -> None:
    """Record what the figure is the amount of, as its clause states it (the subject pass may take it):
    a definite noun phrase that is no name."""
    w0 = win.w(p[0]) if p is not None else ""
    if p is None or win.is_name(p[0]) or (w0[2:] if w0.startswith("ال") else w0) in _rx()["quantity_nouns"]:
        return  # "تقليص وقت إنجاز الخدمات بنسبة 60%": a quantity is what is measured, not whose figure it is
    for k in range(p[0], min(p[1], p[0] + 2) + 1):  # "التحصيلات البلدية"، "تجديد رخص القيادة": a noun defined by its genitive
        if win.definite(k):
            row["_owner"] = win.span(p)
            return
        if win.w(k) in win.R["preps"] or win.is_verb(k):
            return


def _repeated_noun(doc: Document, f: Fact, g: Fact | None) -> None:
    """A bare noun that repeats the figure before it counts what that figure counts.

    "2.3 مليون جواز سفر جديد، منها 1.2 مليون جواز"، "312 خدمة حكومية متاحة … ثم ارتفعت إلى
    1875 خدمة": after a part, change or comparison word; "3120 خدمة منها 655 إلكتروني": an
    adjective alone describes the whole's noun.
    """
    R = _rx()
    row = f.row
    own = row.get("measure_ar")
    if g is None or not own or row.get("_tam") != own or " " in own.strip() or not g.row.get("measure_ar"):
        return
    t = doc.text
    if g.s < doc.sentence(f.s)[0] or (g.m.kind == "percent") != (f.m.kind == "percent"):
        return
    if not (R["part_links"].search(t, g.e, f.s) or "measure:repeated_noun" in g.rules):
        return
    theirs = g.row["measure_ar"] if "measure:repeated_noun" in g.rules else (g.row.get("_tam") or g.row["measure_ar"])
    if " " in theirs.strip() and _same_noun(normalize_word(theirs.split()[0]), normalize_word(own)):
        row["measure_ar"] = row["_thing"] = g.row["measure_ar"]
        f.rules.append("measure:repeated_noun")
    elif normalize_word(own).endswith(("ي", "يه")) and canonical_measure(own) is None and "منه" in t[g.e:f.s]:
        row["measure_ar"] = row["_thing"] = f"{theirs.split()[0]} {own}"
        f.rules.append("measure:part_adjective")


_RANGE_JOIN = re.compile(r"[ \u00a0]*(?:و?الي|حتي|و|-|\u2013)[ \u00a0]*")


def _range_currency(doc: Document, f: Fact, h: Fact) -> None:
    """The first end of a range of money takes the currency the text gives the second ("من 30 إلى 90 جنيها"
    in a Sudanese article: SDG for both, not the reader's default for a bare جنيه)."""
    if (
        f.row.get("kind") == "money" and h.row.get("kind") == "money" and "unit:currency" not in f.rules
        and "unit:currency" in h.rules and h.row.get("unit") and f.row.get("unit") != h.row["unit"]
        and _RANGE_JOIN.fullmatch(doc.text, f.e, h.s)
    ):
        f.row["unit"] = h.row["unit"]
        f.rules.append("unit:range_end")


def _borrow(doc: Document, f: Fact, facts: list[Fact], i: int) -> None:
    """A figure with no measure of its own takes its neighbour's: a part "منها N X", a range, a list, an ellipsis."""
    row = f.row
    t = doc.text
    ss = doc.sentence(f.s)[0]
    if row.get("measure_ar"):
        return
    if i + 1 < len(facts):  # "من 24 ألفا إلى 11 ألف طلب": the first end of a range counts what the second does
        h = facts[i + 1]
        if h.row.get("measure_ar") and h.m.kind == f.m.kind and re.fullmatch(
            r"[ \u00a0]*(?:و?الي|حتي|و)(?:[ \u00a0]+غايه)?[ \u00a0]*(?:[^\s\d]+[ \u00a0]+)?", t[f.e:h.s]
        ):
            row["measure_ar"] = h.row["measure_ar"]
            f.rules.append("measure:range_end")
            return
    for j in range(i - 1, max(-1, i - 50), -1):
        g = facts[j]
        if g.s < ss:
            break
        if not g.row.get("measure_ar") or (f.m.kind == "percent") != (g.m.kind == "percent"):
            continue
        label = _list_label(doc, g, f)
        row["measure_ar"] = _compose(g.row["measure_ar"], label) if label else g.row["measure_ar"]
        if not label and g.row.get("_owner"):
            row["_owner"] = g.row["_owner"]  # "بلغ إجمالي X 3.4 مليار، في حين بلغ العام الماضي 780 مليونا": X's too
        if label and f.m.kind == "percent" and row["role"] == "rate_pct" and g.row["role"] != row["role"]:
            f.rules[f.rules.index("role:rate_pct")] = f"role:{g.row['role']}"  # the items of a list share its role
            row["role"] = g.row["role"]
        if row.get("kind") == "number" and g.row.get("kind") == "money" and g.row.get("unit") and _has_scale(doc, f):
            row["kind"], row["unit"] = "money", g.row["unit"]  # "4.2 مليارات درهم … تتجاوز الـ 5 مليارات"
            f.rules.append("unit:elided")
        f.rules.append("measure:list_neighbour" if label else "measure:sentence_neighbour")
        return
    if f.m.kind in ("percent", "money") or is_comparison_value(doc, f):
        for j in range(i - 1, max(-1, i - 50), -1):  # at least the key of the figure before it in the sentence
            g = facts[j]
            if g.s < ss:
                break
            meas = canonical_measure(g.row["measure_ar"]) if g.row.get("measure_ar") else None
            if meas is not None:
                row["_borrowed_key"] = meas
                f.rules.append("measure:sentence_neighbour")
                return


def _list_label(doc: Document, g: Fact, f: Fact) -> str | None:
    """The words between two figures of a list ("3.15% ومن الأردن 2.06%"), without the joining و/ثم."""
    between = doc.raw_slice(g.e, f.s)
    if len(between) > 60 or re.search(r"[\u060c,.:;()]|\d{4}", between):
        return None
    words = between.split()
    if words and normalize_word(words[0]) in ("ثم", "و"):
        words = words[1:]
    if words and words[0].startswith("و") and len(words[0]) > 2:
        words[0] = words[0][1:]
    R = _rx()
    norm = [normalize_word(w) for w in words]
    if not words or len(words) > 5 or not any(len(w) > 2 and w not in R["preps"] and w not in R["breaks"] for w in norm) \
            or any(w in R["all_verbs"] or w in R["breaks"] for w in norm):
        return None
    return " ".join(words)


def _compose(prev: str, label: str) -> str:
    """A list item's measure: the previous item's phrase with this item's own label in place of its complement."""
    preps = _rx()["preps"]
    pw, lw = prev.split(), label.split()
    cut = next((k for k, w in enumerate(pw) if k and normalize_word(w) in preps), None)
    if normalize_word(lw[0]) in preps:
        return " ".join((pw[:cut] if cut else pw) + lw)
    if len(lw) >= 2 and _same_noun(normalize_word(lw[0]), normalize_word(pw[0])):
        return label  # a phrase of its own: "… صفحة الدفع 8.3% ثم صفحة تجديد الإقامة 4.6%"
    return " ".join((pw[:cut + 1] if cut else pw) + lw)
