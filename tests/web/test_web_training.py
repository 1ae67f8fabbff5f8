"""培训 console pages (TestClient through the 登录 page): the trainer's report with its groups and XLSX, the
trainee's lessons and quiz one question at a time, and the public /verify/CODE page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from service.composition import Application
from service.settings import Settings
from tests.course_setup import TITLE, Answers, publish_course

from .conftest import Console, visible_text


@pytest.fixture
def console(tmp_path):
    app = create_app(
        Application(Settings(data_dir=tmp_path / "web-data", embedder="hash")), run_telegram=False
    )
    registry = app.state.registry
    tokens = {}
    for name, role, shown in (
        ("trainer", "trainer", "李老师"),
        ("trainer2", "trainer", "赵老师"),
        ("wang", "trainee", "王芳"),
    ):
        registry.add_user(name, display_name=shown, role=role)
        tokens[name] = registry.create_token(name)[1]
    with TestClient(app, follow_redirects=False):
        yield Console(app, tokens, tmp_path / "web-data", {}, {})


def test_a_trainee_takes_the_quiz_on_the_console_and_the_trainer_sees_the_report(console, cjk_font):
    application = console.app.state.application
    trainer = application.registry.get_user("trainer")
    course = publish_course(application, trainer)
    key = Answers(application, trainer, course.id)
    wang = console("wang")
    assert '<a href="/training"' in wang.get("/ask").text  # 培训 in the nav
    joined = wang.post("/training/join", data={"code": course.invite_code, "enterprise": "某某科技公司"})
    assert joined.status_code == 303 and joined.headers["location"] == f"/training/{course.id}"
    page = wang.get(f"/training/{course.id}").text
    assert TITLE in page and "第 1 课" in page and 'name="item_id"' in page
    for _ in range(100):
        item = application.training.next_item(application.registry.get_user("wang"), course.id)
        if item is None:
            break
        value = key.right(item.question)[1]
        page = wang.post(f"/training/{course.id}/answer", data={"item_id": item.id, "answer": value}).text
        assert "✅" in page, visible_text(page)[:400]
    assert "下载培训证书" in page
    pdf = wang.get(f"/training/{course.id}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert wang.get(f"/training/{course.id}/report.xlsx").status_code == 403  # not the trainee's to see

    report = visible_text(console("trainer").get(f"/training/{course.id}").text)
    assert "报名 1 人，已开始 1 人，已完成 1 人" in report and "某某科技公司" in report and "王芳" in report
    xlsx = console("trainer").get(f"/training/{course.id}/report.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    other = console("trainer2").get(f"/training/{course.id}")
    assert other.status_code in (403, 404) and "王芳" not in other.text

    code = application.training.certificate(application.registry.get_user("wang"), course.id)[0].code
    public = console.anonymous().get(f"/verify/{code}")  # no login
    assert public.status_code == 200 and "王芳" in public.text and TITLE in public.text
    missing = console.anonymous().get("/verify/NOPE123")
    assert missing.status_code == 404 and "没有找到验证码" in missing.text


def test_course_ids_out_of_range_get_a_chinese_page_not_an_error(console):
    wang = console("wang")
    for path in ("/training/99999999999999999999999", "/training/0", "/training/abc/report.xlsx"):
        page = wang.get(path)
        assert page.status_code == 422, path
        assert "course_id" in page.text and "出错了" in page.text
