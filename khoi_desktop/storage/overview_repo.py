"""Aggregate counts for the overview and the year-end report: one GROUP BY each, no rows loaded."""

from __future__ import annotations

from collections.abc import Sequence

from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import placeholders


def meetings_by_kind(db: Database, org_ids: Sequence[int], year: int) -> dict[str, int]:
    """Meeting kind code → meetings held in the year by these organisations."""
    rows = db.execute(
        f"SELECT kind, count(*) FROM meetings WHERE organization_id IN ({placeholders(org_ids)})"
        " AND date BETWEEN ? AND ? GROUP BY kind",
        [*org_ids, f"{year}-01-01", f"{year}-12-31"],
    ).fetchall()
    return {kind: count for kind, count in rows}


def rating_counts(db: Database, org_ids: Sequence[int], year: int, collective: bool) -> dict[str, int]:
    """Decided level code → assessments; '' counts rows not decided yet, '-' rows flagged not rated."""
    rows = db.execute(
        "SELECT CASE WHEN not_rated_reason <> '' THEN '-' ELSE decided_level END, count(*) FROM assessments"
        f" WHERE year = ? AND organization_id IN ({placeholders(org_ids)}) AND is_collective = ? GROUP BY 1",
        [year, *org_ids, int(collective)],
    ).fetchall()
    return {level: count for level, count in rows}



def contributors_count(db: Database, org_ids: Sequence[int]) -> int:
    return int(db.execute(f"SELECT count(*) FROM outreach_contributors WHERE organization_id IN ({placeholders(org_ids)})",
                          list(org_ids)).fetchone()[0])
