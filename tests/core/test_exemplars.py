"""Exemplars and commendations, collective and individual: validation, scope, counts."""

from __future__ import annotations

from datetime import date

import pytest

from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.oversight import ExemplarInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.exemplars import ExemplarService
from tests.core.year_end_support import YEAR, Bloc, add_exemplars, small_bloc


@pytest.fixture
def world(services: Services) -> Bloc:
    return small_bloc(services)


def test_counts_collectives_individuals_and_forms(services: Services, world: Bloc) -> None:
    """1 collective and 2 individuals; 2 Giấy khen and 1 Bằng khen; collectives listed first."""
    add_exemplars(services, world)
    service = ExemplarService(services.context)
    counts = service.counts(world.bloc, YEAR)
    assert (counts.collectives, counts.individuals, counts.total) == (1, 2, 3)
    assert counts.by_commendation == (("Giấy khen", 2), ("Bằng khen", 1))
    assert service.items(world.bloc, YEAR)[0].is_collective
    assert [e.name for e in service.items(world.treasury, YEAR, collective=False)] == ["Hoàng Văn Dũng"]


@pytest.mark.parametrize(("change", "field"), [
    ({"name": ""}, "name"),
    ({"is_collective": True, "person_id": 1}, "person_id"),
    ({"date": date(YEAR + 2, 1, 1)}, "date"),
])
def test_bad_exemplars_are_refused(services: Services, world: Bloc, change: dict, field: str) -> None:
    """A name is required; a collective has no person; the decision falls in the year or early next year."""
    values = {"organization_id": world.base, "year": YEAR, "name": "Nguyễn Văn An", **change}
    with pytest.raises(ValidationError) as error:
        ExemplarService(services.context).create(ExemplarInput(**values))
    assert error.value.field == field


def test_update_and_delete(services: Services, world: Bloc) -> None:
    """A commendation decided in January of the next year is accepted; deletion removes the row."""
    service = ExemplarService(services.context)
    exemplar_id = service.create(ExemplarInput(world.base, YEAR, "Lê Văn Cường")).exemplar_id
    service.update(exemplar_id, ExemplarInput(world.base, YEAR, "Lê Văn Cường", commendation="Giấy khen",
                                              date=date(YEAR + 1, 1, 15)))
    assert service.get(exemplar_id).commendation == "Giấy khen"
    service.delete(exemplar_id)
    with pytest.raises(NotFoundError):
        service.get(exemplar_id)
