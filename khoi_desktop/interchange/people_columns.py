"""Which column of a people list holds which field.

Headers are matched without diacritics, case or punctuation ("HỌ TÊN", "Ho ten",
"Họ và tên đảng viên" → full_name). The result is a :class:`ColumnMapping` the GUI
shows and the user may correct before :func:`~.people_import.parse_rows` runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from khoi_desktop.domain.vntext import clean, fold
from khoi_desktop.interchange.sheet_layout import find_header_row, header_texts
from khoi_desktop.interchange.sheet_reader import Cell, SheetGrid, SheetReadError

MALE, FEMALE = "Nam", "Nữ"

# Field → the label the GUI shows when the user corrects the mapping.
FIELD_LABELS: dict[str, str] = {
    "sequence": "STT (bỏ qua)",
    "full_name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "gender": "Giới tính",
    "male_mark": "Nam (đánh dấu hoặc ngày sinh)",
    "female_mark": "Nữ (đánh dấu hoặc ngày sinh)",
    "position": "Chức vụ",
    "party_card_number": "Số thẻ đảng viên",
    "party_record_number": "Số lý lịch",
    "admission_date": "Ngày vào Đảng",
    "official_date": "Ngày chính thức",
    "membership_kind": "Tư cách (loại đảng viên)",
    "org_since": "Sinh hoạt tại tổ chức từ ngày",
    "hometown": "Quê quán",
    "ethnicity": "Dân tộc",
    "phone": "Điện thoại",
    "email": "Thư điện tử",  # as the person form calls it
    "political_theory": "Trình độ lý luận chính trị",
    "education": "Trình độ chuyên môn",
    "note": "Ghi chú",
}

# Folded header spellings. Single-word aliases must match whole; longer ones also match
# as the start of a header ("so the dang vien cu" → party_card_number). Longest match wins.
_ALIASES: dict[str, tuple[str, ...]] = {
    "sequence": ("stt", "tt", "so tt", "so thu tu"),
    "full_name": (
        "ho va ten",
        "ho ten",
        "ho va ten dang vien",
        "ho ten dang vien",
        "ho va ten khai sinh",
        "ten",
    ),
    "birth_date": ("ngay sinh", "nam sinh", "ngay thang nam sinh", "sinh ngay", "ngay thang sinh"),
    "gender": ("gioi tinh", "nam/nu", "nam nu", "gioi"),
    "male_mark": ("nam",),
    "female_mark": ("nu",),
    "position": ("chuc vu", "chuc danh"),
    "party_card_number": ("so the", "so the dang", "so the dang vien", "the dang vien"),
    "party_record_number": ("so ly lich", "so ll", "so ly lich dang vien"),
    "admission_date": ("ngay vao dang", "ngay ket nap", "ngay ket nap dang", "ngay vao dang du bi"),
    "official_date": (
        "ngay chinh thuc",
        "ngay cong nhan chinh thuc",
        "ngay vao dang chinh thuc",
        "ngay chuyen chinh thuc",
        "ngay dang vien chinh thuc",
    ),
    "membership_kind": (
        "tu cach", "doi tuong", "loai", "loai dang vien", "tu cach dang vien",
        "chinh thuc/du bi", "ct/db", "dang vien chinh thuc/du bi", "dv chinh thuc/du bi", "chinh thuc/ du bi",
    ),
    "org_since": (
        "ngay chuyen den", "ngay ve chi bo", "ngay ve dang bo", "ngay chuyen sinh hoat den",
        "sinh hoat tu ngay", "sinh hoat tai chi bo tu ngay", "sinh hoat tai to chuc tu ngay",
        "ngay sinh hoat tai chi bo", "ngay den chi bo",
    ),
    "hometown": ("que quan", "nguyen quan"),
    "ethnicity": ("dan toc",),
    "phone": ("dien thoai", "sdt", "so dien thoai", "dt", "dien thoai di dong", "so dt"),
    "email": ("email", "e mail", "thu dien tu", "dia chi email", "dia chi thu dien tu"),
    "political_theory": ("trinh do llct", "ly luan chinh tri", "llct", "trinh do ly luan chinh tri"),
    "education": (
        "chuyen mon",
        "trinh do chuyen mon",
        "cmnv",
        "chuyen mon nghiep vu",
        "trinh do chuyen mon nghiep vu",
    ),
    "note": ("ghi chu",),
}
# Words that fold alike must keep their diacritics: "Năm" (year) is not "Nam" (male).
_EXACT_SPELLINGS = {"male_mark": ("nam",), "female_mark": ("nữ", "nu")}
_ALIAS_FIELD = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}


def normalize_header(label: str | None) -> str:
    """'Ngày, tháng, năm sinh (dd/mm/yyyy)' → 'ngay thang nam sinh'."""
    text = re.sub(r"\([^)]*\)", " ", fold(label))
    text = re.sub(r"\s*/\s*", "/", re.sub(r"[^a-z0-9/]+", " ", text))
    return text.strip()


def match_header(label: str | None) -> str | None:
    """The field a header names, or None."""
    text = normalize_header(label)
    if not text:
        return None
    if text in _ALIAS_FIELD:
        name = _ALIAS_FIELD[text]
        spellings = _EXACT_SPELLINGS.get(name)
        return None if spellings and clean(label).lower() not in spellings else name
    prefixes = [alias for alias in _ALIAS_FIELD if " " in alias and text.startswith(alias + " ")]
    return _ALIAS_FIELD[max(prefixes, key=len)] if prefixes else None


def header_score(texts: Sequence[str]) -> int:
    """How many different fields a row's texts name; the header row scores highest."""
    return len({name for name in map(match_header, texts) if name})


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds which field; the GUI shows it and lets the user correct it."""

    header_row: int  # Excel's 1-based row number of the (first) header row
    first_data_row: int  # Excel's row number of the first data row
    labels: tuple[str, ...]  # each column's header as written in the file
    columns: Mapping[str, int] = field(default_factory=dict)  # field → 0-based column index

    def column_of(self, name: str) -> int | None:
        return self.columns.get(name)

    def label_of(self, name: str) -> str:
        column = self.columns.get(name)
        if column is not None and column < len(self.labels) and self.labels[column]:
            return self.labels[column]
        return FIELD_LABELS.get(name, name)

    def with_column(self, name: str, column: int | None) -> ColumnMapping:
        """A copy with ``name`` read from ``column`` (None: not imported); a column feeds one field only."""
        columns = {key: col for key, col in self.columns.items() if key != name and col != column}
        if column is not None:
            columns[name] = column
        return replace(self, columns=columns)

    @property
    def missing_required(self) -> tuple[str, ...]:
        return () if "full_name" in self.columns else ("full_name",)


def detect_mapping(grid: SheetGrid, header_row: int | None = None) -> ColumnMapping:
    """Find the header row (or use Excel row ``header_row``) and match every column's header."""
    index = find_header_row(grid, header_score) if header_row is None else header_row - 1
    if index is None or not 0 <= index < len(grid.rows):
        raise SheetReadError(
            grid.file_name,
            f"không tìm thấy dòng tiêu đề cột (như “Họ và tên”, “Ngày sinh”) "
            f"trong 30 dòng đầu của trang “{grid.sheet_name}”.",
        )
    if index > 0 and any(b.first_row == index - 1 < index <= b.last_row for b in grid.merged):
        index -= 1  # the best row is the lower half of a two-row header ('Ngày sinh' over 'Nam' | 'Nữ')
    depth = 2 if any(b.first_row == index < b.last_row for b in grid.merged) else 1
    top = header_texts(grid, index)
    sub = header_texts(grid, index + 1) if depth == 2 else [""] * grid.width
    labels, columns = [], {}
    for col, (upper, lower) in enumerate(zip(top, sub, strict=True)):
        labels.append(f"{upper} / {lower}" if upper and lower and lower != upper else upper or lower)
        name = match_header(lower) or match_header(upper)
        if name and name not in columns:
            columns[name] = col
    first_data = index + depth
    if first_data < len(grid.rows) and _is_numbering_row(grid.rows[first_data]):
        first_data += 1  # the "(1) (2) (3) …" row under a form's header
    return ColumnMapping(index + 1, first_data + 1, tuple(labels), columns)


_NUMBER_LABEL = re.compile(r"^\(?(\d{1,2})\)?$")


def _is_numbering_row(cells: Sequence[Cell]) -> bool:
    numbers = []
    for cell in cells:
        if cell.is_empty:
            continue
        value = cell.value
        match = _NUMBER_LABEL.match(value.strip()) if isinstance(value, str) else None
        if match:
            numbers.append(int(match.group(1)))
        elif isinstance(value, int) and not isinstance(value, bool):
            numbers.append(value)
        else:
            return False
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
