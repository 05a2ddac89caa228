"""Benchmarks of issues 4 and 15: the minutes of a 200-member meeting with 10 agenda items.

Rows to read side by side: the app building and writing the minutes in-process (target
150 ms), the whole ``main.py minutes`` command on a copy of the scale's demo database with
that meeting added (target 0.5 s, the bloc's 170 MB file included), and the clerk's Word
route on the same minutes, a DOCX of the same text converted to PDF by LibreOffice's
``soffice`` — the command must be at least 3× faster (the ratio row, same run). Without
LibreOffice that row reads "not measured".
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.shared import Mm, Pt
from pypdf import PdfReader

from bench.registry import BenchContext, NotMeasured, case, ratio
from khoi_desktop.services.app import Services
from tests.core.meetings_support import Kit, big_branch_meeting

ROOT = Path(__file__).resolve().parent.parent
NAME = "minutes 200 attendees, 10 agenda items"
COMMAND = f"{NAME}: main.py minutes"
OFFICE = f"{NAME}: LibreOffice DOCX→PDF"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _scratch_meeting(ctx: BenchContext, stem: str) -> tuple[Path, int]:
    """A copy of the scale's demo with the big meeting added, closed again; removed when the case ends."""
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    db_path = ctx.out_dir / f"{stem}-{ctx.scale}.sqlite"
    for leftover in ctx.out_dir.glob(f"{stem}-{ctx.scale}.sqlite*"):
        leftover.unlink()
    shutil.copyfile(ctx.db_path, db_path)
    services = Services.open(db_path)
    try:
        meeting_id = big_branch_meeting(Kit.over(services))
    finally:
        services.close()
    ctx.on_exit(lambda: [path.unlink(missing_ok=True) for path in ctx.out_dir.glob(f"{stem}-{ctx.scale}*")])
    return db_path, meeting_id


@case(NAME, targets={"unit": 0.150}, scales=("unit",))
def minutes_in_process(ctx: BenchContext) -> Callable[[], object]:
    """Gather the data, lay out and write the PDF, as the GUI's print button does (fonts warm)."""
    db_path, meeting_id = _scratch_meeting(ctx, "meetings-inprocess")
    services = Services.open(db_path)
    ctx.on_exit(services.close)
    documents = Kit.over(services).documents
    target = ctx.out_dir / "meetings-inprocess.pdf"
    documents.write_minutes(meeting_id, target)  # numbers the minutes and loads the fonts once
    return lambda: documents.write_minutes(meeting_id, target)


@case(COMMAND, targets={"unit": 0.5, "bloc": 0.5})
def minutes_command(ctx: BenchContext) -> Callable[[], object]:
    """The whole command in a fresh interpreter: start-up, imports, open, build, write."""
    db_path, meeting_id = _scratch_meeting(ctx, "meetings-command")
    command = [sys.executable, str(ROOT / "main.py"), "minutes", str(meeting_id),
               "--out", str(ctx.out_dir / "meetings-command.pdf"), "--db", str(db_path)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)  # warm the byte-code caches
    return lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


def _docx_like(pdf: Path, target: Path) -> Path:
    """A Word document with the same text as the app's minutes: A4, Times New Roman 14 pt."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Mm(30), Mm(15), Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    for page in PdfReader(pdf).pages:
        for line in page.extract_text().splitlines():
            document.add_paragraph(line)
    document.save(str(target))
    return target


@case(OFFICE, targets={}, max_repeat=3)
def minutes_via_libreoffice(ctx: BenchContext) -> Callable[[], object]:
    """The Word route for comparison: soffice converts a DOCX of the same minutes to PDF."""
    if not SOFFICE:
        raise NotMeasured("LibreOffice is not installed")
    db_path, meeting_id = _scratch_meeting(ctx, "meetings-office")
    services = Services.open(db_path)
    try:
        pdf = Kit.over(services).documents.write_minutes(meeting_id, ctx.out_dir / "meetings-office.pdf").path
    finally:
        services.close()
    docx = _docx_like(pdf, ctx.out_dir / "meetings-office.docx")
    profile = ctx.out_dir / "meetings-office-profile"
    ctx.on_exit(lambda: shutil.rmtree(profile, ignore_errors=True))
    command = [str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
               "--outdir", str(ctx.out_dir / "meetings-office-pdf"), str(docx)]
    ctx.on_exit(lambda: shutil.rmtree(ctx.out_dir / "meetings-office-pdf", ignore_errors=True))
    subprocess.run(command, check=True, capture_output=True, timeout=300)  # first start builds the profile
    return lambda: subprocess.run(command, check=True, capture_output=True, timeout=300)


ratio("LibreOffice route / main.py minutes (times faster)", OFFICE, COMMAND, target=3.0, at_least=True)
