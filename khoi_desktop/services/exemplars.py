"""Use cases for exemplars and commendations (gương điển hình, khen thưởng), collective and individual."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.oversight import (
    Exemplar,
    ExemplarCounts,
    ExemplarInput,
    check_year,
    clean_exemplar,
    count_exemplars,
    oversight_changes,
)
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import oversight_repo as repo


@dataclass(frozen=True)
class ExemplarSaved:
    exemplar_id: int
    changes: Changes


class ExemplarService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    def create(self, data: ExemplarInput) -> ExemplarSaved:
        cleaned = clean_exemplar(data)
        with self._db.atomic():
            self._check_refs(cleaned)
            exemplar_id = repo.insert_exemplar(self._db, cleaned)
            self._ctx.audit("create", "exemplar", exemplar_id, f"Thêm gương điển hình “{cleaned.name}”",
                            _plain(cleaned))
        return ExemplarSaved(exemplar_id, oversight_changes(exemplar_id))

    def update(self, exemplar_id: int, data: ExemplarInput) -> Changes:
        cleaned = clean_exemplar(data)
        with self._db.atomic():
            before = self.get(exemplar_id)
            self._check_refs(cleaned)
            repo.update_exemplar(self._db, exemplar_id, cleaned)
            self._ctx.audit("update", "exemplar", exemplar_id, f"Sửa gương điển hình “{cleaned.name}”",
                            {"before": _plain(before.to_input()), "after": _plain(cleaned)})
        return oversight_changes(exemplar_id)

    def delete(self, exemplar_id: int) -> Changes:
        with self._db.atomic():
            before = self.get(exemplar_id)
            repo.delete_row(self._db, "exemplars", exemplar_id)
            self._ctx.audit("delete", "exemplar", exemplar_id, f"Xóa gương điển hình “{before.name}”",
                            _plain(before.to_input()))
        return oversight_changes(exemplar_id)

    def get(self, exemplar_id: int) -> Exemplar:
        found = repo.exemplars(self._db, (), (), exemplar_id=exemplar_id)
        if not found:
            raise NotFoundError(f"Không có gương điển hình mã số {exemplar_id}.")
        return found[0]

    def items(self, org_id: int, year: int, *, collective: bool | None = None) -> list[Exemplar]:
        """The year's exemplars of the organisation and those below it (collectives first)."""
        if org_repo.get_organization(self._db, org_id) is None:
            raise NotFoundError(f"Không có tổ chức mã số {org_id}.")
        found = repo.exemplars(self._db, org_repo.descendant_ids(self._db, org_id), [check_year(year)])
        return [e for e in found if collective is None or e.is_collective == collective]

    def counts(self, org_id: int, year: int) -> ExemplarCounts:
        return count_exemplars(self.items(org_id, year))

    def _check_refs(self, data: ExemplarInput) -> None:
        if org_repo.get_organization(self._db, data.organization_id) is None:
            raise NotFoundError(f"Không có tổ chức mã số {data.organization_id}.")
        if data.person_id is not None and not repo.person_exists(self._db, data.person_id):
            raise ValidationError("person_id", f"Không có người mã số {data.person_id}.")


def _plain(data: ExemplarInput) -> dict[str, Any]:
    return asdict(data)
