"""minutes, sign-in-sheet, resolution: print a meeting's documents to PDF without the GUI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from khoi_desktop.cli.common import db_option, handles_errors, open_session, say
from khoi_desktop.domain.validation import MAX_ID

if TYPE_CHECKING:  # the PDF writers (reportlab) load when a document is printed
    from khoi_desktop.services.meeting_documents import MeetingDocumentService, PrintedDocument

Writer = Callable[["MeetingDocumentService", int, Path], "PrintedDocument"]


def _print_document(name: str, help_text: str, write: Writer, *, numbers: bool = True) -> click.Command:
    """A subcommand ``NAME MEETING_ID --out FILE.pdf [--db PATH]`` that writes one document.

    A document that ``numbers`` itself records its number, so the command takes the
    database's writer lock; the others read only (they work beside an open window)."""

    @click.command(name, help=help_text)
    @click.argument("meeting_id", type=click.IntRange(1, MAX_ID))
    @click.option("--out", "out", type=click.Path(path_type=Path), required=True,
                  help="Tệp PDF sẽ ghi (ghi đè nếu đã có; không ghi gì khi có lỗi).")
    @db_option
    @handles_errors
    def command(meeting_id: int, out: Path, db_path: Path | None) -> None:
        from khoi_desktop.services.meeting_documents import MeetingDocumentService

        session = open_session(db_path, writes=numbers)  # builds only the document service
        try:
            printed = write(MeetingDocumentService(session.context), meeting_id, out)
        finally:
            session.close()
        number = f" {printed.number_text}" if printed.number_text else ""
        say(f"Đã ghi {printed.title}{number} vào “{printed.path}”.")

    return command


minutes_command = _print_document(
    "minutes", "In biên bản buổi sinh hoạt MEETING_ID ra tệp PDF (cấp số văn bản nếu chưa có).",
    lambda documents, meeting_id, out: documents.write_minutes(meeting_id, out))
sign_in_sheet_command = _print_document(
    "sign-in-sheet", "In danh sách đảng viên dự họp của buổi sinh hoạt MEETING_ID ra tệp PDF.",
    lambda documents, meeting_id, out: documents.write_sign_in_sheet(meeting_id, out), numbers=False)
resolution_command = _print_document(
    "resolution", "In nghị quyết hoặc thông báo kết luận của buổi sinh hoạt MEETING_ID ra tệp PDF "
    "(cấp số văn bản nếu chưa có).",
    lambda documents, meeting_id, out: documents.write_resolution(meeting_id, out))

MEETING_COMMANDS = (minutes_command, sign_in_sheet_command, resolution_command)
