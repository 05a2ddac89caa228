"""Use cases for registrations (bản đăng ký học tập và làm theo), individual and collective.

Categories come from the REGISTRATION preset in force on the signing day (1 January of
the year while unsigned). Quick entry: :meth:`CommitmentService.copy_from_last_year` and
:meth:`CommitmentService.apply_collective_template`. At year end each item is self-marked
(:meth:`CommitmentService.mark_item`).

*Expected to register* in a year: the party members on the roll of the organisation or of
one below it (not exempt, not suspended) on 31 December — or today, while the year runs;
and every chi bộ (cơ sở or trực thuộc) in scope for the collective registrations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date

from khoi_desktop.domain import commitments as rules
from khoi_desktop.domain.assessments import organisation_on
from khoi_desktop.domain.commitments import (
    Commitment,
    CommitmentInput,
    CommitmentItem,
    CommitmentRow,
    KindCount,
    RegistrationCounts,
)
from khoi_desktop.domain.enums import CommitmentResult, MembershipKind, PersonStatus
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.meeting_texts import is_branch
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.presets import REGISTRATION
from khoi_desktop.domain.study import check_year
from khoi_desktop.domain.vntext import clean, clean_multiline, format_date
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.study import Member, members_on, organization
from khoi_desktop.storage import attendance_repo, presets_repo
from khoi_desktop.storage import commitments_repo as repo
from khoi_desktop.storage import organizations_repo as org_repo


@dataclass(frozen=True)
class CommitmentSaved:
    commitment_id: int
    changes: Changes
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Headcount:
    """Registered / expected of one year: in total, by membership kind, and the collectives.

    As :meth:`CommitmentService.counts` gives them, without the confirmations and the items' results.
    """

    year: int
    total: KindCount
    by_kind: tuple[KindCount, ...]
    collectives: KindCount


@dataclass(frozen=True)
class TemplateApplied:
    created: int  # members who received the template
    skipped: int  # members who already had a registration
    changes: Changes

    def text(self) -> str:
        return f"Đã tạo bản đăng ký cho {self.created} đảng viên; {self.skipped} đảng viên đã có bản đăng ký."


_NOT_EXPECTED = (PersonStatus.EXEMPT, PersonStatus.SUSPENDED)
# The statuses of the members expected to register: on the roll, neither exempt nor suspended.
_EXPECTED = tuple(status for status in PersonStatus if status.is_expected_at_meetings)


def _changes(*ids: int) -> Changes:
    return Changes(commitments=True, ids=tuple(ids))


class CommitmentService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    # -- reads ----------------------------------------------------------------------
    def categories_for(self, year: int, signed_on: date | None = None) -> tuple[str, ...]:
        """The categories of the REGISTRATION preset in force on ``signed_on`` (else 1 January)."""
        preset = presets_repo.preset_on(self._db, REGISTRATION, signed_on or date(year, 1, 1))
        return tuple(preset.data.get("categories", ())) if preset else ()

    def get(self, commitment_id: int) -> Commitment:
        found = repo.get_commitment(self._db, commitment_id)
        if found is None:
            raise NotFoundError(f"Không có bản đăng ký mã số {commitment_id}.")
        return found

    def of_person(self, person_id: int, year: int) -> Commitment | None:
        return repo.of_person(self._db, person_id, year)

    def of_organization(self, org_id: int, year: int) -> Commitment | None:
        """The collective registration of the organisation."""
        return repo.of_organization(self._db, org_id, year)

    def list(self, org_id: int, year: int) -> list[CommitmentRow]:
        """Registrations held by the organisation and those below it: collectives first, then by name."""
        organization(self._db, org_id)
        return repo.rows_of(self._db, org_repo.descendant_ids(self._db, org_id), year)

    def groups(self, commitment: Commitment) -> tuple[rules.CategoryGroup, ...]:
        """The items grouped by category, in the order of the preset in force when it was signed."""
        categories = self.categories_for(commitment.year, commitment.signed_on)
        return rules.group_by_category(commitment.items, categories)

    # -- writes ---------------------------------------------------------------------
    def save(self, data: CommitmentInput, commitment_id: int | None = None) -> CommitmentSaved:
        """Create (``commitment_id`` None) or replace a registration with its items."""
        check_year(data.year, self._ctx.today())
        cleaned = rules.clean_commitment(data)
        with self._db.atomic():
            cleaned = replace(cleaned, organization_id=self._organization_of(cleaned))
            self._refuse_second(cleaned, commitment_id)
            if commitment_id is None:
                commitment_id = repo.insert_commitment(self._db, cleaned)
                action = "create"
            else:
                self.get(commitment_id)
                repo.update_commitment(self._db, commitment_id, cleaned)
                action = "update"
            self._ctx.audit(action, "commitment", commitment_id, f"{_verb(action)} {self._title(cleaned)}",
                            _plain(cleaned))
        return CommitmentSaved(commitment_id, _changes(commitment_id), self._warnings(cleaned))

    def confirm(self, commitment_id: int, confirmed_on: date | None, confirmed_by: str = "") -> Changes:
        """The branch confirms (or, with ``confirmed_on`` None, withdraws its confirmation)."""
        by = clean(confirmed_by) if confirmed_on else ""
        with self._db.atomic():
            commitment = self.get(commitment_id)
            if confirmed_on and commitment.signed_on and confirmed_on < commitment.signed_on:
                raise ValidationError("confirmed_on", "Ngày chi bộ xác nhận không thể trước ngày ký bản đăng ký.")
            repo.set_confirmation(self._db, commitment_id, confirmed_on.isoformat() if confirmed_on else None, by)
            summary = f"Xác nhận ngày {format_date(confirmed_on)}" if confirmed_on else "Bỏ xác nhận"
            self._ctx.audit("confirm", "commitment", commitment_id,
                            f"{summary}: {self._title(commitment.to_input())}",
                            {"confirmed_on": confirmed_on, "confirmed_by": by})
        return _changes(commitment_id)

    def mark_item(self, item_id: int, result: CommitmentResult | None, evidence: str = "") -> Changes:
        """Self-mark one item at year end (None clears the mark) with its evidence."""
        result = CommitmentResult(result) if result else None
        evidence = clean_multiline(evidence)
        if len(evidence) > rules.MAX_CONTENT:
            raise ValidationError("evidence", f"Minh chứng quá dài (tối đa {rules.MAX_CONTENT} ký tự).")
        with self._db.atomic():
            owner = repo.item_owner(self._db, item_id)
            if owner is None:
                raise NotFoundError(f"Không có nội dung đăng ký mã số {item_id}.")
            repo.set_item_result(self._db, item_id, result, evidence)
            label = result.label if result else "Chưa tự đánh giá"
            self._ctx.audit("mark", "commitment", owner, f"Tự đánh giá nội dung đăng ký: {label}",
                            {"item_id": item_id, "result": result.value if result else "", "evidence": evidence})
        return _changes(owner)

    def delete(self, commitment_id: int) -> Changes:
        with self._db.atomic():
            commitment = self.get(commitment_id)
            repo.delete_commitment(self._db, commitment_id)
            self._ctx.audit("delete", "commitment", commitment_id, f"Xóa {self._title(commitment.to_input())}",
                            _plain(commitment.to_input()))
        return _changes(commitment_id)

    # -- quick entry ----------------------------------------------------------------
    def copy_from_last_year(self, person_id: int, year: int) -> CommitmentSaved:
        """This year's registration drafted from last year's: unsigned, unmarked, deadlines moved."""
        check_year(year, self._ctx.today())
        last = self.of_person(person_id, year - 1)
        if last is None:
            raise ValidationError("year", f"Đồng chí này chưa có bản đăng ký năm {year - 1} để sao chép.")
        old = self.categories_for(year - 1, last.signed_on)
        items = rules.carried_over(last.items, old, self.categories_for(year), year - 1, year)
        return self.save(CommitmentInput(year=year, person_id=person_id, items=items))

    def apply_collective_template(self, org_id: int, year: int, items: Sequence[CommitmentItem],
                                  signed_on: date | None = None) -> TemplateApplied:
        """Give every expected member without a registration for ``year`` one with ``items``."""
        check_year(year, self._ctx.today())
        template = rules.clean_commitment(CommitmentInput(year=year, signed_on=signed_on, items=tuple(items)))
        with self._db.atomic():
            members = self.expected(org_id, year)
            have = repo.registered_people(self._db, [m.facts.person_id for m in members], year)
            created = []
            for member in (m for m in members if m.facts.person_id not in have):
                data = replace(template, person_id=member.facts.person_id, organization_id=member.organization_id)
                created.append(repo.insert_commitment(self._db, data))
            org = organization(self._db, org_id)
            self._ctx.audit("template", "commitment", None,
                            f"Áp dụng bản đăng ký mẫu năm {year} cho {len(created)} đảng viên của “{org.name}”",
                            {"commitments": created, "items": [asdict(item) for item in template.items]})
        return TemplateApplied(len(created), len(members) - len(created), _changes(*created))

    # -- counts ---------------------------------------------------------------------
    def expected(self, org_id: int, year: int) -> list[Member]:
        """Members expected to register for ``year`` (see the module docstring)."""
        day = self._reference_day(year)
        return [m for m in members_on(self._db, organization(self._db, org_id), day)
                if m.placement.status not in _NOT_EXPECTED]

    def counts(self, org_id: int, year: int) -> RegistrationCounts:
        """Registered / expected by membership kind, collectives, confirmations and the items' results."""
        check_year(year, self._ctx.today())
        kinds = self._expected_kinds(org_id, year)
        ids = list(kinds)
        registered = repo.registered_people(self._db, ids, year)
        head = self._headcount(year, kinds, registered, self._branches(org_id))
        return RegistrationCounts(
            organization_id=org_id, year=year, total=head.total, by_kind=head.by_kind,
            collectives=head.collectives, confirmed=sum(registered.values()),
            results=rules.result_counts(repo.item_results(self._db, ids, year)),
        )

    def headcounts(self, org_id: int, years: Sequence[int]) -> dict[int, Headcount]:
        """Registered / expected of each of ``years``, as :meth:`counts` has them; the people are read once."""
        for year in years:
            check_year(year, self._ctx.today())
        organization(self._db, org_id)
        scope = org_repo.descendant_ids(self._db, org_id)
        branches = self._branches(org_id)
        heads = {}
        for year in years:
            roll = attendance_repo.roll_sql(scope, self._reference_day(year), _EXPECTED)
            counts = repo.registered_by_kind(self._db, roll, year)
            by_kind = tuple(KindCount(kind, *counts[kind.value]) for kind in MembershipKind if kind.value in counts)
            total = KindCount(None, sum(c.expected for c in by_kind), sum(c.registered for c in by_kind))
            heads[year] = Headcount(year, total, by_kind, self._collectives(branches, year))
        return heads

    # -- helpers --------------------------------------------------------------------
    def _reference_day(self, year: int) -> date:
        return max(date(year, 1, 1), min(self._ctx.today(), date(year, 12, 31)))

    def _expected_kinds(self, org_id: int, year: int) -> dict[int, MembershipKind]:
        """person id → membership kind of the members :meth:`expected` lists, counted in SQL."""
        organization(self._db, org_id)
        scope = org_repo.descendant_ids(self._db, org_id)
        return attendance_repo.roll_kinds(self._db, scope, self._reference_day(year), _EXPECTED)

    def _branches(self, org_id: int) -> list[int]:
        """The chi bộ in scope (not retired): those expected to register collectively."""
        scope = set(org_repo.descendant_ids(self._db, org_id))
        return [o.id for o in org_repo.all_organizations(self._db, include_retired=False)
                if o.id in scope and is_branch(o.kind)]

    def _headcount(self, year: int, kinds: dict[int, MembershipKind], registered: dict[int, bool],
                   branches: list[int]) -> Headcount:
        present = set(kinds.values())
        by_kind = tuple(_kind_count(kind, kinds, registered) for kind in MembershipKind if kind in present)
        return Headcount(year, KindCount(None, len(kinds), len(registered)), by_kind,
                         self._collectives(branches, year))

    def _collectives(self, branches: list[int], year: int) -> KindCount:
        return KindCount(None, len(branches), len(repo.collective_org_ids(self._db, branches, year)))

    def _organization_of(self, data: CommitmentInput) -> int:
        """The organisation given, else the person's on the signing (or reference) day."""
        if data.person_id is not None:
            facts = attendance_repo.person_facts(self._db, (), data.signed_on or self._reference_day(data.year),
                                                 person_id=data.person_id)
            if not facts:
                raise NotFoundError(f"Không có người mã số {data.person_id}.")
            if data.organization_id is None:
                found = organisation_on(facts[0], data.signed_on or self._reference_day(data.year))
                if found is None:
                    raise ValidationError("organization_id", f"“{facts[0].full_name}” chưa thuộc tổ chức nào.")
                return found
        if data.organization_id is None:
            raise ValidationError("organization_id", "Bản đăng ký tập thể cần chọn tổ chức.")
        return organization(self._db, data.organization_id).id

    def _refuse_second(self, data: CommitmentInput, commitment_id: int | None) -> None:
        if data.person_id is not None:
            existing = repo.of_person(self._db, data.person_id, data.year)
            who = f"Đồng chí {existing.person_name}" if existing else ""
        else:
            assert data.organization_id is not None
            existing = repo.of_organization(self._db, data.organization_id, data.year)
            who = existing.organization_name if existing else ""
        if existing is not None and existing.id != commitment_id:
            raise ValidationError("year", f"{who} đã có bản đăng ký năm {data.year} (mã số {existing.id}); "
                                  "hãy sửa bản đó.")

    def _warnings(self, data: CommitmentInput) -> tuple[str, ...]:
        categories = self.categories_for(data.year, data.signed_on)
        return tuple(f"Nhóm “{c}” không có trong các nhóm nội dung đăng ký áp dụng cho năm {data.year}."
                     for c in rules.unknown_categories(data.items, categories))

    def _title(self, data: CommitmentInput) -> str:
        if data.person_id is None:
            org = org_repo.get_organization(self._db, data.organization_id or 0)
            return f"bản đăng ký tập thể năm {data.year} của “{org.name if org else ''}”"
        facts = attendance_repo.person_facts(self._db, (), date(data.year, 12, 31), person_id=data.person_id)
        return f"bản đăng ký năm {data.year} của “{facts[0].full_name if facts else data.person_id}”"


def _kind_count(kind: MembershipKind, kinds: dict[int, MembershipKind], registered: dict[int, bool]) -> KindCount:
    mine = [person for person, of_kind in kinds.items() if of_kind is kind]
    return KindCount(kind, len(mine), sum(1 for person in mine if person in registered))


def _verb(action: str) -> str:
    return {"create": "Thêm", "update": "Sửa"}[action]


def _plain(data: CommitmentInput) -> dict:
    return asdict(data)
