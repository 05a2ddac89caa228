"""A progress callable for tests that keeps what it was told and checks it was real progress."""

from __future__ import annotations


class Recorder:
    """A progress callable that keeps every (done, total) it was given."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))

    def assert_rises_to_the_total(self, at_least: int) -> None:
        totals = {total for _done, total in self.calls}
        assert len(totals) == 1 and totals.pop() > 0
        done = [step for step, _total in self.calls]
        assert done == sorted(done) and len(set(done)) == len(done)
        assert done[0] == 0 and done[-1] == self.calls[-1][1]
        assert len(done) >= at_least
