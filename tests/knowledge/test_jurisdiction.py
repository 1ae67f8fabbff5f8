"""Whose rule a passage is for the person asking: national, their own place, the place asked about, or
another place (labelled)."""

import pytest

from knowledge.jurisdiction import Locale, Place, annotate, place_of
from knowledge.model import Hit, Reach


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("上海市工会条例", Place(province="上海市")),
        ("浙江省集体合同条例", Place(province="浙江省")),
        ("黑龙江省哈尔滨市", Place(province="黑龙江省", city="哈尔滨市")),
        ("哈尔滨市总工会办公室关于印发…的通知", Place(city="哈尔滨市")),
        ("广西壮族自治区工会条例", Place(province="广西壮族自治区")),
        ("黑龙江总工会", Place(province="黑龙江省")),
        ("中华人民共和国工会法", None),
        ("国务院关于职工工作时间的规定", None),
        ("中国工会章程", None),
        ("全市劳动竞赛方案", None),
        ("松北区总工会", None),
    ],
)
def test_place_of_a_title(name, place):
    assert place_of(name) == place


def test_the_user_is_placed_by_their_union_and_the_deployment_fills_in_the_province():
    harbin = Locale.of("哈尔滨市总工会 松北区总工会", "黑龙江省哈尔滨市")
    assert harbin.contains(Place(province="黑龙江省")) and harbin.contains(Place(city="哈尔滨市"))
    assert not harbin.contains(Place(province="上海市"))
    # a union in another province than the deployment's: the union wins
    shanghai = Locale.of("上海市总工会", "黑龙江省哈尔滨市")
    assert shanghai.contains(Place(province="上海市")) and not shanghai.contains(Place(province="黑龙江省"))
    assert Locale.of(None, "").places == ()


def hit(title: str, doc_type: str = "条例", issuer: str | None = None) -> Hit:
    return Hit("1:0", 1, title, "", "第一条", "正文。", 1.0, doc_type=doc_type, issuer=issuer)


def test_annotate_marks_reach_and_labels_other_places():
    locale = Locale.of(None, "黑龙江省哈尔滨市")
    hits = [
        hit("中华人民共和国工会法", "法律"),
        hit("上海市工会条例"),
        hit("黑龙江省工会条例"),
        hit("哈尔滨市总工会关于开展竞赛的通知", "通知"),
        hit("大连市职工权益办法", "办法", "大连市人民政府"),
    ]
    out = annotate(hits, question="工会经费怎么拨缴？", locale=locale)
    assert [h.reach for h in out] == [Reach.NATIONAL, Reach.OTHER, Reach.OWN, Reach.OWN, Reach.OTHER]
    assert [h.jurisdiction for h in out] == [None, "上海市地方性法规", None, None, "大连市地方政府规章"]
    asked = annotate(hits, question="上海的工会经费怎么拨缴？", locale=locale)
    assert asked[1].reach is Reach.NAMED and asked[1].jurisdiction is None
