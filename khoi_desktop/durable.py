"""Files that survive a crash or a power cut: write aside, flush to the disk, then rename.

Every file the app finalises (the database swapped in by a restore, backups, exported
documents and packages) goes temporary name → ``fsync`` of the file → atomic rename →
``fsync`` of the folder (where the system allows it; Windows has no folder fsync and
its renames are journalled by NTFS). Until the rename the old file is whole; after the
folder's fsync the new one is on the disk. Also here: the free-space check and the
Vietnamese sentences for the system's file errors. Pure standard library: every layer
may use it.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from khoi_desktop.domain.errors import StorageError

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_BUSY = {errno.EBUSY, getattr(errno, "ETXTBSY", errno.EBUSY)}


def fsync_file(path: Path | str) -> None:
    """Flush the file's content (and size) to the disk."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path | str) -> None:
    """Flush the folder's entries (a rename, a new name) to the disk; a no-op on Windows."""
    if os.name == "nt":
        return  # no fsync on a directory handle there; NTFS journals the rename itself
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems (network, FAT on some kernels) refuse; nothing more to do
    finally:
        os.close(descriptor)


def finalise(temporary: Path | str, target: Path | str) -> None:
    """Flush ``temporary``, rename it to ``target`` (atomically), then flush the folder."""
    fsync_file(temporary)
    os.replace(temporary, target)
    fsync_folder(Path(target).parent)


def temporary_beside(target: Path, tag: str = "tmp") -> Path:
    """A hidden name beside ``target`` (same folder: the rename stays on one drive)."""
    return target.with_name(f".{target.name}.{os.getpid()}.{tag}")


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block succeeds it becomes ``target``.

    On any failure the temporary file is removed and ``target`` is untouched.
    """
    temporary = temporary_beside(Path(target))
    try:
        yield temporary
        finalise(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes(target: Path, content: bytes) -> None:
    """``target`` gets ``content`` whole or not at all, flushed to the disk."""
    with replacing(Path(target)) as temporary:
        temporary.write_bytes(content)


def check_free_space(folder: Path, needed: int, *, what: str) -> None:
    """Refuse, in Vietnamese and before any writing, when ``folder``'s drive lacks ``needed`` bytes."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # cannot tell (some network shares): the write itself will say it
    if free < needed:
        raise StorageError(
            f"Ổ chứa “{folder}” không đủ chỗ trống để {what}: cần khoảng {size_text(needed)}, "
            f"chỉ còn {size_text(free)}. Hãy xóa bớt tệp trên ổ đó (ví dụ dọn Thùng rác) rồi thử lại; "
            "dữ liệu hiện tại không bị thay đổi."
        )


def size_text(size: int) -> str:
    """'1,5 GB', '12 MB', '800 KB' — Vietnamese decimal comma."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2)):
        if size >= scale:
            value = size / scale
            text = f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}"
            return f"{text.replace('.', ',')} {unit}"
    return f"{max(1, size // 1024)} KB"


def explain_os_error(exc: OSError, path: Path, *, doing: str) -> StorageError:
    """A Vietnamese sentence for a system file error about the user's ``path`` (never English)."""
    number = exc.errno
    if number in _FULL:
        return StorageError(f"Ổ chứa “{path.parent}” đã đầy nên không {doing} “{path.name}” được. "
                            "Hãy xóa bớt tệp trên ổ đó rồi thử lại; dữ liệu đã lưu không bị thay đổi.")
    if number in _DENIED or isinstance(exc, PermissionError):
        return StorageError(f"Không {doing} “{path}” được: tệp hoặc thư mục chỉ cho phép đọc, đang bị "
                            "chương trình khác giữ, hoặc bạn không có quyền ghi. Hãy đóng chương trình "
                            "đang mở tệp, hoặc chép tệp sang thư mục khác (ví dụ Tài liệu) rồi thử lại.")
    if number in _BUSY:
        return StorageError(f"Tệp “{path.name}” đang được một chương trình khác sử dụng; hãy đóng chương "
                            "trình đó rồi thử lại.")
    if number == errno.ENOENT:
        return StorageError(f"Không tìm thấy “{path}”.")
    if number == errno.EIO:
        return StorageError(f"Ổ đĩa báo lỗi đọc ghi khi {doing} “{path.name}”. Hãy kiểm tra ổ đĩa (hoặc USB) "
                            "và chép tệp sang ổ khác.")
    return StorageError(f"Không {doing} “{path}” được (lỗi hệ thống số {number}). Hãy thử lại hoặc chọn "
                        "thư mục khác.")
