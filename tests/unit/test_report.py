"""arqam.report.annotate_html: escaped, right-to-left article with each mention marked."""

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from arqam import NumberMention, find_numbers
from arqam.corpus import mentions_frame
from arqam.report import annotate_html

ARTICLE = "سجلت منصة أبشر أكثر من 41 مليون عملية خلال عام 2024،\nبنمو 15%."
SCRIPT = "<script>alert('x')</script> بلغ عدد المستخدمين 5 ملايين & أكثر"


class _Article(HTMLParser):
    """Collects the article body's text (``<br>`` as a newline) and each mark's text and title."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside <div class="arqam-text">
        self.body: list[str] = []
        self.marks: list[dict] = []
        self.in_mark = False
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "div" and (self.depth or a.get("class") == "arqam-text"):
            self.depth += 1
        elif tag == "mark":
            self.in_mark = True
            self.marks.append({"text": "", **a})

    def handle_endtag(self, tag):
        if tag == "div" and self.depth:
            self.depth -= 1
        elif tag == "mark":
            self.in_mark = False

    def handle_data(self, data):
        if self.depth:
            self.body.append(data.replace("\n", ""))  # the newline after each <br> is layout
            if self.in_mark:
                self.marks[-1]["text"] += data

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)


def _parse(fragment):
    p = _Article()
    p.feed(fragment.replace("<br>", "\u2028"))  # stand-in so <br> survives as text
    p.close()
    return p, "".join(p.body).replace("\u2028", "\n")


def test_script_in_an_article_renders_as_text():
    out = annotate_html(SCRIPT, find_numbers(SCRIPT), title="<img src=x onerror=alert(1)>")
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "&amp; أكثر" in out
    p, body = _parse(out)
    assert "script" not in p.tags and "img" not in p.tags
    assert body == SCRIPT


def test_marks_cover_exactly_the_mention_text():
    mentions = find_numbers(ARTICLE)
    assert len(mentions) >= 3
    p, body = _parse(annotate_html(ARTICLE, mentions))
    assert [m["text"] for m in p.marks] == [ARTICLE[m.start:m.end] for m in mentions]
    assert [(int(m["data-start"]), int(m["data-end"])) for m in p.marks] == [(m.start, m.end) for m in mentions]
    assert body == ARTICLE  # nothing added, dropped or moved outside the marks


def test_fragment_is_right_to_left_arabic():
    out = annotate_html(ARTICLE, find_numbers(ARTICLE))
    assert re.match(r'<div [^>]*dir="rtl"[^>]*lang="ar"', out)
    assert out.rstrip().endswith("</div>")


def test_newlines_become_br():
    out = annotate_html(ARTICLE, [])
    assert "<br>" in out
    assert out.count("<br>") == ARTICLE.count("\n")


def test_hover_title_gives_value_kind_and_qualifier():
    mentions = find_numbers(ARTICLE)
    p, _ = _parse(annotate_html(ARTICLE, mentions))
    by_text = {m["text"]: m for m in p.marks}
    hover = by_text["41 مليون"]["title"]
    assert "value: 41,000,000" in hover and "kind: number" in hover and "qualifier: more_than" in hover
    assert "∞" in hover
    assert "kind: year" in by_text["2024"]["title"]
    assert by_text["15%"]["class"] == "arqam-percent"
    assert by_text["2024"]["style"] != by_text["15%"]["style"]  # coloured by kind


def test_attribute_values_are_escaped():
    bad = NumberMention(0, 3, "250", 250, 'number" onmouseover="alert(1)', "exact", 250.0, 250.0, '"><b>')
    out = annotate_html("250 خدمة", [bad])
    assert "onmouseover=\"alert" not in out and "<b>" not in out
    p, _ = _parse(out)
    assert p.marks[0]["data-kind"] == 'number" onmouseover="alert(1)'
    assert "onmouseover" not in p.marks[0]  # no injected attribute
    assert 'unit: "><b>' in p.marks[0]["title"]


def test_rows_of_a_mentions_frame_give_the_same_marks():
    docs = pd.DataFrame({"doc_id": ["a"], "text": [ARTICLE]})
    frame_html = annotate_html(ARTICLE, mentions_frame(docs))
    assert frame_html == annotate_html(ARTICLE, find_numbers(ARTICLE))


def test_dicts_from_to_dict_show_unbounded_as_infinity():
    out = annotate_html(ARTICLE, [m.to_dict() for m in find_numbers(ARTICLE)])
    assert html.escape("range: [41,000,000, ∞]") in out


def test_bad_spans_are_rejected():
    with pytest.raises(ValueError, match="outside"):
        annotate_html("250", [{"start": 0, "end": 9, "value": 250, "kind": "number", "qualifier": "exact"}])
    overlapping = [
        {"start": 0, "end": 3, "value": 250, "kind": "number", "qualifier": "exact"},
        {"start": 2, "end": 4, "value": 1, "kind": "number", "qualifier": "exact"},
    ]
    with pytest.raises(ValueError, match="overlaps"):
        annotate_html("2500 خدمة", overlapping)
