"""Exporting a unit's package: the files, the data the bloc needs, minutes, and nothing left on failure."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.package import DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import OverviewService
from khoi_desktop.services.package_figures import figures_to_json
from khoi_desktop.storage.migrations import schema_version
from tests.core.meetings_support import Kit, new_meeting
from tests.core.package_support import EXPORTED_AT, db_digest, entries, exporter
from tests.core.year_end_support import BASE_FOCUS, YEAR, Bloc, full_year

EXEMPLARS = ["Nguyễn Văn An"]
STEM = "2018_Dang_bo_Vien_Kiem_sat_nhan_dan_tinh"


@pytest.fixture
def world(services: Services) -> Bloc:
    return full_year(services)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the packages (the database lives in tmp_path itself)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _printable_meeting(services: Services, world: Bloc) -> int:
    """A regular meeting of the Treasury with chair, secretary and everyone marked."""
    kit = Kit.over(services)
    dung, em = world.people["Dũng"], world.people["Em"]
    meeting_id = new_meeting(kit, world.treasury, dung, em, MeetingKind.REGULAR, date(YEAR, 6, 5))
    for person in (dung, em):
        kit.attendance.mark(meeting_id, person, AttendanceStatus.PRESENT)
    return meeting_id


def test_the_package_holds_the_report_the_workbook_and_the_data(services: Services, world: Bloc,
                                                                 out: Path) -> None:
    """PDF, DOCX, XLSX, data.json and manifest.json, under meaningful ASCII names."""
    exported = exporter(services).export(world.base, YEAR, out / "goi.zip")
    files = entries(exported.path)
    assert set(files) == {MANIFEST_NAME, SIGNATURE_NAME, DATA_NAME, f"BC_tong_ket_{STEM}.pdf", f"BC_tong_ket_{STEM}.docx",
                          f"So_lieu_thong_ke_{STEM}.xlsx"}
    assert all(name.isascii() for name in files)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(files[f"BC_tong_ket_{STEM}.pdf"])).pages)
    assert "BÁO CÁO" in text and "Viện Kiểm sát" in text
    assert load_workbook(io.BytesIO(files[f"So_lieu_thong_ke_{STEM}.xlsx"])).sheetnames
    assert zipfile.is_zipfile(io.BytesIO(files[f"BC_tong_ket_{STEM}.docx"]))


def test_data_json_carries_what_the_bloc_needs(services: Services, world: Bloc, out: Path) -> None:
    """Schema and app version, the sender, the creation time, the unit's own figures and focus content."""
    path = exporter(services).export(world.base, YEAR, out / "goi.zip").path
    data = json.loads(entries(path)[DATA_NAME])
    assert data["schema_version"] == schema_version() and data["app_version"]
    assert data["created_at"] == EXPORTED_AT.isoformat()
    assert data["source"]["name"] == "Đảng bộ Viện Kiểm sát nhân dân tỉnh"
    assert data["source"]["id"] == world.base and data["source"]["doc_code"] == "ĐU"
    assert data["source"]["kind"] == "base_committee" and data["source"]["superior"] == "Đảng bộ Khối các cơ quan tỉnh"
    assert data["plan"]["focus_content"] == BASE_FOCUS
    overview = OverviewService(services.context)
    assert data["figures"] == figures_to_json(overview.year_figures(world.base, YEAR))
    assert data["previous"] == figures_to_json(overview.year_figures(world.base, YEAR - 1))
    assert [e["name"] for e in data["exemplars"]] == EXEMPLARS


def test_chosen_minutes_go_in_numbered(services: Services, world: Bloc, out: Path) -> None:
    """A chosen meeting's minutes join the package under an ASCII name and get their register number."""
    meeting_id = _printable_meeting(services, world)
    exported = exporter(services).export(world.treasury, YEAR, out / "goi.zip", minutes=[meeting_id])
    name = f"Bien_ban_2018-06-05_Sinh_hoat_thuong_ky_{meeting_id}.pdf"
    files = entries(exported.path)
    assert files[name].startswith(b"%PDF") and exported.changes.meetings
    assert json.loads(files[DATA_NAME])["minutes"][0]["file"] == name
    assert services.meetings.get(meeting_id).documents


def test_minutes_of_another_unit_are_refused_and_nothing_is_written(services: Services, world: Bloc,
                                                                    out: Path) -> None:
    """A meeting outside the organisation: a Vietnamese refusal, no file, no number used, no change."""
    meeting_id = _printable_meeting(services, world)
    before = db_digest(services.db)
    with pytest.raises(ValidationError, match="không thuộc Đảng bộ Viện Kiểm sát"):
        exporter(services).export(world.base, YEAR, out / "goi.zip", minutes=[meeting_id])
    assert not list(out.iterdir()) and db_digest(services.db) == before


def test_unprintable_minutes_name_the_meeting_and_what_to_do(services: Services, world: Bloc, out: Path) -> None:
    """One ticked meeting without chair and secretary: the refusal names its date, kind, unit and the remedy."""
    printable = _printable_meeting(services, world)
    unfinished = new_meeting(Kit.over(services), world.treasury, kind=MeetingKind.THEMATIC, day=date(YEAR, 7, 9))
    before = db_digest(services.db)
    with pytest.raises(ValidationError) as caught:
        exporter(services).export(world.treasury, YEAR, out / "goi.zip", minutes=[printable, unfinished])
    message = caught.value.message
    assert message.startswith("Chưa in được biên bản buổi sinh hoạt chuyên đề ngày 09/07/2018 "
                              "của Chi bộ Kho bạc Nhà nước tỉnh: hãy ghi người chủ trì và thư ký")
    assert "Hãy mở buổi này ở trang Sinh hoạt, hội nghị" in message and "bỏ dấu buổi này" in message
    assert not list(out.iterdir()) and db_digest(services.db) == before


def test_a_failed_export_leaves_an_existing_file_alone(services: Services, world: Bloc, out: Path) -> None:
    """Bad targets are refused before any work; a wrong year changes nothing either."""
    target = out / "goi.zip"
    target.write_bytes(b"old")
    with pytest.raises(ValidationError, match=r"\.zip"):
        exporter(services).export(world.base, YEAR, out / "goi.pdf")
    with pytest.raises(ValidationError, match="không tồn tại"):
        exporter(services).export(world.base, YEAR, out / "khong-co" / "goi.zip")
    with pytest.raises(ValidationError):
        exporter(services).export(world.base, 1800, target)
    assert target.read_bytes() == b"old" and sorted(p.name for p in out.iterdir()) == ["goi.zip"]


def test_the_export_is_in_the_audit_log(services: Services, world: Bloc, out: Path) -> None:
    """One audit line names the package."""
    exporter(services).export(world.base, YEAR, out / "goi.zip")
    rows = list(services.db.query("SELECT summary FROM audit_log WHERE entity = 'package'"))
    assert rows == [{"summary": "Xuất gói báo cáo năm 2018 gửi cấp trên: goi.zip"}]


def test_suggested_name_and_meetings_to_choose(services: Services, world: Bloc) -> None:
    """The zip's suggested name is ASCII; the meetings offered are the unit's of the year."""
    export = exporter(services)
    assert export.suggested_name(world.base, YEAR) == f"Goi_bao_cao_{STEM}.zip"
    assert {m.organization_id for m in export.meetings(world.treasury, YEAR)} == {world.treasury}
    assert len(export.meetings(world.treasury, YEAR)) == 2
