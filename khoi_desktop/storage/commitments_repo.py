"""SQL for registrations (commitments) and their items (commitment_items)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from khoi_desktop.domain.commitments import Commitment, CommitmentInput, CommitmentItem, CommitmentRow
from khoi_desktop.domain.enums import CommitmentResult
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import insert, iso, now_text, placeholders, to_date, update

_HEAD = (
    "SELECT c.id, c.year, c.organization_id, coalesce(o.name, ''), c.person_id, coalesce(p.full_name, ''),"
    " c.signed_on, c.confirmed_on, c.confirmed_by, c.note FROM commitments c"
    " LEFT JOIN organizations o ON o.id = c.organization_id LEFT JOIN people p ON p.id = c.person_id"
)



def _commitment(row: tuple, items: list[CommitmentItem]) -> Commitment:
    return Commitment(id=row[0], year=row[1], organization_id=row[2], organization_name=row[3], person_id=row[4],
                      person_name=row[5], signed_on=to_date(row[6]), confirmed_on=to_date(row[7]),
                      confirmed_by=row[8], note=row[9], items=tuple(items))


def items_of(db: Database, commitment_ids: Sequence[int]) -> dict[int, list[CommitmentItem]]:
    found: dict[int, list[CommitmentItem]] = defaultdict(list)
    rows = db.execute(
        "SELECT commitment_id, id, category, content, product, deadline, result, evidence FROM commitment_items"
        f" WHERE commitment_id IN ({placeholders(commitment_ids)}) ORDER BY commitment_id, position, id",
        list(commitment_ids),
    ).fetchall()
    for owner, item_id, category, content, product, deadline, result, evidence in rows:
        found[owner].append(CommitmentItem(category, content, product, deadline,
                                           CommitmentResult(result) if result else None, evidence, item_id))
    return found


def _fetch(db: Database, where: str, params: list[Any]) -> list[Commitment]:
    rows = db.execute(f"{_HEAD} WHERE {where} ORDER BY c.id", params).fetchall()
    items = items_of(db, [row[0] for row in rows])
    return [_commitment(row, items.get(row[0], [])) for row in rows]


def get_commitment(db: Database, commitment_id: int) -> Commitment | None:
    found = _fetch(db, "c.id = ?", [commitment_id])
    return found[0] if found else None


def of_person(db: Database, person_id: int, year: int) -> Commitment | None:
    found = _fetch(db, "c.person_id = ? AND c.year = ?", [person_id, year])
    return found[0] if found else None


def of_organization(db: Database, org_id: int, year: int) -> Commitment | None:
    """The collective registration of ``org_id`` for ``year``."""
    found = _fetch(db, "c.person_id IS NULL AND c.year = ? AND c.organization_id = ?", [year, org_id])
    return found[0] if found else None


def _values(data: CommitmentInput) -> dict[str, Any]:
    return {"year": data.year, "organization_id": data.organization_id, "person_id": data.person_id,
            "is_collective": int(data.person_id is None), "signed_on": iso(data.signed_on),
            "confirmed_on": iso(data.confirmed_on), "confirmed_by": data.confirmed_by, "note": data.note}


def insert_commitment(db: Database, data: CommitmentInput) -> int:
    stamp = now_text()
    commitment_id = insert(db, "commitments", {**_values(data), "created_at": stamp, "updated_at": stamp})
    replace_items(db, commitment_id, data.items)
    return commitment_id


def update_commitment(db: Database, commitment_id: int, data: CommitmentInput) -> None:
    update(db, "commitments", commitment_id, {**_values(data), "updated_at": now_text()})
    replace_items(db, commitment_id, data.items)


def replace_items(db: Database, commitment_id: int, items: Sequence[CommitmentItem]) -> None:
    db.execute("DELETE FROM commitment_items WHERE commitment_id = ?", [commitment_id])
    db.conn.executemany(
        "INSERT INTO commitment_items (commitment_id, position, category, content, product, deadline, result,"
        " evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(commitment_id, position, item.category, item.content, item.product, item.deadline,
          item.result.value if item.result else "", item.evidence) for position, item in enumerate(items, 1)],
    )


def set_confirmation(db: Database, commitment_id: int, confirmed_on: str | None, confirmed_by: str) -> None:
    update(db, "commitments", commitment_id,
           {"confirmed_on": confirmed_on, "confirmed_by": confirmed_by, "updated_at": now_text()})


def item_owner(db: Database, item_id: int) -> int | None:
    row = db.execute("SELECT commitment_id FROM commitment_items WHERE id = ?", [item_id]).fetchone()
    return row[0] if row else None


def set_item_result(db: Database, item_id: int, result: CommitmentResult | None, evidence: str) -> None:
    db.execute("UPDATE commitment_items SET result = ?, evidence = ? WHERE id = ?",
               [result.value if result else "", evidence, item_id])


def delete_commitment(db: Database, commitment_id: int) -> None:
    db.execute("DELETE FROM commitment_items WHERE commitment_id = ?", [commitment_id])
    db.execute("DELETE FROM commitments WHERE id = ?", [commitment_id])


def rows_of(db: Database, org_ids: Sequence[int], year: int) -> list[CommitmentRow]:
    """Registrations of ``year`` held by these organisations: collectives first, then by name."""
    rows = db.execute(
        "SELECT c.id, c.person_id, coalesce(p.full_name, o.name), c.organization_id, o.name, c.signed_on,"
        " c.confirmed_on, (SELECT count(*) FROM commitment_items i WHERE i.commitment_id = c.id),"
        " (SELECT count(*) FROM commitment_items i WHERE i.commitment_id = c.id AND i.result <> ''),"
        " coalesce(p.sort_key, '')"
        " FROM commitments c JOIN organizations o ON o.id = c.organization_id"
        " LEFT JOIN people p ON p.id = c.person_id"
        f" WHERE c.year = ? AND c.organization_id IN ({placeholders(org_ids)})"
        " ORDER BY c.person_id IS NOT NULL, coalesce(p.sort_key, ''), c.id",
        [year, *org_ids],
    ).fetchall()
    return [CommitmentRow(r[0], r[1], r[2], r[3], r[4], to_date(r[5]), to_date(r[6]), r[7], r[8], r[9])
            for r in rows]


def registered_people(db: Database, person_ids: Sequence[int], year: int) -> dict[int, bool]:
    """person id → whether their registration was confirmed, for those who registered for ``year``."""
    found: dict[int, bool] = {}
    for chunk in range(0, len(person_ids), 500):
        part = list(person_ids[chunk:chunk + 500])
        rows = db.execute(
            f"SELECT person_id, max(confirmed_on IS NOT NULL) FROM commitments WHERE year = ?"
            f" AND person_id IN ({placeholders(part)}) GROUP BY person_id",
            [year, *part],
        ).fetchall()
        found.update({row[0]: bool(row[1]) for row in rows})
    return found


def registered_by_kind(db: Database, roll: tuple[str, dict[str, Any]], year: int) -> dict[str, tuple[int, int]]:
    """membership kind → (people on ``roll``, those of them who registered for ``year``), in one query.

    ``roll``: a WITH clause and its parameters defining a table ``roll (person_id, kind)``
    (``attendance_repo.roll_sql``).
    """
    sql, params = roll
    rows = db.execute(
        f"{sql} SELECT roll.kind, count(*), sum(EXISTS (SELECT 1 FROM commitments c"
        " WHERE c.person_id = roll.person_id AND c.year = :year)) FROM roll GROUP BY roll.kind",
        {**params, "year": year},
    ).fetchall()
    return {kind: (expected, registered) for kind, expected, registered in rows}


def item_results(db: Database, person_ids: Sequence[int], year: int) -> list[CommitmentResult | None]:
    """The result of every item of these people's registrations for ``year``, like results together.

    Counted in SQL: a bloc's year has tens of thousands of items but only five results.
    """
    results: list[CommitmentResult | None] = []
    for chunk in range(0, len(person_ids), 500):
        part = list(person_ids[chunk:chunk + 500])
        rows = db.execute(
            "SELECT i.result, count(*) FROM commitment_items i JOIN commitments c ON c.id = i.commitment_id"
            f" WHERE c.year = ? AND c.person_id IN ({placeholders(part)}) GROUP BY i.result",
            [year, *part],
        ).fetchall()
        for result, count in rows:
            results += [CommitmentResult(result) if result else None] * count
    return results


def collective_org_ids(db: Database, org_ids: Sequence[int], year: int) -> set[int]:
    rows = db.execute(
        f"SELECT organization_id FROM commitments WHERE year = ? AND person_id IS NULL"
        f" AND organization_id IN ({placeholders(org_ids)})",
        [year, *org_ids],
    ).fetchall()
    return {row[0] for row in rows}


Summary = tuple[str | None, dict[str, int]]


def person_summaries(db: Database, person_ids: Sequence[int], year: int) -> dict[int, Summary]:
    """person id → (signing day ISO, item count by result code, '' for unmarked) for ``year``."""
    found: dict[int, Summary] = {}
    for chunk in range(0, len(person_ids), 500):
        part = list(person_ids[chunk:chunk + 500])
        rows = db.execute(
            "SELECT c.person_id, c.signed_on, i.result, count(i.id) FROM commitments c"
            " LEFT JOIN commitment_items i ON i.commitment_id = c.id"
            f" WHERE c.year = ? AND c.person_id IN ({placeholders(part)}) GROUP BY c.person_id, c.signed_on, i.result",
            [year, *part],
        ).fetchall()
        for person_id, signed_on, result, count in rows:
            _, counts = found.setdefault(person_id, (signed_on, {}))
            if count:
                counts[result or ""] = counts.get(result or "", 0) + count
    return found
