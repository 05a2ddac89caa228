"""The seam to the desktop: show a file in its folder, open the mail client with a file attached.

On Windows, :meth:`DesktopShell.reveal` runs ``explorer /select,<path>`` and
:meth:`DesktopShell.mail` calls Simple MAPI ``MAPISendMailW`` (the default mail client's
compose window with the file attached; only clients that support MAPI, such as Outlook or
Thunderbird — webmail has none). Elsewhere the folder opens with QDesktopServices and mail
reports that it is not available, so the page says so and opens the folder instead.
Tests pass a fake with the same two methods.
"""

from __future__ import annotations

import ctypes
import logging
import subprocess
import sys
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)

MAPI_LOGON_UI = 0x1
MAPI_DIALOG = 0x8
SUCCESS_SUCCESS = 0
MAPI_USER_ABORT = 1


class Shell(Protocol):
    def reveal(self, path: Path) -> None: ...
    def mail(self, path: Path, subject: str, body: str) -> bool: ...


class DesktopShell:
    """The real desktop (Windows Explorer and Simple MAPI where present)."""

    def reveal(self, path: Path) -> None:
        """Open the folder with the file selected (Windows), or the folder itself elsewhere."""
        path = Path(path)
        if sys.platform == "win32":
            subprocess.Popen(["explorer", f"/select,{path}"])  # noqa: S603,S607 - the system's own Explorer
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def mail(self, path: Path, subject: str, body: str) -> bool:
        """Open the mail client with ``path`` attached; False when the system offers no way to."""
        if sys.platform != "win32":
            return False
        try:
            return send_with_mapi(Path(path), subject, body)
        except (OSError, AttributeError) as exc:  # no mapi32.dll, or no MAPISendMailW in it
            log.info("Simple MAPI không dùng được: %s", exc)
            return False


class _FileDesc(ctypes.Structure):
    _fields_ = [("ulReserved", ctypes.c_ulong), ("flFlags", ctypes.c_ulong), ("nPosition", ctypes.c_ulong),
                ("lpszPathName", ctypes.c_wchar_p), ("lpszFileName", ctypes.c_wchar_p),
                ("lpFileType", ctypes.c_void_p)]


class _Message(ctypes.Structure):
    _fields_ = [("ulReserved", ctypes.c_ulong), ("lpszSubject", ctypes.c_wchar_p),
                ("lpszNoteText", ctypes.c_wchar_p), ("lpszMessageType", ctypes.c_wchar_p),
                ("lpszDateReceived", ctypes.c_wchar_p), ("lpszConversationID", ctypes.c_wchar_p),
                ("flFlags", ctypes.c_ulong), ("lpOriginator", ctypes.c_void_p), ("nRecipCount", ctypes.c_ulong),
                ("lpRecips", ctypes.c_void_p), ("nFileCount", ctypes.c_ulong),
                ("lpFiles", ctypes.POINTER(_FileDesc))]


def send_with_mapi(path: Path, subject: str, body: str) -> bool:
    """MAPISendMailW with the compose dialog; True when the client opened (or the clerk cancelled it)."""
    library = ctypes.WinDLL("mapi32.dll")  # type: ignore[attr-defined]
    send = library.MAPISendMailW
    send.restype = ctypes.c_ulong
    attachment = _FileDesc(0, 0, 0xFFFFFFFF, str(path.resolve()), path.name, None)
    message = _Message(0, subject, body, None, None, None, 0, None, 0, None, 1, ctypes.pointer(attachment))
    result = send(None, None, ctypes.byref(message), MAPI_LOGON_UI | MAPI_DIALOG, 0)
    log.info("MAPISendMailW trả về %s", result)
    return result in (SUCCESS_SUCCESS, MAPI_USER_ABORT)
