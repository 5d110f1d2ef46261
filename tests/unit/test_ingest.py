"""Reading messy inputs: encodings, HTML, JSON Lines, Parquet; nothing lost."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arqam.ingest import ERROR_REASONS, Document, DocumentError, decode_bytes, html_article, html_to_text, iter_documents, iter_jsonl, read_file, reads_as_arabic

TEXT = "أعلنت الوزارة عن تنفيذ ثلاثة ملايين عملية إلكترونية خلال العام الماضي"


@pytest.mark.parametrize("encoding, name", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("cp1256", "windows-1256"), ("utf-32", "utf-32")])
def test_encodings_are_detected(encoding, name):
    text, used, warnings = decode_bytes(TEXT.encode(encoding))
    assert (text, used, warnings) == (TEXT, name, [])


def test_damaged_utf8_is_flagged_never_silently_replaced():
    data = TEXT.encode("utf-8") + b"\xff\xfe" + TEXT.encode("utf-8")
    text, used, warnings = decode_bytes(data)
    assert used == "utf-8" and "\ufffd" in text and text.count(TEXT) == 2
    n = len(TEXT.encode())
    assert warnings == [f"2 undecodable byte(s) replaced by U+FFFD at byte(s) {n}\u2013{n + 1}; the file is not valid UTF-8"]


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, b"\x00" * 100])
def test_binary_is_refused(data):
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(data)


def test_html_text_drops_scripts_and_styles():
    html = "<html><head><style>p{}</style><script>var s='<p>9 ملايين</p>'</script></head><body><h1>عنوان</h1><p>سجلت &amp; نفذت 5 ملايين</p><p>عملية</p></body></html>"
    assert html_to_text(html) == "عنوان\nسجلت & نفذت 5 ملايين\nعملية"


def test_files_become_documents_or_errors(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<p>{TEXT}</p><script>x()</script>", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(TEXT.encode("cp1256"))
    (tmp_path / "d.txt").write_bytes(b"")
    (tmp_path / "e.txt").write_bytes(bytes(range(256)))
    (tmp_path / "f.md").write_text("hello 2024", encoding="utf-8")
    (tmp_path / "big.txt").write_text(TEXT * 10, encoding="utf-8")
    items = {i.doc_id: i for i in iter_documents(tmp_path, max_bytes=500)}
    assert set(items) == {"a", "b", "c", "d", "e", "f", "big"}
    assert isinstance(items["b"], Document) and items["b"].text == TEXT and items["b"].fmt == "html"
    assert items["c"].encoding == "windows-1256" and items["c"].text == TEXT
    assert (items["d"].reason, items["e"].reason, items["big"].reason) == ("empty", "binary", "too_large")
    assert "no Arabic text" in items["f"].warnings[0]


def test_jsonl_lines_each_accounted_for(tmp_path):
    p = tmp_path / "c.jsonl"
    lines = [json.dumps({"doc_id": "x1", "text": TEXT, "country_iso3": "EGY"}, ensure_ascii=False), "{not json", json.dumps({"doc_id": "x3"}), "", json.dumps([1, 2]), json.dumps({"text": TEXT}, ensure_ascii=False)]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents(p))
    assert [(type(i).__name__, i.doc_id) for i in items] == [
        ("Document", "x1"), ("DocumentError", "c:2"), ("DocumentError", "x3"), ("DocumentError", "c:5"), ("Document", "c:6")]
    assert items[0].meta == {"country_iso3": "EGY"}
    assert [i.reason for i in items if isinstance(i, DocumentError)] == ["invalid_json", "no_text", "invalid_json"]


def test_parquet_with_a_text_column(tmp_path):
    p = tmp_path / "c.parquet"
    pq.write_table(pa.table({"doc_id": ["p1", "p2"], "body": [TEXT, None]}), p)
    items = list(iter_documents(p, text_field="body"))
    assert isinstance(items[0], Document) and items[1].reason == "no_text"
    with pytest.raises(ValueError, match="no column 'text'"):
        list(iter_documents(p))


def test_duplicate_ids_are_errors(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text("\n".join(json.dumps({"doc_id": "same", "text": TEXT}, ensure_ascii=False) for _ in range(2)), encoding="utf-8")
    assert [type(i).__name__ for i in iter_documents(p)] == ["Document", "DocumentError"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_an_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "x.txt"
    path.write_bytes(data)
    item = read_file(path)
    assert isinstance(item, (Document, DocumentError))
    if isinstance(item, Document):
        assert item.text.strip()


# --- awkward encodings: charset-normalizer decides whole legacy files, lines decide mixed ones

LINE = "أعلنت وزارة الداخلية أن منصة أبشر نفذت أكثر من 5 ملايين عملية إلكترونية خلال شهر أبريل الماضي.\n"


def test_mostly_valid_utf8_with_a_few_bad_bytes_stays_utf8_with_positions():
    good = (LINE * 5).encode("utf-8")
    data = good[:301] + good[302:]  # one byte of a two-byte letter lost
    text, used, warnings = decode_bytes(data)
    assert used == "utf-8" and text.count("\ufffd") == 1
    assert "ط£" not in text and text.count("5 ملايين") == 5  # no mojibake, every figure kept
    assert warnings == ["1 undecodable byte(s) replaced by U+FFFD at byte(s) 301; the file is not valid UTF-8"]


@pytest.mark.parametrize("utf8_lines, legacy_lines", [(3, 3), (1, 5), (5, 1)])
def test_half_utf8_half_windows_1256_reads_both_halves(utf8_lines, legacy_lines):
    data = (LINE * utf8_lines).encode("utf-8") + (LINE * legacy_lines).encode("cp1256")
    text, used, warnings = decode_bytes(data)
    assert text == LINE * (utf8_lines + legacy_lines) and used == "utf-8+windows-1256"
    first, last = utf8_lines + 1, utf8_lines + legacy_lines
    where = str(first) if first == last else f"{first}\u2013{last}"
    assert warnings == [f"mixed encodings: line(s) {where} are not UTF-8 and were read as Windows-1256 (they read as Arabic in it); the rest is UTF-8"]


@pytest.mark.parametrize("codec, name", [("cp1256", "windows-1256"), ("iso-8859-6", "iso-8859-6")])
def test_whole_legacy_files_go_to_charset_normalizer(codec, name):
    text = LINE.replace("،", "")
    assert decode_bytes((text * 3).encode(codec)) == (text * 3, name, [])


def test_utf8_saved_after_being_read_as_windows_1256_is_repaired_with_a_warning():
    mojibake = (LINE * 2).encode("utf-8").decode("cp1256")  # 'ط£ط¹ظ„ظ†طھ …'
    text, used, warnings = decode_bytes(mojibake.encode("utf-8"))
    assert text == LINE * 2 and "mojibake repaired" in warnings[0]


def test_reads_as_arabic_rejects_mojibake():
    assert reads_as_arabic(LINE)
    assert not reads_as_arabic(LINE.encode("utf-8").decode("cp1256"))
    assert not reads_as_arabic("hello world 2024")


# --- every folder entry is a document or an error


def test_links_folders_fifos_and_other_suffixes_are_errors(tmp_path):
    import os

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")  # a link to an article is read
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "x.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "noext").write_text(TEXT, encoding="utf-8")
    items = {i.source.rsplit("/", 1)[1]: i for i in iter_documents(tmp_path)}
    assert isinstance(items["a.txt"], Document) and isinstance(items["link.txt"], Document)
    reasons = {k: v.reason for k, v in items.items() if isinstance(v, DocumentError)}
    assert reasons == {"dangling.txt": "broken_link", "loop1.txt": "broken_link", "loop2.txt": "broken_link",
                       "x.txt": "unsupported", "pipe.txt": "unsupported", "notes.docx": "unsupported", "noext": "unsupported"}
    assert "loop" in items["loop1.txt"].detail and "FIFO" in items["pipe.txt"].detail and "folder" in items["x.txt"].detail
    assert set(reasons.values()) <= set(ERROR_REASONS)


def test_lone_surrogates_in_jsonl_are_replaced_or_refused_never_fatal(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text('{"doc_id": "s1", "text": "بلغ \\ud800 عدد 5 ملايين"}\n{"doc_id": "bad\\udfff", "text": "نص"}\n{"doc_id": "s3", "text": "نص 7", "published": "\\ud800"}\n', encoding="utf-8")
    items = list(iter_documents(p))
    assert items[0].text == "بلغ \ufffd عدد 5 ملايين" and "lone surrogate" in items[0].warnings[0]
    assert (items[1].reason, items[1].doc_id, items[1].source.endswith("c.jsonl#2")) == ("invalid_json", "c:2", True)
    assert items[2].meta == {"published": "\ufffd"}
    for item in items:  # everything can be written as UTF-8
        json.dumps(vars(item), ensure_ascii=False).encode("utf-8")


def test_a_file_name_that_is_not_utf8_is_read_with_a_warning(tmp_path):
    import os

    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (item,) = iter_documents(tmp_path)
    assert item.doc_id == "caf\ufffd" and "not valid UTF-8" in item.warnings[0]
    item.source.encode("utf-8")


def test_a_huge_jsonl_line_is_too_large_without_being_held(tmp_path):
    p = tmp_path / "c.jsonl"
    big = json.dumps({"doc_id": "big", "text": "ا" * 3000}, ensure_ascii=False)
    p.write_text(big + "\n" + json.dumps({"doc_id": "ok", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = list(iter_jsonl(p, max_bytes=1000))
    assert [(type(i).__name__, i.doc_id) for i in items] == [("DocumentError", "c:1"), ("Document", "ok")]
    assert items[0].reason == "too_large"


# --- saved news pages: the article and its metadata, not the page around it

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>أبشر تنفذ 5 ملايين عملية في أبريل | صحيفة المثال</title>
<meta property="og:title" content="أبشر تنفذ 5 ملايين عملية في أبريل">
<meta property="og:site_name" content="صحيفة المثال">
<meta property="article:published_time" content="2025-05-02T10:00:00+03:00">
<link rel="canonical" href="https://news.example/2025/05/absher">
</head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">رياضة 2024</a></li><li><a href="/e">اقتصاد</a></li></ul></nav></header>
<div class="ad">إعلان: خصم 50% على الاشتراك السنوي</div>
<main><article>
<h1>أبشر تنفذ 5 ملايين عملية في أبريل</h1>
<p>أعلنت المديرية العامة للجوازات أن منصة أبشر نفذت أكثر من 5 ملايين عملية إلكترونية خلال شهر أبريل الماضي، بزيادة قدرها 12% عن الشهر نفسه من العام الماضي.</p>
<p>وأوضحت المديرية أن عدد المستخدمين المسجلين في المنصة بلغ 28 مليون مستخدم خلال العام الجاري، وأن الخدمات الإلكترونية تجاوزت 350 خدمة.</p>
<p>وتوزعت العمليات بين إصدار جوازات السفر بواقع 1.2 مليون عملية، وتجديد الإقامات بواقع 2.3 مليون عملية.</p>
</article>
<aside class="related"><h3>اقرأ أيضا</h3><ul><li><a href="/x">توكلنا تسجل 9 ملايين مستخدم</a></li><li><a href="/y">نمو التجارة الإلكترونية 30%</a></li></ul></aside>
<section id="comments"><h3>التعليقات</h3><div class="comment"><p>قارئ: خدمة ممتازة، أنجزت 3 معاملات في يوم واحد</p></div></section>
</main>
<footer><p>جميع الحقوق محفوظة 2025 صحيفة المثال</p><p>هاتف 920000000</p></footer>
</body></html>"""


def test_saved_news_page_gives_the_article_and_its_metadata(tmp_path):
    (tmp_path / "absher.html").write_text(PAGE, encoding="utf-8")
    (item,) = iter_documents(tmp_path)
    assert item.fmt == "html" and item.warnings == []
    assert "نفذت أكثر من 5 ملايين عملية" in item.text and "1.2 مليون عملية" in item.text
    for boilerplate in ("الرئيسية", "خصم 50%", "اقرأ أيضا", "9 ملايين مستخدم", "أنجزت 3 معاملات", "920000000", "جميع الحقوق"):
        assert boilerplate not in item.text
    assert item.meta == {"title": "أبشر تنفذ 5 ملايين عملية في أبريل", "page_published": "2025-05-02",
                         "site": "صحيفة المثال", "url": "https://news.example/2025/05/absher"}


def test_a_page_with_no_article_keeps_its_visible_text_with_a_warning(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)  # the extractor finds no article
    text, meta, warnings = html_article("<html><body><div>مرحبا</div><script>x()</script></body></html>")
    assert (text, meta) == ("مرحبا", {}) and "no article body" in warnings[0]
