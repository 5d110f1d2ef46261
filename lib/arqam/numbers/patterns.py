"""Compiled matchers built once from data/number_words.json and data/number_context.json."""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from .. import lexicon as lx
from ..normalize import normalize_word


_BL = r"[ \u00a0]"  # a blank inside a line
_NOT_LETTER_BEHIND = r"(?<![^\W\d_])"
_NOT_LETTER_AHEAD = r"(?![^\W\d_])"
# Clitic prefixes, shortest first so a whole vocabulary word wins over a split.
_PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "ال", "وب", "ول", "وك", "فب", "فل", "لل", "وال", "بال", "كال", "فال", "ولل", "فلل", "وبال", "فبال", "وكال"]
# Pronoun suffixes a fraction takes (ثلثاها، نصفهم); the figure's span stops before them.
_SUFFIXES = r"(?P<suf>ها|هم|هما|هن|ه)?"


def _non_letter_class() -> str:
    r"""Return a character class of every non-letter ([\W\d_]) spelled out as code-point ranges.

    Spelled out, the class compiles to a bitmap the regex engine tests in its fast
    search loop, so a pattern that starts with it skips runs of letters without
    trying a match at each one (a class written with \W is not tested there).
    """
    bmp = "".join(map(chr, range(0x10000)))
    ranges = [(m.start(), m.end() - 1) for m in re.finditer(r"[\W\d_]+", bmp)]
    ranges = list(_without_surrogates(ranges))
    body = "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return "[" + body + "\\U00010000-\\U0010ffff]"


def _without_surrogates(ranges):
    """Cut the surrogate block (U+D800-U+DFFF) out of code-point ranges."""
    for a, b in ranges:
        if b < 0xD800 or a > 0xDFFF:
            yield a, b
            continue
        if a < 0xD800:
            yield a, 0xD7FF
        if b > 0xDFFF:
            yield 0xE000, b


def _adjective_forms(adjective: str) -> list[str]:
    """Forms of a nisba adjective in -ي: سعودي، سعوديا، سعودية، سعوديان، سعوديين، سعوديتان، سعوديتين."""
    return [adjective + end for end in ("", "ا", "ة", "ان", "ين", "تان", "تين")]


def currency_forms(ctx: dict) -> dict[str, str | None]:
    """Return every currency phrase (normalized, blank-collapsed) -> ISO code or None.

    Codes, symbols and currencies without a country adjective come from
    `currencies`; each Arab currency noun in every number, bare (its `bare` code) or
    followed by a form of a country adjective, from `currency_nouns` and
    `currency_countries`.
    """
    out: dict[str, str | None] = {}
    for code, forms in ctx["currencies"].items():
        for f in forms:
            out[lx.phrase_key(f)] = None if code.startswith("XXX_") else code
    nouns = {normalize_word(k): v for k, v in ctx["currency_nouns"].items()}
    for noun in nouns.values():
        for f in noun["forms"]:
            out.setdefault(lx.phrase_key(f), noun["bare"])
    for code, (noun, adjective) in ctx["currency_countries"].items():
        for f in nouns[noun]["forms"]:
            for a in _adjective_forms(adjective):
                out[lx.phrase_key(normalize_word(f + " " + a))] = code
    return out


def anchors(phrases) -> tuple[str, ...]:
    """Return a few literal words, one of which every phrase contains.

    Each phrase gives its longest word; a word that contains another anchor is
    dropped (the shorter one is present whenever it is).
    """
    words = {max(p.split(), key=len) for p in phrases if p.strip()}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def finals(phrases) -> tuple[str, ...]:
    """Return the last word of every phrase (a phrase before a figure ends with one of them)."""
    return tuple(sorted({p.split()[-1] for p in phrases if p.strip()}))


class Cue:
    r"""A context regex tried only when a cheap literal test says it can match.

    Most figures have no hedge, year cue or label next to them, and the test is
    several times cheaper than the regex. It never changes a result: it only
    rejects windows where the regex cannot match.

    Args:
        rx: the compiled regex.
        ends: for a regex anchored at the window's end (\Z): the words one of
            which ends the window once `strip` characters (and, with `article`,
            a trailing ال) are taken off its end.
        groups: for other regexes: tuples of words; a match holds a word of each.
        strip: characters the regex allows after the last word (blanks, '(').
        article: whether the regex allows ال after the last word (قرابة الـ 500).
        reach: how far past its start `match` looks.
    """

    __slots__ = ("rx", "ends", "groups", "strip", "article", "reach")

    def __init__(self, rx: re.Pattern, ends: tuple[str, ...] = (), groups: tuple[tuple[str, ...], ...] = (),
                 strip: str = " \u00a0", article: bool = False, reach: int = 160):
        self.rx = rx
        self.ends = ends
        self.groups = groups
        self.strip = strip
        self.article = article
        self.reach = reach

    def _possible(self, window: str) -> bool:
        if self.ends:
            t = window.rstrip(self.strip)
            if t.endswith(self.ends):
                return True
            return self.article and t.endswith("\u0627\u0644") and t[:-2].rstrip(self.strip).endswith(self.ends)
        return all(any(map(window.__contains__, g)) for g in self.groups)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        """Like re.Pattern.search(text, pos, endpos), after the cheap test on text[pos:endpos]."""
        if endpos is None:
            endpos = len(text)
        window = text[pos:endpos]
        if self.ends and window.rstrip(self.strip).endswith(self.ends):
            return self.rx.search(text, pos, endpos)
        return self.rx.search(text, pos, endpos) if self._possible(window) else None

    def match(self, text: str, pos: int = 0):
        """Like re.Pattern.match on text[pos:pos + reach], after the cheap test."""
        end = min(len(text), pos + self.reach)
        return self.rx.match(text, pos, end) if self._possible(text[pos:end]) else None


@lru_cache(maxsize=1)
def matchers() -> dict:
    """Compile every regex and lookup table the reader uses (once per process)."""
    words = lx.number_words()
    ctx = lx.context()
    m: dict = {"words": words, "ctx": ctx}
    # every clitic prefix + vocabulary word, as one trie: the scan tries one
    # alternation per word start instead of one per prefix
    split: dict[str, tuple[str, str]] = {}
    for p in _PREFIXES:
        for w in words:
            split.setdefault(p + w, (p, w))
    m["word_split"] = split
    homographs = ctx["fraction_homographs"]
    # per matched string: (prefix length, word, kind, value, number, article length, و before it,
    # article-only ordinal, fraction homograph)
    m["word_info"] = {
        full: (
            len(p), w, words[w].kind, words[w].value, words[w].number,
            2 if p.endswith("\u0627\u0644") else 1 if p.endswith("\u0644\u0644") else 0,
            p.startswith("\u0648"), words[w].article_only, w in homographs,
        )
        for full, (p, w) in split.items()
    }
    word = rf"(?P<w>{lx.trie_pattern(split)}){_SUFFIXES}{_NOT_LETTER_AHEAD}"
    m["token"] = re.compile(_non_letter_class() + rf"(?:(?<=\d)\d*(?:[.,:/\-\u00a0\u060c]\d+)*|{word})")
    m["word_at"] = re.compile(word)
    # the scan reads the word and the suffix by group number
    if not m["token"].groupindex == m["word_at"].groupindex == {"w": 1, "suf": 2}:
        raise RuntimeError("numbers.patterns: the token regexes must keep the word as group 1 and the suffix as group 2")
    m["gap"] = re.compile(rf"{_BL}*(?:و{_BL}*)?")
    m["paren_gap"] = re.compile(rf"{_BL}*\){_BL}*")
    m["paren_before"] = re.compile(rf"\({_BL}*\Z")
    m["space_groups"] = re.compile(r"(?: \d{3})+(?![\d])(?!,\d)(?!\.\d)")
    m["reversed_decimal"] = re.compile(
        rf"{_BL}?\u0631(?P<i>\d*)(?![^\W\d_]|\.?{_BL}?[^\W\d_](?![^\W\d_]))"
    )
    m["reversed_decimal_cue"] = re.compile(
        rf"(?<![^\W\d_])[وفبل]?(?:ال)?{lx.phrase_pattern(ctx['reversed_decimal_cues']['words'])}(?![^\W\d_])"
    )
    m["decimal_currencies"] = frozenset(ctx["decimal_units_after"]["currencies"])
    m["named_number_before"] = re.compile(
        rf"(?:^|(?<![^\W\d_])){lx.phrase_pattern(ctx['number_names_before']['words'])}{_BL}*-?{_BL}*\Z"
    )
    hours = sorted({re.escape(h).replace("\\ ", f"{_BL}+").replace("/", f"{_BL}*/{_BL}*") for h in ctx["service_hours"]}, key=len, reverse=True)
    m["service_hours"] = re.compile(rf"(?:{'|'.join(hours)})(?![\d/])")
    m["fraction_homographs"] = {
        w: (Fraction(e["value"]), bool(e["definite_noun"])) for w, e in ctx["fraction_homographs"].items()
    }
    m["definite_after"] = re.compile(rf"{_BL}+(?P<w>(?:ال|لل)[^\W\d_]+)")
    scales = [w for w, v in words.items() if v.kind == lx.SCALE]
    m["non_letter"] = re.compile(r"[\W\d_]").match
    share_words = lx.phrase_pattern(ctx["fraction_share_after"]["words"])
    m["share_after"] = re.compile(rf"{_BL}+(?P<w>(?:ال|لل)[^\W\d_]+|{share_words}{_NOT_LETTER_AHEAD})")
    m["sign_before"] = re.compile(rf"(?:^|(?<![^\W\d_])){lx.phrase_pattern(ctx['sign_words_before'])}{_BL}+\Z")
    hundreds = [w for w, v in words.items() if v.kind == lx.HUNDRED]
    joiners_h = lx.phrase_pattern(ctx["ordinal_hundred_after"]["joiners"])
    m["ordinal_hundred_after"] = re.compile(rf"{_BL}+{joiners_h}{_BL}+ال(?P<h>{lx.trie_pattern(hundreds)}){_NOT_LETTER_AHEAD}")
    pca = ctx["percent_cues_after"]["words"]
    m["percent_word_after"] = re.compile(rf"{_BL}+{lx.phrase_pattern(pca)}{_BL}+(?:ال|لل)")
    pp = ctx["percentage_points"]
    m["points_after"] = re.compile(rf"{_BL}+{lx.phrase_pattern(pp['after'])}(?:{_BL}+(?P<sure>{lx.phrase_pattern(pp['sure'])}))?{_NOT_LETTER_AHEAD}")
    m["percent_word"] = re.compile(rf"(?:^|(?<![^\W\d_]))[وفبل]?(?:ال)?{lx.phrase_pattern(pp['cues'])}(?![^\W\d_])|%")
    neg = ctx["one_negation_before"]
    m["one_negation_before"] = re.compile(
        rf"(?:^|(?<![^\W\d_])){lx.phrase_pattern(neg['words'])}(?:{_BL}+[^\W\d_]+){{1,2}}{_BL}+\Z"
    )
    m["one_negation_exception"] = re.compile(rf"(?<![^\W\d_]){lx.phrase_pattern(neg['exceptions'])}(?![^\W\d_])")
    m["scale_after"] = re.compile(rf"{_BL}+(?:{lx.trie_pattern(scales)}){_NOT_LETTER_AHEAD}")
    m["decimal_after"] = re.compile(
        rf"{_BL}*(?:%|(?:{lx.phrase_pattern(ctx['percent_after'])})|[وبل]?(?:{lx.trie_pattern(scales)})"
        rf"|(?:ال)?{lx.phrase_pattern(ctx['decimal_units_after']['words'])}){_NOT_LETTER_AHEAD}"
    )

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

    cur_after = currency_forms(ctx)
    m["currency_after_map"] = cur_after
    m["currency_after"] = re.compile(rf"{_BL}*(?P<c>{lx.phrase_pattern(cur_after)})(?![^\W\d_])")
    m["currency_not_after"] = {
        lx.phrase_key(normalize_word(k)): re.compile(rf"{_BL}+{lx.phrase_pattern(v)}{_NOT_LETTER_AHEAD}")
        for k, v in ctx["currency_not_after"].items()
    }
    subunit_forms = {}
    for name, entry in ctx["currency_subunits"].items():
        for f in entry["forms"]:
            subunit_forms[lx.phrase_key(f)] = entry["per_unit"]
    m["subunit_map"] = subunit_forms
    m["subunit_after"] = re.compile(rf"{_BL}*(?P<c>{lx.phrase_pattern(subunit_forms)})(?![^\W\d_])")
    m["subunit_gap"] = re.compile(rf"{_BL}*(?:و{_BL}*)?")
    m["currency_noun_of"] = {
        lx.phrase_key(f): lx.phrase_key(normalize_word(noun)) for noun, e in ctx["currency_nouns"].items() for f in e["forms"]
    }
    cur_before = {f: code for code, fs in ctx["currency_symbols_before"].items() for f in fs}
    # ISO codes and dotted abbreviations are also written before the figure: 'SAR 1,200', 'د.ك5'
    for code, forms in ctx["currencies"].items():
        for f in forms:
            if not code.startswith(("_", "XXX_")) and "_" not in code and (f == code or "." in f):
                cur_before.setdefault(f, code)
    m["currency_before_map"] = cur_before
    m["currency_symbol_ends"] = frozenset(f[-1] for f in cur_before)
    m["currency_before_reach"] = max(len(f) for f in cur_before) + 2  # the longest sign, a blank, the char before
    m["currency_before"] = re.compile(rf"(?<![^\W\d_])(?P<c>{lx.phrase_pattern(cur_before)}){_BL}?\Z")

    time_units = lx.phrase_pattern(ctx["time_units"])
    m["time_unit_after"] = re.compile(rf"{_BL}+(?:ال)?{time_units}{_NOT_LETTER_AHEAD}")
    m["unit_then_year"] = re.compile(rf"{_BL}+(?:ال)?{time_units}{_BL}+(?:19|20)\d\d(?!\d)")  # "… 116 سنة 2022": the unit names a year
    m["time_unit_before"] = re.compile(rf"(?:^|(?<![^\W\d_]))(?:[وفبل]|ال|لل)?{time_units}{_BL}+\Z")
    m["one_idiom_before"] = re.compile(rf"(?:^|(?<![^\W\d_]))(?:[وفبل]|ال|لل)?{lx.phrase_pattern(ctx['one_idiom_before'])}{_BL}+\Z")
    # 'واحدة من أنجح المنصات' (one of) is an idiom, 'واحد من كل أربعة' (one in four) a figure
    m["one_idiom_after"] = re.compile(
        rf"{_BL}+{lx.phrase_pattern(ctx['one_idiom_after'])}{_NOT_LETTER_AHEAD}(?!{_BL}+كل{_NOT_LETTER_AHEAD})"
    )

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
    m["rating_before"] = re.compile(rf"(?<![\d.,])(?P<x>\d+(?:[.,]\d+)?){_BL}+من{_BL}+\Z")
    m["rating_tops"] = {int(x) for x in ctx["rating_scale"]["tops"]}
    m["rating_unit_after"] = re.compile(rf"{_BL}+{lx.phrase_pattern(ctx['rating_scale']['units_after'])}(?![^\W\d_])")
    m["rating_after"] = re.compile(
        rf"(?:{_BL}+{lx.phrase_pattern(ctx['rating_scale']['units_after'])}(?![^\W\d_]))?"
        rf"(?:[ \u00a0]*(?:[.\u060c,\u061b;:!?)\n]|$)|{_BL}+{lx.phrase_pattern(ctx['rating_scale']['prepositions_after'])}(?![^\W\d_]))"
    )
    m["rank_places_after"] = re.compile(rf"{_BL}+{lx.phrase_pattern(ctx['rank_places_after']['words'])}(?![^\W\d_])")
    m["rank_cue"] = re.compile(rf"(?:^|(?<![^\W\d_]))[وف]?{lx.phrase_pattern(ctx['rank_cues_before'])}{_BL}+(?:ال{_BL}*)?\Z")
    rank_words = lx.phrase_pattern(ctx["rank_cues_before"])
    m["rank_range_before"] = re.compile(
        rf"(?:^|(?<![^\W\d_]))[وف]?{rank_words}{_BL}+(?:ال{_BL}*)?\d+{_BL}*(?:{lx.phrase_pattern(ctx['rank_range_before']['joiners'])}){_BL}*(?:ال{_BL}*)?\Z"
    )
    # what the text before a figure ends with for either rule: the article ("الـ 50") or a joiner ("إلى 44")
    m["rank_before_ends"] = ("ال", "ال ", *(lx.phrase_key(j) + " " for j in ctx["rank_range_before"]["joiners"]))
    leagues = [p for phrases in lx.fact_cues()["rank_leagues"].values() for p in phrases]
    m["definite_number"] = re.compile(rf"(?:^|(?<![^\W\d_]))و?ال{_BL}*\Z")
    m["rank_league_after"] = re.compile(rf"{_BL}*{lx.phrase_pattern(leagues)}(?![^\W\d_])")
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
    m["next_word_after_and"] = re.compile(rf"{_BL}{{1,3}}(?:و{_BL}+)?(?P<w>[^\W\d_]+)")
    m["function_words"] = set(ctx["function_words"])
    m["year_range_after"] = re.compile(rf"{_BL}*(?:-|{joiners}){_BL}*(?:19|20)\d\d(?!\d)")
    m["year_range_before"] = re.compile(rf"(?:19|20)\d\d{_BL}*(?:-|{joiners}){_BL}*\Z")
    m["range_between"] = re.compile(rf"(?:^|(?<![^\W\d_]))(?:ما{_BL}+)?بين{_BL}+\Z")
    m["range_change_before"] = re.compile(
        rf"(?<![^\W\d_])[وفبل]?{lx.phrase_pattern(ctx['range_change_words']['words'])}(?![^\W\d_])[^.\u060c,\u061b;:\n]*\Z"
    )
    m["range_from"] = re.compile(rf"(?:^|(?<![^\W\d_]))من{_BL}+\Z")
    m["range_mid"] = re.compile(rf"{_BL}*(?:[%$\u20ac\u00a3]{_BL}*)?(?:-|{joiners}){_BL}*")  # fullmatch between two figures

    # gate the context regexes on literal words (see Cue)
    blanks = " \u00a0"
    for name, words, strip, article in (
        ("hedge_before", m["hedge_before_map"], blanks, True),
        ("sign_before", ctx["sign_words_before"], blanks, False),
        ("named_number_before", ctx["number_names_before"]["words"], blanks + "-", False),
        ("time_unit_before", ctx["time_units"], blanks, False),
        ("one_idiom_before", ctx["one_idiom_before"], blanks, False),
        ("month_head_before", heads, blanks, False),
        ("rank_cue", ctx["rank_cues_before"], blanks, True),
        ("label_cue", [*ctx["label_cues_before"], "رقم"], blanks + "(", False),
        ("year_strong", ctx["year_cues_strong"], blanks + "(", False),
        ("year_weak", ctx["year_cues_weak"], blanks + "(", False),
        ("period_before", ["من", "في"], blanks, False),
        ("month_before", [*months, ")"], blanks, False),
    ):
        m[name] = Cue(m[name], ends=finals(words), strip=strip, article=article)
    # the verbs are rarer in running text than the heads (عدد), so they are tested first
    # the union of those tests, run once per figure (numbers.context._cued)
    before_cues = [c for c in m.values() if isinstance(c, Cue) and c.ends]
    m["before_ends"] = tuple(sorted({w for c in before_cues for w in c.ends}))
    m["before_strip"] = "".join(sorted({ch for c in before_cues for ch in c.strip}))
    by_last: dict[str, list[str]] = {}
    for w in m["before_ends"]:
        by_last.setdefault(w[-1], []).append(w)
    m["before_ends_by_last"] = {ch: tuple(ws) for ch, ws in by_last.items()}
    m["hedge_verb"] = Cue(m["hedge_verb"], groups=(anchors(m["hedge_verb_map"]), anchors(hv["subject_heads"])))
    # a hedge after a figure stands within three short words of it ('500 مستفيد على الأقل')
    m["hedge_after"] = Cue(m["hedge_after"], groups=(anchors(m["hedge_after_map"]),), reach=80)
    return m
