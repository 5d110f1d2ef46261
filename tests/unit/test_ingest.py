"""Reading messy inputs: encodings, HTML, JSON Lines, Parquet; nothing lost."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arqam.ingest import Document, DocumentError, decode_bytes, html_to_text, iter_documents, read_file

TEXT = "أعلنت الوزارة عن تنفيذ ثلاثة ملايين عملية إلكترونية خلال العام الماضي"


@pytest.mark.parametrize("encoding, name", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("cp1256", "windows-1256"), ("utf-32", "utf-32")])
def test_encodings_are_detected(encoding, name):
    text, used, warnings = decode_bytes(TEXT.encode(encoding))
    assert (text, used, warnings) == (TEXT, name, [])


def test_damaged_utf8_is_flagged_never_silently_replaced():
    data = TEXT.encode("utf-8") + b"\xff\xfe" + TEXT.encode("utf-8")
    text, used, warnings = decode_bytes(data)
    assert used == "utf-8" and "\ufffd" in text
    assert warnings and f"byte {len(TEXT.encode())}" in warnings[0]  # names where the damage starts


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
