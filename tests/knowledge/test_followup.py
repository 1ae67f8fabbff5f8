"""Follow-up questions rewritten into standalone ones: the rule-based rewriter (with and without the
documents' statistics) and the LLM rewriter against fake chat models, including failing ones."""

from __future__ import annotations

import pytest

from knowledge.analysis import Analyzer
from knowledge.followup import IndexStats, RuleRewriter, Standalone, rewrite
from knowledge.lexical import LexicalIndex

OVERTIME = "每天最多能加几个小时班？"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="module")
def rules(analyzer) -> RuleRewriter:
    return RuleRewriter(analyzer)


# -- follow-ups are rewritten ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("history", "question", "expected"),
    [
        ([OVERTIME], "那女职工呢？", "女职工，每天最多能加几个小时班？"),
        (["职工年休假有几天？"], "那工作满十年的呢？", "工作满十年的职工年休假有几天？"),
        (["女职工产假有多少天？"], "难产的呢？", "难产的女职工产假有多少天？"),
        # a new number replaces the previous one of the same unit
        (["劳动合同签三年，试用期最长多久？"], "那签一年的呢？", "劳动合同签一年，试用期最长多久？"),
        # no topic of its own: the previous topic goes in front
        (["停工留薪期间工资怎么发？"], "最长能休多久？", "停工留薪期工资，最长能休多久？"),
        (["企业工会经费按什么标准拨缴？"], "企业拖着不交怎么办？", "工会经费，企业拖着不交怎么办？"),
        # an anaphor stands for the previous topic
        (["年休假没休完单位怎么补偿？"], "这个日工资怎么算？", "年休假补偿日工资怎么算？"),
        (["职工带薪年休假有几天？"], "这个一年从哪天开始算？", "带薪年休假一年从哪天开始算？"),
    ],
)
def test_follow_ups_are_rewritten(rules, history, question, expected):
    assert rules.rewrite(question, history) == Standalone(expected, True, "rule")


def test_a_chain_of_follow_ups_keeps_the_first_topic(rules):
    out = rules.rewrite("要是怀孕了呢？", [OVERTIME, "那女职工呢？"])
    assert out.changed and all(w in out.text for w in ("怀孕", "女职工", "每天最多能加几个小时班"))


def test_the_module_function_needs_no_knowledge_base():
    assert rewrite("那女职工呢？", [OVERTIME]).text == "女职工，每天最多能加几个小时班？"


# -- everything else is left alone -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("history", "question"),
    [
        ([], "那女职工呢？"),  # nothing to lean on
        (["", "  "], "那女职工呢？"),
        (["好的"], "那女职工呢？"),  # a previous turn without content carries nothing
        ([OVERTIME], "你好"),  # no content of its own: not a follow-up either
        ([OVERTIME], "谢谢！"),
        ([OVERTIME], "好的"),
        # self-contained new questions, some opening like a follow-up
        ([OVERTIME], "工会经费按工资总额的百分之几拨缴？"),
        (["试用期最长多久？"], "女职工产假有多少天？"),
        (["职工年休假有几天？"], "那上下班路上出车祸算工伤吗？"),
        (["经济补偿怎么算？"], "还有，职业健康检查的费用谁出？"),
        (["停工留薪期最长多久？"], "对了，集体合同一般签几年？"),
        # it names the previous topic itself
        (["试用期最长能约定几个月？"], "试用期工资最低给多少？"),
        # a long message tells its own story
        (
            [OVERTIME],
            "我们厂里有个职工上个月在车间干活的时候手被机器压伤了，现在单位说不算工伤，这种情况该找谁呢？",
        ),
    ],
)
def test_self_contained_questions_and_topic_switches_stay_as_typed(rules, history, question):
    assert rules.rewrite(question, history) == Standalone(question, False)


# -- with the documents' statistics ------------------------------------------------------------------
PASSAGES = [
    "非全日制用工，是指以小时计酬为主，劳动者在同一用人单位一般平均每日工作时间不超过四小时的用工形式。",
    "非全日制用工双方当事人不得约定试用期。",
    "劳动合同期限三个月以上不满一年的，试用期不得超过一个月。",
    "用人单位违反本法规定解除劳动合同的，应当依照本法规定的经济补偿标准的二倍向劳动者支付赔偿金。",
    "女职工生育享受98天产假，其中产前可以休假15天。",
    "职工因工作遭受事故伤害的，所在单位应当自事故伤害发生之日起30日内提出工伤认定申请。",
    "提出工伤认定申请应当提交下列材料：工伤认定申请表；医疗诊断证明。",
] + [f"用人单位应当依法保障劳动者第{i}项权利，劳动者依法享有休息休假的权利。" for i in range(100)]


@pytest.fixture(scope="module")
def with_stats(analyzer) -> RuleRewriter:
    index = LexicalIndex()
    index.build((str(i), analyzer.index_tokens(p)) for i, p in enumerate(PASSAGES))
    return RuleRewriter(analyzer, stats=IndexStats(lambda: index))


def test_index_statistics_tell_specific_and_unknown_words(with_stats):
    stats = with_stats.stats
    assert stats.size == len(PASSAGES)
    assert stats.idf("试用期") > stats.idf("劳动者")
    assert stats.idf("滞纳金") is None  # no passage holds it


def test_words_the_documents_do_not_hold_name_no_topic(with_stats, rules):
    history = ["非全日制用工每天最多干几个小时？"]
    assert rules.rewrite("滞纳金怎么算？", history).changed is False  # without statistics: a noun is a topic
    assert with_stats.rewrite("滞纳金怎么算？", history) == Standalone(
        "非全日制用工，滞纳金怎么算？", True, "rule"
    )


def test_a_topic_word_of_its_own_keeps_the_question_as_typed(with_stats):
    # even one the documents discuss with the previous topic: a switch must never be merged
    history = ["非全日制用工每天最多干几个小时？"]
    assert with_stats.rewrite("能约定试用期吗？", history) == Standalone("能约定试用期吗？", False)
    assert with_stats.rewrite("女职工产假有多少天？", history) == Standalone("女职工产假有多少天？", False)


def test_aspects_of_a_topic_lean_on_the_previous_one(with_stats):
    out = with_stats.rewrite("要交哪些材料？", ["工伤认定申请单位要在多长时间内提出？"])
    assert out.changed and out.text.startswith("工伤认定") and out.text.endswith("，要交哪些材料？")


def test_a_longer_question_with_a_specific_verb_is_self_contained(with_stats):
    history = ["女职工产假有多少天？"]
    question = "单位违法解除劳动合同要支付赔偿金吗？"
    assert with_stats.rewrite(question, history) == Standalone(question, False)
    assert with_stats.rewrite("要赔多少？", history).changed  # short: it leans on the previous question
