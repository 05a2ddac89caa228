"""What every subcommand shares: the --db option, opening services, Vietnamese errors."""

from __future__ import annotations

import functools
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from khoi_desktop import paths
from khoi_desktop.domain.errors import StorageError, UserFacingError
from khoi_desktop.durable import explain_os_error

if TYPE_CHECKING:  # opening a database brings in the storage layer: only when a command runs
    from khoi_desktop.services.app import Services
    from khoi_desktop.services.session import DatabaseSession

Session = TypeVar("Session", bound="DatabaseSession")

F = TypeVar("F", bound=Callable[..., Any])


def draft_option(func: F) -> F:
    """--draft: a year not yet ended is made as a draft, every page marked "DỰ THẢO"."""
    return click.option("--draft", is_flag=True,
                        help="Lập bản dự thảo (mỗi trang in chữ “DỰ THẢO”): bắt buộc khi năm chưa kết thúc.")(func)


def db_option(func: F) -> F:
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng).",
    )(func)


def resolve_db(db_path: Path | None) -> Path:
    return db_path if db_path is not None else paths.default_database()


def open_existing(db_path: Path | None, *, writes: bool = True, full_check: bool = False) -> Services:
    """Open a database that must already exist (commands never create one), with every service.

    A command that ``writes`` holds the database's writer lock, the one the window holds,
    until it closes: refused, naming the holder, while the file is open elsewhere. A reading
    command opens the file read-only, so it works beside an open window and on a
    write-protected file.
    """
    from khoi_desktop.services.app import Services

    return _open_as(Services, db_path, writes=writes, full_check=full_check)


def open_session(db_path: Path | None, *, writes: bool = True) -> DatabaseSession:
    """Like :func:`open_existing`, the database only: for a command that builds the one service
    it calls, so its start skips importing all the others."""
    from khoi_desktop.services.session import DatabaseSession

    return _open_as(DatabaseSession, db_path, writes=writes, full_check=False)


def _open_as(kind: type[Session], db_path: Path | None, *, writes: bool, full_check: bool) -> Session:
    path = resolve_db(db_path)
    if not path.exists():
        raise StorageError(f"Không tìm thấy cơ sở dữ liệu “{path}”. Hãy tạo mới trong ứng dụng hoặc "
                           "chạy “demo” để có dữ liệu mẫu.")
    if path.is_dir():
        raise StorageError(f"“{path}” là một thư mục, không phải tệp cơ sở dữ liệu.")
    if writes:
        return kind.open_for_writing(path, full_check=full_check)
    return kind.open(path, read_only=True, full_check=full_check)


def say(text: str = "") -> None:
    click.echo(text)


def fail(message: str) -> None:
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(1)


def handles_errors(func: F) -> F:
    """Turn every failure into a Vietnamese message and exit code 1 — never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserFacingError as exc:
            fail(exc.message)
        except sqlite3.Error as exc:
            from khoi_desktop.storage.database import explain_sqlite_error  # only on a failure

            fail(explain_sqlite_error(exc, resolve_db(kwargs.get("db_path"))).message)
        except OSError as exc:
            where = Path(exc.filename) if exc.filename else resolve_db(kwargs.get("db_path"))
            fail(explain_os_error(exc, where, doing="ghi hoặc đọc").message)
        except click.exceptions.Exit:
            raise
        except KeyboardInterrupt:
            fail("đã dừng theo yêu cầu.")
        except Exception as exc:  # noqa: BLE001 - the user must never see a traceback
            fail(f"lỗi không mong đợi ({type(exc).__name__}: {exc}). Không có thay đổi nào được lưu dở.")

    return wrapper  # type: ignore[return-value]
