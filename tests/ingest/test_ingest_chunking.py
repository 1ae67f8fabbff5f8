from __future__ import annotations

import re

import pytest
from ingest_testdata import SEED_TITLE

from ingest.chunking import chunk
from ingest.cleaning import clean
from ingest.model import Chunk
from ingest.structure import label_of, parse

LAW = """中华人民共和国工会法
第一章 总则
第一条 为保障工会在国家政治、经济和社会生活中的地位，确定工会的权利与义务，制定本法。
第二条 工会是中国共产党领导的职工自愿结合的工人阶级群众组织。
中华全国总工会及其各工会组织代表职工的利益，依法维护职工的合法权益。
第二章 工会组织
第一节 一般规定
第十条 工会各级组织按照民主集中制原则建立。
第十一条 用人单位有下列情形之一的，工会有权提出意见：
（一）克扣职工工资的；
（二）不提供劳动安全卫生条件的；
（三）随意延长劳动时间的。
第二节 基层组织
第十二条 {long}"""

LONG_ARTICLE = (
    "".join(f"第{i}句说明基层工会委员会的产生办法和任期，以及换届选举的程序要求；" for i in range(1, 25))
    + "最后一句。"
)


def _article_starts(text: str, c: Chunk) -> int:
    return sum(1 for line in c.text.split("\n") if re.match(r"^第[一二三四五六七八九十百]+条 ", line))


@pytest.fixture(scope="module")
def law_chunks() -> tuple[str, list[Chunk]]:
    text = LAW.format(long=LONG_ARTICLE)
    return text, chunk(text, max_chars=200, overlap=40, title="中华人民共和国工会法")


def test_no_chunk_spans_two_articles(law_chunks: tuple[str, list[Chunk]]) -> None:
    text, chunks = law_chunks
    for c in chunks:
        assert _article_starts(text, c) <= 1, c.text


def test_law_heading_paths_and_articles(law_chunks: tuple[str, list[Chunk]]) -> None:
    _, chunks = law_chunks
    by_article = {c.article: c for c in chunks}
    assert by_article["第一条"].heading_path == ("第一章 总则",)
    # The chapter heading and the title have no text of their own: they open the first article's chunk.
    assert by_article["第一条"].text.startswith("中华人民共和国工会法\n第一章 总则\n第一条 ")
    # A multi-paragraph article is kept whole.
    assert by_article["第二条"].text.endswith("依法维护职工的合法权益。")
    assert by_article["第十条"].heading_path == ("第二章 工会组织", "第一节 一般规定")
    assert by_article["第十一条"].text.endswith("（三）随意延长劳动时间的。")  # items stay in their article
    assert by_article["第十二条"].heading_path == ("第二章 工会组织", "第二节 基层组织")


def test_long_article_is_split_at_sentences_with_overlap(law_chunks: tuple[str, list[Chunk]]) -> None:
    text, chunks = law_chunks
    parts = [c for c in chunks if c.article == "第十二条"]
    assert len(parts) >= 3
    for c in parts:
        assert len(c.text) <= 200
        assert c.text.endswith(("；", "。"))  # cut at sentence ends
    for a, b in zip(parts, parts[1:], strict=False):
        assert b.start < a.end  # overlapping
        assert a.end - b.start <= 40 * 1.5
    assert parts[0].text.startswith("第二节 基层组织\n第十二条 ")
    assert parts[-1].text.endswith("最后一句。")


def test_small_paragraphs_of_one_section_are_merged() -> None:
    text = "一、总体要求\n坚持以职工为中心。\n突出重点项目。\n注重实效。\n二、组织领导\n成立领导小组。"
    chunks = chunk(text)
    assert [c.text for c in chunks] == [
        "一、总体要求\n坚持以职工为中心。\n突出重点项目。\n注重实效。",
        "二、组织领导\n成立领导小组。",
    ]
    assert [c.heading_path for c in chunks] == [("一、总体要求",), ("二、组织领导",)]


def test_numbered_sections_nest_and_close() -> None:
    text = "一、竞赛内容\n（一）重点项目竞赛\n1.报名\n报名截止到6月底。\n（二）技能竞赛\n比武练兵。\n二、要求\n认真组织。"
    paths = [c.heading_path for c in chunk(text)]
    assert paths == [
        ("一、竞赛内容", "（一）重点项目竞赛", "1.报名"),
        ("一、竞赛内容", "（二）技能竞赛"),
        ("二、要求",),
    ]


def test_seed_chunk_paths(seed_text: str) -> None:
    text = clean(seed_text, from_pdf=True)
    chunks = chunk(text, title=SEED_TITLE)
    path = ("二、精准实施，全力推进竞赛广泛深入开展", "一是以推动重点产业项目建设为重点开展竞赛")
    hits = [c for c in chunks if c.heading_path == path]
    assert hits and "确保所有开工项目全部开展劳动和技能竞赛" in hits[0].text
    assert hits[0].section == " › ".join(path)
    assert all(c.article is None for c in chunks)
    assert chunks[0].heading_path == () and chunks[0].text.startswith("哈工办发〔2020〕11号")
    closing = [c for c in chunks if c.text.startswith("同志们，新时代")]
    assert closing[0].heading_path == ("三、加强领导，确保竞赛活动取得实实在在效果",)
    for c in chunks:
        assert text[c.start : c.end] == c.text and len(c.text) <= 400


def test_over_long_sentence_is_hard_split() -> None:
    sentence = "工会" * 500 + "。"
    chunks = chunk(sentence, max_chars=100, overlap=20)
    assert all(len(c.text) <= 100 for c in chunks)
    assert "".join(c.text for c in chunks) == sentence


def test_style_headings_from_the_loader() -> None:
    text = "总体要求\n坚持以职工为中心。\n组织领导\n成立领导小组。"
    chunks = chunk(text, headings={"总体要求": 1, "组织领导": 1})
    assert [c.heading_path for c in chunks] == [("总体要求",), ("组织领导",)]


def test_label_of() -> None:
    assert (
        label_of("一是以推动重点产业项目建设为重点开展竞赛。今年我市确定了项目。")
        == "一是以推动重点产业项目建设为重点开展竞赛"
    )
    assert label_of("（一）指导思想：以习近平新时代中国特色社会主义思想为指导") == "（一）指导思想"
    assert len(label_of("一、" + "很长的标题" * 30)) == 60


def test_parse_items_inside_article_are_body() -> None:
    kinds = [p.kind for p in parse("第三条 下列情形：\n（一）甲；\n1.乙；\n第四条 其他。")]
    assert kinds == ["article", "body", "body", "article"]


@pytest.mark.parametrize(("max_chars", "overlap"), [(0, 0), (100, 100), (100, -1)])
def test_invalid_sizes(max_chars: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        chunk("文本", max_chars=max_chars, overlap=overlap)
