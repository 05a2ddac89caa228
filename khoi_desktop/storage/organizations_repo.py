"""SQL for organisations and terms."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.models import Organization, OrganizationInput
from khoi_desktop.domain.validation import parse_id
from khoi_desktop.domain.vntext import search_key
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import insert, iso, now_text, query, to_date, update

_COLUMNS = (
    "id, parent_id, name, kind, short_name, agency_name, doc_code, place_name, superior_name,"
    " sort_order, retired_on, uuid, founded_on"
)


def _to_org(row: dict[str, Any]) -> Organization:
    return Organization(
        id=row["id"], parent_id=row["parent_id"], name=row["name"], kind=OrgKind(row["kind"]),
        short_name=row["short_name"], agency_name=row["agency_name"], doc_code=row["doc_code"],
        place_name=row["place_name"], superior_name=row["superior_name"], sort_order=row["sort_order"],
        retired_on=to_date(row["retired_on"]), uuid=row["uuid"] or "", founded_on=to_date(row["founded_on"]),
    )


def _values(data: OrganizationInput) -> dict[str, Any]:
    return {
        "parent_id": data.parent_id, "name": data.name, "kind": data.kind.value,
        "short_name": data.short_name, "agency_name": data.agency_name, "doc_code": data.doc_code,
        "place_name": data.place_name, "superior_name": data.superior_name,
        "sort_order": data.sort_order, "name_search": search_key(data.name), "founded_on": iso(data.founded_on),
    }


def insert_organization(db: Database, data: OrganizationInput) -> int:
    stamp = now_text()
    return insert(db, "organizations", {**_values(data), "uuid": str(uuid.uuid4()), "created_at": stamp,
                                        "updated_at": stamp})


def update_organization(db: Database, org_id: int, data: OrganizationInput) -> None:
    update(db, "organizations", org_id, {**_values(data), "updated_at": now_text()})


def set_parent(db: Database, org_id: int, parent_id: int | None) -> None:
    update(db, "organizations", org_id, {"parent_id": parent_id, "updated_at": now_text()})


def set_retired(db: Database, org_id: int, retired_on: date | None) -> None:
    update(db, "organizations", org_id, {"retired_on": iso(retired_on), "updated_at": now_text()})


def get_organization(db: Database, org_id: int) -> Organization | None:
    rows = query(db, f"SELECT {_COLUMNS} FROM organizations WHERE id = ?", [org_id])
    return _to_org(rows[0]) if rows else None


def all_organizations(db: Database, include_retired: bool = True) -> list[Organization]:
    where = "" if include_retired else "WHERE retired_on IS NULL"
    rows = query(db, f"SELECT {_COLUMNS} FROM organizations {where} ORDER BY sort_order, name COLLATE VI")
    return [_to_org(row) for row in rows]


def descendant_ids(db: Database, org_id: int) -> list[int]:
    """The organisation and every organisation below it."""
    rows = db.execute(
        "WITH RECURSIVE tree(id) AS (SELECT ? UNION ALL"
        " SELECT o.id FROM organizations o JOIN tree ON o.parent_id = tree.id) SELECT id FROM tree",
        [org_id],
    ).fetchall()
    return [row[0] for row in rows]


def find_organizations(db: Database, text: str) -> list[Organization]:
    """By id, by document code, or by a diacritic-free part of the name."""
    if text.isdigit():
        org_id = parse_id(text)
        org = get_organization(db, org_id) if org_id is not None else None
        return [org] if org else []
    rows = query(
        db,
        f"SELECT {_COLUMNS} FROM organizations WHERE doc_code = ? COLLATE NOCASE OR instr(name_search, ?) > 0"
        " ORDER BY (doc_code = ? COLLATE NOCASE) DESC, name COLLATE VI",
        [text, search_key(text), text],
    )
    return [_to_org(row) for row in rows]


def count_people(db: Database, org_ids: list[int]) -> int:
    marks = ", ".join("?" for _ in org_ids)
    return int(db.execute(
        f"SELECT count(*) FROM people WHERE retired_on IS NULL AND organization_id IN ({marks})", org_ids
    ).fetchone()[0])


def insert_term(db: Database, org_id: int, name: str, start: date, end: date | None) -> int:
    return insert(db, "terms", {"organization_id": org_id, "name": name, "start_date": iso(start),
                                "end_date": iso(end)})


def update_term(db: Database, term_id: int, name: str, start: date, end: date | None) -> None:
    db.execute("UPDATE terms SET name = ?, start_date = ?, end_date = ? WHERE id = ?",
               [name, iso(start), iso(end), term_id])


def term_by_id(db: Database, term_id: int) -> dict[str, Any] | None:
    rows = query(db, "SELECT * FROM terms WHERE id = ?", [term_id])
    return rows[0] if rows else None


def term_on(db: Database, org_id: int, day: date) -> dict[str, Any] | None:
    rows = query(
        db,
        "SELECT * FROM terms WHERE organization_id = ? AND start_date <= ?"
        " AND (end_date IS NULL OR end_date >= ?) ORDER BY start_date DESC LIMIT 1",
        [org_id, iso(day), iso(day)],
    )
    return rows[0] if rows else None


def terms_of(db: Database, org_id: int) -> list[dict[str, Any]]:
    return query(db, "SELECT * FROM terms WHERE organization_id = ? ORDER BY start_date", [org_id])


def by_uuid(db: Database, value: str) -> Organization | None:
    rows = query(db, f"SELECT {_COLUMNS} FROM organizations WHERE uuid = ?", [value])
    return _to_org(rows[0]) if rows else None


def descendant_uuids(db: Database, org_id: int) -> list[str]:
    """The UUIDs of the organisation and of every organisation below it (the organisation's first)."""
    rows = db.execute(
        "WITH RECURSIVE tree(id, depth) AS (SELECT ?, 0 UNION ALL"
        " SELECT o.id, tree.depth + 1 FROM organizations o JOIN tree ON o.parent_id = tree.id)"
        " SELECT o.uuid FROM tree JOIN organizations o ON o.id = tree.id ORDER BY tree.depth, o.id",
        [org_id],
    ).fetchall()
    return [row[0] for row in rows]


def parent_map(db: Database) -> dict[int, int | None]:
    """Every organisation's parent id (what walking up the tree needs, without reading whole rows)."""
    return {row[0]: row[1] for row in db.execute("SELECT id, parent_id FROM organizations").fetchall()}


def top_uuids(db: Database) -> dict[str, str]:
    """The UUIDs of the top organisations (no parent) → their names."""
    return {row[0]: row[1] for row in db.execute(
        "SELECT uuid, name FROM organizations WHERE parent_id IS NULL AND uuid IS NOT NULL").fetchall()}
