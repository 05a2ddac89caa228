"""Use cases for people: add, edit, memberships, dated status changes, moves, retire, list, history."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from khoi_desktop.domain.enums import OrgKind, PersonStatus
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import (
    AuditEntry,
    Changes,
    Organization,
    PeopleFilter,
    Person,
    PersonInput,
    PersonRow,
    StatusChange,
)
from khoi_desktop.domain.validation import clean_person, validate_person
from khoi_desktop.domain.vntext import clean, format_date
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import audit_repo
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import people_repo as repo


@dataclass(frozen=True)
class PersonSaved:
    person_id: int
    changes: Changes
    warnings: tuple[str, ...] = ()


class PeopleService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    # -- checks without writing -------------------------------------------------
    def check(self, data: PersonInput) -> tuple[PersonInput, list[str]]:
        """Clean and validate; raise ValidationError or return the warnings the form shows."""
        cleaned = clean_person(data)
        warnings = validate_person(cleaned, self._ctx.today())
        if cleaned.org_since is not None and cleaned.org_since > self._ctx.today():
            raise ValidationError("org_since", f"Ngày sinh hoạt tại tổ chức {format_date(cleaned.org_since)} "
                                  "ở tương lai.")
        if cleaned.organization_id is not None and org_repo.get_organization(self._db, cleaned.organization_id) is None:
            raise ValidationError("organization_id", "Tổ chức đã chọn không còn tồn tại.")
        return cleaned, warnings

    def duplicates_of(self, data: PersonInput, exclude_id: int | None = None) -> list[int]:
        return repo.find_duplicates(self._db, clean_person(data), exclude_id)

    # -- writes -----------------------------------------------------------------
    def create(self, data: PersonInput, *, status_on: date | None = None) -> PersonSaved:
        cleaned, warnings = self.check(data)
        with self._db.atomic():
            person_id = self._insert(cleaned, status_on)
        return PersonSaved(person_id, Changes(people=True, ids=(person_id,)), tuple(warnings))

    def _insert(self, cleaned: PersonInput, status_on: date | None) -> int:
        """Insert inside the caller's transaction (used by create and by imports)."""
        person_id = repo.insert_person(self._db, cleaned)
        start = status_on or cleaned.org_since or _first_date(cleaned) or self._ctx.today()
        repo.set_status(self._db, person_id, StatusChange(PersonStatus.ACTIVE, start, cleaned.organization_id))
        self._ctx.audit("create", "person", person_id, f"Thêm “{cleaned.full_name}”", _plain(cleaned))
        return person_id

    def _insert_many(self, people: Sequence[PersonInput], since: date | None = None) -> list[int]:
        """:meth:`_insert` of already cleaned inputs, batched: a few statements, not ten per person.

        ``since``: the ``org_since`` of those whose input has none, as if it were written in it
        (an import's day; no copy of each input is made to write it in).
        """
        starts = [data.org_since or since or _first_date(data) or self._ctx.today() for data in people]
        ids = repo.insert_new_people(self._db, people, starts)
        self._ctx.audit_many("create", "person", [(person_id, f"Thêm “{data.full_name}”", _plain(data, since))
                                                  for person_id, data in zip(ids, people, strict=True)])
        return ids

    def create_many(self, items: list[PersonInput]) -> Changes:
        """All-or-nothing insert of already checked inputs (the import's last step)."""
        ids: list[int] = []
        with self._db.atomic():
            for item in items:
                cleaned, _ = self.check(item)
                ids.append(self._insert(cleaned, None))
        return Changes(people=True, ids=tuple(ids))

    def update(self, person_id: int, data: PersonInput) -> PersonSaved:
        cleaned, warnings = self.check(data)
        with self._db.atomic():
            before = self.get(person_id)
            if cleaned.organization_id != before.organization_id:
                self._correct_organization(before, cleaned.organization_id)
            repo.update_person(self._db, person_id, cleaned)
            diff = _diff(_plain(before.to_input()), _plain(cleaned))
            if cleaned.org_since is None:
                diff.update(self._extend_history(before, cleaned))
            elif cleaned.org_since != before.org_since:
                diff.update(self._set_since(before, cleaned.org_since))
            self._ctx.audit("update", "person", person_id, f"Sửa thông tin “{cleaned.full_name}”", diff)
        return PersonSaved(person_id, Changes(people=True, ids=(person_id,)), tuple(warnings))

    def _correct_organization(self, before: Person, organization_id: int | None) -> None:
        """The Tổ chức field corrects a mistyped organisation; a real move goes through :meth:`move`.

        Meeting rolls read the organisation from the status history, so a correction rewrites it
        there too — allowed only while the history knows no other organisation (no move yet).
        """
        places = {change.organization_id for change in before.statuses} - {None}
        if places - {before.organization_id}:
            raise ValidationError(
                "organization_id",
                "Người này đã có quá trình chuyển sinh hoạt. Để đổi nơi sinh hoạt, hãy dùng "
                "“Chuyển sinh hoạt sang chi bộ khác…” ở thẻ Trạng thái (có ngày chuyển).",
            )
        repo.set_status_organization(self._db, before.id, organization_id)

    def _extend_history(self, before: Person, cleaned: PersonInput) -> dict[str, Any]:
        """Memberships now starting before the history: its first row (written from them) starts then.

        A corrected admission date, or memberships added after the person was entered, would
        otherwise leave them off the rolls between the new first date and the old one.
        """
        first, start = (before.statuses[0] if before.statuses else None), _first_date(cleaned)
        if first is None or first.id is None or start is None or start >= first.start_date:
            return {}
        if first.status is not PersonStatus.ACTIVE:
            return {}
        repo.set_status_start(self._db, first.id, start)
        return {"status_since": {"before": first.start_date.isoformat(), "after": start.isoformat()}}

    def _set_since(self, before: Person, since: date) -> dict[str, Any]:
        """Move the start of the person's stretch in their organisation (the dialog's "từ ngày").

        Only the first row of that stretch moves, and never across the row before it or after the
        next change, so later moves and status changes keep their dates.
        """
        rows = [row for row in before.statuses if row.id is not None]
        stretch = [i for i, row in enumerate(rows) if row.start_date == before.org_since]
        if not stretch:
            repo.set_status(self._db, before.id, StatusChange(PersonStatus.ACTIVE, since, before.organization_id))
            return {"org_since": {"before": None, "after": since.isoformat()}}
        index = stretch[0]
        low = rows[index - 1].start_date if index > 0 else None
        high = rows[index + 1].start_date if index + 1 < len(rows) else None
        if (low is not None and since <= low) or (high is not None and since >= high):
            raise ValidationError("org_since", f"Ngày sinh hoạt tại tổ chức {format_date(since)} phải nằm giữa các "
                                  "mốc trong quá trình sinh hoạt (xem thẻ Trạng thái).")
        row_id = rows[index].id
        assert row_id is not None
        repo.set_status_start(self._db, row_id, since)
        return {"org_since": {"before": before.org_since.isoformat() if before.org_since else None,
                              "after": since.isoformat()}}

    def change_status(self, person_id: int, change: StatusChange) -> Changes:
        """Record chuyển đi, chuyển đến, miễn sinh hoạt, … from a date."""
        change = replace(change, other_party=clean(change.other_party), decision=clean(change.decision),
                         note=clean(change.note))
        if change.start_date > self._ctx.today():
            raise ValidationError("start_date", f"Ngày {format_date(change.start_date)} ở tương lai.")
        with self._db.atomic():
            person = self.get(person_id)
            org_id = change.organization_id or _organization_on(person, change.start_date)
            repo.set_status(self._db, person_id, replace(change, organization_id=org_id))
            self._ctx.audit("status", "person", person_id,
                            f"“{person.full_name}”: {change.status.label} từ {format_date(change.start_date)}",
                            {"status": change.status.value, "other_party": change.other_party,
                             "decision": change.decision})
        return Changes(people=True, ids=(person_id,))

    def move(self, person_id: int, organization_id: int, on: date, decision: str = "", note: str = "") -> Changes:
        """Chuyển sinh hoạt sang chi bộ khác từ ngày ``on`` (same đảng bộ or elsewhere in the database).

        A status-history row from ``on`` keeps the status in force (đang sinh hoạt, chuyển đến,
        miễn sinh hoạt, sinh hoạt tạm thời) but places the person in the new organisation, so
        rolls and participation (``domain.attendance.place_on``) put them in the old branch
        before ``on`` and in the new one from it; ``people.organization_id`` follows.
        """
        if on > self._ctx.today():
            raise ValidationError("on", f"Ngày {format_date(on)} ở tương lai.")
        with self._db.atomic():
            person = self.get(person_id)
            current = _checked_move(person, on)
            old_id = current.organization_id if current and current.organization_id else person.organization_id
            target, old = self._move_target(organization_id, old_id), self._org_name(old_id)
            if current is None:  # no history yet: write where they were, or they vanish before ``on``
                repo.set_status(self._db, person_id, StatusChange(person.status, _since(person, on), old_id))
            repo.set_status(self._db, person_id, StatusChange(
                current.status if current else person.status, on, target.id, other_party=old,
                decision=clean(decision), note=clean(note)))
            repo.set_organization(self._db, person_id, target.id)
            self._ctx.audit("move", "person", person_id, f"“{person.full_name}”: chuyển sinh hoạt từ {old or '(chưa xếp)'}"
                            f" sang {target.name} từ {format_date(on)}",
                            {"organization_id": {"before": old_id, "after": target.id}, "start_date": on.isoformat(),
                             "decision": clean(decision), "note": clean(note)})
        return Changes(people=True, ids=(person_id,))

    def _move_target(self, organization_id: int, old_id: int | None) -> Organization:
        target = org_repo.get_organization(self._db, organization_id)
        if target is None or target.retired_on is not None:
            raise ValidationError("organization_id", "Tổ chức đã chọn không còn hoạt động; hãy chọn tổ chức khác.")
        if target.kind is OrgKind.BLOC:
            raise ValidationError("organization_id", f"“{target.name}” là đảng bộ cấp trên cơ sở; hãy chọn chi bộ "
                                  "nơi đồng chí sẽ sinh hoạt.")
        if target.id == old_id:
            raise ValidationError("organization_id", f"Đồng chí đang sinh hoạt ở {target.name}; hãy chọn tổ chức khác.")
        return target

    def _org_name(self, org_id: int | None) -> str:
        org = org_repo.get_organization(self._db, org_id) if org_id is not None else None
        return org.name if org else ""

    def retire(self, person_id: int, reason: str = "") -> Changes:
        """Take a person off the lists; nothing is deleted and restore brings them back."""
        with self._db.atomic():
            person = self.get(person_id)
            repo.set_retired(self._db, person_id, self._ctx.today())
            self._ctx.audit("retire", "person", person_id, f"Thôi theo dõi “{person.full_name}”",
                            {"reason": clean(reason)})
        return Changes(people=True, ids=(person_id,))

    def restore(self, person_id: int) -> Changes:
        with self._db.atomic():
            person = self.get(person_id)
            repo.set_retired(self._db, person_id, None)
            self._ctx.audit("restore", "person", person_id, f"Theo dõi lại “{person.full_name}”")
        return Changes(people=True, ids=(person_id,))

    # -- reads ------------------------------------------------------------------
    def get(self, person_id: int) -> Person:
        person = repo.get_person(self._db, person_id)
        if person is None:
            raise NotFoundError(f"Không có người mã số {person_id}.")
        return person

    def list(self, flt: PeopleFilter | None = None, on: date | None = None) -> list[PersonRow]:
        flt = flt or PeopleFilter()
        day = on or (date(flt.year, 12, 31) if flt.year else self._ctx.today())
        return repo.list_people(self._db, flt, day)

    def count(self) -> int:
        return repo.count_all(self._db)

    def history(self, person_id: int) -> list[AuditEntry]:
        return [
            AuditEntry(at=r["at"], operator=r["operator"], action=r["action"], entity=r["entity"],
                       entity_id=r["entity_id"], summary=r["summary"], details=json.loads(r["details_json"]))
            for r in audit_repo.entries(self._db, "person", person_id)
        ]


_MOVABLE = (PersonStatus.ACTIVE, PersonStatus.TRANSFERRED_IN, PersonStatus.EXEMPT, PersonStatus.TEMPORARY)


def _checked_move(person: Person, on: date) -> StatusChange | None:
    """The status in force (the last one), after refusing a move dated before it or from a closed status."""
    if not person.statuses:
        return None
    last = person.statuses[-1]
    if on < last.start_date:
        raise ValidationError("on", f"Ngày {format_date(on)} trước lần thay đổi trạng thái gần nhất "
                              f"({last.status.label} từ {format_date(last.start_date)}); hãy chọn ngày từ "
                              f"{format_date(last.start_date)} trở đi.")
    if last.status not in _MOVABLE:
        raise ValidationError("organization_id", f"“{person.full_name}” đang ở trạng thái “{last.status.label}” từ "
                              f"{format_date(last.start_date)}, nên không chuyển sinh hoạt được.")
    return last


def _organization_on(person: Person, day: date) -> int | None:
    """Where the history places the person on ``day`` (a change entered late keeps that place)."""
    placed = [row.organization_id for row in person.statuses if row.organization_id is not None]
    before = [row.organization_id for row in person.statuses
              if row.organization_id is not None and row.start_date <= day]
    return before[-1] if before else placed[0] if placed else person.organization_id


def _since(person: Person, on: date) -> date:
    """Where the first status row of a person without history starts (as the people service writes it)."""
    return min(filter(None, (_first_date(person.to_input()), person.admission_date, on)))


def _first_date(data: PersonInput) -> date | None:
    starts = [m.start_date for m in data.memberships if m.start_date]
    return min(starts) if starts else None


# The input's field names, read once: dataclasses.fields() per person weighed on large imports.
_INPUT_FIELDS = tuple(f.name for f in fields(PersonInput))


def _plain(data: PersonInput, since: date | None = None) -> dict[str, Any]:
    """The input for the audit log; ``since`` stands for a missing ``org_since``."""
    # Shallow on purpose: asdict() deep-copies and dominated large imports.
    values = {name: getattr(data, name) for name in _INPUT_FIELDS}
    values["org_since"] = data.org_since or since
    values["gender"] = data.gender.value if data.gender else ""
    values["memberships"] = [
        {"kind": m.kind.value, "start": str(m.start_date or ""), "end": str(m.end_date or "")}
        for m in data.memberships
    ]
    return values


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {key: {"before": before.get(key), "after": value}
            for key, value in after.items() if before.get(key) != value}
