"""登录、问答、文档库、对话 pages, and the console's offline promise (no external URL anywhere)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.api.conftest import docx_bytes
from tests.web.conftest import hx, visible_text

STATIC = Path(__file__).resolve().parents[2] / "api" / "web" / "static"
PAGES = [
    "/ask",
    "/chat",
    "/documents",
    "/documents/1",
    "/documents/1/passages/0",
    "/competitions",
    "/activities",
    "/stats",
    "/login",
]


def test_logged_out_pages_redirect_to_login(console):
    client = console.anonymous()
    r = client.get("/")
    assert r.status_code == 303 and r.headers["location"] == "/login"
    for url in ("/ask", "/competitions?type=安康杯", "/stats", "/export/competitions.xlsx", "/attachments/1"):
        r = client.get(url)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), url
    assert client.get("/competitions", headers=hx()).headers["hx-redirect"] == "/login"
    page = client.get("/login")
    assert page.status_code == 200 and "API 令牌" in page.text and "登录" in page.text


def test_login_with_a_good_and_a_bad_token_then_logout(console):
    client = console.anonymous()
    r = client.post("/login", data={"token": "gh_not-a-real-token", "next": "/stats"})
    assert r.status_code == 401 and "令牌无效" in r.text
    assert client.post("/login", data={"token": ""}).status_code == 401
    r = client.post("/login", data={"token": console.tokens["songbei"], "next": "/competitions"})
    assert r.status_code == 303 and r.headers["location"] == "/competitions"
    cookie = r.headers["set-cookie"].lower()
    assert "gonghui_token=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/").headers["location"] == "/ask"
    page = client.get("/ask")
    assert page.status_code == 200 and "松北干部" in page.text and "工会干部" in page.text
    # an open redirect is refused; a foreign Origin cannot post with the cookie
    r = client.post("/login", data={"token": console.tokens["songbei"], "next": "//evil.example/x"})
    assert r.headers["location"] == "/ask"
    assert (
        client.post("/chat", data={"text": "/help"}, headers={"Origin": "http://evil.example"}).status_code
        == 403
    )
    r = client.post("/logout")
    assert r.status_code == 303 and r.headers["location"] == "/login"
    client.cookies.clear()
    assert client.get("/ask").status_code == 303


def test_every_page_renders_in_chinese(console):
    for who in ("admin", "viewer"):
        for url in PAGES:
            r = console(who).get(url)
            assert r.status_code == 200, (who, url, r.text[:300])
            assert r.headers["content-type"].startswith("text/html")
            assert '<html lang="zh-CN">' in r.text and 'name="viewport"' in r.text
            assert re.search(r"[\u4e00-\u9fff]{2,}", visible_text(r.text)), url


def test_ask_shows_a_numbered_citation_that_opens_the_passage(console):
    r = console("viewer").post("/ask", data={"question": "工会经费有哪些来源？"}, headers=hx())
    assert r.status_code == 200
    assert '<a class="ref" href="#cite-1">[1]</a>' in r.text and 'id="cite-1"' in r.text
    assert "中华人民共和国工会法" in r.text and "第四十三条" in r.text
    links = re.findall(r'href="(/documents/\d+/passages/\d+)"', r.text)
    assert links
    passages = [console("viewer").get(link) for link in links]
    assert all(p.status_code == 200 for p in passages)
    assert any("工会会员缴纳的会费" in p.text and "第四十三条" in p.text for p in passages)
    # without htmx the same form renders the whole page; a GET with ?q= too
    page = console("viewer").post("/ask", data={"question": "工会经费有哪些来源？"})
    assert "<header>" in page.text and 'id="cite-1"' in page.text
    assert 'id="cite-1"' in console("viewer").get("/ask", params={"q": "工会经费有哪些来源？"}).text
    empty = console("viewer").post("/ask", data={"question": "  "}, headers=hx())
    assert empty.status_code == 422 and "请填写问题" in empty.text
    assert console("viewer").get("/documents/1/passages/999").status_code == 404


def test_upload_a_docx_job_done_listed_searchable_then_deleted(console):
    data = docx_bytes(
        [
            "关于开展2026年职工网页技能竞赛的通知",
            "各区县总工会：",
            "为提高职工技能，决定开展网页技能竞赛。参赛职工应于六月底前报名。",
        ]
    )
    files = {
        "file": (
            "网页竞赛通知.docx",
            data,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    }
    r = console("songbei").post(
        "/documents/upload", files=files, data={"title": "", "doc_type": "通知"}, headers=hx()
    )
    assert r.status_code == 202, r.text
    job_id = re.search(r'hx-get="/jobs/([0-9a-f]+)"', r.text)[1]
    done = console.wait_job(job_id, "songbei")
    assert "已完成" in done and "网页竞赛通知.docx" in done
    rows = console("songbei").get("/documents/rows").text
    assert "关于开展2026年职工网页技能竞赛的通知" in rows
    doc_id = int(re.search(r'href="/documents/(\d+)">关于开展2026年职工网页技能竞赛', rows)[1])
    assert "删除" not in rows  # only admins delete
    answer = (
        console("songbei").post("/ask", data={"question": "网页技能竞赛什么时候报名？"}, headers=hx()).text
    )
    assert "六月底前报名" in answer
    # non-htmx: redirected to the job page; unsupported types are refused with the API's reason
    r = console("songbei").post(
        "/documents/upload", files={"file": ("a.exe", b"MZ", "application/octet-stream")}
    )
    assert r.status_code == 415 and "不支持" in r.text
    assert console("viewer").post("/documents/upload", files=files).status_code == 403
    # delete: admin only, with a confirmation prompt on the button
    listing = console("admin").get("/documents").text
    assert f'hx-post="/documents/{doc_id}/delete"' in listing and "hx-confirm=" in listing
    assert console("songbei").post(f"/documents/{doc_id}/delete", headers=hx()).status_code == 403
    r = console("admin").post(f"/documents/{doc_id}/delete", headers=hx())
    assert r.status_code == 200 and r.headers["hx-trigger"] == "docs-changed"
    assert "网页技能竞赛" not in console("admin").get("/documents/rows").text
    r = console("admin").post(f"/documents/{doc_id}/delete")
    assert r.status_code == 404 and "找不到" in r.text


def test_chat_registers_a_competition_with_clickable_buttons(console):
    from tests.api.test_api_chat import STEPS

    client = console("songbei")
    r = client.post("/chat", data={"text": "/register"}, headers=hx())
    assert r.status_code == 200 and "竞赛名称" in r.text and 'class="msg me"' in r.text
    r = client.post("/chat", data={"text": STEPS[0]}, headers=hx())
    buttons = dict(
        (label, value)
        for value, label in re.findall(r'name="choice" value="([^"]*)"[^>]*>([^<]+)</button>', r.text)
    )
    assert "技术比武" in buttons
    for step in [None, *STEPS[2:]]:
        data = {"choice": buttons["技术比武"], "label": "技术比武"} if step is None else {"text": step}
        r = client.post("/chat", data=data, headers=hx())
        assert r.status_code == 200 and "抱歉" not in r.text, r.text
    confirm = re.search(r'name="choice" value="([^"]*)"[^>]*>确认</button>', r.text)[1]
    r = client.post("/chat", data={"choice": confirm, "label": "确认"}, headers=hx())
    reg_no = re.search(r"已登记，编号 (JS-2026-\d+)", r.text)[1]
    page = client.get(f"/competitions/{reg_no}")
    assert page.status_code == 200 and STEPS[0] in page.text
    assert reg_no in client.get("/competitions").text
    # without htmx the chat page renders whole, with the reply in it
    full = client.post("/chat", data={"text": "/my"})
    assert full.status_code == 200 and "<header>" in full.text and reg_no in full.text


def test_no_external_urls_in_pages_or_static_files(console):
    external = re.compile(r"https?://(?!testserver\b)[^\s\"'<>)]+", re.I)
    client = console("admin")
    bodies = [client.get(url).text for url in PAGES]
    bodies.append(client.post("/ask", data={"question": "工会经费有哪些来源？"}).text)
    bodies.append(client.post("/chat", data={"text": "/help"}).text)
    for body in bodies:
        assert not external.findall(body)
    assert list(STATIC.iterdir())
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)  # licence comments may name their home
        if path.name.endswith(".txt"):
            continue  # the licence text itself
        assert not external.findall(text), path.name
        assert console.anonymous().get(f"/static/{path.name}").status_code == 200
    htmx = (STATIC / "htmx.min.js").read_text(encoding="utf-8")
    assert htmx.startswith("/*! htmx.org 2.") and "0BSD" in htmx.splitlines()[0]
