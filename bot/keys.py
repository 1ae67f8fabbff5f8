"""Buttons for channels that cannot carry our values: short keys and typed numbers.

Telegram allows 64 bytes of `callback_data` (a union name of 22 Chinese characters is already more), and
a text-only channel (the terminal, SMS-like channels) has no buttons at all. Such channels ask the engine
for `ButtonMode.KEYS` or `ButtonMode.NUMBERS`: the engine remembers, per conversation, the buttons it
showed last and gives each a short key (`k7.2`, at most a few bytes) or a number (`2`). A press of a key
from an older keyboard is stale: the engine says so instead of guessing what it meant. The mapping is
kept with the conversation state, so it survives a restart.
"""

from __future__ import annotations

import re
from dataclasses import replace
from enum import Enum

from bot.messages import Button, Reply

KEY = re.compile(r"^k(\d+)\.(\d+)$")
MAX_KEY_BYTES = 64  # Telegram's callback_data limit; our keys stay far below it


class ButtonMode(Enum):
    VALUES = "values"  # the channel sends back a button's value as it is (web console, API)
    KEYS = "keys"  # short keys instead of values (Telegram's 64-byte callback_data)
    NUMBERS = "numbers"  # no buttons: the person types the number shown before a choice (terminal)


class Stale(Exception):
    """A key of a keyboard that is no longer the current one."""


class ButtonKeys:
    """Issues and resolves keys; stored in the registry's conversation-state table under `<key>|buttons`."""

    def __init__(self, registry) -> None:
        self.registry = registry

    @staticmethod
    def _slot(sender_key: str) -> str:
        return f"{sender_key}|buttons"

    def issue(self, sender_key: str, replies: list[Reply], mode: ButtonMode) -> list[Reply]:
        """The replies with their buttons keyed for the channel; remembers the values."""
        if mode is ButtonMode.VALUES:
            return replies
        # every answer starts a new keyboard generation: a number refers to the buttons shown last, and
        # a key of an earlier keyboard is stale (the adapter also takes answered keyboards away)
        values = [b.value for r in replies for b in r.buttons]
        saved = self.registry.load_state(self._slot(sender_key)) or {}
        generation = int(saved.get("generation", 0)) + 1
        self.registry.save_state(self._slot(sender_key), {"generation": generation, "values": values})
        out, n = [], 0
        for reply in replies:
            buttons = []
            for b in reply.buttons:
                n += 1
                buttons.append(Button(b.label, f"k{generation}.{n}" if mode is ButtonMode.KEYS else str(n)))
            out.append(replace(reply, buttons=tuple(buttons)))
        return out

    def resolve_key(self, sender_key: str, key: str) -> str | None:
        """The value behind a short key; None when it is not a key; Stale for an old keyboard's key."""
        m = KEY.match(key)
        if m is None:
            return None
        saved = self.registry.load_state(self._slot(sender_key)) or {}
        values = saved.get("values") or []
        generation, n = int(m.group(1)), int(m.group(2))
        if generation != saved.get("generation") or not 1 <= n <= len(values):
            raise Stale(key)
        return values[n - 1]

    def resolve_number(self, sender_key: str, text: str) -> str | None:
        """The value of the n-th button last shown, for a typed number; None otherwise."""
        if not text.isdigit():
            return None
        values = (self.registry.load_state(self._slot(sender_key)) or {}).get("values") or []
        n = int(text)
        return values[n - 1] if 1 <= n <= len(values) else None

    def forget(self, sender_key: str) -> None:
        self.registry.clear_state(self._slot(sender_key))
