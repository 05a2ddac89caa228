"""Dated branch membership: a person is on the rolls from "sinh hoạt tại tổ chức từ ngày", and a
meeting whose minutes carry a number keeps its roll, its counts and its printed bytes."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from khoi_desktop.domain.enums import AttendanceStatus, MembershipKind, OrgKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Membership, PersonInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.people_import import PeopleImportService
from khoi_desktop.storage.database import open_database
from tests.core.meetings_support import Kit, add_org, new_meeting

PAST_DAY = date(2025, 3, 12)
OFFICIAL_2015 = Membership(MembershipKind.PARTY_OFFICIAL, date(2015, 3, 1))


def _branch(services: Services) -> int:
    bloc = add_org(services, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BLOC)
    return add_org(services, "Chi bộ Văn phòng Sở", OrgKind.BASE_BRANCH, bloc, doc_code="CB",
                   place_name="Ninh Bình", superior_name="Đảng bộ Khối các cơ quan tỉnh")


def _member(services: Services, branch: int, name: str, since: date | None) -> int:
    data = PersonInput(full_name=name, organization_id=branch, memberships=(OFFICIAL_2015,), org_since=since)
    return services.people.create(data).person_id


def _list(tmp_path: Path, names: list[str]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["STT", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức"])
    for index, name in enumerate(names, start=1):
        book.active.append([index, name, f"0{index}/05/1985", "03/02/2012", "03/02/2013"])
    path = tmp_path / "danh sách mới.xlsx"
    book.save(path)
    return path


def _import(services: Services, path: Path, branch: int, since: date | None = None) -> None:
    importer = PeopleImportService(services.context, services.people)
    grid, mapping = importer.read(path)
    importer.run(importer.preview(grid, mapping, branch), since=since)


@pytest.fixture
def kit(services: Services) -> Kit:
    return Kit.over(services)


def test_a_person_joins_the_rolls_on_their_from_date(services: Services, kit: Kit) -> None:
    """Party member since 2015 but in this chi bộ from 01/06/2025: not on a March 2025 roll, on a July one."""
    branch = _branch(services)
    _member(services, branch, "Nguyễn Văn An", date(2020, 1, 1))
    _member(services, branch, "Trần Thị Bình", date(2025, 6, 1))
    march = kit.attendance.roll(new_meeting(kit, branch, day=PAST_DAY))
    july = kit.attendance.roll(new_meeting(kit, branch, day=date(2025, 7, 9)))
    assert [e.full_name for e in march.entries] == ["Nguyễn Văn An"]
    assert [e.full_name for e in july.entries] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert services.people.get(services.people.list()[1].id).org_since == date(2025, 6, 1)


def test_the_from_date_can_be_corrected_and_not_set_in_the_future(services: Services, kit: Kit) -> None:
    """The dialog's 'từ ngày' moves the start of the stretch; a future date is refused in Vietnamese."""
    branch = _branch(services)
    person = _member(services, branch, "Nguyễn Văn An", date(2025, 6, 1))
    meeting = new_meeting(kit, branch, day=PAST_DAY)
    assert kit.attendance.roll(meeting).entries == ()
    data = services.people.get(person).to_input()
    services.people.update(person, PersonInput(**{**data.__dict__, "org_since": date(2024, 1, 1)}))
    assert services.people.get(person).org_since == date(2024, 1, 1)
    assert [e.person_id for e in kit.attendance.roll(meeting).entries] == [person]
    with pytest.raises(ValidationError, match="ở tương lai"):
        services.people.update(person, PersonInput(**{**data.__dict__, "org_since": date(2027, 1, 1)}))


def test_importing_without_a_date_adds_nobody_to_past_meetings(services: Services, kit: Kit,
                                                               tmp_path: Path) -> None:
    """The file's people belong from today (the default), not from their admission in 2012."""
    branch = _branch(services)
    _member(services, branch, "Nguyễn Văn An", date(2020, 1, 1))
    meeting = new_meeting(kit, branch, day=PAST_DAY)
    _import(services, _list(tmp_path, ["Lê Văn Cường", "Phạm Thị Dung"]), branch)
    assert [e.full_name for e in kit.attendance.roll(meeting).entries] == ["Nguyễn Văn An"]
    assert {p.full_name: p.org_since for p in map(services.people.get, (r.id for r in services.people.list()))} == {
        "Nguyễn Văn An": date(2020, 1, 1), "Lê Văn Cường": services.context.today(),
        "Phạm Thị Dung": services.context.today()}


def test_import_with_a_date_column_uses_each_rows_date(services: Services, kit: Kit, tmp_path: Path) -> None:
    """'Ngày chuyển đến' per row: Cường from 2020 is on the 2025 roll, Dung from 2026 is not."""
    branch = _branch(services)
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Ngày vào Đảng", "Ngày chính thức", "Ngày chuyển đến"])
    book.active.append(["Lê Văn Cường", "03/02/2012", "03/02/2013", "15/08/2020"])
    book.active.append(["Phạm Thị Dung", "03/02/2012", "03/02/2013", "02/01/2026"])
    book.save(tmp_path / "ds.xlsx")
    _import(services, tmp_path / "ds.xlsx", branch, since=date(2010, 1, 1))
    meeting = new_meeting(kit, branch, day=PAST_DAY)
    assert [e.full_name for e in kit.attendance.roll(meeting).entries] == ["Lê Văn Cường"]


def test_a_numbered_meeting_keeps_its_roll_counts_and_bytes_after_an_import(services: Services, kit: Kit,
                                                                            tmp_path: Path) -> None:
    """Printed Số 01-BB: an import dated back to 2010 changes neither its roll nor its reprint."""
    branch = _branch(services)
    people = [_member(services, branch, name, date(2020, 1, 1))
              for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Hoàng Văn Dũng")]
    meeting = new_meeting(kit, branch, people[0], people[1], day=PAST_DAY)
    kit.attendance.mark_all_present(meeting)
    kit.attendance.mark(meeting, people[2], AttendanceStatus.ABSENT_EXCUSED, "đi công tác")
    first = kit.documents.write_minutes(meeting, tmp_path / "biên bản 1.pdf")
    open_meeting = new_meeting(kit, branch, day=date(2025, 4, 9))  # not printed: follows the records
    roll, counts = kit.attendance.roll(meeting), kit.attendance.counts(meeting)
    listed = services.meetings.list((branch,), 2025)

    _import(services, _list(tmp_path, ["Phạm Thị Em", "Vũ Văn Giang"]), branch, since=date(2010, 1, 1))

    assert kit.attendance.roll(meeting) == roll and kit.attendance.counts(meeting) == counts
    again = kit.documents.write_minutes(meeting, tmp_path / "biên bản 2.pdf")
    assert again.number == first.number == 1
    assert again.path.read_bytes() == first.path.read_bytes()
    text = " ".join(page.extract_text() or "" for page in PdfReader(again.path).pages)
    assert "Lê Văn Cường" in text and "Phạm Thị Em" not in text and "Vũ Văn Giang" not in text
    assert len(kit.attendance.roll(open_meeting).entries) == 6
    assert services.meetings.list((branch,), 2025) == listed  # the meeting list's counts too


def test_a_kept_roll_takes_no_new_marks(services: Services, kit: Kit, tmp_path: Path) -> None:
    """Marking someone added after the numbering is refused with the list's name and day."""
    branch = _branch(services)
    people = [_member(services, branch, name, date(2020, 1, 1)) for name in ("Nguyễn Văn An", "Trần Thị Bình")]
    meeting = new_meeting(kit, branch, people[0], people[1], day=PAST_DAY)
    kit.attendance.mark_all_present(meeting)
    kit.documents.write_minutes(meeting, tmp_path / "bb.pdf")
    late = _member(services, branch, "Lê Văn Cường", date(2019, 1, 1))
    with pytest.raises(ValidationError, match="không có trong danh sách điểm danh"):
        kit.attendance.mark(meeting, late, AttendanceStatus.PRESENT)
    kit.attendance.mark(meeting, people[1], AttendanceStatus.ABSENT_EXCUSED, "ốm")  # a correction still works
    assert kit.attendance.counts(meeting).absent_excused == 1


def test_an_older_database_migrates_without_loss(db_path: Path) -> None:
    """A database from before m0004: people keep their from-dates, inspections are kept, not on the theme."""
    services = Services.open(db_path)
    branch = _branch(services)
    person = _member(services, branch, "Nguyễn Văn An", date(2019, 9, 2))
    services.close()
    raw = sqlite3.connect(db_path)
    raw.execute("ALTER TABLE inspections DROP COLUMN on_theme")
    raw.execute("INSERT INTO inspections (year, conducting_org_id, kind, subject, step, created_at, updated_at)"
                " VALUES (2025, ?, 'inspection', 'Kiểm tra đảng phí', 'plan', '2025-01-01', '2025-01-01')", [branch])
    raw.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0004_theme_inspections'")
    raw.commit()
    raw.close()
    db = open_database(db_path)
    try:
        assert db.execute("SELECT subject, on_theme FROM inspections").fetchall() == [("Kiểm tra đảng phí", 0)]
        assert db.execute("SELECT start_date FROM status_history WHERE person_id = ?",
                          [person]).fetchall() == [("2019-09-02",)]
    finally:
        db.close()
    reopened = Services.open(db_path)
    try:
        assert reopened.people.get(person).org_since == date(2019, 9, 2)
    finally:
        reopened.close()
