"""The rule-based understander: intent by `intents.classify` (and, where the rules are unsure, by the learned
reader of `learned.py`), fields by the extractors. Offline, fast, and the fallback of every other
understander."""

from __future__ import annotations

from datetime import date
from typing import Literal

from bot.understanding.activity import extract_activity
from bot.understanding.competition import extract_competition
from bot.understanding.intents import classify
from bot.understanding.learned import IntentReader, settle, shipped
from bot.understanding.model import Intent, Understanding

MAX_CHARS = 20_000  # a pasted plan is a few pages; past this the text is read no further


class RuleUnderstander:
    def __init__(self, learned: IntentReader | None | Literal["shipped"] = "shipped") -> None:
        """`learned`: the second reader of intents where the rules are unsure (bot.understanding.learned;
        by default the one trained on the shipped examples); None: the rules alone."""
        self._learned = learned

    @property
    def learned(self) -> IntentReader | None:
        if self._learned == "shipped":
            self._learned = shipped()
        return self._learned

    def understand(self, text: str, *, today: date) -> Understanding:
        text = (text or "")[:MAX_CHARS]
        scored = classify(text, today=today)
        if self.learned is not None:
            scored = settle(scored, text, self.learned)
        fields: dict[str, object] = {}
        notes: dict[str, str] = {}
        if scored.intent is Intent.REGISTER:
            fields, notes = extract_competition(text, today=today)
        elif scored.intent is Intent.ACTIVITY:
            fields, notes = extract_activity(text, today=today)
        return Understanding(scored.intent, fields, notes, scored.confidence, scored.alternatives)

    def competition(self, text: str, *, today: date) -> Understanding:
        """Read the text as a registration whatever it looks like (a pasted plan, an uploaded file)."""
        fields, notes = extract_competition(text[:MAX_CHARS], today=today)
        return Understanding(Intent.REGISTER, fields, notes)

    def activity(self, text: str, *, today: date) -> Understanding:
        fields, notes = extract_activity(text[:MAX_CHARS], today=today)
        return Understanding(Intent.ACTIVITY, fields, notes)
