from knowledge.analysis import Analyzer
from knowledge.titles import TitleIndex

DOCS = [
    (1, "中华人民共和国宪法"),
    (2, "中华人民共和国劳动合同法"),
    (3, "北京市集体合同条例"),
    (4, "北京市实施《中华人民共和国工会法》办法"),
    (5, "上海市工会条例"),
    (6, "关于开展劳动和技能竞赛的通知"),
]


def named(question: str) -> set[int]:
    analyzer = Analyzer()
    index = TitleIndex(analyzer, DOCS)
    return index.named(t for t, w in analyzer.query_terms(question).items() if w >= 1.0)


def test_short_title_names_a_law():
    assert named("宪法里有没有提到劳动竞赛？") == {1}
    assert named("劳动合同法规定试用期最长多久") == {2}


def test_place_names_its_local_regulations():
    assert named("我们是北京的企业，集体合同签几年？") == {3, 4}
    assert named("上海的工会经费怎么拨缴") == {5}


def test_topic_words_name_nothing():
    assert named("工会经费怎么交") == set()
    assert named("劳动竞赛有哪些形式") == set()
