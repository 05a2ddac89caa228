"""Registrations: categories by year, saving and checks, confirmation, self-marking, quick entry, counts."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from khoi_desktop.domain.commitments import CommitmentInput, CommitmentItem, remap_category, shift_deadline
from khoi_desktop.domain.enums import CommitmentResult, MembershipKind, PersonStatus
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import StatusChange
from khoi_desktop.services.app import Services
from khoi_desktop.services.commitments import CommitmentService
from tests.core.study_support import StudyBloc, study_bloc

AREAS_2018 = 4
STANDARDS_QD144 = 5


@pytest.fixture
def world(services: Services) -> StudyBloc:
    return study_bloc(services)


@pytest.fixture
def registrations(services: Services) -> CommitmentService:
    return CommitmentService(services.context)


def _items(registrations: CommitmentService, year: int, signed_on: date | None = None) -> tuple[CommitmentItem, ...]:
    """One item per category of the preset in force, in reverse order."""
    categories = registrations.categories_for(year, signed_on)
    return tuple(CommitmentItem(category, f"Nội dung {n}", f"Sản phẩm {n}", f"Quý II/{year}")
                 for n, category in reversed(list(enumerate(categories, 1))))


def test_categories_follow_the_preset_of_the_signing_day(registrations: CommitmentService) -> None:
    """2018: the four areas of Chỉ thị 05; from 9 May 2024 the five standards of QĐ 144."""
    assert len(registrations.categories_for(2018)) == AREAS_2018
    assert registrations.categories_for(2018)[0].startswith("Việc thực hiện đường lối của Đảng")
    assert len(registrations.categories_for(2024, date(2024, 3, 1))) == AREAS_2018
    assert len(registrations.categories_for(2024, date(2024, 6, 1))) == STANDARDS_QD144
    assert registrations.categories_for(2025)[4] == "Gương mẫu, học tập suốt đời"


def test_a_registration_is_saved_clean_and_grouped(services: Services, registrations: CommitmentService,
                                                   world: StudyBloc) -> None:
    """NFC text, the person's branch by default, items grouped in the preset's order, an audit line."""
    item = CommitmentItem(registrations.categories_for(2026)[2], unicodedata.normalize("NFD", "Tiết kiệm điện, nước"))
    saved = registrations.save(CommitmentInput(2026, person_id=world.people["An"], signed_on=date(2026, 3, 20),
                                               items=(item, *_items(registrations, 2026)[:2])))
    commitment = registrations.get(saved.commitment_id)
    assert commitment.organization_id == world.a and commitment.person_name == "Nguyễn Văn An"
    assert commitment.items[0].content == "Tiết kiệm điện, nước"
    groups = registrations.groups(commitment)
    assert [g.category for g in groups] == list(registrations.categories_for(2026)[2:])
    assert len(groups[0].items) == 1 and saved.warnings == ()
    assert services.db.execute("SELECT count(*) FROM audit_log WHERE entity = 'commitment'").fetchone()[0] == 1


@pytest.mark.parametrize(("change", "message"), [
    ({"items": ()}, "ít nhất một nội dung"),
    ({"signed_on": date(2024, 12, 1)}, "không thuộc năm 2026"),
    ({"signed_on": date(2026, 3, 1), "confirmed_on": date(2026, 2, 1)}, "trước ngày ký"),
    ({"confirmed_by": "Nguyễn Văn An"}, "ngày chi bộ xác nhận"),
])
def test_bad_registrations_are_refused(registrations: CommitmentService, world: StudyBloc, change: dict,
                                       message: str) -> None:
    """Each broken rule has its own Vietnamese message."""
    data = CommitmentInput(2026, person_id=world.people["An"], items=_items(registrations, 2026))
    with pytest.raises(ValidationError, match=message):
        registrations.save(CommitmentInput(**{**data.__dict__, **change}))


def test_an_item_needs_content_and_a_category(registrations: CommitmentService, world: StudyBloc) -> None:
    """Empty content or no category names the item's number."""
    for item, message in ((CommitmentItem("Nhóm", " "), "thứ 1 đang để trống"),
                          (CommitmentItem("", "Việc làm"), "chưa chọn nhóm")):
        with pytest.raises(ValidationError, match=message):
            registrations.save(CommitmentInput(2026, person_id=world.people["An"], items=(item,)))


def test_one_registration_per_person_and_year(registrations: CommitmentService, world: StudyBloc) -> None:
    """A second one is refused and names the first; editing the first is fine."""
    data = CommitmentInput(2026, person_id=world.people["An"], items=_items(registrations, 2026))
    first = registrations.save(data).commitment_id
    with pytest.raises(ValidationError, match=f"mã số {first}"):
        registrations.save(data)
    registrations.save(CommitmentInput(**{**data.__dict__, "note": "Sửa"}), first)
    assert registrations.get(first).note == "Sửa"


def test_a_collective_registration_belongs_to_an_organisation(registrations: CommitmentService,
                                                              world: StudyBloc) -> None:
    """No person: the collective's registration, which needs an organisation."""
    with pytest.raises(ValidationError, match="tập thể cần chọn tổ chức"):
        registrations.save(CommitmentInput(2026, items=_items(registrations, 2026)))
    saved = registrations.save(CommitmentInput(2026, organization_id=world.a, items=_items(registrations, 2026)))
    assert registrations.of_organization(world.a, 2026).id == saved.commitment_id
    assert registrations.get(saved.commitment_id).is_collective


def test_a_category_outside_the_preset_is_only_a_warning(registrations: CommitmentService, world: StudyBloc) -> None:
    """An old category is kept, with a warning naming it."""
    old = registrations.categories_for(2018)[0]
    saved = registrations.save(CommitmentInput(2026, person_id=world.people["An"],
                                               items=(CommitmentItem(old, "Việc cũ"),)))
    assert len(saved.warnings) == 1 and old in saved.warnings[0]


def test_confirmation_and_self_marking(registrations: CommitmentService, world: StudyBloc) -> None:
    """The branch confirms; each item is marked with evidence; unknown items are refused."""
    saved = registrations.save(CommitmentInput(2026, person_id=world.people["An"], signed_on=date(2026, 3, 2),
                                               items=_items(registrations, 2026)))
    registrations.confirm(saved.commitment_id, date(2026, 3, 10), " Trần Thị Bình,  Bí thư Chi bộ ")
    commitment = registrations.get(saved.commitment_id)
    assert (commitment.confirmed_on, commitment.confirmed_by) == (date(2026, 3, 10), "Trần Thị Bình, Bí thư Chi bộ")
    with pytest.raises(ValidationError, match="trước ngày ký"):
        registrations.confirm(saved.commitment_id, date(2026, 3, 1))
    item = commitment.items[0]
    registrations.mark_item(item.id, CommitmentResult.EXCEEDED, "Được chi bộ biểu dương")
    marked = registrations.get(saved.commitment_id).items[0]
    assert (marked.result, marked.evidence) == (CommitmentResult.EXCEEDED, "Được chi bộ biểu dương")
    with pytest.raises(NotFoundError):
        registrations.mark_item(9999, CommitmentResult.DONE)


def test_copy_from_last_year_moves_categories_and_deadlines(registrations: CommitmentService,
                                                             world: StudyBloc) -> None:
    """A 2024 registration (four areas) copied into 2025 (five standards): by position, deadlines moved."""
    signed = date(2024, 3, 10)
    old = registrations.categories_for(2024, signed)
    item = CommitmentItem(old[1], "Mỗi tháng một việc tốt", "Sổ ghi chép", "Quý II/2024", CommitmentResult.DONE,
                          "Có sổ")
    registrations.save(CommitmentInput(2024, person_id=world.people["An"], signed_on=signed, items=(item,)))
    copied = registrations.get(registrations.copy_from_last_year(world.people["An"], 2025).commitment_id)
    new = copied.items[0]
    assert new.category == registrations.categories_for(2025)[1]
    assert (new.content, new.deadline, new.result, new.evidence) == ("Mỗi tháng một việc tốt", "Quý II/2025",
                                                                     None, "")
    assert copied.signed_on is None and copied.confirmed_on is None
    with pytest.raises(ValidationError, match="đã có bản đăng ký năm 2025"):
        registrations.copy_from_last_year(world.people["An"], 2025)
    with pytest.raises(ValidationError, match="chưa có bản đăng ký năm 2025"):
        registrations.copy_from_last_year(world.people["Bình"], 2026)


def test_remapping_and_deadline_rules() -> None:
    """Same text kept, else same position (clamped); only whole year numbers move."""
    assert remap_category("b", ["a", "b"], ["b", "x"]) == "b"
    assert remap_category("a", ["z", "a"], ["x"]) == "x"
    assert remap_category("tự do", ["a"], ["x"]) == "tự do"
    assert shift_deadline("31/12/2025; số 120250", 2025, 2026) == "31/12/2026; số 120250"


def test_collective_template_fills_only_members_without_one(registrations: CommitmentService,
                                                            world: StudyBloc) -> None:
    """Base committee: An already registered; Bình, Cường, Em and Lan (now in B) get it; exempt Giang does not."""
    registrations.save(CommitmentInput(2026, person_id=world.people["An"], items=_items(registrations, 2026)))
    applied = registrations.apply_collective_template(world.base, 2026, _items(registrations, 2026)[:2],
                                                      signed_on=date(2026, 4, 1))
    assert (applied.created, applied.skipped) == (4, 1)
    lan = registrations.of_person(world.people["Lan"], 2026)
    assert lan.organization_id == world.b and lan.signed_on == date(2026, 4, 1) and len(lan.items) == 2
    assert registrations.of_person(world.people["Giang"], 2026) is None
    assert registrations.of_person(world.people["Dũng"], 2026) is None


def test_counts_by_kind_collectives_and_results(registrations: CommitmentService, world: StudyBloc) -> None:
    """Registered / expected by kind, chi bộ with a collective registration, items by result."""
    for name in ("An", "Cường", "Em"):
        registrations.save(CommitmentInput(2026, person_id=world.people[name], items=_items(registrations, 2026)))
    registrations.save(CommitmentInput(2026, organization_id=world.a, items=_items(registrations, 2026)))
    first = registrations.of_person(world.people["An"], 2026).items
    registrations.mark_item(first[0].id, CommitmentResult.DONE)
    registrations.mark_item(first[1].id, CommitmentResult.PARTLY)
    counts = registrations.counts(world.base, 2026)
    assert counts.total.text == "3/5 người, đạt 60%"
    assert {(k.kind, k.expected, k.registered) for k in counts.by_kind} == {
        (MembershipKind.PARTY_OFFICIAL, 4, 2), (MembershipKind.PARTY_PROBATIONARY, 1, 1)}
    assert (counts.collectives.expected, counts.collectives.registered) == (2, 1)
    results = {r.result: r.count for r in counts.results}
    assert results[CommitmentResult.DONE] == 1 and results[CommitmentResult.PARTLY] == 1 and results[None] == 13


def test_list_and_delete(registrations: CommitmentService, world: StudyBloc) -> None:
    """The list shows collectives first, then people by name; deleting removes the items too."""
    registrations.save(CommitmentInput(2026, person_id=world.people["Bình"], items=_items(registrations, 2026)))
    saved = registrations.save(CommitmentInput(2026, person_id=world.people["An"], items=_items(registrations, 2026)))
    registrations.save(CommitmentInput(2026, organization_id=world.a, items=_items(registrations, 2026)))
    rows = registrations.list(world.base, 2026)
    assert [row.name for row in rows] == ["Chi bộ Phòng Ngân sách", "Nguyễn Văn An", "Trần Thị Bình"]
    assert rows[1].items == STANDARDS_QD144 and rows[1].marked == 0
    registrations.delete(saved.commitment_id)
    assert registrations.of_person(world.people["An"], 2026) is None
    with pytest.raises(NotFoundError):
        registrations.get(saved.commitment_id)


def test_headcounts_give_the_counts_of_several_years_at_once(services: Services, registrations: CommitmentService,
                                                             world: StudyBloc) -> None:
    """Each year's registered / expected as counts() has them; a suspended member is not expected."""
    services.people.change_status(world.people["Bình"], StatusChange(PersonStatus.SUSPENDED, date(2026, 10, 1)))
    registrations.save(CommitmentInput(2025, person_id=world.people["Dũng"], items=_items(registrations, 2025)))
    registrations.save(CommitmentInput(2026, person_id=world.people["An"], items=_items(registrations, 2026)))
    registrations.save(CommitmentInput(2026, organization_id=world.a, items=_items(registrations, 2026)))
    heads = registrations.headcounts(world.base, (2026, 2025))
    for year in (2025, 2026):
        counts = registrations.counts(world.base, year)
        assert (heads[year].total, heads[year].by_kind, heads[year].collectives) == (
            counts.total, counts.by_kind, counts.collectives)
    assert heads[2026].total.text == "1/4 người, đạt 25%" and heads[2025].total.registered == 1
    with pytest.raises(ValidationError, match="Năm 1999"):
        registrations.headcounts(world.base, (2026, 1999))

