"""The shapes every understander returns, whichever way it reads a message (rules or an LLM).

Field names are those of `gonghui competitions show --json` and `gonghui activities show --json`, so what
is understood can be shown, stored and compared without translation: dates are `datetime.date`, counts
`int`, `project` and `competition` names (the registry resolves them), everything else `str`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Protocol


class Intent(Enum):
    QUESTION = "question"  # a policy question for the knowledge base
    REGISTER = "register"  # register a competition
    ACTIVITY = "activity"  # record a mobilisation activity
    MY = "my"  # my records: list, open or change one
    STATS = "stats"
    EXPORT = "export"
    HELP = "help"


COMPETITION_FIELDS = (
    "name",
    "type",
    "union_name",
    "unit",
    "ownership",
    "project",
    "start",
    "end",
    "planned",
    "total",
    "contact",
    "phone",
    "description",
)
ACTIVITY_FIELDS = ("kind", "date", "place", "participants", "summary", "competition")


@dataclass(frozen=True)
class Understanding:
    intent: Intent
    # what the message states, by field name (only for REGISTER and ACTIVITY; empty otherwise)
    fields: Mapping[str, object] = field(default_factory=dict)
    # how a value was read when the reading is not literal, by field name (e.g. "start": "2027-06-01，按明年理解")
    notes: Mapping[str, str] = field(default_factory=dict)
    # 0..1; below the understander's threshold the engine asks (您是想登记竞赛，还是查询政策？) with `alternatives`
    confidence: float = 1.0
    alternatives: tuple[Intent, ...] = ()


class Understander(Protocol):
    def understand(self, text: str, *, today: date) -> Understanding: ...
