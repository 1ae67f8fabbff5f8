"""网页对话: POST /api/v1/chat — the same conversation engine as Telegram and the terminal.

A web conversation belongs to the authenticated user: its Sender is channel ``web`` with the user's
name (and a session for a named parallel conversation), so it never mixes with the same person's
Telegram or terminal conversation; the engine finds the registry user by that name."""

from __future__ import annotations

import base64
import binascii

from fastapi import APIRouter, Request

from api.auth import CurrentUser
from api.errors import ApiError
from api.schemas import ChatIn, ChatOut
from bot.messages import Incoming, InFile, Reply, Sender

router = APIRouter()
DEFAULT_SESSION = "default"


def web_sender(user, session: str = DEFAULT_SESSION) -> Sender:
    """The authenticated user's web conversation (the engine finds the user by this name)."""
    return Sender(
        "web",
        user.name,
        display_name=user.display_name,
        session="" if session == DEFAULT_SESSION else session,
    )


def reply_json(reply: Reply) -> dict:
    out: dict[str, object] = {
        "text": reply.text,
        "buttons": [{"label": b.label, "value": b.value} for b in reply.buttons],
        "file": None,
        "extra": _plain(reply.extra),
    }
    if reply.file is not None:
        out["file"] = {
            "filename": reply.file.filename,
            "mime": reply.file.mime,
            "size": len(reply.file.data),
            "content_base64": base64.b64encode(reply.file.data).decode("ascii"),
        }
    return out


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


@router.post(
    "/chat",
    tags=["对话"],
    response_model=ChatOut,
    summary="对话",
    description="与 Telegram 机器人相同的对话引擎：提问、`/register` 登记竞赛、`/activity` 记录活动、`/my`、`/stats`、"
    "`/export`。发送 text（文字或命令）或 choice（按下的按钮的 value），返回若干条回复，每条可带按钮和文件"
    "（base64）。对话进度保存在登记库中，中断后继续。会话属于当前登录用户。",
)
def chat(body: ChatIn, request: Request, user: CurrentUser) -> dict:
    text = (body.text or "").strip()
    if not text and not body.choice and body.file is None:
        raise ApiError(422, "invalid", "请填写 text（文字）或 choice（按钮的值）。", field="text")
    file = None
    if body.file is not None:
        try:
            data = base64.b64decode(body.file.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(
                422, "invalid", "文件内容不是有效的 base64。", field="file.content_base64"
            ) from None
        limits = request.app.state.registry.limits
        if len(data) > limits.file_bytes:
            raise ApiError(413, "too_large", f"文件超过 {limits.file_mb} MB，请压缩后再发送。", field="file")
        file = InFile(filename=body.file.filename, data=data, mime=body.file.mime)
    return converse(request.app.state.engine, user, body.session, text=text, choice=body.choice, file=file)


def converse(
    engine, user, session: str, *, text: str, choice: str | None, file: InFile | None = None
) -> dict:
    """One message of the user's web conversation through the engine, replies as JSON: this route and
    the console's 对话 page share it."""
    replies = engine.handle(Incoming(web_sender(user, session), text=text, choice=choice, file=file))
    return {"session": session, "replies": [reply_json(r) for r in replies]}
