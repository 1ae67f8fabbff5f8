"""What channels hand the conversation engine and what it hands back: no channel types here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sender:
    """Who speaks, as a channel knows them: `channel` ("tg", "local", "web", "wecom" …) and the
    channel's own id for the person (a Telegram user id, a local or web user name). `session` tells
    apart parallel conversations of one person (web console tabs)."""

    channel: str
    external_id: str
    display_name: str = ""
    session: str = ""

    @property
    def key(self) -> str:
        """Stable per person, channel and session: "tg:12345", "local:admin", "web:zhang#console"."""
        base = f"{self.channel}:{self.external_id}"
        return f"{base}#{self.session}" if self.session else base


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
    # a file the channel did not download because this sender may not send files (name only)
    file_withheld: str | None = None
    # the channel can show an answer as it grows (it edits one message: Telegram), so a streamed
    # answer may come back as `Reply.drafts`
    drafts: bool = False


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
    # only for an Incoming with `drafts`: the text as it grows, at most about once a second; the last item
    # is the final text, which replaces `text` (shown until the first draft arrives). Read it once.
    drafts: Iterable[str] | None = None
