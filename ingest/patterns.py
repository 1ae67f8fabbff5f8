"""Lexical patterns of Chinese official documents, shared by cleaning, structure and metadata.

Kept in one place so that "what counts as a heading" or "what counts as a sentence end" cannot drift
apart between the module that rejoins PDF lines and the module that builds heading paths.
"""

from __future__ import annotations

import re

# Han ideographs (BMP blocks + compatibility + supplementary planes); used inside character classes.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
# Full-width punctuation that Chinese text uses; spaces next to it are always layout noise.
FW_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—～"
CN_NUM = "一二三四五六七八九十百千零〇两"
CLOSERS = "”’」』）)》】〕"

# Sentence ends inside a paragraph: where a long section may be cut.
SENTENCE_END = "。！？；!?;"
# A visual line ending with one of these finished its sentence (or announced a list, for ：).
LINE_CLOSED = re.compile(rf"[。！？；!?;：:…][{CLOSERS}]*$")

# Paragraph-start markers. ``div`` = 编/章/节/部分 (division headings), ``article`` = 第X条 (the unit of
# statutes), ``cn`` = 一、, ``pcn`` = （一）, ``lead`` = 一是 (a paragraph that opens with its own
# topic sentence), ``num`` = 1. / 1、, ``pnum`` = （1）, ``circ`` = ①, ``annex`` = 附件 1.
MARKER = re.compile(
    rf"(?P<div>第[{CN_NUM}\d]{{1,7}}(?P<divkind>分编|编|部分|章|节))(?![{CN_NUM}\d条款项])"
    rf"|(?P<article>第[{CN_NUM}\d]{{1,7}}条(?:之[{CN_NUM}]{{1,3}})?)(?=[ \u3000\x00]|$)"
    rf"|(?P<cn>[{CN_NUM}]{{1,3}}、)"
    rf"|(?P<pcn>[（(][{CN_NUM}]{{1,3}}[）)])"
    rf"|(?P<lead>[{CN_NUM}]{{1,3}}是)(?=[^，,。、\s])"
    r"|(?P<num>\d{1,2}[.、．](?!\d))"
    r"|(?P<pnum>[（(]\d{1,2}[）)])"
    r"|(?P<circ>[\u2460-\u2473])"
    r"|(?P<annex>附件[ ]?\d{0,2}$)"
)
# Markers that always open a new paragraph, even after a line that did not end its sentence.
STRONG_MARKERS = frozenset({"div", "article", "cn", "pcn", "lead", "annex"})

_ZH_YMD = "〇○零一二三四五六七八九"
# A line that is only a date, e.g. ``2020 年 5月 27 日`` or ``（二〇二〇年五月二十六日）``.
DATE_LINE = re.compile(
    rf"^[（(]?[ ]*(?:\d{{4}}|[{_ZH_YMD}]{{4}})[ ]*年[ ]*[\d一二三四五六七八九十]{{1,3}}[ ]*月"
    rf"(?:[ ]*[\d一二三四五六七八九十]{{1,3}}[ ]*日)?[ ]*[）)]?$"
)

# Endings of a document title that name its kind; used to tell where a wrapped title stops.
TITLE_END = re.compile(
    r"(?:通知|通报|意见|决定|决议|办法|规定|细则|规则|条例|方案|讲话|报告|请示|批复|函|公告|通告|纲要|"
    r"计划|要点|总结|章程|解释|法)(?:[（(][^）)]{1,12}[）)])?$"
)


def marker(paragraph: str) -> re.Match[str] | None:
    """The structural marker a paragraph starts with, if any."""
    return MARKER.match(paragraph)
