"""The ingest limits: the one place that says how big, how long and how slow one file may be.

A hostile or just unreasonable file (a zip bomb, a 19 MB text dump, a PDF of flate bombs) must cost a
bounded amount of memory and time and then be refused with a Chinese reason, while the other files of
the same batch go on. ``Limits`` holds the numbers (from Settings); ``Budget`` is one file's account
against them, handed to the loaders, which check it where the work happens: before unpacking, while
streaming, between pages and rows, and after extraction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ingest.errors import FileTooLarge, TextTooLong, TooManyChunks, TooManyPages, TooSlow, UnpackedTooLarge

MB = 1024 * 1024
# Members of a container smaller than this may have any ratio (an empty XML part compresses 50:1):
# the ratio check is for the large ones, where a bomb hides.
RATIO_FLOOR_BYTES = 1 * MB
MAX_MEMBERS = 10_000  # parts of one zip container (a DOCX has ~20, an XLSX one per sheet and image)


@dataclass(frozen=True)
class Limits:
    """Bounds for one file. Defaults keep the peak memory of any single ingest well under 1 GB."""

    file_mb: int = 50  # the file as stored (the API's upload limit is lower: 20 MB)
    unpacked_mb: int = 100  # all decompressed parts of a container (DOCX/XLSX/PPTX/OFD members, PDF streams)
    ratio: int = 100  # decompressed ÷ compressed size of one large part; real documents stay under 20
    chars: int = 1_500_000  # extracted text (the 民法典 has 110,000)
    chunks: int = 5_000  # chunks of one document (the 民法典 makes about 1,300)
    pages: int = 1_000  # PDF/OFD pages, slides, spreadsheet sheets
    seconds: int = 300  # wall time of one file, checked between pages, rows and stages

    def budget(self, path: str) -> Budget:
        return Budget(self, path)


@dataclass
class Budget:
    """One file's account against the limits; every check raises a :class:`LimitExceeded` subclass."""

    limits: Limits
    path: str
    started: float = field(default_factory=time.monotonic)
    unpacked: int = 0  # decompressed bytes read so far, over every part

    def check_file(self, size: int) -> None:
        if size > self.limits.file_mb * MB:
            raise FileTooLarge(
                self.path, f"文件过大（{size / MB:.1f} MB，超过 {self.limits.file_mb} MB），已跳过"
            )

    def check_declared(self, total: int) -> None:
        """The sum of a container's declared sizes, before anything is unpacked."""
        if total > self.limits.unpacked_mb * MB:
            raise UnpackedTooLarge(self.path, self.too_big_unpacked())

    def check_ratio(self, name: str, size: int, compressed: int) -> None:
        if size > RATIO_FLOOR_BYTES and size > self.limits.ratio * max(compressed, 1):
            raise UnpackedTooLarge(
                self.path,
                f"文件中的「{name}」压缩比异常（{size // max(compressed, 1)}:1，上限 {self.limits.ratio}:1），"
                "疑似压缩炸弹，已跳过",
            )

    def add_unpacked(self, n: int) -> None:
        """Count decompressed bytes as they stream out; stops the stream past the limit."""
        self.unpacked += n
        if self.unpacked > self.limits.unpacked_mb * MB:
            raise UnpackedTooLarge(self.path, self.too_big_unpacked())

    def too_big_unpacked(self) -> str:
        return f"文件解压后过大（超过 {self.limits.unpacked_mb} MB），已跳过"

    def check_chars(self, n: int) -> None:
        if n > self.limits.chars:
            raise TextTooLong(
                self.path, f"文件文字过多（超过 {self.limits.chars:,} 字），已跳过；请拆分成几个文件后再导入"
            )

    def check_chunks(self, n: int) -> None:
        if n > self.limits.chunks:
            raise TooManyChunks(
                self.path,
                f"文件切分后段落过多（超过 {self.limits.chunks:,} 段），已跳过；请拆分成几个文件后再导入",
            )

    def check_pages(self, n: int, unit: str = "页") -> None:
        if n > self.limits.pages:
            raise TooManyPages(
                self.path,
                f"文件{unit}数过多（{n:,} {unit}，超过 {self.limits.pages:,} {unit}），已跳过；请拆分后再导入",
            )

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def check_time(self) -> None:
        if self.elapsed() > self.limits.seconds:
            raise TooSlow(self.path, f"文件处理超时（超过 {self.limits.seconds} 秒），已跳过；请拆分后再导入")


DEFAULT_LIMITS = Limits()
