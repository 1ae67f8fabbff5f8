"""Questions go to the knowledge base; the reply is the answer followed by numbered citations, each
naming its document once, by its short name (《工会法》第四十三条).

A question may lean on the previous ones (`那女职工呢？`): the sender's last questions are kept, as they
were understood, in the conversation state under `<sender key>|history` (apart from a form's state, so a
saved history never looks like a form under way), and the knowledge base rewrites a follow-up into a
standalone question. `/new` or 30 minutes of silence starts afresh. A question asked in the middle of a
form comes here too, so it uses and extends the same history.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta

from bot import texts
from bot.flows.base import Context
from bot.messages import Reply
from knowledge.composing import OCR_NOTE
from knowledge.llm.stream import snapshots

log = logging.getLogger("gonghui.bot")
CLOSEST_CHARS = 60

HISTORY_TURNS = 4  # questions kept per sender
SILENCE = timedelta(minutes=30)  # after this long without a question, the next one starts afresh


def reply(ctx: Context, question: str) -> Reply:
    if ctx.drafts and getattr(ctx.knowledge, "streams", False):
        return _streamed(ctx, question)
    result = _ask(ctx, question)
    if result is None:
        return Reply(texts.KNOWLEDGE_DOWN)
    answer, standalone = result
    remember(ctx, standalone.text)
    return format_answer(answer, understood=standalone.text if standalone.changed else None)


def found(ctx: Context, text: str) -> Reply | None:
    """The answer when the documents cover `text`, else None (for statements that may be questions)."""
    result = _ask(ctx, text)
    if result is None or not result[0].found:
        return None
    answer, standalone = result
    remember(ctx, standalone.text)
    return format_answer(answer, understood=standalone.text if standalone.changed else None)


def _ask(ctx: Context, question: str):
    try:
        # the asker's union places them: their own local rules come right after national law
        region = ctx.registry.region_of(ctx.user) if ctx.user is not None else None
        return ctx.knowledge.ask_in_conversation(question, history(ctx), region=region)
    except Exception:  # any knowledge failure must not end the conversation
        log.exception("knowledge base failed on %r", question)
        return None


def _streamed(ctx: Context, question: str) -> Reply:
    """The answer as it grows (an LLM answerer streams its checked sentences), for a channel that edits
    one message; retrieval runs now, the model while the channel reads the drafts."""
    try:
        region = ctx.registry.region_of(ctx.user) if ctx.user is not None else None
        standalone = ctx.knowledge.standalone(question, history(ctx))
        events = ctx.knowledge.ask_stream(standalone.text, region=region)
    except Exception:
        log.exception("knowledge base failed on %r", question)
        return Reply(texts.KNOWLEDGE_DOWN)
    remember(ctx, standalone.text)
    understood = standalone.text if standalone.changed else None
    return Reply(texts.ANSWERING, drafts=_drafts(events, understood))


def _drafts(events, understood: str | None) -> Iterator[str]:
    head = texts.UNDERSTOOD_AS.format(question=understood.rstrip("？?")) + "\n" if understood else ""
    try:
        for item in snapshots(events):
            yield head + item if isinstance(item, str) else format_answer(item, understood=understood).text
    except Exception:  # the model's failures fall back inside the answerer; this is anything else
        log.exception("streamed answer failed")
        yield texts.KNOWLEDGE_DOWN


# -- the sender's recent questions ---------------------------------------------------------------------
def _key(ctx: Context) -> str:
    return f"{ctx.sender.key}|history"


def _now(ctx: Context) -> datetime:
    return ctx.now or datetime.now()


def history(ctx: Context) -> list[str]:
    """The sender's recent questions, oldest first; none after SILENCE without a question."""
    saved = ctx.registry.load_state(_key(ctx))
    if not saved or not saved.get("questions"):
        return []
    try:
        last = datetime.fromisoformat(saved["at"])
    except (KeyError, TypeError, ValueError):  # a history from another version: start afresh
        return []
    if _now(ctx) - last > SILENCE:
        return []
    return [q for q in saved["questions"] if isinstance(q, str)][-HISTORY_TURNS:]


def remember(ctx: Context, question: str) -> None:
    questions = [*history(ctx), question][-HISTORY_TURNS:]
    ctx.registry.save_state(_key(ctx), {"questions": questions, "at": _now(ctx).isoformat()})


def forget(ctx: Context) -> None:
    ctx.registry.clear_state(_key(ctx))


# -- the reply -----------------------------------------------------------------------------------------
def format_answer(answer, *, understood: str | None = None) -> Reply:
    """The answer with its citations; `understood` is the standalone question a follow-up became,
    shown first so the user sees how the question was read."""
    head = [texts.UNDERSTOOD_AS.format(question=understood.rstrip("？?"))] if understood else []
    extra = {"standalone": understood} if understood else {}
    citations = [c.to_json() for c in answer.citations]
    if answer.found:
        lines = [*head, answer.answer, "", texts.CITATIONS]
        for c in answer.citations:
            status = "" if c.status == texts.IN_FORCE else f"（{c.status}）"
            lines.append(f"[{c.n}] {c.label}{status}" + (OCR_NOTE if c.ocr_low else ""))
        return Reply("\n".join(lines), extra={"citations": citations, "found": True} | extra)
    lines = [*head, answer.answer]
    if answer.closest:
        lines += ["", texts.CLOSEST]
        for h in answer.closest[:3]:
            where = h.article or (h.section.split(" › ")[-1] if h.section else "")
            lines.append(f"- 《{h.name}》{where}：{h.text[:CLOSEST_CHARS]}…")
    return Reply("\n".join(lines), extra={"citations": [], "found": False} | extra)
