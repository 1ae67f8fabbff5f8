"""HTML → lines: block elements become line breaks, table rows become ``a | b`` lines.

Government sites wrap the document in menus and scripts; those are dropped. Their ``<meta>`` tags
(ArticleTitle, PubDate) are reliable metadata and are passed on as hints.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ingest.encoding import decode
from ingest.errors import CorruptFile, UnpackedTooLarge
from ingest.formats.base import RawText
from ingest.limits import DEFAULT_LIMITS, Budget
from ingest.metadata import parse_date

_DROP = frozenset(
    {
        "script",
        "style",
        "nav",
        "noscript",
        "template",
        "svg",
        "iframe",
        "head",
        "button",
        "select",
        "object",
        "canvas",
        "math",
        "-comment",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "address",
        "hr",
        "form",
        "fieldset",
        "details",
        "summary",
        "center",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "body",
        "html",
    }
)
_CELLS = frozenset({"td", "th"})
_HEADING = re.compile(r"h([1-6])")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_WS = re.compile(r"[ \t\r\n\f]+")
_CELL_EDGES = re.compile(r"^[ ]*\|[ ]*|[ ]*\|[ ]*$", re.M)
# Each element costs the parser and the renderer ~500 bytes: 500,000 tags (Word's own HTML export of a
# 300-page document has fewer) keep a page under ~300 MB; 5 million empty tags would take 2.7 GB.
MAX_TAGS = 500_000
_TITLE_SITE = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)[^_|｜]*$")  # "标题_某某网" / "标题 - 某某网" → "标题"


def load_html(data: bytes, *, path: str, budget: Budget | None = None) -> RawText:
    budget = budget or DEFAULT_LIMITS.budget(path)
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise UnpackedTooLarge(path, f"网页文件的标签过多（{tags:,} 个，上限 {MAX_TAGS:,} 个），已跳过")
    m = _CHARSET.search(data[:4096])
    text = decode(data, path=path, declared=m.group(1).decode("ascii") if m else None)
    try:
        tree = LexborHTMLParser(text)
    except Exception as exc:  # parser failures are the file's fault, not ours
        raise CorruptFile(path, "HTML 文件无法解析") from exc
    hints = _meta_hints(tree)
    root = tree.body or tree.root
    if root is None:
        return RawText("", "html", hints=hints)
    body, headings = _render(root, budget)
    if "title" not in hints:
        top = [h for h, level in headings.items() if level == 1]
        if len(top) == 1 and len(top[0]) <= 80:
            hints["title"] = top[0]
    return RawText(body, "html", hints=hints, headings=headings)


def _meta_hints(tree: LexborHTMLParser) -> dict[str, str]:
    hints: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        name = (node.attributes.get("name") or "").lower()
        content = _WS.sub(" ", node.attributes.get("content") or "").strip()
        if not content:
            continue
        if name == "articletitle":
            hints["title"] = content
        elif name in ("pubdate", "firstpublishedtime") and parse_date(content):
            # The site's publication time: weaker than a date the document itself states.
            hints.setdefault("date_hint", parse_date(content) or "")
    title = tree.css_first("title")
    if title is not None:
        t = _WS.sub(" ", title.text(deep=True)).strip()
        t = _TITLE_SITE.sub("", t) or t
        if t:
            hints["title_hint"] = t
    return hints


def _render(root: LexborNode, budget: Budget) -> tuple[str, dict[str, int]]:
    out: list[str] = []
    chars = 0
    headings: dict[str, int] = {}
    pre = 0
    # Explicit stack instead of recursion: real pages nest deep enough to hit the recursion limit.
    stack: list[tuple[LexborNode, int]] = [(root, -1)]  # (node, -1) = enter; (node, mark) = leave
    while stack:
        node, mark = stack.pop()
        tag = node.tag or ""
        if mark >= 0:
            if tag == "pre":
                pre -= 1
            h = _HEADING.fullmatch(tag)
            if h:
                heading = _WS.sub(" ", "".join(out[mark:])).strip()
                if heading:
                    headings.setdefault(heading, int(h.group(1)))
            if tag in _CELLS:
                out.append(" | ")
            elif tag in _BLOCK:
                out.append("\n")
            continue
        if tag == "-text":
            t = node.text_content or ""
            out.append(t if pre else _WS.sub(" ", t))
            chars += len(out[-1])
            if chars > budget.limits.chars:  # stop rendering at the limit instead of building it all
                budget.check_chars(chars)
            continue
        if tag in _DROP or not node.is_element_node:
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag in _BLOCK:
            out.append("\n")
        if tag == "pre":
            pre += 1
        stack.append((node, len(out)))
        children = list(node.iter(include_text=True))
        stack.extend((child, -1) for child in reversed(children))
    text = _CELL_EDGES.sub("", "".join(out))
    return "\n".join(line.strip() for line in text.split("\n")), headings
