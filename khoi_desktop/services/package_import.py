"""Bloc mode: receive the units' packages, kept apart per source unit and year.

:meth:`PackageImportService.preview` checks a package completely (the zip, the manifest,
every hash, the versions, the sender, the figures) and compares it with what was received
before from the same unit for the same year: new, the same file again, newer (it will
replace that unit's year: the preview lists which figures change, old → new) or older
(refused unless forced). Nothing is written until :meth:`commit`, which backs the database
up first (:func:`backup_before_import`), stores the packages in one transaction and writes the audit log. Received data
lives only in ``package_imports``: the bloc's own records are never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqlite_utils import Database

from khoi_desktop.domain.backups import BackupReason
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.package import (
    PackageData,
    PackageRejected,
    exemplar_from_json,
    parse_data,
    source_code,
)
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.interchange.package_zip import DEFAULT_LIMITS, PackageContents, PackageLimits, read_package
from khoi_desktop.services.backups import BackupService
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.overview import YearFigures
from khoi_desktop.services.package_figures import figures_from_json, key_figures
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import packages_repo
from khoi_desktop.storage.migrations import KNOWN
from khoi_desktop.storage.packages_repo import StoredPackage

BackupStep = Callable[[], Path]


def backup_before_import(db: Database, database: Path, folder: Path | None = None) -> BackupStep:
    """The backup an import makes first (into the database's backup folder), made only when it runs."""
    return lambda: BackupService(db, database, folder=folder).backup_before(BackupReason.BEFORE_IMPORT).path


class PackageStatus(StrEnum):
    NEW = "new"
    SAME = "same"
    NEWER = "newer"
    OLDER = "older"


@dataclass(frozen=True)
class FigureChange:
    label: str
    old: str
    new: str

    @property
    def text(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


@dataclass(frozen=True)
class PackagePreview:
    """A package that passed every check, and what importing it would change."""

    contents: PackageContents
    status: PackageStatus
    organization_id: int | None  # the unit in this database, when its name is found
    previous_created_at: datetime | None = None
    changes: tuple[FigureChange, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def data(self) -> PackageData:
        return self.contents.data

    @property
    def needs_confirmation(self) -> bool:
        return self.status is PackageStatus.NEWER

    @property
    def summary(self) -> str:
        """The Vietnamese preview the clerk confirms."""
        data = self.data
        head = (f"Gói báo cáo năm {data.year} của {data.source.name}, lập lúc {_moment(data.created_at)}"
                f" (tệp “{self.contents.path.name}”).")
        lines = [head, _status_line(self)]
        if self.status is PackageStatus.NEWER:
            lines += [f"  • {change.text}" for change in self.changes] or ["  • Số liệu không thay đổi."]
        lines += [f"Lưu ý: {warning}" for warning in self.warnings]
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportResult:
    imported: tuple[PackagePreview, ...]
    skipped: tuple[PackagePreview, ...]
    backup: Path | None
    changes: Changes

    @property
    def summary(self) -> str:
        done = "; ".join(f"{p.data.source.name} (năm {p.data.year})" for p in self.imported)
        text = f"Đã nhận {format_number(len(self.imported))} gói báo cáo" + (f": {done}." if done else ".")
        if self.skipped:
            text += f" {format_number(len(self.skipped))} gói đã nhận trước đó, không có gì thay đổi."
        return text


class PackageImportService:
    def __init__(self, context: ServiceContext, backup: BackupStep | None = None, *,
                 clock: Callable[[], datetime] = datetime.now, limits: PackageLimits = DEFAULT_LIMITS) -> None:
        self._ctx = context
        self._db = context.db
        self._backup = backup
        self._now = clock
        self._limits = limits

    def preview(self, path: Path) -> PackagePreview:
        """Check the package at ``path`` and say what importing it would do; writes nothing."""
        contents = read_package(Path(path), known_schemas=tuple(KNOWN), limits=self._limits)
        figures = _checked_figures(contents)
        stored = packages_repo.received(self._db, contents.data.source.code, contents.data.year)
        match = self._match(contents.data)
        warnings = _warnings(contents.data, match)
        if stored is None:
            return PackagePreview(contents, PackageStatus.NEW, match.id if match else None, warnings=warnings)
        before = datetime.fromisoformat(stored.created_at)
        status = (PackageStatus.SAME if stored.file_sha256 == contents.sha256 else
                  PackageStatus.NEWER if contents.data.created_at > before else PackageStatus.OLDER)
        changes = _changes(parse_data(stored.data_json.encode("utf-8"), contents.path.name), contents.data, figures)
        return PackagePreview(contents, status, match.id if match else None, before, changes, warnings)

    def commit(self, previews: Sequence[PackagePreview], *, force: bool = False) -> ImportResult:
        """Store the previewed packages (newest last); an older one is refused unless ``force``."""
        older = [p for p in previews if p.status is PackageStatus.OLDER]
        if older and not force:
            raise PackageRejected(older[0].contents.path.name, _older_reason(older[0]))
        todo = sorted((p for p in previews if p.status is not PackageStatus.SAME),
                      key=lambda p: p.data.created_at)
        skipped = tuple(p for p in previews if p.status is PackageStatus.SAME)
        if not todo:
            return ImportResult((), skipped, None, Changes())
        backup = self._backup() if self._backup else None
        with self._db.atomic():
            ids = tuple(self._store(preview) for preview in todo)
        return ImportResult(tuple(todo), skipped, backup, Changes(organizations=True, ids=ids))

    def import_files(self, paths: Sequence[Path], *, force: bool = False) -> ImportResult:
        """Preview every file (all must pass), then commit them together."""
        return self.commit([self.preview(path) for path in paths], force=force)

    # -- helpers --------------------------------------------------------------------------------
    def _store(self, preview: PackagePreview) -> int:
        data, contents = preview.data, preview.contents
        row = StoredPackage(
            source_code=data.source.code, source_name=data.source.name, year=data.year,
            created_at=data.created_at.isoformat(),
            imported_at=self._now().isoformat(timespec="seconds"), app_version=data.app_version,
            schema_version=data.schema_version, file_sha256=contents.sha256, data_json=contents.data_text,
        )
        package_id = packages_repo.store(self._db, row)
        replaced = preview.status in (PackageStatus.NEWER, PackageStatus.OLDER)
        verb = "Thay gói báo cáo" if replaced else "Nhận gói báo cáo"
        self._ctx.audit("replace" if replaced else "import", "package", package_id,
                        f"{verb} năm {data.year} của {data.source.name}",
                        {"file": contents.path.name, "sha256": contents.sha256, "created_at": row.created_at,
                         "previous_created_at": str(preview.previous_created_at or ""),
                         "changes": [c.text for c in preview.changes]})
        return package_id

    def _match(self, data: PackageData) -> Organization | None:
        """The unit in this database with the package's name (ignoring case and diacritics)."""
        found = [o for o in org_repo.all_organizations(self._db) if source_code(o.name) == data.source.code]
        return next((o for o in found if o.parent_id is not None), found[0] if found else None)


def _checked_figures(contents: PackageContents) -> YearFigures:
    """The figures, last year's and the exemplars must all read; else the package is refused."""
    data, file = contents.data, contents.path.name
    figures = figures_from_json(data.figures, 0, data.source.name, file)
    figures_from_json(data.previous, 0, data.source.name, file, "previous")
    if figures.year != data.year:
        raise PackageRejected(file, f"số liệu là của năm {figures.year}, không phải năm {data.year}.", "data.json")
    for item in data.exemplars:
        exemplar_from_json(item, data.source.name, file)
    return figures


def _changes(old: PackageData, new: PackageData, figures: YearFigures) -> tuple[FigureChange, ...]:
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


def _warnings(data: PackageData, match: Organization | None) -> tuple[str, ...]:
    if match is None:
        return (f"“{data.source.name}” chưa có trong danh sách tổ chức của cơ sở dữ liệu này; số liệu vẫn được "
                "nhận và đưa vào báo cáo tổng hợp.",)
    if match.parent_id is None:
        return (f"“{data.source.name}” là tổ chức cấp cao nhất của cơ sở dữ liệu này (gói của chính Khối?).",)
    return ()


def _status_line(preview: PackagePreview) -> str:
    when = _moment(preview.previous_created_at) if preview.previous_created_at else ""
    return {
        PackageStatus.NEW: "Gói mới: chưa nhận gói nào của đơn vị này cho năm này.",
        PackageStatus.SAME: "Gói này đã được nhận trước đó: không có gì thay đổi.",
        PackageStatus.NEWER: f"Gói mới hơn gói đã nhận (lập lúc {when}): sẽ thay số liệu năm này của đơn vị. "
                             "Các thay đổi:",
        PackageStatus.OLDER: f"Gói cũ hơn gói đã nhận (lập lúc {when}): không nhận, trừ khi chọn nhận đè.",
    }[preview.status]


def _older_reason(preview: PackagePreview) -> str:
    when = _moment(preview.previous_created_at) if preview.previous_created_at else ""
    return (f"gói lập lúc {_moment(preview.data.created_at)} cũ hơn gói đã nhận của {preview.data.source.name} "
            f"năm {preview.data.year} (lập lúc {when}); muốn thay bằng gói cũ thì hãy chọn nhận đè (--force).")


def _moment(moment: datetime) -> str:
    return moment.strftime("%H:%M ngày %d/%m/%Y")
