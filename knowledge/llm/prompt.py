"""The prompt: numbered passages and the question; a short Chinese answer citing [n] only from them.

Messages are (role, text) pairs, which LangChain chat models take as they are; nothing here needs
LangChain.
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.llm.verify import Passage

SYSTEM = """你是“工会助手”，为工会干部解答政策法规问题。只能依据用户给出的编号资料回答，不得使用资料以外的知识。
要求：
1. 用简体中文，先直接回答问题，通常一到三句话，不超过150字。
2. 每句话末尾用方括号标明依据的资料编号，例如[1]或[1][2]；只能引用给出的编号。
3. 数字、日期、比例、期限必须与资料原文完全一致，不要换算、推算或补充资料中没有的数字。
4. 引用原文用语时加引号，引号内必须与原文一字不差。
5. 不要使用标题、列表或加粗等格式。
6. 资料不足以回答时，只回答：资料中没有相关规定。"""
REFUSAL = "资料中没有相关规定"


def passages_block(passages: Sequence[Passage]) -> str:
    return "\n\n".join(f"[{p.n}] {p.source}\n{p.text}" for p in passages)


def messages(question: str, passages: Sequence[Passage]) -> list[tuple[str, str]]:
    user = f"资料：\n{passages_block(passages)}\n\n问题：{question.strip()}"
    return [("system", SYSTEM), ("human", user)]
