"""Who runs a competition and where: the organising union, the unit taking part, the linked key project.
The project is read first and its words are kept out of the unit (`哈电汽轮机厂智能化改造项目` names no unit)."""

from __future__ import annotations

import re

from bot.understanding import segments, spans
from bot.understanding.spans import TRADES

_BUILD_PROJECT = re.compile(r"(?P<p>[\u4e00-\u9fffA-Za-z0-9]{4,30}?(?:工程项目|建设项目))")
# `围绕全区重点项目`: projects in general, not one of them
_GENERIC_PROJECT = re.compile(
    r"(?:全区|全市|全省|全县|各类|各|本区|我市|我区|本市|本地|这些|相关|所有)?(?:省百大|市重点|省重点|重点|重大)?(?:产业|建设)?"
    r"(?:项目|工程)(?:建设)?"
)

_PROJECT = re.compile(
    r"(?:围绕|依托|结合|服务|服务于|针对|聚焦|关联|助力|保障|在)(?:省百大项目|市重点(?:产业)?项目|重点项目|项目)?(?:是|为|[:：])?\s*[“\"《]?"
    r"(?P<p>[\u4e00-\u9fffA-Za-z0-9（）()“”]{2,40}(?:项目|工程))"
)

_UNIT_LABELS = ("参赛单位", "参加单位", "承办单位", "单位名称", "企业名称")
_PROJECT_LABELS = ("关联重点项目", "重点项目", "关联项目", "依托项目", "依托重点工程", "依托工程")
_UNION_LABELS = ("主办工会", "主办单位工会", "主办单位", "组织单位", "主办")


def _union(text: str) -> str | None:
    # 我们医院工会准备… 市第二人民医院工会: the first union that names one
    for m in spans.UNION_RE.finditer(text):
        union = _one_union(m)
        if union:
            return union
    return None


def _one_union(m: re.Match[str]) -> str | None:
    union = spans.trim_org(m["union"])
    if re.search("联系|电话|对接|[和与]工会$", union):  # (团委和工会联合: two bodies, no name)
        return None  # 联系人工会办公室冯志强: the contact's office
    if union.count("（") != union.count("）") or union.count("(") != union.count(")"):
        return None  # 联系人：李娜（工会办公室）: a person's office, not the organiser
    if union in ("工会", "总工会") or re.fullmatch(
        r"(?:厂|公司|我们|咱们|他们|她们|本单位|单位|我们厂|我们区)(?:总)?(?:工会)", union
    ):
        return None
    if generic(re.sub(r"(?:工会|工会委员会)$", "", union)):
        return None  # 学校工会, 医院工会: the kind of union, not one named
    return union


def _unit(text: str, union: object) -> str | None:
    for org in spans.organisations(text):
        if (
            union
            and isinstance(union, str)
            and org in union
            and union.endswith("工会")
            and not union.startswith(org)
        ):
            continue
        if re.fullmatch(r"(?:厂|公司|全厂|全公司|单位|本厂|我厂|总厂|分厂|车间)", org):
            continue
        return org
    if isinstance(union, str):
        m = re.match(rf"^(?P<o>.+?{spans.ORG_SUFFIX})(?:工会|工会委员会)$", union)
        if m:
            return m["o"]
        # a unit named only in its union without a legal suffix (市三建工会, 新天地商城工会, 阿城区工业园区工会);
        # not a federation (香坊区总工会, 建筑业工会联合会) nor a place's union (道里区工会)
        m = re.match(r"^(?P<o>[\u4e00-\u9fffA-Za-z0-9]{3,20}?)(?:工会|工会委员会)$", union)
        if (
            m
            and not re.search(r"(?:总|联合|行业|产业|系统)$", m["o"])
            and not re.fullmatch(r"[\u4e00-\u9fff]{1,4}(?:省|市|区|县|镇|乡|街道)", m["o"])
            and not generic(m["o"])
        ):
            return m["o"]
    return None


def organiser(text: str) -> str | None:
    union = spans.label_value(text, _UNION_LABELS)
    if union and re.search(r"\d", union) and "工会" not in union:
        union = None  # 市总工会主办 4月20日到…: after the label came the dates, not a union
    union = union or _union(text)
    return spans.trim_org(union) if union else None


# a unit named by its kind only (医院, 学校, 物业公司, 社区卫生服务中心): no name to store (a trade's firm, 热电公司,
# is one to some writers and not to others, so it stays)
_GENERIC_UNIT = re.compile(
    r"(?:就|是)?(?:我们|咱们|本)?(?:医院|学校|商场|超市|酒店|宾馆|饭店|物业公司|社区卫生服务中心|卫生服务中心|社区|项目部|车间|护理部|"
    r"集团|公司|厂|总厂|单位)|(?:[\u4e00-\u9fff]{2,4}(?:区|市|县))?一家小?(?:厂|公司|饭店|店|企业)|"
    # (几家个体小饭店, 个私营小厂)
    r"(?:几家|一家|个)?(?:个体|私营|民营)?小?(?:饭店|厂|店|公司|企业)|"
    # (松北区各非公企业: all of them, no one unit; 区总工会 without a district's name)
    r"[\u4e00-\u9fff]{0,4}各[\u4e00-\u9fff]{0,6}|(?:区|县)总"
)


def generic(unit: str) -> bool:
    return bool(_GENERIC_UNIT.fullmatch(unit))


# what is left of a labelled project (项目哈尔滨…工程 once the project is read) or our own site
_BARE_SITE = re.compile(r"(?:我们)?(?:项目|工程|项目部|工地)|依托|围绕|结合|服务")


def unit_of(text: str, heads: dict[str, str], union: str | None) -> str | None:
    written = re.search(
        r"单位(?:名称)?(?:就)?(?:写成|写|填)(?P<v>[^，,。；;\s]{3,30})", text
    )  # 单位写哈尔滨客运段
    if written:
        return spans.trim_org(written["v"])
    unit = spans.label_value(text, _UNIT_LABELS) or _unit(heads.get("参赛单位", ""), None)
    # a unit called so (`我们是建筑公司 叫龙建`) is named more exactly than the kind of unit it is
    owned = segments.owned_unit(text)  # 宏远纺织 私营企业: the piece before its ownership
    if not unit and not _called_unit(text, (_CALLED_UNIT,)) and owned and owned != union:
        return None if _BARE_SITE.fullmatch(owned) else owned  # as written: 嘉和科技 is no 和-clause to trim
    unit = (
        unit
        or _called_unit(text, (_CALLED_UNIT,))
        or _unit(text, union)
        or _called_unit(text, (_TRADE_UNIT,))
    )
    if unit and unit != union:
        unit = spans.trim_org(unit)
        return None if _BARE_SITE.fullmatch(unit) or generic(unit) else unit
    return None


def key_project(text: str) -> str | None:
    project = spans.label_value(text, (*_PROJECT_LABELS, "项目名称"))
    if project and re.search(r"(?:竞赛|比武|练兵|大赛)$", project):
        # 项目名称：…劳动竞赛: the competition's own name (an item, not a works)
        project = spans.label_value(text, _PROJECT_LABELS)
    project = project or _type_of_project(text)
    if not project:
        named = [
            m["p"].strip("“”") for m in _PROJECT.finditer(text) if not _GENERIC_PROJECT.fullmatch(m["p"])
        ]
        named = named or [
            m["p"] for m in _BUILD_PROJECT.finditer(text) if not _GENERIC_PROJECT.fullmatch(m["p"])
        ]
        project = named[0] if named else _said_project(text)
    if project:  # a label typed without its colon: 项目就是松北新区道路改造工程, 项目哈尔滨机场T3航站楼工程
        # (依托的是…, 咱们新区的哈尔滨科学城一期项目)
        project = re.sub(
            r"^(?:的是|就是|是|承建|参建|施工)|^(?:咱们|我们)[\u4e00-\u9fff]{0,4}?的(?=[\u4e00-\u9fff]{4})",
            "",
            project,
        )
        bare = re.sub(r"^(?:项目|工程)(?:名称|名)?(?:就是|就叫|是|为|叫)?", "", project)
        project = bare if len(bare) >= 4 else project
    if project and not _GENERIC_PROJECT.fullmatch(project):
        return project
    return None


# `项目是…`, `项目：…`, `项目 …` (not 竞赛项目: a plan's events), or a phrase of its own that ends in 工程/项目
_PROJECT_SAID = re.compile(
    r"(?<![竞赛比武重点关联依托参建部百])项目(?:是|为|[:：]|\s)\s*[“\"《]?(?P<p>[^，,。；;\s“”\"《》]{2,40})"
    # after the project's level or a project verb (依托省百大项目哈尔滨至肇源高速公路), whatever it is called
    r"|(?:省百大项目|市重点(?:产业)?项目|省重点项目|重点项目|依托项目|关联项目)(?:是|为|[:：])?\s*[“\"《]?"
    r"(?P<q>[^，,。；;\s“”\"《》]{4,30})"
)
_PROJECT_ALONE = re.compile(
    r"(?:^|[，,；;。\s])(?P<p>[\u4e00-\u9fffA-Za-z0-9]{3,30}(?:工程|项目))(?=[，,；;。\s]|$|要搞|想搞|准备|要开展)"
)  # (哈尔滨地铁3号线二期工程要搞劳动竞赛: the works is what the sentence is about)
# (项目 2027年6月1日开始, 项目 市交投集团: after a bare space the next piece is no project's name)
_NOT_A_PROJECT = re.compile(
    r"竞赛|比武|练兵|、|开展|围绕|参加|计划|联系|职工|工会|^\d|开始|搞|他们|" + spans.ORG_SUFFIX + "$"
)
# 城东快速路项目的六比一创: the project a competition of a type is run on
_OF_PROJECT = re.compile(
    r"(?P<p>[\u4e00-\u9fff]{3,24}?(?:项目|工程))的(?:六比一创|三保一促|安康杯|劳动竞赛|竞赛)"
)


def _type_of_project(text: str) -> str | None:
    m = _OF_PROJECT.search(text)
    if not m:
        return None
    p = re.sub(r"^.*?(?:搞的是|是|在|围绕|依托)", "", m["p"])
    return p if len(p) >= 4 and not _GENERIC_PROJECT.fullmatch(p) else None


def _said_project(text: str) -> str | None:
    for pattern in (_PROJECT_SAID, _PROJECT_ALONE):
        for m in pattern.finditer(text):
            p = m.group("p") or m.groupdict().get("q")
            if p and not _NOT_A_PROJECT.search(p) and not _GENERIC_PROJECT.fullmatch(p):
                return p
    return None


# a unit named without a legal suffix: called so after 厂/公司/单位 (`我们是私营的小厂 叫宏图包装`), or a phrase of
# its own that ends in a trade (`哈尔滨亿达建材`, `哈尔滨华润燃气`)
_CALLED_UNIT = re.compile(
    r"(?:厂|公司|单位|企业)[，,\s]*(?:名字|名称)?(?:叫做|叫|名叫)\s*(?P<u>[\u4e00-\u9fffA-Za-z]{2,16})(?=[，,；;。\s]|$)"
)
# … and starts with where it is (a trade alone, `基础设施建设`, names no unit)
_PLACE = r"(?:哈尔滨|黑龙江|龙江|中国|北大荒|[\u4e00-\u9fff]{2,3}(?:省|市|区|县))"
_TRADE_UNIT = re.compile(
    rf"(?:^|[，,；;。\s])(?P<u>{_PLACE}[\u4e00-\u9fff]{{1,12}}{TRADES})(?=[，,；;。\s]|$)"
)
_NOT_A_UNIT = re.compile(
    r"竞赛|比武|练兵|开展|参加|计划|联系|职工|工会|我|咱|你|单位|项目|哪|什么|报|登记|搞"
)


def _called_unit(text: str, patterns: tuple[re.Pattern[str], ...]) -> str | None:
    for pattern in patterns:
        for m in pattern.finditer(text):
            if not _NOT_A_UNIT.search(m["u"]):
                return m["u"]
    return None
