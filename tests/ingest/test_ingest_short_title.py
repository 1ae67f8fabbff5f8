"""Short names for documents (《工会法》, 《哈尔滨市总工会劳动和技能竞赛动员讲话》) and the title key that
matches two revisions of one document."""

import pytest

from ingest.short_title import MAX_CHARS, short_title, title_key


@pytest.mark.parametrize(
    ("title", "issuer", "short"),
    [
        ("中华人民共和国工会法", None, "工会法"),
        ("集体合同规定", None, "集体合同规定"),
        ("中国工会章程（2008年修改本）", None, "中国工会章程"),
        ("中华人民共和国劳动法（2018修正）", None, "劳动法"),
        (
            "哈尔滨市总工会办公室关于印发黄玉生同志在全市劳动和技能竞赛动员会议上讲话的通知",
            "哈尔滨市总工会办公室",
            "哈尔滨市总工会劳动和技能竞赛动员讲话",
        ),
        (
            "黑龙江省总工会关于印发《黑龙江省职工劳动和技能竞赛实施方案》的通知",
            None,
            "黑龙江省职工劳动和技能竞赛实施方案",
        ),
        ("关于印发《“五小”竞赛评比办法》的通知", None, "“五小”竞赛评比办法"),
        (
            "最高人民法院关于在民事审判工作中适用《中华人民共和国工会法》若干问题的解释",
            "最高人民法院",
            "工会法司法解释",
        ),
        (
            "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）",
            "最高人民法院",
            "劳动争议司法解释（一）",
        ),
        ("北京市实施《中华人民共和国工会法》办法", None, "北京市实施《工会法》办法"),
        ("国务院关于职工工作时间的规定", "国务院", "国务院关于职工工作时间的规定"),  # short enough already
    ],
)
def test_short_titles(title, issuer, short):
    assert short_title(title, issuer=issuer) == short


def test_every_short_title_fits_even_for_long_titles_nobody_anticipated():
    long = "全国总工会办公厅关于进一步加强非公有制企业工会建设切实维护职工合法权益促进劳动关系和谐稳定的意见"
    assert len(short_title(long)) <= MAX_CHARS
    assert short_title("哈尔滨市总工会关于开展2020年全市职工劳动和技能竞赛活动的通知").startswith(
        "开展2020年"
    )


def test_revisions_of_one_document_share_a_title_key():
    assert title_key("中华人民共和国劳动法（2018修正）") == title_key("中华人民共和国劳动法") == "劳动法"
    assert title_key("中国工会章程（2008年修改本）") == title_key("中国工会章程（2018年修改本）")
    assert title_key("集体合同规定") != title_key("北京市集体合同条例")
