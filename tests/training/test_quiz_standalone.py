"""Items a trainee can answer from the question alone (found in a blind review of 60 items): no
statement cut from a line the source broke mid-word, none leaning on the sentence before, no blank
that can only be one."""

from __future__ import annotations

from training.quiz import stands_alone

BROKEN = (
    "第十三条 用人单位……应按以下标准支付工资：\n（一）用人单位依法安排劳动者在日法定标准工作时间以外延长工作时间的，\n"
    "按照不低于劳动合\n同规定的劳动者本人日或小时工资标准的300%支付劳动者工资。"
)


def test_a_line_broken_mid_word_is_no_statement():
    assert not stands_alone(BROKEN, "同规定的劳动者本人日或小时工资标准的300%支付劳动者工资。")
    # half a sentence (it ends in ，) is no statement either
    assert not stands_alone(BROKEN, "（一）用人单位依法安排劳动者在日法定标准工作时间以外延长工作时间的，")


def test_a_sentence_after_its_article_number_stands_alone():
    text = "第十一条 用人单位有会员二十五人以上的，应当建立基层工会委员会。"
    assert stands_alone(text, "用人单位有会员二十五人以上的，应当建立基层工会委员会。")


def test_a_sentence_that_refers_back_does_not():
    text = "竞业限制期限内按月给予劳动者经济补偿。前款规定的月平均工资是指劳动者在劳动合同解除前十二个月的平均工资。"
    assert not stands_alone(text, "前款规定的月平均工资是指劳动者在劳动合同解除前十二个月的平均工资。")


def test_no_blank_can_only_be_one(tmp_path):
    from training.corpus import Corpus, CorpusDoc, Passage
    from training.quiz import Generator

    passage = Passage(
        doc_id=1,
        title="女职工劳动保护特别规定",
        name="女职工劳动保护特别规定",
        headings=(),
        article="第七条",
        text="生育多胞胎的，每多生育1个婴儿，增加产假15天。",
    )
    corpus = Corpus([CorpusDoc(1, passage.title, passage.name, (passage,))])
    items = Generator(corpus).candidates(passage)
    assert items and all(i.answer not in ("1", "一") for i in items)
