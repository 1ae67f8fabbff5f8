"""Whose rule a passage is, seen from the person asking: national, their own place, the place the
question names, or another place (labelled: ``上海市地方性法规``).

A document's place is the province or city its title (or issuer) starts with: 上海市工会条例 → 上海市,
哈尔滨市总工会… → 哈尔滨市; a title without one (工会法, 国务院关于…, 中国工会章程) is national. The asker's
place comes from their union's name and its parents (松北区总工会 under 哈尔滨市总工会) and from the
deployment's region (``GONGHUI_REGION=黑龙江省哈尔滨市``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from knowledge.model import Hit, Reach

# the provincial-level divisions, full names; their short names are what people type (上海, 黑龙江)
PROVINCES = (
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
)
_SUFFIX = re.compile(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")
SHORT = {p: _SUFFIX.sub("", p) for p in PROVINCES}
# a city (or prefecture) at the start of a name: 哈尔滨市总工会, 大连市…; not 全市/本市/城市
_CITY = re.compile(r"^([\u4e00-\u9fff]{2,4}?(?:市|自治州|州|盟|地区))")
_NOT_CITY = {"全市", "本市", "城市", "各市", "该市", "县市", "地区"}
_ORGANS = ("总工会", "工会", "人民", "人大", "省总", "市总", "区总")
_LAWMAKING = ("条例", "办法", "规定", "细则", "决定")


@dataclass(frozen=True)
class Place:
    province: str | None = None  # full name, 黑龙江省
    city: str | None = None  # 哈尔滨市

    @property
    def name(self) -> str:
        return self.city or self.province or ""

    def names(self) -> set[str]:
        """Every way a question may name it: 黑龙江省, 黑龙江, 哈尔滨市, 哈尔滨."""
        out: set[str] = set()
        if self.province:
            out |= {self.province, SHORT[self.province]}
        if self.city:
            out |= {self.city, _SUFFIX.sub("", self.city) or self.city}
        return {n for n in out if len(n) >= 2}


def place_of(name: str | None) -> Place | None:
    """The place a title, issuer or region starts with, or None (national)."""
    text = (name or "").strip()
    province = next((p for p in PROVINCES if text.startswith(p)), None)
    if province is None:
        # a short name counts only before an organ (黑龙江总工会, 广西人民政府): 北京大学 is no place
        province = next((p for p, s in SHORT.items() if text.startswith(tuple(s + o for o in _ORGANS))), None)
    rest = text[len(province) :] if province else text
    city_match = _CITY.match(rest)
    city = city_match.group(1) if city_match and city_match.group(1) not in _NOT_CITY else None
    if province in ("北京市", "天津市", "上海市", "重庆市"):
        city = None  # a municipality is its own province
    if province is None and city is None:
        return None
    return Place(province=province, city=city)


@dataclass(frozen=True)
class Locale:
    """Where the asker is: provinces and cities, from their union and the deployment's region."""

    places: tuple[Place, ...] = ()

    @classmethod
    def of(cls, user_region: str | None, deployment_region: str | None) -> Locale:
        """The user's places (their union and its parents, outermost first, space separated); the
        deployment's region fills in a province the user's union does not name."""
        mine = [p for p in (place_of(part) for part in (user_region or "").split()) if p]
        deployed = place_of(deployment_region)
        if deployed is not None:
            provinces = {p.province for p in mine if p.province}
            if not provinces or deployed.province in provinces:
                mine.append(deployed)
        return cls(tuple(dict.fromkeys(mine)))

    def contains(self, place: Place) -> bool:
        for mine in self.places:
            if place.province and place.province == mine.province and not place.city:
                return True  # a provincial rule applies in every city of the province
            if place.city and place.city == mine.city:
                return True
        return False


def label(place: Place, *, doc_type: str | None, issuer: str | None) -> str:
    """上海市地方性法规, 哈尔滨市政府规章, 哈尔滨市文件."""
    if doc_type in _LAWMAKING or (doc_type or "").endswith(("条例", "法规")):
        if issuer and "人民政府" in issuer:
            return f"{place.name}地方政府规章"
        return f"{place.name}地方性法规"
    return f"{place.name}文件"


def annotate(hits: list[Hit], *, question: str, locale: Locale) -> list[Hit]:
    """Each hit with its reach (national / named / own / other) and, for another place's rule, a label."""
    out = []
    for h in hits:
        place = place_of(h.title) or place_of(h.issuer)
        if place is None:
            out.append(replace(h, reach=Reach.NATIONAL, jurisdiction=None))
        elif any(n in question for n in place.names()):
            out.append(replace(h, reach=Reach.NAMED, jurisdiction=None))
        elif locale.contains(place):
            out.append(replace(h, reach=Reach.OWN, jurisdiction=None))
        else:
            out.append(
                replace(h, reach=Reach.OTHER, jurisdiction=label(place, doc_type=h.doc_type, issuer=h.issuer))
            )
    return out


def preference(hit: Hit, *, question_names_place: bool) -> int:
    """Higher first: the named place's rule, then national law, then the asker's own, then others."""
    order = {Reach.NAMED: 3, Reach.NATIONAL: 2, Reach.OWN: 1, Reach.OTHER: 0}
    if not question_names_place and hit.reach is Reach.NAMED:
        return 1
    return order[hit.reach]
