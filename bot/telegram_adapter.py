"""Telegram adapter (python-telegram-bot v22): maps updates to engine messages and replies back.

The only module of `bot` that imports telegram. The engine is synchronous (SQLite, embedder), so each
message is handled in a worker thread; replies go out in order. What Telegram limits, this adapter
respects: button data of at most 64 bytes (the engine hands out short keys), 4096 characters a
message (longer replies are split at line ends), 20 MB downloads (bigger files are refused with a
word, not dropped), and the outgoing rate (AIORateLimiter waits and retries instead of failing).
Flood control of incoming messages is the engine's, the same for every channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Protocol

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import texts
from bot.keys import ButtonMode
from bot.messages import Button, Incoming, InFile, Reply, Sender

log = logging.getLogger(__name__)

COMMANDS = (
    ("start", "开始使用、查看介绍"),
    ("help", "使用帮助"),
    ("register", "登记劳动和技能竞赛"),
    ("activity", "记录动员活动"),
    ("my", "我的竞赛和活动"),
    ("stats", "统计"),
    ("export", "导出表格"),
    ("courses", "我的培训课程"),
    ("learn", "学习课程"),
    ("quiz", "课程答题"),
    ("cancel", "取消当前操作"),
)
APOLOGY = "抱歉，处理您的消息时出了点问题，已记录下来，请稍后再试。"
BUTTONS_PER_ROW = 2
MAX_FILE_BYTES = 20 * 1024 * 1024  # the Bot API's download limit
MAX_TEXT = 4096  # characters of one message
MAX_CAPTION = 1024
KEYBOARD = "keyboard_message"  # chat_data: the message whose buttons are the current ones


class Handles(Protocol):
    def handle(self, msg: Incoming, *, buttons: ButtonMode = ...) -> list[Reply]: ...

    def may_send_files(self, sender: Sender) -> bool: ...


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    for b in buttons:  # the engine's keys are a few bytes: anything longer is a bug, not a user error
        if len(b.value.encode()) > 64:
            raise ValueError(f"callback data over 64 bytes: {b.value!r}")
    rows = [
        [InlineKeyboardButton(b.label, callback_data=b.value) for b in buttons[i : i + BUTTONS_PER_ROW]]
        for i in range(0, len(buttons), BUTTONS_PER_ROW)
    ]
    return InlineKeyboardMarkup(rows)


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends where possible."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > limit // 2 else limit
        pieces.append(text[:cut].rstrip("\n"))
        text = text[cut:].lstrip("\n")
    return [*pieces, text] if text or not pieces else pieces


def _sender(update: Update) -> Sender | None:
    user = update.effective_user
    return Sender("tg", str(user.id), display_name=user.full_name) if user is not None else None


async def _incoming(update: Update, engine: Handles, sender: Sender) -> Incoming | str | None:
    """The engine's message, or a reply text for what cannot even be passed on (a file over 20 MB)."""
    if update.callback_query is not None:
        await update.callback_query.answer()
        return Incoming(sender=sender, choice=update.callback_query.data or "")
    message = update.effective_message
    if message is None:
        return None
    text = message.text or message.caption or ""
    attachment = message.document or (message.photo[-1] if message.photo else None)
    if attachment is None:
        return Incoming(sender=sender, text=text, drafts=True)  # a streamed answer edits one message
    name = getattr(attachment, "file_name", None) or f"photo_{attachment.file_unique_id}.jpg"
    if (attachment.file_size or 0) > MAX_FILE_BYTES:
        return texts.FILE_TOO_BIG_FOR_CHANNEL.format(name=name, mb=MAX_FILE_BYTES // (1024 * 1024))
    if not await asyncio.to_thread(engine.may_send_files, sender):
        return Incoming(sender=sender, text=text, file_withheld=name)  # refused before downloading
    telegram_file = await attachment.get_file()
    data = bytes(await telegram_file.download_as_bytearray())
    mime = getattr(attachment, "mime_type", None) or "image/jpeg"
    return Incoming(sender=sender, text=text, file=InFile(filename=name, data=data, mime=mime))


async def _retire_keyboard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The last keyboard has been answered (by a press or by typing): take it away, so an old button
    cannot be pressed out of context."""
    chat = update.effective_chat
    if chat is None:  # an update from no chat (a channel post's edit) has no keyboard to take away
        return
    pressed = update.callback_query.message if update.callback_query is not None else None
    shown = context.chat_data.pop(KEYBOARD, None) if context.chat_data is not None else None
    for message_id in {shown, pressed.message_id if pressed is not None else None} - {None}:
        # already gone, too old, or not modified: nothing left to take away
        with contextlib.suppress(BadRequest):
            await context.bot.edit_message_reply_markup(chat.id, message_id, reply_markup=None)


async def _send(update: Update, context: ContextTypes.DEFAULT_TYPE, replies: Sequence[Reply]) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    for reply in replies:
        if reply.file is not None:
            caption = reply.text[:MAX_CAPTION] if reply.text else None
            await context.bot.send_document(
                chat.id, InputFile(reply.file.data, filename=reply.file.filename), caption=caption
            )
            continue
        if reply.drafts is not None:
            await _send_drafts(context.bot, chat.id, reply)
            continue
        if not reply.text:
            continue
        pieces = split_text(reply.text)
        for i, piece in enumerate(pieces):
            markup = keyboard(reply.buttons) if i == len(pieces) - 1 else None
            sent = await context.bot.send_message(chat.id, piece, reply_markup=markup)
            if markup is not None and context.chat_data is not None:
                context.chat_data[KEYBOARD] = sent.message_id


async def _send_drafts(bot, chat_id: int, reply: Reply) -> None:
    """One message that grows as the answer arrives: sent with `reply.text`, edited with each draft (the
    engine hands them out at most about once a second, Telegram's pace for edits), ending on the final
    text; a final text over 4096 characters continues in further messages."""
    sent = await bot.send_message(chat_id, reply.text)
    shown, drafts, final = reply.text, iter(reply.drafts or ()), None
    while (draft := await asyncio.to_thread(next, drafts, None)) is not None:  # the model works meanwhile
        final = draft
        text = draft if len(draft) <= MAX_TEXT else draft[: MAX_TEXT - 1] + "…"
        if text.strip() and text != shown:  # Telegram refuses an edit that changes nothing
            with contextlib.suppress(BadRequest):
                await bot.edit_message_text(text, chat_id=chat_id, message_id=sent.message_id)
                shown = text
    if final is None or len(final) <= MAX_TEXT:
        return
    first, *rest = split_text(final)
    if first != shown:
        with contextlib.suppress(BadRequest):
            await bot.edit_message_text(first, chat_id=chat_id, message_id=sent.message_id)
    for piece in rest:
        await bot.send_message(chat_id, piece)


def build_application(
    engine: Handles, *, token: str, base_url: str | None = None, request: BaseRequest | None = None
) -> Application:
    """An Application wired to the engine; `request`/`base_url` let tests talk to a fake Bot API."""
    builder = (
        ApplicationBuilder().token(token).post_init(_set_commands).rate_limiter(AIORateLimiter(max_retries=3))
    )
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_url.replace("/bot", "/file/bot"))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app = builder.build()

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        sender = _sender(update)
        if sender is None:
            return
        await _retire_keyboard(update, context)
        msg = await _incoming(update, engine, sender)
        if msg is None:
            return
        if isinstance(msg, str):
            await _send(update, context, [Reply(msg)])
            return
        replies = await asyncio.to_thread(engine.handle, msg, buttons=ButtonMode.KEYS)
        await _send(update, context, replies)

    app.add_handler(CallbackQueryHandler(on_update))
    app.add_handler(MessageHandler(filters.TEXT | filters.PHOTO | filters.Document.ALL, on_update))
    app.add_error_handler(_apologise)
    return app


async def _set_commands(app: Application) -> None:
    await app.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])


async def _apologise(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("telegram update failed: %r", context.error, exc_info=context.error)
    error = context.error
    if isinstance(error, RetryAfter | TimedOut) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    ):
        return  # Telegram is throttling or unreachable: another message would only make it worse
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, APOLOGY)
        except Exception:  # noqa: BLE001 - the apology itself must never raise
            log.exception("could not send the apology")
