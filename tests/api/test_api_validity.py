"""Short names and validity through the API: set at upload, edited by admins, and answers placed by the
asker's union (their own local rules unlabelled, another place's labelled)."""

LOCAL = """哈尔滨市职工劳动竞赛条例

第一条 为了推动职工劳动竞赛，制定本条例。

第二条 劳动竞赛的先进集体每两年评选表彰一次，由市总工会组织实施。

第三条 本条例自2020年7月1日起施行。
"""


PROTECTION = """哈尔滨市职工劳动保护办法

第一条 高温季节用人单位应当向职工发放防暑降温饮料，并合理安排作息时间。
"""


def upload(api, text: str, name: str, **fields) -> dict:
    r = api.post("/api/v1/documents", files={"file": (name, text.encode(), "text/plain")}, data=fields)
    assert r.status_code == 202, r.text
    job = api.wait_job(r.json()["id"])
    assert job["status"] == "done", job
    return api.get(f"/api/v1/documents/{job['doc_id']}").json()


def test_upload_sets_short_title_and_in_force_date_and_admins_edit_validity(api):
    doc = upload(api, LOCAL, "竞赛条例.txt", short_title="哈尔滨竞赛条例", in_force_from="2020-07-01")
    assert (doc["short_title"], doc["in_force_from"], doc["status"]) == (
        "哈尔滨竞赛条例",
        "2020-07-01",
        "现行有效",
    )
    bad = api.post(
        "/api/v1/documents", files={"file": ("x.txt", b"text", "text/plain")}, data={"in_force_from": "明年"}
    )
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "in_force_from"
    url = f"/api/v1/documents/{doc['id']}"
    assert api.patch(url, "songbei", json={"status": "已废止"}).status_code == 403
    assert api.patch(url, json={"status": "大概"}).json()["error"]["field"] == "status"
    edited = api.patch(url, json={"status": "已废止", "superseded_by": "哈尔滨市职工权益保障条例"}).json()
    assert (edited["status"], edited["superseded_by"]) == ("已废止", "哈尔滨市职工权益保障条例")
    answer = api.post("/api/v1/ask", json={"question": "劳动竞赛先进集体多久评选表彰一次？"}).json()
    assert answer["found"] and "已废止" in answer["answer"]
    assert api.patch(url, json={"status": "", "superseded_by": ""}).json()["status"] == "现行有效"
    listed = {d["id"]: d for d in api.get("/api/v1/documents").json()["items"]}
    assert listed[doc["id"]]["status"] == "现行有效"


def test_answers_are_placed_by_the_askers_union(api):
    upload(api, PROTECTION, "劳动保护办法.txt")
    registry = api.app.state.registry
    registry.add_union("上海市总工会")
    registry.add_user("sh", display_name="上海干部", role="cadre", union="上海市总工会")
    api.tokens["sh"] = registry.create_token("sh")[1]
    assert registry.region_of(registry.get_user("songbei")) == "哈尔滨市总工会 松北区总工会"
    question = {"question": "高温季节用人单位要发放防暑降温饮料吗？"}
    own = api.post("/api/v1/ask", "songbei", json=question).json()
    assert own["found"] and own["citations"][0]["jurisdiction"] is None
    other = api.post("/api/v1/ask", "sh", json=question).json()
    assert other["citations"][0]["jurisdiction"] == "哈尔滨市地方性法规"
    assert "（哈尔滨市地方性法规）" in other["answer"]
