"""Print the study documents: a bản đăng ký, a bản tự kiểm điểm, the danh sách xếp loại, an XLSX summary.

The service gathers plain report data (:meth:`registration_data` …), takes the page layout
from the LAYOUT preset in force on the document's date and the header from the same
issuer rules as the meeting documents, then writes through a temporary file: a failure
leaves no half file and changes nothing. Identical data give identical bytes. These lists
and forms carry no register number.

Dates printed: a registration its signing day (today while unsigned); a self-review and a
ratings list 31 December of the year, or today while the year runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from khoi_desktop.domain.assessments import LEVEL_SHORT, RatingRow, Ratings, points_text, year_end
from khoi_desktop.domain.commitments import Commitment, KindCount
from khoi_desktop.domain.enums import CommitmentResult, RatingLevel
from khoi_desktop.domain.errors import NotFoundError, OperationCancelled, ValidationError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.study import check_year
from khoi_desktop.domain.validation import parse_id
from khoi_desktop.domain.vntext import clean, format_number
from khoi_desktop.interchange.xlsx_writer import Column, ColumnKind, write_table
from khoi_desktop.progress import Cancelled, Progress, Stages
from khoi_desktop.reports import study_docs as docs
from khoi_desktop.reports.ratings_pdf import build_ratings_bytes
from khoi_desktop.reports.registration_pdf import build_registration_bytes
from khoi_desktop.reports.self_review_pdf import build_self_review_bytes
from khoi_desktop.services.assessments import AssessmentService
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.commitments import CommitmentService
from khoi_desktop.services.file_writes import checked_target, replace_file, replacing, sheet_errors
from khoi_desktop.services.meeting_documents import MeetingDocumentService
from khoi_desktop.services.report_years import DRAFT_MARK, require_report_year
from khoi_desktop.services.study import organization
from khoi_desktop.storage import (
    assessments_repo,
    attendance_repo,
    commitments_repo,
    study_repo,
    year_plans_repo,
)

SUMMARY_COLUMNS = (
    Column("STT", ColumnKind.SEQUENCE), Column("Họ và tên"), Column("Chức vụ", wrap=True, width=18),
    Column("Tổ chức", wrap=True, width=20), Column("Ngày ký đăng ký", ColumnKind.DATE),
    Column("Số nội dung", ColumnKind.NUMBER), *(Column(result.label, ColumnKind.NUMBER) for result in CommitmentResult),
    # Levels as their codes (legend under the table), as in the PDF list: 15 columns print one
    # landscape page wide at a readable scale instead of about 40%.
    Column("Điểm", ColumnKind.NUMBER), Column("Tự xếp loại", ColumnKind.SEQUENCE),
    Column("Chi bộ đề xuất", ColumnKind.SEQUENCE), Column("Quyết định", ColumnKind.SEQUENCE),
    Column("Ghi chú", wrap=True, width=20),
)


@dataclass(frozen=True)
class StudyDocumentWritten:
    path: Path
    title: str
    changes: Changes
    xlsx: Path | None = None
    notes: tuple[str, ...] = ()  # what the list holds, for a summary line
    warnings: tuple[str, ...] = ()  # e.g. the 'xuất sắc' quota exceeded


class StudyDocumentService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db
        self._meeting_docs = MeetingDocumentService(context)
        self._commitments = CommitmentService(context)
        self._assessments = AssessmentService(context)

    # -- lookups ----------------------------------------------------------------------
    def resolve_person(self, text: str) -> int:
        """A person named by their id or their party card number ('id:12' or 'the:012345' to be explicit)."""
        wanted = clean(text).lower()
        kind, _, value = wanted.partition(":") if ":" in wanted else ("", "", wanted)
        person_id = parse_id(value) if kind in ("", "id") else None
        by_id = {person_id} if person_id is not None and study_repo.person_exists(self._db, person_id) else set()
        by_card = set(study_repo.person_ids_by_card(self._db, value)) if kind in ("", "the") and value else set()
        found = by_id | by_card
        if not value or kind not in ("", "id", "the"):
            raise ValidationError("person", f"“{text}” không phải mã số hay số thẻ đảng viên.")
        if not found:
            raise NotFoundError(f"Không tìm thấy người có mã số hoặc số thẻ đảng viên “{text}”.")
        if len(found) > 1:
            raise ValidationError("person", f"“{text}” vừa là mã số vừa là số thẻ đảng viên của người khác: "
                                  f"hãy ghi “id:{value}” hoặc “the:{value}”.")
        return found.pop()

    # -- report data ------------------------------------------------------------------
    def registration_data(self, person_id: int, year: int) -> docs.RegistrationDoc:
        check_year(year, self._ctx.today())
        commitment = self._commitments.of_person(person_id, year)
        if commitment is None:
            name = self._person_name(person_id, year)
            raise NotFoundError(f"Đồng chí {name} chưa có bản đăng ký năm {year}.")
        return self._registration(commitment, collective=False)

    def collective_registration_data(self, org_id: int, year: int) -> docs.RegistrationDoc:
        check_year(year, self._ctx.today())
        commitment = self._commitments.of_organization(org_id, year)
        if commitment is None:
            raise NotFoundError(f"{organization(self._db, org_id).name} chưa có bản đăng ký tập thể năm {year}.")
        return self._registration(commitment, collective=True)

    def self_review_data(self, person_id: int, year: int) -> docs.SelfReviewDoc:
        review = self._assessments.self_review(person_id, year)
        org = organization(self._db, review.organization_id)
        uses_points = review.rules.uses_points and review.points is not None
        return docs.SelfReviewDoc(
            issuer=self._meeting_docs.issuer(org), year=year, signed_on=self._year_day(year),
            name=review.full_name, position=review.position, unit=org.name, birth=review.birth,
            form=review.rules.form, branch_level=review.branch_level.label if review.branch_level else "",
            parts=tuple(docs.ReviewPart(section.title, section.content) for section in review.sections),
            points=points_text(review.points) if uses_points else "",
            suggested_level=review.suggested_level.label if review.suggested_level else "",
            proposed_level=review.self_level.label if review.self_level else "",
        )

    def ratings_data(self, org_id: int, year: int, *, collective: bool = False) -> docs.RatingsDoc:
        return self._ratings_doc(self._ratings(org_id, year, collective))

    def _ratings(self, org_id: int, year: int, collective: bool) -> Ratings:
        listing = self._assessments.collective_ratings if collective else self._assessments.ratings
        return listing(org_id, year)

    def _ratings_doc(self, ratings: Ratings) -> docs.RatingsDoc:
        org = organization(self._db, ratings.organization_id)
        issuer, year, collective = self._meeting_docs.issuer(org), ratings.year, ratings.collective
        return docs.RatingsDoc(
            issuer=issuer, year=year, issued_on=self._year_day(year),
            summary=f"đánh giá, xếp loại chất lượng {'tổ chức đảng' if collective else 'đảng viên'} năm {year}",
            sections=_sections(ratings, headed=not collective),
            totals=tuple(docs.LevelLine(t.label, t.count, t.percent) for t in ratings.totals),
            rated_count=len(ratings.rows),
            not_rated=tuple(docs.NotRatedLine(r.name, r.position, r.not_rated_reason) for r in ratings.not_rated),
            legend=tuple((LEVEL_SHORT[level], level.label) for level in ratings.rules.levels),
            signer_name=self._secretary(org, year_end(year)),
            recipients=(f"{issuer.superior} (để báo cáo)",) if issuer.superior else (),
            counted_as="tổ chức" if collective else "đồng chí",
            name_column="Tên tổ chức" if collective else "Họ và tên",
            proposal_column="Đề xuất" if collective else "Chi bộ đề xuất",
            position_column="Loại hình" if collective else "Chức vụ",
        )

    # -- files -------------------------------------------------------------------------
    def write_registration(self, person_id: int, year: int, target: Path) -> StudyDocumentWritten:
        data = self.registration_data(person_id, year)
        return self._write(target, f"Bản đăng ký năm {year} của {data.registrant}", "commitment", person_id,
                           lambda: build_registration_bytes(data, self._meeting_docs.layout_on(data.signed_on)))

    def write_collective_registration(self, org_id: int, year: int, target: Path) -> StudyDocumentWritten:
        data = self.collective_registration_data(org_id, year)
        return self._write(target, f"Bản đăng ký tập thể năm {year} của {data.registrant}", "commitment", None,
                           lambda: build_registration_bytes(data, self._meeting_docs.layout_on(data.signed_on)))

    def write_self_review(self, person_id: int, year: int, target: Path) -> StudyDocumentWritten:
        data = self.self_review_data(person_id, year)
        return self._write(target, f"Bản kiểm điểm năm {year} của {data.name}", "assessment", person_id,
                           lambda: build_self_review_bytes(data, self._meeting_docs.layout_on(data.signed_on)))

    def write_ratings(self, org_id: int, year: int, target: Path, *, xlsx: Path | None = None,
                      collective: bool = False, draft: bool = False) -> StudyDocumentWritten:
        """The ratings list as PDF and, with ``xlsx``, the summary of registrations and ratings.

        A year without records, or not yet ended (unless ``draft``: every page says DỰ THẢO), is refused.
        """
        require_report_year(self._db, organization(self._db, org_id), year, self._ctx.today(), draft=draft)
        ratings = self._ratings(org_id, year, collective)
        data = self._ratings_doc(ratings)
        mark = DRAFT_MARK if draft else ""
        xlsx = checked_target(xlsx, "tệp XLSX") if xlsx is not None else None
        title = f"Danh sách {data.summary} của {data.issuer.name}"
        written = self._write(target, title, "organization", org_id,
                              lambda: build_ratings_bytes(data, replace(self._meeting_docs.layout_on(data.issued_on),
                                                                        draft_mark=mark)),
                              before=(lambda: self.write_summary_xlsx(org_id, year, xlsx)) if xlsx else None)
        counted = data.counted_as
        notes = (f"{format_number(data.rated_count)} {counted} thuộc diện xếp loại, "
                 f"{format_number(len(data.not_rated))} {counted} không xếp loại.",)
        return StudyDocumentWritten(written.path, written.title, written.changes, xlsx, notes, ratings.warnings)

    def write_summary_xlsx(self, org_id: int, year: int, target: Path, progress: Progress | None = None,
                           cancelled: Cancelled | None = None) -> int:
        """One row per member: registration, items by result, points and levels. Returns the rows written.

        ``progress``: reading the figures (two steps), one step per member's row, the sheet's
        rows as they are laid out, then the file. ``cancelled`` is asked until the file is
        written: :class:`OperationCancelled`, and no file is made or replaced.
        """
        target = checked_target(target, "tệp XLSX")
        ratings = self._assessments.ratings(org_id, year)
        people = [*ratings.rows, *ratings.not_rated]
        stages = Stages(progress, [2, len(people), len(people), 1])
        counts = self._commitments.counts(org_id, year)
        registered = commitments_repo.person_summaries(self._db, [r.person_id for r in people if r.person_id], year)
        stages.finish(0)
        made = stages.stage(1)
        rows = []
        for number, row in enumerate(people, 1):
            _stop_if(cancelled)
            rows.append(_summary_row(number, row, registered.get(row.person_id or 0)))
            made(number, len(people))
        _stop_if(cancelled)
        with sheet_errors(target), replacing(target) as temporary:
            write_table(temporary, title_lines=_summary_titles(ratings), columns=SUMMARY_COLUMNS, rows=rows,
                        sheet_title=f"Tổng hợp năm {year}", closing_lines=_summary_closing(ratings, counts.total),
                        created=datetime(year, 12, 31), progress=stages.stage(2))
        stages.finish(3)
        return len(rows)

    # -- helpers -------------------------------------------------------------------------
    def _registration(self, commitment: Commitment, collective: bool) -> docs.RegistrationDoc:
        org = organization(self._db, commitment.organization_id)
        signed_on = commitment.signed_on or self._ctx.today()
        name, _, title = commitment.confirmed_by.partition(",")
        groups = tuple(
            docs.RegistrationGroup(g.category, tuple(docs.RegistrationLine(i.content, i.product, i.deadline)
                                                     for i in g.items))
            for g in self._commitments.groups(commitment))
        return docs.RegistrationDoc(
            issuer=self._meeting_docs.issuer(org), year=commitment.year, signed_on=signed_on,
            registrant=org.name if collective else commitment.person_name,
            position="" if collective else self._position(commitment.person_id, signed_on), unit=org.name,
            collective=collective, theme=self._theme(org, commitment.year), groups=groups,
            confirmed_on=commitment.confirmed_on, confirmer_name=clean(name), confirmer_title=clean(title),
            signer_name=self._secretary(org, signed_on) if collective else "",
        )

    def _theme(self, org: Organization, year: int) -> str:
        """The year's theme of the organisation's plan, else of the nearest organisation above with one."""
        current: Organization | None = org
        while current is not None:
            plan = year_plans_repo.get_plan(self._db, current.id, year)
            if plan and plan.theme:
                return plan.theme
            current = organization(self._db, current.parent_id) if current.parent_id is not None else None
        return ""

    def _position(self, person_id: int | None, day: date) -> str:
        found = attendance_repo.person_facts(self._db, (), day, person_id=person_id) if person_id else []
        return found[0].position if found else ""

    def _person_name(self, person_id: int, year: int) -> str:
        found = attendance_repo.person_facts(self._db, (), year_end(year), person_id=person_id)
        if not found:
            raise NotFoundError(f"Không có người mã số {person_id}.")
        return found[0].full_name

    def _secretary(self, org: Organization, day: date) -> str:
        return assessments_repo.party_post_holder(self._db, org.id, day, "bi thu")

    def _year_day(self, year: int) -> date:
        return min(self._ctx.today(), year_end(year))

    def _write(self, target: Path, title: str, entity: str, entity_id: int | None, build: Callable[[], bytes],
               before: Callable[[], object] | None = None) -> StudyDocumentWritten:
        """Build in memory, then write (``before`` first, e.g. the XLSX) and log: all or nothing."""
        target = checked_target(target)
        pdf = build()
        with self._db.atomic():
            if before is not None:
                before()
            replace_file(target, pdf)
            self._ctx.audit("print", entity, entity_id, f"In {title}", {"path": str(target)})
        return StudyDocumentWritten(target, title, Changes())


def _sections(ratings: Ratings, headed: bool) -> tuple[docs.RatingSection, ...]:
    """Rows grouped by organisation; headed (when ``headed``) only if the list spans several."""
    groups: dict[int, list[RatingRow]] = {}
    for row in ratings.rows:
        groups.setdefault(row.organization_id, []).append(row)
    headed = headed and len(groups) > 1
    return tuple(docs.RatingSection(rows[0].organization_name if headed else "", tuple(_line(r) for r in rows))
                 for rows in groups.values())


def _short(level: RatingLevel | None) -> str:
    return LEVEL_SHORT[level] if level else ""


def _line(row: RatingRow) -> docs.RatingLine:
    points = f"{points_text(row.points)} điểm" if row.points is not None else ""
    note = "; ".join(part for part in (points, row.note) if part)
    return docs.RatingLine(row.name, row.position, _short(row.self_level), _short(row.branch_level),
                           _short(row.decided_level), note)


def _summary_row(number: int, row: RatingRow, registered: commitments_repo.Summary | None) -> list[object]:
    signed, counts = registered or (None, {})
    signed_on = date.fromisoformat(signed) if signed else ("Chưa đăng ký" if registered is None else "")
    return [number, row.name, row.position, row.organization_name, signed_on, sum(counts.values()),
            *(counts.get(result.value, 0) for result in CommitmentResult),
            row.points, _short(row.self_level), _short(row.branch_level), _short(row.decided_level),
            row.not_rated_reason or row.note]


def _summary_titles(ratings: Ratings) -> list[str]:
    return [f"TỔNG HỢP ĐĂNG KÝ HỌC TẬP VÀ LÀM THEO, ĐÁNH GIÁ XẾP LOẠI ĐẢNG VIÊN NĂM {ratings.year}",
            ratings.organization_name, f"(Đánh giá theo {ratings.rules.preset_name})"]


def _summary_closing(ratings: Ratings, registered: KindCount) -> list[str]:
    levels = "; ".join(f"{t.label}: {format_number(t.count)} ({t.percent})" for t in ratings.totals)
    return [f"Đăng ký học tập và làm theo: {registered.text}.",
            f"Được xếp loại: {format_number(len(ratings.rows))} đồng chí — {levels}.",
            f"Không xếp loại: {format_number(len(ratings.not_rated))} đồng chí.",
            "Ghi chú: " + "; ".join(f"{LEVEL_SHORT[level]}: {level.label}" for level in ratings.rules.levels) + "."]


def _stop_if(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise OperationCancelled("Đã hủy xuất bảng tổng hợp; không có tệp nào được ghi.")
