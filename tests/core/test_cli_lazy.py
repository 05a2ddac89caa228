"""The command line loads what a command uses: --help and light commands never import the
document libraries, each command's module loads only when it runs, and --help lists them all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from khoi_desktop.cli.lazy import LazyGroup, load_command
from khoi_desktop.cli.main import COMMANDS, cli, main
from khoi_desktop.services.app import Services
from tests.core.meetings_support import Kit, fill_meeting, hand_counted_branch, mark_by_hand, new_meeting

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "openpyxl", "docx", "xlrd", "PySide6")
# Modules printing the minutes has no use for: each costs start-up time (dataclasses to build,
# reportlab's charts, the year-end report model and its zip writer, the study domain, urllib,
# Pillow's image module, whose first import brings PIL.ExifTags: see reports/quick_reportlab.py).
OFF_THE_PRINTING_PATH = ("urllib.request", "reportlab.graphics", "khoi_desktop.reports.report_model",
                         "khoi_desktop.domain.study", "khoi_desktop.office.zips", "PIL.ExifTags")


def _loaded_after(args: list[str]) -> dict[str, Any]:
    """Run ``main(args)`` in a fresh interpreter; which heavy libraries, cli and service modules it loaded."""
    script = (
        "import json, sys\n"
        "from khoi_desktop.cli.main import main\n"
        "try:\n"
        f"    code = main({args!r})\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        f"heavy = sorted(name for name in {HEAVY!r} if name in sys.modules)\n"
        "cli = sorted(m for m in sys.modules if m.startswith('khoi_desktop.cli.'))\n"
        "services = sorted(m for m in sys.modules if m.startswith('khoi_desktop.services.'))\n"
        f"other = sorted(m for m in {OFF_THE_PRINTING_PATH!r} if m in sys.modules)\n"
        "paragraph = sys.modules.get('reportlab.platypus.paragraph')\n"
        "uri_pattern = getattr(paragraph, 'uri_pat', None)\n"
        "uri_compiled = uri_pattern is not None and getattr(uri_pattern, 'compiled', uri_pattern) is not None\n"
        "sys.stdout.write('\\nRESULT ' + json.dumps({'code': code, 'heavy': heavy, 'cli': cli,\n"
        "                                            'services': services, 'other': other,\n"
        "                                            'uri_compiled': uri_compiled}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, check=True)
    return json.loads(done.stdout.rsplit("RESULT ", 1)[1])


def test_help_loads_no_document_library() -> None:
    """`main.py --help` lists every command but imports neither reportlab, openpyxl, docx, xlrd nor Qt."""
    loaded = _loaded_after(["--help"])
    assert loaded["code"] == 0
    assert loaded["heavy"] == []


def test_a_command_loads_only_its_own_module() -> None:
    """`minutes --help` imports the meetings command module and no other command's module."""
    loaded = _loaded_after(["minutes", "--help"])
    assert loaded["heavy"] == []
    commands = [m for m in loaded["cli"] if m not in {"khoi_desktop.cli.common", "khoi_desktop.cli.click_vi",
                                                     "khoi_desktop.cli.lazy", "khoi_desktop.cli.main"}]
    assert commands == ["khoi_desktop.cli.meetings_cmd"]


def test_minutes_loads_only_what_printing_the_minutes_uses(services: Services, db_path: Path,
                                                           tmp_path: Path) -> None:
    """`minutes` on a real meeting writes the PDF with reportlab and the document service alone:
    neither openpyxl, python-docx nor Qt, not the composition of every service (services.app),
    not the package, consolidation, year-end or study document services, none of the modules in
    OFF_THE_PRINTING_PATH, and reportlab's URL pattern is never compiled (quick_reportlab)."""
    kit = Kit.over(services)
    branch = hand_counted_branch(services)
    meeting_id = new_meeting(kit, branch.branch_id, branch.people["An"], branch.people["Bình"])
    mark_by_hand(kit, meeting_id, branch)
    fill_meeting(kit, meeting_id, branch)
    out = tmp_path / "bien-ban.pdf"
    loaded = _loaded_after(["minutes", str(meeting_id), "--out", str(out), "--db", str(db_path)])
    assert loaded["code"] in (0, None) and out.read_bytes().startswith(b"%PDF")
    assert loaded["heavy"] == ["reportlab"]
    assert "khoi_desktop.services.meeting_documents" in loaded["services"]
    unwanted = {"khoi_desktop.services." + name for name in (
        "app", "package_export", "package_import", "consolidation", "year_end", "study_documents",
        "exemplars", "overview", "assessments")}
    assert unwanted.isdisjoint(loaded["services"])
    assert loaded["other"] == []
    assert loaded["uri_compiled"] is False


def test_help_lists_every_command_with_its_text(capsys: pytest.CaptureFixture[str]) -> None:
    """The group's help names each lazy command with the first words of its Vietnamese help."""
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        line = next((row for row in out.splitlines() if row.strip().startswith(f"{name} ")), "")
        assert len(line.split(maxsplit=1)) == 2, f"{name} has no help line in --help"


def test_every_lazy_command_loads_under_its_own_name() -> None:
    """Each "module:attribute" names a click command whose own name is the one it is listed under."""
    for name, spec in COMMANDS.items():
        assert load_command(spec).name == name
    assert cli.get_command(click.Context(cli), "no-such-command") is None


def test_report_group_finds_consolidated_lazily(capsys: pytest.CaptureFixture[str]) -> None:
    """`report` lists both year-end and consolidated, the latter living in the package module."""
    assert main(["report", "--help"]) == 0
    out = capsys.readouterr().out
    assert "year-end" in out and "consolidated" in out
    assert main(["report", "consolidated", "--help"]) == 0
    assert "--year" in capsys.readouterr().out


def test_load_command_refuses_what_is_not_a_command() -> None:
    """A spec pointing at something other than a click command is a programming error, said plainly."""
    with pytest.raises(TypeError, match="not a click command"):
        load_command("khoi_desktop.cli.main:COMMANDS")
    group = LazyGroup("g", lazy={"x": "khoi_desktop.cli.main:COMMANDS"})
    with pytest.raises(TypeError):
        group.get_command(click.Context(group), "x")
