"""The error a spreadsheet writer raises, apart from the writer so catching it loads no openpyxl."""

from __future__ import annotations


class SheetWriteError(Exception):
    """The file could not be written; ``str()`` is a Vietnamese sentence for the user."""
