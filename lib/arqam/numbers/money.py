"""Money amounts written with a subunit: 'ثلاثة دنانير وخمسون فلسا', '20 دولار و43 سنتا' are one amount."""

from __future__ import annotations

from fractions import Fraction

from .. import lexicon as lx


def join_subunits(found: list[dict], text: str, M: dict) -> list[dict]:
    """Fold a subunit amount into the money figure right before it.

    Args:
        found: figures in text order (dicts with kind, value, unit, start, end, code).
        text: the normalized text the offsets index.
        M: the compiled matchers.
    Returns:
        The figures, with each joined subunit removed and its amount added to the
        main figure (value = main + sub / subunits per unit; the span runs to the
        subunit word).
    """
    out: list[dict] = []
    i = 0
    while i < len(found):
        f = found[i]
        g = found[i + 1] if i + 1 < len(found) else None
        if g is not None and f["kind"] == "money" and f["num"] is not None:
            joined = _join(f, g, text, M)
            if joined:
                out.append(f)
                i += 2
                continue
        out.append(f)
        i += 1
    return out


def _join(f: dict, g: dict, text: str, M: dict) -> bool:
    cur = M["currency_after"].match(text, f["end"])
    main_end = cur.end() if cur else f["end"]
    if M["subunit_gap"].fullmatch(text, main_end, g["start"]) is None:
        return False
    sub = M["subunit_after"].match(text, g["end"])
    value = g["value"]
    if sub is None or isinstance(value, float) or Fraction(value).denominator != 1 or value <= 0:
        return False
    per_unit = M["subunit_map"][lx.phrase_key(sub.group("c"))]
    noun = M["currency_noun_of"].get(lx.phrase_key(cur.group("c")).split(" ")[0]) if cur else None
    n = per_unit.get(f["code"]) or per_unit.get(noun) or per_unit["*"]
    if value >= n:
        return False
    f["value"] = f["value"] + Fraction(value, n)
    f["unit"] = Fraction(1, n)
    f["end"] = sub.end()
    return True
