"""Progress as plain callables, so core code reports steps without knowing about Qt.

A job made of unlike stages (copy bytes, check pages, rename a file) reports one bar: each
stage gets a weight up front (the bytes or pages it handles) and its own ``(done, total)``
is scaled into that share, so the percentage is always work done over all the work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def ignore(_done: int, _total: int) -> None:
    """The reporter used when the caller asked for none."""


class Stages:
    """Consecutive stages of one job on one bar; never moves backwards."""

    def __init__(self, progress: Progress | None, weights: Sequence[int]) -> None:
        self._report = progress or ignore
        self._weights = [max(1, int(weight)) for weight in weights]
        self.total = sum(self._weights)
        self._shown = 0
        self._report(0, self.total)

    def stage(self, index: int) -> Progress:
        """The reporter for stage ``index``: its own (done, total) becomes part of the whole."""
        start, weight = sum(self._weights[:index]), self._weights[index]

        def report(done: int, total: int) -> None:
            share = weight if total <= 0 else weight * min(max(done, 0), total) // total
            self._show(start + share)

        return report

    def finish(self, index: int) -> None:
        """Stage ``index`` is done (a stage with no steps of its own counts as one step)."""
        self._show(sum(self._weights[: index + 1]))

    def _show(self, done: int) -> None:
        if done > self._shown:
            self._shown = done
            self._report(done, self.total)
