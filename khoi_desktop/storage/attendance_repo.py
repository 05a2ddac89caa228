"""SQL for attendance (điểm danh) and the facts the roll of a meeting is computed from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from khoi_desktop.domain.attendance import MembershipFact, PersonFacts, StatusFact
from khoi_desktop.domain.enums import AttendanceStatus, MembershipKind, PersonStatus
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import iso, placeholders, to_date

_PARTY_KINDS = (MembershipKind.PARTY_OFFICIAL.value, MembershipKind.PARTY_PROBATIONARY.value)
# Codes → members by dict lookup: calling an enum costs about a microsecond, and a bloc's
# facts hold tens of thousands of codes. An unknown code still fails as the enum call does.
_KINDS = {kind.value: kind for kind in MembershipKind}
_STATUSES = {status.value: status for status in PersonStatus}


def _kind(code: str) -> MembershipKind:
    return _KINDS.get(code) or MembershipKind(code)


def _status(code: str) -> PersonStatus:
    return _STATUSES.get(code) or PersonStatus(code)


def _candidates(scope: tuple[int, ...], person_id: int | None, marked_at: int | None = None) -> tuple[str, list[Any]]:
    """SQL selecting the ids of people who may be on the roll: in scope now or by their history.

    ``marked_at``: instead, everyone marked at that meeting (the kept roll of a numbered meeting).
    """
    if marked_at is not None:
        return "SELECT person_id FROM attendance WHERE meeting_id = ?", [marked_at]
    if person_id is not None:
        return "SELECT ?", [person_id]
    marks = placeholders(scope)
    sql = (f"SELECT id FROM people WHERE organization_id IN ({marks})"
           f" UNION SELECT person_id FROM status_history WHERE organization_id IN ({marks})")
    return sql, [*scope, *scope]


def person_facts(db: Database, scope: tuple[int, ...], day: date, person_id: int | None = None, *,
                 everyone: bool = False, marked_at: int | None = None) -> list[PersonFacts]:
    """Facts of everyone who may belong to ``scope`` on ``day`` (or of one person, or of those marked).

    ``everyone``: with every membership (a study meeting's roll), not only the party ones.
    """
    ids_sql, ids_params = _candidates(scope, person_id, marked_at)
    memberships = _memberships(db, ids_sql, ids_params, everyone)
    statuses = _statuses(db, ids_sql, ids_params)
    rows = db.execute(
        "SELECT p.id, p.full_name, p.sort_key, p.organization_id, p.status, p.retired_on,"
        " coalesce((SELECT ps.title FROM positions ps WHERE ps.person_id = p.id AND ps.is_party_post = 1"
        "   AND (ps.start_date IS NULL OR ps.start_date <= ?) AND (ps.end_date IS NULL OR ps.end_date >= ?)"
        "   ORDER BY ps.start_date DESC LIMIT 1), p.job_title)"
        f" FROM people p WHERE p.id IN ({ids_sql}) ORDER BY p.sort_key, p.id",
        [iso(day), iso(day), *ids_params],
    ).fetchall()
    return [
        PersonFacts(person_id=r[0], full_name=r[1], sort_key=r[2], position=r[6], organization_id=r[3],
                    status=_status(r[4]), retired_on=to_date(r[5]),
                    memberships=tuple(memberships.get(r[0], ())), statuses=tuple(statuses.get(r[0], ())))
        for r in rows
    ]


def party_facts(db: Database, scope: tuple[int, ...]) -> list[PersonFacts]:
    """Facts of everyone who may belong to ``scope`` on some day, for counting who does: no post, any order.

    Only people holding a party membership are returned, since nobody else is ever on a
    roll (``domain.attendance.place_on``). The facts do not depend on the day (the post,
    left empty here, is the only thing that does), so one call serves any number of days.
    """
    ids_sql, ids_params = _candidates(scope, None)
    memberships = _memberships(db, ids_sql, ids_params)
    statuses = _statuses(db, ids_sql, ids_params)
    rows = db.execute(
        f"SELECT id, full_name, sort_key, organization_id, status, retired_on FROM people WHERE id IN ({ids_sql})",
        ids_params,
    ).fetchall()
    return [
        PersonFacts(person_id=r[0], full_name=r[1], sort_key=r[2], position="", organization_id=r[3],
                    status=_status(r[4]), retired_on=to_date(r[5]),
                    memberships=tuple(memberships[r[0]]), statuses=tuple(statuses.get(r[0], ())))
        for r in rows if r[0] in memberships
    ]


# The party members on a day, as ``domain.attendance.place_on`` places them for a party
# meeting: official when an official membership is active that day, else probationary; their
# last status row started by then (by start date, then id), or, with no status row at all,
# their current status and organisation; nobody retired by then.
_STANDING_SQL = (
    "WITH party AS (SELECT person_id, CASE WHEN max(kind = :official) THEN :official ELSE :probationary END AS kind"
    "  FROM memberships WHERE kind IN (:official, :probationary) AND (start_date IS NULL OR start_date <= :day)"
    "  AND (end_date IS NULL OR :day <= end_date) GROUP BY person_id),"
    # the last status row is looked up once per person, in the join (as a column of a CTE SQLite
    # inlined it three times)
    " standing AS (SELECT p.id AS person_id, party.kind,"
    "   CASE WHEN sh.id IS NULL THEN p.status ELSE sh.status END AS status,"
    "   coalesce(sh.organization_id, p.organization_id) AS organization_id"
    "  FROM party JOIN people p ON p.id = party.person_id"
    "  LEFT JOIN status_history sh ON sh.id = (SELECT s.id FROM status_history s WHERE s.person_id = p.id"
    "   AND s.start_date <= :day ORDER BY s.start_date DESC, s.id DESC LIMIT 1)"
    "  WHERE (p.retired_on IS NULL OR p.retired_on > :day)"
    "  AND (sh.id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM status_history x WHERE x.person_id = p.id)))"
)


def roll_sql(scope: Sequence[int], day: date, statuses: Sequence[PersonStatus]) -> tuple[str, dict[str, Any]]:
    """A WITH clause whose table ``roll`` holds (person_id, kind) of the party members of ``scope`` on ``day`` whose
    status that day is one of ``statuses``: the people ``place_on`` puts on a party meeting's roll
    with those statuses, counted in SQL instead of loading everyone's facts.
    """
    params: dict[str, Any] = {"day": iso(day), "official": _PARTY_KINDS[0], "probationary": _PARTY_KINDS[1]}
    params.update({f"o{i}": org for i, org in enumerate(scope)})
    params.update({f"s{i}": status.value for i, status in enumerate(statuses)})
    orgs = ", ".join(f":o{i}" for i in range(len(scope))) or "NULL"
    codes = ", ".join(f":s{i}" for i in range(len(statuses))) or "NULL"
    sql = (f"{_STANDING_SQL}, roll AS (SELECT person_id, kind FROM standing"
           f" WHERE organization_id IN ({orgs}) AND status IN ({codes}))")
    return sql, params


def roll_kinds(db: Database, scope: Sequence[int], day: date,
               statuses: Sequence[PersonStatus]) -> dict[int, MembershipKind]:
    """person id → party membership kind of those :func:`roll_sql` selects."""
    sql, params = roll_sql(scope, day, statuses)
    rows = db.execute(f"{sql} SELECT person_id, kind FROM roll", params).fetchall()
    return {person: _kind(kind) for person, kind in rows}


def _memberships(db: Database, ids_sql: str, params: list[Any],
                 everyone: bool = False) -> dict[int, list[MembershipFact]]:
    found: dict[int, list[MembershipFact]] = defaultdict(list)
    kinds = "" if everyone else "kind IN (?, ?) AND "
    rows = db.execute(
        f"SELECT person_id, kind, start_date, end_date FROM memberships WHERE {kinds}person_id IN ({ids_sql})",
        [*([] if everyone else _PARTY_KINDS), *params],
    ).fetchall()
    for person, kind, start, end in rows:
        found[person].append(MembershipFact(_kind(kind), to_date(start), to_date(end)))
    return found


def _statuses(db: Database, ids_sql: str, params: list[Any]) -> dict[int, list[StatusFact]]:
    found: dict[int, list[StatusFact]] = defaultdict(list)
    rows = db.execute(
        f"SELECT person_id, status, start_date, organization_id, note FROM status_history"
        f" WHERE person_id IN ({ids_sql}) ORDER BY person_id, start_date, id",
        params,
    ).fetchall()
    for person, status, start, org, note in rows:
        found[person].append(StatusFact(_status(status), date.fromisoformat(start), org, note))
    return found


def marks(db: Database, meeting_id: int) -> dict[int, tuple[AttendanceStatus, str, str]]:
    """person_id → (status, membership kind snapshot, reason) of everyone marked at the meeting."""
    rows = db.execute(
        "SELECT person_id, status, membership_kind, reason FROM attendance WHERE meeting_id = ?", [meeting_id]
    ).fetchall()
    return {r[0]: (AttendanceStatus(r[1]), r[2], r[3]) for r in rows}


def upsert_marks(db: Database, meeting_id: int, rows: Iterable[tuple[int, AttendanceStatus, str, str]]) -> None:
    """Store (person_id, status, membership kind, reason) rows, replacing earlier marks."""
    db.conn.executemany(
        "INSERT INTO attendance (meeting_id, person_id, status, membership_kind, reason) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = excluded.status,"
        " membership_kind = excluded.membership_kind, reason = excluded.reason",
        [(meeting_id, person, status.value, kind, reason) for person, status, kind, reason in rows],
    )


def delete_mark(db: Database, meeting_id: int, person_id: int) -> None:
    db.execute("DELETE FROM attendance WHERE meeting_id = ? AND person_id = ?", [meeting_id, person_id])
