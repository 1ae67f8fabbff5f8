"""training.db: courses, lessons, items, enrolments, attempts, Leitner boxes, certificates. Its own file
beside registry.db (sqlite-utils migrations, WAL, writes in BEGIN IMMEDIATE like the registry)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from training.model import (
    GlossaryEntry,
    ItemKind,
    KeyPoint,
    PointKind,
    QuizItem,
    ReviewState,
    Source,
)

migrations = Migrations("gonghui.training")


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE courses (
            id INTEGER PRIMARY KEY, title TEXT NOT NULL, owner_id INTEGER NOT NULL, status TEXT NOT NULL,
            invite_code TEXT NOT NULL UNIQUE, description TEXT NOT NULL DEFAULT '',
            pass_mark INTEGER NOT NULL, created_at TEXT NOT NULL, published_at TEXT);
        CREATE TABLE lessons (
            id INTEGER PRIMARY KEY, course_id INTEGER NOT NULL REFERENCES courses(id), position INTEGER NOT NULL,
            title TEXT NOT NULL, doc_id INTEGER NOT NULL, doc_title TEXT NOT NULL, part TEXT NOT NULL,
            text TEXT NOT NULL, summary TEXT NOT NULL, key_points TEXT NOT NULL, glossary TEXT NOT NULL);
        CREATE INDEX lessons_course ON lessons(course_id, position);
        CREATE TABLE items (
            id INTEGER PRIMARY KEY, course_id INTEGER NOT NULL REFERENCES courses(id),
            lesson_id INTEGER REFERENCES lessons(id), position INTEGER NOT NULL, kind TEXT NOT NULL,
            question TEXT NOT NULL, options TEXT NOT NULL, answer TEXT NOT NULL, source TEXT NOT NULL,
            review TEXT NOT NULL, edited_at TEXT);
        CREATE INDEX items_course ON items(course_id, position);
        CREATE TABLE enrolments (
            course_id INTEGER NOT NULL REFERENCES courses(id), user_id INTEGER NOT NULL,
            enterprise TEXT, union_name TEXT, enrolled_at TEXT NOT NULL, completed_at TEXT,
            current_item_id INTEGER, PRIMARY KEY (course_id, user_id));
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY, course_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
            item_id INTEGER NOT NULL REFERENCES items(id), answer TEXT NOT NULL, correct INTEGER NOT NULL,
            at TEXT NOT NULL);
        CREATE INDEX attempts_user ON attempts(course_id, user_id);
        -- one row per (trainee, item) once answered: the Leitner box and the step it was last seen at
        CREATE TABLE boxes (
            user_id INTEGER NOT NULL, item_id INTEGER NOT NULL REFERENCES items(id), course_id INTEGER NOT NULL,
            box INTEGER NOT NULL, first_correct INTEGER NOT NULL, last_step INTEGER NOT NULL,
            PRIMARY KEY (user_id, item_id));
        CREATE TABLE certificates (
            code TEXT PRIMARY KEY, course_id INTEGER NOT NULL REFERENCES courses(id), user_id INTEGER NOT NULL,
            holder TEXT NOT NULL, course_title TEXT NOT NULL, score INTEGER NOT NULL, issued_at TEXT NOT NULL,
            UNIQUE (course_id, user_id));
        """
    )


@migrations()
def m002_lessons_read(db: Database) -> None:
    # how far a trainee has read, beside the rest of their progress (it lived in the registry's
    # conversation states before, so a reset of those lost it and the console could not show it)
    db.execute("ALTER TABLE enrolments ADD COLUMN lessons_read INTEGER NOT NULL DEFAULT 0")


class Store:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
        self.db = Database(conn)
        self.db.execute("PRAGMA busy_timeout = 30000")
        self.db.execute("PRAGMA foreign_keys = ON")
        if self.db.journal_mode != "wal":
            self.db.enable_wal()
        self._lock = threading.RLock()
        with self.write():
            migrations.apply(self.db)

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def rows(self, sql: str, params: tuple | list = ()) -> list[dict]:
        with self._lock:
            cur = self.db.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def row(self, sql: str, params: tuple | list = ()) -> dict | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    def one(self, sql: str, params: tuple | list = ()) -> dict:
        """The row that must be there (just written): its absence is a bug, not a user's mistake."""
        row = self.row(sql, params)
        if row is None:
            raise LookupError(f"no row for {sql!r} {params!r}")
        return row

    def close(self) -> None:
        self.db.conn.close()


# -- (de)serialising the records kept as JSON ---------------------------------------------------------
def source_json(source: Source) -> str:
    return json.dumps(source.as_json(), ensure_ascii=False)


def source_from(data: dict) -> Source:
    return Source(data["doc_id"], data["title"], data["article"], data["quote"])


def source_of(data: dict | None) -> Source | None:
    """A glossary entry's source, which may be missing (a term no document defines)."""
    return None if data is None else source_from(data)


def points_json(points: tuple[KeyPoint, ...] | list[KeyPoint]) -> str:
    return json.dumps(
        [{"kind": p.kind.value, "text": p.text, "source": p.source.as_json()} for p in points],
        ensure_ascii=False,
    )


def points_of(text: str) -> tuple[KeyPoint, ...]:
    return tuple(
        KeyPoint(PointKind(p["kind"]), p["text"], source_from(p["source"])) for p in json.loads(text)
    )


def glossary_json(entries: list[GlossaryEntry] | tuple[GlossaryEntry, ...]) -> str:
    return json.dumps(
        [
            {
                "term": e.term,
                "definition": e.definition,
                "source": e.source.as_json() if e.source else None,
                "aliases": list(e.aliases),
            }
            for e in entries
        ],
        ensure_ascii=False,
    )


def glossary_of(text: str) -> tuple[GlossaryEntry, ...]:
    return tuple(
        GlossaryEntry(e["term"], e["definition"], source_of(e["source"]), tuple(e.get("aliases", ())))
        for e in json.loads(text)
    )


def answer_json(answer: object) -> str:
    return json.dumps(list(answer) if isinstance(answer, tuple) else answer, ensure_ascii=False)


def item_of(row: dict) -> QuizItem:
    answer = json.loads(row["answer"])
    return QuizItem(
        row["id"],
        ItemKind(row["kind"]),
        row["question"],
        tuple(json.loads(row["options"])),
        tuple(answer) if isinstance(answer, list) else answer,
        source_from(json.loads(row["source"])),
        row["lesson_id"],
        ReviewState(row["review"]),
    )
