"""Document metadata (标题, 发文机关, 文号, 日期, 文种) read from a cleaned text.

Only what the document states is reported; e.g. the issuer of a statute titled 中华人民共和国…法 is
not written in it, so it stays None. Caller overrides always win, then hints the loader found in the
container (Markdown ``#`` title, front-matter revision date), then what the text itself shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePath

from ingest.model import DocMeta
from ingest.patterns import CN_NUM, HAN, TITLE_END, marker
from ingest.short_title import title_key
from ingest.validity import Status, read_validity, version_date

_HEAD_PARAGRAPHS = 15  # title, 文号 and addressee sit at the top of an official document

_DOCNO = re.compile(rf"[{HAN}]{{1,12}}〔(?:19|20)\d{{2}}〕第?\d{{1,5}}号")
_ORDER_NO = re.compile(rf"[{HAN}]{{1,20}}令第?\d{{1,5}}号")  # 国务院令第146号: regulations' number
_ABOUT_TITLE = re.compile(r"^[^。！？；]{0,60}关于[^。！？；]{2,120}$")
_ISSUER_SUFFIX = re.compile(
    r"(?:委员会|办公室|办公厅|总工会|工会|人民政府|政府|国务院|法院|检察院|部|厅|局|委|办|署|院|会|处|"
    r"中心|联合会|协会|党组|集团|公司)$"
)
_NOT_TITLE = re.compile(r"^(?:附件\s*\d*|签发人|抄送|印发|主送|密级|机密|秘密|绝密|特急|加急|平急|[★☆]).*")
_DATE_CN = re.compile(
    r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:(\d{1,2}|[一二三四五六七八九十]{1,3})日)?"
)
_DATE_NUM = re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})(?:[-./](\d{1,2}))?")
_STANDALONE_DATE = re.compile(
    r"^[（(]?(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月"
    r"(?:[\d一二三四五六七八九十]{1,3}日)?[）)]?$|^(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}$"
)
_ISSUED_LINE = re.compile(r"^.{0,40}?(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)印发$")
_ZH_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}
_TRAILING_PAREN = re.compile(r"[（(][^（）()]{1,20}[）)]$")
_ARTICLE_TEXT = re.compile(rf"^第[{CN_NUM}\d]{{1,7}}条")
# 解释（一） keeps its number when trailing parentheses are stripped from a title.
_NUMBERED_INTERPRETATION = re.compile(r"解释[（(][一二三四五六七八九十]+[）)]$")
# 发文机关标志 of a red-header document: "哈尔滨市总工会文件" names the issuer, it is not the title.
_ISSUER_MARK = re.compile(rf"^([{HAN}（）、]{{2,40}}?)文件$")
# "国务院办公厅转发人社部关于…的通知": the issuer is the one who forwards.
_FORWARDS = re.compile(r"转发|批转|印发")
_YEAR_BRACKETS = re.compile(r"[„‟\[\]［］(（【〔{<〈「『]((?:19|20)\d{2})[„‟\[\]［］)）】〕}>〉」』]")
_SPACES = re.compile(r"\s+")
_ISO = re.compile(r"\d{4}(?:-\d{2}){0,2}")
_TITLE_STOPS = re.compile(r"[。；！？：:]")
_TWO_HAN = re.compile(f"[{HAN}]{{2}}")
_CLAUSE_PUNCT = re.compile(r"[，。；：]")

# Title ending → doc_type; order matters (办法 before 法, 解释 before anything).
_DOC_TYPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"解释(?:[（(][一二三四五六七八九十]+[）)])?$"), "司法解释"),
    (re.compile(r"办法$"), "办法"),
    (re.compile(r"条例$"), "条例"),
    (re.compile(r"规定$"), "规定"),
    (re.compile(r"章程$"), "章程"),
    (re.compile(r"通知$"), "通知"),
    (re.compile(r"(?:讲话|讲话稿)$"), "讲话"),
    (re.compile(r"方案$"), "方案"),
    (re.compile(r"意见$"), "意见"),
    (re.compile(r"法(?:律)?$"), "法律"),
)

_FIELDS = ("title", "issuer", "doc_number", "date", "doc_type")
# set by the user at ingest (--short-title, --in-force-from, --superseded-by) or in the console
VALIDITY_FIELDS = ("short_title", "in_force_from", "superseded_by", "status")
OVERRIDE_FIELDS = frozenset(_FIELDS + VALIDITY_FIELDS)


def parse_date(s: str) -> str | None:
    """First date in ``s`` as ISO (``2020-05-27``; ``2020-05`` when there is no day)."""
    m = _DATE_CN.search(s)
    if m:
        year_s, month_s, day_s = m.groups()
        year = int(year_s) if year_s.isdigit() else int("".join(str(_ZH_DIGIT[c]) for c in year_s))
        month, day = _zh_int(month_s), _zh_int(day_s) if day_s else None
    else:
        m = _DATE_NUM.search(s)
        if not m:
            return None
        year, month = int(m.group(1)), int(m.group(2))
        day = int(m.group(3)) if m.group(3) else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _zh_int(s: str) -> int:
    """1–31 written as digits or 一…三十一."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return _ZH_DIGIT.get(s, 0)
    tens, _, ones = s.partition("十")
    return (_ZH_DIGIT[tens] if tens else 1) * 10 + (_ZH_DIGIT[ones] if ones else 0)


def doc_type_of(title: str) -> str:
    """文种 from the title's last word (法/条例/规定/办法/解释/章程/通知/讲话/方案/意见, else 其他)."""
    t = title.strip()
    while _TRAILING_PAREN.search(t) and not _NUMBERED_INTERPRETATION.search(t):
        t = _TRAILING_PAREN.sub("", t).rstrip()
    for pattern, name in _DOC_TYPES:
        if pattern.search(t):
            return name
    return "其他"


def normalize_doc_number(s: str) -> str:
    """``哈工办发 [2020] 11 号`` → ``哈工办发〔2020〕11号``."""
    return _YEAR_BRACKETS.sub(r"〔\1〕", _SPACES.sub("", s))


def extract_metadata(
    text: str,
    *,
    filename: str,
    overrides: Mapping[str, str | None] | None = None,
    hints: Mapping[str, str] | None = None,
) -> DocMeta:
    """Metadata of a cleaned text (paragraphs separated by ``\\n``).

    ``overrides`` (title, issuer, doc_number, date, doc_type) win; ``hints`` come from the loader
    (``title`` from a Markdown/HTML heading, ``date`` and ``doc_number`` from front matter,
    ``title_hint``/``date_hint`` from weak sources such as file properties or a web page's
    publication time, used only when the text says nothing).
    """
    overrides = {k: v for k, v in (overrides or {}).items() if k in OVERRIDE_FIELDS and v}
    hints = dict(hints or {})
    paragraphs = text.split("\n")
    head = paragraphs[:_HEAD_PARAGRAPHS]

    title = overrides.get("title") or hints.get("title") or _title(head) or hints.get("title_hint")
    title = title or PurePath(filename).stem or "未命名文档"
    doc_number = overrides.get("doc_number") or hints.get("doc_number") or _doc_number(head)
    date = (
        overrides.get("date")
        or hints.get("date")
        or _date(paragraphs)
        or version_date(text, parse_date=parse_date)
        or hints.get("date_hint")
    )
    issuer = overrides.get("issuer") or hints.get("issuer") or _issuer(title, paragraphs)
    doc_type = overrides.get("doc_type") or doc_type_of(title)
    date = _iso(date)
    validity = read_validity(text, date=date, parse_date=parse_date)
    superseded_by = overrides.get("superseded_by")
    return DocMeta(
        title=title,
        issuer=issuer,
        doc_number=normalize_doc_number(doc_number) if doc_number else None,
        date=date,
        doc_type=doc_type,
        short_title=overrides.get("short_title"),  # None: the catalogue derives it (ingest.short_title)
        in_force_from=_iso(overrides.get("in_force_from")) or validity.in_force_from,
        status=_status(overrides.get("status"), title, superseded_by),
        superseded_by=superseded_by,
        repeals=tuple((r.title, r.date) for r in validity.repeals),
    )


def _status(stated: str | None, title: str, superseded_by: str | None) -> str | None:
    """The status the user gave; "superseded by" alone means 已修订 for a newer revision of the same
    document, 已废止 for another one."""
    if stated:
        status = Status.parse(stated)
        if status is None:
            names = "、".join(s.value for s in Status)
            raise ValueError(f"无法识别的效力状态「{stated}」，可选：{names}")
        return status.value
    if superseded_by:
        same = title_key(superseded_by) == title_key(title)
        return (Status.REVISED if same else Status.REPEALED).value
    return None


def _iso(date: str | None) -> str | None:
    if not date:
        return None
    if _ISO.fullmatch(date):
        return date
    return parse_date(date) or date


def _title(head: list[str]) -> str | None:
    for p in head:
        if _ABOUT_TITLE.match(p) and TITLE_END.search(p) and not _DOCNO.search(p):
            return p
    for p in head:
        if _plausible_title(p):
            return p
    return None


def _plausible_title(p: str) -> bool:
    if not 2 <= len(p) <= 80 or _TITLE_STOPS.search(p):
        return False
    if _DOCNO.search(p) or _STANDALONE_DATE.match(p) or _NOT_TITLE.match(p) or _ARTICLE_TEXT.match(p):
        return False
    if _ISSUER_MARK.match(p):
        return False
    return marker(p) is None and bool(_TWO_HAN.search(p))


def _doc_number(head: list[str]) -> str | None:
    # Only a 文号 standing (nearly) alone near the top is this document's own; one quoted inside a
    # sentence cites another document.
    for p in head:
        m = _DOCNO.search(p) or _ORDER_NO.search(p)
        if m and len(p) - len(m.group()) <= 12:
            return m.group()
    return None


def _date(paragraphs: list[str]) -> str | None:
    """成文日期: the first date standing alone on its line (the signature date), else the 印发 date,
    else a parenthesised date line such as a speech's ``（2020年5月26日）``."""
    parenthesised = None
    for p in paragraphs:
        if _STANDALONE_DATE.match(p):
            if p[0] in "（(":
                parenthesised = parenthesised or p
                continue
            return parse_date(p)
    for p in reversed(paragraphs):
        if _ISSUED_LINE.match(p):
            return parse_date(p)
    return parse_date(parenthesised) if parenthesised else None


def _issuer(title: str, paragraphs: list[str]) -> str | None:
    about = title.find("关于")
    if about > 1:
        candidate = _FORWARDS.split(title[:about])[0]
        if _ISSUER_SUFFIX.search(candidate) and len(candidate) <= 40:
            return candidate
    for p in paragraphs[:3]:
        mark = _ISSUER_MARK.match(p)
        if mark and _ISSUER_SUFFIX.search(mark.group(1)):
            return mark.group(1)
    # The signature: an organisation name on the line right above the standalone date.
    for prev, p in zip(paragraphs, paragraphs[1:], strict=False):
        if _STANDALONE_DATE.match(p) and p[0] not in "（(":
            if len(prev) <= 40 and _ISSUER_SUFFIX.search(prev) and not _CLAUSE_PUNCT.search(prev):
                return prev
            break
    return None
