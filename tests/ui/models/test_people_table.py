"""PeopleTableModel: a valid Qt model, Vietnamese order, diacritic-free search, filters, counts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from khoi_desktop.domain.enums import MembershipKind, PersonStatus
from khoi_desktop.domain.models import PeopleFilter, PersonRow
from khoi_desktop.services.app import Services
from tests.ui.people_support import NAMES_IN_ORDER, Seed, seed_people
from ui.models.people_table import (
    BIRTH,
    CARD,
    ID_ROLE,
    MEMBERSHIPS,
    NAME,
    PeopleCriteria,
    PeopleTableModel,
    count_text,
)


@pytest.fixture
def seed(services: Services) -> Seed:
    return seed_people(services)


@pytest.fixture
def rows(services: Services, seed: Seed) -> list[PersonRow]:
    return services.people.list(PeopleFilter(include_retired=True))


@pytest.fixture
def model(rows: list[PersonRow]) -> PeopleTableModel:
    table = PeopleTableModel()
    table.set_rows(rows)
    return table


def names(model: PeopleTableModel) -> list[str]:
    return [model.row_at(i).full_name for i in range(model.rowCount())]


def test_model_passes_the_qt_model_tester(qtmodeltester, model: PeopleTableModel) -> None:
    """The model satisfies QAbstractItemModelTester, also after a search and a sort."""
    qtmodeltester.check(model)
    model.set_search("nguyen")
    model.sort(BIRTH, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_rows_are_in_vietnamese_name_order(model: PeopleTableModel) -> None:
    """Given name first, tones after letters, d before đ; the retired person is hidden."""
    assert names(model) == [name for name in NAMES_IN_ORDER if name != "Đỗ Văn Dũng"]


def test_cells_show_dates_years_memberships_and_the_card_as_text(model: PeopleTableModel) -> None:
    """dd/MM/yyyy or the bare year; membership labels; the card number keeps its zeros."""
    first, second = model.index(0, BIRTH), model.index(1, BIRTH)
    assert (first.data(), second.data()) == ("12/05/1980", "1995")
    assert model.index(0, CARD).data() == "000123"
    binh = names(model).index("Trần Văn Bình")
    assert model.index(binh, MEMBERSHIPS).data() == "Đảng viên chính thức, Công chức"
    assert model.index(0, NAME).data(ID_ROLE) == model.row_at(0).id


def test_search_without_diacritics_finds_the_accented_names(model: PeopleTableModel) -> None:
    """'nguyen van' finds Nguyễn Văn An and Nguyễn Văn Đức, not Nguyễn Thị Ánh."""
    model.set_search("nguyen van")
    assert names(model) == ["Nguyễn Văn An", "Nguyễn Văn Đức"]
    model.set_search("nguyen van duc")
    assert names(model) == ["Nguyễn Văn Đức"]
    model.set_search("ĐỨC")
    assert names(model) == ["Nguyễn Văn Đức"]
    model.set_search("")
    assert len(names(model)) == 5


def test_search_matches_words_in_any_order_and_card_prefixes(model: PeopleTableModel) -> None:
    """'an nguyen' still finds Nguyễn Văn An; '0001' finds the card 000123."""
    model.set_search("an nguyen")
    assert "Nguyễn Văn An" in names(model)
    model.set_search("0001")
    assert names(model) == ["Nguyễn Văn An"]


def test_narrowing_and_widening_the_search_stay_consistent(model: PeopleTableModel) -> None:
    """Typing on filters the shown rows; deleting letters brings the others back."""
    for text in ("n", "ng", "ngu", "nguyen t", "nguyen"):
        model.set_search(text)
    assert names(model) == ["Nguyễn Văn An", "Nguyễn Thị Ánh", "Nguyễn Văn Đức"]


def test_filters_by_organisation_kind_status_and_retired(model: PeopleTableModel, seed: Seed) -> None:
    """Each criterion narrows the rows; retired people appear only when asked for."""
    model.set_criteria(PeopleCriteria(organization_ids=frozenset({seed.treasury})))
    assert names(model) == ["Trần Văn Bình", "Nguyễn Văn Đức"]
    model.set_criteria(PeopleCriteria(organization_ids=frozenset({seed.treasury}), include_retired=True))
    assert names(model) == ["Trần Văn Bình", "Đỗ Văn Dũng", "Nguyễn Văn Đức"]
    model.set_criteria(PeopleCriteria(membership_kind=MembershipKind.PARTY_PROBATIONARY))
    assert names(model) == ["Nguyễn Thị Ánh"]
    model.set_criteria(PeopleCriteria(status=PersonStatus.EXEMPT))
    assert names(model) == ["Nguyễn Văn Đức"]


def test_count_text_is_vietnamese(model: PeopleTableModel) -> None:
    """'Hiển thị 2/5 người' (retired people are not counted unless shown), thousands with dots."""
    model.set_search("nguyen van")
    assert model.count_text() == "Hiển thị 2/5 người"
    model.set_criteria(PeopleCriteria(include_retired=True))
    assert model.count_text() == "Hiển thị 2/6 người"
    assert count_text(1234, 10000) == "Hiển thị 1.234/10.000 người"


def test_sorting_by_a_column_keeps_the_selection(qtbot, model: PeopleTableModel) -> None:
    """Sorting by birth date moves rows but the selected person stays selected."""
    selection = QItemSelectionModel(model)
    an = names(model).index("Nguyễn Văn An")
    selection.select(model.index(an, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
    model.sort(BIRTH, Qt.SortOrder.DescendingOrder)
    chosen = [model.row_at(index.row()).full_name for index in selection.selectedRows()]
    assert chosen == ["Nguyễn Văn An"]
    model.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert names(model)[0] == "Nguyễn Văn An"


def test_new_rows_keep_the_search_and_filters(model: PeopleTableModel, rows: list[PersonRow]) -> None:
    """A reload (set_rows) applies the current search to the fresh rows."""
    model.set_search("binh")
    renamed = [row._replace(full_name="Trần Văn Bính") if row.full_name == "Trần Văn Bình" else row
               for row in rows]
    model.set_rows(renamed)
    assert names(model) == ["Trần Văn Bính"]
