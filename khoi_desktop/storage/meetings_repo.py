"""SQL for meetings."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlite_utils import Database

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.meetings import MeetingRow


def list_meetings(
    db: Database, organization_ids: tuple[int, ...] | None = None, year: int | None = None
) -> list[MeetingRow]:
    clauses: list[str] = []
    params: list[Any] = []
    if organization_ids is not None:
        clauses.append(f"m.organization_id IN ({', '.join('?' for _ in organization_ids) or 'NULL'})")
        params += list(organization_ids)
    if year is not None:
        clauses.append("m.date >= ? AND m.date < ?")
        params += [f"{year}-01-01", f"{year + 1}-01-01"]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = db.execute(
        "SELECT m.id, m.organization_id, o.name, m.kind, m.date, m.title, m.start_time, m.end_time, m.place,"
        " (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status IN ('present', 'late')),"
        " (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id)"
        f" FROM meetings m JOIN organizations o ON o.id = m.organization_id{where}"
        " ORDER BY m.date DESC, m.id DESC",
        params,
    ).fetchall()
    return [
        MeetingRow(id=r[0], organization_id=r[1], organization_name=r[2], kind=MeetingKind(r[3]),
                   date=date.fromisoformat(r[4]), title=r[5], start_time=r[6], end_time=r[7], place=r[8],
                   present=r[9], expected=r[10])
        for r in rows
    ]
