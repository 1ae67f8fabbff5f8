"""Which of a field's options the user meant: exact, alias, number, or a unique name inside the text."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.parsing.numerals import NUMERAL_CHARS, parse_int
from bot.parsing.text import compact, strip_edges

_ORDINAL_RE = re.compile(
    rf"^(?:选|选择|选第|第)?(?P<n>\d{{1,3}}|[{re.escape(NUMERAL_CHARS)}]{{1,4}})(?:个|项|种|条|号|类)?$"
)


def _choice_key(text: str) -> str:
    """Comparison form: width- and case-insensitive, no spaces, no wrapping punctuation."""
    return strip_edges(compact(text).casefold())


def match_choice(
    text: str,
    options: Sequence[str],
    *,
    aliases: Mapping[str, str] | None = None,
) -> str | None:
    """The option the user meant, or None if there is none or more than one candidate.

    Tried in order: exact (case/width-insensitive) match; alias (key → option); option number,
    1-based ("2", "2.", "第二个", "②", "(2)"); then a unique substring either way ("六比一创竞赛"
    → "六比一创", "N个一" → "节能减排/N个一"). The user's text must be at least two characters to
    be looked up inside an option, so "五" does not pick "五小".
    """
    key = _choice_key(text)
    if not key or not options:
        return None
    keyed = [(_choice_key(opt), opt) for opt in options]

    for opt_key, opt in keyed:
        if key == opt_key:
            return opt

    alias_targets: list[tuple[str, str]] = []  # (alias key, resolved option)
    for alias, target in (aliases or {}).items():
        resolved = _resolve_option(target, keyed)
        if resolved is not None:
            alias_targets.append((_choice_key(alias), resolved))
    for alias_key, resolved in alias_targets:
        if key == alias_key:
            return resolved

    number = _ordinal(key)
    if number is not None:
        return options[number - 1] if 1 <= number <= len(options) else None

    return _unique_substring(key, keyed, alias_targets)


def _resolve_option(target: str, keyed: list[tuple[str, str]]) -> str | None:
    # An alias table may spell its target differently from the option list; tolerate that.
    target_key = _choice_key(target)
    for opt_key, opt in keyed:
        if opt_key == target_key:
            return opt
    return None


def _ordinal(key: str) -> int | None:
    # Wrapping punctuation ("(2)", "2.", "2、") is already gone: _choice_key strips it.
    body = key
    m = _ORDINAL_RE.match(body)
    if not m:
        return None
    n = m.group("n")
    if not n.isdigit() and not body.startswith(("第", "选")):
        # A bare Chinese numeral ("五") is too likely to be part of an option name ("五小").
        return None
    try:
        return int(n) if n.isdigit() else parse_int(n)
    except ValueError:
        return None


_NEGATED = re.compile(r"(不|没|别|并非|未)(是|搞|要|选|有|属于|参加|开展)?$")


def _unique_substring(
    key: str, keyed: list[tuple[str, str]], alias_targets: list[tuple[str, str]]
) -> str | None:
    # Options named inside the answer ("六比一创竞赛"); keep only the longest such names, so
    # "非公企业" picks "非公" even though "公" might also be an option.
    inside = [(opt_key, opt) for opt_key, opt in keyed if opt_key in key]
    inside += [(alias_key, opt) for alias_key, opt in alias_targets if alias_key and alias_key in key]
    maximal = {opt for k, opt in inside if not any(k != other and k in other for other, _ in inside)}
    if len(maximal) == 1:
        # "不是五小" / "我们没搞安康杯" name an option to rule it out: ask again rather than pick it
        named = min((key.find(k) for k, opt in inside if opt in maximal), default=0)
        return None if _NEGATED.search(key[:named]) else maximal.pop()
    if maximal:
        return None
    # The answer inside an option name ("N个一" → "节能减排/N个一").
    if len(key) < 2:
        return None
    around = {opt for opt_key, opt in keyed if key in opt_key}
    around |= {opt for alias_key, opt in alias_targets if key in alias_key}
    return around.pop() if len(around) == 1 else None


def suggest_choice(
    text: str, options: Sequence[str], *, aliases: Mapping[str, str] | None = None
) -> str | None:
    """The option a mistyped answer most likely means ("安康悲" → "安康杯", "五晓" → "五小"), or None.

    Only for an answer `match_choice` could not place: the closest option or alias by edit distance
    on the characters or on their toneless pinyin (homophones are the usual typing slip with a
    pinyin input method), within one edit for short names and two for names of five or more
    characters. A tie between two options suggests nothing.
    """
    key = _choice_key(text)
    if len(key) < 2:
        return None
    names = [(_choice_key(o), o) for o in options]
    for alias, target in (aliases or {}).items():
        resolved = _resolve_option(target, names)
        if resolved is not None:
            names.append((_choice_key(alias), resolved))
    spoken = _pinyin(key)
    best: dict[str, int] = {}
    for name, opt in names:
        allowed = 1 if len(name) < 5 else 2
        d = min(_distance(key, name), _distance(spoken, _pinyin(name)))
        if d <= allowed and d < best.get(opt, 99):
            best[opt] = d
    if not best:
        return None
    low = min(best.values())
    winners = [o for o, d in best.items() if d == low]
    return winners[0] if len(winners) == 1 else None


def _pinyin(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # imported on first use: most answers never need it

    return tuple(lazy_pinyin(text))


def _distance(a: Sequence, b: Sequence) -> int:
    """Levenshtein distance over characters (or syllables)."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]
