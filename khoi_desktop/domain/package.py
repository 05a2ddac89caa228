"""The package a unit emails to its superior: format constants, limits, manifest and data records.

A package is one .zip holding the year-end report (PDF, DOCX), the statistics workbook
(XLSX), optionally chosen meetings' minutes (PDF), ``data.json`` (the machine-readable
year) and ``manifest.json`` (the SHA-256 and size of every other file). Names inside the
zip are ASCII (diacritics folded) so every Windows unzipper shows them right; the
Vietnamese stays inside the documents.

Everything read from a package is untrusted: the parsers here refuse what does not fit
with a :class:`PackageRejected` naming the file and the entry at fault.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.domain.oversight import Exemplar
from khoi_desktop.domain.vntext import ascii_name, clean, format_number, parse_iso_date

PACKAGE_FORMAT = 2  # 2: the sender's UUID, the UUIDs it covers, and an Ed25519 signature (issue 12)
LEGACY_FORMAT = 1  # received before issue 12; still read from this database's own store
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "signature.json"
MAX_COVERED = 5000
DEFAULT_BACKUP_SHARE = 0.2  # of the free disk, for all the backups made before imports together
DATA_NAME = "data.json"
MAX_ZIP_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed : compressed, per entry
RATIO_FLOOR = 1024 * 1024  # entries smaller than this are too small to be a bomb
MAX_ENTRIES = 200
MAX_JSON_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 120

ROLE_DATA = "data"
ROLE_REPORT_PDF = "report_pdf"
ROLE_REPORT_DOCX = "report_docx"
ROLE_STATISTICS = "statistics_xlsx"
ROLE_MINUTES = "minutes_pdf"
ROLES = (ROLE_DATA, ROLE_REPORT_PDF, ROLE_REPORT_DOCX, ROLE_STATISTICS, ROLE_MINUTES)
E = TypeVar("E", bound=Enum)
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class PackageRejected(UserFacingError):
    """A package that fails a check: nothing was read into the database."""

    def __init__(self, file: str, reason: str, entry: str = "") -> None:
        where = f", mục “{entry}”" if entry else ""
        super().__init__(f"Gói “{file}”{where} bị từ chối: {reason}")
        self.file = file
        self.entry = entry
        self.reason = reason


def source_code(name: str) -> str:
    """The code that identifies a unit across databases: its name folded to ASCII, lowercase."""
    return ascii_name(name, "-").lower()


def is_uuid(text: object) -> bool:
    """A lowercase 8-4-4-4-12 UUID as organisations carry them."""
    return isinstance(text, str) and bool(_UUID.match(text))


def safe_entry_name(name: str) -> bool:
    """An entry name we write and accept: ASCII letters, digits, '_', '-', '.'; no folders."""
    return bool(_SAFE_NAME.match(name)) and ".." not in name and len(name) <= MAX_NAME_LENGTH


def _stem(text: str, limit: int = 60) -> str:
    return ascii_name(text)[:limit].rstrip("_") or "Don_vi"


def report_file_name(year: int, org_name: str, extension: str) -> str:
    """'BC_tong_ket_2026_Chi_bo_Kho_bac_Nha_nuoc_tinh.pdf'."""
    return f"BC_tong_ket_{year}_{_stem(org_name)}.{extension}"


def statistics_file_name(year: int, org_name: str) -> str:
    return f"So_lieu_thong_ke_{year}_{_stem(org_name)}.xlsx"


def minutes_file_name(day: date, kind_label: str, meeting_id: int) -> str:
    """'Bien_ban_2026-03-05_Sinh_hoat_thuong_ky_12.pdf'."""
    return f"Bien_ban_{day.isoformat()}_{_stem(kind_label, 40)}_{meeting_id}.pdf"


def package_file_name(year: int, org_name: str) -> str:
    """The suggested name of the zip itself: 'Goi_bao_cao_2026_Dang_bo_Kho_bac.zip'."""
    return f"Goi_bao_cao_{year}_{_stem(org_name)}.zip"


# -- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceOrg:
    """The unit a package comes from, as its own database knows it."""

    code: str
    name: str
    kind: OrgKind
    id: int = 0
    doc_code: str = ""
    superior: str = ""
    agency_name: str = ""
    uuid: str = ""
    parent_uuid: str = ""
    founded_on: date | None = None  # optional: packages made before it was recorded carry none

    @property
    def display_name(self) -> str:
        """How a bloc report names the unit ('Viện Kiểm sát nhân dân tỉnh')."""
        return self.agency_name or self.name

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "kind": self.kind.value, "id": self.id,
                "doc_code": self.doc_code, "superior": self.superior, "agency_name": self.agency_name,
                "uuid": self.uuid, "parent_uuid": self.parent_uuid,
                **({"founded_on": self.founded_on.isoformat()} if self.founded_on else {})}


@dataclass(frozen=True)
class ManifestEntry:
    name: str
    sha256: str
    size: int
    role: str


@dataclass(frozen=True)
class PackageManifest:
    format: int
    created_at: datetime
    year: int
    source_code: str
    source_name: str
    app_version: str
    schema_version: str
    files: tuple[ManifestEntry, ...]
    source_uuid: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format, "created_at": self.created_at.isoformat(), "year": self.year,
                "source": {"code": self.source_code, "name": self.source_name, "uuid": self.source_uuid},
                "app_version": self.app_version, "schema_version": self.schema_version,
                "files": [{"name": f.name, "sha256": f.sha256, "size": f.size, "role": f.role} for f in self.files]}

    def entry(self, role: str) -> ManifestEntry | None:
        return next((f for f in self.files if f.role == role), None)


@dataclass(frozen=True)
class PlanTexts:
    theme: str = ""
    term_theme: str = ""
    focus_content: str = ""


@dataclass(frozen=True)
class PackageData:
    """data.json: who sent it, when, with which app, and the year's records the bloc needs.

    ``figures`` and ``previous`` (last year) are the year's counts as JSON objects; the
    services' codec turns them into figures and refuses malformed ones.
    """

    format: int
    schema_version: str
    app_version: str
    created_at: datetime
    year: int
    source: SourceOrg
    plan: PlanTexts
    figures: Mapping[str, Any]
    previous: Mapping[str, Any]
    inspections: tuple[Mapping[str, Any], ...] = ()
    outreach: tuple[Mapping[str, Any], ...] = ()
    exemplars: tuple[Mapping[str, Any], ...] = ()
    minutes: tuple[Mapping[str, Any], ...] = ()
    files: Mapping[str, str] = field(default_factory=dict)  # role → entry name
    covers: tuple[str, ...] = ()  # the UUIDs of every organisation the figures include (the sender's first)
    maker: str = ""  # who made the package (the unit's operator)
    consolidated_from: int = 0  # a bloc's consolidated year: how many units' packages it sums

    def to_json(self) -> dict[str, Any]:
        return {"format": self.format, "schema_version": self.schema_version, "app_version": self.app_version,
                "created_at": self.created_at.isoformat(), "year": self.year,
                "source": self.source.to_json(),
                "plan": {"theme": self.plan.theme, "term_theme": self.plan.term_theme,
                         "focus_content": self.plan.focus_content},
                "figures": dict(self.figures), "previous": dict(self.previous),
                "inspections": [dict(i) for i in self.inspections], "outreach": [dict(o) for o in self.outreach],
                "exemplars": [dict(e) for e in self.exemplars], "minutes": [dict(m) for m in self.minutes],
                "files": dict(self.files), "covers": list(self.covers), "maker": self.maker,
                "consolidated_from": self.consolidated_from}


def dump_json(value: Mapping[str, Any]) -> bytes:
    """Stable, readable UTF-8 JSON (sorted keys): the same data gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


# -- parsing untrusted JSON --------------------------------------------------------------------


class Reader:
    """Reads fields of one JSON document, refusing with the package's file and entry named."""

    def __init__(self, file: str, entry: str) -> None:
        self.file = file
        self.entry = entry

    def reject(self, reason: str) -> PackageRejected:
        return PackageRejected(self.file, reason, self.entry)

    def load(self, raw: bytes) -> dict[str, Any]:
        try:
            value = json.loads(raw.decode("utf-8"))
        except RecursionError:  # hostile input: nesting deeper than the parser can follow
            raise self.reject("nội dung JSON lồng nhau quá sâu.") from None
        except (UnicodeDecodeError, ValueError) as exc:
            raise self.reject(f"không đọc được nội dung JSON ({exc}).") from None
        return self.mapping(value, "nội dung")

    def mapping(self, value: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.reject(f"“{what}” phải là một đối tượng JSON.")
        return value

    def items(self, value: Any, what: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.reject(f"“{what}” phải là một danh sách.")
        return value

    def text(self, data: Mapping[str, Any], key: str, *, required: bool = False) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise self.reject(f"trường “{key}” phải là chữ.")
        if required and not clean(value):
            raise self.reject(f"thiếu trường “{key}”.")
        return clean(value) if required else value

    def number(self, data: Mapping[str, Any], key: str, *, low: int = 0, high: int = 10**9) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.reject(f"trường “{key}” phải là số nguyên từ {format_number(low)} đến {format_number(high)}.")
        return value

    def moment(self, data: Mapping[str, Any], key: str) -> datetime:
        try:
            moment = datetime.fromisoformat(self.text(data, key, required=True))
        except ValueError:
            raise self.reject(f"thời điểm “{key}” không hợp lệ.") from None
        return moment if moment.tzinfo else moment.astimezone()

    def day(self, data: Mapping[str, Any], key: str) -> date | None:
        text = self.text(data, key) if data.get(key) is not None else ""
        try:
            return parse_iso_date(text) if text else None
        except ValueError:
            raise self.reject(f"ngày “{key}” không hợp lệ.") from None

    def choice(self, data: Mapping[str, Any], key: str, allowed: type[E]) -> E:
        value = self.text(data, key, required=True)
        try:
            return allowed(value)
        except ValueError:
            raise self.reject(f"giá trị “{value}” của trường “{key}” không xác định.") from None


def parse_manifest(raw: bytes, file: str) -> PackageManifest:
    """manifest.json, checked field by field (the format version first)."""
    reader = Reader(file, MANIFEST_NAME)
    data = reader.load(raw)
    fmt = data.get("format")
    if fmt != PACKAGE_FORMAT:
        raise reader.reject(f"định dạng gói “{fmt}” không được phiên bản này hỗ trợ (chỉ đọc định dạng "
                            f"{PACKAGE_FORMAT}); hãy cập nhật Khối Desktop hoặc đề nghị đơn vị gửi lại.")
    source = data.get("source")
    if not isinstance(source, dict) or not all(isinstance(source.get(k), str) and clean(source[k]) for k in ("code", "name")):
        raise reader.reject("không xác định được đơn vị gửi gói (thiếu mã, tên đơn vị).")
    if not is_uuid(source.get("uuid")):
        raise reader.reject("không có mã định danh (UUID) của đơn vị gửi.")
    files = tuple(_manifest_entry(reader, item) for item in reader.items(data.get("files"), "files"))
    return PackageManifest(
        format=fmt, created_at=reader.moment(data, "created_at"), year=reader.number(data, "year", low=1900, high=2200),
        source_code=reader.text(source, "code", required=True), source_name=reader.text(source, "name", required=True),
        app_version=reader.text(data, "app_version"), schema_version=reader.text(data, "schema_version", required=True),
        files=files, source_uuid=source["uuid"],
    )


def _manifest_entry(reader: Reader, item: Any) -> ManifestEntry:
    entry = reader.mapping(item, "files")
    name = reader.text(entry, "name", required=True)
    digest = reader.text(entry, "sha256", required=True).lower()
    if not _SHA256.match(digest):
        raise reader.reject(f"mã SHA-256 của tệp “{name}” không hợp lệ.")
    role = reader.text(entry, "role", required=True)
    if role not in ROLES:
        raise reader.reject(f"loại tệp “{role}” của “{name}” không xác định.")
    return ManifestEntry(name, digest, reader.number(entry, "size", high=MAX_TOTAL_BYTES), role)


def parse_data(raw: bytes, file: str, *, stored: bool = False) -> PackageData:
    """data.json: format, source organisation (code and name must agree), year and records.

    ``stored``: a data.json this database received earlier, which may be of format 1 (before
    UUIDs): read without a UUID and covering nothing, so what was received is never lost.
    """
    reader = Reader(file, DATA_NAME)
    data = reader.load(raw)
    legacy = stored and data.get("format") == LEGACY_FORMAT
    if data.get("format") != PACKAGE_FORMAT and not legacy:
        raise reader.reject(f"định dạng dữ liệu “{data.get('format')}” không được hỗ trợ.")
    plan = reader.mapping(data.get("plan", {}), "plan")
    return PackageData(
        format=PACKAGE_FORMAT, schema_version=reader.text(data, "schema_version", required=True),
        app_version=reader.text(data, "app_version"), created_at=reader.moment(data, "created_at"),
        year=reader.number(data, "year", low=1900, high=2200),
        source=parse_source(reader, data.get("source"), legacy=legacy), plan=PlanTexts(reader.text(plan, "theme"), reader.text(plan, "term_theme"), reader.text(plan, "focus_content")),
        figures=reader.mapping(data.get("figures"), "figures"), previous=reader.mapping(data.get("previous"), "previous"),
        inspections=_records(reader, data, "inspections"), outreach=_records(reader, data, "outreach"),
        exemplars=_records(reader, data, "exemplars"), minutes=_records(reader, data, "minutes"),
        files={str(k): str(v) for k, v in reader.mapping(data.get("files", {}), "files").items()},
        covers=() if legacy else _covers(reader, data), maker=reader.text(data, "maker"),
        consolidated_from=reader.number(data, "consolidated_from", high=MAX_COVERED) if "consolidated_from" in data else 0,
    )


def _covers(reader: Reader, data: Mapping[str, Any]) -> tuple[str, ...]:
    """The covered UUIDs: the sender's own first, each a UUID, none twice, at most MAX_COVERED."""
    covers = reader.items(data.get("covers"), "covers")
    source = data.get("source") or {}
    if (len(covers) > MAX_COVERED or not all(is_uuid(item) for item in covers) or len(set(covers)) != len(covers)
            or not covers or covers[0] != source.get("uuid")):
        raise reader.reject("danh sách tổ chức được bao gồm (“covers”) không hợp lệ.")
    return tuple(covers)


def parse_source(reader: Reader, value: Any, *, legacy: bool = False) -> SourceOrg:
    """The source organisation; without a code and a name that agree, the sender is unidentified."""
    if not isinstance(value, dict):
        raise reader.reject("không xác định được đơn vị gửi gói (thiếu thông tin “source”).")
    name, code = clean(value.get("name") or "") if isinstance(value.get("name"), str) else "", value.get("code")
    if not name or not isinstance(code, str) or not code or code != source_code(name):
        raise reader.reject("không xác định được đơn vị gửi gói (thiếu hoặc sai mã, tên đơn vị).")
    uuid, parent = value.get("uuid"), value.get("parent_uuid") or ""
    if legacy:
        uuid, parent = "", ""
    elif not is_uuid(uuid) or (parent and not is_uuid(parent)):
        raise reader.reject("mã định danh (UUID) của đơn vị gửi hoặc của tổ chức cấp trên không hợp lệ.")
    return SourceOrg(code=code, name=name, kind=reader.choice(value, "kind", OrgKind),
                     id=reader.number(value, "id"), doc_code=reader.text(value, "doc_code"),
                     superior=reader.text(value, "superior"), agency_name=reader.text(value, "agency_name"),
                     uuid=uuid, parent_uuid=parent, founded_on=reader.day(value, "founded_on"))


def _records(reader: Reader, data: Mapping[str, Any], key: str) -> tuple[Mapping[str, Any], ...]:
    return tuple(reader.mapping(item, key) for item in reader.items(data.get(key, []), key))


def exemplar_from_json(item: Mapping[str, Any], unit: str, file: str = "") -> Exemplar:
    """An exemplar carried in a package, as the year-end report lists it."""
    reader = Reader(file, DATA_NAME)
    return Exemplar(
        id=0, organization_id=0, organization_name=reader.text(item, "organization_name") or unit,
        year=reader.number(item, "year", low=1900, high=2200), name=reader.text(item, "name", required=True),
        is_collective=bool(item.get("is_collective")), person_id=None,
        achievement=reader.text(item, "achievement"), commendation=reader.text(item, "commendation"),
        issued_by=reader.text(item, "issued_by"), decision_number=reader.text(item, "decision_number"),
        date=reader.day(item, "date"),
    )


def exemplar_to_json(exemplar: Exemplar) -> dict[str, Any]:
    return {"name": exemplar.name, "year": exemplar.year, "is_collective": exemplar.is_collective,
            "organization_name": exemplar.organization_name, "achievement": exemplar.achievement,
            "commendation": exemplar.commendation, "issued_by": exemplar.issued_by,
            "decision_number": exemplar.decision_number,
            "date": exemplar.date.isoformat() if exemplar.date else None}
