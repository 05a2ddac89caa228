"""demo: a deterministic demo database at unit or bloc scale."""

from __future__ import annotations

from pathlib import Path

import click

from khoi_desktop.cli.common import db_option, handles_errors, resolve_db, say
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.file_lock import WriterLock


@click.command("demo")
@db_option
@click.option("--scale", type=click.Choice(["unit", "bloc"]), default="unit", show_default=True,
              help="unit: một đảng bộ cơ sở ~60 người; bloc: ~100 tổ chức, 10.000 người, 2016–2026.")
@click.option("--seed", type=int, default=2018, show_default=True, help="Hạt giống: cùng số cho cùng dữ liệu.")
@click.option("--overwrite", is_flag=True, help="Ghi đè tệp đã có.")
@handles_errors
def demo_command(db_path: Path | None, scale: str, seed: int, overwrite: bool) -> None:
    """Tạo cơ sở dữ liệu mẫu (dữ liệu giả, dùng để thử và tập huấn)."""
    from khoi_desktop.services.demo.generator import generate_demo  # the generator is large: only here

    target = resolve_db(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with WriterLock(target):  # never under a window that has the file open
        summary = generate_demo(target, scale, seed, overwrite=overwrite)
    say(f"Đã tạo dữ liệu mẫu ({'cấp khối' if scale == 'bloc' else 'một đơn vị'}) tại “{summary.path}”: "
        f"{format_number(summary.organizations)} tổ chức, {format_number(summary.people)} người, "
        f"{format_number(summary.meetings)} buổi sinh hoạt, {format_number(summary.attendance)} lượt điểm danh "
        f"({format_number(summary.seconds, 1)} giây).")
