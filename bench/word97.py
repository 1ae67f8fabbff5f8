"""A minimal Word 97–2003 (.doc) writer, so tests and benchmarks can make .doc/.wps files themselves.

Only what a reader needs for the text: a Compound File (CFB v3, 512-byte sectors) holding a
``WordDocument`` stream (the FIB, then the text as UTF-16) and a ``1Table`` stream (the piece table,
one piece covering the text). Paragraphs end with ``\\r``, as in Word. Formatting, styles and
everything else are absent, which readers such as antiword and catdoc accept.
"""

from __future__ import annotations

import struct

SECTOR = 512
END, FREE, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
_TEXT_AT = 1024  # where the text starts in WordDocument, after the FIB
_MIN_STREAM = 4096  # streams at least this long live in regular sectors (no mini stream needed)


def _fib(ccp_text: int, fc_clx: int, lcb_clx: int, cb_mac: int) -> bytes:
    # flags 0x1200: fWhichTblStm (the piece table is in 1Table) and fExtChar (text may be UTF-16);
    # fcMin/fcMac (where the text lies) are "reserved" in the spec but still written and read by tools
    base = struct.pack(
        "<HHHHHHHIBBHHII", 0xA5EC, 0x00C1, 0, 0x0804, 0, 0x1200, 0x00BF, 0, 0, 0, 0, 0, _TEXT_AT, cb_mac
    )
    rg_w = struct.pack("<H", 14) + b"\0" * 28
    lw = [0] * 22
    lw[0], lw[3] = cb_mac, ccp_text
    rg_lw = struct.pack("<H", 22) + struct.pack("<22i", *lw)
    fclcb = [0] * (93 * 2)
    fclcb[33 * 2], fclcb[33 * 2 + 1] = fc_clx, lcb_clx  # fcClx / lcbClx: the piece table
    rg_fclcb = struct.pack("<H", 93) + struct.pack(f"<{93 * 2}I", *fclcb)
    return base + rg_w + rg_lw + rg_fclcb + struct.pack("<H", 0)


def word_document(paragraphs: list[str]) -> tuple[bytes, bytes]:
    """(WordDocument stream, 1Table stream) for the paragraphs."""
    text = "".join(p + "\r" for p in paragraphs)
    encoded = text.encode("utf-16-le")
    ccp = len(encoded) // 2
    plc = struct.pack("<II", 0, ccp) + struct.pack("<HIH", 0, _TEXT_AT, 0)  # CPs, then one PCD (fc: UTF-16)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    table = clx.ljust(_MIN_STREAM, b"\0")
    body_end = _TEXT_AT + len(encoded)
    fib = _fib(ccp, 0, len(clx), body_end)
    word = (fib.ljust(_TEXT_AT, b"\0") + encoded).ljust(_MIN_STREAM, b"\0")
    return word, table


def _entry(name: str, kind: int, start: int, size: int, *, left=FREE, right=FREE, child=FREE) -> bytes:
    raw = (name + "\0").encode("utf-16-le") if name else b""
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", left, right, child)
        + b"\0" * 16
        + struct.pack("<I", 0)
        + b"\0" * 16
        + struct.pack("<III", start, size, 0)
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A CFB v3 file holding the given streams (each ≥ 4096 bytes) under the root storage."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # CFB's order: shorter names first
    sectors: list[bytes] = []
    fat: list[int] = []
    starts: dict[str, int] = {}
    for name in names:
        data = streams[name]
        assert len(data) >= _MIN_STREAM, "short streams would need the mini stream"
        data = data.ljust(-(-len(data) // SECTOR) * SECTOR, b"\0")
        starts[name] = len(sectors)
        count = len(data) // SECTOR
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR])
            fat.append(len(sectors) if i < count - 1 else END)
    # directory: root, then the streams as a chain of right siblings (a valid, if unbalanced, tree)
    ids = {name: i + 1 for i, name in enumerate(names)}
    entries = [_entry("Root Entry", 5, END, 0, child=ids[names[0]])]
    for i, name in enumerate(names):
        right = ids[names[i + 1]] if i + 1 < len(names) else FREE
        entries.append(_entry(name, 2, starts[name], len(streams[name]), right=right))
    directory = b"".join(entries)
    directory = directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0")
    dir_start = len(sectors)
    dir_count = len(directory) // SECTOR
    for i in range(dir_count):
        sectors.append(directory[i * SECTOR : (i + 1) * SECTOR])
        fat.append(len(sectors) if i < dir_count - 1 else END)
    fat_count = -(-(len(fat) + 1) // (SECTOR // 4))
    while -(-(len(fat) + fat_count) // (SECTOR // 4)) > fat_count:
        fat_count += 1
    fat_start = len(sectors)
    fat += [FATSECT] * fat_count
    fat += [FREE] * (fat_count * (SECTOR // 4) - len(fat))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    sectors += [fat_bytes[i * SECTOR : (i + 1) * SECTOR] for i in range(fat_count)]
    assert fat_count <= 109, "a DIFAT would be needed"
    difat = [fat_start + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, fat_count, dir_start, 0, _MIN_STREAM, END, 0, END, 0)
        + struct.pack("<109I", *difat)
    )
    return header + b"".join(sectors)


def write_doc(paragraphs: list[str]) -> bytes:
    """The bytes of a .doc file with these paragraphs (also what WPS 文字 writes as .wps)."""
    word, table = word_document(paragraphs)
    return compound_file({"WordDocument": word, "1Table": table})
