"""SQL for the clerk's own text of the year-end report, kept per organisation, year and section."""

from __future__ import annotations

from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import now_text


def narratives(db: Database, org_id: int, year: int) -> dict[str, str]:
    """Every non-empty section of the organisation's report for the year, by section key."""
    rows = db.execute("SELECT section, content FROM report_narratives WHERE organization_id = ? AND year = ?"
                      " ORDER BY section", [org_id, year]).fetchall()
    return {section: content for section, content in rows if content}


def set_narrative(db: Database, org_id: int, year: int, section: str, content: str) -> None:
    """Store a section's text; an empty text removes the row."""
    if not content:
        db.execute("DELETE FROM report_narratives WHERE organization_id = ? AND year = ? AND section = ?",
                   [org_id, year, section])
        return
    db.execute(
        "INSERT INTO report_narratives (organization_id, year, section, content, updated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (organization_id, year, section) DO UPDATE SET content = excluded.content,"
        " updated_at = excluded.updated_at",
        [org_id, year, section, content, now_text()],
    )

