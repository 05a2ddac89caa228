"""Who issues, signs and receives a Party document, by level (HD 36-HD/VPTW §II.1.2).

A chi bộ issues as itself ("ĐẢNG BỘ SỞ … / CHI BỘ VĂN PHÒNG SỞ"); a đảng bộ issues through its
committee under its superior đảng bộ ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH / ĐẢNG ỦY SỞ …", "ĐẢNG BỘ
TỈNH NINH BÌNH / ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH") and signs T/M of that committee. Reports go up
to committees ("Ban Thường vụ Tỉnh ủy (để báo cáo)"). The wording per level is preset data
(``levels`` in the LAYOUT preset), with :data:`DEFAULT_LEVELS` where a preset says nothing.
Pure functions: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.presets import LAYOUT_LEVELS_HD36
from khoi_desktop.domain.vntext import clean, fold


@dataclass(frozen=True)
class LevelStyle:
    """How one level of organisation issues and signs, and whom it reports to."""

    issues_as: str  # "organization": the chi bộ itself; "committee": the đảng ủy of the đảng bộ
    signing_body: str  # 'Chi bộ' → 'T/M CHI BỘ'; 'Ban Thường vụ' → 'T/M BAN THƯỜNG VỤ'
    archive: str  # the automatic last line of 'Nơi nhận'
    report_to: str  # prefix of the superior committee in the recipients ('Ban Thường vụ ')


DEFAULT_LEVELS: dict[str, dict[str, str]] = LAYOUT_LEVELS_HD36
# 'Đảng bộ tỉnh Ninh Bình' has the committee 'Tỉnh ủy'; 'Đảng bộ thành phố …' 'Thành ủy'.
_TERRITORIAL = {"tinh": "Tỉnh ủy", "thanh pho": "Thành ủy", "huyen": "Huyện ủy", "quan": "Quận ủy",
                "thi xa": "Thị ủy"}
_PARTY_BODY = re.compile(r"^đảng\s+bộ\s+", re.IGNORECASE)


def level_style(kind: OrgKind, preset: Mapping[str, Any] | None = None) -> LevelStyle:
    """The wording of ``kind`` in the preset's ``levels`` (each missing key from the default)."""
    stored = (preset or {}).get("levels")
    chosen = stored.get(kind.value) if isinstance(stored, Mapping) else None
    values = dict(DEFAULT_LEVELS[kind.value])
    if isinstance(chosen, Mapping):
        values.update({key: str(value) for key, value in chosen.items() if key in values})
    return LevelStyle(**values)


def committee_name(body_name: str) -> str:
    """'Đảng bộ Sở Nông nghiệp' → 'Đảng ủy Sở Nông nghiệp'; a name already naming a committee stays."""
    name = clean(body_name)
    match = _PARTY_BODY.match(name)
    return f"Đảng ủy {name[match.end():]}" if match else name


def superior_committee(superior_name: str) -> str:
    """The committee of a superior đảng bộ: 'Đảng bộ tỉnh Ninh Bình' → 'Tỉnh ủy'."""
    name = clean(superior_name)
    match = _PARTY_BODY.match(name)
    if not match:
        return name
    rest = fold(name[match.end():])
    for prefix, committee in _TERRITORIAL.items():
        if rest.startswith(prefix + " "):
            return committee
    return committee_name(name)


def issuing_name(org_name: str, style: LevelStyle) -> str:
    """The issuer line of the header: the chi bộ itself, or the committee of the đảng bộ."""
    return committee_name(org_name) if style.issues_as == "committee" else clean(org_name)


def report_recipient(superior_name: str, style: LevelStyle) -> str:
    """'Ban Thường vụ Tỉnh ủy (để báo cáo)'; '' without a superior."""
    if not clean(superior_name):
        return ""
    return f"{style.report_to}{superior_committee(superior_name)} (để báo cáo)".strip()


def recipient_lines(recipients: Iterable[str], archive: str) -> list[str]:
    """The lines of 'Nơi nhận' with their endings; a clerk's own 'Lưu …' replaces ``archive``."""
    names = [clean(name).rstrip(",;.").strip() for name in recipients]
    names = [name for name in names if name]
    if not any(fold(name).startswith("luu ") for name in names):
        names.append(clean(archive).rstrip(",;.").strip())
    names = [name for name in names if name]
    return [f"- {name}{'.' if index == len(names) - 1 else ','}" for index, name in enumerate(names)]
