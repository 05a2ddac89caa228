"""Packages for the package tests: a valid one built without a database, and every kind of bad one."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.package import (
    DATA_NAME,
    MANIFEST_NAME,
    PACKAGE_FORMAT,
    ROLE_DATA,
    ROLE_REPORT_PDF,
    SIGNATURE_NAME,
    PackageData,
    PlanTexts,
    SourceOrg,
    dump_json,
    source_code,
)
from khoi_desktop.interchange.package_signing import new_private_key, signature_file
from khoi_desktop.interchange.package_zip import PackedFile, write_package
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import empty_figures
from khoi_desktop.services.package_export import PackageExportService, header_of
from khoi_desktop.services.package_figures import figures_to_json
from khoi_desktop.services.package_import import ImportResult, PackageImportService
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.migrations import schema_version
from tests.conftest import TODAY
from tests.core.year_end_support import YEAR, Bloc

UNIT = "Đảng bộ Viện Kiểm sát nhân dân tỉnh"
UNIT_UUID = "5b0c1a52-3f1e-4a8e-9a61-0c6f4f1d2b01"
CREATED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
KEY = new_private_key()  # the plain unit's own key
PDF = b"%PDF-1.4 b\xc3\xa1o c\xc3\xa1o\n" * 50


def plain_data(name: str = UNIT, year: int = 2026, created: datetime = CREATED, uuid: str = UNIT_UUID,
               **changes: object) -> PackageData:
    """data.json of a unit with empty figures."""
    data = PackageData(
        format=PACKAGE_FORMAT, schema_version=schema_version(), app_version="0.1.0", created_at=created, year=year,
        source=SourceOrg(source_code(name), name, OrgKind.BASE_COMMITTEE, 2, "ĐU", "Đảng bộ Khối",
                         name.removeprefix("Đảng bộ "), uuid=uuid),
        plan=PlanTexts(focus_content="Đổi mới công tác quản lý"),
        figures=figures_to_json(empty_figures(2, year)), previous=figures_to_json(empty_figures(2, year - 1)),
        covers=(uuid,),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def write_plain(target: Path, data: PackageData | None = None, extra: tuple[PackedFile, ...] = (),
                key: bytes = KEY) -> Path:
    """A valid package signed with ``key``: data.json and one PDF (plus ``extra`` files listed in the manifest)."""
    data = data or plain_data()
    raw = dump_json(data.to_json())
    files = [PackedFile(DATA_NAME, ROLE_DATA, raw), PackedFile("BC_tong_ket_2026_Dang_bo.pdf", ROLE_REPORT_PDF, PDF),
             *extra]
    write_package(target, files, header_of(data), key)
    return target


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def repack(target: Path, items: list[tuple[str | zipfile.ZipInfo, bytes]],
           method: int = zipfile.ZIP_DEFLATED) -> Path:
    """Write ``items`` as a zip exactly as given (names are not cleaned)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a duplicate name is what some tests want
        for name, content in items:
            archive.writestr(name, content)
    target.write_bytes(buffer.getvalue())
    return target


def signed(items: dict[str, bytes] | list[tuple[str, bytes]], key: bytes = KEY) -> list[tuple[str, bytes]]:
    """The entries with signature.json made anew over their manifest (a forger signing with ``key``)."""
    listed = [(n, c) for n, c in (items.items() if isinstance(items, dict) else items) if n != SIGNATURE_NAME]
    manifest = next(c for n, c in listed if n == MANIFEST_NAME)
    return [listed[0], (SIGNATURE_NAME, signature_file(key, manifest)), *listed[1:]]


def _manifest_for(items: dict[str, bytes], **changes: object) -> list[tuple[str, bytes]]:
    manifest = json.loads(items[MANIFEST_NAME])
    manifest.update(changes)
    return signed({**items, MANIFEST_NAME: json.dumps(manifest).encode()})


def _with_data(items: dict[str, bytes], change: Callable[[dict], None]) -> list[tuple[str, bytes]]:
    """data.json changed, and the manifest's hash updated so only the change itself is wrong."""
    data = json.loads(items[DATA_NAME])
    change(data)
    raw = json.dumps(data, ensure_ascii=False).encode()
    manifest = json.loads(items[MANIFEST_NAME])
    for entry in manifest["files"]:
        if entry["name"] == DATA_NAME:
            entry["sha256"], entry["size"] = hashlib.sha256(raw).hexdigest(), len(raw)
    return signed([(MANIFEST_NAME, json.dumps(manifest).encode()), (DATA_NAME, raw),
                   *((name, content) for name, content in items.items() if name not in (MANIFEST_NAME, DATA_NAME))])


def _symlink(items: dict[str, bytes]) -> list[tuple[str | zipfile.ZipInfo, bytes]]:
    link = zipfile.ZipInfo("lien_ket")
    link.external_attr = 0o120777 << 16
    return [*items.items(), (link, b"/etc/passwd")]


def _set_source(data: dict) -> None:
    data["source"] = {"code": "", "name": "", "kind": "base_committee", "id": 2}


def _set_figures(data: dict) -> None:
    data["figures"]["meetings"]["tiec_tat_nien"] = 1
    data["previous"]["contributors"] = -3


def malformed_figures(items: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """A package whose zip and hashes are right but whose figures do not read."""
    return _with_data(items, _set_figures)


def _set_schema(data: dict) -> None:
    data["schema_version"] = "m9999_from_the_future"


# Each bad package: (test id, builder from a valid package's entries, words the message must contain)
Builder = Callable[[dict[str, bytes]], list]
BAD_PACKAGES: list[tuple[str, Builder, str]] = [
    ("wrong-hash", lambda i: [*((n, c + b"x" if n.endswith(".pdf") else c) for n, c in i.items())], "SHA-256"),
    ("extra-file", lambda i: [*i.items(), ("ghi_chu.txt", b"them")], "không có trong danh mục"),
    ("traversal", lambda i: [*i.items(), ("../x", b"x")], "“..”"),
    ("absolute", lambda i: [*i.items(), ("/etc/x", b"x")], "tuyệt đối"),
    ("drive-letter", lambda i: [*i.items(), ("C:\\x", b"x")], "tuyệt đối"),
    ("symlink", _symlink, "symlink"),
    ("bomb", lambda i: [*i.items(), ("bom.bin", b"\0" * (3 * 1024 * 1024))], "bom nén"),
    ("missing-manifest", lambda i: [(n, c) for n, c in i.items() if n != MANIFEST_NAME], "manifest.json"),
    ("unknown-format", lambda i: _manifest_for(i, format=1), "định dạng gói"),
    ("unsigned", lambda i: [(n, c) for n, c in i.items() if n != SIGNATURE_NAME], SIGNATURE_NAME),
    ("forged-signature", lambda i: [(n, c + b" " if n == MANIFEST_NAME else c) for n, c in i.items()], "chữ ký"),
    ("unknown-schema", lambda i: _with_data(i, _set_schema), "m9999_from_the_future"),
    ("unidentified-source", lambda i: _with_data(i, _set_source), "không xác định được đơn vị gửi"),
    ("duplicate-entry", lambda i: [*i.items(), (DATA_NAME, i[DATA_NAME])], "trùng lặp"),
    ("missing-file", lambda i: [(n, c) for n, c in i.items() if not n.endswith(".pdf")], "không có trong gói"),
]


def bad_package(folder: Path, builder: Builder, name: str = "goi.zip") -> Path:
    good = write_plain(folder / "tot.zip")
    return repack(folder / name, builder(entries(good)))


def truncated(folder: Path) -> Path:
    good = write_plain(folder / "tot.zip").read_bytes()
    target = folder / "cat.zip"
    target.write_bytes(good[: len(good) * 2 // 3])
    return target


def not_a_zip(folder: Path) -> Path:
    target = folder / "khong-phai.zip"
    target.write_bytes(b"%PDF-1.4 day la mot tep PDF doi ten thanh .zip")
    return target


def database_digest(path: Path) -> str:
    """A digest of every row of every table, in a stable order (the same data gives the same digest)."""
    connection = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
            digest.update(table.encode())
            for row in sorted(repr(r) for r in rows):
                digest.update(row.encode())
        return digest.hexdigest()
    finally:
        connection.close()


def db_digest(db: Database, skip: tuple[str, ...] = ()) -> str:
    """The same digest over an open connection, leaving out the ``skip`` tables."""
    digest = hashlib.sha256()
    for table in sorted(t for t in db.table_names() if t not in skip):
        digest.update(table.encode())
        for row in sorted(repr(r) for r in db.execute(f'SELECT * FROM "{table}"').fetchall()):
            digest.update(row.encode())
    return digest.hexdigest()


# -- databases -------------------------------------------------------------------------------------

EXPORTED_AT = datetime(2019, 1, 10, 8, 0, tzinfo=UTC)


def open_services(path: Path) -> Services:
    """Services over ``path`` with the test suite's fixed day and operator."""
    opened = Services.open(path)
    opened.context.today = lambda: TODAY
    opened.context.operator = "thư ký kiểm thử"
    return opened


def exporter(services: Services, at: datetime = EXPORTED_AT) -> PackageExportService:
    return PackageExportService(services.context, clock=lambda: at)


def export_units(services: Services, world: Bloc, folder: Path, at: datetime = EXPORTED_AT) -> dict[str, Path]:
    """The 2018 packages of the Procuracy's base committee and of the Treasury's branch."""
    export = exporter(services, at)
    return {"base": export.export(world.base, YEAR, folder / "vien-kiem-sat.zip").path,
            "treasury": export.export(world.treasury, YEAR, folder / "kho-bac.zip").path}


def receive_all(importer: PackageImportService, paths: list[Path]) -> ImportResult:
    """Import ``paths`` as a clerk accepting the proposed unit for each first package."""
    previews = []
    for path in paths:
        preview = importer.preview(path)
        if not preview.paired:
            preview = importer.preview(path, as_org=preview.candidates[0].id)
        previews.append(preview)
    return importer.commit(previews)
