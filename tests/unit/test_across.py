"""The claims across articles: the indexed pairing finds exactly the pairs the rule defines, in the same order."""

import random
from types import SimpleNamespace

import pytest

from arqam.audit import default_settings
from arqam.claims.across import _ancestors, read_across
from arqam.claims.view import Fig

SUBJECTS = ["sau.moi", "sau.moi.absher", "sau.moi.absher.individuals", "sau.moi.jawazat", "jor.gov.eservices", "jor", None]
MEASURES = ["users", "digital_ids", "beneficiaries", "transactions", "operations", "services"]


def fig(doc, i, measure, subject, country, parent=None, role="level", kind="number", value=100.0):
    return Fig(id=f"{doc}:{i}", doc=doc, i=i, s=i * 10, e=i * 10 + 3, rs=i * 10, re=i * 10 + 3, value=value, low=value, high=value,
               qualifier="exact", kind=kind, unit=None, measure=measure, measure_ar=None, subject_id=subject, subject_ar=None, role=role,
               parent=parent, largest=False, period_iso=None, period_start=None, period_end=None, period_rel=None, country=country,
               rule="", quote="")


def brute_force(views, settings):
    """Every pair of eligible figures tested against the rule, in (family, document, offset) order."""
    related = {m: frozenset(fam) for fam in settings["related_measures"] for m in fam}
    up = _ancestors()
    family = {}
    for v in views:
        for f in v.figs:
            if f.role in settings["cross_document_roles"] and f.kind == "number" and f.subject_id and f.measure:
                family.setdefault(min(related.get(f.measure, frozenset([f.measure]))), []).append(f)
    out = []
    for figs in family.values():
        figs.sort(key=lambda f: (f.doc, f.s))
        for i, a in enumerate(figs):
            for b in figs[i + 1:]:
                if a.doc == b.doc or (a.country and b.country and a.country != b.country) or (a.parent and b.parent):
                    continue
                same = a.measure == b.measure
                kin = a.subject_id == b.subject_id or a.subject_id in up(b.subject_id) or b.subject_id in up(a.subject_id)
                if (same and a.subject_id == b.subject_id) or (not same and kin):
                    out.append((tuple(sorted([a.id, b.id])), not same))
    return out


def pairs(claims):
    return [(tuple(sorted(f.id for _, f in c.ops)), c.extra["related"]) for c in claims]


@pytest.mark.parametrize("seed", range(6))
def test_indexed_pairs_are_the_rules_pairs(seed):
    rnd = random.Random(seed)
    views = []
    for d in range(25):
        country = rnd.choice(["SAU", "JOR", None])
        figs = [fig(f"d{d:02d}", i, rnd.choice(MEASURES), rnd.choice(SUBJECTS), country,
                    parent=f"d{d:02d}:0" if i and rnd.random() < 0.3 else None, role=rnd.choice(["level", "level", "change"]))
                for i in range(rnd.randint(1, 8))]
        views.append(SimpleNamespace(doc_id=f"d{d:02d}", figs=figs))
    s = default_settings()
    got, want = pairs(read_across(views, s)), brute_force(views, s)
    assert got == want and len(want) > 10


def test_a_platform_and_its_ministry_relate_only_across_measures():
    s = default_settings()
    a = SimpleNamespace(figs=[fig("a", 0, "users", "sau.moi.absher", "SAU"), fig("a", 1, "users", "sau.moi", "SAU", value=5.0)])
    b = SimpleNamespace(figs=[fig("b", 0, "digital_ids", "sau.moi", "SAU"), fig("b", 1, "users", "sau.moi.absher", "SAU", value=90.0),
                              fig("b", 2, "users", "sau.moi.absher", "JOR")])
    got = pairs(read_across([a, b], s))
    # users of the platform twice (same measure and subject); users of the platform and ids of its ministry (related);
    # users of the ministry and its ids (related); never users of the platform against users of the ministry, nor another country
    assert got == [(("a:0", "b:0"), True), (("a:0", "b:1"), False), (("a:1", "b:0"), True)]
