"""The console in headless Chromium (Debian's /usr/bin/chromium driven by Playwright) against a real
`gonghui serve` on 127.0.0.1, one scenario per test so one failure does not hide the rest. Screenshots of
failures go to the test's tmp folder; the phone-layout screenshots (390 px wide) are kept in
test-output/screenshots/ of the checkout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from registry import Registry
from tests.registry.conftest import competition
from tests.scripts import WELDERS
from tests.serving import serving
from tests.web.conftest import PNG

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
GONGHUI = Path(sys.executable).with_name("gonghui")
REPO = Path(__file__).resolve().parents[2]
LAW = REPO / "knowledge" / "samples" / "01_gonghuifa_2021.md"
SCREENSHOTS = REPO / "test-output" / "screenshots"
# flags this closed network needs: no background connections, no sandbox as root
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("serve")
    registry = Registry(data / "registry.db", attachments_dir=data / "attachments")
    registry.add_union("松北区总工会", district="松北区")
    zhang = registry.add_user("zhang", display_name="张干事", role="cadre", union="松北区总工会")
    token = registry.create_token("zhang")[1]
    # a competition of its own for the scenarios that do not register one (with a few audit entries)
    seeded = registry.register_competition(
        competition(
            name="中国石油天然气股份有限公司大庆油田分公司第一采油厂第三油矿采油工技能比武",
            union_name="松北区总工会",
            unit="哈尔滨电机厂有限责任公司第三车间（新能源装备分厂）",
            start="2026-05-01",
            end="2026-11-30",
        ),
        by=zhang,
    )
    registry.update_competition(seeded.id, field="planned", value=120, by=zhang)
    registry.set_status(seeded.id, "进行中", by=zhang)
    registry.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGHUI_")}
    subprocess.run(
        [str(GONGHUI), "--data-dir", str(data), "--embedder", "hash", "ingest", str(LAW)],
        env=env,
        check=True,
        capture_output=True,
    )
    command = [str(GONGHUI), "--data-dir", str(data), "--embedder", "hash", "serve"]
    with serving(command, data, env) as served:
        yield served.base, token, seeded.reg_no


@pytest.fixture
def viewport():
    return {"width": 1280, "height": 900}


@pytest.fixture
def page(server, tmp_path, request, viewport):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(accept_downloads=True, locale="zh-CN", viewport=viewport)
        pg = context.new_page()
        pg.set_default_timeout(15000)
        yield pg
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            pg.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            print(f"screenshot: {tmp_path / 'failure.png'}")
        browser.close()


def login(page, base: str, token: str) -> None:
    page.goto(f"{base}/")
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/ask*")


def test_ask_a_question_and_open_its_citation(server, page):
    base, token, _ = server
    login(page, base, token)
    page.fill("input[name=question]", "工会经费有哪些来源？")
    page.click("text=提问")
    page.wait_for_selector("details.cite")
    assert "百分之二" in page.inner_text("#result")
    page.click("details.cite summary")
    assert "第四十三条" in page.inner_text("details.cite")


def test_upload_a_docx_and_find_it(server, page, tmp_path):
    import docx

    base, token, _ = server
    login(page, base, token)
    document = docx.Document()
    document.add_heading("关于开展2026年焊工技能大赛的通知", level=1)
    document.add_paragraph("本次大赛设焊工、电工、数控车工三个项目，报名截止日期为2026年6月30日。")
    path = tmp_path / "技能大赛通知.docx"
    document.save(path)
    page.goto(f"{base}/documents")
    page.set_input_files("input[name=file]", str(path))
    page.click("text=上传并导入")
    page.wait_for_selector("text=已完成", timeout=30000)
    page.goto(f"{base}/documents")
    assert "焊工技能大赛" in page.inner_text("body")
    page.goto(f"{base}/ask")
    page.fill("input[name=question]", "数控车工比赛什么时候截止报名？")
    page.click("text=提问")
    page.wait_for_selector("#result .answer, #result details.cite")
    assert "焊工技能大赛" in page.inner_text("#result")


def test_register_by_web_chat_then_table_statistics_and_xlsx(server, page, tmp_path):
    base, token, _ = server
    login(page, base, token)
    page.goto(f"{base}/chat")
    for text in WELDERS.typed():
        count = page.locator(".msg.bot").count()
        page.fill(".chat-input input[name=text]", text)
        page.click(".chat-input button[type=submit]")
        page.wait_for_function(f"document.querySelectorAll('.msg.bot').length > {count}")
    page.locator("button[name=choice]", has_text="确认").last.click()
    page.wait_for_selector("text=已登记，编号 JS-2026-")
    reg_no = re.search(r"JS-2026-\d{4}", page.locator(".msg.bot").last.inner_text()).group(0)

    page.goto(f"{base}/competitions")
    assert reg_no in page.inner_text("table")
    page.goto(f"{base}/stats")
    assert page.locator("svg").count() >= 2
    assert "技术比武" in page.inner_text("body")
    with page.expect_download() as download:
        page.click("text=竞赛登记 XLSX")
    assert download.value.suggested_filename.startswith("竞赛登记-")
    saved = tmp_path / "export.xlsx"
    download.value.save_as(saved)
    import openpyxl

    sheet = openpyxl.load_workbook(saved).active
    assert sheet.cell(1, 1).value == "登记编号"
    assert reg_no in [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]


def test_record_an_activity_with_a_photo_and_correct_it(server, page, tmp_path):
    base, token, seeded = server
    login(page, base, token)
    photo = tmp_path / "比武现场.png"
    photo.write_bytes(PNG)
    page.goto(f"{base}/activities")
    page.click("text=记录活动")
    page.select_option("select[name=kind]", "技术比武")
    page.fill("input[name=date]", "2026-06-10")
    page.fill("input[name=place]", "电机厂焊接车间")
    page.fill("input[name=participants]", "45")
    page.fill("textarea[name=summary]", "焊工技术比武决赛")
    page.select_option("select[name=competition_id]", seeded)
    page.set_input_files("input[name=files]", str(photo))
    page.click("text=保存")
    page.wait_for_selector("img[alt='比武现场.png']")
    assert "采油工技能比武" in page.inner_text("body")
    page.select_option("select[name=field]", "participants")
    page.fill("input[name=value]", "48")
    page.click("form[hx-post] button[type=submit]")
    page.wait_for_selector("text=已保存。")
    assert "48" in page.inner_text("dl.fields")


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}], ids=["phone-390"])
def test_on_a_phone_nothing_is_wider_than_the_screen(server, page, viewport):
    base, token, seeded = server
    login(page, base, token)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in (
        ("competitions", "/competitions"),
        ("competition", f"/competitions/{seeded}"),
        ("activities", "/activities"),
        ("stats", "/stats"),
    ):
        page.goto(f"{base}{url}")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-390.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{url} is {width} px wide on a {viewport['width']} px phone"
    page.goto(f"{base}/competitions/{seeded}")
    row = page.locator("table.rows tbody tr").first  # the audit table collapses into labelled rows
    assert row.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content") == '"时间"'
