"""SQL for study participation: attendance at the year's study meetings, aggregated in SQL.

One query reads the year's study meetings through ``meetings_date (date, kind)`` and their
attendance through its primary key (meeting_id, person_id), and returns one row per
(meeting organisation, credited organisation, person, membership kind): about as many
rows as people, however many attendance rows there are. The definitions are those of
:mod:`khoi_desktop.domain.study`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from khoi_desktop.domain.enums import MembershipKind
from khoi_desktop.domain.study import PRESENT_STATUSES, StudyRow, kind_rank
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import iso, placeholders

# The organisation a person belonged to on the day: their status row then, else their current one.
_HOME_ON_DAY = (
    "coalesce((SELECT sh.organization_id FROM status_history sh WHERE sh.person_id = a.person_id"
    " AND sh.start_date <= m.date AND sh.organization_id IS NOT NULL ORDER BY sh.start_date DESC, sh.id DESC"
    " LIMIT 1), (SELECT p.organization_id FROM people p WHERE p.id = a.person_id), m.organization_id)"
)
# domain.study.last_day_key in SQL: printf('%s%02d%s', day, 99 - rank, kind) orders by day, then the
# first kind in MembershipKind's order, then (kinds this version does not know) the kind's text.
_KIND_RANK_SQL = ("CASE kind " + " ".join(f"WHEN '{kind.value}' THEN {kind_rank(kind.value)}" for kind in MembershipKind)
                  + f" ELSE {kind_rank('')} END")
# An exempt member marked absent was not expected (domain.study).
_EXEMPT_ABSENT = (
    "EXISTS (SELECT 1 FROM status_history sh WHERE sh.person_id = a.person_id AND sh.status = 'exempt'"
    " AND sh.start_date <= m.date AND (sh.end_date IS NULL OR sh.end_date > m.date))"
)



def _where(scope: Sequence[int], kinds: Sequence[str]) -> str:
    return (f"m.date BETWEEN ? AND ? AND m.kind IN ({placeholders(kinds)})"
            f" AND m.organization_id IN ({placeholders(scope)})")


def study_rows(db: Database, scope: Sequence[int], start: date, end: date, kinds: Sequence[str]) -> list[StudyRow]:
    """Aggregated attendance at the study meetings held by ``scope`` between ``start`` and ``end``.

    A đảng bộ cơ sở's conference credits each person to their organisation on the day;
    any other meeting credits its own organisation.
    """
    present = placeholders(PRESENT_STATUSES)
    sql = (
        "SELECT m.organization_id,"
        f" CASE WHEN o.kind = 'base_committee' THEN {_HOME_ON_DAY} ELSE m.organization_id END AS home,"
        " a.person_id, a.membership_kind, count(*),"
        f" sum(a.status IN ({present})), max(m.date)"
        " FROM meetings m JOIN organizations o ON o.id = m.organization_id"
        " JOIN attendance a ON a.meeting_id = m.id"
        f" WHERE {_where(scope, kinds)}"
        f" AND (a.status IN ({present}) OR NOT {_EXEMPT_ABSENT})"
        " GROUP BY m.organization_id, home, a.person_id, a.membership_kind"
    )
    params = [*PRESENT_STATUSES, iso(start), iso(end), *kinds, *scope, *PRESENT_STATUSES]
    return [StudyRow._make(row) for row in db.execute(sql, params).fetchall()]


def _expected_rows(scope: Sequence[int], start: date, end: date, kinds: Sequence[str]) -> tuple[str, list]:
    """FROM … WHERE of the expected attendance rows at the study meetings (the definitions' 'phải dự')."""
    present = placeholders(PRESENT_STATUSES)
    sql = (" FROM meetings m JOIN attendance a ON a.meeting_id = m.id"
           f" WHERE {_where(scope, kinds)} AND (a.status IN ({present}) OR NOT {_EXEMPT_ABSENT})")
    return sql, [iso(start), iso(end), *kinds, *scope, *PRESENT_STATUSES]


def study_totals(db: Database, scope: Sequence[int], start: date, end: date,
                 kinds: Sequence[str]) -> tuple[list[tuple[str, int, int, int]], list[tuple[str, int, int]]]:
    """The whole scope's figures counted in SQL, in one pass over the attendance rows.

    * (kind, expected, present, persons): how many persons had that many expected and present
      attendances, by the membership kind of their last study meeting (a few hundred rows
      however many people);
    * (kind recorded on the row, expected rows, present rows).
    """
    rows_sql, params = _expected_rows(scope, start, end, kinds)
    present = placeholders(PRESENT_STATUSES)
    sql = (
        "WITH person_kind AS MATERIALIZED (SELECT a.person_id AS person, a.membership_kind AS kind,"
        f" count(*) AS expected, sum(a.status IN ({present})) AS present, max(m.date) AS last_day{rows_sql}"
        " GROUP BY a.person_id, a.membership_kind),"
        # with max() alone, SQLite takes the bare column (the kind) from the row of the last day;
        # on a day with two kinds, the first in MembershipKind's order (domain.study.kind_rank)
        f" per_person AS (SELECT kind, max(printf('%s%02d%s', last_day, 99 - {_KIND_RANK_SQL}, kind)), sum(expected) AS expected,"
        " sum(present) AS present FROM person_kind GROUP BY person)"
        " SELECT 1, kind, expected, present, count(*) FROM per_person GROUP BY kind, expected, present"
        " UNION ALL SELECT 0, kind, sum(expected), sum(present), 0 FROM person_kind GROUP BY kind"
    )
    persons, attendances = [], []
    for is_person, kind, expected, present_count, count in db.execute(sql, [*PRESENT_STATUSES, *params]):
        if is_person:
            persons.append((kind, expected, present_count, count))
        else:
            attendances.append((kind, expected, present_count))
    return persons, attendances


def study_meeting_count(db: Database, scope: Sequence[int], start: date, end: date, kinds: Sequence[str]) -> int:
    """How many study meetings ``scope`` held in the period."""
    sql = f"SELECT count(*) FROM meetings m WHERE {_where(scope, kinds)}"
    return int(db.execute(sql, [iso(start), iso(end), *kinds, *scope]).fetchone()[0])


def person_ids_by_card(db: Database, card: str) -> list[int]:
    """People with exactly this party card number (leading zeros count)."""
    rows = db.execute("SELECT id FROM people WHERE party_card_number = ? ORDER BY id", [card]).fetchall()
    return [row[0] for row in rows]


def person_exists(db: Database, person_id: int) -> bool:
    return db.execute("SELECT 1 FROM people WHERE id = ?", [person_id]).fetchone() is not None
