"""Loading reportlab through the reports package: its two slow, unused patterns wait until used,
then behave exactly as compiled ones; nothing else is deferred and re.compile is left as it was;
Pillow's image module runs on first use."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from pathlib import Path

from khoi_desktop.reports import quick_reportlab
from khoi_desktop.reports.quick_reportlab import DeferredPattern

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, re, sys
import khoi_desktop.reports
from reportlab.lib import textsplit
from reportlab.platypus import paragraph
deferred = sorted(f"{module.__name__}.{name}" for module in (paragraph, textsplit)
                  for name, value in vars(module).items() if type(value).__name__ == "DeferredPattern")
compiled_at_import = paragraph.uri_pat.compiled is not None or textsplit.rx.compiled is not None
pil_ran_at_import = "PIL.ExifTags" in sys.modules
from PIL import Image
image_size = Image.new("RGB", (3, 2)).size
pairs = paragraph._uri_split_pairs("https://example.com/a/b")
sys.stdout.write(json.dumps({"deferred": deferred, "compiled_at_import": compiled_at_import,
                             "pairs": pairs, "uri_compiled_by_use": isinstance(paragraph.uri_pat.compiled, re.Pattern),
                             "compile_restored": re.compile.__module__ == "re",
                             "pil_ran_at_import": pil_ran_at_import, "image_size": image_size,
                             "pil_ran_when_used": "PIL.ExifTags" in sys.modules}))
"""


def test_reports_package_defers_exactly_the_two_slow_patterns() -> None:
    """In a fresh interpreter, importing khoi_desktop.reports leaves paragraph.uri_pat and
    textsplit.rx uncompiled (and no other pattern deferred); splitting a URL compiles it then
    and gives reportlab's answer; re.compile is the real one again afterwards. PIL.Image has
    not run yet, and works when first used."""
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, cwd=ROOT)
    probe = json.loads(done.stdout)
    assert probe["deferred"] == ["reportlab.lib.textsplit.rx", "reportlab.platypus.paragraph.uri_pat"]
    assert probe["compiled_at_import"] is False
    assert probe["pairs"] == [["https://example.com/a/", "b"], ["https://example.com/", "a/b"],
                              ["https://", "example.com/a/b"]]
    assert probe["uri_compiled_by_use"] is True
    assert probe["compile_restored"] is True
    assert probe["pil_ran_at_import"] is False
    assert probe["image_size"] == [3, 2] and probe["pil_ran_when_used"] is True


def test_a_deferred_pattern_matches_as_the_compiled_one() -> None:
    """Every method answers as re.compile's pattern would, the pattern compiled once on first use."""
    source = "([a-z\xa1-\uffff]+)\\.(vn|com)"
    deferred = DeferredPattern(re.compile, source, re.IGNORECASE)
    real = re.compile(source, re.IGNORECASE)
    assert deferred.compiled is None
    for text in ("Đảng.VN", "khối.com", "no match"):
        found, expected = deferred.match(text), real.match(text)
        assert (found and found.groups()) == (expected and expected.groups())
    first = deferred.compiled
    assert deferred.sub(r"<\1>", "Hà.vn") == real.sub(r"<\1>", "Hà.vn") == "<Hà>"
    assert deferred.pattern == source and deferred.flags == real.flags
    assert deferred.compiled is first


def test_only_slow_patterns_of_the_loading_thread_are_deferred() -> None:
    """Inside the window a pattern without a range to U+FFFF, or one compiled by another thread,
    is a real compiled pattern; after the window re.compile is the original function again, and
    a module that kept the stand-in's compile gets real patterns from it."""
    original = re.compile
    from_other_thread: list[object] = []
    with quick_reportlab._slow_patterns_deferred():
        kept_reference = re.compile
        slow = re.compile("[\xa1-\uffff]")
        plain = re.compile("[a-z]+")
        worker = threading.Thread(target=lambda: from_other_thread.append(re.compile("[\xa1-\ufffe\uffff]")))
        worker.start()
        worker.join()
    assert isinstance(slow, DeferredPattern)
    assert isinstance(plain, re.Pattern)
    assert isinstance(from_other_thread[0], re.Pattern)
    assert re.compile is original
    assert isinstance(kept_reference("[\xa1-\uffff]"), re.Pattern)
