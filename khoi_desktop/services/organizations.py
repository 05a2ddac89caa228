"""Use cases for the organisation tree: add, edit, move, retire, look up."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import PARTY_FOUNDED, Changes, Organization, OrganizationInput
from khoi_desktop.domain.validation import clean_organization
from khoi_desktop.domain.vntext import clean, format_date
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import organizations_repo as repo


class OrganizationService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    def create(self, data: OrganizationInput) -> Changes:
        cleaned = clean_organization(data)
        with self._db.atomic():
            parent = self.get(cleaned.parent_id) if cleaned.parent_id is not None else None
            _check_founding(cleaned.founded_on, None, parent, self._ctx.today())
            org_id = repo.insert_organization(self._db, cleaned)
            self._ctx.audit("create", "organization", org_id, f"Thêm tổ chức “{cleaned.name}”",
                            _plain(cleaned))
        return Changes(organizations=True, ids=(org_id,))

    def update(self, org_id: int, data: OrganizationInput) -> Changes:
        cleaned = clean_organization(data)
        with self._db.atomic():
            before = self.get(org_id)
            if cleaned.parent_id != before.parent_id:
                self._check_move(org_id, cleaned.parent_id)
            parent = self.get(cleaned.parent_id) if cleaned.parent_id is not None else None
            _check_founding(cleaned.founded_on, before.retired_on, parent, self._ctx.today())
            repo.update_organization(self._db, org_id, cleaned)
            self._ctx.audit("update", "organization", org_id, f"Sửa tổ chức “{cleaned.name}”",
                            {"before": _plain(before), "after": _plain(cleaned)})
        return Changes(organizations=True, ids=(org_id,))

    def move(self, org_id: int, new_parent_id: int | None) -> Changes:
        with self._db.atomic():
            org = self.get(org_id)
            self._check_move(org_id, new_parent_id)
            repo.set_parent(self._db, org_id, new_parent_id)
            self._ctx.audit("move", "organization", org_id, f"Chuyển “{org.name}” sang tổ chức cấp trên khác",
                            {"from": org.parent_id, "to": new_parent_id})
        return Changes(organizations=True, ids=(org_id,))

    def retire(self, org_id: int, on: date | None = None) -> Changes:
        """Retire (giải thể / thôi theo dõi) an organisation; its records stay for history."""
        day = on or self._ctx.today()
        with self._db.atomic():
            org = self.get(org_id)
            active_children = [o for o in self.children(org_id) if o.retired_on is None]
            if active_children:
                raise ValidationError("retired_on", f"“{org.name}” còn {len(active_children)} tổ chức trực thuộc "
                                      "đang hoạt động; hãy chuyển hoặc thôi theo dõi các tổ chức đó trước.")
            if org.founded_on is not None and day < org.founded_on:
                raise ValidationError("retired_on", f"Ngày thôi theo dõi {format_date(day)} trước ngày thành lập "
                                      f"của “{org.name}” ({format_date(org.founded_on)}).")
            repo.set_retired(self._db, org_id, day)
            self._ctx.audit("retire", "organization", org_id,
                            f"Thôi theo dõi “{org.name}” từ {format_date(day)}")
        return Changes(organizations=True, ids=(org_id,))

    def restore(self, org_id: int) -> Changes:
        with self._db.atomic():
            org = self.get(org_id)
            repo.set_retired(self._db, org_id, None)
            self._ctx.audit("restore", "organization", org_id, f"Theo dõi lại “{org.name}”")
        return Changes(organizations=True, ids=(org_id,))

    def add_term(self, org_id: int, name: str, start: date, end: date | None = None) -> Changes:
        """Record a nhiệm kỳ; document numbers run per type through it."""
        name = _checked_term(name, start, end)
        with self._db.atomic():
            org = self.get(org_id)
            self._check_overlap(org_id, None, start, end)
            term_id = repo.insert_term(self._db, org_id, name, start, end)
            self._ctx.audit("create", "term", term_id, f"Thêm “{name}” cho “{org.name}”")
        return Changes(organizations=True, ids=(org_id,))  # ids name organisations, as the flag says

    def update_term(self, term_id: int, name: str, start: date, end: date | None = None) -> Changes:
        """Correct a nhiệm kỳ or close it (an end date for the running one)."""
        name = _checked_term(name, start, end)
        with self._db.atomic():
            before = repo.term_by_id(self._db, term_id)
            if before is None:
                raise NotFoundError(f"Không tìm thấy nhiệm kỳ số {term_id}.")
            org = self.get(before["organization_id"])
            self._check_overlap(org.id, term_id, start, end)
            repo.update_term(self._db, term_id, name, start, end)
            after = {"name": name, "start_date": start.isoformat(), "end_date": end.isoformat() if end else None}
            self._ctx.audit("update", "term", term_id, f"Sửa “{name}” của “{org.name}”",
                            {"before": {key: before[key] for key in after}, "after": after})
        return Changes(organizations=True, ids=(org.id,))

    def _check_overlap(self, org_id: int, term_id: int | None, start: date, end: date | None) -> None:
        for term in repo.terms_of(self._db, org_id):
            if term["id"] == term_id:
                continue
            other_end = date.fromisoformat(term["end_date"]) if term["end_date"] else date.max
            if start <= other_end and (end or date.max) >= date.fromisoformat(term["start_date"]):
                raise ValidationError("term_start", f"Nhiệm kỳ trùng thời gian với “{term['name']}”.")

    def terms(self, org_id: int) -> list[dict]:
        return repo.terms_of(self._db, org_id)

    def get(self, org_id: int) -> Organization:
        org = repo.get_organization(self._db, org_id)
        if org is None:
            raise NotFoundError(f"Không có tổ chức mã số {org_id}.")
        return org

    def all(self, include_retired: bool = True) -> list[Organization]:
        return repo.all_organizations(self._db, include_retired)

    def children(self, org_id: int) -> list[Organization]:
        return [o for o in self.all() if o.parent_id == org_id]

    def roots(self) -> list[Organization]:
        return [o for o in self.all() if o.parent_id is None]

    def with_descendants(self, org_id: int) -> list[int]:
        return repo.descendant_ids(self._db, org_id)

    def resolve(self, text: str) -> Organization:
        """The one organisation an id, a document code or a name fragment names (command line)."""
        matches = repo.find_organizations(self._db, text.strip())
        if not matches:
            raise NotFoundError(f"Không tìm thấy tổ chức “{text}”.")
        exact = [o for o in matches if o.doc_code.upper() == text.strip().upper() or str(o.id) == text.strip()]
        if len(exact) == 1:
            return exact[0]
        if len(matches) > 1:
            names = "; ".join(f"{o.id}: {o.name}" for o in matches[:5])
            raise ValidationError("org", f"“{text}” khớp với nhiều tổ chức ({names}). Hãy ghi mã số.")
        return matches[0]

    def _check_move(self, org_id: int, new_parent_id: int | None) -> None:
        if new_parent_id is None:
            return
        self.get(new_parent_id)
        if new_parent_id in repo.descendant_ids(self._db, org_id):
            raise ValidationError("parent_id", "Không thể chuyển một tổ chức vào chính nó hoặc tổ chức cấp dưới của nó.")


def _plain(data: OrganizationInput | Organization) -> dict:
    values = asdict(data)
    values["kind"] = data.kind.value
    return values


def _check_founding(founded: date | None, retired: date | None, parent: Organization | None, today: date) -> None:
    """Ngày thành lập lies in the Party's life, not in the future, not after the retirement and not
    before the superior organisation's own founding."""
    if founded is None:
        return
    what = f"Ngày thành lập {format_date(founded)}"
    if founded > today:
        raise ValidationError("founded_on", f"{what} ở tương lai (hôm nay là {format_date(today)}).")
    if founded < PARTY_FOUNDED:
        raise ValidationError("founded_on", f"{what} trước ngày thành lập Đảng ({format_date(PARTY_FOUNDED)}).")
    if retired is not None and founded > retired:
        raise ValidationError("founded_on", f"{what} sau ngày thôi theo dõi tổ chức ({format_date(retired)}).")
    if parent is not None and parent.founded_on is not None and founded < parent.founded_on:
        raise ValidationError("founded_on", f"{what} trước ngày thành lập của tổ chức cấp trên “{parent.name}” "
                              f"({format_date(parent.founded_on)}).")


def _checked_term(name: str, start: date, end: date | None) -> str:
    name = clean(name)
    if not name:
        raise ValidationError("term_name", "Tên nhiệm kỳ không được để trống (ví dụ Nhiệm kỳ 2025–2030).")
    if end is not None and end <= start:
        raise ValidationError("term_end", "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")
    return name
