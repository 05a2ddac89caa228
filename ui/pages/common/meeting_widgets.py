"""Small pieces shared by the meeting editor's tabs: a person-or-free-name combo, a time field.

Text is read only when needed (saving) or on ``editingFinished``; nothing is reformatted
while the clerk types, so Vietnamese input methods (Unikey, EVKey) keep working.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from khoi_desktop.domain.attendance import RollEntry
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.meetings import parse_time
from khoi_desktop.domain.vntext import clean, clean_multiline
from ui.style import named_label

Choice = tuple[str, int | None]  # (name shown, person id or None for a free name such as a guest)


class PersonCombo(QComboBox):
    """Choose someone from the roll, or type any name (a guest, someone from the superior body)."""

    def __init__(self, placeholder: str = "Chọn trong danh sách hoặc gõ họ tên", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(22)
        line = self.lineEdit()
        line.setPlaceholderText(placeholder)
        # Inline completion rewrites the text while typing, which breaks Vietnamese input methods.
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def set_choices(self, choices: Sequence[Choice]) -> None:
        """Refill the list, keeping what is shown."""
        person_id, name = self.value()
        self.blockSignals(True)
        self.clear()
        for text, chosen_id in choices:
            self.addItem(text, chosen_id)
        self.blockSignals(False)
        self.set_value(person_id, name)

    def set_value(self, person_id: int | None, name: str) -> None:
        index = self.findData(person_id) if person_id is not None else -1
        if index < 0 and person_id is not None and name:  # someone no longer on the roll keeps their record
            self.addItem(name, person_id)
            index = self.count() - 1
        if index < 0 and name:
            index = self.findText(name, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(name)

    def value(self) -> tuple[int | None, str]:
        """(person id, name): the id when the text is a name of the list, else (None, the text)."""
        text = clean(self.currentText())
        if not text:
            return None, ""
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        data = self.itemData(index) if index >= 0 else None
        return (int(data) if data is not None else None), text

    def person_id(self) -> int | None:
        return self.value()[0]


class TimeField(QLineEdit):
    """'14:00', '7h30', '14 giờ'; tidied to HH:mm when the clerk leaves the field."""

    checked = Signal(str)  # '' when valid or empty, else the Vietnamese error

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self.setPlaceholderText("giờ:phút")
        self.setMaxLength(12)
        self.setMaximumWidth(110)
        self.editingFinished.connect(self._on_finished)

    def time_text(self) -> str:
        """'HH:MM', '' when empty; raises ValidationError for text that is no time."""
        return parse_time(self.text(), self._field)

    def valid_text(self) -> str:
        """'HH:MM' or '' when empty or not a time (for warnings computed while typing)."""
        try:
            return self.time_text()
        except ValidationError:
            return ""

    def _on_finished(self) -> None:
        try:
            tidy = self.time_text()
        except ValidationError as error:
            self.checked.emit(error.message)
            return
        if tidy and tidy != self.text():
            self.setText(tidy)
        self.checked.emit("")


class TextBox(QPlainTextEdit):
    """A multi-line field of a given height in lines; ``text()`` is the NFC-cleaned content."""

    def __init__(self, lines: int = 3, placeholder: str = "", parent: QWidget | None = None, *,
                 grow: bool = False) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        if not grow:
            self.setMaximumHeight(height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As tall as the lines asked for (a form then aligns its caption with the first line)."""
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def text(self) -> str:
        return clean_multiline(self.toPlainText())

    def set_text(self, text: str) -> None:
        self.setPlainText(text)


def small_button(text: str, tooltip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tooltip)
    button.setAutoDefault(False)
    return button


def hint(text: str) -> QLabel:
    return named_label(text, "fieldHint", wrap=True)


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; font-size: 11pt; color: #1f2933; padding-top: 4px;")
    return label


def roll_choices(entries: Sequence[RollEntry], extra: Sequence[str] = ()) -> list[Choice]:
    """The roll's names with their ids (namesakes told apart), then free names (guests) not listed."""
    names = Counter(entry.full_name for entry in entries)
    choices: list[Choice] = [(_shown_name(entry, names[entry.full_name] > 1), entry.person_id) for entry in entries]
    known = {name for name, _ in choices}
    choices += [(name, None) for name in extra if name and name not in known]
    return choices


def _shown_name(entry: RollEntry, namesake: bool) -> str:
    if not namesake:
        return entry.full_name
    return f"{entry.full_name} ({entry.position or f'mã số {entry.person_id}'})"
