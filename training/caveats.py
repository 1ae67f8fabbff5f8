"""Rules from the fourth blind review (51/9/0): what makes a verified item still misleading or too easy.
A document or a subject outside an enterprise union's work (全民所有制 enterprises, the 宪法, the terms of
office of city or industry union federations); a value another document states differently for the same
thing (产假 不少于九十天 ~ 98天产假); a blank the stem gives away (年 → 12个月, 第4个月 → 3, a defined term
whose pieces stand in the stem or the title); a pair (三年或者__年) whose distractors cannot be plausible;
a true/false statement of a general rule whose article or neighbours state exceptions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.llm.quantities import chinese_value
from training.quantities import Quantity

# documents for state-owned enterprises, state organs or the state as a whole: no non-public enterprise's
# union cadre applies them
_OFF_TITLE = re.compile(r"全民所有制|国营|国家机关|宪法")
# the organisation of the union federations above the enterprise (their committees' terms, who makes up
# their standing committees): the 基层工会's own are kept
_FEDERATION = re.compile(
    r"(?:省|市|区|县|地方|各级|产业)[^，,。；;]{0,16}(?:总工会|产业工会)(?:委员会|常务委员会)?"
    r"[^，,。；;]{0,12}(?:每届任期|任期|组成)"
)


# 本条例适用于全民所有制企业、事业单位 in the opening articles: the whole document is for state units
_STATE_SCOPE = re.compile(r"本(?:条例|办法|规定|法)(?:只)?适用于[^。；;，,]{0,8}(?:全民所有制|国营|国家机关)")
OPENING = 6


def off_scope_doc(title: str, passages: Sequence = ()) -> bool:
    """A document for state-owned units, state organs or the state: by its title (全民所有制工业企业法, 宪法)
    or by the scope article among its opening ones (本条例适用于全民所有制企业、事业单位)."""
    opening = passages[:OPENING]
    return bool(_OFF_TITLE.search(title)) or any(_STATE_SCOPE.search(p.text) for p in opening)


def federation_rule(sentence: str) -> bool:
    return "基层" not in sentence and bool(_FEDERATION.search(sentence))


# -- a value another document states differently -----------------------------------------------------
_BOUND = re.compile(r"^(?:的|以上|以下|以内|之内|内|前|后|起|及)+")
_WORD = re.compile(r"^[\u4e00-\u9fff]{2}")
_FLOOR = re.compile(r"(?:不少于|不低于|不超过|不得超过|至少|最多|最长|最低)$")


def thing(stem: str, q: Quantity) -> tuple[str, str] | None:
    """What a quantity counts, as its unit and the two characters of the word after it (九十天的产假 →
    (天, 产假)); None when no word follows (任期五年。)."""
    after = _BOUND.sub("", stem[q.start + len(q.text) : q.start + len(q.text) + 8])
    m = _WORD.match(after)
    return (q.unit, m.group(0)) if m else None


def is_bound(stem: str, q: Quantity) -> bool:
    """A floor or a ceiling (不少于九十天): a general law's minimum that a special rule may fix higher."""
    return bool(_FLOOR.search(stem[max(0, q.start - 4) : q.start]))


def contested(key: tuple[str, str] | None, value: int, doc_id: int, bound: bool, stated: dict) -> bool:
    """Whether another document states another value for the same thing: the item is dropped unless it
    is the exact value beside another's floor (98天产假 stays, 不少于九十天的产假 goes)."""
    if key is None:
        return False
    others = [(v, b) for d, v, b in stated.get(key, ()) if d != doc_id and v != value]
    return bool(others) and (bound or not all(b for _, b in others))


# -- give-aways --------------------------------------------------------------------------------------
# a whole of a larger unit named in the stem (年节约 … 按__个月): its count in the smaller unit
_WHOLE = {("个月", 12): "年", ("月", 12): "年", ("天", 7): "周", ("日", 7): "周", ("小时", 24): "昼夜"}
_NUMERAL = r"(?:\d+|[零〇一二两三四五六七八九十百千]+)"


def implied(stem: str, q: Quantity) -> bool:
    """The stem gives the blank: a unit word that is its whole (年 for 12个月), or the next or previous
    value of the same unit beside it (3个月内照发，从第4个月起停发)."""
    rest = stem[: q.start] + stem[q.start + len(q.text) :]
    word = _WHOLE.get((q.unit, q.value))
    if word and re.search(rf"(?<![\d零〇一二两三四五六七八九十百千]){word}", rest):
        return True
    for m in re.finditer(rf"({_NUMERAL}){re.escape(q.unit)}", rest):
        n = m.group(1)
        value = int(n) if n.isdigit() else chinese_value(n)
        if value in (q.value - 1, q.value + 1):
            return True
    return False


SHOWN_SHARE = 0.75


def term_shown(term: str, *texts: str) -> bool:
    """Whether the blanked term can be pieced together from the stem or the title: each of its characters,
    or three in four of a long one's, lies in a two-character piece of it that stands there (集体 in
    集体合同条例, 协商 in 平等协商; 商标代理…人员 of 商标代理从业人员 in 从事商标代理业务的工作人员)."""
    pieces = [term[n : n + 2] for n in range(len(term) - 1)]
    covered = set()
    for n, piece in enumerate(pieces):
        if any(piece in t for t in texts):
            covered |= {n, n + 1}
    return len(term) >= 2 and len(covered) >= SHOWN_SHARE * len(term)


_PAIR = re.compile(rf"{_NUMERAL}[^，,。；;\d]{{0,2}}(?:或者|或|至|到)$")


def in_pair(stem: str, q: Quantity) -> bool:
    """A blank that is the second of a pair (三年或者__年): the first fixes its scale and side, so only the
    true value looks right and no distractor is plausible."""
    return bool(_PAIR.search(stem[: q.start]))


# -- a general rule with exceptions elsewhere ----------------------------------------------------------
_EXCEPTION = re.compile(r"除外|但是|但[^，,。；;]{0,2}[，,]|试用期内")
# in a neighbour, a list of cases is one too (有下列情形之一的，劳动者可以随时…); in the sentence's own
# article it is mostly the intro of the very list the sentence belongs to
_CASES = re.compile(rf"{_EXCEPTION.pattern}|有下列情形之一的")
_SHARED = 6


def has_exceptions(sentence: str, article: str, neighbours: Sequence[str]) -> bool:
    """The article states an exception beside the sentence, or an article next to it states one about
    the same words (劳动者解除劳动合同，应当提前三十日… ~ 第三十二条 在试用期内的): judged true alone, the
    rule would read as absolute."""
    if _EXCEPTION.search(article.replace(sentence, "")):
        return True
    grams = {sentence[n : n + _SHARED] for n in range(len(sentence) - _SHARED + 1)}
    return any(_CASES.search(t) and any(g in t for g in grams) for t in neighbours)


def stated(passages) -> dict[tuple[str, str], list[tuple[int, int, bool]]]:
    """Every value the documents state, by the thing it counts: (unit, word) → (doc id, value, bound)."""
    from training.quantities import quantities
    from training.sentences import sentences

    out: dict[tuple[str, str], list[tuple[int, int, bool]]] = {}
    for passage in passages:
        for sentence in sentences(passage.text):
            for q in quantities(sentence):
                key = thing(sentence, q)
                if key is not None:
                    out.setdefault(key, []).append((passage.doc_id, q.value, is_bound(sentence, q)))
    return out


def neighbours(passages: Sequence, passage) -> list[str]:
    """The texts of the articles just before and after a passage in its document."""
    at = next((n for n, p in enumerate(passages) if p is passage or p == passage), None)
    if at is None:
        return []
    return [p.text for p in passages[max(0, at - 1) : at + 2] if p is not passage and p != passage]


def stale(stem: str, qs: Sequence[Quantity], doc_id: int, stated: dict) -> bool:
    """Whether any quantity of the stem is contested by another document (see `contested`)."""
    return any(contested(thing(stem, q), q.value, doc_id, is_bound(stem, q), stated) for q in qs)


# -- a transitional clause -----------------------------------------------------------------------------
# 本条例施行前已经从事…的，应当自本条例施行之日起1年内…: a one-off duty of the year the rule came in,
# long spent; a trainee learns nothing from it (sixth blind review, two items)
_TRANSITIONAL = re.compile(r"(?:条例|本法|办法|规定|细则|决定)(?:施行|实施)(?:前|以前|之前|之日起|后的)")


# 连续使用至1993年7月1日的服务商标…: a rule tied to a day long past is a transitional one too
_DATED_RULE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")


def transitional(sentence: str) -> bool:
    """A clause on what was to be done when the document came into force, or tied to a day long past."""
    return bool(_TRANSITIONAL.search(sentence) or _DATED_RULE.search(sentence))


# 依照《土地管理法》第七十四条的规定处以罚款的…, 视为著作权法第三十二条所称…: the case stands in another
# law's article, which the question does not show, and whose number a revision may have moved (seventh review)
_OTHER_ARTICLE = re.compile(
    r"(?:《[^》]{2,30}》|(?<![本该])[\u4e00-\u9fff]{2,12}(?:法|条例))(?:第[零一二三四五六七八九十百千\d]+条)"
)


def cites_another_article(sentence: str) -> bool:
    """The sentence names an article by its number (依照本法第二十条 too: that article is not shown either)."""
    return bool(_OTHER_ARTICLE.search(sentence))


# -- a false value that another document states for the same thing --------------------------------------
_LEAD_WORDS = re.compile(
    r"不得超过|不超过|不少于|不低于|不满|至少|最多|最长|最低|以上|以下|以内|累计|平均|为|达到|满"
)
_LEAD = 10
_COMMON = 3


def _lead(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff]", _LEAD_WORDS.sub("", text)))


def _shares(a: str, b: str) -> bool:
    return any(a[n : n + _COMMON] in b for n in range(len(a) - _COMMON + 1))


def said_elsewhere(before: str, written: str, numeric_corpus: str) -> bool:
    """Whether the documents state the false value for what the stem counts: `written` (40小时, digits)
    stands somewhere after words sharing three characters with the stem's words before its value
    (劳动法 平均每周工作时间不超过四十四小时 → 40小时 ~ 国务院规定 每周工作40小时: the "false" statement is
    today's rule)."""
    mine = _lead(before[-_LEAD:])
    at = numeric_corpus.find(written)
    while at >= 0:
        if not numeric_corpus[at - 1 : at].isdigit() and _shares(
            mine, _lead(numeric_corpus[max(0, at - _LEAD) : at])
        ):
            return True
        at = numeric_corpus.find(written, at + 1)
    return False
