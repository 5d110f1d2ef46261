"""Benchmark arqam.extract.extract_corpus at scale: time, throughput and memory by corpus size.

What it measures (it prints figures; nothing here asserts a timing):
1. Corpora: deterministic (fixed seed) JSON Lines corpora of about 10 MB, 100 MB and
   1 GB of UTF-8 bytes, one article per line ({"doc_id", "country_iso3", "published",
   "text"}, 3-6 KB of text each). Articles mix prose sentences of seeds/*.txt with
   generated sentences carrying planted figures: spelled out (arqam.spell.to_words, in
   both cases, مئة/مائة, with and without hamza), Western and Arabic-Indic digits with
   separators, decimals with a scale word, percents (%, U+066A, بالمئة, في المائة),
   hedges (أكثر من، قرابة، نحو …), periods (خلال شهر أغسطس، في الربع الأول من عام 2024)
   and agency names (منصة أبشر، وزارة الداخلية، المديرية العامة للجوازات …). Every size
   is a prefix of the same article stream, so sizes differ in length only. Corpora are
   streamed to disk (memory stays flat) and reused on later runs when their size and
   seed/version marker match.
2. For each size: extract_corpus with scheduler "processes" and 1 then 2 workers (and
   "threads" with 1 and 2 workers on the 10 MB size, to show the GIL), partition_size
   200, each run in a fresh child process so its memory figures are its own. Before each
   run it waits (up to 2 minutes) for other processes to leave the CPUs mostly idle, and
   it prints how much CPU they used during the run. Per run: wall
   seconds split into the dask.bag extraction and the DuckDB load (timed per statement
   by wrapping duckdb.connect in the child), chars/s, MB/s, documents, facts, peak RSS of
   the driver (RUSAGE_SELF), of the largest worker (RUSAGE_CHILDREN) and of the whole
   process tree (sum over the tree, sampled every 0.1 s with psutil when installed),
   CPU seconds of the tree, and the size of what was written (parts/<table>/, arqam.duckdb).
3. Where the time goes: a worker's stages on one core, in-process (JSON parse, find_numbers,
   fact_rows, Parquet writes); the driver's JSONL partition listing (and, when the library
   still has it, _line_of's re-read of the file up to each partition); what the documents
   table's text column costs in DuckDB.
4. A final table with the speed-up from 1 to 2 workers, whether cost looks linear in
   size (chars/s roughly constant; fixed overhead and marginal rate from a straight-line
   fit) and memory flat (peak RSS roughly constant across sizes: whole tree, dask.bag phase,
   DuckDB load), against the targets:
   linear cost, flat memory, 1 GB in at most 10 minutes on 2 cores. Rows from earlier
   runs in the same work folder (e.g. `--sizes 1GB` run on its own) are shown, marked.

Run it with `make bench` (10 MB and 100 MB; a few minutes), or
`.venv/bin/python -P bench/scale.py --sizes 1GB` for the 1 GB size (tens of minutes,
a few GB of disk). Flags: --sizes, --workdir (default: <tmp>/arqam-scale-bench),
--keep (keep extraction outputs; they are as large as the corpus). Timings depend on
the machine and its load: read them as ratios within one run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "seeds"

SEED = 20250611  # corpus seed: the same articles on every run, every size a prefix of the next
GENERATOR_VERSION = 1  # bump when the generator changes, so stored corpora are rebuilt
DEFAULT_SIZES = "10MB,100MB"  # what `make bench` runs
ALL_SIZES = "10MB,100MB,1GB"
PARTITION_SIZE = 200
DOC_BYTES = (3_000, 6_000)  # UTF-8 bytes of one article's text
FIGURE_SENTENCE_SHARE = 0.45
HEDGE_SHARE = 0.35
SAMPLE_EVERY_S = 0.1
TARGET_1GB_S = 600  # 1 GB in at most 10 minutes on 2 cores
LINEAR_TOLERANCE = 0.25  # chars/s within ±25 % across sizes reads as linear
FLAT_TOLERANCE = 1.5  # peak RSS at the largest size at most 1.5x the smallest reads as flat
RESULT_FILE = "results.json"
THREADS_MAX_BYTES = 10 * 10**6  # the threads runs (GIL) are made on the 10 MB size only
PROJECT_MIN_BYTES = 50 * 10**6  # smaller runs are mostly start-up: no 1 GB projection from them alone
QUIET_BUSY = 0.25  # before a run, wait until other processes use under 25 % of the machine's CPUs …
QUIET_MAX_WAIT_S = 120  # … for at most this long, then run anyway (the contention is printed)

_UNITS = {"KB": 10**3, "MB": 10**6, "GB": 10**9}
_RE_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])[ \u00a0]+|\n+")
_TO_ARABIC_INDIC = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
ARABIC_THOUSANDS_SEP = "\u066c"
ARABIC_DECIMAL_SEP = "\u066b"
ARABIC_PERCENT = "\u066a"


def _import_arqam():
    """Import arqam, falling back on the source tree when it is not installed."""
    try:
        import arqam
    except ImportError:
        sys.path.insert(0, str(ROOT / "lib"))
        import arqam
    return arqam


# ---------------------------------------------------------------------------
# Corpus generator

COUNTRIES = {
    "SAU": ["منصة أبشر", "وزارة الداخلية", "المديرية العامة للجوازات", "الأحوال المدنية", "منصة توكلنا", "منصة أبشر أعمال"],
    "EGY": ["بوابة مصر الرقمية", "وزارة الاتصالات وتكنولوجيا المعلومات", "مصلحة الأحوال المدنية", "منظومة الشكاوى الحكومية"],
    "JOR": ["وزارة الاقتصاد الرقمي والريادة", "منصة سند", "دائرة الجمارك", "بوابة الحكومة الإلكترونية"],
    "ARE": ["هيئة الحكومة الرقمية", "الهيئة الاتحادية للهوية والجنسية", "منصة الإمارات الرقمية"],
    "KWT": ["منصة سهل", "الهيئة العامة للمعلومات المدنية", "وزارة الداخلية"],
}
COUNTRY_WEIGHTS = [40, 20, 15, 15, 10]
HEDGES = ["أكثر من ", "قرابة ", "نحو ", "ما يتجاوز ", "حوالي ", "ما يزيد على ", "أقل من ", "ما يقارب "]
VERBS = ["نفذت", "سجلت", "أنجزت", "استقبلت", "قدمت", "عالجت"]
NOUNS = ["عملية إلكترونية", "طلب", "معاملة", "خدمة", "مستخدم", "زيارة", "رسالة نصية", "تقرير", "موعد"]
NOUNS_PL = ["العمليات", "الطلبات", "المعاملات", "الحركات الإلكترونية", "الزيارات", "الخدمات الرقمية"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
QUARTERS = ["الأول", "الثاني", "الثالث", "الرابع"]
PERIODS = [
    "خلال شهر {m}", "خلال شهر {m} من عام {y}", "خلال عام {y}", "في الربع {q} من عام {y}",
    "منذ مطلع العام الجاري", "خلال النصف الأول من عام {y}", "خلال الفترة نفسها", "في {m} الماضي",
]
CURRENCIES = ["ريال", "جنيه", "دينار", "درهم", "دولار"]
TEMPLATES = [
    "{subj} {verb} {hcount} {noun} {period}.",
    "وبلغ إجمالي {noun_pl} عبر {subj} {hcount} {noun} {period}، بنسبة نمو بلغت {pct} مقارنة بالفترة نفسها من العام الماضي.",
    "وتفصيلا شهدت خدمات {subj} تنفيذ {count} {noun} بينما سجلت خدمات {subj2} {count} {noun} {period}.",
    "وارتفعت نسبة الخدمات المقدمة إلكترونيا عبر {subj} إلى {pct} من إجمالي الخدمات {period}.",
    "وبلغت قيمة المدفوعات المنفذة عبر {subj} {money} {cur} {period}.",
    "وأوضحت {subj} أن عدد المستخدمين المسجلين تجاوز {count} مستخدم، منهم {pct} من المقيمين.",
    "وكانت {subj} قد أطلقت خدماتها في عام {year}، ويبلغ عدد مستخدميها اليوم {hcount} مستخدم.",
    "واستحوذت {subj} على الحصة الأكبر بإجمالي {count} {noun}، في حين سجلت {subj2} {count} {noun} خلال الفترة نفسها.",
    "وتوقعت {subj} أن يصل عدد {noun_pl} إلى {hcount} {noun} بحلول عام {year}.",
    "وانخفض متوسط زمن إنجاز {noun_pl} لدى {subj} بنسبة {pct} {period}.",
    "{pct} نمو {noun_pl} على {subj} {period}",
]


class Generator:
    """Deterministic article-like Arabic text with planted figures (one rng, one stream)."""

    def __init__(self, seed: int = SEED):
        from arqam.spell import Style, to_words

        self.rng = random.Random(seed)
        self.to_words, self.Style = to_words, Style
        self.prose = seed_prose()
        self.countries = list(COUNTRIES)

    def _count(self) -> int:
        rng = self.rng
        r = rng.random()
        n = rng.randint(2, 999) if r < 0.35 else rng.randint(1_000, 999_999) if r < 0.7 else rng.randint(1_000_000, 2_000_000_000)
        if n >= 1_000 and rng.random() < 0.3:  # rounded to 2 significant digits, as news often does
            q = 10 ** (len(str(n)) - 2)
            n = n // q * q
        return n

    def _words(self, n: int) -> str:
        rng = self.rng
        style = self.Style(
            case="acc" if rng.random() < 0.7 else "nom", feminine_units=rng.random() < 0.3,
            hundred="مئة" if rng.random() < 0.6 else "مائة", joined_hundreds=rng.random() < 0.8,
            hamza=rng.random() < 0.85,
        )
        return self.to_words(n, style)

    def _digits(self, n: int) -> str:
        rng = self.rng
        s = str(n) if n >= 10_000 and rng.random() < 0.15 else f"{n:,}"
        if rng.random() < 0.3:
            s = s.translate(_TO_ARABIC_INDIC).replace(",", ARABIC_THOUSANDS_SEP if rng.random() < 0.7 else ",")
        return s

    def _scaled(self) -> str:
        rng = self.rng
        word = rng.choice(["مليون", "مليار", "ألف", "الف"])
        num = f"{rng.randint(11, 999) / 10:g}"
        if rng.random() < 0.3:
            num = num.translate(_TO_ARABIC_INDIC).replace(".", ARABIC_DECIMAL_SEP)
        return f"{num} {word}"

    def count(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self._words(self._count())
        if r < 0.8:
            return self._digits(self._count())
        return self._scaled()

    def percent(self) -> str:
        rng = self.rng
        p = f"{rng.randint(11, 999) / 10:g}" if rng.random() < 0.2 else str(rng.randint(1, 99))
        indic = p.translate(_TO_ARABIC_INDIC).replace(".", ARABIC_DECIMAL_SEP)
        form = rng.randrange(9)
        if form == 8 and "." not in p:
            return f"{self._words(int(p))} {rng.choice(['بالمئة', 'بالمائة', 'في المئة', 'في المائة'])}"
        return [f"{p}%", f"%{p}", f"{p}{ARABIC_PERCENT}", f"{indic}{ARABIC_PERCENT}", f"{p} بالمئة",
                f"{p} في المائة", f"{indic}%", f"{p} في المئة", f"{p} بالمائة"][form]

    def year(self) -> str:
        y = str(self.rng.randint(2015, 2026))
        return y if self.rng.random() < 0.85 else y.translate(_TO_ARABIC_INDIC)

    def figure_sentence(self, agencies: list[str], end: str = ".") -> str:
        rng = self.rng
        template = rng.choice(TEMPLATES)
        if template.endswith("."):
            template = template[:-1] + end
        subj, subj2 = rng.sample(agencies, 2)
        period = rng.choice(PERIODS).format(m=rng.choice(MONTHS), y=self.year(), q=rng.choice(QUARTERS))
        hcount = self.count()
        if rng.random() < HEDGE_SHARE:
            hcount = rng.choice(HEDGES) + hcount
        money = self._scaled() if rng.random() < 0.5 else self._digits(self._count())
        return template.format(
            subj=subj, subj2=subj2, verb=rng.choice(VERBS), noun=rng.choice(NOUNS), noun_pl=rng.choice(NOUNS_PL),
            period=period, cur=rng.choice(CURRENCIES), count=self.count(), hcount=hcount, pct=self.percent(),
            year=self.year(), money=money,
        )

    def article(self) -> tuple[str, str, str]:
        """One article: (country_iso3, published, text) with 3-6 KB of UTF-8 text."""
        rng = self.rng
        iso3 = rng.choices(self.countries, COUNTRY_WEIGHTS)[0]
        agencies = COUNTRIES[iso3]
        target = rng.randint(*DOC_BYTES)
        head = self.figure_sentence(agencies, end="") if rng.random() < 0.5 else rng.choice(self.prose)
        parts, size = [head], len(head.encode("utf-8"))
        while size < target:
            sep = "\n"
            for _ in range(rng.randint(2, 4)):
                s = self.figure_sentence(agencies) if rng.random() < FIGURE_SENTENCE_SHARE else rng.choice(self.prose)
                parts.append(sep)
                parts.append(s)
                size += len(s.encode("utf-8")) + 1
                sep = " "
        published = f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return iso3, published, "".join(parts)


def seed_prose() -> list[str]:
    """Sentences of seeds/*.txt (25 characters or more), as written, figures included."""
    prose = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        for sent in _RE_SENTENCE_END.split(path.read_text(encoding="utf-8")):
            sent = sent.strip()
            if len(sent) >= 25:
                prose.append(sent)
    if not prose:
        raise RuntimeError(f"no prose sentences in {SEEDS_DIR}/*.txt")
    return prose


def parse_size(text: str) -> int:
    """'10MB' -> 10_000_000 (decimal units: KB, MB, GB)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]B)\s*", text.upper())
    if not m:
        raise argparse.ArgumentTypeError(f"size {text!r}: write it as 10MB, 100MB, 1GB (or KB)")
    return int(float(m.group(1)) * _UNITS[m.group(2)])


def size_label(n: int) -> str:
    for unit in ("GB", "MB", "KB"):
        if n >= _UNITS[unit] and n % _UNITS[unit] == 0:
            return f"{n // _UNITS[unit]}{unit}"
    return f"{n}B"


def ensure_corpus(workdir: Path, target: int) -> tuple[Path, dict, bool]:
    """Write (or reuse) the JSONL corpus of about `target` bytes.

    Returns:
        (path, marker: {version, seed, target_bytes, bytes, documents, chars, sha256, seconds}, reused?).
    """
    path = workdir / f"corpus-{size_label(target)}.jsonl"
    marker_path = path.with_name(path.name + ".meta.json")
    if path.exists() and marker_path.exists():
        try:
            marker = json.loads(marker_path.read_text(encoding="utf-8"))
        except ValueError:
            marker = {}
        if (marker.get("version"), marker.get("seed"), marker.get("target_bytes")) == (GENERATOR_VERSION, SEED, target) \
                and marker.get("bytes") == path.stat().st_size:
            return path, marker, True
    t0 = time.perf_counter()
    gen = Generator(SEED)
    tmp = path.with_name(path.name + ".tmp")
    digest = hashlib.sha256()
    written = docs = chars = 0
    with open(tmp, "wb", buffering=1 << 20) as fh:
        while written < target:
            iso3, published, text = gen.article()
            line = json.dumps({"doc_id": f"g{docs:08d}", "country_iso3": iso3, "published": published, "text": text},
                              ensure_ascii=False).encode("utf-8") + b"\n"
            fh.write(line)
            digest.update(line)
            written += len(line)
            docs += 1
            chars += len(text)
    os.replace(tmp, path)  # a half-written corpus is never taken for a finished one
    marker = {"version": GENERATOR_VERSION, "seed": SEED, "target_bytes": target, "bytes": written, "documents": docs,
              "chars": chars, "sha256": digest.hexdigest(), "seconds": round(time.perf_counter() - t0, 2)}
    marker_path.write_text(json.dumps(marker, indent=2), encoding="utf-8")
    return path, marker, False


# ---------------------------------------------------------------------------
# One extraction run, in a child process (`--_run <json>`): its rusage is its own


class _TimedConnection:
    """A DuckDB connection that times every statement extract_corpus runs on it."""

    def __init__(self, con, log: list):
        self._con, self._log = con, log
        # extract_corpus reads an empty Arrow table by its variable name; through this
        # wrapper the variable sits one frame further up, so let DuckDB look there.
        con.execute("SET python_scan_all_frames = true")

    def __enter__(self):
        self._con.__enter__()
        return self

    def __exit__(self, *exc):
        t0 = time.time()
        out = self._con.__exit__(*exc)
        self._log.append(("close", time.time() - t0, t0))
        return out

    def close(self):
        t0 = time.time()
        self._con.close()
        self._log.append(("close", time.time() - t0, t0))

    def execute(self, sql, *args, **kwargs):
        t0 = time.time()
        out = self._con.execute(sql, *args, **kwargs)
        self._log.append((" ".join(str(sql).split())[:70], time.time() - t0, t0))
        return out

    def __getattr__(self, name):
        return getattr(self._con, name)


def run_child(payload: dict) -> None:
    """Run extract_corpus once and write its counts, phase times and rusage to payload['result']."""
    _import_arqam()
    import duckdb
    from arqam.extract import extract_corpus

    log: list = []
    marks: dict = {}
    real_connect = duckdb.connect

    def connect(*args, **kwargs):
        marks.setdefault("load_start", time.time())
        return _TimedConnection(real_connect(*args, **kwargs), log)

    duckdb.connect = connect
    start = time.time()
    counts = extract_corpus(payload["corpus"], payload["out"], scheduler=payload["scheduler"], workers=payload["workers"],
                            partition_size=payload["partition_size"], progress=False)
    end = time.time()
    duckdb.connect = real_connect
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {"counts": counts, "start": start, "end": end, "load_start": marks.get("load_start", end),
              "statements": log,
              "driver_maxrss_mib": me.ru_maxrss / 1024,  # KiB on Linux
              "child_maxrss_mib": kids.ru_maxrss / 1024,  # the largest reaped descendant (a worker)
              "driver_cpu_s": me.ru_utime + me.ru_stime, "children_cpu_s": kids.ru_utime + kids.ru_stime}
    Path(payload["result"]).write_text(json.dumps(result), encoding="utf-8")


def probe_documents(payload: dict) -> None:
    """Time the documents table's DuckDB load with and without its text column (child process).

    Loads the way extract_corpus does when it says how (its DUCKDB_MEMORY_LIMIT: a memory cap,
    no ORDER BY, insertion order not preserved); else with DuckDB's defaults and no ORDER BY.
    """
    _import_arqam()
    import duckdb
    import pyarrow.dataset as ds
    from arqam import extract as extract_mod

    limit = getattr(extract_mod, "DUCKDB_MEMORY_LIMIT", None)
    files = sorted(str(p) for p in (Path(payload["parts"]) / "documents").glob("*.parquet"))
    out = {"memory_limit": limit}
    for label, cols in (("with_text", "*"), ("without_text", "* EXCLUDE (text)")):
        db = Path(payload["scratch"]) / f"probe-{label}.duckdb"
        db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        config = {"memory_limit": limit, "temp_directory": str(Path(payload["scratch"]) / ".probe_tmp"),
                  "preserve_insertion_order": False} if limit else {}
        with duckdb.connect(str(db), config=config) as con:  # paths as data, as extract_corpus loads them
            con.register("parts_source", ds.dataset(files, format="parquet"))
            con.execute(f"CREATE TABLE documents AS SELECT {cols} FROM parts_source")
        out[label] = {"seconds": time.perf_counter() - t0, "bytes": db.stat().st_size}
        db.unlink(missing_ok=True)
    shutil.rmtree(Path(payload["scratch"]) / ".probe_tmp", ignore_errors=True)
    out["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(payload["result"]).write_text(json.dumps(out), encoding="utf-8")


# ---------------------------------------------------------------------------
# Parent side: spawn, sample the process tree, collect


def _psutil():
    try:
        import psutil
    except ImportError:
        return None
    return psutil


class TreeSampler(threading.Thread):
    """Sample (time, driver RSS, whole-tree RSS, processes) of a child's process tree."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.stop = pid, [], threading.Event()

    def run(self):
        psutil = _psutil()
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                rss = []
                for p in procs:
                    try:
                        rss.append(p.memory_info().rss)
                    except psutil.Error:
                        rss.append(0)
                self.samples.append((time.time(), rss[0], sum(rss), len(procs)))
            except psutil.Error:
                break
            self.stop.wait(SAMPLE_EVERY_S)


def spawn(mode: str, payload: dict, log_path: Path, sample: bool) -> tuple[dict, list, float]:
    """Run this script in a child with --<mode>; return (its result, tree samples, wall seconds)."""
    cmd = [sys.executable, "-P", str(Path(__file__).resolve()), f"--{mode}", json.dumps(payload)]
    t0 = time.perf_counter()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=str(ROOT))
        sampler = TreeSampler(proc.pid) if sample else None
        if sampler:
            sampler.start()
        rc = proc.wait()
        if sampler:
            sampler.stop.set()
            sampler.join()
    wall = time.perf_counter() - t0
    if rc != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"child run failed (exit {rc}); last output:\n{tail}")
    return json.loads(Path(payload["result"]).read_text(encoding="utf-8")), (sampler.samples if sampler else []), wall


def machine_cpu() -> tuple[float, float] | None:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat (None elsewhere)."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            vals = [int(v) for v in fh.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(vals) - vals[3] - vals[4]) / tick, sum(vals) / tick


def our_cpu() -> float:
    """CPU seconds of this process and its reaped descendants."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def wait_quiet(max_wait_s: float = QUIET_MAX_WAIT_S) -> tuple[float, float | None]:
    """Wait (up to max_wait_s) until other processes use under QUIET_BUSY of the machine's CPUs.

    Other work on a 2-core machine (tests, notebooks) shows up directly in wall times.
    Returns:
        (seconds waited, busy share of the last 1 s window, or None without /proc/stat).
    """
    t0 = time.perf_counter()
    share = None
    while True:
        a = machine_cpu()
        if a is None:
            return 0.0, None
        time.sleep(1.0)
        b = machine_cpu()
        share = (b[0] - a[0]) / max(1e-9, b[1] - a[1])
        waited = time.perf_counter() - t0
        if share < QUIET_BUSY or waited >= max_wait_s:
            return waited, share


def du(path: Path) -> int:
    """Bytes under a path."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def git_commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "lib"], capture_output=True, text=True, check=False).stdout.strip()
        return head + ("+dirty lib" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def measure(corpus: Path, marker: dict, label: str, scheduler: str, workers: int, workdir: Path, keep: bool,
            probe: bool) -> dict:
    """One extract_corpus run in a child; print and return its row."""
    out = workdir / f"out-{label}-{scheduler}-w{workers}"
    if out.exists():
        shutil.rmtree(out)
    payload = {"corpus": str(corpus), "out": str(out), "scheduler": scheduler, "workers": workers,
               "partition_size": PARTITION_SIZE, "result": str(workdir / f"result-{label}-{scheduler}-w{workers}.json")}
    waited, idle_busy = wait_quiet()
    commit = git_commit()
    load_before = os.getloadavg()[0]
    cpu0, ours0 = machine_cpu(), our_cpu()
    res, samples, wall = spawn("_run", payload, workdir / f"log-{label}-{scheduler}-w{workers}.txt", sample=_psutil() is not None)
    cpu1, ours1 = machine_cpu(), our_cpu()
    others = None
    if cpu0 and cpu1:  # CPU the rest of the machine used during the run, as a share of all its CPUs
        others = max(0.0, (cpu1[0] - cpu0[0]) - (ours1 - ours0)) / max(1e-9, cpu1[1] - cpu0[1])
    c = res["counts"]
    seconds = res["end"] - res["start"]
    extract_s = res["load_start"] - res["start"]
    load_s = res["end"] - res["load_start"]
    tree_peak = max((s[2] for s in samples), default=None)
    tree_extract = max((s[2] for s in samples if s[0] < res["load_start"]), default=None)
    driver_load = max((s[1] for s in samples if s[0] >= res["load_start"]), default=None)
    max_procs = max((s[3] for s in samples), default=None)
    sizes = {t: du(out / "parts" / t) for t in ("documents", "mentions", "facts", "errors")}
    db_bytes = du(out / "arqam.duckdb")
    row = {
        "size": label, "scheduler": scheduler, "workers": workers, "bytes": marker["bytes"], "documents": c["documents"],
        "errors": c["errors"], "mentions": c["mentions"], "facts": c["facts"], "chars": c["chars"], "partitions": c["partitions"],
        "seconds": seconds, "extract_s": extract_s, "load_s": load_s, "child_wall_s": wall,
        "chars_per_s": c["chars"] / seconds, "mb_per_s": marker["bytes"] / 1e6 / seconds,
        "driver_peak_mib": res["driver_maxrss_mib"], "worker_peak_mib": res["child_maxrss_mib"],
        "tree_peak_mib": tree_peak / 2**20 if tree_peak else None,
        "tree_peak_extract_mib": tree_extract / 2**20 if tree_extract else None,
        "driver_peak_load_mib": driver_load / 2**20 if driver_load else None, "max_processes": max_procs,
        "cpu_s": res["driver_cpu_s"] + res["children_cpu_s"], "others_cpu_share": others, "waited_s": waited,
        "load_before": load_before,
        "parts_bytes": sizes, "duckdb_bytes": db_bytes,
        "when": time.strftime("%Y-%m-%d %H:%M"), "commit": commit, "cpus": os.cpu_count(),
        "generator": [GENERATOR_VERSION, SEED],
    }
    tree = "n/a (psutil missing)" if row["tree_peak_mib"] is None else f"{row['tree_peak_mib']:,.0f} MiB"
    print(f"    {scheduler:<9} workers={workers}: {seconds:7.1f} s (bag {extract_s:6.1f} s + DuckDB load {load_s:5.1f} s;"
          f" child process {wall:6.1f} s)  {row['chars_per_s']:10,.0f} chars/s  {row['mb_per_s']:5.2f} MB/s")
    busy = "n/a" if others is None else f"{others:.0%}"
    print(f"        CPU {row['cpu_s']:,.1f} s in the tree ({c['chars'] / max(1e-9, row['cpu_s']):,.0f} chars per CPU-second);"
          f" other processes used {busy} of the machine's CPUs meanwhile"
          + (f" (waited {waited:.0f} s for a quiet machine{'; still busy' if idle_busy and idle_busy >= QUIET_BUSY else ''})" if waited > 1.5 else ""))
    print(f"        {c['documents']:,} documents, {c['errors']:,} errors, {c['mentions']:,} mentions, {c['facts']:,} facts,"
          f" {c['partitions']:,} partitions")
    print(f"        peak RSS: driver {row['driver_peak_mib']:,.0f} MiB, largest worker {row['worker_peak_mib']:,.0f} MiB,"
          f" whole tree {tree} (sampled; {max_procs} processes at most)")
    if row["tree_peak_extract_mib"] is not None:
        print(f"        tree peak during the bag phase {row['tree_peak_extract_mib']:,.0f} MiB;"
              f" driver peak during the DuckDB load {row['driver_peak_load_mib'] or 0:,.0f} MiB")
    print(f"        written: parts/ documents {mib(sizes['documents'])} MiB, mentions {mib(sizes['mentions'])} MiB,"
          f" facts {mib(sizes['facts'])} MiB; arqam.duckdb {mib(db_bytes)} MiB (corpus {mib(marker['bytes'])} MiB)")
    stmts = []
    for q, dur, t0 in res["statements"]:  # the driver's peak RSS while each statement ran
        peak = max((smp[1] for smp in samples if t0 - SAMPLE_EVERY_S <= smp[0] <= t0 + dur + SAMPLE_EVERY_S), default=None)
        stmts.append((q, dur, peak / 2**20 if peak else None))
    row["statements"] = stmts
    slow = sorted(stmts, key=lambda s: -s[1])[:3]
    print("        slowest DuckDB statements: " + "; ".join(
        f"{q.replace('CREATE OR REPLACE TABLE ', 'CREATE ')[:26]}… {d:.1f} s" + (f" (driver {m:,.0f} MiB)" if m else "")
        for q, d, m in slow))
    if probe:
        pres, _, _ = spawn("_probe", {"parts": str(out / "parts"), "scratch": str(workdir), "result": str(workdir / "probe.json")},
                           workdir / f"log-probe-{label}.txt", sample=False)
        w, wo = pres["with_text"], pres["without_text"]
        row["probe"] = pres
        cap = f"memory_limit {pres['memory_limit']}" if pres.get("memory_limit") else "DuckDB defaults"
        print(f"        documents table alone (DuckDB, {cap}): with text {w['seconds']:.1f} s, {mib(w['bytes'])} MiB;"
              f" without text {wo['seconds']:.1f} s, {mib(wo['bytes'])} MiB (probe peak RSS {pres['maxrss_mib']:,.0f} MiB)")
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    return row


def driver_costs(corpus: Path, marker: dict) -> dict:
    """Time the driver's JSONL partition listing and one full _line_of, and project _line_of over all partitions."""
    from arqam import extract as extract_mod

    out = {}
    part_tasks = getattr(extract_mod, "_part_tasks", None)
    line_of = getattr(extract_mod, "_line_of", None)
    if part_tasks is None:
        return out
    t0 = time.perf_counter()
    tasks = part_tasks(corpus, PARTITION_SIZE, ())
    out["list_s"] = time.perf_counter() - t0
    out["tasks"] = len(tasks)
    if line_of is not None and tasks and tasks[0][0] == "jsonl" and isinstance(tasks[0][3], int):
        t0 = time.perf_counter()
        line_of(str(corpus), marker["bytes"])
        full = time.perf_counter() - t0
        # partition k re-reads k/n of the file: about n/2 full reads in all
        out["line_of_full_s"] = full
        out["line_of_total_s"] = full * len(tasks) / 2
    return out


def stage_profile(corpus: Path, docs: int = 3 * PARTITION_SIZE) -> dict | None:
    """Per-stage CPU split of the worker's job on the corpus's first `docs` lines, in this process.

    Mirrors arqam.extract._process_partition stage by stage (JSON parse + sha256, find_numbers,
    fact_rows, Arrow table + Parquet write); None when those functions are not there.
    """
    try:
        import io

        import pyarrow as pa_
        import pyarrow.parquet as pq
        from arqam import extract as extract_mod
        from arqam.facts import fact_rows
        from arqam.ingest import Document, jsonl_record
        from arqam.numbers import find_numbers
    except ImportError as exc:
        print(f"    stage profile SKIPPED: {exc}")
        return None
    with open(corpus, "rb") as fh:
        lines = [fh.readline() for _ in range(docs)]
    find_numbers("سجلت منصة أبشر 12 عملية")
    fact_rows("سجلت منصة أبشر 12 عملية", "warm-up")  # compile matchers and read lexicons once, outside the timings
    clock = time.process_time
    t = dict.fromkeys(("parse", "numbers", "facts", "write"), 0.0)
    chars = 0
    facts_all, mentions_all, docs_all = [], [], []
    for i, raw in enumerate(lines):
        t0 = clock()
        item = jsonl_record(raw, i + 1, corpus)
        t1 = clock()
        t["parse"] += t1 - t0
        if not isinstance(item, Document):
            continue
        chars += len(item.text)
        mentions = find_numbers(item.text)
        t2 = clock()
        facts = fact_rows(item.text, item.doc_id, item.meta, mentions)
        t3 = clock()
        t["numbers"] += t2 - t1
        t["facts"] += t3 - t2
        mentions_all.extend({"doc_id": item.doc_id, "char_start": m.start, "char_end": m.end, "text_ar": m.text, "value": float(m.value)} for m in mentions)
        facts_all.extend(facts)
        docs_all.append({"doc_id": item.doc_id, "source": item.source, "fmt": item.fmt, "encoding": item.encoding,
                         "sha256": item.sha256, "n_chars": len(item.text), "n_mentions": len(mentions), "n_facts": len(facts),
                         "text": item.text})
    t0 = clock()
    schemas = extract_mod._schemas()
    pq.write_table(pa_.Table.from_pylist(facts_all, schema=schemas["facts"]), io.BytesIO())
    pq.write_table(pa_.Table.from_pylist(mentions_all), io.BytesIO())
    t["write"] = clock() - t0
    t0 = clock()
    pq.write_table(pa_.Table.from_pylist(docs_all), io.BytesIO())
    t["write_documents"] = clock() - t0
    return {"chars": chars, "docs": len(lines), **t}


def load_rows(workdir: Path) -> dict:
    """Rows stored by earlier runs in this work folder, keyed size|scheduler|workers."""
    store = workdir / RESULT_FILE
    try:
        return json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
    except ValueError:
        return {}


def store_row(workdir: Path, row: dict) -> None:
    """Add or replace one run's row in the work folder's results file (written atomically)."""
    rows = load_rows(workdir)
    rows[f"{row['size']}|{row['scheduler']}|{row['workers']}"] = row
    tmp = workdir / (RESULT_FILE + ".tmp")
    tmp.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, workdir / RESULT_FILE)


def fit(rows: list[dict]) -> tuple[float, float] | None:
    """Least squares seconds = a + b * chars; returns (fixed seconds a, marginal chars/s 1/b)."""
    if len({r["chars"] for r in rows}) < 2:
        return None
    xs, ys = [r["chars"] for r in rows], [r["seconds"] for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    if b <= 0:
        return None
    return my - b * mx, 1 / b


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=None, help=f"comma-separated corpus sizes (default {DEFAULT_SIZES}; all: {ALL_SIZES})")
    ap.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "arqam-scale-bench"),
                    help="where corpora (kept, reused) and extraction outputs go")
    ap.add_argument("--keep", action="store_true", help="keep the extraction outputs (out-*/) instead of deleting them")
    ap.add_argument("--_run", help=argparse.SUPPRESS)
    ap.add_argument("--_probe", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._run:
        return run_child(json.loads(args._run))
    if args._probe:
        return probe_documents(json.loads(args._probe))

    arqam = _import_arqam()
    sizes = sorted({parse_size(s) for s in (args.sizes or DEFAULT_SIZES).split(",") if s.strip()})
    workdir = Path(args.workdir).expanduser().resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    psutil = _psutil()
    free = shutil.disk_usage(workdir).free
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus, load average"
          f" {os.getloadavg()[0]:.2f}; arqam {arqam.__version__} ({git_commit()}); psutil"
          f" {psutil.__version__ if psutil else 'not installed: whole-tree RSS not sampled'}")
    print(f"work folder {workdir} ({free / 1e9:,.0f} GB free); sizes {', '.join(size_label(s) for s in sizes)};"
          f" partition_size {PARTITION_SIZE}")
    if args.sizes is None:
        print("    (default sizes; the 1 GB size takes tens of minutes: .venv/bin/python -P bench/scale.py --sizes 1GB)")
    need = sum(3 * s for s in sizes)  # corpus + parts + DuckDB file, roughly
    if free < need:
        print(f"    WARNING: about {need / 1e9:.1f} GB may be needed and only {free / 1e9:.1f} GB is free")

    rows = []
    profiled = False
    for target in sizes:
        label = size_label(target)
        corpus, marker, reused = ensure_corpus(workdir, target)
        how = "reused (size and seed/version marker match)" if reused else f"generated in {marker['seconds']:.1f} s"
        print(f"\n[{label}] {corpus.name}: {marker['bytes']:,} bytes ({marker['bytes'] / 2**20:,.1f} MiB), {marker['documents']:,}"
              f" articles, {marker['chars']:,} chars of text, sha256 {marker['sha256'][:16]}…; {how}")
        if not profiled:
            prof = stage_profile(corpus)
            profiled = True
            if prof:
                stages = ("parse", "numbers", "facts", "write", "write_documents")
                total = sum(prof[k] for k in stages)
                print(f"    worker stages on the first {prof['docs']} articles, one core, in-process (CPU time):"
                      f" {prof['chars'] / total:,.0f} chars per CPU-second; " + ", ".join(
                          f"{k} {prof[k]:.2f} s ({prof[k] / total:.0%})" for k in stages))
                print("        (parse = JSON, sha256, record checks; write = Arrow + Parquet of facts and mentions;"
                      " write_documents = the documents table with its text column)")
        dc = driver_costs(corpus, marker)
        if dc:
            line = f"    driver: listing {dc['tasks']:,} JSONL partitions reads the whole file: {dc['list_s']:.2f} s"
            if "line_of_full_s" not in dc:
                line += " (line numbers come with the listing: no per-partition re-read)"
            if "line_of_full_s" in dc:
                line += (f"; _line_of re-reads the file up to each partition's start: {dc['line_of_full_s']:.3f} s for the last,"
                         f" ~{dc['line_of_total_s']:.1f} s in all (grows with size squared)")
            print(line)
        # threads 1 and 2 on the 10 MB size: the same start-up either way, so their ratio is the GIL alone
        runs = [("processes", 1), ("processes", 2)] + ([("threads", 1), ("threads", 2)] if target <= THREADS_MAX_BYTES else [])
        for scheduler, workers in runs:
            row = measure(corpus, marker, label, scheduler, workers, workdir, args.keep,
                          probe=(scheduler, workers) == ("processes", 2))
            row["driver_costs"] = dc
            rows.append(row)
            store_row(workdir, row)  # kept at once: an interrupted run keeps what it measured
        by = {(r["scheduler"], r["workers"]): r for r in rows if r["size"] == label}
        p1, p2 = by[("processes", 1)], by[("processes", 2)]
        print(f"    speed-up 1 -> 2 workers (processes): {p1['seconds'] / p2['seconds']:.2f}x overall,"
              f" {p1['extract_s'] / p2['extract_s']:.2f}x in the bag phase (the DuckDB load runs in the driver either way)")
        if ("threads", 2) in by and ("threads", 1) in by:
            t1, t2 = by[("threads", 1)], by[("threads", 2)]
            print(f"    threads: 1 -> 2 workers {t1['seconds'] / t2['seconds']:.2f}x ({t1['chars_per_s']:,.0f} -> {t2['chars_per_s']:,.0f}"
                  f" chars/s; CPU {t1['cpu_s']:.1f} -> {t2['cpu_s']:.1f} s): the GIL keeps pure-Python extraction on one core;"
                  f" threads w2 vs processes w2: {p2['seconds'] / t2['seconds']:.2f}x (threads skip the worker start-up)")

    # results are kept across runs, so `--sizes 1GB` on its own still reads against 10 MB and 100 MB
    now_keys = {f"{r['size']}|{r['scheduler']}|{r['workers']}" for r in rows}
    table = [r for r in load_rows(workdir).values() if r.get("generator") == [GENERATOR_VERSION, SEED]]
    table.sort(key=lambda r: (r["bytes"], r["scheduler"] != "processes", r["workers"]))
    earlier = [r for r in table if f"{r['size']}|{r['scheduler']}|{r['workers']}" not in now_keys]

    print(f"\n[summary] extract_corpus on JSONL, partition_size {PARTITION_SIZE}, {os.cpu_count()} cpus"
          + (" (* = earlier run in this work folder, see 'when')" if earlier else ""))
    head = (f"    {'size':>6} {'scheduler':<9} {'w':>1} {'documents':>10} {'facts':>11} {'seconds':>8} {'bag s':>7} {'load s':>7}"
            f" {'chars/s':>10} {'MB/s':>5} {'speed-up':>8} {'cpu s':>7} {'others':>6} {'driver':>7} {'worker':>7} {'tree':>7}")
    print(head + "   (others: CPU share used by other processes during the run; driver/worker/tree: peak RSS, MiB)")
    for r in table:
        mark = "*" if r in earlier else " "
        base = next((x for x in table if x["size"] == r["size"] and (x["scheduler"], x["workers"]) == (r["scheduler"], 1)), None)
        others = "n/a" if r.get("others_cpu_share") is None else f"{r['others_cpu_share']:.0%}"
        speed = f"{base['seconds'] / r['seconds']:.2f}x" if base else "n/a"
        tree = f"{r['tree_peak_mib']:,.0f}" if r.get("tree_peak_mib") else "n/a"
        print(f"   {mark}{r['size']:>6} {r['scheduler']:<9} {r['workers']:>1} {r['documents']:>10,} {r['facts']:>11,}"
              f" {r['seconds']:>8.1f} {r['extract_s']:>7.1f} {r['load_s']:>7.1f} {r['chars_per_s']:>10,.0f}"
              f" {r['mb_per_s']:>5.2f} {speed:>8} {r.get('cpu_s', 0):>7.1f} {others:>6} {r['driver_peak_mib']:>7,.0f}"
              f" {r['worker_peak_mib']:>7,.0f} {tree:>7}")
    current = git_commit()
    for r in earlier:
        differs = "" if r["commit"] == current else f" (this run: {current}; the library differed, figures may not compare)"
        print(f"    * {r['size']} {r['scheduler']} w{r['workers']}: {r['when']}, commit {r['commit']}{differs}")

    print("\n[targets]")
    for workers in (1, 2):
        series = [r for r in table if r["scheduler"] == "processes" and r["workers"] == workers]
        if len(series) < 2:
            print(f"    processes w{workers}: one size only; linear cost and flat memory need two sizes"
                  " (results of other sizes run earlier into the same --workdir are used)")
            continue
        rates = [r["chars_per_s"] for r in series]
        spread = max(rates) / min(rates) - 1
        f = fit(series)
        lin = "roughly linear" if spread <= LINEAR_TOLERANCE else "NOT linear by this test"
        line = (f"    processes w{workers} cost: chars/s from {min(rates):,.0f} to {max(rates):,.0f} across"
                f" {', '.join(r['size'] for r in series)} (spread {spread:.0%}) -> {lin} (tolerance ±{LINEAR_TOLERANCE:.0%})")
        print(line)
        if len(series) >= 3 or spread > LINEAR_TOLERANCE:
            steps = [(a, b, (b["chars"] - a["chars"]) / (b["seconds"] - a["seconds"]))
                     for a, b in pairwise(series) if b["seconds"] > a["seconds"]]
            if steps:
                m = [x[2] for x in steps]
                ok = max(m) / min(m) - 1 <= LINEAR_TOLERANCE
                print("        marginal chars/s between sizes (start-up cancels out): "
                      + ", ".join(f"{a['size']}->{b['size']} {x:,.0f}" for a, b, x in steps)
                      + (f" -> {'linear plus a fixed start-up' if ok else 'NOT linear'}" if len(steps) > 1 else ""))
        cpu_rates = [r["chars"] / r["cpu_s"] for r in series if r.get("cpu_s")]
        if len(cpu_rates) == len(series):
            print(f"        per CPU-second (less sensitive to other load): {' -> '.join(f'{x:,.0f}' for x in cpu_rates)} chars/s"
                  f" (spread {max(cpu_rates) / min(cpu_rates) - 1:.0%})")
        if f:
            print(f"        straight-line fit seconds = {f[0]:.1f} + chars / {f[1]:,.0f}: fixed overhead {f[0]:.1f} s"
                  f" (worker start-up, imports, DuckDB), marginal {f[1]:,.0f} chars/s")
        def verdict(label: str, values: list, workers: int = workers) -> None:
            if any(v is None for v in values):
                return
            ratio = values[-1] / values[0]
            flat = "flat" if ratio <= FLAT_TOLERANCE else "NOT flat"
            print(f"    processes w{workers} memory, {label}: {' -> '.join(f'{v:,.0f}' for v in values)} MiB across sizes:"
                  f" x{ratio:.2f} -> {flat} (tolerance x{FLAT_TOLERANCE})")

        verdict("whole-tree peak", [r.get("tree_peak_mib") or (r["driver_peak_mib"] + workers * r["worker_peak_mib"]) for r in series])
        verdict("tree peak in the dask.bag phase", [r.get("tree_peak_extract_mib") for r in series])
        verdict("driver peak in the DuckDB load", [r.get("driver_peak_load_mib") for r in series])
        cap = getattr(sys.modules.get("arqam.extract"), "DUCKDB_MEMORY_LIMIT", None)
        if cap:
            print(f"        (extract_corpus caps DuckDB at memory_limit {cap}; the load's growth should stop near it)")
    gb = [r for r in table if r["bytes"] >= 10**9 and r["scheduler"] == "processes" and r["workers"] == 2]
    w2 = [r for r in table if r["scheduler"] == "processes" and r["workers"] == 2]
    if gb:
        r = gb[0]
        verdict = "meets" if r["seconds"] <= TARGET_1GB_S else "does NOT meet"
        print(f"    1 GB on 2 workers: {r['seconds'] / 60:.1f} min (measured) {verdict} the target of {TARGET_1GB_S / 60:.0f} min")
    elif w2 and max(r["bytes"] for r in w2) >= PROJECT_MIN_BYTES:
        f = fit(w2)
        big = max(w2, key=lambda r: r["bytes"])
        chars_1gb = big["chars"] * 1e9 / big["bytes"]
        proj = f[0] + chars_1gb / f[1] if f else 1e9 / 1e6 / big["mb_per_s"]
        verdict = "would meet" if proj <= TARGET_1GB_S else "would NOT meet"
        print(f"    1 GB on 2 workers: ~{proj / 60:.1f} min PROJECTED from {', '.join(r['size'] for r in w2)}"
              f" (not measured) {verdict} the target of {TARGET_1GB_S / 60:.0f} min;"
              " measure it with .venv/bin/python -P bench/scale.py --sizes 1GB")
    else:
        print(f"    1 GB on 2 workers: not projected from sizes under {PROJECT_MIN_BYTES / 1e6:.0f} MB (start-up dominates them)")
    big = max((r for r in table if r["scheduler"] == "processes" and r.get("cpu_s")), key=lambda r: r["bytes"], default=None)
    if big is not None and big["bytes"] >= PROJECT_MIN_BYTES:
        cpu_rate = big["chars"] / big["cpu_s"]
        chars_1gb = big["chars"] * 1e9 / big["bytes"]
        floor = chars_1gb / cpu_rate / 2
        print(f"    compute floor: at {cpu_rate:,.0f} chars per CPU-second ({big['size']}), 1 GB ({chars_1gb / 1e6:,.0f} M chars) needs"
              f" {chars_1gb / cpu_rate / 60:.1f} CPU-minutes, i.e. at least {floor / 60:.1f} min on 2 fully used cores;"
              f" 10 min on 2 cores needs {chars_1gb / (TARGET_1GB_S * 2):,.0f} chars per CPU-second or more")
    corpora = sorted(workdir.glob("corpus-*.jsonl"))
    print(f"\ncorpora kept for reuse in {workdir}: {', '.join(p.name for p in corpora)}"
          f" ({sum(p.stat().st_size for p in corpora) / 1e9:.2f} GB; delete the folder to reclaim it)")
    print("extraction outputs " + ("kept (--keep): " + str(workdir) + "/out-*" if args.keep else "deleted after each run (--keep keeps them)"))


if __name__ == "__main__":
    main()
