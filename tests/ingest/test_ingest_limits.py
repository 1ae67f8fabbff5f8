"""Hostile files are refused with a Chinese reason and bounded memory; the rest of the batch goes on.

The files are generated here (bench/hostile.py streams them to disk): a DOCX whose document.xml
declares 1.1 GB, a 1 MB-class DOCX with one huge text node, a 19 MB text dump, a PDF flate bomb, a PDF
of 5,000 pages and a 40 MB HTML page. Peak memory is measured in the `gonghui ingest` subprocess itself.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from bench import hostile
from bench.limits import run_ingest
from ingest.errors import (
    CorruptFile,
    FileTooLarge,
    IngestError,
    TextTooLong,
    TooManyChunks,
    TooManyPages,
    TooSlow,
    UnpackedTooLarge,
)
from ingest.limits import Limits
from ingest.loaders import load_bytes
from ingest.pipeline import prepare, prepare_text
from service.documents import prepare_all
from service.settings import Settings

REPO = Path(__file__).resolve().parents[2]
UNPACKED = "文件解压后过大（超过 100 MB），已跳过"


def gonghui_ingest(data_dir: Path, *paths: Path) -> tuple[subprocess.CompletedProcess, float]:
    proc, peak, _ = run_ingest(data_dir, *paths, timeout=600)
    return proc, peak


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    hostile.zip_bomb_docx(d / "炸弹.docx", declared_mb=1100)
    hostile.huge_text_node_docx(d / "超长文字.docx", text_mb=1000)
    hostile.huge_txt(d / "大文本.txt", size_mb=19)
    hostile.flate_bomb_pdf(d / "炸弹.pdf", inflated_mb=1000)
    hostile.many_pages_pdf(d / "五千页.pdf", pages=5000)
    hostile.huge_html(d / "大网页.html", size_mb=40)
    (d / "正常通知.txt").write_text(
        "关于开展劳动竞赛的通知\n各基层工会：\n第一条 为深入开展劳动和技能竞赛，现将有关事项通知如下。\n",
        encoding="utf-8",
    )
    return d


def test_a_batch_with_hostile_files_ingests_the_good_one_in_bounded_memory(tmp_path, hostile_dir):
    proc, peak_mb = gonghui_ingest(tmp_path / "data", hostile_dir)
    out = proc.stdout
    assert "已导入" in out and "关于开展劳动竞赛的通知" in out, out
    assert "共 1 个新文档" in out and "6 个失败" in out, out
    reasons = {
        ln.split("：", 1)[0].split("/")[-1]: ln.split("：", 1)[1]
        for ln in out.splitlines()
        if ln.startswith("已跳过")
    }
    assert reasons["炸弹.docx"] == UNPACKED
    assert reasons["超长文字.docx"] == UNPACKED
    assert reasons["炸弹.pdf"] == UNPACKED
    assert "文字过多" in reasons["大文本.txt"]
    assert "页数过多" in reasons["五千页.pdf"]
    assert "文字过多" in reasons["大网页.html"]
    assert "Traceback" not in proc.stderr
    assert peak_mb < 1024, f"peak RSS {peak_mb:.0f} MB"


def test_zip_bomb_is_refused_from_declared_sizes_before_unpacking(hostile_dir):
    with pytest.raises(UnpackedTooLarge) as err:
        prepare(hostile_dir / "炸弹.docx")
    assert err.value.reason == UNPACKED


def test_a_part_compressed_too_well_is_refused_even_under_the_size_limit(tmp_path):
    path = hostile.zip_bomb_docx(tmp_path / "bomb.docx", declared_mb=60)  # 60 MB of one repeated paragraph
    with pytest.raises(UnpackedTooLarge) as err:
        prepare(path)
    assert "压缩比异常" in err.value.reason and "document.xml" in err.value.reason


def test_a_part_that_lies_about_its_size_is_stopped(tmp_path, make_docx):
    """The central directory says 1 KB, the data inflates to 50 MB: reading stops at the declared size."""
    good = zipfile.ZipFile(io.BytesIO(make_docx([("p", "正文")])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in good.infolist():
            body = good.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(
                    b"<w:body>", b"<w:body>" + hostile.PARA * (50 * 1024 * 1024 // len(hostile.PARA))
                )
            out.writestr(info.filename, body)
    data = bytearray(buf.getvalue())
    # rewrite the declared uncompressed size of document.xml in the central directory to 1,000 bytes
    z = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = z.getinfo("word/document.xml")
    cd = z.start_dir
    while True:
        name_len = int.from_bytes(data[cd + 28 : cd + 30], "little")
        if data[cd + 46 : cd + 46 + name_len] == info.filename.encode():
            data[cd + 24 : cd + 28] = (1000).to_bytes(4, "little")
            break
        cd += (
            46
            + name_len
            + int.from_bytes(data[cd + 30 : cd + 32], "little")
            + int.from_bytes(data[cd + 32 : cd + 34], "little")
        )
    with pytest.raises(CorruptFile):
        load_bytes(bytes(data), name="lie.docx")


def test_flate_bomb_in_a_pdf_is_refused_before_parsing(tmp_path):
    path = hostile.flate_bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=300, streams=6)  # 50 MB each
    with pytest.raises(UnpackedTooLarge) as err:
        prepare(path)
    assert "压缩比异常" in err.value.reason  # the first stream already: 50 MB of repeated operators
    with pytest.raises(UnpackedTooLarge) as err:
        prepare(path, limits=Limits(ratio=100_000))
    assert err.value.reason == UNPACKED  # the total, at the third stream


def test_pdf_pages_are_bounded(tmp_path):
    path = hostile.many_pages_pdf(tmp_path / "many.pdf", pages=30)
    with pytest.raises(TooManyPages) as err:
        prepare(path, limits=Limits(pages=20))
    assert "30 页" in err.value.reason and "20 页" in err.value.reason
    assert len(prepare(path, limits=Limits(pages=30)).chunks) >= 1


def test_text_length_is_bounded_for_text_and_html():
    body = "第一条 职工依法享有参加和组织工会的权利。\n" * 100
    with pytest.raises(TextTooLong):
        load_bytes(body.encode(), name="a.txt", limits=Limits(chars=1000))
    with pytest.raises(TextTooLong):
        load_bytes(
            f"<html><body><p>{body}</p></body></html>".encode(), name="a.html", limits=Limits(chars=1000)
        )
    with pytest.raises(TextTooLong):
        prepare_text(body, source="pasted", limits=Limits(chars=1000))
    assert load_bytes(body.encode(), name="a.txt", limits=Limits(chars=10_000)).text == body


def test_text_length_is_bounded_for_docx(make_docx):
    data = make_docx([("p", "职工依法享有参加和组织工会的权利。" * 10)] * 50)
    with pytest.raises(TextTooLong):
        load_bytes(data, name="a.docx", limits=Limits(chars=2000))


def test_chunk_count_is_bounded(tmp_path):
    path = tmp_path / "条例.txt"
    path.write_text("".join(f"第{n}条 本条规定第{n}项事务。\n" for n in range(1, 200)), encoding="utf-8")
    with pytest.raises(TooManyChunks) as err:
        prepare(path, limits=Limits(chunks=50))
    assert "段落过多" in err.value.reason
    assert len(prepare(path).chunks) > 50


def test_file_size_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(3 * 1024 * 1024)  # sparse: 3 MB that were never written
    with pytest.raises(FileTooLarge) as err:
        prepare(path, limits=Limits(file_mb=2))
    assert "超过 2 MB" in err.value.reason


def test_time_is_bounded(tmp_path, make_pdf):
    path = tmp_path / "law.pdf"
    path.write_bytes(make_pdf(["第一条 为保障工会在国家政治、经济和社会生活中的地位，制定本法。"] * 5))
    with pytest.raises(TooSlow) as err:
        prepare(path, limits=Limits(seconds=0))
    assert "超时" in err.value.reason


def test_settings_carry_the_limits_to_prepare_all(tmp_path):
    settings = Settings.from_env({"GONGHUI_DATA_DIR": str(tmp_path), "GONGHUI_INGEST_MAX_CHARS": "500"})
    assert settings.ingest_limits == Limits(chars=500)
    short, long = tmp_path / "短.txt", tmp_path / "长.txt"
    short.write_text("第一条 工会经费的来源包括会费。\n", encoding="utf-8")
    long.write_text("第一条 工会经费的来源包括会费。\n" * 100, encoding="utf-8")
    results = list(prepare_all([long, short], settings))
    assert isinstance(results[0], TextTooLong) and "500" in results[0].reason
    assert not isinstance(results[1], IngestError) and results[1].chunks
