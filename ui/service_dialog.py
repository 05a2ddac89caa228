"""The dialog every editor of a record is built on: "Lưu" runs a service call on the worker.

:class:`ServiceDialog` disables "Lưu" while the call runs, keeps the dialog open on a
``ValidationError`` (its message shown under the field it names, the dialog grown to make
room) and on any other error (shown by the prompts), and leaves what was stored in
``changes`` when accepted. A subclass says what to run (:meth:`ServiceDialog.job`) and how
to show or clear a field's message. The helpers below are shared by those subclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import DateParseError
from ui.prompts import Prompts
from ui.tasks import TaskRunner


class DateInput(Protocol):
    """A field holding a typed date (``ui.pages.common.person_fields.DateField``)."""

    def date_value(self) -> date | None: ...


def vietnamese_buttons(save_text: str = "Lưu") -> tuple[QDialogButtonBox, QPushButton]:
    """A button box with Vietnamese texts (Qt ships no Vietnamese translation)."""
    box = QDialogButtonBox()
    save = box.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
    save.setDefault(True)
    return box, save


MAX_DIALOG_HEIGHT = 680  # a 768 px screen less the taskbar and the title bar


def grow_to_fit(dialog: QDialog) -> None:
    """Grow a dialog whose wrapped labels just got taller (Qt does not do it by itself), up to 680 px."""
    layout = dialog.layout()
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else 0
    tallest = max(dialog.height(), needed, layout.totalSizeHint().height())
    dialog.resize(dialog.width(), min(MAX_DIALOG_HEIGHT, tallest))


def read_date(widget: DateInput, field: str) -> date | None:
    """The typed date; a malformed one is a ValidationError of ``field`` (shown under it)."""
    try:
        return widget.date_value()
    except DateParseError as error:
        raise ValidationError(field, str(error)) from error


def read_day(widget: DateInput, field: str, missing: str) -> date:
    """The typed date, which must be given: ``missing`` is the ValidationError's message when it is not."""
    day = read_date(widget, field)
    if day is None:
        raise ValidationError(field, missing)
    return day


def fail_later(error: ValidationError) -> Callable[[], Any]:
    """A job that raises ``error`` on the worker, so it comes back like the service's own errors."""
    def job() -> Any:
        raise error

    return job


class ServiceDialog(QDialog):
    """A dialog whose "Lưu" runs a service call on the worker and stays open on errors.

    Subclasses implement :meth:`job` (read the form on the GUI thread, return the call to run),
    :meth:`show_field_error` (True when the message could be shown under a field) and
    :meth:`clear_errors`; they lay out ``self.buttons`` themselves.
    """

    def __init__(self, title: str, tasks: TaskRunner, prompts: Prompts, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        self._tasks = tasks
        self._prompts = prompts
        self.changes: Changes | None = None
        self.buttons, self.save_button = vietnamese_buttons()
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        self.clear_errors()
        self.save_button.setEnabled(False)
        job = self.job()
        self._tasks.call(job, self._saved, self._failed)

    def _saved(self, changes: Changes) -> None:
        self.save_button.setEnabled(True)
        self.changes = changes
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError) and self.show_field_error(exc):
            grow_to_fit(self)  # make room for the message under the field
        else:
            self._prompts.show_error(exc, "lưu")

    def job(self) -> Callable[[], Changes]:
        """Runs on the GUI thread: read the form, return the service call for the worker."""
        raise NotImplementedError

    def show_field_error(self, error: ValidationError) -> bool:
        """Show ``error`` under its field; False when no field of the form has that name."""
        raise NotImplementedError

    def clear_errors(self) -> None:
        raise NotImplementedError
