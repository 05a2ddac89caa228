"""People lists: column matching, value parsing, problems and duplicates."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest

from khoi_desktop.domain.vntext import DateParseError
from khoi_desktop.interchange.people_import import (
    FEMALE,
    MALE,
    ColumnMapping,
    ImportRecord,
    ProblemKind,
    Severity,
    all_problems,
    detect_mapping,
    match_header,
    parse_rows,
    read_date,
    valid_records,
)
from khoi_desktop.interchange.sheet_reader import Cell, SheetGrid, SheetReadError, read_sheet

DATA = Path(__file__).resolve().parents[1] / "data"


def _grid(*rows: tuple[object, ...]) -> SheetGrid:
    width = max(len(row) for row in rows)
    cells = tuple(tuple(Cell(value) for value in (*row, *([None] * (width - len(row))))) for row in rows)
    return SheetGrid("test.xlsx", "Sheet1", ("Sheet1",), cells)


def _import(*rows: tuple[object, ...]) -> list[ImportRecord]:
    grid = _grid(*rows)
    return parse_rows(grid, detect_mapping(grid))


def _read(name: str) -> list[ImportRecord]:
    grid = read_sheet(DATA / name)
    return parse_rows(grid, detect_mapping(grid))


def _messages(record: ImportRecord) -> list[str]:
    return [problem.message for problem in record.problems]


# ---------------------------------------------------------------------------
# Column matching


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Họ và tên", "full_name"),
        ("HỌ TÊN", "full_name"),
        ("Ho ten", "full_name"),
        ("Họ tên đảng viên", "full_name"),
        ("  họ   VÀ tên ", "full_name"),
        ("Họ và tên (1)", "full_name"),
        ("Ngày sinh", "birth_date"),
        ("Năm sinh", "birth_date"),
        ("Ngày tháng năm sinh", "birth_date"),
        ("Ngày, tháng, năm sinh", "birth_date"),
        ("Ngày sinh (dd/mm/yyyy)", "birth_date"),
        ("Giới tính", "gender"),
        ("Nam/Nữ", "gender"),
        ("Nam / Nữ", "gender"),
        ("Nam", "male_mark"),
        ("Nữ", "female_mark"),
        ("Chức vụ", "position"),
        ("Chức vụ Đảng", "position"),
        ("Số thẻ", "party_card_number"),
        ("Số thẻ đảng viên", "party_card_number"),
        ("SỐ THẺ ĐẢNG", "party_card_number"),
        ("Số lý lịch", "party_record_number"),
        ("Ngày vào Đảng", "admission_date"),
        ("Ngày kết nạp", "admission_date"),
        ("Ngay vao Dang", "admission_date"),
        ("Ngày chính thức", "official_date"),
        ("Ngày vào Đảng chính thức", "official_date"),
        ("Ngày công nhận chính thức", "official_date"),
        ("Tư cách", "membership_kind"),
        ("Đối tượng", "membership_kind"),
        ("Loại", "membership_kind"),
        ("Quê quán", "hometown"),
        ("Dân tộc", "ethnicity"),
        ("Điện thoại", "phone"),
        ("SĐT", "phone"),
        ("Số điện thoại", "phone"),
        ("Email", "email"),
        ("E-mail", "email"),
        ("Trình độ LLCT", "political_theory"),
        ("Lý luận chính trị", "political_theory"),
        ("Chuyên môn", "education"),
        ("Trình độ chuyên môn", "education"),
        ("Ghi chú", "note"),
        ("STT", "sequence"),
        ("TT", "sequence"),
    ],
)
def test_header_variants_match_their_field(label: str, field: str) -> None:
    """Vietnamese headers match with or without diacritics, in any case and spacing."""
    assert match_header(label) == field


@pytest.mark.parametrize(
    "label", ["Đơn vị", "Tên đơn vị", "Năm", "Phân loại", "", "DANH SÁCH ĐẢNG VIÊN", None]
)
def test_other_headers_match_nothing(label: str | None) -> None:
    """Unrelated headers (and near misses like 'Năm', 'Phân loại') stay unmapped."""
    assert match_header(label) is None


@pytest.mark.parametrize("name", ["people_clean.xlsx", "people_clean.xls"])
def test_mapping_of_the_clean_list(name: str) -> None:
    """Header on row 5, data from row 6, every column mapped by its own label."""
    mapping = detect_mapping(read_sheet(DATA / name))
    assert (mapping.header_row, mapping.first_data_row) == (5, 6)
    assert dict(mapping.columns) == {
        "sequence": 0,
        "full_name": 1,
        "birth_date": 2,
        "gender": 3,
        "position": 4,
        "party_card_number": 5,
        "admission_date": 6,
        "official_date": 7,
        "hometown": 8,
        "note": 9,
    }
    assert mapping.label_of("party_card_number") == "Số thẻ đảng viên"


def test_unaccented_headers_map_every_field() -> None:
    """A list typed without diacritics is mapped completely."""
    mapping = detect_mapping(read_sheet(DATA / "people_unaccented.xlsx"))
    assert set(mapping.columns) == {
        "sequence",
        "full_name",
        "birth_date",
        "gender",
        "party_card_number",
        "admission_date",
        "official_date",
        "phone",
        "email",
        "ethnicity",
        "political_theory",
        "education",
        "membership_kind",
    }


@pytest.mark.parametrize("name", ["people_two_level.xlsx", "people_two_level.xls"])
def test_two_row_header_with_nam_nu_columns(name: str) -> None:
    """'Ngày sinh' over 'Nam' | 'Nữ' is read as a two-row header; the (1) (2) … row is skipped."""
    mapping = detect_mapping(read_sheet(DATA / name))
    assert (mapping.header_row, mapping.first_data_row) == (3, 6)
    assert mapping.column_of("male_mark") == 2 and mapping.column_of("female_mark") == 3
    assert mapping.labels[2] == "Ngày sinh / Nam"


def test_user_can_correct_the_mapping() -> None:
    """with_column moves a field, frees the column from any other field, or drops the field."""
    mapping = ColumnMapping(1, 2, ("Họ tên", "Ghi chú", "X"), {"full_name": 0, "note": 1})
    moved = mapping.with_column("position", 1)
    assert dict(moved.columns) == {"full_name": 0, "position": 1}
    assert dict(moved.with_column("full_name", None).columns) == {"position": 1}
    assert moved.with_column("full_name", None).missing_required == ("full_name",)
    assert dict(mapping.columns) == {"full_name": 0, "note": 1}  # the original is untouched


def test_header_row_can_be_given() -> None:
    """The user may point at the header row when detection cannot."""
    grid = _grid(("Danh sách",), ("Tên gọi", "Sinh"), ("An", "1980"))
    mapping = detect_mapping(grid, header_row=2).with_column("full_name", 0).with_column("birth_date", 1)
    assert parse_rows(grid, mapping)[0].birth_year == 1980


def test_missing_header_is_a_sheet_read_error() -> None:
    """No recognisable header in the first 30 rows raises SheetReadError in Vietnamese."""
    with pytest.raises(SheetReadError, match="không tìm thấy dòng tiêu đề cột"):
        detect_mapping(_grid(("Báo cáo",), ("a", "b")))


def test_parsing_needs_the_name_column() -> None:
    """parse_rows refuses a mapping without 'Họ và tên'."""
    grid = _grid(("Ngày sinh", "Giới tính"), ("01/01/1980", "Nam"))
    with pytest.raises(ValueError, match="Họ và tên"):
        parse_rows(grid, detect_mapping(grid))


# ---------------------------------------------------------------------------
# Values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(1980, 2, 5), (date(1980, 2, 5), 1980)),
        (datetime(1980, 2, 5, 0, 0), (date(1980, 2, 5), 1980)),
        ("05/02/1980", (date(1980, 2, 5), 1980)),
        ("5/2/80", (date(1980, 2, 5), 1980)),
        ("05-02-1980", (date(1980, 2, 5), 1980)),
        ("05.02.1980", (date(1980, 2, 5), 1980)),
        (" 5 / 2 / 1980 ", (date(1980, 2, 5), 1980)),
        ("1975", (None, 1975)),
        ("năm 1975", (None, 1975)),
        (1975, (None, 1975)),
        (1975.0, (None, 1975)),
        (None, (None, None)),
        ("  ", (None, None)),
    ],
)
def test_every_date_form(value: object, expected: tuple[date | None, int | None]) -> None:
    """Date cells, d/m/y text with / - . separators, 2-digit years, and bare years."""
    assert read_date(value, allow_year=True) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/1980", "“31/02/1980” — tháng 2/1980 không có ngày 31."),
        ("1/13/1980", "“1/13/1980” — tháng 13 không có thật (tháng từ 1 đến 12)."),
        ("abc", "“abc” — không phải ngày hợp lệ (cần dạng ngày/tháng/năm, ví dụ 05/02/2026)."),
        (29221, "“29221” — không phải ngày (cần dạng ngày/tháng/năm, ví dụ 05/02/1980)."),
        ("1850", "“1850” — năm 1850 không hợp lý."),
    ],
)
def test_bad_dates_explain_themselves(value: object, message: str) -> None:
    """Impossible or malformed dates raise DateParseError with the value and the reason."""
    with pytest.raises(DateParseError) as caught:
        read_date(value, allow_year=True)
    assert str(caught.value) == message


def test_bare_year_is_refused_where_a_full_date_is_needed() -> None:
    """Admission dates need day and month; a year alone is reported, not guessed."""
    with pytest.raises(DateParseError, match="chỉ có năm"):
        read_date("1995")


@pytest.mark.parametrize("name", ["people_unaccented.xlsx", "people_unaccented.xls"])
def test_card_numbers_stay_text(name: str) -> None:
    """A numeric card cell reads '12345' (no '.0', no invented zeros); text keeps its leading zeros."""
    cards = [record.party_card_number for record in _read(name)]
    assert cards == ["12345", "000012345", "0123", "", ""]


@pytest.mark.parametrize("name", ["people_unaccented.xlsx", "people_unaccented.xls"])
def test_text_dates_and_other_fields_of_the_unaccented_list(name: str) -> None:
    """Every text date form in a real file, gender words, and plain text fields."""
    records = _read(name)
    assert {record.birth_date for record in records[:4]} == {date(1980, 2, 5)}
    assert (records[4].birth_date, records[4].birth_year) == (None, 1975)
    assert [record.gender for record in records] == [MALE, FEMALE, MALE, FEMALE, MALE]
    first = records[0]
    assert (first.admission_date, first.official_date) == (date(2005, 3, 1), date(2006, 3, 1))
    assert (first.phone, first.email, first.ethnicity) == ("0912345678", "binh@example.vn", "Kinh")
    assert (first.political_theory, first.education, first.membership_kind) == (
        "Trung cấp",
        "Cử nhân Luật",
        "Chính thức",
    )
    assert all(not record.problems for record in records)


def test_text_is_nfc_and_single_spaced() -> None:
    """Decomposed text and stray spaces come out NFC, trimmed and single-spaced."""
    name = unicodedata.normalize("NFD", "  Nguyễn   Văn  Đức ")
    record = _import(("Họ và tên", "Quê quán"), (name, " Hà\u00a0 Nội "))[0]
    assert record.full_name == "Nguyễn Văn Đức"
    assert record.hometown == "Hà Nội"


# ---------------------------------------------------------------------------
# Whole files


@pytest.mark.parametrize("name", ["people_clean.xlsx", "people_clean.xls"])
def test_clean_list_imports_exactly_its_people(name: str) -> None:
    """Five people; the total row, signature block and signers' names are not imported."""
    records = _read(name)
    assert [record.full_name for record in records] == [
        "Nguyễn Văn Đức",
        "Trần Thị Hương",
        "Phạm Ngọc Ánh",
        "Lê Văn Tám",
        "Hoàng Thị Lan",
    ]
    assert [record.row_number for record in records] == [6, 7, 8, 9, 10]
    assert records[1].party_card_number == "000123456789"
    assert (records[2].birth_date, records[2].birth_year) == (None, 1975)
    assert records[0].official_date == date(2006, 3, 2)
    assert all_problems(records) == []


@pytest.mark.parametrize("name", ["people_tcvn3.xlsx", "people_tcvn3.xls", "people_vni.xlsx"])
def test_legacy_font_lists_import_as_unicode(name: str) -> None:
    """TCVN3 and VNI lists give the golden Unicode names and membership texts."""
    records = _read(name)
    assert [record.full_name for record in records][:3] == [
        "Nguyễn Văn Đức",
        "Trần Thị Hương",
        "Phạm Ngọc Ánh",
    ]
    assert records[0].membership_kind == "Đảng viên chính thức"
    assert records[1].gender == FEMALE


@pytest.mark.parametrize("name", ["people_two_level.xlsx", "people_two_level.xls"])
def test_nam_nu_columns_give_gender_and_birth(name: str) -> None:
    """A year or date in the Nam/Nữ column gives both; an 'x' gives the gender; headings are skipped."""
    records = _read(name)
    assert [(r.full_name, r.gender, r.birth_date, r.birth_year) for r in records] == [
        ("Nguyễn Văn Đức", MALE, None, 1980),
        ("Trần Thị Hương", FEMALE, date(1985, 11, 30), 1985),
        ("Lê Văn Cường", MALE, None, None),
        ("Mai Thị Dung", FEMALE, None, None),
    ]


def test_bad_values_are_reported_per_row() -> None:
    """The bad-values fixture: impossible date, missing name, formula values, date order, gender."""
    records = {record.row_number: record for record in _read("people_bad_values.xlsx")}
    assert _messages(records[2]) == ["Dòng 2, cột Ngày sinh: “31/02/1980” — tháng 2/1980 không có ngày 31."]
    assert records[2].full_name == "Nguyễn Văn An" and records[2].birth_date is None
    assert _messages(records[3]) == ["Dòng 3, cột Họ và tên: thiếu họ và tên."]
    assert records[3].problems[0].kind is ProblemKind.MISSING
    assert (records[4].full_name, records[4].birth_date, records[4].problems) == (
        "Lê Văn Tám",
        date(1985, 3, 15),
        (),
    )
    assert _messages(records[5]) == [
        "Dòng 5, cột Ngày chính thức: ngày chính thức 01/01/2010 trước ngày vào Đảng 01/05/2010."
    ]
    assert records[5].has_errors
    assert records[6].problems[0].severity is Severity.WARNING and not records[6].has_errors
    assert "chưa đủ 12 tháng dự bị" in records[6].problems[0].detail
    assert [problem.severity for problem in records[10].problems] == [Severity.ERROR, Severity.WARNING]
    assert records[10].note == "=1+1 là ghi chú"


def test_duplicates_reference_each_other() -> None:
    """Same card number → error on both rows; same folded name + birth date → warning on both."""
    records = {record.row_number: record for record in _read("people_bad_values.xlsx")}
    card = [
        (p.row, p.other_row, p.severity)
        for r in records.values()
        for p in r.problems
        if p.kind is ProblemKind.DUPLICATE and p.column_label == "Số thẻ"
    ]
    assert sorted(card) == [(7, 9, Severity.ERROR), (9, 7, Severity.ERROR)]
    person = [
        (p.row, p.other_row, p.severity)
        for r in records.values()
        for p in r.problems
        if p.kind is ProblemKind.DUPLICATE and p.column_label == "Họ và tên"
    ]
    assert sorted(person) == [(7, 8, Severity.WARNING), (8, 7, Severity.WARNING)]
    assert "Dòng 9, cột Số thẻ: trùng số thẻ “000123” với dòng 7." in _messages(records[9])


def test_same_name_without_birth_data_is_not_a_duplicate() -> None:
    """Two 'Nguyễn Văn An' rows with no birth information are different people as far as we know."""
    records = _import(("Họ và tên", "Ghi chú"), ("Nguyễn Văn An", "a"), ("Nguyễn Văn An", "b"))
    assert all_problems(records) == []


def test_date_order_rules() -> None:
    """Admission before birth is an error; admission under 18 and a short probation are warnings."""
    header = ("Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức")
    records = _import(
        header,
        ("A", "01/01/1990", "01/01/1985", None),
        ("B", "01/01/1990", "01/06/2007", None),
        ("C", "01/01/1970", "29/02/2000", "28/02/2001"),
        ("D", "01/01/1970", "29/02/2000", "27/02/2001"),
    )
    assert [(p.severity, p.kind) for p in records[0].problems] == [(Severity.ERROR, ProblemKind.DATE_ORDER)]
    assert "chưa đủ 18 tuổi" in records[1].problems[0].detail
    assert records[2].problems == ()  # 29/02/2000 + 12 months = 28/02/2001
    assert records[3].problems[0].severity is Severity.WARNING


def test_valid_records_keep_warnings_and_drop_errors() -> None:
    """A 'valid rows only' import keeps rows with warnings, leaves rows with errors out."""
    records = _read("people_bad_values.xlsx")
    kept = [record.row_number for record in valid_records(records)]
    assert kept == [4, 6, 8]


def test_gender_words_and_unknown_values() -> None:
    """'nam', 'Nữ', 'nu' are read; anything else is a warning with no gender."""
    records = _import(("Họ và tên", "Giới tính"), ("A", "nam"), ("B", "Nữ"), ("C", "nu"), ("D", "khác"))
    assert [record.gender for record in records] == [MALE, FEMALE, FEMALE, None]
    assert records[3].problems[0].message == (
        "Dòng 5, cột Giới tính: “khác” — không rõ giới tính (cần “Nam” hoặc “Nữ”)."
    )


def test_marks_in_both_nam_and_nu_columns_are_a_warning() -> None:
    """A row marked both 'Nam' and 'Nữ' gets no gender and a warning on the Nữ column."""
    grid = _grid(("Họ và tên", "Nam", "Nữ"), ("A", "x", "x"), ("B", None, "1990"))
    records = parse_rows(grid, detect_mapping(grid))
    assert records[0].gender is None
    assert records[0].problems[0].message == "Dòng 2, cột Nữ: đánh dấu cả cột Nam và cột Nữ."
    assert (records[1].gender, records[1].birth_year) == (FEMALE, 1990)
