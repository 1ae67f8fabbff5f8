"""With a Telegram token configured, the bot runs inside the API process: started in FastAPI's lifespan
(polling a loopback Bot API double) and stopped at shutdown."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from api.app import create_app
from service.composition import Application
from service.settings import Settings
from tests.bot.fake_telegram import FakeBotApi, text_update


def test_the_bot_polls_inside_the_api_process(tmp_path):
    with FakeBotApi() as bot_api:
        bot_api.updates = [text_update(1, "/help")]
        settings = Settings(
            data_dir=tmp_path,
            embedder="hash",
            telegram_token="123456:TEST",
            telegram_base_url=f"http://127.0.0.1:{bot_api.port}/bot",
        )
        app = create_app(Application(settings))
        with TestClient(app) as client:
            assert client.get("/api/v1/health").json()["telegram"] is True
            deadline = time.monotonic() + 20
            while not bot_api.sent_texts() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert any("工会助手" in t or "/register" in t for t in bot_api.sent_texts()), (
                bot_api.sent_texts()
            )
            began = time.monotonic()
        assert time.monotonic() - began < 15  # stopped with the server
        methods = [m for m, _ in bot_api.calls]
        assert "setMyCommands" in methods and "getUpdates" in methods
        assert app.state.telegram.running is False


def test_no_token_means_no_bot(tmp_path):
    app = create_app(Application(Settings(data_dir=tmp_path, embedder="hash")))
    with TestClient(app) as client:
        assert client.get("/api/v1/health").json()["telegram"] is False
