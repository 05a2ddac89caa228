"""list orgs|people|meetings: tab-separated rows with ids, for scripts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from khoi_desktop.cli.common import db_option, handles_errors, open_existing, say
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import PeopleFilter
from khoi_desktop.domain.vntext import format_date, format_number

if TYPE_CHECKING:
    from khoi_desktop.services.app import Services


def _org_scope(services: Services, org: str | None) -> tuple[int, ...] | None:
    if not org:
        return None
    return tuple(services.organizations.with_descendants(services.organizations.resolve(org).id))


def _print_board(services: Services, year: int) -> None:
    """One line per unit expected for the year (received or not), then packages of units below them."""
    from khoi_desktop.services.package_board import PackageBoardService  # only this listing needs it

    board = PackageBoardService(services.context).board(year)
    _print_rows([[r.organization_id or "", r.package_id or "", r.name, r.state, r.made_on, r.maker, r.meetings,
                  r.study, "; ".join(r.warnings)] for r in board.rows], "dòng")
    click.echo(board.headline, err=True)


def _print_rows(rows: list[list[object]], noun: str) -> None:
    for row in rows:
        say("\t".join("" if value is None else str(value) for value in row))
    click.echo(f"Tổng cộng: {format_number(len(rows))} {noun}.", err=True)


@click.command("list")
@click.argument("what", type=click.Choice(["orgs", "people", "meetings", "packages"]))
@db_option
@click.option("--org", default=None, help="Mã số, ký hiệu hoặc tên tổ chức (gồm cả tổ chức trực thuộc).")
@click.option("--year", type=click.IntRange(1930, 2100), default=None, help="Năm (ví dụ 2026).")
@handles_errors
def list_command(what: str, db_path: Path | None, org: str | None, year: int | None) -> None:
    """Liệt kê tổ chức, người, buổi sinh hoạt hoặc gói báo cáo đã nhận (theo năm), mỗi dòng một bản ghi, cột
    cách nhau bằng Tab."""
    if what == "packages" and year is None:
        raise ValidationError("year", "Hãy chọn năm (--year) để xem bảng theo dõi gói báo cáo.")
    services = open_existing(db_path, writes=False)
    try:
        scope = _org_scope(services, org)
        if what == "packages":
            _print_board(services, year or 0)
        elif what == "orgs":
            orgs = [o for o in services.organizations.all() if scope is None or o.id in scope]
            _print_rows([[o.id, o.parent_id or "", o.kind.label, o.doc_code, o.name,
                          "đã thôi" if o.retired_on else ""] for o in orgs], "tổ chức")
        elif what == "people":
            people = services.people.list(PeopleFilter(organization_ids=scope, year=year))
            _print_rows([[p.id, p.full_name, format_date(p.birth_date) or (p.birth_year or ""),
                          p.organization_name, ", ".join(k.label for k in p.memberships),
                          p.party_card_number, p.status.label] for p in people], "người")
        else:
            meetings = services.meetings.list(organization_ids=scope, year=year)
            _print_rows([[m.id, format_date(m.date), m.kind.label, m.organization_name, m.title,
                          m.present, m.expected] for m in meetings], "buổi")
    finally:
        services.close()
