"""Tests for knowledge.analysis.Analyzer (segmentation, stop words, synonyms)."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest

from knowledge import analysis
from knowledge.analysis import Analyzer, load_synonyms, load_user_dict

STOP = "请问\n怎么办\n我\n的\n# comment line\n可以\n吗\n什么\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "stop.txt").write_text(STOP, encoding="utf-8")
    (tmp_path / "syn.tsv").write_text("职工代表大会\t职代会\n劳动模范\t劳模\n\n坏行\n", encoding="utf-8")
    (tmp_path / "dict.txt").write_text("厂务公开 10 n\n劳动竞赛\n", encoding="utf-8")
    return {
        "stopwords": tmp_path / "stop.txt",
        "synonyms": tmp_path / "syn.tsv",
        "user_dict": tmp_path / "dict.txt",
    }


@pytest.fixture
def analyzer(files: dict[str, Path]) -> Analyzer:
    return Analyzer(**files)


def test_two_char_words_match_inside_longer_words(analyzer: Analyzer) -> None:
    doc = analyzer.index_tokens("基层工会委员会组织开展劳动竞赛活动")
    for word in ("工会", "竞赛"):
        assert word in analyzer.query_terms(word)
        assert word in doc


def test_user_dictionary_keeps_union_terms_whole(analyzer: Analyzer) -> None:
    assert "厂务公开" in analyzer.index_tokens("企业应当实行厂务公开制度")
    plain = Analyzer(user_dict=None, synonyms=None, stopwords=None)
    assert "厂务公开" not in plain.index_tokens("企业应当实行厂务公开制度")


def test_stopwords_removed_from_queries(analyzer: Analyzer) -> None:
    terms = analyzer.query_terms("请问我的加班费怎么办？可以吗")
    assert not {"请问", "我", "的", "怎么办", "可以", "吗", "？"} & terms.keys()
    assert "加班费" in terms or "加班" in terms


def test_punctuation_and_whitespace_never_tokens(analyzer: Analyzer) -> None:
    tokens = analyzer.index_tokens("第一条 为了保护劳动者的合法权益，制定本法。\n\n")
    assert tokens
    assert all(t.strip() and t not in "，。 \n" for t in tokens)


def test_synonym_expansion_is_weighted_lower(analyzer: Analyzer) -> None:
    terms = analyzer.query_terms("职代会")
    assert terms["职代会"] == 1.0
    assert "职工代表大会" in terms
    assert 0 < terms["职工代表大会"] < terms["职代会"]
    # works in both directions and for every group
    assert "劳模" in analyzer.query_terms("劳动模范评选")
    assert "劳动模范" in analyzer.query_terms("劳模")


def test_expansion_never_lowers_a_typed_term(analyzer: Analyzer) -> None:
    terms = analyzer.query_terms("职代会 职工代表大会")
    assert terms["职代会"] == 1.0 and terms["职工代表大会"] == 1.0


def test_repeated_query_words_add_up(analyzer: Analyzer) -> None:
    assert analyzer.query_terms("工伤 工伤 认定")["工伤"] == 2.0


def test_missing_data_files_are_tolerated(tmp_path: Path) -> None:
    a = Analyzer(user_dict=tmp_path / "nope.txt", synonyms=tmp_path / "nope.tsv", stopwords=tmp_path / "x")
    assert "工会" in a.index_tokens("工会")
    assert "职工代表大会" not in a.query_terms("职代会")
    assert "请问" in a.query_terms("请问工会")  # no stop-word list either


def test_default_files_load() -> None:
    a = Analyzer()
    assert "请问" in a.stopwords and "怎么办" in a.stopwords
    assert "工会" not in a.stopwords and "竞赛" not in a.stopwords
    assert "请问" not in a.query_terms("请问工会经费怎么办")


def test_private_tokenizer_does_not_touch_global_jieba(analyzer: Analyzer) -> None:
    analyzer.index_tokens("厂务公开")
    assert analyzer._tokenizer is not jieba.dt
    assert "厂务公开" not in jieba.dt.FREQ or jieba.dt.FREQ.get("厂务公开") != 10


def test_tokenizer_built_lazily_and_quietly(
    files: dict[str, Path], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analysis, "_BASE", None)  # force jieba's dictionary load
    level = jieba.default_logger.level
    a = Analyzer(**files)
    assert a._tokenizer is None
    a.index_tokens("工会")
    assert a._tokenizer is not None
    assert capfd.readouterr().err == ""
    assert jieba.default_logger.level == level


def test_char_bigrams_option(files: dict[str, Path]) -> None:
    a = Analyzer(**files, char_bigrams=True)
    doc = a.index_tokens("劳动合同法")
    q = a.query_terms("合同")
    shared = set(doc) & q.keys()
    assert any(t.endswith("合同") for t in shared)
    # bigram terms can never collide with real words
    assert all(t.startswith("\x01") for t in shared if len(t) == 3)


def test_loaders_parse_formats(files: dict[str, Path]) -> None:
    assert load_synonyms(files["synonyms"]) == [["职工代表大会", "职代会"], ["劳动模范", "劳模"]]
    assert load_user_dict(files["user_dict"]) == [("厂务公开", 10, "n"), ("劳动竞赛", None, None)]
    assert load_synonyms(None) == [] and load_user_dict(None) == []


def test_logger_level_restored_even_if_set_by_caller(files: dict[str, Path]) -> None:
    jieba.default_logger.setLevel(logging.INFO)
    try:
        Analyzer(**files).index_tokens("工会")
        assert jieba.default_logger.level == logging.INFO
    finally:
        jieba.default_logger.setLevel(logging.DEBUG)


def test_analyzers_do_not_share_user_words(files: dict[str, Path]) -> None:
    with_dict = Analyzer(**files)
    without = Analyzer(user_dict=None, synonyms=None, stopwords=None)
    assert "厂务公开" in with_dict.index_tokens("厂务公开")
    assert "厂务公开" not in without.index_tokens("厂务公开")
