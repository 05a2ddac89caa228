"""Whether an organisation has anything recorded for a year (a report of an empty year is refused)."""

from __future__ import annotations

from collections.abc import Sequence

from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import placeholders

# Tables holding a year's records of an organisation: (table, organisation column, year test).
_BY_YEAR = (
    ("inspections", "conducting_org_id", "year = ?"),
    ("commitments", "organization_id", "year = ?"),
    ("assessments", "organization_id", "year = ?"),
    ("outreach", "organization_id", "year = ?"),
    ("exemplars", "organization_id", "year = ?"),
    ("year_plans", "organization_id", "year = ?"),
    ("meetings", "organization_id", "substr(date, 1, 4) = ?"),
)


def has_records(db: Database, org_ids: Sequence[int], year: int) -> bool:
    """Whether any of ``org_ids`` recorded a meeting, inspection, registration … in ``year``."""
    if not org_ids:
        return False
    marks = placeholders(org_ids)
    for table, column, test in _BY_YEAR:
        value = str(year) if table == "meetings" else year
        found = db.execute(f"SELECT 1 FROM {table} WHERE {column} IN ({marks}) AND {test} LIMIT 1",
                           [*org_ids, value]).fetchone()
        if found is not None:
            return True
    return False


def has_received_packages(db: Database, year: int) -> bool:
    """Whether units' packages of ``year`` were received (the bloc's consolidated figures)."""
    return db.execute("SELECT 1 FROM package_imports WHERE year = ? LIMIT 1", [year]).fetchone() is not None
