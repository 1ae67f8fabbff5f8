"""Questions go to the knowledge base; the reply is the answer followed by numbered citations."""

from __future__ import annotations

import logging

from bot import texts
from bot.flows.base import Context
from bot.messages import Reply
from knowledge.answering import OCR_NOTE

log = logging.getLogger("gonghui.bot")


def reply(ctx: Context, question: str) -> Reply:
    answer = _ask(ctx, question)
    if answer is None:
        return Reply(texts.KNOWLEDGE_DOWN)
    return format_answer(answer)


def found(ctx: Context, text: str) -> Reply | None:
    """The answer when the documents cover `text`, else None (for statements that may be questions)."""
    answer = _ask(ctx, text)
    return format_answer(answer) if answer is not None and answer.found else None


def _ask(ctx: Context, question: str):
    try:
        return ctx.knowledge.ask(question)
    except Exception:  # any knowledge failure must not end the conversation
        log.exception("knowledge base failed on %r", question)
        return None


def format_answer(answer) -> Reply:
    citations = [c.to_json() | {"label": c.label} for c in answer.citations]
    if answer.found:
        lines = [answer.answer, "", texts.CITATIONS]
        lines += [f"[{c.n}] {c.label}" + (OCR_NOTE if c.ocr_low else "") for c in answer.citations]
        return Reply("\n".join(lines), extra={"citations": citations, "found": True})
    lines = [answer.answer]
    if answer.closest:
        lines += ["", texts.CLOSEST]
        for h in answer.closest[:3]:
            where = h.article or h.section or ""
            lines.append(f"- {h.title} {where}：{h.text[:60]}…")
    return Reply("\n".join(lines), extra={"citations": [], "found": False})
