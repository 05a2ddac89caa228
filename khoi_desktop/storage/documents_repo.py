"""SQL for the document register (sổ đăng ký văn bản): numbers per type, per term or year."""

from __future__ import annotations

from datetime import date

from khoi_desktop.domain.meetings import RegisteredDocument
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import insert, iso, now_text


def by_source(db: Database, source_kind: str, source_id: int, doc_type: str) -> RegisteredDocument | None:
    """The register entry already made for this source and type (a reprint keeps it)."""
    row = db.execute(
        "SELECT doc_type, number, issued_on FROM documents WHERE source_kind = ? AND source_id = ? AND doc_type = ?",
        [source_kind, source_id, doc_type],
    ).fetchone()
    return RegisteredDocument(row[0], row[1], date.fromisoformat(row[2])) if row else None


def of_source(db: Database, source_kind: str, source_id: int) -> list[RegisteredDocument]:
    rows = db.execute(
        "SELECT doc_type, number, issued_on FROM documents WHERE source_kind = ? AND source_id = ?"
        " ORDER BY doc_type",
        [source_kind, source_id],
    ).fetchall()
    return [RegisteredDocument(r[0], r[1], date.fromisoformat(r[2])) for r in rows]


def _numbering_scope(term_id: int | None, year: int) -> tuple[str, list[object]]:
    """WHERE clause of the documents one numbering runs over: the term's, or the year's without a term."""
    if term_id is not None:
        return "term_id = ?", [term_id]
    return "term_id IS NULL AND issued_on >= ? AND issued_on < ?", [f"{year}-01-01", f"{year + 1}-01-01"]


def highest_number(db: Database, organization_id: int, doc_type: str, term_id: int | None, year: int) -> int:
    """The highest number used for ``doc_type`` in the term, or in ``year`` when there is no term."""
    sql, params = _numbering_scope(term_id, year)
    row = db.execute(
        f"SELECT max(number) FROM documents WHERE organization_id = ? AND doc_type = ? AND {sql}",
        [organization_id, doc_type, *params],
    ).fetchone()
    return int(row[0] or 0)


def number_taken(db: Database, organization_id: int, doc_type: str, term_id: int | None, year: int,
                 number: int) -> bool:
    """Whether ``number`` is already used for ``doc_type`` in the term (or in ``year`` without a term)."""
    sql, params = _numbering_scope(term_id, year)
    row = db.execute(
        f"SELECT 1 FROM documents WHERE organization_id = ? AND doc_type = ? AND number = ? AND {sql}",
        [organization_id, doc_type, number, *params],
    ).fetchone()
    return row is not None


def insert_document(db: Database, *, organization_id: int, term_id: int | None, doc_type: str, number: int,
                    issued_on: date, title: str, source_kind: str, source_id: int | None) -> int:
    return insert(db, "documents", {
        "organization_id": organization_id, "term_id": term_id, "doc_type": doc_type, "number": number,
        "issued_on": iso(issued_on), "title": title, "source_kind": source_kind, "source_id": source_id,
        "created_at": now_text(),
    })
