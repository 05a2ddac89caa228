"""Inspections and supervisions: validation, steps in order, counts by kind and target level, audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from khoi_desktop.domain.enums import InspectionKind, InspectionStep, OrgKind
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.oversight import InspectionInput, StepRecord, clean_steps, current_step
from khoi_desktop.services.app import Services
from khoi_desktop.services.inspections import InspectionService
from tests.core.year_end_support import BTV, UBKT, YEAR, Bloc, add_inspections, small_bloc


@pytest.fixture
def world(services: Services) -> Bloc:
    return small_bloc(services)


def _input(world: Bloc, **change: object) -> InspectionInput:
    data = InspectionInput(YEAR, world.bloc, InspectionKind.INSPECTION, "  Việc thực hiện  chủ đề năm ",
                           (world.base,), UBKT)
    return replace(data, **change)


def test_create_cleans_text_and_reads_back_targets_and_steps(services: Services, world: Bloc) -> None:
    """Text is cleaned; targets and steps come back; the current step is the furthest recorded."""
    service = InspectionService(services.context)
    steps = (StepRecord(InspectionStep.NOTICE, date(YEAR, 2, 20), "05-TB/UBKT"),
             StepRecord(InspectionStep.PLAN, date(YEAR, 2, 1)))
    saved = service.create(_input(world, steps=steps, target_ids=(world.base, world.treasury, world.base)))
    found = service.get(saved.inspection_id)
    assert found.subject == "Việc thực hiện chủ đề năm"
    assert sorted(t.organization_id for t in found.targets) == sorted([world.base, world.treasury])
    assert [s.step for s in found.steps] == [InspectionStep.PLAN, InspectionStep.NOTICE]
    assert found.step is InspectionStep.NOTICE and not found.finished
    assert found.body == UBKT and saved.changes.ids == (saved.inspection_id,)


def test_steps_must_not_go_backwards_or_repeat() -> None:
    """A later step dated before an earlier one, or a step twice, is refused."""
    with pytest.raises(ValidationError, match="không thể trước"):
        clean_steps([StepRecord(InspectionStep.PLAN, date(YEAR, 3, 1)), StepRecord(InspectionStep.NOTICE, date(YEAR, 2, 1))])
    with pytest.raises(ValidationError, match="hai lần"):
        clean_steps([StepRecord(InspectionStep.PLAN), StepRecord(InspectionStep.PLAN)])
    assert current_step(()) is InspectionStep.PLAN


@pytest.mark.parametrize(("change", "field"), [
    ({"subject": "  "}, "subject"),
    ({"target_ids": ()}, "target_ids"),
    ({"year": 1800}, "year"),
    ({"start_date": date(YEAR, 5, 1), "end_date": date(YEAR, 4, 1)}, "end_date"),
    ({"start_date": date(YEAR + 3, 1, 1)}, "start_date"),
])
def test_bad_input_is_refused_with_its_field(services: Services, world: Bloc, change: dict, field: str) -> None:
    """Each rule names the form field at fault, in Vietnamese, and nothing is written."""
    service = InspectionService(services.context)
    with pytest.raises(ValidationError) as error:
        service.create(_input(world, **change))
    assert error.value.field == field
    assert service.conducted_by(world.bloc, YEAR) == []


def test_targets_must_be_below_the_conducting_organisation(services: Services, world: Bloc) -> None:
    """The base committee cannot inspect Kho bạc (not below it); unknown ids are not found."""
    service = InspectionService(services.context)
    with pytest.raises(ValidationError, match="không trực thuộc"):
        service.create(_input(world, conducting_org_id=world.base, target_ids=(world.treasury,)))
    with pytest.raises(NotFoundError):
        service.create(_input(world, target_ids=(9999,)))


def test_counts_by_kind_and_target_level(services: Services, world: Bloc) -> None:
    """Own: 3 (1 of each kind, 2 concluded; targets 2 đảng bộ cơ sở, 2 chi bộ cơ sở); below: 1."""
    add_inspections(services, world)
    summary = InspectionService(services.context).counts(world.bloc, YEAR)
    assert summary.own.total == 3 and summary.own.inspections_and_supervisions == 3 and summary.own.finished == 2
    assert summary.own.of_kind(InspectionKind.THEMATIC_SUPERVISION) == 1
    assert dict(summary.own.targets_by_level) == {OrgKind.BASE_COMMITTEE: 2, OrgKind.BASE_BRANCH: 2}
    assert summary.below.total == 1
    assert InspectionService(services.context).counts(world.bloc, YEAR - 1).own.total == 1


def test_targeting_lists_inspections_a_unit_received(services: Services, world: Bloc) -> None:
    """Kho bạc was the target of two 2018 inspections; the base of three (its branch included)."""
    add_inspections(services, world)
    service = InspectionService(services.context)
    assert len(service.targeting(world.treasury, YEAR)) == 2
    assert {i.body for i in service.targeting(world.base, YEAR)} == {UBKT, BTV, "Ủy ban Kiểm tra Đảng ủy"}


def test_record_step_update_delete_and_audit(services: Services, world: Bloc) -> None:
    """Recording the conclusion finishes it; deleting removes it; every write is audited."""
    service = InspectionService(services.context)
    inspection_id = service.create(_input(world)).inspection_id
    service.record_step(inspection_id, StepRecord(InspectionStep.CONCLUSION, date(YEAR, 5, 1), "10-TB/UBKT"))
    assert service.get(inspection_id).finished
    service.delete(inspection_id)
    with pytest.raises(NotFoundError):
        service.get(inspection_id)
    actions = [row[0] for row in services.db.execute(
        "SELECT action FROM audit_log WHERE entity = 'inspection' ORDER BY id").fetchall()]
    assert actions == ["create", "update", "delete"]
