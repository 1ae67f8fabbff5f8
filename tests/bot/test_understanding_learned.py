"""The learned reader of intents (naive Bayes over character n-grams) and how it joins the rules."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from bot.understanding.intents import classify
from bot.understanding.learned import NaiveBayes, features, load_examples, settle
from bot.understanding.model import Intent
from bot.understanding.rules import RuleUnderstander

TODAY = date(2026, 12, 2)
EXAMPLES = [
    ("把登记库导出成表格", Intent.EXPORT),
    ("导出全部竞赛的表格", Intent.EXPORT),
    ("给我一份竞赛表格", Intent.EXPORT),
    ("工会经费怎么交", Intent.QUESTION),
    ("工会法第十一条怎么规定", Intent.QUESTION),
    ("女职工产假多少天", Intent.QUESTION),
]


def test_features_are_character_ngrams_with_digits_folded():
    assert {"2", "7", "20", "02", " "}.isdisjoint(features("2027年 3月"))
    assert {"0", "0年", "年0", "0月", "0年0"} <= features("2027年 3月")


def test_the_model_learns_which_ngrams_go_with_which_intent():
    model = NaiveBayes(EXAMPLES)
    posterior = model.posterior("表格导出一下")
    assert max(posterior, key=posterior.get) is Intent.EXPORT
    assert abs(sum(posterior.values()) - 1) < 1e-9
    posterior = model.posterior("工会经费怎么规定")
    assert max(posterior, key=posterior.get) is Intent.QUESTION


def test_a_message_of_unknown_ngrams_gets_no_opinion():
    posterior = NaiveBayes(EXAMPLES).posterior("xyzzy plugh")
    assert len(set(posterior.values())) == 1


def test_no_examples_is_an_error():
    with pytest.raises(ValueError):
        NaiveBayes([])


def test_the_shipped_examples_cover_every_intent():
    counts = Counter(intent for _, intent in load_examples())
    assert set(counts) == set(Intent) and min(counts.values()) >= 100


class _Says:
    """A second reader: always sure of one intent (so the test shows who decides)."""

    def __init__(self, intent: Intent, p: float = 1.0) -> None:
        self.intent, self.p = intent, p

    def posterior(self, text: str) -> dict[Intent, float]:
        rest = (1 - self.p) / (len(Intent) - 1)
        return {i: self.p if i is self.intent else rest for i in Intent}


def test_sure_rules_decide_alone():
    text = "导出全部竞赛的表格"
    scored = classify(text, today=TODAY)
    assert scored.confidence >= 1.0 and scored.intent is Intent.EXPORT
    assert settle(scored, text, _Says(Intent.HELP)) is scored


def test_unsure_rules_are_joined_with_the_model():
    text = "第三个竞赛删掉"
    scored = classify(text, today=TODAY)
    assert scored.confidence < 1.0
    agreed = settle(scored, text, _Says(scored.intent))
    assert agreed is scored
    other = next(i for i in (Intent.EXPORT, Intent.MY) if i is not scored.intent)
    overruled = settle(scored, text, _Says(other))
    assert overruled.intent is other
    # a model of no opinion leaves the rules' reading
    assert settle(scored, text, _Says(Intent.HELP, p=1 / len(Intent))).intent is scored.intent


def test_a_close_overrule_offers_the_rules_choice_as_a_button():
    """The rules lean to a question (…吗), the shipped examples to a record: the engine asks which."""
    text = "我们厂开了动员会吗"
    scored = classify(text, today=TODAY)
    assert scored.intent is Intent.QUESTION and scored.confidence < 1.0
    out = RuleUnderstander().understand(text, today=TODAY)
    assert (out.intent, out.alternatives) == (Intent.ACTIVITY, (Intent.QUESTION,))


def test_the_understander_takes_a_second_reader_or_none():
    text = "第三个竞赛删掉"
    rules_only = RuleUnderstander(learned=None).understand(text, today=TODAY).intent
    assert rules_only is classify(text, today=TODAY).intent
    other = next(i for i in (Intent.EXPORT, Intent.MY) if i is not rules_only)
    assert RuleUnderstander(learned=_Says(other)).understand(text, today=TODAY).intent is other
