"""Generated Vietnamese names and the ICU "vi" collator, for the collation tests.

The oracle is ICU itself through PyICU (the ``pyicu-wheels`` test dependency, wheels for
Linux and Windows): ``icu_collator()`` is ICU's Vietnamese collator at its default strength.
"""

from __future__ import annotations

import random
import unicodedata
from typing import Any

# fmt: off
FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Đinh", "Đào", "Cao", "Chu", "Tô", "Tạ", "Trịnh", "Mạc", "Lương", "Quách",
    "Ông", "Ưng", "Âu", "Kiều", "Lâm", "Thái", "Mai", "Văn", "La", "Lã", "Giang", "Hà", "Khúc",
    "Yên",
)
MIDDLE = (
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Thu", "Hồng", "Bảo",
    "Gia", "Kim", "Công", "Đình", "Trọng", "Diệu", "Ánh", "Ý", "Mỹ", "Nữ", "Phương", "Khánh",
    "Tuấn", "Hoài", "Lệ", "Cẩm", "Ân", "Ơn", "Ưu",
)
GIVEN = (
    "An", "Ánh", "Ân", "Ăn", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hà", "Hải", "Hằng",
    "Hưng", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Oanh", "Phúc", "Quân",
    "Sơn", "Tâm", "Thảo", "Thủy", "Thuỷ", "Trung", "Tuấn", "Uyên", "Ước", "Vinh", "Xuân", "Yến",
    "Ý", "Ơn", "Ổn", "Ửng", "Giang", "Hòa", "Hoà", "Huệ", "Khuê", "Nguyệt", "Quyên", "Trâm", "Ẩn",
    "Ấn", "Ẫn", "Ậm", "Ê", "Ế", "Ệ", "Ô", "Ồ", "Ộ", "Ư", "Ừ", "Ự", "Đào", "Dao", "Đan", "Dân",
    "Fương", "Jin", "Wang", "Zoan",
)
# fmt: on
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def _retone(word: str, rng: random.Random) -> str:
    """The word with its tone removed and a random tone put on a random vowel."""
    bare = [ch for ch in unicodedata.normalize("NFD", word) if ch not in TONES[1:]]
    base = unicodedata.normalize("NFC", "".join(bare))
    spots = [i for i, ch in enumerate(base) if ch in VOWELS]
    if not spots:
        return base
    i = rng.choice(spots)
    return unicodedata.normalize("NFC", base[: i + 1] + rng.choice(TONES) + base[i + 1 :])


def generate_names(count: int, seed: int) -> list[str]:
    """Realistic full names, deterministic: varied tones, middles, case, one-word names."""
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        middles = rng.choices(MIDDLE, k=rng.choice((0, 1, 1, 1, 2, 2, 3)))
        given = rng.choice(GIVEN)
        if rng.random() < 0.3:
            given = _retone(given, rng)
        name = " ".join([rng.choice(FAMILY), *middles, given])
        if rng.random() < 0.05:
            name = name.upper()
        elif rng.random() < 0.05:
            name = name.lower()
        elif rng.random() < 0.02:
            name = given
        names.append(name)
    return names


def icu_collator() -> Any:
    """ICU's collator for Vietnamese ("vi"), default strength (tertiary)."""
    import icu  # noqa: PLC0415 - the bench generates names here without needing ICU

    return icu.Collator.createInstance(icu.Locale("vi"))
