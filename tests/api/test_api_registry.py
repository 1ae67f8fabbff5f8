"""竞赛、活动、统计、导出 through the HTTP API, with roles and union scoping."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from .conftest import competition


@pytest.fixture
def comps(api) -> dict[str, dict]:
    """Three competitions: two in 松北区 (by the 松北 cadre), one in 道里区 (by the 道里 cadre)."""
    made = {
        "sb1": api.post("/api/v1/competitions", "songbei", json=competition()),
        "sb2": api.post(
            "/api/v1/competitions",
            "songbei",
            json=competition(
                name="安康杯安全知识竞赛",
                type="安康杯",
                unit="哈尔滨电机厂",
                start="2026-01-10",
                end="2026-03-31",
                ownership="非公",
                planned=50,
                total=100,
            ),
        ),
        "dl1": api.post(
            "/api/v1/competitions",
            "daoli",
            json=competition(
                name="五小创新竞赛",
                type="五小",
                union_name="道里区总工会",
                unit="道里供热公司",
                start="2027-02-01",
                end="2027-06-30",
            ),
        ),
    }
    for r in made.values():
        assert r.status_code == 201, r.text
    return {k: r.json() for k, r in made.items()}


def test_create_returns_the_registration_number(comps):
    assert comps["sb1"]["reg_no"] == "JS-2026-0001" and comps["sb1"]["status"] == "已登记"
    assert comps["dl1"]["reg_no"].startswith("JS-2027-") and comps["dl1"]["district"] == "道里区"


def test_create_is_validated_by_the_registry_in_chinese(api, comps):
    r = api.post("/api/v1/competitions", "songbei", json=competition(name="另一个", phone="12"))
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "invalid" and err["field"] == "phone" and "电话" in err["message"]
    r = api.post("/api/v1/competitions", "songbei", json=competition(name="另一个", start=None))
    assert (
        r.status_code == 422
        and r.json()["error"]["field"] == "start"
        and "开始日期" in r.json()["error"]["message"]
    )
    r = api.post("/api/v1/competitions", "songbei", json=competition(colour="red"))
    assert r.status_code == 422 and r.json()["error"]["field"] == "colour"
    r = api.post("/api/v1/competitions", "songbei", json=competition(planned=[1]))
    assert r.status_code == 422 and r.json()["error"]["field"].startswith("planned")


def test_duplicate_registration_is_409_with_the_existing_number(api, comps):
    r = api.post("/api/v1/competitions", "songbei", json=competition())
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "duplicate" and r.json()["error"]["reg_no"] == comps["sb1"]["reg_no"]


def test_list_filters_and_paging(api, comps):
    everything = api.get("/api/v1/competitions").json()
    assert everything["total"] == 3 and len(everything["items"]) == 3
    page = api.get("/api/v1/competitions", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 1 and page["offset"] == 2

    def regs(**params) -> set[str]:
        return {c["reg_no"] for c in api.get("/api/v1/competitions", params=params).json()["items"]}

    assert regs(type="安康杯") == {comps["sb2"]["reg_no"]}
    assert regs(district="道里区") == {comps["dl1"]["reg_no"]}
    assert regs(union="松北区总工会") == {comps["sb1"]["reg_no"], comps["sb2"]["reg_no"]}
    assert regs(union="哈尔滨市总工会") == {c["reg_no"] for c in comps.values()}  # sub-unions included
    assert regs(status="已登记") == {c["reg_no"] for c in comps.values()}
    assert regs(date_from="2026-05-01", date_to="2026-12-31") == {comps["sb1"]["reg_no"]}
    assert regs(date_from="2027-01-01") == {comps["dl1"]["reg_no"]}
    r = api.get("/api/v1/competitions", params={"status": "乱写"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "status"
    r = api.get("/api/v1/competitions", params={"date_from": "明天"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "date_from"
    assert api.get("/api/v1/competitions", params={"limit": 0}).status_code == 422


def test_a_cadre_sees_only_their_union(api, comps):
    mine = api.get("/api/v1/competitions", "songbei").json()
    assert {c["reg_no"] for c in mine["items"]} == {comps["sb1"]["reg_no"], comps["sb2"]["reg_no"]}
    assert mine["total"] == 2
    r = api.get(f"/api/v1/competitions/{comps['dl1']['reg_no']}", "songbei")
    assert (
        r.status_code == 403
        and r.json()["error"]["code"] == "forbidden"
        and "无权" in r.json()["error"]["message"]
    )
    assert (
        api.patch(
            f"/api/v1/competitions/{comps['dl1']['reg_no']}", "songbei", json={"planned": 1}
        ).status_code
        == 403
    )
    assert (
        api.post(
            f"/api/v1/competitions/{comps['dl1']['reg_no']}/status", "songbei", json={"status": "进行中"}
        ).status_code
        == 403
    )
    assert api.get(f"/api/v1/competitions/{comps['dl1']['reg_no']}/audit", "songbei").status_code == 403
    r = api.get("/api/v1/competitions/JS-2099-0999", "songbei")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert api.get(f"/api/v1/competitions/{comps['dl1']['reg_no']}", "daoli").status_code == 200
    assert api.get(f"/api/v1/competitions/{comps['dl1']['id']}", "admin").status_code == 200


def test_a_viewer_reads_but_cannot_write(api, comps):
    assert api.get("/api/v1/competitions", "viewer").json()["total"] == 3
    assert api.get(f"/api/v1/competitions/{comps['sb1']['reg_no']}", "viewer").status_code == 200
    for r in (
        api.post("/api/v1/competitions", "viewer", json=competition(name="查看者登记")),
        api.patch(f"/api/v1/competitions/{comps['sb1']['reg_no']}", "viewer", json={"planned": 10}),
        api.post(
            f"/api/v1/competitions/{comps['sb1']['reg_no']}/status", "viewer", json={"status": "进行中"}
        ),
        api.post(
            "/api/v1/activities",
            "viewer",
            json={
                "kind": "动员会",
                "date": "2026-06-02",
                "place": "会议室",
                "participants": 10,
                "summary": "动员",
            },
        ),
    ):
        assert r.status_code == 403, r.text
        assert r.json() == {
            "ok": False,
            "error": {"code": "forbidden", "message": r.json()["error"]["message"]},
        }
        assert "只读" in r.json()["error"]["message"]


def test_update_is_audited_and_all_or_nothing(api, comps):
    ref = comps["sb1"]["reg_no"]
    r = api.patch(f"/api/v1/competitions/{ref}", "songbei", json={"planned": 250, "contact": "李强"})
    assert r.status_code == 200, r.text
    assert r.json()["planned"] == 250 and r.json()["contact"] == "李强"
    audit = api.get(f"/api/v1/competitions/{ref}/audit", "songbei").json()
    changes = {(a["field"], a["old"], a["new"]) for a in audit if a["action"] == "update"}
    assert {("planned", "200", "250"), ("contact", "王敏", "李强")} <= changes
    assert all(a["user_name"] == "songbei" for a in audit if a["action"] == "update")
    # a bad second field: the first is not saved either
    r = api.patch(f"/api/v1/competitions/{ref}", "songbei", json={"planned": 260, "total": 10})
    assert r.status_code == 422 and r.json()["error"]["field"] == "total"
    shown = api.get(f"/api/v1/competitions/{ref}", "songbei").json()
    assert shown["planned"] == 250 and shown["audit"] == audit
    assert api.patch(f"/api/v1/competitions/{ref}", "songbei", json={}).status_code == 422
    r = api.patch(f"/api/v1/competitions/{ref}", "songbei", json={"status": "进行中"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "status"


def test_status_moves_forward_only_for_cadres(api, comps):
    ref = comps["sb2"]["reg_no"]
    r = api.post(f"/api/v1/competitions/{ref}/status", "songbei", json={"status": "进行中"})
    assert r.status_code == 200 and r.json()["status"] == "进行中"
    r = api.post(f"/api/v1/competitions/{ref}/status", "songbei", json={"status": "已登记"})
    assert (
        r.status_code == 422
        and r.json()["error"]["field"] == "status"
        and "只能向后推进" in r.json()["error"]["message"]
    )
    assert (
        api.post(f"/api/v1/competitions/{ref}/status", "admin", json={"status": "已登记"}).json()["status"]
        == "已登记"
    )
    audit = api.get(f"/api/v1/competitions/{ref}/audit").json()
    assert [(a["old"], a["new"]) for a in audit if a["action"] == "status"] == [
        ("已登记", "进行中"),
        ("进行中", "已登记"),
    ]


def test_activities_with_files_scoping_and_download(api, comps):
    r = api.post(
        "/api/v1/activities",
        "songbei",
        json={
            "kind": "动员会",
            "date": "2026-06-02",
            "place": "松北区职工之家",
            "participants": "80",
            "summary": "竞赛动员大会",
            "competition_id": comps["sb1"]["reg_no"],
        },
    )
    assert r.status_code == 201, r.text
    plain = r.json()
    assert plain["reg_no"] == comps["sb1"]["reg_no"] and plain["participants"] == 80
    photo = b"\xff\xd8\xff\xe0 fake jpeg"
    r = api.post(
        "/api/v1/activities/with-files",
        "daoli",
        data={
            "data": '{"kind": "座谈会", "date": "2027-02-10", "place": "道里区工会", "participants": 12, '
            '"summary": "职工座谈"}'
        },
        files=[("files", ("现场照片.jpg", photo, "image/jpeg"))],
    )
    assert r.status_code == 201, r.text
    with_files = r.json()
    att = with_files["attachments"][0]
    assert att["filename"] == "现场照片.jpg" and att["size"] == len(photo)
    r = api.get(att["url"], "daoli")
    assert r.status_code == 200 and r.content == photo
    assert "filename*=utf-8''" in r.headers["content-disposition"].lower()
    assert api.get(att["url"], "songbei").status_code == 403
    assert api.get(f"/api/v1/activities/{with_files['id']}", "songbei").status_code == 403
    assert api.get("/api/v1/activities/9999", "songbei").status_code == 404
    assert api.get("/api/v1/attachments/9999").status_code == 404
    mine = {a["id"] for a in api.get("/api/v1/activities", "songbei").json()["items"]}
    assert plain["id"] in mine and with_files["id"] not in mine
    assert api.get("/api/v1/activities").json()["total"] == 2

    def ids(**params) -> set[int]:
        return {a["id"] for a in api.get("/api/v1/activities", params=params).json()["items"]}

    assert ids(type="座谈会") == {with_files["id"]}
    assert ids(district="松北区") == {plain["id"]}
    assert ids(union="道里区总工会") == {with_files["id"]}
    assert ids(competition=comps["sb1"]["reg_no"]) == {plain["id"]}
    assert ids(date_from="2027-01-01") == {with_files["id"]}
    r = api.post("/api/v1/activities/with-files", "daoli", data={"data": '{"kind": "座谈会"}'})
    assert r.status_code == 422 and r.json()["error"]["field"] == "date"
    r = api.post("/api/v1/activities/with-files", "daoli", data={"data": "not json"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid"


def test_files_are_added_to_a_recorded_activity(api):
    act = api.post(
        "/api/v1/activities",
        "songbei",
        json={
            "kind": "宣传",
            "date": "2026-06-03",
            "place": "厂区",
            "participants": 10,
            "summary": "张贴标语",
        },
    ).json()
    url = f"/api/v1/activities/{act['id']}/files"
    r = api.post(url, "songbei", files=[("files", ("标语.jpg", b"\xff\xd8jpeg", "image/jpeg"))])
    assert r.status_code == 200, r.text
    [att] = r.json()["attachments"]
    assert att["filename"] == "标语.jpg" and api.get(att["url"], "songbei").content == b"\xff\xd8jpeg"
    assert any(e["action"] == "attach" for e in r.json()["audit"])
    assert api.post(url, "daoli", files=[("files", ("x.jpg", b"x"))]).status_code == 403
    assert api.post(url, "viewer", files=[("files", ("x.jpg", b"x"))]).status_code == 403
    assert api.post("/api/v1/activities/9999/files", files=[("files", ("x.jpg", b"x"))]).status_code == 404
    assert api.delete(att["url"], "daoli").status_code == 403
    r = api.delete(att["url"], "songbei")
    assert r.status_code == 200 and r.json()["attachments"] == []
    assert api.get(att["url"], "songbei").status_code == 404


def test_oversized_activity_uploads_are_refused_from_their_length(api):
    huge = b"x" * (api.app.state.max_activity_bytes + 2 * 1024 * 1024)  # the test app's limit is 512 KB
    r = api.post(
        "/api/v1/activities/with-files", "songbei", data={"data": "{}"}, files=[("files", ("大.jpg", huge))]
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    # the console's form gets a page, not JSON
    r = api.client.post("/activities/new", files=[("files", ("大.jpg", huge))])
    assert (
        r.status_code == 413
        and "上传内容超过" in r.text
        and r.headers["content-type"].startswith("text/html")
    )


def test_activity_patch_is_all_or_nothing_scoped_and_audited(api, comps):
    r = api.post(
        "/api/v1/activities",
        "songbei",
        json={
            "kind": "动员会",
            "date": "2026-06-02",
            "place": "松北区职工之家",
            "participants": 80,
            "summary": "竞赛动员大会",
        },
    )
    act = r.json()
    url = f"/api/v1/activities/{act['id']}"
    r = api.patch(url, "songbei", json={"participants": 120, "place": "区工人文化宫"})
    assert r.status_code == 200, r.text
    assert (r.json()["participants"], r.json()["place"]) == (120, "区工人文化宫")
    assert {(e["field"], e["new"]) for e in r.json()["audit"] if e["action"] == "update"} == {
        ("participants", "120"),
        ("place", "区工人文化宫"),
    }
    # one bad field: nothing of the request is saved
    r = api.patch(url, "songbei", json={"summary": "改了", "participants": "很多"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "participants"
    assert api.get(url, "songbei").json()["summary"] == "竞赛动员大会"
    assert api.patch(url, "songbei", json={}).status_code == 422
    assert api.patch(url, "songbei", json={"recorded_by": 1}).status_code == 422
    assert api.patch(url, "daoli", json={"place": "x"}).status_code == 403
    assert api.patch(url, "viewer", json={"place": "x"}).status_code == 403
    assert api.patch("/api/v1/activities/9999", "songbei", json={"place": "x"}).status_code == 404


def test_stats_are_scoped_and_viewers_are_refused(api, comps):
    everything = api.get("/api/v1/stats").json()
    assert everything["competitions"] == 3 and everything["by_district"] == {"松北区": 2, "道里区": 1}
    mine = api.get("/api/v1/stats", "songbei").json()
    assert mine["competitions"] == 2 and set(mine["by_district"]) == {"松北区"}
    r = api.get("/api/v1/stats", "viewer")
    assert r.status_code == 403 and r.json()["ok"] is False


def test_exports_xlsx_and_csv(api, comps):
    r = api.get("/api/v1/export/competitions.xlsx", "songbei")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "filename*=UTF-8''%E7%AB%9E%E8%B5%9B%E7%99%BB%E8%AE%B0" in r.headers["content-disposition"]
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("登记编号", "竞赛名称")
    assert {row[0] for row in rows[1:]} == {comps["sb1"]["reg_no"], comps["sb2"]["reg_no"]}  # scoped
    r = api.get("/api/v1/export/competitions.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert table[0][0] == "登记编号" and len(table) == 4
    r = api.get("/api/v1/export/activities.xlsx")
    assert r.status_code == 200 and "%E6%B4%BB%E5%8A%A8%E8%AE%B0%E5%BD%95" in r.headers["content-disposition"]
    assert openpyxl.load_workbook(io.BytesIO(r.content)).active.cell(1, 1).value == "活动编号"
    assert api.get("/api/v1/export/activities.csv").content.startswith(b"\xef\xbb\xbf")
    r = api.get("/api/v1/export/competitions.pdf")
    assert r.status_code == 422 and r.json()["error"]["field"] == "fmt"
