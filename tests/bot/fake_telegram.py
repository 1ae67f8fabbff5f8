"""Telegram's side, faked at the wire: a recording BaseRequest and a loopback Bot API server."""

from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from telegram.request import BaseRequest

BOT_USER = {"id": 777, "is_bot": True, "first_name": "工会助手", "username": "gonghui_test_bot"}
_ids = itertools.count(1000)


def user(uid: int = 42, name: str = "张三") -> dict:
    return {"id": uid, "is_bot": False, "first_name": name, "language_code": "zh-hans"}


def text_update(update_id: int, text: str, *, uid: int = 42) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": next(_ids),
            "date": int(time.time()),
            "chat": {"id": uid, "type": "private"},
            "from": user(uid),
            "text": text,
            **(
                {"entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]}
                if text.startswith("/")
                else {}
            ),
        },
    }


def button_update(update_id: int, data: str, *, uid: int = 42) -> dict:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(next(_ids)),
            "from": user(uid),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": next(_ids),
                "date": int(time.time()),
                "chat": {"id": uid, "type": "private"},
                "from": BOT_USER,
                "text": "…",
            },
        },
    }


MAX_TEXT, MAX_CAPTION, MAX_CALLBACK_BYTES = 4096, 1024, 64
MAX_DOWNLOAD = 20 * 1024 * 1024


class BotApiError(Exception):
    """What the real Bot API answers with `ok: false` (400 Bad Request and the like)."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after

    def payload(self) -> dict:
        out = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            out["parameters"] = {"retry_after": self.retry_after}
        return out


def _markup(params: dict) -> dict | None:
    raw = params.get("reply_markup")
    if raw in (None, "", "null"):
        return None
    return json.loads(raw) if isinstance(raw, str) else raw


def check_limits(method: str, params: dict, *, file_sizes: dict | None = None) -> None:
    """Telegram's real limits on what a bot sends; raises BotApiError as the Bot API would."""
    text = params.get("text")
    if method in ("sendMessage", "editMessageText") and (not text or len(text) > MAX_TEXT):
        raise BotApiError(
            400, "Bad Request: message is too long" if text else "Bad Request: message text is empty"
        )
    caption = params.get("caption")
    if caption and len(caption) > MAX_CAPTION:
        raise BotApiError(400, "Bad Request: message caption is too long")
    markup = _markup(params)
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data", "")
            if not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES:
                raise BotApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    if method == "getFile" and (file_sizes or {}).get(params.get("file_id"), 0) > MAX_DOWNLOAD:
        raise BotApiError(400, "Bad Request: file is too big")


def keyboard_of(params: dict) -> list[tuple[str, str]]:
    """(label, callback data) of a sent message's inline keyboard."""
    markup = _markup(params) or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


def answer(method: str, params: dict) -> object:
    """What the Bot API would return for a method, good enough for python-telegram-bot to parse."""
    if method == "getMe":
        return BOT_USER
    if method in ("sendMessage", "sendDocument"):
        chat_id = int(params.get("chat_id", 0))
        return {
            "message_id": next(_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            "text": params.get("text", params.get("caption", "")),
        }
    if method == "getUpdates":
        return []
    if method == "getFile":
        return {
            "file_id": params.get("file_id", "f"),
            "file_unique_id": "u1",
            "file_size": len(PHOTO),
            "file_path": "photos/file_1.jpg",
        }
    return True


PHOTO = b"\xff\xd8\xff\xe0fake-jpeg-bytes"


def photo_update(update_id: int, *, uid: int = 42, caption: str = "") -> dict:
    message = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": {"id": uid, "type": "private"},
        "from": user(uid),
        "photo": [
            {"file_id": "small", "file_unique_id": "s1", "width": 90, "height": 60, "file_size": 10},
            {
                "file_id": "large",
                "file_unique_id": "l1",
                "width": 1280,
                "height": 853,
                "file_size": len(PHOTO),
            },
        ],
    }
    if caption:
        message["caption"] = caption
    return {"update_id": update_id, "message": message}


def document_update(update_id: int, *, name: str, size: int, uid: int = 42, caption: str = "") -> dict:
    message = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": {"id": uid, "type": "private"},
        "from": user(uid),
        "document": {
            "file_id": f"doc-{name}",
            "file_unique_id": f"u-{name}",
            "file_name": name,
            "mime_type": "application/octet-stream",
            "file_size": size,
        },
    }
    if caption:
        message["caption"] = caption
    return {"update_id": update_id, "message": message}


class RecordingRequest(BaseRequest):
    """Records every Bot API call and answers it like the Bot API: a canned success, or the error the
    real API gives when a limit is broken (text length, button data bytes, download size). `throttle`
    makes the next N sendMessage calls fail with 429 Too Many Requests."""

    def __init__(self, *, file_sizes: dict | None = None, files: dict[str, bytes] | None = None) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.files = files or {}  # file_id → the bytes a download returns (a photo otherwise)
        self._paths: dict[str, str] = {}
        self.errors: list[tuple[str, str]] = []
        self.accepted: list[tuple[str, dict]] = []
        self.file_sizes = file_sizes or {}
        self.throttle = 0
        self.texts: dict[int, str] = {}  # message id → its text now, as edits leave it

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def do_request(
        self,
        url,
        method,
        request_data=None,
        read_timeout=None,
        write_timeout=None,
        connect_timeout=None,
        pool_timeout=None,
    ):  # noqa: ARG002
        if "/file/bot" in url:  # a file download, not an API method
            self.calls.append(("download", {"url": url}))
            wanted = next((fid for fid, path in self._paths.items() if url.endswith(path)), None)
            return 200, self.files.get(wanted, PHOTO)
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        if request_data is not None and request_data.contains_files:
            # multipart parts: name -> (filename, bytes, mime)
            params["_files"] = {k: v for k, v in request_data.multipart_data.items()}
        self.calls.append((endpoint, params))
        try:
            if endpoint == "sendMessage" and self.throttle > 0:
                self.throttle -= 1
                raise BotApiError(429, "Too Many Requests: retry after 1", retry_after=1)
            check_limits(endpoint, params, file_sizes=self.file_sizes)
            if endpoint == "editMessageText":
                message_id = int(params.get("message_id", 0))
                if message_id not in self.texts:
                    raise BotApiError(400, "Bad Request: message to edit not found")
                if self.texts[message_id] == params.get("text"):
                    raise BotApiError(400, "Bad Request: message is not modified")
                self.texts[message_id] = params["text"]
        except BotApiError as exc:
            self.errors.append((endpoint, exc.description))
            return exc.code, json.dumps(exc.payload()).encode()
        self.accepted.append((endpoint, params))
        result = answer(endpoint, params)
        if endpoint == "sendMessage":
            self.texts[result["message_id"]] = params.get("text", "")
        if endpoint == "getFile" and params.get("file_id") in self.files:
            data = self.files[params["file_id"]]
            result |= {"file_size": len(data), "file_path": f"documents/{len(self._paths) + 1}.bin"}
            self._paths[params["file_id"]] = result["file_path"]
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def sent(self) -> list[dict]:
        """Messages and documents that Telegram accepted."""
        return [p for e, p in self.accepted if e in ("sendMessage", "sendDocument")]


class FakeBotApi:
    """A Bot API server on 127.0.0.1 that serves queued updates to getUpdates and records the rest."""

    def __init__(self) -> None:
        self.updates: list[dict] = []
        self.calls: list[tuple[str, dict]] = []
        self.errors: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                method = self.path.rsplit("/", 1)[-1]
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                ctype = self.headers.get("Content-Type", "")
                if "json" in ctype:
                    params = json.loads(body or b"{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
                with api.lock:
                    api.calls.append((method, params))
                    error = None
                    try:
                        check_limits(method, params)
                    except BotApiError as exc:
                        error = exc
                        api.errors.append((method, exc.description))
                    if method == "getUpdates":
                        offset = int(params.get("offset") or 0)
                        result = [u for u in api.updates if u["update_id"] >= offset]
                    elif error is None:
                        result = answer(method, params)
                if method == "getUpdates" and not result:
                    time.sleep(0.05)  # a short long-poll keeps the loop from spinning
                status = error.code if error is not None else 200
                payload = json.dumps(error.payload() if error else {"ok": True, "result": result}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot stopped polling while a long-poll was open

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeBotApi:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sent_texts(self) -> list[str]:
        with self.lock:
            return [p.get("text", "") for m, p in self.calls if m == "sendMessage"]
