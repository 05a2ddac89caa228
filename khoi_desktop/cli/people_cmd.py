"""import-members and export-members: people lists in and out of Excel without the GUI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from khoi_desktop.cli.common import db_option, handles_errors, open_existing, say
from khoi_desktop.cli.report_cmd import issued_on_from
from khoi_desktop.domain.vntext import format_date, format_number

SHOWN_PROBLEMS = 30


def default_report_path(source: Path) -> Path:
    """'ds.xlsx' → 'ds_bao_cao_loi.xlsx' beside it."""
    return source.with_name(f"{source.stem}_bao_cao_loi.xlsx")


@click.command("import-members")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--org", required=True, help="Tổ chức nhận danh sách: mã số, ký hiệu hoặc tên.")
@click.option("--skip-invalid", is_flag=True,
              help="Chỉ nhập các dòng hợp lệ và ghi các dòng lỗi vào báo cáo .xlsx "
                   "(mặc định: còn dòng lỗi thì không nhập dòng nào).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Nơi lưu báo cáo lỗi (mặc định: cạnh tệp nhập, đuôi _bao_cao_loi.xlsx).")
@click.option("--update-existing", is_flag=True,
              help="Người đã có (cùng số thẻ, hoặc cùng họ tên và ngày sinh) được cập nhật theo tệp "
                   "(mặc định: bỏ qua).")
@click.option("--since", default=None, metavar="dd/mm/yyyy",
              help="Những người trong tệp sinh hoạt tại tổ chức từ ngày này, khi dòng của họ không ghi "
                   "(cột “Ngày chuyển đến”, “Ngày về chi bộ”); mặc định: hôm nay. Các buổi sinh hoạt "
                   "trước ngày này không có tên họ.")
@db_option
@handles_errors
def import_members_command(file: Path, org: str, skip_invalid: bool, report: Path | None,
                           update_existing: bool, since: str | None, db_path: Path | None) -> None:
    """Nhập danh sách cán bộ, đảng viên từ tệp Excel (.xlsx hoặc .xls)."""
    since_day = issued_on_from(since)
    # The spreadsheet readers (openpyxl, xlrd) load only when the command runs.
    from khoi_desktop.interchange.people_import import Severity
    from khoi_desktop.services.people_import import (
        ImportBlocked,
        PeopleImportService,
        RowChoice,
        live_problems,
        skipped_rows,
    )

    services = open_existing(db_path)
    try:
        target = services.organizations.resolve(org)
        importer = PeopleImportService(services.context, services.people)
        grid, mapping = importer.read(file)
        preview = importer.preview(grid, mapping, target.id)
        wanted = RowChoice.UPDATE if update_existing else RowChoice.SKIP
        choices = {row.row_number: wanted for row in preview.rows if row.match is not None}
        chosen = preview.choices_with(choices)
        blocked = preview.blocked_rows(chosen)
        if blocked and not skip_invalid:
            skipped = skipped_rows(chosen)
            _print_problems([p.message for row in blocked for p in live_problems(row, skipped)
                             if p.severity is Severity.ERROR])
            raise ImportBlocked(f"tệp có {format_number(len(blocked))} dòng lỗi nên không nhập dòng nào. "
                                "Hãy sửa tệp, hoặc chạy lại với --skip-invalid để chỉ nhập các dòng hợp lệ.")
        report_path = (report or default_report_path(file)) if blocked else None
        summary = importer.run(preview, choices=choices, valid_only=skip_invalid, error_report=report_path,
                               since=since_day)
        today = services.context.today()
    finally:
        services.close()
    if preview.legacy_note:
        say(preview.legacy_note)
    _say_since(preview.dated_rows, since_day or today)
    say(f"{summary.text()} Tổ chức: {target.name}.")


@click.command("export-members")
@click.option("--org", default=None, help="Tổ chức (gồm cả các tổ chức trực thuộc); bỏ trống: tất cả.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Tệp .xlsx sẽ ghi.")
@db_option
@handles_errors
def export_members_command(org: str | None, out: Path, db_path: Path | None) -> None:
    """Xuất danh sách cán bộ, đảng viên ra tệp Excel có định dạng để in (A4)."""
    from khoi_desktop.services.people_export import PeopleExportService  # openpyxl: only when it runs

    services = open_existing(db_path, writes=False)
    try:
        org_id = services.organizations.resolve(org).id if org else None
        summary = PeopleExportService(services.context).export_organization(out, org_id)
    finally:
        services.close()
    say(summary.text())


def _say_since(dated_rows: bool, since: date) -> None:
    where = "theo cột ngày trong tệp; dòng không ghi ngày: " if dated_rows else ""
    say(f"Sinh hoạt tại tổ chức từ ngày: {where}{format_date(since)}.")


def _print_problems(messages: list[str]) -> None:
    for message in messages[:SHOWN_PROBLEMS]:
        click.echo(f"  {message}", err=True)
    if len(messages) > SHOWN_PROBLEMS:
        click.echo(f"  … và {format_number(len(messages) - SHOWN_PROBLEMS)} lỗi khác.", err=True)
