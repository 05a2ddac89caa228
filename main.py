"""Khối Desktop: without arguments, the GUI; with a subcommand, the same job headless."""

from __future__ import annotations

import sys


def main() -> int:
    if len(sys.argv) > 1:
        from khoi_desktop.cli.main import main as cli_main  # noqa: PLC0415 - keep Qt out of CLI start-up

        return cli_main(sys.argv[1:])
    from ui.app import run  # noqa: PLC0415 - only the GUI path loads Qt

    return run()


if __name__ == "__main__":
    raise SystemExit(main())
