"""Load reportlab without compiling, at start, the two regular expressions printing never uses.

Importing ``reportlab.platypus`` compiles ``paragraph.uri_pat``, a case-insensitive URL pattern
whose letter ranges reach U+FFFF: Python 3.11's ``re`` expands such a range one character at
a time, about 25 ms — a tenth of the whole ``minutes`` command — and ``textsplit.rx`` (CJK line
wrapping) another 3 ms. reportlab matches the first only to hyphenate a URL (a paragraph style's
``uriWasteReduce``, which none of ours sets) and the second only in ``cjkwrap``, which we never
call. While reportlab loads, :func:`load_reportlab` has ``re.compile`` hand back, for a pattern
reaching U+FFFF, a stand-in that compiles the very same pattern the first time it is used.
Every other pattern, and any compiled by another thread meanwhile, compiles as before.

reportlab also imports Pillow's ``PIL.Image`` (about 10 ms) for bitmaps, which the Party documents
never hold: it is put in place with the standard library's ``LazyLoader``, so its body runs on
first use (a chart image, reportlab drawing a bitmap), in whichever thread uses it first. On
Python 3.11 ``LazyLoader`` is not safe for two threads touching the module first at once; in the
app only the worker makes pictures (``reports.chart_image``), so one thread ever does.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_SLOW_RANGE_END = "\uffff"  # a character class running up to here is what costs milliseconds


class DeferredPattern:
    """Stands in for ``re.compile(pattern, flags)`` and compiles it on first use."""

    __slots__ = ("_arguments", "_compile", "compiled")

    def __init__(self, compile_function: Callable[..., re.Pattern[str]], pattern: str, flags: int) -> None:
        self._compile = compile_function
        self._arguments = (pattern, flags)
        self.compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self.compiled is None:
            self.compiled = self._compile(*self._arguments)
        return getattr(self.compiled, name)


@contextmanager
def _slow_patterns_deferred() -> Iterator[None]:
    real_compile = re.compile
    loading_thread = threading.get_ident()
    window = {"open": True}  # a module that kept a reference to compile_or_defer gets real patterns later

    def compile_or_defer(pattern: Any, flags: int = 0) -> Any:
        if (window["open"] and isinstance(pattern, str) and _SLOW_RANGE_END in pattern
                and threading.get_ident() == loading_thread):
            return DeferredPattern(real_compile, pattern, flags)
        return real_compile(pattern, flags)

    re.compile = compile_or_defer  # type: ignore[assignment]
    try:
        yield
    finally:
        window["open"] = False
        re.compile = real_compile


def _pil_image_on_first_use() -> None:
    """``PIL.Image`` registered but not yet run; ``from PIL import Image`` finds it on the package."""
    if "PIL.Image" in sys.modules:
        return
    import PIL  # noqa: PLC0415 - the package alone is a few lines

    spec = importlib.util.find_spec("PIL.Image")
    if spec is None or spec.loader is None:
        return
    try:
        spec.loader = importlib.util.LazyLoader(spec.loader)
    except TypeError:  # a loader without exec_module: import it the usual way
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    PIL.Image = module  # type: ignore[attr-defined]
    spec.loader.exec_module(module)


def load_reportlab() -> None:
    """Import ``reportlab.platypus`` (and what it loads) with its slow, unused patterns and Pillow deferred.

    Runs when this module is imported, which the reports package does first of all; once
    reportlab is loaded it does nothing."""
    if "reportlab.platypus" in sys.modules:
        return
    _pil_image_on_first_use()
    with _slow_patterns_deferred():
        import reportlab.platypus  # noqa: F401, PLC0415 - the import this module exists to speed up


load_reportlab()
