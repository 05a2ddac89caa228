"""The command line: ``python main.py SUBCOMMAND`` runs a job without the GUI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from khoi_desktop.cli.lazy import LazyGroup
from khoi_desktop.logs import setup_logging

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Command name → where it lives; a command's module is imported only when it runs (or for --help).
COMMANDS = {
    "demo": "khoi_desktop.cli.demo_cmd:demo_command",
    "check": "khoi_desktop.cli.maintenance:check_command",
    "backup": "khoi_desktop.cli.maintenance:backup_command",
    "restore": "khoi_desktop.cli.maintenance:restore_command",
    "list": "khoi_desktop.cli.listing:list_command",
    "import-members": "khoi_desktop.cli.people_cmd:import_members_command",
    "export-members": "khoi_desktop.cli.people_cmd:export_members_command",
    "minutes": "khoi_desktop.cli.meetings_cmd:minutes_command",
    "sign-in-sheet": "khoi_desktop.cli.meetings_cmd:sign_in_sheet_command",
    "resolution": "khoi_desktop.cli.meetings_cmd:resolution_command",
    "registration": "khoi_desktop.cli.study_cmd:registration_command",
    "self-review": "khoi_desktop.cli.study_cmd:self_review_command",
    "ratings": "khoi_desktop.cli.study_cmd:ratings_command",
    "participation": "khoi_desktop.cli.study_cmd:participation_command",
    "report": "khoi_desktop.cli.report_cmd:report_group",
    "export-package": "khoi_desktop.cli.package_cmd:export_package_command",
    "import-package": "khoi_desktop.cli.package_cmd:import_package_command",
}


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings=CONTEXT, options_metavar="[TÙY CHỌN]",
             subcommand_metavar="LỆNH [THAM SỐ]...")
def cli() -> None:
    """Khối Desktop — các lệnh chạy không cần giao diện. Chạy không có lệnh để mở ứng dụng."""


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
