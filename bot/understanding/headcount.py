"""Who takes part and whom to call: planned and total workers (`计划三百人参加，全厂一千二百人`,
`全员参加共2400人`) and the contact person of a competition, from running text."""

from __future__ import annotations

import re

from bot.understanding import spans
from bot.understanding.vocabulary import TYPE_WORDS

_PLANNED = re.compile(
    rf"(?:计划|预计|拟|准备|打算)?(?:有|组织|安排|动员)?(?:约|大约|大概|近|共)?{spans.COUNT}(?:左右)?(?:报名)?(?:参加|参赛|参与|报名)"
    rf"|(?:参赛|参加|参与)(?:职工|人员|人数)?(?:人数)?(?:为|约|达|有|共|计)?\s*[:：]?\s*{spans.COUNT_OPT}"
    rf"|(?:计划|预计|拟)(?:参赛|参加)?(?:职工|人数)?\s*[:：]?\s*{spans.COUNT_OPT}"
    # 一千二参加: a count without its noun, right before the verb
    rf"|(?<![\d.])(?:[一二两三四五六七八九十百千万]{{2,8}}|\d{{2,6}})(?:多|来|左右)?(?:参加|参赛)"
    rf"|(?:参加|参赛|参与)的?(?:职工|人员|人数)?(?:有|是|共|一共|总共|共有)?(?:约|大概|大约|近|估计|预计)?{spans.COUNT_OPT}"
    # a few English words (planned 120, plan 150 people, around 2000 workers join)
    r"|(?i:\bplan(?:ned)?|\bparticipants?)\s*[:：]?\s*\d+|\d+\s*(?i:people|persons|workers|participants)\b"
    # 参加的估计八百多 typed on without a stop: an estimate is a count, whatever follows
    rf"|(?<=参加|参赛|参与)的(?:职工|人员)?(?:估计|大概|大约|预计|约)(?:有)?{spans.NUM}(?![\d月年日号.\-/])"
    # a bare 人数 (人数1500, 人数填200, 人数大概一百二): those taking part, unless it is the total's (总人数)
    rf"|(?<![总工])人数(?:填|写|是|为|有)?(?:约|大概|大约|近|估计)?\s*[:：]?\s*{spans.COUNT_OPT}"
)
_TOTAL = re.compile(
    r"(?:全(?:厂|公司|单位|局|院|矿|站|校|集团|行|所|中心|段|处|系统|库|社|队|园)|(?<!事业)(?<!国有)单位|公司|厂里|企业|我们厂|我们公司|"
    r"我们单位|现有|共有)"
    r"(?:职工|员工|在职职工|在岗职工)?(?:总数|总人数|人数)?(?:共|一共|总共|共有|有|为|约|计|是|大概|大约|差不多|估计|就|才|只有)?"
    # 永盛建材有限公司 一百五十人: after a space the count is a piece of its own, not the firm's size
    # (but 全院职工 980 is the count of the workers just named)
    r"(?:\s*[:：]\s*|(?<=[共有为约计是数工])\s*)?"
    + spans.COUNT_OPT
    # 事业单位100人参加: those taking part, not the total (全集团两千人 参加一千五百人: a piece apart is;
    # 全厂一千来人参加的估计八百多: of the thousand, some take part)
    + r"(?!(?:参加|参赛|参与|报名)(?!的(?:估计|大概|大约|约|预计|有|是|差不多)))"
    # 计划900 全员3600: all the workers, when a number follows (全员参加 is everyone taking part)
    + r"|(?:^|(?<=[，,；;。\s]))全员\s*[:：]?\s*"
    + spans.COUNT_OPT
    + r"(?!\s*(?:参加|参赛|参与))"
    + r"|(?:职工总数|单位职工总数|总人数|职工人数|员工总数|职工总人数|总职工数|总员工数|总数)\s*(?:为|是|有|共|约|计)?\s*[:：]?\s*"
    + spans.COUNT_OPT
    + r"|(?:共有|现有|拥有)(?:职工|员工)\s*"
    + spans.COUNT_OPT
    # the unit's own head count (项目部职工共800人, 医院共1800人, 项目部九百人) or a total said apart (…，总共三百二十人)
    + r"|(?:项目部|中心|医院|学校|车间|分公司|公司|集团|单位|厂|企业|局|院|矿|站)(?:职工|员工|在职职工)?(?:一共|总共|共有|共计|共)?"
    + spans.COUNT
    + r"(?!\s*(?:左右|多|来)?\s*(?:参加|参赛|参与|报名))"
    # the workers counted apart from those taking part (职工1800人，参加1000人)
    + r"|(?:^|[，,；;。\s])(?:职工|员工|教职工|在职职工|在岗职工)(?:共|一共|总共|有)?"
    + spans.COUNT
    # (职工三百人 参与的八十人左右: those taking part are said apart)
    + r"(?!\s*(?:左右|多|来)?\s*(?:参加|参赛|参与|报名)(?!的))"
    # 员工总共三百二, 职工四千多，: a total said so needs no unit
    + r"|(?:^|[，,；;。\s])(?:职工|员工|服务员|营业员|教职工|医护人员)(?:一共|总共|共有|共计)?"
    + spans.COUNT_OPT
    + r"(?!\s*(?:左右|多|来)?\s*人?\s*(?:都|全)?(?:参加|参赛|参与|报名|上))"
    # 保安保洁一共六百来人 准备四百人参加: a count said with 一共 apart from those taking part (not
    # 参加的焊工管工一共六十人)
    + r"|(?:^|(?<=[，,；;。\s]))(?:(?!参加|参赛|报名)[\u4e00-\u9fff]){0,6}?(?:一共|总共)(?:才|就|只有)?"
    + spans.COUNT
    + r"(?!\s*(?:左右|多|来)?\s*(?:都)?(?:参加|参赛|参与|报名))"
    + r"|(?:^|[，,；;。\s])(?:总共|一共|共有|总计)(?:职工|员工)?"
    + spans.COUNT
)
_EVERYONE = re.compile(
    r"全员(?=\s*\d)|全员参(?:加|赛|与)|全体职工参(?:加|赛|与)|人人参(?:加|赛)|(?:全|全部|全都|大家都|全厂都)参(?:加|赛|与)(?!的)|"
    r"(?<=人)[，,\s]?都参(?:加|赛|与)|(?:计划|预计|准备)都参(?:加|赛|与)|(?<=人)(?:全|都)上(?=[，,。；;\s]|$)"
)
_CONTACT = re.compile(
    # the cadre is the contact and says who they are (联系我就行，我叫孙丽; 联系人还是我，张丽华; 联系人我，秦月)
    r"(?:联系人|联系)(?:还是|就是|是|就)?(?:写|填)?我(?:本人)?(?:就行|就可以|就好|吧)?[，,\s]*(?:我叫|我是|叫)?"
    r"(?P<p6>[\u4e00-\u9fff]{2,3}?)(?=同志|老师|[，,。；;\s]|电话|手机|$|\d)|"
    # who the cadre is, said first (我是江南机械制造有限公司工会的刘洋，)
    r"(?:^|[，,。\s])我是[^，,。；;\s]{2,30}?(?:工会|公司|厂|单位|医院|学校|中心)的(?P<p7>(?![小老])[\u4e00-\u9fff]{2,3})(?=[，,。；;\s]|$)|"
    # after the label a title or an office may come first (工会主席李春生, 护理部赵主任, 工会的宋主席)
    r"(?:联系人|负责人|联络人|经办人|对接人|联系)\s*(?:是|为|[:：])?\s*(?:工会的?)?(?:副?主席|书记|主任|部长|科长|经理|干事)?"
    r"(?:[\u4e00-\u9fff]{1,4}?(?:部|科|办|室|处|车间))?"
    r"(?:(?P<p5>[\u4e00-\u9fff](?:主任|主席|书记|科长|部长|经理|老师|师傅))(?=[，,。；;\s]|$|\d|电话|手机)"
    r"|(?P<person>[\u4e00-\u9fff]{2,3}?))"
    r"(?=同志|老师|主席|书记|经理|部长|科长|[，,。；;\s:：（(、]|电话|手机|$|\d)"
    r"|(?:找|联系|问)(?P<p2>[\u4e00-\u9fff]{2,3}?)(?=同志|老师|主席|书记|经理|部长|科长|[，,。；;\s（(]|电话|手机|$|\d)"
    r"|(?<![\u4e00-\u9fff])(?P<p3>[\u4e00-\u9fff]{2,3}?)(?:同志|老师|主席|书记|经理|部长|科长)?[，,\s]?(?:电话|手机|联系电话|联系方式)"
    # a name written right before the number: 张志强13945678901
    r"|(?<=[，,；;\s：:])(?P<p4>[\u4e00-\u9fff]{2,3}?)(?:同志|老师)?[:：\s]?(?=1[3-9]\d{9}|0\d{2,3}-?\d{7,8})"
)
_NOT_PEOPLE = {
    "联系",
    "电话",
    "手机",
    "方式",
    "号码",
    "我们",
    "工会",
    "单位",
    "公司",
    "厂里",
    "本人",
    "办公室",
    "联系人",
    "负责",
    "他们",
    "是我",
    "一下",
    "写我",
    "我的",
    "主席",
    "书记",
}


# a few traditional forms typed by habit (參加人數300 總人數450)
_SIMPLIFIED = str.maketrans("數總參與職員廠", "数总参与职员厂")


# 一千一百多人参加的估计六百: of all those, an estimate takes part
_OF_ALL = re.compile(
    rf"(?P<t>{spans.NUM})(?:人|名)(?:参加|参赛|参与)的(?:估计|大概|大约|预计|约)(?:有)?(?P<p>{spans.NUM})(?![\d月年日号])"
)


def people(text: str, fields: dict) -> None:
    text = text.translate(_SIMPLIFIED)
    of_all = _OF_ALL.search(text)
    if of_all:
        total, planned = spans.number_in(of_all["t"]), spans.number_in(of_all["p"])
        if total is not None and planned is not None and planned < total:
            fields["planned"], fields["total"] = planned, total
            return
    total = None
    for m in _TOTAL.finditer(text):  # the first with a number: 有限公司，国企 … says none
        total = _count_of(m)
        if total is not None:
            break
    everyone = _EVERYONE.search(text)
    planned = None
    for m in _PLANNED.finditer(text):
        value = _count_of(m)
        if value is not None and value != total:
            planned = value
            break
    if everyone:  # 全员参加共2400人: everyone is planned, so both numbers are the one stated
        planned = planned or total or _first_count_after(text, everyone.end())
        planned = planned or _count_right_before(text, everyone.start())  # 40个人全参加
        total = total or planned
    if planned is None:  # one head count that is not the unit's total: those who take part (大概50人)
        rest = [v for v, _s, _e in spans.counts(text) if v != total and v > 1]  # 一人一节能: no count
        if len(rest) == 1:
            planned = rest[0]
    if planned is None:  # 一线工人五百来个, 报名的有45个: people counted with 个
        said = _PEOPLE_COUNTED.search(text)
        value = spans.number_in(said[said.lastgroup]) if said and said.lastgroup else None
        planned = value if value is not None and value != total else None
    if planned is not None:
        fields["planned"] = planned
    if total is not None:
        fields["total"] = total


_PEOPLE_COUNTED = re.compile(
    r"(?:工人|职工|员工|人员|选手|队员|护士|老师|教师|医生|司机|驾驶员|电工|焊工|报名的|参加的|参赛的)(?:有|共|一共|总共|共有|约|大概|大约|估计|差不多)?"
    rf"(?P<n>{spans.NUM})个(?:师傅|老师|工人|职工|员工|司机|选手|人)?(?=[，,。；;\s]|$)"
    rf"|(?:大概|大约|约|差不多|估计)(?P<m>{spans.NUM})个(?:师傅|老师|工人|职工|员工|司机|选手)(?=[，,。；;\s]|$)"
    # 参加的二十五个厨师, 七十个接线员都参加, 八百多司机参加: people counted with their trade
    rf"|(?:参加的|参赛的)(?:有|是)?(?P<q>{spans.NUM})(?:个|名|位)[\u4e00-\u9fff]{{0,3}}?(?:师|员|工|手|士|机)(?=[，,。；;\s]|$)"
    rf"|(?P<r>{spans.NUM})(?:个|名|位)?[\u4e00-\u9fff]{{0,3}}?(?:师|员|工|手|士|司机)(?:都|全)?(?:参加|参赛|参与)"
    # 二十多个厨师参加, 人不多，三十来个
    rf"|(?P<k>{spans.NUM})个[\u4e00-\u9fff]{{0,3}}?(?:参加|参赛|参与)"
    rf"|人(?:数)?不多[，,\s]*(?:就|也就|大概|大约|约|估计)?(?P<j>{spans.NUM})个?(?:人)?(?=[，,。；;\s]|$)"
)


def _count_of(m: re.Match[str]) -> int | None:
    return spans.number_in(m.group())


def _first_count_after(text: str, at: int) -> int | None:
    found = [v for v, s, _e in spans.counts(text) if s >= at - 1]
    return found[0] if found else None


def contact(text: str) -> str | None:
    found = list(_CONTACT.finditer(text))
    # a labelled name (联系人：欧阳明) first, then 找/联系 X, a name before a number, a name before 电话
    for group in ("p6", "p5", "person", "p2", "p4", "p7", "p3"):
        for m in found:
            person = m[group]
            if (
                person
                and person not in _NOT_PEOPLE
                # (a name the cadre gives as their own may hold 月 or 日: 秦月)
                and not re.search(r"[我们工会的\d]" if group == "p6" else _NOT_IN_NAME, person)
                and not any(w in person for w in TYPE_WORDS)  # 安康杯 联系电话 …: the type, not a person
            ):
                return person
    return None


_NOT_IN_NAME = r"[电话手机联系我们工会的年月日底至到起止\d]"


def _count_right_before(text: str, at: int) -> int | None:
    found = [v for v, _s, e in spans.counts(text) if at - 2 <= e <= at]
    return found[-1] if found else None
