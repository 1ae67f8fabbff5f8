"""Conversation state: one JSON document per key, so a registration half-way through survives a restart.
Dates (what check_field returns for 开始日期) round-trip as {"$date": "2026-05-26"}."""

from __future__ import annotations

import datetime as dt
import json

from registry.core import RegistryBase, now


def _encode(value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"$date": value.isoformat()}
    raise TypeError(f"会话状态只能保存 JSON 数据，不能保存 {type(value).__name__}。")


def _decode(obj: dict) -> object:
    if obj.keys() == {"$date"}:
        return dt.date.fromisoformat(obj["$date"])
    return obj


class StateMixin(RegistryBase):
    def load_state(self, key: str) -> dict | None:
        row = self._row("SELECT state FROM conversation_state WHERE key = ?", (key,))
        return json.loads(row["state"], object_hook=_decode) if row else None

    def save_state(self, key: str, state: dict) -> None:
        text = json.dumps(state, ensure_ascii=False, default=_encode)
        with self._write():
            self.db.execute(
                "INSERT INTO conversation_state(key, state, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                (key, text, now()),
            )

    def clear_state(self, key: str) -> None:
        with self._write():
            self.db.execute("DELETE FROM conversation_state WHERE key = ?", (key,))
