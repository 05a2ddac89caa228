"""Nội dung: the agenda items in order; per item what was presented, the speeches, the conclusion.

The list on the left holds the items; the form on the right edits the chosen one. Each
speech is a speaker (someone on the roll, or a guest's name) and the opinion, several lines.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.meetings import AgendaItem, Speech
from khoi_desktop.domain.vntext import clean
from ui.pages.common.meeting_widgets import Choice, PersonCombo, TextBox, hint, section_title, small_button
from ui.pages.common.person_fields import ErrorLabel

FIELDS = ("agenda", "speaker", "opinion")
NEW_ITEM_TITLE = "Nội dung mới"


class SpeechRow(QFrame):
    """One opinion: who spoke and what they said."""

    remove_requested = Signal(object)  # this row

    def __init__(self, choices: list[Choice], speech: Speech | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.speaker = PersonCombo("Người phát biểu: chọn hoặc gõ họ tên")
        self.speaker.set_choices(choices)
        self.opinion = TextBox(3, "Ý kiến phát biểu")
        self.remove_button = small_button("Xóa", "Xóa ý kiến này")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        top = QHBoxLayout()
        top.addWidget(QLabel("Đồng chí:"))
        top.addWidget(self.speaker, 1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.opinion)
        if speech is not None:
            self.speaker.set_value(speech.speaker_person_id, speech.speaker_name)
            self.opinion.set_text(speech.opinion)

    def speech(self) -> Speech | None:
        """None for a row left empty."""
        person_id, name = self.speaker.value()
        opinion = self.opinion.text()
        if not name and not opinion:
            return None
        return Speech(opinion=opinion, speaker_person_id=person_id, speaker_name=name)


class AgendaTab(QWidget):
    """Edits a list of :class:`AgendaItem`; ``items()`` returns them as typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[AgendaItem] = []
        self._current = -1
        self._choices: list[Choice] = []
        self.speech_rows: list[SpeechRow] = []
        self.list = QListWidget()
        self.list.setMinimumWidth(260)
        self.list.setWordWrap(True)
        self.add_button = small_button("Thêm", "Thêm một nội dung sau nội dung đang chọn")
        self.remove_button = small_button("Xóa", "Xóa nội dung đang chọn")
        self.up_button = small_button("Lên", "Đưa nội dung lên trước")
        self.down_button = small_button("Xuống", "Đưa nội dung xuống sau")
        self.item_title = QLineEdit()
        self.content = TextBox(3, "Nội dung được trình bày (báo cáo, văn bản cấp trên…)")
        self.conclusion = TextBox(3, "Kết luận của đồng chí chủ trì về nội dung này")
        self.add_speech_button = small_button("Thêm ý kiến", "Ghi thêm một ý kiến phát biểu")
        self.error = ErrorLabel()
        self._speeches_box = QVBoxLayout()
        self._build()
        self._connect()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(section_title("Chương trình"))
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(left)
        layout.addWidget(self._detail(), 1)

    def _detail(self) -> QScrollArea:
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.error)
        column.addWidget(section_title("Tên nội dung"))
        column.addWidget(self.item_title)
        column.addWidget(section_title("Nội dung trình bày"))
        column.addWidget(self.content)
        column.addWidget(section_title("Ý kiến phát biểu"))
        column.addWidget(hint("Ghi theo thứ tự phát biểu; ghi đầy đủ, trung thực, không bình luận."))
        self._speeches_box.setSpacing(6)
        column.addLayout(self._speeches_box)
        column.addWidget(self.add_speech_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(section_title("Kết luận"))
        column.addWidget(self.conclusion)
        column.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(body)
        return area

    def _connect(self) -> None:
        self.list.currentRowChanged.connect(self._row_changed)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.add_speech_button.clicked.connect(self.add_speech)
        self.item_title.editingFinished.connect(self._title_finished)

    # -- values ---------------------------------------------------------------------------
    def set_items(self, items: tuple[AgendaItem, ...]) -> None:
        self._items = list(items)
        self._current = -1
        self.error.show_message("")
        self._refill(0 if items else -1)

    def items(self) -> tuple[AgendaItem, ...]:
        self._commit()
        return tuple(self._items)

    def set_people(self, choices: list[Choice]) -> None:
        self._choices = list(choices)
        for row in self.speech_rows:
            row.speaker.set_choices(choices)

    def show_error(self, field: str, message: str) -> bool:
        if field not in FIELDS:
            return False
        self.error.show_message(message)
        return True

    # -- the list ---------------------------------------------------------------------------
    def add_item(self) -> None:
        self._commit()
        position = self._current + 1 if self._current >= 0 else len(self._items)
        self._items.insert(position, AgendaItem(NEW_ITEM_TITLE))
        self._current = -1
        self._refill(position)
        self.item_title.setFocus()
        self.item_title.selectAll()

    def remove_item(self) -> None:
        if self._current < 0:
            return
        del self._items[self._current]
        row = min(self._current, len(self._items) - 1)
        self._current = -1
        self._refill(row)

    def move_item(self, step: int) -> None:
        self._commit()
        row, target = self._current, self._current + step
        if row < 0 or not 0 <= target < len(self._items):
            return
        self._items[row], self._items[target] = self._items[target], self._items[row]
        self._current = -1
        self._refill(target)

    def _refill(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for number, item in enumerate(self._items, start=1):
            self.list.addItem(f"{number}. {item.title}")
        self.list.blockSignals(False)
        self.list.setCurrentRow(row)
        self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        if row == self._current:
            return
        self._commit()
        self._current = row
        item = self._items[row] if 0 <= row < len(self._items) else None
        self._show(item)

    def _title_finished(self) -> None:
        if 0 <= self._current < len(self._items):
            self.list.item(self._current).setText(f"{self._current + 1}. {clean(self.item_title.text())}")

    # -- the chosen item ----------------------------------------------------------------------
    def _show(self, item: AgendaItem | None) -> None:
        for widget in (self.item_title, self.content, self.conclusion, self.add_speech_button):
            widget.setEnabled(item is not None)
        self.item_title.setText(item.title if item else "")
        self.content.set_text(item.content if item else "")
        self.conclusion.set_text(item.conclusion if item else "")
        for row in list(self.speech_rows):
            self._drop_speech(row)
        for speech in item.speeches if item else ():
            self._append_speech(speech)

    def _commit(self) -> None:
        """Keep what the form shows in the chosen item."""
        if not 0 <= self._current < len(self._items):
            return
        speeches = tuple(speech for row in self.speech_rows if (speech := row.speech()) is not None)
        before = self._items[self._current]
        self._items[self._current] = AgendaItem(
            title=clean(self.item_title.text()), content=self.content.text(), conclusion=self.conclusion.text(),
            speeches=speeches, id=before.id)

    def add_speech(self) -> None:
        row = self._append_speech(None)
        row.speaker.setFocus()

    def _append_speech(self, speech: Speech | None) -> SpeechRow:
        row = SpeechRow(self._choices, speech)
        row.remove_requested.connect(self._drop_speech)
        self.speech_rows.append(row)
        self._speeches_box.addWidget(row)
        return row

    def _drop_speech(self, row: SpeechRow) -> None:
        self.speech_rows.remove(row)
        self._speeches_box.removeWidget(row)
        row.hide()
        row.deleteLater()
