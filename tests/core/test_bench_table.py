"""The benchmark table: targets marked ✓/✗, ratio rows with ceilings and floors, and cases this
machine cannot run shown as "not measured" (with the ratio rows that need them)."""

from __future__ import annotations

from bench.registry import Case, Ratio
from bench.run import Result, ratio_lines, table


def _case(name: str, targets: dict[str, float] | None = None) -> Case:
    return Case(name, lambda ctx: (lambda: None), targets or {})


COMMAND = _case("command", {"bloc": 0.5})
OFFICE = _case("office")


def test_times_are_checked_against_their_targets() -> None:
    """A median under its target gets ✓, over it "✗ missed"."""
    text = table([Result(COMMAND, "bloc", (0.2, 0.3, 0.4)), Result(_case("slow", {"bloc": 0.1}), "bloc", (0.3,))])
    assert "300.0 ms" in text and "< 500 ms ✓" in text
    assert "< 100 ms ✗ missed" in text


def test_a_floor_ratio_needs_so_many_times_faster(monkeypatch) -> None:
    """'≥ 3×': LibreOffice 1.6 s over the command 0.4 s is 4.0× ✓; over 0.8 s it is 2.0× ✗."""
    monkeypatch.setattr("bench.run.RATIOS", {"r": Ratio("office / command", "office", "command", 3.0, at_least=True)})
    fast = ratio_lines([Result(COMMAND, "bloc", (0.4,)), Result(OFFICE, "bloc", (1.6,))])
    slow = ratio_lines([Result(COMMAND, "bloc", (0.8,)), Result(OFFICE, "bloc", (1.6,))])
    assert fast == [("office / command", "bloc", "4.0×", "—", "≥ 3× ✓")]
    assert slow == [("office / command", "bloc", "2.0×", "—", "≥ 3× ✗ missed")]


def test_a_case_that_cannot_run_reads_not_measured(monkeypatch) -> None:
    """Without LibreOffice its row says why, and the ratio row says "not measured" without a verdict."""
    monkeypatch.setattr("bench.run.RATIOS", {"r": Ratio("office / command", "office", "command", 3.0, at_least=True)})
    results = [Result(COMMAND, "bloc", (0.4,)), Result(OFFICE, "bloc", skipped="LibreOffice is not installed")]
    text = table(results)
    assert "not measured (LibreOffice is not installed)" in text
    assert ratio_lines(results) == [("office / command", "bloc", "not measured", "—", "≥ 3×")]
