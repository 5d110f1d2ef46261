"""Property tests of the number reader (hypothesis).

Numbers are written with arqam.spell (a writer independent of the reader's
lexicon) in random case and spelling variants, decorated with tatweel and
diacritics, and must read back exactly; arbitrary text must never break the
reader's invariants.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arqam import find_numbers, parse_number
from arqam.numbers import KINDS, QUALIFIERS
from arqam.spell import Style, to_words

styles = st.builds(
    Style,
    case=st.sampled_from(["nom", "acc"]),
    feminine_units=st.booleans(),
    hundred=st.sampled_from(["مئة", "مائة"]),
    joined_hundreds=st.booleans(),
    hamza=st.booleans(),
    conj_space=st.booleans(),
)

# magnitudes spread evenly from 0 to 10^12 so large numbers are not rare
numbers = st.one_of(
    st.integers(0, 10**12),
    st.integers(0, 12).flatmap(lambda k: st.integers(0, 10**k)),
    st.sampled_from([10**3, 10**6, 10**9, 10**12, 2000, 2 * 10**6, 11, 12, 200, 1001, 100100]),
)

TATWEEL = "\u0640"
DIACRITICS = ["\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652"]


@st.composite
def decorated(draw, text):
    """Insert tatweel and diacritics after random Arabic letters (never after the last one of a word's clitic)."""
    out = []
    for ch in text:
        out.append(ch)
        if "\u0621" <= ch <= "\u064a" and draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from([TATWEEL, *DIACRITICS])))
    return "".join(out)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=numbers, style=styles)
def test_written_numbers_read_back(n, style):
    words = to_words(n, style)
    assert parse_number(words) == n, words


@settings(max_examples=200, deadline=None)
@given(data=st.data(), n=numbers, style=styles)
def test_decorated_numbers_read_back_with_raw_offsets(data, n, style):
    words = data.draw(decorated(to_words(n, style)))
    sentence = "بلغ عدد العمليات " + words + " عملية."
    found = find_numbers(sentence)
    figures = [m for m in found if m.kind == "number"]
    assert len(figures) == 1, (sentence, found)
    m = figures[0]
    assert m.value == n
    assert sentence[m.start:m.end] == m.text
    assert m.text.replace(TATWEEL, "").startswith(to_words(n, style).split(" ")[0][:1])


@settings(max_examples=300, deadline=None)
@given(n=st.integers(0, 10**12), sep=st.sampled_from([",", "\u066c", ""]), arabic=st.booleans())
def test_digit_numbers_read_back(n, sep, arabic):
    digits = f"{n:,}".replace(",", sep)
    if arabic:
        digits = digits.translate(str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"))
    found = find_numbers("سجلت المنصة " + digits + " عملية")
    assert [m.value for m in found] == [n]


def _check_invariants(text):
    found = find_numbers(text)
    prev_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= prev_end, "mentions overlap or are out of order"
        assert text[m.start:m.end] == m.text
        assert m.kind in KINDS and m.qualifier in QUALIFIERS
        assert m.low <= m.high
        prev_end = m.end
    return found


arabic_soup = st.lists(
    st.sampled_from(
        list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹,.٫٬%٪-/: \n")
        + ["و", "ال", "ألف", "مليون", "مئة", "ثلاث", "عشر", "ة", "ا", "أكثر من ", "نحو ", "بالمائة", "\u0640", "\u064b", "\u200f", "الأول", "عام "]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_breaks_invariants(text):
    _check_invariants(text)


@settings(max_examples=400, deadline=None)
@given(arabic_soup)
def test_number_soup_never_breaks_invariants(text):
    _check_invariants(text)
