"""Properties of every generated item over the shipped samples (and the shared corpus when present),
checked against the source files' own text, not through the generator's verifier."""

from __future__ import annotations

import re
from pathlib import Path

from training.corpus import Corpus, squash
from training.model import ItemKind
from training.quiz import Generator
from training.verify import BLANK, body

from .conftest import SAMPLES

MAX_SHARED_FILES = 41  # the whole shared corpus is ~0.9 MB: generation over it takes a few seconds


def _raw_texts(paths) -> str:
    # the files as written (markdown marks and all), squashed: a false statement must be in none
    return "\n".join(squash(Path(p).read_text(encoding="utf-8", errors="replace")) for p in paths)


def _check_all(corpus: Corpus, raw: str) -> dict[ItemKind, int]:
    generator = Generator(corpus)
    kinds = dict.fromkeys(ItemKind, 0)
    questions = set()
    for doc in corpus.docs:
        items = generator.generate(doc.passages)
        for item in items:
            kinds[item.kind] += 1
            quote = squash(item.source.quote)
            text = squash(body(item.question)).strip("“”")
            doc_text = "".join(squash(p.text) for p in doc.passages)
            assert quote and quote in doc_text, item
            assert item.source.title == doc.title and item.source.doc_id == doc.id
            if item.kind in (ItemKind.CLOZE, ItemKind.CHOICE):
                assert squash(item.answer) in quote, item
                assert squash(text.replace(BLANK, item.answer)) in quote, item
            if item.kind is ItemKind.CHOICE:
                # three choices of the same scale rather than four with an absurd one (second blind review)
                assert len(set(map(squash, item.options))) == len(item.options) >= 3, item
                assert list(item.options).count(item.answer) == 1, item
                for wrong in item.options:
                    if wrong != item.answer:
                        assert squash(text.replace(BLANK, wrong)) not in raw, item
            if item.kind is ItemKind.JUDGE:
                assert (text in quote) is item.answer, item
                if item.answer is False:
                    assert text not in raw, item
            if item.kind is ItemKind.ORDER:
                positions = [quote.find(squash(s)) for s in item.answer]
                assert -1 not in positions and positions == sorted(positions), item
                assert sorted(item.options) == sorted(item.answer) and tuple(item.options) != item.answer
            key = (doc.id, squash(item.question))
            assert key not in questions, item
            questions.add(key)
    return kinds


def test_every_item_over_the_samples_stands_in_its_source(sample_corpus):
    kinds = _check_all(sample_corpus, _raw_texts(sorted(SAMPLES.iterdir())))
    assert all(kinds[k] > 0 for k in ItemKind), kinds
    # the third and fourth review rounds' rules (context, one blank, same scale; give-aways, stale values,
    # no true/false beside exceptions) keep fewer, better items
    assert sum(kinds.values()) > 100, kinds


def test_every_item_over_the_shared_corpus_stands_in_its_source(shared_dir):
    files = sorted(p for p in (shared_dir / "corpus").iterdir() if p.suffix in (".md", ".txt"))[
        :MAX_SHARED_FILES
    ]
    corpus = Corpus.from_files(files)
    kinds = _check_all(corpus, _raw_texts(files))
    assert sum(kinds.values()) > 400, kinds


def test_the_seed_example_is_generated(sample_corpus):
    doc = sample_corpus.find("工会法")
    items = Generator(sample_corpus).generate([p for p in doc.passages if p.article == "第十一条"])
    cloze = [i for i in items if i.kind is ItemKind.CLOZE and i.answer == "二十五"]
    assert cloze and "会员____人以上的，应当建立基层工会委员会" in cloze[0].question
    assert cloze[0].source.article == "第十一条"
    false = [i for i in items if i.kind is ItemKind.JUDGE and i.answer is False]
    assert false and all("二十五人以上" not in i.question for i in false)


def test_quantities_inside_longer_numerals_are_not_cut(sample_corpus):
    # 四小时 inside 二十四小时 (劳动合同法 第六十八条) must stay whole
    generator = Generator(sample_corpus)
    doc = sample_corpus.find("劳动合同法")
    items = generator.generate([p for p in doc.passages if p.article == "第六十八条"])
    assert items
    assert not any(re.search(r"[一二三四五六七八九十]____", i.question) for i in items if i.answer == "四")
