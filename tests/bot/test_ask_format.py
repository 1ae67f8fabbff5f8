"""How a chat reply shows an answer: the answer, then each citation once by its short name, with the
status of a rule no longer in force; a refusal lists the closest passages by short name."""

from bot.flows.ask import format_answer
from knowledge.model import Answer, Citation, Hit


def test_citations_use_short_names_and_flag_rules_not_in_force():
    cited = (
        Citation(1, 1, "中华人民共和国工会法", "第五章", "第四十三条", "…", short_title="工会法"),
        Citation(
            2,
            2,
            "中国工会章程（2008年修改本）",
            "",
            "第三十六条",
            "…",
            short_title="中国工会章程",
            status="已修订",
            superseded_by="中国工会章程（2023年修改本）",
        ),
    )
    reply = format_answer(Answer("q", "工会经费的来源：……[1]\n另见[2]。", True, cited))
    assert reply.text.endswith("引用：\n[1] 《工会法》第四十三条\n[2] 《中国工会章程》第三十六条（已修订）")
    assert reply.extra["citations"][1]["superseded_by"] == "中国工会章程（2023年修改本）"


def test_a_refusal_lists_the_closest_passages_by_short_name():
    closest = (
        Hit(
            "1:0",
            1,
            "中华人民共和国工会法",
            "第五章",
            "第四十三条",
            "工会经费的来源",
            1.0,
            short_title="工会法",
        ),
    )
    reply = format_answer(
        Answer("q", "抱歉，现有文件中没有找到能直接回答这个问题的内容。", False, closest=closest)
    )
    assert "- 《工会法》第四十三条：工会经费的来源…" in reply.text
