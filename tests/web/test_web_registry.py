"""竞赛、活动、统计、导出 pages: filters and paging, detail/edit/status with the audit log, union scoping,
photos through a scoped route, SVG charts and downloads with the login cookie."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from tests.web.conftest import PNG, hx


def reg_nos(html: str) -> set[str]:
    return set(re.findall(r'href="/competitions/(JS-\d{4}-\d+)"', html))


def test_competitions_table_filters_and_scoping(console, monkeypatch):
    seed = console.seed
    admin = console("admin")
    page = admin.get("/competitions")
    assert {seed["sb"], seed["sb2"], seed["dl"]} <= reg_nos(page.text)
    assert "<option>安康杯</option>" in page.text and "松北区" in page.text and "道里区" in page.text
    assert reg_nos(admin.get("/competitions", params={"type": "安康杯"}).text) == {seed["sb2"]}
    assert reg_nos(admin.get("/competitions", params={"district": "道里区"}).text) == {seed["dl"]}
    assert reg_nos(admin.get("/competitions", params={"status": "进行中"}).text) == {seed["sb"]}
    assert reg_nos(admin.get("/competitions", params={"union": "松北区总工会"}).text) >= {
        seed["sb"],
        seed["sb2"],
    }
    in_may = admin.get("/competitions", params={"date_from": "2026-04-01", "date_to": "2026-05-15"})
    assert reg_nos(in_may.text) == {seed["sb2"]}
    bad = admin.get("/competitions", params={"date_from": "五月"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text
    # htmx filters swap only the table
    part = admin.get("/competitions", params={"type": "安康杯"}, headers=hx(**{"HX-Target": "comp-table"}))
    assert "<header>" not in part.text and reg_nos(part.text) == {seed["sb2"]}
    # paging
    from api.web import paging

    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    first = admin.get("/competitions")
    assert "第 1 /" in first.text and "下一页" in first.text and len(reg_nos(first.text)) == 2
    second = admin.get("/competitions", params={"page": 2})
    assert "上一页" in second.text and not reg_nos(second.text) & reg_nos(first.text)
    # a cadre sees only their union's competitions, and not another union's page
    assert seed["dl"] not in reg_nos(console("songbei").get("/competitions").text)
    r = console("songbei").get(f"/competitions/{seed['dl']}")
    assert r.status_code == 403 and "无权" in r.text and "道里区岗位练兵" not in r.text
    assert console("songbei").get("/competitions/JS-2026-9999").status_code == 404


def test_competition_detail_edit_status_and_audit(console):
    reg_no = console.seed["sb2"]
    client = console("songbei")
    page = client.get(f"/competitions/{reg_no}")
    assert page.status_code == 200 and "安康杯安全知识竞赛" in page.text and "修改记录" in page.text
    assert "计划参赛职工数" in page.text and 'name="status" value="进行中"' in page.text
    r = client.post(f"/competitions/{reg_no}/edit", data={"field": "planned", "value": "80"}, headers=hx())
    assert r.status_code == 200 and "已保存" in r.text
    assert (
        console.app.state.registry.competition(
            reg_no, user=console.app.state.registry.get_user("songbei")
        ).planned
        == 80
    )
    r = client.post(f"/competitions/{reg_no}/edit", data={"field": "phone", "value": "123"}, headers=hx())
    assert r.status_code == 422 and 'class="error"' in r.text
    # the refused edit keeps what was chosen and typed: a quick retry must not overwrite the name
    assert '<option value="phone" selected>' in r.text and 'name="value" value="123"' in r.text
    r = client.post(f"/competitions/{reg_no}/status", data={"status": "进行中"})
    assert r.status_code == 303 and r.headers["location"] == f"/competitions/{reg_no}"
    page = client.get(f"/competitions/{reg_no}").text
    assert "<strong>进行中</strong>" in page
    # forward only for a cadre: no buttons back, and a forged request is refused with the registry's reason
    assert 'value="草稿"' not in page and 'value="已结束"' in page
    r = client.post(f"/competitions/{reg_no}/status", data={"status": "草稿"}, headers=hx())
    assert r.status_code == 422 and "只能向后推进" in r.text
    audit = page.split("修改记录")[1]
    assert (
        "计划参赛职工数" in audit
        and "50" in audit
        and "80" in audit
        and "进行中" in audit
        and "松北干部" in audit  # who, by display name
        and "songbei" not in audit
    )
    # when, in local time (Asia/Shanghai) to the minute, the stored ISO time as a tooltip
    entry = console.app.state.registry.audit_log(record=reg_no)[-1]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d<", audit) and f'title="{entry["at"]}"' in audit
    local = dt.datetime.fromisoformat(entry["at"]).astimezone(ZoneInfo("Asia/Shanghai"))
    assert entry["local_at"] == local.strftime("%Y-%m-%d %H:%M") and entry["local_at"] in audit
    # admins may go back; viewers see no edit controls and cannot write
    assert 'value="草稿"' in console("admin").get(f"/competitions/{reg_no}").text
    viewer = console("viewer").get(f"/competitions/{reg_no}").text
    assert "修改登记项" not in viewer and 'name="status"' not in viewer
    r = console("viewer").post(f"/competitions/{reg_no}/edit", data={"field": "planned", "value": "1"})
    assert r.status_code == 403
    # nor a form they could not submit: the page says why instead
    new = console("viewer").get("/activities/new")
    assert new.status_code == 403 and "只读" in new.text and 'name="summary"' not in new.text
    # another union's cadre cannot write either
    assert (
        console("daoli").post(f"/competitions/{reg_no}/status", data={"status": "已结束"}).status_code == 403
    )


def test_activities_table_detail_and_photos(console):
    act = console.seed["activity"]
    client = console("songbei")
    listing = client.get("/activities").text
    assert "松北区职工之家" in listing and "道里区工会" not in listing
    page = client.get(f"/activities/{act}")
    assert page.status_code == 200 and "竞赛动员大会" in page.text
    imgs = re.findall(r'<img src="(/attachments/\d+)"', page.text)
    assert len(imgs) == 1 and "方案.txt" in page.text
    photo = client.get(imgs[0])
    assert photo.status_code == 200 and photo.content == PNG and photo.headers["content-type"] == "image/png"
    assert console("daoli").get(imgs[0]).status_code == 403
    assert console("daoli").get(f"/activities/{act}").status_code == 403
    assert console.anonymous().get(imgs[0]).status_code == 303
    assert "道里区工会" in console("admin").get("/activities").text


def test_activity_detail_edit_and_audit(console):
    act = console.seed["activity"]
    registry = console.app.state.registry
    client = console("songbei")
    page = client.get(f"/activities/{act}").text
    assert "修改登记项" in page and "修改记录" in page
    r = client.post(f"/activities/{act}/edit", data={"field": "participants", "value": "120"}, headers=hx())
    assert r.status_code == 200 and "已保存" in r.text and 'id="act-detail"' in r.text
    assert registry.activity(act, user=registry.get_user("songbei")).participants == 120
    audit = r.text.split("修改记录")[1]
    assert "参加人数" in audit and "120" in audit and "松北干部" in audit
    r = client.post(f"/activities/{act}/edit", data={"field": "date", "value": "明天吧"}, headers=hx())
    assert r.status_code == 422 and 'class="error"' in r.text
    assert '<option value="date" selected>' in r.text and 'value="明天吧"' in r.text
    r = client.post(f"/activities/{act}/edit", data={"field": "place", "value": "区工人文化宫"})
    assert r.status_code == 303 and r.headers["location"] == f"/activities/{act}"
    assert "区工人文化宫" in client.get(f"/activities/{act}").text
    # viewers see no form and cannot write; another union's cadre is refused
    assert "修改登记项" not in console("viewer").get(f"/activities/{act}").text
    assert (
        console("viewer").post(f"/activities/{act}/edit", data={"field": "place", "value": "x"}).status_code
        == 403
    )
    assert (
        console("daoli").post(f"/activities/{act}/edit", data={"field": "place", "value": "x"}).status_code
        == 403
    )


def test_record_an_activity_with_photos_from_the_console(console):
    registry = console.app.state.registry
    client = console("songbei")
    assert "记录活动" in client.get("/activities").text
    form = client.get("/activities/new").text
    assert 'name="files"' in form and console.seed["sb2"] in form  # the cadre's competitions to link
    fields = {
        "kind": "座谈会",
        "date": "2026-06-05",
        "place": "松北区职工之家",
        "participants": "30",
        "summary": "非公企业职工座谈",
        "competition_id": console.seed["sb2"],
    }
    # a missing required field: the form comes back with the message and everything typed
    # (sent like a browser with no file chosen: an empty file part)
    r = client.post(
        "/activities/new",
        data=fields | {"place": ""},
        files=[("files", ("", b"", "application/octet-stream"))],
    )
    assert r.status_code == 422 and "请填写活动地点" in r.text and "非公企业职工座谈" in r.text
    r = client.post(
        "/activities/new",
        data=fields,
        files=[
            ("files", ("座谈会.png", PNG, "image/png")),
            ("files", ("签到表.txt", "张三".encode(), "text/plain")),
        ],
    )
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"]).text
    assert "非公企业职工座谈" in page and "签到表.txt" in page
    img = re.findall(r'<img src="(/attachments/\d+)"', page)
    assert len(img) == 1 and client.get(img[0]).content == PNG
    act = [
        a for a in registry.activities(user=registry.get_user("songbei")) if a.summary == "非公企业职工座谈"
    ]
    assert len(act) == 1 and act[0].competition_id is not None and len(act[0].attachments) == 2
    # viewers get no button and cannot post
    assert "记录活动" not in console("viewer").get("/activities").text.split("<h1>活动</h1>")[1][:200]
    assert console("viewer").post("/activities/new", data=fields).status_code == 403


def test_photos_are_added_to_a_recorded_activity_from_its_page(console):
    act = console.seed["activity"]
    client = console("songbei")
    assert "添加照片或附件" in client.get(f"/activities/{act}").text
    r = client.post(f"/activities/{act}/files", files=[("files", ("补拍.png", PNG, "image/png"))])
    assert r.status_code == 303
    page = client.get(f"/activities/{act}").text
    assert 'alt="补拍.png"' in page and "添加附件" in page.split("修改记录")[1]
    r = client.post(f"/activities/{act}/files", files=[("files", ("", b"", "application/octet-stream"))])
    assert r.status_code == 422 and "请选择要上传的照片或文件" in r.text
    assert "添加照片或附件" not in console("viewer").get(f"/activities/{act}").text
    assert (
        console("daoli").post(f"/activities/{act}/files", files=[("files", ("x.png", PNG))]).status_code
        == 403
    )
    # and removed again (htmx, with a confirmation in the browser)
    att = re.search(r'hx-post="/attachments/(\d+)/delete"\s+hx-confirm="删除附件“补拍.png”？"', page)
    assert att, "no delete control for the photo"
    assert console("daoli").post(f"/attachments/{att.group(1)}/delete").status_code == 403
    r = client.post(f"/attachments/{att.group(1)}/delete", headers=hx(), follow_redirects=True)
    assert (
        r.status_code == 200 and 'alt="补拍.png"' not in r.text and "删除附件" in r.text.split("修改记录")[1]
    )


def test_stats_page_has_svg_charts_and_coverage(console):
    page = console("admin").get("/stats")
    assert page.status_code == 200
    svgs = re.findall(r"<svg class=\"chart[^\"]*\"[^>]*aria-label=\"([^\"]+)\"", page.text)
    assert {"按竞赛类型", "按区县", "重点项目覆盖率", "各区县职工参与率", "每月活动数"} <= set(svgs)
    assert page.text.count("<rect") >= 8 and "xmlns" not in page.text
    assert "道里区地铁三号线" in page.text  # uncovered key project
    assert "已覆盖 1 / 2" in page.text and "50.0%" in page.text
    assert "2026-06" in page.text and "2026-07" in page.text
    viewer = console("viewer").get("/stats")
    assert (
        viewer.status_code == 200
        and "需要管理员、工会干部或培训师权限" in viewer.text
        and "<svg" not in viewer.text
    )


def test_exports_download_with_the_cookie(console):
    client = console("songbei")
    links = re.findall(r'href="(/export/[a-z]+\.(?:xlsx|csv))"', client.get("/stats").text)
    assert sorted(set(links)) == [
        "/export/activities.csv",
        "/export/activities.xlsx",
        "/export/competitions.csv",
        "/export/competitions.xlsx",
    ]
    r = client.get("/export/competitions.xlsx")
    assert r.status_code == 200 and r.content.startswith(b"PK")
    assert "filename*=utf-8''" in r.headers["content-disposition"].lower()
    csv = client.get("/export/competitions.csv")
    assert csv.content.startswith(b"\xef\xbb\xbf")
    text = csv.content.decode("utf-8-sig")
    assert "安康杯安全知识竞赛" in text and "道里区岗位练兵" not in text  # scoped like the API
    assert client.get("/export/activities.xlsx").content.startswith(b"PK")
    assert client.get("/export/users.csv").status_code == 404
