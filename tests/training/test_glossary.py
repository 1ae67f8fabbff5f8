"""The glossary's other names: the bundled synonym table's and what a document declares; a term no
document defines under its own name is defined by the one of its other names that a document does."""

from __future__ import annotations

from tests.knowledge.helpers import make_doc
from training.corpus import Corpus
from training.glossary import Glossary


def _corpus(declare: bool) -> Corpus:
    said = "（以下统称协商代表）" if declare else ""
    return Corpus.from_documents(
        [
            make_doc(
                "mem://rules",
                "集体合同规定",
                [
                    (
                        "第二十条",
                        f"本规定所称集体协商代表{said}，是指按照法定程序产生并有权代表本方利益进行集体协商的人员。",
                    ),
                    ("第二十一条", "职工一方的协商代表由本单位工会选派。"),
                ],
                doc_type="部门规章",
            )
        ]
    )


def test_a_declared_short_name_is_shown_and_defined_by_the_full_one():
    entry = Glossary(_corpus(declare=True), synonyms=[]).entry("协商代表")
    assert entry.aliases == ("集体协商代表",)
    assert entry.named == "协商代表（又称：集体协商代表）"
    assert entry.definition is not None and entry.definition.startswith("本规定所称集体协商代表")
    assert entry.source is not None and entry.source.article == "第二十条"


def test_without_the_declaration_the_term_stays_undefined():
    entry = Glossary(_corpus(declare=False), synonyms=[]).entry("协商代表")
    assert (entry.aliases, entry.definition, entry.shown) == ((), None, "未在文件中定义")


def test_the_synonym_tables_group_is_shown_as_other_names():
    glossary = Glossary(_corpus(declare=False), synonyms=[["职工代表大会", "职代会"]])
    assert glossary.entry("职代会").named == "职代会（又称：职工代表大会）"
    assert glossary.entry("集体合同").aliases == ()
