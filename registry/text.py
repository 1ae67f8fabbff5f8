"""Text normalisation shared by validation and look-ups: cadres type names with stray spaces,
full-width characters and quote marks, and the same union is written several ways."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

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


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
# a stored name also gets a prefix (uploads/.pending/<job id>-<name>.part, attachments/<id>/NN-<name>):
# 180 bytes leave room for it within the 255 bytes a file name may have (a Chinese character takes 3)
MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 180


def safe_filename(raw: str, *, fallback: str = "附件") -> str:
    """The last path component only, without characters Windows or shells choke on, short enough to
    store, and with its extension kept (a name cut before its extension would lose its type)."""
    name = _UNSAFE.sub("_", Path(raw.replace("\\", "/")).name).strip(" .")
    suffix = Path(name).suffix
    if len(suffix) > 16 or suffix == name:  # not an extension, just a dot in a long name
        suffix = ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    stem = stem[: MAX_NAME_CHARS - len(suffix)]
    while len(stem.encode()) > MAX_NAME_BYTES - len(suffix.encode()):
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    return stem + suffix if stem else fallback + suffix
