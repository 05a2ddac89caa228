"""Reading the audit log (writing goes through ``rows.write_audit`` inside each transaction)."""

from __future__ import annotations

from typing import Any

from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import query


def entries(db: Database, entity: str, entity_id: int) -> list[dict[str, Any]]:
    return query(
        db,
        "SELECT at, operator, action, entity, entity_id, summary, details_json FROM audit_log"
        " WHERE entity = ? AND entity_id = ? ORDER BY id DESC",
        [entity, entity_id],
    )


def recent(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    return query(db, "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit])
