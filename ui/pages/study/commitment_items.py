"""The items of a registration, grouped by the categories of the preset in force.

Each category is a section with its items and a "Thêm nội dung" button; each item has its
content, product and deadline and, at year end, the self-marked result and its evidence.
When the signing day moves into another preset, items follow the domain's
:func:`~khoi_desktop.domain.commitments.remap_category` (same text, else same position).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from khoi_desktop.domain.commitments import CommitmentItem, remap_category
from khoi_desktop.domain.enums import CommitmentResult
from khoi_desktop.domain.vntext import clean
from ui.pages.common.meeting_widgets import TextBox, section_title, small_button

NOT_MARKED = "— Chưa tự đánh giá —"


class ItemRow(QWidget):
    """One item's fields; ``removed`` asks the section to drop it."""

    removed = Signal(object)

    def __init__(self, category: str, item: CommitmentItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category
        self._id = item.id if item else None
        self.content = TextBox(2, "Nội dung đăng ký: việc làm cụ thể")
        self.product = QLineEdit()
        self.product.setPlaceholderText("Sản phẩm cụ thể")
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("Ví dụ: Thường xuyên; Quý II/2026")
        self.result = QComboBox()
        self.result.addItem(NOT_MARKED, None)
        for result in CommitmentResult:
            self.result.addItem(result.label, result.value)
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText("Minh chứng: văn bản, số liệu, sản phẩm đã có")
        self.remove_button = small_button("Xóa", "Xóa nội dung này")
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        self.result_widgets: list[QWidget] = []
        self._build()
        if item is not None:
            self.load(item)

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.content, 0, 0, 1, 4)
        grid.addWidget(self.remove_button, 0, 4)
        grid.addWidget(QLabel("Sản phẩm:"), 1, 0)
        grid.addWidget(self.product, 1, 1)
        grid.addWidget(QLabel("Thời hạn:"), 1, 2)
        grid.addWidget(self.deadline, 1, 3)
        result_label, evidence_label = QLabel("Kết quả:"), QLabel("Minh chứng:")
        grid.addWidget(result_label, 2, 0)
        grid.addWidget(self.result, 2, 1)
        grid.addWidget(evidence_label, 2, 2)
        grid.addWidget(self.evidence, 2, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.result_widgets = [result_label, self.result, evidence_label, self.evidence]

    def load(self, item: CommitmentItem) -> None:
        self.content.set_text(item.content)
        self.product.setText(item.product)
        self.deadline.setText(item.deadline)
        self.set_result(item.result)
        self.evidence.setText(item.evidence)
        for line in (self.product, self.deadline, self.evidence):
            line.setCursorPosition(0)  # show the beginning of a long text

    def set_result(self, result: CommitmentResult | None) -> None:
        self.result.setCurrentIndex(max(0, self.result.findData(result.value if result else None)))

    def value(self) -> CommitmentItem:
        data = self.result.currentData()
        return CommitmentItem(self.category, self.content.text(), clean(self.product.text()),
                              clean(self.deadline.text()), CommitmentResult(data) if data else None,
                              self.evidence.text(), self._id)

    def is_blank(self) -> bool:
        return not (self.content.text() or clean(self.product.text()) or clean(self.deadline.text()))

    def tab_widgets(self) -> list[QWidget]:
        """The fields in the order Tab visits them: what is written, then "Xóa"."""
        return [self.content, self.product, self.deadline, self.result, self.evidence, self.remove_button]


class CategorySection(QWidget):
    """A category's title, its items, and "Thêm nội dung"; ``rows_changed`` when one is added or removed."""

    rows_changed = Signal()

    def __init__(self, number: int, category: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category
        self.rows: list[ItemRow] = []
        self._results = True
        title = section_title(f"{number}. {category}")
        title.setWordWrap(True)
        self.add_button = small_button("Thêm nội dung", f"Thêm một nội dung vào nhóm “{category}”")
        self.add_button.clicked.connect(lambda: self.add(None).content.setFocus())
        self._items = QVBoxLayout()
        self._items.setContentsMargins(16, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(title)
        layout.addLayout(self._items)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add(self, item: CommitmentItem | None) -> ItemRow:
        row = ItemRow(self.category, item)
        row.removed.connect(self.remove)
        for widget in row.result_widgets:
            widget.setVisible(self._results)
        self.rows.append(row)
        self._items.addWidget(row)
        self.rows_changed.emit()
        return row

    def remove(self, row: ItemRow) -> None:
        self.rows.remove(row)
        self._items.removeWidget(row)
        row.deleteLater()
        self.rows_changed.emit()

    def show_results(self, shown: bool) -> None:
        self._results = shown
        for row in self.rows:
            for widget in row.result_widgets:
                widget.setVisible(shown)


class ItemsEditor(QWidget):
    """All sections; ``items()`` are the filled-in items in category order.

    ``rows_changed`` says that rows came or went: their fields then need their place in the Tab order
    (widgets made after the dialog would otherwise come after its "Lưu" and "Hủy").
    """

    rows_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sections: list[CategorySection] = []
        self._categories: tuple[str, ...] = ()
        self._results = True
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 0, 10, 0)
        self._layout.setSpacing(4)

    def categories(self) -> tuple[str, ...]:
        return self._categories

    def set_content(self, categories: Sequence[str], items: Sequence[CommitmentItem]) -> None:
        """One section per category (then any other category the items use), the items in them."""
        for section in self.sections:
            self._layout.removeWidget(section)
            section.deleteLater()
        self._categories = tuple(categories)
        order = list(categories) + [c for c in dict.fromkeys(i.category for i in items) if c not in categories]
        self.sections = [CategorySection(number, category) for number, category in enumerate(order, 1)]
        by_name = {section.category: section for section in self.sections}
        for section in self.sections:
            section.show_results(self._results)
            self._layout.addWidget(section)
        for item in items:
            by_name[item.category].add(item)
        for section in self.sections:
            if not section.rows and section.category in self._categories:
                section.add(None)  # an empty line to type into
            section.rows_changed.connect(self.rows_changed)
        self.rows_changed.emit()

    def change_categories(self, categories: Sequence[str]) -> None:
        """Another preset: move the items to the new categories (same text, else same position)."""
        if tuple(categories) == self._categories:
            return
        old = self._categories
        items = [CommitmentItem(remap_category(i.category, old, categories), i.content, i.product, i.deadline,
                                i.result, i.evidence, i.id) for i in self.items()]
        self.set_content(categories, items)

    def items(self) -> tuple[CommitmentItem, ...]:
        return tuple(row.value() for section in self.sections for row in section.rows if not row.is_blank())

    def show_results(self, shown: bool) -> None:
        self._results = shown
        for section in self.sections:
            section.show_results(shown)

    def tab_widgets(self) -> list[QWidget]:
        """Every field and button of the sections, top to bottom."""
        return [w for section in self.sections for w in
                (*(f for row in section.rows for f in row.tab_widgets()), section.add_button)]

    def rows(self) -> list[ItemRow]:
        return [row for section in self.sections for row in section.rows]
