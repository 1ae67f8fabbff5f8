"""Zip containers (DOCX, XLSX, PPTX, OFD) opened under the ingest limits.

A zip bomb declares (or hides) a huge decompressed size. Before anything is unpacked, the central
directory is checked: number of parts, the sum of declared sizes, and each large part's compression
ratio. While a part streams out, the bytes are counted again against the same budget, so a part
whose declared size lies is stopped at the limit instead of filling memory (Python's zipfile also
never returns more than the declared size and then fails its CRC check).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from ingest.errors import CorruptFile, UnpackedTooLarge
from ingest.limits import MAX_MEMBERS, MB, Budget

BLOCK = 1 * MB


class SafeZip:
    def __init__(self, data: bytes, *, budget: Budget, broken: str) -> None:
        self.budget = budget
        self._broken = broken
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise CorruptFile(budget.path, broken) from exc
        if len(infos) > MAX_MEMBERS:
            raise UnpackedTooLarge(
                budget.path, f"文件包含的部件过多（{len(infos):,} 个），疑似压缩炸弹，已跳过"
            )
        budget.check_declared(sum(i.file_size for i in infos))
        for info in infos:
            budget.check_ratio(info.filename, info.file_size, info.compress_size)
        self.names = {i.filename for i in infos}

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """One part, counted against the budget block by block."""
        return b"".join(self.stream(name))

    def stream(self, name: str) -> Iterator[bytes]:
        try:
            with self.zip.open(name) as f:
                while block := f.read(BLOCK):
                    self.budget.add_unpacked(len(block))
                    yield block
        except KeyError as exc:
            raise CorruptFile(self.budget.path, self._broken) from exc
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            # zlib errors, bad CRC (a part bigger than it declared), encryption
            raise CorruptFile(self.budget.path, self._broken) from exc

    def open(self, name: str) -> ZipPartReader:
        """A file-like reader of one part for incremental parsers (lxml.iterparse)."""
        return ZipPartReader(self.stream(name))


class ZipPartReader(io.RawIOBase):
    def __init__(self, blocks: Iterator[bytes]) -> None:
        self._blocks = blocks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            return self._rest + b"".join(self._blocks)
        while len(self._rest) < n:
            block = next(self._blocks, b"")
            if not block:
                break
            self._rest += block
        out, self._rest = self._rest[:n], self._rest[n:]
        return out
