"""Format checks for the hand-made domain data.

- knowledge/data/union_terms.txt   jieba user dictionary (``词 词频 词性``)
- knowledge/data/synonyms.tsv      synonym / abbreviation groups (TAB-separated)
- bench/data/cadre_{questions,heldout,blind}.jsonl evaluation questions with gold passages

Checks against the law corpus need ``../shared/corpus`` next to the repository
and are skipped (with a reason) when it is absent.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "knowledge" / "data"
DICT_PATH = DATA / "union_terms.txt"
SYN_PATH = DATA / "synonyms.tsv"
# question set -> (min in-scope questions, min seed quotes, min law files with gold)
QUESTION_SETS = {"cadre_questions": (40, 10, 15), "cadre_heldout": (30, 6, 15), "cadre_blind": (20, 6, 15)}
each_set = pytest.mark.parametrize("qset", sorted(QUESTION_SETS))
SEED_NAME = "harbin_2020_labour_competition_notice.txt"
SEED_PATH = REPO / "knowledge" / "samples" / SEED_NAME
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

DICT_LINE = re.compile(r"^(\S+) ([1-9][0-9]*) ([a-z]+)$")
ARTICLE_LABEL = re.compile(r"^第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?$")
LAW_FILE = re.compile(r"^\d{2}_[a-z0-9_]+\.md$")
CJK = re.compile(r"[\u4e00-\u9fff]")

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared law corpus not found at {CORPUS}")


def _strip_ws(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _norm(text: str) -> str:
    # full-width digits/percent signs occur in the corpus (e.g. ３００％)
    return unicodedata.normalize("NFKC", _strip_ws(text))


@cache
def _questions(qset: str) -> list[dict]:
    rows = []
    path = REPO / "bench" / "data" / f"{qset}.jsonl"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - reported by assert
                raise AssertionError(f"line {n}: invalid JSON: {exc}") from exc
    return rows


def _in_scope(qset: str) -> list[dict]:
    return [q for q in _questions(qset) if q["gold"]]


def _syn_groups() -> list[list[str]]:
    groups = []
    for line in SYN_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        groups.append(line.split("\t"))
    return groups


# --------------------------------------------------------------------------- dictionary


def test_dictionary_lines_parse():
    lines = DICT_PATH.read_text(encoding="utf-8").splitlines()
    words = []
    for n, line in enumerate(lines, 1):
        assert line.strip(), f"union_terms.txt line {n} is empty"
        m = DICT_LINE.match(line)
        assert m, f"union_terms.txt line {n} is not 'word int pos': {line!r}"
        words.append(m.group(1))
    dups = [w for w, c in Counter(words).items() if c > 1]
    assert not dups, f"duplicate dictionary entries: {dups}"
    assert 150 <= len(words) <= 400, len(words)


def test_dictionary_loads_in_jieba():
    jieba = pytest.importorskip("jieba")
    tok = jieba.Tokenizer()
    tok.load_userdict(str(DICT_PATH))
    words = [line.split(" ")[0] for line in DICT_PATH.read_text(encoding="utf-8").splitlines()]
    split = [w for w in words if tok.lcut(w, HMM=False) != [w]]
    assert not split, f"entries jieba still splits: {split}"


# --------------------------------------------------------------------------- synonyms


def test_synonym_groups_format():
    groups = _syn_groups()
    assert 60 <= len(groups) <= 150, len(groups)
    for g in groups:
        assert all(t and t == t.strip() and " " not in t for t in g), f"empty/space entry in {g}"
        assert len(set(g)) >= 2, f"group needs >=2 distinct entries: {g}"
        assert len(set(g)) == len(g), f"repeated entry inside group: {g}"


def test_synonym_terms_unique_across_groups():
    counts = Counter(t for g in _syn_groups() for t in g)
    dups = sorted(t for t, c in counts.items() if c > 1)
    assert not dups, f"terms in more than one group: {dups}"


# --------------------------------------------------------------------------- questions


@each_set
def test_questions_schema(qset):
    qs = _questions(qset)
    ids = [q["id"] for q in qs]
    assert len(ids) == len(set(ids)), "duplicate question ids"
    for q in qs:
        assert set(q) == {"id", "question", "gold", "answer_terms"}, q["id"]
        assert isinstance(q["question"], str) and CJK.search(q["question"]), q["id"]
        assert isinstance(q["gold"], list) and isinstance(q["answer_terms"], list), q["id"]
        if q["gold"]:
            assert 1 <= len(q["answer_terms"]) <= 3, q["id"]
        else:
            assert q["answer_terms"] == [], f"{q['id']}: out-of-scope must have no answer_terms"
    assert len(_in_scope(qset)) >= QUESTION_SETS[qset][0]
    assert len(qs) - len(_in_scope(qset)) >= 1, "expected some out-of-scope questions"


def test_question_sets_share_no_question():
    seen: dict[str, str] = {}
    for qset in QUESTION_SETS:
        for q in _questions(qset):
            assert q["question"] not in seen, f"{qset} {q['id']} repeats {seen.get(q['question'])}"
            seen[q["question"]] = f"{qset} {q['id']}"


@each_set
def test_gold_sources_known(qset):
    for q in _in_scope(qset):
        for g in q["gold"]:
            src = g["source"]
            if src == SEED_NAME:
                assert set(g) == {"source", "quote"}, q["id"]
            else:
                assert LAW_FILE.match(src), f"{q['id']}: unknown source {src!r}"
                assert set(g) == {"source", "article"}, q["id"]
                assert ARTICLE_LABEL.match(g["article"]), f"{q['id']}: bad label {g['article']!r}"


@each_set
def test_seed_quotes_found_in_bundled_seed(qset):
    seed = _strip_ws(SEED_PATH.read_text(encoding="utf-8"))
    n = 0
    for q in _in_scope(qset):
        quotes = [g["quote"] for g in q["gold"] if g["source"] == SEED_NAME]
        for quote in quotes:
            n += 1
            assert not re.search(r"[\s„‟]", quote), f"{q['id']}: quote has whitespace or „‟"
            assert len(CJK.findall(quote)) >= 8 and len(quote) <= 30, f"{q['id']}: quote length"
            assert _strip_ws(quote) in seed, f"{q['id']}: quote not in seed: {quote}"
        if quotes:
            context = "".join(seed[max(0, seed.find(x) - 40) : seed.find(x) + len(x) + 40] for x in quotes)
            for term in q["answer_terms"]:
                assert _norm(term) in _norm(context), f"{q['id']}: answer term {term!r} not near quote"
    assert n >= QUESTION_SETS[qset][1]


# --------------------------------------------------------------------------- law corpus (shared)

_ART_START = re.compile(r"^(第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)[\s\u3000]")


@cache
def _articles(name: str) -> dict[str, str]:
    arts: dict[str, str] = {}
    current = None
    for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
        m = _ART_START.match(line)
        if m:
            current = m.group(1)
            arts[current] = line
        elif line.startswith("#"):
            current = None
        elif current and line.strip():
            arts[current] += "\n" + line
    return arts


@pytest.mark.shared
@needs_corpus
@each_set
def test_law_gold_articles_exist_and_contain_answer_terms(qset):
    law_files = set()
    for q in _in_scope(qset):
        texts = []
        for g in q["gold"]:
            if g["source"] == SEED_NAME:
                continue
            law_files.add(g["source"])
            assert (CORPUS / g["source"]).is_file(), f"{q['id']}: missing file {g['source']}"
            arts = _articles(g["source"])
            assert g["article"] in arts, f"{q['id']}: {g['article']} not in {g['source']}"
            texts.append(arts[g["article"]])
        if texts:
            for term in q["answer_terms"]:
                assert any(_norm(term) in _norm(t) for t in texts), (
                    f"{q['id']}: answer term {term!r} not in any gold article"
                )
    assert len(law_files) >= QUESTION_SETS[qset][2], f"gold spread over only {len(law_files)} law files"


@pytest.mark.shared
@needs_corpus
def test_law_sources_listed_in_manifest():
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        pytest.skip("MANIFEST.tsv absent")
    rows = manifest.read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    col = header.index("file")
    listed = {r.split("\t")[col] for r in rows[1:] if r.strip()}
    used = {
        g["source"]
        for qset in QUESTION_SETS
        for q in _in_scope(qset)
        for g in q["gold"]
        if g["source"] != SEED_NAME
    }
    assert used <= listed, sorted(used - listed)
