"""Writing the clerk's files safely: check the chosen name, write beside it, then rename.

Every document the services write (minutes, study documents, sheets, year-end reports)
goes through :func:`khoi_desktop.durable.replacing`: the content is written to a hidden
temporary file in the target's folder, flushed to the disk and renamed over the target only
when complete, so a failure never leaves
a half-written file and a leftover temporary file is always removed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from khoi_desktop.domain.errors import UserFacingError, ValidationError
from khoi_desktop.durable import fsync_file, fsync_folder, replacing, temporary_beside
from khoi_desktop.interchange.write_errors import SheetWriteError


def checked_target(target: Path, what: str = "tệp PDF") -> Path:
    """``target`` as a Path, refused if it is a folder or its folder does not exist."""
    target = Path(target)
    if target.is_dir():
        raise ValidationError("target", f"“{target}” là một thư mục; hãy ghi tên {what}.")
    if not target.parent.is_dir():
        raise ValidationError("target", f"Thư mục “{target.parent}” không tồn tại.")
    return target


def checked_targets(chosen: Mapping[str, Path | None]) -> dict[str, Path]:
    """The chosen report files by kind ('pdf', 'docx', 'xlsx'): at least one, all different."""
    targets = {kind: Path(path) for kind, path in chosen.items() if path is not None}
    if not targets:
        raise ValidationError("target", "Hãy chọn ít nhất một tệp để xuất báo cáo (PDF, DOCX hoặc XLSX).")
    if len({path.resolve() for path in targets.values()}) < len(targets):
        raise ValidationError("target", "Các tệp PDF, DOCX và XLSX phải có tên khác nhau.")
    for path in targets.values():
        checked_target(path, "tệp")
    return targets


def replace_file(target: Path, content: bytes) -> None:
    """Write ``content`` beside the target, flush, then rename over it: never a half file."""
    with replacing(target) as temporary:
        temporary.write_bytes(content)


def write_all(contents: Mapping[Path, bytes]) -> None:
    """Write every file beside its target, then rename them all; on failure remove what was written."""
    temporaries = {path: temporary_beside(path) for path in contents}
    try:
        for path, content in contents.items():
            temporaries[path].write_bytes(content)
            fsync_file(temporaries[path])
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
        for folder in {path.parent for path in contents}:
            fsync_folder(folder)
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)


@contextmanager
def sheet_errors(path: Path) -> Iterator[None]:
    """A sheet that cannot be written (open in Excel, read-only folder) is said about the clerk's file."""
    try:
        yield
    except (SheetWriteError, PermissionError):
        raise UserFacingError(f"Không ghi được tệp “{path.name}”: tệp đang mở trong Excel hoặc thư mục không cho "
                              "phép ghi. Hãy đóng tệp hoặc chọn nơi lưu khác.") from None
