"""Benchmarks of issue 3, the GUI: the main window's start against a bare PySide6 window,
a search keystroke in the people model, and the app's memory with everyone loaded.

Targets: the main window shown within 5× the start of a bare PySide6 window measured in the
same run; a search keystroke under 30 ms in the model (10,000 people at bloc scale); under
300 MB with the bloc database open, every page built and all people on the people page.

A QApplication can be made once per process, so each timed window start is a fresh
interpreter (``python -m bench.cases_gui MODE FOLDER``, offscreen): the time runs from
spawning it to the line it prints once its window is exposed — for the main window with
every page's first data in place — and its peak memory is the one it reports. The database
is a copy in a temporary folder (opening writes WAL files and may make a start-up backup);
one untimed start makes that day's backup and warms the caches, as on a clerk's second start.

This module is also the child's entry point, so it imports nothing from PySide6 or the app
at module level: the bare window's start stays bare, and other cases' memory stays theirs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # started as ``python -m bench.cases_gui`` from elsewhere
    sys.path.insert(0, str(ROOT))

from bench.registry import BenchContext, Measured, case, ratio  # noqa: E402

MAIN_WINDOW = "main window shown"
MAIN_WITH_DATA = "main window with the first page's figures"
BARE_WINDOW = "bare PySide6 window shown"
SHOWN_MARK = "BENCH-SHOWN"
PEAK_MARK = "BENCH-PEAK "
COUNT_MARK = "BENCH-PEOPLE "
DATABASE_NAME = "khoi.sqlite"
TYPED = "nguyen van a"  # typed one key at a time into the search box


def copy_to_temp(database: Path) -> Path:
    """A new temporary folder holding a copy of ``database`` as DATABASE_NAME; the caller removes it."""
    folder = Path(tempfile.mkdtemp(prefix="khoi-bench-"))
    shutil.copyfile(database, folder / DATABASE_NAME)
    return folder


def scratch_copy(ctx: BenchContext) -> Path:
    """A temporary folder holding a copy of the demo database; removed when the case ends."""
    folder = copy_to_temp(ctx.db_path)
    ctx.on_exit(lambda: shutil.rmtree(folder, ignore_errors=True))
    return folder


# ---------------------------------------------------------------------------
# The parent side: start a child, time it to its first expose


def launch(mode: str, folder: Path) -> Measured:
    """Start ``python -m bench.cases_gui mode folder`` and time it until it prints SHOWN."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KHOI_DATA_DIR": str(folder / "data")}
    command = [sys.executable, "-m", "bench.cases_gui", mode, str(folder)]
    seconds: float | None = None
    peak: float | None = None
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:  # Qt's warnings must not fill a pipe
        started = time.perf_counter()
        with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=errors,
                              text=True, encoding="utf-8") as child:
            assert child.stdout is not None
            for line in child.stdout:
                if line.startswith(SHOWN_MARK) and seconds is None:
                    seconds = time.perf_counter() - started
                elif line.startswith(PEAK_MARK):
                    peak = float(line[len(PEAK_MARK):])
                elif line.startswith(COUNT_MARK) and int(line[len(COUNT_MARK):]) == 0:
                    raise RuntimeError("the people page showed nobody")
        errors.seek(0)
        if child.returncode != 0 or seconds is None:
            raise RuntimeError((errors.read().strip().splitlines() or [f"exit {child.returncode}"])[-1])
    return Measured(seconds, peak)


def _window_case(ctx: BenchContext, mode: str) -> Callable[[], object]:
    if mode == "bare":
        folder = Path(tempfile.mkdtemp(prefix="khoi-bench-bare-"))
        ctx.on_exit(lambda: shutil.rmtree(folder, ignore_errors=True))
    else:
        folder = scratch_copy(ctx)
    launch(mode, folder)  # warm: byte-code and file caches, the day's start-up backup
    return lambda: launch(mode, folder)


@case(BARE_WINDOW, targets={}, needs_database=False)
def bare_window(ctx: BenchContext) -> Callable[[], object]:
    """The yardstick: a fresh interpreter showing a QMainWindow with one label."""
    return _window_case(ctx, "bare")


@case(MAIN_WINDOW, targets={})
def main_window(ctx: BenchContext) -> Callable[[], object]:
    """A fresh interpreter opening (and quick-checking) a copy of the demo, showing the main window.

    Timed to the window's first expose with the database open and the pages in place; the
    first page's figures are still being counted on the worker (it shows that it is busy).
    """
    return _window_case(ctx, "main-open")


@case(MAIN_WITH_DATA, targets={})
def main_window_with_data(ctx: BenchContext) -> Callable[[], object]:
    """As above, timed until every page built at start has its data (Tổng quan's figures)."""
    return _window_case(ctx, "main")


ratio("main window / bare window ratio", MAIN_WINDOW, BARE_WINDOW, target=5.0)
ratio("main window with figures / bare window ratio", MAIN_WITH_DATA, BARE_WINDOW, target=3.0)


@case("memory: main window, every page, people page loaded", targets={}, max_repeat=3,
      memory_target_mb=300.0)
def memory_everyone_loaded(ctx: BenchContext) -> Callable[[], object]:
    """Time: spawn → people page showing everyone; memory: that app's peak after visiting every page."""
    return _window_case(ctx, "memory")


# ---------------------------------------------------------------------------
# In the runner's child: the people model alone


@case("search keystroke, people model (median)", targets={"unit": 0.030, "bloc": 0.030})
def search_keystroke(ctx: BenchContext) -> Callable[[], object]:
    """Typing "nguyen van a" key by key into the people page's search box, as the model sees it."""
    from khoi_desktop.domain.models import PeopleFilter  # noqa: PLC0415 - keep PySide6 out of other cases
    from khoi_desktop.services.app import Services  # noqa: PLC0415
    from ui.models.people_table import PeopleCriteria, PeopleTableModel  # noqa: PLC0415

    services = Services.open(scratch_copy(ctx) / DATABASE_NAME)
    ctx.on_exit(services.close)
    model = PeopleTableModel()
    model.set_rows(services.people.list(PeopleFilter(include_retired=True)))  # what PeoplePage.reload loads
    model.set_criteria(PeopleCriteria())  # the page's filters at their defaults
    texts = [TYPED[:length] for length in range(1, len(TYPED) + 1)]

    def type_it() -> Measured:
        model.set_search("")
        times = []
        for text in texts:  # the page connects textChanged straight to set_search
            started = time.perf_counter()
            model.set_search(text)
            times.append(time.perf_counter() - started)
        return Measured(statistics.median(times))

    return type_it


# ---------------------------------------------------------------------------
# The child side: ``python -m bench.cases_gui MODE FOLDER``


def _settle(app: Any, tasks: Any) -> None:
    """Until the worker is idle and no page queued another load (pages reload on a 0 ms timer)."""
    while True:
        tasks.wait_idle()
        app.processEvents()
        if not tasks.is_busy():
            return


def _wait_exposed(app: Any, window: Any) -> None:
    while window.windowHandle() is None or not window.windowHandle().isExposed():
        app.processEvents()


def _shown() -> None:
    print(SHOWN_MARK, flush=True)


def _report_peak() -> None:
    from bench.run import peak_memory_mb  # noqa: PLC0415 - after the timed part

    peak = peak_memory_mb()
    if peak is not None:
        print(f"{PEAK_MARK}{peak:.1f}", flush=True)


def show_bare() -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: PLC0415

    app = QApplication([])
    window = QMainWindow()
    window.setWindowTitle("Khối Desktop")
    window.setCentralWidget(QLabel("Khối Desktop"))
    window.resize(1200, 760)  # the main window's default size
    window.show()
    _wait_exposed(app, window)
    _shown()
    _report_peak()
    return 0


def show_main(folder: Path, *, tour: bool, settle_first: bool = True) -> int:
    """The app as ``ui.app.run`` builds it, on the copy; with ``tour``, the memory case's walk.

    ``ui.app`` comes first, as main.py imports it: the package ``ui`` switches off PySide6's
    per-import source scan before the app's modules load (ui/qt_startup.py).
    """
    from ui.app import build_window  # noqa: PLC0415  # isort: skip

    from PySide6.QtCore import QSettings  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from khoi_desktop.services.app import Services  # noqa: PLC0415
    from ui.style import apply_style  # noqa: PLC0415
    from ui.tasks import TaskRunner  # noqa: PLC0415

    app = QApplication([])
    apply_style(app)  # type: ignore[arg-type]
    tasks = TaskRunner()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(Services.open(folder / DATABASE_NAME), settings, tasks)
    window.show()
    if not settle_first:
        _wait_exposed(app, window)
        _shown()
    _settle(app, tasks)
    _wait_exposed(app, window)
    if tour:
        _people_then_every_page(app, tasks, window)
    elif settle_first:
        _shown()
    _report_peak()
    window.backup_scheduler.shutdown()  # type: ignore[attr-defined]
    window.controller.shutdown()  # type: ignore[attr-defined]
    return 0


def _people_then_every_page(app: Any, tasks: Any, window: Any) -> None:
    """Show everyone on the people page (the timed part), then visit every page once."""
    people = window.show_page("people")
    _settle(app, tasks)
    _shown()
    print(f"{COUNT_MARK}{people.model.shown_count()}", flush=True)
    for key in [*window.page_keys(), "people"]:
        window.show_page(key)
        _settle(app, tasks)


def child_main(argv: list[str]) -> int:
    mode, folder = argv[0], Path(argv[1])
    if mode == "bare":
        return show_bare()
    return show_main(folder, tour=mode == "memory", settle_first=mode != "main-open")


if __name__ == "__main__":
    code = child_main(sys.argv[1:])
    sys.stdout.flush()
    # Skip the interpreter's final garbage collection: with PySide6 6.12 on Python 3.11 it
    # aborts ("deallocating None") after a bloc-scale session — a refcount bug, reported
    # separately; the figures are printed by now and the database is closed.
    os._exit(code)
