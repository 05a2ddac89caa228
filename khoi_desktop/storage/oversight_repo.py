"""SQL for inspections (with targets and steps), outreach, the contributors' network and exemplars."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from khoi_desktop.domain.enums import InspectionKind, InspectionStep, OrgKind, OutreachOutlet
from khoi_desktop.domain.oversight import (
    Contributor,
    ContributorInput,
    Exemplar,
    ExemplarInput,
    Inspection,
    InspectionInput,
    InspectionTarget,
    OutreachInput,
    OutreachItem,
    StepRecord,
    current_step,
)
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import insert, iso, now_text, placeholders, query, to_date, update

# -- inspections -------------------------------------------------------------------------------


def _inspection_values(data: InspectionInput) -> dict[str, Any]:
    return {
        "year": data.year, "conducting_org_id": data.conducting_org_id, "conductor": data.conductor,
        "kind": data.kind.value, "subject": data.subject, "start_date": iso(data.start_date),
        "end_date": iso(data.end_date), "step": current_step(data.steps).value, "conclusion": data.conclusion,
        "on_theme": int(bool(data.on_theme)), "updated_at": now_text(),
    }


def insert_inspection(db: Database, data: InspectionInput) -> int:
    values = _inspection_values(data)
    inspection_id = insert(db, "inspections", {**values, "created_at": values["updated_at"]})
    _replace_parts(db, inspection_id, data)
    return inspection_id


def update_inspection(db: Database, inspection_id: int, data: InspectionInput) -> None:
    update(db, "inspections", inspection_id, _inspection_values(data))
    _replace_parts(db, inspection_id, data)


def _replace_parts(db: Database, inspection_id: int, data: InspectionInput) -> None:
    db.execute("DELETE FROM inspection_targets WHERE inspection_id = ?", [inspection_id])
    db.execute("DELETE FROM inspection_steps WHERE inspection_id = ?", [inspection_id])
    for org_id in data.target_ids:
        db.execute("INSERT INTO inspection_targets (inspection_id, organization_id) VALUES (?, ?)",
                   [inspection_id, org_id])
    for record in data.steps:
        insert(db, "inspection_steps", {"inspection_id": inspection_id, "step": record.step.value,
                                        "done_on": iso(record.done_on), "document_number": record.document_number,
                                        "note": record.note})


def delete_inspection(db: Database, inspection_id: int) -> None:
    db.execute("DELETE FROM inspection_targets WHERE inspection_id = ?", [inspection_id])
    db.execute("DELETE FROM inspection_steps WHERE inspection_id = ?", [inspection_id])
    db.execute("DELETE FROM inspections WHERE id = ?", [inspection_id])


_INSPECTION_SELECT = (
    "SELECT i.*, coalesce(o.name, '') AS org_name FROM inspections i"
    " LEFT JOIN organizations o ON o.id = i.conducting_org_id"
)


def inspections(db: Database, conducting_ids: Sequence[int], years: Sequence[int],
                target_ids: Sequence[int] | None = None) -> list[Inspection]:
    """Inspections run by these organisations in these years (optionally: touching these targets)."""
    sql = (f"{_INSPECTION_SELECT} WHERE i.conducting_org_id IN ({placeholders(conducting_ids)})"
           f" AND i.year IN ({placeholders(years)})")
    params: list[Any] = [*conducting_ids, *years]
    if target_ids is not None:
        sql += (" AND i.id IN (SELECT inspection_id FROM inspection_targets"
                f" WHERE organization_id IN ({placeholders(target_ids)}))")
        params.extend(target_ids)
    return _assemble(db, query(db, sql + " ORDER BY i.year, coalesce(i.start_date, i.created_at), i.id", params))


def get_inspection(db: Database, inspection_id: int) -> Inspection | None:
    found = _assemble(db, query(db, f"{_INSPECTION_SELECT} WHERE i.id = ?", [inspection_id]))
    return found[0] if found else None


def _assemble(db: Database, rows: list[dict[str, Any]]) -> list[Inspection]:
    ids = [row["id"] for row in rows]
    targets: dict[int, list[InspectionTarget]] = defaultdict(list)
    for row in query(db, "SELECT t.inspection_id, o.id, o.name, o.kind FROM inspection_targets t"
                     f" JOIN organizations o ON o.id = t.organization_id WHERE t.inspection_id IN ({placeholders(ids)})"
                     " ORDER BY o.sort_order, o.name COLLATE VI", ids):
        targets[row["inspection_id"]].append(InspectionTarget(row["id"], row["name"], OrgKind(row["kind"])))
    steps: dict[int, list[StepRecord]] = defaultdict(list)
    for row in query(db, "SELECT * FROM inspection_steps"
                     f" WHERE inspection_id IN ({placeholders(ids)}) ORDER BY id", ids):
        steps[row["inspection_id"]].append(StepRecord(InspectionStep(row["step"]), to_date(row["done_on"]),
                                                      row["document_number"], row["note"]))
    return [_to_inspection(row, targets[row["id"]], steps[row["id"]]) for row in rows]


def _to_inspection(row: dict[str, Any], targets: list[InspectionTarget], steps: list[StepRecord]) -> Inspection:
    ordered = tuple(sorted(steps, key=lambda record: list(InspectionStep).index(record.step)))
    return Inspection(
        id=row["id"], year=row["year"], conducting_org_id=row["conducting_org_id"],
        conducting_org_name=row["org_name"], conductor=row["conductor"], kind=InspectionKind(row["kind"]),
        subject=row["subject"], start_date=to_date(row["start_date"]), end_date=to_date(row["end_date"]),
        step=InspectionStep(row["step"]), conclusion=row["conclusion"], targets=tuple(targets), steps=ordered,
        on_theme=bool(row.get("on_theme", 0)),
    )


# -- outreach ------------------------------------------------------------------------------------


def _outreach_values(data: OutreachInput) -> dict[str, Any]:
    return {"organization_id": data.organization_id, "year": data.year, "outlet": data.outlet.value,
            "kind": data.kind, "title": data.title, "date": iso(data.date), "count": data.count,
            "authors": data.authors, "note": data.note}


def insert_outreach(db: Database, data: OutreachInput) -> int:
    return insert(db, "outreach", _outreach_values(data))


def update_outreach(db: Database, item_id: int, data: OutreachInput) -> None:
    update(db, "outreach", item_id, _outreach_values(data))


def delete_row(db: Database, table: str, row_id: int) -> None:
    """Delete one outreach item, contributor or exemplar (the table name comes from our code)."""
    db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])


def outreach(db: Database, org_ids: Sequence[int], years: Sequence[int], item_id: int | None = None) -> list[OutreachItem]:
    where, params = _scope_where("x", org_ids, years, item_id)
    rows = query(db, "SELECT x.*, o.name AS org_name FROM outreach x JOIN organizations o"
                 f" ON o.id = x.organization_id WHERE {where} ORDER BY x.year, x.date, x.id", params)
    return [OutreachItem(row["id"], row["organization_id"], row["org_name"], row["year"], OutreachOutlet(row["outlet"]),
                         row["title"], row["kind"], to_date(row["date"]), row["count"], row["authors"], row["note"])
            for row in rows]


def _scope_where(alias: str, org_ids: Sequence[int], years: Sequence[int],
                 row_id: int | None) -> tuple[str, list[Any]]:
    if row_id is not None:
        return f"{alias}.id = ?", [row_id]
    return (f"{alias}.organization_id IN ({placeholders(org_ids)}) AND {alias}.year IN ({placeholders(years)})",
            [*org_ids, *years])


def _contributor_values(data: ContributorInput) -> dict[str, Any]:
    return {"organization_id": data.organization_id, "person_id": data.person_id, "name": data.name,
            "role": data.role, "outlet": data.outlet.value if data.outlet else "", "since": iso(data.since)}


def insert_contributor(db: Database, data: ContributorInput) -> int:
    return insert(db, "outreach_contributors", _contributor_values(data))


def update_contributor(db: Database, contributor_id: int, data: ContributorInput) -> None:
    update(db, "outreach_contributors", contributor_id, _contributor_values(data))


def contributors(db: Database, org_ids: Sequence[int], contributor_id: int | None = None) -> list[Contributor]:
    if contributor_id is not None:
        where, params = "c.id = ?", [contributor_id]
    else:
        where, params = f"c.organization_id IN ({placeholders(org_ids)})", list(org_ids)
    rows = query(db, "SELECT c.*, o.name AS org_name FROM outreach_contributors c JOIN organizations o"
                 f" ON o.id = c.organization_id WHERE {where} ORDER BY o.sort_order, o.name COLLATE VI, c.id", params)
    return [Contributor(row["id"], row["organization_id"], row["org_name"], row["name"], row["role"],
                        OutreachOutlet(row["outlet"]) if row["outlet"] else None, row["person_id"],
                        to_date(row["since"])) for row in rows]


# -- exemplars -----------------------------------------------------------------------------------


def _exemplar_values(data: ExemplarInput) -> dict[str, Any]:
    return {"organization_id": data.organization_id, "year": data.year, "person_id": data.person_id,
            "is_collective": int(data.is_collective), "name": data.name, "achievement": data.achievement,
            "commendation": data.commendation, "issued_by": data.issued_by,
            "decision_number": data.decision_number, "date": iso(data.date)}


def insert_exemplar(db: Database, data: ExemplarInput) -> int:
    return insert(db, "exemplars", _exemplar_values(data))


def update_exemplar(db: Database, exemplar_id: int, data: ExemplarInput) -> None:
    update(db, "exemplars", exemplar_id, _exemplar_values(data))


def exemplars(db: Database, org_ids: Sequence[int], years: Sequence[int], exemplar_id: int | None = None) -> list[Exemplar]:
    where, params = _scope_where("e", org_ids, years, exemplar_id)
    rows = query(db, "SELECT e.*, o.name AS org_name FROM exemplars e JOIN organizations o"
                 f" ON o.id = e.organization_id WHERE {where}"
                 " ORDER BY e.year, e.is_collective DESC, e.date, e.id", params)
    return [Exemplar(row["id"], row["organization_id"], row["org_name"], row["year"], row["name"],
                     bool(row["is_collective"]), row["person_id"], row["achievement"], row["commendation"],
                     row["issued_by"], row["decision_number"], to_date(row["date"])) for row in rows]


def organization_kinds(db: Database, org_ids: Sequence[int]) -> dict[int, OrgKind]:
    """The kind of each of these organisations (to check targets before writing)."""
    rows = db.execute(f"SELECT id, kind FROM organizations WHERE id IN ({placeholders(org_ids)})", list(org_ids))
    return {row[0]: OrgKind(row[1]) for row in rows.fetchall()}


def person_exists(db: Database, person_id: int) -> bool:
    return db.execute("SELECT 1 FROM people WHERE id = ?", [person_id]).fetchone() is not None
