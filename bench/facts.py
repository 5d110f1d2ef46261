"""Benchmark the full facts extraction (find_numbers + extract_facts) on one core.

What it measures (it prints figures; nothing here asserts a timing):
1. Corpus: a deterministic corpus of at least 5 MiB of characters, as separate
   documents: copies of the five seed articles (each copy its own doc_id, with its
   catalog row's country_iso3, published and period_covered) for half of it, and
   for the other half the generated news documents of bench/numbers.py (fixed seed;
   sentences with figures in every written form, no catalog metadata). If
   bench/numbers.py cannot be imported, seed copies fill the whole corpus and a line
   says why. It prints the size in characters and UTF-8 bytes and a digest.
2. Full extraction the way the pipeline does it (arqam.facts.facts_frame and
   arqam.corpus.extract_corpus): per document, find_numbers then fact_rows with those
   mentions; then one frame and one pandera validation for the whole corpus. Best of
   3 passes: seconds, chars/s, facts/s, facts found; the split between find_numbers,
   fact_rows and the validation. For contrast, the single-document API
   extract_facts (which builds and validates a frame per call) is timed on a sample
   of 100 documents and labelled as such.
3. The same split per part of the corpus (seed copies vs generated documents).
4. Peak memory of one full pass keeping every document's facts (tracemalloc), and
   the process's maximum RSS.
5. Whether the full extraction meets the 880,000 chars/s target (a printed line).
6. One long document (the seed articles joined, as written and with its sentence
   punctuation removed, and a document dense with spelled-out figures and no
   punctuation, and a soup of number words with no punctuation at all) at 100 KB to 5 MB:
   seconds and microseconds per character for
   find_numbers and fact_rows, which must stay flat as the document grows (the
   facts stage looks up names, periods and totals by bisection within bounded
   windows); the 5 MB article's time and tracemalloc peak.

Run it with `make bench`, or `.venv/bin/python -P bench/facts.py` from anywhere. It
takes several minutes: three plain passes, then a traced pass about four times slower.
Timings are CPU seconds of this process (time.process_time): the benchmark runs on one
core, and on a shared machine wall time would count the other processes' load as
ours. They still depend on the machine: read them as ratios within one run.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import os
import platform
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

try:
    import arqam
except ImportError:  # not installed: fall back on the source tree
    sys.path.insert(0, str(ROOT / "lib"))
    import arqam
from arqam import find_numbers, load_corpus
from arqam.normalize import normalize
import pandas as pd

from arqam.facts import FACT_COLUMNS, extract_facts, fact_rows
from arqam.schemas import validate_facts

CORPUS_MIN_CHARS = 5 * 1024 * 1024  # at least 5 MiB of characters
SEED_SHARE = 0.5  # share of the corpus made of seed copies; the rest is generated
GENERATOR_SEED = 20240601  # seed of bench/numbers.py's generator: the same corpus every run
REPEATS = 3  # best of
TARGET_CHARS_PER_S = 880_000
CLOCK = time.process_time  # CPU time of this process: chars/s per core, whatever else the machine runs
META_COLUMNS = ("country_iso3", "published", "period_covered")

SEEDS_DIR = ROOT / "seeds"
NUMBERS_BENCH = ROOT / "bench" / "numbers.py"


def _meta(row) -> dict:
    """Catalog fields of a load_corpus row, nulls as None (as facts_frame passes them)."""
    out = {}
    for c in META_COLUMNS:
        v = getattr(row, c, None)
        out[c] = None if v is None or (isinstance(v, float) and v != v) else v
    return out


def seed_copies(min_chars: int) -> list[tuple[str, str, dict, str]]:
    """Copies of the seed articles, in turn, until they reach min_chars.

    Returns:
        (doc_id, text, meta, part) tuples; doc_id is "<seed doc_id>~<copy number>".
    """
    docs = load_corpus(SEEDS_DIR)
    seeds = [(row.doc_id, row.text, _meta(row)) for row in docs.itertuples(index=False)]
    out, total, copy = [], 0, 0
    while total < min_chars:
        for doc_id, text, meta in seeds:
            out.append((f"{doc_id}~{copy:04d}", text, meta, "seed copies"))
            total += len(text)
        copy += 1
    return out


def generated(min_chars: int) -> tuple[list[tuple[str, str, dict, str]], str | None]:
    """bench/numbers.py's generated documents (no metadata), or ([], why) when it cannot load."""
    try:
        # Loaded from its path under another name: the file shares its name with the
        # standard library's `numbers`, so it must never be imported as `numbers`.
        spec = importlib.util.spec_from_file_location("arqam_bench_numbers", NUMBERS_BENCH)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
        corpus = module.build_corpus(min_chars=min_chars, seed=GENERATOR_SEED)
    except Exception as exc:  # a benchmark reports a missing peer, it does not stop
        return [], f"{type(exc).__name__}: {exc}"
    docs = [(f"gen_{i:05d}", text, {}, "generated") for i, text in enumerate(corpus.docs)]
    return docs, None


def extract_all(corpus):
    """One full pass the way facts_frame does it: rows per document, one validated frame.

    Returns:
        ({part: [seconds in find_numbers, seconds in fact_rows, facts, chars]}, frame, seconds validating).
    """
    clock = CLOCK
    times: dict[str, list] = {}
    rows = []
    for doc_id, text, meta, part in corpus:
        t0 = clock()
        nt = normalize(text)  # once, as arqam extract does: the reader and the facts stage share it
        mentions = find_numbers(text, normalized=nt)
        t1 = clock()
        facts = fact_rows(text, doc_id, meta, mentions=mentions, normalized=nt)
        t2 = clock()
        rows.extend(facts)
        acc = times.setdefault(part, [0.0, 0.0, 0, 0])
        acc[0] += t1 - t0
        acc[1] += t2 - t1
        acc[2] += len(facts)
        acc[3] += len(text)
    t0 = clock()
    frame = validate_facts(pd.DataFrame(rows, columns=FACT_COLUMNS))
    return times, frame, clock() - t0


def best_pass(corpus, repeats: int = REPEATS):
    """Run extract_all `repeats` times; return the fastest pass's (times, frame, validation seconds)."""
    best, best_s = None, float("inf")
    for _ in range(repeats):
        gc.collect()
        result = extract_all(corpus)
        total = sum(t[0] + t[1] for t in result[0].values()) + result[2]
        if total < best_s:
            best, best_s = result, total
        del result
    return best


def main() -> None:
    """Build the corpus, time the extraction, print every figure."""
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus,"
          f" load average {os.getloadavg()[0]:.2f}; arqam {arqam.__version__} from {Path(arqam.__file__).parent}")
    print("timings in CPU seconds of this process (time.process_time), so chars/s is per core")

    # 1. corpus
    t0 = time.perf_counter()
    gen, why = generated(int(CORPUS_MIN_CHARS * (1 - SEED_SHARE)))
    gen_chars = sum(len(d[1]) for d in gen)
    corpus = seed_copies(CORPUS_MIN_CHARS - gen_chars) + gen
    build_s = time.perf_counter() - t0
    n_chars = sum(len(d[1]) for d in corpus)
    n_bytes = sum(len(d[1].encode("utf-8")) for d in corpus)
    digest = hashlib.sha256("\n\n".join(d[1] for d in corpus).encode("utf-8")).hexdigest()[:16]
    parts = {}
    for _, text, _, part in corpus:
        docs, chars = parts.get(part, (0, 0))
        parts[part] = (docs + 1, chars + len(text))
    print(f"\n[1] corpus (sha256 {digest}..., built in {build_s:.1f} s)")
    print(f"    {n_chars:,} chars, {n_bytes:,} UTF-8 bytes ({n_bytes / 2**20:.1f} MiB), {len(corpus):,} documents")
    for part, (docs, chars) in parts.items():
        print(f"    {part:<12}: {docs:6,} documents, {chars:10,} chars (~{chars // docs:,} chars each)")
    if why is not None:
        print(f"    generated documents SKIPPED: {NUMBERS_BENCH.relative_to(ROOT)} did not load ({why});"
              " seed copies fill the corpus")

    # 2. full extraction
    t0 = CLOCK()
    extract_facts("سجلت منصة أبشر 12 عملية", "warm-up")  # compiles the cue regexes and reads the lexicons once
    cold_s = CLOCK() - t0
    times, frame, valid_s = best_pass(corpus)
    t_numbers = sum(t[0] for t in times.values())
    t_facts = sum(t[1] for t in times.values())
    total_s = t_numbers + t_facts + valid_s
    n_facts = len(frame)
    rate = n_chars / total_s
    print(f"\n[2] find_numbers + fact_rows per document, one validated frame per corpus (as facts_frame and"
          f" extract_corpus do), one core, best of {REPEATS} (first call builds the matchers and lexicons: {cold_s * 1000:.0f} ms)")
    print(f"    full extraction: {total_s:7.2f} s  {rate:11,.0f} chars/s  {n_facts / total_s:9,.0f} facts/s"
          f"  {n_facts:,} facts ({len(corpus) / total_s:,.0f} documents/s, {total_s / len(corpus) * 1000:.2f} ms each)")
    print(f"    find_numbers   : {t_numbers:7.2f} s  {n_chars / t_numbers:11,.0f} chars/s  ({t_numbers / total_s:5.1%} of the time)")
    print(f"    fact_rows      : {t_facts:7.2f} s  {n_chars / t_facts:11,.0f} chars/s  ({t_facts / total_s:5.1%} of the time)")
    print(f"    validate_facts : {valid_s:7.2f} s  once, {n_facts:,} rows ({valid_s / total_s:5.1%} of the time)")
    sample = corpus[:: max(1, len(corpus) // 100)][:100]
    s_chars = sum(len(d[1]) for d in sample)
    t0 = CLOCK()
    for doc_id, text, meta, _ in sample:
        extract_facts(text, doc_id, meta)
    api_s = CLOCK() - t0
    print(f"    for contrast, the single-document API extract_facts (a validated frame per call) on {len(sample)} documents:"
          f" {s_chars / api_s:,.0f} chars/s, {api_s / len(sample) * 1000:.1f} ms per document")

    # 3. per part, from the same best pass
    print("\n[3] per part of the corpus (the same best pass)")
    for part, (p_numbers, p_facts, facts, chars) in times.items():  # validation is per corpus, not per part
        p_total = p_numbers + p_facts
        print(f"    {part:<12}: {chars / p_total:11,.0f} chars/s  {facts / p_total:9,.0f} facts/s"
              f"  {facts:,} facts, {facts / chars * 1000:.2f} per 1,000 chars; find_numbers {p_numbers / p_total:5.1%} of its time")

    # 4. memory
    del frame
    gc.collect()
    tracemalloc.start()
    t0 = CLOCK()
    _, frame, _ = extract_all(corpus)
    traced_s = CLOCK() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del frame
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print("\n[4] memory")
    print(f"    one full pass keeping every fact, tracemalloc peak: {peak / 2**20:,.1f} MiB"
          f" ({peak / n_chars:.1f} bytes per corpus char; the pass took {traced_s:.1f} s under tracing)")
    print(f"    process max RSS so far (interpreter, corpus, every pass above): {maxrss_kib / 1024:,.0f} MiB")

    # 5. target
    verdict = "meets" if rate >= TARGET_CHARS_PER_S else "does NOT meet"
    print(f"\n[5] full extraction: {rate:,.0f} chars/s {verdict} the target of {TARGET_CHARS_PER_S:,} chars/s"
          f" ({rate / TARGET_CHARS_PER_S:.2f}x)")

    long_documents()


LONG_SIZES = (100_000, 500_000, 1_000_000, 2_000_000, 5_000_000)


def long_texts() -> dict[str, str]:
    """Three kinds of one long article: seeds as written, seeds with no sentence punctuation, dense spelled figures."""
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt")))
    flat = seeds.translate({ord(c): " " for c in ".\n،؟!؛:"})
    dense = " ".join(
        f"سجلت المنصة {w} ألف عملية و{u} مليون معاملة بنسبة {p} بالمائة"
        for w, u, p in zip(["ثلاثة", "سبعة", "عشرين", "مئتي"] * 40, ["خمسة", "ستة", "تسعة", "اثني عشر"] * 40, ["عشرة", "خمسة عشر"] * 80)
    )
    import random

    rng = random.Random(20240601)
    vocab = ("واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشرون ثلاثون مئة مئتان ألف آلاف"
             " مليون ملايين مليار عملية خدمة مستخدم بالمئة").split()
    soup = " ".join(rng.choice(vocab) for _ in range(60_000))  # number words and nouns, no punctuation at all
    return {"seeds as written": seeds, "no sentence punctuation": flat, "dense spelled figures": dense, "number-word soup": soup}


def long_documents() -> None:
    """Time find_numbers and fact_rows on one document of growing size: time per character should stay flat."""
    print("\n[6] one long document: time per character as it grows (flat = linear)")
    for label, base in long_texts().items():
        print(f"    {label}:")
        for size in LONG_SIZES:
            text = (base * (size // len(base) + 1))[:size]
            t0 = CLOCK()
            mentions = find_numbers(text)
            t1 = CLOCK()
            rows = fact_rows(text, "long", {}, mentions)
            t2 = CLOCK()
            print(f"      {size:>9,} chars: find_numbers {t1 - t0:6.2f} s ({(t1 - t0) / size * 1e6:5.2f} us/char)"
                  f"  fact_rows {t2 - t1:6.2f} s ({(t2 - t1) / size * 1e6:5.2f} us/char)  {len(rows):,} facts")
    base = long_texts()["seeds as written"]
    text = (base * (LONG_SIZES[-1] // len(base) + 1))[:LONG_SIZES[-1]]
    tracemalloc.start()
    t0 = CLOCK()
    rows = fact_rows(text, "long", {})
    took = CLOCK() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"    one {len(text) / 1e6:.0f} MB article, find_numbers + fact_rows under tracing: {took:.1f} s,"
          f" {len(rows):,} facts, tracemalloc peak {peak / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
