"""培训 in headless Chromium against a real `gonghui serve`: a trainee joins a published course with its
invite code, reads the lessons, answers every question by pressing its buttons or typing, downloads the
certificate and checks its code on the public /verify page; the trainer then sees the trainee in the
course report and downloads the XLSX."""

from __future__ import annotations

import io
import os
import re

import pytest

from service.composition import Application
from service.settings import Settings
from tests.course_setup import TITLE, Answers, publish_course
from tests.serving import serving
from tests.web.test_browser import ARGS, CHROMIUM, GONGHUI, login

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def course_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("serve-training")
    app = Application(Settings(data_dir=data, embedder="hash"))
    registry = app.registry
    registry.add_user("teacher", display_name="李老师", role="trainer")
    registry.add_user("wang", display_name="王芳", role="trainee")
    tokens = {name: registry.create_token(name)[1] for name in ("teacher", "wang")}
    trainer = registry.get_user("teacher")
    course = publish_course(app, trainer)
    answers = Answers(app, trainer, course.id)
    app.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGHUI_")}
    command = [str(GONGHUI), "--data-dir", str(data), "--embedder", "hash", "serve"]
    with serving(command, data, env) as served:
        yield served.base, tokens, course, answers


@pytest.fixture
def browser_page(tmp_path):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(
            accept_downloads=True, locale="zh-CN", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        browser.close()


def answer_every_question(page, answers) -> int:
    """Answers what the quiz shows until it shows no question; returns how many were answered."""
    count = 0
    while page.locator("#quiz form").count():
        question = page.inner_text("#quiz form p")
        how, value = answers.right(question)
        if how == "press":
            page.click(f"#quiz form button[value='{value}']")
        else:
            page.fill("#quiz form input[name=answer]", value)
            page.click("#quiz form button[type=submit]")
        page.wait_for_selector("#quiz p.ok, #quiz p.error")
        assert "✅" in page.inner_text("#quiz"), page.inner_text("#quiz")
        count += 1
        assert count <= len(answers.items), "the quiz repeats questions answered right"
    return count


def test_a_trainee_completes_the_course_and_the_trainer_sees_it(
    course_server, browser_page, tmp_path, cjk_font
):
    base, tokens, course, answers = course_server
    page = browser_page
    login(page, base, tokens["wang"])
    page.click("nav >> text=培训")
    page.wait_for_url(f"{base}/training")
    page.fill("input[name=code]", course.invite_code)
    page.fill("input[name=enterprise]", "哈尔滨某某科技有限公司")
    page.click("button:has-text('加入课程')")  # not the hint 还没有加入课程
    page.wait_for_url(f"{base}/training/{course.id}")
    body = page.inner_text("body")
    assert TITLE in body and "第 1 课" in body and "第十一条" in body

    answered = answer_every_question(page, answers)
    assert answered == len(answers.items)
    done = page.inner_text("#quiz")
    assert "已完成全部题目" in done and f"已答 {answered}/{answered} 题" in done
    with page.expect_download() as download:
        page.click("text=下载培训证书")
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    # the trainer's report names the trainee, her enterprise and her certificate code
    page.context.clear_cookies()  # 退出 as the trainee
    login(page, base, tokens["teacher"])
    page.goto(f"{base}/training/{course.id}")
    report = page.inner_text("body")
    assert "报名 1 人，已开始 1 人，已完成 1 人" in report
    assert "哈尔滨某某科技有限公司" in report and "王芳" in report
    code = page.inner_text("table a[href^='/verify/']").strip()
    assert re.fullmatch(r"[A-Z0-9-]{6,}", code), code
    with page.expect_download() as download:
        page.click("text=导出 XLSX")
    xlsx = tmp_path / "report.xlsx"
    download.value.save_as(xlsx)
    import openpyxl

    progress = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))["学员进度"]
    rows = list(progress.iter_rows(values_only=True))
    assert ("哈尔滨某某科技有限公司", "王芳", answered, answered, "是", code) in [
        (r[0], r[2], r[4], r[5], r[7], r[8]) for r in rows
    ]

    # anyone holding the certificate checks its code without logging in
    page.context.clear_cookies()
    page.goto(f"{base}/verify/{code}")
    verified = page.inner_text("body")
    assert "王芳" in verified and TITLE in verified
    page.goto(f"{base}/verify/NOSUCHCODE")
    assert "王芳" not in page.inner_text("body")
