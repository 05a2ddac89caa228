"""Crash safety of the whole-file commands: kill them mid-way, the result is all or nothing.

Run as a script (``python bench/crash_ops.py KIND DATABASE FOLDER``) it is the *worker*: it
prints ``READY``, runs one command the way a clerk or a script would (``import-members``,
``restore``, ``import-package``, ``demo --overwrite``, ``backup --out``, a backup into the
backup folder), prints ``C`` once the command has reported success, then idles until
killed. Kind ``open-edit`` instead adds a person inside a transaction, prints ``U`` and
stays inside the transaction: that edit was never committed and must never be found.

Imported, it is the harness used by ``bench/crash_stress.py`` and the tests: the files of
the scenario are made once (:func:`prepare`), each trial copies the same starting database,
kills the worker at a random moment and compares the database with the fingerprints of
"before" and "after": anything else is *partial*; "before" after a ``C`` is *lost*.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve()
KINDS = ("import", "restore", "package", "demo", "backup-out", "backup", "open-edit")
ORG = "3"  # Chi bộ Văn phòng Sở in the unit demo
PACKAGE_ORG = "2"  # the unit demo's base committee: its package, paired with the same unit (issue 12)
LIST_ROWS = 300
UNCOMMITTED = "CHUA-LUU"


# ---------------------------------------------------------------------------
# The worker (child process)


def work(kind: str, database: Path, folder: Path) -> None:
    from khoi_desktop.cli.main import main

    print("READY", flush=True)
    if kind == "open-edit":
        _open_edit(database)
        return
    args = {
        "import": ["import-members", str(folder / "danh-sach.xlsx"), "--org", ORG],
        "restore": ["restore", str(folder / "nguon-phuc-hoi.sqlite")],
        "package": ["import-package", str(folder / "goi.zip"), "--as", PACKAGE_ORG],
        "demo": ["demo", "--overwrite", "--seed", "13"],
        "backup-out": ["backup", "--out", str(folder / "ban-sao.sqlite")],
    }.get(kind)
    if args is None:  # "backup": the window's backup into the backup folder
        _backup_into_folder(database, folder / "sao-luu")
    elif main([*args, "--db", str(database)]) != 0:
        raise SystemExit(f"{kind} failed")
    print("C", flush=True)
    time.sleep(3600)


def _open_edit(database: Path) -> None:
    from khoi_desktop.domain.models import PersonInput
    from khoi_desktop.services.app import Services

    services = Services.open_for_writing(database)
    with services.db.atomic():
        services.people.create(PersonInput(full_name="Chưa Lưu", organization_id=int(ORG), note=UNCOMMITTED))
        print("U", flush=True)
        time.sleep(3600)


def _backup_into_folder(database: Path, folder: Path) -> None:
    from khoi_desktop.domain.backups import BackupReason
    from khoi_desktop.services.app import Services
    from khoi_desktop.services.backups import BackupService

    services = Services.open_for_writing(database)
    try:
        BackupService(services.db, database, folder=folder).backup_before(BackupReason.MANUAL)
    finally:
        services.close()


# ---------------------------------------------------------------------------
# The harness


def fingerprint(database: Path) -> str:
    """Row counts of every table and the people's names and notes (timestamps left out)."""
    conn = sqlite3.connect(f"file:{database.as_posix()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        digest = hashlib.sha256()
        for table in tables:
            digest.update(f"{table}:{conn.execute(f'SELECT count(*) FROM [{table}]').fetchone()[0]};".encode())
        for row in conn.execute("SELECT id, full_name, note FROM people ORDER BY id"):
            digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


@dataclass
class Scenario:
    folder: Path
    before: str
    after: dict[str, str]


def prepare(folder: Path) -> Scenario:
    """The starting database, the list, the restore source, the package and the expected results."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = os.environ.get("KHOI_DATA_DIR")
    os.environ["KHOI_DATA_DIR"] = str(folder / "du-lieu")  # backups made by the commands go here
    try:
        return _prepare(folder)
    finally:
        if saved is None:
            os.environ.pop("KHOI_DATA_DIR", None)
        else:
            os.environ["KHOI_DATA_DIR"] = saved


def _prepare(folder: Path) -> Scenario:
    from khoi_desktop.cli.main import main

    base = folder / "goc.sqlite"
    for seed, path in ((11, base), (12, folder / "nguon-phuc-hoi.sqlite"), (13, folder / "mau-13.sqlite")):
        if not path.exists():
            _run_main(main, ["demo", "--seed", str(seed), "--db", str(path)])
    _write_list(folder / "danh-sach.xlsx")
    if not (folder / "goi.zip").exists():
        _run_main(main, ["export-package", "--org", PACKAGE_ORG, "--year", "2025", "--out", str(folder / "goi.zip"),
                         "--db", str(folder / "nguon-phuc-hoi.sqlite")])
    after = {"restore": fingerprint(folder / "nguon-phuc-hoi.sqlite"), "demo": fingerprint(folder / "mau-13.sqlite")}
    for kind, args in (("import", ["import-members", str(folder / "danh-sach.xlsx"), "--org", ORG]),
                       ("package", ["import-package", str(folder / "goi.zip"), "--as", PACKAGE_ORG])):
        trial = folder / f"thu-{kind}.sqlite"
        shutil.copyfile(base, trial)
        _run_main(main, [*args, "--db", str(trial)])
        after[kind] = fingerprint(trial)
    return Scenario(folder, fingerprint(base), after)


def _run_main(main: object, args: list[str]) -> None:
    if main(args) != 0:  # type: ignore[operator]
        raise RuntimeError(f"setup command failed: {args}")


def _write_list(target: Path) -> None:
    from datetime import date

    from khoi_desktop.interchange.people_export import PersonRow, export_people

    if target.exists():
        return
    given = ("An", "Bình", "Chi", "Dung", "Giang", "Hà", "Hoa", "Lan", "Mai", "Nga", "Oanh", "Phương")
    middle = ("Thị", "Thu", "Minh", "Ngọc", "Hồng", "Thanh", "Kim", "Bích", "Diệu", "Lệ")
    people = [PersonRow(full_name=f"Đặng {middle[n // 12 % 10]} {given[n % 12]} {'ABCDE'[n // 120]}", birth_date=date(1970, 1, 1 + n % 28),
                        gender="Nữ", status="Đảng viên chính thức") for n in range(LIST_ROWS)]
    export_people(target, people, organization_name="Chi bộ Văn phòng Sở", exported_on=date(2026, 1, 1))


@dataclass
class OpTrial:
    kind: str
    corrupt: bool
    partial: bool
    lost: bool
    uncommitted: bool
    reported: bool
    error: str = ""


def kill_op(scenario: Scenario, kind: str, rng: random.Random, max_delay_s: float = 1.5) -> OpTrial:
    """One worker of ``kind`` over a fresh copy of the start, killed at a random moment."""
    folder = scenario.folder
    database = folder / "dang-dung.sqlite"
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm"), folder / "ban-sao.sqlite"):
        path.unlink(missing_ok=True)
    shutil.copyfile(folder / "goc.sqlite", database)
    lines, error = _run_worker(kind, database, folder, rng.uniform(0.0, max_delay_s))
    reported = "C" in lines
    corrupt, state = _inspect(database)
    uncommitted = not corrupt and _has_uncommitted(database)
    expected = {scenario.before, scenario.after.get(kind, scenario.before)}
    partial = not corrupt and state not in expected
    lost = not corrupt and reported and state != scenario.after.get(kind, scenario.before)
    if kind == "backup-out":
        partial = partial or not _whole_or_absent(folder / "ban-sao.sqlite", scenario.before)
        lost = lost or (reported and not (folder / "ban-sao.sqlite").exists())
    if kind in ("backup", "package"):
        partial = partial or bool(_bad_backups(folder))
    return OpTrial(kind, corrupt, partial, lost, uncommitted, reported, error)


def _run_worker(kind: str, database: Path, folder: Path, delay: float) -> tuple[list[str], str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", KHOI_DATA_DIR=str(folder / "du-lieu"))
    process = subprocess.Popen([sys.executable, str(WORKER), kind, str(database), str(folder)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    ready = threading.Event()
    chunks: list[bytes] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            chunks.append(line)
            if line.strip() == b"READY":
                ready.set()
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    ready.wait(60)
    time.sleep(delay)
    exited = process.poll() is not None
    process.kill()
    process.wait()
    reader.join()
    error = process.stderr.read().decode("utf-8", "replace") if process.stderr and exited else ""
    return [chunk.decode("utf-8", "replace").strip() for chunk in chunks], error


def _inspect(database: Path) -> tuple[bool, str]:
    from khoi_desktop.domain.errors import StorageError
    from khoi_desktop.storage.database import open_database

    try:
        db = open_database(database, migrate=False, full_check=True)
    except StorageError:
        return True, ""
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return True, ""
    finally:
        db.close()
    return False, fingerprint(database)


def _has_uncommitted(database: Path) -> bool:
    conn = sqlite3.connect(f"file:{database.as_posix()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM people WHERE note = ?", [UNCOMMITTED]).fetchone()[0] > 0
    finally:
        conn.close()


def _whole_or_absent(path: Path, expected: str) -> bool:
    if not path.exists():
        return True
    try:
        return fingerprint(path) == expected
    except sqlite3.DatabaseError:
        return False


def _bad_backups(folder: Path) -> list[str]:
    from bench.crash_writer import bad_backups

    bad: list[str] = []
    for where in (folder / "sao-luu", *(folder / "du-lieu" / "sao-luu").glob("*")):
        bad.extend(bad_backups(where))
    return bad


if __name__ == "__main__":
    work(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
