"""The console and issue 10: a one-message registration in the 对话 page, and 新建竞赛 pre-filled
从文字或文件 (server-side, through the Application's understander) and then submitted."""

from __future__ import annotations

import html
import io
import re

from tests.web.conftest import hx

ONE_MESSAGE = (
    "帮我登记一个竞赛：哈尔滨锅炉厂有限责任公司搞安康杯，6月1日到年底，计划200人参加，全厂1200人，"
    "联系人张伟 13904511234"
)


def _value(page: str, name: str) -> str:
    m = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)
    return html.unescape(m[1]) if m else ""


def test_one_message_in_the_console_chat_lands_in_the_registry(console):
    client = console("songbei")
    r = client.post("/chat", data={"text": ONE_MESSAGE}, headers=hx())
    assert "我从您的消息中读到了以下内容" in r.text and "联系电话：13904511234 ✓" in r.text, r.text
    for text in ("2026年锅炉厂安康杯竞赛", "松北区总工会", "公有", "跳过", "跳过"):
        r = client.post("/chat", data={"text": text}, headers=hx())
        assert "抱歉" not in r.text, r.text
    confirm = re.search(r'name="choice" value="([^"]*)"[^>]*>确认</button>', r.text)[1]
    r = client.post("/chat", data={"choice": confirm, "label": "确认"}, headers=hx())
    reg_no = re.search(r"已登记，编号 (JS-\d{4}-\d+)", r.text)[1]
    registry = console.app.state.registry
    c = registry.competition(reg_no, user=registry.get_user("songbei"))
    assert (c.unit, c.type, c.planned, c.total, c.contact) == (
        "哈尔滨锅炉厂有限责任公司",
        "安康杯",
        200,
        1200,
        "张伟",
    )


def test_new_competition_filled_from_text_then_submitted(console):
    client = console("songbei")
    page = client.get("/competitions/new")
    assert page.status_code == 200 and "从文字或文件填写" in page.text
    assert 'href="/competitions/new"' in client.get("/competitions").text
    r = client.post("/competitions/new/fill", data={"text": ONE_MESSAGE})
    assert r.status_code == 200 and "请核对、补全后再提交" in r.text
    assert _value(r.text, "unit") == "哈尔滨锅炉厂有限责任公司" and _value(r.text, "phone") == "13904511234"
    assert _value(r.text, "planned") == "200" and _value(r.text, "total") == "1200"
    assert "<option selected>安康杯</option>" in r.text
    form = {k: _value(r.text, k) for k in ("unit", "start", "end", "planned", "total", "contact", "phone")}
    form |= {"name": "锅炉厂安康杯竞赛", "type": "安康杯", "union_name": "松北区总工会", "ownership": "公有"}
    done = client.post("/competitions/new", data=form)
    assert done.status_code == 303 and done.headers["location"].startswith("/competitions/JS-")
    shown = client.get(done.headers["location"]).text
    assert "锅炉厂安康杯竞赛" in shown and "哈尔滨锅炉厂有限责任公司" in shown


def test_new_competition_filled_from_a_plan_docx(console):
    import docx

    d = docx.Document()
    for line in (
        "关于开展2027年锅炉厂“安康杯”竞赛的方案",
        "一、竞赛名称：2027年锅炉厂“安康杯”安全生产竞赛",
        "二、竞赛时间：2027年3月1日至2027年11月30日",
        "三、参赛单位：哈尔滨锅炉厂有限责任公司，全厂职工1200人",
        "四、联系方式：联系人张伟，电话13904511234",
    ):
        d.add_paragraph(line)
    out = io.BytesIO()
    d.save(out)
    client = console("songbei")
    files = {"plan": ("方案.docx", out.getvalue(), "application/octet-stream")}
    r = client.post("/competitions/new/fill", data={"text": ""}, files=files)
    assert r.status_code == 200, r.text
    assert _value(r.text, "start") == "2027-03-01" and _value(r.text, "end") == "2027-11-30"
    assert _value(r.text, "contact") == "张伟"
    bad = client.post(
        "/competitions/new/fill", files={"plan": ("方案.docx", b"not a zip", "application/octet-stream")}
    )
    assert bad.status_code == 422 and "方案.docx" in bad.text and "从文字或文件填写" in bad.text
    # a viewer gets the reason, not a form
    assert console("viewer").get("/competitions/new").status_code == 403
