"""arqam.nbreport: a report of an executed notebook, code hidden, titled by corpus, charts described."""

import base64
import re

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from arqam.nbreport import chart_alt_texts, notebook_report

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nnot really").decode()


def _notebook():
    return new_notebook(cells=[
        new_markdown_cell("# Audit the arithmetic of the articles\n\nRechecks every claim."),
        new_code_cell("secret_code = 1", outputs=[]),
        new_markdown_cell("### Growth over time\n\nSmall multiples: every series in time order. More text."),
        new_code_cell("plt.show()", outputs=[new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]),
        new_code_cell("print(table)", outputs=[new_output("stream", name="stdout", text="\n".join(
            ["col_a" + " " * 3 + "col_b" + " " * 250 + "col_c"] * 3))]),
        new_code_cell("print(prose)", outputs=[new_output("stream", name="stdout", text="word " * 120)]),
    ])


def test_charts_get_the_heading_and_first_sentence_above_them_as_alt_text():
    nb = _notebook()
    assert chart_alt_texts(nb) == 1
    out = nb.cells[3].outputs[0]
    assert "image/png" not in out["data"]
    (alt,) = re.findall(r'alt="([^"]*)"', out["data"]["text/html"])
    assert alt == "Chart: Growth over time. Small multiples: every series in time order."


def test_report_hides_code_names_the_corpus_and_fits_the_page(tmp_path):
    path = tmp_path / "nb.ipynb"
    nbformat.write(_notebook(), str(path))
    page = notebook_report(path, tmp_path / "reports" / "nb.html", "gulf").read_text(encoding="utf-8")
    assert "<title>Audit the arithmetic of the articles — corpus gulf</title>" in page
    assert re.search(r"<h1[^>]*>Audit the arithmetic of the articles<span class=\"arqam-corpus\"> — corpus gulf</span>", page)
    assert "secret_code" not in page
    assert "word-break: normal" in page  # printed lines wrap between words, not inside them
    assert re.search(r'<img[^>]*alt="Chart: Growth over time', page) and "No description has been provided" not in page
    pres = re.findall(r"<pre([^>]*)>", page)
    sizes = [float(m) for p in pres for m in re.findall(r"font-size:([\d.]+)px", p)]
    assert len(sizes) == 1 and sizes[0] < 12  # the wide printed table is set smaller; the prose is left to wrap
