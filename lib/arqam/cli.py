"""Command line: `arqam numbers|extract|facts|audit|compare|report|index`.

Shell users and schedulers need no Python: `numbers`, `facts`, `audit` and `compare`
print one JSON object per row (JSON Lines, strict JSON) to pipe to jq, DuckDB or a
spreadsheet, or with --out write the same tables as the notebooks; `report` writes every
stage's tables, charts and HTML views with an index.html; `extract` builds a store from a
large corpus, which the other stages read without extracting again.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import textwrap
from pathlib import Path

from . import __version__
from .numbers import KINDS, find_numbers


def _read_text(path: str) -> str:
    """Read a UTF-8 file (a BOM is dropped); '-' reads standard input.

    Raises:
        OSError: when the file cannot be read.
        UnicodeDecodeError: when it is not valid UTF-8 (the message names the byte offset).
    """
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        data = Path(path).read_bytes()
    return data.decode("utf-8-sig")


def _finite(value):
    """Strict JSON has no NaN or Infinity: an unbounded or overflowing figure is null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _numbers(args: argparse.Namespace) -> int:
    kinds = set(args.kinds.split(",")) if args.kinds else None
    if kinds:
        unknown = kinds - set(KINDS)
        if unknown:
            print(f"arqam numbers: unknown kind(s) {sorted(unknown)}; choose from {', '.join(KINDS)}", file=sys.stderr)
            return 2
    failures = 0
    out = sys.stdout
    for path in args.files:
        try:
            text = _read_text(path)
        except FileNotFoundError:
            print(f"arqam numbers: {path}: no such file", file=sys.stderr)
            failures += 1
            continue
        except UnicodeDecodeError as exc:
            print(f"arqam numbers: {path}: not UTF-8 (byte {exc.start}: {exc.reason}); convert it first, e.g. iconv -f WINDOWS-1256 -t UTF-8", file=sys.stderr)
            failures += 1
            continue
        except OSError as exc:
            print(f"arqam numbers: {path}: {exc.strerror or exc}", file=sys.stderr)
            failures += 1
            continue
        doc = "stdin" if path == "-" else path
        for m in find_numbers(text):
            if kinds and m.kind not in kinds:
                continue
            row = {"file": doc, **{k: _finite(v) for k, v in m.to_dict().items()}}
            out.write(json.dumps(row, ensure_ascii=args.ascii, allow_nan=False) + "\n")
    return 1 if failures else 0


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract_corpus
    from .staging import OutputBusy

    try:
        s = extract_corpus(
            args.corpus, args.out, catalog=args.catalog, scheduler=args.scheduler, workers=args.workers,
            partition_size=args.partition_size, text_column=args.text_column, progress=not args.no_progress,
            max_bytes=args.max_bytes, doc_seconds=args.doc_seconds or None,
        )
    except (ValueError, OutputBusy) as exc:  # refused before any work: nothing was written or removed
        print(f"arqam extract: {_one_line(exc)}", file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as exc:
        print(f"arqam extract: the run failed and the previous store in {args.out} is unchanged: {_one_line(exc)}", file=sys.stderr)
        return 1
    print(f"inputs: {s['in']:,}  documents: {s['documents']:,}  errors: {s['errors']:,}  (in = documents + errors)")
    for reason, n in s["error_reasons"].items():
        print(f"  errors[{reason}]: {n:,}")
    print(f"mentions: {s['mentions']:,}  facts: {s['facts']:,}  chars: {s['chars']:,}  partitions: {s['partitions']:,}  seconds: {s['seconds']:.1f}")
    for note in s["recovered"]:
        print(f"note: {note}")
    print(f"written: {s['duckdb']} (tables documents, mentions, facts, errors) and {s['parts']}/<table>/part-*.parquet")
    return 0


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line that says where help is."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {' '.join(message.split())} (see {self.prog} --help)\n")


def _checked(parse, what: str, ok, rule: str):
    """An argparse type: `parse` the text (else "'x' is not <what>"), then require `ok` (else "x <rule>")."""

    def convert(text: str):
        try:
            n = parse(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        if not ok(n):
            raise argparse.ArgumentTypeError(f"{text} {rule}")
        return n

    return convert


_positive_int = _checked(int, "a whole number", lambda n: n >= 1, "must be at least 1")
_whole = _checked(int, "a whole number", lambda n: n >= 0, "must be 0 or more")
_seconds = _checked(float, "a number of seconds", lambda n: math.isfinite(n) and n >= 0, "must be a number of seconds, 0 for no limit")
_finite_float = _checked(float, "a number", lambda n: math.isfinite(n) and n > 0, "must be a positive number")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `arqam` command."""
    parser = _Parser(prog="arqam", description="Read and audit figures in Arabic news about government e-services.",
                     epilog="Each command has its own --help with examples, e.g. arqam report --help.")
    parser.add_argument("--version", action="version", version=f"arqam {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser(
        "numbers",
        help="print every figure of the given files as JSON Lines",
        description=textwrap.fill("Print one JSON object per figure: file, start, end, text, value, kind, qualifier, low, high "
                                  "(null when unbounded), unit.", 88),
        epilog="""examples:
  arqam numbers seeds/*.txt > figures.jsonl       # every figure of every article
  arqam numbers --kinds number,percent a.txt      # only statistics
  cat article.txt | arqam numbers -               # standard input""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files; '-' reads standard input")
    p.add_argument("--kinds", help=f"comma-separated kinds to keep (default all): {','.join(KINDS)}")
    p.add_argument("--ascii", action="store_true", help="escape non-ASCII characters in the output")
    p.set_defaults(func=_numbers)
    e = sub.add_parser(
        "extract",
        help="extract mentions and facts from a corpus into Parquet and DuckDB (dask)",
        description=textwrap.fill(
            "Read a folder of .txt/.md/.html files, a .jsonl or a .parquet corpus; write partitioned Parquet and OUT/arqam.duckdb. "
            "Every input ends as a document or an error row. OUT must be new, empty or a previous store: it is replaced whole, "
            "atomically, when the run succeeds; a failed or killed run leaves it as it was. Bad arguments stop the run before any work (exit 2).", 88),
        epilog="""examples:
  arqam extract seeds --out store                 # store/arqam.duckdb and partitioned Parquet
  arqam extract articles.jsonl --out store --workers 2 --text-column body
  arqam facts store/                              # then read it with the other stages""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    e.add_argument("corpus", help="folder of articles, .jsonl file or .parquet file")
    e.add_argument("--out", required=True, help="output folder")
    e.add_argument("--catalog", help="catalog CSV (default: CORPUS/catalog.csv for a folder)")
    e.add_argument("--scheduler", default="threads", help="sync, threads, processes, or a dask.distributed address tcp://host:port (default threads)")
    e.add_argument("--workers", type=_positive_int, help="local workers, at least 1 (default: all cores)")
    e.add_argument("--partition-size", type=_positive_int, default=200, help="documents per partition, at least 1 (default 200)")
    e.add_argument("--max-bytes", type=_positive_int, help="inputs larger than this are too_large errors (default 50 MB)")
    e.add_argument("--doc-seconds", type=_seconds, default=60.0,
                   help="a document's time budget (plus 10 s per million characters); over it, a too_costly error; 0: no limit (default 60)")
    e.add_argument("--text-column", default="text", help="text field of JSONL/Parquet inputs (default text)")
    e.add_argument("--no-progress", action="store_true", help="no progress bar (for schedulers and logs)")
    e.set_defaults(func=_extract)
    _add_stages(sub)
    return parser



# ---------------------------------------------------------------------------
# facts, audit, compare, report, index: a corpus or an `arqam extract` store


def _rows_jsonl(frame, out) -> None:
    """Print a frame as strict JSON Lines: NaN, infinities and missing values are null."""
    import pandas as pd

    for row in frame.to_dict("records"):
        clean = {}
        for k, v in row.items():
            if v is None or v is pd.NA or (isinstance(v, float) and not math.isfinite(v)):
                v = None
            elif hasattr(v, "item"):  # numpy scalars
                v = _finite(v.item())
            clean[str(k)] = v
        out.write(json.dumps(clean, ensure_ascii=False, allow_nan=False, default=str) + "\n")


def _settings(args: argparse.Namespace) -> dict:
    s = {}
    if getattr(args, "rounding_coarser_steps", None) is not None:
        s["rounding_coarser_steps"] = args.rounding_coarser_steps
    if getattr(args, "per_capita_month_max", None) is not None:
        s["per_capita_month_max"] = args.per_capita_month_max
    return s


def _checked(args: argparse.Namespace, out_required: bool = False):
    """(source, out) after every check, or raise ValueError naming the fix (exit 2, nothing done)."""
    from .stages import check_countries, check_out, check_source

    source = check_source(args.source, args.catalog, args.text_column)
    out = check_out(args.out, source) if args.out else None
    if out_required and out is None:
        raise ValueError("--out is required")
    if getattr(args, "reference", None) and not Path(args.reference).expanduser().is_file():
        raise ValueError(f"--reference {args.reference}: no such file")
    if getattr(args, "countries", None):
        check_countries(args.countries, args.reference)
    return source, out


def _stage(args: argparse.Namespace) -> int:
    from .stages import load_source, run_audit, run_compare

    name = args.command
    try:
        source, out = _checked(args, out_required=(name == "report"))
    except ValueError as exc:
        print(f"arqam {name}: {_one_line(exc)}", file=sys.stderr)
        return 2
    try:
        src = load_source(source, args.catalog, args.text_column)
        if src.errors is not None and len(src.errors):
            reasons = src.errors["reason"].value_counts().sort_index()
            print(f"arqam {name}: {len(src.errors):,} input(s) not read ({', '.join(f'{r} {n}' for r, n in reasons.items())});"
                  f" arqam extract lists them in its errors table", file=sys.stderr)
        if name == "report":
            from .stages import write_report

            s = write_report(src, out, _settings(args), args.reference, args.countries or "", args.max_articles)
            verdicts = ", ".join(f"{v} {n}" for v, n in sorted(s["verdicts"].items())) or "none"
            print(f"documents: {s['documents']:,}  facts: {s['facts']:,}  checks: {s['checks']:,} ({verdicts})")
            print(f"countries compared: {', '.join(s['countries']) or 'none'}")
            print(f"open {s['index']}")
            return 0
        params = {"source": str(source), **_settings(args)}
        if name == "facts":
            frame = src.facts
            if out is not None:
                from .store import write_facts

                written = write_facts(frame, src.docs, out, params)
        elif name == "audit":
            frame, claims = run_audit(src.facts, src.docs, _settings(args))
            if out is not None:
                from .audit_store import write_audits

                written = write_audits(frame, out, params, docs=src.docs, claims=claims)
        else:
            ind, frame, reference = run_compare(src.facts, args.reference, args.countries or "")
            if out is not None:
                from .compare import write_adoption

                params.update(reference_path=args.reference or "", countries=args.countries or "")
                written = write_adoption(ind, out, reference, docs=src.docs, params=params)
    except (OSError, RuntimeError, ValueError) as exc:
        print(f"arqam {name}: the run failed: {_one_line(exc)}", file=sys.stderr)
        return 1
    if out is None:
        _rows_jsonl(frame, sys.stdout)
    else:
        print(f"{name}: {len(frame):,} rows from {len(src.docs):,} documents")
        print("written: " + ", ".join(sorted(str(p) for p in written.values())))
    return 0


def _index(args: argparse.Namespace) -> int:
    from .index import write_index
    from .stages import is_store

    folder = Path(args.folder).expanduser()
    if not folder.is_dir():
        print(f"arqam index: {args.folder}: not a folder", file=sys.stderr)
        return 2
    if is_store(folder):
        print(f"arqam index: {args.folder} is an arqam extract store, which holds only what extract writes; "
              f"run arqam report {args.folder} --out DIR instead", file=sys.stderr)
        return 2
    try:
        path = write_index(folder)
    except OSError as exc:
        print(f"arqam index: {_one_line(exc)}", file=sys.stderr)
        return 1
    print(f"open {path}")
    return 0


_SOURCE_HELP = "a corpus (folder of .txt/.md/.html articles with catalog.csv, a .jsonl or .parquet file, one article) or an arqam extract store"
_EXAMPLES = {
    "facts": """examples:
  arqam facts seeds > facts.jsonl                 # one JSON object per fact
  arqam facts seeds --out results                 # results/facts.csv, facts.parquet, arqam.duckdb, manifest_facts.json
  arqam facts store/                              # the facts of a previous `arqam extract ... --out store`
  arqam facts seeds | jq -r 'select(.measure == "operations") | [.fact_id, .value] | @tsv'""",
    "audit": """examples:
  arqam audit seeds > checks.jsonl                # one JSON object per check, with its verdict
  arqam audit seeds --out results                 # results/audit.csv, audit.parquet, arqam.duckdb, manifest_audit.json
  arqam audit store/ --rounding-coarser-steps 0 | jq 'select(.verdict != "consistent")'""",
    "compare": """examples:
  arqam compare seeds > comparison.jsonl          # one JSON object per comparison row
  arqam compare seeds --countries SAU,JOR --out results   # results/comparison.csv, ranking.csv, ...
  arqam compare store/ --reference my_countries.csv""",
    "report": """examples:
  arqam report seeds --out results                # every table, chart and HTML view; then open results/index.html
  arqam report store/ --out results --countries SAU,EGY,JOR --max-articles 20""",
    "index": """examples:
  arqam index outputs                             # (re)write outputs/index.html after running a notebook by hand""",
}


def _source_arguments(p: argparse.ArgumentParser, out_help: str, out_required: bool = False) -> None:
    p.add_argument("source", metavar="SOURCE", help=_SOURCE_HELP)
    p.add_argument("--out", metavar="DIR", required=out_required, help=out_help)
    p.add_argument("--catalog", help="catalog CSV of a corpus (default: SOURCE/catalog.csv for a folder)")
    p.add_argument("--text-column", default="text", help="text field of JSONL/Parquet corpora (default text)")


def _audit_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rounding-coarser-steps", type=_whole, metavar="N",
                   help="powers of ten of extra rounding accepted as 'rounding' (default: audit_settings.json)")
    p.add_argument("--per-capita-month-max", type=_finite_float, metavar="X",
                   help="plausibility ceiling of operations per resident per month (default: audit_settings.json)")


def _compare_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--countries", default="", help="ISO3 codes to compare, comma-separated (default: every country)")
    p.add_argument("--reference", help="reference CSV shaped like arqam's data/countries.csv (default: the packaged one)")


def _add_stages(sub) -> None:
    raw = argparse.RawDescriptionHelpFormatter  # keeps the examples' columns; descriptions are wrapped here

    def parser(name, help, description, **kw):
        return sub.add_parser(name, help=help, description=textwrap.fill(description, 88), epilog=_EXAMPLES[name],
                              formatter_class=raw, **kw)

    f = parser("facts", "the facts of a corpus or store: JSON Lines, or tables with --out",
               description="Every statistic with what it counts, whose, when and what it is part of. "
                           "Without --out, one JSON object per fact on standard output.")
    _source_arguments(f, "write facts.csv, facts.parquet, the facts table of DIR/arqam.duckdb and manifest_facts.json")
    f.set_defaults(func=_stage)
    a = parser("audit", "recheck the arithmetic: JSON Lines of checks, or tables with --out",
               description="Every arithmetic check of the facts (sums, parts, growth, shares, figures across articles, "
                           "plausibility) with its verdict. Without --out, one JSON object per check on standard output.")
    _source_arguments(a, "write audit.csv, audit.parquet, claims.csv, claims.parquet, the audits and claims tables of "
                         "DIR/arqam.duckdb and manifest_audit.json")
    _audit_arguments(a)
    a.set_defaults(func=_stage)
    c = parser("compare", "compare countries' digital adoption: JSON Lines, or tables with --out",
               description="The cross-country comparison table (per-resident rates with intervals, EGDI, GTMI, caveats). "
                           "Without --out, one JSON object per row on standard output.")
    _source_arguments(c, "write comparison.csv, comparison.parquet, ranking.csv, the adoption table and manifest_adoption.json")
    _compare_arguments(c)
    c.set_defaults(func=_stage)
    r = parser("report", "every stage into DIR: tables, charts, HTML views and index.html",
               description="Run facts, audit and compare over SOURCE and write their tables, the charts, "
                           "DIR/reports/{facts,audit,comparison}.html, DIR/run.json and DIR/index.html (printed last). "
                           "DIR may be new, empty or a folder of results; files of other stages are kept.")
    _source_arguments(r, "the output folder (required)", out_required=True)
    _audit_arguments(r)
    _compare_arguments(r)
    r.add_argument("--max-articles", type=_positive_int, default=50,
                   help="articles drawn in full in the facts and audit views (default 50; every row stays in the tables)")
    r.set_defaults(func=_stage)
    i = parser("index", "(re)write DIR/index.html for a folder of results",
               description="Write DIR/index.html: what ran (run.json, else the manifests), the headline figures, "
                           "and a link to every report, chart, table, manifest and executed notebook in DIR.")
    i.add_argument("folder", metavar="DIR", help="a folder of results (make run's outputs/, arqam report --out)")
    i.set_defaults(func=_index)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 some input or the run failed, 2 usage: nothing done)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed on one line
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return args.func(args)
    except BrokenPipeError:  # `arqam numbers f | head` closes the pipe early
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
