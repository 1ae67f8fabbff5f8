"""Text normalisation shared by validation and look-ups: cadres type names with stray spaces,
full-width characters and quote marks, and the same union is written several ways."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』《》〈〉")


def clean(value: object) -> str:
    """Display text: trimmed, inner whitespace collapsed. No NFKC, so Chinese punctuation survives."""
    return _SPACES.sub(" ", str(value)).strip()


def halfwidth(value: object) -> str:
    """NFKC turns full-width digits, letters and brackets into ASCII (１２３ → 123, （ → ()."""
    return unicodedata.normalize("NFKC", str(value))


def key(value: object) -> str:
    """Comparison key: half-width, no whitespace, no quote marks, case-folded."""
    return _SPACES.sub("", halfwidth(value)).translate(_QUOTES).casefold()


_UNION_SUFFIX = re.compile(r"(总工会|工会联合会|工会)$")
_PLACE_SUFFIX = re.compile(r"(?<=..)(区|县|市)$")


def union_key(name: object) -> str:
    """Loose key for union names: 松北区总工会, 松北区工会, 松北总工会 and 松北区 all give 松北;
    五常市总工会 and 五常县总工会 both give 五常. "(市)" as in 区县（市）is dropped."""
    k = key(name).replace("(市)", "")
    k = _UNION_SUFFIX.sub("", k)
    return _PLACE_SUFFIX.sub("", k) or k


_DISTRICT = re.compile(r"^(.+?(?:区|县|市))(?:总工会|工会)$")


def district_of(union_name: str) -> str | None:
    """松北区总工会 → 松北区; a union named after no place gives None."""
    m = _DISTRICT.match(clean(union_name).replace(" ", ""))
    return m.group(1) if m else None
