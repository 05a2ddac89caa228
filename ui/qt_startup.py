"""Switch off PySide6's source scan of every later import; the package ``ui`` does it first thing.

PySide6 replaces ``__import__`` with a hook that, after each import, reads the new module's
whole source file (``inspect.getsource``) to note whether it mentions PySide6 — bookkeeping
for the opt-in ``from __feature__ import snake_case, true_property``. Khối Desktop uses no
such feature, yet the scan costs every start some 40 ms: the services, storage and pages
(about 150 modules) are all imported after PySide6. (The PyInstaller build ships no source
files, so there each lookup fails early and the scan costs less.)

Turning the hook into a no-op loses nothing: PySide treats a module it never noted as "keep
the current selection", which is the default selection when nobody opts in; and the first
``from __feature__ import …`` anywhere classifies every module loaded by then
(``shibokensupport.feature.__init__``). A PySide6 without the hook is left as it is.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - loads shibokensupport.feature, whose hook is switched off below

FEATURE_MODULE = "shibokensupport.feature"


def _note_nothing(_module: ModuleType) -> None:
    """Replaces ``feature_imported``: a new module is left unclassified, not read from disk."""


def stop_feature_scan() -> bool:
    """True when PySide6's per-import scan is now off (False when this PySide6 has none)."""
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "feature_imported", None)):
        return False
    feature.feature_imported = _note_nothing  # type: ignore[attr-defined]
    return True
