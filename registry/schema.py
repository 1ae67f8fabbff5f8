"""Opening the database and its migrations. WAL + busy_timeout let the bot, the API and the CLI share
one file; every write runs in BEGIN IMMEDIATE so concurrent writers queue instead of failing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from registry.text import key, union_key

BUSY_TIMEOUT_MS = 30_000

migrations = Migrations("gonghui.registry")


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE unions (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key TEXT NOT NULL,
            parent_id INTEGER REFERENCES unions(id), district TEXT);
        CREATE INDEX unions_key ON unions(key);
        CREATE TABLE users (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
            role TEXT NOT NULL, union_id INTEGER REFERENCES unions(id), telegram_id INTEGER,
            approved INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
        CREATE TABLE invites (
            code TEXT PRIMARY KEY, union_id INTEGER NOT NULL REFERENCES unions(id), role TEXT NOT NULL,
            created_by INTEGER NOT NULL REFERENCES users(id), created_at TEXT NOT NULL,
            used_by INTEGER REFERENCES users(id), used_at TEXT);
        CREATE TABLE projects (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key TEXT NOT NULL, level TEXT NOT NULL,
            district TEXT, industry TEXT);
        CREATE TABLE reg_sequences (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
        CREATE TABLE competitions (
            id INTEGER PRIMARY KEY, reg_no TEXT NOT NULL UNIQUE, name TEXT NOT NULL, name_key TEXT NOT NULL,
            type TEXT NOT NULL, type_other TEXT, level TEXT, union_name TEXT NOT NULL,
            union_id INTEGER REFERENCES unions(id), owner_union_id INTEGER REFERENCES unions(id),
            unit TEXT NOT NULL, unit_key TEXT NOT NULL, ownership TEXT NOT NULL, industry TEXT,
            project_id INTEGER REFERENCES projects(id), start TEXT NOT NULL, "end" TEXT NOT NULL,
            planned INTEGER NOT NULL, total INTEGER NOT NULL, contact TEXT NOT NULL, phone TEXT NOT NULL,
            description TEXT, status TEXT NOT NULL, created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        -- the backstop for find_duplicate: same unit + name + start can never be stored twice
        CREATE UNIQUE INDEX competitions_identity ON competitions(unit_key, name_key, start);
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, kind_other TEXT, date TEXT NOT NULL,
            place TEXT NOT NULL, organiser TEXT NOT NULL, participants INTEGER NOT NULL,
            summary TEXT NOT NULL, competition_id INTEGER REFERENCES competitions(id),
            owner_union_id INTEGER REFERENCES unions(id), recorded_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL);
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY, activity_id INTEGER NOT NULL REFERENCES activities(id),
            filename TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id INTEGER, user_name TEXT, record TEXT NOT NULL,
            action TEXT NOT NULL, field TEXT, old TEXT, new TEXT);
        CREATE INDEX audit_record ON audit(record);
        CREATE TABLE conversation_state (key TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT NOT NULL);
        """
    )


@migrations()
def m002_api_tokens(db: Database) -> None:
    # API tokens for the HTTP API: only a sha256 of each token is kept; `prefix` finds the row
    db.executescript(
        """
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
            prefix TEXT NOT NULL UNIQUE, hash TEXT NOT NULL, label TEXT,
            created_at TEXT NOT NULL, revoked_at TEXT);
        CREATE INDEX api_tokens_user ON api_tokens(user_id);
        """
    )


@migrations()
def m003_channel_identity(db: Database) -> None:
    # a person is known to a chat channel by (channel, external_id): ("tg", "12345") today, ("wecom", …)
    # next; replaces the Telegram-only users.telegram_id
    db.executescript(
        """
        ALTER TABLE users ADD COLUMN channel TEXT;
        ALTER TABLE users ADD COLUMN external_id TEXT;
        UPDATE users SET channel = 'tg', external_id = CAST(telegram_id AS TEXT) WHERE telegram_id IS NOT NULL;
        UPDATE users SET channel = 'tg', external_id = substr(name, 4)
            WHERE channel IS NULL AND name LIKE 'tg:%';
        ALTER TABLE users DROP COLUMN telegram_id;
        CREATE UNIQUE INDEX users_identity ON users(channel, external_id) WHERE channel IS NOT NULL;
        """
    )


@migrations()
def m004_listing_indexes(db: Database) -> None:
    # the lists filter and page in SQL: by scope, status, type, dates and linked competition
    db.executescript(
        """
        CREATE INDEX competitions_owner ON competitions(owner_union_id, created_by);
        CREATE INDEX competitions_status_type ON competitions(status, type);
        CREATE INDEX competitions_dates ON competitions(start, "end");
        CREATE INDEX activities_owner ON activities(owner_union_id, recorded_by);
        CREATE INDEX activities_competition ON activities(competition_id);
        CREATE INDEX activities_date ON activities(date);
        CREATE INDEX attachments_activity ON attachments(activity_id);
        """
    )


def open_database(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    # one connection per Registry, shared by its threads under the Registry's lock
    conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, check_same_thread=False)
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    db.execute("PRAGMA foreign_keys = ON")
    # the loose name comparisons of registry.text, usable in WHERE clauses (registry.listing)
    conn.create_function("gh_key", 1, lambda v: None if v is None else key(v), deterministic=True)
    conn.create_function("gh_union_key", 1, lambda v: None if v is None else union_key(v), deterministic=True)
    if db.journal_mode != "wal":
        db.enable_wal()
    # migrations inside an IMMEDIATE transaction: two processes starting at once cannot both apply them
    db.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
    return db
