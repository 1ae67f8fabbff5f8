"""Quiz items made from passages, never from memory: cloze on quantities and terms, true/false with one
quantity changed, single choice with the corpus's other values of the same kind, ordering of listed
procedure steps. Each candidate passes training.verify before it is returned."""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from knowledge.definitions import plain
from knowledge.llm.quantities import chinese_value
from training import caveats
from training.corpus import Corpus, Passage, squash
from training.leads import in_list, in_setting, lead, source
from training.model import ItemKind, QuizItem
from training.quantities import Kind, Quantity, chinese, false_side, numeric, quantities, range_start
from training.scale import beside, counts_the_list, in_series, plausible
from training.selection import apart, pick
from training.sentences import sentences, whole_sentences
from training.standalone import (
    context,
    gives_away,
    is_contrast,
    is_statistic,
    off_scope,
    opens_back,
    stands_alone,
)
from training.terms import UNION_TERMS
from training.verify import BLANK, JUDGE_OPTIONS, duplicates, problems

_QUOTED = re.compile(r"“([^”]{2,8})”")
_DEFINED = re.compile(r"所称(?:的)?([^，,。；（(]{2,12})(?:[（(][^）)]*[）)])?[，,]?是指")
_STEP = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.+?)[；;。]?$")
_PROCEDURE = re.compile(r"(程序|步骤)")
MIN_SENTENCE = 12
_KIND_TURN = {ItemKind.CLOZE: 0, ItemKind.ORDER: 0, ItemKind.CHOICE: 1, ItemKind.JUDGE: 2}
MAX_STEM = 120
_INCOMPLETE = re.compile(r"(?:[：:]|的[。；;]?)$")
_LIST_MARK = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*")


def _seed(text: str) -> random.Random:
    return random.Random(int(hashlib.sha256(text.encode()).hexdigest()[:12], 16))


# the next sentence takes an exception out of this one's rule (sixth blind review)
_EXCEPTED = re.compile(r"^\s*(?:但是|但)[，,]?[^。]*(?:除外|不受|不适用|可以)")


class Generator:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._values: dict[Kind, list[int]] = defaultdict(list)
        for passage in corpus.passages():
            for sentence in sentences(passage.text):
                for q in quantities(sentence):
                    self._values[q.kind].append(q.value)
        self._values = {k: sorted(set(v)) for k, v in self._values.items()}
        # the documents with numerals as digits: a changed value another document states for the same
        # thing (九十八天的产假 ~ 98天产假) is no plainly false statement
        self._numeric = "\n".join(numeric(p.text) for p in corpus.passages())
        self._stated = caveats.stated(corpus.passages())

    # -- per passage ---------------------------------------------------------------------------------
    def candidates(self, passage: Passage) -> list[QuizItem]:
        out: list[QuizItem | None] = []  # a generator returns None when a sentence gives no item
        if not self.corpus.in_force(passage.doc_id):
            return []  # a repealed or replaced document: its amounts and time limits may be outdated
        doc = self.corpus.get(passage.doc_id)
        if doc is None or caveats.off_scope_doc(passage.title, doc.passages):
            return []  # 全民所有制工业企业法, 宪法: no non-public enterprise's union applies them
        around = caveats.neighbours(doc.passages, passage)
        intro: str | None = None
        units = whole_sentences(passage.text)
        # a later sentence of an article leans on its first one (被驳回起诉的… after 终局裁决…; which
        # 合同, which 月平均工资): it carries that sentence in its lead, or is no question
        setting = context(units[0]) if len(units) > 1 else None
        if units and off_scope(units[0]):
            return []  # an article on a state organ or the union's national bodies (宪法 第六十条)
        for n, sentence in enumerate(units):
            item_of = intro if _LIST_MARK.match(sentence) else None
            if not _LIST_MARK.match(sentence):
                intro = sentence.rstrip("：:") if sentence.endswith(("：", ":")) else None
            if (
                len(sentence) < MIN_SENTENCE
                or not stands_alone(passage.text, sentence)
                or off_scope(sentence)
                or caveats.federation_rule(sentence)
                or caveats.transitional(sentence)
                or caveats.cites_another_article(sentence)
            ):
                continue
            if n > 0 and item_of is None and (setting is None or is_contrast(sentence)):
                continue
            if n > 1 and item_of is None:
                continue  # the first sentence as its setting would skip the one between, which may hold the case
            if n > 0 and item_of is None and units[n - 1].endswith(("；", ";")):
                continue  # a later clause of a long sentence: its setting is the clause before, not shown
            made: list[QuizItem | None] = []
            if not is_statistic(sentence):
                for stem in stems(sentence):
                    made += self._about_quantities(passage, sentence, stem)
            made.append(self._term_cloze(passage, sentence))
            if caveats.has_exceptions(sentence, passage.text, around):
                made = [i for i in made if i is None or i.kind is not ItemKind.JUDGE]
            if n + 1 < len(units) and _EXCEPTED.match(units[n + 1]):
                made = []  # 期限应当不少于3年。但是，被特许人同意的除外: a blank would teach the rule as absolute
            if item_of is not None:
                out += in_list(made, passage, item_of)
            elif n > 0 and setting is not None:
                out += in_setting(made, passage, setting)
            else:
                out += made
        out.append(self._order(passage))
        return [item for item in out if item is not None]

    def _about_quantities(self, passage: Passage, sentence: str, stem: str) -> list[QuizItem | None]:
        qs = quantities(stem)
        out: list[QuizItem | None] = []  # a generator returns None when a sentence gives no item
        if caveats.stale(stem, qs, passage.doc_id, self._stated):
            return []  # 不少于九十天的产假 while another document fixes 98天产假: a stale number misleads
        for q in qs:
            if any(other.number == q.number and other.start < q.start for other in qs):
                continue  # the same numeral again: its first place stands for both
            if q.value == 1 and q.unit != "%":
                continue  # 每多生育__个婴儿, 选举组织员__人: the blank can only be one, it tests nothing
            if counts_the_list(stem, q):
                continue
            if in_series(q, qs):
                continue  # 七级…13个月，八级…11个月，九级…__个月，十级…7个月: the blank computes itself
            if _blank(stem, q).count(BLANK) != 1 or caveats.implied(stem, q):
                continue  # two blanks, one answer; or the stem gives it (年节约…__个月, 第4个月起)
            out.append(self._cloze(passage, sentence, stem, q))
            if not caveats.in_pair(stem, q):  # 三年或者__年: no distractor but the true one looks right
                out += [
                    self._choice(passage, sentence, stem, q, qs),
                    self._judge_false(passage, sentence, stem, q, qs),
                ]
        if qs:
            out.append(
                QuizItem(
                    0,
                    ItemKind.JUDGE,
                    lead(passage, "判断对错") + f"“{stem}”",
                    JUDGE_OPTIONS,
                    True,
                    source(passage, sentence),
                )
            )
        return out

    def _cloze(self, passage: Passage, sentence: str, stem: str, q: Quantity) -> QuizItem:
        text = _blank(stem, q)
        return QuizItem(
            0, ItemKind.CLOZE, lead(passage, "填空") + text, (), q.number, source(passage, sentence)
        )

    def _choice(
        self, passage: Passage, sentence: str, stem: str, q: Quantity, qs: list[Quantity]
    ) -> QuizItem | None:
        side = false_side(stem, q)
        if side is None:
            return None  # 不足__人的: a smaller value fills the blank as truly
        pool = self._pool(stem, q, qs, side)
        text = _blank(stem, q)
        numbers: list[str] = []
        for v in pool:
            number = _number(q, v)
            if number not in numbers and self._plainly_false(stem, q, v):
                numbers.append(number)
            if len(numbers) == 3:
                break
        if len(numbers) < 2:
            return None  # three choices of the same scale are better than four with an absurd one
        options = sorted([q.number, *numbers], key=_order_key)
        return QuizItem(
            0,
            ItemKind.CHOICE,
            lead(passage, "选择正确的一项填空") + text,
            tuple(options),
            q.number,
            source(passage, sentence),
        )

    def _judge_false(
        self, passage: Passage, sentence: str, stem: str, q: Quantity, qs: list[Quantity]
    ) -> QuizItem | None:
        side = false_side(stem, q)
        if side is None:
            return None
        for v in self._pool(stem, q, qs, side)[:8]:
            statement = stem[: q.start] + q.with_value(v) + stem[q.start + len(q.text) :]
            if self._plainly_false(stem, q, v):
                return QuizItem(
                    0,
                    ItemKind.JUDGE,
                    lead(passage, "判断对错") + f"“{statement}”",
                    JUDGE_OPTIONS,
                    False,
                    source(passage, sentence),
                )
        return None

    def _pool(self, stem: str, q: Quantity, qs: list[Quantity], side: int) -> list[int]:
        """Other values of the kind on the false side, the nearest on a log scale first (十, 五十, 一百
        around 二十五): they are the plausible ones."""
        taken = {other.value for other in qs if other.kind is q.kind}
        other_end = range_start(stem[: q.start])
        if other_end:  # 一般为三至十人: 三 bears no unit, yet it is the range's other end
            taken.add(other_end)
        if q.unit == "%" and q.value < 100:
            taken.add(100)  # 百分之九十以上的职工: a share of people stays below all of them
        # nor past another value of the stem (二倍以上五倍以下 → 三倍以上, not 二十倍以上五倍以下)
        low = max((t for t in taken if t < q.value), default=0)
        high = min((t for t in taken if t > q.value), default=math.inf)
        pool = [
            v
            for v in self._values.get(q.kind, [])
            if low < v < high and v not in taken and (v - q.value) * side >= 0 and plausible(q.value, v)
        ]
        return sorted(pool, key=lambda v: (abs(math.log(v) - math.log(q.value)), v))

    def _plainly_false(self, stem: str, q: Quantity, value: int) -> bool:
        """The stem with this value stands in no document, and no document gives this value for the
        same thing (the value with its unit and the two characters after it)."""
        end = q.start + len(q.text)
        if self.corpus.occurs(stem[: q.start] + q.with_value(value) + stem[end:]):
            return False
        if numeric(beside(stem, q, q.with_value(value))) in self._numeric:
            return False
        written = numeric(q.with_value(value))
        return not caveats.said_elsewhere(numeric(stem[: q.start]), written, self._numeric)

    def _term_cloze(self, passage: Passage, sentence: str) -> QuizItem | None:
        m = _DEFINED.search(sentence)
        term = m.group(1) if m else None
        if term is None:
            quoted = [t for t in _QUOTED.findall(sentence) if plain(t) in UNION_TERMS]
            term = quoted[0] if quoted else None
        if (
            not term
            or sentence.count(term) != 1
            or gives_away(term, passage.title, passage.name)
            or caveats.term_shown(term, sentence.replace(term, ""), passage.title)
            or len(sentence) > MAX_STEM
            or sentence.endswith(("：", ":"))
        ):
            return None
        text = sentence.replace(term, BLANK, 1)
        return QuizItem(
            0, ItemKind.CLOZE, lead(passage, "填写术语") + text, (), term, source(passage, sentence)
        )

    def _order(self, passage: Passage) -> QuizItem | None:
        lines = [line.strip() for line in passage.text.split("\n") if line.strip()]
        for n, line in enumerate(lines):
            if not _PROCEDURE.search(line) or not re.search(r"(进行|如下|下列程序|以下程序)[：:]?$", line):
                continue
            steps = []
            for follow in lines[n + 1 :]:
                m = _STEP.match(follow)
                if not m:
                    break
                steps.append(re.split(r"[。]", m.group(2))[0].rstrip("；;，,"))
            if len(steps) < 3 or len(steps) > 7 or _rules_not_steps(steps):
                continue
            quote = "\n".join(lines[n : n + 1 + len(steps)])
            options = list(steps)
            rng = _seed(quote)
            while options == steps:
                rng.shuffle(options)
            intro = re.sub(r"^第[零一二三四五六七八九十百千\d]+条\s*", "", line).rstrip("：:")
            return QuizItem(
                0,
                ItemKind.ORDER,
                lead(passage, "排出正确顺序") + f"{intro}。",
                tuple(options),
                tuple(steps),
                source(passage, quote),
            )
        return None

    # -- many passages -------------------------------------------------------------------------------
    def generate(
        self, passages: Sequence[Passage], *, n: int | None = None, one_per_sentence: bool = False
    ) -> list[QuizItem]:
        """Verified, distinct items spread over the passages: round by round each passage gives one item,
        a sentence not asked about yet first, the kinds in turn; so a short quiz covers many articles
        and two questions on the same sentence stand far apart. A course takes one item per sentence
        (a cloze and a true/false on the same words ask the same thing twice), the kinds taking turns."""
        queues = []
        turn = 0
        for passage in passages:
            by_quote: dict[str, list[QuizItem]] = defaultdict(list)
            for item in self.verified(self.candidates(passage)):
                by_quote[item.source.quote].append(item)
            groups = [sorted(g, key=lambda i: _KIND_TURN[i.kind]) for g in by_quote.values()]
            if one_per_sentence:
                picked = []
                for group in groups:
                    picked.append([pick(group, turn)])
                    turn += 1
                groups = picked
            queue = [g[r] for r in range(max(map(len, groups), default=0)) for g in groups if r < len(g)]
            queues.append(queue)
        out: list[QuizItem] = []
        for r in range(max(map(len, queues), default=0)):
            out += [q[r] for q in queues if r < len(q)]
        dup = duplicates(out)
        out = [item for k, item in enumerate(out) if k not in dup]
        if one_per_sentence:
            out = apart(out)
        return out if n is None else out[:n]

    def verified(self, items: Iterable[QuizItem]) -> list[QuizItem]:
        kept = [item for item in items if not problems(item, self.corpus)]
        dup = duplicates(kept)
        return [item for n, item in enumerate(kept) if n not in dup]


_ABOUT_BEFORE = re.compile(r"\s*对[^，,。；;]{0,20}的[，,]")


def stems(sentence: str) -> list[str]:
    """What a question about a quantity shows: its clause (up to ；) when that stands on its own, else
    the whole sentence. Verbatim, so it still stands in the quote."""
    sentence = _LIST_MARK.sub("", sentence.strip()).rstrip("；;")
    clauses = [c for c in re.split(r"(?<=；)", sentence) if c.strip()]
    out = []
    for n, clause in enumerate(clauses if len(clauses) > 1 else [sentence]):
        clause = clause.strip().rstrip("；")
        if n + 1 < len(clauses) and re.match(r"\s*但", clauses[n + 1]):
            clause = sentence  # …男方不得提出离婚；但是，…的除外: the rule is only whole with its exception
        if n > 0 and _ABOUT_BEFORE.match(clause):
            clause = (
                sentence  # …可以申请仲裁；对仲裁裁决不服的，…: which dispute, only the clause before says
            )
        out.append(clause if len(clause) >= 15 else sentence)
    # a sentence that introduces a list (…的赔偿：) or a bare condition of one (…不足十年的) says nothing
    # on its own; a very long one is no question
    return [
        s
        for s in dict.fromkeys(out)
        if not _INCOMPLETE.search(s) and len(s) <= MAX_STEM and not opens_back(s)
    ]


def _number(q: Quantity, value: int) -> str:
    return str(value) if q.arabic else chinese(value)


def _blank(sentence: str, q: Quantity) -> str:
    """The sentence with this quantity's numeral cut out, wherever the same quantity recurs in it (but
    not inside a longer numeral: 四小时 in 二十四小时)."""
    filled = q.text.replace(q.number, BLANK, 1)
    digits = "\\d" if q.arabic else "零〇一二两三四五六七八九十百千万"
    return re.sub(rf"(?<![{digits}]){re.escape(q.text)}", filled, sentence)


_DUTY = re.compile(r"应当|不得|可以|必须")


def _rules_not_steps(steps: list[str]) -> bool:
    """Items that mostly state duties (听证应当公开举行, 行政机关应当指定…主持人) are rules a procedure follows,
    in no strict order; a sequence names acts (宣布议程和会议纪律, 调查了解争议的情况)."""
    return sum(bool(_DUTY.search(s)) for s in steps) * 2 > len(steps)


def _order_key(number: str) -> tuple[int, str]:
    value = int(number) if number.isdigit() else (chinese_value(number) or 0)
    return value, number


__all__ = ["Generator", "squash"]
