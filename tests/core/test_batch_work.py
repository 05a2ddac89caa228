"""batch_work pauses Python's cycle collector for a batch and always gives it back as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from khoi_desktop.services.base import batch_work


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    gc.enable()
    with batch_work():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_failing_batch_gives_the_collector_back() -> None:
    gc.enable()
    with pytest.raises(ZeroDivisionError), batch_work():
        1 / 0  # noqa: B018 - the batch fails half way
    assert gc.isenabled()


def test_nested_batches_leave_it_off_until_the_outer_one_ends() -> None:
    gc.enable()
    with batch_work():
        with batch_work():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off() -> None:
    gc.disable()
    with batch_work():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_cycles_made_during_a_batch_are_collected_afterwards() -> None:
    """Pausing delays the collection of cycles; it never loses them."""
    gc.enable()

    class Node:
        pass

    with batch_work():
        node = Node()
        node.me = node  # a cycle: only the cycle collector can free it
        del node
    assert gc.collect() >= 1
    assert not [obj for obj in gc.get_objects() if type(obj) is Node]
