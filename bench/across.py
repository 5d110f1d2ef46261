"""Benchmark arqam.claims.across.read_across (the same figure told by two articles) by corpus size.

What it measures (it prints figures; nothing here asserts a timing):
1. Corpora: deterministic (fixed seed) synthetic facts, N = 1k, 10k and 50k figures by default,
   about 12 per article, in articles of the 16 countries of the devset (a few with no country).
   Each figure has a measure drawn with the devset's skew (services, transactions, cards, users,
   operations, beneficiaries … and related measures such as digital_ids), a subject drawn from the
   lexicon's bodies of its country (a ministry, its agencies, their platforms: the parent links are
   exercised) or the country itself, a period, and one in five is a part of a total. No text: the
   claims across articles read only the facts.
2. For each size: read_across as it is now (figures indexed by measure, subject, country and
   whether they are parts, inside each measure family) against the reference it replaced (every
   pair of one measure family looked at), in CPU seconds of this process, with the number of
   figures, of pairs a family holds, and of claims found; whether both give the same claims in the
   same order (the claims table and so the audit's verdicts are the same), and the time per figure
   and claim found: the indexed reading costs the figures plus the pairs it finds (a pair across
   periods is still a claim: "a series, not a conflict"), so that figure should stay about flat.
   The reference is quadratic: it is skipped above --before-max figures (default 50k) and its time
   is then extrapolated from the largest size it ran on (marked "~").

Run it with `make bench`, or `.venv/bin/python -P bench/across.py [--sizes 1000,10000,50000]
[--before-max 10000]`. Timings are CPU seconds (time.process_time) and depend on the machine:
read them as ratios within one run.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from arqam import lexicon as lx  # noqa: E402
from arqam.audit import default_settings  # noqa: E402
from arqam.claims.across import _ancestors, families, read_across  # noqa: E402
from arqam.claims.model import INFERRED, Claim  # noqa: E402
from arqam.claims.view import Fig  # noqa: E402

SEED = 20261130
COUNTRIES = ["SAU", "ARE", "QAT", "KWT", "BHR", "OMN", "IRQ", "EGY", "JOR", "SYR", "LBN", "MAR", "DZA", "TUN", "LBY", "SDN"]
MEASURES = {  # measure: weight (the devset's skew, with the related people and activity measures present)
    "services": 36, "transactions": 24, "cards": 22, "users": 18, "operations": 17, "institutions": 17, "beneficiaries": 14,
    "records": 12, "collections": 10, "complaints": 10, "offices": 9, "requests": 7, "digital_ids": 6, "downloads": 6,
    "donations": 5, "payments": 4, "accounts": 4, "licenses": 3, "visits": 3,
}
PER_DOC = 12


def _subjects() -> dict[str, list[str]]:
    """The lexicon's bodies of each country (generic ones instantiated for it), with the country itself."""
    rows = lx.entity_rows()
    out = {}
    for iso in COUNTRIES:
        low = iso.lower()
        ids = [k.replace("{iso3}", low) for k in rows if k.startswith("{iso3}.") or k.startswith(low + ".")]
        out[iso] = sorted(set(ids)) + [low]
    return out


def corpus(n: int, seed: int = SEED) -> list[SimpleNamespace]:
    """n synthetic level figures in articles of about PER_DOC figures; views with .figs, as read_across wants."""
    rnd = random.Random(seed)
    subjects = _subjects()
    measures, weights = list(MEASURES), list(MEASURES.values())
    views, k = [], 0
    while k < n:
        doc = f"d{len(views):06d}"
        country = rnd.choice(COUNTRIES) if rnd.random() > 0.03 else None
        subs = subjects[country or rnd.choice(COUNTRIES)]
        topic = rnd.sample(subs, min(3, len(subs)))  # an article is about a few bodies
        year = rnd.choice(range(2019, 2026))
        figs = []
        for i in range(min(PER_DOC, n - k)):
            value = float(rnd.choice([1, 2, 5, 12, 30, 75, 150, 400]) * 10 ** rnd.randint(2, 6))
            figs.append(Fig(
                id=f"{doc}:{i * 40}", doc=doc, i=i, s=i * 40, e=i * 40 + 6, rs=i * 40, re=i * 40 + 6, value=value, low=value, high=value,
                qualifier="exact", kind="number", unit=None, measure=rnd.choices(measures, weights)[0], measure_ar=None,
                subject_id=rnd.choice(topic), subject_ar=None, role="level" if rnd.random() > 0.1 else "change",
                parent=f"{doc}:0" if i and rnd.random() < 0.2 else None, largest=False,
                period_iso=str(year - rnd.randint(0, 1)) if rnd.random() > 0.3 else None, period_start=None, period_end=None,
                period_rel=None, country=country, rule="", quote="",
            ))
        k += len(figs)
        views.append(SimpleNamespace(doc_id=doc, figs=figs))
    return views


def reference(views, settings: dict) -> list[Claim]:
    """read_across before it was indexed: every pair of one measure family looked at (quadratic in the family's size)."""
    ancestors = _ancestors()
    out = []
    for figs in families(views, settings).values():
        for i, a in enumerate(figs):
            for b in figs[i + 1:]:
                if a.doc == b.doc or (a.country and b.country and a.country != b.country):
                    continue
                if a.parent and b.parent:
                    continue
                same_measure = a.measure == b.measure
                same_subject = a.subject_id == b.subject_id
                related_pair = not same_measure and (same_subject or a.subject_id in ancestors(b.subject_id) or b.subject_id in ancestors(a.subject_id))
                if not ((same_measure and same_subject) or related_pair):
                    continue
                x, y = sorted([a, b], key=lambda f: f.doc)
                out.append(Claim(f"{x.doc};{y.doc}", "cross_document", INFERRED, [("first", x), ("second", y)], "same_figure_twice",
                                 extra={"related": related_pair}))
    return out


def _key(claims: list[Claim]) -> list[tuple]:
    return [(c.doc, tuple(f.id for _, f in c.ops), c.extra.get("related")) for c in claims]


def _family_pairs(views, settings: dict) -> int:
    return sum(len(figs) * (len(figs) - 1) // 2 for figs in families(views, settings).values())


def _timed(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,50000", help="comma-separated numbers of figures")
    ap.add_argument("--before-max", type=int, default=50000, help="largest size the quadratic reference runs on")
    a = ap.parse_args(argv)
    settings = default_settings()
    _ancestors()("sau.moi.absher")  # the lexicon, loaded once before any timing
    print(f"read_across, synthetic facts (seed {SEED}); python {platform.python_version()} on {platform.machine()}")
    print(f"{'figures':>8} {'articles':>8} {'family pairs':>13} {'claims':>8} {'before s':>10} {'after s':>9} {'speed-up':>9}"
          f" {'after µs/(figure+claim)':>24}  same claims")
    last = None  # (figures, family pairs, seconds) of the largest reference run, to extrapolate from
    for n in (int(x) for x in a.sizes.split(",")):
        views = corpus(n)
        pairs = _family_pairs(views, settings)
        after, t_after = _timed(read_across, views, settings)
        if n <= a.before_max:
            before, t_before = _timed(reference, views, settings)
            same = "yes" if _key(before) == _key(after) else "NO"
            last = (pairs, t_before)
            before_txt = f"{t_before:10.2f}"
        else:
            same = "not run"
            t_before = last[1] * pairs / last[0] if last and last[0] else float("nan")
            before_txt = f"{'~' + format(t_before, '.1f'):>10}"
        ratio = t_before / t_after if t_after else float("nan")
        per = t_after * 1e6 / (n + len(after))
        print(f"{n:>8} {len(views):>8} {pairs:>13} {len(after):>8} {before_txt} {t_after:9.3f} {ratio:8.0f}x {per:24.1f}  {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
