"""Backup files as plain records: their names, why they were made, how big they are.

A backup is ``khoi-YYYYmmdd-HHMMSS-<lý do>.sqlite``; everything the list shows except the
counts is read from the name and the file size, so listing never opens the live database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from khoi_desktop.domain.vntext import format_number

PREFIX = "khoi"
SUFFIX = ".sqlite"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(rf"^{PREFIX}-(\d{{8}}-\d{{6}})-([a-z0-9]+(?:-[a-z0-9]+)*){re.escape(SUFFIX)}$")
_REASON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class BackupReason(StrEnum):
    """Why a backup was made; the value is the last part of the file name."""

    START = "khoi-dong"
    PERIODIC = "dinh-ky"
    EXIT = "dong-ung-dung"
    MANUAL = "thu-cong"
    BEFORE_RESTORE = "truoc-phuc-hoi"
    BEFORE_IMPORT = "truoc-nhap-goi"
    BEFORE_UPGRADE = "truoc-nang-cap"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    BackupReason.START: "Tự động khi mở ứng dụng",
    BackupReason.PERIODIC: "Tự động trong khi làm việc",
    BackupReason.EXIT: "Tự động khi đóng ứng dụng",
    BackupReason.MANUAL: "Sao lưu thủ công",
    BackupReason.BEFORE_RESTORE: "Trước khi phục hồi",
    BackupReason.BEFORE_IMPORT: "Trước khi nhập gói dữ liệu",
    BackupReason.BEFORE_UPGRADE: "Trước khi nâng cấp",
}


def reason_label(reason: str) -> str:
    """The Vietnamese label of a known reason; an unknown one is shown as written."""
    try:
        return BackupReason(reason).label
    except ValueError:
        return reason.replace("-", " ")


def check_reason(reason: str) -> str:
    """A reason must fit in a file name: lowercase ASCII words joined by hyphens."""
    text = str(reason)
    if not _REASON.match(text):
        raise ValueError(f"lý do sao lưu không hợp lệ cho tên tệp: {text!r}")
    return text


def backup_name(created: datetime, reason: str) -> str:
    return f"{PREFIX}-{created.strftime(STAMP_FORMAT)}-{check_reason(reason)}{SUFFIX}"


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """(time, reason) from a backup's file name; None for any other file."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        created = datetime.strptime(match.group(1), STAMP_FORMAT)
    except ValueError:
        return None
    return created, match.group(2)


@dataclass(frozen=True)
class BackupFile:
    """A backup found in the folder, known from its name and size only."""

    path: Path
    created: datetime
    reason: str
    size: int


@dataclass(frozen=True)
class BackupInfo:
    """One row of the backup list; counts are None when the file cannot be read."""

    path: Path
    created: datetime
    reason: str
    size: int
    people: int | None
    meetings: int | None

    @property
    def reason_label(self) -> str:
        return reason_label(self.reason)


def format_size(size: int) -> str:
    """'820 byte', '12 KB', '1,5 MB', '2 GB' — comma decimals, trailing ',0' dropped."""
    if size < 1024:
        return f"{format_number(size)} byte"
    for unit, factor in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        if size < factor * 1024 or unit == "GB":
            value = size / factor
            decimals = 0 if unit == "KB" else 1
            text = format_number(value, decimals)
            return f"{text.removesuffix(',0')} {unit}"
    raise AssertionError("unreachable")


def format_stamp(created: datetime) -> str:
    """'26/11/2026 14:30' as in the backup list."""
    return created.strftime("%d/%m/%Y %H:%M")
