"""Render every document the app prints as PNG pages, to look at them before calling a change done.

    python -m bench.render_documents OUT_FOLDER [--scale unit|bloc]

Builds the deterministic demo database in OUT_FOLDER, writes the year-end report of each level
(PDF, DOCX, XLSX; once with dotted lines for empty sections) and a meeting's minutes and
resolution, converts each DOCX and XLSX to PDF with LibreOffice (``soffice --headless``) and each
PDF to PNG pages with ``pdftoppm -png -r 60``. Needs poppler-utils and LibreOffice (writer and
calc): ``apt-get install -y poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui``.
Nothing here is a test: the output is for eyes, and is never committed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from datetime import date
from pathlib import Path

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.services.app import Services
from khoi_desktop.services.demo.generator import generate_demo
from khoi_desktop.services.meeting_documents import MeetingDocumentService
from khoi_desktop.services.year_end import YearEndService

YEAR = 2025


def _year_end_files(services: Services, out: Path) -> list[Path]:
    """The year-end report of the first organisation of each level, in all three formats."""
    report = YearEndService(services.context)
    written: list[Path] = []
    seen: set[OrgKind] = set()
    for org in services.organizations.all():
        if org.kind in seen:
            continue
        seen.add(org.kind)
        stem = out / f"bao-cao-{org.kind.value}"
        files = report.export(org.id, YEAR, pdf=stem.with_suffix(".pdf"), docx=stem.with_suffix(".docx"),
                              xlsx=stem.with_suffix(".xlsx"), issued_on=date(YEAR, 12, 20), blank_lines=True)
        written.extend(files.paths)
    return written


def _meeting_files(services: Services, out: Path) -> list[Path]:
    """Minutes and resolution of the first meetings that can print them."""
    documents = MeetingDocumentService(services.context)
    written: list[Path] = []
    for meeting in services.meetings.list(year=YEAR)[:40]:
        for name, write in (("bien-ban", documents.write_minutes), ("nghi-quyet", documents.write_resolution)):
            target = out / f"{name}-{meeting.id}.pdf"
            if any(path.name.startswith(name) for path in written):
                continue
            try:
                written.append(write(meeting.id, target, register=False).path)
            except UserFacingError:
                continue
    return written


def _to_pdf(paths: list[Path], out: Path) -> list[tuple[str, Path]]:
    """(name, PDF) of every document: ours as written, DOCX and XLSX through LibreOffice."""
    pdfs = [(path.stem, path) for path in paths if path.suffix == ".pdf"]
    for suffix in (".docx", ".xlsx"):
        office = [path for path in paths if path.suffix == suffix]
        folder = out / suffix[1:]
        if office and shutil.which("soffice"):
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                            *map(str, office)], check=True, capture_output=True)
            pdfs.extend((f"{pdf.stem}-{suffix[1:]}", pdf) for pdf in sorted(folder.glob("*.pdf")))
    return pdfs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", choices=("unit", "bloc"), default="unit")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    database = out / "demo.khoi"
    generate_demo(database, args.scale, 2018, overwrite=True)
    services = Services.open(database)
    try:
        written = _year_end_files(services, out) + _meeting_files(services, out)
    finally:
        services.close()
    (out / "png").mkdir(exist_ok=True)
    for name, pdf in _to_pdf(written, out):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / "png" / name)], check=True)
    print(f"Đã vẽ {len(list((out / 'png').glob('*.png')))} trang vào {out / 'png'}")


if __name__ == "__main__":
    main()
