"""The competition registration a cadre types in chat, once for every channel's tests (engine, terminal,
Telegram, web chat, browser): the answers to /register's 13 questions, in the form's order. A test
changes only what it is about (`replace(REGISTRATION, name=…)`) and keeps its own assertions."""

from __future__ import annotations

from dataclasses import astuple, dataclass


@dataclass(frozen=True)
class Registration:
    name: str = "2026年安康杯安全生产竞赛"
    type: str = "安康杯"
    union: str = "松北区总工会"
    unit: str = "哈尔滨电机厂有限责任公司"
    ownership: str = "国有"
    project: str = "跳过"  # the key-project step: none
    start: str = "6月1日"
    end: str = "2026年12月31日"
    planned: str = "二百人"
    total: str = "一千二百"
    contact: str = "王丽"
    phone: str = "13904511234"
    description: str = "跳过"

    def answers(self) -> tuple[str, ...]:
        """What is typed after /register, one message per question; the summary follows the last."""
        return astuple(self)

    def typed(self) -> list[str]:
        """The whole conversation up to the summary: /register and the 13 answers (14 messages)."""
        return ["/register", *self.answers()]


REGISTRATION = Registration()
# the registration the Telegram and browser tests type: a 技术比武 that ends within the month
WELDERS = Registration(
    name="2026年焊工技术比武",
    type="技术比武",
    ownership="非公",
    start="2026年6月1日",
    end="2026年6月30日",
    contact="李明",
    phone="13904510000",
)
