"""Outreach items by outlet and the contributors' network: validation, scope, counts."""

from __future__ import annotations

from datetime import date

import pytest

from khoi_desktop.domain.enums import OutreachOutlet
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.oversight import ContributorInput, OutreachInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.outreach import OutreachService
from tests.core.year_end_support import YEAR, Bloc, add_outreach, small_bloc


@pytest.fixture
def world(services: Services) -> Bloc:
    return small_bloc(services)


def test_counts_by_outlet_include_the_organisations_below(services: Services, world: Bloc) -> None:
    """The bloc sees 2 newspaper, 1 radio, 12 web posts in one entry, 1 conference: 16 pieces, 5 entries."""
    add_outreach(services, world)
    service = OutreachService(services.context)
    counts = service.counts(world.bloc, YEAR)
    assert counts.pieces == 16 and counts.entries == 5
    assert counts.pieces_of(OutreachOutlet.WEBSITE) == 12 and counts.pieces_of(OutreachOutlet.NEWSPAPER) == 2
    assert service.counts(world.treasury, YEAR).pieces == 2
    assert service.counts(world.bloc, YEAR - 1).pieces == 0
    assert {c.name for c in service.contributors(world.bloc)} == {"Nguyễn Văn An", "Hoàng Văn Dũng"}
    assert len(service.contributors(world.treasury)) == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"title": " "}, "title"),
    ({"count": 0}, "count"),
    ({"date": date(YEAR + 1, 1, 2)}, "date"),
])
def test_bad_items_are_refused(services: Services, world: Bloc, change: dict, field: str) -> None:
    """An item needs a title, a positive count and a date in its year."""
    values = {"organization_id": world.base, "year": YEAR, "outlet": OutreachOutlet.NEWSPAPER, "title": "Tin", **change}
    with pytest.raises(ValidationError) as error:
        OutreachService(services.context).create(OutreachInput(**values))
    assert error.value.field == field


def test_update_delete_and_unknown_ids(services: Services, world: Bloc) -> None:
    """Edits read back cleaned; a deleted item is gone; unknown organisations and people are refused."""
    service = OutreachService(services.context)
    item_id = service.create(OutreachInput(world.base, YEAR, OutreachOutlet.RADIO_TV, "Phóng sự")).item_id
    service.update(item_id, OutreachInput(world.base, YEAR, OutreachOutlet.RADIO_TV, "  Phóng  sự mới ", count=2))
    assert (service.get(item_id).title, service.get(item_id).count) == ("Phóng sự mới", 2)
    service.delete(item_id)
    with pytest.raises(NotFoundError):
        service.get(item_id)
    with pytest.raises(NotFoundError):
        service.create(OutreachInput(999, YEAR, OutreachOutlet.OTHER, "Tin"))
    with pytest.raises(ValidationError):
        service.add_contributor(ContributorInput(world.base, "Ai đó", person_id=999))


def test_contributor_edit_and_removal(services: Services, world: Bloc) -> None:
    """A contributor can be corrected and removed; the network shrinks."""
    service = OutreachService(services.context)
    contributor_id = service.add_contributor(ContributorInput(world.base, "Trần Thị Bình")).item_id
    service.update_contributor(contributor_id, ContributorInput(world.base, "Trần Thị Bình", "Phóng viên",
                                                                OutreachOutlet.WEBSITE))
    assert service.contributor(contributor_id).outlet is OutreachOutlet.WEBSITE
    service.remove_contributor(contributor_id)
    assert service.contributors(world.base) == []
