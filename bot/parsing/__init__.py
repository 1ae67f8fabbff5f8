"""Turn what a cadre types into form values: dates, counts, choices and conversational intents.

Pure functions, no I/O and no channel types, so the conversation engine can call them from any
channel and tests can run them in bulk. Anything the user must correct raises `ParseError`, whose
`message` is polite Simplified Chinese ready to be shown as-is. One module per kind of value.
"""

from bot.parsing.choices import match_choice, suggest_choice
from bot.parsing.counts import parse_count
from bot.parsing.dates import DateReading, parse_date, read_date
from bot.parsing.intents import intent_of, looks_like_question
from bot.parsing.text import ParseError, normalise

__all__ = [
    "DateReading",
    "ParseError",
    "intent_of",
    "looks_like_question",
    "match_choice",
    "normalise",
    "parse_count",
    "parse_date",
    "read_date",
    "suggest_choice",
]
