"""Bare commands and questions about the assistant itself (bot/understanding/commands.py), read the same
way through the whole rule understander; examples written here, not taken from any blind set."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.commands import about_assistant, bare_command
from bot.understanding.model import Intent
from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("报三保一促", Intent.REGISTER),
        ("登记个优质服务", Intent.REGISTER),
        ("报六比一闯", Intent.REGISTER),  # a typo of the type still names it
        ("现在登记", Intent.REGISTER),
        ("录个座谈会", Intent.ACTIVITY),
        ("记一笔：厂区挂了横幅宣传五小", Intent.ACTIVITY),
        ("表彰活动登记", Intent.ACTIVITY),
        ("查下我的", Intent.MY),
        ("我的第三条", Intent.MY),
    ],
)
def test_a_bare_command_is_read_as_one(text, intent):
    assert bare_command(text) is intent
    assert RuleUnderstander().understand(text, today=TODAY).intent is intent


@pytest.mark.parametrize("text", ["登记活动要填什么", "报安康杯需要哪些材料", "我的工资被扣了", "报告"])
def test_a_question_or_a_word_that_only_looks_like_a_command_is_none(text):
    assert bare_command(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "助手能帮我写总结吗",
        "电话号码怎么写你才认得",
        "可以发语音给你吗",
        "统计功能在哪",
        "填错了咋办，怎么撤销",
        "这个程序是干什么用的",
        "你好，刚开始用",
    ],
)
def test_a_question_about_the_assistant_is_help(text):
    assert RuleUnderstander().understand(text, today=TODAY).intent is Intent.HELP


@pytest.mark.parametrize(
    "text",
    ["加班工资怎么算", "劳动合同的格式条款有效吗", "职工代表大会怎么选代表", "五小是什么意思"],
)
def test_a_policy_question_is_not_about_the_assistant(text):
    assert not about_assistant(text, asks=True)
    assert RuleUnderstander().understand(text, today=TODAY).intent is Intent.QUESTION


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("请问 五创竞赛是什么时候提出的", Intent.QUESTION),  # a question announced
        ("职工代表大会条例第几条讲换届", Intent.QUESTION),  # an article asked for
        ("今年新增了多少竞赛", Intent.STATS),
        ("把登记的竞赛做成一张表发过来", Intent.EXPORT),
        ("我名下的记录有几条", Intent.MY),
        ("联系人换了，改成王海", Intent.MY),
        ("把今年的技术比武报到系统里", Intent.REGISTER),
        ("昨天开了座谈会，怎么记进去", Intent.ACTIVITY),
        ("参加技能大赛对工龄有限制吗", Intent.QUESTION),
    ],
)
def test_more_ways_cadres_say_what_they_want(text, intent):
    assert RuleUnderstander().understand(text, today=TODAY).intent is intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("使用手册", Intent.HELP),  # a help page asked for by its name
        ("你是真人吗", Intent.HELP),
        ("what can you do?", Intent.HELP),
        ("record an activity: safety training yesterday, 40 people", Intent.ACTIVITY),
        ("how many competitions does Daoli district have", Intent.STATS),
        ("参加人数最多的前三个竞赛", Intent.STATS),  # a ranking of the records
        ("把竞赛名单做成表格 打印出来", Intent.EXPORT),
        ("我登记的竞赛里有没有五创的", Intent.MY),
        ("年后我们搞个岗位练兵，能帮我登上吗", Intent.REGISTER),  # a go-ahead asked politely
        ("帮我记录这次活动，昨天在车间开的", Intent.ACTIVITY),
        ("竞赛总结有没有格式要求", Intent.QUESTION),  # a document's requirement, not the assistant's input
    ],
)
def test_more_classes_of_the_fifth_blind_set(text, intent):
    assert RuleUnderstander().understand(text, today=TODAY).intent is intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("把全部联系人做成文件发我", Intent.EXPORT),
        ("xlsx格式的活动清单发一下", Intent.EXPORT),  # a file format is an export, not the assistant's input
        ("教我怎么用", Intent.HELP),
        ("有没有使用手册", Intent.HELP),
        ("能发照片给你吗", Intent.HELP),
        ("我们街道一共报了几个竞赛？我自己报了几个", Intent.MY),
        ("岗位练兵平均参加人数", Intent.STATS),
        ("报送一下 五创 200人", Intent.REGISTER),
        ("上礼拜开了个座谈会，帮我存一下", Intent.ACTIVITY),
        ("市总的竞赛通知里报名截止是哪天", Intent.QUESTION),
        ("统计参赛人数的时候，退休返聘的算不算", Intent.QUESTION),
        ("开展劳动竞赛文件有什么要求", Intent.QUESTION),
    ],
)
def test_classes_of_the_sixth_blind_set(text, intent):
    assert RuleUnderstander().understand(text, today=TODAY).intent is intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("再加一个竞赛进系统 三保一促的", Intent.REGISTER),
        ("把我们厂的安康杯竞赛加进库里", Intent.REGISTER),
        ("公有和非公各登记了多少", Intent.STATS),
        ("全部活动的总参与人次", Intent.STATS),
        ("下载一下登记库", Intent.EXPORT),
        ("出个表 所有岗位练兵", Intent.EXPORT),
        ("功能列表发我", Intent.HELP),
        ("/menu", Intent.HELP),
        ("你的用法是什么", Intent.HELP),
        ("登记表里的计划人数是指报名人数还是实际人数", Intent.QUESTION),
        ("我报的那个五小竞赛审核通过了吗", Intent.MY),
        ("我上周录的座谈会能撤回吗 帮我删了", Intent.MY),
        ("记一笔：昨天岗位练兵结束了", Intent.ACTIVITY),
    ],
)
def test_classes_of_the_ninth_blind_set(text, intent):
    assert RuleUnderstander().understand(text, today=TODAY).intent is intent
