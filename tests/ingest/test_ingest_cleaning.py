from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from ingest_testdata import SEED_TITLE

from ingest.cleaning import clean, looks_hard_wrapped, normalize_chars
from ingest.loaders import load_bytes


@pytest.fixture(scope="module")
def seed_clean(seed_text: str) -> str:
    return clean(seed_text, from_pdf=True)


# --- the seed document (a raw PDF text extraction) -------------------------------------------------


def test_seed_header_lines(seed_clean: str) -> None:
    lines = seed_clean.split("\n")
    assert lines[0] == "哈工办发〔2020〕11号"
    assert lines[1] == SEED_TITLE
    assert lines[2] == "各区县（市）总工会、产业工会、局（公司）工会、市直属及省属在哈企业工会："
    assert "哈尔滨市总工会办公室" in lines
    assert "2020年5月27日" in lines
    assert "（2020年5月26日）" in lines
    assert lines[-1] == "哈尔滨市总工会办公室 2020年5月27日印发"


def test_seed_has_no_layout_spaces(seed_clean: str) -> None:
    assert not re.search(r"\d [年月日个]|[年月] \d", seed_clean)
    assert "2020年是全面建成小康社会" in seed_clean
    assert "“省百大项目”111个、市重点产业项目290个" in seed_clean
    assert not re.search(r"^\s|\s$", seed_clean, re.M)
    assert "„" not in seed_clean and "‟" not in seed_clean


def test_seed_sentences_are_rejoined(seed_clean: str) -> None:
    lines = seed_clean.split("\n")
    # Broken across four visual lines in the source.
    assert (
        "现将市人大常委会副主任、市总工会主席黄玉生在全市劳动和技能竞赛动员会议上的讲话印发给你们，"
        "请认真学习领会，结合工作实际，切实抓好我市劳动和技能竞赛工作。"
    ) in lines
    # Broken across a page boundary (" 引导…" starts a page).
    assert "从而引导广大职工将个人梦融入企业发展梦" in seed_clean
    # A sentence ending at the right margin does not end the paragraph.
    assert any(
        ln.startswith("一是以推动重点产业项目建设为重点开展竞赛。") and "切实做到全覆盖。" in ln
        for ln in lines
    )
    # Half-width comma between Chinese characters became full-width.
    assert "开展“安康杯”竞赛活动，要继续开展好" in seed_clean


def test_seed_headings_stay_on_their_own_lines(seed_clean: str) -> None:
    lines = seed_clean.split("\n")
    for heading in (
        "一、提高认识，切实增强开展竞赛的责任感和使命感",
        "二、精准实施，全力推进竞赛广泛深入开展",
        "三、加强领导，确保竞赛活动取得实实在在效果",
        "在全市劳动和技能竞赛动员会议上的讲话",
        "同志们：",
        "黄玉生",
    ):
        assert heading in lines
    leads = [ln for ln in lines if re.match(r"^[一二三四五]是", ln)]
    assert len(leads) == 12
    assert all(ln.endswith("。") for ln in leads)


# --- unit cases ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020 年 5月 27 日", "2020年5月27日"),
        ("哈工办发„2020‟11号", "哈工办发〔2020〕11号"),
        ("国办发[2019] 1 号", "国办发〔2019〕1号"),
        ("劳部发（1994）489号", "劳部发〔1994〕489号"),
        ("开展 “N 个一”节能竞赛", "开展“N 个一”节能竞赛"),
        ("竞赛活动,要继续开展;做好工作:", "竞赛活动，要继续开展；做好工作:"),
        ("局(公司)工会", "局（公司）工会"),
        ("共计１２３人，ＡＢＣ公司", "共计123人，ABC公司"),
        ("⼯会⼈员", "工会人员"),  # Kangxi radicals from PDF fonts
        ("⻓期", "长期"),
        ("职工，你好！是否？（注）“引号”：；", "职工，你好！是否？（注）“引号”：；"),
        ("第一章　总 则", "第一章 总则"),
        ("第一章总则", "第一章 总则"),
        ("第十一条  用人单位 应当", "第十一条 用人单位应当"),
        ("使用 Python 语言", "使用 Python 语言"),
        ("面积 100 m² ①项", "面积100 m² ①项"),
        ("零\u200b宽\ufeff字符", "零宽字符"),
    ],
)
def test_clean_fragments(raw: str, expected: str) -> None:
    assert clean(raw, from_pdf=False) == expected


def test_non_pdf_keeps_every_line_as_a_paragraph() -> None:
    text = "第一条 本法适用于\n境内企业。\n\n\n第二条 工会的权利"
    assert clean(text, from_pdf=False) == "第一条 本法适用于\n境内企业。\n第二条 工会的权利"


def test_pdf_drops_page_numbers_and_rejoins() -> None:
    text = (
        "各级工会要高度重视，精心组织，认真总结竞赛中的好经\n"
        "验、好做法，及时交流推广。\n"
        "- 3 -\n\f"
        "第 4 页\n"
        "二、工作要求\n"
        "各级工会组织和工会干部要经常深入到竞赛现场，在及\n"
        "时了解和掌握竞赛进展情况的同时，及时发现先进典型。\n"
        "4\n"
    )
    assert clean(text, from_pdf=True).split("\n") == [
        "各级工会要高度重视，精心组织，认真总结竞赛中的好经验、好做法，及时交流推广。",
        "二、工作要求",
        "各级工会组织和工会干部要经常深入到竞赛现场，在及时了解和掌握竞赛进展情况的同时，及时发现先进典型。",
    ]


def test_pdf_running_headers_are_dropped() -> None:
    page = "哈尔滨市总工会文件\n第{n}条 本条例适用于本市行政区域内的企业、事业单位和\n社会组织。\n第 {p} 页"
    numbers = "一二三四"
    text = "\f".join(page.format(n=n, p=p) for p, n in enumerate(numbers, start=1))
    out = clean(text, from_pdf=True)
    assert "哈尔滨市总工会文件" not in out
    assert out.split("\n") == [
        f"第{n}条 本条例适用于本市行政区域内的企业、事业单位和社会组织。" for n in numbers
    ]


def test_pdf_law_items_inside_an_article_are_rejoined() -> None:
    text = (
        "第三十八条 用人单位有下列情形之一的，劳动者可以解除劳动合同：\n"
        "（一）未按照劳动合同约定提供劳动保护或者劳动条件的\n"
        "；\n"
        "（二）未及时足额支付劳动报酬的；\n"
    )
    lines = clean(text, from_pdf=True).split("\n")
    assert lines[0].startswith("第三十八条 用人单位")
    assert lines[1] == "（一）未按照劳动合同约定提供劳动保护或者劳动条件的；"
    assert lines[2] == "（二）未及时足额支付劳动报酬的；"


def test_pdf_from_fpdf_cleans_fully(make_pdf: Callable[..., bytes]) -> None:
    body = "各级工会要高度重视，精心组织，认真总结竞赛中的好经验、好做法，及时交流推广。" * 3
    pdf = make_pdf(
        [
            "哈工办发〔2020〕11号",
            "关于开展2020年全市职工劳动和技能竞赛的通知",
            "各区县（市）总工会：",
            "一、工作要求",
        ]
        + [body] * 8
        + ["哈尔滨市总工会办公室", "2020年5月27日"],
        header="哈尔滨市总工会文件",
        page_numbers=True,
    )
    raw = load_bytes(pdf, name="n.pdf")
    assert raw.pages and raw.pages >= 2
    lines = clean(raw.text, from_pdf=True).split("\n")
    assert lines[:4] == [
        "哈工办发〔2020〕11号",
        "关于开展2020年全市职工劳动和技能竞赛的通知",
        "各区县（市）总工会：",
        "一、工作要求",
    ]
    assert lines[4:12] == [body] * 8
    assert lines[12:] == ["哈尔滨市总工会办公室", "2020年5月27日"]


def test_hard_wrap_detection(seed_text: str) -> None:
    assert looks_hard_wrapped(seed_text)
    one_per_line = "\n".join(
        ["第一条 为保障工会在国家政治、经济和社会生活中的地位，确定工会的权利与义务，制定本法。"] * 20
    )
    assert not looks_hard_wrapped(one_per_line)
    assert not looks_hard_wrapped("短文本")


def test_normalize_chars_keeps_line_breaks_and_pages() -> None:
    assert normalize_chars("甲\r\n乙\r丙\f丁\t戊") == "甲\n乙\n丙\f丁 戊"


def test_pdf_signature_after_a_full_last_line_stays_separate() -> None:
    text = (
        "各级工会要高度重视，精心组织，认真总结竞赛中的好经验。\n"
        "要保证企业参赛面和职工参与率，确保竞赛取得实际效果。\n"
        "哈尔滨市总工会办公室\n"
        "2020年5月27日\n"
    )
    assert clean(text, from_pdf=True).split("\n") == [
        "各级工会要高度重视，精心组织，认真总结竞赛中的好经验。要保证企业参赛面和职工参与率，确保竞赛取得实际效果。",
        "哈尔滨市总工会办公室",
        "2020年5月27日",
    ]
