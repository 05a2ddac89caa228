"""Fixtures the core tests share: a unit's database with a whole year, the bloc office's, an out folder.

A test module that needs another meaning of a name defines its own fixture, which wins there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from khoi_desktop.services.app import Services
from khoi_desktop.services.people_import import PeopleImportService
from tests.conftest import add_branch_with_people
from tests.core.package_support import open_services
from tests.core.year_end_support import Bloc, full_year


@pytest.fixture
def unit(services: Services) -> Bloc:
    """The units' own database (the conftest's): a whole year recorded."""
    return full_year(services)


@pytest.fixture
def bloc(tmp_path: Path) -> Iterator[Services]:
    """The bloc office's database: the same tree, with the bloc's own records of the year."""
    opened = open_services(tmp_path / "khoi-dang-uy-khoi.sqlite")
    full_year(opened)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the packages a test exports."""
    folder = tmp_path / "goi"
    folder.mkdir()
    return folder


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    """A closed database file with one chi bộ of two people (the command-line tests' file)."""
    services = Services.open(db_path)
    add_branch_with_people(services, ["Nguyễn Văn An", "Trần Thị Bình"])
    services.close()
    return db_path


@pytest.fixture
def branch(services: Services) -> int:
    """An empty chi bộ to import people into (modules meaning another branch define their own)."""
    return add_branch_with_people(services, [])[0]


@pytest.fixture
def importer(services: Services) -> PeopleImportService:
    return PeopleImportService(services.context, services.people)
