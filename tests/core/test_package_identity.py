"""Issue 12: packages known by their sender's UUID and key; nested units counted once; no package from the future."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.package import PackageRejected
from khoi_desktop.interchange.package_signing import new_private_key
from khoi_desktop.interchange.package_zip import read_package
from khoi_desktop.services.app import Services
from khoi_desktop.services.consolidation import ConsolidationService
from khoi_desktop.services.overview import OverviewService
from khoi_desktop.services.package_import import PackageImportService
from khoi_desktop.storage import packages_repo
from khoi_desktop.storage.migrations import KNOWN
from tests.core.meetings_support import add_org
from tests.core.package_support import (
    database_digest,
    export_units,
    exporter,
    plain_data,
    write_plain,
)
from tests.core.year_end_support import YEAR, Bloc

UNIT_UUID_2 = "0d6f4a3e-2c9b-4e1a-8f00-7a1b2c3d4e5f"





def _importer(bloc: Services) -> PackageImportService:
    return PackageImportService(bloc.context)


def _persons(services: Services, org_id: int) -> int:
    return OverviewService(services.context).year_figures(org_id, YEAR).participation.overall.persons_expected


def test_every_organisation_has_its_own_permanent_uuid(services: Services, unit: Bloc) -> None:
    """Made with the organisation, different for each, kept across edits; a raw insert gets one too."""
    orgs = services.organizations.all()
    uuids = [o.uuid for o in orgs]
    assert all(len(u) == 36 and u[14] == "4" for u in uuids) and len(set(uuids)) == len(uuids)
    before = services.organizations.get(unit.office).uuid
    services.organizations.move(unit.office, unit.bloc)
    assert services.organizations.get(unit.office).uuid == before
    with services.db.atomic():
        services.db.execute("INSERT INTO organizations (name, kind, name_search, created_at, updated_at)"
                            " VALUES ('Chi bộ mới', 'sub_branch', 'chi bo moi', '', '')")
    raw = [o for o in services.organizations.all() if o.name == "Chi bộ mới"][0]
    assert len(raw.uuid) == 36 and raw.uuid not in uuids


def test_the_package_carries_the_uuid_its_parents_and_what_it_covers(services: Services, unit: Bloc,
                                                                      out: Path) -> None:
    """The base committee's package covers itself and its branch; the key is made once and kept."""
    path = export_units(services, unit, out)["base"]
    data = read_package(path, known_schemas=KNOWN).data
    orgs = {o.id: o for o in services.organizations.all()}
    assert data.source.uuid == orgs[unit.base].uuid and data.source.parent_uuid == orgs[unit.bloc].uuid
    assert data.covers == (orgs[unit.base].uuid, orgs[unit.office].uuid)
    assert data.maker == "thư ký kiểm thử"
    key = packages_repo.signing_key(services.db, unit.base)
    exporter(services).export(unit.base, YEAR, out / "lan-2.zip")
    assert key is not None and packages_repo.signing_key(services.db, unit.base) == key


def _base_and_branch(unit: Bloc, services: Services, bloc: Services, out: Path) -> tuple[Path, Path, PackageImportService]:
    """The base committee's package, its chi bộ's own package, and the bloc's importer."""
    base = export_units(services, unit, out)["base"]
    branch = exporter(services).export(unit.office, YEAR, out / "chi-bo.zip").path
    return base, branch, _importer(bloc)


def test_a_branch_and_its_base_committee_are_counted_once_in_either_order(unit: Bloc, services: Services,
                                                                           bloc: Services, out: Path) -> None:
    """Base then its branch, or the branch then its base: the totals are the base's own, the overlap is shown."""
    base, branch, importer = _base_and_branch(unit, services, bloc, out)
    importer.import_files([branch], as_org=unit.office)
    preview = importer.preview(base, as_org=unit.base)
    assert "bao gồm cả Chi bộ Văn phòng Viện" in preview.summary
    importer.commit([preview])
    result = ConsolidationService(bloc.context).consolidate(YEAR)
    assert [u.full_name for u in result.units] == ["Đảng bộ Viện Kiểm sát nhân dân tỉnh"]
    assert result.figures.participation.overall.persons_expected == _persons(services, unit.base)
    assert set(result.held) == {preview.data.covers[1]}


def test_a_branch_arriving_after_its_base_is_held_not_added(unit: Bloc, services: Services, bloc: Services,
                                                             out: Path) -> None:
    """The reverse order: the branch's preview says it is already in its base's package."""
    base, branch, importer = _base_and_branch(unit, services, bloc, out)
    importer.import_files([base], as_org=unit.base)
    preview = importer.preview(branch, as_org=unit.office)
    assert "đã nằm trong gói của Đảng bộ Viện Kiểm sát nhân dân tỉnh" in preview.summary
    importer.commit([preview])
    result = ConsolidationService(bloc.context).consolidate(YEAR)
    assert len(result.units) == 1
    assert result.figures.participation.overall.persons_expected == _persons(services, unit.base)


def test_the_blocs_own_package_is_refused_by_itself(bloc: Services, tmp_path: Path) -> None:
    """Exported from the bloc's root and imported into the same database: refused, nothing changes."""
    package = exporter(bloc).export(1, YEAR, tmp_path / "chinh-minh.zip").path
    before = database_digest(bloc.path)
    with pytest.raises(PackageRejected, match="gói của chính Đảng bộ Khối"):
        _importer(bloc).import_files([package])
    assert database_digest(bloc.path) == before


def test_units_with_the_same_name_never_collide(bloc: Services, unit: Bloc, out: Path) -> None:
    """Two 'Chi bộ Văn phòng Sở' under two base committees: two packages, two rows, candidates by parent."""
    first_base = add_org(bloc, "Đảng bộ Sở Nông nghiệp", OrgKind.BASE_COMMITTEE, unit.bloc)
    second_base = add_org(bloc, "Đảng bộ Sở Y tế", OrgKind.BASE_COMMITTEE, unit.bloc)
    first = add_org(bloc, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH, first_base)
    second = add_org(bloc, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH, second_base)
    name = "Chi bộ Văn phòng Sở"
    one = write_plain(out / "a.zip", replace(plain_data(name, year=YEAR), source=replace(
        plain_data(name).source, superior="Đảng bộ Sở Y tế")))
    two = write_plain(out / "b.zip", plain_data(name, year=YEAR, uuid=UNIT_UUID_2), key=new_private_key())
    importer = _importer(bloc)
    assert [o.id for o in importer.preview(one).candidates] == [second, first]  # its parent's name first
    importer.import_files([one], as_org=second)
    importer.import_files([two], as_org=first)
    stored = packages_repo.received_in(bloc.db, YEAR)
    assert sorted(p.organization_id for p in stored) == sorted([first, second])
    with pytest.raises(PackageRejected, match="đã được ghép với một bản cài đặt khác"):
        importer.import_files([write_plain(out / "c.zip", plain_data(name, year=YEAR, uuid="1" * 8 + "-1111-4111-8111-"
                                                                     + "1" * 12), key=new_private_key())],
                              as_org=first)


def test_a_forged_package_under_a_known_unit_is_refused(bloc: Services, unit: Bloc, out: Path) -> None:
    """Same UUID and a recomputed manifest, signed with another key: refused with how to re-register."""
    importer = _importer(bloc)
    importer.import_files([write_plain(out / "that.zip", plain_data(year=YEAR))], as_org=unit.base)
    later = datetime(2026, 11, 25, tzinfo=UTC)
    forged = write_plain(out / "gia.zip", plain_data(year=YEAR, created=later), key=new_private_key())
    before = database_digest(bloc.path)
    with pytest.raises(PackageRejected) as caught:
        importer.import_files([forged])
    assert "khóa khác" in caught.value.message and "Đăng ký lại đơn vị" in caught.value.message
    assert "--re-register" in caught.value.message and database_digest(bloc.path) == before
    result = importer.import_files([forged], re_register=True)  # after the clerk checked with the unit
    paired = packages_repo.source(bloc.db, result.imported[0].data.source.uuid)
    assert paired is not None and paired.public_key == result.imported[0].contents.public_key


@pytest.mark.parametrize(("changes", "words"), [
    ({"created": datetime(2099, 1, 1, tzinfo=UTC)}, "sau hôm nay"),
    ({"year": 2200, "created": datetime(2026, 1, 1, tzinfo=UTC)}, "năm báo cáo 2200"),
    ({"year": 2026, "created": datetime(2026, 11, 27, 12, tzinfo=UTC)}, "sau hôm nay"),
    ({"year": 1920, "created": datetime(2026, 1, 1, tzinfo=UTC)}, "năm báo cáo 1920"),
], ids=["2099", "year-2200", "tomorrow", "year-1920"])
def test_packages_from_the_future_are_refused(bloc: Services, unit: Bloc, out: Path, changes: dict,
                                              words: str) -> None:
    """A future making date, a year outside 1930…this year: refused before anything is written."""
    before = database_digest(bloc.path)
    path = write_plain(out / "goi.zip", plain_data(**changes))
    with pytest.raises(PackageRejected, match=words):
        _importer(bloc).import_files([path], as_org=unit.base)
    assert database_digest(bloc.path) == before


def test_a_retired_unit_has_no_report_after_it_retired(bloc: Services, unit: Bloc, out: Path) -> None:
    """A year after the organisation was retired here is outside its life."""
    bloc.organizations.retire(unit.treasury, date(2017, 6, 30))
    with pytest.raises(PackageRejected, match="đã thôi hoạt động"):
        _importer(bloc).import_files([write_plain(out / "goi.zip", plain_data(year=YEAR))], as_org=unit.treasury)


def test_a_year_not_begun_cannot_be_exported(services: Services, unit: Bloc, out: Path) -> None:
    """The unit's side refuses a year after this one."""
    with pytest.raises(ValidationError, match="chưa tới"):
        exporter(services).export(unit.base, 2027, out / "goi.zip")


def test_a_unit_that_reinstalled_is_re_registered_and_its_year_replaced(bloc: Services, unit: Bloc,
                                                                         out: Path) -> None:
    """A new UUID and key for an organisation already paired: refused, then accepted with re-registration,
    and the old install's package of the same year no longer counts."""
    importer = _importer(bloc)
    importer.import_files([write_plain(out / "cu.zip", plain_data(year=YEAR))], as_org=unit.base)
    new_install = write_plain(out / "moi.zip", plain_data(year=YEAR, uuid=UNIT_UUID_2), key=new_private_key())
    with pytest.raises(PackageRejected, match="đã được ghép với một bản cài đặt khác"):
        importer.import_files([new_install], as_org=unit.base)
    importer.import_files([new_install], as_org=unit.base, re_register=True)
    assert [p.source_uuid for p in packages_repo.received_in(bloc.db, YEAR)] == [UNIT_UUID_2]
    assert packages_repo.source_of(bloc.db, unit.base).source_uuid == UNIT_UUID_2
