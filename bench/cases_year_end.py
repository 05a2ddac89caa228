"""Benchmarks of issue 6: the overview's figures for the whole bloc; the bloc's year-end report files.

Targets: the overview (this year and last year, every group of figures) for the bloc root
under 200 ms (issue 15; issue 6 had 500 ms); the bloc's year-end report built and written as PDF, DOCX and XLSX under 3 s
(gathering the figures from the database included).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bench.demo import open_demo
from bench.registry import BenchContext, case
from khoi_desktop.services.demo.model import DEMO_TODAY
from khoi_desktop.services.overview import OverviewService
from khoi_desktop.services.year_end import YearEndService

YEAR = DEMO_TODAY.year - 1  # the last complete year of the demo


@case("overview figures, whole bloc, year and year before", targets={"unit": 0.200, "bloc": 0.200})
def overview_whole_bloc(ctx: BenchContext) -> Callable[[], object]:
    """What the overview page asks for: every figure of the year and of the year before, from the root down."""
    services, root = open_demo(ctx)
    overview = OverviewService(services.context)
    return lambda: overview.overview(root, YEAR)


@case("year-end report PDF + DOCX + XLSX, whole bloc", targets={"unit": 1.0, "bloc": 3.0}, max_repeat=3)
def year_end_whole_bloc(ctx: BenchContext) -> Callable[[], object]:
    """Figures, narrative, content model, the three renderings, written through temporary files."""
    services, root = open_demo(ctx)
    report = YearEndService(services.context)
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    targets = {kind: ctx.out_dir / f"year-end-{ctx.scale}.{kind}" for kind in ("pdf", "docx", "xlsx")}
    ctx.on_exit(lambda: [path.unlink(missing_ok=True) for path in targets.values()])
    return lambda: report.export(root, YEAR, issued_on=date(YEAR, 12, 20), **targets)
