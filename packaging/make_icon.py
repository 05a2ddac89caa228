"""Make the Windows application icon (.ico) from resources/icons/khoi.png at build time.

    python packaging/make_icon.py [SOURCE.png] [TARGET.ico]

Defaults: ``resources/icons/khoi.png`` -> ``build/khoi.ico`` (git-ignored). The .ico holds
the sizes Windows asks for (16 to 256 px), each stored as PNG, which Windows Vista and
later read. Scaling uses Pillow when the build environment has it (reportlab brings it),
else Qt's QImage; the ICO container itself is written here, so both paths give the same
file layout. The spec calls :func:`make_icon`; nothing generated is committed.
"""

from __future__ import annotations

import io
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "resources" / "icons" / "khoi.png"
DEFAULT_TARGET = ROOT / "build" / "khoi.ico"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def _scaled_pngs_pillow(source: Path) -> list[tuple[int, bytes]]:
    from PIL import Image  # noqa: PLC0415 - optional dependency

    with Image.open(source) as original:
        image = original.convert("RGBA")
    result = []
    for size in SIZES:
        buffer = io.BytesIO()
        image.resize((size, size), Image.Resampling.LANCZOS).save(buffer, format="PNG")
        result.append((size, buffer.getvalue()))
    return result


def _scaled_pngs_qt(source: Path) -> list[tuple[int, bytes]]:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: PLC0415
    from PySide6.QtGui import QImage  # noqa: PLC0415

    image = QImage(str(source))
    if image.isNull():
        raise ValueError(f"cannot read {source}")
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    result = []
    for size in SIZES:
        scaled = image.scaled(size, size, Qt.AspectRatioMode.IgnoreAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        scaled.save(buffer, "PNG")
        buffer.close()
        result.append((size, bytes(data.data())))
    return result


def ico_bytes(pngs: list[tuple[int, bytes]]) -> bytes:
    """An ICO file whose entries are PNG images (ICONDIR, ICONDIRENTRY[], then the data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = [], []
    for size, png in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def make_icon(source: Path = DEFAULT_SOURCE, target: Path = DEFAULT_TARGET) -> tuple[Path, str]:
    """Write ``target`` from ``source``; returns the path and the scaler used."""
    try:
        pngs, scaler = _scaled_pngs_pillow(source), "Pillow"
    except ImportError:
        pngs, scaler = _scaled_pngs_qt(source), "QImage"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(ico_bytes(pngs))
    return target, scaler


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    target = Path(argv[1]) if len(argv) > 1 else DEFAULT_TARGET
    path, scaler = make_icon(source, target)
    print(f"Wrote {path} ({len(SIZES)} sizes, scaled with {scaler}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
