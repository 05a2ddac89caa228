"""The operations the power-loss simulation cuts (see bench/power_loss.py).

Each scenario: ``setup(root)`` makes committed data (closed, so it is on the disk),
``run(root)`` does the operation as the command line does, ``verify(rebuilt)`` returns a
problem or None. The rule checked everywhere: the committed people are still somewhere
whole — in the database, or (after a restore or a demo over it) in a backup — and no file
under a final name is half-written.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

from khoi_desktop.cli.main import main

PEOPLE = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")
OTHER = ("Phạm Thị Dung", "Hoàng Văn Em")


def _database(path: Path, names: tuple[str, ...]) -> None:
    from khoi_desktop.services.app import Services
    from tests.conftest import add_branch_with_people

    path.parent.mkdir(parents=True, exist_ok=True)
    services = Services.open(path)
    add_branch_with_people(services, list(names))
    services.close()


def _names(path: Path) -> tuple[str, ...] | None:
    """The people of a whole database file, or None when it is missing, empty or damaged."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return None
            return tuple(sorted(row[0] for row in conn.execute("SELECT full_name FROM people")))
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def _setup_one(root: Path) -> None:
    _database(root / "khoi.sqlite", PEOPLE)


def _setup_two(root: Path) -> None:
    _database(root / "khoi.sqlite", PEOPLE)
    _database(root / "usb" / "ban-sao.sqlite", OTHER)


def _cli(*args: str) -> Callable[[Path], None]:
    def run(root: Path) -> None:
        main([*(a.replace("ROOT", str(root)) for a in args)])
    return run


def _database_kept(root: Path) -> str | None:
    return None if _names(root / "khoi.sqlite") == tuple(sorted(PEOPLE)) else "database lost"


def _backup_out(root: Path) -> str | None:
    out = root / "ra" / "ban-sao.sqlite"
    if out.exists() and _names(out) != tuple(sorted(PEOPLE)):
        return "half-written backup --out"
    return _database_kept(root)


def _restored(root: Path) -> str | None:
    current = _names(root / "khoi.sqlite")
    kept = [_names(path) for path in (root / "du-lieu").rglob("*.sqlite")]
    if current == tuple(sorted(PEOPLE)):
        return None
    if current == tuple(sorted(OTHER)) and tuple(sorted(PEOPLE)) in kept:
        return None
    return f"database holds {current}, backups {kept}"


def _demo_over(root: Path) -> str | None:
    current = _names(root / "khoi.sqlite")
    if current == tuple(sorted(PEOPLE)) or (current is not None and len(current) > 20):
        return None
    return f"database holds {current}"


def _backups_whole(root: Path) -> str | None:
    broken = [p.name for p in (root / "du-lieu").rglob("khoi-*.sqlite") if _names(p) != tuple(sorted(PEOPLE))]
    return f"half-written backups {broken}" if broken else _database_kept(root)


def _export_whole(root: Path) -> str | None:
    out = root / "ra" / "danh-sach.xlsx"
    if out.exists():
        try:
            with zipfile.ZipFile(out) as archive:
                if archive.testzip() is not None:
                    return "half-written export"
        except zipfile.BadZipFile:
            return "half-written export"
    return _database_kept(root)


def _mkdir_then(run: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup_and_run(root: Path) -> None:
        (root / "ra").mkdir(exist_ok=True)
        run(root)
    return setup_and_run


def _backup_into_folder(root: Path) -> None:
    from khoi_desktop.services.app import Services
    from khoi_desktop.services.backups import BackupService

    services = Services.open_for_writing(root / "khoi.sqlite")
    try:
        BackupService(services.db, services.path, folder=root / "du-lieu" / "sao-luu").backup_now()
    finally:
        services.close()


def _restore(root: Path) -> None:
    from khoi_desktop.services.backups import restore_backup

    restore_backup(root / "usb" / "ban-sao.sqlite", root / "khoi.sqlite", folder=root / "du-lieu" / "sao-luu")


SCENARIOS = [
    ("backup --out", _setup_one, _mkdir_then(_cli("backup", "--db", "ROOT/khoi.sqlite", "--out", "ROOT/ra/ban-sao.sqlite")),
     _backup_out),
    ("backup into the backup folder", _setup_one, _backup_into_folder, _backups_whole),
    ("restore", _setup_two, _restore, _restored),
    ("demo --overwrite", _setup_one, _cli("demo", "--overwrite", "--db", "ROOT/khoi.sqlite"), _demo_over),
    ("export-members", _setup_one, _mkdir_then(_cli("export-members", "--db", "ROOT/khoi.sqlite", "--out",
                                                    "ROOT/ra/danh-sach.xlsx")), _export_whole),
]
