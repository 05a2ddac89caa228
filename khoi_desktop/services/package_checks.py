"""What every received package goes through besides the zip checks: its figures must read,
its dates must not lie in the future, and the backup the import makes first stays bounded.

The backup before an import goes to the database's own backup folder (the same as the
automatic backups, with the same rotation) and the import backups together never take more
than a share of the free disk (:data:`DEFAULT_BACKUP_SHARE`, configurable): the oldest go first,
and when even one copy would not fit the import is refused before anything is written.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from khoi_desktop.domain.backups import BackupReason
from khoi_desktop.domain.errors import StorageError
from khoi_desktop.domain.package import DEFAULT_BACKUP_SHARE, PackageData, PackageRejected, exemplar_from_json
from khoi_desktop.domain.vntext import format_date, format_number, parse_iso_date
from khoi_desktop.interchange.package_zip import PackageContents
from khoi_desktop.progress import Progress
from khoi_desktop.services.backups import BackupService
from khoi_desktop.services.overview import YearFigures
from khoi_desktop.services.package_figures import figures_from_json, key_figures
from khoi_desktop.storage import backups_repo
from khoi_desktop.storage.connection import Database

BackupStep = Callable[[Progress | None], Path]  # made with the pages it copies reported
FIRST_YEAR = 1930  # the Party's founding: no package reports an earlier year


def backup_before_import(db: Database, database: Path, folder: Path | None = None, *,
                         share: float = DEFAULT_BACKUP_SHARE) -> BackupStep:
    """The backup an import makes first (into the database's backup folder), made only when it runs."""
    def run(progress: Progress | None = None) -> Path:
        service = BackupService(db, database, folder=folder)
        needed = backups_repo.database_size(db)
        free = _free_bytes(service.folder)
        if needed > share * free:
            raise StorageError(f"Không đủ chỗ trống để sao lưu trước khi nhận gói: bản sao lưu cần "
                               f"{_megabytes(needed)}, vượt {format_number(share * 100, 0)}% dung lượng còn trống "
                               f"({_megabytes(free)}) của ổ đĩa chứa “{service.folder}”. Hãy giải phóng ổ đĩa rồi "
                               "nhận lại; chưa có gì thay đổi.")
        path = service.backup_before(BackupReason.BEFORE_IMPORT, progress).path
        bound_import_backups(service.folder, share)
        return path
    return run


def bound_import_backups(folder: Path, share: float) -> list[Path]:
    """Delete the oldest import backups while together they take more than ``share`` of the free disk."""
    found = [b for b in backups_repo.scan(folder) if b.reason == BackupReason.BEFORE_IMPORT]  # newest first
    limit = share * (_free_bytes(folder) + sum(b.size for b in found))
    deleted = []
    while len(found) > 1 and sum(b.size for b in found) > limit:
        oldest = found.pop()
        backups_repo.delete(oldest.path)
        deleted.append(oldest.path)
    return deleted


def _free_bytes(folder: Path) -> int:
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return shutil.disk_usage(probe).free


def _megabytes(size: float) -> str:
    return f"{format_number(size / (1024 * 1024), 1)} MB"


@dataclass(frozen=True)
class FigureChange:
    label: str
    old: str
    new: str

    @property
    def text(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


def checked_figures(contents: PackageContents) -> YearFigures:
    """The figures, last year's and the exemplars must all read; else the package is refused."""
    data, file = contents.data, contents.path.name
    figures = figures_from_json(data.figures, 0, data.source.name, file)
    figures_from_json(data.previous, 0, data.source.name, file, "previous")
    if figures.year != data.year:
        raise PackageRejected(file, f"số liệu là của năm {figures.year}, không phải năm {data.year}.", "data.json")
    for item in data.exemplars:
        exemplar_from_json(item, data.source.name, file)
    return figures


def checked_dates(data: PackageData, file: str, today: date, now: datetime) -> None:
    """No package from the future: not its making, not its year, not a date it carries."""
    made = data.created_at.astimezone(now.astimezone().tzinfo).date() if data.created_at.tzinfo else data.created_at.date()
    if made > today:
        raise PackageRejected(file, f"gói ghi ngày lập {format_date(made)}, sau hôm nay ({format_date(today)}): "
                              "ngày giờ trên máy của đơn vị (hoặc của máy này) sai, hoặc gói bị sửa; hãy đề nghị "
                              "đơn vị chỉnh ngày giờ máy rồi xuất lại gói.", "data.json")
    if not FIRST_YEAR <= data.year <= today.year:
        raise PackageRejected(file, f"năm báo cáo {data.year} không hợp lệ (phải từ {FIRST_YEAR} đến năm nay, "
                              f"{today.year}).", "data.json")
    if data.year > made.year:
        raise PackageRejected(file, f"gói lập ngày {format_date(made)} mà báo cáo năm {data.year}.", "data.json")
    for what, day in _carried_dates(data):
        if day is not None and day > today:
            raise PackageRejected(file, f"{what} ghi ngày {format_date(day)}, sau hôm nay ({format_date(today)}).",
                                  "data.json")


def _carried_dates(data: PackageData) -> list[tuple[str, date | None]]:
    found: list[tuple[str, date | None]] = []
    for key, what in (("minutes", "biên bản"), ("exemplars", "điển hình"), ("outreach", "tin, bài tuyên truyền")):
        for item in getattr(data, key):
            found.append((what, _day(item.get("date"))))
    for item in data.inspections:
        found += [("cuộc kiểm tra, giám sát", _day(item.get(k))) for k in ("start_date", "end_date")]
    return found


def _day(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        return None


def changes_between(old: PackageData, new: PackageData, figures: YearFigures) -> tuple[FigureChange, ...]:
    before = key_figures(figures_from_json(old.figures, 0, old.source.name, "đã nhận"))
    after = key_figures(figures)
    changes = [FigureChange(label, before.get(label, "chưa có"), text)
               for label, text in after.items() if before.get(label, "chưa có") != text]
    changes += [FigureChange(label, "chưa có", "không còn") for label in before if label not in after]
    for label, old_text, new_text in (("Nội dung trọng tâm", old.plan.focus_content, new.plan.focus_content),
                                      ("Chủ đề năm", old.plan.theme, new.plan.theme)):
        if old_text != new_text:
            changes.append(FigureChange(label, f"“{old_text}”" if old_text else "chưa có",
                                        f"“{new_text}”" if new_text else "không còn"))
    if len(old.minutes) != len(new.minutes):
        changes.append(FigureChange("Biên bản kèm theo", format_number(len(old.minutes)), format_number(len(new.minutes))))
    return tuple(changes)


def moment_text(moment: datetime) -> str:
    return moment.strftime("%H:%M ngày %d/%m/%Y")
