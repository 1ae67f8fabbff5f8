from __future__ import annotations

import pytest
from ingest_testdata import SEED_TITLE

from ingest.cleaning import clean
from ingest.metadata import doc_type_of, extract_metadata, normalize_doc_number, parse_date
from ingest.model import DocMeta


def test_seed_metadata(seed_text: str) -> None:
    meta = extract_metadata(clean(seed_text, from_pdf=True), filename="seed.txt")
    assert meta == DocMeta(
        title=SEED_TITLE,
        issuer="哈尔滨市总工会办公室",
        doc_number="哈工办发〔2020〕11号",
        date="2020-05-27",
        doc_type="通知",
    )


def test_overrides_win_over_text_and_hints(seed_text: str) -> None:
    meta = extract_metadata(
        clean(seed_text, from_pdf=True),
        filename="seed.txt",
        overrides={"title": "黄玉生同志讲话", "doc_type": "讲话", "date": "2020年5月26日", "issuer": None},
        hints={"title": "忽略我", "date": "2000-01-01"},
    )
    assert meta.title == "黄玉生同志讲话"
    assert meta.doc_type == "讲话"
    assert meta.date == "2020-05-26"  # normalised to ISO
    assert meta.issuer == "哈尔滨市总工会办公室"  # None overrides nothing


def test_hints_beat_text_guesses() -> None:
    text = "中华人民共和国工会法\n第一章 总则\n第一条 为保障工会……制定本法。"
    meta = extract_metadata(
        text, filename="01.md", hints={"title": "中华人民共和国工会法", "date": "2021-12-24"}
    )
    assert meta == DocMeta(
        title="中华人民共和国工会法", issuer=None, doc_number=None, date="2021-12-24", doc_type="法律"
    )


def test_statute_issuer_is_not_invented() -> None:
    meta = extract_metadata(
        "中华人民共和国劳动合同法\n第一条 为了完善劳动合同制度，制定本法。", filename="x.md"
    )
    assert meta.title == "中华人民共和国劳动合同法"
    assert meta.issuer is None
    assert meta.doc_type == "法律"


def test_issuer_from_title_prefix_and_from_signature() -> None:
    meta = extract_metadata(
        "国务院关于职工工作时间的规定\n第一条 为了合理安排职工的工作和休息时间，制定本规定。", filename="x"
    )
    assert meta.issuer == "国务院"
    signed = "劳动竞赛实施方案\n一、目标\n全面开展竞赛。\n哈尔滨市总工会\n2020年6月1日"
    meta = extract_metadata(signed, filename="x")
    assert (meta.title, meta.issuer, meta.date, meta.doc_type) == (
        "劳动竞赛实施方案",
        "哈尔滨市总工会",
        "2020-06-01",
        "方案",
    )


def test_title_falls_back_to_file_name() -> None:
    meta = extract_metadata(
        "第十一条 用人单位应当依法建立和完善劳动规章制度。", filename="/tmp/劳动法第十一条.txt"
    )
    assert meta.title == "劳动法第十一条"
    assert meta.doc_type == "其他"


def test_doc_number_quoted_in_a_sentence_is_not_the_documents_own() -> None:
    text = "关于做好工会经费收缴工作的通知\n各级工会：\n根据《关于加强工会经费管理的意见》（总工发〔2019〕5号）要求，现通知如下。"
    assert extract_metadata(text, filename="x").doc_number is None


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("中华人民共和国工会法", "法律"),
        ("中华人民共和国宪法", "法律"),
        ("中华人民共和国劳动合同法实施条例", "条例"),
        ("工伤保险条例", "条例"),
        ("女职工劳动保护特别规定", "规定"),
        ("企业职工带薪年休假实施办法", "办法"),
        ("北京市实施《中华人民共和国工会法》办法", "办法"),
        ("最高人民法院关于审理劳动争议案件适用法律问题的解释（一）", "司法解释"),
        ("中国工会章程（2008年修改本）", "章程"),
        (SEED_TITLE, "通知"),
        ("在全市劳动和技能竞赛动员会议上的讲话", "讲话"),
        ("2020年全市职工劳动竞赛实施方案", "方案"),
        ("关于加强新时代工会工作的意见", "意见"),
        ("2020年工作总结", "其他"),
    ],
)
def test_doc_type_rules(title: str, doc_type: str) -> None:
    assert doc_type_of(title) == doc_type


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020年5月27日", "2020-05-27"),
        ("（2020年5月26日）", "2020-05-26"),
        ("二〇二〇年五月二十七日", "2020-05-27"),
        ("一九九四年十二月六日", "1994-12-06"),
        ("2019年12月", "2019-12"),
        ("发布时间：2020-06-01 09:30", "2020-06-01"),
        ("2020.6.1", "2020-06-01"),
        ("2020年13月1日", None),
        ("没有日期", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_normalize_doc_number() -> None:
    assert normalize_doc_number("哈工办发 „2020‟ 11 号") == "哈工办发〔2020〕11号"
    assert normalize_doc_number("国办发[2019]1号") == "国办发〔2019〕1号"


def test_red_header_names_the_issuer_not_the_title() -> None:
    text = "哈尔滨市总工会文件\n哈工发〔2021〕2号\n2021年职工技能大赛实施方案\n一、目标\n全面开展竞赛。"
    meta = extract_metadata(text, filename="x.pdf")
    assert (meta.title, meta.issuer, meta.doc_number) == (
        "2021年职工技能大赛实施方案",
        "哈尔滨市总工会",
        "哈工发〔2021〕2号",
    )


def test_forwarding_office_is_the_issuer() -> None:
    title = "国务院办公厅转发人力资源社会保障部关于进一步做好职工工资支付工作意见的通知"
    assert extract_metadata(title, filename="x").issuer == "国务院办公厅"
