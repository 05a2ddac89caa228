"""Year-end assessment (kiểm điểm, đánh giá, xếp loại): pure rules over the ASSESSMENT preset.

A year is assessed under the preset in force on 31 December of that year (QĐ 366 and its
100-point scale from the 2025 round on).

**Quota of 'xuất sắc'** — our reading, kept as the preset's ``excellent_quota_of_good``
(0.2): in one list (the members of an organisation, or the organisations under one
committee), the number rated *Hoàn thành xuất sắc nhiệm vụ* may not exceed that share of
the number rated *Hoàn thành tốt nhiệm vụ* or above — 'xuất sắc' included, since a member
rated 'xuất sắc' is also rated at least 'tốt'. With 20 rated 'tốt' or above at most 4 may
be 'xuất sắc' (a fraction is rounded down: 0.2 × 23 allows 4). The check runs on each
row's working level: the decided level, else the branch's proposal; people not rated are
left out.

**Not rated** (listed apart, never dropped): members whose status on 31 December is one
of the preset's ``not_rated_statuses`` (exempt, suspended), members admitted less than
``min_months_since_admission`` months before 31 December, and anyone the clerk marked
with a reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from typing import Any

from khoi_desktop.domain.attendance import PersonFacts, Placement, StatusFact, place_on
from khoi_desktop.domain.enums import PersonStatus, RatingLevel
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.validation import add_months
from khoi_desktop.domain.vntext import clean, format_date, format_number, format_percent

LEVEL_SHORT: dict[RatingLevel, str] = {
    RatingLevel.EXCELLENT: "HTXSNV",
    RatingLevel.GOOD: "HTTNV",
    RatingLevel.COMPLETED: "HTNV",
    RatingLevel.NOT_COMPLETED: "KHTNV",
}


@dataclass(frozen=True)
class SelfReviewForm:
    """The self-review form a preset names: the person's heading lines and the chi ủy's appraisal."""

    code: str = ""
    subtitle: str = ""
    birth_label: str = "Ngày sinh"
    post_label: str = "Chức vụ"
    unit_label: str = "Sinh hoạt tại"
    appraisal_title: str = ""  # empty: the form has no appraisal block
    appraisal_prompts: tuple[str, ...] = ()
    appraisal_signer: str = ""
    appraisal_signer_title: str = ""

    @classmethod
    def from_preset(cls, data: Mapping[str, Any] | None) -> SelfReviewForm:
        if not data:
            return cls()
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known["appraisal_prompts"] = tuple(str(p) for p in known.get("appraisal_prompts", ()))
        return cls(**{name: value if name == "appraisal_prompts" else str(value) for name, value in known.items()})


@dataclass(frozen=True)
class AssessmentRules:
    """The ASSESSMENT preset of a year, parsed."""

    preset_name: str
    levels: tuple[RatingLevel, ...]
    uses_points: bool
    point_bands: tuple[tuple[RatingLevel, float], ...]  # highest floor first
    excellent_quota_of_good: float
    not_rated_statuses: frozenset[PersonStatus]
    min_months_since_admission: int
    sections: tuple[tuple[str, str], ...]  # (code, title) of the self-review
    form: SelfReviewForm = SelfReviewForm()

    @classmethod
    def from_preset(cls, name: str, data: Mapping[str, Any]) -> AssessmentRules:
        bands = {RatingLevel(level): float(floor) for level, floor in (data.get("point_bands") or {}).items()}
        return cls(
            preset_name=name,
            levels=tuple(RatingLevel(level) for level in data.get("levels", list(RatingLevel))),
            uses_points=bool(data.get("uses_points")),
            point_bands=tuple(sorted(bands.items(), key=lambda band: -band[1])),
            excellent_quota_of_good=float(data.get("excellent_quota_of_good", 0.2)),
            not_rated_statuses=frozenset(PersonStatus(s) for s in data.get("not_rated_statuses", ())),
            min_months_since_admission=int(data.get("min_months_since_admission", 0)),
            sections=tuple((str(code), str(title)) for code, title in data.get("self_review_sections", ())),
            form=SelfReviewForm.from_preset(data.get("self_review_form")),
        )

    def section_title(self, code: str) -> str:
        return dict(self.sections).get(code, code)


def year_end(year: int) -> date:
    return date(year, 12, 31)


def level_from_points(points: float | None, rules: AssessmentRules) -> RatingLevel | None:
    """The level the points fall in (QĐ 366: ≥90, 70–<90, 50–<70, <50); None without points."""
    if points is None or not rules.uses_points:
        return None
    return next((level for level, floor in rules.point_bands if points >= floor), None)


def check_points(points: float | None, rules: AssessmentRules, year: int) -> float | None:
    if points is None:
        return None
    if not rules.uses_points:
        raise ValidationError("points", f"Năm {year} đánh giá theo {rules.preset_name}, không chấm điểm theo "
                              "thang 100 điểm: hãy để trống ô điểm.")
    if isinstance(points, bool) or not 0 <= points <= 100:
        raise ValidationError("points", f"Số điểm {points} không hợp lệ (từ 0 đến 100).")
    return float(points)


def check_level(level: RatingLevel | None, rules: AssessmentRules, label: str) -> RatingLevel | None:
    if level is None:
        return None
    level = RatingLevel(level)
    if level not in rules.levels:
        raise ValidationError("level", f"{label}: mức “{level.label}” không có trong {rules.preset_name}.")
    return level


def points_text(points: float | None) -> str:
    """'85' or '85,5'."""
    if points is None:
        return ""
    return format_number(points, 0 if float(points).is_integer() else 1)


def level_above_points(level: RatingLevel | None, points: float | None, rules: AssessmentRules) -> bool:
    """Whether ``level`` is higher than the level the points fall in (worth a warning)."""
    suggested = level_from_points(points, rules)
    order = list(RatingLevel)
    return level is not None and suggested is not None and order.index(level) < order.index(suggested)


def band_warning(who: str, level: RatingLevel | None, points: float | None, rules: AssessmentRules) -> str:
    """The warning when ``level`` needs more points than given, in the preset's terms; '' otherwise.

    'Tự xếp loại: mức “Hoàn thành xuất sắc nhiệm vụ” cần từ 90 điểm theo Quy định 366-QĐ/TW;
    75 điểm ứng với mức “Hoàn thành tốt nhiệm vụ”.'
    """
    if not level_above_points(level, points, rules):
        return ""
    floor = dict(rules.point_bands)[level]  # type: ignore[index]
    suggested = level_from_points(points, rules)
    return (f"{who}: mức “{level.label}” cần từ {points_text(floor)} điểm theo {rules.preset_name}; "  # type: ignore[union-attr]
            f"{points_text(points)} điểm ứng với mức “{suggested.label}”.")  # type: ignore[union-attr]


# ---------------------------------------------------------------------------
# Who is listed, and who is not rated


def year_end_placement(facts: PersonFacts, day: date, scope: frozenset[int]) -> Placement | None:
    """``place_on``, except that a suspended member stays listed (with status 'suspended').

    A suspended member is off the meeting roll but is still a member of the branch and must
    appear, not rated, on its ratings list.
    """
    placement = place_on(facts, day, scope)
    if placement is not None or not _ever_suspended(facts):
        return placement  # with no suspension to lift, lifting would change nothing
    active = PersonStatus.ACTIVE

    def unsuspend(status: PersonStatus) -> PersonStatus:
        return active if status is PersonStatus.SUSPENDED else status

    lifted = replace(facts, status=unsuspend(facts.status), statuses=tuple(
        StatusFact(unsuspend(s.status), s.start_date, s.organization_id, s.note) for s in facts.statuses))
    placement = place_on(lifted, day, scope)
    return replace(placement, status=PersonStatus.SUSPENDED) if placement else None


def _ever_suspended(facts: PersonFacts) -> bool:
    suspended = PersonStatus.SUSPENDED
    return facts.status is suspended or any(s.status is suspended for s in facts.statuses)


def organisation_on(facts: PersonFacts, day: date) -> int | None:
    """The organisation of the person's status row in force on ``day`` (else their current one)."""
    for status in reversed(facts.statuses):
        if status.start_date <= day and status.organization_id is not None:
            return status.organization_id
    return facts.organization_id


def not_rated_reason(status: PersonStatus, admitted_on: date | None, year: int, rules: AssessmentRules,
                     status_note: str = "") -> str:
    """Why a member is not rated for ``year`` ('' when they are rated)."""
    if status in rules.not_rated_statuses:
        return f"{status.label} ({clean(status_note)})" if clean(status_note) else status.label
    months = rules.min_months_since_admission
    if admitted_on is not None and months > 0 and admitted_on > add_months(year_end(year), -months):
        return f"Kết nạp ngày {format_date(admitted_on)}, chưa đủ {months} tháng đến cuối năm"
    return ""


# ---------------------------------------------------------------------------
# Totals and the quota


@dataclass(frozen=True)
class LevelTotal:
    level: RatingLevel | None  # None: rated rows with no level yet
    count: int
    of: int  # everyone rated in the list

    @property
    def label(self) -> str:
        return self.level.label if self.level else "Chưa xếp loại"

    @property
    def percent(self) -> str:
        return format_percent(self.count, self.of)


@dataclass(frozen=True)
class QuotaCheck:
    """The 'xuất sắc' quota (see the module docstring for how it is read)."""

    excellent: int
    good_or_better: int
    quota: float
    allowed: int

    @property
    def exceeded(self) -> bool:
        return self.excellent > self.allowed

    def message(self, subject: str = "đảng viên") -> str:
        """'' when within the quota, else a Vietnamese warning."""
        if not self.exceeded:
            return ""
        share = format_percent(self.quota * 100, 100)
        return (f"Số {subject} hoàn thành xuất sắc nhiệm vụ ({self.excellent}) vượt tỷ lệ {share} số được xếp "
                f"loại hoàn thành tốt nhiệm vụ trở lên ({self.good_or_better}): tối đa {self.allowed}.")


def quota_check(levels: Iterable[RatingLevel | None], quota: float) -> QuotaCheck:
    chosen = [level for level in levels if level is not None]
    excellent = chosen.count(RatingLevel.EXCELLENT)
    good_or_better = excellent + chosen.count(RatingLevel.GOOD)
    allowed = math.floor(Fraction(str(quota)) * good_or_better)
    return QuotaCheck(excellent, good_or_better, quota, allowed)


def level_totals(levels: Sequence[RatingLevel | None], rules: AssessmentRules) -> tuple[LevelTotal, ...]:
    """Counts by level in the preset's order (and 'chưa xếp loại' when some rows have none)."""
    totals = [LevelTotal(level, levels.count(level), len(levels)) for level in rules.levels]
    missing = levels.count(None)
    if missing:
        totals.append(LevelTotal(None, missing, len(levels)))
    return tuple(totals)


# ---------------------------------------------------------------------------
# Records the services hand out


@dataclass(frozen=True)
class AssessmentInput:
    """A personal (``person_id`` set) or collective assessment as a form hands it over."""

    year: int
    person_id: int | None = None
    organization_id: int | None = None  # a person's defaults to their organisation on 31 December
    points: float | None = None  # only where the preset uses the 100-point scale
    self_level: RatingLevel | None = None  # the member's own proposal (tự xếp loại)
    branch_level: RatingLevel | None = None  # the branch's proposal (chi bộ đề xuất)
    decided_level: RatingLevel | None = None  # the competent body's decision
    decided_on: date | None = None
    not_rated_reason: str = ""  # a reason the clerk gives; computed flags are added by the service
    note: str = ""
    sections: tuple[tuple[str, str], ...] | None = None  # (code, text) of the self-review; None keeps them


@dataclass(frozen=True)
class ReviewSection:
    code: str
    title: str
    content: str = ""


@dataclass(frozen=True)
class SelfReview:
    """A person's bản tự kiểm điểm for a year, under the preset in force for it."""

    person_id: int
    full_name: str
    position: str
    organization_id: int
    organization_name: str
    year: int
    rules: AssessmentRules
    sections: tuple[ReviewSection, ...]
    birth: str = ""  # 'dd/mm/yyyy', or the year alone when only that is known
    points: float | None = None
    suggested_level: RatingLevel | None = None  # from the points
    self_level: RatingLevel | None = None
    branch_level: RatingLevel | None = None
    decided_level: RatingLevel | None = None
    not_rated_reason: str = ""
    note: str = ""
    assessment_id: int | None = None


@dataclass(frozen=True)
class RatingRow:
    """One line of a ratings list: a member (``person_id`` set) or an organisation."""

    name: str
    position: str
    organization_id: int
    organization_name: str
    person_id: int | None = None
    points: float | None = None
    suggested_level: RatingLevel | None = None
    self_level: RatingLevel | None = None
    branch_level: RatingLevel | None = None
    decided_level: RatingLevel | None = None
    not_rated_reason: str = ""
    note: str = ""
    assessment_id: int | None = None

    @property
    def level(self) -> RatingLevel | None:
        """The working level: the decision, else the branch's proposal."""
        return self.decided_level or self.branch_level

    @property
    def rated(self) -> bool:
        return not self.not_rated_reason


@dataclass(frozen=True)
class Ratings:
    """The danh sách xếp loại of an organisation for a year: rated rows, the rest apart, totals, quota."""

    organization_id: int
    organization_name: str
    year: int
    rules: AssessmentRules
    collective: bool
    rows: tuple[RatingRow, ...]  # rated, in tree then name order
    not_rated: tuple[RatingRow, ...]
    totals: tuple[LevelTotal, ...]
    quota: QuotaCheck
    warnings: tuple[str, ...] = ()
