"""Deterministic demo databases: one unit (~60 people) or a whole bloc (~10,000 people).

The data is built in memory from the seed alone (no wall clock), written into a
temporary file beside the target with fast bulk inserts, and renamed into place only
when complete, so a cancelled or failed run leaves nothing half-written.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from khoi_desktop.domain.errors import StorageError, UserFacingError, ValidationError
from khoi_desktop.durable import explain_os_error, finalise
from khoi_desktop.services.demo import meetings as demo_meetings
from khoi_desktop.services.demo import orgs as demo_orgs
from khoi_desktop.services.demo import oversight as demo_oversight
from khoi_desktop.services.demo import people as demo_people
from khoi_desktop.services.demo import posts as demo_posts
from khoi_desktop.services.demo import yearly as demo_yearly
from khoi_desktop.services.demo.model import DEMO_TODAY, Org, World, stamp
from khoi_desktop.services.demo.people_rows import people_rows
from khoi_desktop.services.demo.rows import Rows
from khoi_desktop.storage import bulk_repo
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.database import open_database
from khoi_desktop.storage.maintenance_repo import fold_wal

SCALES: dict[str, int] = {"unit": 60, "bloc": 10_000}  # scale → number of people
_SIDE_FILES = ("-wal", "-shm", "-journal")


class DemoCancelled(UserFacingError):
    """The user stopped the generation; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Đã hủy tạo dữ liệu mẫu.")


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    scale: str
    organizations: int
    people: int
    meetings: int
    attendance: int
    seconds: float


def generate_demo(
    path: Path,
    scale: str = "unit",
    seed: int = 2018,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    overwrite: bool = False,
) -> DemoSummary:
    """Write a demo database of ``scale`` ('unit' or 'bloc') to ``path``; same seed, same data."""
    started = time.perf_counter()
    path = Path(path)
    if scale not in SCALES:
        raise ValidationError("scale", f"Không có quy mô “{scale}”: chọn “unit” (một đơn vị) hoặc “bloc” (cả Khối).")
    _refuse_existing(path, overwrite)
    temp = path.with_name(path.name + ".dang-tao")
    _remove(temp, main=True)
    try:
        counts = _write(temp, World(scale, seed), _Steps(progress, cancelled))
        _move_into_place(temp, path)
    except BaseException:
        _remove(temp, main=True)
        raise
    return DemoSummary(path, scale, counts["organizations"], counts["people"], counts["meetings"],
                       counts["attendance"], round(time.perf_counter() - started, 3))


def _refuse_existing(path: Path, overwrite: bool) -> None:
    if path.is_dir():
        raise ValidationError("path", f"“{path}” là một thư mục; hãy chọn tên tệp cho dữ liệu mẫu.")
    if path.exists() and path.stat().st_size > 0 and not overwrite:
        raise ValidationError(
            "path", f"Tệp “{path.name}” đã có dữ liệu. Hãy chọn tên tệp khác, hoặc chọn ghi đè nếu muốn thay thế nó."
        )


def _move_into_place(temp: Path, path: Path) -> None:
    try:
        fold_wal(path)  # an old file's WAL must never be replayed into the new one
        finalise(temp, path)  # flushed, then atomic: the old file or the complete new one
    except OSError as exc:
        raise explain_os_error(exc, path, doing="ghi dữ liệu mẫu vào") from exc


def _remove(path: Path, *, main: bool) -> None:
    for suffix in ("", *_SIDE_FILES) if main else _SIDE_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@dataclass
class _Steps:
    """Progress reporting and cancellation between the steps of the generation."""

    progress: Callable[[int, int], None] | None
    cancelled: Callable[[], bool] | None
    total: int = 1
    done: int = 0

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise DemoCancelled()

    def advance(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)


def _write(temp: Path, world: World, steps: _Steps) -> Counter[str]:
    db = open_database(temp)
    try:
        with bulk_repo.loading_mode(db):
            counts = _fill(db, world, steps)
        broken = bulk_repo.foreign_key_violations(db)
        if broken:  # a generator bug: never rename such a file into place
            raise StorageError(f"Dữ liệu mẫu sinh ra bị lệch khóa ngoại (ví dụ {broken[0]}); hãy báo lỗi này.")
        steps.advance()  # the indexes are rebuilt on leaving the loading mode: the last tick
    finally:
        db.close()
    return counts


def _fill(db: Database, world: World, steps: _Steps) -> Counter[str]:
    """Build the world, then write it piece by piece: one transaction and one progress tick each."""
    steps.check()
    build_world(world)
    pieces = _pieces(world)
    steps.total = len(pieces) + 2
    steps.advance()
    counts: Counter[str] = Counter()
    for piece in pieces:
        steps.check()
        rows = Rows()
        piece(rows)
        bulk_repo.insert_batch(db, rows.tables())
        counts.update({table: len(table_rows) for table, _columns, table_rows in rows.tables()})
        steps.advance()
    return counts


def build_world(world: World) -> None:
    """Organisations, people, jobs, status changes, cards and party committees, in memory."""
    demo_orgs.build_orgs(world, SCALES[world.scale])
    for org in world.branch_orgs():
        demo_people.build_people(world, org)
    demo_people.ensure_probationary(world)
    demo_posts.assign_jobs(world)
    demo_people.assign_status_changes(world)
    for person in world.people:
        person.freeze()
    demo_people.assign_cards(world)
    demo_posts.assign_party_posts(world)


def _pieces(world: World) -> list[Callable[[Rows], None]]:
    """The writing steps, parents before children; each org's meetings are one step."""
    pieces: list[Callable[[Rows], None]] = [
        lambda rows: (demo_orgs.org_rows(world, rows), demo_orgs.year_plan_rows(world, rows)),
        lambda rows: people_rows(world, rows),
    ]
    for org in world.orgs:
        if org.holds_branch_meetings or org.is_base:
            pieces.append(lambda rows, org=org: demo_meetings.meeting_rows(world, org, rows))
    for base in world.base_orgs():
        pieces.append(lambda rows, base=base: _yearly(world, base, rows))
    pieces.append(lambda rows: _bloc(world, rows))
    return pieces


def _yearly(world: World, base: Org, rows: Rows) -> None:
    demo_yearly.yearly_rows(world, base, rows)
    demo_oversight.base_inspection_rows(world, base, rows)
    demo_oversight.outreach_rows(world, base, rows)
    demo_oversight.exemplar_rows(world, base, rows)


def _bloc(world: World, rows: Rows) -> None:
    demo_oversight.bloc_inspection_rows(world, rows)
    demo_oversight.outreach_rows(world, world.root, rows)
    details = json.dumps({"scale": world.scale, "seed": world.seed}, ensure_ascii=False, sort_keys=True)
    rows.add("audit_log", (world.next_id("audit_log"), stamp(DEMO_TODAY), "", "demo", "database", None,
                           "Tạo dữ liệu mẫu", details))
