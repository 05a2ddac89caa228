"""The command line: ``python main.py SUBCOMMAND`` runs a job without the GUI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from khoi_desktop.cli.demo_cmd import demo_command
from khoi_desktop.cli.listing import list_command
from khoi_desktop.cli.maintenance import backup_command, check_command, restore_command
from khoi_desktop.cli.meetings_cmd import MEETING_COMMANDS
from khoi_desktop.cli.package_cmd import PACKAGE_COMMANDS
from khoi_desktop.cli.people_cmd import export_members_command, import_members_command
from khoi_desktop.cli.report_cmd import REPORT_COMMANDS
from khoi_desktop.cli.study_cmd import STUDY_COMMANDS
from khoi_desktop.logs import setup_logging

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT, options_metavar="[TÙY CHỌN]", subcommand_metavar="LỆNH [THAM SỐ]...")
def cli() -> None:
    """Khối Desktop — các lệnh chạy không cần giao diện. Chạy không có lệnh để mở ứng dụng."""


for command in (demo_command, check_command, backup_command, restore_command, list_command,
                import_members_command, export_members_command, *MEETING_COMMANDS, *STUDY_COMMANDS, *REPORT_COMMANDS, *PACKAGE_COMMANDS):
    cli.add_command(command)


def program_name() -> str:
    """'main.py' from source; the executable's own name when frozen (khoi.exe)."""
    return Path(sys.executable).name if getattr(sys, "frozen", False) else "main.py"


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; usage mistakes get a Vietnamese message and exit code 1."""
    setup_logging()
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        args = ["--help"]
    try:
        cli.main(args=args, prog_name=program_name(), standalone_mode=False)
    except click.UsageError as exc:
        click.echo(f"Lỗi: lệnh hoặc tham số không đúng — {exc.format_message()}", err=True)
        click.echo("Xem hướng dẫn: python main.py --help", err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("Lỗi: đã dừng theo yêu cầu.", err=True)
        return 1
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
