"""Issue 12: the tracking board, honest coverage, and three levels (units → bloc → province) counted once."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from khoi_desktop.cli.main import cli as CLI
from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.package import PackageRejected
from khoi_desktop.services.app import Services
from khoi_desktop.services.consolidation import PROVISIONAL, ConsolidationService
from khoi_desktop.services.overview import OverviewService
from khoi_desktop.services.package_board import MISSING, RECEIVED, PackageBoardService
from khoi_desktop.services.package_export import PackageExportService
from khoi_desktop.services.package_import import PackageImportService
from khoi_desktop.services.package_upward import UpwardPackageService
from tests.core.meetings_support import add_org
from tests.core.package_support import export_units, exporter, open_services
from tests.core.year_end_support import YEAR, Bloc

SENT_UP = datetime(2019, 1, 20, 8, 0, tzinfo=UTC)




@pytest.fixture
def province(tmp_path: Path) -> Iterator[Services]:
    """The provincial committee's database: its top organisation with the bloc and one other unit below."""
    opened = open_services(tmp_path / "tinh.sqlite")
    top = add_org(opened, "Đảng bộ tỉnh Ninh Bình", OrgKind.BLOC)
    add_org(opened, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BASE_COMMITTEE, top)
    add_org(opened, "Đảng bộ Khối Doanh nghiệp tỉnh", OrgKind.BASE_COMMITTEE, top)
    try:
        yield opened
    finally:
        opened.close()


def _receive(bloc: Services, unit: Bloc, packages: dict[str, Path]) -> None:
    importer = PackageImportService(bloc.context)
    for key, org in (("base", unit.base), ("treasury", unit.treasury)):
        if key in packages:
            importer.import_files([packages[key]], as_org=org)


def _leaves(services: Services, unit: Bloc) -> tuple[int, int, int]:
    """Meetings, persons expected and persons who took part, summed over the leaf units' own figures."""
    figures = [OverviewService(services.context).year_figures(org, YEAR) for org in (unit.base, unit.treasury)]
    return (sum(f.meetings_total for f in figures), sum(f.participation.overall.persons_expected for f in figures),
            sum(f.participation.overall.persons_took_part for f in figures))


def test_the_board_lists_every_expected_unit_and_survives_a_restart(unit: Bloc, services: Services, bloc: Services,
                                                                    tmp_path: Path) -> None:
    """One package of two: received with date, maker and figures; the other missing, in the reminder."""
    _receive(bloc, unit, {"base": export_units(services, unit, tmp_path)["base"]})
    bloc.close()
    reopened = open_services(tmp_path / "khoi-dang-uy-khoi.sqlite")
    try:
        board = PackageBoardService(reopened.context).board(YEAR)
    finally:
        reopened.close()
    rows = {row.name: row for row in board.rows}
    base = rows["Đảng bộ Viện Kiểm sát nhân dân tỉnh"]
    assert base.state == RECEIVED and base.maker == "thư ký kiểm thử" and base.made_on == "10/01/2019 08:00"
    assert base.study.startswith("2/3 người") and base.meetings.endswith("buổi")
    assert rows["Chi bộ Kho bạc Nhà nước tỉnh"].state == MISSING
    assert board.headline == "Năm 2018: đã nhận 1/2 đơn vị, còn thiếu 1."
    assert board.reminder() == "Các đơn vị chưa gửi gói báo cáo năm 2018:\n1. Chi bộ Kho bạc Nhà nước tỉnh"


def test_a_partial_report_says_so_first_and_is_marked_provisional(unit: Bloc, services: Services, bloc: Services,
                                                                  tmp_path: Path) -> None:
    """'Tổng hợp từ 1/2 đơn vị; chưa nhận báo cáo của: …' opens the body; the title block says provisional."""
    packages = export_units(services, unit, tmp_path)
    _receive(bloc, unit, {"base": packages["base"]})
    consolidation = ConsolidationService(bloc.context)
    files = consolidation.build_files(YEAR)
    first_page = PdfReader(io.BytesIO(files.pdf)).pages[0].extract_text().replace("\n", " ")
    assert "Tổng hợp từ 1/2 đơn vị; chưa nhận báo cáo của: Chi bộ Kho bạc Nhà nước tỉnh." in first_page
    assert "bản tạm tổng hợp" in first_page
    _receive(bloc, unit, {"treasury": packages["treasury"]})
    report = consolidation.report(YEAR)
    assert report.body[0].text == "Tổng hợp từ 2/2 đơn vị: đã nhận đủ báo cáo của các đơn vị."
    assert PROVISIONAL not in report.summary


def test_three_levels_add_up_to_their_leaves(unit: Bloc, services: Services, bloc: Services, province: Services,
                                             tmp_path: Path) -> None:
    """Units → bloc → province: the province's totals equal the sum over the leaf units, counted once."""
    packages = export_units(services, unit, tmp_path)
    _receive(bloc, unit, packages)
    upward = UpwardPackageService(bloc.context, PackageExportService(bloc.context, clock=lambda: SENT_UP))
    sent = upward.export(YEAR, tmp_path / "khoi-len-tinh.zip").path
    importer = PackageImportService(province.context)
    preview = importer.preview(sent)
    assert [o.name for o in preview.candidates] == ["Đảng bộ Khối các cơ quan tỉnh"]
    assert "gói tổng hợp của Đảng bộ Khối các cơ quan tỉnh từ 2 đơn vị" in preview.summary
    importer.commit([importer.preview(sent, as_org=preview.candidates[0].id)])
    top = ConsolidationService(province.context).consolidate(YEAR)
    figures = top.figures
    assert (figures.meetings_total, figures.participation.overall.persons_expected,
            figures.participation.overall.persons_took_part) == _leaves(services, unit)
    bloc_figures = ConsolidationService(bloc.context).consolidate(YEAR).figures
    def conducted(f: object) -> int:
        return f.inspections.own.inspections_and_supervisions + f.inspections.below.inspections_and_supervisions
    assert conducted(figures) == conducted(bloc_figures) == 4  # the bloc committee's 3 and the Procuracy's 1
    assert top.coverage == "Tổng hợp từ 1/2 đơn vị; chưa nhận báo cáo của: Đảng bộ Khối Doanh nghiệp tỉnh."
    # A leaf that also sent its package straight to the province is held in the bloc's, not added again.
    direct = export_units(services, unit, tmp_path / "thang", SENT_UP) if (tmp_path / "thang").mkdir() is None else {}
    other = add_org(province, "Đảng bộ Viện Kiểm sát nhân dân tỉnh", OrgKind.SUB_BRANCH, top.bloc.id)
    PackageImportService(province.context).import_files([direct["base"]], as_org=other)
    again = ConsolidationService(province.context).consolidate(YEAR)
    assert again.figures.participation.overall.persons_expected == _leaves(services, unit)[1]


def test_the_bloc_cannot_receive_its_own_upward_package(unit: Bloc, services: Services, bloc: Services,
                                                        tmp_path: Path) -> None:
    """The consolidated package covers the bloc itself: refused at home."""
    _receive(bloc, unit, export_units(services, unit, tmp_path))
    upward = UpwardPackageService(bloc.context, PackageExportService(bloc.context, clock=lambda: SENT_UP))
    sent = upward.export(YEAR, tmp_path / "len.zip").path
    with pytest.raises(PackageRejected, match="gói của chính"):
        PackageImportService(bloc.context).import_files([sent])


def _run(*args: object) -> Result:
    return CliRunner().invoke(CLI, [str(a) for a in args])


def test_cli_list_packages_and_export_consolidated(unit: Bloc, db_path: Path, bloc: Services,
                                                   tmp_path: Path) -> None:
    """`list packages --year`: tab-separated, ids first, every expected unit; `export-package --consolidated`."""
    assert _run("export-package", "--org", unit.base, "--year", YEAR, "--out", tmp_path / "a.zip",
                "--db", db_path).exit_code == 0
    bloc.close()
    bloc_db = tmp_path / "khoi-dang-uy-khoi.sqlite"
    assert _run("import-package", tmp_path / "a.zip", "--as", unit.base, "--db", bloc_db).exit_code == 0
    listed = _run("list", "packages", "--year", YEAR, "--db", bloc_db)
    assert listed.exit_code == 0, listed.output
    lines = [line.split("\t") for line in listed.stdout.splitlines()]
    assert sorted((row[0], row[2], row[3]) for row in lines) == sorted([
        (str(unit.base), "Đảng bộ Viện Kiểm sát nhân dân tỉnh", RECEIVED),
        (str(unit.treasury), "Chi bộ Kho bạc Nhà nước tỉnh", MISSING)])
    assert all(row[1].isdigit() == (row[3] == RECEIVED) for row in lines)
    assert "đã nhận 1/2 đơn vị" in listed.stderr
    assert _run("list", "packages", "--db", bloc_db).exit_code == 1
    sent = _run("export-package", "--consolidated", "--year", YEAR, "--out", tmp_path / "len.zip", "--db", bloc_db)
    assert sent.exit_code == 0, sent.output
    assert "Gói tổng hợp năm 2018 của Đảng bộ Khối các cơ quan tỉnh (1 đơn vị)" in sent.stdout


def test_cli_pairing_flags(unit: Bloc, services: Services, bloc: Services, tmp_path: Path) -> None:
    """Without --as a first package is refused with the candidates; --as with two files is refused."""
    paths = export_units(services, unit, tmp_path)
    bloc.close()
    bloc_db = tmp_path / "khoi-dang-uy-khoi.sqlite"
    first = _run("import-package", paths["base"], "--db", bloc_db)
    assert first.exit_code == 1 and "--as" in first.stderr and f"(mã số {unit.base})" in first.stderr
    both = _run("import-package", paths["base"], paths["treasury"], "--as", unit.base, "--db", bloc_db)
    assert both.exit_code == 1 and "một tệp" in both.stderr
    exporter(services)  # the unit's database stays usable
