"""Rule presets: every rule-driven number kept as dated data, never in code paths.

A year (or a document's date) is evaluated under the preset of its kind whose
``valid_from`` is the latest on or before that date. The defaults below are written
into new databases by a migration; the clerk can add newer presets when rules change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class RulePreset:
    kind: str
    name: str
    valid_from: date
    data: dict[str, Any]
    source: str = ""


LAYOUT = "layout"
MEETING = "meeting"
ASSESSMENT = "assessment"
REGISTRATION = "registration"
PRESET_KINDS: tuple[str, ...] = (LAYOUT, MEETING, ASSESSMENT, REGISTRATION)

_LAYOUT_HD36 = {
    "page": "A4",
    "margin_top_mm": 20,
    "margin_bottom_mm": 20,
    "margin_left_mm": 30,
    "margin_right_mm": 15,
    "party_name_pt": 15,
    "superior_pt": 14,
    "issuer_pt": 14,
    "number_pt": 14,
    "place_date_pt": 14,
    "doc_type_pt": 15,
    "summary_pt": 14,
    "body_pt": 14,
    "recipients_title_pt": 14,
    "recipients_pt": 12,
    "first_line_indent_cm": 1.27,
    "doc_types": {"minutes": "BB", "resolution": "NQ", "conclusion": "TB", "report": "BC", "plan": "KH"},
}

# Who issues and signs at each level (HD 36 §II.1.2); see khoi_desktop.domain.issuers.
_LEVELS_HD36 = {
    "sub_branch": {"issues_as": "organization", "signing_body": "Chi bộ", "archive": "Lưu Chi bộ", "report_to": ""},
    "base_branch": {"issues_as": "organization", "signing_body": "Chi bộ", "archive": "Lưu Chi bộ",
                    "report_to": "Ban Thường vụ "},
    "base_committee": {"issues_as": "committee", "signing_body": "Đảng ủy", "archive": "Lưu Đảng ủy",
                       "report_to": "Ban Thường vụ "},
    "bloc": {"issues_as": "committee", "signing_body": "Ban Thường vụ", "archive": "Lưu Văn phòng Đảng ủy",
             "report_to": "Ban Thường vụ "},
}
# HD 05-HD/VPTW (27/5/2026) succeeds HD 36. Its full text was not at hand: the preset starts from HD 36's
# values and levels, for the clerk to edit once the office's copy is checked.
LAYOUT_HD05_DATA = {**_LAYOUT_HD36, "levels": _LEVELS_HD36}

_MEETING_RULES_2018 = {
    "min_minutes": 60,
    "min_minutes_combined": 90,
    "quality_bands": [["Tốt", 90], ["Khá", 70], ["Trung bình", 50], ["Kém", 0]],
    "study_kinds": ["study", "thematic", "seminar", "discussion"],
    "participation_rule": "present_at_least_once",
}

_MEETING_RULES_2025 = {
    **_MEETING_RULES_2018,
    "min_minutes": 90,
    "min_minutes_combined": 120,
}

_LEVELS = ["excellent", "good", "completed", "not_completed"]

_ASSESSMENT_2018 = {
    "levels": _LEVELS,
    "uses_points": False,
    "point_bands": {},
    "excellent_quota_of_good": 0.2,
    "not_rated_statuses": ["exempt", "suspended"],
    "min_months_since_admission": 6,
    "self_review_sections": [
        ["political_thought", "Về tư tưởng chính trị"],
        ["ethics", "Về phẩm chất đạo đức, lối sống"],
        ["discipline", "Về ý thức tổ chức kỷ luật"],
        ["working_style", "Về tác phong, lề lối làm việc"],
        ["task_results", "Về kết quả thực hiện chức trách, nhiệm vụ được giao"],
        ["remedy", "Việc khắc phục hạn chế, khuyết điểm đã được chỉ ra"],
    ],
}

_ASSESSMENT_QD366 = {
    **_ASSESSMENT_2018,
    "uses_points": True,
    "point_bands": {"excellent": 90, "good": 70, "completed": 50, "not_completed": 0},
}

_REGISTRATION_2018 = {
    "categories": [
        "Việc thực hiện đường lối của Đảng, chính sách, pháp luật của Nhà nước",
        "Tự tu dưỡng, rèn luyện theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Tinh thần, thái độ phục vụ nhân dân, lề lối, tác phong làm việc, văn hóa công sở",
        "Thực hiện nhiệm vụ chuyên môn được giao",
    ]
}

_REGISTRATION_QD144 = {
    "categories": [
        "Yêu nước, tuyệt đối trung thành với Đảng, Nhà nước và nhân dân",
        "Có bản lĩnh chính trị vững vàng, tinh thần đổi mới, sáng tạo",
        "Cần, kiệm, liêm, chính, chí công vô tư",
        "Đoàn kết, giữ gìn kỷ cương, kỷ luật",
        "Gương mẫu, học tập suốt đời",
    ]
}

DEFAULT_PRESETS: tuple[RulePreset, ...] = (
    RulePreset(LAYOUT, "Hướng dẫn 36-HD/VPTW", date(2018, 4, 3), _LAYOUT_HD36, "HD 36-HD/VPTW ngày 03/4/2018"),
    RulePreset(MEETING, "Hướng dẫn 12-HD/BTCTW", date(2016, 1, 1), _MEETING_RULES_2018, "CT 10, HD 12-HD/BTCTW"),
    RulePreset(MEETING, "Chỉ thị 50-CT/TW", date(2025, 7, 23), _MEETING_RULES_2025, "CT 50-CT/TW, HD 42-HD/BTCTW"),
    RulePreset(ASSESSMENT, "Quy định 132-QĐ/TW", date(2016, 1, 1), _ASSESSMENT_2018, "QĐ 132, QĐ 124"),
    RulePreset(ASSESSMENT, "Quy định 366-QĐ/TW", date(2025, 8, 30), _ASSESSMENT_QD366, "QĐ 366, HD 43-HD/BTCTW"),
    RulePreset(REGISTRATION, "Chỉ thị 05-CT/TW (4 nội dung)", date(2016, 1, 1), _REGISTRATION_2018, "CT 05-CT/TW"),
    RulePreset(REGISTRATION, "Quy định 144-QĐ/TW (5 chuẩn mực)", date(2024, 5, 9), _REGISTRATION_QD144, "QĐ 144-QĐ/TW"),
)


# The self-review form of each ASSESSMENT preset (added by migration m0008; m0002's seeds stay as they were).
# The person's heading lines (birth date, post, branch) and the chi ủy's appraisal block at the foot.
SELF_REVIEW_FORM_QD132 = {
    "code": "Mẫu 2B",
    "subtitle": "(Dùng cho đảng viên)",
    "birth_label": "Ngày sinh",
    "post_label": "Chức vụ Đảng, chính quyền, đoàn thể",
    "unit_label": "Chi bộ",
    "appraisal_title": "Nhận xét, đánh giá của chi ủy (chi bộ)",
    "appraisal_prompts": ["Ưu điểm", "Hạn chế, khuyết điểm", "Mức xếp loại chất lượng chi bộ đề xuất"],
    "appraisal_signer": "T/M CHI ỦY (CHI BỘ)",
    "appraisal_signer_title": "BÍ THƯ",
    "source": "QĐ 132-QĐ/TW, HD 27-HD/BTCTW",
}
SELF_REVIEW_FORM_QD366 = {
    **SELF_REVIEW_FORM_QD132,
    "appraisal_title": "Nhận xét, đánh giá của chi ủy",
    "appraisal_prompts": ["Ưu điểm", "Hạn chế, khuyết điểm", "Số điểm chi ủy chấm",
                          "Mức xếp loại chất lượng chi ủy đề xuất"],
    "appraisal_signer": "T/M CHI ỦY",
    "source": "QĐ 366-QĐ/TW, HD 43-HD/BTCTW",
}
# Which preset (by name) gets which form; a preset the clerk adds later carries its own.
SELF_REVIEW_FORMS = {"Quy định 132-QĐ/TW": SELF_REVIEW_FORM_QD132, "Quy định 366-QĐ/TW": SELF_REVIEW_FORM_QD366}

# Added by migration m0006 (the presets of m0002 stay as they were seeded).
LAYOUT_LEVELS_HD36 = _LEVELS_HD36
LAYOUT_HD05 = RulePreset(LAYOUT, "Hướng dẫn 05-HD/VPTW", date(2026, 5, 27), LAYOUT_HD05_DATA,
                         "HD 05-HD/VPTW ngày 27/5/2026")


DEFAULT_STUDY_KINDS = ("study", "thematic", "seminar", "discussion")


def study_kinds(preset_data: Mapping[str, object]) -> tuple[str, ...]:
    """The meeting kinds a MEETING preset names as study (its ``study_kinds``, else the defaults)."""
    kinds = preset_data.get("study_kinds")
    return tuple(str(kind) for kind in kinds) if isinstance(kinds, list | tuple) and kinds else DEFAULT_STUDY_KINDS


def preset_in_force(presets: list[RulePreset], kind: str, on: date) -> RulePreset | None:
    """The preset of ``kind`` with the latest ``valid_from`` on or before ``on``."""
    candidates = [p for p in presets if p.kind == kind and p.valid_from <= on]
    if not candidates:
        candidates = [p for p in presets if p.kind == kind]
        return min(candidates, key=lambda p: p.valid_from) if candidates else None
    return max(candidates, key=lambda p: p.valid_from)
