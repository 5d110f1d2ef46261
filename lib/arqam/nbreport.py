"""Readable HTML reports of executed notebooks: code hidden, titled by corpus, charts described.

`make run` turns each executed notebook into ``OUTPUT/reports/<name>.html`` with
`notebook_report`: nbconvert's lab template without the code, plus

- a title (the page's and the first heading) that names the corpus;
- alternative text on every chart: the heading and the first sentence of the markdown
  cell that introduces it (nbconvert's template has no alt attribute, so each PNG output
  becomes an ``<img alt=…>``);
- a small stylesheet that keeps the page within a laptop screen: printed lines wrap at
  spaces (not mid-word or mid-number), a printed table too wide for the page is set in
  smaller type instead of wrapping its rows, data frames wrap their cells, charts shrink
  to the page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

REPORT_CSS = """
/* arqam: reports fit a 1400 px wide screen; text wraps between words, not inside them */
body { overflow-wrap: break-word; }
.jp-OutputArea-output pre { word-break: normal; overflow-wrap: anywhere; white-space: pre-wrap; font-size: 12px; }
.jp-RenderedHTMLCommon table.dataframe { table-layout: auto; max-width: 100%; }
.jp-RenderedHTMLCommon table.dataframe td, .jp-RenderedHTMLCommon table.dataframe th {
  white-space: normal; overflow-wrap: break-word; padding: 0.3em 0.45em; }
.jp-RenderedImage img, .jp-RenderedHTMLCommon img { max-width: 100%; height: auto; }
.arqam-corpus { font-weight: normal; color: #555555; }
.jp-Cell.jp-mod-noOutputs.jp-mod-noInput { display: none; }  /* hidden code leaves no gap */
"""
PAGE_WIDTH_PX = 1300  # a printed table as wide as this fits a 1400 px window beside the margins
_MONO_EM = 0.6  # width of a monospace character, in em
_PRE_PX = 12  # the report's font size for printed output (REPORT_CSS)
_PRE_MIN_PX = 8  # below this a printed table wraps instead of shrinking further
_COLUMN_GAP = re.compile(r"\S {2,}\S")  # columns of a printed table are aligned with runs of spaces
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s")
_MARKUP = re.compile(r"[`*_#>\[\]]|\(https?://[^)]*\)")


def _plain(markdown: str) -> str:
    return " ".join(_MARKUP.sub("", markdown).split())


def _intro(markdown: str) -> tuple[str, str]:
    """(last heading, first sentence of the text after it) of a markdown cell."""
    heading, text = "", []
    for line in markdown.splitlines():
        if line.lstrip().startswith("#"):
            heading, text = _plain(line.lstrip("# ")), []
        elif line.strip():
            text.append(line.strip())
    body = _plain(" ".join(text))
    first = _SENTENCE_END.split(body, maxsplit=1)[0] if body else ""
    return heading, first


def chart_alt_texts(nb) -> int:
    """Give every PNG output of a notebook alternative text, in place.

    A PNG output's alt text is ``output.metadata["image/png"]["alt"]`` when the notebook
    set one; otherwise the heading and first sentence of the nearest markdown cell above
    it ("Chart: Growth over time. Small multiples: …"). The output becomes an HTML
    ``<img>`` carrying the PNG and its alt text (nbconvert's lab template writes no alt).

    Args:
        nb: a notebook node (nbformat v4), changed in place.

    Returns:
        How many images were given a text.
    """
    heading, sentence, done = "", "", 0
    title = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            h, s = _intro(cell.source)
            if h and not title:
                title = h
            heading, sentence = (h or heading), (s or sentence)
            continue
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" not in data or out.get("output_type") not in ("display_data", "execute_result"):
                continue
            meta = out.get("metadata", {}).get("image/png", {})
            alt = meta.get("alt") if isinstance(meta, dict) else None
            if not alt:
                alt = "Chart: " + ". ".join(x.rstrip(".") for x in (heading or title, sentence) if x) + "."
            png = data["image/png"]
            png = "".join(png) if isinstance(png, list) else png
            img = (f'<img src="data:image/png;base64,{png.strip()}" alt="{html.escape(alt, quote=True)}"'
                   f' style="max-width:100%;height:auto;">')
            out["data"] = {"text/html": img, "text/plain": data.get("text/plain", alt)}
            out["metadata"] = {}
            done += 1
    return done


def _first_heading(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return _plain(line[2:])
    return ""


def notebook_report(notebook: str | Path, html_path: str | Path, corpus_name: str | None = None) -> Path:
    """Write the HTML report of an executed notebook, code hidden.

    Args:
        notebook: the executed .ipynb (e.g. outputs/notebooks/20_audit_consistency.ipynb).
        html_path: the report to write (its folder is created; the file is replaced
            atomically).
        corpus_name: named in the page title and after the first heading
            ("Audit the arithmetic of the articles — corpus seeds").

    Returns:
        html_path.
    """
    import nbformat
    from bs4 import BeautifulSoup  # nbconvert's own dependency
    from nbconvert import HTMLExporter

    from .store import _replace

    nb = nbformat.read(str(notebook), as_version=4)
    chart_alt_texts(nb)
    heading = _first_heading(nb) or Path(notebook).stem
    suffix = f" — corpus {corpus_name}" if corpus_name else ""
    nb.metadata["title"] = heading + suffix
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    soup = BeautifulSoup(body, features="html.parser")
    style = soup.new_tag("style")
    style.string = REPORT_CSS
    (soup.head or soup).append(style)
    for pre in soup.select(".jp-OutputArea-output pre"):
        lines = pre.get_text().split("\n")
        widest = max((len(line) for line in lines), default=0)
        aligned = sum(1 for line in lines if _COLUMN_GAP.search(line)) > len(lines) / 2  # a printed table, not prose
        if aligned and widest * _MONO_EM * _PRE_PX > PAGE_WIDTH_PX:  # smaller type rather than wrapped rows
            size = max(_PRE_MIN_PX, PAGE_WIDTH_PX / (widest * _MONO_EM))
            pre["style"] = f"font-size:{size:.1f}px;" + pre.get("style", "")
    h1 = soup.find("h1")
    if h1 is not None and suffix:
        span = soup.new_tag("span", attrs={"class": "arqam-corpus"})
        span.string = suffix
        anchor = h1.find("a", class_="anchor-link")
        if anchor is not None:
            anchor.insert_before(span)
        else:
            h1.append(span)
    out = Path(html_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = str(soup)
    _replace(out, lambda p: p.write_text(text, encoding="utf-8"))
    return out
