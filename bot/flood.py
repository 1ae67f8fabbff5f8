"""Flood control on the engine side, the same for every channel.

A person filling a form types an answer every few seconds and taps buttons in between: those messages
are never refused (a 13-field form plus corrections easily exceeds 20 a minute). Outside a form a
generous burst is allowed, then about one message every two seconds; a script hammering the bot is
still stopped by a hard cap that applies to everyone. When a message is refused the reply says which
one, so the person knows what to send again.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class FloodPolicy:
    burst: int = 30  # messages a minute outside a form
    hard_cap: int = 120  # messages a minute for anyone, in a form or not: only a script gets here
    window: float = 60.0


class FloodGuard:
    def __init__(
        self, policy: FloodPolicy | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.policy = policy or FloodPolicy()
        self.clock = clock
        self._all: dict[str, deque[float]] = defaultdict(deque)  # every message: the hard cap
        self._free: dict[str, deque[float]] = defaultdict(deque)  # messages outside a form: the burst
        self._lock = threading.Lock()

    def admit(self, key: str, *, in_form: bool) -> bool:
        """Counts the message and says whether to handle it. Form answers never use up the burst."""
        now = self.clock()
        p = self.policy
        with self._lock:
            every, free = self._all[key], self._free[key]
            for seen in (every, free):
                while seen and now - seen[0] > p.window:
                    seen.popleft()
            if len(every) >= p.hard_cap or (not in_form and len(free) >= p.burst):
                return False
            every.append(now)
            if not in_form:
                free.append(now)
            return True
