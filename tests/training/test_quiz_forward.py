"""A sentence that names its cases only by pointing at a list below (有下列行为之一的，…处十日以上
十五日以下拘留) is no question by itself: found on laws the generator was never tuned on
(bench/quiz_laws.py)."""

from __future__ import annotations

from training.corpus import Corpus, CorpusDoc, Passage
from training.quiz import Generator, stands_alone

LEAD = (
    "企业事业单位和其他生产经营者有下列行为之一，尚不构成犯罪的，除依照有关法律法规规定予以处罚外，"
    "由县级以上人民政府环境保护主管部门或者其他有关部门将案件移送公安机关，对其直接负责的主管人员和其他"
    "直接责任人员，处十日以上十五日以下拘留；情节较轻的，处五日以上十日以下拘留："
)
ARTICLE = (
    LEAD
    + "\n（一）建设项目未依法进行环境影响评价，被责令停止建设，拒不执行的；\n（二）违反法律规定，未取得排污许可证排放污染物，被责令停止排污，拒不执行的。"
)


def _items(text: str, article: str = "第六十三条"):
    passage = Passage(
        doc_id=1, title="环境保护法", name="环境保护法", headings=(), article=article, text=text
    )
    corpus = Corpus([CorpusDoc(1, passage.title, passage.name, (passage,))])
    return Generator(corpus).generate((passage,), one_per_sentence=True)


def test_a_clause_pointing_at_a_list_below_gives_no_item():
    items = _items(ARTICLE)
    assert not [i for i in items if "拘留" in i.question], [i.question for i in items]


def test_the_same_rule_without_the_list_still_gives_one():
    # the penalty stated with its own case stands alone, so the rule above is about 下列, not about 拘留
    text = "违反本法规定排放污染物的，对其直接负责的主管人员，处十日以上十五日以下拘留。"
    assert stands_alone(text, text)
    assert not stands_alone(
        ARTICLE, "企业事业单位和其他生产经营者有下列行为之一的，处十日以上十五日以下拘留。"
    )
