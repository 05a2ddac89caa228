"""registration, self-review, ratings, participation: the year's study and assessment without the GUI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from khoi_desktop.cli.common import db_option, draft_option, handles_errors, open_existing, say
from khoi_desktop.domain.study import participation_sentences, study_categories

if TYPE_CHECKING:  # the document writers (reportlab, openpyxl) load when a document is printed
    from khoi_desktop.services.study_documents import StudyDocumentService, StudyDocumentWritten

FC = TypeVar("FC", bound=Callable[..., object])

_PERSON_HELP = "PERSON: mã số người trong ứng dụng hoặc số thẻ đảng viên (ghi id:12 hoặc the:012345 nếu trùng)."
_OUT = click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                    help="Tệp PDF sẽ ghi (ghi đè nếu đã có; không ghi gì khi có lỗi).")


def _year(what: str) -> Callable[[FC], FC]:
    """The --year option, its help naming what the year is of ('Năm đăng ký (ví dụ 2025).')."""
    return click.option("--year", type=int, required=True, help=f"{what} (ví dụ 2025).")


def _report(written: StudyDocumentWritten) -> None:
    say(f"Đã ghi {written.title} vào “{written.path}”.")
    if written.xlsx is not None:
        say(f"Đã ghi bảng tổng hợp đăng ký và xếp loại vào “{written.xlsx}”.")
    for line in written.notes:
        say(line)
    for line in written.warnings:
        say(f"Cảnh báo: {line}")


def _print_for_person(db_path: Path | None, person: str,
                      write: Callable[[StudyDocumentService, int], StudyDocumentWritten]) -> None:
    """Resolve PERSON, write one of their documents and say where it went."""
    from khoi_desktop.services.study_documents import StudyDocumentService

    services = open_existing(db_path)
    try:
        documents = StudyDocumentService(services.context)
        written = write(documents, documents.resolve_person(person))
    finally:
        services.close()
    _report(written)


@click.command("registration", help=f"In bản đăng ký học tập và làm theo của một đảng viên. {_PERSON_HELP}")
@click.argument("person")
@_year("Năm đăng ký học tập và làm theo")
@_OUT
@db_option
@handles_errors
def registration_command(person: str, year: int, out: Path, db_path: Path | None) -> None:
    _print_for_person(db_path, person, lambda documents, person_id: documents.write_registration(person_id, year, out))


@click.command("self-review", help=f"In bản tự kiểm điểm của một đảng viên cho một năm. {_PERSON_HELP}")
@click.argument("person")
@_year("Năm kiểm điểm")
@_OUT
@db_option
@handles_errors
def self_review_command(person: str, year: int, out: Path, db_path: Path | None) -> None:
    _print_for_person(db_path, person, lambda documents, person_id: documents.write_self_review(person_id, year, out))


@click.command("ratings")
@click.option("--org", required=True, help="Tổ chức: mã số, ký hiệu hoặc tên (gồm cả các tổ chức trực thuộc).")
@_year("Năm đánh giá, xếp loại")
@_OUT
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi thêm bảng tổng hợp đăng ký và xếp loại ra tệp .xlsx.")
@click.option("--collective", is_flag=True, help="Danh sách xếp loại các tổ chức đảng thay vì đảng viên.")
@draft_option
@db_option
@handles_errors
def ratings_command(org: str, year: int, out: Path, xlsx: Path | None, collective: bool, draft: bool,
                    db_path: Path | None) -> None:
    """In danh sách đánh giá, xếp loại đảng viên (hoặc tổ chức đảng) của một tổ chức trong một năm."""
    from khoi_desktop.services.study_documents import StudyDocumentService

    services = open_existing(db_path)
    try:
        org_id = services.organizations.resolve(org).id
        written = StudyDocumentService(services.context).write_ratings(org_id, year, out, xlsx=xlsx,
                                                                       collective=collective, draft=draft)
    finally:
        services.close()
    _report(written)


@click.command("participation")
@click.option("--org", required=True, help="Tổ chức: mã số, ký hiệu hoặc tên (gồm cả các tổ chức trực thuộc).")
@_year("Năm tính số liệu tham gia học tập, quán triệt")
@db_option
@handles_errors
def participation_command(org: str, year: int, db_path: Path | None) -> None:
    """In ra số liệu tham gia học tập trong năm: số người, số lượt, theo tổ chức và theo tư cách."""
    from khoi_desktop.services.study import StudyService

    services = open_existing(db_path, writes=False)
    try:
        figures = StudyService(services.context).participation(services.organizations.resolve(org).id, year)
    finally:
        services.close()
    say(f"{figures.organization_name} — học tập năm {year}: {figures.meetings} buổi học tập.")
    say(f"Tổng số: {figures.overall.persons_text}; {figures.overall.attendances_text}.")
    for line in participation_sentences(figures):
        say(line)
    for word, tally in study_categories(figures):
        say(f"  {word[:1].upper()}{word[1:]}: {tally.persons_text}; {tally.attendances_text}.")
    for line in figures.by_organization[1:]:
        say(f"{'  ' * line.depth}{line.name}: {line.tally.persons_text}; {line.tally.attendances_text}.")
    say(f"Đã tham gia: {figures.rule_label}.")


STUDY_COMMANDS = (registration_command, self_review_command, ratings_command, participation_command)
