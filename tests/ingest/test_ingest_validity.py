"""What a document's own text says about its validity: 施行日期, the documents it repeals, a revised
text; and what the user states at ingest."""

import pytest

from ingest.metadata import extract_metadata, parse_date
from ingest.pipeline import prepare_text
from ingest.validity import Status, read_validity

STATUTE = (
    "中华人民共和国工会法\n1992年4月3日 第七届全国人民代表大会第五次会议通过\n"
    "2021年12月24日 第十三届全国人民代表大会常务委员会第三十二次会议《关于修改〈中华人民共和国工会法〉的决定》第三次修正\n"
    "第一条 为保障工会在国家政治、经济和社会生活中的地位，制定本法。\n"
    "第五十八条 本法自公布之日起施行。1950年6月29日中央人民政府颁布的《中华人民共和国工会法》同时废止。"
)


def test_in_force_date_repeals_and_revision_are_read_from_the_text():
    v = read_validity(STATUTE, date="2021-12-24", parse_date=parse_date)
    assert v.in_force_from == "2021-12-24"  # 自公布之日起施行: the document's own date
    assert [(r.title, r.date) for r in v.repeals] == [("中华人民共和国工会法", "1950-06-29")]
    assert v.revised


@pytest.mark.parametrize(
    ("text", "in_force"),
    [
        ("第一百零七条 本法自1995年1月1日起施行。", "1995-01-01"),
        ("第五十七条 本规定于2004年5月1日起实施。原劳动部颁布的《集体合同规定》同时废止。", "2004-05-01"),
        (
            "职工带薪年休假条例\n2008年1月1日 施行\n第一条 为了维护职工休息休假权利，制定本条例。",
            "2008-01-01",
        ),
        ("本通知自印发之日起执行。", "2020-05-27"),
        ("本法施行前已依法订立的劳动合同，继续履行。", None),  # mentions 施行, states no date
    ],
)
def test_in_force_dates(text, in_force):
    assert read_validity(text, date="2020-05-27", parse_date=parse_date).in_force_from == in_force


def test_metadata_carries_validity_and_what_the_user_states_wins():
    meta = extract_metadata(STATUTE, filename="gonghuifa.md")
    assert (meta.in_force_from, meta.status, meta.repeals) == (
        "2021-12-24",
        None,
        (("中华人民共和国工会法", "1950-06-29"),),
    )
    stated = extract_metadata(
        STATUTE,
        filename="x.md",
        overrides={
            "short_title": "工会法",
            "in_force_from": "2022-01-01",
            "superseded_by": "中华人民共和国工会法（2031修正）",
        },
    )
    assert (stated.short_title, stated.in_force_from, stated.status) == ("工会法", "2022-01-01", "已修订")
    other = extract_metadata(STATUTE, filename="x.md", overrides={"superseded_by": "新工会条例"})
    assert other.status == Status.REPEALED.value
    with pytest.raises(ValueError, match="无法识别的效力状态"):
        extract_metadata(STATUTE, filename="x.md", overrides={"status": "大概有效"})


def test_the_pipeline_accepts_the_new_overrides():
    doc = prepare_text(
        STATUTE, source="mem://x", overrides={"short_title": "工会法", "in_force_from": "2022-01-01"}
    )
    assert doc.meta.short_title == "工会法" and doc.meta.in_force_from == "2022-01-01"
    assert Status.parse("废止") is Status.REPEALED and Status.parse("现行有效") is Status.IN_FORCE
