"""Click's lazy group: a subcommand's module is imported only when that subcommand runs.

Each command module brings in the libraries its command needs (reportlab for the PDFs,
openpyxl for Excel, python-docx for Word); importing them all made every command, even
``--help``, pay about a second. ``--help`` still lists every command with its help text:
listing imports the command modules, which keep their heavy imports inside the commands.
"""

from __future__ import annotations

import importlib
from typing import Any

import click


class LazyGroup(click.Group):
    """A group whose ``lazy`` subcommands are named "module:attribute" and loaded on demand."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            self.add_command(load_command(self.lazy[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)


def load_command(spec: str) -> click.Command:
    """The command object at "package.module:attribute"."""
    module_name, attribute = spec.split(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{spec} is not a click command")
    return command
