"""Registry records: plain, frozen, channel-agnostic. Values are already parsed and validated."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

COMPETITION_TYPES = (
    "安康杯",
    "五小",
    "六比一创",
    "三保一促",
    "五创",
    "节能减排/N个一",
    "四新合理化建议",
    "岗位练兵",
    "技术比武",
    "优质服务",
    "其他",
)
STATUSES = ("草稿", "已登记", "进行中", "已结束", "已表彰")
ACTIVITY_KINDS = (
    "动员会",
    "座谈会",
    "启动会",
    "倡议书",
    "宣传",
    "培训",
    "岗位练兵",
    "技术比武",
    "表彰",
    "其他",
)
OWNERSHIPS = ("公有", "非公")
ROLES = ("admin", "cadre", "trainer", "viewer", "trainee")
PROJECT_LEVELS = ("省百大", "市重点")


@dataclass(frozen=True)
class UploadLimits:
    """What an upload may hold, the same in the chat, the console and the API (from Settings)."""

    file_bytes: int = 20 * 1024 * 1024  # one file (a document, a photo); Telegram lets a bot download 20 MB
    files_per_upload: int = 10  # files sent at once (a console form, a chat /activity)
    files_per_activity: int = 20  # attachments of one activity over its lifetime

    @property
    def file_mb(self) -> str:
        mb = self.file_bytes / (1024 * 1024)
        return f"{mb:g}" if mb >= 1 else f"{mb:.2g}"


@dataclass(frozen=True)
class Union:
    id: int
    name: str
    parent_id: int | None = None
    district: str | None = None


@dataclass(frozen=True)
class User:
    id: int
    name: str  # unique login name: "<channel>:<external id>" for chat users ("tg:12345"), else local
    display_name: str
    role: str  # one of ROLES
    union_id: int | None = None
    approved: bool = False
    # how a chat channel knows the person: ("tg", "12345"); None for users made on the command line
    channel: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class KeyProject:
    id: int
    name: str
    level: str  # one of PROJECT_LEVELS
    district: str | None = None
    industry: str | None = None


@dataclass(frozen=True)
class Competition:
    id: int
    reg_no: str  # JS-2026-0001
    name: str
    type: str  # one of COMPETITION_TYPES
    type_other: str | None
    level: str | None  # 市级/区县级/企业级 …
    union_name: str  # 主办工会 as typed
    union_id: int | None  # linked when the name is a known union; None = flagged for an admin
    unit: str  # 参赛单位 (enterprise or unit)
    ownership: str  # one of OWNERSHIPS
    industry: str | None
    project_id: int | None
    start: dt.date
    end: dt.date
    planned: int  # planned participating workers
    total: int  # total workers of the unit
    contact: str
    phone: str
    description: str | None
    status: str  # one of STATUSES
    created_by: int
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Activity:
    id: int
    kind: str  # one of ACTIVITY_KINDS
    kind_other: str | None
    date: dt.date
    place: str
    organiser: str
    participants: int
    summary: str
    competition_id: int | None
    recorded_by: int
    created_at: str
    attachments: tuple[Attachment, ...] = field(default=())


@dataclass(frozen=True)
class Attachment:
    id: int
    filename: str
    path: str  # relative to the data dir
    sha256: str
    size: int


def to_jsonable(value: object) -> object:
    """Records (and lists/dicts of them) as JSON-ready values: dates become ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: to_jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value
