"""The year-end report (báo cáo tổng kết) of an organisation and year: figures, narrative, files.

* :meth:`YearEndService.preview` — per section: the computed sentences and the clerk's text
  (what the GUI shows beside the editor); :meth:`set_narrative` keeps the clerk's text
  per organisation, year and section (``report_narratives``).
* :meth:`report` — the one content model (:class:`ReportDocument`) the PDF, the DOCX and
  the XLSX are rendered from; :meth:`build_files` renders all three in memory;
  :meth:`export` writes the chosen ones through temporary files and renames them only
  when all are built, so a failure leaves nothing behind.

Layout comes from the LAYOUT preset in force on the report's date; the issuer and
signing body from the organisation, as for meeting documents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from khoi_desktop.domain import issuers
from khoi_desktop.domain.errors import NotFoundError, UserFacingError, ValidationError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.oversight import check_year, oversight_changes
from khoi_desktop.domain.study import YearPlan
from khoi_desktop.domain.vntext import clean, clean_multiline, format_date, format_number
from khoi_desktop.reports.meeting_docs import PartyIssuer, number_text
from khoi_desktop.reports.report_model import ReportDocument, Signature
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.exemplars import ExemplarService
from khoi_desktop.services.file_writes import checked_targets, write_all
from khoi_desktop.services.inspections import InspectionService
from khoi_desktop.services.meeting_documents import MeetingDocumentService
from khoi_desktop.services.overview import OverviewService, YearFigures, empty_figures
from khoi_desktop.services.report_years import DRAFT_MARK, require_report_year, year_problem
from khoi_desktop.services.year_end_annex import annex_blocks
from khoi_desktop.services.year_end_content import (
    NARRATIVE_KEYS,
    SKELETON,
    UnitFocus,
    YearEndData,
    body_blocks,
    computed,
    empty_sections,
    name_units,
    section_title,
)
from khoi_desktop.services.year_plans import YearPlanService
from khoi_desktop.storage import assessments_repo, narratives_repo
from khoi_desktop.storage import organizations_repo as org_repo

MAX_NARRATIVE = 20_000
REPORT_TYPE = "BC"
REPORT_SOURCE = "year_end_report"
FRAME_TITLES = {"summary": "Trích yếu (dòng dưới chữ BÁO CÁO)", "recipients": "Nơi nhận (mỗi dòng một nơi)",
                "signer_name": "Người ký (họ tên Bí thư)"}


@dataclass(frozen=True)
class SectionPreview:
    """One editable part of the report: what the app computed, and what the clerk wrote."""

    key: str
    title: str
    level: int
    computed: tuple[str, ...]
    narrative: str


@dataclass(frozen=True)
class ReportFiles:
    """The three renderings of one report, in memory."""

    title: str
    pdf: bytes
    docx: bytes
    xlsx: bytes


@dataclass(frozen=True)
class ExportedReport:
    title: str
    paths: tuple[Path, ...]
    changes: Changes


class YearEndService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db
        self._overview = OverviewService(context)
        self._documents = MeetingDocumentService(context)
        self._plans = YearPlanService(context)

    # -- the clerk's text ---------------------------------------------------------------------
    def narratives(self, org_id: int, year: int) -> dict[str, str]:
        self._organization(org_id)
        return narratives_repo.narratives(self._db, org_id, check_year(year))

    def set_narrative(self, org_id: int, year: int, section: str, text: str) -> Changes:
        """Keep the clerk's text of one section (an empty text removes it)."""
        if section not in NARRATIVE_KEYS:
            raise ValidationError("section", f"Không có mục “{section}” trong báo cáo tổng kết.")
        content = clean_multiline(text)
        if len(content) > MAX_NARRATIVE:
            raise ValidationError("content", f"Nội dung quá dài (tối đa {format_number(MAX_NARRATIVE)} ký tự).")
        with self._db.atomic():
            org = self._organization(org_id)
            narratives_repo.set_narrative(self._db, org.id, check_year(year), section, content)
            self._ctx.audit("update", "report_narrative", org.id,
                            f"Sửa mục “{section}” của báo cáo tổng kết năm {year} ({org.name})",
                            {"year": year, "section": section, "length": len(content)})
        return oversight_changes(org.id)

    def preview(self, org_id: int, year: int) -> tuple[SectionPreview, ...]:
        """Every section of the skeleton (frame keys last): computed sentences and narrative."""
        data = self.data(org_id, year)
        sentences = computed(data)
        parts = [SectionPreview(s.key, section_title(s, year), s.level, tuple(sentences.get(s.key, ())),
                                data.narrative(s.key)) for s in SKELETON]
        parts += [SectionPreview(key, title, 0, (), data.narrative(key)) for key, title in FRAME_TITLES.items()]
        return tuple(parts)

    # -- the content model -------------------------------------------------------------------
    def data(self, org_id: int, year: int) -> YearEndData:
        """Everything the report says about the organisation and year, gathered once."""
        org = self._organization(org_id)
        check_year(year)
        plan = self._plan_with_theme(org, year)
        return YearEndData(
            organization=org, year=year, figures=self._overview.year_figures(org.id, year),
            previous=self._previous(org.id, year), has_children=len(org_repo.descendant_ids(self._db, org.id)) > 1,
            theme=plan.theme, term_theme=plan.term_theme, focus=plan.focus_content, documents=plan.documents,
            unit_focus=self._unit_focus(org, year),
            inspections=tuple(InspectionService(self._ctx).conducted_by(org.id, year)),
            exemplars=tuple(ExemplarService(self._ctx).items(org.id, year)),
            narratives=narratives_repo.narratives(self._db, org.id, year),
        )

    def report(self, org_id: int, year: int, *, issued_on: date | None = None,
               number: int | None = None, blank_lines: bool = False) -> ReportDocument:
        """The report as one content model, dated ``issued_on`` (default: today); ``blank_lines``
        prints empty sections as headings over dotted lines."""
        data = replace(self.data(org_id, year), blank_lines=blank_lines)
        return self.document(data, issued_on=issued_on, number=number)

    def empty_sections(self, org_id: int, year: int) -> tuple[str, ...]:
        """Titles of the sections with nothing to print (the GUI and the CLI name them before export)."""
        data = self.data(org_id, year)
        return tuple(section_title(section, year) for section in empty_sections(data))

    def document(self, data: YearEndData, *, issued_on: date | None = None,
                 number: int | None = None) -> ReportDocument:
        """The year-end frame (issuer, summary, recipients, signature, annex) around ``data``."""
        day = issued_on or self._ctx.today()
        issuer = self._documents.issuer(data.organization, day)
        style = self._documents.level_style(data.organization, day)
        if number is not None and not 1 <= number <= 9999:
            raise ValidationError("number", "Số văn bản phải từ 1 đến 9999.")
        return ReportDocument(
            issuer=issuer, issued_on=day, number=number, summary=_summary(data),
            body=body_blocks(data), recipients=_recipients(data, issuers.report_recipient(issuer.superior, style)),
            signature=self._signature(data, issuer, day),
            annex=annex_blocks(data, attached_to(issuer, number, day)),
        )

    def files_of(self, report: ReportDocument, *, draft: bool = False) -> ReportFiles:
        """PDF, DOCX and XLSX of one content model, in the layout in force on its date (a draft marked so)."""
        return ReportFiles(report.title, *(self.render(kind, report, draft=draft) for kind in ("pdf", "docx", "xlsx")))

    def render(self, kind: str, report: ReportDocument, *, draft: bool = False) -> bytes:
        """One file ("pdf", "docx" or "xlsx") of ``report``, in the layout in force on its date."""
        layout = replace(self._documents.layout_on(report.issued_on), draft_mark=DRAFT_MARK if draft else "")
        # The renderers pull reportlab, python-docx and openpyxl: loaded when a file is made, not
        # when a page showing the report's figures opens.
        if kind == "pdf":
            from khoi_desktop.reports.year_end_pdf import build_year_end_pdf

            return build_year_end_pdf(report, layout)
        if kind == "docx":
            from khoi_desktop.reports.year_end_docx import build_year_end_docx

            return build_year_end_docx(report, layout)
        from khoi_desktop.reports.year_end_xlsx import build_year_end_xlsx

        return build_year_end_xlsx(report)

    # -- files --------------------------------------------------------------------------------
    def build_files(self, org_id: int, year: int, *, issued_on: date | None = None,
                    number: int | None = None, draft: bool = False, blank_lines: bool = False) -> ReportFiles:
        """PDF, DOCX and XLSX of the same content model, built in memory (issue 7 packs these)."""
        report = self.report(org_id, year, issued_on=issued_on, number=number, blank_lines=blank_lines)
        return self.files_of(report, draft=draft)

    def year_problems(self, org_id: int, year: int) -> tuple[str, str]:
        """(no records of the year, year not ended): each the Vietnamese reason, or '' (for the screens)."""
        org, today = self._organization(org_id), self._ctx.today()
        missing = year_problem(self._db, org, check_year(year), today, draft=True)
        return missing, "" if missing else year_problem(self._db, org, year, today, draft=False)

    def check_year(self, org_id: int, year: int, *, draft: bool = False) -> None:
        """Refuse a year without records of the organisation, or not yet ended unless a draft."""
        require_report_year(self._db, self._organization(org_id), check_year(year), self._ctx.today(), draft=draft)

    def export(self, org_id: int, year: int, *, pdf: Path | None = None, docx: Path | None = None,
               xlsx: Path | None = None, issued_on: date | None = None, number: int | None = None,
               draft: bool = False, progress: Progress | None = None,
               cancelled: Cancelled | None = None, blank_lines: bool = False) -> ExportedReport:
        """Write the chosen files; all are built first and renamed into place together.

        A year without records, or not yet ended (unless ``draft``), is refused before anything is made.
        ``progress(done, total)`` counts the steps (the figures, each file, the writing); when
        ``cancelled()`` turns true between steps, :class:`ExportCancelled` is raised and no file is written.
        A final report takes its number from the register (a draft takes none), in the same transaction
        as the writing: a failed or cancelled export gives the number back.
        """
        self.check_year(org_id, year, draft=draft)
        targets = checked_targets({"pdf": pdf, "docx": docx, "xlsx": xlsx})
        steps = ExportSteps(len(targets) + 2, progress, cancelled)
        day = issued_on or self._ctx.today()
        with self._db.atomic():
            if not draft:
                number = self.register(org_id, year, day, number, REPORT_SOURCE)
            report = self.report(org_id, year, issued_on=day, number=number, blank_lines=blank_lines)
            steps.done()
            contents = self.write_files(report, targets, steps, draft=draft)
            self._ctx.audit("export", "year_end_report", org_id, f"Xuất {report.title}",
                            {"year": year, "paths": [str(p) for p in contents]})
        return ExportedReport(report.title, tuple(contents), oversight_changes(org_id))

    def write_files(self, report: ReportDocument, targets: dict[str, Path], steps: ExportSteps, *,
                    draft: bool = False) -> dict[Path, bytes]:
        """Render each target of ``report`` (a step each), then write them all together (the last step)."""
        contents: dict[Path, bytes] = {}
        for kind, path in targets.items():
            contents[path] = self.render(kind, report, draft=draft)
            steps.done()
        write_all(contents)
        steps.done(check=False)
        return contents

    def register(self, org_id: int, year: int, day: date, requested: int | None, source: str) -> int:
        """The report's number from the register: the next one, or ``requested`` if still free in the
        term; a report already numbered keeps its number (a reprint)."""
        if requested is not None and not 1 <= requested <= 9999:
            raise ValidationError("number", "Số văn bản phải từ 1 đến 9999.")
        title = f"Báo cáo năm {year}"
        return self._documents.number_for(org_id, REPORT_TYPE, f"{source}:{year}", org_id, day, title, requested)

    # -- helpers ------------------------------------------------------------------------------
    def _organization(self, org_id: int) -> Organization:
        org = org_repo.get_organization(self._db, org_id)
        if org is None:
            raise NotFoundError(f"Không có tổ chức mã số {org_id}.")
        return org

    def _previous(self, org_id: int, year: int) -> YearFigures:
        try:
            return self._overview.year_figures(org_id, year - 1)
        except ValidationError:  # before the first year the app records
            return empty_figures(org_id, year - 1)

    def _plan_with_theme(self, org: Organization, year: int) -> YearPlan:
        """The organisation's plan; a theme it lacks comes from the nearest superior that has one."""
        plan = self._plans.get(org.id, year)
        parent_id = org.parent_id
        while not plan.theme and parent_id is not None:
            parent = self._organization(parent_id)
            superior = self._plans.get(parent.id, year)
            plan = YearPlan(plan.organization_id, year, superior.theme, plan.term_theme or superior.term_theme,
                            plan.focus_content, plan.note, plan.documents or superior.documents, plan.id)
            parent_id = parent.parent_id
        return plan

    def _unit_focus(self, org: Organization, year: int) -> tuple[UnitFocus, ...]:
        """Each directly subordinate unit's focus content ('Viện Kiểm sát nhân dân tỉnh với nội dung …')."""
        return name_units((child.agency_name, child.name, plan.focus_content)
                          for child, plan in self._plans.plans_below(org.id, year)
                          if child.parent_id == org.id and child.retired_on is None)

    def _signature(self, data: YearEndData, issuer: PartyIssuer, day: date) -> Signature:
        name = data.narrative("signer_name") or assessments_repo.party_post_holder(self._db, data.organization.id,
                                                                                    day, "bi thu")
        return Signature(f"T/M {issuer.signing_body}", "Bí thư", clean(name))


def _summary(data: YearEndData) -> str:
    return data.narrative("summary") or (
        f"tổng kết việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {data.year}")


def _recipients(data: YearEndData, report_to: str) -> tuple[str, ...]:
    written = [line for line in data.narrative("recipients").split("\n") if line]
    if written:
        return tuple(written)
    lines = [report_to] if report_to else []
    if data.has_children:
        lines.append("Các tổ chức đảng trực thuộc")
    return tuple(lines)


def attached_to(issuer: PartyIssuer, number: int | None, day: date) -> str:
    return f"(Kèm theo Báo cáo số {number_text(number)}-BC/{issuer.code} ngày {format_date(day)} của {issuer.name})"


Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExportCancelled(UserFacingError):
    """The clerk pressed Hủy: nothing was written."""


class ExportSteps:
    """Counts an export's steps for the progress bar and stops it between steps on Hủy (before writing)."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self._total, self._done = total, 0
        self._progress, self._cancelled = progress, cancelled
        if progress is not None:
            progress(0, total)

    def done(self, *, check: bool = True) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress(self._done, self._total)
        if check and self._cancelled is not None and self._cancelled():
            raise ExportCancelled("Đã hủy xuất báo cáo; không tệp nào được ghi.")
