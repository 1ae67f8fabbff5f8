"""Jobs are scoped like documents (issue 8.9): a cadre or viewer sees only their own jobs, admins all."""

from __future__ import annotations

NOTICE = "关于开展安康杯竞赛的通知\n\n一、各基层工会要组织职工开展安康杯竞赛。\n".encode()


def test_jobs_are_scoped_to_their_user(api):
    ids = {}
    for who, name in (("admin", "市总通知.txt"), ("songbei", "松北通知.txt"), ("daoli", "道里通知.txt")):
        r = api.post("/api/v1/documents", who, files={"file": (name, NOTICE + name.encode(), "text/plain")})
        ids[who] = r.json()["id"]
        assert api.wait_job(ids[who], who)["status"] == "done"

    def names(who: str) -> set[str]:
        return {j["filename"] for j in api.get("/api/v1/jobs", who).json()}

    assert names("admin") == {"市总通知.txt", "松北通知.txt", "道里通知.txt"}
    assert names("songbei") == {"松北通知.txt"}
    assert names("daoli") == {"道里通知.txt"}
    assert names("viewer") == set()
    r = api.get(f"/api/v1/jobs/{ids['admin']}", "songbei")
    assert r.status_code == 404 and "没有编号为" in r.json()["error"]["message"]
    assert api.get(f"/api/v1/jobs/{ids['songbei']}", "admin").status_code == 200
