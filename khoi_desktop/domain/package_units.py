"""Which received packages count: a package covers its sender and everything under it, so a
chi bộ's package is left out of the totals when its đảng bộ cơ sở's package (or any package
above it) is in, whichever arrived first. Every person and meeting is then counted once.

A package includes another when its covered UUIDs name the other's sender, or when the
organisation it was paired with here is an ancestor of the other's. Two packages claiming
each other (only a made-up pair could) keep the one with the smaller UUID.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class UnitPackage:
    """What the rule needs of one received package."""

    source_uuid: str
    covers: frozenset[str]
    lineage: tuple[int, ...] = ()  # the paired organisation here, then its ancestors (empty if unpaired)


def includes(outer: UnitPackage, inner: UnitPackage) -> bool:
    """True when ``outer``'s figures already hold ``inner``'s."""
    if outer.source_uuid == inner.source_uuid:
        return False
    if inner.source_uuid in outer.covers:
        return True
    return bool(outer.lineage and inner.lineage) and outer.lineage[0] in inner.lineage[1:]


def outer_packages(packages: Sequence[UnitPackage]) -> dict[str, str]:
    """Each left-out package's sender UUID → the sender UUID of the package that holds it (the outermost)."""
    held: dict[str, str] = {}
    for inner in packages:
        holders = [outer for outer in packages if includes(outer, inner)
                   and not (includes(inner, outer) and inner.source_uuid < outer.source_uuid)]
        if holders:
            held[inner.source_uuid] = max(holders, key=lambda p: (len(p.covers), p.source_uuid)).source_uuid
    # A holder that is itself held points to the one above it.
    for key, holder in list(held.items()):
        seen = {key}
        while holder in held and holder not in seen:
            seen.add(holder)
            holder = held[holder]
        held[key] = holder
    return held


def overlapping(package: UnitPackage, others: Sequence[UnitPackage]) -> list[UnitPackage]:
    """The others that share covered organisations with ``package`` without either holding the other."""
    return [o for o in others if o.source_uuid != package.source_uuid and package.covers & o.covers
            and not includes(package, o) and not includes(o, package)]
