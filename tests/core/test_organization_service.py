"""OrganizationService: the tree, moves without cycles, retire, resolve for the command line."""

from __future__ import annotations

from datetime import date

import pytest

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.services.app import Services


def _tree(services: Services) -> tuple[int, int, int]:
    root = services.organizations.create(OrganizationInput(name="Đảng bộ Khối", kind=OrgKind.BLOC)).ids[0]
    base = services.organizations.create(OrganizationInput(
        name="Đảng bộ Sở Tài chính", kind=OrgKind.BASE_COMMITTEE, parent_id=root, doc_code="đu")).ids[0]
    branch = services.organizations.create(OrganizationInput(
        name="Chi bộ Văn phòng Sở", kind=OrgKind.SUB_BRANCH, parent_id=base)).ids[0]
    return root, base, branch


def test_descendants_include_the_whole_subtree(services: Services) -> None:
    """with_descendants returns the organisation and everything under it."""
    root, base, branch = _tree(services)
    assert set(services.organizations.with_descendants(root)) == {root, base, branch}
    assert set(services.organizations.with_descendants(base)) == {base, branch}


def test_move_into_own_subtree_is_refused(services: Services) -> None:
    """Moving an organisation under its own child would make a cycle: refused."""
    root, base, branch = _tree(services)
    with pytest.raises(ValidationError) as caught:
        services.organizations.move(base, branch)
    assert caught.value.field == "parent_id"
    assert services.organizations.get(base).parent_id == root


def test_retire_refuses_active_children(services: Services) -> None:
    """An organisation with active branches under it cannot be retired first."""
    _, base, branch = _tree(services)
    with pytest.raises(ValidationError, match="trực thuộc"):
        services.organizations.retire(base)
    services.organizations.retire(branch)
    services.organizations.retire(base)
    assert services.organizations.get(base).retired_on is not None


def test_doc_code_is_uppercased_and_checked(services: Services) -> None:
    """'đu' is stored 'ĐU'; a code with spaces is refused on doc_code."""
    _, base, _ = _tree(services)
    assert services.organizations.get(base).doc_code == "ĐU"
    with pytest.raises(ValidationError) as caught:
        services.organizations.create(OrganizationInput(name="X", kind=OrgKind.BASE_BRANCH, doc_code="C B"))
    assert caught.value.field == "doc_code"


def test_resolve_by_id_code_or_name(services: Services) -> None:
    """The command line's --org accepts an id, a document code or a diacritic-free name part."""
    _, base, branch = _tree(services)
    assert services.organizations.resolve(str(branch)).id == branch
    assert services.organizations.resolve("ĐU").id == base
    assert services.organizations.resolve("van phong so").id == branch
    with pytest.raises(NotFoundError):
        services.organizations.resolve("không có")


def test_ambiguous_name_asks_for_the_id(services: Services) -> None:
    """A name part matching several organisations is refused with the candidates listed."""
    _tree(services)
    with pytest.raises(ValidationError, match="nhiều tổ chức"):
        services.organizations.resolve("dang bo")


def test_terms_must_not_overlap(services: Services) -> None:
    """Terms of one organisation follow each other; an overlapping one is refused on term_start."""
    _, base, _ = _tree(services)
    services.organizations.add_term(base, "Nhiệm kỳ 2020–2025", date(2020, 8, 1), date(2025, 7, 31))
    services.organizations.add_term(base, "Nhiệm kỳ 2025–2030", date(2025, 8, 1))
    with pytest.raises(ValidationError) as caught:
        services.organizations.add_term(base, "Trùng", date(2024, 1, 1), date(2024, 12, 31))
    assert caught.value.field == "term_start"
    assert [t["name"] for t in services.organizations.terms(base)] == ["Nhiệm kỳ 2020–2025", "Nhiệm kỳ 2025–2030"]


def test_a_term_is_corrected_and_closed(services: Services) -> None:
    """The running term gets an end date and a new name; it may not grow into its neighbour; audited."""
    _, base, _ = _tree(services)
    services.organizations.add_term(base, "Nhiệm kỳ 2015–2020", date(2015, 8, 1), date(2020, 7, 31))
    services.organizations.add_term(base, "Nhiệm kỳ 2020-2025", date(2020, 8, 1))
    first, running = services.organizations.terms(base)
    services.organizations.update_term(running["id"], "Nhiệm kỳ 2020–2025", date(2020, 8, 1), date(2025, 7, 31))
    closed = services.organizations.terms(base)[1]
    assert (closed["name"], closed["end_date"]) == ("Nhiệm kỳ 2020–2025", "2025-07-31")
    with pytest.raises(ValidationError) as caught:
        services.organizations.update_term(first["id"], first["name"], date(2015, 8, 1), date(2021, 1, 1))
    assert caught.value.field == "term_start"
    with pytest.raises(ValidationError) as caught:
        services.organizations.update_term(running["id"], "X", date(2020, 8, 1), date(2020, 1, 1))
    assert caught.value.field == "term_end"
    with pytest.raises(NotFoundError):
        services.organizations.update_term(9999, "X", date(2020, 8, 1))
    summaries = [row[0] for row in services.db.execute(
        "SELECT summary FROM audit_log WHERE entity = 'term' AND action = 'update'").fetchall()]
    assert summaries == ["Sửa “Nhiệm kỳ 2020–2025” của “Đảng bộ Sở Tài chính”"]
