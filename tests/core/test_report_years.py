"""Years that exist, and theme inspections in the year-end report: real files, read back with pypdf."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from docx import Document
from pypdf import PdfReader

from khoi_desktop.cli.package_cmd import PACKAGE_COMMANDS
from khoi_desktop.cli.report_cmd import REPORT_COMMANDS
from khoi_desktop.cli.study_cmd import STUDY_COMMANDS
from khoi_desktop.domain.enums import InspectionKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.oversight import InspectionInput, count_inspections
from khoi_desktop.services.app import Services
from khoi_desktop.services.inspections import InspectionService
from khoi_desktop.services.package_figures import figures_from_json, figures_to_json
from khoi_desktop.services.report_years import year_problem
from khoi_desktop.services.year_end import YearEndService
from tests.core.year_end_support import BTV, UBKT, YEAR, Bloc, full_year

CLI = click.Group("main.py", commands={c.name: c for c in (*REPORT_COMMANDS, *STUDY_COMMANDS, *PACKAGE_COMMANDS)})
NOW = 2026  # tests/conftest.py's today is 26/11/2026, and the machine's today is no earlier


def _run(*args: str) -> Result:
    return CliRunner().invoke(CLI, list(args))


def _pages(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages]


@pytest.fixture
def world(services: Services) -> Bloc:
    built = full_year(services)
    InspectionService(services.context).create(InspectionInput(
        NOW, built.bloc, InspectionKind.SUPERVISION, "Sinh hoạt chi bộ năm nay", (built.treasury,), BTV))
    return built


def test_27_inspections_of_which_21_on_the_theme(services: Services, world: Bloc, tmp_path: Path) -> None:
    """The source's sentence says 21 (on the year's theme); the total, 27 with the fixture's 3, apart."""
    inspections = InspectionService(services.context)
    for n in range(24):
        inspections.create(InspectionInput(
            YEAR, world.bloc, InspectionKind.SUPERVISION if n % 2 else InspectionKind.INSPECTION,
            f"Việc thực hiện chủ đề năm tại đơn vị {n + 1}" if n < 21 else f"Thu, nộp đảng phí đợt {n}",
            (world.base,), UBKT, on_theme=n < 21))
    counts = count_inspections(inspections.conducted_by(world.bloc, YEAR))
    assert (counts.inspections_and_supervisions, counts.on_theme) == (27, 21)
    pdf = tmp_path / "báo cáo 2018.pdf"
    YearEndService(services.context).export(world.bloc, YEAR, pdf=pdf, issued_on=date(2018, 12, 20))
    text = " ".join(_pages(pdf))
    assert "đã tiến hành 21 cuộc kiểm tra, giám sát việc thực hiện chủ đề năm 2018" in text
    assert "đã tiến hành tổng số 27 cuộc kiểm tra, giám sát" in text
    assert "DỰ THẢO" not in text


def test_the_theme_flag_is_stored_and_read_back(services: Services, world: Bloc) -> None:
    """on_theme goes through create, get and update like every other field."""
    service = InspectionService(services.context)
    saved = service.create(InspectionInput(YEAR, world.bloc, InspectionKind.INSPECTION, "Chủ đề năm",
                                           (world.base,), UBKT, on_theme=True))
    found = service.get(saved.inspection_id)
    assert found.on_theme and found.to_input().on_theme
    service.update(saved.inspection_id, InspectionInput(**{**found.to_input().__dict__, "on_theme": False}))
    assert not service.get(saved.inspection_id).on_theme


@pytest.mark.parametrize("command", [
    ["report", "year-end", "--out", "{out}.pdf"],
    ["ratings", "--out", "{out}.pdf"],
    ["export-package", "--out", "{out}.zip"],
])
def test_a_year_without_records_exits_1_and_writes_nothing(world: Bloc, db_path: Path, tmp_path: Path,
                                                         command: list[str]) -> None:
    """2010 holds nothing of the bloc: 'Lỗi: Năm 2010 không có số liệu nào …', exit 1, no file."""
    args = [part.format(out=tmp_path / "out" / "x") for part in command]
    (tmp_path / "out").mkdir()
    result = _run(*args, "--org", str(world.bloc), "--year", "2010", "--db", str(db_path))
    assert result.exit_code == 1
    assert "Lỗi: Năm 2010 không có số liệu nào của Đảng bộ Khối các cơ quan tỉnh" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("command", [
    ["report", "year-end", "--out", "{out}.pdf"],
    ["ratings", "--out", "{out}.pdf"],
    ["export-package", "--out", "{out}.zip"],
])
def test_a_year_not_ended_needs_draft(world: Bloc, db_path: Path, tmp_path: Path, command: list[str]) -> None:
    """This year without --draft: exit 1 naming --draft; with it the file is written."""
    args = [part.format(out=tmp_path / "out" / "x") for part in command]
    (tmp_path / "out").mkdir()
    refused = _run(*args, "--org", str(world.bloc), "--year", str(NOW), "--db", str(db_path))
    assert refused.exit_code == 1 and f"Năm {NOW} chưa kết thúc" in refused.stderr and "--draft" in refused.stderr
    assert list((tmp_path / "out").iterdir()) == []
    drafted = _run(*args, "--org", str(world.bloc), "--year", str(NOW), "--draft", "--db", str(db_path))
    assert drafted.exit_code == 0, drafted.output
    assert len(list((tmp_path / "out").iterdir())) >= 1


def test_a_draft_says_du_thao_on_every_page(world: Bloc, db_path: Path, tmp_path: Path) -> None:
    """The draft year-end report: every page carries 'DỰ THẢO'."""
    out = tmp_path / "du thao.pdf"
    result = _run("report", "year-end", "--org", str(world.bloc), "--year", str(NOW), "--draft", "--out", str(out),
                  "--db", str(db_path))
    assert result.exit_code == 0, result.output
    pages = _pages(out)
    assert pages and all("DỰ THẢO" in page for page in pages)


def test_the_check_the_screens_ask_first(services: Services, world: Bloc) -> None:
    """year_problem: '' for an ended year with records; the reason otherwise (the GUI shows it)."""
    org = services.organizations.get(world.bloc)
    today = services.context.today()
    assert year_problem(services.db, org, YEAR, today, draft=False) == ""
    assert "chưa kết thúc" in year_problem(services.db, org, NOW, today, draft=False)
    assert year_problem(services.db, org, NOW, today, draft=True) == ""
    with pytest.raises(ValidationError, match="Năm 2011 không có số liệu"):
        YearEndService(services.context).check_year(world.bloc, 2011)


def test_a_draft_docx_says_du_thao_in_its_headers(world: Bloc, services: Services, tmp_path: Path) -> None:
    """The Word file of a draft carries 'DỰ THẢO' in the first page's header and the others'."""
    docx = tmp_path / "du thao.docx"
    YearEndService(services.context).export(world.bloc, NOW, pdf=tmp_path / "du thao.pdf", docx=docx, draft=True)
    section = Document(str(docx)).sections[0]
    for header in (section.first_page_header, section.header):
        assert "DỰ THẢO" in " ".join(p.text for p in header.paragraphs)


def test_the_theme_count_travels_in_the_package_figures(services: Services, world: Bloc) -> None:
    """figures_to_json → figures_from_json keeps on_theme; a package without it reads as 0."""
    InspectionService(services.context).create(InspectionInput(
        YEAR, world.bloc, InspectionKind.INSPECTION, "Chủ đề năm", (world.base,), UBKT, on_theme=True))
    figures = YearEndService(services.context).data(world.bloc, YEAR).figures
    data = figures_to_json(figures)
    assert data["inspections"]["own"]["on_theme"] == 1
    assert figures_from_json(data, world.bloc, "Khối", "goi.zip").inspections.own.on_theme == 1
    del data["inspections"]["own"]["on_theme"]
    assert figures_from_json(data, world.bloc, "Khối", "goi.zip").inspections.own.on_theme == 0
