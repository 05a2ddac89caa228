"""The bloc's consolidated year-end report over the packages its units sent.

The units' figures (each unit's own year-end figures, as its package carries them) are
added up into the bloc's :class:`YearFigures`; the bloc committee's own inspections,
outreach and exemplars come from the bloc's own records (its root organisation only, so
nothing a package also counts is counted twice). The result is the bloc's
:class:`YearEndData` — its plan, the clerk's narrative, every unit's focus content
("Cụ thể như: Viện Kiểm sát nhân dân tỉnh với nội dung …") — rendered through the year-end
report's content model and writers, plus a table per unit and the units whose package has
not arrived.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import NotFoundError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.oversight import Exemplar, count_exemplars, count_inspections, count_outreach
from khoi_desktop.domain.package import exemplar_from_json, parse_data
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.reports.report_model import (
    Block,
    Cell,
    Column,
    PageBreak,
    Paragraph,
    Percent,
    ReportDocument,
    Table,
    Title,
)
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.exemplars import ExemplarService
from khoi_desktop.services.file_writes import checked_targets
from khoi_desktop.services.inspections import InspectionService
from khoi_desktop.services.outreach import OutreachService
from khoi_desktop.services.overview import YearFigures
from khoi_desktop.services.package_figures import figures_from_json, sum_figures
from khoi_desktop.services.package_units import ReceivedIndex
from khoi_desktop.services.year_end import (
    Cancelled,
    ExportedReport,
    ExportSteps,
    Progress,
    ReportFiles,
    YearEndService,
    attached_to,
)
from khoi_desktop.services.year_end_content import YearEndData, name_units
from khoi_desktop.services.year_plans import YearPlanService
from khoi_desktop.storage import narratives_repo
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.packages_repo import StoredPackage

PROVISIONAL = "(bản tạm tổng hợp: chưa nhận đủ báo cáo của các đơn vị)"


@dataclass(frozen=True)
class ReceivedUnit:
    """One unit's package as the consolidation uses it."""

    source_uuid: str
    code: str
    name: str  # as the bloc report names it ('Viện Kiểm sát nhân dân tỉnh')
    full_name: str
    created_at: datetime
    focus: str
    figures: YearFigures
    previous: YearFigures
    exemplars: tuple[Exemplar, ...]


@dataclass(frozen=True)
class Consolidation:
    bloc: Organization
    year: int
    units: tuple[ReceivedUnit, ...]  # the packages that count (none held in another), in the tree's order
    missing: tuple[Organization, ...]  # the bloc's units expected for the year with no package
    data: YearEndData
    expected: tuple[Organization, ...] = ()  # the units expected to report for the year
    held: tuple[str, ...] = ()  # the senders whose packages are held in another's (not added again)

    @property
    def figures(self) -> YearFigures:
        return self.data.figures

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def coverage(self) -> str:
        """'Tổng hợp từ 34/36 đơn vị; chưa nhận báo cáo của: …' (the report's first paragraph)."""
        arrived = len(self.expected) - len(self.missing)
        text = f"Tổng hợp từ {format_number(arrived)}/{format_number(len(self.expected))} đơn vị"
        if self.missing:
            return f"{text}; chưa nhận báo cáo của: {'; '.join(o.name for o in self.missing)}."
        return f"{text}: đã nhận đủ báo cáo của các đơn vị."


class ConsolidationService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db
        self._year_end = YearEndService(context)

    def consolidate(self, year: int, bloc_id: int | None = None) -> Consolidation:
        """The bloc's year over every unit's package received for ``year``."""
        bloc = self._bloc(bloc_id)
        expected = expected_units(self._db, bloc, year)
        index = ReceivedIndex.load(self._db, year)
        order = {o.id: i for i, o in enumerate(org_repo.all_organizations(self._db))}
        counted = sorted(index.counted(), key=lambda p: order.get(p.organization_id or 0, len(order)))
        units = tuple(_unit(p) for p in counted)
        arrived = {p.organization_id for p in index.stored}
        arrived |= {o.id for o in expected if o.uuid in {u for p in counted for u in p.covers}}
        missing = tuple(o for o in expected if o.id not in arrived)
        return Consolidation(bloc, year, units, missing, self._data(bloc, year, units), expected,
                             tuple(index.held))

    def report(self, year: int, bloc_id: int | None = None, *, issued_on: date | None = None,
               number: int | None = None, result: Consolidation | None = None) -> ReportDocument:
        """The consolidated report as the year-end content model, with the per-unit annex tables.

        ``result`` is a :meth:`consolidate` already made for this year (spares parsing every package twice).
        """
        result = result or self.consolidate(year, bloc_id)
        day = issued_on or self._ctx.today()
        document = self._year_end.document(result.data, issued_on=day, number=number)
        document = replace(document, body=(Paragraph(result.coverage, italic=not result.complete), *document.body),
                           summary=document.summary if result.complete else f"{document.summary} {PROVISIONAL}")
        annex = document.annex or (PageBreak(), Title(f"Phụ lục số liệu thống kê năm {year}",
                                                      attached_to(document.issuer, number, day)))
        return replace(document, annex=(*annex, *unit_blocks(result, _tables_in(annex))))

    def build_files(self, year: int, bloc_id: int | None = None, *, issued_on: date | None = None,
                    number: int | None = None, result: Consolidation | None = None) -> ReportFiles:
        return self._year_end.files_of(self.report(year, bloc_id, issued_on=issued_on, number=number,
                                                   result=result))

    def export(self, year: int, *, pdf: Path | None = None, docx: Path | None = None, xlsx: Path | None = None,
               bloc_id: int | None = None, issued_on: date | None = None, number: int | None = None,
               result: Consolidation | None = None, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> ExportedReport:
        """Write the chosen files together (nothing is left behind on failure or on Hủy).

        ``progress(done, total)`` counts the steps: the units' figures, each file, the writing.
        """
        targets = checked_targets({"pdf": pdf, "docx": docx, "xlsx": xlsx})
        steps = ExportSteps(len(targets) + 2, progress, cancelled)
        bloc = self._bloc(bloc_id)
        day = issued_on or self._ctx.today()
        with self._db.atomic():  # the register's number and the files: a failed or cancelled export gives it back
            number = self._year_end.register(bloc.id, year, day, number, "consolidated_report")
            report = self.report(year, bloc_id, issued_on=day, number=number, result=result)
            steps.done()
            contents = self._year_end.write_files(report, targets, steps)
            self._ctx.audit("export", "consolidated_report", bloc.id, f"Xuất {report.title} (tổng hợp từ các đơn vị)",
                            {"year": year, "paths": [str(p) for p in contents]})
        return ExportedReport(report.title, tuple(contents), Changes(ids=(bloc.id,)))

    def top(self, bloc_id: int | None = None) -> Organization:
        """The organisation the units report to: ``bloc_id``, else this database's top organisation."""
        return self._bloc(bloc_id)

    # -- helpers --------------------------------------------------------------------------------
    def _bloc(self, bloc_id: int | None) -> Organization:
        if bloc_id is not None:
            found = org_repo.get_organization(self._db, bloc_id)
            if found is None:
                raise NotFoundError(f"Không có tổ chức mã số {bloc_id}.")
            return found
        roots = [o for o in org_repo.all_organizations(self._db, include_retired=False) if o.parent_id is None]
        if not roots:
            raise NotFoundError("Cơ sở dữ liệu chưa có tổ chức nào: hãy tạo Đảng bộ Khối trước.")
        return next((o for o in roots if o.kind is OrgKind.BLOC), roots[0])

    def _data(self, bloc: Organization, year: int, units: tuple[ReceivedUnit, ...]) -> YearEndData:
        own_inspections = InspectionService(self._ctx).conducted_by(bloc.id, year)
        own_exemplars = [e for e in ExemplarService(self._ctx).items(bloc.id, year) if e.organization_id == bloc.id]
        exemplars = (*own_exemplars, *(e for unit in units for e in unit.exemplars))
        own_outreach = count_outreach(i for i in OutreachService(self._ctx).items(bloc.id, year)
                                      if i.organization_id == bloc.id)
        names = [unit.name for unit in units]
        figures = sum_figures([u.figures for u in units], bloc.id, bloc.name, year, names,
                              own_inspections=count_inspections(own_inspections),
                              exemplars=count_exemplars(exemplars), own_outreach=own_outreach,
                              own_contributors=self._own_contributors(bloc))
        previous = sum_figures([u.previous for u in units], bloc.id, bloc.name, year - 1, names)
        plan = YearPlanService(self._ctx).get(bloc.id, year)
        return YearEndData(
            organization=bloc, year=year, figures=figures, previous=previous, has_children=True,
            theme=plan.theme, term_theme=plan.term_theme, focus=plan.focus_content, documents=plan.documents,
            unit_focus=name_units((u.name, u.full_name, u.focus) for u in units),
            inspections=tuple(own_inspections), exemplars=tuple(exemplars),
            narratives=narratives_repo.narratives(self._db, bloc.id, year),
        )

    def _own_contributors(self, bloc: Organization) -> int:
        return sum(1 for c in OutreachService(self._ctx).contributors(bloc.id) if c.organization_id == bloc.id)


def expected_units(db: Database, bloc: Organization, year: int) -> tuple[Organization, ...]:
    """The units expected to report for ``year``: the top organisation's children founded by its end
    and still active that year."""
    return tuple(o for o in org_repo.all_organizations(db) if o.parent_id == bloc.id
                 and (o.retired_on is None or o.retired_on.year > year)
                 and (o.founded_on is None or o.founded_on.year <= year))


def _unit(stored: StoredPackage) -> ReceivedUnit:
    data = parse_data(stored.data_json.encode("utf-8"), stored.source_name, stored=True)
    name, file = data.source.display_name, data.source.name
    return ReceivedUnit(
        source_uuid=stored.source_uuid, code=data.source.code, name=name, full_name=data.source.name, created_at=data.created_at,
        focus=data.plan.focus_content, figures=figures_from_json(data.figures, 0, name, file),
        previous=figures_from_json(data.previous, 0, name, file, "previous"),
        exemplars=tuple(exemplar_from_json(item, data.source.name, file) for item in data.exemplars),
    )


def _tables_in(blocks: tuple[Block, ...]) -> int:
    return sum(1 for block in blocks if isinstance(block, Table))


def unit_blocks(result: Consolidation, tables_before: int) -> tuple[Block, ...]:
    """The per-unit table and the units whose package has not arrived (numbered after the annex's tables)."""
    blocks: list[Block] = []
    if result.units:
        blocks.append(_units_table(result, tables_before + 1))
    if result.missing:
        rows = tuple((str(i), o.name) for i, o in enumerate(result.missing, 1))
        blocks.append(Table(f"Biểu {tables_before + len(blocks) + 1}. Các tổ chức đảng chưa gửi gói báo cáo năm "
                            f"{result.year}", (Column("", 0.5, centred=True), Column("Tổ chức đảng", 6)), rows,
                            note=f"{format_number(len(result.missing))} tổ chức đảng."))
    else:
        blocks.append(Paragraph(f"Tất cả {format_number(len(result.units))} tổ chức đảng đã gửi gói báo cáo.",
                                italic=True))
    return tuple(blocks)


def _units_table(result: Consolidation, number: int) -> Table:
    columns = (Column("", 0.5, centred=True), Column("Đơn vị", 3.2), Column("Sinh hoạt, hội nghị (buổi)", 1.1, True),
               Column("Tham gia học tập (người)", 1.3, True), Column("Tỷ lệ", 0.9, True),
               Column("Đăng ký làm theo (người)", 1.1, True), Column("Kiểm tra, giám sát (cuộc)", 1.1, True),
               Column("Tuyên truyền (tin, bài)", 1.1, True), Column("Điển hình", 1, True))
    rows = [(str(i), unit.name, *_unit_cells(unit.figures)) for i, unit in enumerate(result.units, 1)]
    totals = [_sum_cells([_unit_cells(unit.figures) for unit in result.units])]
    rows += [("", "Tổng số", *cells) for cells in totals]
    return Table(f"Biểu {number}. Số liệu của từng đơn vị năm {result.year}", columns, tuple(rows), total_row=True,
                 note=f"Tổng hợp từ {format_number(len(result.units))} gói báo cáo đã nhận.")


def _unit_cells(f: YearFigures) -> tuple[Cell, ...]:
    study = f.participation.overall
    return (f.meetings_total, f"{format_number(study.persons_took_part)}/{format_number(study.persons_expected)}",
            Percent(study.persons_took_part, study.persons_expected), f.registrations.registered,
            f.inspections.own.inspections_and_supervisions + f.inspections.below.inspections_and_supervisions,
            f.outreach.pieces, f.exemplars.total)


def _sum_cells(rows: list[tuple[Cell, ...]]) -> tuple[Cell, ...]:
    """Column totals of the per-unit cells ('took/expected' and shares are added part by part)."""
    took = sum(row[2].part for row in rows if isinstance(row[2], Percent))
    expected = sum(row[2].whole for row in rows if isinstance(row[2], Percent))
    counts = [sum(int(row[i]) for row in rows if isinstance(row[i], int)) for i in (0, 3, 4, 5, 6)]
    return (counts[0], f"{format_number(took)}/{format_number(expected)}", Percent(took, expected), *counts[1:])
