"""Markdown → plain lines: markup stripped, heading lines kept as lines (and reported as headings).

The statute files follow LawRefBook's layout: ``# 标题``, then front-matter lines (adoption and
amendment history), then ``<!-- INFO END -->``, then the body. The history is metadata, not body text:
it yields the date of the last revision and is left out of the text to be chunked.
"""

from __future__ import annotations

import html
import re

from ingest.encoding import decode
from ingest.formats.base import RawText
from ingest.linejoin import looks_hard_wrapped
from ingest.metadata import parse_date

_INFO_END = "<!-- INFO END -->"
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_YAML = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_YAML_KEYS = {
    "title": "title",
    "标题": "title",
    "date": "date",
    "日期": "date",
    "doc_number": "doc_number",
    "文号": "doc_number",
    "issuer": "issuer",
    "发文机关": "issuer",
}
_ATX = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ATX_EMPTY = re.compile(r"^[ ]{0,3}#{1,6}[ \t]*$")
_SETEXT = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^[ ]{0,3}(```|~~~)")
_QUOTE = re.compile(r"^[ ]{0,3}(?:>[ ]?)+")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]+\S+.*$")
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"<br\s*/?>", re.I), "\n"),
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*\\])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),
)
_MARKUP_CHARS = frozenset("![<`*_~\\&")
_REVISION_WORDS = re.compile(r"通过|修正|修订|修改|发布|公布|制定|颁布")
_SPACES = re.compile(r"\s+")
_DOCNO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（„]\d{4}[〕\]］)）‟]第?\d{1,5}号")
_ORDER_NO = re.compile(r"[\u4e00-\u9fff]{1,20}令第?\d{1,5}号")  # 国务院令第146号: a regulation's number
_DATE_CN = re.compile(
    r"(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月(?:[\d一二三四五六七八九十]{1,3}日)?"
)
_DATE_ONLY = re.compile(rf"^{_DATE_CN.pattern}$")


def load_markdown(data: bytes, *, path: str) -> RawText:
    text = decode(data, path=path).replace("\r\n", "\n").replace("\r", "\n")
    hints: dict[str, str] = {}
    m = _YAML.match(text)
    if m:
        hints.update(_yaml_hints(m.group(1)))
        text = text[m.end() :]
    if _INFO_END in text:
        text = _law_front_matter(text, hints)
    text = _COMMENT.sub("", text)
    lines, headings = _strip(text)
    if "title" not in hints:
        top = [h for h, level in headings.items() if level == 1]
        if top:
            hints["title"] = top[0]
    body = "\n".join(lines)
    return RawText(body, "md", hints=hints, headings=headings, hard_wrapped=looks_hard_wrapped(body))


def _yaml_hints(block: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        field = _YAML_KEYS.get(key.strip().lower())
        value = value.strip().strip("'\"")
        if sep and field and value:
            out[field] = value
    return out


def _law_front_matter(text: str, hints: dict[str, str]) -> str:
    """Drop the amendment history before ``<!-- INFO END -->``; keep its metadata and the ``#`` title."""
    head, _, body = text.partition(_INFO_END)
    kept: list[str] = []
    revisions: list[str] = []
    standalone: list[str] = []
    for line in head.split("\n"):
        s = line.strip()
        if not s:
            continue
        if _ATX.match(s):
            kept.append(s)
            continue
        compact = _SPACES.sub("", s)
        date = parse_date(compact)
        if date and _REVISION_WORDS.search(compact):
            revisions.append(date)
        elif date and _DATE_ONLY.match(compact):  # e.g. 一九九四年十二月六日 under a transmittal notice
            standalone.append(date)
        number = _DOCNO.fullmatch(compact) or _ORDER_NO.search(_DATE_CN.sub("", compact))
        if number and "doc_number" not in hints:
            hints["doc_number"] = number.group()
    # The newest adoption/amendment date is the version of the text we hold.
    dates = revisions or standalone
    if dates and "date" not in hints:
        hints["date"] = max(dates, key=lambda d: (d + "-00-00")[:10])
    return "\n".join(kept) + "\n" + body


def _strip(text: str) -> tuple[list[str], dict[str, int]]:
    lines: list[str] = []
    headings: dict[str, int] = {}
    in_fence = False
    for raw in text.split("\n"):
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append(raw)
            continue
        if _SETEXT.match(raw) and lines and lines[-1].strip():
            headings.setdefault(lines[-1].strip(), 1 if raw.strip().startswith("=") else 2)
            continue
        if _HR.match(raw) or _TABLE_RULE.match(raw) or _REF_DEF.match(raw) or _ATX_EMPTY.match(raw):
            lines.append("")
            continue
        m = _ATX.match(raw)
        if m:
            heading = _inline(m.group(2)).strip()
            if heading:
                headings.setdefault(heading, len(m.group(1)))
                lines.append(heading)
            continue
        line = _BULLET.sub("", _QUOTE.sub("", raw))
        if line.lstrip().startswith("|"):
            line = " | ".join(c.strip() for c in line.strip().strip("|").split("|"))
        lines.extend(_inline(line).split("\n"))
    return lines, headings


def _inline(s: str) -> str:
    # Most statute lines carry no markup at all: skip the regex passes for them.
    if not _MARKUP_CHARS.intersection(s):
        return s
    for pattern, repl in _INLINE:
        s = pattern.sub(repl, s)
    return html.unescape(s) if "&" in s else s
