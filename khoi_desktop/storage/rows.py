"""Small helpers shared by the repositories: timestamps, dates, the audit log."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from khoi_desktop.storage.connection import Database


def placeholders(values: Sequence[object]) -> str:
    """The '?, ?, ?' of an IN list; 'NULL' for none, so an empty list matches nothing."""
    return ", ".join("?" for _ in values) or "NULL"


def now_text(clock: datetime | None = None) -> str:
    return (clock or datetime.now()).isoformat(timespec="seconds")


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def query(db: Database, sql: str, params: list | tuple | dict = ()) -> list[dict[str, Any]]:
    """Run a SELECT and return rows as dicts."""
    return list(db.query(sql, params))


def scalar(db: Database, sql: str, params: list | tuple = ()) -> Any:
    row = db.execute(sql, params).fetchone()
    return row[0] if row else None


def insert(db: Database, table: str, values: dict[str, Any]) -> int:
    """INSERT one row and return its id (columns come from our own code, never from users)."""
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))
    return int(cursor.lastrowid)


def update(db: Database, table: str, row_id: int, values: dict[str, Any]) -> None:
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])


def write_audit(
    db: Database,
    *,
    operator: str,
    action: str,
    entity: str,
    entity_id: int | None,
    summary: str,
    details: dict[str, Any] | None = None,
    at: str | None = None,
) -> None:
    insert(db, "audit_log", {
        "at": at or now_text(),
        "operator": operator,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "summary": summary,
        "details_json": json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str),
    })


def write_audits(db: Database, *, operator: str, action: str, entity: str,
                 entries: Sequence[tuple[int | None, str, dict[str, Any]]]) -> None:
    """Many lines of :func:`write_audit` (entity id, summary, details each) in one statement."""
    at = now_text()
    db.conn.executemany(
        "INSERT INTO audit_log (at, operator, action, entity, entity_id, summary, details_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(at, operator, action, entity, entity_id, summary,
          json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str))
         for entity_id, summary, details in entries],
    )
