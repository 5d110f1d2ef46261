"""Compiled matchers built once from data/number_words.json and data/number_context.json."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx


_BL = r"[ \u00a0]"  # a blank inside a line
_NOT_LETTER_BEHIND = r"(?<![^\W\d_])"
_NOT_LETTER_AHEAD = r"(?![^\W\d_])"
# Clitic prefixes, shortest first so a whole vocabulary word wins over a split.
_PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "ال", "وب", "ول", "وك", "فب", "فل", "لل", "وال", "بال", "كال", "فال", "ولل", "فلل", "وبال", "فبال", "وكال"]


@lru_cache(maxsize=1)
def matchers() -> dict:
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
