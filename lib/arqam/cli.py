"""Command line: `arqam numbers FILE...` prints every figure as JSON Lines.

Shell users and schedulers need no Python: each output line is one mention with
the file it came from, so the output can be piped to jq, DuckDB or a spreadsheet.
"""

from __future__ import annotations

import argparse
import json
import sys
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
            row = {"file": doc, **m.to_dict()}
            out.write(json.dumps(row, ensure_ascii=args.ascii) + "\n")
    return 1 if failures else 0


def _extract(args: argparse.Namespace) -> int:
    from .corpus import extract_corpus

    try:
        s = extract_corpus(
            args.corpus, args.out, catalog=args.catalog, scheduler=args.scheduler, workers=args.workers,
            partition_size=args.partition_size, text_column=args.text_column, progress=not args.no_progress,
        )
    except (FileNotFoundError, ValueError) as exc:
        print(f"arqam extract: {exc}", file=sys.stderr)
        return 2
    print(f"inputs: {s['in']:,}  documents: {s['documents']:,}  errors: {s['errors']:,}  (in = documents + errors)")
    for reason, n in s["error_reasons"].items():
        print(f"  errors[{reason}]: {n:,}")
    print(f"mentions: {s['mentions']:,}  facts: {s['facts']:,}  chars: {s['chars']:,}  partitions: {s['partitions']:,}  seconds: {s['seconds']:.1f}")
    print(f"written: {s['duckdb']} (tables documents, mentions, facts, errors) and {s['parts']}/<table>/part-*.parquet")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `arqam` command."""
    parser = argparse.ArgumentParser(prog="arqam", description="Read and audit figures in Arabic news about government e-services.")
    parser.add_argument("--version", action="version", version=f"arqam {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "numbers",
        help="print every figure of the given files as JSON Lines",
        description="Print one JSON object per figure: file, start, end, text, value, kind, qualifier, low, high (null when unbounded), unit.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files; '-' reads standard input")
    p.add_argument("--kinds", help=f"comma-separated kinds to keep (default all): {','.join(KINDS)}")
    p.add_argument("--ascii", action="store_true", help="escape non-ASCII characters in the output")
    p.set_defaults(func=_numbers)
    e = sub.add_parser(
        "extract",
        help="extract mentions and facts from a corpus into Parquet and DuckDB (dask)",
        description="Read a folder of .txt/.md/.html files, a .jsonl or a .parquet corpus; write partitioned Parquet and OUT/arqam.duckdb. Every input ends as a document or an error row.",
    )
    e.add_argument("corpus", help="folder of articles, .jsonl file or .parquet file")
    e.add_argument("--out", required=True, help="output folder")
    e.add_argument("--catalog", help="catalog CSV (default: CORPUS/catalog.csv for a folder)")
    e.add_argument("--scheduler", default="threads", help="sync, threads, processes, or a dask.distributed address tcp://host:port (default threads)")
    e.add_argument("--workers", type=int, help="local workers (default: all cores)")
    e.add_argument("--partition-size", type=int, default=200, help="documents per partition (default 200)")
    e.add_argument("--text-column", default="text", help="text field of JSONL/Parquet inputs (default text)")
    e.add_argument("--no-progress", action="store_true", help="no progress bar (for schedulers and logs)")
    e.set_defaults(func=_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 some input failed, 2 usage)."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `arqam numbers f | head` closes the pipe early
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
