"""The document catalogue: documents and their chunks (with lexical tokens) in SQLite.

SQLite is the source of truth; the in-memory lexical index and the chroma collection are derived from
it and can be rebuilt (``gonghui reindex``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from ingest.model import Document
from ingest.short_title import short_title
from ingest.validity import Status
from knowledge import uploaders
from knowledge.errors import DocumentNotFound
from knowledge.transactions import BUSY_TIMEOUT, connect, write_transaction

migrations = Migrations("gonghui.knowledge")


@migrations()
def m001_documents_and_chunks(db: sqlite_utils.Database) -> None:
    db.table("documents").create(
        {
            "id": int,
            "source": str,
            "title": str,
            "issuer": str,
            "doc_number": str,
            "date": str,
            "doc_type": str,
            "format": str,
            "content_hash": str,
            "chars": int,
            "chunks": int,
            "ingested_at": str,
        },
        pk="id",
        not_null={"source", "title", "content_hash"},
    )
    db.table("documents").create_index(["source"], unique=True)
    db.table("chunks").create(
        {
            "id": str,
            "doc_id": int,
            "idx": int,
            "text": str,
            "section": str,
            "article": str,
            "char_start": int,
            "char_end": int,
            "tokens": str,
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db.table("chunks").create_index(["doc_id", "idx"], unique=True)


@migrations()
def m002_short_title_and_validity(db: sqlite_utils.Database) -> None:
    """How answers name a document, and whether it is in force.

    ``declared_*`` is what the text or the user stated about this document itself; ``status`` and
    ``superseded_by*`` are resolved from all documents together (knowledge/validity.py) after every
    change. Documents stored before this migration get their derived short title here."""
    documents = db.table("documents")
    documents.add_column("short_title", str)
    documents.add_column("in_force_from", str)
    documents.add_column("declared_status", str)
    documents.add_column("declared_superseded_by", str)
    documents.add_column("repeals", str)  # JSON [[title, date], ...]
    documents.add_column("status", str, not_null_default=Status.IN_FORCE.value)
    documents.add_column("superseded_by", str)
    documents.add_column("superseded_by_id", int)
    for row in list(db.execute("select id, title, issuer from documents").fetchall()):
        db.execute(
            "update documents set short_title = ? where id = ?", [short_title(row[1], issuer=row[2]), row[0]]
        )


@migrations()
def m003_chunk_ocr_confidence(db: sqlite_utils.Database) -> None:
    # chunks read by OCR: the lowest page confidence (NULL for text) and whether it is below the bar
    db.table("chunks").add_column("ocr_confidence", float)
    db.table("chunks").add_column("ocr_low", int, not_null_default=0)


@migrations()
def m004_never_reused_ids(db: sqlite_utils.Database) -> None:
    """Document ids come from a committed counter, reserved before any vector is written: a crash
    between the vectors and the catalogue commit leaves vectors under an id nobody gets again (plain
    rowids would hand it to the next document, whose chunk ids would then collide with the orphans).
    A reservation row lives until its document commits; one left behind by a dead process marks
    orphans, one of a live process an ingest in flight (knowledge/consistency.py)."""
    db.execute("create table id_sequence (name text primary key, next integer not null)")
    top = db.execute("select coalesce(max(id), 0) from documents").fetchone()[0]
    db.execute("insert into id_sequence (name, next) values ('documents', ?)", [int(top) + 1])
    db.execute("create table id_reservations (doc_id integer primary key, pid integer not null, at text)")


@dataclass(frozen=True)
class DocRecord:
    id: int
    source: str
    title: str
    issuer: str | None
    doc_number: str | None
    date: str | None
    doc_type: str | None
    format: str
    content_hash: str
    chars: int
    chunks: int
    ingested_at: str
    short_title: str | None = None
    in_force_from: str | None = None
    declared_status: str | None = None
    declared_superseded_by: str | None = None
    repeals: str | None = None
    status: str = Status.IN_FORCE.value
    superseded_by: str | None = None
    superseded_by_id: int | None = None
    uploaded_by: str | None = None  # login name of the user who uploaded it (knowledge/uploaders.py)

    @property
    def name(self) -> str:
        """The short name answers use."""
        return self.short_title or self.title

    @property
    def repealed_titles(self) -> list[tuple[str, str | None]]:
        return [(t, d) for t, d in json.loads(self.repeals or "[]")]


@dataclass(frozen=True)
class ChunkRecord:
    id: str
    doc_id: int
    idx: int
    text: str
    section: str
    article: str | None
    start: int
    end: int
    ocr_confidence: float | None = None
    ocr_low: bool = False


_CHUNK_COLUMNS = "id, doc_id, idx, text, section, article, char_start, char_end, ocr_confidence, ocr_low"


def _chunk(row: tuple) -> ChunkRecord:
    cid, doc_id, idx, text, section, article, start, end, confidence, low = row  # _CHUNK_COLUMNS
    return ChunkRecord(cid, doc_id, idx, text, section, article, start, end, confidence, bool(low))


def chunk_id(doc_id: int, idx: int) -> str:
    return f"{doc_id}:{idx}"


class Catalog:
    def __init__(self, path: Path | str, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        # channels call in from worker threads (Telegram, web): one shared connection, serialised by
        # SQLite itself (threadsafety 3) and, for multi-statement writes, by `lock`
        self.lock = threading.RLock()
        self.db = sqlite_utils.Database(connect(self.path, busy_timeout=busy_timeout))
        if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        with self.write():  # two processes starting at once cannot both apply a migration
            migrations.apply(self.db)
            uploaders.migrations.apply(self.db)

    def write(self) -> contextlib.AbstractContextManager[sqlite_utils.Database]:
        """One write transaction (BEGIN IMMEDIATE, retried while busy); nested calls are savepoints."""
        return write_transaction(self.db, self.lock, self.path)

    def reserve_ids(self, n: int) -> list[int]:
        """`n` fresh document ids, committed before anything else is written for them."""
        if n <= 0:
            return []
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.write():
            first = int(
                self.db.execute("select next from id_sequence where name = 'documents'").fetchone()[0]
            )
            self.db.execute("update id_sequence set next = ? where name = 'documents'", [first + n])
            ids = list(range(first, first + n))
            self.db.conn.executemany(
                "insert into id_reservations (doc_id, pid, at) values (?, ?, ?)",
                [(i, os.getpid(), at) for i in ids],
            )
        return ids

    def release_ids(self, ids: Iterable[int]) -> None:
        """Forget reservations (their documents committed, or their orphans were removed)."""
        ids = list(ids)
        with self.write():
            self.db.conn.executemany("delete from id_reservations where doc_id = ?", [(i,) for i in ids])

    def reservations(self) -> dict[int, int]:
        """Reserved document ids not (yet) committed → the pid of the process that reserved them."""
        return {int(d): int(p) for d, p in self.db.execute("select doc_id, pid from id_reservations")}

    def bump_ids_past(self, doc_id: int) -> None:
        """Make sure no future document gets `doc_id` or a smaller id (ids found in the vector store)."""
        with self.write():
            self.db.execute(
                "update id_sequence set next = max(next, ?) where name = 'documents'", [int(doc_id) + 1]
            )

    def data_version(self) -> int:
        """Changes when another connection (another process) commits, never for our own writes."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def find_by_source(self, source: str) -> DocRecord | None:
        rows = list(self.db.table("documents").rows_where("source = ?", [source], limit=1))
        return DocRecord(**rows[0]) if rows else None

    def get(self, doc_id: int) -> DocRecord:
        try:
            return DocRecord(**self.db.table("documents").get(doc_id))
        except sqlite_utils.db.NotFoundError:
            raise DocumentNotFound(doc_id) from None

    def documents(self) -> list[DocRecord]:
        return [DocRecord(**r) for r in self.db.table("documents").rows_where(order_by="id")]

    def add(self, doc: Document, *, tokens: list[list[str]], doc_id: int) -> int:
        """Insert a document under its reserved id (see reserve_ids) with its chunks; returns the id.

        Plain SQL on purpose: sqlite-utils' insert commits on its own, and the caller commits these rows
        together with the removal of a replaced version (see KnowledgeBase._store).
        """
        meta = doc.meta
        self.db.execute(
            "insert into documents (id, source, title, issuer, doc_number, date, doc_type, format, content_hash,"
            " chars, chunks, ingested_at, short_title, in_force_from, declared_status, declared_superseded_by,"
            " repeals) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                doc_id,
                doc.source,
                meta.title,
                meta.issuer,
                meta.doc_number,
                meta.date,
                meta.doc_type,
                doc.format,
                doc.content_hash,
                len(doc.text),
                len(doc.chunks),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                meta.short_title or short_title(meta.title, issuer=meta.issuer),
                meta.in_force_from,
                meta.status,
                meta.superseded_by,
                json.dumps([list(r) for r in meta.repeals], ensure_ascii=False) if meta.repeals else None,
            ],
        )
        self.db.execute("delete from id_reservations where doc_id = ?", [doc_id])
        self.db.conn.executemany(
            "insert into chunks (id, doc_id, idx, text, section, article, char_start, char_end, tokens,"
            " ocr_confidence, ocr_low) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    chunk_id(doc_id, c.index),
                    doc_id,
                    c.index,
                    c.text,
                    c.section,
                    c.article,
                    c.start,
                    c.end,
                    " ".join(t),
                    c.ocr_confidence,
                    int(c.ocr_low),
                )
                for c, t in zip(doc.chunks, tokens, strict=True)
            ],
        )
        return doc_id

    def set_validity(self, resolved: dict[int, tuple[str, str | None, int | None]]) -> None:
        """Store resolved (status, superseded_by title, superseded_by id) per document id."""
        with self.write():
            self.db.conn.executemany(
                "update documents set status = ?, superseded_by = ?, superseded_by_id = ? where id = ?",
                [(s, by, by_id, doc_id) for doc_id, (s, by, by_id) in resolved.items()],
            )

    def update_declared(self, doc_id: int, **values: str | None) -> DocRecord:
        """Change what the user states about a document: short_title, in_force_from, declared_status,
        declared_superseded_by (the caller resolves validity afterwards)."""
        allowed = {"short_title", "in_force_from", "declared_status", "declared_superseded_by"}
        unknown = set(values) - allowed
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        self.get(doc_id)
        with self.write():
            for column, value in values.items():
                self.db.execute(f"update documents set {column} = ? where id = ?", [value or None, doc_id])
        return self.get(doc_id)

    def release_source(self, doc_id: int) -> None:
        """Free a document's source for its replacement (inside the replacing transaction)."""
        self.db.execute("update documents set source = source || ' #replaced' || id where id = ?", [doc_id])

    def remove(self, doc_id: int) -> list[str]:
        """Delete a document and its chunks; returns the deleted chunk ids."""
        self.get(doc_id)
        ids = [r[0] for r in self.db.execute("select id from chunks where doc_id = ?", [doc_id]).fetchall()]
        with self.write():
            self.db.execute("delete from chunks where doc_id = ?", [doc_id])
            self.db.execute("delete from documents where id = ?", [doc_id])
        return ids

    def chunks(self, ids: Iterable[str]) -> dict[str, ChunkRecord]:
        ids = list(ids)
        out: dict[str, ChunkRecord] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            sql = f"select {_CHUNK_COLUMNS} from chunks where id in ({marks})"
            for row in self.db.execute(sql, part).fetchall():
                out[row[0]] = _chunk(row)
        return out

    def doc_chunks(self, doc_id: int) -> list[ChunkRecord]:
        sql = f"select {_CHUNK_COLUMNS} from chunks where doc_id = ? order by idx"
        return [_chunk(row) for row in self.db.execute(sql, [doc_id]).fetchall()]

    def texts_with(self, needle: str) -> Iterator[str]:
        """The text of every chunk that contains ``needle`` (the declarations knowledge.aliases reads)."""
        for (text,) in self.db.execute("select text from chunks where instr(text, ?) > 0", [needle]):
            yield text

    def iter_tokens(self) -> Iterator[tuple[str, list[str]]]:
        for cid, tokens in self.db.execute("select id, tokens from chunks"):
            yield cid, tokens.split(" ") if tokens else []

    def chunk_ids_where(
        self,
        *,
        doc_types: Iterable[str] | None = None,
        doc_ids: Iterable[int] | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> set[str]:
        """Chunk ids whose document passes the metadata filters (None = no condition)."""
        clauses: list[str] = []
        params: list[str | int] = []
        if doc_types is not None:
            doc_types = list(doc_types)
            clauses.append(f"d.doc_type in ({','.join('?' * len(doc_types))})")
            params += doc_types
        if doc_ids is not None:
            doc_ids = list(doc_ids)
            clauses.append(f"d.id in ({','.join('?' * len(doc_ids))})")
            params += doc_ids
        if date_from:
            clauses.append("d.date >= ?")
            params.append(date_from)
        if date_to:
            # dates may be YYYY or YYYY-MM; compare on the prefix length the bound gives
            clauses.append("substr(d.date, 1, ?) <= ?")
            params += [len(date_to), date_to]
        where = " and ".join(clauses) or "1"
        sql = f"select c.id from chunks c join documents d on d.id = c.doc_id where {where}"
        return {r[0] for r in self.db.execute(sql, params).fetchall()}

    def chunk_counts(self) -> dict[int, tuple[int, int]]:
        """Per document: (chunks it says it has, chunk rows it has)."""
        sql = (
            "select d.id, d.chunks, count(c.id) from documents d left join chunks c on c.doc_id = d.id"
            " group by d.id"
        )
        return {int(i): (int(n or 0), int(m)) for i, n, m in self.db.execute(sql)}

    def chunk_ids(self) -> dict[str, int]:
        """Every chunk id → its document id."""
        return {cid: int(doc) for cid, doc in self.db.execute("select id, doc_id from chunks")}

    def stats(self) -> tuple[int, int]:
        docs = self.db.execute("select count(*) from documents").fetchone()[0]
        chunks = self.db.execute("select count(*) from chunks").fetchone()[0]
        return int(docs), int(chunks)
