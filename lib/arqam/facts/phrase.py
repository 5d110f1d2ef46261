"""The Arabic noun phrase around a figure: word classes and a reader of phrases over one window of words.

A phrase is a head noun with its adjectives, genitive chain, coordinated nouns
(و، أو), at most a few prepositional complements and a relative clause; it ends
at a particle, a verb, a time word, a figure cue, punctuation, a figure or a
name. The word lists are data (data/facts/measure.json) on top of the Arabic stop
words of the stopwordsiso package; `Window` reads phrases forwards (the counted
noun after a figure) and backwards (the subject before a verb).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .. import lexicon as lx
from ..normalize import normalize_word
from .document import QUOTES, WORD_RE, Document, cues

OK_GAP = " \u00a0*" + QUOTES  # blanks, quotes and markdown emphasis
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
DEMONSTRATIVES = ("هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين", "هؤلاء")
DEFINITE = ("ال", "وال", "بال", "لل", "فال", "كال", "ولل")


def _stopwords() -> set[str]:
    """The Arabic stop words of the stopwordsiso package (a maintained list of particles and pronouns), normalized."""
    import stopwordsiso

    return {normalize_word(w) for w in stopwordsiso.stopwords("ar") if w.strip()}


def with_clitics(forms, prefixes=("و", "ف"), imperfect_l: bool = False) -> set[str]:
    """The forms with a clitic conjunction before them (and ل before an imperfect verb: ليصل)."""
    out = set()
    for f in forms:
        out |= {f} | {p + f for p in prefixes}
        if imperfect_l and f[:1] in "يت":
            out |= {"ل" + f, "ول" + f}
    return out


@lru_cache(maxsize=1)
def word_classes() -> dict:
    """The word classes the phrase reader uses, normalized, built once."""
    c = cues()
    ctx = lx.context()
    verbs = {cls: with_clitics(forms, imperfect_l=True) for cls, forms in c["verbs"].items()}
    months = {f.split()[0] for forms in ctx["months"].values() for f in forms}
    months |= {f.split()[0] for f in ctx["hijri_months"]}
    multi = {b for b in c["phrase_breaks"] if " " in b}
    multi |= {f"{a} {b}" for a, *rest in (w.split() for w in c["whole_after_share"]) for b in rest[:1]}
    heads = {}
    for h, cls in c["quantity_heads"].items():
        for p in ("", "و", "ب", "ل", "وب", "ول"):
            heads.setdefault(p + h, (cls, len(p)))
    nouns = set(c["change_nouns"])
    return {
        "breaks": (_stopwords() - set(c["stopword_content"])) | {b for b in c["phrase_breaks"] if " " not in b},
        "multi_breaks": multi,
        # the first words of the two-word breaks and the last words of the idioms: a word
        # outside them needs no look at its neighbour (words hold no blanks)
        "multi_break_firsts": {b.split(" ", 1)[0] for b in multi},
        "skip": set(c["phrase_skip"]),
        "preps": set(c["phrase_prepositions"]),
        "compound_preps": {tuple(p.split()) for p in c["compound_prepositions"]},
        "relative": set(c["relative_pronouns"]),
        "time": set(c["time_words"]) | months,
        "time_context": set(c["time_context_words"]),
        "time_qualifiers": set(c["time_qualifiers"]),
        "time_before": set(c["time_before"]),
        "verbs": verbs,
        "bare_verbs": set().union(*(set(v) for v in c["verbs"].values())),
        "all_verbs": set().union(*verbs.values()),
        # each verb form's class: the first class (in the cue file's order) holding it
        "verb_class": {w: cls for cls, forms in reversed(list(verbs.items())) for w in forms},
        "heads": heads,
        "not_heads": set(c["not_heads"]),
        "change_nouns": nouns,
        "change_forms": with_clitics(nouns, ("و", "ف", "ب", "وب")),
        "beneficiaries": set(c["beneficiary_words"]),
        "idioms": set(c["phrase_idioms"]),
        "idiom_lasts": {b.rsplit(" ", 1)[-1] for b in c["phrase_idioms"]},
        "vague": set(c["vague_quantifiers"]),
        "max_words": c["phrase"]["max_words"],
        "max_preps": c["phrase"]["max_prepositions"],
        "max_rel": c["phrase"]["max_relative_words"],
    }


class Words:
    """The words of a whole document, read once (normalized offsets, in text order)."""

    def __init__(self, doc: Document, known: set[int]):
        self.doc = doc
        self.W, self.S, self.E = doc.words, doc.word_starts, doc.word_ends
        self.known = known
        self.content: dict[int, bool] = {}  # Window.content of the words read so far, away from a window's edges
        # the first word of the name each word belongs to (words inside names only), read once by bisection
        self.in_name: dict[int, int] = {}
        for n in doc.names:
            i = bisect_left(self.S, n.start)
            first = i
            while i < len(self.S) and self.S[i] < n.end:
                if i > first:
                    self.in_name[i] = first
                i += 1


class Window:
    """The words of a bounded stretch of one sentence, with the word classes the measure pass reads.

    Word indexes are the document's (`Words`); the window only bounds them.
    """

    def __init__(self, words: Words, lo: int, hi: int):
        self.doc = words.doc
        self.t = words.doc.text
        self.hi = hi
        self.S, self.E, self.W = words.S, words.E, words.W
        self.first = bisect_left(self.S, lo)
        self.n = bisect_left(self.S, hi)
        self.names = words.doc.name_starts
        self.known = words.known
        self.in_name = words.in_name
        self._content = words.content
        self.R = word_classes()

    def index_at(self, pos: int) -> int:
        """Index of the first word starting at or after `pos` (the window's end when none)."""
        return min(bisect_left(self.S, pos, self.first, self.n), self.n)

    def index_of(self, pos: int) -> int:
        """Index of the word holding `pos`."""
        return max(self.first, bisect_right(self.S, pos, self.first, self.n) - 1)

    def gap_ok(self, a: int, b: int) -> bool:
        return not self.t[a:b].strip(OK_GAP)

    def joined(self, i: int) -> bool:
        """Whether word i follows word i-1 with only blanks or quotes between them."""
        return self.first < i < self.n and not self.t[self.E[i - 1]:self.S[i]].strip(OK_GAP)  # gap_ok, inlined

    def w(self, i: int) -> str:
        return self.W[i] if self.first <= i < self.n else ""

    def span(self, p: tuple[int, int]) -> tuple[int, int]:
        return self.S[p[0]], self.E[p[1]]

    # word classes
    def is_name(self, i: int, known_only: bool = False) -> bool:
        """A name starts at word i (a lexicon entity; with known_only=False also a body the lexicon does not know)."""
        s = self.S[i]
        starts = self.known if known_only else self.names
        return s in starts or (s + 1 in starts and self.W[i][0] in "وبل")

    def clitic_name(self, i: int) -> bool:
        """A name written with a clitic preposition: "لبرنامج …"، "بمنصة …" (a complement, not the agent)."""
        return self.S[i] + 1 in self.names and self.W[i][0] in "بل"

    def verb_class(self, i: int) -> str | None:
        return self.R["verb_class"].get(self.W[i] if self.first <= i < self.n else "")

    def is_verb(self, i: int) -> bool:
        return (self.W[i] if self.first <= i < self.n else "") in self.R["all_verbs"]

    def head(self, i: int) -> tuple[str, int] | None:
        """(class, clitic length) when word i is a quantity head (عدد، نسبة، قيمة …)."""
        R = self.R
        w = self.W[i] if self.first <= i < self.n else ""  # self.w(i), inlined: this runs for every word read
        h = R["heads"].get(w)
        if h is None or w in R["not_heads"] or (self.joined(i + 1) and f"{w} {self.w(i + 1)}" in R["not_heads"]):
            return None
        return h

    def is_change_noun(self, i: int) -> bool:
        return (self.W[i] if self.first <= i < self.n else "") in self.R["change_forms"]

    def is_time(self, i: int) -> bool:
        """A time word: a month, الشهر، الماضي …; العام/النصف only with a qualifier, a year or a preposition."""
        R = self.R
        w = self.W[i] if self.first <= i < self.n else ""
        bare = w[1:] if w[:1] in "وبل" and len(w) > 3 else w
        if w in R["time"] or bare in R["time"]:
            return True
        for cand in (w, bare, bare[1:] if bare.startswith("ل") else None):
            if cand in R["time_context"]:
                nxt = self.w(i + 1) if self.joined(i + 1) else ""
                prev = self.w(i - 1) if self.joined(i) else ""
                year_after = re.match(r"[ \u00a0]*\d", self.t[self.E[i]:self.E[i] + 3]) is not None
                return year_after or nxt in R["time_qualifiers"] or prev in R["time_before"] or cand != w
        return False

    def is_break(self, i: int) -> bool:
        """A word that cannot be inside a noun phrase: a particle, a verb, a figure cue, a hedge, an adjunct."""
        R = self.R
        w = self.W[i] if self.first <= i < self.n else ""
        if w in R["breaks"] or w in R["all_verbs"] or w == "ال":
            return True
        if w in R["multi_break_firsts"] and self.joined(i + 1) and f"{w} {self.w(i + 1)}" in R["multi_breaks"]:
            return True
        if w[:1] in "وف" and len(w) > 2 and (w[1:] in R["breaks"] or w[1:] in R["preps"] or w[1:] in R["relative"]):
            return True
        return w[:1] in "لب" and len(w) > 3 and w[1:] in R["breaks"]  # "لنحو"، "لأكثر"، "بما"

    def content(self, i: int) -> bool:
        """A word that can stand in a noun phrase (not a particle, verb, time word or preposition)."""
        if self.first < i < self.n - 1:
            # with its neighbours inside the window the answer does not depend on the window: read it once
            c = self._content.get(i)
            if c is None:
                c = self._content[i] = self._content_of(i)
            return c
        return self._content_of(i)

    def _content_of(self, i: int) -> bool:
        w = self.W[i] if self.first <= i < self.n else ""
        R = self.R
        if w in R["idiom_lasts"] and self.joined(i) and f"{self.w(i - 1)} {w}" in R["idioms"]:
            return True
        return len(w) > 1 and w not in R["preps"] and w not in R["relative"] and not self.is_break(i) and not self.is_time(i)

    def definite(self, i: int) -> bool:
        return self.w(i).startswith(DEFINITE)

    def pronoun_suffix(self, i: int) -> bool:
        """The word ends in a pronoun that refers back (ه، ها، هم، هما، هن) as written, not in a ta marbuta."""
        raw = self.doc.raw_slice(self.S[i], self.E[i]).rstrip(HARAKAT)
        if raw.endswith(("ها", "هم", "هما", "هن")):
            return len(self.W[i]) > 4
        return raw.endswith("ه") and len(self.W[i]) > 3

    # phrases
    def phrase(self, i: int, limit: int, names_end: bool = True) -> tuple[int, int] | None:
        """(first, last) word indexes of the noun phrase headed by word i, or None when word i cannot head one.

        With names_end, a lexicon name ends the phrase (it is the figure's subject, not
        what it counts), and so does any name after a preposition ("… عملية عبر منصة X").
        """
        R = self.R
        n = self.n
        while i < n and (self.w(i) in R["skip"] or self.w(i) in DEMONSTRATIVES) and self.joined(i + 1):
            i += 1
        if i >= n or self.E[i] > limit or not self.content(i) or (names_end and self.is_name(i, known_only=True)):
            return None
        first = last = i
        preps = 0
        j = i + 1
        while j < n and self.E[j] <= limit and last - first + 1 < R["max_words"] and self.joined(j):
            w = self.W[j]  # self.w(j): first <= i < j < n here
            if names_end and (self.is_name(j, known_only=True) or self.clitic_name(j)):
                break  # "… معاملة لمنصة X": the owner of the figure, not what it counts
            if w in R["skip"]:
                j += 1
                continue
            if w in R["relative"]:
                last = self._relative(j, limit, last)
                break
            if w in R["preps"] or w == "او":
                k = j + 1
                if (w, self.w(k)) in R["compound_preps"] and self.joined(k + 1):
                    k += 1  # "من خلال"، "عن طريق"
                if self.w(k) in DEMONSTRATIVES and self.joined(k + 1):
                    k += 1
                ok = (k < n and self.E[k] <= limit and self.joined(k) and self.content(k)
                      and (w == "او" or preps < R["max_preps"])
                      and f"{w} {self.w(k)}" not in R["multi_breaks"])
                if not ok:
                    break
                preps += w != "او"
                last = j = k
                j += 1
                continue
            if self.is_verb(j):
                if w in R["bare_verbs"] and not self.definite(last):
                    last = self._relative(j, limit, last)  # "منشأة أعلنت إفلاسها": a verb after an indefinite noun describes it
                break
            if w.startswith("ل") and (w[1:] in R["beneficiaries"] or "ال" + w.lstrip("ل") in R["beneficiaries"]):
                break  # "للمواطنين": the audience, not what is counted
            if w[:1] == "و" and len(w) > 3 and not self.is_break(j):
                bare = w[1:]
                if bare in R["change_nouns"] or bare in R["heads"] or bare in R["all_verbs"] or self.is_time(j):
                    break  # "وعدد …"، "وارتفاع …": the next item, not a coordinated noun
                last = j
                j += 1
                continue
            if not self.content(j):
                break
            last = j
            j += 1
        return first, last

    def _relative(self, j: int, limit: int, last: int) -> int:
        """Extend a phrase ending at word `last` over the relative clause that starts at word j (التي …, or a verb)."""
        R = self.R
        n = self.n
        end = j
        k = j + 1
        while k < n and k - j <= R["max_rel"] and self.joined(k) and self.E[k] <= limit:
            w = self.w(k)
            if self.is_time(k) or self.is_name(k) or w in R["relative"] or (w in R["breaks"] and w not in R["all_verbs"]):
                break
            if w in R["all_verbs"] and (k > j + 1 or self.w(j) not in R["relative"]):
                break  # "عدد المرتفقين الذين استعملوا البوابة بلغ …": the main verb after the clause's own
            if w in R["preps"] and not (self.joined(k + 1) and self.content(k + 1)):
                break
            end = k
            k += 1
        if end > j:
            return end
        return j if self.w(j) not in R["relative"] and self.pronoun_suffix(j) else last

    def back_phrase(self, j: int, lo: int, joined: bool = True, preps: bool = True) -> tuple[int, int] | None:
        """(first, last) of the noun phrase that ends right before word j, read backwards to a break (not before word lo).

        With joined=False the phrase may end at punctuation before word j ("… المشتركة (CGSI): بنسبة");
        with preps=False it does not reach back over a preposition ("عبر [الفروع] الثلاثة").
        """
        R = self.R
        last = j - 1
        lo = max(lo, self.first)
        if last < lo or (joined and not self.joined(j)):
            return None
        if j < len(self.S) and self.is_name(last) and self.joined(last) and self.t[self.E[last]:self.S[j]].strip() in QUOTES:
            last -= 1  # "… الحكومي «تحول» بلغ": a quoted name in apposition before the verb
        k = last
        while k >= lo and (self.content(k) or (preps and self.w(k) in R["preps"]) or self.w(k) in R["skip"]):
            if k < last and not self.joined(k + 1):
                break
            k0 = self.in_name.get(k, k)
            if self.is_name(k0) and not (self.clitic_name(k0) or (self.joined(k0) and self.w(k0 - 1) in R["preps"])):
                break  # a name on its own is the agent of what comes before it, not part of this phrase
            k = k0 - 1
        first = k + 1
        while first <= last and (self.w(first) in R["preps"] or self.w(first) in R["skip"]):
            first += 1
        if first > last:
            return None
        return max(first, last - R["max_words"] + 1), last

    def head_phrase(self, k: int, limit: int) -> tuple[int, int] | None:
        """(k, last) of a quantity head with its complement ("عدد المستخدمين"، "بنسبة رضا"), None for a bare head."""
        if self.head(k) is None or not self.joined(k + 1):
            return None
        p = self.phrase(k + 1, limit, names_end=False)
        return (k, p[1]) if p is not None and p[0] == k + 1 else None

    def strip_heads(self, p: tuple[int, int]) -> tuple[int, int] | None:
        """The phrase without its leading quantity heads and change words ("معدل نمو X" -> "X")."""
        a, b = p
        while a < b and (self.head(a) or self.is_change_noun(a) or self.is_verb(a) or self.w(a) in ("في", "فى")):
            a += 1
        return (a, b) if a <= b and not (self.head(a) or self.is_change_noun(a)) else None
