"""The intent cues of `bot/understanding/cues.py`, each on messages of its own (not the bench's):
records added by their nouns, something done told in the past tense, counts and rankings asked of the
registry, exports and help said in other words, stored records corrected — and the questions that look
like them but ask the documents (norms, how-to, topics, policy)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.model import Intent
from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)
rules = RuleUnderstander()

CASES = [
    ("添加一条座谈会记录", Intent.ACTIVITY),
    ("新增一个培训活动", Intent.ACTIVITY),
    ("补录一条活动", Intent.ACTIVITY),
    ("帮我记一个安康杯的活动", Intent.ACTIVITY),
    ("昨天下午请律师给女职工讲了劳动法", Intent.ACTIVITY),
    ("上周在车间门口摆了展台宣传安全知识", Intent.ACTIVITY),
    ("本周三组织了一次安全知识问答会", Intent.ACTIVITY),
    ("前几天给一线职工发放了防暑降温用品", Intent.ACTIVITY),
    ("11月20日邀请劳模给青年职工作了报告", Intent.ACTIVITY),
    ("我们在班组里开展了技术交流", Intent.ACTIVITY),
    ("给困难职工送了慰问品", Intent.ACTIVITY),
    ("组织了一次职工羽毛球赛", Intent.ACTIVITY),
    ("我们开了安全生产推进会", Intent.ACTIVITY),
    ("昨天组织青年职工看了红色电影", Intent.ACTIVITY),
    ("周五给退休职工送了慰问金", Intent.ACTIVITY),
    ("上周在职工书屋搞了读书分享会，二十多人", Intent.ACTIVITY),
    ("今天请老师给班组长培训了沟通技巧", Intent.ACTIVITY),
    ("加一条活动：座谈会，12月3日", Intent.ACTIVITY),
    ("刚在二车间搞完消防演练", Intent.ACTIVITY),
    ("新建一个活动记录", Intent.ACTIVITY),
    ("有个新的比武要登记", Intent.REGISTER),
    ("这个竞赛得录一下", Intent.REGISTER),
    ("来了个新竞赛，帮忙填一下", Intent.REGISTER),
    ("我们单位去年搞了个五小竞赛，今年接着搞，三百人", Intent.REGISTER),
    ("有个新竞赛，五小的，帮我录", Intent.REGISTER),
    ("我们车间要搞技术比武了，登一下", Intent.REGISTER),
    ("帮我录个三保一促", Intent.REGISTER),
    ("五创，龙江路桥集团的", Intent.REGISTER),
    ("今年座谈会开了几次", Intent.STATS),
    ("培训活动一共搞了多少场", Intent.STATS),
    ("各区竞赛数量排一下名", Intent.STATS),
    ("国企和民企的竞赛各有多少", Intent.STATS),
    ("哪个区报的竞赛最多", Intent.STATS),
    ("本月录了几条活动", Intent.STATS),
    ("安康杯现在有几家单位参加", Intent.STATS),
    ("全市竞赛和活动各多少条", Intent.STATS),
    ("技术比武一共几个单位参赛", Intent.STATS),
    ("各区活动场次排个序", Intent.STATS),
    ("上个月登记了几个竞赛", Intent.STATS),
    ("非公的竞赛占多少", Intent.STATS),
    ("参赛人数最多的是哪个单位", Intent.STATS),
    ("动员会一共录了几条", Intent.STATS),
    ("把竞赛名单导一份给我", Intent.EXPORT),
    ("帮我把活动明细下载下来", Intent.EXPORT),
    ("输出一份活动清单文件", Intent.EXPORT),
    ("帮我拉一份竞赛台账", Intent.EXPORT),
    ("竞赛台账导一份出来", Intent.EXPORT),
    ("帮我输出竞赛汇总表", Intent.EXPORT),
    ("把全部活动下载下来", Intent.EXPORT),
    ("菜单呢", Intent.HELP),
    ("打开菜单", Intent.HELP),
    ("怎么弄啊这个", Intent.HELP),
    ("这咋整，看不懂", Intent.HELP),
    ("您是干什么的", Intent.HELP),
    ("应该用什么格式输入", Intent.HELP),
    ("这个怎么弄", Intent.HELP),
    ("菜单在哪里看", Intent.HELP),
    ("你是做什么的呀", Intent.HELP),
    ("怎么输入信息", Intent.HELP),
    ("我报的那个竞赛名称写错了，改一下", Intent.MY),
    ("上次那条活动记录要删掉", Intent.MY),
    ("我录的座谈会人数多了一位", Intent.MY),
    ("刚才那个竞赛的单位性质不对", Intent.MY),
    ("我那条记录撤回吧", Intent.MY),
    ("我那条座谈会记录日期写错了", Intent.MY),
    ("刚才报的那个竞赛删了吧", Intent.MY),
    ("之前那个活动的地点不对，改成职工之家", Intent.MY),
    ("我登记的竞赛联系人要改", Intent.MY),
    ("五小竞赛的评比指标有哪些", Intent.QUESTION),
    ("工会统计报表怎么填报", Intent.QUESTION),
    ("竞赛奖金最多能发多少", Intent.QUESTION),
    ("安康杯竞赛一般开几次推进会", Intent.QUESTION),
    ("劳动竞赛一年搞几次合适", Intent.QUESTION),
    ("职代会一年开几次", Intent.QUESTION),
    ("工会委员会有几个委员", Intent.QUESTION),
    ("基层工会会员代表大会几年开一次", Intent.QUESTION),
    ("工会经费收支报表怎么编制", Intent.QUESTION),
    ("劳动合同写错了怎么改", Intent.QUESTION),
    ("工资条上少了一项怎么办", Intent.QUESTION),
    ("讲了一半被打断了算旷工吗", Intent.QUESTION),
    ("开了证明还要盖章吗", Intent.QUESTION),
    # records listed in the chat are shown, a file only when one is named
    ("列出今年所有竞赛的联系人和电话", Intent.MY),
    ("把登记库里的五小竞赛列一下", Intent.MY),
    ("职工食堂办了以后经费怎么出", Intent.QUESTION),
    ("单位组织了体检，费用谁出", Intent.QUESTION),
    ("劳模评选名单在哪下载", Intent.QUESTION),
    ("工会法的全文哪里能下载", Intent.QUESTION),
    ("公有制企业和非公企业工会有啥区别", Intent.QUESTION),
    ("各区工会主席是怎么产生的", Intent.QUESTION),
    ("技能竞赛排名靠前的有什么奖励", Intent.QUESTION),
    ("这个格式的文件能上传吗", Intent.HELP),  # what the assistant accepts: the help lists the formats
    ("你们工会是干什么的", Intent.QUESTION),
    ("五一劳动奖章每年评几个", Intent.QUESTION),
    ("职工之家建设标准有几项", Intent.QUESTION),
    ("困难职工帮扶有哪几类", Intent.QUESTION),
    ("安康杯竞赛推进会开了以后要报材料吗", Intent.QUESTION),
    ("班前会讲了安全知识算不算培训", Intent.QUESTION),
    ("工会组织了活动，经费能报销吗", Intent.QUESTION),
    ("哪类竞赛能评先进", Intent.QUESTION),
    ("劳动竞赛一般有几个阶段", Intent.QUESTION),
    ("职工代表一般占多少比例", Intent.QUESTION),
    ("非公企业工会经费各占多少比例上缴", Intent.QUESTION),
    ("工会统计年报有哪些表", Intent.QUESTION),
    ("下载的文件打不开咋办", Intent.QUESTION),
    ("我们厂发了防暑费，标准是多少", Intent.QUESTION),
    ("去年搞了五小竞赛，今年还能搞吗", Intent.QUESTION),
    ("菜单上的功能都免费吗", Intent.QUESTION),
    ("五小竞赛是哪五小？具体要求是啥", Intent.QUESTION),
    ("竞赛排名怎么评", Intent.QUESTION),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_intent_cues(text, expected):
    assert rules.understand(text, today=TODAY).intent is expected


def test_a_time_of_days_gone_is_no_question():
    assert rules.understand("前几天给职工发放了防寒用品", today=TODAY).intent is Intent.ACTIVITY
    assert rules.understand("前几天发的通知说了啥", today=TODAY).intent is Intent.QUESTION


def test_a_count_of_records_is_not_a_lookup_of_mine():
    assert rules.understand("本月新登记的活动有几条", today=TODAY).intent is Intent.STATS
    assert rules.understand("我登记的那几个竞赛", today=TODAY).intent is Intent.MY


@pytest.mark.parametrize(
    ("text", "planned", "total"),
    [
        # the unit's head count without 共, the workers counted apart from those taking part
        ("五小竞赛，哈尔滨某某机械有限公司，国企，车间七百人，参赛五百人", 500, 700),
        ("安康杯，职工六百人，参加四百人左右", 400, 600),
        # a bare 全员 before the count, and traditional forms typed by habit
        ("技术比武 全员 320人", 320, 320),
        ("优质服务竞赛 參加人數120 總人數200", 120, 200),
    ],
)
def test_head_counts_said_apart(text, planned, total):
    fields = rules.competition(text, today=TODAY).fields
    assert (fields.get("planned"), fields.get("total")) == (planned, total)


def test_those_taking_part_are_no_total():
    fields = rules.competition("岗位练兵，车间三百人参加", today=TODAY).fields
    assert fields.get("planned") == 300
    assert "total" not in fields


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("五小竞赛，某某化工厂，主要搞技术革新节约原料", "搞技术革新节约原料"),
        ("岗位练兵，某某热力公司，主要练焊接、仪表维修", "练焊接、仪表维修"),
        ("节能减排竞赛，某某水泥厂，目标是降低电耗、减少粉尘，联系人刘军", "降低电耗、减少粉尘"),
        ("技术比武，某某电力公司，练的是配网抢修", "配网抢修"),
        ("技术比武，某某电力公司，比武项目有高压试验、电缆接头", "高压试验、电缆接头"),
        ("优质服务竞赛，某某银行，围绕春节旺季提升柜面服务质量", "围绕春节旺季提升柜面服务质量"),
    ],
)
def test_content_said_as_a_bare_phrase(text, description):
    assert rules.competition(text, today=TODAY).fields.get("description") == description


@pytest.mark.parametrize(
    "text",
    [
        "六比一创竞赛，围绕松花江大桥工程项目开展，三百人参加",
        "安康杯竞赛，某某机械厂，主要负责人王强，电话13900001111",
    ],
)
def test_a_project_or_a_person_is_no_content(text):
    assert "description" not in rules.competition(text, today=TODAY).fields


@pytest.mark.parametrize(
    "text",
    ["昨天单位发了通知说周末加班，不给加班费", "上个月公司扣了我工资", "前天厂里开除了一个工人，没通知工会"],
)
def test_a_grievance_told_is_a_question_not_a_record(text):
    assert rules.understand(text, today=TODAY).intent is Intent.QUESTION


def test_with_a_day_gone_by_any_verb_tells_what_was_done():
    assert rules.understand("上周给新入职员工上了安全课", today=TODAY).intent is Intent.ACTIVITY
