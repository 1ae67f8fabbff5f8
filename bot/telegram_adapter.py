"""Telegram adapter (python-telegram-bot v22): maps updates to engine messages and replies back.

The only module of `bot` that imports telegram. The engine is synchronous (SQLite, embedder), so each
message is handled in a worker thread; replies go out in order.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from collections.abc import Sequence
from typing import Protocol

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

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
    ("cancel", "取消当前操作"),
)
APOLOGY = "抱歉，处理您的消息时出了点问题，已记录下来，请稍后再试。"
SLOW_DOWN = "您发送得太快了，请稍等几秒再继续。"
BUTTONS_PER_ROW = 2
MAX_FILE_BYTES = 20 * 1024 * 1024  # Bot API download limit


class Handles(Protocol):
    def handle(self, msg: Incoming) -> list[Reply]: ...


class RateLimiter:
    """At most `limit` messages per user in `window` seconds: protects the engine from floods."""

    def __init__(self, *, limit: int = 20, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._seen: dict[int, deque[float]] = defaultdict(deque)

    def allow(self, user_id: int, *, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        seen = self._seen[user_id]
        while seen and now - seen[0] > self.window:
            seen.popleft()
        if len(seen) >= self.limit:
            return False
        seen.append(now)
        return True


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    rows = [
        [InlineKeyboardButton(b.label, callback_data=b.value[:64]) for b in buttons[i : i + BUTTONS_PER_ROW]]
        for i in range(0, len(buttons), BUTTONS_PER_ROW)
    ]
    return InlineKeyboardMarkup(rows)


async def _incoming(update: Update) -> Incoming | None:
    user = update.effective_user
    if user is None:
        return None
    sender = Sender("tg", str(user.id), display_name=user.full_name)
    if update.callback_query is not None:
        await update.callback_query.answer()
        return Incoming(sender=sender, choice=update.callback_query.data or "")
    message = update.effective_message
    if message is None:
        return None
    file = None
    attachment = message.document or (message.photo[-1] if message.photo else None)
    if attachment is not None and (attachment.file_size or 0) <= MAX_FILE_BYTES:
        telegram_file = await attachment.get_file()
        data = bytes(await telegram_file.download_as_bytearray())
        name = getattr(attachment, "file_name", None) or f"photo_{attachment.file_unique_id}.jpg"
        file = InFile(filename=name, data=data, mime=getattr(attachment, "mime_type", None) or "image/jpeg")
    return Incoming(sender=sender, text=message.text or message.caption or "", file=file)


async def _send(update: Update, context: ContextTypes.DEFAULT_TYPE, replies: Sequence[Reply]) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    for reply in replies:
        if reply.file is not None:
            await context.bot.send_document(
                chat.id, InputFile(reply.file.data, filename=reply.file.filename), caption=reply.text or None
            )
        elif reply.text:
            await context.bot.send_message(chat.id, reply.text, reply_markup=keyboard(reply.buttons))


def build_application(
    engine: Handles,
    *,
    token: str,
    base_url: str | None = None,
    request: BaseRequest | None = None,
    limiter: RateLimiter | None = None,
) -> Application:
    """An Application wired to the engine; `request`/`base_url` let tests talk to a fake Bot API."""
    builder = ApplicationBuilder().token(token).post_init(_set_commands)
    if base_url:
        builder = builder.base_url(base_url).base_file_url(base_url.replace("/bot", "/file/bot"))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app = builder.build()
    limiter = limiter or RateLimiter()

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if user is not None and not limiter.allow(user.id):
            await _send(update, context, [Reply(SLOW_DOWN)])
            return
        msg = await _incoming(update)
        if msg is None:
            return
        replies = await asyncio.to_thread(engine.handle, msg)
        await _send(update, context, replies)

    app.add_handler(CallbackQueryHandler(on_update))
    app.add_handler(MessageHandler(filters.TEXT | filters.PHOTO | filters.Document.ALL, on_update))
    app.add_error_handler(_apologise)
    return app


async def _set_commands(app: Application) -> None:
    await app.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])


async def _apologise(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("telegram update failed: %r", context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, APOLOGY)
        except Exception:  # noqa: BLE001 - the apology itself must never raise
            log.exception("could not send the apology")
