"""网页对话: a whole registration through POST /api/v1/chat, with the same engine as Telegram."""

from __future__ import annotations

import base64
from dataclasses import replace

from tests.scripts import REGISTRATION

# the type (技术比武) is pressed as a button, not typed
STEPS = replace(
    REGISTRATION,
    name="网页登记的职工技能比武",
    unit="哈尔滨网页机械厂",
    ownership="非公",
    contact="赵六",
    phone="13912345678",
).answers()


def chat(api, who: str = "songbei", **body) -> list[dict]:
    r = api.post("/api/v1/chat", who, json=body)
    assert r.status_code == 200, r.text
    assert r.json()["session"] == body.get("session", "default")
    return r.json()["replies"]


def text_of(replies: list[dict]) -> str:
    return "\n".join(r["text"] for r in replies)


def test_a_cadre_registers_a_competition_by_chat(api):
    replies = chat(api, text="/register")
    assert "竞赛名称" in text_of(replies)
    replies = chat(api, text=STEPS[0])
    buttons = replies[-1]["buttons"]
    assert buttons and all(set(b) == {"label", "value"} for b in buttons)
    pressed = next(b for b in buttons if b["label"] == "技术比武")
    for step in [None, *STEPS[2:]]:
        replies = chat(api, choice=pressed["value"]) if step is None else chat(api, text=step)
        assert not any("抱歉" in r["text"] for r in replies), text_of(replies)
    assert [b["label"] for b in replies[-1]["buttons"]] == ["确认", "修改"]
    confirm = replies[-1]["buttons"][0]["value"]
    replies = chat(api, choice=confirm)
    assert "已登记，编号 JS-2026-" in text_of(replies)
    reg_no = next(r["extra"]["reg_no"] for r in replies if "reg_no" in r["extra"])
    comp = api.get(f"/api/v1/competitions/{reg_no}", "songbei").json()
    assert comp["name"] == STEPS[0] and comp["planned"] == 200 and comp["total"] == 1200
    assert comp["created_by"] == api.app.state.registry.get_user("songbei").id  # registered as the cadre
    assert api.app.state.registry.load_state("web:songbei") is None  # nothing left over


def test_the_conversation_survives_between_requests_and_sessions_are_separate(api):
    chat(api, "daoli", text="/register")
    assert "竞赛名称" in text_of(chat(api, "daoli", text="/register", session="tab2"))
    assert api.app.state.registry.load_state("web:daoli")["flow"] == "register"
    assert api.app.state.registry.load_state("web:daoli#tab2") is not None
    assert "取消" in text_of(chat(api, "daoli", text="/cancel"))
    assert "取消" in text_of(chat(api, "daoli", text="/cancel", session="tab2"))


def test_questions_get_citations_and_viewers_cannot_register(api):
    replies = chat(api, "viewer", text="工会经费有哪些来源？")
    assert replies[0]["extra"]["found"] is True and replies[0]["extra"]["citations"]
    assert "只读" in text_of(chat(api, "viewer", text="/register"))


def test_export_by_chat_sends_files_as_base64(api):
    replies = chat(api, "admin", text="/export")
    files = [r["file"] for r in replies if r["file"]]
    assert files and files[0]["filename"].endswith(".xlsx")
    assert base64.b64decode(files[0]["content_base64"]).startswith(b"PK")
    assert files[0]["size"] == len(base64.b64decode(files[0]["content_base64"]))


def test_chat_validation(api):
    r = api.post("/api/v1/chat", json={"session": "x"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "text"
    r = api.post("/api/v1/chat", json={"text": "你好", "session": "../etc"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "session"
    r = api.post(
        "/api/v1/chat", json={"text": "/activity", "file": {"filename": "a.jpg", "content_base64": "!!"}}
    )
    assert r.status_code == 422 and r.json()["error"]["field"] == "file.content_base64"
    assert api.client.post("/api/v1/chat", json={"text": "你好"}).status_code == 401
