"""Reproducible DOCX and XLSX: the same content gives the same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def stable_zip(data: bytes, edits: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same zip with fixed entry times; ``edits`` rewrites named entries on the way."""
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            content = source.read(entry.filename)
            edit = (edits or {}).get(entry.filename)
            out.writestr(info, edit(content) if edit else content)
    return target.getvalue()


def modified_at(created: datetime) -> dict[str, Callable[[bytes], bytes]]:
    """The edit that sets 'modified' in docProps/core.xml back to ``created`` (libraries stamp the save time)."""
    stamp = f"{created.isoformat(timespec='seconds')}Z".encode()
    return {"docProps/core.xml": lambda xml: _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", xml)}
