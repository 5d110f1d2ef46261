"""Saved news pages: the article's main text and metadata, or all visible text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .decode import clean_str

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
    """Return all the visible text of an HTML document (scripts and styles dropped, entities decoded).

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


def html_article(html: str) -> tuple[str, dict, list[str]]:
    """Extract a saved news page's article text and metadata.

    Args:
        html: the page source.
    Returns:
        (text, metadata, warnings): the main text (headline and body; menus, related
        links, comments and footers dropped) found by trafilatura; metadata with
        title, page_published (ISO date), site and url when the page states them;
        a warning when no article was found and all visible text is kept instead.
    """
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # a page the extractor chokes on still gives its visible text
        doc, err = None, f"{type(exc).__name__}: {exc}"
    else:
        err = None
    found = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    meta = {
        "title": found.get("title") or None,
        "page_published": found.get("date") or None,
        "site": found.get("sitename") or found.get("hostname") or None,
        "url": found.get("url") or None,
    }
    meta = {k: clean_str(str(v))[0] for k, v in meta.items() if v}
    text = (found.get("text") or "").strip()
    if text:
        return text, meta, []
    why = f" ({err})" if err else ""
    return html_to_text(html), meta, [f"no article body found in the page{why}; all its visible text is kept"]


_HTML_TAG = re.compile(r"</?(?:p|div|html|body|br|span|script|article)\b", re.I)


def looks_like_html(text: str) -> bool:
    """Whether a record's text is an HTML page or fragment rather than plain text."""
    return "<" in text and _HTML_TAG.search(text) is not None
