from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.chunking import chunk
from ingest.cleaning import clean
from ingest.errors import EmptyDocument
from ingest.model import Chunk
from ingest.pipeline import prepare_text

# Document-like text: structural lines and sentences in random order, with the layout noise that
# extraction produces (spaces between characters, half-width punctuation, blank lines, page breaks).
_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
_PUNCT = st.sampled_from(list("，。；：！？、“”（）《》,.;:!? ") + ["\n", "\n\n", " ", "\f", "……"])
_MARKERS = st.sampled_from(
    [
        "第一章 ",
        "第十一条 ",
        "第一百零二条 ",
        "一、",
        "（二）",
        "三是",
        "1.",
        "（4）",
        "①",
        "第二节 ",
        "附件1",
        "",
    ]
)
_SENTENCE = st.builds(
    lambda marker, words, end: marker + "".join(words) + end,
    _MARKERS,
    st.lists(
        st.one_of(st.text(_HAN, min_size=1, max_size=30), _PUNCT, st.from_regex(r"\d{1,4}", fullmatch=True)),
        max_size=12,
    ),
    st.sampled_from(["。", "；", "", "\n", "！\n", "？”\n"]),
)
DOCS = st.lists(_SENTENCE, max_size=40).map("".join)
ANY_TEXT = st.text(max_size=600)
SIZES = st.integers(min_value=8, max_value=400).flatmap(
    lambda m: st.tuples(st.just(m), st.integers(min_value=0, max_value=m - 1))
)

# database=None: no .hypothesis/ folder in the working tree.
FAST = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, chunks: list[Chunk], max_chars: int) -> None:
    covered = bytearray(len(text))
    for i, c in enumerate(chunks):
        assert c.index == i
        assert text[c.start : c.end] == c.text
        assert 0 < len(c.text) <= max_chars
        assert not c.text[0].isspace() and not c.text[-1].isspace()
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missing, f"uncovered: {[text[i] for i in missing[:10]]}"


@FAST
@given(DOCS, SIZES, st.booleans())
def test_chunks_cover_cleaned_documents(raw: str, sizes: tuple[int, int], from_pdf: bool) -> None:
    max_chars, overlap = sizes
    text = clean(raw, from_pdf=from_pdf)
    _check(text, chunk(text, max_chars=max_chars, overlap=overlap), max_chars)


@FAST
@given(ANY_TEXT, SIZES)
def test_chunks_cover_arbitrary_text(text: str, sizes: tuple[int, int]) -> None:
    max_chars, overlap = sizes
    _check(text, chunk(text, max_chars=max_chars, overlap=overlap), max_chars)


@FAST
@given(DOCS)
def test_no_chunk_straddles_two_articles(raw: str) -> None:
    text = clean(raw, from_pdf=False)
    for c in chunk(text, max_chars=200, overlap=30):
        starts = [ln for ln in c.text.split("\n") if re.match(r"^第[一二三四五六七八九十百零]+条 ", ln)]
        assert len(starts) <= 1
        if starts:
            assert c.article == starts[0].split(" ")[0]


@FAST
@given(st.one_of(DOCS, ANY_TEXT))
def test_clean_is_idempotent_and_tidy(raw: str) -> None:
    once = clean(raw, from_pdf=False)
    assert clean(once, from_pdf=False) == once
    assert "\n\n" not in once and "  " not in once
    assert all(line == line.strip() for line in once.split("\n"))


@FAST
@given(st.one_of(DOCS, ANY_TEXT), st.sampled_from(["txt", "md", "html", "pdf"]))
def test_prepare_text_never_fails_on_odd_input(raw: str, fmt: str) -> None:
    try:
        doc = prepare_text(raw, source=f"x.{fmt}", format=fmt, max_chars=120, overlap=20)
    except EmptyDocument:
        return
    _check(doc.text, list(doc.chunks), 120)
    assert doc.meta.title
