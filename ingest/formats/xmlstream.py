"""XML parts of office containers, parsed safely: no entities, no network, bounded element counts.

Large parts are streamed with :func:`iterparse` and their read elements dropped by the caller; small
parts (styles, properties, manifests) are parsed whole by :func:`parse_small`, within a size bound.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ingest.errors import CorruptFile, UnpackedTooLarge
from ingest.formats.zipped import SafeZip, ZipPartReader
from ingest.limits import MB, Budget

if TYPE_CHECKING:  # lxml is imported where a part is parsed: a text-only ingest never loads it
    from lxml.etree import _Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Elements opened between two drops by the caller: one paragraph, table row or slide shape. Real
# ones have a few hundred; a million empty elements would cost lxml ~120 MB.
MAX_OPEN_ELEMENTS = 1_000_000
MAX_SMALL_PART = 20 * MB
_CHECK_EVERY = 10_000


class XmlStream:
    """(event, element) for "start" and "end" events of a streamed part. The caller reads an element
    at its end and then drops it (:meth:`drop`); more than ``MAX_OPEN_ELEMENTS`` started between two drops
    (one gigantic paragraph or row) is refused."""

    def __init__(self, source: ZipPartReader, budget: Budget) -> None:
        self._source = source
        self._budget = budget
        self._open = 0

    def __iter__(self) -> Iterator[tuple[str, _Element]]:
        from lxml import etree

        parser = etree.iterparse(
            self._source,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
        )
        for event, el in parser:
            if event == "start":
                self._open += 1
                if self._open % _CHECK_EVERY == 0:
                    self._budget.check_time()
                    if self._open > MAX_OPEN_ELEMENTS:
                        raise UnpackedTooLarge(
                            self._budget.path, "文件中单个段落或表格行的结构过于庞大（疑似恶意构造），已跳过"
                        )
            yield event, el

    def drop(self, el: _Element) -> None:
        """Free an element already read: memory stays bounded by the largest paragraph or row."""
        el.clear()
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
        self._open = 0


def parse_small(archive: SafeZip, name: str, *, broken: str) -> _Element | None:
    """The root element of a small part, or None when the part is absent."""
    from lxml import etree

    if not archive.has(name):
        return None
    data = archive.read(name)
    if len(data) > MAX_SMALL_PART:
        raise UnpackedTooLarge(archive.budget.path, archive.budget.too_big_unpacked())
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CorruptFile(archive.budget.path, broken) from exc
