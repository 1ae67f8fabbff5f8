"""Fields and intents the rules missed or read wrongly on the spent blind sets 22 and 23 (after their one
scoring), each class fixed in general and checked on messages of our own."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.activity import extract_activity
from bot.understanding.competition import extract_competition
from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)


def fields(text: str) -> dict:
    return extract_competition(text, today=TODAY)[0]


def activity(text: str) -> dict:
    return extract_activity(text, today=TODAY)[0]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("6比1创 哈尔滨新区滨江道路工程", "type", "六比一创"),
        ("register a competition pls: 五小 innovation, unit 华信电子有限公司 (private)", "ownership", "非公"),
        ("我们是日资企业 想搞一个趣味运动竞赛", "ownership", "非公"),
        ("N个一那种，节能减排方面的，厂里大概六百来号人，领导让我先报上", "total", 600),
        ("报个岗位练兵 2月20号开始 食堂炊事员练兵 十几个人", "planned", 10),
        ("我要搞个厨师技能比武，外资，十二月十八号开始比，参加的二十五个厨师", "planned", 25),
        ("客服热线的优质服务竞赛想登记下，七十个接线员都参加", "planned", 70),
        ("优质服务竞赛 某交通集团出租车分公司 八百多司机参加", "planned", 800),
        ("下周一开始搞优质服务月 我们营业厅一共才四十五个人 全上", "total", 45),
        ("我要报三保一促 单位 某米业有限公司 个体私营 全厂就六十人 计划五十人参加", "total", 60),
        ("下周一我们客运段开始搞岗位练兵，大概五百多人，单位写哈尔滨客运段", "unit", "哈尔滨客运段"),
        (
            "竞赛名称：起重机司机技术比武；时间：明年3月1日开始，4月中结束；计划：90人",
            "end",
            date(2027, 4, 15),
        ),
        ("报个其他类的：职工书画作品征集比赛，市文化宫，1月5号到2月28号", "unit", "市文化宫"),
        (
            "名称：金点子征集竞赛 主办：松北区总工会 承办单位：松北区各非公企业 时间：10月8日开始",
            "unit",
            None,
        ),
        ("想登记个竞赛 六比一创的 项目是哈尔滨地铁5号线工程 别的回头再补", "description", None),
        ("报个五小 就我们厂 名字叫技改金点子擂台 月底开始吧", "unit", None),
        ("我们车间想组织一次钢筋工绑扎比武 没名字就这么叫吧 下月5号 十二个人", "name", None),
        (
            "哈尔滨站改造工程劳动竞赛要登记 项目就是哈尔滨站改造工程 10.1开始",
            "name",
            "哈尔滨站改造工程劳动竞赛",
        ),
        ("登记其他类型竞赛 冰雪季职工冰上趣味赛 1月25日 参赛两百", "name", "冰雪季职工冰上趣味赛"),
        (
            "今年安康杯我们重点是围绕安全生产开展隐患排查，想先把竞赛报上",
            "description",
            "围绕安全生产开展隐患排查",
        ),
        (
            "名称：征集竞赛 主办：某区总工会 内容：围绕新技术、新工艺征集职工合理化建议",
            "description",
            "围绕新技术、新工艺征集职工合理化建议",
        ),
        (
            "优质服务竞赛，开展时间11月10日开始。竞赛内容：开展微笑服务、首问负责制评比",
            "description",
            "开展微笑服务、首问负责制评比",
        ),
    ],
)
def test_registration_fields(text: str, key: str, value: object) -> None:
    assert fields(text).get(key) == value


def test_a_competition_under_way_keeps_this_years_dates() -> None:
    got = extract_competition("我们想把今年的五小竞赛补登记一下，其实3月份就开始了，到年底", today=TODAY)[0]
    assert (got["start"], got["end"]) == (date(2026, 3, 1), date(2026, 12, 31))
    assert fields("五小竞赛，3月份开始，到年底")["start"] == date(2027, 3, 1)  # a plan: next year's


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("两天前在培训教室搞了电工取证培训 培训了二十八个人", "date", date(2026, 11, 30)),
        ("补录一个：10月16号开的动员会，五创竞赛的，人数大概是一百一", "participants", 110),
        ("今天发倡议 号召全体职工一人一小时一度电", "participants", None),
        ("today we had a kickoff 启动会 in 1号会议室, ~45 ppl", "participants", 45),
        ("刚刚开完推进座谈会，就在我们四楼小会议室，十几个车间主任都来了", "place", "四楼小会议室"),
        ("今天上午 市总领导来调研 在生产调度室听取了情况汇报 参加人员12人", "place", "生产调度室"),
        ("我们搞了个职工演讲比赛，6月15号，在工会活动中心，六十个人左右", "kind", "其他"),
        (
            "跟你说一下哈，我们昨天晚上在职工之家开了五小成果表彰会，给二十多件小发明颁了奖",
            "summary",
            "给二十多件小发明颁了奖",
        ),
        ("那个 我们上周开的动员会还没记呢，具体是上周四，在三号楼报告厅，来了三百来人", "summary", None),
        (
            "具体是上周四，在报告厅，来了三百人，主题是动员大家参加2027年五小竞赛",
            "competition",
            "2027年五小竞赛",
        ),
    ],
)
def test_activity_fields(text: str, key: str, value: object) -> None:
    assert activity(text).get(key) == value


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("能不能上传文件给你", "help"),
        ("可以用英文跟你聊吗", "help"),
        ("请问在这里怎么查我自己登记过的活动", "help"),
        ("输出一张活动一览表文件", "export"),
        ("活动登记数据拷给我一份", "export"),
        ("给我发个文件 全部活动的", "export"),
        ("给我一个表 列出所有五小竞赛的联系人", "export"),
        ("劳动合同能不能上传", "question"),
    ],
)
def test_intents_of_the_spent_sets_22_and_23(text: str, intent: str) -> None:
    assert RuleUnderstander().understand(text, today=TODAY).intent.value == intent
