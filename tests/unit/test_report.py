"""arqam.report: escaped, right-to-left articles with each mention (or fact) marked."""

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from arqam import NumberMention, find_numbers
from arqam.corpus import mentions_frame
from arqam.report import NO_MEASURE, NO_MEASURE_COLOUR, annotate_facts_html, annotate_html, measure_colours

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


# ---------------------------------------------------------------------------
# annotate_facts_html

FACTS_ARTICLE = "سجلت منصة أبشر 41 مليون عملية في 2024.\nمنها 30 مليون عملية عبر تطبيق أبشر، و250 خدمة."


def _fact(start, text, value, measure, **kw):
    row = {
        "fact_id": f"d:{start}", "doc_id": "d", "char_start": start, "char_end": start + len(text),
        "value": value, "value_low": value, "value_high": value, "qualifier": "exact", "kind": "number",
        "unit": None, "measure_ar": None, "measure": measure, "measure_en": None, "subject_ar": None,
        "subject_en": None, "subject_id": None, "role": "level", "period_ar": None, "period_iso": None,
        "parent_fact_id": None,
    }
    row.update(kw)
    return row


def _facts_rows():
    t = FACTS_ARTICLE
    return [
        _fact(t.index("41 مليون"), "41 مليون", 41e6, "operations", measure_ar="عملية", measure_en="operations",
              subject_ar="منصة أبشر", subject_en="Absher (MOI e-services platform)", subject_id="sau.moi.absher",
              period_ar="في 2024", period_iso="2024"),
        _fact(t.index("30 مليون"), "30 مليون", 30e6, "operations", measure_ar="عملية", measure_en="operations",
              subject_ar="تطبيق أبشر", subject_en="Absher app", period_iso="2024",
              parent_fact_id=f"d:{t.index('41 مليون')}"),
        _fact(t.index("250"), "250", 250.0, None, role="level", value_high=float("nan")),
    ]


def test_facts_marks_cover_exactly_the_fact_text():
    rows = _facts_rows()
    p, body = _parse(annotate_facts_html(FACTS_ARTICLE, pd.DataFrame(rows)))
    assert body == FACTS_ARTICLE
    assert [m["text"] for m in p.marks] == [FACTS_ARTICLE[r["char_start"]:r["char_end"]] for r in rows]
    assert [m["data-fact-id"] for m in p.marks] == [r["fact_id"] for r in rows]
    assert p.marks[1]["data-parent"] == rows[0]["fact_id"]
    assert "data-measure" not in p.marks[2] and "data-parent" not in p.marks[0]  # nulls give no attribute


def test_facts_are_coloured_by_measure_with_a_legend():
    rows = _facts_rows()
    rows.append(_fact(FACTS_ARTICLE.index("2024"), "2024", 2024.0, "users"))
    rows.sort(key=lambda r: r["char_start"])
    out = annotate_facts_html(FACTS_ARTICLE, rows)
    p, _ = _parse(out)
    style = {m["data-fact-id"]: m["style"].split(";")[0] for m in p.marks}
    by_measure = {m.get("data-measure"): style[m["data-fact-id"]] for m in p.marks}
    assert style[f"d:{FACTS_ARTICLE.index('41 مليون')}"] == style[f"d:{FACTS_ARTICLE.index('30 مليون')}"]  # same measure, same colour
    assert len({by_measure["operations"], by_measure["users"], by_measure[None]}) == 3
    assert by_measure[None] == f"background:{NO_MEASURE_COLOUR}"
    legend = out[out.index('class="arqam-legend"'):out.index('class="arqam-text"')]
    assert "operations (" not in legend  # an English label equal to its key is not repeated
    assert "operations" in legend and "users" in legend and NO_MEASURE in legend
    assert legend.index("operations") < legend.index("users")  # sorted keys


def test_measure_colours_are_stable_across_articles():
    colours = measure_colours(["users", None, "operations", "users", float("nan")] + [f"m{i:02d}" for i in range(20)])
    assert list(colours) == sorted(colours) and "users" in colours and len(colours) == 22
    assert len(set(colours.values())) == len(colours)  # one colour per measure, beyond the palette too
    rows = _facts_rows()[:1]
    one = annotate_facts_html(FACTS_ARTICLE, rows, colours=colours)
    assert f"background:{colours['operations']}" in one


def test_fact_hover_gives_subject_role_period_and_parent():
    rows = _facts_rows()
    p, _ = _parse(annotate_facts_html(FACTS_ARTICLE, pd.DataFrame(rows)))
    first, part, bare = (m["title"] for m in p.marks)
    assert "subject: منصة أبشر / Absher (MOI e-services platform) [sau.moi.absher]" in first
    assert "measure: عملية / operations" in first and "role: level" in first
    assert "period: في 2024 / 2024" in first and "part of: none" in first
    assert "value: 41,000,000 (exact" in first
    assert f"part of: {rows[0]['fact_id']} (41,000,000 operations)" in part
    assert "subject: ?" in bare and "measure: ?" in bare and "∞" in bare  # NaN high is unbounded


def test_script_in_a_facts_article_renders_as_text():
    text = "<script>alert('x')</script> بلغ عدد المستخدمين 5 ملايين & أكثر"
    start = text.index("5 ملايين")
    evil = '"><script>alert(1)</script>'
    row = _fact(start, "5 ملايين", 5e6, 'users" onclick="alert(1)', subject_ar=evil, subject_en="<b>x</b>",
                measure_en="<i>users</i>", parent_fact_id='p" onmouseover="x')
    out = annotate_facts_html(text, [row], title="<img src=x onerror=alert(1)>")
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<i>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out and "&amp; أكثر" in out
    p, body = _parse(out)
    assert body == text
    assert {"script", "img", "b", "i"}.isdisjoint(p.tags)
    (mark,) = p.marks
    assert "onclick" not in mark and "onmouseover" not in mark  # no injected attribute
    assert mark["data-measure"] == 'users" onclick="alert(1)'
    assert f"subject: {evil} / <b>x</b>" in mark["title"]


def test_facts_of_the_extractor_render():
    from arqam.facts import extract_facts

    facts = extract_facts(ARTICLE, "a")
    assert len(facts) >= 2
    p, body = _parse(annotate_facts_html(ARTICLE, facts))
    assert body == ARTICLE
    assert [m["data-fact-id"] for m in p.marks] == facts["fact_id"].tolist()


def test_bad_fact_spans_are_rejected():
    with pytest.raises(ValueError, match="outside"):
        annotate_facts_html("250", [_fact(0, "250 خدمة", 250.0, "services")])
    with pytest.raises(ValueError, match="overlaps"):
        annotate_facts_html("2500 خدمة", [_fact(0, "250", 250.0, None), _fact(2, "00", 0.0, None)])


# --- headings, compact tables, figures formatted as readers expect (issue 14)

from arqam.report import format_value, page_html, table_html  # noqa: E402


def test_article_heading_of_an_id_reads_left_to_right():
    fragment = annotate_html(ARTICLE, find_numbers(ARTICLE), title="000_4c5d3a6bf10291d5 (SAU, 2 mentions)")
    heading = re.search(r"<h3([^>]*)>(.*?)</h3>", fragment)
    # the article is rtl; without its own direction the heading came out "4c5d…(SAU, 2 mentions)_000"
    assert 'dir="auto"' in heading.group(1)
    assert heading.group(2) == "000_4c5d3a6bf10291d5 (SAU, 2 mentions)"
    facts_fragment = annotate_facts_html(ARTICLE, [], title="x_1 (EGY, 0 facts)")
    assert re.search(r'<h3 dir="auto"[^>]*>x_1 \(EGY, 0 facts\)</h3>', facts_fragment)


@pytest.mark.parametrize(
    "value, kind, text",
    [
        (2025, "year", "2025"), (2025.0, "year", "2025"), (1446.0, "year", "1446"),
        (20251230.0, "date", "2025-12-30"), (30.0, "date", "30"), (1030.0, "other", "1030"),
        (920020405.0, "other", "920020405"), (3.0, "ordinal", "3"),
        (41090000.0, "number", "41,090,000"), (41090000.0, None, "41,090,000"), (45.0, "percent", "45"),
        (0.0143, None, "0.0143"), (90.6251, None, "90.63"), (1234.56, None, "1,234.6"), (0.000061, None, "0.000061"),
        (float("inf"), None, "∞"), (float("-inf"), None, "-∞"), (float("nan"), None, ""), (None, None, ""),
        (True, None, "yes"),
    ],
)
def test_format_value(value, kind, text):
    assert format_value(value, kind) == text


def _cells(fragment):
    return [html.unescape(re.sub(r"<wbr>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", fragment, re.S)]


def test_table_formats_values_by_kind_and_years_without_separators():
    frame = pd.DataFrame({
        "doc_id": ["a", "a", "a"], "value": [2025.0, 20251230.0, 41090000.0], "kind": ["year", "date", "number"],
        "value_high": [2025.0, 20251230.0, float("inf")], "population_year": [2024, 2024, 2023], "n": [1200, 3, 7], "char_start": [1088, 0, 12345],
    })
    cells = _cells(table_html(frame))
    assert cells[:7] == ["a", "2025", "year", "2025", "2024", "1,200", "1088"]
    assert cells[7:14] == ["a", "2025-12-30", "date", "2025-12-30", "2024", "3", "0"]
    assert cells[14:21] == ["a", "41,090,000", "number", "∞", "2023", "7", "12345"]


def test_table_ids_read_left_to_right_and_break_at_separators():
    frame = pd.DataFrame({"fact_id": ["000_4c5d3a6bf10291d5:196"], "subject_ar": ["وزارة الداخلية"], "note": ["x"]})
    fragment = table_html(frame, ["fact_id", "subject_ar"])
    td_id, td_ar = re.findall(r"<td([^>]*)>(.*?)</td>", fragment)
    assert 'dir="ltr"' in td_id[0] and td_id[1] == "000_<wbr>4c5d3a6bf10291d5:<wbr>196"
    assert 'dir="rtl"' in td_ar[0] and 'lang="ar"' in td_ar[0]


def test_a_cut_arabic_cell_ends_with_the_ellipsis_on_its_reading_end():
    frame = pd.DataFrame({"quote_ar": ["سجلت منصة أبشر أكثر من واحد وأربعين مليون عملية إلكترونية"]})
    (attrs, text), = re.findall(r"<td([^>]*)>(.*?)</td>", table_html(frame, max_chars=20))
    assert len(text) == 20 and text.endswith("…") and text.startswith("سجلت")
    assert 'dir="rtl"' in attrs  # in an rtl cell the logical end is the reading end (the left)


def test_table_note_goes_under_its_row_across_the_table():
    frame = pd.DataFrame({"country": ["JOR", "EGY"], "value": [1.0, 2.0], "caveat_en": ["scope: platform", None]})
    fragment = table_html(frame, note="caveat_en", full_table="comparison.csv")
    rows = re.findall(r"<tr[^>]*>.*?</tr>", fragment, re.S)
    assert len(rows) == 4  # header, JOR, its note, EGY (no note)
    assert 'colspan="2"' in rows[2] and "scope: platform" in rows[2]
    assert "<th" not in fragment.split("</thead>")[1] and "caveat_en" not in fragment.split("</thead>")[0]
    assert "every row and column: comparison.csv" in fragment


def test_table_escapes_everything_and_says_how_many_rows_are_left_out():
    frame = pd.DataFrame({"a<b": ["<script>x</script>"] * 3, "ok": [True, False, True]})
    fragment = table_html(frame, max_rows=2)
    assert "<script>" not in fragment and "&lt;script&gt;" in fragment and "a&lt;b" in fragment
    assert fragment.count("✓") == 1 and "1 more row not shown" in fragment
    with pytest.raises(ValueError, match="no column"):
        table_html(frame, ["missing"])


def test_short_codes_and_percent_signs_do_not_break():
    frame = pd.DataFrame({"period_iso": ["2025-01"], "share": ["90.62 %; stated 90 %"]})
    cells = re.findall(r"<td([^>]*)>(.*?)</td>", table_html(frame))
    assert "white-space:nowrap" in cells[0][0]
    assert " %" not in cells[1][1] and "90.62\u202f%" in cells[1][1]


def test_page_names_the_corpus_and_shows_the_provenance():
    from arqam.provenance import Provenance

    prov = Provenance(corpus="/data/<gulf>", articles=3, countries=["ARE"], run_date="2025-05-02T09:30:00Z")
    page = page_html("Audit", "<p>body</p>", prov)
    assert "<title>Audit — corpus &lt;gulf&gt;</title>" in page and "<h1>Audit — corpus &lt;gulf&gt;</h1>" in page
    assert "arqam-provenance" in page and "3 articles from 1 country (ARE)" in page and '<meta charset="utf-8">' in page


def test_table_html_lets_a_span_of_periods_break_and_sets_many_columns_smaller():
    frame = pd.DataFrame({"period_iso": ["2024-10/2025-07", "2025-01"], "value_display": ["1,200,000 (1,150,000–1,250,000)", "5"]})
    out = table_html(frame)
    assert "2024-10/<wbr>2025-07" in out and "<wbr>(1,150,000" in out
    assert 'white-space:nowrap;text-align:left;">2025-01<' in out  # a single period stays on one line
    assert "font-size:0.82em" in out
    wide = pd.DataFrame({f"c{i}": [i] for i in range(13)})
    assert "font-size:0.74em" in table_html(wide)
