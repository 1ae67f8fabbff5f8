"""Questions go to the knowledge base; the reply is the answer followed by numbered citations, each
naming its document once, by its short name (《工会法》第四十三条)."""

from __future__ import annotations

import logging

from bot import texts
from bot.flows.base import Context
from bot.messages import Reply
from knowledge.composing import OCR_NOTE

log = logging.getLogger("gonghui.bot")
CLOSEST_CHARS = 60


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
        # the asker's union places them: their own local rules come right after national law
        region = ctx.registry.region_of(ctx.user) if ctx.user is not None else None
        return ctx.knowledge.ask(question, region=region)
    except Exception:  # any knowledge failure must not end the conversation
        log.exception("knowledge base failed on %r", question)
        return None


def format_answer(answer) -> Reply:
    citations = [c.to_json() for c in answer.citations]
    if answer.found:
        lines = [answer.answer, "", texts.CITATIONS]
        for c in answer.citations:
            status = "" if c.status == texts.IN_FORCE else f"（{c.status}）"
            lines.append(f"[{c.n}] {c.label}{status}" + (OCR_NOTE if c.ocr_low else ""))
        return Reply("\n".join(lines), extra={"citations": citations, "found": True})
    lines = [answer.answer]
    if answer.closest:
        lines += ["", texts.CLOSEST]
        for h in answer.closest[:3]:
            where = h.article or (h.section.split(" › ")[-1] if h.section else "")
            lines.append(f"- 《{h.name}》{where}：{h.text[:CLOSEST_CHARS]}…")
    return Reply("\n".join(lines), extra={"citations": [], "found": False})
