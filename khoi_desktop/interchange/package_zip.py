"""Write and read the package zip; reading checks everything before anything is used.

:func:`write_package` stores the files under ASCII names with ``manifest.json`` (the
SHA-256 and size of every other file) through a temporary file renamed into place.
:func:`read_package` never extracts anything to disk: it checks the file's size, that it
is a real and complete zip, every entry's name (no ``..``, absolute paths, drive letters,
links, folders or duplicates), the number of entries, the total uncompressed size and each
entry's compression ratio (zip bombs), then the manifest, that the entries are exactly the
files it names, every hash, the format and schema versions, and the sender. Each failure
is a :class:`PackageRejected` naming the file and the entry.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, TypeVar

from khoi_desktop.domain.package import (
    DATA_NAME,
    MANIFEST_NAME,
    MAX_ENTRIES,
    MAX_JSON_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    MAX_ZIP_BYTES,
    RATIO_FLOOR,
    SIGNATURE_NAME,
    ManifestEntry,
    PackageData,
    PackageManifest,
    PackageRejected,
    dump_json,
    parse_data,
    parse_manifest,
    safe_entry_name,
)
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.durable import finalise
from khoi_desktop.interchange.package_signing import signature_file, verified_key

_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_LINK_MODE, _TYPE_MASK = 0o120000, 0o170000
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_Parsed = TypeVar("_Parsed")


@dataclass(frozen=True)
class PackedFile:
    """One file to put in a package."""

    name: str
    role: str
    content: bytes


@dataclass(frozen=True)
class PackageLimits:
    max_zip_bytes: int = MAX_ZIP_BYTES
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_ratio: int = MAX_RATIO
    ratio_floor: int = RATIO_FLOOR
    max_entries: int = MAX_ENTRIES


DEFAULT_LIMITS = PackageLimits()

@dataclass(frozen=True)
class PackageContents:
    """A package that passed every check: its manifest, its data, the zip's own hash."""

    path: Path
    sha256: str
    manifest: PackageManifest
    data: PackageData
    data_text: str
    public_key: str  # the signer's Ed25519 key (base64), checked against the manifest


# -- writing ------------------------------------------------------------------------------------


def write_package(target: Path, files: Sequence[PackedFile], header: PackageManifest,
                  private_key: bytes) -> PackageManifest:
    """Write the zip (manifest, its signature, the files) beside ``target``, then rename it into place."""
    names = [f.name for f in files]
    bad = [n for n in names if not safe_entry_name(n) or n in (MANIFEST_NAME, SIGNATURE_NAME)]
    if bad or len(set(names)) != len(names):
        raise ValueError(f"package entry names must be unique safe ASCII names: {bad or names}")
    entries = tuple(ManifestEntry(f.name, hashlib.sha256(f.content).hexdigest(), len(f.content), f.role)
                    for f in files)
    manifest = replace(header, files=entries)
    stamp = manifest.created_at.timetuple()[:6]
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            raw_manifest = dump_json(manifest.to_json())
            for name, content in ((MANIFEST_NAME, raw_manifest), (SIGNATURE_NAME, signature_file(private_key, raw_manifest)),
                                  *((f.name, f.content) for f in files)):
                info = zipfile.ZipInfo(name, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, content)
        finalise(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return manifest


# -- reading ------------------------------------------------------------------------------------


def read_package(path: Path, *, known_schemas: Collection[str],
                 limits: PackageLimits = DEFAULT_LIMITS) -> PackageContents:
    """Check the package at ``path`` completely and return what it holds (see the module)."""
    path = Path(path)
    file = path.name
    _check_file(path, limits)
    with open(path, "rb") as stream:
        digest = _file_digest(stream)
        archive = _open_zip(stream, file)
        with archive:
            infos = _checked_entries(archive, file, limits)
            _test_zip(archive, file)
            raw_manifest = _read_small(archive, infos, MANIFEST_NAME, file)
            manifest = _parsed(parse_manifest, raw_manifest, file, MANIFEST_NAME)
            public_key = verified_key(_read_small(archive, infos, SIGNATURE_NAME, file), raw_manifest, file)
            _check_listing(infos, manifest, file)
            for entry in manifest.files:
                _check_hash(archive, infos[entry.name], entry, file)
            raw = _read_small(archive, infos, DATA_NAME, file)
    data = _parsed(parse_data, raw, file, DATA_NAME)
    _check_versions(data, manifest, file, known_schemas)
    return PackageContents(path, digest, manifest, data, raw.decode("utf-8"), public_key)


def _check_file(path: Path, limits: PackageLimits) -> None:
    if not path.is_file():
        raise PackageRejected(path.name, "không tìm thấy tệp (hoặc đó là một thư mục).")
    size = path.stat().st_size
    if size > limits.max_zip_bytes:
        raise PackageRejected(path.name, f"tệp quá lớn ({_megabytes(size)}; tối đa "
                              f"{_megabytes(limits.max_zip_bytes)}).")
    if not zipfile.is_zipfile(path):
        raise PackageRejected(path.name, "không phải tệp nén ZIP, hoặc tệp bị hỏng, thiếu (có thể tải về "
                              "chưa xong); hãy đề nghị đơn vị gửi lại.")


def _file_digest(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(_CHUNK), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def _open_zip(stream: BinaryIO, file: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise PackageRejected(file, f"tệp nén ZIP bị hỏng ({exc}).") from None


def _checked_entries(archive: zipfile.ZipFile, file: str, limits: PackageLimits) -> dict[str, zipfile.ZipInfo]:
    """Every entry's name, kind and size; counted and summed (nothing is decompressed yet)."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise PackageRejected(file, f"có {format_number(len(infos))} mục, vượt giới hạn "
                              f"{format_number(limits.max_entries)} mục.")
    # Windows sees 'A.pdf' and 'a.pdf' as one file: names are compared without case.
    twice = [name for name, count in Counter(i.filename.lower() for i in infos).items() if count > 1]
    if twice:
        raise PackageRejected(file, "tên mục bị trùng lặp (kể cả khác nhau chữ hoa, chữ thường).", twice[0])
    total = 0
    for info in infos:
        _check_entry(info, file, limits)
        total += info.file_size
    if total > limits.max_total_bytes:
        raise PackageRejected(file, f"tổng dung lượng khi giải nén ({_megabytes(total)}) vượt giới hạn "
                              f"{_megabytes(limits.max_total_bytes)}.")
    return {info.filename: info for info in infos}


def _check_entry(info: zipfile.ZipInfo, file: str, limits: PackageLimits) -> None:
    name = info.filename
    parts = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        raise PackageRejected(file, "đường dẫn tuyệt đối không được phép trong gói.", name)
    if ".." in parts:
        raise PackageRejected(file, "đường dẫn trỏ ra ngoài gói (“..”) không được phép.", name)
    if (info.external_attr >> 16) & _TYPE_MASK == _LINK_MODE:
        raise PackageRejected(file, "liên kết (symlink) không được phép trong gói.", name)
    if info.is_dir() or len(parts) > 1:
        raise PackageRejected(file, "gói không được chứa thư mục.", name)
    if info.flag_bits & 0x1:
        raise PackageRejected(file, "mục được mã hóa bằng mật khẩu.", name)
    if info.compress_type not in _METHODS:
        raise PackageRejected(file, "kiểu nén không được hỗ trợ.", name)
    if not safe_entry_name(name):
        raise PackageRejected(file, "tên mục không hợp lệ (chỉ dùng chữ không dấu, số, “_”, “-”, “.”).", name)
    if info.file_size == 0:
        raise PackageRejected(file, "tệp rỗng (0 byte); hãy đề nghị đơn vị xuất lại gói.", name)
    if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        raise PackageRejected(file, f"tỷ lệ nén bất thường (hơn {limits.max_ratio}:1), có thể là “bom nén”.", name)


def _test_zip(archive: zipfile.ZipFile, file: str) -> None:
    try:
        bad = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise PackageRejected(file, f"tệp nén ZIP bị hỏng ({exc}).") from None
    if bad is not None:
        raise PackageRejected(file, "dữ liệu bị hỏng (sai mã kiểm tra CRC).", bad)


def _read_small(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], name: str, file: str) -> bytes:
    info = infos.get(name)
    if info is None:
        raise PackageRejected(file, f"thiếu tệp “{name}”; đây không phải gói báo cáo của Khối Desktop.", name)
    if info.file_size > MAX_JSON_BYTES:
        raise PackageRejected(file, f"tệp quá lớn ({_megabytes(info.file_size)}).", name)
    return archive.read(info)


def _parsed(parse: Callable[[bytes, str], _Parsed], raw: bytes, file: str, name: str) -> _Parsed:
    """``parse(raw)``; JSON nested too deeply for the parser is refused like any other bad JSON."""
    try:
        return parse(raw, file)
    except RecursionError:
        raise PackageRejected(file, "nội dung JSON lồng nhau quá sâu, không đọc được.", name) from None


def _check_listing(infos: dict[str, zipfile.ZipInfo], manifest: PackageManifest, file: str) -> None:
    """The entries are exactly manifest.json and the files the manifest names (data.json among them)."""
    named = [entry.name for entry in manifest.files]
    if len(set(named)) != len(named) or MANIFEST_NAME in named or SIGNATURE_NAME in named:
        raise PackageRejected(file, "danh mục tệp ghi trùng một tệp.", MANIFEST_NAME)
    extra = sorted(set(infos) - set(named) - {MANIFEST_NAME, SIGNATURE_NAME})
    if extra:
        raise PackageRejected(file, "tệp không có trong danh mục (manifest.json).", extra[0])
    missing = [name for name in named if name not in infos]
    if missing:
        raise PackageRejected(file, "tệp có trong danh mục nhưng không có trong gói.", missing[0])
    if DATA_NAME not in named:
        raise PackageRejected(file, f"danh mục không có tệp dữ liệu “{DATA_NAME}”.", MANIFEST_NAME)


def _check_hash(archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: ManifestEntry, file: str) -> None:
    digest, size = hashlib.sha256(), 0
    with archive.open(info) as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            size += len(chunk)
            if size > entry.size:
                break
            digest.update(chunk)
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise PackageRejected(file, "nội dung không khớp mã SHA-256 trong danh mục (tệp đã bị sửa hoặc hỏng).",
                              entry.name)


def _check_versions(data: PackageData, manifest: PackageManifest, file: str, known: Collection[str]) -> None:
    if data.schema_version not in known or manifest.schema_version != data.schema_version:
        raise PackageRejected(file, f"cấu trúc dữ liệu “{data.schema_version}” không được phiên bản này hỗ trợ "
                              "(gói được tạo bởi phiên bản Khối Desktop mới hơn?); hãy cập nhật ứng dụng.", DATA_NAME)
    if ((data.source.code, data.source.name, data.source.uuid, data.year)
            != (manifest.source_code, manifest.source_name, manifest.source_uuid, manifest.year)):
        raise PackageRejected(file, "đơn vị gửi hoặc năm báo cáo trong dữ liệu không khớp với danh mục.", DATA_NAME)


def _megabytes(size: int) -> str:
    return f"{format_number(size / (1024 * 1024), 1)} MB"
