"""Raw extracted text → clean paragraphs, one per line.

What we fight here is layout, not content: PDF line wrapping, spaces the extractor puts between
glyphs (``2020 年 5月``), page numbers, running headers, half-width punctuation typed into Chinese
text, and look-alike code points (full-width digits, Kangxi radicals) that would defeat exact matching
of 文号, dates and article numbers. Full-width Chinese punctuation is deliberately kept: it is what
the texts, the users and the sentence splitter all expect.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ingest.linejoin import looks_hard_wrapped, rejoin
from ingest.patterns import CN_NUM, FW_PUNCT, HAN

__all__ = ["clean", "looks_hard_wrapped", "normalize_chars"]

# --- character-level normalisation -------------------------------------------------------------

# NFKC would turn these into ASCII look-alikes (，→, （→( …→...) or lose meaning (①→1, m²→m2).
_KEEP = frozenset("，：；？！（）～…²³¹" + "".join(map(chr, range(0x2460, 0x2474))))
# CJK Radicals Supplement forms that PDF fonts emit for ordinary characters; NFKC ignores most of them.
_RADICALS = str.maketrans(
    "⻓⻔⻋⻢⻅⻛⻜⻚⻥⻦⻰⺠⻘⻈⻉⻐⻣⻤⻮⻠⺰⻌⻩⻨",
    "长门车马见风飞页鱼鸟龙民青讠贝钅骨鬼齿饣纟辶黄麦",
)
_RADICAL_RANGE = re.compile("[\u2e80-\u2eff]")
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufeff]")


@lru_cache(maxsize=1)
def _compat_chars() -> re.Pattern[str]:
    """A character class of every code point NFKC would change, minus the ones we keep.

    Built once (≈15 ms) so that normalising a document is a single regex scan that touches only the
    rare characters needing it, instead of NFKC over the whole text.
    """
    ranges: list[tuple[int, int]] = []
    blocks = (range(0x80, 0xD800), range(0xF900, 0x10000), range(0x1D400, 0x1D800), range(0x2F800, 0x2FA20))
    for block in blocks:
        for cp in block:
            ch = chr(cp)
            if ch in _KEEP or unicodedata.normalize("NFKC", ch) == ch:
                continue
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )
    return re.compile(f"[{body}]+")


def _nfkc(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group())


def normalize_chars(text: str) -> str:
    """Line-break-preserving character normalisation (NFKC except Chinese punctuation)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text).replace("\t", " ")
    text = _compat_chars().sub(_nfkc, text)
    if _RADICAL_RANGE.search(text):
        text = text.translate(_RADICALS)
    return text


# --- paragraph-level fixes (run on the joined text, one regex pass each) -----------------------

_LABEL = rf"第[{CN_NUM}\d]{{1,7}}(?:分编|编|部分|章|节|条(?:之[{CN_NUM}]{{1,3}})?)"
# ``第一章　总 则`` / ``第十一条  用人单位``: the space after the label is meaningful, mark it so the
# CJK-space removal below spares it (\x00 cannot occur: _INVISIBLE removed it).
_LABEL_SPACE = re.compile(rf"^({_LABEL})[ ]+(?=\S)", re.M)
# ``第一章总则`` (short heading, no space) gets the canonical space too.
_DIV_NO_SPACE = re.compile(
    rf"^(第[{CN_NUM}\d]{{1,7}}(?:分编|编|部分|章|节))(?=[^\s\x00{FW_PUNCT}\d][^\n。；]{{0,40}}$)", re.M
)
_WIDE_GAP = re.compile(r"[ ]{4,}")  # a column gap in a PDF line (signature ⟷ date), worth one space
_P = re.escape(FW_PUNCT)
_CJK_SPACES = re.compile(
    rf"(?<=[{HAN}{_P}])[ ]+(?=[{HAN}{_P}\d])|(?<=\d)[ ]+(?=[{HAN}{_P}])|(?<=[{_P}])[ ]+(?=\S)|(?<=\S)[ ]+(?=[{_P}])"
)
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_PUNCT = re.compile(rf"(?<=[{HAN}”’）》])[,;:?!](?=[{HAN}“‘（《])|(?<=[{HAN}])[,;:?!](?=[”’）》])")
_PARENS = re.compile(r"\(([^()\n]{1,40})\)")
_HAS_HAN = re.compile(f"[{HAN}]")
# 文号 year brackets as extractors mangle them: „2020‟, [2020], (2020), 【2020】 → 〔2020〕.
_DOCNO = re.compile(
    rf"(?<=[{HAN}])[ ]*[„‟\[\]［］(（【〔{{<〈「『][ ]*((?:19|20)\d{{2}})[ ]*[„‟\[\]［］)）】〕}}>〉」』]"
    r"(?=[ ]*第?[ ]*\d{1,5}[ ]*号)"
)
_MULTI_SPACE = re.compile(r"[ ]{2,}")


def _parens(m: re.Match[str]) -> str:
    inner = m.group(1)
    s, e = m.span()
    text = m.string
    near_han = (s > 0 and _HAS_HAN.match(text, s - 1)) or (e < len(text) and _HAS_HAN.match(text, e))
    return f"（{inner}）" if _HAS_HAN.search(inner) or near_han else m.group()


def _fix_paragraphs(text: str) -> str:
    text = _LABEL_SPACE.sub("\\1\x00", text)
    text = _DOCNO.sub("〔\\1〕", text)
    text = _WIDE_GAP.sub("\x01", text)
    text = _CJK_SPACES.sub("", text)
    text = _DIV_NO_SPACE.sub("\\1\x00", text)
    text = _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group()], text)
    if "(" in text:
        text = _PARENS.sub(_parens, text)
    text = text.replace("\x00", " ").replace("\x01", " ")
    return _MULTI_SPACE.sub(" ", text)


def clean(text: str, *, from_pdf: bool) -> str:
    """Clean extracted text; paragraphs come out separated by single ``\\n``.

    ``from_pdf`` switches on what only makes sense for visually laid-out text: page-number and running
    header removal (pages separated by ``\\f``) and rejoining of lines broken inside sentences.
    """
    text = normalize_chars(text)
    if from_pdf:
        paragraphs = rejoin(text)
    else:
        paragraphs = [s for s in (ln.strip() for ln in text.replace("\f", "\n").split("\n")) if s]
    out = _fix_paragraphs("\n".join(paragraphs))
    return "\n".join(s for s in (ln.strip() for ln in out.split("\n")) if s)
