"""Claims that span articles (the same figure told twice) or the world (a figure against the country's population)."""

from __future__ import annotations

from functools import lru_cache

from .model import INFERRED, STATED, Claim
from .view import Fig, View


@lru_cache(maxsize=1)
def _ancestors():
    from .. import lexicon as lx

    rows = lx.entity_rows()
    by_iso: dict[str, dict] = {}

    @lru_cache(maxsize=None)
    def up(entity_id: str | None) -> frozenset[str]:
        out: set[str] = set()
        if not entity_id:
            return frozenset()
        iso = entity_id.split(".", 1)[0]
        by_id = by_iso.get(iso)
        if by_id is None:
            by_id = by_iso[iso] = {k.replace("{iso3}", iso): v for k, v in rows.items()}
        cur = entity_id
        while cur in by_id and by_id[cur].parent_id:
            cur = by_id[cur].parent_id.replace("{iso3}", iso)
            if cur in out:
                break  # a loop in the lexicon's parent links
            out.add(cur)
        return frozenset(out)

    return up


def _pairs_in(figs: list[Fig], ancestors) -> list[tuple[int, int]]:
    """The pairs (i < j) of one measure family's figures (sorted) that tell the same measure of the same subject, or
    related measures of one subject or of a body and one of its parents; from two articles of one country (or of an
    unknown one), not both parts of totals.

    Figures are indexed by (measure, subject, country, is a part), so only pairs that can match are looked at: the
    cost is the number of pairs found, plus the pairs of one article that share a key (bounded by the article).
    """
    index: dict[tuple, list[int]] = {}
    countries: dict[tuple, set] = {}
    measures: dict[str, set] = {}
    for i, f in enumerate(figs):
        index.setdefault((f.measure, f.subject_id, f.country or None, bool(f.parent)), []).append(i)
        countries.setdefault((f.measure, f.subject_id), set()).add(f.country or None)
        measures.setdefault(f.subject_id, set()).add(f.measure)
    found: set[tuple[int, int]] = set()
    for j, b in enumerate(figs):
        subjects = [b.subject_id, *ancestors(b.subject_id)]
        for s in subjects:
            for m in measures.get(s, ()):
                same_measure = m == b.measure
                if same_measure and s != b.subject_id:
                    continue  # the same measure is compared only for the same subject
                cs = countries[(m, s)] if not b.country else (b.country, None)
                for c in cs:
                    for parented in ((False,) if b.parent else (False, True)):
                        for i in index.get((m, s, c, parented), ()):
                            if i == j or (s == b.subject_id and i > j):
                                continue  # a pair of one subject is taken once, from its later figure
                            if figs[i].doc != b.doc:
                                found.add((min(i, j), max(i, j)))
    return sorted(found)


def families(views, settings: dict) -> dict[str, list[Fig]]:
    """The figures a claim across articles can use (counts of a subject and a measure, in the roles
    settings["cross_document_roles"]), grouped by measure family (settings["related_measures"]), each
    family sorted by article and position."""
    related = {m: frozenset(fam) for fam in settings["related_measures"] for m in fam}
    family: dict[str, list[Fig]] = {}
    for v in views:
        for f in v.figs:
            if f.role in settings["cross_document_roles"] and f.kind == "number" and f.subject_id and f.measure:
                key = min(related.get(f.measure, frozenset([f.measure])))
                family.setdefault(key, []).append(f)
    for figs in family.values():
        figs.sort(key=lambda f: (f.doc, f.s))
    return family


def read_across(views: list[View], settings: dict) -> list[Claim]:
    """Pairs of figures from two articles that tell the same (or a related) measure of the same subject.

    Figures are grouped by measure family, and within a family indexed by measure, subject, country and
    whether they are parts, so the pairs looked at are only those that could match (near-linear in the
    figures, plus the pairs found).
    """
    ancestors = _ancestors()
    out = []
    for figs in families(views, settings).values():
        for i, j in _pairs_in(figs, ancestors):
            a, b = figs[i], figs[j]
            x, y = sorted([a, b], key=lambda f: f.doc)
            out.append(Claim(f"{x.doc};{y.doc}", "cross_document", INFERRED, [("first", x), ("second", y)], "same_figure_twice",
                             extra={"related": a.measure != b.measure}))
    return out


def read_world(views: list[View], settings: dict) -> list[Claim]:
    """Counts of people or of operations in one country, to be held against its population."""
    out = []
    for v in views:
        for f in v.figs:
            if f.kind != "number" or f.role != "level" or not f.country:
                continue
            people = f.measure in settings["people_measures"]
            flow = f.measure in settings["flow_measures"] and f.parent is None
            if people or flow:
                out.append(Claim(v.doc_id, "plausibility", STATED, [("figure", f)], "population", extra={"people": people}))
    return out
