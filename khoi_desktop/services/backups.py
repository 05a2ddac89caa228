"""Automatic and manual backups of the open database, the retention rule, and restore.

Backups live in ``<user data>/sao-luu`` (another database than the default one gets its own
sub-folder there). They are made with SQLite's backup API, so they are consistent even while
the clerk works. When to back up is decided here, the clock is injectable; the GUI only
calls :meth:`BackupService.backup_at_start` and :meth:`BackupService.backup_periodic` on its
worker thread.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from khoi_desktop import paths
from khoi_desktop.domain.backups import BackupFile, BackupInfo, BackupReason, check_reason
from khoi_desktop.domain.errors import StorageError
from khoi_desktop.domain.retention import DEFAULT_RULE, RetentionRule, expired_stamps
from khoi_desktop.domain.vntext import ascii_name
from khoi_desktop.durable import check_free_space, explain_os_error
from khoi_desktop.progress import Cancelled, Progress, Stages
from khoi_desktop.storage import backups_repo, maintenance_repo
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.database import open_database

log = logging.getLogger(__name__)

BACKUP_FOLDER = "sao-luu"
START_INTERVAL = timedelta(days=1)
PERIODIC_INTERVAL = timedelta(minutes=30)
TIMER_SLACK = timedelta(seconds=30)  # a 30-minute timer must not just miss a 30-minute-old backup

Clock = Callable[[], datetime]


def backups_folder(database: Path) -> Path:
    """Where the backups of ``database`` go: ``sao-luu``, or a sub-folder for another file."""
    root = paths.user_data_dir() / BACKUP_FOLDER
    resolved = Path(database).resolve()
    if resolved == paths.default_database().resolve():
        return root
    digest = hashlib.sha1(str(resolved).lower().encode("utf-8")).hexdigest()[:8]
    return root / f"{ascii_name(resolved.stem, '-') or 'csdl'}-{digest}"


class BackupService:
    """Backups of one open database; all methods run on the database worker thread."""

    def __init__(self, db: Database, database: Path, *, folder: Path | None = None,
                 rule: RetentionRule = DEFAULT_RULE, clock: Clock = datetime.now) -> None:
        self._db = db
        self.database = Path(database)
        self.folder = folder if folder is not None else backups_folder(self.database)
        self.rule = rule
        self._clock = clock
        self._noted = False
        self._baseline = backups_repo.change_count(db)
        self._counts: dict[Path, tuple[int, int | None, int | None]] = {}

    # Making backups

    def backup_now(self, reason: BackupReason | str = BackupReason.MANUAL,
                   progress: Progress | None = None) -> BackupInfo:
        """Back up the open database into the backup folder now (``progress``: pages)."""
        check_reason(reason)
        self.folder.mkdir(parents=True, exist_ok=True)
        target, created = backups_repo.free_name(self.folder, self._clock(), reason)
        baseline = backups_repo.change_count(self._db)
        backups_repo.write_backup(self._db, target, progress)
        self._noted = False
        self._baseline = baseline
        log.info("Đã sao lưu (%s) vào %s", reason, target)
        return self._info(BackupFile(target, created, str(reason), target.stat().st_size))

    def backup_before(self, reason: BackupReason | str, progress: Progress | None = None) -> BackupInfo:
        """A backup before a risky step (restore, package import); old ones are pruned."""
        info = self.backup_now(reason, progress)
        self.prune()
        return info

    def backup_to_folder(self, folder: Path, progress: Progress | None = None) -> Path:
        """A copy on another drive (a USB stick); a clear message when it is not writable or full."""
        folder = Path(folder)
        backups_repo.check_folder(folder, backups_repo.database_size(self._db))
        target, _ = backups_repo.free_name(folder, self._clock(), BackupReason.MANUAL)
        return backups_repo.write_backup(self._db, target, progress)

    # When

    def note_change(self) -> None:
        """Something was saved; the next periodic check will back up."""
        self._noted = True

    def has_changes(self) -> bool:
        return self._noted or backups_repo.change_count(self._db) != self._baseline

    def last_backup_time(self) -> datetime | None:
        found = backups_repo.scan(self.folder)
        return found[0].created if found else None

    def due_at_start(self, now: datetime | None = None) -> bool:
        """True when there is no backup yet, or the newest is over a day old."""
        return _due(self.last_backup_time(), now or self._clock(), START_INTERVAL)

    def due_periodic(self, now: datetime | None = None) -> bool:
        """True when data changed and the newest backup is at least 30 minutes old."""
        if not self.has_changes():
            return False
        return _due(self.last_backup_time(), now or self._clock(), PERIODIC_INTERVAL - TIMER_SLACK)

    def backup_at_start(self, now: datetime | None = None) -> BackupInfo | None:
        return self._backup_if(self.due_at_start(now), BackupReason.START)

    def backup_periodic(self, now: datetime | None = None) -> BackupInfo | None:
        return self._backup_if(self.due_periodic(now), BackupReason.PERIODIC)

    def backup_at_exit(self) -> BackupInfo | None:
        """On closing: keep the edits made since the last backup, however recent it was."""
        return self._backup_if(self.has_changes(), BackupReason.EXIT)

    def _backup_if(self, due: bool, reason: BackupReason) -> BackupInfo | None:
        if not due:
            return None
        info = self.backup_now(reason)
        self.prune()
        return info

    # Listing and retention

    def list_backups(self) -> list[BackupInfo]:
        """Every backup, newest first, with the people and meeting counts read from each file."""
        return [self._info(found) for found in backups_repo.scan(self.folder)]

    def prune(self, rule: RetentionRule | None = None) -> list[Path]:
        """Delete the backups the retention rule lets go (and half-written leftovers of a crash)."""
        backups_repo.remove_leftovers(self.folder)
        found = backups_repo.scan(self.folder)
        expired = set(expired_stamps((item.created for item in found), rule or self.rule))
        deleted = []
        for item in found:
            if item.created in expired:
                backups_repo.delete(item.path)
                self._counts.pop(item.path, None)
                deleted.append(item.path)
        if deleted:
            log.info("Đã xóa %d bản sao lưu cũ theo quy tắc lưu giữ", len(deleted))
        return deleted

    def _info(self, found: BackupFile) -> BackupInfo:
        cached = self._counts.get(found.path)
        if cached is None or cached[0] != found.size:
            cached = (found.size, *backups_repo.read_counts(found.path))
            self._counts[found.path] = cached
        return BackupInfo(found.path, found.created, found.reason, found.size, cached[1], cached[2])

    # Restore

    def check(self, source: Path, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> dict[str, int]:
        """Open a copy of ``source`` and check it fully; the counts of every table."""
        return maintenance_repo.validate_backup(Path(source), progress, cancelled)

    def restore(self, source: Path) -> Path | None:
        """Put ``source`` in place of this database; see :func:`restore_backup`.

        The database connection must already be closed (the caller owns it).
        """
        return restore_backup(Path(source), self.database, folder=self.folder, clock=self._clock)


def _due(last: datetime | None, now: datetime, interval: timedelta) -> bool:
    """Due when there is no backup, it is old enough, or it lies in the future (the PC clock
    was wrong then or is wrong now: never let that stop the backups)."""
    return last is None or now - last >= interval or last > now


def restore_backup(source: Path, database: Path, *, folder: Path | None = None,
                   clock: Clock = datetime.now, progress: Progress | None = None) -> Path | None:
    """Check ``source``, back up the (closed) current file, then swap the checked copy in.

    Nothing is removed or overwritten before the last step, one atomic rename; on any
    failure the current file is as it was and the temporary files are gone. Returns the
    backup of the file as it was (None when there was none). A current file that cannot
    even be opened (damaged, or from a newer version) is copied byte for byte.

    ``progress`` goes over four stages weighted by the bytes each handles: copying the
    source, checking the copy, keeping the current file (a backup, twice its size: copy and
    check) and the swap (one step). There is no Hủy: it must not stop half-way.
    """
    source, database = Path(source), Path(database)
    if source.resolve() == database.resolve():
        raise StorageError("Tệp phục hồi trùng với cơ sở dữ liệu đang dùng.")
    if not database.parent.is_dir():
        raise StorageError(f"Thư mục “{database.parent}” không tồn tại.")
    needed = _file_size(source) + _file_size(Path(f"{source}-wal"))
    check_free_space(database.parent, 2 * needed + maintenance_repo.SPACE_SLACK, what="phục hồi")
    folder = folder or backups_folder(database)
    current = maintenance_repo.file_bytes(database)
    stages = Stages(progress, [2 * needed, 2 * current, 1])
    with maintenance_repo.checked_copy(source, database.parent, stages.stage(0)) as (staged, _counts):
        stages.finish(0)
        kept = backup_closed_file(database, BackupReason.BEFORE_RESTORE, folder=folder, clock=clock,
                                  progress=stages.stage(1))
        stages.finish(1)
        maintenance_repo.swap_in(staged, database)
        stages.finish(2)
    return kept


def backup_closed_file(database: Path, reason: BackupReason | str, *, folder: Path,
                       clock: Clock = datetime.now, progress: Progress | None = None) -> Path | None:
    """:meth:`BackupService.backup_before` for a database nobody has open (nothing is removed)."""
    if not database.is_file() or database.stat().st_size == 0:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise explain_os_error(exc, folder, doing="tạo thư mục sao lưu") from exc
    size = _file_size(database) + _file_size(Path(f"{database}-wal"))
    check_free_space(folder, size + maintenance_repo.SPACE_SLACK, what="sao lưu dữ liệu hiện tại")
    target, _ = backups_repo.free_name(folder, clock(), reason)
    try:
        db = open_database(database, migrate=False, full_check=True)
    except StorageError as exc:
        log.warning("Tệp hiện tại không mở được (%s); chép nguyên trạng sang %s", exc, target)
        return backups_repo.copy_raw(database, target)
    try:
        backups_repo.write_backup(db, target, progress)
    finally:
        db.close()
    return target


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
