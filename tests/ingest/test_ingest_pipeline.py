from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_testdata import SEED, SEED_TITLE

from ingest import prepare, prepare_text
from ingest.errors import EmptyDocument, IngestError, UnsupportedFormat
from ingest.model import DocMeta
from ingest.pipeline import iter_files


def test_prepare_seed() -> None:
    doc = prepare(SEED)
    assert doc.source == str(SEED)
    assert doc.format == "txt"
    assert doc.content_hash == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert doc.meta == DocMeta(
        SEED_TITLE, "哈尔滨市总工会办公室", "哈工办发〔2020〕11号", "2020-05-27", "通知"
    )
    assert "2020 年" not in doc.text  # hard wrapping detected, cleaned as a PDF extraction
    assert doc.chunks and all(doc.text[c.start : c.end] == c.text for c in doc.chunks)
    assert [c.index for c in doc.chunks] == list(range(len(doc.chunks)))


def test_prepare_respects_sizes_and_overrides() -> None:
    doc = prepare(SEED, overrides={"doc_type": "讲话", "title": "黄玉生同志讲话"}, max_chars=150, overlap=20)
    assert doc.meta.doc_type == "讲话" and doc.meta.title == "黄玉生同志讲话"
    assert max(len(c.text) for c in doc.chunks) <= 150


def test_prepare_text_single_article() -> None:
    article = "第十一条 用人单位应当依法建立和完善劳动规章制度，保障劳动者享有劳动权利、履行劳动义务。"
    doc = prepare_text(
        article,
        source="劳动合同法#第四条",
        overrides={"title": "中华人民共和国劳动合同法", "doc_type": "法律"},
    )
    assert doc.meta == DocMeta(title="中华人民共和国劳动合同法", doc_type="法律")
    assert doc.text == article
    assert doc.content_hash == hashlib.sha256(article.encode()).hexdigest()
    assert len(doc.chunks) == 1
    (c,) = doc.chunks
    assert (c.article, c.heading_path, c.text) == ("第十一条", (), article)


def test_prepare_text_markdown_is_stripped() -> None:
    doc = prepare_text(
        "# 工会工作要点\n\n## 一、总体要求\n\n**坚持**以职工为中心。", source="note.md", format="md"
    )
    assert doc.meta.title == "工会工作要点"
    assert doc.text == "工会工作要点\n一、总体要求\n坚持以职工为中心。"
    assert doc.chunks[0].heading_path == ("一、总体要求",)


def test_prepare_docx_end_to_end(tmp_path: Path, make_docx: Callable[..., bytes]) -> None:
    path = tmp_path / "方案.docx"
    path.write_bytes(
        make_docx(
            [
                ("p", "哈工发〔2020〕3号"),
                ("title", "关于开展2020年职工劳动竞赛的通知"),
                ("h1", "竞赛内容"),
                ("p", "围绕重点项目开展竞赛。"),
                ("table", [["项目", "时间"], ["报名", "6月"]]),
                ("p", "哈尔滨市总工会"),
                ("p", "2020年6月1日"),
            ]
        )
    )
    doc = prepare(path)
    assert doc.format == "docx"
    assert doc.meta == DocMeta(
        "关于开展2020年职工劳动竞赛的通知", "哈尔滨市总工会", "哈工发〔2020〕3号", "2020-06-01", "通知"
    )
    assert [c.heading_path for c in doc.chunks] == [(), ("竞赛内容",)]
    assert "项目 | 时间\n报名 | 6月" in doc.chunks[1].text


def test_prepare_pdf_end_to_end(tmp_path: Path, make_pdf: Callable[..., bytes]) -> None:
    articles = [
        f"第{n}条 用人单位应当依法建立和完善劳动规章制度，保障劳动者享有劳动权利、履行劳动义务，并向工会通报。"
        for n in "一二三四五六七八九十"
    ]
    path = tmp_path / "条例.pdf"
    path.write_bytes(
        make_pdf(
            ["某市职工权益保障条例", "第一章 总则", *articles],
            header="某市职工权益保障条例",
            page_numbers=True,
        )
    )
    doc = prepare(path)
    assert doc.format == "pdf"
    assert [c.article for c in doc.chunks] == [f"第{n}条" for n in "一二三四五六七八九十"]
    assert all(c.heading_path == ("第一章 总则",) for c in doc.chunks)
    assert [ln for ln in doc.text.split("\n") if ln.startswith("第")][1:] == articles
    assert not re.search(r"^- \d+ -$", doc.text, re.M)


def test_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(" \n\n\u3000\n", encoding="utf-8")
    with pytest.raises(EmptyDocument) as err:
        prepare(path)
    assert err.value.path == str(path)
    assert err.value.reason == "文件中没有可用的文字内容"


def test_errors_carry_the_path(tmp_path: Path) -> None:
    path = tmp_path / "a.ppt"
    path.write_bytes(b"x")
    with pytest.raises(UnsupportedFormat) as err:
        prepare(path)
    assert isinstance(err.value, IngestError) and err.value.path == str(path)
    assert str(err.value).startswith(str(path) + "：")


def test_unknown_override_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown metadata override"):
        prepare_text("正文。", source="x", overrides={"author": "张三"})


def test_iter_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in [
        "b/2.PDF",
        "b/1.docx",
        "a.txt",
        "c.md",
        "x.png",
        ".hidden.txt",
        "~$lock.docx",
        ".git/x.txt",
        "d.htm",
    ]:
        (tmp_path / name).write_bytes(b"x")
    explicit = tmp_path / "x.png"
    found = iter_files([tmp_path, explicit, tmp_path / "a.txt"])
    rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert rel == ["a.txt", "b/1.docx", "b/2.PDF", "c.md", "d.htm", "x.png"]


# --- the shared statute corpus (skipped when ../shared is absent) -----------------------------------


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> list[dict[str, str]]:
    with (shared_dir / "corpus" / "MANIFEST.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        row["path"] = str(shared_dir / "corpus" / row["file"])
    return rows


@pytest.mark.shared
def test_corpus_metadata_and_articles(corpus: list[dict[str, str]]) -> None:
    dates_ok = 0
    for row in corpus:
        doc = prepare(row["path"])
        assert doc.meta.title == re.sub(r"（\d{4}年修改本）$", "", row["title"]), row["file"]
        dates_ok += doc.meta.date == row["date"]
        articles = {c.article for c in doc.chunks if c.article}
        assert abs(len(articles) - int(row["n_articles"])) <= 2, row["file"]
        for c in doc.chunks:
            assert len(c.text) <= 400
            assert (
                sum(1 for ln in c.text.split("\n") if re.match(r"^第[一二三四五六七八九十百零]+条 ", ln)) <= 1
            )
            assert all(h.startswith("第") or h in ("序言", "总则") for h in c.heading_path), c.heading_path
    # MANIFEST sometimes records the promulgation date where the file states the adoption date.
    assert dates_ok >= 0.7 * len(corpus)


@pytest.mark.shared
def test_every_article_of_the_corpus_prepares(corpus: list[dict[str, str]]) -> None:
    """clean+chunk over every article of the shared corpus: each gives chunks that keep its text. The
    throughput (far above the embedder's) is measured by `python -m bench speed`, not asserted here."""
    texts = [Path(row["path"]).read_text(encoding="utf-8").split("<!-- INFO END -->")[-1] for row in corpus]
    articles = [a for t in texts for a in re.split(r"\n(?=第[一二三四五六七八九十百零]+条 )", t) if a.strip()]
    assert len(articles) > 1000
    for i, article in enumerate(articles):
        doc = prepare_text(article, source=f"a{i}", overrides={"title": "法"})
        assert doc.chunks, article[:80]


def test_html_title_heading_is_not_a_section() -> None:
    page = (
        "<html><head><meta name='ArticleTitle' content='竞赛方案通知'>"
        "<meta name='PubDate' content='2020-06-03'></head><body>"
        "<h1>关于印发竞赛方案的通知</h1><p>各基层工会：</p><h2>一、总体要求</h2><p>坚持以职工为中心。</p>"
        "<p>哈尔滨市总工会</p><p>2020年6月1日</p></body></html>"
    )
    doc = prepare_text(page, source="page.html", format="html")
    assert doc.meta.title == "竞赛方案通知"
    assert doc.meta.date == "2020-06-01"  # the document's own date beats the site's publication time
    assert [c.heading_path for c in doc.chunks] == [(), ("一、总体要求",)]
