"""Quantities a passage states (二十五人, 百分之二, 三十日, 15日, 三年), their kind and which way a
changed value makes the statement false. Quizzes cut and swap these; nothing here guesses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from knowledge.llm.quantities import chinese_value
from training.corpus import squash

CN = "零〇一二两三四五六七八九十百千万"
_NUM = rf"(?:\d+|[{CN}]+)"
_QUANTITY = re.compile(
    rf"(?<![{CN}\d第每.])(?:百分之(?P<pct>{_NUM})|(?P<n>{_NUM})(?P<unit>个工作日|工作日|个月|周岁|小时|人|名|日|天|年|倍|%)|(?P<count>\d+)(?P<cunit>个|项|家))"
)
# units that also start words (年度, 日常, 人员, 名单, 天然): not a quantity then
_WORD_AFTER = {
    "年": "度龄代终初底中级薪资金限",
    "日": "常期",
    "人": "员民数次身士",
    "名": "单称义誉额",
    "天": "然",
}


class Kind(Enum):
    PEOPLE = "人数"
    DAYS = "日数"
    MONTHS = "月数"
    YEARS = "年数"
    HOURS = "小时数"
    PERCENT = "比例"
    TIMES = "倍数"
    COUNT = "个数"


_KIND_OF_UNIT = {
    "人": Kind.PEOPLE,
    "名": Kind.PEOPLE,
    "日": Kind.DAYS,
    "天": Kind.DAYS,
    "工作日": Kind.DAYS,
    "个工作日": Kind.DAYS,
    "个月": Kind.MONTHS,
    "年": Kind.YEARS,
    "周岁": Kind.YEARS,
    "小时": Kind.HOURS,
    "倍": Kind.TIMES,
    "%": Kind.PERCENT,
    "个": Kind.COUNT,
    "项": Kind.COUNT,
    "家": Kind.COUNT,
}


class Bound(Enum):
    LOWER = "lower"  # 二十五人以上, 不少于: a smaller value states a duty the text does not
    UPPER = "upper"  # 不得超过三小时, 三十日内: a larger value allows what the text forbids
    EXACT = "exact"  # 百分之二, 任期五年: any other value is false
    UNCLEAR = "unclear"  # 不足二十五人: a changed value may still be true; no judge item


@dataclass(frozen=True)
class Quantity:
    text: str  # as written: 二十五人, 百分之二, 30日
    number: str  # the numeral alone: 二十五, 二, 30
    value: int
    unit: str  # 人 … ; % for 百分之
    kind: Kind
    start: int  # offset of `text` in the sentence
    bound: Bound

    @property
    def arabic(self) -> bool:
        return self.number.isdigit()

    def with_value(self, value: int) -> str:
        """The same quantity with another value, written the same way (二十五人 → 五十人)."""
        number = str(value) if self.arabic else chinese(value)
        return self.text.replace(self.number, number, 1)


def quantities(sentence: str) -> list[Quantity]:
    out = []
    for m in _QUANTITY.finditer(sentence):
        # 111个 counts things in a notice; 一个/两个 in a statute is no quantity worth asking about
        number = m.group("pct") or m.group("n") or m.group("count")
        unit = "%" if m.group("pct") else m.group("unit") or m.group("cunit")
        after = sentence[m.end() : m.end() + 1]
        if unit in _WORD_AFTER and after and after in _WORD_AFTER[unit]:
            continue
        value = int(number) if number.isdigit() else chinese_value(number)
        if not value or (unit == "年" and value >= 1000):  # 2020年, 一九一一年 are dates
            continue
        if unit == "日" and sentence[max(0, m.start() - 1) : m.start()] == "月":  # 5月27日 is a date
            continue
        if value == 1 and re.match(rf"[{CN}]", after):  # 一人一票, 一年一度: a set phrase, no amount
            continue
        if re.search(r"(?<!以)[上下]$", sentence[max(0, m.start() - 2) : m.start()]):
            continue  # 上一年, 下一届: an ordinal, not an amount (以上三年 is one)
        out.append(
            Quantity(
                m.group(0),
                number,
                value,
                unit,
                _KIND_OF_UNIT[unit],
                m.start(),
                _bound(sentence, m.start(), m.end()),
            )
        )
    return out


# a bound word may stand a few words before its number: 不低于工资的百分之一百五十, 不得低于…工资的80%
_LOWER_AHEAD = re.compile(r"(?:不得?低于|不得?少于|至少)[^，,；;。：:、]{0,30}$")
_UPPER_AHEAD = re.compile(r"(?:不得?超过|不得?高于|最多)[^，,；;。：:、]{0,30}$")
_COMPARED_AHEAD = re.compile(r"(?:高于|低于|超过|多于|少于)[^，,；;。：:、]{0,30}$")


def _bound(sentence: str, start: int, end: int) -> Bound:
    before, after = sentence[max(0, start - 6) : start], sentence[end : end + 3]
    clause = sentence[:start]
    if re.search(r"(不足|不满|未满)$", before) or after.startswith(("以下的", "以内的")):
        return Bound.UNCLEAR
    if after.startswith(("以上", "及以上")) or re.search(r"(不少于|不低于|至少|满|达到|年满|提前)$", before):
        return Bound.LOWER  # 提前三十日, 会议七日前: notice of at least that long
    if after.startswith("后"):
        return Bound.UNCLEAR  # 公示三十日后，可以申请: a longer wait is still allowed
    if after.startswith("前") and not after.startswith("前的"):
        return Bound.LOWER
    if after.startswith(("至", "到")):
        return Bound.LOWER  # the lower end of 百分之六十至百分之一百
    if before.endswith(("至", "到")):
        return Bound.UPPER
    if after.startswith(("以下", "以内", "内", "之内")) or re.search(
        r"(不得超过|不超过|不高于|最长|最多|至多)$", before
    ):
        return Bound.UPPER
    if re.search(r"(超过|多于|低于|高于|少于)$", before):
        return Bound.UNCLEAR  # 低于最低工资标准的: a condition, either way arguable
    if _LOWER_AHEAD.search(clause):
        return Bound.LOWER
    if _UPPER_AHEAD.search(clause):
        return Bound.UPPER
    if _COMPARED_AHEAD.search(clause):
        return Bound.UNCLEAR  # 月工资高于…平均工资三倍的: a comparison in a condition
    return Bound.EXACT


# where the rule binds (the duty or right): a threshold before it is the condition or the subject
# (会员二十五人以上的，应当…), one after it is what is owed (应当…订立二年以上的…合同)
_BINDS = re.compile(
    r"应当|应该|应予|必须|不得|不应|可以|有权|(?<![许认])可(?!能|靠|见|行)|享受|享有|视为|须|处(?!理)|给予|支付|保存|订立|缴纳|拨缴"
)
_THRESHOLD_AFTER = ("以上", "及以上", "以下")
_THRESHOLD_BEFORE = re.compile(r"(?:满|年满|达到)$")
# the last modal verb of the clause a quantity stands in: 可以/有权 make it an allowance
_MODAL_IN_CLAUSE = re.compile(r"(可以|有权|(?<![许认])可(?!能|靠|见|行)|应当|应该|必须|不得|须)[^，,；;。]*$")
_ALLOWS = ("可以", "有权", "可")
_CONDITION_HEAD = re.compile(r"(?:如果|如|凡|对于)[^，,；;。]*$")


def false_side(sentence: str, q: Quantity) -> int | None:
    """Which way a changed value makes the sentence plainly false: +1 raise it, -1 lower it, 0 either,
    None neither for sure (a weaker bound would still be true: 不少于九十天 → 不少于六十天 is implied).
    What is owed or allowed: a lower bound must rise, an upper one fall. A condition works the other
    way: 会员十人以上的，应当建立… says more than the text, 五十人以上的… says less (and is implied)."""
    head, rest = sentence[: q.start], sentence[q.start + len(q.text) :]
    allowed = _MODAL_IN_CLAUSE.search(head)
    permits = allowed is not None and allowed.group(1) in _ALLOWS
    if q.bound is Bound.EXACT:
        # 应当…支付三倍的工资…而未支付的，…责令支付: a changed amount in a condition describes another
        # case (which may not exist), it contradicts nothing
        if re.search(r"的[，,].*?(?:" + _BINDS.pattern + ")", rest):
            return None
        return 1 if permits else 0  # 产前可以休假15天: ten days are allowed as well, thirty are not
    if q.bound is Bound.UNCLEAR:
        return None
    side = 1 if q.bound is Bound.LOWER else -1
    binds = _BINDS.search(rest)
    if binds and not _BINDS.search(head) and rest.startswith(("内", "以内", "之内")):
        return None  # 终止妊娠后六个月内，男方不得…: a window of a prohibition, not a deadline
    upto = rest[: binds.start()] if binds else rest
    if binds and binds.group(0) in _ALLOWS and not _BINDS.search(head):
        return None  # 提前三十日通知…可以解除: more notice is allowed too, and less is arguable
    threshold = rest.startswith(_THRESHOLD_AFTER) or bool(_THRESHOLD_BEFORE.search(head))
    condition = bool(re.search(r"的[，,]", upto) or _CONDITION_HEAD.search(head))
    if not condition and threshold and not _BINDS.search(head):
        if not binds:
            return None  # 职工二百人以上企业…设专职主席: no telling the condition from what is owed
        condition = True  # 职工人数在一百人以上的企事业单位应当召开…
    if not condition:
        # 可以自收到…之日起十五日内起诉, 可以给予六个月至一年的保留期: what is allowed may be less, not more
        return -side if permits else side
    if rest.startswith(("内", "以内", "之内")) or re.match(r"(?:及?以上)?(?:不满|不足|未满|至|到)", rest):
        return None  # 十五日内未提出异议的, 三个月以上不满一年的: either change may leave it true
    if binds and binds.group(0) in _ALLOWS:
        return None  # 二百人以上的…可以设: a lower threshold for a permission is arguable
    return -side


_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """25 → 二十五, 105 → 一百零五, 10 → 十, 2000 → 二千 (as statutes write them)."""
    if n < 0 or n >= 10**8:
        return str(n)
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        return chinese(high) + "万" + (("零" if low < 1000 else "") + chinese(low) if low else "")
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                parts.append("零")
            parts.append(_DIGITS[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts) or "零"
    return text[1:] if text.startswith("一十") else text


_RANGE_FROM = re.compile(r"([零〇一二两三四五六七八九十百千万\d]+)[至到]$")
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万]+")


def range_start(head: str) -> int | None:
    """The bare numeral a range opens with just before a quantity (三至十人 → 3), if any."""
    m = _RANGE_FROM.search(head)
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else chinese_value(m.group(1))


def numeric(text: str) -> str:
    """Squashed, 百分之N as N%, Chinese numerals as digits, without 的: so 九十八天的产假 ~ 98天产假."""
    text = re.sub(r"百分之([零〇一二两三四五六七八九十百千万\d]+)", r"\1%", squash(text)).replace("的", "")
    return _CN_RUN.sub(lambda m: str(chinese_value(m.group(0)) or m.group(0)), text)
