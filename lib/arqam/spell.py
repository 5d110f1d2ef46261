"""Write integers as Arabic words, in the case and spelling variants news uses.

Used to generate test and benchmark text (property tests read these back with
`parse_number`); independent of the reader's own vocabulary file on purpose, so a
test exercises the reader against a second, separately written description of
the language.
"""

from __future__ import annotations

from dataclasses import dataclass

_UNITS_M = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_UNITS_F = ["", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"]
_TENS_NOM = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
_HUNDRED_STEMS = ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]
_SCALES = [
    (10**12, ("تريليون", "تريليونا", "تريليونان", "تريليونين", "تريليونات")),
    (10**9, ("مليار", "مليارا", "ملياران", "مليارين", "مليارات")),
    (10**6, ("مليون", "مليونا", "مليونان", "مليونين", "ملايين")),
    (10**3, ("ألف", "ألفا", "ألفان", "ألفين", "آلاف")),
]


@dataclass(frozen=True)
class Style:
    """How to write a number.

    Attributes:
        case: "nom" (ون، اثنان، مئتان) or "acc" (ين، اثنين، مئتين, with accusative alef
            on ألفا / مليونا / واحدا where news writes it).
        feminine_units: units as ثلاث/أربع rather than ثلاثة/أربعة.
        hundred: "مئة" or "مائة".
        joined_hundreds: ثلاثمئة (True) or ثلاث مئة (False).
        hamza: keep hamza on alef (أربعة، ألف) or drop it (اربعة، الف).
        conj_space: write "و " as a separate word instead of the clitic و.
    """

    case: str = "nom"
    feminine_units: bool = False
    hundred: str = "مئة"
    joined_hundreds: bool = True
    hamza: bool = True
    conj_space: bool = False


def _unit(n: int, st: Style) -> str:
    word = (_UNITS_F if st.feminine_units else _UNITS_M)[n]
    if n == 2 and st.case == "acc":
        word = "اثنتين" if st.feminine_units else "اثنين"
    if n == 1 and st.case == "acc" and not st.feminine_units:
        word = "واحدا"
    return word


def _tens(n: int, st: Style) -> str:
    word = _TENS_NOM[n]
    if n >= 2 and st.case == "acc":
        word = word[:-2] + "ين"
    return word


def _below_100(n: int, st: Style) -> list[str]:
    if n == 0:
        return []
    if n < 10:
        return [_unit(n, st)]
    if n == 10:
        return ["عشر" if st.feminine_units else "عشرة"]
    if n < 20:
        u = n - 10
        ten = "عشرة" if st.feminine_units else "عشر"
        if u == 1:
            return [("إحدى" if st.feminine_units else "أحد") + " " + ten]
        if u == 2:
            first = ("اثنتا" if st.feminine_units else "اثنا") if st.case == "nom" else ("اثنتي" if st.feminine_units else "اثني")
            return [first + " " + ten]
        return [(_UNITS_F if st.feminine_units else _UNITS_M)[u] + " " + ten]
    t, u = divmod(n, 10)
    if u == 0:
        return [_tens(t, st)]
    unit = _unit(u, st) if u != 1 else ("واحدة" if st.feminine_units else "واحد")
    return [unit, _tens(t, st)]


def _below_1000(n: int, st: Style) -> list[str]:
    h, rest = divmod(n, 100)
    parts: list[str] = []
    if h == 1:
        parts.append(st.hundred)
    elif h == 2:
        stem = "مئت" if st.hundred == "مئة" else "مائت"
        parts.append(stem + ("ان" if st.case == "nom" else "ين"))
    elif h > 2:
        stem = _HUNDRED_STEMS[h]
        parts.append(stem + st.hundred if st.joined_hundreds else stem + " " + st.hundred)
    return parts + _below_100(rest, st)


def _and(components: list[str], st: Style) -> str:
    """Join components with و, as a clitic (وأربعون) or a separate word (و أربعون)."""
    joiner = " و " if st.conj_space else " و"
    return joiner.join(components)


def _scale_phrase(count: int, names: tuple[str, ...], st: Style, last: bool) -> str:
    singular, accusative, dual_nom, dual_acc, plural = names
    if count == 1:
        # the indefinite accusative carries tanween (ألفًا): bare ألفا before a noun is the dual in construct state
        return accusative[:-1] + "\u064b" + accusative[-1] if st.case == "acc" and last else singular
    if count == 2:
        return dual_nom if st.case == "nom" else dual_acc
    tail = count % 100
    if 3 <= tail <= 10:
        noun = plural
    elif 11 <= tail <= 99:
        noun = accusative
    else:
        noun = singular
    return _and(_below_1000(count, st), st) + " " + noun


def to_words(n: int, style: Style | None = None) -> str:
    """Write a non-negative integer in Arabic words.

    Args:
        n: 0 <= n <= 10**15 - 1.
        style: case and spelling choices (default: nominative, مئة, joined hundreds).
    Returns:
        The number in words: hundreds, units and tens joined by و, scale groups
        (تريليون، مليار، مليون، ألف) from largest to smallest, also joined by و.
    Raises:
        ValueError: when n is out of range.
    """
    st = style or Style()
    if not 0 <= n < 10**15:
        raise ValueError(f"to_words: {n} is outside 0 .. 10**15 - 1")
    if n == 0:
        return "صفر"
    groups: list[str] = []
    rest = n
    for scale, names in _SCALES:
        count, rest = divmod(rest, scale)
        if count:
            groups.append(_scale_phrase(count, names, st, last=rest == 0))
    if rest:
        groups.append(_and(_below_1000(rest, st), st))
    text = _and(groups, st)
    if not st.hamza:
        text = text.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    return text
