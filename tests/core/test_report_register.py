"""Year-end reports go through the document register like every numbered document.

The next number of 'BC' in the term when none is asked for; a number already given to another
document of the term is refused; a reprint of the same report keeps its number.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.services.app import Services
from khoi_desktop.services.meeting_documents import MeetingDocumentService
from khoi_desktop.services.year_end import YearEndService
from tests.core.reports_support import document_text
from tests.core.year_end_support import YEAR, Bloc, full_year

DAY = date(2018, 12, 20)


@pytest.fixture
def world(services: Services) -> Bloc:
    return full_year(services)


def _numbers(services: Services) -> list[tuple[int, str, int]]:
    return [tuple(row) for row in services.db.execute(
        "SELECT organization_id, doc_type, number FROM documents ORDER BY id")]


def test_reports_are_numbered_refused_twice_and_keep_their_number(services: Services, world: Bloc,
                                                                   tmp_path: Path) -> None:
    """Base gets 05 on request; the treasury's own register is separate; the base's second report of
    the same type cannot take 05; printing the base's report again keeps 05 and refuses 06."""
    service = YearEndService(services.context)
    service.export(world.base, YEAR, pdf=tmp_path / "a.pdf", issued_on=DAY, number=5)
    assert "Số 05-BC/ĐU" in document_text((tmp_path / "a.pdf").read_bytes())
    assert _numbers(services) == [(world.base, "BC", 5)]
    service.export(world.treasury, YEAR, pdf=tmp_path / "b.pdf", issued_on=DAY)
    assert _numbers(services)[-1] == (world.treasury, "BC", 1)
    service.export(world.base, YEAR, pdf=tmp_path / "again.pdf", issued_on=DAY)  # a reprint
    assert _numbers(services).count((world.base, "BC", 5)) == 1 and len(_numbers(services)) == 2
    with pytest.raises(ValidationError, match="giữ số đó"):
        service.export(world.base, YEAR, pdf=tmp_path / "c.pdf", issued_on=DAY, number=6)
    register = MeetingDocumentService(services.context)
    with pytest.raises(ValidationError, match="đã cấp cho văn bản khác"):
        register.number_for(world.base, "BC", "another_report", 1, DAY, "Báo cáo chuyên đề", requested=5)
    assert register.number_for(world.base, "BC", "another_report", 1, DAY, "Báo cáo chuyên đề") == 6
    assert not (tmp_path / "c.pdf").exists()
    assert len(_numbers(services)) == 3
