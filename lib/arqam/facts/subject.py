"""Whose figure it is: the platform, service, body or programme the figure counts for."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .document import BL, NOT_LETTER_BEHIND, QUOTES, Document, Fact, Name, alt, cues


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl = NOT_LETTER_BEHIND
    return {
        "subject_after_cue": re.compile(rf"{nl}{alt(c['subject_after_figure'])}{BL}+[{QUOTES}]?\Z"),
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
            ends, items = self._by_scope.setdefault(n.scope, ([], []))
            ends.append(n.end)
            items.append(n)

    def starting_in(self, lo: int, hi: int) -> list[Name]:
        """Names whose start is in [lo, hi)."""
        return self.names[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def latest_of_scope(self, scope: str, pos: int) -> Name | None:
        """The name of `scope` that ends last at or before `pos`."""
        ends, items = self._by_scope.get(scope, ([], []))
        i = bisect_right(ends, pos)
        return items[i - 1] if i else None


def assign_subject(doc: Document, index: NameIndex, f: Fact, prev: Fact | None, first: Name | None) -> Name | None:
    """The name whose figure `f` is, by the first rule that applies (recorded in f.rules)."""
    R = _rx()
    t = doc.text
    cs, ce = doc.clause(f.s)
    ss, se = doc.sentence(f.s)
    # 1. introduced after the figure in its clause: "… من خلال خدمة تقارير أبشر"
    for e in index.starting_in(f.e, max(ce, f.e)):
        after_cue = R["subject_after_cue"].search(t, max(f.e, e.start - 16), e.start)
        right_after_measure = e.for_clitic and f.row.get("_measure_end") is not None and not t[f.row["_measure_end"]:e.start - 1].strip()
        if after_cue or right_after_measure:
            e.consumed = e.ent.scope == "service"  # "من خلال خدمة X" names this figure's service only
            f.rules.append("subject:after")
            return e
    # 2./3. nearest before in the clause, then in the sentence
    for lo, tag in ((cs, "clause"), (ss, "sentence")):
        cands = [e for e in index.starting_in(lo, f.s) if e.end <= f.s and not e.consumed]
        own = [e for e in cands if not e.channel_of_feature] or cands
        if own:
            f.rules.append(f"subject:{tag}")
            return own[-1]
    # 4. an anaphor (المنصة، الوزارة) in the sentence: the latest entity of that scope
    for a in R["anaphor"].finditer(t, max(ss, f.s - 400), f.s):
        scope = R["anaphora"][a.group("a")]
        e = index.latest_of_scope(scope, a.start())
        if e is not None:
            f.rules.append("subject:anaphor")
            return e
    # 5. the previous figure's subject, 6. the article's first entity
    if prev is not None and prev.row.get("_ent") is not None:
        f.rules.append("subject:previous")
        return prev.row["_ent"]
    if first is not None:
        f.rules.append("subject:article")
        return first
    return None
