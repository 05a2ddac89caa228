"""The log file: ``<user data>/logs/khoi.log``, rotated at about 1 MB, five old files kept.

Both the command line and the GUI call :func:`setup_logging` once at start. The clerk never
reads the log; support staff do, so it is written in UTF-8 with times, levels and threads.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from khoi_desktop import paths

LOG_FOLDER = "logs"
LOG_NAME = "khoi.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
_MARK = "_khoi_log_handler"


def log_file(user_data_dir: Path | None = None) -> Path:
    return (user_data_dir or paths.user_data_dir()) / LOG_FOLDER / LOG_NAME


def setup_logging(user_data_dir: Path | None = None, *, level: int = logging.INFO,
                  max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT) -> Path | None:
    """Send log records to the rotating file; returns its path (None if it cannot be written).

    Calling it again replaces the earlier file handler, so there is never more than one.
    """
    close_logging()
    target = log_file(user_data_dir)
    root = logging.getLogger()
    root.setLevel(level)
    logging.captureWarnings(True)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("Không ghi được nhật ký vào %s: %s", target, exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    setattr(handler, _MARK, True)
    root.addHandler(handler)
    return target


def close_logging() -> None:
    """Detach and close the file handler set up by :func:`setup_logging` (tests, exit)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
            handler.close()
