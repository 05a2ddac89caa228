"""Use cases for inspections and supervisions (kiểm tra, giám sát): record, follow the steps, count.

The rules (steps in order, dates, targets) are in :mod:`khoi_desktop.domain.oversight`.
The conducting organisation is the committee whose body runs it; its targets are
organisations below it. Every write validates, runs in one transaction, writes the audit
log and returns :class:`Changes`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.oversight import (
    Inspection,
    InspectionCounts,
    InspectionInput,
    StepRecord,
    check_year,
    clean_inspection,
    count_inspections,
    oversight_changes,
)
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import oversight_repo as repo


@dataclass(frozen=True)
class InspectionSaved:
    inspection_id: int
    changes: Changes


@dataclass(frozen=True)
class InspectionSummary:
    """The year's inspections run by the organisation itself, and by the organisations below it."""

    own: InspectionCounts
    below: InspectionCounts


class InspectionService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    # -- writes -------------------------------------------------------------------------
    def create(self, data: InspectionInput) -> InspectionSaved:
        cleaned = clean_inspection(data)
        with self._db.atomic():
            self._check_organisations(cleaned)
            inspection_id = repo.insert_inspection(self._db, cleaned)
            self._ctx.audit("create", "inspection", inspection_id,
                            f"Thêm cuộc {cleaned.kind.label.lower()} năm {cleaned.year}: {cleaned.subject}",
                            _plain(cleaned))
        return InspectionSaved(inspection_id, oversight_changes(inspection_id))

    def update(self, inspection_id: int, data: InspectionInput) -> Changes:
        cleaned = clean_inspection(data)
        with self._db.atomic():
            before = self.get(inspection_id)
            self._check_organisations(cleaned)
            repo.update_inspection(self._db, inspection_id, cleaned)
            self._ctx.audit("update", "inspection", inspection_id, f"Sửa cuộc kiểm tra, giám sát: {cleaned.subject}",
                            {"before": _plain(before.to_input()), "after": _plain(cleaned)})
        return oversight_changes(inspection_id)

    def record_step(self, inspection_id: int, record: StepRecord) -> Changes:
        """Record (or correct) one step; the others stay as they are."""
        current = self.get(inspection_id)
        steps = tuple(s for s in current.steps if s.step is not record.step) + (record,)
        return self.update(inspection_id, replace(current.to_input(), steps=steps))

    def delete(self, inspection_id: int) -> Changes:
        with self._db.atomic():
            before = self.get(inspection_id)
            repo.delete_inspection(self._db, inspection_id)
            self._ctx.audit("delete", "inspection", inspection_id, f"Xóa cuộc kiểm tra, giám sát: {before.subject}",
                            _plain(before.to_input()))
        return oversight_changes(inspection_id)

    # -- reads ----------------------------------------------------------------------------
    def get(self, inspection_id: int) -> Inspection:
        found = repo.get_inspection(self._db, inspection_id)
        if found is None:
            raise NotFoundError(f"Không có cuộc kiểm tra, giám sát mã số {inspection_id}.")
        return found

    def conducted_by(self, org_id: int, year: int, *, below: bool = False) -> list[Inspection]:
        """Run by the organisation itself (or, with ``below``, by the organisations under it)."""
        return repo.inspections(self._db, self._conductors(org_id, below), [check_year(year)])

    def targeting(self, org_id: int, year: int) -> list[Inspection]:
        """Every inspection of the year whose targets include the organisation or one below it."""
        scope = org_repo.descendant_ids(self._db, self._organization(org_id).id)
        everyone = [org.id for org in org_repo.all_organizations(self._db)]
        return repo.inspections(self._db, everyone, [check_year(year)], target_ids=scope)

    def counts(self, org_id: int, year: int) -> InspectionSummary:
        return InspectionSummary(count_inspections(self.conducted_by(org_id, year)),
                                 count_inspections(self.conducted_by(org_id, year, below=True)))

    # -- helpers --------------------------------------------------------------------------
    def _organization(self, org_id: int) -> Organization:
        org = org_repo.get_organization(self._db, org_id)
        if org is None:
            raise NotFoundError(f"Không có tổ chức mã số {org_id}.")
        return org

    def _conductors(self, org_id: int, below: bool) -> list[int]:
        org = self._organization(org_id)
        return [i for i in org_repo.descendant_ids(self._db, org.id) if i != org.id] if below else [org.id]

    def _check_organisations(self, data: InspectionInput) -> None:
        org = self._organization(data.conducting_org_id)
        below = set(org_repo.descendant_ids(self._db, org.id)) - {org.id}
        known = repo.organization_kinds(self._db, data.target_ids)
        missing = [i for i in data.target_ids if i not in known]
        if missing:
            raise NotFoundError(f"Không có tổ chức mã số {missing[0]}.")
        outside = [i for i in data.target_ids if i not in below]
        if outside:
            name = org_repo.get_organization(self._db, outside[0])
            raise ValidationError("target_ids", f"“{name.name if name else outside[0]}” không trực thuộc "
                                  f"“{org.name}” nên không thể là đối tượng kiểm tra, giám sát của tổ chức này.")


def _plain(data: InspectionInput) -> dict[str, Any]:
    values = asdict(data)
    values["steps"] = [{**asdict(s), "step": s.step.value} for s in data.steps]
    values["kind"] = data.kind.value
    return values
