"""Command line: `arqam numbers FILE...` prints every figure as JSON Lines.

Shell users and schedulers need no Python: each output line is one mention with
the file it came from, so the output can be piped to jq, DuckDB or a spreadsheet.
"""

from __future__ import annotations

import argparse
import json
import math
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


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return n


def _seconds(text: str) -> float:
    try:
        n = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(n) or n < 0:
        raise argparse.ArgumentTypeError(f"{text} must be a number of seconds, 0 for no limit")
    return n


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `arqam` command."""
    parser = _Parser(prog="arqam", description="Read and audit figures in Arabic news about government e-services.")
    parser.add_argument("--version", action="version", version=f"arqam {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
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
        description="Read a folder of .txt/.md/.html files, a .jsonl or a .parquet corpus; write partitioned Parquet and OUT/arqam.duckdb. "
                    "Every input ends as a document or an error row. OUT must be new, empty or a previous store: it is replaced whole, "
                    "atomically, when the run succeeds; a failed or killed run leaves it as it was. Bad arguments stop the run before any work (exit 2).",
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
    return parser


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
