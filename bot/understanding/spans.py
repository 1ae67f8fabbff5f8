"""Pieces of running text that several fields share: head counts, phone numbers, people's names,
organisation names, and labelled lines of a plan (`联系人：王丽`)."""

from __future__ import annotations

import re

from bot.parsing import ParseError, parse_count

_CN_NUM = "零〇○一二两三四五六七八九十百千万"
# what may follow a numeral (十几 is counted as 10, as the blind sets' writers do)
_NUM_SUFFIX = r"(?:多|余|来|左右|上下|以上|出头|几)?"
NUM = rf"(?:\d{{1,3}}(?:[,，]\d{{3}})+|\d+(?:\.\d+)?万?|[{_CN_NUM}]{{1,8}}){_NUM_SUFFIX}"
_UNIT = r"(?:(?:名|位)(?:职工|员工|工人)?|(?:个|号)?(?:职工|员工|人|工人))"
COUNT = NUM + _UNIT  # a head count with its unit: 三百人, 1,200名职工, 八十多人
# after a label the unit may be left out (职工总数：1200), but a date or another measure is no count
# (我们厂6月1日起, 32家企业一块搞)
# (企业 五小发明: a numeral inside a word is no count either, so a bare number ends the piece)
COUNT_OPT = (
    NUM
    + r"(?:"
    + _UNIT
    + r"|(?![\u4e00-\u9fff\d.\-/:：]))(?![\d月年日号.\-/:：块起道同样家项场次批线期届轮级套份条个])"
)
# 第一人民医院: an ordinal, no head count
COUNT_RE = re.compile(r"(?<![第前\d])" + COUNT)  # (决出前三名: a rank)
_NUM_RE = re.compile(rf"(?P<n>\d{{1,3}}(?:[,，]\d{{3}})+|\d+(?:\.\d+)?万?|[{_CN_NUM}]{{1,8}}){_NUM_SUFFIX}")

MOBILE = r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)"
# (0451 8765 4321: typed in groups)
LANDLINE = r"(?<!\d)[(（]?0\d{2,3}[)）]?[\s\-－—]?(?:\d{7,8}|\d{3,4}\s\d{4})(?:[-转]\d{1,5})?(?!\d)"
PHONE_RE = re.compile(rf"{MOBILE}|{LANDLINE}")

ORG_SUFFIX = (
    r"(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|分公司|总厂|分厂|厂|局|医院|学校|中学|小学|大学|宫|"
    r"中心|车站|站|所|院|矿|农场|林场|牧场|社|银行|分行|支行|项目部|工程处|段|饭店|酒店|宾馆|大厦|商场|超市)"
)
# a unit named by its trade (哈尔滨华润燃气, 冰城热电): no legal suffix, yet a firm
TRADES = (
    r"(?:燃气|建材|包装|食品|机械|电力|热电|热力|供热|供电|物流|科技|制药|药业|电子|化工|钢铁|煤业|能源|水务|电气|置业|"
    r"地产|建工|运输|商贸|超市|商场|酒店|宾馆|百货|纺织|服装|印刷|重工|汽车|客运|公交|电信|乳业|粮油)"
)
# an organisation name is the longest run ending in a suffix that crosses no union, verb or label word
_NOT_IN_ORG = (
    r"(?!工会|开展|组织|举办|搞|计划|参加|参赛|开始|结束|围绕|主办|承办|联系|项目|时间|全员|全厂|全公司|职工)"
)
_EXCLUDED = tuple(_NOT_IN_ORG[3:-1].split("|"))
ORG_RE = re.compile(rf"(?P<org>(?:{_NOT_IN_ORG}[\u4e00-\u9fffA-Za-z（）()]){{2,30}}{ORG_SUFFIX})")
UNION_RE = re.compile(
    r"(?P<union>[\u4e00-\u9fffA-Za-z0-9（）()]{2,30}?(?:总工会|工会委员会|工会联合会|工会))"
)
_LEADING_CHATTER = re.compile(
    # (not the words that begin names: 经济开发区, 和平商厦, 为民, 在线)
    # (和/与/跟 only before a party: 和我们…; 文化广电和旅游局 is one name)
    r"^(?:.*?(?:我们是|我是|我们|咱们|这边|这里是|由|经(?!济|开|营|贸)|请|帮我|帮|替|给|为(?!民)|在(?!线)|是|"
    r"(?:和|与|跟)(?=我|咱|他)|登记(?:一下)?|竞赛|"
    r"向(?!阳|日|东|西|南|北)|对|的|叫|报一下|报个|，|,|。|：|:))"
)


def counts(text: str) -> list[tuple[int, int, int]]:
    """(value, start, end) of every head count (`三百人`, `1,200名职工`, `八十多人`)."""
    out = []
    for m in COUNT_RE.finditer(text):
        value = number_in(m.group())
        if value is not None:
            out.append((value, m.start(), m.end()))
    return out


def number_in(text: str) -> int | None:
    """The last numeral of a matched phrase (`计划三百人参加` → 300)."""
    found = list(_NUM_RE.finditer(text))
    for m in reversed(found):
        try:
            return parse_count(m["n"])
        except ParseError:
            continue
    return None


def phones(text: str) -> list[str]:
    out = []
    for m in PHONE_RE.finditer(text):
        phone = re.sub(r"[—－–]", "-", re.sub(r"\s", "", m.group())).replace("（", "(").replace("）", ")")
        # 邓辉（0451-82991234）: the bracket is around the number, not around its area code
        out.append(phone[1:] if phone.startswith("(") and ")" not in phone else phone)
    return out


_EXTEND = re.compile(
    r"^[\u4e00-\u9fff]{0,2}?(?:股份有限公司|有限责任公司|集团有限公司|有限公司|集团公司|集团|分公司|公司)"
)
_DEICTIC = re.compile(
    r"^(?:我们|咱们|我|咱|本|该|这个|那个|全|个|一个|一家|家)?(?:小|大|新)?(?:厂|公司|单位|集团|车间|局|院|矿|站|所)$"
)


def organisations(text: str) -> list[str]:
    """Unit names in a text, each as long as written (`哈尔滨锅炉厂有限责任公司`, not `哈尔滨锅炉厂`);
    `我们厂` names nothing."""
    out = []
    for m in ORG_RE.finditer(text):
        start, end = m.start(), m.end()
        # a match may begin inside an excluded word (项目参建单位… → 目参建单位…): start after it
        while any(text.startswith(w, start - len(w) + 1) for w in _EXCLUDED if start - len(w) + 1 >= 0):
            start += 1
        ext = _EXTEND.match(text[end:])
        if ext:
            end += ext.end()
        org = text[start:end]
        if _DEICTIC.match(org):
            continue
        org = trim_org(org)
        if len(org) >= 3 and not _DEICTIC.match(org):
            out.append(org)
    return out


def trim_org(name: str) -> str:
    """An organisation name without the chatter typed before it (`我们是哈尔滨锅炉厂` → `哈尔滨锅炉厂`)."""
    name = name.strip("，,。 ：:“”\"'《》")
    for _ in range(3):
        m = _LEADING_CHATTER.match(name)
        if not m or len(name) - m.end() < 2:
            break
        name = name[m.end() :]
    name = (
        re.sub(
            r"^(?:参?赛单位|参?加单位|参建单位|施工单位|建设单位|承建单位|单位名称|企业名称|单位|为|是|民营企业|国有企业|私营企业|外资企业|合资企业|"
            # a label typed without its colon (主办单位市二建公司工会, 主办市热力公司工会)
            r"主办单位|主办方|主办|承办单位|承办|组织单位|牵头单位|牵头|工会名称|名称|非公企业|非公有制企业|集体企业|个体(?!工商户)|"
            r"国企|民企|私企|外企|企业|事业单位)+",
            "",
            name,
        )
        or name
    )
    name = re.sub(r"^(?:本|我|咱|该|全|各|这个|那个|一个|一家)", "", name) or name
    # 哈尔滨龙江化工有限公司（民营）: the ownership in brackets is not part of the name
    name = re.sub(
        r"[（(](?:民营|国有|国企|民企|私营|私企|外资|合资|公有|非公|集体)[^）)]{0,4}[）)]$", "", name
    )
    name = re.sub(r"^(?:20\d{2}年度?|\d{1,2}月\d{1,2}[日号]?)", "", name) or name
    return name


def label_value(text: str, labels: tuple[str, ...], *, until: str = r"[，,；;。\n]") -> str | None:
    """The value after a label (`联系人：王丽`, `主办单位为市总工会`), stopping at `until`."""
    names = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    # the value ends at a separator, or at a space once begun (`组织单位 哈尔滨市邮政快递业工会 非公 …`)
    m = re.search(
        rf"(?:{names})(?:\s*(?:就|也)?(?:叫做|叫|[:：]|为|是)\s*|\s+)(?P<v>[^\s].*?)(?={until}|[ \t\u3000]|$)",
        text,
    )
    if not m:
        return None
    value = unquote(m["v"].strip())
    return value or None


def unquote(value: str) -> str:
    """`“2027年安康杯竞赛”` → without its quotes; `“平安工地”三保一促竞赛` keeps them (they are part of it)."""
    inner = value[1:-1]
    if value[:1] in '“"《' and value[-1:] in '”"》' and not re.search('[“”"《》]', inner):
        return inner
    if value.count("“") == value.count("”") and value.count("《") == value.count("》"):
        return value.strip(" '")
    return value.strip(" “”\"'《》")
