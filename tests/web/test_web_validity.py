"""The document page shows 简称, 施行日期 and 效力; admins change them there."""

from tests.web.conftest import visible_text


def _law_id(console) -> int:
    return next(
        d.id for d in console.app.state.knowledge.catalog.documents() if d.title == "中华人民共和国工会法"
    )


def test_the_document_page_shows_and_admins_edit_short_title_and_status(console):
    doc_id = _law_id(console)
    page = console().get(f"/documents/{doc_id}")
    assert page.status_code == 200 and 'id="edit-form"' in page.text
    assert "《工会法》" in visible_text(page.text) and "现行有效" in visible_text(page.text)
    assert 'id="edit-form"' not in console("songbei").get(f"/documents/{doc_id}").text  # cadres only read
    form = {
        "short_title": "工会法",
        "in_force_from": "2022-01-01",
        "status": "已修订",
        "superseded_by": "中华人民共和国工会法（2031修正）",
    }
    r = console().post(f"/documents/{doc_id}/edit", data=form, headers={"Origin": "http://testserver"})
    assert r.status_code == 303
    shown = visible_text(console().get(f"/documents/{doc_id}").text)
    assert "2022-01-01" in shown and "已修订（见《中华人民共和国工会法（2031修正）》）" in shown
    assert "已修订" in visible_text(console().get("/documents").text)
    bad = console().post(
        f"/documents/{doc_id}/edit",
        data=form | {"in_force_from": "明年"},
        headers={"Origin": "http://testserver"},
    )
    assert bad.status_code == 422 and "无法识别的日期" in bad.text
    denied = console("songbei").post(
        f"/documents/{doc_id}/edit", data=form, headers={"Origin": "http://testserver"}
    )
    assert denied.status_code == 403
    reset = form | {"status": "", "superseded_by": "", "in_force_from": ""}
    console().post(f"/documents/{doc_id}/edit", data=reset, headers={"Origin": "http://testserver"})
    assert console.app.state.knowledge.catalog.get(doc_id).status == "现行有效"
