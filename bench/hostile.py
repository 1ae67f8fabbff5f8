"""Hostile files, generated (never stored): zip bombs, huge text nodes, flate bombs, huge texts.

Used by tests/ingest/test_ingest_limits.py and by ``python -m bench limits``. Every generator streams
to a path, so making a 1.1 GB zip bomb costs a few seconds and no memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

MB = 1024 * 1024
PARA = "<w:p><w:r><w:t>职工劳动和技能竞赛实施方案第一条为深入开展劳动竞赛。</w:t></w:r></w:p>".encode()


def _blank_docx() -> zipfile.ZipFile:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


def _docx_with_body(path: Path, body: Iterator[bytes], level: int = 1) -> Path:
    src = _blank_docx()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, src.read(info))
                continue
            head, _, tail = src.read(info).decode().partition("<w:body>")
            with out.open("word/document.xml", "w", force_zip64=True) as f:
                f.write((head + "<w:body>").encode())
                for block in body:
                    f.write(block)
                f.write(tail.encode())
    return path


def _repeat(unit: bytes, total: int, block: int = 4 * MB) -> Iterator[bytes]:
    piece = unit * max(1, block // len(unit))
    written = 0
    while written < total:
        yield piece
        written += len(piece)


def zip_bomb_docx(path: Path, declared_mb: int = 1100, level: int = 1) -> Path:
    """A DOCX whose word/document.xml unpacks to ``declared_mb`` MB of ordinary paragraphs (level 9
    packs 1000:1, level 1 writes faster)."""
    return _docx_with_body(path, _repeat(PARA, declared_mb * MB), level)


def blank_bomb_docx(path: Path, declared_mb: int = 150) -> Path:
    """A DOCX of a few hundred KB whose document.xml is ``declared_mb`` MB of whitespace (1000:1)."""
    return _docx_with_body(path, _repeat(b" ", declared_mb * MB), level=9)


def huge_text_node_docx(path: Path, text_mb: int = 1000) -> Path:
    """A ~1 MB DOCX with one paragraph whose single text node is ``text_mb`` MB long."""

    def body() -> Iterator[bytes]:
        yield b"<w:p><w:r><w:t>"
        yield from _repeat("竞".encode(), text_mb * MB)
        yield b"</w:t></w:r></w:p>"

    return _docx_with_body(path, body())


def huge_txt(path: Path, size_mb: int = 19) -> Path:
    """A plain-text dump of ``size_mb`` MB: numbered articles, as in the 153,460-chunk report."""
    line = "第{}条 用人单位应当依法参加社会保险，缴纳社会保险费；职工应当遵守劳动纪律和职业道德。\n"
    with path.open("w", encoding="utf-8") as f:
        n = 0
        while f.tell() < size_mb * MB:
            n += 1
            f.write(line.format(n) * 20)
    return path


def huge_html(path: Path, size_mb: int = 40) -> Path:
    para = "<p>" + "各级工会要把劳动竞赛作为推动经济高质量发展的重要抓手，广泛组织职工参与。" * 5 + "</p>\n"
    with path.open("w", encoding="utf-8") as f:
        f.write('<html><head><meta charset="utf-8"><title>通知</title></head><body>\n')
        while f.tell() < size_mb * MB:
            f.write(para * 200)
        f.write("</body></html>\n")
    return path


def _pdf(path: Path, pages: list[Iterator[bytes] | bytes]) -> Path:
    """A minimal PDF whose page content streams are given (raw, uncompressed, streamed): each is
    deflated on the way to the file."""
    offsets: list[int] = []
    n_pages = len(pages)
    page_ids = [3 + 2 * i for i in range(n_pages)]
    with path.open("wb") as f:

        def obj(body: bytes) -> None:
            offsets.append(f.tell())
            f.write(f"{len(offsets)} 0 obj\n".encode() + body + b"\nendobj\n")

        f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        obj(b"<< /Type /Catalog /Pages 2 0 R >>")
        kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
        obj(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n_pages).encode() + b" >>")
        for i, content in enumerate(pages):
            obj(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << "
                b"/Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents "
                + str(page_ids[i] + 1).encode()
                + b" 0 R >>"
            )
            deflater = zlib.compressobj(9)
            blocks = [content] if isinstance(content, bytes) else content
            packed = b"".join(deflater.compress(b) for b in blocks) + deflater.flush()
            obj(
                b"<< /Length "
                + str(len(packed)).encode()
                + b" /Filter /FlateDecode >>\nstream\n"
                + packed
                + b"\nendstream"
            )
        xref = f.tell()
        f.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            f.write(f"{off:010d} 00000 n \n".encode())
        f.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return path


TEXT_PAGE = "BT /F1 12 Tf 72 720 Td (The {} of workers shall be protected by the trade union.) Tj ET\n"
_WORDS = (
    "wages",
    "safety",
    "training",
    "contracts",
    "leave",
    "meetings",
    "welfare",
    "disputes",
    "health",
    "rest",
)


def _page_words(n: int) -> str:
    """Different words on every page: identical lines would be removed as running headers."""
    return " and ".join(_WORDS[int(d)] for d in f"{n:04d}")


def flate_bomb_pdf(path: Path, inflated_mb: int = 1000, streams: int = 1) -> Path:
    """A PDF whose page content inflates to ``inflated_mb`` MB in total (repeated drawing operators)."""
    each = inflated_mb * MB // streams
    return _pdf(path, [_repeat(b"0 0 m 1 1 l S\n", each) for _ in range(streams)])


def many_pages_pdf(path: Path, pages: int = 5000) -> Path:
    return _pdf(path, [TEXT_PAGE.format(_page_words(n)).encode() for n in range(1, pages + 1)])


def zip_bomb(path: Path, members: dict[str, bytes], bomb_name: str, declared_mb: int = 1100) -> Path:
    """Any zip-based format: the given small members, plus ``bomb_name`` of ``declared_mb`` MB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for name, data in members.items():
            out.writestr(name, data)
        with out.open(bomb_name, "w", force_zip64=True) as f:
            for block in _repeat(b"<a:t>0</a:t>", declared_mb * MB):
                f.write(block)
    return path


def huge_doc(path: Path, size_mb: int = 6) -> Path:
    """A .doc of ``size_mb`` MB of text (Word 97 stores it as UTF-16): refused at the text limit."""
    from bench.word97 import write_doc

    sentence = "第一条 职工依法享有参加和组织工会的权利。"
    paragraphs = [sentence * 50] * (size_mb * MB // (len(sentence) * 50 * 2))
    path.write_bytes(write_doc(paragraphs))
    return path


def format_bombs() -> list[tuple[str, str, object]]:
    """(label, file name, generator) for the bombs of the other formats."""
    return [
        (
            "zip-bomb XLSX (1.1 GB sheet)",
            "炸弹.xlsx",
            lambda p: zip_bomb(p, {"[Content_Types].xml": b"<Types/>"}, "xl/worksheets/sheet1.xml"),
        ),
        (
            "zip-bomb PPTX (1.1 GB slide)",
            "炸弹.pptx",
            lambda p: zip_bomb(p, {"ppt/presentation.xml": b"<p/>"}, "ppt/slides/slide1.xml"),
        ),
        (
            "zip-bomb OFD (1.1 GB page)",
            "炸弹.ofd",
            lambda p: zip_bomb(p, {"OFD.xml": b"<ofd:OFD/>"}, "Doc_0/Pages/Page_0/Content.xml"),
        ),
        (".doc of 6 MB text (3 million characters)", "大文件.doc", huge_doc),
    ]
