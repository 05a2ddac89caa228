"""SQL for people, their memberships, positions and dated status changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from khoi_desktop.domain.enums import Gender, MembershipKind, PersonStatus
from khoi_desktop.domain.models import Membership, PeopleFilter, Person, PersonInput, PersonRow, StatusChange
from khoi_desktop.domain.vntext import search_key, sort_key
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import insert, iso, now_text, placeholders, query, to_date, update

_PERSON_FIELDS = (
    "full_name", "organization_id", "birth_year", "ethnicity", "religion", "hometown", "phone", "email",
    "education", "political_theory", "job_title", "party_card_number", "party_record_number", "note",
)


def _values(data: PersonInput) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in _PERSON_FIELDS}
    values.update(
        name_search=search_key(data.full_name),
        sort_key=sort_key(data.full_name),
        birth_date=iso(data.birth_date),
        gender=data.gender.value if data.gender else "",
        admission_date=iso(data.admission_date),
        official_date=iso(data.official_date),
    )
    return values


def insert_person(db: Database, data: PersonInput, status: PersonStatus = PersonStatus.ACTIVE) -> int:
    stamp = now_text()
    values = {**_values(data), "status": status.value, "created_at": stamp, "updated_at": stamp}
    person_id = insert(db, "people", values)
    replace_memberships(db, person_id, data.memberships)
    return person_id


def insert_new_people(db: Database, people: Sequence[PersonInput], starts: Sequence[date]) -> list[int]:
    """Insert new people, each active in their organisation from its ``starts`` day, in a few statements.

    What :func:`insert_person` then :func:`set_status` write for each, batched: a new person has
    no status row yet, so their first one simply starts that day and stays open. The ids follow
    the largest one in use, as one-by-one inserts would give them.
    """
    if not people:
        return []
    first = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM people").fetchone()[0])
    ids = list(range(first, first + len(people)))
    stamp = now_text()
    rows = [{"id": person_id, **_values(data), "status": PersonStatus.ACTIVE.value, "created_at": stamp,
             "updated_at": stamp} for person_id, data in zip(ids, people, strict=True)]
    columns = list(rows[0])
    db.conn.executemany(f"INSERT INTO people ({', '.join(columns)}) VALUES ({placeholders(columns)})",
                        [tuple(row.values()) for row in rows])
    db.conn.executemany(
        "INSERT INTO memberships (person_id, organization_id, kind, start_date, end_date, note) VALUES (?, ?, ?, ?, ?, ?)",
        [(person_id, m.organization_id, m.kind.value, iso(m.start_date), iso(m.end_date), m.note)
         for person_id, data in zip(ids, people, strict=True) for m in data.memberships])
    db.conn.executemany(
        "INSERT INTO status_history (person_id, organization_id, status, start_date) VALUES (?, ?, ?, ?)",
        [(person_id, data.organization_id, PersonStatus.ACTIVE.value, iso(start))
         for person_id, data, start in zip(ids, people, starts, strict=True)])
    return ids


def update_person(db: Database, person_id: int, data: PersonInput) -> None:
    update(db, "people", person_id, {**_values(data), "updated_at": now_text()})
    replace_memberships(db, person_id, data.memberships)


def replace_memberships(db: Database, person_id: int, memberships: tuple[Membership, ...]) -> None:
    db.execute("DELETE FROM memberships WHERE person_id = ?", [person_id])
    for membership in memberships:
        insert(db, "memberships", {
            "person_id": person_id, "organization_id": membership.organization_id,
            "kind": membership.kind.value, "start_date": iso(membership.start_date),
            "end_date": iso(membership.end_date), "note": membership.note,
        })


def set_status(db: Database, person_id: int, change: StatusChange) -> int:
    """Record a dated status change; the person's current status is the latest one.

    A change entered late (dated before rows already recorded) ends where the next row starts,
    and the row it interrupts ends on its day: the end dates always follow the start dates.
    """
    day = iso(change.start_date)
    following = db.execute("SELECT min(start_date) FROM status_history WHERE person_id = ? AND start_date > ?",
                           [person_id, day]).fetchone()[0]
    db.execute(
        "UPDATE status_history SET end_date = ? WHERE person_id = ? AND start_date <= ?"
        " AND (end_date IS NULL OR end_date > ?)",
        [day, person_id, day, day],
    )
    change_id = insert(db, "status_history", {
        "person_id": person_id, "organization_id": change.organization_id, "status": change.status.value,
        "start_date": day, "end_date": following, "other_party": change.other_party,
        "decision": change.decision, "note": change.note,
    })
    latest = db.execute(
        "SELECT status FROM status_history WHERE person_id = ? ORDER BY start_date DESC, id DESC LIMIT 1",
        [person_id],
    ).fetchone()[0]
    update(db, "people", person_id, {"status": latest, "updated_at": now_text()})
    return change_id


def set_organization(db: Database, person_id: int, organization_id: int) -> None:
    """Where the person belongs now (a move also writes a status row: see ``set_status``)."""
    update(db, "people", person_id, {"organization_id": organization_id, "updated_at": now_text()})


def set_status_start(db: Database, status_id: int, start: date) -> None:
    """Move the start of one status-history row (the first one, when the memberships start earlier)."""
    row = db.execute("SELECT person_id, start_date FROM status_history WHERE id = ?", [status_id]).fetchone()
    if row is None:
        return
    # The row before ended where this one started: it ends at the new start now.
    db.execute("UPDATE status_history SET end_date = ? WHERE person_id = ? AND end_date = ? AND id != ?",
               [iso(start), row[0], row[1], status_id])
    db.execute("UPDATE status_history SET start_date = ? WHERE id = ?", [iso(start), status_id])


def set_status_organization(db: Database, person_id: int, organization_id: int | None) -> None:
    """Correct the organisation on every status row of a person (a data-entry fix, not a move)."""
    db.execute("UPDATE status_history SET organization_id = ? WHERE person_id = ?", [organization_id, person_id])


def set_retired(db: Database, person_id: int, retired_on: date | None) -> None:
    update(db, "people", person_id, {"retired_on": iso(retired_on), "updated_at": now_text()})


def get_person(db: Database, person_id: int) -> Person | None:
    rows = query(db, "SELECT * FROM people WHERE id = ?", [person_id])
    if not rows:
        return None
    row = rows[0]
    return Person(
        id=row["id"], full_name=row["full_name"], organization_id=row["organization_id"],
        birth_date=to_date(row["birth_date"]), birth_year=row["birth_year"],
        gender=Gender(row["gender"]) if row["gender"] else None, job_title=row["job_title"],
        party_card_number=row["party_card_number"], party_record_number=row["party_record_number"],
        admission_date=to_date(row["admission_date"]), official_date=to_date(row["official_date"]),
        status=PersonStatus(row["status"]), ethnicity=row["ethnicity"], religion=row["religion"],
        hometown=row["hometown"], phone=row["phone"], email=row["email"], education=row["education"],
        political_theory=row["political_theory"], note=row["note"], retired_on=to_date(row["retired_on"]),
        memberships=tuple(memberships_of(db, person_id)), statuses=tuple(statuses_of(db, person_id)),
    )


def memberships_of(db: Database, person_id: int) -> list[Membership]:
    rows = query(db, "SELECT * FROM memberships WHERE person_id = ? ORDER BY start_date, id", [person_id])
    return [
        Membership(kind=MembershipKind(r["kind"]), start_date=to_date(r["start_date"]),
                   end_date=to_date(r["end_date"]), organization_id=r["organization_id"], note=r["note"],
                   id=r["id"])
        for r in rows
    ]


def statuses_of(db: Database, person_id: int) -> list[StatusChange]:
    rows = query(db, "SELECT * FROM status_history WHERE person_id = ? ORDER BY start_date, id", [person_id])
    return [
        StatusChange(status=PersonStatus(r["status"]), start_date=date.fromisoformat(r["start_date"]),
                     organization_id=r["organization_id"], other_party=r["other_party"],
                     decision=r["decision"], note=r["note"], id=r["id"])
        for r in rows
    ]


def _filter_sql(flt: PeopleFilter, on: date) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if not flt.include_retired:
        clauses.append("p.retired_on IS NULL")
    if flt.text:
        # instr/substr, not LIKE: a typed '%' or '_' is a character, not a wildcard.
        card = flt.text.strip()
        clauses.append("(instr(p.name_search, ?) > 0 OR substr(p.party_card_number, 1, ?) = ?)")
        params += [search_key(flt.text), len(card), card]
    if flt.organization_ids is not None:
        clauses.append(f"p.organization_id IN ({placeholders(flt.organization_ids)})")
        params += list(flt.organization_ids)
    if flt.status is not None:
        clauses.append("p.status = ?")
        params.append(flt.status.value)
    if flt.membership_kind is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id AND m.kind = ?"
            " AND (m.start_date IS NULL OR m.start_date <= ?) AND (m.end_date IS NULL OR m.end_date >= ?))"
        )
        params += [flt.membership_kind.value, iso(on), _year_start(flt, on)]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _year_start(flt: PeopleFilter, on: date) -> str:
    return f"{flt.year}-01-01" if flt.year else iso(on) or ""


def list_people(db: Database, flt: PeopleFilter, on: date) -> list[PersonRow]:
    """People matching ``flt`` in Vietnamese order; memberships as held on ``on``."""
    where, params = _filter_sql(flt, on)
    # The followed people are read in order from the covering index people_list (m0009). A text
    # search, or everyone with the retired, scans the table (it is small) and sorts: walking the
    # sort index looks every row up on its own, slower for the whole table.
    source = "people p NOT INDEXED" if flt.text or (flt.organization_ids is None and flt.include_retired) else "people p"
    sql = (
        "SELECT p.id, p.full_name, p.birth_date, p.birth_year, p.gender, p.job_title, p.organization_id,"
        " p.party_card_number, p.status, p.name_search, p.sort_key, p.retired_on, p.note"
        f" FROM {source}{where} ORDER BY p.sort_key, p.id"
    )
    rows = db.execute(sql, params).fetchall()
    ids = [row[0] for row in rows] if len(rows) <= _FEW else None
    kinds = _membership_kinds(db, iso(on) or "", _year_start(PeopleFilter(year=flt.year), on), ids)
    # Organisation names by id (a bloc has ~100): one string each, not one per person.
    names = dict(db.execute("SELECT id, name FROM organizations").fetchall())
    genders, statuses, no_kinds, day = _GENDERS, _STATUSES, (), date.fromisoformat
    # Every field given, so the tuple is made directly: the named tuple's own __new__ is a Python
    # function whose call costs about a third of this loop over a bloc's 10,000 people.
    make = tuple.__new__
    return [
        make(PersonRow, (person_id, name, day(birth) if birth else None, year, genders.get(gender), job, org,
                         names.get(org, ""), kinds.get(person_id, no_kinds), card, statuses[status], search, key,
                         retired is not None, note))
        for person_id, name, birth, year, gender, job, org, card, status, search, key, retired, note in rows
    ]


_FEW = 3000  # below this many people, fetch only their memberships; above, one pass over all


def _membership_kinds(db: Database, until: str, since: str,
                      ids: list[int] | None) -> dict[int, tuple[MembershipKind, ...]]:
    """The memberships held between ``since`` and ``until`` by ``ids`` (None: everyone)."""
    only = f" AND person_id IN ({placeholders(ids)})" if ids is not None else ""
    rows = db.execute(
        # everyone: read in person order from the covering index memberships_kinds (m0009); a kind held
        # twice (a move between chi bộ) repeats in the list and is made one below: cheaper than DISTINCT
        f"SELECT person_id, group_concat(kind) FROM memberships WHERE (start_date IS NULL OR start_date <= ?)"
        f" AND (end_date IS NULL OR end_date >= ?){only} GROUP BY person_id",
        [until, since, *(ids or [])],
    ).fetchall()
    # A handful of combinations among thousands of people: each is read, and its tuple made, once.
    shared: dict[str, tuple[MembershipKind, ...]] = {}
    for _, codes in rows:
        if codes not in shared:
            shared[codes] = tuple(sorted({_KINDS[code] for code in codes.split(",")}, key=_KIND_ORDER.index))
    return {person_id: shared[codes] for person_id, codes in rows}


_KIND_ORDER = list(MembershipKind)
_KINDS = {kind.value: kind for kind in MembershipKind}
_GENDERS = {gender.value: gender for gender in Gender}
_STATUSES = {status.value: status for status in PersonStatus}


def find_duplicates(db: Database, data: PersonInput, exclude_id: int | None = None) -> list[int]:
    """Ids of people with the same card number, or the same name and date of birth."""
    rows = db.execute(
        "SELECT id FROM people WHERE retired_on IS NULL AND id IS NOT ? AND ("
        " (party_card_number <> '' AND party_card_number = ?)"
        " OR (name_search = ? AND birth_date IS NOT NULL AND birth_date = ?))",
        [exclude_id, data.party_card_number, search_key(data.full_name), iso(data.birth_date)],
    ).fetchall()
    return [row[0] for row in rows]


def count_all(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM people WHERE retired_on IS NULL").fetchone()[0])


def duplicate_candidates(db: Database) -> list[tuple[int, str, str, str | None, str, str]]:
    """(id, full name, name_search, birth date ISO, card number, organisation) of everyone followed.

    One query for a whole import preview instead of one lookup per row.
    """
    rows = db.execute(
        "SELECT p.id, p.full_name, p.name_search, p.birth_date, p.party_card_number, coalesce(o.name, '')"
        " FROM people p LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.retired_on IS NULL"
    ).fetchall()
    return [tuple(row) for row in rows]


def party_dates(db: Database) -> dict[int, tuple[date | None, date | None]]:
    """Person id → (admission date, official date), for exports."""
    rows = db.execute("SELECT id, admission_date, official_date FROM people").fetchall()
    return {row[0]: (to_date(row[1]), to_date(row[2])) for row in rows}
