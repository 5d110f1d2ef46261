"""Claims about totals and their parts.

Phrasings read:
- a total then its parts: "T، منها A و B"، "شملت"، "تنوعت بين" (some parts: each, and their sum, at most T);
  "توزعت … بين"، "يتوزع … بين"، "بواقع A و B" (a split: the parts add up to T); parts that
  cover the total's period (النصف الأول / النصف الثاني) also add up;
- the facts' own parent links (وتفصيلا …، كان نصيب X منها …);
- a part then its whole: "A من أصل T"، "A من إجمالي T"، and "… مقابل B" for the rest of T;
  "من بين إجمالي X البالغ T، هناك A … و B";
- a total after its parts: "ليصل (بذلك) إجمالي … إلى T"; a list of lines closed by a line "الإجمالي T";
- ranked lists: "تصدر X … بـ A، تلتها Y بـ B، مقابل C" (parts of the total they rank, A the largest);
- inferred across sentences: "داخل … / من خارج …"، "A … و B أخرى / إضافية"، "كما … B خلال الفترة نفسها"
  (parts of the total given before); a count over a period inside another's period (a part of it);
  figures written to the unit that add up exactly (a reconciliation the text leaves implied).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..facts.document import NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WORD, WORD_RE
from .model import INFERRED, STATED, Claim, clash, clause_after, compatible, head, per_period, same_measure, stem
from .view import BL, Fig, View, cues, words

LIST_GAP = 160  # characters between two items of one list
BACK_SENTENCES = 3  # how far back (in sentences) a total given before its parts is looked for


@lru_cache(maxsize=1)
def _rx() -> dict:
    c = cues()
    nl, nr = NOT_LETTER_BEHIND, NOT_LETTER_AHEAD
    clit = r"(?:[وف]?[بلك]?)"
    return {
        "list": re.compile(
            rf"{nl}{clit}(?:(?P<partial>{words(c['parts_partial'])})|(?P<split>{words(c['parts_exhaustive'])})|(?P<rate>{words(c['parts_rate_split'])})|(?P<between>ما{BL}+بين)){nr}"),
        "whole_after": re.compile(rf"{nl}[وف]?{words(c['whole_after_part'])}{nr}"),
        "whole_before": re.compile(rf"{nl}[وف]?{words(c['whole_before_parts'])}{nr}"),
        "total_after": re.compile(rf"{nl}[وف]?{words(c['total_after_parts'])}(?:{BL}+بذلك)?{nr}"),
        "total_word": re.compile(rf"{nl}{clit}{words(c['total_words'])}{nr}"),
        "line_total": re.compile(rf"[\s\u00a0\-\u2013*•]*(?:و)?{words(c['total_words'])}{nr}"),
        "stops": re.compile(rf"{nl}(?:[وف])?{words(c['list_stops'])}{nr}"),
        "split_stops": re.compile(rf"{nl}(?:[وف])?{words(c['split_stops'])}{nr}"),
        "complement": re.compile(rf"{nl}[وف]?{words(c['complement'])}{nr}"),
        "rank_first": re.compile(rf"{nl}[وف]?{words(c['rank_first'])}{nr}"),
        "rank_next": re.compile(rf"{nl}[وف]?{words(c['rank_next'])}{nr}"),
        "demonstrative": re.compile(rf"{nl}(?:{words(c['demonstratives'])}){BL}+(?P<n>{WORD})"),
        "inside": re.compile(rf"{nl}[وفب]?{words(c['inside'])}{nr}"),
        "outside": re.compile(rf"{nl}[وفب]?{words(c['outside'])}{nr}"),
        "additive": re.compile(rf"{nl}(?:ال)?{words(c['additive'])}{nr}"),
        "kama": re.compile(rf"{nl}[وف]?كما{nr}"),
        "same_period": re.compile(rf"{nl}{words(c['same_period_after'])}{nr}"),
        "divide": re.compile(rf"{nl}[وف]?{words(c['divide_verbs'])}(?P<obj>(?:{BL}+{WORD}){{1,4}}){BL}+(?:الي|علي|بين){nr}"),
        "compared": re.compile(rf"{nl}[وف]?(?:{words(c['baseline_cues'])}){BL}*(?:{WORD}{BL}+){{0,3}}\Z"),
        "split_prep": re.compile(rf"{nl}(?:ما{BL}+)?(?:بين|علي|الي){nr}"),
        "coordination": re.compile(rf"{nl}(?P<x>{WORD}){BL}+و(?P<y>{WORD}){nr}"),
        "points": re.compile(rf"{BL}*{words(c['points_after'])}{nr}"),
        "half": re.compile(rf"{nl}النصف{BL}+(?P<n>الاول|الثاني){nr}"),
        "quarter": re.compile(rf"{nl}الربع{BL}+(?P<n>الاول|الثاني|الثالث|الرابع|الاخير){nr}"),
        "breakdown": re.compile(rf"[\s\u00a0]*(?:و)?(?:{words(c['breakdown_openers'])}|{words(c['parts_exhaustive'])}|وقد{BL}+{words(c['parts_exhaustive'])}){nr}"),
    }


def _kind_ok(a: Fig, b: Fig) -> bool:
    """Same kind of amount: both counts, or both money in one currency."""
    if a.pct or b.pct:
        return False
    if a.kind == "money" and b.kind == "money":
        return not (a.unit and b.unit and a.unit != b.unit)
    return a.kind == b.kind


def _norm(text: str) -> str:
    from ..normalize import normalize

    return normalize(text).text


def _sig_digits(x: float) -> int:
    s = f"{abs(x):.6f}".rstrip("0").rstrip(".").replace(".", "").lstrip("0").rstrip("0")
    return len(s)


def parent_groups(v: View) -> dict[tuple[str, str], list[Fig]]:
    """The facts' parent links: (total id, split | part) -> its parts in text order (a split and a detail of one total stay apart)."""
    groups: dict[tuple[str, str], list[Fig]] = {}
    for f in v.figs:
        if f.parent is None or f.role != "level":
            continue
        tag = "split" if "parent:split" in f.rule else "part"
        groups.setdefault((f.parent, tag), []).append(f)
    return groups


class PartsReader:
    """Finds the total-and-parts claims of one article."""

    def __init__(self, v: View, olds: set[str]):
        self.v = v
        self.olds = olds
        self.claims: list[Claim] = []
        self.part_in: dict[str, Claim] = {}
        self.total_of: dict[str, Claim] = {}

    def add(self, c: Claim) -> Claim:
        self.claims.append(c)
        for f in c.figs("part"):
            self.part_in.setdefault(f.id, c)
        t = c.one("total")
        if t is not None:
            self.total_of.setdefault(t.id, c)
        return c

    # -- shared pieces ---------------------------------------------------------
    def _items(self, start: int, end: int, like: Fig | None, exhaustive: bool) -> list[Fig]:
        """The count figures listed from `start` to the sentence end, stopping at a clause that starts something else."""
        v, R = self.v, _rx()
        stops = R["split_stops"] if exhaustive else R["stops"]
        out: list[Fig] = []
        pos = start
        for g in v.between(start, end):
            if g.pct:
                continue
            if g.s - pos > LIST_GAP or stops.search(v.t, pos, g.s) or (out and R["list"].search(v.t, pos, g.s)):
                break
            if R["points"].match(v.t, g.e):
                break
            if like is not None and (not _kind_ok(like, g) or clash(like, g)):
                break
            if out and (not _kind_ok(out[0], g) or clash(out[0], g)):
                break
            if R["compared"].search(v.t, max(pos, g.s - 40), g.s) or (
                    g.period_rel == "previous_year" and like is not None and like.period_rel != "previous_year"):
                break  # "… مقارنة بـ 8 ملايين في العام الماضي": a baseline, not a part
            out.append(g)
            pos = g.e
        return out

    def _total_before(self, at: int, like: Fig, need_measure: bool = True) -> tuple[Fig | None, bool]:
        """The total a list refers back to, in the sentences before `at`: (figure, adjacent sentence?)."""
        v = self.v
        si = v.sentence_index(at)
        k = v.index_at(at)
        for g in reversed(v.figs[max(0, k - 40):k]):
            gi = v.sentence_index(g.s)
            if si - gi > BACK_SENTENCES:
                break
            if gi == si or g.pct or g.id in self.olds or g.id in self.part_in or g.parent is not None:
                continue
            if not _kind_ok(g, like):
                continue
            if need_measure and not (same_measure(g, like) or g.measure is None or like.measure is None):
                continue
            return g, si - gi == 1
        return None, False

    def _named_total(self, lo: int, hi: int, like: Fig) -> Fig | None:
        """A total the sentence names with a demonstrative ("سجل هذه الشكايات"): the largest earlier figure counting that noun."""
        v, R = self.v, _rx()
        dm = R["demonstrative"].search(v.t, lo, hi)
        if dm is None:
            return None
        noun = stem(dm.group("n"))
        si = v.sentence_index(lo)
        best = None
        for g in v.figs_before(like, 60):
            if g.s >= lo:
                continue
            if si - v.sentence_index(g.s) > BACK_SENTENCES + 1:
                break
            if g.pct or not _kind_ok(g, like) or not (head(g) & noun) or g.id in self.olds or g.period_rel == "previous_year":
                continue
            if best is None or g.value > best.value:
                best = g
        return best

    def _partition(self, parts: list[Fig]) -> bool:
        """Parts that cover their total's period: the two halves, or the four quarters."""
        R = _rx()
        halves, quarters = set(), set()
        for p in parts:
            after = clause_after(self.v, p, 60)
            h, q = R["half"].search(after), R["quarter"].search(after)
            if h:
                halves.add(h.group("n"))
            if q:
                quarters.add(q.group("n"))
        return (len(parts) == 2 and halves == {"الاول", "الثاني"}) or (len(parts) == 4 and len(quarters) == 4)

    # -- T، منها A و B / توزعت بين / بواقع ----------------------------------------------------
    def lists(self):
        v, R = self.v, _rx()
        for m in R["list"].finditer(v.t):
            ss, se = v.sentence(m.start())
            split = bool(m.group("split"))
            rate = bool(m.group("rate"))
            before = v.between(max(ss, m.start() - 160), m.start())
            t_fig = None
            if before:
                last = before[-1]
                if last.pct:
                    if m.group("partial") and m.start() - last.e < 12:
                        continue  # "47% منها": a share of the figure before, read by the shares
                    counts = [g for g in before if not g.pct]
                    last = counts[-1] if counts else None
                t_fig = last
            if m.group("between") and (t_fig is None or m.start() - t_fig.e > 45 or "\u060c" in v.t[t_fig.e:m.start()]):
                continue  # "ما بين 3 و5 ملايين": a range, not parts
            items = self._items(m.end(), se, t_fig, split or rate)
            if not items:
                continue
            if split and len(items) >= 3 and R["split_prep"].search(v.t, items[0].e, items[1].s) and not R["split_prep"].search(v.t, m.end(), items[0].s):
                t_fig, items = items[0], items[1:]  # "توزعت المعاملات البالغة T بين A و B"
            link = STATED
            if t_fig is None:
                named = self._named_total(ss, m.start(), items[0])
                if named is not None:
                    t_fig = named
                else:
                    t_fig, adjacent = self._total_before(ss, items[0])
                    if t_fig is None:
                        continue
                    opener = R["breakdown"].match(v.t, ss) or m.start() - ss < 40
                    link = STATED if (adjacent and opener) else INFERRED
            if rate and (len(items) < 2 or not same_measure(items[0], t_fig)):
                continue  # "بواقع 3 ساعات": a rate of the total itself; parts count what the total counts
            if t_fig.id in {i.id for i in items}:
                continue
            exhaustive = split or rate or self._partition(items)
            self.add(Claim(v.doc_id, "sum" if exhaustive else "part_of", link, [("total", t_fig)] + [("part", g) for g in items],
                           "split" if exhaustive else "list", cue=m.span(), exhaustive=exhaustive))

    # -- قسّم التقرير المبادرات إلى ستة أقسام … بعدد 4 مبادرات …: counts of the divided noun are parts of its total --------
    def divided(self):
        v, R = self.v, _rx()
        for m in R["divide"].finditer(v.t):
            ss, se = v.sentence(m.start())
            nouns = [w for w in WORD_RE.findall(m.group("obj")) if w.startswith("ال")]
            for noun in nouns:
                st = stem(noun)
                items = [g for g in v.between(m.end(), se) if not g.pct and head(g) & st]
                if not items:
                    continue
                total = None
                for g in v.figs_before(items[0], 40):
                    if g.s >= ss:
                        continue
                    if v.sentence_index(ss) - v.sentence_index(g.s) > BACK_SENTENCES:
                        break
                    if not g.pct and head(g) & st and _kind_ok(g, items[0]) and g.id not in self.olds:
                        total = g
                        break
                if total is not None:
                    self.add(Claim(v.doc_id, "part_of", INFERRED, [("total", total)] + [("part", g) for g in items], "divided", cue=m.span()))
                break

    # -- the facts' parent links ---------------------------------------------------------------
    def parents(self):
        v = self.v
        for pid, parts in parent_groups(v).items():
            pid = pid[0]
            whole = v.by_id.get(pid)
            if whole is None:
                self.add(Claim(v.doc_id, "part_of", INFERRED, [("part", g) for g in parts], "parent_link",
                               reason=f"the total {pid} is not in the facts table"))
                continue
            known = self.total_of.get(whole.id)
            parts = [g for g in parts if _kind_ok(whole, g) and not (g.period_rel == "previous_year" and whole.period_rel != "previous_year")]
            if not parts:
                continue
            if known is not None and {g.id for g in parts} <= {g.id for g in known.figs("part")}:
                continue
            split = any("parent:split" in g.rule for g in parts)
            sentences = {v.sentence_index(g.s) for g in [whole] + parts}
            if len(sentences) == 1:
                link = STATED
            else:
                first = min(parts, key=lambda g: g.s)
                fs = v.sentence(first)[0]
                adjacent = v.sentence_index(first.s) - v.sentence_index(whole.s) == 1
                opener = _rx()["breakdown"].match(v.t, fs)
                same_sentence_parts = len({v.sentence_index(g.s) for g in parts}) == 1
                link = STATED if (adjacent and opener and same_sentence_parts) else INFERRED
            exhaustive = split or self._partition(parts)
            self.add(Claim(v.doc_id, "sum" if exhaustive else "part_of", link, [("total", whole)] + [("part", g) for g in parts],
                           "parent_link", exhaustive=exhaustive))

    # -- A من أصل T، مقابل B / من بين إجمالي T، هناك A و B ---------------------------------------
    def whole_of(self):
        v, R = self.v, _rx()
        for m in R["whole_after"].finditer(v.t):
            ss, se = v.sentence(m.start())
            after = v.between(m.end(), min(se, m.end() + 90))
            t_fig = next((g for g in after if not g.pct), None)
            if t_fig is None or (after and after[0].pct and after[0].s < t_fig.s):
                continue
            before = [g for g in v.between(max(ss, m.start() - 200), m.start()) if not g.pct]
            part = before[-1] if before else None
            if part is None or not _kind_ok(part, t_fig) or not same_measure(part, t_fig):
                part = None
            if part is not None:
                c = self.add(Claim(v.doc_id, "part_of", STATED, [("total", t_fig), ("part", part)], "part_of_whole", cue=m.span()))
                rest = v.next_fig(t_fig, min(se, t_fig.e + 200), pred=lambda g: not g.pct)
                if rest is not None and _kind_ok(rest, part) and same_measure(rest, part):
                    cm = R["complement"].search(v.t, t_fig.e, rest.s)
                    if cm and not v.between(cm.end(), rest.s):
                        self.claims.remove(c)
                        self.add(Claim(v.doc_id, "sum", STATED, [("total", t_fig), ("part", part), ("part", rest)], "complement",
                                       cue=cm.span(), exhaustive=True))
                continue
            if R["whole_before"].match(v.t, m.start()) or R["whole_before"].search(v.t, max(ss, m.start() - 8), m.end() + 1):
                items = self._items(t_fig.e, se, t_fig, False)
                items = [g for g in items if g.id != t_fig.id]
                if items and not before:
                    self.add(Claim(v.doc_id, "part_of", STATED, [("total", t_fig)] + [("part", g) for g in items], "whole_first", cue=m.span()))

    # -- ليصل إجمالي … إلى T -------------------------------------------------------------------
    def total_after(self):
        v, R = self.v, _rx()
        for m in R["total_after"].finditer(v.t):
            ss, se = v.sentence(m.start())
            tw = R["total_word"].search(v.t, m.end(), min(se, m.end() + 100))
            if tw is None:
                continue
            t_fig = next((g for g in v.between(tw.end(), min(se, tw.end() + 160)) if not g.pct), None)
            if t_fig is None:
                continue
            inside = [g for g in v.between(ss, m.start()) if _kind_ok(g, t_fig) and per_period(v, g) is None
                      and (t_fig.kind == "money" or same_measure(g, t_fig) or g.measure is None)]
            earlier = []
            si = v.sentence_index(ss)
            for g in v.figs_before(inside[0] if inside else t_fig, 40):
                if g.s >= ss:
                    continue
                if si - v.sentence_index(g.s) > BACK_SENTENCES:
                    break
                if _kind_ok(g, t_fig) and per_period(v, g) is None and (t_fig.kind == "money" or same_measure(g, t_fig)) and g.id not in self.olds:
                    earlier.append(g)
            parts = sorted(inside + earlier, key=lambda g: g.s)
            if not parts:
                continue
            self.add(Claim(v.doc_id, "part_of", STATED if not earlier else INFERRED, [("total", t_fig)] + [("part", g) for g in parts],
                           "total_after_parts", cue=(m.start(), tw.end())))

    # -- lines then "الإجمالي T" -------------------------------------------------------------------
    def list_lines(self):
        v, R = self.v, _rx()
        for t_fig in v.figs:
            if t_fig.pct:
                continue
            ss, se = v.doc.sentence(t_fig.s)
            if se - ss > 160 or not R["line_total"].match(v.t, ss):
                continue
            if len([g for g in v.between(ss, se) if not g.pct]) != 1:
                continue
            items = []
            pos = ss
            while pos > 0 and len(items) < 12:
                ps, pe = v.doc.sentence(pos - 1)
                figs = [g for g in v.between(ps, pe)]
                if pe - ps > 160 or len(figs) != 1 or not _kind_ok(figs[0], t_fig):
                    break
                items.insert(0, figs[0])
                pos = ps
            if len(items) >= 2:
                self.add(Claim(v.doc_id, "sum", STATED, [("total", t_fig)] + [("part", g) for g in items], "list_total",
                               cue=R["line_total"].match(v.t, ss).span(), exhaustive=True))

    # -- تصدر X … بـ A، تلتها Y … B، مقابل C ----------------------------------------------------------
    def rankings(self):
        v, R = self.v, _rx()
        for m in R["rank_first"].finditer(v.t):
            ss, se = v.sentence(m.start())
            after = [g for g in v.between(m.end(), se) if not g.pct]
            if not after or after[0].s - m.end() > 150:
                continue
            lead = after[0]
            items = [lead]
            closing = False
            pos = lead.e
            for g in after[1:]:
                if g.s - pos > LIST_GAP or not _kind_ok(lead, g) or R["split_stops"].search(v.t, pos, g.s):
                    break
                closing = closing or bool(R["complement"].search(v.t, pos, g.s))
                items.append(g)
                pos = g.e
            if len(items) >= 2:
                self.add(Claim(v.doc_id, "majority", STATED, [("largest", lead)] + [("part", g) for g in items[1:]], "ranked_list", cue=m.span()))
            total, link = self._named_total(m.end(), lead.s, lead), STATED
            if total is None:
                total, _ = self._total_before(ss, lead)
                link = INFERRED
            if total is None:
                continue
            kind = "sum" if closing else "part_of"
            self.add(Claim(v.doc_id, kind, link, [("total", total)] + [("part", g) for g in items], "ranked_list",
                           cue=m.span(), exhaustive=closing))

    # -- inferred: the same total told again (a headline "نحو 2 مليون" for a body "أكثر من 1.8 مليون") -----------
    def restated_totals(self):
        v = self.v
        for c in list(self.claims):
            t = c.one("total")
            if c.kind not in ("sum", "part_of") or t is None or c.rule == "restated_total":
                continue
            for r in v.figs_before(t, 30) + v.figs_after(t, 30):
                if r.id == t.id or r.pct or r.id in self.part_in or r.id in self.total_of or not _kind_ok(r, t) or not same_measure(r, t):
                    continue
                if abs(v.sentence_index(r.s) - v.sentence_index(t.s)) > 6 or r.id in self.olds:
                    continue
                hedged = r.qualifier != "exact" or t.qualifier != "exact"
                if hedged and r.low <= t.high and t.low <= r.high:
                    self.add(Claim(v.doc_id, c.kind, INFERRED, [("total", r)] + [(ro, f) for ro, f in c.ops if ro != "total"], "restated_total",
                                   exhaustive=c.exhaustive))
                    break

    # -- inferred: داخل / خارج، أخرى، كما … خلال الفترة نفسها ---------------------------------------------
    def additions(self):
        v, R = self.v, _rx()
        for b in v.figs:
            if b.pct or b.id in self.part_in:
                continue
            ss, se = v.sentence(b)
            after = clause_after(v, b, 70)
            pre = v.t[max(ss, b.s - 100):b.s]
            additive = bool(R["additive"].search(after)) or (bool(R["kama"].search(pre)) and bool(R["same_period"].search(v.t, b.e, min(se, b.e + 70))))
            outside = bool(R["outside"].search(v.t, max(ss, b.s - 80), b.s))
            if not (additive or outside):
                continue
            a = v.prev_fig(b, ss, pred=lambda g: not g.pct and g.id not in self.part_in and g.id not in self.olds and _kind_ok(g, b)
                           and (b.kind == "money" or same_measure(g, b)))
            if a is None:
                continue
            if outside and not additive and not R["inside"].search(v.t, max(ss, a.s - 80), a.s):
                continue
            total, _ = self._total_before(v.sentence(a)[0], a, need_measure=a.kind != "money")
            if total is None or (a.kind != "money" and not same_measure(total, a)):
                continue
            self.add(Claim(v.doc_id, "sum", INFERRED, [("total", total), ("part", a), ("part", b)], "added_parts", exhaustive=True))

    # -- inferred: "T معاملة إصدار وتجديد" … "بإصدار A" … "تجديد B": a total of X and Y is the X figure plus the Y figure ------
    def coordinated(self):
        v, R = self.v, _rx()
        for t in v.figs:
            if t.pct:
                continue
            ss, se = v.sentence(t)
            near = v.t[max(ss, t.s - 70):t.s] + " " + v.t[t.e:min(se, t.e + 45)]
            pair = R["coordination"].search(near)
            if pair is None:
                continue
            x, y = stem(pair.group("x")), stem(pair.group("y"))
            if x & y:
                continue
            found: dict[str, Fig] = {}
            prev_end = t.e
            si = v.sentence_index(t.s)
            for g in v.figs_after(t, 40):
                if v.sentence_index(g.s) - si > 12:
                    break
                if g.pct or not _kind_ok(g, t):
                    continue  # the coordinated nouns carry the link: "معاملة إصدار وتجديد" and "بإصدار … بطاقة"
                lo = max(prev_end, v.sentence(g)[0] if v.sentence_index(g.s) != si else prev_end, g.s - 150)
                window = set().union(*[stem(w) for w in WORD_RE.findall(v.t, lo, g.s)] or [set()])
                prev_end = g.e
                has_x, has_y = bool(x & window), bool(y & window)
                if has_x != has_y:
                    found.setdefault("x" if has_x else "y", g)
                if len(found) == 2:
                    break
            if len(found) == 2 and found["x"].value < t.value and found["y"].value < t.value:
                self.add(Claim(v.doc_id, "sum", INFERRED, [("total", t), ("part", found["x"]), ("part", found["y"])], "coordinated_measure",
                               exhaustive=True))

    # -- inferred: a count over a period inside another's period -------------------------------------------------
    def periods_within(self):
        v = self.v
        for a in v.figs:
            if a.pct or not (a.period_start and a.period_end) or per_period(v, a) is not None:
                continue
            best = None
            for t in v.figs_before(a, 20) + v.figs_after(a, 20):
                if t.pct or t.id == a.id or not (t.period_start and t.period_end) or not _kind_ok(a, t) or not same_measure(a, t):
                    continue
                if per_period(v, t) is not None:
                    continue
                inside = t.period_start <= a.period_start and a.period_end <= t.period_end and (t.period_start, t.period_end) != (a.period_start, a.period_end)
                if not (inside and (t.period_start[:7] == a.period_start[:7] or t.period_end[:4] == a.period_end[:4])):
                    continue
                score = (self._names(a, t), -abs(t.i - a.i))
                if best is None or score > best[0]:
                    best = (score, t)
            if best is not None:
                self.add(Claim(v.doc_id, "part_of", INFERRED, [("total", best[1]), ("part", a)], "period_within"))

    def _names(self, a: Fig, t: Fig) -> int:
        """How closely a part's clause names a total: the total's whole measure phrase in it (2), or not (0)."""
        v = self.v
        ss = max(v.sentence(a)[0], a.s - 120)
        clause = " ".join(WORD_RE.findall(v.t, ss, a.s)) + " " + " ".join(WORD_RE.findall(v.t, a.e, min(len(v.t), a.e + 40)))
        phrase = " ".join(WORD_RE.findall(_norm(t.measure_ar or "")))
        return 2 if phrase and len(phrase.split()) > 1 and phrase in clause else 0

    # -- inferred: figures written to the unit that add up exactly -----------------------------------------------
    def reconcile(self):
        v = self.v
        for c in v.figs:
            if c.pct or c.qualifier != "exact" or _sig_digits(c.value) < 4 or c.fractional_count:
                continue
            window = [g for g in v.figs[max(0, c.i - 25):c.i + 26] if g.id != c.id and not g.pct and g.qualifier == "exact"
                      and _kind_ok(g, c) and _sig_digits(g.value) >= 3 and not g.fractional_count and g.value < c.value]
            by_value: dict[float, Fig] = {}
            for g in window:
                by_value.setdefault(round(g.value, 6), g)
            for a in window:
                b = by_value.get(round(c.value - a.value, 6))
                if b is not None and b.id != a.id and a.s < b.s:
                    self.add(Claim(v.doc_id, "sum", INFERRED, [("total", c), ("part", a), ("part", b)], "reconcile", exhaustive=True))

    def run(self) -> list[Claim]:
        self.lists()
        self.divided()
        self.whole_of()
        self.parents()
        self.total_after()
        self.list_lines()
        self.rankings()
        self.restated_totals()
        self.additions()
        self.coordinated()
        self.periods_within()
        self.reconcile()
        return self.claims
