"""document.word_matches finds what finditer finds, trying a pattern only at the words that can open it."""

from arqam.facts import document, names, parts
from arqam.facts.document import Document, word_matches

TEXTS = [
    "أعلنت وزارة الداخلية أن منصة «أبشر» سجلت 12 مليون عملية، فيما بلغ عدد مستخدمي تطبيق توكلنا 25 مليونا.",
    "و«أبشر» و\"توكلنا\" ب«نفاذ» «سهل» للوزارة والمنصة وبالبوابة الوطنية، بالإضافة إلى الجزء الأكبر من الخدمات.",
    "استحوذت المنصة على الحصة الأكبر بإجمالي 3 ملايين معاملة في حين بلغت معاملات البوابة 2,5 مليون؛ وهو ما يعادل 40%.",
    "«  أبشر» 5أبشر أبشر5 ـأبشر منصة\u00a0سهل وقطر وعمان والمملكة في قطر",
    "",
]


def _cases():
    n, p, d = names._rx(), parts._rx(), document._rx()
    return [
        (n["entity"], n["entity_forms"], True), (n["head"], n["head_forms"], False),
        (n["country"], n["country_forms"], False), (p["largest_claim"], p["largest_claim_forms"], False),
        (d["clause_opener"], d["clause_opener_forms"], False),
    ]


def test_word_matches_equal_finditer():
    for rx, forms, quotes in _cases():
        assert forms is not None
        for text in TEXTS:
            doc = Document(text, {})
            extra = [m.start() for m in names._rx()["quoted_name"].finditer(doc.text)] if quotes else ()
            want = [(m.span(), m.groupdict()) for m in rx.finditer(doc.text)]
            got = [(m.span(), m.groupdict()) for m in word_matches(doc, rx, forms, extra)]
            assert got == want, (rx.pattern[:60], text)


def test_some_cases_match():
    doc = Document(TEXTS[0], {})
    assert [m.group("h") for m in word_matches(doc, names._rx()["head"], names._rx()["head_forms"])] == ["وزاره", "منصه", "تطبيق"]


def test_document_words():
    doc = Document("منصة «سهل» 12 خدمة", {})
    assert doc.words == ["منصه", "سهل", "خدمه"]
    assert [doc.text[s:e] for s, e in zip(doc.word_starts, doc.word_ends)] == doc.words


def test_opening_words_none_when_a_phrase_opens_with_no_letter():
    assert document.opening_words(["2030 رؤية"]) is None
    assert document.opening_words(["منصه سهل", "بوابه"], ("", "و")) == {"منصه", "ومنصه", "بوابه", "وبوابه"}
