"""What every flow shares: the per-message context, the outcome of a step, and small reply helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from bot import texts
from bot.messages import Button, Incoming, Reply, Sender

if TYPE_CHECKING:  # flows stay importable on their own; the checker sees the real types
    from knowledge.base import KnowledgeBase
    from registry import Registry
    from registry.model import User

# intents a pressed control button carries as its value, so channels need no special casing
SKIP, BACK, CONFIRM, EDIT, DONE = "skip", "back", "confirm", "edit", "done"
SKIP_BUTTON = Button(texts.SKIP, SKIP)


@dataclass(frozen=True)
class Context:
    """Everything a flow may use while handling one message."""

    registry: Registry
    knowledge: KnowledgeBase
    sender: Sender
    user: User | None  # None for a sender no channel identity names yet
    today: date
    now: datetime | None = None  # when the message arrived (the engine's clock); follow-ups expire by it
    drafts: bool = False  # the channel shows an answer as it grows (Incoming.drafts)

    @property
    def member(self) -> User:
        """The user a registry flow acts as: the engine starts those flows only for a known user."""
        if self.user is None:
            from registry.errors import PermissionDenied
            from registry.policy import NOT_APPROVED

            raise PermissionDenied(NOT_APPROVED)
        return self.user


@dataclass(frozen=True)
class Outcome:
    """Replies for the user and the conversation state to persist (None = the flow is over)."""

    replies: list[Reply]
    state: dict | None = None


@dataclass(frozen=True)
class Said:
    """A message reduced to what flows look at: typed text, pressed value, intent, attached file."""

    text: str
    choice: str | None
    intent: str | None
    msg: Incoming = field(repr=False)

    @property
    def answer(self) -> str:
        """The pressed value if any, else the typed text."""
        return self.choice if self.choice is not None else self.text


def said(msg: Incoming, *, intent_of: Callable[[str], str | None]) -> Said:
    text = (msg.text or "").strip()
    choice = msg.choice
    intent: str | None
    if choice in (SKIP, BACK, CONFIRM, EDIT, DONE, "cancel"):
        intent = choice
    elif choice is not None:
        # a channel may hand over a button's label ("确认") instead of its value ("confirm")
        intent = None if ":" in choice or choice.startswith("/") else intent_of(choice)
        if choice == texts.DONE:
            intent = DONE
    elif text:
        intent = intent_of(text)
        if intent is None and text in (texts.DONE, "好了", "发完了", "没有了"):
            intent = DONE
    else:
        intent = None
    return Said(text=text, choice=choice, intent=intent, msg=msg)


def join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)
