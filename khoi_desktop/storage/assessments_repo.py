"""SQL for year-end assessments (assessments) and the self-review sections (assessment_sections)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from khoi_desktop.domain.enums import RatingLevel
from khoi_desktop.domain.vntext import fold
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import iso, now_text, placeholders, to_date


@dataclass(frozen=True)
class AssessmentValues:
    """What is written to one assessment row (already cleaned and checked)."""

    year: int
    organization_id: int
    person_id: int | None
    points: float | None
    self_level: RatingLevel | None
    branch_level: RatingLevel | None
    decided_level: RatingLevel | None
    not_rated_reason: str
    decided_on: date | None
    note: str


@dataclass(frozen=True)
class AssessmentRecord(AssessmentValues):
    """One stored assessment row: its values, its id and its self-review sections (code → content)."""

    id: int
    sections: dict[str, str]


_COLUMNS = ("id, year, organization_id, person_id, points, self_level, branch_level, decided_level,"
            " not_rated_reason, decided_on, note")



def _level(text: str) -> RatingLevel | None:
    return RatingLevel(text) if text else None


def _records(db: Database, where: str, params: list[Any]) -> list[AssessmentRecord]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM assessments WHERE {where} ORDER BY id", params).fetchall()
    sections = sections_of(db, [row[0] for row in rows])
    return [
        AssessmentRecord(id=r[0], year=r[1], organization_id=r[2], person_id=r[3], points=r[4],
                         self_level=_level(r[5]), branch_level=_level(r[6]), decided_level=_level(r[7]),
                         not_rated_reason=r[8], decided_on=to_date(r[9]), note=r[10],
                         sections=sections.get(r[0], {}))
        for r in rows
    ]


def sections_of(db: Database, assessment_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = defaultdict(dict)
    for chunk in range(0, len(assessment_ids), 500):
        part = list(assessment_ids[chunk:chunk + 500])
        rows = db.execute(f"SELECT assessment_id, section, content FROM assessment_sections"
                          f" WHERE assessment_id IN ({placeholders(part)})", part).fetchall()
        for owner, section, content in rows:
            found[owner][section] = content
    return found


def get(db: Database, assessment_id: int) -> AssessmentRecord | None:
    found = _records(db, "id = ?", [assessment_id])
    return found[0] if found else None


def of_person(db: Database, person_id: int, year: int) -> AssessmentRecord | None:
    found = _records(db, "person_id = ? AND year = ?", [person_id, year])
    return found[0] if found else None


def of_organization(db: Database, org_id: int, year: int) -> AssessmentRecord | None:
    """The collective assessment of ``org_id`` for ``year``."""
    found = _records(db, "person_id IS NULL AND year = ? AND organization_id = ?", [year, org_id])
    return found[0] if found else None


def in_organizations(db: Database, org_ids: Sequence[int], year: int) -> list[AssessmentRecord]:
    """Every assessment (personal and collective) of ``year`` held by these organisations."""
    return _records(db, f"year = ? AND organization_id IN ({placeholders(org_ids)})", [year, *org_ids])


def of_people(db: Database, person_ids: Sequence[int], year: int) -> list[AssessmentRecord]:
    found: list[AssessmentRecord] = []
    for chunk in range(0, len(person_ids), 500):
        part = list(person_ids[chunk:chunk + 500])
        found += _records(db, f"year = ? AND person_id IN ({placeholders(part)})", [year, *part])
    return found


def save(db: Database, values: AssessmentValues, assessment_id: int | None,
         sections: dict[str, str] | None) -> int:
    """Insert or update one row; ``sections`` None keeps the stored ones. Returns the id."""
    stamp = now_text()
    columns = {
        "year": values.year, "organization_id": values.organization_id, "person_id": values.person_id,
        "is_collective": int(values.person_id is None), "points": values.points,
        "self_level": values.self_level.value if values.self_level else "",
        "branch_level": values.branch_level.value if values.branch_level else "",
        "decided_level": values.decided_level.value if values.decided_level else "",
        "not_rated_reason": values.not_rated_reason, "decided_on": iso(values.decided_on), "note": values.note,
        "updated_at": stamp,
    }
    if assessment_id is None:
        columns["created_at"] = stamp
        names = ", ".join(columns)
        cursor = db.execute(f"INSERT INTO assessments ({names}) VALUES ({placeholders(columns)})",
                            list(columns.values()))
        assessment_id = int(cursor.lastrowid)
    else:
        assignments = ", ".join(f"{name} = ?" for name in columns)
        db.execute(f"UPDATE assessments SET {assignments} WHERE id = ?", [*columns.values(), assessment_id])
    if sections is not None:
        db.execute("DELETE FROM assessment_sections WHERE assessment_id = ?", [assessment_id])
        db.conn.executemany("INSERT INTO assessment_sections (assessment_id, section, content) VALUES (?, ?, ?)",
                            [(assessment_id, code, text) for code, text in sections.items() if text])
    return assessment_id


def delete(db: Database, assessment_id: int) -> None:
    db.execute("DELETE FROM assessment_sections WHERE assessment_id = ?", [assessment_id])
    db.execute("DELETE FROM assessments WHERE id = ?", [assessment_id])


def admission_dates(db: Database, person_ids: Sequence[int]) -> dict[int, date]:
    """person id → admission date: the recorded one, else the start of their first party membership."""
    found: dict[int, date] = {}
    for chunk in range(0, len(person_ids), 500):
        part = list(person_ids[chunk:chunk + 500])
        rows = db.execute(
            "SELECT p.id, coalesce(p.admission_date, (SELECT min(m.start_date) FROM memberships m"
            " WHERE m.person_id = p.id AND m.kind IN ('party_official', 'party_probationary')))"
            f" FROM people p WHERE p.id IN ({placeholders(part)})", part,
        ).fetchall()
        found.update({row[0]: date.fromisoformat(row[1]) for row in rows if row[1]})
    return found


def party_post_holder(db: Database, org_id: int, day: date, title_fold: str) -> str:
    """The name of whoever held a party post whose title starts with ``title_fold`` (e.g. 'bi thu')."""
    rows = db.execute(
        "SELECT p.full_name, ps.title FROM positions ps JOIN people p ON p.id = ps.person_id"
        " WHERE ps.organization_id = ? AND ps.is_party_post = 1 AND (ps.start_date IS NULL OR ps.start_date <= ?)"
        " AND (ps.end_date IS NULL OR ps.end_date >= ?) ORDER BY ps.start_date DESC, ps.id DESC",
        [org_id, iso(day), iso(day)],
    ).fetchall()
    return next((name for name, title in rows if fold(title).startswith(title_fold)), "")

