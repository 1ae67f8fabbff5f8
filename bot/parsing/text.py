"""What every parser shares: the user-facing error and the normal form of typed text."""

from __future__ import annotations

import re
import unicodedata


class ParseError(ValueError):
    """The input cannot be used; `message` tells the user (in Chinese) what to type instead."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Chinese full-width punctuation that NFKC would turn into ASCII. We keep it because the engine
# may echo text back, and free-text answers should look the way the user typed them.
_KEEP_PUNCT = frozenset("，；：？！（）～")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC (full-width digits/latin → ASCII, ① → 1), drop zero-width marks, strip, and collapse
    every whitespace run (newlines included) to one space. Chinese punctuation such as ，？！（）
    is kept; callers that compare punctuation must accept both forms."""
    text = _ZERO_WIDTH.sub("", text)
    # NFKC segment by segment so the kept punctuation is never touched.
    out: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in _KEEP_PUNCT:
            out.append(unicodedata.normalize("NFKC", text[start:i]))
            out.append(ch)
            start = i + 1
    out.append(unicodedata.normalize("NFKC", text[start:]))
    return _SPACES.sub(" ", "".join(out)).strip()


# Punctuation that may wrap an answer without changing it ("“二百人”。", "6月1日！").
_EDGE_PUNCT = " \t。．.，,、；;：:！!？?～~…·\"'“”‘’「」『』《》【】()（）[]"


def strip_edges(text: str) -> str:
    return text.strip(_EDGE_PUNCT)


def compact(text: str) -> str:
    """normalise + drop all spaces: "2026 年 5 月" and "300 人" read the same as without spaces."""
    return normalise(text).replace(" ", "")
