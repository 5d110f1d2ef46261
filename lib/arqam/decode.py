"""Bytes to text, per document, never silently wrong.

A BOM decides (UTF-8, UTF-16, UTF-32); valid UTF-8 is UTF-8 (and UTF-8 Arabic that was
read as Windows-1256 and saved again is repaired, with a warning); a file with no valid
UTF-8 beyond ASCII goes to charset-normalizer, whose reading is kept when it reads as
Arabic (or as text with no Arabic at all, with a warning); otherwise each line is UTF-8,
or Windows-1256 when the line reads as Arabic in it (mixed encodings, warned), or UTF-8
with U+FFFD replacements and a warning naming the bad bytes. Mostly-valid UTF-8 is
therefore never turned whole into mojibake.
"""

from __future__ import annotations

import re
from pathlib import Path

ARABIC_CHAR = re.compile("[\u0600-\u06ff]")  # any character of the Arabic block
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_MOJIBAKE_LETTER = re.compile("[\u0637\u0638]")  # ط ظ: the lead bytes 0xD8/0xD9 of UTF-8 Arabic read as cp1256
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_WORDLIKE = re.compile(r"[^\W\d_]")
# charset-normalizer's names -> the names arqam reports
_ENCODING_NAMES = {"cp1256": "windows-1256", "iso8859_6": "iso-8859-6", "cp720": "cp720", "cp864": "cp864",
                   "mac_arabic": "mac-arabic", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be",
                   "utf_32_le": "utf-32-le", "utf_32_be": "utf-32-be", "ascii": "ascii"}
_ARABIC_CODEPAGES = {"cp1256", "iso8859_6", "cp720", "cp864", "mac_arabic"}


def clean_str(value: str) -> tuple[str, int]:
    """Replace code points that cannot be written as UTF-8 (lone surrogates) by U+FFFD.

    Args:
        value: a string, e.g. from json.loads or a file name the OS could not decode.
    Returns:
        (clean string, number of code points replaced).
    """
    if not _SURROGATE.search(value):
        return value, 0
    before = value.count("\ufffd")
    # A file name's undecodable bytes arrive as surrogate escapes: give them back their bytes first.
    try:
        value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        pass
    value = _SURROGATE.sub("\ufffd", value)
    return value, value.count("\ufffd") - before


def display_path(path: str | Path) -> str:
    """A path as text that can always be written (undecodable bytes as U+FFFD)."""
    return clean_str(str(path))[0]


def reads_as_arabic(text: str) -> bool:
    """Whether decoded text reads as Arabic rather than as mojibake or noise.

    Arabic letters make up at least half of the letters, ط and ظ (the signature of
    UTF-8 read as Windows-1256) stay a small share of them, and there are no control
    characters beyond a stray one.
    """
    letters = len(_ARABIC_LETTER.findall(text))
    if letters < 2 or len(_CONTROL.findall(text)) > len(text) // 200:
        return False
    if letters < 0.5 * len(_WORDLIKE.findall(text)):
        return False
    return len(_MOJIBAKE_LETTER.findall(text)) <= 0.25 * letters


def _looks_like_mojibake(text: str) -> bool:
    letters = len(_ARABIC_LETTER.findall(text))
    return letters >= 12 and len(_MOJIBAKE_LETTER.findall(text)) > 0.3 * letters


def _ranges(positions: list[int], limit: int = 5) -> str:
    """'10, 40–42, 97 (and 3 more)' from sorted integers."""
    runs: list[list[int]] = []
    for p in positions:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    shown = ", ".join(str(a) if a == b else f"{a}\u2013{b}" for a, b in runs[:limit])
    return shown + (f" (and {len(runs) - limit} more)" if len(runs) > limit else "")


def _detect(data: bytes, isolation: list[str] | None = None):
    """charset-normalizer's best reading: (python codec name, text) or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=isolation).best()
    if best is None:
        return None
    return best.encoding, str(best)


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode article bytes whatever their encoding, and say so whenever it is unsure.

    Args:
        data: the raw bytes.
    Returns:
        (text, encoding used, warnings). Valid UTF-8 is read as UTF-8; a BOM decides
        UTF-8/16/32; a file with no valid non-ASCII UTF-8 is read with the encoding
        charset-normalizer finds when that reads as Arabic; otherwise line by line
        (UTF-8, Windows-1256 for lines that read as Arabic in it, U+FFFD for the rest),
        with warnings naming the lines and byte positions.
    Raises:
        ValueError: when the bytes look binary (NUL or control bytes in no known text encoding).
    """
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", ""), []
            except UnicodeDecodeError as exc:
                text = data.decode(enc, errors="replace")
                return text, enc.replace("-sig", ""), [f"{text.count(chr(0xFFFD))} undecodable byte sequence(s) in {enc} replaced by U+FFFD (first at byte {exc.start})"]
    if b"\x00" in data:
        # UTF-16/32 without a BOM, or binary
        found = _detect(data, ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"])
        if found and _plausible(found[1]) >= 0.9:
            return found[1], _ENCODING_NAMES.get(found[0], found[0]), []
        raise ValueError("binary content (NUL bytes, not UTF-16/32 text)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _repair_mojibake(text)
    if len(_CONTROL.findall(data.decode("latin-1"))) > max(2, len(data) // 100):
        raise ValueError("binary content (control bytes)")
    lines = data.splitlines(keepends=True)
    has_utf8 = any(not line.isascii() and _is_utf8(line) for line in lines)
    if not has_utf8:  # nothing but ASCII is valid UTF-8: the whole file is in one legacy code page
        found = _detect(data)
        if found and found[0] in _ARABIC_CODEPAGES and reads_as_arabic(found[1]):
            return found[1], _ENCODING_NAMES[found[0]], []
        legacy = data.decode("cp1256")
        if reads_as_arabic(legacy):  # the detector hesitated but Windows-1256 reads as Arabic
            return legacy, "windows-1256", []
        if found and not ARABIC_CHAR.search(found[1]) and not _CONTROL.search(found[1]):
            return found[1], _ENCODING_NAMES.get(found[0], found[0]), [f"not UTF-8; read as {found[0]} (charset-normalizer), no Arabic text"]
    return _decode_lines(lines)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_lines(lines: list[bytes]) -> tuple[str, str, list[str]]:
    """Mixed or damaged bytes: each line as UTF-8, as Windows-1256 when it reads as Arabic, or with U+FFFD."""
    out: list[str] = []
    legacy_lines: list[int] = []
    bad_bytes: list[int] = []
    pos = 0
    for n, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            legacy = line.decode("cp1256")
            if reads_as_arabic(legacy):
                out.append(legacy)
                legacy_lines.append(n)
            else:
                start = 0
                while True:  # record every bad byte position of the line
                    try:
                        line[start:].decode("utf-8")
                        break
                    except UnicodeDecodeError as exc:
                        bad_bytes.extend(range(pos + start + exc.start, pos + start + exc.end))
                        start += exc.end
                out.append(line.decode("utf-8", errors="replace"))
        pos += len(line)
    text = "".join(out)
    warnings = []
    if legacy_lines:
        warnings.append(f"mixed encodings: line(s) {_ranges(legacy_lines)} are not UTF-8 and were read as Windows-1256 (they read as Arabic in it); the rest is UTF-8")
    if bad_bytes:
        warnings.append(f"{len(bad_bytes)} undecodable byte(s) replaced by U+FFFD at byte(s) {_ranges(bad_bytes)}; the file is not valid UTF-8")
    if not ARABIC_CHAR.search(text.replace("\ufffd", "")) and len(bad_bytes) > len(text) // 100 and len(bad_bytes) > 2:
        # neither UTF-8 nor Arabic in any code page we know: say so rather than pass noise on
        warnings.append("the encoding could not be determined; most non-ASCII bytes were replaced")
    return text, ("utf-8+windows-1256" if legacy_lines else "utf-8"), warnings


def _repair_mojibake(text: str) -> tuple[str, str, list[str]]:
    """Valid UTF-8; if it holds UTF-8 Arabic once read as Windows-1256 and saved again, undo that."""
    if not _looks_like_mojibake(text):
        return text, "utf-8", []
    try:
        repaired = text.encode("cp1256").decode("utf-8")
    except UnicodeError:
        return text, "utf-8", ["the text looks like mojibake (UTF-8 Arabic read as Windows-1256 before it was saved) and could not be repaired; figures are read but words are not Arabic"]
    if reads_as_arabic(repaired):
        return repaired, "utf-8", ["mojibake repaired: the file was UTF-8 Arabic read as Windows-1256 and saved again as UTF-8"]
    return text, "utf-8", []


_TEXT_CHARS = re.compile("[\u0600-\u06ff\u0750-\u077f\u0020-\u007e\u00a0-\u00ff\u2000-\u206f\n\r\t\ufe70-\ufeff]")


def _plausible(text: str) -> float:
    """Share of characters that are Arabic, Latin, digits, spaces or punctuation."""
    return len(_TEXT_CHARS.findall(text)) / max(1, len(text))
