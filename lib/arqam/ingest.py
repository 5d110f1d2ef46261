"""Read messy corpus inputs into documents, and account for every one that cannot be read.

Inputs: a folder (every entry in it: .txt / .md / .html articles, .jsonl and .parquet
corpora; anything else is reported), a JSON Lines file ({"doc_id", "text", meta…} per
line), or a Parquet file with a text column. Each input yields either a `Document`
(decoded text plus provenance and warnings) or a `DocumentError` (with a reason from
`ERROR_REASONS` an analyst can act on); nothing is skipped silently.

Bytes become text in `arqam.decode` (per document, never silently mojibake); a saved
news page becomes its article's text and metadata in `arqam.pages` (trafilatura).
Offsets of every figure refer to the extracted text, which is what the store keeps.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .decode import ARABIC_CHAR, clean_str, decode_bytes, display_path, reads_as_arabic  # noqa: F401 (re-exported)
from .pages import html_article, html_to_text, looks_like_html  # noqa: F401 (re-exported)

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
RECORD_SUFFIXES = (".jsonl", ".parquet")
MAX_BYTES = 50 * 1024 * 1024  # larger inputs are reported, not read (raise with max_bytes=)

# Every reason an input can end in the errors table, with what it means.
ERROR_REASONS = {
    "empty": "the file is empty (0 bytes)",
    "binary": "the bytes are not text in any known encoding",
    "too_large": "over the size limit (max_bytes)",
    "invalid_json": "a JSON Lines line that is not a JSON object, or whose doc_id is not valid text",
    "no_text": "no text after decoding, or the record has no text field",
    "unreadable": "the operating system refused to read it, or a Parquet file is damaged",
    "unsupported": "a folder, a FIFO/socket/device, or a file suffix arqam does not read",
    "broken_link": "a symbolic link to nothing, or a loop of links",
    "duplicate_id": "a doc_id already read from another input (the first is kept)",
    "extraction_failed": "reading figures or facts raised an error (a bug to report)",
    "too_costly": "the document went over the per-document time or memory budget",
}


@dataclass
class Document:
    """A readable input document.

    Attributes:
        doc_id: identifier (file stem, or the JSONL/Parquet doc_id).
        text: decoded text (for HTML: the extracted text figures point into).
        source: where it came from (path, or path#line / path#row).
        fmt: txt, md, html, jsonl or parquet (+html when a record holds a page).
        encoding: how the bytes were decoded ("utf-8", "windows-1256", …).
        sha256: sha256 of the input bytes (file) or of the UTF-8 text (records).
        meta: the record's own fields, and a page's metadata (title, site, url,
            page_published) for HTML.
        warnings: problems that did not stop reading (replaced bytes, mixed encodings,
            no Arabic text, no article found in a page).
    """

    doc_id: str
    text: str
    source: str
    fmt: str
    encoding: str
    sha256: str
    meta: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


@dataclass
class DocumentError:
    """An input that could not become a document.

    Attributes:
        doc_id: identifier when known, else the source.
        source: where it came from.
        reason: a key of ERROR_REASONS.
        detail: a sentence saying what is wrong and what to do.
    """

    doc_id: str
    source: str
    reason: str
    detail: str


# ---------------------------------------------------------------------------
# Inputs


def _finish(doc_id, text, source, fmt, encoding, sha, meta, warnings) -> Document | DocumentError:
    if not text.strip():
        return DocumentError(doc_id, source, "no_text", "the document has no text after decoding (empty body or only markup)")
    if not ARABIC_CHAR.search(text):
        warnings = [*warnings, "no Arabic text: figures are read but Arabic context (hedges, subjects) cannot apply"]
    return Document(doc_id, text, source, fmt, encoding, sha, meta, warnings)


def _fmt(path: Path) -> str | None:
    s = path.suffix.lower()
    if s in HTML_SUFFIXES:
        return "html"
    if s in TEXT_SUFFIXES:
        return "txt" if s == ".txt" else "md"
    return None


def check_entry(path: Path, supported: tuple[str, ...] = TEXT_SUFFIXES + HTML_SUFFIXES) -> DocumentError | None:
    """Say why a folder entry cannot be read as an article file, or None when it is a regular file we read.

    Args:
        path: the entry (a file, link, folder or special file).
        supported: the suffixes read.
    Returns:
        A DocumentError with reason broken_link or unsupported, or None.
    """
    source, doc_id = display_path(path), display_path(path.stem)
    try:
        st = os.stat(path)  # follows links: a link to an article is read
    except OSError as exc:
        if os.path.islink(path):
            loop = exc.errno == errno.ELOOP
            return DocumentError(doc_id, source, "broken_link", "a loop of symbolic links; point the link at a file" if loop else f"a symbolic link to nothing ({display_path(os.readlink(path))}); fix or remove the link")
        return DocumentError(doc_id, source, "unreadable", f"cannot read it: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        return DocumentError(doc_id, source, "unsupported", "a folder: arqam reads the files directly in the corpus folder, not sub-folders; run arqam on this folder separately")
    if not stat.S_ISREG(st.st_mode):
        kind = "FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "special file"
        return DocumentError(doc_id, source, "unsupported", f"a {kind}, not a regular file; save the article to a file")
    if path.suffix.lower() not in supported:
        return DocumentError(doc_id, source, "unsupported", f"the suffix {display_path(path.suffix) or '(none)'} is not read; arqam reads {' '.join(supported)}: rename or convert the file")
    return None


def _read_regular(path: Path, max_bytes: int) -> bytes | DocumentError:
    source, doc_id = display_path(path), display_path(path.stem)
    try:
        # O_NONBLOCK: a FIFO swapped in after check_entry must not hang the run
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return DocumentError(doc_id, source, "unsupported", "not a regular file; save the article to a file")
            if st.st_size == 0:
                return DocumentError(doc_id, source, "empty", "the file is empty (0 bytes)")
            if st.st_size > max_bytes:
                return DocumentError(doc_id, source, "too_large", f"{st.st_size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit; split it or pass a larger max_bytes")
            with os.fdopen(os.dup(fd), "rb") as fh:
                return fh.read(max_bytes + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return DocumentError(doc_id, source, "unreadable", f"cannot read the file: {exc.strerror or exc}")


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Document | DocumentError:
    """Read one folder entry into a Document, or say why it cannot be read.

    Args:
        path: a .txt/.md/.html file (links to one are followed); any other entry gives
            an error (folder, special file, broken link, other suffix).
        max_bytes: files larger than this are reported as too_large.
    Returns:
        A Document (HTML: the article's main text, with the page's metadata in meta) or
        a DocumentError.
    """
    problem = check_entry(path)
    if problem is not None:
        return problem
    data = _read_regular(path, max_bytes)
    if isinstance(data, DocumentError):
        return data
    source = display_path(path)
    doc_id, n_bad = clean_str(path.stem)
    warnings = [f"the file name is not valid UTF-8; doc_id {doc_id!r} has {n_bad} replaced character(s)"] if n_bad else []
    sha = hashlib.sha256(data).hexdigest()
    try:
        text, encoding, more = decode_bytes(data)
    except ValueError as exc:
        return DocumentError(doc_id, source, "binary", f"{exc}; not a text article")
    warnings += more
    fmt = _fmt(path)
    meta: dict = {}
    if fmt == "html":
        text, meta, more = html_article(text)
        warnings += more
    return _finish(doc_id, text, source, fmt, encoding, sha, meta, warnings)


def _record(doc_id, text, source, fmt, meta) -> Document | DocumentError:
    if not isinstance(text, str):
        return DocumentError(doc_id, source, "no_text", f"the record's text is {type(text).__name__}, not a string")
    text, n_bad = clean_str(text)
    warnings = [f"{n_bad} lone surrogate(s) (not valid Unicode) replaced by U+FFFD"] if n_bad else []
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    meta = {k: (clean_str(v)[0] if isinstance(v, str) else v) for k, v in meta.items()}
    if looks_like_html(text):
        text, page, more = html_article(text)
        meta = {**page, **meta}
        warnings += more
        fmt = fmt + "+html"
    return _finish(doc_id, text, source, fmt, "utf-8", sha, meta, warnings)


def jsonl_record(raw: bytes, lineno: int, path: Path, text_field: str = "text") -> Document | DocumentError | None:
    """Turn one JSON Lines line into a Document or DocumentError (None for a blank line)."""
    source = f"{display_path(path)}#{lineno}"
    if not raw.strip():
        return None
    fallback_id = f"{display_path(path.stem)}:{lineno}"
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return DocumentError(fallback_id, source, "invalid_json", f"line {lineno} is not valid JSON: {str(exc)[:200]}")
    if not isinstance(obj, dict):
        return DocumentError(fallback_id, source, "invalid_json", f"line {lineno} is a JSON {type(obj).__name__}, not an object")
    raw_id = obj.get("doc_id")
    if raw_id is None or raw_id == "":
        doc_id = fallback_id
    else:
        doc_id, n_bad = clean_str(str(raw_id))
        if n_bad:
            return DocumentError(fallback_id, source, "invalid_json", f"line {lineno}: the doc_id holds {n_bad} lone surrogate(s) (not valid Unicode); fix the id")
    if text_field not in obj:
        return DocumentError(doc_id, source, "no_text", f"line {lineno} has no {text_field!r} field")
    meta = {k: v for k, v in obj.items() if k not in ("doc_id", text_field)}
    return _record(doc_id, obj[text_field], source, "jsonl", meta)


def jsonl_lines(path: Path, text_field: str = "text", start: int = 0, end: int | None = None, first_line: int = 1,
                max_bytes: int = MAX_BYTES) -> Iterator[tuple[int, Document | DocumentError | None]]:
    """Yield (line number, Document / DocumentError / None for a blank line) for every line of a byte range.

    A line longer than max_bytes is reported as too_large without being held in memory;
    a record the reader fails on is that line's error.
    """
    with open(path, "rb") as fh:
        fh.seek(start)
        lineno = first_line
        while end is None or fh.tell() < end:
            raw = fh.readline(max_bytes + 1)
            if not raw:
                break
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                size = len(raw)
                while True:  # skip the rest of the line in bounded chunks
                    more = fh.readline(1 << 20)
                    size += len(more)
                    if not more or more.endswith(b"\n"):
                        break
                yield lineno, DocumentError(f"{display_path(path.stem)}:{lineno}", f"{display_path(path)}#{lineno}", "too_large",
                                            f"line {lineno} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; split the article or pass a larger max_bytes")
            else:
                try:
                    item = jsonl_record(raw, lineno, path, text_field)
                except Exception as exc:  # a reader bug: this line's error, not the run's end
                    item = DocumentError(f"{display_path(path.stem)}:{lineno}", f"{display_path(path)}#{lineno}", "invalid_json", f"{type(exc).__name__}: {str(exc)[:200]}")
                yield lineno, item
            lineno += 1


def iter_jsonl(path: Path, text_field: str = "text", start: int = 0, end: int | None = None, first_line: int = 1,
               max_bytes: int = MAX_BYTES) -> Iterator[Document | DocumentError]:
    """Yield one Document or DocumentError per non-blank line of a JSON Lines file (or of a byte range of it)."""
    for _, item in jsonl_lines(path, text_field, start, end, first_line, max_bytes):
        if item is not None:
            yield item


def parquet_row_group(path: Path, group: int, text_field: str = "text", max_bytes: int = MAX_BYTES) -> Iterator[Document | DocumentError]:
    """Yield one Document or DocumentError per row of one row group of a Parquet file.

    A row group that cannot be read gives one unreadable error per row it holds.
    """
    import pyarrow.parquet as pq

    f = pq.ParquetFile(path)
    if text_field not in f.schema_arrow.names:
        raise ValueError(f"{path}: no column {text_field!r}; columns are {f.schema_arrow.names} (pass text_column=)")
    before = sum(f.metadata.row_group(i).num_rows for i in range(group))
    n = f.metadata.row_group(group).num_rows
    try:
        records = f.read_row_group(group).to_pylist()
    except Exception as exc:  # a damaged row group: every row in it is accounted for
        for row in range(before + 1, before + n + 1):
            yield DocumentError(f"{display_path(path.stem)}:{row}", f"{display_path(path)}#{row}", "unreadable", f"row group {group} cannot be read: {str(exc)[:200]}")
        return
    for row, rec in enumerate(records, start=before + 1):
        source = f"{display_path(path)}#{row}"
        doc_id, n_bad = clean_str(str(rec.get("doc_id") or f"{path.stem}:{row}"))
        if n_bad:
            yield DocumentError(f"{display_path(path.stem)}:{row}", source, "invalid_json", f"row {row}: the doc_id is not valid Unicode; fix the id")
            continue
        text = rec[text_field]
        if isinstance(text, str) and len(text) > max_bytes // 4 and len(text.encode("utf-8")) > max_bytes:
            yield DocumentError(doc_id, source, "too_large", f"row {row}'s text is over the {max_bytes / 1e6:.0f} MB limit; split it or pass a larger max_bytes")
            continue
        meta = {k: v for k, v in rec.items() if k not in ("doc_id", text_field)}
        yield _record(doc_id, text, source, "parquet", meta)


def iter_parquet(path: Path, text_field: str = "text") -> Iterator[Document | DocumentError]:
    """Yield one Document or DocumentError per row of a Parquet file (one row group at a time)."""
    import pyarrow.parquet as pq

    for g in range(pq.ParquetFile(path).num_row_groups):
        yield from parquet_row_group(path, g, text_field)


def corpus_sources(corpus: str | Path, exclude: tuple[Path, ...] = ()) -> list[Path]:
    """List every entry of a folder corpus (sorted by name), or the single corpus file.

    Args:
        corpus: a folder, or a .jsonl/.parquet/.txt/.md/.html file.
        exclude: entries that are not inputs (the catalog in use).
    Returns:
        Every entry, whatever it is: read_file reports the ones that are not articles.
    """
    p = Path(corpus)
    if not p.exists() and not p.is_symlink():
        raise FileNotFoundError(f"corpus not found: {p} (a folder of .txt/.md/.html files, a .jsonl or a .parquet file)")
    if p.is_dir():
        skip = {os.path.abspath(x) for x in exclude}
        return sorted((x for x in p.iterdir() if os.path.abspath(x) not in skip), key=lambda x: os.fsencode(x.name))
    return [p]


def iter_documents(corpus: str | Path, text_field: str = "text", max_bytes: int = MAX_BYTES) -> Iterator[Document | DocumentError]:
    """Yield every document (or error) of a corpus, in a stable order, ids made unique."""
    seen: set[str] = set()
    for src in corpus_sources(corpus):
        suffix = src.suffix.lower()
        if suffix == ".jsonl" and check_entry(src, RECORD_SUFFIXES) is None:
            items = iter_jsonl(src, text_field, max_bytes=max_bytes)
        elif suffix == ".parquet" and check_entry(src, RECORD_SUFFIXES) is None:
            items = iter_parquet(src, text_field)
        else:
            items = iter([read_file(src, max_bytes)])
        for item in items:
            if isinstance(item, Document) and item.doc_id in seen:
                yield DocumentError(item.doc_id, item.source, "duplicate_id", f"doc_id {item.doc_id!r} was already read from another input; give each article its own id")
                continue
            if isinstance(item, Document):
                seen.add(item.doc_id)
            yield item
