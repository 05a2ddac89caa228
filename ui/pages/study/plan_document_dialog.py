"""Thêm / sửa one document a year plan is built on: 'Nghị quyết số 03-NQ/TU ngày 06/6/2016 của Tỉnh ủy'.

Nothing is stored here: the page keeps the list and saves it with the plan. The text is
checked with the domain's own rule (:func:`khoi_desktop.domain.study.clean_document`) and a
message is shown under the field it concerns.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QVBoxLayout, QWidget

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.study import PLAN_DOCUMENT_KINDS, PlanDocument, clean_document
from khoi_desktop.domain.vntext import DateParseError
from ui.forms import FieldForm
from ui.pages.common.person_fields import DateField
from ui.service_dialog import vietnamese_buttons


class PlanDocumentDialog(QDialog):
    """The fields of one :class:`PlanDocument`; ``document`` holds it once accepted."""

    def __init__(self, initial: PlanDocument | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sửa văn bản căn cứ" if initial else "Thêm văn bản căn cứ")
        self.setMinimumWidth(620)
        self.document: PlanDocument | None = None
        self._id = initial.id if initial else None
        self.kind = QComboBox()
        for code, label in PLAN_DOCUMENT_KINDS.items():
            self.kind.addItem(f"{label} ({code})", code)
        self.number = QLineEdit()
        self.number.setPlaceholderText("Ví dụ: 03-NQ/TU")
        self.issued_on = DateField()
        self.issued_on.setMaximumWidth(160)
        self.title = QLineEdit()
        self.title.setPlaceholderText("Ví dụ: về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách "
                                      "Hồ Chí Minh")
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText("Ví dụ: Tỉnh ủy Ninh Bình")
        self.form = FieldForm()
        for field, label, widget in (("kind", "Loại văn bản", self.kind), ("number", "Số, ký hiệu", self.number),
                                     ("issued_on", "Ngày ban hành", self.issued_on),
                                     ("title", "Trích yếu", self.title), ("issuer", "Cơ quan ban hành", self.issuer)):
            self.form.add_row(field, label, widget)
        self.issued_on.checked.connect(lambda message: self._date_checked(message))
        buttons, _save = vietnamese_buttons("Đồng ý")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        if initial is not None:
            self._load(initial)

    def _load(self, document: PlanDocument) -> None:
        found = self.kind.findData(document.kind)
        if found < 0:
            self.kind.addItem(document.kind, document.kind)
            found = self.kind.count() - 1
        self.kind.setCurrentIndex(found)
        self.number.setText(document.number)
        self.issued_on.set_date(document.issued_on)
        self.title.setText(document.title)
        self.issuer.setText(document.issuer)

    def _date_checked(self, message: str) -> None:
        if message:
            self.form.show_error("issued_on", message)
        elif self.form.error_text("issued_on"):
            self.form.clear_errors()

    def accept(self) -> None:
        """Keep the dialog open with the message under the field when something is wrong."""
        self.form.clear_errors()
        try:
            issued_on = self.issued_on.date_value()
        except DateParseError as error:
            self.form.show_error("issued_on", str(error))
            return
        try:
            self.document = clean_document(PlanDocument(
                kind=str(self.kind.currentData()), title=self.title.text(), number=self.number.text(),
                issued_on=issued_on, issuer=self.issuer.text(), id=self._id))
        except ValidationError as error:
            self.form.show_error("kind" if "Loại văn bản" in error.message else "title", error.message)
            return
        super().accept()
