"""Read messy corpus inputs into documents, and account for every one that cannot be read.

Inputs: a folder of .txt / .md / .html files, a JSON Lines file ({"doc_id", "text",
meta…} per line), or a Parquet file with a text column. Each input yields either a
`Document` (decoded text plus provenance and warnings) or a `DocumentError` (with a
reason an analyst can act on); nothing is skipped silently.

Decoding: a BOM decides (UTF-8, UTF-16, UTF-32); else strict UTF-8; else UTF-16
without BOM when NUL bytes say so; else Windows-1256 when that gives Arabic text;
else UTF-8 with replacement characters *and* a warning naming the first bad byte.
HTML is parsed with the standard library's HTMLParser: scripts, styles and
templates are dropped, block elements end lines, entities are decoded; offsets of
every figure refer to the extracted text, which is what the store keeps.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MAX_BYTES = 50 * 1024 * 1024  # larger inputs are reported, not read (raise with max_bytes=)
_ARABIC = re.compile("[\u0600-\u06ff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


@dataclass
class Document:
    """A readable input document.

    Attributes:
        doc_id: identifier (file stem, or the JSONL/Parquet doc_id).
        text: decoded text (for HTML: the extracted text figures point into).
        source: where it came from (path, or path#line / path#row).
        fmt: txt, md, html, jsonl or parquet.
        encoding: how the bytes were decoded ("utf-8", "windows-1256", …).
        sha256: sha256 of the input bytes (file) or of the UTF-8 text (records).
        meta: catalog fields carried with the record.
        warnings: problems that did not stop reading (replaced bytes, no Arabic text).
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
        reason: short code (empty, binary, too_large, invalid_json, no_text, unreadable, duplicate_id).
        detail: a sentence saying what is wrong and what to do.
    """

    doc_id: str
    source: str
    reason: str
    detail: str


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode article bytes whatever their encoding.

    Args:
        data: the raw bytes.
    Returns:
        (text, encoding used, warnings); a warning is given whenever bytes had to be replaced.
    Raises:
        ValueError: when the bytes look binary (NUL or control bytes in no known text encoding).
    """
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", ""), []
            except UnicodeDecodeError as exc:
                text = data.decode(enc, errors="replace")
                return text, enc, [f"{_count_bad(data, enc)} undecodable byte(s) in {enc} replaced by U+FFFD (first at byte {exc.start})"]
    first_bad = None
    try:
        text = data.decode("utf-8")
        if "\x00" not in text:
            return text, "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    nul = data.count(b"\x00")
    if nul:
        # UTF-16 without a BOM: keep the byte order whose decoding reads as text
        best = max(((_plausible(data, enc), enc) for enc in ("utf-16-le", "utf-16-be")), key=lambda x: x[0])
        if best[0] >= 0.9:
            return data.decode(best[1]), best[1], []
        raise ValueError("binary content (NUL bytes, not UTF-16 text)")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(2, len(text) // 200):  # not UTF-8 with a few damaged bytes: try the legacy Arabic code page
        try:
            legacy = data.decode("cp1256")
            if _ARABIC.search(legacy) and not _CONTROL.search(legacy):
                return legacy, "windows-1256", []
        except UnicodeDecodeError:
            pass
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > len(text) // 100:
        raise ValueError("binary content (control bytes)")
    return text, "utf-8", [f"{bad} undecodable byte sequence(s) replaced by U+FFFD (first at byte {first_bad}); the file is not valid UTF-8"]


_TEXT_CHARS = re.compile("[\u0600-\u06ff\u0750-\u077f\u0020-\u007e\u00a0-\u00ff\u2000-\u206f\n\r\t\ufe70-\ufeff]")


def _plausible(data: bytes, enc: str) -> float:
    """Share of characters that are Arabic, Latin, digits, spaces or punctuation when decoded as enc."""
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return 0.0
    return len(_TEXT_CHARS.findall(text)) / max(1, len(text))


def _count_bad(data: bytes, enc: str) -> int:
    return data.decode(enc, errors="replace").count("\ufffd")


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML page."""

    SKIP = {"script", "style", "noscript", "template", "head", "svg"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "header", "footer", "blockquote", "pre", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML document (scripts and styles dropped, entities decoded).

    Args:
        html: the page source.
    Returns:
        Text with one line per block element and runs of blank lines collapsed.
    """
    p = _TextExtractor()
    p.feed(html)
    p.close()
    text = "".join(p.parts)
    text = re.sub(r"[ \t\u00a0]*\n[ \t\u00a0\n]*", "\n", text)
    return text.strip()


def _finish(doc_id, text, source, fmt, encoding, sha, meta, warnings) -> Document | DocumentError:
    if not text.strip():
        return DocumentError(doc_id, source, "no_text", "the document has no text after decoding (empty body or only markup)")
    if not _ARABIC.search(text):
        warnings = [*warnings, "no Arabic text: figures are read but Arabic context (hedges, subjects) cannot apply"]
    return Document(doc_id, text, source, fmt, encoding, sha, meta, warnings)


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Document | DocumentError:
    """Read one .txt/.md/.html file into a Document, or say why it cannot be read."""
    source = str(path)
    doc_id = path.stem
    try:
        size = path.stat().st_size
        if size == 0:
            return DocumentError(doc_id, source, "empty", "the file is empty (0 bytes)")
        if size > max_bytes:
            return DocumentError(doc_id, source, "too_large", f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit; split it or pass a larger max_bytes")
        data = path.read_bytes()
    except OSError as exc:
        return DocumentError(doc_id, source, "unreadable", f"cannot read the file: {exc.strerror or exc}")
    sha = hashlib.sha256(data).hexdigest()
    try:
        text, encoding, warnings = decode_bytes(data)
    except ValueError as exc:
        return DocumentError(doc_id, source, "binary", f"{exc}; not a text article")
    fmt = "html" if path.suffix.lower() in HTML_SUFFIXES else ("md" if path.suffix.lower() != ".txt" else "txt")
    if fmt == "html":
        text = html_to_text(text)
    return _finish(doc_id, text, source, fmt, encoding, sha, {}, warnings)


def _record(doc_id, text, source, fmt, meta) -> Document | DocumentError:
    if not isinstance(text, str):
        return DocumentError(doc_id, source, "no_text", f"the record's text is {type(text).__name__}, not a string")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if "<" in text and re.search(r"</?(?:p|div|html|body|br|span|script)\b", text, re.I):
        text = html_to_text(text)
        fmt = fmt + "+html"
    return _finish(doc_id, text, source, fmt, "utf-8", sha, meta, [])


def jsonl_record(raw: bytes, lineno: int, path: Path, text_field: str = "text") -> Document | DocumentError | None:
    """Turn one JSON Lines line into a Document or DocumentError (None for a blank line)."""
    source = f"{path}#{lineno}"
    if not raw.strip():
        return None
    fallback_id = f"{path.stem}:{lineno}"
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return DocumentError(fallback_id, source, "invalid_json", f"line {lineno} is not valid JSON: {exc}")
    if not isinstance(obj, dict):
        return DocumentError(fallback_id, source, "invalid_json", f"line {lineno} is a JSON {type(obj).__name__}, not an object")
    doc_id = str(obj.get("doc_id") or fallback_id)
    if text_field not in obj:
        return DocumentError(doc_id, source, "no_text", f"line {lineno} has no {text_field!r} field")
    meta = {k: v for k, v in obj.items() if k not in ("doc_id", text_field)}
    return _record(doc_id, obj[text_field], source, "jsonl", meta)


def iter_jsonl(path: Path, text_field: str = "text", start: int = 0, end: int | None = None, first_line: int = 1) -> Iterator[Document | DocumentError]:
    """Yield one Document or DocumentError per line of a JSON Lines file (or of a byte range of it)."""
    with open(path, "rb") as fh:
        fh.seek(start)
        lineno = first_line
        while end is None or fh.tell() < end:
            raw = fh.readline()
            if not raw:
                break
            item = jsonl_record(raw, lineno, path, text_field)
            lineno += 1
            if item is not None:
                yield item


def parquet_row_group(path: Path, group: int, text_field: str = "text") -> Iterator[Document | DocumentError]:
    """Yield one Document or DocumentError per row of one row group of a Parquet file."""
    import pyarrow.parquet as pq

    f = pq.ParquetFile(path)
    if text_field not in f.schema_arrow.names:
        raise ValueError(f"{path}: no column {text_field!r}; columns are {f.schema_arrow.names} (pass text_column=)")
    before = sum(f.metadata.row_group(i).num_rows for i in range(group))
    for row, rec in enumerate(f.read_row_group(group).to_pylist(), start=before + 1):
        doc_id = str(rec.get("doc_id") or f"{path.stem}:{row}")
        meta = {k: v for k, v in rec.items() if k not in ("doc_id", text_field)}
        yield _record(doc_id, rec[text_field], f"{path}#{row}", "parquet", meta)


def iter_parquet(path: Path, text_field: str = "text") -> Iterator[Document | DocumentError]:
    """Yield one Document or DocumentError per row of a Parquet file (one row group at a time)."""
    import pyarrow.parquet as pq

    for g in range(pq.ParquetFile(path).num_row_groups):
        yield from parquet_row_group(path, g, text_field)


def corpus_sources(corpus: str | Path) -> list[Path]:
    """List the article files of a folder corpus (sorted), or the single JSONL/Parquet file."""
    p = Path(corpus)
    if not p.exists():
        raise FileNotFoundError(f"corpus not found: {p} (a folder of .txt/.md/.html files, a .jsonl or a .parquet file)")
    if p.is_dir():
        return sorted(x for x in p.iterdir() if x.is_file() and x.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES)
    return [p]


def iter_documents(corpus: str | Path, text_field: str = "text", max_bytes: int = MAX_BYTES) -> Iterator[Document | DocumentError]:
    """Yield every document (or error) of a corpus, in a stable order, ids made unique."""
    seen: set[str] = set()
    for src in corpus_sources(corpus):
        suffix = src.suffix.lower()
        if suffix == ".jsonl":
            items = iter_jsonl(src, text_field)
        elif suffix == ".parquet":
            items = iter_parquet(src, text_field)
        else:
            items = iter([read_file(src, max_bytes)])
        for item in items:
            if item.doc_id in seen:
                yield DocumentError(item.doc_id, item.source, "duplicate_id", f"doc_id {item.doc_id!r} was already read from another input; give each article its own id")
                continue
            seen.add(item.doc_id)
            yield item
