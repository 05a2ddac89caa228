"""Opening a database file on the worker: the file filter of the dialogs and the open job.

Shared by the first-start dialog, the new-unit wizard and the database controller.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from khoi_desktop.services.app import Services
from ui.tasks import TaskControl

DATABASE_FILTER = "Cơ sở dữ liệu Khối Desktop (*.sqlite *.db);;Tất cả các tệp (*)"

Opener = Callable[[Path], Services]


def open_job(opener: Opener, path: Path) -> Callable[[TaskControl], Services | None]:
    """Open ``path`` on the worker; if the user pressed Hủy meanwhile, close it again."""
    def job(control: TaskControl) -> Services | None:
        services = opener(path)
        if control.cancelled():
            services.close()
            return None
        return services
    return job


def remove_database(target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
