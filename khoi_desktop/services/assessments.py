"""Use cases for the year-end assessment: self-reviews, points, proposals, decisions, ratings lists.

A year is assessed under the ASSESSMENT preset in force on 31 December (points only from
QĐ 366). Who is listed, who is not rated and how the 'xuất sắc' quota is read are the pure
rules of :mod:`khoi_desktop.domain.assessments`. The same for collectives (organisations).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from khoi_desktop.domain import assessments as rules
from khoi_desktop.domain.assessments import (
    AssessmentInput,
    AssessmentRules,
    RatingRow,
    Ratings,
    ReviewSection,
    SelfReview,
)
from khoi_desktop.domain.attendance import PersonFacts
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.presets import ASSESSMENT
from khoi_desktop.domain.study import OrgTree, check_year
from khoi_desktop.domain.vntext import clean, clean_multiline, format_date
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.study import Member, org_tree, organization, placed
from khoi_desktop.storage import assessments_repo as repo
from khoi_desktop.storage import attendance_repo, people_repo, presets_repo
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage.assessments_repo import AssessmentRecord, AssessmentValues

MAX_SECTION = 20_000


@dataclass(frozen=True)
class AssessmentSaved:
    assessment_id: int
    changes: Changes
    warnings: tuple[str, ...] = ()


def _changes(*ids: int) -> Changes:
    return Changes(assessments=True, ids=tuple(ids))


class AssessmentService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    def rules_for(self, year: int) -> AssessmentRules:
        """The ASSESSMENT preset in force on 31 December of ``year``."""
        preset = presets_repo.preset_on(self._db, ASSESSMENT, rules.year_end(year))
        if preset is None:
            raise NotFoundError("Chưa có bộ quy định đánh giá, xếp loại nào trong cơ sở dữ liệu.")
        return AssessmentRules.from_preset(preset.name, preset.data)

    # -- one person ---------------------------------------------------------------------
    def input_for(self, person_id: int, year: int) -> AssessmentInput:
        """What is stored for the person (a blank input when nothing is), ready to edit and save."""
        record = repo.of_person(self._db, person_id, year)
        return _input(record) if record else AssessmentInput(year=year, person_id=person_id)

    def input_for_collective(self, org_id: int, year: int) -> AssessmentInput:
        record = repo.of_organization(self._db, org_id, year)
        return _input(record) if record else AssessmentInput(year=year, organization_id=org_id)

    def self_review(self, person_id: int, year: int) -> SelfReview:
        """The person's self-review with the sections of the preset in force for the year."""
        check_year(year, self._ctx.today())
        year_rules = self.rules_for(year)
        facts = self._facts(person_id, year)
        record = repo.of_person(self._db, person_id, year)
        org_id = record.organization_id if record else rules.organisation_on(facts, rules.year_end(year))
        org = organization(self._db, org_id) if org_id is not None else None
        stored = record.sections if record else {}
        known = dict(year_rules.sections)
        codes = [*known, *(code for code in stored if code not in known)]
        return SelfReview(
            person_id=person_id, full_name=facts.full_name, position=self._posts(person_id, facts.position),
            organization_id=org.id if org else 0, organization_name=org.name if org else "", year=year,
            rules=year_rules, birth=self._birth(person_id),
            sections=tuple(ReviewSection(c, year_rules.section_title(c), stored.get(c, "")) for c in codes),
            points=record.points if record else None,
            suggested_level=rules.level_from_points(record.points if record else None, year_rules),
            self_level=record.self_level if record else None, branch_level=record.branch_level if record else None,
            decided_level=record.decided_level if record else None,
            not_rated_reason=self._reason(facts, record, year, year_rules, org.id if org else None),
            note=record.note if record else "", assessment_id=record.id if record else None,
        )

    def save(self, data: AssessmentInput) -> AssessmentSaved:
        """Create or replace the person's (or the organisation's) assessment for the year."""
        check_year(data.year, self._ctx.today())
        year_rules = self.rules_for(data.year)
        values, sections = self._checked(data, year_rules)
        with self._db.atomic():
            existing = (repo.of_person(self._db, data.person_id, data.year) if data.person_id is not None
                        else repo.of_organization(self._db, values.organization_id, data.year))
            assessment_id = repo.save(self._db, values, existing.id if existing else None, sections)
            who = self._who(values)
            self._ctx.audit("update" if existing else "create", "assessment", assessment_id,
                            f"Đánh giá, xếp loại năm {data.year}: {who}", asdict(values))
        return AssessmentSaved(assessment_id, _changes(assessment_id), self._warnings(values, year_rules))

    def delete(self, assessment_id: int) -> Changes:
        with self._db.atomic():
            record = repo.get(self._db, assessment_id)
            if record is None:
                raise NotFoundError(f"Không có bản đánh giá mã số {assessment_id}.")
            repo.delete(self._db, assessment_id)
            self._ctx.audit("delete", "assessment", assessment_id, "Xóa bản đánh giá, xếp loại",
                            asdict(record))  # the self-review text lives on in the log
        return _changes(assessment_id)

    # -- lists ---------------------------------------------------------------------------
    def ratings(self, org_id: int, year: int) -> Ratings:
        """Members of the organisation and those below it on 31 December, rated and not rated."""
        check_year(year, self._ctx.today())
        year_rules = self.rules_for(year)
        root = organization(self._db, org_id)
        tree = org_tree(self._db, root)
        day = rules.year_end(year)
        candidates = {f.person_id: f for f in attendance_repo.person_facts(self._db, tuple(tree.parents), day)}
        members = {m.facts.person_id: m for m in placed(list(candidates.values()), day, root.id,
                                                        frozenset(tree.parents))}
        records = {r.person_id: r for r in repo.of_people(self._db, list(members), year) if r.person_id}
        records.update({r.person_id: r for r in repo.in_organizations(self._db, list(tree.parents), year)
                        if r.person_id and r.person_id not in records})
        admitted = repo.admission_dates(self._db, list({*members, *records}))
        rows = [self._person_row(person_id, candidates, members.get(person_id), records.get(person_id),
                                 admitted.get(person_id), tree, year_rules, year)
                for person_id in {*members, *records}]
        return _ratings(root, year, year_rules, False, _ordered(rows, tree, candidates))

    def collective_ratings(self, org_id: int, year: int) -> Ratings:
        """The organisations the committee rates: those below it (a chi bộ without any: itself)."""
        check_year(year, self._ctx.today())
        year_rules = self.rules_for(year)
        root = organization(self._db, org_id)
        tree = org_tree(self._db, root)
        listed = [i for i in tree.order if i != root.id] or [root.id]
        records = {r.organization_id: r for r in repo.in_organizations(self._db, listed, year)
                   if r.person_id is None}
        kinds = {o.id: o.kind.label for o in org_repo.all_organizations(self._db) if o.id in tree.parents}
        rows = [_row(tree.names.get(i, ""), kinds.get(i, ""), i, tree, records.get(i), year_rules,
                     reason=records[i].not_rated_reason if i in records else "") for i in listed]
        return _ratings(root, year, year_rules, True, rows)

    # -- helpers -------------------------------------------------------------------------
    def _posts(self, person_id: int, party_post: str) -> str:
        """'Bí thư Chi bộ, Trưởng phòng': the Party post of the year's end, then the job when it differs."""
        person = people_repo.get_person(self._db, person_id)
        job = clean(person.job_title) if person else ""
        return ", ".join(dict.fromkeys(p for p in (clean(party_post), job) if p))

    def _birth(self, person_id: int) -> str:
        person = people_repo.get_person(self._db, person_id)
        if person is None:
            return ""
        if person.birth_date:
            return format_date(person.birth_date)
        return str(person.birth_year) if person.birth_year else ""

    def _facts(self, person_id: int, year: int) -> PersonFacts:
        found = attendance_repo.person_facts(self._db, (), rules.year_end(year), person_id=person_id)
        if not found:
            raise NotFoundError(f"Không có người mã số {person_id}.")
        return found[0]

    def _reason(self, facts: PersonFacts, record: AssessmentRecord | None, year: int, year_rules: AssessmentRules,
                org_id: int | None) -> str:
        if record and record.not_rated_reason:
            return record.not_rated_reason
        day = rules.year_end(year)
        member = placed([facts], day, org_id or 0, frozenset({org_id})) if org_id is not None else []
        if not member:
            return ""
        admitted = repo.admission_dates(self._db, [facts.person_id]).get(facts.person_id)
        placement = member[0].placement
        return rules.not_rated_reason(placement.status, admitted, year, year_rules, placement.note)

    def _person_row(self, person_id: int, candidates: dict[int, PersonFacts], member: Member | None,
                    record: AssessmentRecord | None, admitted: date | None, tree: OrgTree,
                    year_rules: AssessmentRules, year: int) -> RatingRow:
        facts = candidates.get(person_id) or self._facts(person_id, year)
        org_id = record.organization_id if record else member.organization_id if member else tree.root_id
        computed = ""
        if member is not None:
            placement = member.placement
            computed = rules.not_rated_reason(placement.status, admitted, year, year_rules, placement.note)
        return _row(facts.full_name, facts.position, org_id, tree, record, year_rules,
                    person_id=person_id, reason=(record.not_rated_reason if record else "") or computed)

    def _checked(self, data: AssessmentInput, year_rules: AssessmentRules) -> tuple[AssessmentValues,
                                                                                     dict[str, str] | None]:
        points = rules.check_points(data.points, year_rules, data.year)
        given = ((data.self_level, "Tự xếp loại"), (data.branch_level, "Chi bộ đề xuất"),
                 (data.decided_level, "Quyết định"))
        levels = [rules.check_level(level, year_rules, label) for level, label in given]
        if data.decided_on and data.decided_on.year not in (data.year, data.year + 1):
            raise ValidationError("decided_on", f"Ngày quyết định phải trong năm {data.year} hoặc đầu năm sau.")
        reason, note = clean(data.not_rated_reason), clean_multiline(data.note)
        if len(reason) > 500 or len(note) > MAX_SECTION:
            raise ValidationError("note", "Lý do không xếp loại (tối đa 500 ký tự) hoặc ghi chú quá dài.")
        values = AssessmentValues(data.year, self._organization_of(data), data.person_id, points, *levels,
                                  not_rated_reason=reason, decided_on=data.decided_on, note=note)
        return values, _sections(data.sections, year_rules)

    def _organization_of(self, data: AssessmentInput) -> int:
        if data.person_id is None:
            if data.organization_id is None:
                raise ValidationError("organization_id", "Đánh giá tập thể cần chọn tổ chức.")
            return organization(self._db, data.organization_id).id
        facts = self._facts(data.person_id, data.year)
        org_id = data.organization_id or rules.organisation_on(facts, rules.year_end(data.year))
        if org_id is None:
            raise ValidationError("organization_id", f"“{facts.full_name}” chưa thuộc tổ chức nào.")
        return organization(self._db, org_id).id

    def _who(self, values: AssessmentValues) -> str:
        if values.person_id is None:
            return f"tập thể “{organization(self._db, values.organization_id).name}”"
        return f"“{self._facts(values.person_id, values.year).full_name}”"

    def _warnings(self, values: AssessmentValues, year_rules: AssessmentRules) -> tuple[str, ...]:
        # Each level chosen (self-rating, chi bộ's proposal, decision) is checked against the points.
        chosen = (("Tự xếp loại", values.self_level), ("Chi bộ đề xuất", values.branch_level),
                  ("Cấp có thẩm quyền quyết định", values.decided_level))
        warnings = [text for who, level in chosen if (text := rules.band_warning(who, level, values.points, year_rules))]
        if values.person_id is not None:
            listing = self.ratings(values.organization_id, values.year)
        else:
            parent = organization(self._db, values.organization_id).parent_id
            listing = self.collective_ratings(parent, values.year) if parent is not None else None
        return (*warnings, *(listing.warnings if listing else ()))


def _input(record: AssessmentRecord) -> AssessmentInput:
    return AssessmentInput(
        year=record.year, person_id=record.person_id, organization_id=record.organization_id, points=record.points,
        self_level=record.self_level, branch_level=record.branch_level, decided_level=record.decided_level,
        decided_on=record.decided_on, not_rated_reason=record.not_rated_reason, note=record.note,
        sections=tuple(record.sections.items()),
    )


def _sections(given: tuple[tuple[str, str], ...] | None, year_rules: AssessmentRules) -> dict[str, str] | None:
    if given is None:
        return None
    known = dict(year_rules.sections)
    cleaned: dict[str, str] = {}
    for code, text in given:
        if code not in known:
            raise ValidationError("sections", f"Mục tự kiểm điểm “{code}” không có trong "
                                  f"{year_rules.preset_name}.")
        cleaned[code] = clean_multiline(text)
        if len(cleaned[code]) > MAX_SECTION:
            raise ValidationError("sections", f"Mục “{known[code]}” quá dài (tối đa {MAX_SECTION} ký tự).")
    return cleaned


def _row(name: str, position: str, org_id: int, tree: OrgTree, record: AssessmentRecord | None,
         year_rules: AssessmentRules, *, person_id: int | None = None, reason: str = "") -> RatingRow:
    if record is None:
        return RatingRow(name, position, org_id, tree.names.get(org_id, ""), person_id, not_rated_reason=reason)
    return RatingRow(
        name=name, position=position, organization_id=org_id, organization_name=tree.names.get(org_id, ""),
        person_id=person_id, points=record.points,
        suggested_level=rules.level_from_points(record.points, year_rules),
        self_level=record.self_level, branch_level=record.branch_level, decided_level=record.decided_level,
        not_rated_reason=reason, note=record.note, assessment_id=record.id,
    )


def _ordered(rows: list[RatingRow], tree: OrgTree, facts: dict[int, PersonFacts]) -> list[RatingRow]:
    """Organisation by organisation in tree order, then in Vietnamese name order."""
    position = {org_id: index for index, org_id in enumerate(tree.order)}

    def key(row: RatingRow) -> tuple[int, str, int]:
        found = facts.get(row.person_id or 0)
        return position.get(row.organization_id, len(position)), found.sort_key if found else row.name, \
            row.person_id or 0

    return sorted(rows, key=key)


def _ratings(root: Organization, year: int, year_rules: AssessmentRules, collective: bool,
             rows: list[RatingRow]) -> Ratings:
    rated = [row for row in rows if row.rated]
    quota = rules.quota_check((row.level for row in rated), year_rules.excellent_quota_of_good)
    subject = "tổ chức đảng" if collective else "đảng viên"
    warnings = [message for message in (quota.message(subject),) if message]
    leveled = [row for row in rows if not row.rated and (row.decided_level or row.branch_level)]
    warnings += [f"“{row.name}” có mức xếp loại nhưng thuộc diện không xếp loại ({row.not_rated_reason})."
                 for row in leveled]
    return Ratings(
        organization_id=root.id, organization_name=root.name, year=year, rules=year_rules, collective=collective,
        rows=tuple(rated), not_rated=tuple(row for row in rows if not row.rated),
        totals=rules.level_totals([row.level for row in rated], year_rules), quota=quota, warnings=tuple(warnings),
    )

