"""The package zip: ASCII names and a manifest on writing; every check on reading, before anything is used."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from khoi_desktop.domain.package import DATA_NAME, MANIFEST_NAME, SIGNATURE_NAME, PackageRejected
from khoi_desktop.interchange.package_signing import public_key_text
from khoi_desktop.interchange.package_zip import (
    DEFAULT_LIMITS,
    PackageLimits,
    PackedFile,
    read_package,
    write_package,
)
from khoi_desktop.storage.migrations import KNOWN
from tests.core.package_support import (
    BAD_PACKAGES,
    KEY,
    PDF,
    UNIT,
    Builder,
    bad_package,
    entries,
    not_a_zip,
    repack,
    signed,
    truncated,
    write_plain,
)


def _read(path: Path, limits: PackageLimits = DEFAULT_LIMITS) -> object:
    return read_package(path, known_schemas=KNOWN, limits=limits)


def test_a_written_package_reads_back(tmp_path: Path) -> None:
    """The manifest lists every file with its hash; the data comes back as written."""
    path = write_plain(tmp_path / "goi.zip")
    contents = read_package(path, known_schemas=KNOWN)
    assert contents.data.source.name == UNIT and contents.data.year == 2026
    assert {f.name for f in contents.manifest.files} == set(entries(path)) - {MANIFEST_NAME, SIGNATURE_NAME}
    assert contents.public_key == public_key_text(KEY)
    assert json.loads(contents.data_text)["plan"]["focus_content"] == "Đổi mới công tác quản lý"


def test_names_inside_the_zip_are_ascii(tmp_path: Path) -> None:
    """No entry name has a non-ASCII character, and none sets the UTF-8 flag."""
    path = write_plain(tmp_path / "goi.zip")
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            assert info.filename.isascii() and not info.flag_bits & 0x800


def test_the_writer_refuses_unsafe_names(tmp_path: Path) -> None:
    """A Vietnamese or a path-like entry name is a programming error, not a silent rename."""
    header = read_package(write_plain(tmp_path / "a.zip"), known_schemas=KNOWN).manifest
    for name in ("Báo_cáo.pdf", "../x.pdf", "thu_muc/x.pdf"):
        with pytest.raises(ValueError):
            write_package(tmp_path / "b.zip", [PackedFile(name, "report_pdf", b"x")], header, KEY)
    assert not (tmp_path / "b.zip").exists()


@pytest.mark.parametrize(("builder", "words"), [(b, w) for _, b, w in BAD_PACKAGES],
                         ids=[name for name, _, _ in BAD_PACKAGES])
def test_every_bad_package_is_rejected_with_the_file_named(tmp_path: Path, builder: Builder, words: str) -> None:
    """Each kind of bad package: a PackageRejected in Vietnamese naming the file."""
    path = bad_package(tmp_path, builder)
    with pytest.raises(PackageRejected) as caught:
        _read(path)
    assert words in caught.value.message and "“goi.zip”" in caught.value.message


def test_the_faulty_entry_is_named(tmp_path: Path) -> None:
    """A traversal entry is named in the message."""
    path = bad_package(tmp_path, lambda items: [*items.items(), ("../x", b"x")])
    with pytest.raises(PackageRejected) as caught:
        _read(path)
    assert caught.value.entry == "../x" and "mục “../x”" in caught.value.message


def test_truncated_and_non_zip_files_are_rejected(tmp_path: Path) -> None:
    """A download that stopped half way, and a PDF renamed to .zip."""
    for path in (truncated(tmp_path), not_a_zip(tmp_path)):
        with pytest.raises(PackageRejected, match="không phải tệp nén ZIP"):
            _read(path)


def test_size_and_entry_limits(tmp_path: Path) -> None:
    """The zip's own size, the total uncompressed size and the number of entries are bounded."""
    path = write_plain(tmp_path / "goi.zip")
    with pytest.raises(PackageRejected, match="tệp quá lớn"):
        _read(path, PackageLimits(max_zip_bytes=1000))
    with pytest.raises(PackageRejected, match="tổng dung lượng khi giải nén"):
        _read(path, PackageLimits(max_total_bytes=2000))
    with pytest.raises(PackageRejected, match="vượt giới hạn 2 mục"):
        _read(path, PackageLimits(max_entries=2))


def test_a_stored_large_entry_is_not_a_bomb_but_is_not_in_the_manifest(tmp_path: Path) -> None:
    """Incompressible data passes the ratio check and is refused only as an unlisted file."""
    items = entries(write_plain(tmp_path / "tot.zip"))
    path = repack(tmp_path / "goi.zip", [*items.items(), ("du_lieu.bin", bytes(range(256)) * 8192)],
                  method=zipfile.ZIP_STORED)
    with pytest.raises(PackageRejected, match="không có trong danh mục"):
        _read(path)


def test_a_corrupted_entry_fails_the_crc_check(tmp_path: Path) -> None:
    """A flipped byte inside stored data: testzip finds it before any hash is compared."""
    items = entries(write_plain(tmp_path / "tot.zip"))
    path = repack(tmp_path / "goi.zip", list(items.items()), method=zipfile.ZIP_STORED)
    raw = bytearray(path.read_bytes())
    at = raw.find(b"%PDF-1.4") + 20
    raw[at] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(PackageRejected, match="CRC|bị hỏng"):
        _read(path)


def test_manifest_and_data_must_name_the_same_sender(tmp_path: Path) -> None:
    """A manifest saying one unit over data of another is refused."""
    items = entries(write_plain(tmp_path / "tot.zip"))
    manifest = json.loads(items[MANIFEST_NAME])
    manifest["source"] = {"code": "khac", "name": "Đơn vị khác", "uuid": manifest["source"]["uuid"]}
    items[MANIFEST_NAME] = json.dumps(manifest).encode()
    with pytest.raises(PackageRejected, match="không khớp với danh mục"):
        _read(repack(tmp_path / "goi.zip", signed(items)))
    assert DATA_NAME in items


def _listed(items: dict[str, bytes], extra: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The package's entries plus ``extra`` files, each listed in the manifest with its true hash and size."""
    manifest = json.loads(items[MANIFEST_NAME])
    manifest["files"] += [{"name": name, "role": "report_pdf", "sha256": hashlib.sha256(content).hexdigest(),
                           "size": len(content)} for name, content in extra]
    return [(MANIFEST_NAME, json.dumps(manifest).encode()),
            *((n, c) for n, c in items.items() if n != MANIFEST_NAME), *extra]


@pytest.mark.parametrize(("extra", "words"), [
    ([("A.pdf", PDF), ("a.pdf", PDF)], "trùng lặp"),
    ([("Báo cáo.pdf", PDF)], "tên mục không hợp lệ"),
    ([("x.pdf:luong_an", PDF)], "tên mục không hợp lệ"),
    ([("rong.pdf", b"")], "tệp rỗng"),
], ids=["case-duplicate", "non-ascii", "stream-name", "empty"])
def test_listed_files_with_unsafe_names_or_no_content_are_rejected(tmp_path: Path, extra: list, words: str) -> None:
    """Names Windows would merge or mangle, and empty files, are refused even when the manifest lists them."""
    items = entries(write_plain(tmp_path / "tot.zip"))
    with pytest.raises(PackageRejected, match=words):
        _read(repack(tmp_path / "goi.zip", _listed(items, extra)))


def test_a_deeply_nested_manifest_is_rejected_not_a_crash(tmp_path: Path) -> None:
    """JSON nested beyond the parser's depth is a PackageRejected, not a RecursionError."""
    items = entries(write_plain(tmp_path / "tot.zip"))
    items[MANIFEST_NAME] = b"[" * 200_000 + b"]" * 200_000
    with pytest.raises(PackageRejected, match="lồng nhau quá sâu"):
        _read(repack(tmp_path / "goi.zip", list(items.items())))
