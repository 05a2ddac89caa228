"""PeopleExportService: a file that cannot be written is said in Vietnamese about the clerk's own file."""

from __future__ import annotations

from pathlib import Path

import pytest

from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.interchange import people_export as sheet
from khoi_desktop.interchange.xlsx_writer import SheetWriteError
from khoi_desktop.services.app import Services
from khoi_desktop.services.people_export import PeopleExportService
from tests.conftest import add_branch_with_people


def test_a_file_open_in_excel_is_a_message_about_that_file(services: Services, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer's refusal reaches the clerk as a UserFacingError naming ds.xlsx, not its temporary file."""
    add_branch_with_people(services, ["Nguyễn Văn An"])

    def refuse(target: Path, *_args: object, **_kwargs: object) -> int:
        raise SheetWriteError(f"Không ghi được tệp “{Path(target).name}”.")

    monkeypatch.setattr(sheet, "export_people", refuse)
    with pytest.raises(UserFacingError, match="Không ghi được tệp “ds.xlsx”: tệp đang mở trong Excel"):
        PeopleExportService(services.context).export_organization(tmp_path / "ds.xlsx")
    assert not list(tmp_path.glob("*.xlsx"))


def test_a_missing_folder_is_named(services: Services, tmp_path: Path) -> None:
    """Exporting into a folder that does not exist says so before writing anything."""
    with pytest.raises(UserFacingError, match="không tồn tại"):
        PeopleExportService(services.context).export_organization(tmp_path / "khong-co" / "ds.xlsx")
