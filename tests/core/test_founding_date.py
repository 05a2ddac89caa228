"""An organisation's founding date (m0010): stored, checked, carried in packages, and a year ended
before it is outside the organisation's life for packages and year-end reports."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.domain.package import PackageRejected, parse_data
from khoi_desktop.interchange.package_zip import read_package
from khoi_desktop.services.app import Services
from khoi_desktop.services.consolidation import expected_units
from khoi_desktop.services.package_import import PackageImportService
from khoi_desktop.services.report_years import year_problem
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.database import open_database
from khoi_desktop.storage.migrations import KNOWN, SCHEMA
from tests.core.package_support import database_digest, export_units, plain_data, write_plain
from tests.core.year_end_support import YEAR, Bloc

MIGRATION = "m0010_organization_founded_on"


def found(services: Services, org_id: int, day: date | None) -> None:
    """Record ``day`` as the organisation's founding date through the dialog's service call."""
    org = services.organizations.get(org_id)
    services.organizations.update(org_id, OrganizationInput(
        name=org.name, kind=org.kind, parent_id=org.parent_id, short_name=org.short_name,
        agency_name=org.agency_name, doc_code=org.doc_code, place_name=org.place_name,
        superior_name=org.superior_name, sort_order=org.sort_order, founded_on=day))


def test_m0010_adds_an_empty_founding_date_to_existing_organisations(db_path: Path) -> None:
    """A database from before m0010 keeps its organisations, each with no founding date, then stores one."""
    assert KNOWN[-1] == MIGRATION
    db = Database(sqlite3.connect(db_path, isolation_level=None))
    SCHEMA.apply(db, stop_before=MIGRATION)
    db.execute("INSERT INTO organizations (name, kind, name_search, created_at, updated_at)"
               " VALUES ('Chi bộ Kho bạc', 'sub_branch', 'chi bo kho bac', '', '')")
    db.close()
    upgraded = open_database(db_path)
    assert upgraded.execute("SELECT name, founded_on FROM organizations").fetchall() == [("Chi bộ Kho bạc", None)]
    upgraded.close()


def test_the_founding_date_is_stored_as_iso_and_read_back(services: Services, db_path: Path) -> None:
    """Created with a date, edited to another, then emptied again: the column holds ISO text or NULL."""
    org_id = services.organizations.create(OrganizationInput(
        name="Đảng bộ Khối", kind=OrgKind.BLOC, founded_on=date(1976, 5, 19))).ids[0]
    assert services.organizations.get(org_id).founded_on == date(1976, 5, 19)
    found(services, org_id, date(1990, 2, 3))
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT founded_on FROM organizations WHERE id = ?", [org_id]).fetchone() == ("1990-02-03",)
    raw.close()
    found(services, org_id, None)
    assert services.organizations.get(org_id).founded_on is None


@pytest.mark.parametrize(("day", "words"), [
    (date(2026, 11, 27), "Ngày thành lập 27/11/2026 ở tương lai"),
    (date(1930, 2, 2), "Ngày thành lập 02/02/1930 trước ngày thành lập Đảng (03/02/1930)"),
    (date(1975, 12, 31), "Ngày thành lập 31/12/1975 trước ngày thành lập của tổ chức cấp trên “Đảng bộ Khối”"
                         " (01/01/1976)"),
])
def test_a_founding_date_outside_the_possible_is_refused(services: Services, day: date, words: str) -> None:
    """Not after today (26/11/2026 here), not before the Party's founding, not before the superior's founding."""
    root = services.organizations.create(OrganizationInput(name="Đảng bộ Khối", kind=OrgKind.BLOC,
                                                           founded_on=date(1976, 1, 1))).ids[0]
    with pytest.raises(ValidationError, match=re.escape(words)) as caught:
        services.organizations.create(OrganizationInput(name="Chi bộ Sở", kind=OrgKind.BASE_BRANCH, parent_id=root,
                                                        founded_on=day))
    assert caught.value.field == "founded_on"
    assert [o.name for o in services.organizations.all()] == ["Đảng bộ Khối"]


def test_the_founding_date_and_the_retirement_date_keep_their_order(services: Services) -> None:
    """A retired organisation cannot be founded after its retirement, nor retired before its founding."""
    org_id = services.organizations.create(OrganizationInput(name="Chi bộ Sở", kind=OrgKind.BASE_BRANCH,
                                                             founded_on=date(2001, 3, 1))).ids[0]
    with pytest.raises(ValidationError, match="trước ngày thành lập của “Chi bộ Sở” \\(01/03/2001\\)"):
        services.organizations.retire(org_id, date(2000, 12, 31))
    services.organizations.retire(org_id, date(2010, 6, 30))
    with pytest.raises(ValidationError, match="Ngày thành lập 01/07/2010 sau ngày thôi theo dõi tổ chức "
                                              "\\(30/06/2010\\)") as caught:
        found(services, org_id, date(2010, 7, 1))
    assert caught.value.field == "founded_on"
    found(services, org_id, date(2010, 6, 30))
    assert services.organizations.get(org_id).founded_on == date(2010, 6, 30)


def test_a_year_ended_before_the_founding_has_no_report(services: Services, unit: Bloc) -> None:
    """year_problem: the year before the founding year is refused with the date; the founding year itself is not."""
    found(services, unit.treasury, date(YEAR, 12, 31))
    org = services.organizations.get(unit.treasury)
    today = services.context.today()
    assert year_problem(services.db, org, YEAR, today, draft=False) == ""
    problem = year_problem(services.db, org, YEAR - 1, today, draft=False)
    assert problem.startswith(f"Năm {YEAR - 1} không có số liệu nào của {org.name}")
    assert f"thành lập ngày 31/12/{YEAR}" in problem


def test_the_package_carries_the_founding_date(services: Services, unit: Bloc, out: Path) -> None:
    """The sender's founding date travels in data.json's source; none is written when it is unknown."""
    found(services, unit.treasury, date(1992, 4, 1))
    paths = export_units(services, unit, out)
    assert read_package(paths["treasury"], known_schemas=KNOWN).data.source.founded_on == date(1992, 4, 1)
    assert read_package(paths["base"], known_schemas=KNOWN).data.source.founded_on is None
    assert "founded_on" not in plain_data().to_json()["source"]


def test_a_package_without_or_with_a_malformed_founding_date(tmp_path: Path) -> None:
    """An older data.json without the key reads (no date); a malformed one is refused naming the field."""
    older = plain_data().to_json()
    assert parse_data(json.dumps(older).encode(), "goi.zip").source.founded_on is None
    older["source"]["founded_on"] = "2018-02-30"
    with pytest.raises(PackageRejected, match="founded_on"):
        parse_data(json.dumps(older).encode(), "goi.zip")


def test_a_package_for_a_year_before_the_founding_is_refused(bloc: Services, unit: Bloc, out: Path) -> None:
    """The bloc's own record of the unit's founding refuses an earlier year, naming unit, year and date;
    nothing is written."""
    found(bloc, unit.treasury, date(YEAR + 1, 1, 15))
    before = database_digest(bloc.path)
    name = bloc.organizations.get(unit.treasury).name
    with pytest.raises(PackageRejected, match=f"{name} thành lập ngày 15/01/{YEAR + 1}, không có báo cáo năm {YEAR}"):
        PackageImportService(bloc.context).import_files([write_plain(out / "goi.zip", plain_data(year=YEAR))],
                                                        as_org=unit.treasury)
    assert database_digest(bloc.path) == before


def test_a_unit_founded_after_a_year_is_not_expected_to_report_it(bloc: Services, unit: Bloc) -> None:
    """The bloc's list of units owing a package leaves out a unit for the years ended before its founding."""
    found(bloc, unit.treasury, date(YEAR + 1, 1, 15))
    top = bloc.organizations.get(unit.bloc)
    assert unit.treasury not in [o.id for o in expected_units(bloc.db, top, YEAR)]
    assert unit.treasury in [o.id for o in expected_units(bloc.db, top, YEAR + 1)]


def test_the_senders_own_founding_date_counts_when_the_bloc_has_none(bloc: Services, unit: Bloc, out: Path) -> None:
    """A package whose source says it was founded after its year is refused even if the bloc recorded no date."""
    data = plain_data(year=YEAR)
    data = replace(data, source=replace(data.source, founded_on=date(YEAR + 2, 3, 1)))
    with pytest.raises(PackageRejected, match=f"thành lập ngày 01/03/{YEAR + 2}, không có báo cáo năm {YEAR}"):
        PackageImportService(bloc.context).import_files([write_plain(out / "goi.zip", data)], as_org=unit.treasury)
