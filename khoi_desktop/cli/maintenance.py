"""check, backup, restore: whole-database jobs for IT staff and scripts."""

from __future__ import annotations

from pathlib import Path

import click

from khoi_desktop.cli.common import db_option, handles_errors, open_existing, resolve_db, say
from khoi_desktop.domain.errors import StorageError
from khoi_desktop.domain.vntext import format_number

COUNT_LABELS = {
    "organizations": "Tổ chức",
    "people": "Người",
    "memberships": "Tư cách (lượt)",
    "meetings": "Buổi sinh hoạt, hội nghị",
    "attendance": "Lượt điểm danh",
    "talks": "Phân công phát biểu",
    "commitments": "Bản đăng ký",
    "assessments": "Kiểm điểm, xếp loại",
    "inspections": "Cuộc kiểm tra, giám sát",
    "outreach": "Tin bài tuyên truyền",
    "exemplars": "Gương điển hình",
    "documents": "Văn bản đã cấp số",
    "audit_log": "Dòng nhật ký thay đổi",
}


@click.command("check")
@db_option
@handles_errors
def check_command(db_path: Path | None) -> None:
    """Kiểm tra tệp cơ sở dữ liệu: tính toàn vẹn, phiên bản, số lượng bản ghi."""
    from khoi_desktop.services.app import app_schema_version

    services = open_existing(db_path, writes=False)
    try:
        summary = services.summary()
        result = services.quick_check()
    finally:
        services.close()
    say(f"Cơ sở dữ liệu: {summary.path}")
    say(f"Tổ chức: {summary.organization_name or '(chưa có)'}")
    say(f"Kiểm tra toàn vẹn: {'tốt' if result == ['ok'] else '; '.join(result)}")
    say(f"Phiên bản cấu trúc: {summary.schema} (ứng dụng: {app_schema_version()})")
    for key, label in COUNT_LABELS.items():
        say(f"  {label}: {format_number(summary.counts.get(key, 0))}")
    if result != ["ok"]:
        raise StorageError("tệp có lỗi toàn vẹn; hãy phục hồi từ bản sao lưu.")


@click.command("backup")
@db_option
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Tệp sao lưu sẽ tạo (không ghi đè tệp đã có).")
@handles_errors
def backup_command(db_path: Path | None, out: Path) -> None:
    """Sao lưu cơ sở dữ liệu ra một tệp (an toàn cả khi ứng dụng đang mở)."""
    services = open_existing(db_path, writes=False, full_check=True)
    try:
        target = services.backup(out)
        counts = services.summary().counts
    finally:
        services.close()
    say(f"Đã sao lưu vào “{target}”: {format_number(counts['people'])} người, "
        f"{format_number(counts['meetings'])} buổi sinh hoạt.")


@click.command("restore")
@db_option
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@handles_errors
def restore_command(db_path: Path | None, source: Path) -> None:
    """Phục hồi cơ sở dữ liệu từ tệp sao lưu SOURCE (kiểm tra trước, giữ bản hiện tại)."""
    from khoi_desktop.services.app import record_counts, restore_database

    target = resolve_db(db_path)
    kept = restore_database(source, target, lock=True)  # checks the source fully first, once
    try:  # only to tell what is in place: the restore has succeeded whatever happens here
        counts = record_counts(target)
        held = f": {format_number(counts['people'])} người, {format_number(counts['meetings'])} buổi sinh hoạt"
    except StorageError:
        held = ""
    say(f"Đã phục hồi từ “{source}”{held}.")
    if kept:
        say(f"Bản trước khi phục hồi được giữ ở “{kept}”.")
