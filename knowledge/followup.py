"""Follow-up questions: an elliptical question is rewritten into a standalone one before retrieval.

`那女职工呢？` after `每天最多能加几个小时班？` means `女职工每天最多能加几个小时班？`; given alone, the retriever
finds generic women-worker articles. A question that names its own topic is left alone, so a change of
subject (`工会经费按什么比例拨缴？` after the overtime question) is searched as it was typed.

The rule-based rewriter (the default, offline) reads a question with the knowledge base's analyzer:
- `X呢` (`那女职工呢`, `要是流产了呢`, `那签一年的呢`): X is a new condition for the previous question; it
  replaces the previous question's number of the same unit (`签三年` → `签一年`) or is put in front of it;
- an anaphor (`这个`, `这期间`, `这边`) stands for the previous question's topic, which takes its place;
- a question without a topic of its own (`最长能休多久？`, `企业拖着不交怎么办？`, `要交哪些材料？`) gets the
  previous topic;
- anything else names its own topic and is searched as typed. Switches must never lose their answer, so
  a question with a topic word is never merged, even when it may be a detail of the previous topic
  (`能约定试用期吗？` after a question about 非全日制用工): measured on the tuning set, telling those apart by
  how often the documents hold both topics changed one self-contained question in ten.
The topic of a question is its nouns that the documents know and that are neither generic (单位, 职工)
nor aspects of a topic (材料, 期限, 费用), from the analyzer's segmentation and, when a knowledge base is
there, its index; a longer question whose only content is a specific verb (`…单位能辞退吗？`) has one too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from knowledge.analysis import Analyzer

if TYPE_CHECKING:
    import numpy as np

MAX_HISTORY = 4  # previous questions that can carry a topic; older ones are ignored
MAX_FOLLOWUP_CHARS = 40  # a longer message tells its own story

# connectives that open a follow-up and carry no content ("那", "要是", "那如果" …)
_LEAD = re.compile(
    r"^(那么|那要是|那如果|那假如|那|要是|如果|假如|假设|万一|若是|还有|另外|对了|顺便问一下|再问一下)[，,、\s]*"
)
_NOT_LEAD = re.compile(r"^那(个|些|种|样|里|边|时|会|么多)")
_END_PUNCT = "？?。.!！~～ 　，,"
_QUESTION_WORDS = (
    "什么",
    "啥",
    "怎么",
    "怎样",
    "如何",
    "为什么",
    "为啥",
    "哪",
    "几",
    "多少",
    "多久",
    "多长",
    "谁",
    "吗",
    "是否",
    "能否",
    "能不能",
    "可不可以",
    "有没有",
    "要不要",
    "是不是",
    "算不算",
    "会不会",
)
# words that stand for something said before
ANAPHORA = frozenset(
    "这 这个 这些 这种 这样 这项 这条 这笔 这次 这事 这个事 这方面 这期间 那个 那些 那种 那样 "
    "它 它们 其 上述 此 此事 前面说的 刚才说的 上面说的".split()
)
# parts of speech that can name a topic: nouns, verbal nouns, abbreviations, idioms, user-dictionary words
_TOPIC_POS = ("n", "vn", "nz", "nt", "nr", "ns", "j", "l", "i", "x", "eng")
# nouns every question has; they never make a topic on their own
GENERIC = frozenset(
    "单位 用人单位 企业 公司 职工 员工 劳动者 工人 人 人员 大家 别人 对方 自己 钱 费用 工作 时间 时候 情况 问题 "
    "规定 标准 结果 要求 期间 事情 事 办法 方面 条件 东西 地方 部门 活 天 年 月 日 小时 次 方 这边 那边 "
    "怎么办 多长时间 长时间 法律 法规 政策 国家 文件 哪里 哪儿 才能".split()
)
# nouns that name an aspect of a topic rather than a topic: a question with only these still leans on the
# previous one (要交哪些材料？ 期限多久？ 费用谁出？ 工资特别高的有上限吗？); compounds such as 职业健康检查,
# 工伤认定, 拖欠工资 are single words and stay topics
ASPECTS = frozenset(
    "材料 期限 时限 期间 日期 时间 标准 比例 条件 程序 手续 流程 待遇 费用 金额 数额 上限 下限 年限 天数 次数 "
    "人数 范围 对象 责任 后果 处罚 罚款 赔偿 结果 方式 办法 依据 区别 意思 定义 内容 形式 工资 报酬 奖励 补贴 "
    "资格 权利 义务 检查 审查 审批 登记 备案 证明 地点 机构".split()
)
# a topic word must be this specific in the documents (IDF over passages): 单位 0.8, 劳动 0.8, 工会 1.4,
# 集体合同 2.1, 滞纳金 5.8. The documents are about 工会 and 集体合同, so these are frequent and still topics.
MIN_TOPIC_IDF = 1.0
# a verb is part of the topic carried to a follow-up when it is this specific: 拨缴 5.1, 罢免 4.2, 不服 4.4,
# 登记 3.9, 裁决 3.7 — not 申请 2.9, 开展 3.0, 提出 2.6
MIN_VERB_IDF = 3.5
# ... and makes a question of at least this many characters self-contained (辞退 5.6, 续签 7.3, 补缴 6.4)
MIN_OWN_VERB_IDF = 4.5
MIN_VERB_QUESTION_CHARS = 12
# IDF says little over a handful of passages (every word is frequent in three): below this many, any
# word the documents hold counts
MIN_PASSAGES_FOR_IDF = 100
_NUMBER = r"[0-9０-９]+|[零〇一二两三四五六七八九十百千半]+"
_QUANTITY = re.compile(rf"({_NUMBER})\s*(个月|周岁|年|个?小时|天|日|个?人|次|倍|周|岁|元)")


@dataclass(frozen=True)
class Standalone:
    """How a question is understood: its standalone text, whether that differs from what was typed, and
    who rewrote it ("rule", "llm"; "" when unchanged)."""

    text: str
    changed: bool
    by: str = ""


class Rewriter(Protocol):
    def rewrite(self, question: str, history: Sequence[str]) -> Standalone:
        """`question` as a standalone question, given the previous questions (oldest first)."""
        ...


class TermStats(Protocol):
    """What the documents say about words: whether they hold a word, and how specific it is."""

    @property
    def size(self) -> int:
        """Passages."""
        ...

    def idf(self, term: str) -> float | None:
        """IDF over passages, None for a word no passage holds."""
        ...


class ScoredIndex(Protocol):
    """What IndexStats reads of a lexical index: its passage count and the BM25 scores of terms."""

    def __len__(self) -> int: ...

    def scores(self, terms: dict[str, float]) -> tuple[list[str], np.ndarray]: ...


class IndexStats:
    """TermStats over a lexical index (knowledge.lexical.LexicalIndex), read at each call so documents
    ingested later count."""

    def __init__(self, index: Callable[[], ScoredIndex]) -> None:
        self._index = index

    @property
    def size(self) -> int:
        return len(self._index())

    def _rows(self, term: str) -> np.ndarray:
        _, scores = self._index().scores({term: 1.0})
        return scores > 0

    def idf(self, term: str) -> float | None:
        rows = self._rows(term)
        held = int(rows.sum())
        if not held:
            return None
        return math.log1p((len(rows) - held + 0.5) / (held + 0.5))


def _strip_end(text: str) -> str:
    return text.strip().rstrip(_END_PUNCT).strip()


def _strip_lead(text: str) -> str:
    if _NOT_LEAD.match(text):
        return text
    return _LEAD.sub("", text, count=1)


def has_question_word(text: str) -> bool:
    return any(w in text for w in _QUESTION_WORDS)


class RuleRewriter:
    """The default rewriter: rules over the analyzer's segmentation, and the documents' statistics when
    given (a knowledge base passes its lexical index)."""

    def __init__(self, analyzer: Analyzer, *, stats: TermStats | None = None) -> None:
        self.analyzer = analyzer
        self.stats = stats

    # -- reading a question ------------------------------------------------------------------------
    def topic(self, text: str, *, carried: bool = False) -> list[str]:
        """The words that say what `text` is about, in order: nouns the documents know, neither generic
        nor aspects. A topic `carried` to a follow-up also keeps aspects and specific verbs (社保登记,
        拨缴工会经费): they make the carried topic precise but do not make a question self-contained
        (`不办的话怎么罚` still needs its object)."""
        out: list[str] = []
        for word, pos in self.analyzer.tagged_words(text):
            w = word.lower()
            if len(w) < 2 or w in GENERIC or w in ANAPHORA or w in self.analyzer.stopwords:
                continue
            if w in ASPECTS and not carried:
                continue
            if has_question_word(w):
                continue
            noun = pos.startswith(_TOPIC_POS)
            if not noun and not (carried and self.stats is not None and pos.startswith("v")):
                continue
            if self.stats is not None:
                # a colloquial word (社保) counts as known when the documents hold one of its synonyms
                known = [i for i in map(self.stats.idf, self._synonyms(w)) if i is not None]
                if not known:
                    continue
                if self.stats.size >= MIN_PASSAGES_FOR_IDF and max(known) < (
                    MIN_TOPIC_IDF if noun else MIN_VERB_IDF
                ):
                    continue
            if w not in out:
                out.append(w)
        return out

    def _asks(self, text: str) -> bool:
        """Something a question can lean on or be: it asks, or it names a topic."""
        core = _strip_end(text)
        if not core or not self.analyzer.query_terms(core):
            return False
        return text.strip().endswith(("？", "?", "呢")) or has_question_word(core) or bool(self.topic(core))

    def _complete_with_verb(self, core: str) -> bool:
        """A longer question whose content is a specific verb (辞退, 续签, 补缴) says what it is about;
        a short one (`要在几天之内去起诉？`) still leans on what was said before."""
        if self.stats is None or len(core) < MIN_VERB_QUESTION_CHARS:
            return False
        for word, pos in self.analyzer.tagged_words(core):
            idf = self.stats.idf(word) if pos.startswith("v") and len(word) >= 2 else None
            if idf is not None and idf >= MIN_OWN_VERB_IDF:
                return True
        return False

    def _synonyms(self, word: str) -> list[str]:
        return [word, *(m for g in self.analyzer.synonym_groups if word in g for m in g if m != word)]

    # -- rewriting ---------------------------------------------------------------------------------
    def rewrite(self, question: str, history: Sequence[str]) -> Standalone:
        previous = None
        for earlier in list(history)[-MAX_HISTORY:]:
            if not earlier or not earlier.strip():
                continue
            resolved = self._one(earlier, previous).text if previous else earlier.strip()
            if self._asks(resolved):  # "好的", "谢谢" carry nothing forward
                previous = resolved
        return self._one(question, previous) if previous else Standalone(question, False)

    def _one(self, question: str, previous: str) -> Standalone:
        typed = question.strip()
        core = _strip_end(_strip_lead(typed))
        if len(core) > MAX_FOLLOWUP_CHARS or not self._asks(typed):
            return Standalone(question, False)  # a story of its own, or no question ("你好", "好的")
        before = _strip_end(previous)
        prev_topic = self.topic(before, carried=True)
        if core.endswith("呢"):
            condition = _strip_end(core[:-1].removesuffix("的话"))
            if condition and not has_question_word(condition):
                return self._changed(self._with_condition(condition, before))
        words = [w for w, _ in self.analyzer.tagged_words(core)]
        if any(w in ANAPHORA for w in words):
            return self._changed(self._resolve_anaphor(words, prev_topic or [before], core))
        if self.topic(core) or self._complete_with_verb(core):
            return Standalone(question, False)  # it names its own topic
        return self._changed(self._with_topic(prev_topic or [before], core))

    @staticmethod
    def _changed(text: str) -> Standalone:
        return Standalone(text.rstrip(_END_PUNCT) + "？", True, "rule")

    @staticmethod
    def _with_condition(condition: str, before: str) -> str:
        """`签一年的` + `劳动合同签三年，试用期最长多久` → `劳动合同签一年，试用期最长多久`;
        `女职工` + `每天最多能加几个小时班` → `女职工，每天最多能加几个小时班`."""
        new = _QUANTITY.search(condition)
        if new:
            for old in _QUANTITY.finditer(before):
                if old.group(2) == new.group(2):
                    return before[: old.start()] + new.group(0) + before[old.end() :]
        joint = "" if condition.endswith("的") else "，"
        return condition + joint + before

    @staticmethod
    def _with_topic(topic: list[str], core: str) -> str:
        words = [t for t in topic if t not in core and not any(t in u for u in topic if u != t)]
        return "".join(words) + "，" + core if words else core

    @staticmethod
    def _resolve_anaphor(words: list[str], topic: list[str], core: str) -> str:
        """The first anaphor becomes the previous topic; later ones are dropped."""
        name = "".join(t for t in topic if t not in core and not any(t in u for u in topic if u != t))
        out, done = [], False
        for w in words:
            if w in ANAPHORA:
                if not done:
                    out.append(name)
                    done = True
                continue
            out.append(w)
        return "".join(out)


def rewrite(question: str, history: Sequence[str], *, analyzer: Analyzer | None = None) -> Standalone:
    """Rule-based rewrite without a knowledge base (no document statistics)."""
    return RuleRewriter(analyzer or Analyzer()).rewrite(question, history)
