"""What channels hand the conversation engine and what it hands back: no channel types here."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sender:
    """Who speaks. `key` is stable per person and channel: "tg:12345", "local:admin", "web:<session>"."""

    key: str
    display_name: str = ""
    telegram_id: int | None = None


@dataclass(frozen=True)
class InFile:
    filename: str
    data: bytes
    mime: str = ""


@dataclass(frozen=True)
class Incoming:
    sender: Sender
    text: str = ""  # typed text or a /command
    choice: str | None = None  # the `value` of a pressed Button
    file: InFile | None = None


@dataclass(frozen=True)
class Button:
    label: str
    value: str


@dataclass(frozen=True)
class OutFile:
    filename: str
    data: bytes
    mime: str = "application/octet-stream"


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    file: OutFile | None = None
    extra: dict[str, object] = field(default_factory=dict)  # e.g. citations for channels that render them
