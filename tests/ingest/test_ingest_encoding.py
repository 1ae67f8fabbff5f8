from __future__ import annotations

import codecs
import random

import pytest

from ingest.encoding import decode
from ingest.errors import CorruptFile

TEXT = "哈尔滨市总工会办公室关于印发黄玉生同志在全市劳动和技能竞赛动员会议上讲话的通知。各区县（市）总工会、产业工会：现将讲话印发给你们。"


@pytest.mark.parametrize("codec", ["utf-8", "gbk", "gb2312", "gb18030"])
def test_common_chinese_encodings_roundtrip(codec: str) -> None:
    assert decode(TEXT.encode(codec)) == TEXT


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_bom_is_honoured_and_removed(bom: bytes, codec: str) -> None:
    assert decode(bom + TEXT.encode(codec)) == TEXT


def test_gb18030_only_characters() -> None:
    # 䶮 (CJK Ext-A) and € are not in GBK but are in GB18030.
    text = "龑䶮同志在会上讲话，奖金共计€100。" + TEXT
    assert decode(text.encode("gb18030")) == text


def test_big5_is_not_read_as_gbk_mojibake() -> None:
    trad = "工會法規定職工有權參加和組織工會。會員大會選舉產生委員會，保障勞動者的合法權益。" * 3
    assert decode(trad.encode("big5")) == trad


def test_declared_charset_is_tried_first() -> None:
    assert decode(TEXT.encode("gbk"), declared="gb2312") == TEXT


def test_binary_garbage_is_refused_with_chinese_reason() -> None:
    blob = random.Random(7).randbytes(4000)
    with pytest.raises(CorruptFile) as err:
        decode(blob, path="x.txt")
    assert err.value.path == "x.txt"
    assert "编码" in err.value.reason or "文字" in err.value.reason


def test_empty_bytes_decode_to_empty_text() -> None:
    assert decode(b"") == ""
