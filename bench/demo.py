"""Setup shared by the cases that read the demo database (kept out of ``registry``: the GUI child imports that)."""

from __future__ import annotations

from bench.registry import BenchContext
from khoi_desktop.services.app import Services


def open_demo(ctx: BenchContext) -> tuple[Services, int]:
    """The shared demo database of this scale, closed on exit, and the id of its root organisation."""
    services = Services.open(ctx.db_path)
    ctx.on_exit(services.close)
    return services, services.organizations.roots()[0].id
