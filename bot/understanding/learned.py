"""A second, learned reader of intents: naive Bayes over the character n-grams of labelled messages.

The rules (`intents.py`) weigh kinds of words, and every blind set showed phrasings they had no class for
(能不能给我个使用说明, 第三个竞赛删掉, 要一份登记库的文件版). Labelled messages carry those phrasings
whole: the shipped examples (`data/intent_examples.tsv`, about 2,000 messages that cadre-like writers typed
for the spent blind sets, built by `bench/intent_examples.py`) train a multinomial model in a few
milliseconds when first needed, with no weights to download and nothing but the standard library.

`settle` joins the two readings. The rules decide alone when one intent is clearly ahead (a margin of 2:
a command, a registry verb with its facts, the topic words of a question that the examples would pull
elsewhere: 下载的文件打不开咋办 is no export). Otherwise the rules' scores (as a softmax) and the model's
posterior are averaged, the rules weighing more. The model's log-likelihoods are tempered by a quarter of
the message's n-gram count, since overlapping n-grams are far from independent and an untempered
posterior is 0 or 1. Where the model overrules the rules by a small margin, the rules' choice is offered
beside it (the engine asks with buttons). The weights were chosen leave-one-set-out over the spent sets,
before the next blind set was written.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from bot.understanding.intents import Scored
from bot.understanding.model import Intent

EXAMPLES = Path(__file__).parent / "data" / "intent_examples.tsv"
NGRAMS = (1, 2, 3)
SMOOTHING = 0.3  # additive smoothing of the n-gram counts (chosen leave-one-set-out on the spent sets)
RULES_SURE = 1.0  # the rules' confidence (0.5 + margin / 4) at which they decide alone: a margin of 2
RULES_TEMPERATURE = 2.0  # of the softmax over the rules' scores (a margin of 2 is e to 1)
MODEL_WEIGHT = 0.3  # the model's share of the joint reading
PER_GRAMS = 4  # the posterior's temperature: a quarter of the message's n-gram count (at least 1)
KNOWN = 0.5  # the share of a message's 2- and 3-grams the examples must know for the model to have an opinion
CLOSE = 0.2  # a model overruling the rules by less than this joint margin offers the rules' choice too


class IntentReader(Protocol):
    def posterior(self, text: str) -> dict[Intent, float]: ...


def features(text: str) -> set[str]:
    """The message's character 1- to 3-grams, without spaces, lower-cased, every digit run one 0."""
    s = re.sub(r"\d+", "0", re.sub(r"\s+", "", text).lower())
    return {s[i : i + n] for n in NGRAMS for i in range(len(s) - n + 1)}


class NaiveBayes:
    """Multinomial naive Bayes over set-of-n-gram features (each n-gram counts once per message)."""

    def __init__(self, examples: Iterable[tuple[str, Intent]], smoothing: float = SMOOTHING) -> None:
        self.prior: Counter[Intent] = Counter()
        self.counts: dict[Intent, Counter[str]] = {}
        vocabulary: set[str] = set()
        for text, intent in examples:
            grams = features(text)
            self.prior[intent] += 1
            self.counts.setdefault(intent, Counter()).update(grams)
            vocabulary |= grams
        if not self.prior:
            raise ValueError("no examples to learn intents from")
        self.smoothing = smoothing
        self.vocabulary = frozenset(vocabulary)
        self.size = len(vocabulary)
        self.totals = {i: sum(c.values()) for i, c in self.counts.items()}
        self.messages = sum(self.prior.values())

    def log_likelihoods(self, text: str) -> dict[Intent, float]:
        grams = features(text)
        out = {}
        for intent, counts in self.counts.items():
            denominator = self.totals[intent] + self.smoothing * self.size
            out[intent] = math.log(self.prior[intent] / self.messages) + sum(
                math.log((counts[g] + self.smoothing) / denominator) for g in grams
            )
        return out

    def posterior(self, text: str) -> dict[Intent, float]:
        """Each intent's probability; no opinion (all equal) on a message most of whose n-grams no example
        has (asdf, a line of another language): the smoothing alone would decide it."""
        grams = features(text)
        longer = [g for g in grams if len(g) > 1]  # a single character says little: every one is known
        if not longer or sum(g in self.vocabulary for g in longer) < KNOWN * len(longer):
            return dict.fromkeys(self.counts, 1 / len(self.counts))
        return softmax(self.log_likelihoods(text), max(1.0, len(grams) / PER_GRAMS))


def softmax(values: dict[Intent, float], temperature: float) -> dict[Intent, float]:
    top = max(values.values())
    weights = {i: math.exp((v - top) / temperature) for i, v in values.items()}
    total = sum(weights.values())
    return {i: w / total for i, w in weights.items()}


def load_examples(path: Path = EXAMPLES) -> list[tuple[str, Intent]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            intent, text = line.split("\t", 1)
            out.append((text, Intent(intent)))
    return out


@lru_cache(maxsize=1)
def shipped() -> NaiveBayes:
    """The model of the shipped examples, trained once per process (about 50 ms)."""
    return NaiveBayes(load_examples())


def settle(scored: Scored, text: str, reader: IntentReader) -> Scored:
    """The rules' reading when they are sure; otherwise the joint reading of their scores (as `classify`
    returned them) and the learned posterior."""
    if scored.confidence >= RULES_SURE:
        return scored
    rules = softmax(dict(scored.scores), RULES_TEMPERATURE)
    model = reader.posterior(text)
    joint = {i: (1 - MODEL_WEIGHT) * rules[i] + MODEL_WEIGHT * model.get(i, 0.0) for i in rules}
    (best, top), (_, second) = sorted(joint.items(), key=lambda kv: kv[1], reverse=True)[:2]
    if best is scored.intent:
        return scored
    return Scored(best, round(top, 2), (scored.intent,) if top - second < CLOSE else ())
