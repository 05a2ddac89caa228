"""Backup file names, reasons and sizes as the clerk reads them."""

from __future__ import annotations

from datetime import datetime

import pytest

from khoi_desktop.domain.backups import (
    BackupReason,
    backup_name,
    check_reason,
    format_size,
    format_stamp,
    parse_backup_name,
    reason_label,
)


def test_name_round_trips() -> None:
    """A name made for a time and reason parses back to both."""
    created = datetime(2026, 11, 26, 14, 5, 9)
    name = backup_name(created, BackupReason.BEFORE_RESTORE)
    assert name == "khoi-20261126-140509-truoc-phuc-hoi.sqlite"
    assert parse_backup_name(name) == (created, "truoc-phuc-hoi")


@pytest.mark.parametrize("name", [
    "khoi.sqlite", "khoi-20261126-140509.sqlite", "khoi-20261326-140509-thu-cong.sqlite",
    "khoi-20261126-140509-thu-cong.sqlite.dang-ghi", "khac-20261126-140509-thu-cong.sqlite",
    "khoi-20261126-140509-Thu-Cong.sqlite",
])
def test_other_files_are_not_backups(name: str) -> None:
    """Files that do not follow the pattern (or hold an impossible date) are ignored."""
    assert parse_backup_name(name) is None


@pytest.mark.parametrize("reason", ["", "Thủ công", "a b", "../x", "-x", "x-"])
def test_reasons_must_fit_a_file_name(reason: str) -> None:
    """Reasons are lowercase ASCII words joined by hyphens."""
    with pytest.raises(ValueError):
        check_reason(reason)


def test_every_reason_has_a_vietnamese_label() -> None:
    """Completeness: every known reason has a label; unknown ones are shown readably."""
    for reason in BackupReason:
        assert reason.label and reason_label(reason.value) == reason.label
    assert reason_label("nhap-tay") == "nhap tay"


@pytest.mark.parametrize(("size", "text"), [
    (0, "0 byte"), (820, "820 byte"), (1024, "1 KB"), (12 * 1024 + 300, "12 KB"),
    (1024 * 1024, "1 MB"), (int(1.5 * 1024 * 1024), "1,5 MB"), (int(23.46 * 1024 * 1024), "23,5 MB"),
    (2 * 1024**3, "2 GB"), (1536 * 1024**3, "1.536 GB"),
])
def test_sizes_read_the_vietnamese_way(size: int, text: str) -> None:
    """Sizes use a decimal comma and drop a trailing ',0'."""
    assert format_size(size) == text


def test_stamp_is_day_month_year() -> None:
    """Backup times show as dd/MM/yyyy HH:mm."""
    assert format_stamp(datetime(2026, 2, 5, 7, 3)) == "05/02/2026 07:03"
