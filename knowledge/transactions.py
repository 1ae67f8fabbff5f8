"""SQLite writes that wait for other processes instead of failing: a busy timeout, IMMEDIATE
transactions and a few retries, then one domain error (StoreBusy) instead of a raw OperationalError.

A `gonghui ingest` beside a running `gonghui serve` shares knowledge.db with it; each waits for the
other's (short) write transactions.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator

import sqlite_utils

from knowledge.errors import StoreBusy

BUSY_TIMEOUT = 30.0  # seconds a write waits for another process's transaction, retries included
BUSY_ATTEMPTS = 3


def connect(path: str, *, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection whose every statement waits up to busy_timeout / BUSY_ATTEMPTS for a lock."""
    attempt = max(busy_timeout / BUSY_ATTEMPTS, 0.05)
    # channels call in from worker threads (Telegram, web): one shared connection, serialised by
    # SQLite itself (threadsafety 3) and, for multi-statement writes, by the caller's lock
    conn = sqlite3.connect(path, check_same_thread=False, timeout=attempt)
    conn.execute(f"PRAGMA busy_timeout = {int(attempt * 1000)}")
    return conn


def is_busy(exc: BaseException) -> bool:
    """SQLite's "database is locked" / "busy": another connection holds the write lock."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


@contextlib.contextmanager
def write_transaction(
    db: sqlite_utils.Database, lock: threading.RLock, path: str
) -> Iterator[sqlite_utils.Database]:
    """One write transaction, begun IMMEDIATE: a deferred one that read first fails at once with
    "database is locked" when another process committed meanwhile (SQLite cannot upgrade a stale
    snapshot), whatever the busy timeout. Nested calls become savepoints."""
    with lock:
        if db.conn.in_transaction:
            with db.atomic():
                yield db
            return
        _begin(db, path)
        try:
            with db.atomic():  # a savepoint: rolls back cleanly on error
                yield db
            db.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise


def _begin(db: sqlite_utils.Database, path: str) -> None:
    for attempt in range(BUSY_ATTEMPTS):
        try:
            db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            time.sleep(0.05 * (attempt + 1))
    raise StoreBusy(path)
