"""Shared fixtures: offscreen Qt, a real SQLite file per test, services over it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from khoi_desktop.domain.enums import MembershipKind, OrgKind  # noqa: E402
from khoi_desktop.domain.models import Membership, OrganizationInput, PersonInput  # noqa: E402
from khoi_desktop.services.app import Services  # noqa: E402

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever touches the real user data folder."""
    folder = tmp_path / "user-data"
    folder.mkdir()
    monkeypatch.setenv("KHOI_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "khoi.sqlite"


@pytest.fixture
def services(db_path: Path) -> Iterator[Services]:
    """Services over a fresh real database file, with a fixed 'today' and operator."""
    opened = Services.open(db_path)
    opened.context.today = lambda: TODAY
    opened.context.operator = "thư ký kiểm thử"
    try:
        yield opened
    finally:
        opened.close()


def add_branch_with_people(services: Services, names: list[str]) -> tuple[int, list[int]]:
    """A bloc root, one branch under it, and official members with these names."""
    root = services.organizations.create(OrganizationInput(name="Đảng bộ Khối các cơ quan tỉnh",
                                                           kind=OrgKind.BLOC)).ids[0]
    branch = services.organizations.create(OrganizationInput(
        name="Chi bộ Kho bạc Nhà nước tỉnh", kind=OrgKind.BASE_BRANCH, parent_id=root, doc_code="CB",
        place_name="Ninh Bình", superior_name="Đảng bộ Khối các cơ quan tỉnh")).ids[0]
    ids = []
    for name in names:
        membership = Membership(MembershipKind.PARTY_OFFICIAL, date(2015, 3, 1))
        saved = services.people.create(PersonInput(full_name=name, organization_id=branch,
                                                   memberships=(membership,)))
        ids.append(saved.person_id)
    return branch, ids

