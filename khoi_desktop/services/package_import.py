"""Bloc mode: receive the units' packages, known by their UUID, signed, and counted once.

:meth:`PackageImportService.preview` checks a package completely (the zip, the manifest, its
Ed25519 signature, every hash, the versions, the sender, the figures, the dates) and says what
importing it would do. A package is known by its sender's UUID: a unit paired before (the
pairing keeps its key, pinned at its first accepted package), an organisation of this database
with that UUID, or — the first time — the organisation the clerk chooses (``as_org``; the
preview proposes candidates by name and parent). Compared with what was received before from
the same unit for the same year it is new, the same file again, newer (it will replace that
unit's year: the preview lists which figures change, old → new) or older (refused unless
forced). A package that overlaps one already received (a chi bộ and its đảng bộ cơ sở) is
shown; the consolidation counts the outer one only (:mod:`khoi_desktop.domain.package_units`).
Nothing is written until :meth:`commit`, which backs the database up first, stores the
packages and the pairings in one transaction and writes the audit log. Received data lives
only in ``package_imports``: the bloc's own records are never touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.package import PackageData, PackageRejected, parse_data
from khoi_desktop.domain.vntext import format_date, format_number
from khoi_desktop.interchange.package_zip import DEFAULT_LIMITS, PackageContents, PackageLimits, read_package
from khoi_desktop.progress import Progress, Stages
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.package_checks import (
    BackupStep,
    FigureChange,
    backup_before_import,
    changes_between,
    checked_dates,
    checked_figures,
    moment_text,
)
from khoi_desktop.services.package_units import ReceivedIndex, candidates, unit_package
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import packages_repo
from khoi_desktop.storage.migrations import KNOWN
from khoi_desktop.storage.packages_repo import PackageSource, StoredPackage

__all__ = ["BackupStep", "FigureChange", "ImportResult", "PackageImportService", "PackagePreview", "PackageStatus",
           "backup_before_import"]
STEP_SCALE = 100  # bar units per package, so the backup's pages move the bar finely too


class PackageStatus(StrEnum):
    NEW = "new"
    SAME = "same"
    NEWER = "newer"
    OLDER = "older"


@dataclass(frozen=True)
class PackagePreview:
    """A package that passed every check, and what importing it would change."""

    contents: PackageContents
    status: PackageStatus
    organization_id: int | None  # the unit in this database; None until the clerk pairs it
    previous_created_at: datetime | None = None
    changes: tuple[FigureChange, ...] = ()
    warnings: tuple[str, ...] = ()
    candidates: tuple[Organization, ...] = ()  # proposed units when not yet paired, likeliest first
    pairing: PackageSource | None = None  # the pairing the import makes (first package, re-registration)
    nesting: tuple[str, ...] = field(default=())  # how it overlaps packages already received

    @property
    def data(self) -> PackageData:
        return self.contents.data

    @property
    def paired(self) -> bool:
        return self.organization_id is not None

    @property
    def needs_confirmation(self) -> bool:
        return self.status is PackageStatus.NEWER

    @property
    def summary(self) -> str:
        """The Vietnamese preview the clerk confirms."""
        data = self.data
        head = (f"Gói báo cáo năm {data.year} của {data.source.name}, lập lúc {moment_text(data.created_at)}"
                f" (tệp “{self.contents.path.name}”).")
        lines = [head, _status_line(self)]
        if self.status is PackageStatus.NEWER:
            lines += [f"  • {change.text}" for change in self.changes] or ["  • Số liệu không thay đổi."]
        if not self.paired:
            lines.append(unpaired_text(self))
        lines += [f"Lưu ý: {text}" for text in (*self.nesting, *self.warnings)]
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportResult:
    imported: tuple[PackagePreview, ...]
    skipped: tuple[PackagePreview, ...]
    backup: Path | None
    changes: Changes

    @property
    def summary(self) -> str:
        done = "; ".join(f"{p.data.source.name} (năm {p.data.year})" for p in self.imported)
        text = f"Đã nhận {format_number(len(self.imported))} gói báo cáo" + (f": {done}." if done else ".")
        if self.skipped:
            text += f" {format_number(len(self.skipped))} gói đã nhận trước đó, không có gì thay đổi."
        return text


class PackageImportService:
    def __init__(self, context: ServiceContext, backup: BackupStep | None = None, *,
                 clock: Callable[[], datetime] = datetime.now, limits: PackageLimits = DEFAULT_LIMITS) -> None:
        self._ctx = context
        self._db = context.db
        self._backup = backup
        self._now = clock
        self._limits = limits

    def preview(self, path: Path, *, as_org: int | None = None, re_register: bool = False) -> PackagePreview:
        """Check the package at ``path`` and say what importing it would do; writes nothing.

        ``as_org`` pairs a unit whose UUID is not known yet with that organisation;
        ``re_register`` lets a unit that reinstalled (new UUID or new key) replace its pairing.
        """
        contents = read_package(Path(path), known_schemas=tuple(KNOWN), limits=self._limits)
        data = contents.data
        figures = checked_figures(contents)
        checked_dates(data, contents.path.name, self._ctx.today(), self._now())
        organization, pairing = self._identify(contents, as_org, re_register)
        if organization is not None:
            self._check_life(organization, data, contents.path.name)
        index = ReceivedIndex.load(self._db, data.year)
        nesting = index.notes(unit_package(self._db, data, organization), data.source.uuid)
        found = candidates(self._db, data) if organization is None else ()
        stored = packages_repo.received(self._db, data.source.uuid, data.year)
        common = {"organization_id": organization.id if organization else None, "pairing": pairing,
                  "candidates": found, "nesting": nesting, "warnings": _warnings(data)}
        if stored is None:
            return PackagePreview(contents, PackageStatus.NEW, **common)
        before = datetime.fromisoformat(stored.created_at)
        status = (PackageStatus.SAME if stored.file_sha256 == contents.sha256 else
                  PackageStatus.NEWER if data.created_at > before else PackageStatus.OLDER)
        changes = changes_between(parse_data(stored.data_json.encode("utf-8"), contents.path.name), data, figures)
        return PackagePreview(contents, status, previous_created_at=before, changes=changes, **common)

    def commit(self, previews: Sequence[PackagePreview], *, force: bool = False,
               progress: Progress | None = None) -> ImportResult:
        """Store the previewed packages (newest last); an older one is refused unless ``force``.

        ``progress``: the backup made first (its pages; it counts as much as the storing), then
        one step per package stored. No Hủy: the packages go in together or not at all.
        """
        unpaired = [p for p in previews if not p.paired]
        if unpaired:
            raise PackageRejected(unpaired[0].contents.path.name, unpaired_text(unpaired[0]))
        _check_batch(previews)
        older = [p for p in previews if p.status is PackageStatus.OLDER]
        if older and not force:
            raise PackageRejected(older[0].contents.path.name, _older_reason(older[0]))
        todo = sorted((p for p in previews if p.status is not PackageStatus.SAME or p.pairing),
                      key=lambda p: p.data.created_at)
        skipped = tuple(p for p in previews if p not in todo)
        if not todo:
            return ImportResult((), skipped, None, Changes())
        stages = Stages(progress, [STEP_SCALE * len(todo)] * 2)
        backup = self._backup(stages.stage(0)) if self._backup else None
        stages.finish(0)
        stored = stages.stage(1)
        with self._db.atomic():
            ids = []
            for preview in todo:
                ids.append(self._store(preview))
                stored(len(ids), len(todo))
        return ImportResult(tuple(todo), skipped, backup, Changes(organizations=True, ids=tuple(ids)))

    def import_files(self, paths: Sequence[Path], *, force: bool = False, as_org: int | None = None,
                     re_register: bool = False) -> ImportResult:
        """Preview every file (all must pass), then commit them together."""
        return self.commit([self.preview(path, as_org=as_org, re_register=re_register) for path in paths],
                           force=force)

    def pairable(self) -> list[Organization]:
        """The organisations a unit's first package may be paired with (all but the top ones, still active)."""
        return [o for o in org_repo.all_organizations(self._db, include_retired=False) if o.parent_id is not None]

    # -- identity -------------------------------------------------------------------------------
    def _identify(self, contents: PackageContents, as_org: int | None,
                  re_register: bool) -> tuple[Organization | None, PackageSource | None]:
        """The organisation this package is, and the pairing to record (None when it stands)."""
        data, file = contents.data, contents.path.name
        self._refuse_own(data, file)
        known = packages_repo.source(self._db, data.source.uuid)
        if known is not None and (as_org is None or as_org == known.organization_id):
            if known.public_key != contents.public_key and not re_register:
                raise PackageRejected(file, _other_key(data.source.name, known))
            organization = org_repo.get_organization(self._db, known.organization_id)
            new_key = known.public_key != contents.public_key
            return organization, self._pairing(contents, known.organization_id) if new_key else None
        same = org_repo.by_uuid(self._db, data.source.uuid)
        target = as_org if as_org is not None else (same.id if same else None)
        if target is None:
            return None, None
        organization = self._pairable(target, contents, re_register)
        return organization, self._pairing(contents, organization.id)

    def _pairable(self, org_id: int, contents: PackageContents, re_register: bool) -> Organization:
        data, file = contents.data, contents.path.name
        organization = org_repo.get_organization(self._db, org_id)
        if organization is None:
            raise ValidationError("as_org", f"Không có tổ chức mã số {org_id} để ghép gói “{file}”.")
        if organization.parent_id is None:
            raise PackageRejected(file, f"không ghép được với {organization.name}: đó là tổ chức cấp cao nhất của "
                                  "cơ sở dữ liệu này.")
        known = packages_repo.source(self._db, data.source.uuid)
        if known is not None and known.organization_id != org_id and not re_register:
            paired = org_repo.get_organization(self._db, known.organization_id)
            raise PackageRejected(file, f"đơn vị gửi gói này đã được ghép với {paired.name if paired else '?'}, "
                                  f"không ghép lại với {organization.name} được.")
        earlier = packages_repo.source_of(self._db, org_id)
        if earlier is not None and earlier.source_uuid != data.source.uuid and not re_register:
            raise PackageRejected(file, _other_unit(organization, earlier))
        return organization

    def _pairing(self, contents: PackageContents, org_id: int) -> PackageSource:
        return PackageSource(contents.data.source.uuid, org_id, contents.public_key, contents.data.source.name,
                             self._now().isoformat(timespec="seconds"))

    def _refuse_own(self, data: PackageData, file: str) -> None:
        """This database's own top organisation cannot receive its own package (nor one that includes it)."""
        for uuid, name in org_repo.top_uuids(self._db).items():
            if uuid == data.source.uuid or uuid in data.covers:
                raise PackageRejected(file, f"đây là gói của chính {name} (tổ chức cấp cao nhất của cơ sở dữ "
                                      "liệu này), hoặc gói có bao gồm tổ chức này; không tự nhận gói của mình.")

    def _check_life(self, organization: Organization, data: PackageData, file: str) -> None:
        if organization.retired_on is not None and data.year > organization.retired_on.year:
            raise PackageRejected(file, f"{organization.name} đã thôi hoạt động từ {organization.retired_on:%d/%m/%Y},"
                                  f" không có báo cáo năm {data.year}.")
        founded = organization.founded_on or data.source.founded_on
        if founded is not None and data.year < founded.year:
            raise PackageRejected(file, f"{organization.name} thành lập ngày {format_date(founded)}, không có báo cáo "
                                  f"năm {data.year} (năm đó kết thúc trước ngày thành lập).")

    # -- storing --------------------------------------------------------------------------------
    def _store(self, preview: PackagePreview) -> int:
        data, contents = preview.data, preview.contents
        if preview.pairing is not None:
            packages_repo.pair(self._db, preview.pairing)
            self._ctx.audit("pair", "package_source", preview.organization_id,
                            f"Ghép đơn vị gửi gói “{data.source.name}” với tổ chức mã số {preview.organization_id}",
                            {"source_uuid": data.source.uuid, "public_key": contents.public_key})
        row = StoredPackage(
            source_uuid=data.source.uuid, source_code=data.source.code, source_name=data.source.name, year=data.year,
            created_at=data.created_at.isoformat(), imported_at=self._now().isoformat(timespec="seconds"),
            app_version=data.app_version, schema_version=data.schema_version, file_sha256=contents.sha256,
            data_json=contents.data_text, organization_id=preview.organization_id,
            covers_json=_covers_json(data), maker=data.maker,
        )
        for earlier in packages_repo.others_of(self._db, preview.organization_id or 0, data.year, data.source.uuid):
            packages_repo.delete(self._db, earlier[0])  # the unit re-registered: its new install's year
            self._ctx.audit("replace", "package", earlier[0], f"Bỏ gói năm {data.year} của bản cài đặt cũ "
                            f"của {data.source.name} (đơn vị đã đăng ký lại)", {"source_uuid": earlier[1]})
        package_id = packages_repo.store(self._db, row)
        replaced = preview.status in (PackageStatus.NEWER, PackageStatus.OLDER)
        verb = "Thay gói báo cáo" if replaced else "Nhận gói báo cáo"
        self._ctx.audit("replace" if replaced else "import", "package", package_id,
                        f"{verb} năm {data.year} của {data.source.name}",
                        {"file": contents.path.name, "sha256": contents.sha256, "created_at": row.created_at,
                         "source_uuid": data.source.uuid, "organization_id": preview.organization_id,
                         "previous_created_at": str(preview.previous_created_at or ""),
                         "changes": [c.text for c in preview.changes], "nesting": list(preview.nesting)})
        return package_id


def _covers_json(data: PackageData) -> str:
    return json.dumps(list(data.covers))


def _check_batch(previews: Sequence[PackagePreview]) -> None:
    """Two files for one unit and year, or two units paired with one organisation, cannot go in together."""
    seen: dict[tuple[str, int], str] = {}
    orgs: dict[tuple[int | None, int], str] = {}
    for preview in previews:
        data, file = preview.data, preview.contents.path.name
        key = (data.source.uuid, data.year)
        if key in seen and seen[key] != preview.contents.sha256:
            raise PackageRejected(file, f"cùng lúc có hai gói năm {data.year} của {data.source.name}; "
                                  "hãy chỉ chọn gói mới nhất.")
        seen[key] = preview.contents.sha256
        org_key = (preview.organization_id, data.year)
        if org_key in orgs and orgs[org_key] != data.source.uuid:
            raise PackageRejected(file, "hai gói của hai đơn vị khác nhau cùng được ghép với một tổ chức.")
        orgs[org_key] = data.source.uuid


def unpaired_text(preview: PackagePreview) -> str:
    """Why an unknown unit's first package waits for the clerk, and the likely units."""
    names = "; ".join(f"{o.name} (mã số {o.id})" for o in preview.candidates[:5])
    proposal = f" Có thể là: {names}." if names else " Không tìm thấy tổ chức nào cùng tên."
    return (f"Chưa biết {preview.data.source.name} là đơn vị nào trong cơ sở dữ liệu này (lần đầu nhận gói của "
            f"đơn vị này): hãy chọn đơn vị tương ứng để ghép (dòng lệnh: --as MÃ_SỐ).{proposal}")


def _other_key(name: str, known: PackageSource) -> str:
    return (f"gói được ký bằng khóa khác với khóa đã ghi nhận của {name} (từ gói đầu tiên nhận ngày "
            f"{known.paired_at[8:10]}/{known.paired_at[5:7]}/{known.paired_at[:4]}), nên có thể là gói giả mạo. "
            "Nếu đơn vị đã cài lại Khối Desktop, hãy gọi điện xác minh với đơn vị rằng họ đã gửi gói này, rồi "
            "nhận lại và chọn “Đăng ký lại đơn vị” (dòng lệnh: thêm --re-register).")


def _other_unit(organization: Organization, earlier: PackageSource) -> str:
    return (f"{organization.name} đã được ghép với một bản cài đặt khác (gói “{earlier.source_name}”, ghép lúc "
            f"{earlier.paired_at}). Nếu đơn vị đã cài lại Khối Desktop, hãy gọi điện xác minh với đơn vị, rồi nhận "
            "lại và chọn “Đăng ký lại đơn vị” (dòng lệnh: thêm --re-register) để thay đăng ký cũ.")


def _warnings(data: PackageData) -> tuple[str, ...]:
    if data.consolidated_from:
        return (f"Đây là gói tổng hợp của {data.source.name} từ {format_number(data.consolidated_from)} đơn vị.",)
    return ()


def _status_line(preview: PackagePreview) -> str:
    when = moment_text(preview.previous_created_at) if preview.previous_created_at else ""
    return {
        PackageStatus.NEW: "Gói mới: chưa nhận gói nào của đơn vị này cho năm này.",
        PackageStatus.SAME: "Gói này đã được nhận trước đó: không có gì thay đổi.",
        PackageStatus.NEWER: f"Gói mới hơn gói đã nhận (lập lúc {when}): sẽ thay số liệu năm này của đơn vị. "
                             "Các thay đổi:",
        PackageStatus.OLDER: f"Gói cũ hơn gói đã nhận (lập lúc {when}): không nhận, trừ khi chọn nhận đè.",
    }[preview.status]


def _older_reason(preview: PackagePreview) -> str:
    when = moment_text(preview.previous_created_at) if preview.previous_created_at else ""
    return (f"gói lập lúc {moment_text(preview.data.created_at)} cũ hơn gói đã nhận của {preview.data.source.name} "
            f"năm {preview.data.year} (lập lúc {when}); muốn thay bằng gói cũ thì hãy chọn nhận đè (--force).")
