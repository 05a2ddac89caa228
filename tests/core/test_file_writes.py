"""The shared 'check the name, write beside it, then rename' helpers every document export uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from khoi_desktop.domain.errors import UserFacingError, ValidationError
from khoi_desktop.interchange.xlsx_writer import SheetWriteError
from khoi_desktop.services.file_writes import (
    checked_target,
    checked_targets,
    replace_file,
    replacing,
    sheet_errors,
    write_all,
)


def _folder(tmp_path: Path) -> Path:
    """A folder of its own (the test set-up keeps user data in ``tmp_path``)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_replace_file_overwrites_and_leaves_only_the_target(tmp_path: Path) -> None:
    tmp_path = _folder(tmp_path)
    target = tmp_path / "bien-ban.pdf"
    target.write_bytes(b"old")
    replace_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["bien-ban.pdf"]


def test_a_failed_write_keeps_the_old_file_whole_and_removes_the_temporary(tmp_path: Path) -> None:
    tmp_path = _folder(tmp_path)
    target = tmp_path / "tong-hop.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["tong-hop.xlsx"]


def test_write_all_renames_nothing_when_one_file_cannot_be_written(tmp_path: Path) -> None:
    tmp_path = _folder(tmp_path)
    good, bad = tmp_path / "bc.pdf", tmp_path / "gone" / "bc.docx"
    with pytest.raises(OSError):
        write_all({good: b"pdf", bad: b"docx"})
    assert list(tmp_path.iterdir()) == []
    write_all({good: b"pdf", tmp_path / "bc.xlsx": b"xlsx"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bc.pdf", "bc.xlsx"]
    assert good.read_bytes() == b"pdf"


def test_checked_target_refuses_a_folder_or_a_missing_folder(tmp_path: Path) -> None:
    assert checked_target(str(tmp_path / "a.pdf")) == tmp_path / "a.pdf"  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="là một thư mục; hãy ghi tên tệp .zip"):
        checked_target(tmp_path, "tệp .zip")
    with pytest.raises(ValidationError, match="không tồn tại"):
        checked_target(tmp_path / "missing" / "a.pdf")


def test_checked_targets_needs_one_file_and_different_names(tmp_path: Path) -> None:
    assert checked_targets({"pdf": tmp_path / "a.pdf", "docx": None}) == {"pdf": tmp_path / "a.pdf"}
    with pytest.raises(ValidationError, match="ít nhất một tệp"):
        checked_targets({"pdf": None, "docx": None})
    with pytest.raises(ValidationError, match="tên khác nhau"):
        checked_targets({"pdf": tmp_path / "a", "docx": tmp_path / "a"})
    with pytest.raises(ValidationError, match="là một thư mục"):
        checked_targets({"xlsx": tmp_path})


def test_sheet_errors_name_the_clerks_file(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="Không ghi được tệp “ds.xlsx”"), sheet_errors(tmp_path / "ds.xlsx"):
        raise SheetWriteError("locked")
