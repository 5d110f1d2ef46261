"""Claims that span articles (the same figure told twice) or the world (a figure against the country's population)."""

from __future__ import annotations

from functools import lru_cache

from .model import INFERRED, STATED, Claim
from .view import Fig, View


@lru_cache(maxsize=1)
def _ancestors():
    from .. import lexicon as lx

    rows = lx.entity_rows()

    def up(entity_id: str | None) -> frozenset[str]:
        out: set[str] = set()
        if not entity_id:
            return frozenset()
        iso = entity_id.split(".", 1)[0]
        by_id = {k.replace("{iso3}", iso): v for k, v in rows.items()}
        cur = entity_id
        while cur in by_id and by_id[cur].parent_id:
            cur = by_id[cur].parent_id.replace("{iso3}", iso)
            out.add(cur)
        return frozenset(out)

    return up


def read_across(views: list[View], settings: dict) -> list[Claim]:
    """Pairs of figures from two articles that tell the same (or a related) measure of the same subject.

    Figures are grouped by measure family, so the pairs looked at are only those that could match.
    """
    related = {m: frozenset(fam) for fam in settings["related_measures"] for m in fam}
    ancestors = _ancestors()
    family: dict[str, list[Fig]] = {}
    for v in views:
        for f in v.figs:
            if f.role in settings["cross_document_roles"] and f.kind == "number" and f.subject_id and f.measure:
                key = min(related.get(f.measure, frozenset([f.measure])))
                family.setdefault(key, []).append(f)
    out = []
    for figs in family.values():
        figs.sort(key=lambda f: (f.doc, f.s))
        for i, a in enumerate(figs):
            for b in figs[i + 1:]:
                if a.doc == b.doc or (a.country and b.country and a.country != b.country):
                    continue
                if a.parent and b.parent:
                    continue  # parts of two different totals (a service's count vs a platform's) are not comparable
                same_measure = a.measure == b.measure
                same_subject = a.subject_id == b.subject_id
                related_pair = not same_measure and (same_subject or a.subject_id in ancestors(b.subject_id) or b.subject_id in ancestors(a.subject_id))
                if not ((same_measure and same_subject) or related_pair):
                    continue
                x, y = sorted([a, b], key=lambda f: f.doc)
                out.append(Claim(f"{x.doc};{y.doc}", "cross_document", INFERRED, [("first", x), ("second", y)], "same_figure_twice",
                                 extra={"related": related_pair}))
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
