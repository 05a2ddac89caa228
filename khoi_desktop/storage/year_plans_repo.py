"""SQL for year plans (year_plans) and the documents they are built on (plan_documents)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from khoi_desktop.domain.study import PlanDocument, YearPlan, YearPlanInput
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import insert, iso, placeholders, to_date


def plans_of(db: Database, org_ids: Sequence[int], year: int) -> dict[int, YearPlan]:
    """organisation id → its plan for ``year``, for the organisations that have one."""
    rows = db.execute(
        "SELECT id, organization_id, year, theme, term_theme, focus_content, note FROM year_plans"
        f" WHERE year = ? AND organization_id IN ({placeholders(org_ids)})",
        [year, *org_ids],
    ).fetchall()
    documents = _documents(db, [row[0] for row in rows])
    return {
        row[1]: YearPlan(organization_id=row[1], year=row[2], theme=row[3], term_theme=row[4],
                         focus_content=row[5], note=row[6], documents=tuple(documents.get(row[0], ())), id=row[0])
        for row in rows
    }


def get_plan(db: Database, org_id: int, year: int) -> YearPlan | None:
    return plans_of(db, [org_id], year).get(org_id)


def _documents(db: Database, plan_ids: Sequence[int]) -> dict[int, list[PlanDocument]]:
    found: dict[int, list[PlanDocument]] = defaultdict(list)
    rows = db.execute(
        "SELECT year_plan_id, id, kind, number, title, issued_on, issuer FROM plan_documents"
        f" WHERE year_plan_id IN ({placeholders(plan_ids)}) ORDER BY year_plan_id, id",
        list(plan_ids),
    ).fetchall()
    for plan_id, doc_id, kind, number, title, issued_on, issuer in rows:
        found[plan_id].append(PlanDocument(kind, title, number, to_date(issued_on), issuer, doc_id))
    return found


def save_plan(db: Database, plan: YearPlanInput | YearPlan) -> int:
    """Insert or replace the plan of (organisation, year) with its documents; return its id."""
    db.execute(
        "INSERT INTO year_plans (organization_id, year, theme, term_theme, focus_content, note)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (organization_id, year) DO UPDATE SET theme = excluded.theme,"
        " term_theme = excluded.term_theme, focus_content = excluded.focus_content, note = excluded.note",
        [plan.organization_id, plan.year, plan.theme, plan.term_theme, plan.focus_content, plan.note],
    )
    plan_id = int(db.execute("SELECT id FROM year_plans WHERE organization_id = ? AND year = ?",
                             [plan.organization_id, plan.year]).fetchone()[0])
    db.execute("DELETE FROM plan_documents WHERE year_plan_id = ?", [plan_id])
    for document in plan.documents:
        insert(db, "plan_documents", {
            "year_plan_id": plan_id, "kind": document.kind, "number": document.number, "title": document.title,
            "issued_on": iso(document.issued_on), "issuer": document.issuer,
        })
    return plan_id
