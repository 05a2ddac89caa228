"""The bloc's consolidated report: a round trip agrees with the units' own figures; missing units listed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.reports.report_model import Paragraph, Table, cell_text
from khoi_desktop.services.app import Services
from khoi_desktop.services.consolidation import ConsolidationService
from khoi_desktop.services.overview import OverviewService, YearFigures
from khoi_desktop.services.package_import import PackageImportService
from khoi_desktop.services.year_end import ExportCancelled
from tests.core.package_support import export_units, open_services, receive_all
from tests.core.reports_support import broken_in_pdf, too_narrow_in_docx, unbreakable_tokens
from tests.core.year_end_support import BASE_FOCUS, TREASURY_FOCUS, YEAR, Bloc, small_bloc


@pytest.fixture
def packages(unit: Bloc, services: Services, tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "goi"
    folder.mkdir()
    return export_units(services, unit, folder)



def _received(bloc: Services, *paths: Path) -> ConsolidationService:
    receive_all(PackageImportService(bloc.context), list(paths))
    return ConsolidationService(bloc.context)


def _comparable(figures: YearFigures) -> tuple:
    """Everything counted, without the ids and the per-organisation breakdown."""
    study = figures.participation
    return (figures.meetings, study.overall, study.by_kind, study.meetings, figures.registrations, figures.ratings,
            figures.collective_ratings, figures.inspections, figures.outreach, figures.contributors, figures.exemplars)


def test_round_trip_figures_agree_with_the_units_own(unit: Bloc, services: Services, bloc: Services,
                                                     packages: dict[str, Path]) -> None:
    """Consolidated from the two packages = the year counted directly over the units' database."""
    result = _received(bloc, *packages.values()).consolidate(YEAR)
    direct = OverviewService(services.context).year_figures(unit.bloc, YEAR)
    assert _comparable(result.figures) == _comparable(direct)
    assert result.figures.participation.overall.persons_text == "3/5 người, đạt 60%"
    by_unit = {u.name: u.figures for u in result.units}
    assert _comparable(by_unit["Kho bạc Nhà nước tỉnh"]) == _comparable(
        OverviewService(services.context).year_figures(unit.treasury, YEAR))


def test_the_report_names_each_units_focus_and_the_bloc_wide_rate(bloc: Services, packages: dict[str, Path]) -> None:
    """'Cụ thể như: Viện Kiểm sát nhân dân tỉnh với nội dung …' and the bloc's participation sentence."""
    report = _received(bloc, *packages.values()).report(YEAR)
    text = " ".join(b.text for b in report.body if isinstance(b, Paragraph))
    assert (f"Cụ thể như: Kho bạc Nhà nước tỉnh với nội dung “{TREASURY_FOCUS}”; "
            f"Viện Kiểm sát nhân dân tỉnh với nội dung “{BASE_FOCUS}”") in text  # in the bloc's own list order
    assert "tham gia học tập là 60% (3/5 người)" in text
    assert "Ban Thường vụ Đảng ủy Khối và Ủy ban Kiểm tra Đảng ủy Khối đã tiến hành tổng số 3 cuộc" in text


def test_a_table_per_unit_and_the_units_not_yet_received(bloc: Services, packages: dict[str, Path]) -> None:
    """Only the Procuracy sent its package: its row, and the Treasury listed as missing."""
    report = _received(bloc, packages["base"]).report(YEAR)
    tables = {t.title.split(". ", 1)[1]: t for t in report.annex if isinstance(t, Table)}
    units = tables["Số liệu của từng đơn vị năm 2018"]
    assert [row[1] for row in units.rows] == ["Viện Kiểm sát nhân dân tỉnh", "Tổng số"]
    assert units.rows[0][3] == "2/3"
    missing = tables["Các tổ chức đảng chưa gửi gói báo cáo năm 2018"]
    assert [row[1] for row in missing.rows] == ["Chi bộ Kho bạc Nhà nước tỉnh"]
    numbers = [int(t.title.split(".")[0].removeprefix("Biểu ")) for t in report.annex
               if isinstance(t, Table) and t.title.startswith("Biểu ")]
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_bloc_committees_own_inspections_come_from_its_own_records(bloc: Services,
                                                                        packages: dict[str, Path]) -> None:
    """Own: the bloc's 3 inspections; below: what the units reported (the Procuracy's one)."""
    figures = _received(bloc, *packages.values()).consolidate(YEAR).figures
    assert figures.inspections.own.inspections_and_supervisions == 3
    assert figures.inspections.below.inspections_and_supervisions == 1


def test_nothing_received_yet(tmp_path: Path) -> None:
    """No package: every unit is missing, no figure is invented."""
    opened = open_services(tmp_path / "trong.sqlite")
    try:
        small_bloc(opened)
        result = ConsolidationService(opened.context).consolidate(YEAR)
        assert result.units == () and len(result.missing) == 2
        assert result.figures.participation.overall.persons_expected == 0
    finally:
        opened.close()


def test_pdf_docx_and_xlsx_say_the_same(bloc: Services, packages: dict[str, Path], tmp_path: Path) -> None:
    """The three files are written together from the one content model."""
    targets = {kind: tmp_path / f"tong-hop.{kind}" for kind in ("pdf", "docx", "xlsx")}
    steps: list[tuple[int, int]] = []
    exported = _received(bloc, *packages.values()).export(YEAR, **targets, progress=lambda d, t: steps.append((d, t)))
    assert set(exported.paths) == set(targets.values())
    assert steps == [(done, 5) for done in range(6)], "a determinate bar: figures, three files, writing"
    pdf = "".join(page.extract_text() for page in PdfReader(targets["pdf"]).pages)
    docx = "\n".join(p.text for p in Document(str(targets["docx"])).paragraphs)
    assert "Kho bạc Nhà nước tỉnh với nội dung" in pdf.replace("\n", " ")
    assert "Kho bạc Nhà nước tỉnh với nội dung" in docx
    sheets = load_workbook(io.BytesIO(targets["xlsx"].read_bytes())).sheetnames
    assert any("Biểu" in name for name in sheets)


def test_every_figure_of_the_per_unit_tables_prints_whole(bloc: Services, packages: dict[str, Path]) -> None:
    """Each ratio ('2/3'), percentage and number of every annex table, the per-unit one included,
    is one unbroken word of the consolidated PDF; no word of a DOCX table is wider than its cell."""
    consolidation = _received(bloc, *packages.values())
    report = consolidation.report(YEAR)
    texts = [cell_text(value) for block in report.annex if isinstance(block, Table) for row in block.rows
             for value in row]
    assert {"2/3", "100%"} & unbreakable_tokens(texts)
    files = consolidation.build_files(YEAR)
    assert broken_in_pdf(files.pdf, texts) == []
    assert too_narrow_in_docx(files.docx) == []


def test_cancel_writes_nothing(bloc: Services, packages: dict[str, Path], tmp_path: Path) -> None:
    """Hủy after the figures stops before any file is made."""
    with pytest.raises(ExportCancelled):
        _received(bloc, *packages.values()).export(YEAR, pdf=tmp_path / "tong-hop.pdf", cancelled=lambda: True)
    assert list(tmp_path.glob("tong-hop*")) == []


def test_a_bad_number_is_refused(bloc: Services) -> None:
    """The document number is checked as for the unit's own report."""
    with pytest.raises(ValidationError, match="Số văn bản"):
        ConsolidationService(bloc.context).report(YEAR, number=0)
