"""PeopleImportService: rows to people, rules, duplicates in the file and the database, all-or-nothing."""

from __future__ import annotations

import gc
import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from khoi_desktop.domain.enums import Gender, MembershipKind, OrgKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Membership, OrganizationInput, PeopleFilter, PersonInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.people_import import (
    ImportBlocked,
    ImportCancelled,
    ImportFileError,
    PeopleImportService,
    RowChoice,
)

DATA = Path(__file__).resolve().parents[1] / "data"
BAD_FILES = ["empty.xlsx", "notes_renamed.xlsx", "password.xls", "password.xlsx", "pdf_renamed.xls",
             "truncated.xlsx", "word_renamed.xlsx", "khong_co.xlsx"]




def preview_of(importer: PeopleImportService, name: str, branch: int):
    grid, mapping = importer.read(DATA / name)
    return importer.preview(grid, mapping, branch)


def people(services: Services) -> dict[str, object]:
    return {row.full_name: services.people.get(row.id) for row in services.people.list()}


def db_digest(services: Services) -> str:
    rows = services.db.execute("SELECT * FROM people ORDER BY id").fetchall()
    audit = services.db.execute("SELECT count(*) FROM audit_log").fetchone()
    return hashlib.sha256(repr((rows, audit)).encode()).hexdigest()


@pytest.mark.parametrize("name", ["people_clean.xlsx", "people_clean.xls"])
def test_clean_file_imports_every_row(services: Services, importer: PeopleImportService, branch: int,
                                      name: str) -> None:
    """Five people, trimmed names, cards with zeros, real dates, official since the official date."""
    summary = importer.run(preview_of(importer, name, branch))
    assert (summary.created, summary.updated, summary.invalid) == (5, 0, 0)
    stored = people(services)
    assert set(stored) == {"Nguyễn Văn Đức", "Trần Thị Hương", "Phạm Ngọc Ánh", "Lê Văn Tám", "Hoàng Thị Lan"}
    huong = stored["Trần Thị Hương"]
    assert huong.party_card_number == "000123456789"
    assert huong.birth_date == date(1985, 11, 30) and huong.gender is Gender.FEMALE
    assert huong.organization_id == branch and huong.job_title == "Phó Bí thư"
    assert [m.kind for m in huong.memberships] == [MembershipKind.PARTY_PROBATIONARY, MembershipKind.PARTY_OFFICIAL]
    assert huong.memberships[1].start_date == date(2011, 6, 15)
    assert stored["Phạm Ngọc Ánh"].birth_year == 1975 and stored["Phạm Ngọc Ánh"].birth_date is None
    assert "Đã nhập 5 người mới" in summary.text()


def test_import_writes_one_audit_line_for_the_file(services: Services, importer: PeopleImportService,
                                                   branch: int) -> None:
    """Besides each person's own 'create' line, the import itself is logged."""
    importer.run(preview_of(importer, "people_clean.xlsx", branch))
    line = services.db.execute("SELECT summary FROM audit_log WHERE action = 'import'").fetchone()[0]
    assert "people_clean.xlsx" in line and "5 người mới" in line


@pytest.mark.parametrize("name", ["people_tcvn3.xlsx", "people_tcvn3.xls", "people_vni.xlsx"])
def test_legacy_fonts_arrive_as_unicode(services: Services, importer: PeopleImportService, branch: int,
                                        name: str) -> None:
    """TCVN3 and VNI names are stored as Unicode and the preview says it converted them."""
    preview = preview_of(importer, name, branch)
    assert "sang Unicode" in preview.legacy_note
    importer.run(preview, valid_only=True)
    assert "Nguyễn Văn Đức" in people(services)


def test_errors_block_the_whole_import_by_default(services: Services, importer: PeopleImportService,
                                                  branch: int) -> None:
    """All-or-nothing: any row with an error means nothing is written, with a Vietnamese reason."""
    before = db_digest(services)
    preview = preview_of(importer, "people_bad_values.xlsx", branch)
    with pytest.raises(ImportBlocked) as caught:
        importer.run(preview)
    assert "không nhập dòng nào" in caught.value.message or "chưa nhập dòng nào" in caught.value.message
    assert db_digest(services) == before


def test_valid_rows_only_with_an_error_report(services: Services, importer: PeopleImportService,
                                              branch: int, tmp_path: Path) -> None:
    """Valid rows are stored; the report lists Dòng, Cột, Mức độ, Lỗi of the rows left out."""
    report = tmp_path / "loi.xlsx"
    preview = preview_of(importer, "people_bad_values.xlsx", branch)
    summary = importer.run(preview, valid_only=True, error_report=report)
    stored = people(services)
    assert {"Lê Văn Tám", "Trần Cường", "Nguyễn Văn Hải"} <= set(stored)  # capitals become a proper name
    assert "Nguyễn Văn An" not in stored and "Trần Bình" not in stored
    assert summary.invalid == len(preview.blocked_rows(preview.choices_with())) and summary.report_path == report
    sheet = openpyxl.load_workbook(report).active
    values = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    header = next(row for row in values if row[:2] == ("Dòng", "Cột"))
    assert header[:4] == ("Dòng", "Cột", "Mức độ", "Lỗi")
    details = [row for row in values if isinstance(row[0], int)]
    assert (2, "Ngày sinh", "Lỗi", "“31/02/1980” — tháng 2/1980 không có ngày 31.") in [tuple(r[:4]) for r in details]
    assert {row[0] for row in details} >= {2, 3, 5, 7, 9, 10}


def test_skipping_one_of_two_rows_with_the_same_card_clears_both(services: Services,
                                                                 importer: PeopleImportService,
                                                                 branch: int) -> None:
    """Rows 7 and 9 share card 000123; skipping row 9 makes row 7 importable."""
    preview = preview_of(importer, "people_bad_values.xlsx", branch)
    choices = preview.choices_with({9: RowChoice.SKIP})
    assert 7 not in {row.row_number for row in preview.blocked_rows(choices)}
    assert 9 not in {row.row_number for row in preview.blocked_rows(choices)}
    importer.run(preview, choices=choices, valid_only=True)
    cards = {services.people.get(row.id).party_card_number: row.full_name for row in services.people.list()}
    assert cards["000123"] == "Nguyễn Văn Hải"


def test_people_already_stored_are_skipped_by_default(services: Services, importer: PeopleImportService,
                                                      branch: int) -> None:
    """Same card number → 'Bỏ qua' is the default; the stored person is untouched."""
    services.people.create(PersonInput(full_name="Trần Hương", organization_id=branch,
                                       party_card_number="000123456789", phone="0900"))
    preview = preview_of(importer, "people_clean.xlsx", branch)
    row = next(r for r in preview.rows if r.record.full_name == "Trần Thị Hương")
    assert row.match is not None and "cùng số thẻ" in row.match.reason
    assert row.choices == (RowChoice.SKIP, RowChoice.UPDATE)
    summary = importer.run(preview)
    assert (summary.created, summary.skipped) == (4, 1)
    assert "Trần Thị Hương" not in people(services)


def test_update_merges_the_file_into_the_stored_person(services: Services, importer: PeopleImportService,
                                                       branch: int) -> None:
    """'Cập nhật' fills the file's values, keeps what the file lacks, and adds memberships."""
    existing = services.people.create(PersonInput(
        full_name="Lê Văn Tám", organization_id=branch, birth_date=date(1990, 2, 28), phone="0912",
        memberships=(Membership(MembershipKind.CIVIL_SERVANT, date(2012, 1, 1)),))).person_id
    preview = preview_of(importer, "people_clean.xlsx", branch)
    row = next(r for r in preview.rows if r.record.full_name == "Lê Văn Tám")
    assert row.match is not None and row.match.person_id == existing and "ngày sinh" in row.match.reason
    summary = importer.run(preview, choices={row.row_number: RowChoice.UPDATE})
    assert (summary.created, summary.updated) == (4, 1)
    person = services.people.get(existing)
    assert person.phone == "0912" and person.party_card_number == "001234567890"
    assert {m.kind for m in person.memberships} == {MembershipKind.CIVIL_SERVANT, MembershipKind.PARTY_OFFICIAL,
                                                    MembershipKind.PARTY_PROBATIONARY}


def test_admission_date_alone_means_official_once_probation_is_over(services: Services,
                                                                    importer: PeopleImportService,
                                                                    branch: int) -> None:
    """A form with only 'Ngày vào Đảng' from 2005 imports official members, without warnings."""
    preview = preview_of(importer, "people_two_level.xlsx", branch)
    duc = next(r for r in preview.rows if r.record.full_name == "Nguyễn Văn Đức")
    assert [m.kind for m in duc.person.memberships] == [MembershipKind.PARTY_OFFICIAL]
    assert not duc.record.problems


def test_cancel_rolls_everything_back(services: Services, importer: PeopleImportService, branch: int) -> None:
    """Hủy during the import leaves the database as it was."""
    before = db_digest(services)
    with pytest.raises(ImportCancelled):
        importer.run(preview_of(importer, "people_clean.xlsx", branch), cancelled=lambda: True)
    assert db_digest(services) == before


def test_the_import_pauses_the_cycle_collector_and_gives_it_back(services: Services,
                                                                  importer: PeopleImportService,
                                                                  branch: int) -> None:
    """Reading, preview and store run as a batch (no collection walking every cell); afterwards,
    and after a Hủy, the collector is on again."""
    assert gc.isenabled()
    with pytest.raises(ImportCancelled):
        importer.run(preview_of(importer, "people_clean.xlsx", branch), cancelled=lambda: True)
    assert gc.isenabled()
    seen: list[bool] = []
    importer.run(preview_of(importer, "people_clean.xlsx", branch),
                 progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_files_give_a_clear_message_and_change_nothing(services: Services, importer: PeopleImportService,
                                                           name: str) -> None:
    """Corrupt, truncated, password-protected, renamed or missing: a Vietnamese sentence, no write."""
    before = db_digest(services)
    with pytest.raises(ImportFileError) as caught:
        importer.read(DATA / name)
    assert caught.value.message.startswith("Không đọc được tệp")
    assert db_digest(services) == before


def test_a_year_of_people_is_listed_by_their_memberships(services: Services, importer: PeopleImportService,
                                                         branch: int) -> None:
    """Imported probation then official periods show the right membership in each year."""
    importer.run(preview_of(importer, "people_clean.xlsx", branch))
    in_2010 = {row.full_name: row.memberships for row in services.people.list(PeopleFilter(year=2010))}
    assert in_2010["Trần Thị Hương"] == (MembershipKind.PARTY_PROBATIONARY,)


def _sheet(tmp_path: Path, *rows: list[str]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "ds.xlsx")
    return tmp_path / "ds.xlsx"


def test_update_keeps_the_person_in_their_own_branch(services: Services, importer: PeopleImportService,
                                                     branch: int, tmp_path: Path) -> None:
    """'Cập nhật' from another branch's list changes the details, never the chi bộ or its history."""
    other = services.organizations.create(OrganizationInput(
        name="Chi bộ Sở Tài chính", kind=OrgKind.BASE_BRANCH,
        parent_id=services.organizations.get(branch).parent_id)).ids[0]
    existing = services.people.create(PersonInput(full_name="Nguyễn Văn An", organization_id=other,
                                                  party_card_number="012345", memberships=(
        Membership(MembershipKind.PARTY_OFFICIAL, date(2015, 3, 1)),))).person_id
    grid, mapping = importer.read(_sheet(tmp_path, ["Họ và tên", "Số thẻ đảng viên", "Chức vụ"],
                                         ["Nguyễn Văn An", "012345", "Kế toán"]))
    preview = importer.preview(grid, mapping, branch)
    importer.run(preview, choices={preview.rows[0].row_number: RowChoice.UPDATE})
    person = services.people.get(existing)
    assert person.job_title == "Kế toán" and person.organization_id == other
    assert {s.organization_id for s in person.statuses} == {other}


def test_an_update_the_rules_refuse_names_the_row(services: Services, importer: PeopleImportService,
                                                  branch: int, tmp_path: Path) -> None:
    """A file's admission date before the stored birth date: the message names the row and the person."""
    services.people.create(PersonInput(full_name="Nguyễn Văn An", organization_id=branch, party_card_number="012345",
                                       birth_date=date(1985, 1, 1)))
    grid, mapping = importer.read(_sheet(tmp_path, ["Họ và tên", "Số thẻ đảng viên", "Ngày vào Đảng"],
                                         ["Nguyễn Văn An", "012345", "01/02/1980"]))
    preview = importer.preview(grid, mapping, branch)
    before = db_digest(services)
    with pytest.raises(ValidationError, match="Dòng 2: không cập nhật được “Nguyễn Văn An”"):
        importer.run(preview, choices={preview.rows[0].row_number: RowChoice.UPDATE})
    assert db_digest(services) == before


def test_batched_import_stores_each_person_as_creating_them_one_by_one(
        services: Services, importer: PeopleImportService, branch: int) -> None:
    """The import inserts its new people in batches; each ends up as ``PeopleService.create`` stores
    them: the same fields, memberships, one open 'active' status row from the import's day, and
    their own 'create' audit line with the same summary and details."""
    preview = preview_of(importer, "people_clean.xlsx", branch)
    summary = importer.run(preview, since=date(2026, 1, 5))
    imported = {services.people.get(person_id).full_name: services.people.get(person_id)
                for person_id in summary.changes.ids}
    for row in preview.rows:
        assert row.person is not None
        alone = services.people.create(replace(row.person, full_name=row.person.full_name + " Hai",
                                               party_card_number="", org_since=date(2026, 1, 5)))
        one = services.people.get(alone.person_id)
        batched = imported[row.person.full_name]
        assert replace(batched, id=0, full_name="", party_card_number="", memberships=(), statuses=()) == replace(
            one, id=0, full_name="", party_card_number="", memberships=(), statuses=())
        assert [replace(m, id=None) for m in batched.memberships] == [replace(m, id=None) for m in one.memberships]
        assert [replace(s, id=None) for s in batched.statuses] == [replace(s, id=None) for s in one.statuses]
        audit = services.db.execute("SELECT summary, details_json FROM audit_log WHERE action = 'create'"
                                    " AND entity = 'person' AND entity_id = ?", [batched.id]).fetchall()
        assert audit and audit[0][0] == f"Thêm “{batched.full_name}”"
        assert '"memberships"' in audit[0][1] and batched.full_name in audit[0][1]
