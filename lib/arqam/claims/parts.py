"""Claims about totals and their parts that one sentence (or the sentence that names the total) states.

- a total then its parts: "T، منها A و B"، "شملت"، "تنوعت بين"، "ما بين" (some parts: each, and their sum,
  at most T); "توزعت … بين"، "يتوزع … بين"، "بواقع A و B" (a split: the parts add up to T); parts that cover
  the total's period (النصف الأول / النصف الثاني) also add up; "صنّف … المشاريع إلى …" (counts of the
  divided noun are parts of its total);
- the facts' own parent links (وتفصيلا …، كان نصيب X منها …);
- a part then its whole: "A من أصل T"، "A من إجمالي T"، and "… مقابل B" for the rest of T;
  "من بين إجمالي X البالغ T، هناك A … و B";
- a total after its parts: "ليصل (بذلك) إجمالي … إلى T"; a list of lines closed by a line "الإجمالي T";
- ranked lists: "تصدر X … بـ A، تلتها Y بـ B، مقابل C" (parts of the total they rank, A the largest);
- parts the text says overlap ("لأكثر من فئة"، "تتداخل"): their sum may exceed the whole, so it is never flagged.
The inferred ones (across sentences, by arithmetic) are in parts_inferred.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..facts.document import NOT_LETTER_AHEAD, NOT_LETTER_BEHIND, WORD, WORD_RE
from .model import INFERRED, STATED, Claim, clash, clause_after, family, head, per_period, periods_apart, same_measure, stem
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
        "selection": re.compile(rf"{nl}[وف]?{words(c['parts_selection'])}{nr}"),
        "whole_after": re.compile(rf"{nl}[وف]?{words(c['whole_after_part'])}{nr}"),
        "clause_break": re.compile(r"[\u060c\u061b;,:()]|\n"),
        "bridge": re.compile(rf"{nl}(?:{words(c['old_bridge'])}|البالغ|البالغه|وعددها|وعددهم|وقدرها|وقدره|ومجموعها|ومجموعه){nr}"),
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
        "minha_back": re.compile(rf"[وف]?(?:منها|منهم|منه){nr}"),
        "minha_after": re.compile(rf"{BL}*[وف]?(?:منها|منهم|منه){nr}"),
        "closing_total": re.compile(rf"{nl}[وف]?[\u060c,]?{BL}*{words(c['closing_total'])}{nr}"),
        "rate_subject": re.compile(rf"{nl}[وف]?{words(c['rate_subjects'])}{nr}"),
        "cumulative": re.compile(rf"{nl}(?:{words(c['cumulative'])}){nr}"),
        "hedge_gap": re.compile(rf"{BL}*(?:(?:{words(cues()['level_filler'])}){BL}*)?\Z"),
        "remainder": re.compile(rf"{nl}[وف]?{words(c['remainder'])}{nr}"),
        "overlap": re.compile(rf"{nl}[وفل]?{words(c['overlap'])}{nr}"),
        "list_rest": re.compile(rf"{nl}[وف]?{words(c['list_rest'])}{nr}"),
        "rest_others": re.compile(rf"{nl}{words(c['rest_others'])}{nr}"),
        "short_gap": re.compile(rf"{BL}*(?:{WORD}{BL}+){{0,2}}\Z"),
        "then_break": re.compile(r"[ \u00a0]*(?:[\u060c\u061b,;:.\n]|$)"),
        "points": re.compile(rf"{BL}*{words(c['points_after'])}{nr}"),
        "half": re.compile(rf"{nl}النصف{BL}+(?P<n>الاول|الثاني){nr}"),
        "quarter": re.compile(rf"{nl}الربع{BL}+(?P<n>الاول|الثاني|الثالث|الرابع|الاخير){nr}"),
        "breakdown": re.compile(rf"[\s\u00a0]*(?:و)?(?:{words(c['breakdown_openers'])}|{words(c['parts_exhaustive'])}|وقد{BL}+{words(c['parts_exhaustive'])}){nr}"),
    }


def _one_family(a: Fig, b: Fig) -> bool:
    """Two canonical measures of one family (users and people; operations and requests)."""
    return bool(a.measure and b.measure and family(a.measure) == family(b.measure))


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


def _without_list_count(items: list[Fig]) -> list[Fig]:
    """"على ثلاث فئات: A و B و C": a small count equal to the number of items after it, of another noun, announces the list."""
    if len(items) >= 3 and items[0].value == len(items) - 1 and items[0].value < 20:
        h0, h1 = head(items[0]), head(items[1])
        if h0 and not (h0 & h1):
            return items[1:]
    return items


def _figure_right_after(v: View, pos: int, end: int) -> bool:
    """A figure right after `pos` ("منها 25 ألف"، "منهم نحو 500"): at most two words before it, no break, no remainder word."""
    nxt = next(iter(v.between(pos, min(end, pos + 40))), None)
    if nxt is None:
        return False
    gap = v.t[pos:nxt.s]
    return len(WORD_RE.findall(gap)) <= 2 and not re.search(r"[\u060c\u061b,;:.]", gap) and not _rx()["remainder"].search(gap)


class PartsState:
    """What the parts readers share: the article, the figures read as earlier levels, the claims so far and who is part of what."""

    def __init__(self, v: View, olds: set[str]):
        self.v = v
        self.olds = olds
        self.claims: list[Claim] = []
        self.part_in: dict[str, Claim] = {}
        self.total_of: dict[str, Claim] = {}
        self.groups: dict | None = None  # the facts' parent links, read once
        self.claims_of: dict[str, list[Claim]] = {}  # total id -> its claims

    def add(self, c: Claim) -> Claim:
        self.claims.append(c)
        for f in c.figs("part"):
            self.part_in.setdefault(f.id, c)
        t = c.one("total")
        if t is not None:
            self.total_of.setdefault(t.id, c)
            self.claims_of.setdefault(t.id, []).append(c)
        return c

    def replace(self, t: Fig, parts: set[str]) -> None:
        """Drop the claims of total t whose parts are among `parts` (a fuller reading of the same sentence replaces them)."""
        for c in [c for c in self.claims_of.get(t.id, []) if {f.id for f in c.figs("part")} <= parts]:
            if c in self.claims:
                self.claims.remove(c)
            self.claims_of[t.id].remove(c)


    def items(self, start: int, end: int, like: Fig | None, exhaustive: bool) -> list[Fig]:
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
            if out and R["minha_after"].match(v.t, g.e):
                break  # "… و800 ألف منهم من النساء": a part of a part, or of another breakdown of the whole
            if like is not None and per_period(v, g) != per_period(v, like):
                break  # "5000 رحلة بواقع 20 رحلة يوميا": a rate, not a part
            # in a split ("توزعت بين A عملية …، و B خدمة …") a figure joined to the one before by و is its next part,
            # whatever noun it counts; elsewhere a part counts what the total and the first part count
            joined = exhaustive and bool(out) and _coordinated(v, out[-1], g)
            if like is not None and (not _kind_ok(like, g) or (clash(like, g) and not joined)):
                break
            if out and (not _kind_ok(out[0], g) or (clash(out[0], g) and not joined)):
                break
            if R["compared"].search(v.t, max(pos, g.s - 40), g.s) or (
                    g.period_rel == "previous_year" and like is not None and like.period_rel != "previous_year"):
                break  # "… مقارنة بـ 8 ملايين في العام الماضي": a baseline, not a part
            out.append(g)
            pos = g.e
        return out

    def total_before(self, at: int, like: Fig, need_measure: bool = True) -> tuple[Fig | None, bool]:
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
            if not _kind_ok(g, like) or periods_apart(g, like):
                continue  # never the total of another year ("بلغت T في 2023. وتوزعت [في 2024] على A و B")
            if need_measure and not (same_measure(g, like) or g.measure is None or like.measure is None):
                continue
            return g, si - gi == 1
        return None, False

    def named_total(self, lo: int, hi: int, like: Fig) -> Fig | None:
        """A total the sentence names with a demonstrative ("قائمة هذه البلاغات"): the largest earlier figure counting that noun."""
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

    def partition(self, parts: list[Fig]) -> bool:
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


    def names(self, a: Fig, t: Fig) -> int:
        """How closely a part's clause names a total: the total's whole measure phrase in it (2), or not (0)."""
        v = self.v
        ss = max(v.sentence(a)[0], a.s - 120)
        clause = " ".join(WORD_RE.findall(v.t, ss, a.s)) + " " + " ".join(WORD_RE.findall(v.t, a.e, min(len(v.t), a.e + 40)))
        phrase = " ".join(WORD_RE.findall(_norm(t.measure_ar or "")))
        return 2 if phrase and len(phrase.split()) > 1 and phrase in clause else 0


def lists(st: PartsState):
    """T، منها A و B / شملت / تنوعت بين / ما بين (some parts); توزعت … بين / بواقع A و B (a split of T)."""
    v, R = st.v, _rx()
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
            if last is not None and last.id in st.olds:
                # "B في 2024، بارتفاع P عن A في 2023، منها C": the list breaks down the new level, never the baseline
                last = next((g for g in reversed(before) if not g.pct and g.id not in st.olds), None)
            t_fig = last
        if m.group("partial") and t_fig is not None and R["minha_back"].match(v.t, m.start()) and R["then_break"].match(v.t, m.end()):
            # "تمت الموافقة على 45 ألف طلب منها،": the figure before منها is a part of the total before it
            whole = v.prev_fig(t_fig, ss, pred=lambda g: not g.pct and _kind_ok(g, t_fig) and same_measure(g, t_fig)
                               and per_period(v, g) == per_period(v, t_fig))  # never a daily rate for the whole
            if whole is not None:
                st.add(Claim(v.doc_id, "part_of", STATED, [("total", whole), ("part", t_fig)], "part_then_minha", cue=m.span()))
            continue
        if m.group("partial") and t_fig is not None and R["minha_back"].match(v.t, m.start()) and not v.t[t_fig.e:m.start()].strip() \
                and not _figure_right_after(v, m.end(), se):
            # "بلغ عدد الموظفين 1240 موظفا، 530 منهم من المواطنين": the figure right before منهم is one of the whole before it
            whole = v.prev_fig(t_fig, ss, pred=lambda g: not g.pct and _kind_ok(g, t_fig) and not clash(g, t_fig) and g.id not in st.olds
                               and per_period(v, g) == per_period(v, t_fig))
            if whole is not None and whole.value > t_fig.value:
                more, prev = [], t_fig
                for g in st.items(m.end(), se, whole, False):
                    if not _coordinated(v, prev, g) or not _kind_ok(t_fig, g) or clash(t_fig, g):
                        break
                    more.append(g)  # "T، سدد A منها عبر X و B عبر Y": the parts joined to the first by و
                    prev = g
                st.add(Claim(v.doc_id, "part_of", STATED, [("total", whole), ("part", t_fig)] + [("part", g) for g in more],
                             "part_then_minha", cue=m.span()))
            continue
        if m.group("between") and (t_fig is None or m.start() - t_fig.e > 45 or "\u060c" in v.t[t_fig.e:m.start()]):
            continue  # "ما بين 3 و5 ملايين": a range, not parts
        items = st.items(m.end(), se, t_fig, split or rate)
        if not items:
            continue
        if split and len(items) >= 3 and R["split_prep"].search(v.t, items[0].e, items[1].s) and not R["split_prep"].search(v.t, m.end(), items[0].s):
            t_fig, items = items[0], items[1:]  # "توزعت المعاملات البالغة T بين A و B"
        items = _without_list_count(items)
        link = STATED
        if t_fig is None:
            named = st.named_total(ss, m.start(), items[0])
            if named is not None:
                t_fig = named
            else:
                t_fig, adjacent = st.total_before(ss, items[0])
                if t_fig is None:
                    continue
                opener = R["breakdown"].match(v.t, ss) or m.start() - ss < 40
                link = STATED if (adjacent and opener) else INFERRED
        if rate and (len(items) < 2 or not same_measure(items[0], t_fig)):
            continue  # "بواقع 3 ساعات": a rate of the total itself; parts count what the total counts
        if t_fig.id in {i.id for i in items}:
            continue
        exhaustive = split or rate or st.partition(items)
        rest = _list_leaves_a_rest(v, m, items, se)
        # "وتصدرت X بواقع A، تلتها Y بـ B": the first places of a ranking, not a split of the total
        ranked = bool(R["rank_first"].search(v.t, max(ss, m.start() - 80), m.start())) or any(
            R["rank_next"].search(v.t, a.e, b.s) for a, b in zip(items, items[1:]))
        if exhaustive and not st.partition(items) and (rest or ranked):
            exhaustive = False  # "توزعت بين A و B وغيرها": some parts of the total, not all of them
        if exhaustive and (len(items) < 2 or _list_goes_on(v, items[-1], se)):
            exhaustive = False  # one part, or a list read only up to a figure that continues it: not the whole split
        # "أبرزها A و B"، "A و B وغيرها"، "تلتها": the text says the list is a selection, so whether it accounts for the whole is not told
        selection = not exhaustive and (bool(R["selection"].match(v.t, m.start())) or rest or ranked)
        st.add(Claim(v.doc_id, "sum" if exhaustive else "part_of", link, [("total", t_fig)] + [("part", g) for g in items],
                       "split" if exhaustive else "list+selection" if selection else "list", cue=m.span(), exhaustive=exhaustive))


_JOINED = re.compile(rf"[^.\u061b:\n]{{0,60}}(?:[\u060c,]{BL}*|{BL}+)و{BL}*\Z")


def _coordinated(v: View, prev: Fig, g: Fig) -> bool:
    """g follows prev in one list: the words after prev (its noun) and then و, with no sentence break between."""
    return bool(_JOINED.match(v.t, prev.e, g.s)) and not v.between(prev.e, g.s)


def _list_goes_on(v: View, last: Fig, se: int) -> bool:
    """The figure after a list's last part is joined to it by و: an item the reader could not take (another noun,
    a percent: "A و B و 44% عبر التطبيق"), so the parts read are not all the split."""
    nxt = v.next_fig(last, se)
    return nxt is not None and _coordinated(v, last, nxt)


REST_WINDOW = 80  # characters after the last part where a rest with no figure is looked for


def _item_head(v: View, g: Fig) -> frozenset[str]:
    """The stems of the noun a listed figure counts (its measure's head, else the word right after it)."""
    h = head(g)
    if h:
        return h
    w = WORD_RE.search(v.t, g.e, min(len(v.t), g.e + 30))
    return stem(w.group()) if w else frozenset()


def _list_leaves_a_rest(v: View, m, items: list[Fig], se: int) -> bool:
    """A split list that leaves part of its total out: a partial word before its first part (توزعت على عدة أنواع أبرزها A)
    or, after its last part, a rest with no figure (وغيرها، إضافة إلى شهادات أخرى) or another item of the same noun
    with no figure (و3 آلاف شهادة وفاة وشهادات الزواج)."""
    R = _rx()
    lead = R["list"].search(v.t, m.end(), items[0].s)
    if lead is not None and lead.group("partial"):
        return True
    last = items[-1]
    nxt = v.next_fig(last, se)
    end = min(se, last.e + REST_WINDOW, nxt.s if nxt is not None else se)
    if R["list_rest"].search(v.t, last.e, end):
        return True
    heads = set().union(*[_item_head(v, g) for g in items])
    first_word = True
    for w in WORD_RE.finditer(v.t, last.e, end):
        word = w.group()
        if R["rest_others"].fullmatch(word) and not first_word and re.search(r"[\u060c,]|(?:^|\s)و", v.t[last.e:w.start()]):
            return True  # "، و شهادات أخرى": a rest after the last part's own words
        if word.startswith("و") and len(word) > 3 and heads & stem(word[1:]):
            return True  # "وشهادات الزواج": another item of the listed noun, with no figure
        first_word = False
    return False


def divided(st: PartsState):
    """صنّفت الخطة المشاريع إلى خمس فئات … بعدد 7 مشاريع: counts of the divided noun are parts of its total (inferred)."""
    v, R = st.v, _rx()
    for m in R["divide"].finditer(v.t):
        ss, se = v.sentence(m.start())
        nouns = [w for w in WORD_RE.findall(m.group("obj")) if w.startswith("ال")]
        for noun in nouns:
            noun_stems = stem(noun)
            items = [g for g in v.between(m.end(), se) if not g.pct and head(g) & noun_stems]
            if not items:
                continue
            total = None
            for g in v.figs_before(items[0], 40):
                if g.s >= ss:
                    continue
                if v.sentence_index(ss) - v.sentence_index(g.s) > BACK_SENTENCES:
                    break
                if not g.pct and head(g) & noun_stems and _kind_ok(g, items[0]) and g.id not in st.olds:
                    total = g
                    break
            if total is not None:
                st.add(Claim(v.doc_id, "part_of", INFERRED, [("total", total)] + [("part", g) for g in items], "divided", cue=m.span()))
            break


def parents(st: PartsState):
    """The facts' own parent links (وتفصيلا …، كان نصيب X منها …), a split and a detail of one total apart."""
    v = st.v
    for pid, parts in parent_groups(v).items():
        pid = pid[0]
        whole = v.by_id.get(pid)
        if whole is None:
            st.add(Claim(v.doc_id, "part_of", INFERRED, [("part", g) for g in parts], "parent_link",
                           reason=f"the total {pid} is not in the facts table"))
            continue
        known = st.total_of.get(whole.id)
        parts = [g for g in parts if _kind_ok(whole, g) and not (g.period_rel == "previous_year" and whole.period_rel != "previous_year")
                 and not periods_apart(g, whole)]  # a part of another year's total is a misread link
        if not parts:
            continue
        if known is not None and {g.id for g in parts} <= {g.id for g in known.figs("part")}:
            continue
        read = [st.part_in.get(g.id) for g in parts]
        if all(c is not None and c.link == STATED and c.one("total") is not None and c.one("total").id != whole.id for c in read) \
                and (whole.id in st.olds or len({id(c) for c in read}) == 1):
            continue  # the sentence itself gives these parts their total: the link to an earlier level is a rival reading
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
        if whole.id in st.olds:
            link = INFERRED  # "B، بعد أن كان A، أي بنمو P، منهم C": a list after a change may break down B, not the baseline A
        exhaustive = (split and len(parts) >= 2) or st.partition(parts)
        st.add(Claim(v.doc_id, "sum" if exhaustive else "part_of", link, [("total", whole)] + [("part", g) for g in parts],
                       "parent_link", exhaustive=exhaustive))


def whole_of(st: PartsState):
    """A من أصل T (and مقابل B, the rest of T); من بين إجمالي X البالغ T، هناك A و B."""
    v, R = st.v, _rx()
    for m in R["whole_after"].finditer(v.t):
        ss, se = v.sentence(m.start())
        after = v.between(m.end(), min(se, m.end() + 90))
        t_fig = next((g for g in after if not g.pct), None)
        if t_fig is None or (after and after[0].pct and after[0].s < t_fig.s):
            continue
        before = [g for g in v.between(max(ss, m.start() - 200), m.start()) if not g.pct]
        part = before[-1] if before else None
        if part is None or not _kind_ok(part, t_fig) or not (same_measure(part, t_fig) or _one_family(part, t_fig)):
            part = None  # "A مستخدم من أصل T نسمة": users out of a population, one family of measures
        if part is not None:
            c = st.add(Claim(v.doc_id, "part_of", STATED, [("total", t_fig), ("part", part)], "part_of_whole", cue=m.span()))
            rest = v.next_fig(t_fig, min(se, t_fig.e + 200), pred=lambda g: not g.pct)
            if rest is not None and _kind_ok(rest, part) and same_measure(rest, part):
                cm = R["complement"].search(v.t, t_fig.e, rest.s)
                if cm and not v.between(cm.end(), rest.s):
                    st.claims.remove(c)
                    st.add(Claim(v.doc_id, "sum", STATED, [("total", t_fig), ("part", part), ("part", rest)], "complement",
                                   cue=cm.span(), exhaustive=True))
            continue
        if R["whole_before"].match(v.t, m.start()) or R["whole_before"].search(v.t, max(ss, m.start() - 8), m.end() + 1):
            if R["clause_break"].search(v.t, m.end(), t_fig.s) and not R["bridge"].search(v.t, m.end(), t_fig.s):
                continue  # "60% من إجمالي المعاملات، بواقع A من أصل T": the whole is a noun, the next figure is no whole of it
            items = st.items(t_fig.e, se, t_fig, False)
            items = [g for g in items if g.id != t_fig.id]
            if items and not before:
                st.add(Claim(v.doc_id, "part_of", STATED, [("total", t_fig)] + [("part", g) for g in items], "whole_first", cue=m.span()))


def total_after(st: PartsState):
    """ليصل (بذلك) إجمالي … إلى T: the amounts before it are parts of T (inferred when they are in other sentences)."""
    v, R = st.v, _rx()
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
            if _kind_ok(g, t_fig) and per_period(v, g) is None and (t_fig.kind == "money" or same_measure(g, t_fig)) and g.id not in st.olds:
                earlier.append(g)
        parts = sorted(inside + earlier, key=lambda g: g.s)
        if not parts:
            continue
        st.add(Claim(v.doc_id, "part_of", STATED if not earlier else INFERRED, [("total", t_fig)] + [("part", g) for g in parts],
                       "total_after_parts", cue=(m.start(), tw.end())))


def list_lines(st: PartsState):
    """Lines of one amount each, closed by a line 'الإجمالي T': a split of T."""
    v, R = st.v, _rx()
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
            st.add(Claim(v.doc_id, "sum", STATED, [("total", t_fig)] + [("part", g) for g in items], "list_total",
                           cue=R["line_total"].match(v.t, ss).span(), exhaustive=True))


def rankings(st: PartsState):
    """تصدر X … بـ A، تلتها Y … بـ B، مقابل C: A is the largest; the items are parts of the total they rank (a split when مقابل closes the list)."""
    v, R = st.v, _rx()
    for m in R["rank_first"].finditer(v.t):
        ss, se = v.sentence(m.start())
        first = next(iter(v.between(m.end(), se)), None)
        if first is not None and first.pct and first.role != "change_pct" and first.s - m.end() <= 150:
            ranked_shares(st, m, first, se)  # "استحوذ X على الحصة الأكبر بنسبة 41%، تلاه Y بنسبة 27%"
            continue
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
            if R["compared"].search(v.t, max(pos, g.s - 40), g.s) or (g.period_rel == "previous_year" and lead.period_rel != "previous_year"):
                break  # "… بـ 1240 زيارة، مقارنة بـ 1860 في العام الماضي": its own earlier level, not the next of the list
            closing = closing or bool(R["complement"].search(v.t, pos, g.s))
            items.append(g)
            pos = g.e
        if len(items) >= 2:
            if not _marked_largest(st, lead):
                st.add(Claim(v.doc_id, "majority", STATED, [("largest", lead)] + [("part", g) for g in items[1:]], "ranked_list", cue=m.span()))
        total, link = st.named_total(m.end(), lead.s, lead), STATED
        if total is None:
            total, _ = st.total_before(ss, lead)
            link = INFERRED
        if total is None:
            continue
        kind = "sum" if closing else "part_of"
        # "تصدرت X بـ A، تلتها Y بـ B": the first places of a ranking, a selection of the parts unless مقابل closes it
        st.add(Claim(v.doc_id, kind, link, [("total", total)] + [("part", g) for g in items], "ranked_list" if closing else "ranked_list+selection",
                       cue=m.span(), exhaustive=closing))


def remainders(st: PartsState):
    """T، A منهم … والباقي B (البقية، المتبقي …): B is the rest of T after A, so A and B add up to T (one sentence: stated)."""
    v, R = st.v, _rx()
    for m in R["remainder"].finditer(v.t):
        ss, se = v.sentence(m.start())
        b = next((g for g in v.between(m.end(), min(se, m.end() + 30))), None)
        if b is None or b.pct or not R["short_gap"].match(v.t[m.end():b.s]) or re.search(r"[\u060c\u061b,;:.]", v.t[m.end():b.s]):
            continue  # "الأقسام الأربعة المتبقية": the remainder named after its figure, or no figure of its own
        a = v.prev_fig(b, max(ss, m.start() - 120), pred=lambda g: g.s < m.start())
        if a is None or a.pct or v.between(a.e, m.start()):
            continue
        t = v.prev_fig(a, ss)
        if t is None or t.pct or {t.id, a.id} & st.olds:
            continue
        if not (_kind_ok(t, a) and _kind_ok(t, b)) or clash(t, a) or clash(t, b) or t.value <= a.value:
            continue
        if len({per_period(v, g) for g in (t, a, b)}) != 1:
            continue
        st.replace(t, {a.id, b.id})
        st.add(Claim(v.doc_id, "sum", STATED, [("total", t), ("part", a), ("part", b)], "remainder", cue=m.span(), exhaustive=True))


def closing_totals(st: PartsState):
    """"A في الربع الأول و B في الربع الثاني، بإجمالي T" / "…، ليصل المجموع إلى T": the parts listed before a bare total word
    in one sentence add up to T (a split, stated)."""
    v, R = st.v, _rx()
    for m in R["closing_total"].finditer(v.t):
        ss, se = v.sentence(m.start())
        t = next(iter(v.between(m.end(), min(se, m.end() + 30))), None)
        if t is None or t.pct or not R["hedge_gap"].match(v.t[m.end():t.s]):
            continue
        if R["cumulative"].search(clause_after(v, t, 60)):
            continue  # "…، بإجمالي 9400 منذ بداية العام": a running total may count more than the list
        parts: list[Fig] = []
        pos = m.start()
        for g in reversed(v.between(ss, m.start())):
            gap = v.t[g.e:pos]
            if pos - g.e > LIST_GAP or R["stops"].search(gap) or R["compared"].search(v.t, max(ss, g.s - 40), g.s):
                break
            if g.pct or not _kind_ok(g, t) or clash(g, t) or per_period(v, g) is not None or g.role == "change" or g.id in st.olds:
                break
            if not (same_measure(g, t) or (g.measure is None and t.measure is None and head(g) and head(t) and head(g) & head(t))):
                break
            parts.insert(0, g)
            pos = g.s
        if len(parts) < 2 or any(g.value >= t.value for g in parts):
            continue
        st.replace(t, {g.id for g in parts})
        st.add(Claim(v.doc_id, "sum", STATED, [("total", t)] + [("part", g) for g in parts], "closing_total", cue=m.span(), exhaustive=True))


def percent_splits(st: PartsState):
    """"توزعت المعاملات بين 55% للأفراد و38% للشركات": the shares of one split of a whole, at most 100% together (stated)."""
    v, R = st.v, _rx()
    for m in R["list"].finditer(v.t):
        if not m.group("split"):
            continue
        ss, se = v.sentence(m.start())
        shares: list[Fig] = []
        pos = m.end()
        for g in v.between(m.end(), se):
            if g.s - pos > LIST_GAP or R["stops"].search(v.t, pos, g.s) or R["rate_subject"].search(v.t, pos, g.s) or not g.pct \
                    or g.role == "change_pct":
                break  # "…، فيما بلغت نسبة التجديد 72%": another clause, another rate
            shares.append(g)
            pos = g.e
        if len(shares) < 2 or R["rate_subject"].search(v.t, max(ss, m.start() - 80), shares[0].s):
            continue  # "توزعت نسب الرضا بين 85% و78%": the rates of several groups, not the shares of one whole
        st.add(Claim(v.doc_id, "sum", STATED, [("part", g) for g in shares], "percent_split", cue=m.span(), exhaustive=True,
                     stated_value=100.0, stated_unit="percent"))


def _marked_largest(st: PartsState, f: Fig) -> bool:
    """The facts mark f the largest part of a total with other parts: rates.read_largest makes that claim."""
    if not f.largest:
        return False
    if st.groups is None:
        st.groups = parent_groups(st.v)
    return any(f in g and len(g) >= 2 for g in st.groups.values())


def ranked_shares(st: PartsState, m, lead: Fig, se: int):
    """The shares of a ranked list, the first named the largest: it must be at least each share after it."""
    v, R = st.v, _rx()
    items, pos = [], lead.e
    for g in v.between(lead.e, se):
        if g.s - pos > LIST_GAP or not g.pct or g.role == "change_pct" or R["stops"].search(v.t, pos, g.s) \
                or R["compared"].search(v.t, max(pos, g.s - 40), g.s):
            break  # "…، فيما ارتفعت نسبة …": another clause, not the next of the list
        items.append(g)
        pos = g.e
    if items and not _marked_largest(st, lead):
        st.add(Claim(v.doc_id, "majority", STATED, [("largest", lead)] + [("part", g) for g in items], "ranked_list", cue=m.span()))



def mark_overlaps(st: PartsState):
    """Parts the text says overlap ("إذ تقدم بعض الخدمات لأكثر من فئة", in the list's sentences or the next one) may add
    up to more than their whole: such a sum is never flagged, only reported unverifiable with that reason."""
    v, R = st.v, _rx()
    for c in st.claims:
        if c.kind not in ("sum", "part_of") or len(c.figs("part")) < 2 or c.reason:
            continue
        s, e = c.span()
        lo = v.sentence(s)[0]
        hi = v.sentence(max(s, e - 1))[1]
        nxt = v.sentence(min(len(v.t) - 1, hi + 1)) if hi + 1 < len(v.t) else (hi, hi)
        if R["overlap"].search(v.t, lo, max(hi, nxt[1])):
            c.reason = "the text says the parts overlap, so they may add up to more than their whole"
