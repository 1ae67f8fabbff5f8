"""Union terms the glossary explains and term clozes cut (knowledge's own dictionary of union words,
plus the ones a new 非公企业 union chair meets first)."""

from __future__ import annotations

from pathlib import Path

import knowledge

CORE_TERMS = (
    "五小",
    "六比一创",
    "三保一促",
    "五创",
    "安康杯",
    "工人先锋号",
    "职代会",
    "职工代表大会",
    "厂务公开",
    "集体协商",
    "集体合同",
    "专项集体合同",
    "会员大会",
    "会员代表大会",
    "基层工会委员会",
    "工会经费",
    "劳动竞赛",
    "岗位练兵",
    "技术比武",
    "合理化建议",
    "女职工委员会",
    "协商代表",
    "首席代表",
)


def _dictionary() -> tuple[str, ...]:
    path = Path(knowledge.__file__).parent / "data" / "union_terms.txt"
    words = [line.split()[0] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tuple(w for w in words if len(w) >= 2)


UNION_TERMS = frozenset(CORE_TERMS) | frozenset(_dictionary())
