"""export-package, import-package and ``report consolidated``: the package flow without the GUI.

``report consolidated`` belongs to issue 6's ``report`` group, which loads it from here on demand.
"""

from __future__ import annotations

from pathlib import Path

import click

from khoi_desktop.cli.common import db_option, draft_option, handles_errors, open_existing, say
from khoi_desktop.cli.report_cmd import issued_on_from, report_file_options
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.package import DEFAULT_BACKUP_SHARE
from khoi_desktop.domain.validation import parse_id
from khoi_desktop.domain.vntext import format_number

_FILE = click.Path(dir_okay=False, path_type=Path)


class ConfirmationNeeded(ValidationError):
    """A replacement was previewed but not confirmed with --yes: nothing was imported."""


@click.command("export-package", help="Xuất gói báo cáo năm (.zip) gửi cấp trên qua email: báo cáo tổng kết PDF, "
               "DOCX, số liệu XLSX, biên bản đã chọn và dữ liệu để cấp trên tổng hợp.")
@click.option("--org", default=None, help="Tổ chức gửi báo cáo: mã số, ký hiệu hoặc tên.")
@click.option("--year", type=int, required=True, help="Năm báo cáo, ví dụ 2018.")
@click.option("--out", "out", type=_FILE, required=True, help="Tệp .zip sẽ ghi (không ghi gì khi có lỗi).")
@click.option("--minutes", default="", help="Mã số các buổi sinh hoạt cần kèm biên bản, cách nhau bởi dấu phẩy.")
@click.option("--consolidated", is_flag=True, help="Gói tổng hợp của Đảng bộ Khối từ các gói đã nhận, gửi lên "
              "cấp trên nữa (Tỉnh ủy).")
@draft_option
@db_option
@handles_errors
def export_package_command(org: str | None, year: int, out: Path, minutes: str, consolidated: bool, draft: bool,
                           db_path: Path | None) -> None:
    from khoi_desktop.services.package_export import PackageExportService  # the writers: only here
    from khoi_desktop.services.package_upward import UpwardPackageService

    meeting_ids = _ids(minutes)
    if org is None and not consolidated:
        raise ValidationError("org", "Hãy chọn tổ chức gửi báo cáo (--org), hoặc --consolidated cho gói tổng hợp.")
    services = open_existing(db_path)
    try:
        target = services.organizations.resolve(org) if org else None
        if consolidated:
            exported = UpwardPackageService(services.context).export(year, out, bloc_id=target.id if target else None)
        else:
            assert target is not None
            exported = PackageExportService(services.context).export(target.id, year, out, minutes=meeting_ids,
                                                                     draft=draft)
    finally:
        services.close()
    say(f"Đã ghi {exported.title} vào “{exported.path}” ({format_number(exported.size // 1024 or 1)} KB):")
    for name in exported.entries:
        say(f"  {name}")


@click.command("import-package", help="Nhận các gói báo cáo (.zip) của đơn vị trực thuộc (dùng ở Đảng ủy Khối). "
               "Mọi gói được kiểm tra trước; có gói lỗi thì không nhận gói nào.")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Nhận cả gói cũ hơn gói đã nhận (thay số liệu đã nhận).")
@click.option("--yes", is_flag=True, help="Đồng ý thay số liệu đã nhận bằng gói mới hơn mà không hỏi lại.")
@click.option("--as", "as_org", default=None, help="Lần đầu nhận gói của một đơn vị: tổ chức tương ứng trong cơ sở "
              "dữ liệu này (mã số, ký hiệu hoặc tên); chỉ dùng khi nhận một tệp.")
@click.option("--re-register", is_flag=True, help="Đăng ký lại đơn vị đã cài lại ứng dụng (khóa ký hoặc mã định "
              "danh mới); chỉ dùng sau khi đã xác minh với đơn vị.")
@click.option("--backup-share", type=click.FloatRange(0.01, 0.9), default=DEFAULT_BACKUP_SHARE, show_default=True,
              help="Tỷ lệ tối đa dung lượng trống của ổ đĩa dành cho các bản sao lưu trước khi nhận gói.")
@db_option
@handles_errors
def import_package_command(files: tuple[Path, ...], force: bool, yes: bool, as_org: str | None, re_register: bool,
                           backup_share: float, db_path: Path | None) -> None:
    from khoi_desktop.services.package_import import PackageImportService, PackageStatus, backup_before_import

    if as_org and len(files) != 1:
        raise ValidationError("as", "--as chỉ dùng khi nhận một tệp gói (mỗi đơn vị ghép riêng một lần).")
    services = open_existing(db_path)
    try:
        importer = PackageImportService(services.context, backup_before_import(services.db, services.path,
                                                                               share=backup_share))
        org_id = services.organizations.resolve(as_org).id if as_org else None
        previews = [importer.preview(path, as_org=org_id, re_register=re_register) for path in files]
        for preview in previews:
            say(preview.summary)
        replacing = [p for p in previews if p.status in (PackageStatus.NEWER, PackageStatus.OLDER)]
        if replacing and not yes and (force or all(p.status is PackageStatus.NEWER for p in replacing)):
            raise ConfirmationNeeded("yes", f"Chưa nhận gói nào: {format_number(len(replacing))} gói sẽ thay số liệu "
                                     "đã nhận (xem thay đổi ở trên). Chạy lại với --yes để đồng ý.")
        result = importer.commit(previews, force=force)
    finally:
        services.close()
    say(result.summary)
    if result.backup is not None:
        say(f"Đã sao lưu dữ liệu trước khi nhận: “{result.backup}”.")


@click.command("consolidated", help="In báo cáo tổng hợp của Đảng bộ Khối từ các gói báo cáo đã nhận: "
                      "PDF, kèm DOCX và XLSX nếu chọn; liệt kê các đơn vị chưa gửi.")
@click.option("--year", type=int, required=True, help="Năm báo cáo, ví dụ 2018.")
@report_file_options
@db_option
@handles_errors
def consolidated_command(year: int, pdf: Path, docx: Path | None, xlsx: Path | None, number: int | None,
                         issued: str | None, db_path: Path | None) -> None:
    from khoi_desktop.services.consolidation import ConsolidationService  # the writers: only here

    issued_on = issued_on_from(issued)
    services = open_existing(db_path)
    try:
        consolidation = ConsolidationService(services.context)
        result = consolidation.consolidate(year)
        exported = consolidation.export(year, pdf=pdf, docx=docx, xlsx=xlsx, issued_on=issued_on, number=number,
                                        result=result)
    finally:
        services.close()
    say(result.coverage)
    say(f"Đã ghi {exported.title} (tổng hợp {format_number(len(result.units))} gói đã nhận):")
    for path in exported.paths:
        say(f"  {path}")
    if result.missing:
        say(f"Chưa nhận gói của {format_number(len(result.missing))} tổ chức: "
            + "; ".join(o.name for o in result.missing) + ".")


def _ids(text: str) -> tuple[int, ...]:
    ids = [parse_id(part) for part in text.split(",") if part.strip()]
    if None in ids:
        raise ValidationError("minutes", f"“{text}” không phải danh sách mã số buổi sinh hoạt (ví dụ: 12,15).")
    return tuple(i for i in ids if i is not None)


PACKAGE_COMMANDS = (export_package_command, import_package_command)
