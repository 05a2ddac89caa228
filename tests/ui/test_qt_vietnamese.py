"""Qt's own strings in Vietnamese: every context-menu action of text fields and every standard button."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit, QWidget

from ui.qt_vietnamese import VIETNAMESE, QtVietnamese, install_qt_vietnamese

VIETNAMESE_LETTER = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
ALL_STANDARD_BUTTONS = [button for button in QDialogButtonBox.StandardButton
                        if button not in (QDialogButtonBox.StandardButton.NoButton,)
                        and button.value & 0x07FFFF00]


@pytest.fixture
def translated(qapp) -> Iterator[QtVietnamese]:
    translator = install_qt_vietnamese(qapp)
    yield translator
    qapp.removeTranslator(translator)


def label(text: str) -> str:
    """What the clerk reads: without the shortcut after the tab and the mnemonic marks."""
    return text.split("\t")[0].replace("&", "").strip()


def assert_vietnamese(texts: list[str]) -> None:
    english = set(VIETNAMESE)
    for text in texts:
        assert text not in english, f"English left: {text!r}"
        assert VIETNAMESE_LETTER.search(text), f"not Vietnamese: {text!r}"


@pytest.mark.parametrize("editor", [QLineEdit, QTextEdit, QPlainTextEdit])
def test_every_context_menu_action_of_a_text_field_is_vietnamese(qtbot, translated, editor: type[QWidget]) -> None:
    """Undo, Redo, Cut, Copy, Paste, Delete, Select All: none left in English, shortcuts kept."""
    field = editor()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    actions = [action for action in menu.actions() if not action.isSeparator()]
    assert len(actions) >= 7
    assert_vietnamese([label(action.text()) for action in actions])
    assert any(action.text().endswith("\tCtrl+Z") for action in actions), "key names stay as Qt writes them"
    menu.deleteLater()


def test_every_standard_button_is_vietnamese(qtbot, translated) -> None:
    """Each standard button of a button box, and a message box's details button, speaks Vietnamese."""
    box = QDialogButtonBox()
    qtbot.addWidget(box)
    for button in ALL_STANDARD_BUTTONS:
        box.addButton(button)
    assert len(box.buttons()) == len(ALL_STANDARD_BUTTONS) >= 17
    assert_vietnamese([label(button.text()) for button in box.buttons()])
    message = QMessageBox(QMessageBox.Icon.Warning, "Lỗi", "Có lỗi", QMessageBox.StandardButton.Ok)
    message.setDetailedText("chi tiết")
    qtbot.addWidget(message)
    assert_vietnamese([label(button.text()) for button in message.buttons()])


def test_unknown_strings_fall_through_to_qt(translated) -> None:
    """A string the table lacks and key names keep Qt's own text instead of becoming empty."""
    assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
    assert QCoreApplication.translate("QFileDialog", "Something Qt never said") == "Something Qt never said"
    assert QCoreApplication.translate("QPrintDialog", "Print range") == "Phạm vi in"
