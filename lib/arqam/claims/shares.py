"""Claims that a percent is the share of a part in its whole.

Phrasings read:
- "A … بنسبة P" / "منها A، وبنسبة P" / "A من أصل T، أي ما يمثل نسبته P" (the part is the figure before the
  percent, the whole its total in the same sentence);
- "ارتفع عدد X ليبلغ A من أصل T، أي بنسبة P" (ما يمثل، ما نسبته): the share of A in T, whatever change verb opens
  the sentence (model.share_of_whole);
- "شكلت X ما نسبته P من إجمالي … البالغ T، بواقع A" / "P من الإجمالي، بواقع A من أصل T": the part restated as a
  count after the percent; "T …، بواقع A، أي P": the part بواقع introduces, of the count of its measure before it;
- "شكلت X نسبة P من إجمالي … والتي بلغت T" (the whole after the percent; the part given before: inferred);
- "لتصل نسبة X إلى P من إجمالي …" (the part before, the whole a total given earlier: inferred);
- a line of shares after a table of amounts: "نسبة X P ونسبة Y Q …" (each share matched to the amount
  whose words it repeats: inferred).
Shares stated for every part of a total that add up to 100 make that total's parts a split.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..facts.document import NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WORD, WORD_RE
from .model import INFERRED, STATED, Claim, clash, family, names_figure, periods_apart, same_measure, share_of_whole, stem
from .parts import PartsState
from .view import BL, Fig, View, cues, words


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    return {
        "cue": re.compile(rf"{nl}[وف]?{words(c['share_cues'])}(?:{BL}+{WORD}){{0,2}}{BL}*(?:ال{BL}*)?\Z"),
        "noun_to": re.compile(rf"{nl}[وفل]?(?:{words(c['share_noun'])})(?P<x>(?:{BL}+{WORD}){{1,8}}){BL}+(?:الي|بلغت|وصلت|تصل|تبلغ)(?:{BL}+{WORD}){{0,2}}{BL}*\Z"),
        "noun_line": re.compile(rf"{nl}[وف]?(?:{words(c['share_noun'])})(?P<x>(?:{BL}+{WORD}){{1,8}}){BL}*[%\u066a]?{BL}*\Z"),
        "of_after": re.compile(rf"{BL}*(?:{words(c['share_of'])}){nr}"),
        "change_before": re.compile(rf"{nl}[وفب]?(?:{words(c['change_up'])}|{words(c['change_down'])}){BL}+(?:{WORD}{BL}+){{0,3}}\Z"),
        "clause_break": re.compile(r"[\u060c\u061b;,:()]|\n"),
        "bridge": re.compile(rf"{nl}(?:{words(c['old_bridge'])}|البالغ|البالغه|البالغ{BL}+عددها|البالغ{BL}+عددهم|وعددها|وعددهم|وقدرها|وقدره)(?:{BL}+{WORD}){{0,2}}{BL}*\Z"),
        "change_word": re.compile(rf"{nl}[وفب]?(?:{words(c['change_up'])}|{words(c['change_down'])}){nr}"),
        "minha_after": re.compile(rf"{BL}*(?:منها|منهم|منه){nr}"),
        "then_counts": re.compile(rf"[\s\u00a0\u060c,]*[وف]?(?:{words(c['share_then_counts'])}){nr}"),
        "bawaqi_before": re.compile(rf"{nl}[وف]?(?:اي{BL}+)?بواقع(?:{BL}+{words(c['level_filler'])})?{BL}*\Z"),
        "count_restated": re.compile(
            rf"{nl}[وف]?(?:{words(c['count_restated'])})(?:{BL}+{WORD}){{0,1}}(?:{BL}+(?:{words(c['level_filler'])}))?{BL}*\Z"),
    }


def _restates(v: View, count: Fig, p: Fig) -> bool:
    """"A معاملة، أي (ما نسبته) P": the percent right after a count, with only the count's words and a restating cue
    between them, is that count's share."""
    from .model import _rx as model_rx

    return p.s > count.e and bool(model_rx()["share_restates"].fullmatch(v.t, count.e, p.s))


def _words_of(text: str) -> set[str]:
    return {w for word in WORD_RE.findall(text) if len(word) > 2 for w in stem(word)}


class ShareReader:
    def __init__(self, v: View, rates: set[str], parts: PartsState):
        self.v = v
        self.rates = rates
        self.parts = parts
        self.claims: list[Claim] = []
        self._wholes: list | None = None
        self.pending: list[tuple[Fig, set[str]]] = []  # shares of a line, matched to a table's amounts at the end

    def _whole_of_part(self, part: Fig) -> tuple[Fig | None, Claim | None]:
        c = self.parts.part_in.get(part.id)
        return (c.one("total"), c) if c is not None and c.one("total") is not None else (None, None)

    def run(self) -> list[Claim]:
        v, R = self.v, _rx()
        for p in v.figs:
            if not p.pct or p.id in self.rates:
                continue
            restated = share_of_whole(v, p)
            if restated is not None:
                # "ارتفع عدد X ليبلغ A من أصل T، أي بنسبة P": the share of A in T, whatever change verb opens the sentence
                self.claims.append(Claim(v.doc_id, "share", STATED, [("stated", p), ("part", restated[0]), ("whole", restated[1])],
                                         "share_of_whole", cue=(restated[1].e, p.s)))
                continue
            ss, se = v.sentence(p)
            lo = max(ss, p.s - 60)
            cue = R["cue"].search(v.t, lo, p.s)
            noun_to = R["noun_to"].search(v.t, max(ss, p.s - 120), p.s)
            noun_line = R["noun_line"].search(v.t, max(ss, p.s - 120), p.s)
            minha = R["minha_after"].match(v.t, p.e)
            if not (cue or noun_to or minha or noun_line or p.role == "share_pct"):
                continue
            if p.role == "change_pct" or (cue and (R["change_before"].search(v.t, max(ss, cue.start() - 40), cue.start() + 1)
                                                   or R["change_word"].search(v.t, cue.start(), p.s))):
                continue  # "ارتفع بنسبة 20%"، "بنسبة نمو 15%": a rate of change, not a share
            of = R["of_after"].match(v.t, p.e)
            whole = None
            if of:
                whole = next((g for g in v.between(p.e, min(se, p.e + 140)) if not g.pct), None)
                if whole is not None:
                    gap = v.t[p.e:whole.s]
                    if R["clause_break"].search(gap) or (whole.s - p.e > 50 and not R["bridge"].search(gap)):
                        whole = None  # "80% من الطلبات … دون مراجعة": the whole is a noun, not the next figure
            before = [g for g in v.between(max(ss, p.s - 110), p.s) if not g.pct]
            part = before[-1] if before else None
            link, rule = STATED, "share"
            if not minha and (cue or noun_to or p.role == "share_pct") and not (part is not None and _restates(v, part, p)):
                told = self._count_after(p, whole, se)
                if told is not None:
                    claim = self._restated_part(p, told, whole, part)
                    if claim is not None:
                        self.claims.append(claim)
                        continue
            if part is not None and whole is not None and whole.s > p.s and clash(part, whole):
                part = None  # "سجل التطبيق 500 ألف مستخدم، وشكلت معاملاته 60% من إجمالي المعاملات البالغة T": users are no part of operations
            if minha and part is not None:
                count = self._count_restated(p, minha.end(), se, part)
                if count is not None:
                    # "84 210 مستخدما، 38% منهم من خارج الدولة، أي 32 000": the share, its part restated, the whole before
                    self.claims.append(Claim(v.doc_id, "share", STATED, [("stated", p), ("part", count), ("whole", part)], "share_restated_count",
                                             cue=(p.e, minha.end())))
                    continue
                self.claims.append(Claim(v.doc_id, "share", STATED, [("stated", p)], "share_of_part", cue=(p.e, minha.end()),
                                         reason="the text gives the share but not the count of the part"))
                continue
            if minha and part is None:
                claim = self._share_of_earlier_whole(p, minha.end(), se)
                if claim is not None:
                    self.claims.append(claim)
                    continue
            if part is not None and part.id in self.parts.total_of and whole is None:
                c = self.parts.total_of[part.id]
                own = [g for g in c.figs("part") if v.same_sentence(g, p)]
                if len(own) == 1 and c.rule in ("part_of_whole", "complement"):
                    part, whole = own[0], c.one("total")
            if part is not None and whole is None:
                w, c = self._whole_of_part(part)
                if w is not None:
                    whole = w
                    if c.link != STATED or not v.same_sentence(part, p):
                        link = INFERRED
                else:
                    whole, firm = self._whole_before_bawaqi(part, p)
                    link = STATED if firm else INFERRED
                    rule = "share_bawaqi" if whole is not None else rule
            if part is None and whole is not None:
                part = next((g for g in v.figs_before(p, 30) if not g.pct and g.id != whole.id and g.parent == whole.id), None) \
                    or next((g for g in v.figs_before(p, 30) if not g.pct and g.id != whole.id and same_measure(g, whole)
                             and abs(v.sentence_index(g.s) - v.sentence_index(p.s)) <= 2), None)
                link = STATED if part is not None and self._named_before(part, ss, p.s) else INFERRED
            if part is not None and whole is not None and part.id != whole.id:
                self.claims.append(Claim(v.doc_id, "share", link, [("stated", p), ("part", part), ("whole", whole)], rule,
                                         cue=cue.span() if cue else (p.s, p.e)))
                continue
            if part is None and whole is None and (noun_to or noun_line or cue):
                later = self._part_of_whole_after(p, se)
                if later is not None:
                    self.claims.append(Claim(v.doc_id, "share", STATED, [("stated", p), ("part", later.one("part")), ("whole", later.one("total"))],
                                             "share_then_counts", cue=cue.span() if cue else (p.s, p.e)))
                    continue
            if noun_to and part is None and whole is None:
                named = self._part_named_before(p, noun_to.group("x"))
                if named is not None:
                    self.claims.append(named)
                    continue
            if noun_line and part is None:
                self.pending.append((p, _words_of(noun_line.group("x"))))
                continue
            if cue or noun_to or p.role == "share_pct":
                self.claims.append(Claim(v.doc_id, "share", INFERRED, [("stated", p)] + ([("part", part)] if part else []), "share_alone",
                                         cue=cue.span() if cue else (p.s, p.e), reason="the text does not give both the part and the whole"))
        self._table_shares()
        self._complete_splits()
        return self.claims

    def _part_of_whole_after(self, p: Fig, end: int) -> Claim | None:
        """"نسبة X 65%، إذ أنجز A من أصل T": a part of a whole stated right after the share, opened by إذ، حيث، أي …"""
        v, R = self.v, _rx()
        m = R["then_counts"].match(v.t, p.e)
        if m is None:
            return None
        if self._wholes is None:  # the parts of a whole stated in the article, by their part's offset (read once)
            self._wholes = sorted(((c.one("part").s, i, c) for i, c in enumerate(self.parts.claims)
                                   if c.rule in ("part_of_whole", "complement") and c.one("part") is not None and c.one("total") is not None),
                                  key=lambda x: (x[0], x[1]))
        k = bisect_left(self._wholes, (m.end(), -1))
        if k < len(self._wholes):
            at, _, c = self._wholes[k]
            if at < min(end, m.end() + 61) and not [g for g in v.between(p.e, at) if g.pct]:
                return c
        return None

    def _part_named_before(self, p: Fig, x: str) -> Claim | None:
        """"وبلغت حصة X بذلك P من إجمالي …" after the sentence that splits a total: the part of that split whose own words
        name X (…، أجري A منها عبر X) and its total (inferred: across sentences)."""
        v = self.v
        want = {w for w in _words_of(x)}
        si = v.sentence_index(p.s)
        hits = []
        for c in self.parts.claims:
            t = c.one("total")
            if t is None or si - v.sentence_index(t.s) != 1:
                continue
            for g in c.figs("part"):
                if v.sentence_index(g.s) != si - 1:
                    continue
                own = _words_of(v.t[g.e:min(v.sentence(g)[1], g.e + 45)].split("\u060c")[0])
                if len(want & own) >= 1:
                    hits.append((g, t))
        if len({g.id for g, _ in hits}) != 1:
            return None  # none, or more than one part could be meant
        g, t = hits[0]
        return Claim(v.doc_id, "share", INFERRED, [("stated", p), ("part", g), ("whole", t)], "share_of_named_part", cue=(p.s, p.e))

    def _share_of_earlier_whole(self, p: Fig, pos: int, end: int) -> Claim | None:
        """"شكلت X P منها، أي نحو N" with no count before the percent in its sentence: منها refers to the whole counted in
        the sentences before, the nearest larger count of N's measure that is no earlier level (inferred: across sentences)."""
        v = self.v
        told = self._count_restated(p, pos, end, None)
        if told is None:
            return None
        si = v.sentence_index(p.s)
        for g in v.figs_before(p, 30):
            if si - v.sentence_index(g.s) > 2:
                break
            owner = self.parts.part_in.get(g.id)
            if owner is not None and owner.one("total") is not told:
                continue  # a part of another whole ("منها" refers to the whole, not to one of its parts)
            if g.pct or g.id in self.parts.olds or not same_measure(g, told) or clash(g, told):
                continue
            if g.value > told.value:
                return Claim(v.doc_id, "share", INFERRED, [("stated", p), ("part", told), ("whole", g)], "share_of_earlier_whole", cue=(p.s, told.s))
        return None

    def _whole_before_bawaqi(self, part: Fig, p: Fig) -> tuple[Fig | None, bool]:
        """"أصدرت الإدارة T رخصة، بواقع A رخصة إلكترونية، أي P": the count بواقع introduces, with its share right after it,
        is a part of the nearest earlier count of the same measure in the sentence (larger, neither a rate per period).
        Returns (whole, firm): firm when both measures were read and are the same."""
        from .model import per_period

        v, R = self.v, _rx()
        ss = v.sentence(p)[0]
        if not v.same_sentence(part, p) or not R["bawaqi_before"].search(v.t, max(ss, part.s - 25), part.s) or per_period(v, part) is not None:
            return None, False
        for g in v.figs_before(part, 12):
            if g.s < ss:
                break
            if g.pct or not same_measure(g, part) or clash(g, part) or per_period(v, g) is not None:
                continue
            if g.id in self.parts.part_in or R["bawaqi_before"].search(v.t, max(ss, g.s - 25), g.s):
                continue  # "بواقع A، أي P، و … بواقع B": a part before it is its sibling, not its whole
            if g.id in self.parts.olds or periods_apart(g, part):
                continue  # "مقارنة بـ A في العام الماضي": an earlier level, not the whole of this year's part
            if g.value <= part.value:
                return None, False  # the nearest count of the same measure is no whole of it
            return g, bool(g.measure and part.measure and g.measure == part.measure)
        return None, False

    def _count_after(self, p: Fig, whole: Fig | None, end: int) -> Fig | None:
        """"شكلت X ما نسبته P من إجمالي … البالغ T، بواقع A" / "شكلت X P من الإجمالي، بواقع A": the count the share is
        restated as, after the percent (after its whole when the whole follows the percent)."""
        pos = whole.e if whole is not None and whole.s > p.s else p.e
        return self._count_restated(p, pos, end, whole)

    def _restated_part(self, p: Fig, told: Fig, whole: Fig | None, before: Fig | None) -> Claim | None:
        """The share claim of a percent restated as a count `told`: its whole the figure after the percent, else the whole
        the count is a part of ("بواقع A من أصل T"), else the figure before the percent (inferred: the text does not say
        the share is of it)."""
        v = self.v
        rule, link = "share_restated_count", STATED
        if whole is None:
            w, c = self._whole_of_part(told)
            if w is not None:
                whole = w
                link = STATED if c.link == STATED and v.same_sentence(told, p) else INFERRED
            elif before is not None and self._count_restated(p, p.e, v.sentence(p)[1], before) is told:
                whole, link = before, INFERRED
        if whole is None:
            named = self.parts.named_total(p.e, told.s, told)
            if named is not None and named.value > told.value:
                # "P من هذه العمليات …، أي N": the whole is the earlier count the demonstrative names
                return Claim(v.doc_id, "share", INFERRED, [("stated", p), ("part", told), ("whole", named)], "share_named_whole", cue=(p.s, told.s))
            return Claim(v.doc_id, "share", INFERRED, [("stated", p), ("part", told)], "share_alone", cue=(p.s, p.e),
                         reason="the text does not give both the part and the whole")
        if told.id == whole.id or told.value >= whole.value:
            return None
        return Claim(v.doc_id, "share", link, [("stated", p), ("part", told), ("whole", whole)], rule, cue=(p.s, told.s))

    def _count_restated(self, p: Fig, pos: int, end: int, whole: Fig | None) -> Fig | None:
        """The count a share "P% منهم" is restated as, in its clause: "…، أي N"، "بواقع N" (same kind as the whole, smaller)."""
        v, R = self.v, _rx()
        n = next((g for g in v.between(pos, min(end, pos + 90)) if not g.pct), None)
        if n is None or not R["count_restated"].search(v.t, max(pos, n.s - 30), n.s):
            return None
        if R["change_word"].search(v.t, pos, n.s):
            return None  # "…، أي بزيادة N": an amount of change, not the part
        own = v.next_fig(n, min(end, n.e + 60))
        if own is not None and own.pct and _restates(v, n, own):
            return None  # "…، والموقع بواقع B، أي Q": the next part, with a share of its own
        if whole is None:
            return n
        if n.value >= whole.value:
            return None
        same_kind = n.kind == whole.kind and not (n.unit and whole.unit and n.unit != whole.unit)
        kin = same_measure(n, whole) or n.measure is None or whole.measure is None or family(n.measure) == family(whole.measure)
        return n if same_kind and kin else None  # "3.5 مليون نسمة، 80% منهم …، أي 2.8 مليون مستخدم": people, counted as users

    def _named_before(self, part: Fig, lo: int, hi: int) -> bool:
        """"شكلت الحركات الإلكترونية نسبة …" right after the sentence that counts them, and naming them: a firm tie."""
        v = self.v
        if v.sentence_index(lo) - v.sentence_index(part.s) != 1:
            return False
        bs, be = v.sentence(part)
        rivals = [g for g in v.between(bs, be) if g.id != part.id and not g.pct and same_measure(g, part)]
        return not rivals and names_figure(v, lo, hi, part)

    def _table_shares(self):
        """Shares on their own line matched to the parts of a table total given before (by the words they repeat)."""
        v = self.v
        if not self.pending:
            return
        tables = [c for c in self.parts.claims if c.kind == "sum" and c.rule == "list_total"]
        for table in tables:
            shares = [(p, ws) for p, ws in self.pending if p.s > table.one("total").s and v.sentence_index(p.s) - v.sentence_index(table.one("total").s) <= 3]
            if not shares:
                continue
            rows = {}
            for g in table.figs("part"):
                ps, _ = v.doc.sentence(g.s)
                rows[g.id] = _words_of(v.t[ps:g.s])
            left_parts = dict(rows)
            matched = []
            unmatched = []
            for p, ws in shares:
                scores = sorted(((len(ws & rw), gid) for gid, rw in left_parts.items()), reverse=True)
                if scores and scores[0][0] > 0 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
                    gid = scores[0][1]
                    matched.append((p, v.by_id[gid]))
                    left_parts.pop(gid)
                else:
                    unmatched.append(p)
            if len(unmatched) == 1 and len(left_parts) == 1:
                matched.append((unmatched[0], v.by_id[next(iter(left_parts))]))
            for p, g in matched:
                self.claims.append(Claim(v.doc_id, "share", INFERRED, [("stated", p), ("part", g), ("whole", table.one("total"))], "table_share", cue=(p.s, p.e)))
                self.pending = [(q, w) for q, w in self.pending if q.id != p.id]
        for p, _ in self.pending:
            self.claims.append(Claim(v.doc_id, "share", INFERRED, [("stated", p)], "share_alone", cue=(p.s, p.e),
                                     reason="the text does not give both the part and the whole"))

    def _complete_splits(self):
        """A total whose every part has a stated share, the shares adding up to 100: its parts are a split."""
        by_part = {}
        for c in self.claims:
            if c.kind == "share" and c.one("part") is not None:
                by_part[c.one("part").id] = c.one("stated").value
        for c in self.parts.claims:
            if c.kind != "part_of" or c.one("total") is None:
                continue
            shares = [by_part.get(g.id) for g in c.figs("part")]
            if len(shares) >= 2 and all(s is not None for s in shares) and 99.0 <= sum(shares) <= 101.0:
                c.kind, c.exhaustive = "sum", True
                c.rule += "+shares_100"
