"""Crash safety: a writer process to kill, and the harness that kills it and checks the file.

Run as a script (``python bench/crash_writer.py DB SEED BACKUPS``) it is the *writer*: it
opens the database through the services and, forever, creates or edits people. Before each
commit it prints ``W <id|new> <value>``; after the commit has returned it prints
``C <id> <value>`` and flushes. Every 25 edits it also makes a backup and prunes old ones
(``B <name>``).

Imported, it is the *harness* used by ``tests/core/test_crash_safety.py`` and
``bench/crash_stress.py``: start the writer, kill it at a random moment (SIGKILL; on
Windows TerminateProcess), then check that the database opens, passes integrity_check and
holds every value reported as committed. Only the single edit in flight at the kill (a
``W`` line without its ``C``) may be either old or new.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRITER = Path(__file__).resolve()
READY = "READY"
BACKUP_EVERY = 25
START_TIMEOUT_S = 120.0  # a ceiling, not a delay: the waits end as soon as the writer reports
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em")


# ---------------------------------------------------------------------------
# The writer (child process)


def write_forever(database: Path, seed: int, backups: Path) -> None:
    """Commit edits one after another until killed, reporting each after its commit."""
    from khoi_desktop.domain.backups import BackupReason
    from khoi_desktop.services.app import Services
    from khoi_desktop.services.backups import BackupService

    services = Services.open(database)
    backup_service = BackupService(services.db, database, folder=backups)
    organization = _organization(services)
    ids = [row.id for row in services.people.list()]
    rng = random.Random(seed)
    print(READY, flush=True)
    for step in range(10**9):
        value = f"s{seed}-{step}"
        if not ids or rng.random() < 0.4:
            ids.append(_create(services, organization, value, rng))
        else:
            _update(services, rng.choice(ids), value)
        if step % BACKUP_EVERY == BACKUP_EVERY - 1:
            info = backup_service.backup_before(BackupReason.PERIODIC)  # backs up, then prunes
            print(f"B {info.path.name}", flush=True)


def _organization(services: object) -> int:
    from khoi_desktop.domain.enums import OrgKind
    from khoi_desktop.domain.models import OrganizationInput

    roots = services.organizations.roots()  # type: ignore[attr-defined]
    if roots:
        return roots[0].id
    changes = services.organizations.create(  # type: ignore[attr-defined]
        OrganizationInput(name="Chi bộ Kiểm thử", kind=OrgKind.BASE_BRANCH))
    return changes.ids[0]


def _create(services: object, organization: int, value: str, rng: random.Random) -> int:
    from khoi_desktop.domain.models import PersonInput

    print(f"W new {value}", flush=True)
    saved = services.people.create(PersonInput(  # type: ignore[attr-defined]
        full_name=rng.choice(NAMES), organization_id=organization, note=value))
    print(f"C {saved.person_id} {value}", flush=True)
    return saved.person_id


def _update(services: object, person_id: int, value: str) -> None:
    person = services.people.get(person_id)  # type: ignore[attr-defined]
    print(f"W {person_id} {value}", flush=True)
    services.people.update(person_id, replace(person.to_input(), note=value))  # type: ignore[attr-defined]
    print(f"C {person_id} {value}", flush=True)


# ---------------------------------------------------------------------------
# The harness (parent process)


@dataclass
class Ledger:
    """What the writer reported as committed, across all its runs."""

    committed: dict[int, str] = field(default_factory=dict)
    commits: int = 0
    reported_backups: list[str] = field(default_factory=list)

    def absorb(self, lines: list[str]) -> tuple[str, str] | None:
        """Take one run's output; returns the edit in flight at the kill, if any."""
        pending: tuple[str, str] | None = None
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "W":
                target, _, value = rest.partition(" ")
                pending = (target, value)
            elif kind == "C":
                person, _, value = rest.partition(" ")
                self.committed[int(person)] = value
                self.commits += 1
                pending = None
            elif kind == "B":
                self.reported_backups.append(rest)
        return pending

    def lost(self, actual: dict[int, str], pending: tuple[str, str] | None) -> list[int]:
        """Ids whose reported value is missing; the in-flight edit may be either value."""
        missing = []
        for person, value in self.committed.items():
            found = actual.get(person)
            in_flight = pending is not None and pending == (str(person), found)
            if found == value:
                continue
            if in_flight:
                self.committed[person] = found  # the edit made it to disk before the kill
                continue
            missing.append(person)
        return missing


@dataclass
class Trial:
    opened: bool
    integrity: str
    lost: list[int]
    committed: int
    bad_backups: list[str]
    writer_error: str = ""


def run_writer(database: Path, backups: Path, seed: int, kill_after_s: float,
               *, wait_ready: bool = True, after_backup: bool = False) -> tuple[list[str], str]:
    """Start the writer, let it work ``kill_after_s`` seconds after it is ready, kill it.

    With ``wait_ready=False`` the delay counts from the start, so the kill may land while
    the file is being opened, checked or migrated. With ``after_backup`` it counts from the
    writer's first backup, so that run has committed edits and made a backup however slow
    the machine is.

    Returns its complete output lines and its error output (empty when all went well).
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    command = [sys.executable, str(WRITER), str(database), str(seed), str(backups)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    chunks: list[bytes] = []
    ready, backed_up = threading.Event(), threading.Event()
    reader = threading.Thread(target=_read, args=(process, chunks, ready, backed_up), daemon=True)
    reader.start()
    if wait_ready:
        ready.wait(START_TIMEOUT_S)
    if after_backup:
        backed_up.wait(START_TIMEOUT_S * 4)
    time.sleep(kill_after_s)
    exited_early = process.poll() is not None
    process.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
    process.wait()
    reader.join()
    error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    text = b"".join(chunks).decode("utf-8", "replace")
    lines = text.split("\n")[:-1]  # the last piece is cut short (or empty)
    return lines, error if exited_early else ""


def _read(process: subprocess.Popen[bytes], chunks: list[bytes], ready: threading.Event,
          backed_up: threading.Event) -> None:
    assert process.stdout is not None
    while True:
        chunk = process.stdout.read1(65536)
        if not chunk:
            ready.set()
            backed_up.set()
            return
        chunks.append(chunk)
        if not ready.is_set() and READY.encode() in b"".join(chunks):
            ready.set()
        if not backed_up.is_set() and b"\nB " in b"".join(chunks):
            backed_up.set()


def inspect(database: Path) -> tuple[bool, str, dict[int, str]]:
    """(opened, integrity_check result, note of every person) through the app's own opener."""
    from khoi_desktop.domain.errors import StorageError
    from khoi_desktop.storage.database import open_database

    if not database.exists():
        return True, "ok", {}
    try:
        db = open_database(database)
    except StorageError as exc:
        return False, str(exc), {}
    try:
        integrity = "; ".join(row[0] for row in db.execute("PRAGMA integrity_check").fetchall())
        actual = {int(row[0]): str(row[1]) for row in db.execute("SELECT id, note FROM people")}
    finally:
        db.close()
    return True, integrity, actual


def bad_backups(folder: Path) -> list[str]:
    """Backups in the list that fail integrity_check (a killed backup must never look whole)."""
    from khoi_desktop.storage.backups_repo import scan

    bad = []
    for item in scan(folder):
        conn = sqlite3.connect(f"file:{item.path.as_posix()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                bad.append(item.path.name)
        except sqlite3.DatabaseError:
            bad.append(item.path.name)
        finally:
            conn.close()
    return bad


def kill_once(database: Path, backups: Path, ledger: Ledger, rng: random.Random,
              max_delay_s: float = 0.25, *, after_backup: bool = False) -> Trial:
    """One run of the writer killed at a random moment, then the checks.

    One kill in ten lands during start-up (opening, checking, migrating the file), unless
    ``after_backup`` asks for a kill after the writer's first backup.
    """
    early = not after_backup and rng.random() < 0.1
    delay = rng.uniform(0.0, 0.6 if early else max_delay_s)
    lines, error = run_writer(database, backups, rng.randrange(10**6), delay, wait_ready=not early,
                              after_backup=after_backup)
    pending = ledger.absorb(lines)
    opened, integrity, actual = inspect(database)
    lost = ledger.lost(actual, pending) if opened else sorted(ledger.committed)
    return Trial(opened, integrity, lost, len(ledger.committed), bad_backups(backups), error)


if __name__ == "__main__":
    write_forever(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
