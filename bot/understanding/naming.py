"""A competition's name as a cadre states it: under a heading or label (`竞赛名称：…`, `名字就叫 …`), in
quotes, as a plan's title line, called so (`叫 2027年焊工技术比武大赛`), as a title starting with its year, or
after a verb (`开展…竞赛`) — never a phrase that only says the type (`安康杯竞赛`, `技能比武`)."""

from __future__ import annotations

import re

from bot.understanding import spans
from bot.understanding.vocabulary import TYPE_WORDS, find_type

_NAME_LABELS = ("竞赛名称", "活动名称", "竞赛主题")
_QUOTED = re.compile(r"[“\"《「](?P<q>[^”\"》」]{2,40})[”\"》」]")
_NAME_WORD = (
    r"(?:竞赛|大赛|比武|练兵|比赛|擂台赛|劳动赛|挑战赛|抢答赛|展示赛|技能赛|联赛|评选|评比|运动会|大比拼)"
)
# a name not yet chosen (名字还没定) is none
_UNDECIDED = re.compile(r"没定|待定|未定|还没|没想好|再说|没名字|没有名字|这么叫")
# the name run on into the next fields when no comma was typed (…竞赛区商务局工会组织的八月一号开始…)
_RUN_ON = re.compile(
    rf"^(?P<n>.{{2,40}}?{_NAME_WORD})(?=.{{4,}})(?=.*(?:工会|组织|开始|\d|[一二三四五六七八九十]月))"
)
_NAMED = re.compile(
    rf"(?:开展|举办|组织|搞|启动|举行|开始|发起|参加|登记|报名|申报|备案|录入|进行)(?:了|一下|下|个|一个|一场|一次|一项|的|[:：])*"
    # (a space inside quotes is part of it: 登记“文明窗口 微笑服务”优质服务竞赛)
    rf"(?P<n>(?:“[^”\n，,。]{{1,30}}”|[^，,。；;！!？?\s]){{2,40}}?{_NAME_WORD}(?:竞赛|大赛)?(?:活动)?)"
)


def competition_name(text: str, heads: dict[str, str]) -> str | None:
    name = _competition_name(text, heads)
    if not name or _UNDECIDED.search(name):
        return None
    name = re.sub(r"^(?:竞赛|名称|名字)[:：]", "", name)  # 登记一个竞赛：“建功十四五”六比一创竞赛
    name = re.sub(r"(?<=竞赛)活动$", "", name)  # 2027年度安康杯竞赛活动
    cut = _RUN_ON.match(name)
    return tidy(cut["n"] if cut and len(name) > 20 else name)


def tidy(name: str | None) -> str | None:
    """Without what was typed before the name (是锅炉工比武, 题目是…, 南岗区总工会组织全区…竞赛, 今年冬季的…,
    下周一启动…); None when no more than the type is left (found on the spent blind sets 11–13)."""
    if not name:
        return None
    original = name
    # (新竞赛：名称——“绿色车间”…, 我们搞的是“…”活动, 下周三有个焊工比武)
    name = re.sub(
        r"^[—\-－:：、=]+|^(?:我司|本司|我单位|本单位|我们)(?=.{4})|^[A-Za-z]+(?=[\u4e00-\u9fff])", "", name
    )
    name = re.sub(r"(?<=..)(?:吧|啊|呢|哈)$", "", name)  # 名字就叫电工技能比武吧
    name = re.sub(r"^“([^”]{2,24})”的(?:竞赛|比赛|活动)$", r"\1", name)  # 叫“安全发展杯”的竞赛
    bare = name
    for _ in range(2):  # 下周三有个焊工比武: the time, then the 有个
        bare = re.sub(
            r"^(?:就是|也就是|是|的是|搞的是|题目是|题目为|主题是|有个|有一个|属于)(?=.{4})", "", bare
        )
        # 哈尔滨轴承集团工会明年的安康杯竞赛: the union that runs it is said first
        bare = re.sub(r"^[^“”\s]{2,30}?工会(?:组织)?的?(?=.{4})", "", bare)
        if not re.match(r"^[“\"《]", bare):
            bare = _VERBS.sub("", bare) or bare
            bare = re.sub(
                r"^(?:下周[一二三四五六日天]?|本周|这周|明天|今天|下个?月|今年|明年|去年)(?:[冬夏春秋]季)?的?",
                "",
                bare,
            )
    if bare != original and not names_more_than_a_type(bare):
        return None
    # 竞赛名称 2027年“安康杯”知识竞赛 主办 平房区总工会: a name typed on into the next label
    return re.split(_NEXT_LABEL, bare)[0]


_NEXT_LABEL = re.compile(
    r"\s+(?=(?:时间|主办|承办|依托|联系|计划|参加|参赛|人数|类型|类别|单位|工会|项目|起止|开始|结束|日期)\S"
    # or a union typed next (名称：金牌窗口创建 哈尔滨银行道里支行工会 计划50人)
    r"|[^\s，,。；;]{2,30}工会(?:\s|$)"
    # or a type, an ownership or a date (名称 冬季供暖保障优质服务月 优质服务 哈尔滨热力集团 国企 12月10日…)
    r"|(?:安康杯|五小|六比一创|三保一促|五创|优质服务|岗位练兵|技术比武|节能减排|国企|国有|民营|民企|私营|事业单位|\d)"
    r"(?:\s|$|\d|月))"
)


_LEADING_NAME = re.compile(
    rf"(?P<n>[^，,。；;！!？?\s“”]{{4,30}}?{_NAME_WORD})(?=要登记|要报|想登记|想报|报一下|登记一下|需要登记)"
)
_THAT_ONE = re.compile(
    rf"(?:就是|也就是)(?:那个|这个)?(?P<n>[^，,。；;！!？?\s“”]{{2,30}}?{_NAME_WORD})(?=[，,。；;！!？?\s]|$)"
)
# 叫“金点子”征集, 叫“书香班组”读书竞赛: the quoted words and what follows them, as typed
_CALLED_QUOTED = re.compile(
    r"(?:叫做|就叫|叫|名为)\s*(?P<n>[^，,。；;！!？?\s“”]{0,12}“[^”]{2,24}”[^，,。；;！!？?\s“”]{0,12})"
    r"(?=[，,。；;！!？?\s]|$)"
)


# 报竞赛：冰雪大世界建设工程劳动竞赛, 报一个其他类型的：职工冰雪运动会 — what follows the colon of a request
_AFTER_REQUEST = re.compile(
    r"^(?:[A-Za-z][A-Za-z\s]*)?(?:帮我|请|麻烦)?(?:报|登记|申报|新登记|新增|新建|新)(?:竞赛|一个|个|一下|下)?[^：:，,。\s]{0,8}[:：]\s*"
    r"(?P<n>[^，,。；;\s]{4,30}?(?:竞赛|大赛|赛|运动会|评选|评比|练兵|比武))(?=[，,。；;\s]|$)"
)


def _competition_name(text: str, heads: dict[str, str]) -> str | None:
    asked = _AFTER_REQUEST.search(text.strip())
    said = re.sub(r"^(?:竞赛名称|名称|名字)(?:是|为|叫)?", "", asked["n"]) if asked else ""
    if said and names_more_than_a_type(said) and tidy(spans.unquote(said)):
        return spans.unquote(said)
    labelled = heads.get("竞赛名称") or spans.label_value(text, _NAME_LABELS) or _said_name(text)
    item = spans.label_value(text, ("项目名称",))  # 项目名称：…劳动竞赛: the item is the competition
    labelled = labelled or (item if item and re.search(_NAME_WORD + "$", item) else None)
    if labelled:
        return spans.unquote(labelled.strip().splitlines()[0].strip())
    for m in _QUOTED.finditer(text):
        if re.search(_NAME_WORD + "|杯", m["q"]) and len(m["q"]) >= 4:
            return m["q"]
    # a title line: the first line of a plan (`2027年安康杯竞赛实施方案`)
    first = text.strip().splitlines()[0] if text.strip() else ""
    t = re.match(
        rf"^(?:关于(?:开展|举办)?)?(?P<n>.{{2,40}}?{_NAME_WORD})(?:活动)?(?:的)?(?:实施方案|方案|通知)$",
        first,
    )
    if t:
        return t["n"]
    named = _NAMED.search(text)
    if named:
        name = _strip_name(named["n"])
        return name if names_more_than_a_type(name) else None
    return None


# `名称叫…`, `名字就叫 …`, `名称“…”` (not 单位名称, 企业名称); `叫 2027年焊工技术比武大赛` when what follows
# ends as a competition's name does; a title that starts with its year (`2027年度安全生产安康杯竞赛`)
# the name may hold quotes (名称“平安工地”三保一促竞赛): it runs to the next separator
_SAID_NAME = re.compile(
    r"(?<![单位企业项目工程会])(?:名称|名字|题目)(?:就|也)?(?:叫做|叫|是|为|[:：])?\s*"
    # (a space inside quotes is part of the name: 名称“比学赶超 创建精品”劳动竞赛)
    r"(?P<n>(?:“[^”\n，,。]{1,30}”|[^，,。；;！!？?\s“”]){2,42})"
)
_CALLED = re.compile(
    rf"(?:叫做|叫|名为)\s*[“\"《]?(?P<n>[^，,。；;！!？?\s“”\"《》]{{2,40}}?{_NAME_WORD}(?:活动)?)(?=[”\"》，,。；;\s]|$)"
)
_TITLE = re.compile(
    rf"(?<![\d年])(?P<n>20\d{{2}}年度?[^，,。；;！!？?\s“”\"《》]{{2,30}}?{_NAME_WORD})(?=[”\"》，,。；;\s]|$)"
)
_NOT_IN_TITLE = re.compile(
    r"^20\d{2}年度?的|\d{1,2}月|\d{1,2}[日号]|开展|举办|组织|搞|开始|起|至|到|参加|计划|报名|登记|申报"
)


def _said_name(text: str) -> str | None:
    lead = _LEADING_NAME.match(text.strip())  # 哈尔滨机场扩建工程劳动竞赛要登记
    if (
        lead
        and names_more_than_a_type(lead["n"])
        and not re.search("我|咱|这|那|有个|有一个|项目", lead["n"])
    ):
        return lead["n"]
    that = _THAT_ONE.search(text)  # 登记一下我们厂的技能比武，就是那个叉车工技能大赛
    if that and names_more_than_a_type(that["n"]) and not re.search("我们|咱们|搞|弄|的", that["n"]):
        return that["n"]
    quoted = _CALLED_QUOTED.search(text)
    if quoted and names_more_than_a_type(quoted["n"]):
        return spans.unquote(quoted["n"])
    for pattern in (_SAID_NAME, _CALLED):
        m = pattern.search(text)
        name = spans.unquote(m["n"]) if m else ""
        if name and names_more_than_a_type(name):
            return name
    for m in _TITLE.finditer(text):
        # unsaid as a name, a year and a type (`2027年技术比武`) name no more than the type
        without_year = re.sub(r"^20\d{2}年度?", "", m["n"])
        if not _NOT_IN_TITLE.search(m["n"]) and names_more_than_a_type(without_year):
            return m["n"]
    return None


_GENERIC = re.compile(
    r"劳动和技能竞赛|劳动竞赛|竞赛|比赛|大赛|活动|一个|一项|一场|一次|这个|那个|我们|咱们|今年|明年|去年|其他|其它|类型|类|就是|"
    r"[个的“”\"'：:，,\s]"
)


def names_more_than_a_type(name: str) -> bool:
    """`安康杯竞赛`, `技能比武` only say the type; `2027年电机厂安康杯安全知识竞赛` is a name."""
    rest = name
    for said in sorted(TYPE_WORDS, key=len, reverse=True):
        rest = rest.replace(said, "")
    found = find_type(rest)
    if found is not None and not found.exact:
        rest = rest.replace(found.said, "")
    return len(_GENERIC.sub("", rest)) >= 2


_VERBS = re.compile(r"^.*(?:开展|举办|组织|搞|启动|举行|发起|参加|进行|新开)(?:了|一个|一场|一次|一项|个)*")


def _strip_name(name: str) -> str:
    name = _VERBS.sub("", name)
    if name.count("“") != name.count("”"):
        name = name.replace("“", "").replace("”", "")
    return name.strip('"')
