"""Use cases for year plans: the year's theme, the term theme, the unit's focus, the documents.

A bloc office enters the theme once and offers it to every organisation below it
(:meth:`YearPlanService.offer_theme_to_children`): it fills only what a unit left empty
and never overwrites a unit's own text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from khoi_desktop.domain.errors import NotFoundError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.study import YearPlan, YearPlanInput, check_year, clean_plan, offered
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import year_plans_repo as repo


@dataclass(frozen=True)
class ThemeOffered:
    """What :meth:`YearPlanService.offer_theme_to_children` did."""

    filled: int  # plans that received the theme (created or completed)
    kept: int  # plans left as they were: they already had their own text
    changes: Changes

    def text(self) -> str:
        return (f"Đã chuyển chủ đề năm cho {self.filled} tổ chức; {self.kept} tổ chức đã có chủ đề "
                "được giữ nguyên.")


def _changes(*org_ids: int) -> Changes:
    # Year plans hang off organisations; Changes has no flag of their own yet.
    return Changes(organizations=True, ids=tuple(org_ids))


class YearPlanService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    def get(self, org_id: int, year: int) -> YearPlan:
        """The organisation's plan for ``year`` (an empty one, ``id`` None, when none was entered)."""
        self._organization(org_id)
        check_year(year, self._ctx.today())
        return repo.get_plan(self._db, org_id, year) or YearPlan(org_id, year)

    def plans_below(self, org_id: int, year: int) -> list[tuple[Organization, YearPlan]]:
        """The organisation and every one below it, each with its plan (possibly empty), tree order."""
        ids = org_repo.descendant_ids(self._db, self._organization(org_id).id)
        plans = repo.plans_of(self._db, ids, year)
        wanted = set(ids)
        return [(org, plans.get(org.id) or YearPlan(org.id, year))
                for org in org_repo.all_organizations(self._db) if org.id in wanted]

    def save(self, data: YearPlanInput) -> Changes:
        cleaned = clean_plan(data, self._ctx.today())
        with self._db.atomic():
            org = self._organization(cleaned.organization_id)
            plan_id = repo.save_plan(self._db, cleaned)
            self._ctx.audit("update", "year_plan", plan_id,
                            f"Cập nhật kế hoạch năm {cleaned.year} của “{org.name}”", _plain(cleaned))
        return _changes(cleaned.organization_id)

    def offer_theme_to_children(self, org_id: int, year: int) -> ThemeOffered:
        """Copy the theme (and term theme, and documents) to the plans below that lack them."""
        check_year(year, self._ctx.today())
        with self._db.atomic():
            org = self._organization(org_id)
            superior = repo.get_plan(self._db, org_id, year)
            if superior is None or not (superior.theme or superior.term_theme):
                raise NotFoundError(f"“{org.name}” chưa có chủ đề năm {year} để chuyển cho các tổ chức "
                                    "trực thuộc.")
            below = [i for i in org_repo.descendant_ids(self._db, org_id) if i != org_id]
            active = {o.id for o in org_repo.all_organizations(self._db, include_retired=False)}
            plans = repo.plans_of(self._db, below, year)
            filled: list[int] = []
            for child_id in (i for i in below if i in active):
                plan = offered(plans.get(child_id), superior, child_id)
                if plan is not None:
                    repo.save_plan(self._db, plan)
                    filled.append(child_id)
            kept = sum(1 for i in below if i in active) - len(filled)
            self._ctx.audit("offer_theme", "year_plan", superior.id,
                            f"Chuyển chủ đề năm {year} của “{org.name}” cho {len(filled)} tổ chức trực thuộc",
                            {"organizations": filled, "kept": kept})
        return ThemeOffered(len(filled), kept, _changes(*filled))

    def _organization(self, org_id: int) -> Organization:
        org = org_repo.get_organization(self._db, org_id)
        if org is None:
            raise NotFoundError(f"Không có tổ chức mã số {org_id}.")
        return org


def _plain(data: YearPlanInput) -> dict:
    values = asdict(data)
    values["documents"] = [{**asdict(d), "issued_on": d.issued_on.isoformat() if d.issued_on else None}
                           for d in data.documents]
    return values
