"""The console's list of recent uploads is scoped like the API's (issue 8.9), and a re-upload of someone
else's document is refused there with the same reason (issue 8.3)."""

from __future__ import annotations

import re

from .conftest import hx

ADMIN_TEXT = "管理办法\n\n第一条 工会经费必须专款专用，严格按照预算执行。\n".encode()


def upload(console, who: str, name: str, data: bytes):
    return console(who).post("/documents/upload", files={"file": (name, data, "text/plain")}, headers=hx())


def test_the_console_lists_only_ones_own_uploads(console):
    for who, name in (("admin", "市总管理办法.txt"), ("songbei", "松北工作要点.txt")):
        r = upload(console, who, name, ADMIN_TEXT + name.encode())
        assert r.status_code == 202, r.text
        assert "已完成" in console.wait_job(re.search(r'hx-get="/jobs/([0-9a-f]+)"', r.text)[1], who)
    assert "市总管理办法.txt" in console("admin").get("/documents").text
    assert "松北工作要点.txt" in console("admin").get("/documents").text
    songbei = console("songbei").get("/documents").text
    assert "松北工作要点.txt" in songbei and "市总管理办法.txt" not in songbei
    viewer = console("viewer").get("/documents").text
    assert "松北工作要点.txt" not in viewer and "市总管理办法.txt" not in viewer


def test_the_console_refuses_to_replace_someone_elses_document(console):
    r = upload(console, "admin", "管理办法.txt", ADMIN_TEXT)
    assert "已完成" in console.wait_job(re.search(r'hx-get="/jobs/([0-9a-f]+)"', r.text)[1])
    r = upload(console, "songbei", "管理办法.txt", "管理办法\n\n第一条 经费可随意使用。\n".encode())
    assert r.status_code == 409
    assert "只有上传者或管理员可以替换" in r.text and "市总管理员" in r.text
