"""Year plans and the year's study participation, against the hand-counted bloc of study_support."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest

from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.study import (
    OrgTree,
    PlanDocument,
    StudyRow,
    Tally,
    YearPlanInput,
    participation_figures,
    took_part,
)
from khoi_desktop.services.app import Services
from khoi_desktop.services.study import StudyService, members_on, organization, placements_on
from khoi_desktop.services.year_plans import YearPlanService
from tests.core.meetings_support import Kit
from tests.core.study_support import StudyBloc, hold_study_year, study_bloc


@pytest.fixture
def world(services: Services) -> StudyBloc:
    built = study_bloc(services)
    hold_study_year(Kit.over(services), built)
    return built


@pytest.fixture
def study(services: Services) -> StudyService:
    return StudyService(services.context)


def _by_org(study: StudyService, org_id: int, year: int = 2026) -> dict[int, Tally]:
    return {line.organization_id: line.tally for line in study.participation(org_id, year).by_organization}


# -- the rules, pure ---------------------------------------------------------------------------


@pytest.mark.parametrize(("rule", "present", "expected", "result"), [
    ("present_at_least_once", 1, 5, True), ("present_at_least_once", 0, 5, False),
    ("present_at_least_half", 2, 4, True), ("present_at_least_half", 1, 3, False),
    ("present_at_every_meeting", 3, 3, True), ("present_at_every_meeting", 2, 3, False),
])
def test_took_part_follows_the_rule(rule: str, present: int, expected: int, result: bool) -> None:
    """Each supported participation rule decides from present and expected counts."""
    assert took_part(rule, present, expected) is result


def test_an_unknown_rule_is_refused_in_vietnamese() -> None:
    """A preset naming a rule the app does not know gives a clear error, not a wrong figure."""
    with pytest.raises(ValidationError, match="không được hỗ trợ"):
        took_part("present_twice", 2, 3)


def test_a_person_who_moved_within_an_organisation_counts_once_there() -> None:
    """Distinct persons: one person credited to two branches is one person in their parent."""
    tree = OrgTree(1, {1: None, 2: 1, 3: 1}, {1: "Đảng bộ", 2: "Chi bộ A", 3: "Chi bộ B"}, (1, 2, 3))
    rows = [StudyRow(2, 2, 7, "party_official", 2, 1, "2026-03-01"),
            StudyRow(3, 3, 7, "party_official", 1, 0, "2026-09-01")]
    overall, by_org, _ = participation_figures(rows, tree, "present_at_least_once")
    assert overall == Tally(1, 1, 3, 1)
    assert [line.tally.persons_expected for line in by_org] == [1, 1, 1]


def test_tally_texts_are_written_the_vietnamese_way() -> None:
    """'193/200 người, đạt 96,5%' and the same for attendances."""
    tally = Tally(200, 193, 1200, 1150)
    assert tally.persons_text == "193/200 người, đạt 96,5%"
    assert tally.attendances_text == "1.150/1.200 lượt, đạt 95,83%"


# -- participation from the database ----------------------------------------------------------


def test_bloc_figures_match_the_hand_count(study: StudyService, world: StudyBloc) -> None:
    """9 people expected, 6 took part; 18 expected attendances, 11 present; 5 study meetings."""
    figures = study.participation(world.bloc, 2026)
    assert figures.meetings == 5
    assert figures.overall == Tally(9, 6, 18, 11)
    assert figures.overall.persons_text == "6/9 người, đạt 66,67%"
    assert figures.overall.attendances_text == "11/18 lượt, đạt 61,11%"


def test_each_organisation_counts_with_its_children(study: StudyService, world: StudyBloc) -> None:
    """A base conference is credited to each member's branch; Lan, who moved A → B, is one person in the base."""
    tallies = _by_org(study, world.bloc)
    assert tallies[world.a] == Tally(5, 4, 12, 8)
    assert tallies[world.b] == Tally(3, 2, 4, 2)
    assert tallies[world.base] == Tally(7, 5, 16, 10)
    assert tallies[world.c] == Tally(2, 1, 2, 1)


def test_organisations_are_listed_in_tree_order_with_depth(study: StudyService, world: StudyBloc) -> None:
    """The bloc first, then each organisation in name order, followed by those below it."""
    lines = study.participation(world.bloc, 2026).by_organization
    assert [(line.organization_id, line.depth) for line in lines] == [
        (world.bloc, 0), (world.c, 1), (world.base, 1), (world.a, 2), (world.b, 2)]


def test_asking_for_one_branch_gives_only_its_figures(study: StudyService, world: StudyBloc) -> None:
    """The scope is the organisation asked for and those below it."""
    figures = study.participation(world.a, 2026)
    assert figures.overall == Tally(5, 3, 8, 5)
    assert figures.meetings == 2


def test_joiners_and_leavers_are_expected_only_while_they_belong(study: StudyService, world: StudyBloc) -> None:
    """Cường (joined 01/03) is expected twice, Dũng (left 01/07) twice: the rolls of their meetings."""
    figures = study.participation(world.base, 2026)
    probationary = next(kind for kind in figures.by_kind if kind.kind == "party_probationary")
    assert probationary.tally == Tally(1, 1, 2, 2)
    official = next(kind for kind in figures.by_kind if kind.kind == "party_official")
    assert official.tally == Tally(6, 4, 14, 8)


def test_by_kind_for_the_bloc(study: StudyService, world: StudyBloc) -> None:
    """Official 5/8 persons and 9/16 attendances; probationary 1/1 and 2/2."""
    kinds = {kind.label: kind.tally for kind in study.participation(world.bloc, 2026).by_kind}
    assert kinds == {"Đảng viên chính thức": Tally(8, 5, 16, 9), "Đảng viên dự bị": Tally(1, 1, 2, 2)}


def test_the_rule_comes_from_the_preset(services: Services, study: StudyService, world: StudyBloc) -> None:
    """Switching the preset to 'every meeting' makes Bình, present once of three, not count."""
    services.db.execute("UPDATE rule_presets SET data_json = json_set(data_json, '$.participation_rule', "
                        "'present_at_every_meeting') WHERE kind = 'meeting'")
    figures = study.participation(world.bloc, 2026)
    assert figures.overall.persons_took_part == 5
    assert "đủ các buổi" in figures.rule_label


def test_the_study_kinds_come_from_the_preset(services: Services, study: StudyService, world: StudyBloc) -> None:
    """With only 'study' conferences as study meetings, one meeting and its five counted rows remain."""
    services.db.execute("UPDATE rule_presets SET data_json = json_set(data_json, '$.study_kinds', "
                        "json(?)) WHERE kind = 'meeting'", [json.dumps(["study"])])
    figures = study.participation(world.bloc, 2026)
    assert (figures.meetings, figures.overall) == (1, Tally(5, 3, 5, 3))


def test_a_year_without_study_is_zero_not_an_error(study: StudyService, world: StudyBloc) -> None:
    """No study meetings: zero figures written '0/0 người, đạt 0%'."""
    figures = study.participation(world.bloc, 2020)
    assert figures.overall == Tally() and figures.overall.persons_text == "0/0 người, đạt 0%"


def test_bad_year_and_organisation_are_refused(study: StudyService, world: StudyBloc) -> None:
    """Vietnamese errors for a year out of range and an unknown organisation."""
    with pytest.raises(ValidationError, match="Năm 1990 không hợp lệ"):
        study.participation(world.bloc, 1990)
    with pytest.raises(NotFoundError, match="Không có tổ chức mã số 999"):
        study.participation(999, 2026)


def test_placements_on_several_days_match_the_members_of_each_day(services: Services, world: StudyBloc) -> None:
    """One reading of the people, placed per day as members_on places them (Dũng leaves on 01/07)."""
    days = (date(2026, 2, 1), date(2026, 12, 31))
    placements = placements_on(services.db, organization(services.db, world.base), days)
    for day in days:
        members = members_on(services.db, organization(services.db, world.base), day)
        assert placements[day] == {m.facts.person_id: m.placement for m in members}
    assert world.people["Dũng"] in placements[days[0]] and world.people["Dũng"] not in placements[days[1]]


# -- year plans ----------------------------------------------------------------------------------


@pytest.fixture
def plans(services: Services) -> YearPlanService:
    return YearPlanService(services.context)


def test_a_plan_is_saved_clean_with_its_documents(services: Services, plans: YearPlanService) -> None:
    """Text comes back NFC; resolutions and directives are kept in order; the change is audited."""
    world = study_bloc(services)
    theme = unicodedata.normalize("NFD", "Đoàn kết, kỷ cương, nêu gương")
    document = PlanDocument("NQ", "Nghị quyết về công tác xây dựng Đảng", "03-NQ/TU", date(2016, 6, 6), "Tỉnh ủy")
    plans.save(YearPlanInput(world.a, 2026, theme=theme, focus_content="Đổi mới quản lý",
                             documents=(document, PlanDocument("CT", "Chỉ thị 05-CT/TW"))))
    saved = plans.get(world.a, 2026)
    assert saved.theme == "Đoàn kết, kỷ cương, nêu gương" and saved.focus_content == "Đổi mới quản lý"
    assert [d.number for d in saved.documents] == ["03-NQ/TU", ""]
    assert saved.documents[0].kind_label == "Nghị quyết"
    audit = services.db.execute("SELECT count(*) FROM audit_log WHERE entity = 'year_plan'").fetchone()[0]
    assert audit == 1


def test_an_empty_plan_is_offered_when_none_was_entered(services: Services, plans: YearPlanService) -> None:
    """No plan yet: an empty one with no id, not an error."""
    world = study_bloc(services)
    assert plans.get(world.c, 2026).id is None


def test_a_plan_document_needs_a_title(services: Services, plans: YearPlanService) -> None:
    """A document without a title is refused with a Vietnamese message."""
    world = study_bloc(services)
    with pytest.raises(ValidationError, match="trích yếu"):
        plans.save(YearPlanInput(world.a, 2026, documents=(PlanDocument("NQ", " "),)))


def test_the_bloc_theme_goes_to_units_without_one(services: Services, plans: YearPlanService) -> None:
    """Units with no theme get it (and the documents); a unit's own theme and focus are never overwritten."""
    world = study_bloc(services)
    document = PlanDocument("KH", "Kế hoạch học tập năm 2026")
    plans.save(YearPlanInput(world.bloc, 2026, theme="Chủ đề của Khối", term_theme="Toàn khóa",
                             documents=(document,)))
    plans.save(YearPlanInput(world.a, 2026, theme="Chủ đề riêng của chi bộ"))
    plans.save(YearPlanInput(world.b, 2026, focus_content="Nội dung trọng tâm riêng"))
    offered = plans.offer_theme_to_children(world.bloc, 2026)
    assert (offered.filled, offered.kept) == (4, 0)
    assert plans.get(world.a, 2026).theme == "Chủ đề riêng của chi bộ"
    assert plans.get(world.a, 2026).term_theme == "Toàn khóa"
    b_plan = plans.get(world.b, 2026)
    assert (b_plan.theme, b_plan.focus_content) == ("Chủ đề của Khối", "Nội dung trọng tâm riêng")
    assert [d.title for d in plans.get(world.c, 2026).documents] == ["Kế hoạch học tập năm 2026"]
    again = plans.offer_theme_to_children(world.bloc, 2026)
    assert (again.filled, again.kept) == (0, 4)


def test_offering_needs_a_theme(services: Services, plans: YearPlanService) -> None:
    """Nothing to offer: a Vietnamese error and no plans created."""
    world = study_bloc(services)
    with pytest.raises(NotFoundError, match="chưa có chủ đề năm 2026"):
        plans.offer_theme_to_children(world.bloc, 2026)
    assert services.db.execute("SELECT count(*) FROM year_plans").fetchone()[0] == 0
