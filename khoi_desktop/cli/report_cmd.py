"""report year-end: the year-end report of an organisation as PDF (and DOCX, XLSX) without the GUI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import click

from khoi_desktop.cli.common import db_option, draft_option, handles_errors, open_existing, say
from khoi_desktop.cli.lazy import LazyGroup
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.vntext import DateParseError, parse_date

_FILE = click.Path(dir_okay=False, path_type=Path)
F = TypeVar("F", bound=Callable[..., object])


def report_file_options(func: F) -> F:
    """--out (PDF), --docx, --xlsx, --number and --date of a report command."""
    for option in reversed((
        click.option("--out", "pdf", type=_FILE, required=True, help="Tệp PDF sẽ ghi."),
        click.option("--docx", "docx", type=_FILE, default=None, help="Tệp DOCX (mở bằng Word) sẽ ghi."),
        click.option("--xlsx", "xlsx", type=_FILE, default=None, help="Tệp XLSX số liệu thống kê sẽ ghi."),
        click.option("--number", type=int, default=None, help="Số văn bản (bỏ trống: để trống chỗ ghi số)."),
        click.option("--date", "issued", default=None, help="Ngày ban hành dd/mm/yyyy (mặc định: hôm nay)."),
    )):
        func = option(func)
    return func


# "consolidated" lives with the package commands; it loads only when it runs.
@click.group("report", cls=LazyGroup, lazy={"consolidated": "khoi_desktop.cli.package_cmd:consolidated_command"},
             options_metavar="[TÙY CHỌN]", subcommand_metavar="LỆNH [THAM SỐ]...",
             help="In các báo cáo tổng hợp (báo cáo tổng kết năm).")
def report_group() -> None:
    """The group of report subcommands."""


@report_group.command("year-end", help="In báo cáo tổng kết năm của một tổ chức: PDF, kèm DOCX và XLSX nếu chọn. "
                      "Chỉ ghi tệp khi đã tạo xong tất cả; có lỗi thì không ghi tệp nào.")
@click.option("--org", required=True, help="Tổ chức: mã số, ký hiệu hoặc tên.")
@click.option("--year", type=int, required=True, help="Năm báo cáo, ví dụ 2018.")
@report_file_options
@draft_option
@click.option("--blank-lines", is_flag=True, default=False,
              help="In các mục chưa viết thành tiêu đề kèm dòng chấm để viết tay (mặc định: bỏ các mục đó).")
@db_option
@handles_errors
def year_end_command(org: str, year: int, pdf: Path, docx: Path | None, xlsx: Path | None, number: int | None,
                     issued: str | None, draft: bool, blank_lines: bool, db_path: Path | None) -> None:
    from khoi_desktop.services.year_end import YearEndService  # reportlab, docx, openpyxl: only here

    issued_on = issued_on_from(issued)
    services = open_existing(db_path)
    try:
        target = services.organizations.resolve(org)
        service = YearEndService(services.context)
        service.check_year(target.id, year, draft=draft)
        empty = service.empty_sections(target.id, year)
        if empty:
            what = ("in tiêu đề kèm dòng chấm để viết tay" if blank_lines
                    else "không in (thêm --blank-lines để in tiêu đề kèm dòng chấm)")
            say(f"Các mục chưa có nội dung, {what}: {'; '.join(empty)}.")
        exported = service.export(target.id, year, pdf=pdf, docx=docx, xlsx=xlsx, issued_on=issued_on,
                                  number=number, draft=draft, blank_lines=blank_lines)
    finally:
        services.close()
    say(f"Đã ghi {exported.title} của {target.name}:")
    for path in exported.paths:
        say(f"  {path}")


def issued_on_from(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except DateParseError as error:
        raise ValidationError("date", str(error)) from None


REPORT_COMMANDS = (report_group,)
