"""Vietnamese personal names for the demo data, with realistic frequencies.

Weights are relative counts. Family names follow the usual national shares, tilted to
the North (Ninh Bình): Nguyễn ≈ 38%, Trần ≈ 11%, Lê ≈ 9.5%, Phạm ≈ 7%, Hoàng/Huỳnh ≈ 5%;
Vũ outnumbers Võ, Hoàng outnumbers Huỳnh, and local names (Đinh, Lã, Tạ) appear.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from khoi_desktop.domain.enums import Gender

FAMILY_NAMES: dict[str, int] = {
    "Nguyễn": 380, "Trần": 110, "Lê": 95, "Phạm": 70, "Hoàng": 42, "Huỳnh": 8, "Phan": 33,
    "Vũ": 32, "Võ": 6, "Đặng": 21, "Bùi": 20, "Đỗ": 17, "Hồ": 10, "Ngô": 13, "Dương": 10,
    "Lý": 5, "Đinh": 14, "Mai": 8, "Tạ": 5, "Trịnh": 8, "Lương": 6, "Đào": 7, "Cao": 4,
    "Hà": 5, "Tô": 3, "Lã": 3, "Phùng": 3, "Vương": 2, "Lại": 2, "Quách": 2, "Đoàn": 5,
    "Lưu": 3, "Chu": 2, "Nghiêm": 1, "Khúc": 1, "Kiều": 1, "Triệu": 2, "Tống": 2,
}

MIDDLE_NAMES: dict[Gender, dict[str, int]] = {
    Gender.MALE: {
        "Văn": 30, "Đức": 9, "Hữu": 7, "Minh": 8, "Quang": 6, "Thanh": 5, "Xuân": 5, "Công": 5,
        "Ngọc": 4, "Trọng": 4, "Mạnh": 3, "Duy": 3, "Tiến": 3, "Quốc": 3, "Hoàng": 2, "Anh": 2,
        "Việt": 2, "Đình": 5, "Hồng": 2, "Huy": 2, "Bá": 2, "Thế": 3, "Trung": 2, "Kim": 1,
    },
    Gender.FEMALE: {
        "Thị": 45, "Thu": 8, "Ngọc": 7, "Thanh": 6, "Phương": 4, "Hồng": 4, "Thúy": 3, "Minh": 4,
        "Thùy": 3, "Kim": 3, "Mai": 2, "Hải": 2, "Bích": 2, "Diệu": 1, "Hoài": 1, "Quỳnh": 1,
        "Khánh": 1, "Thị Thu": 4, "Thị Thanh": 3, "Thị Minh": 2, "Thị Hồng": 2, "Thị Ngọc": 2,
        "Thị Kim": 1,
    },
}

GIVEN_NAMES: dict[Gender, dict[str, int]] = {
    Gender.MALE: {
        "Hùng": 30, "Dũng": 28, "Tuấn": 30, "Minh": 25, "Hải": 22, "Nam": 20, "Long": 18, "Sơn": 20,
        "Thắng": 18, "Cường": 17, "Hưng": 16, "Thành": 18, "Trung": 15, "Hiếu": 12, "Quân": 12,
        "Đức": 15, "Phong": 10, "Tùng": 12, "Bình": 14, "Hoàng": 10, "Huy": 12, "Khánh": 8, "Tú": 8,
        "Việt": 10, "Toàn": 9, "Thịnh": 7, "Tiến": 10, "Quang": 9, "Lâm": 7, "Đạt": 10, "Duy": 8,
        "Kiên": 8, "Phúc": 6, "Tâm": 6, "Vinh": 8, "Lợi": 5, "Chiến": 7, "Hiệp": 6, "Anh": 15,
        "Tài": 5, "Thái": 5, "Công": 4, "Hậu": 4, "Khoa": 5, "Lực": 3, "Giang": 5, "Ngọc": 4,
        "Hòa": 6, "Thanh": 8, "Trường": 7, "Hiển": 4, "Tân": 6, "Thuận": 5, "Nghĩa": 6, "Mạnh": 6,
        "Điệp": 3, "Quý": 4, "Khải": 3, "Định": 4, "Doanh": 3, "Cảnh": 3, "Sang": 3, "Hưởng": 3,
        "Nhật": 3, "Bảo": 4, "Khôi": 3, "Đông": 4, "Thiện": 3, "Trọng": 4, "Luân": 3,
    },
    Gender.FEMALE: {
        "Hương": 30, "Lan": 25, "Hà": 22, "Hằng": 22, "Trang": 25, "Linh": 25, "Thảo": 20,
        "Hoa": 18, "Mai": 18, "Nga": 16, "Thủy": 20, "Huyền": 18, "Ngọc": 12, "Yến": 14,
        "Phương": 16, "Dung": 14, "Loan": 12, "Hạnh": 14, "Hiền": 14, "Nhung": 12, "Vân": 12,
        "Oanh": 10, "Thu": 12, "Thúy": 12, "Liên": 10, "Giang": 10, "Quỳnh": 10, "Anh": 14,
        "Chi": 8, "Hồng": 10, "Lý": 6, "Nhàn": 6, "Tuyết": 6, "Xuân": 7, "Diệp": 4, "Hải": 5,
        "Trinh": 5, "Vy": 4, "My": 5, "Ngân": 7, "Hòa": 6, "Tâm": 6, "Bích": 5, "Duyên": 8,
        "Lụa": 3, "Thơ": 5, "Uyên": 5, "Thắm": 5, "Tươi": 4, "Nhi": 4, "Thanh": 8, "Minh": 6,
        "Hường": 6, "Lệ": 4, "Sen": 3, "Thoa": 5, "Mến": 3, "Khánh": 4, "Châu": 4,
    },
}

MALE_SHARE = 0.55


@dataclass(frozen=True)
class _Table:
    """Values with cumulative weights, ready for ``random.choices``."""

    values: tuple[str, ...]
    cumulative: tuple[int, ...]

    @classmethod
    def of(cls, weights: dict[str, int]) -> _Table:
        return cls(tuple(weights), tuple(itertools.accumulate(weights.values())))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


_FAMILY = _Table.of(FAMILY_NAMES)
_MIDDLE = {gender: _Table.of(table) for gender, table in MIDDLE_NAMES.items()}
_GIVEN = {gender: _Table.of(table) for gender, table in GIVEN_NAMES.items()}


def random_gender(rng: random.Random) -> Gender:
    return Gender.MALE if rng.random() < MALE_SHARE else Gender.FEMALE


def random_name(rng: random.Random, gender: Gender) -> str:
    """'Nguyễn Thị Thu Hương': family, middle, given, never repeating a word side by side."""
    family = _FAMILY.pick(rng)
    middle = _MIDDLE[gender].pick(rng)
    given = _GIVEN[gender].pick(rng)
    # "Ngọc Ngọc", "Thanh Thanh" do not occur as names: draw the given name again.
    while given == middle.split()[-1]:
        given = _GIVEN[gender].pick(rng)
    return f"{family} {middle} {given}"
