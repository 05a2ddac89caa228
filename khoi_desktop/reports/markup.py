"""User text to Paragraph markup: NFC, printable in our font, escaped before our own tags."""

from __future__ import annotations

import re

from khoi_desktop.domain import vntext
from khoi_desktop.reports import fonts


def inline(text: str | None) -> str:
    """One line of user text, safe to embed in Paragraph markup ('<', '&' print as typed)."""
    return escape(fonts.register_fonts().printable(vntext.clean(text)))


def upper(text: str | None) -> str:
    """Like :func:`inline`, in capitals (Vietnamese letters upper-case correctly once NFC)."""
    return inline(vntext.clean(text).upper())


def lines(text: str | None) -> list[str]:
    """Multi-line user text as escaped lines, blank lines dropped: one paragraph each."""
    family = fonts.register_fonts()
    return [escape(family.printable(line)) for line in vntext.clean_multiline(text).split("\n") if line]


def bold(markup: str) -> str:
    """Wrap already-escaped markup in bold."""
    return f"<b>{markup}</b>" if markup else ""


def italic(markup: str) -> str:
    """Wrap already-escaped markup in italics."""
    return f"<i>{markup}</i>" if markup else ""


def join_nonempty(parts: list[str], separator: str = ", ") -> str:
    """Join the parts that are not empty: 'Nguyễn Văn An, Bí thư' without dangling commas."""
    return separator.join(part for part in parts if part)


def escape(text: str) -> str:
    """'&', '<', '>' as entities, as xml.sax.saxutils.escape does: that module imports
    urllib.request (about 20 ms of a command's start) for what three replaces do."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def unescape(text: str) -> str:
    """The inverse of :func:`escape` ('&amp;' last, so '&amp;lt;' stays '&lt;')."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_BREAK = re.compile(r"<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    """The text ``markup`` prints, line breaks as newlines: what a column must be wide enough for."""
    return unescape(_TAG.sub("", _BREAK.sub("\n", markup)))
