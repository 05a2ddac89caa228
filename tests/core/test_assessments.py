"""Year-end assessment: the preset by year, points and bands, not-rated flags, the quota, collectives."""

from __future__ import annotations

from datetime import date

import pytest

from khoi_desktop.domain.assessments import (
    AssessmentInput,
    level_from_points,
    not_rated_reason,
    quota_check,
)
from khoi_desktop.domain.enums import PersonStatus, RatingLevel
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import StatusChange
from khoi_desktop.services.app import Services
from khoi_desktop.services.assessments import AssessmentService
from tests.core.meetings_support import add_member, probationary
from tests.core.study_support import StudyBloc, study_bloc

EXCELLENT, GOOD = RatingLevel.EXCELLENT, RatingLevel.GOOD
COMPLETED, NOT_COMPLETED = RatingLevel.COMPLETED, RatingLevel.NOT_COMPLETED


@pytest.fixture
def world(services: Services) -> StudyBloc:
    """The study bloc plus, in A, Phúc admitted 01/08/2026 and Quang suspended from 01/10/2026."""
    built = study_bloc(services)
    built.people["Phúc"] = add_member(services, built.a, "Trịnh Văn Phúc", probationary(date(2026, 8, 1)))
    built.people["Quang"] = add_member(services, built.a, "Lý Văn Quang", probationary(date(2020, 1, 1)))
    services.people.change_status(built.people["Quang"], StatusChange(PersonStatus.SUSPENDED, date(2026, 10, 1)))
    return built


@pytest.fixture
def assessments(services: Services) -> AssessmentService:
    return AssessmentService(services.context)


def _rate(assessments: AssessmentService, world: StudyBloc, name: str, level: RatingLevel,
          points: float | None = None, year: int = 2026) -> tuple[str, ...]:
    data = AssessmentInput(year, person_id=world.people[name], points=points, self_level=level, branch_level=level,
                           decided_level=level)
    return assessments.save(data).warnings


# -- the preset by year and the pure rules ---------------------------------------------------------


def test_points_only_from_qd_366(assessments: AssessmentService) -> None:
    """2024 is rated without points (QĐ 132); from the 2025 round the 100-point scale of QĐ 366 applies."""
    assert not assessments.rules_for(2024).uses_points
    assert assessments.rules_for(2024).preset_name == "Quy định 132-QĐ/TW"
    assert assessments.rules_for(2025).uses_points and assessments.rules_for(2026).preset_name == "Quy định 366-QĐ/TW"


@pytest.mark.parametrize(("points", "level"), [
    (100, EXCELLENT), (90, EXCELLENT), (89.5, GOOD), (70, GOOD), (69.9, COMPLETED), (50, COMPLETED),
    (49.9, NOT_COMPLETED), (0, NOT_COMPLETED), (None, None),
])
def test_qd_366_bands(assessments: AssessmentService, points: float | None, level: RatingLevel | None) -> None:
    """≥90 xuất sắc, 70–<90 tốt, 50–<70 hoàn thành, <50 không hoàn thành."""
    assert level_from_points(points, assessments.rules_for(2026)) is level


def test_no_suggested_level_without_the_scale(assessments: AssessmentService) -> None:
    """Before QĐ 366 points suggest nothing."""
    assert level_from_points(95, assessments.rules_for(2024)) is None


@pytest.mark.parametrize(("excellent", "good", "allowed", "exceeded"), [
    (4, 16, 4, False), (5, 15, 4, True), (5, 14, 3, True), (4, 19, 4, False), (1, 2, 0, True), (0, 0, 0, False),
])
def test_quota_is_a_fifth_of_those_rated_good_or_above(excellent: int, good: int, allowed: int,
                                                       exceeded: bool) -> None:
    """Our reading: 'xuất sắc' ≤ 20% of ('tốt' + 'xuất sắc'), rounded down."""
    check = quota_check([EXCELLENT] * excellent + [GOOD] * good + [COMPLETED, None], 0.2)
    assert (check.allowed, check.exceeded) == (allowed, exceeded)
    assert bool(check.message()) is exceeded


def test_not_rated_reasons(assessments: AssessmentService) -> None:
    """Exempt and suspended by the preset; admitted after 30/06 of the year; others rated."""
    rules = assessments.rules_for(2026)
    assert not_rated_reason(PersonStatus.EXEMPT, None, 2026, rules, "tuổi cao") == "Miễn sinh hoạt (tuổi cao)"
    assert not_rated_reason(PersonStatus.SUSPENDED, None, 2026, rules) == "Đình chỉ sinh hoạt"
    assert "chưa đủ 6 tháng" in not_rated_reason(PersonStatus.ACTIVE, date(2026, 7, 1), 2026, rules)
    assert not_rated_reason(PersonStatus.ACTIVE, date(2026, 6, 30), 2026, rules) == ""


# -- ratings lists ----------------------------------------------------------------------------------


def test_the_list_flags_instead_of_dropping(assessments: AssessmentService, world: StudyBloc) -> None:
    """A: An, Bình, Cường rated; Phúc (too new) and Quang (suspended) apart; Dũng (moved out) and Lan (to B) not here."""
    ratings = assessments.ratings(world.a, 2026)
    assert [row.name for row in ratings.rows] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    apart = {row.name: row.not_rated_reason for row in ratings.not_rated}
    assert apart == {"Trịnh Văn Phúc": "Kết nạp ngày 01/08/2026, chưa đủ 6 tháng đến cuối năm",
                     "Lý Văn Quang": "Đình chỉ sinh hoạt"}


def test_exempt_members_and_movers_are_listed_where_they_belong(assessments: AssessmentService,
                                                                world: StudyBloc) -> None:
    """B lists Em and Lan (moved in) as rated and Giang (exempt) apart."""
    ratings = assessments.ratings(world.b, 2026)
    assert {row.name for row in ratings.rows} == {"Đỗ Thị Em", "Mai Thị Lan"}
    assert [(row.name, row.not_rated_reason) for row in ratings.not_rated] == [("Ngô Thị Giang",
                                                                                "Miễn sinh hoạt (tuổi cao)")]


def test_totals_percentages_and_the_quota_warning(assessments: AssessmentService, world: StudyBloc) -> None:
    """1 xuất sắc among 3 rated 'tốt' or above breaks the quota (allowed 0): warned on save and in the list."""
    _rate(assessments, world, "Bình", GOOD, 80)
    _rate(assessments, world, "Cường", GOOD, 75)
    warnings = _rate(assessments, world, "An", EXCELLENT, 95)
    assert any("vượt tỷ lệ 20%" in warning for warning in warnings)
    ratings = assessments.ratings(world.a, 2026)
    assert ratings.quota.exceeded and ratings.warnings
    assert [(t.label, t.count, t.percent) for t in ratings.totals] == [
        ("Hoàn thành xuất sắc nhiệm vụ", 1, "33,33%"), ("Hoàn thành tốt nhiệm vụ", 2, "66,67%"),
        ("Hoàn thành nhiệm vụ", 0, "0%"), ("Không hoàn thành nhiệm vụ", 0, "0%")]


def test_the_base_committee_lists_its_branches_in_order(assessments: AssessmentService, world: StudyBloc) -> None:
    """A đảng bộ cơ sở's list holds the members of every branch, branch by branch."""
    ratings = assessments.ratings(world.base, 2026)
    assert [row.organization_id for row in ratings.rows] == [world.a] * 3 + [world.b] * 2
    assert len(ratings.not_rated) == 3


def test_points_levels_and_warnings_on_save(assessments: AssessmentService, world: StudyBloc) -> None:
    """Points suggest a level; a decision above it is allowed with a warning."""
    warnings = _rate(assessments, world, "An", EXCELLENT, 85)
    assert any("85 điểm" in warning for warning in warnings)
    row = next(r for r in assessments.ratings(world.a, 2026).rows if r.name == "Nguyễn Văn An")
    assert (row.points, row.suggested_level, row.level) == (85.0, GOOD, EXCELLENT)


def test_points_outside_the_scale_are_refused(assessments: AssessmentService, world: StudyBloc) -> None:
    """No points in 2024; at most 100 in 2026."""
    with pytest.raises(ValidationError, match="không chấm điểm"):
        _rate(assessments, world, "An", GOOD, 80, year=2024)
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        _rate(assessments, world, "An", GOOD, 120)


def test_a_reason_given_by_the_clerk_sets_a_member_apart(assessments: AssessmentService, world: StudyBloc) -> None:
    """Long sick leave is not in the preset: the clerk's reason lists the member apart; levels then warn."""
    assessments.save(AssessmentInput(2026, person_id=world.people["Bình"], not_rated_reason="Nghỉ ốm dài ngày",
                                     branch_level=GOOD))
    ratings = assessments.ratings(world.a, 2026)
    assert ("Trần Thị Bình", "Nghỉ ốm dài ngày") in [(r.name, r.not_rated_reason) for r in ratings.not_rated]
    assert any("thuộc diện không xếp loại" in warning for warning in ratings.warnings)


# -- self-reviews ----------------------------------------------------------------------------------


def test_self_review_sections_come_from_the_preset(assessments: AssessmentService, world: StudyBloc) -> None:
    """Six sections in the preset's order; saved text comes back; the input round-trips."""
    person = world.people["An"]
    assessments.save(AssessmentInput(2026, person_id=person, points=92, self_level=EXCELLENT,
                                     sections=(("ethics", "Giản dị, trung thực."), ("remedy", ""))))
    review = assessments.self_review(person, 2026)
    assert [s.code for s in review.sections] == ["political_thought", "ethics", "discipline", "working_style",
                                                 "task_results", "remedy"]
    assert review.sections[1].content == "Giản dị, trung thực." and review.sections[0].content == ""
    assert (review.suggested_level, review.self_level, review.organization_id) == (EXCELLENT, EXCELLENT, world.a)
    again = assessments.input_for(person, 2026)
    assert again.points == 92 and dict(again.sections or ()) == {"ethics": "Giản dị, trung thực."}


def test_self_review_of_a_not_rated_member_says_why(assessments: AssessmentService, world: StudyBloc) -> None:
    """Phúc's review carries the flag, so the form can say he is not rated this year."""
    assert "chưa đủ 6 tháng" in assessments.self_review(world.people["Phúc"], 2026).not_rated_reason


def test_unknown_sections_are_refused(assessments: AssessmentService, world: StudyBloc) -> None:
    """A section code outside the preset is an error, not silently dropped."""
    with pytest.raises(ValidationError, match="không có trong"):
        assessments.save(AssessmentInput(2026, person_id=world.people["An"], sections=(("hobbies", "Đọc sách"),)))


# -- collectives ----------------------------------------------------------------------------------


def test_collectives_are_rated_with_the_same_quota(assessments: AssessmentService, world: StudyBloc) -> None:
    """The base rates A and B; A 'xuất sắc' of two 'tốt' or above breaks the quota (allowed 0)."""
    assessments.save(AssessmentInput(2026, organization_id=world.a, points=93, decided_level=EXCELLENT))
    warnings = assessments.save(AssessmentInput(2026, organization_id=world.b, decided_level=GOOD)).warnings
    assert any("tổ chức đảng" in warning for warning in warnings)
    ratings = assessments.collective_ratings(world.base, 2026)
    assert [(row.name, row.level) for row in ratings.rows] == [("Chi bộ Phòng Ngân sách", EXCELLENT),
                                                               ("Chi bộ Văn phòng Sở", GOOD)]
    assert ratings.collective and ratings.quota.exceeded
    assert [row.organization_id for row in assessments.collective_ratings(world.c, 2026).rows] == [world.c]
    assert assessments.input_for_collective(world.a, 2026).decided_level is EXCELLENT


def test_a_deleted_assessment_lives_on_in_the_audit_log(services: Services, assessments: AssessmentService,
                                                       world: StudyBloc) -> None:
    """Deleting keeps the levels and the self-review text in the delete's audit line."""
    saved = assessments.save(AssessmentInput(2026, person_id=world.people["An"], decided_level=GOOD,
                                             sections=(("ethics", "Giản dị, trung thực."),)))
    assessments.delete(saved.assessment_id)
    details = services.db.execute("SELECT details_json FROM audit_log WHERE entity = 'assessment'"
                                  " AND action = 'delete'").fetchone()[0]
    assert "Giản dị, trung thực." in details and '"decided_level": "good"' in details


def test_a_self_rating_above_its_points_is_flagged_in_the_presets_words(assessments: AssessmentService,
                                                                       world: StudyBloc) -> None:
    """HTXSNV needs ≥ 90 under QĐ 366: a self-rating of it with 85 points is flagged, naming the preset,
    even when the chi bộ and the decision chose the level the points give."""
    data = AssessmentInput(2026, person_id=world.people["An"], points=85, self_level=EXCELLENT, branch_level=GOOD,
                           decided_level=GOOD)
    warnings = assessments.save(data).warnings
    flagged = [warning for warning in warnings if warning.startswith("Tự xếp loại")]
    assert len(flagged) == 1 and "cần từ 90 điểm theo Quy định 366-QĐ/TW" in flagged[0]
    assert "85 điểm ứng với mức" in flagged[0]
    assert not [warning for warning in warnings if warning.startswith(("Chi bộ đề xuất", "Cấp có thẩm quyền"))]
