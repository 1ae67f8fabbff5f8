"""Who uploaded a document: `documents.uploaded_by` (the user's login name; NULL for documents ingested
from the command line, and for uploads stored before it was recorded).

Its own migration set, so that it lands beside the catalogue's migrations without touching them;
the catalogue applies it right after its own.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("gonghui.knowledge.uploaders")


@migrations()
def m001_uploaded_by(db: sqlite_utils.Database) -> None:
    documents = db.table("documents")  # a table, never a view: `db[name]` is typed as either
    if "uploaded_by" not in documents.columns_dict:
        documents.add_column("uploaded_by", str)


def set_uploaded_by(db: sqlite_utils.Database, doc_id: int, user: str | None) -> None:
    db.execute("update documents set uploaded_by = ? where id = ?", [user, doc_id])
