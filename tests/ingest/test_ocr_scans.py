"""OCR with the real engine on pages generated here (bench/scans.py): known Chinese text drawn with a
CJK font, rotated, noised, saved as an image-only PDF or a photo; then ingested and searched. Each
test reports its pages' character error rate (``-rP`` shows it; also as a junit property).

About eight pages in all, a few seconds each on one core: marked slow, and part of ``./run test``.
"""

from __future__ import annotations

import io

import pytest

pytest.importorskip("rapidocr_onnxruntime", reason="OCR extra not installed: pip install '.[ocr]'")

from bench import scans  # noqa: E402
from ingest.ocr import NOTE, OcrReader  # noqa: E402
from ingest.ocr.engine import RapidEngine  # noqa: E402
from ingest.pipeline import prepare  # noqa: E402
from service.composition import Application  # noqa: E402
from service.jobs import new_job  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.uploads import ingest_upload, keep_upload  # noqa: E402

pytestmark = pytest.mark.slow
if scans.find_font() is None:
    pytest.skip("没有中文字体（fonts-wqy-microhei），无法生成扫描页", allow_module_level=True)

TITLE = ["哈尔滨市总工会办公室关于开展", "全市重点项目劳动竞赛的通知"]
BODY = [
    "今年我市确定了“省百大项目”111个、市重点产业项目290个。这些重大项目是推动我市振兴发展的重要引擎，"
    "具有支撑、引领和牵引作用。",
    "我们要以助推这些重大项目优质、安全、如期建成为目标，根据每个项目的特点和进度节点，开展“六比一创”、"
    "“三保一促”和“五创”等劳动和技能竞赛。",
    "各项目所属和所在地工会要加强与发改、工信、科技等政府部门的联系，及时了解和掌握项目情况，确保所有开工项目"
    "全部开展劳动和技能竞赛。",
]
MAX_CER = 0.05  # measured ≈ 0.01 on these pages; a broken layout or clean-up costs far more


@pytest.fixture(scope="module")
def engine() -> RapidEngine:
    return RapidEngine()  # models load once for the module


def notice_page(**spoil) -> scans.Page:
    page = scans.official_page(
        BODY,
        header="哈尔滨市总工会文件",
        doc_number="哈工办发〔2020〕11号",
        title=TITLE,
        addressee="各区县（市）总工会、产业工会：",
        signature="哈尔滨市总工会办公室",
        date="2020年5月27日",
        page_number=1,
    )
    return scans.scanned(page, **spoil)


def report(record_property, name: str, value: float) -> None:
    record_property(name, round(value, 4))
    print(f"{name} = {value:.4f}")


@pytest.fixture(scope="module")
def scanned_notice(engine: RapidEngine, tmp_path_factory):
    page = notice_page(angle=1.2, noise=14, seed=3)
    path = tmp_path_factory.mktemp("scan") / "通知扫描件.pdf"
    path.write_bytes(scans.image_pdf([page.image]))
    seen: list = []
    doc = prepare(path, ocr=OcrReader(engine=engine, on_page=lambda *a: seen.append(a)))
    return path, page, doc, seen


def test_scanned_notice_is_read_with_its_metadata(scanned_notice, record_property):
    path, page, doc, seen = scanned_notice
    assert doc.format == "pdf"
    assert doc.meta.title == "".join(TITLE)
    assert doc.meta.doc_number == "哈工办发〔2020〕11号"
    assert doc.meta.issuer == "哈尔滨市总工会办公室"  # the signature line (or the red header)
    assert doc.meta.date == "2020-05-27"
    # one page recognised, its confidence reported
    assert [(done, total, number) for done, total, number, _ in seen] == [(1, 1, 1)]
    confidence = seen[0][3].confidence
    report(record_property, "confidence_page_1", confidence)
    assert 0.9 < confidence <= 1.0
    assert all(c.ocr_confidence == confidence and not c.ocr_low for c in doc.chunks)
    # the seal's arc and the page number are gone; the body reads as the truth does
    page_cer = scans.cer(doc.text, page.truth)
    report(record_property, "cer_page_1", page_cer)
    assert page_cer < MAX_CER
    assert "- 1 -" not in doc.text and "\n1\n" not in doc.text
    assert "今年我市确定了“省百大项目”111个" in doc.text.replace("\n", "")


def test_scanned_notice_is_searchable_and_low_confidence_answers_say_so(scanned_notice, engine, tmp_path):
    path, _, doc, _ = scanned_notice
    app = Application(Settings(data_dir=tmp_path, embedder="none"))
    kb = app.knowledge
    kb.ingest([doc])
    hits = kb.search("省百大项目有多少个", k=3)
    assert hits and hits[0].title == doc.meta.title and "111" in hits[0].text
    assert hits[0].ocr_confidence is not None and not hits[0].ocr_low
    assert NOTE not in kb.ask("省百大项目有多少个").answer
    # the same page, read with a bar above every score: each quote asks to check the original
    strict = prepare(path, ocr=OcrReader(engine=engine, min_confidence=1.01))
    other = Application(Settings(data_dir=tmp_path / "strict", embedder="none")).knowledge
    other.ingest([strict])
    answer = other.ask("省百大项目有多少个")
    low = [c for c in answer.citations if c.ocr_low]
    assert answer.found and low
    assert f"[{low[0].n}]{NOTE}" in answer.answer


def test_a_bad_copy_is_marked_low(engine, scanned_notice, record_property):
    _, page, _, seen = scanned_notice
    bad = scans.degraded(page, factor=0.33, blur=1.2, noise=30, seed=1)
    read = OcrReader(engine=engine).read_page(bad.image)  # default threshold
    report(record_property, "cer_bad_copy", scans.cer(read.text, page.truth))
    report(record_property, "confidence_bad_copy", read.confidence)
    assert read.low and read.confidence < seen[0][3].confidence


def test_two_column_page_is_read_column_by_column(engine, tmp_path, record_property):
    left = [BODY[0], "竞赛要坚持以职工为主体，以岗位为舞台，广泛开展技术练兵、技能比武活动。"]
    right = [BODY[2], "各级工会要加强宣传，及时总结推广劳动竞赛中涌现出的先进典型和成功经验。"]
    page = scans.scanned(scans.two_column_page(left, right, title="劳动竞赛工作简报", page_number=2), seed=5)
    path = tmp_path / "简报.pdf"
    path.write_bytes(scans.image_pdf([page.image]))
    doc = prepare(path, ocr=OcrReader(engine=engine))
    page_cer = scans.cer(doc.text, page.truth)
    report(record_property, "cer_two_columns", page_cer)
    assert page_cer < MAX_CER
    flat = doc.text.replace("\n", "")
    # the left column's second paragraph comes before the right column's first
    assert flat.index("以岗位为舞台") < flat.index("各项目所属和所在地工会")
    assert flat.index("各项目所属和所在地工会") < flat.index("先进典型")


def test_photo_of_a_page_at_an_angle(engine, tmp_path, record_property):
    page = scans.photographed(notice_page(angle=0, noise=4, jpeg=None), angle=6.0, seed=2)
    path = tmp_path / "手机拍照.jpg"
    page.image.save(path, "JPEG", quality=85)
    doc = prepare(path, ocr=OcrReader(engine=engine))
    assert doc.format == "image"
    page_cer = scans.cer(doc.text, page.truth)
    report(record_property, "cer_photo_6_degrees", page_cer)
    assert page_cer < 0.1
    assert doc.meta.doc_number == "哈工办发〔2020〕11号" and doc.meta.date == "2020-05-27"
    assert all(c.ocr_confidence is not None for c in doc.chunks)


def test_mixed_pdf_recognises_only_its_scanned_page(engine, make_pdf, tmp_path):
    from pypdf import PdfReader, PdfWriter

    articles = [
        f"第{n}条 为了规范劳动竞赛的组织和管理，明确各级工会的职责，制定本办法的第{n}项规定。"
        for n in "一二三四五六"
    ]
    text_pdf = make_pdf(articles)
    scan = notice_page(seed=7)
    writer = PdfWriter()
    for data in (text_pdf, scans.image_pdf([scan.image])):
        for p in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(p)
    buf = io.BytesIO()
    writer.write(buf)
    path = tmp_path / "混合.pdf"
    path.write_bytes(buf.getvalue())
    seen: list = []
    doc = prepare(path, ocr=OcrReader(engine=engine, on_page=lambda *a: seen.append(a)))
    assert [(done, total, number) for done, total, number, _ in seen] == [(1, 1, 2)]  # page 2 only
    assert "为了规范劳动竞赛的组织和管理" in doc.text and "省百大项目" in doc.text
    first = doc.chunks[0]
    last = next(c for c in doc.chunks if "省百大项目" in c.text)
    assert first.article == "第一条" and first.ocr_confidence is None  # text layer
    assert last.ocr_confidence is not None and last.ocr_confidence > 0.9


def test_upload_job_reports_pages_and_their_confidence(engine, tmp_path):
    settings = Settings(data_dir=tmp_path, embedder="none", ocr_min_confidence=0.5)
    app = Application(settings)
    uploads = tmp_path / "uploads"
    data = scans.image_pdf([notice_page(seed=11).image])
    job = new_job("ingest", filename="扫描通知.pdf")
    keep_upload(uploads, job.id, job.filename, data)
    app.jobs.submit(job, ingest_upload(app.knowledge, settings, uploads, job.filename, None))
    app.jobs.wait_idle(timeout=300)
    assert job.status == "done", job.reason
    assert (job.pages_done, job.pages_total) == (1, 1)
    assert job.ocr_pages == [{"page": 1, "confidence": job.ocr_pages[0]["confidence"], "low": False}]
    assert job.ocr_pages[0]["confidence"] > 0.5
    assert job.to_json()["ocr_pages"] == job.ocr_pages
    app.close()
