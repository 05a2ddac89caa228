"""Use cases for outreach (tuyên truyền) and the reporters' and collaborators' network.

Items are counted by outlet (:func:`khoi_desktop.domain.oversight.count_outreach`); an
organisation's figures include the organisations below it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.oversight import (
    Contributor,
    ContributorInput,
    OutreachCounts,
    OutreachInput,
    OutreachItem,
    check_year,
    clean_contributor,
    clean_outreach,
    count_outreach,
    oversight_changes,
)
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import oversight_repo as repo


@dataclass(frozen=True)
class OutreachSaved:
    item_id: int
    changes: Changes


class OutreachService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    # -- outreach items -----------------------------------------------------------------
    def create(self, data: OutreachInput) -> OutreachSaved:
        cleaned = clean_outreach(data)
        with self._db.atomic():
            self._require_org(cleaned.organization_id)
            item_id = repo.insert_outreach(self._db, cleaned)
            self._ctx.audit("create", "outreach", item_id, f"Thêm tin, bài tuyên truyền: {cleaned.title}",
                            _plain(cleaned))
        return OutreachSaved(item_id, oversight_changes(item_id))

    def update(self, item_id: int, data: OutreachInput) -> Changes:
        cleaned = clean_outreach(data)
        with self._db.atomic():
            before = self.get(item_id)
            self._require_org(cleaned.organization_id)
            repo.update_outreach(self._db, item_id, cleaned)
            self._ctx.audit("update", "outreach", item_id, f"Sửa tin, bài tuyên truyền: {cleaned.title}",
                            {"before": _plain(before.to_input()), "after": _plain(cleaned)})
        return oversight_changes(item_id)

    def delete(self, item_id: int) -> Changes:
        with self._db.atomic():
            before = self.get(item_id)
            repo.delete_row(self._db, "outreach", item_id)
            self._ctx.audit("delete", "outreach", item_id, f"Xóa tin, bài tuyên truyền: {before.title}",
                            _plain(before.to_input()))
        return oversight_changes(item_id)

    def get(self, item_id: int) -> OutreachItem:
        found = repo.outreach(self._db, (), (), item_id=item_id)
        if not found:
            raise NotFoundError(f"Không có tin, bài tuyên truyền mã số {item_id}.")
        return found[0]

    def items(self, org_id: int, year: int) -> list[OutreachItem]:
        """The year's items of the organisation and the organisations below it."""
        return repo.outreach(self._db, self._scope(org_id), [check_year(year)])

    def counts(self, org_id: int, year: int) -> OutreachCounts:
        return count_outreach(self.items(org_id, year))

    # -- the network ----------------------------------------------------------------------
    def add_contributor(self, data: ContributorInput) -> OutreachSaved:
        cleaned = clean_contributor(data)
        with self._db.atomic():
            self._require_org(cleaned.organization_id)
            self._require_person(cleaned.person_id)
            contributor_id = repo.insert_contributor(self._db, cleaned)
            self._ctx.audit("create", "outreach_contributor", contributor_id,
                            f"Thêm cộng tác viên “{cleaned.name}”", _plain(cleaned))
        return OutreachSaved(contributor_id, oversight_changes(contributor_id))

    def update_contributor(self, contributor_id: int, data: ContributorInput) -> Changes:
        cleaned = clean_contributor(data)
        with self._db.atomic():
            before = self.contributor(contributor_id)
            self._require_org(cleaned.organization_id)
            self._require_person(cleaned.person_id)
            repo.update_contributor(self._db, contributor_id, cleaned)
            self._ctx.audit("update", "outreach_contributor", contributor_id, f"Sửa cộng tác viên “{cleaned.name}”",
                            {"before": _plain(before.to_input()), "after": _plain(cleaned)})
        return oversight_changes(contributor_id)

    def remove_contributor(self, contributor_id: int) -> Changes:
        with self._db.atomic():
            before = self.contributor(contributor_id)
            repo.delete_row(self._db, "outreach_contributors", contributor_id)
            self._ctx.audit("delete", "outreach_contributor", contributor_id, f"Xóa cộng tác viên “{before.name}”",
                            _plain(before.to_input()))
        return oversight_changes(contributor_id)

    def contributor(self, contributor_id: int) -> Contributor:
        found = repo.contributors(self._db, (), contributor_id=contributor_id)
        if not found:
            raise NotFoundError(f"Không có cộng tác viên mã số {contributor_id}.")
        return found[0]

    def contributors(self, org_id: int) -> list[Contributor]:
        """The network of the organisation and the organisations below it."""
        return repo.contributors(self._db, self._scope(org_id))

    # -- helpers --------------------------------------------------------------------------
    def _scope(self, org_id: int) -> list[int]:
        return org_repo.descendant_ids(self._db, self._require_org(org_id))

    def _require_org(self, org_id: int) -> int:
        if org_repo.get_organization(self._db, org_id) is None:
            raise NotFoundError(f"Không có tổ chức mã số {org_id}.")
        return org_id

    def _require_person(self, person_id: int | None) -> None:
        if person_id is not None and not repo.person_exists(self._db, person_id):
            raise ValidationError("person_id", f"Không có người mã số {person_id}.")


def _plain(data: OutreachInput | ContributorInput) -> dict[str, Any]:
    return {key: getattr(value, "value", value) for key, value in asdict(data).items()}
