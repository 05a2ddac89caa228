"""The four steps of the import wizard: file, columns, preview, result."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.interchange.people_import import FIELD_LABELS, ColumnMapping, Severity
from khoi_desktop.services.people_import import ImportPreview, RowChoice
from ui.models.import_preview import CHOICE, STATE, ChoiceDelegate, PreviewRowsModel, ProblemsModel
from ui.pages.common.org_combo import OrgCombo, tree_order
from ui.pages.common.person_fields import DateField, ErrorLabel, NoticeLabel
from ui.style import named_label

NOT_IMPORTED = "(Không nhập)"


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 13pt; font-weight: 600;")
    return label


def column_letter(index: int) -> str:
    """0 → 'A', 27 → 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


BRANCHES = (OrgKind.BASE_BRANCH, OrgKind.SUB_BRANCH)


def import_target(organizations: Sequence[Organization], chosen: int | None) -> int | None:
    """Where a list goes by default: the chosen chi bộ, else the first chi bộ under the choice (or anywhere).

    People belong to a chi bộ; importing into the bloc or a đảng bộ is rarely what the clerk means.
    """
    ordered = tree_order(organizations)
    kinds = {org.id: org.kind for org, _depth in ordered}
    if chosen is not None and kinds.get(chosen) in BRANCHES:
        return chosen
    inside = _under(ordered, chosen) if chosen is not None else [org for org, _depth in ordered]
    for pool in (inside, [org for org, _depth in ordered]):
        branch = next((org.id for org in pool if org.kind in BRANCHES), None)
        if branch is not None:
            return branch
    return chosen


def _under(ordered: list[tuple[Organization, int]], root: int) -> list[Organization]:
    """The organisations below ``root`` in the depth-first list (its subtree follows it)."""
    start = next((i for i, (org, _depth) in enumerate(ordered) if org.id == root), None)
    if start is None:
        return []
    depth = ordered[start][1]
    below: list[Organization] = []
    for org, level in ordered[start + 1:]:
        if level <= depth:
            break
        below.append(org)
    return below


class FileStep(QWidget):
    """Bước 1: which file, into which organisation."""

    browse_requested = Signal()

    def __init__(self, organizations: Sequence[Organization], default_org_id: int | None) -> None:
        super().__init__()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Đường dẫn tệp .xlsx hoặc .xls")
        self.browse_button = QPushButton("Chọn tệp…")
        self.browse_button.clicked.connect(self.browse_requested)
        self.org_combo = OrgCombo()
        self.org_combo.set_organizations(organizations)
        self.org_combo.select_id(import_target(organizations, default_org_id))
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("Tệp danh sách:", row)
        form.addRow("Nhập vào tổ chức:", self.org_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(_title("Bước 1/3: Chọn tệp Excel"))
        layout.addWidget(named_label("Tệp Excel (.xlsx) hoặc Excel cũ (.xls) có một dòng tiêu đề cột như “Họ và "
                                     "tên”, “Ngày sinh”, “Số thẻ đảng viên”. Các dòng tiêu đề phía trên, dòng tổng "
                                     "cộng và phần chữ ký cuối bảng được tự động bỏ qua; chữ gõ bằng phông .VnTime "
                                     "(TCVN3) hoặc VNI-Times được chuyển sang Unicode.", "pageSubtitle", wrap=True))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)


class MappingStep(QWidget):
    """Bước 2: one combo per field, showing the columns found; the user corrects the guess."""

    def __init__(self) -> None:
        super().__init__()
        self._mapping: ColumnMapping | None = None
        self.combos: dict[str, QComboBox] = {}
        self.found = QLabel("")
        self.found.setWordWrap(True)
        self.error = ErrorLabel()
        grid = QGridLayout()
        names = [name for name in FIELD_LABELS if name != "sequence"]
        half = (len(names) + 1) // 2
        for index, name in enumerate(names):
            combo = QComboBox()
            combo.setMinimumContentsLength(22)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._picked(n))
            self.combos[name] = combo
            row, column = index % half, (index // half) * 2
            star = " *" if name == "full_name" else ""
            grid.addWidget(QLabel(f"{FIELD_LABELS[name]}{star}:"), row, column)
            grid.addWidget(combo, row, column + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(_title("Bước 2/3: Ghép cột"))
        layout.addWidget(self.found)
        layout.addWidget(named_label("Mỗi thông tin lấy từ cột nào? Chương trình đã đoán theo tên cột; hãy sửa "
                                     "nếu chưa đúng. Một cột chỉ dùng cho một thông tin.", "pageSubtitle", wrap=True))
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def set_mapping(self, mapping: ColumnMapping, file_name: str, note: str = "") -> None:
        self._mapping = mapping
        self.found.setText(f"Tệp “{file_name}”: dòng tiêu đề là dòng {mapping.header_row}, dữ liệu bắt đầu từ "
                           f"dòng {mapping.first_data_row}. {note}".strip())
        self._refresh()

    def mapping(self) -> ColumnMapping | None:
        return self._mapping

    def choose(self, name: str, column: int | None) -> None:
        """Read ``name`` from ``column`` (0-based; None: not imported), as if picked in the combo."""
        combo = self.combos[name]
        combo.setCurrentIndex(max(combo.findData(column), 0) if column is not None else 0)

    def _picked(self, name: str) -> None:
        if self._mapping is None:
            return
        column = self.combos[name].currentData()
        if self._mapping.column_of(name) != column:
            self._mapping = self._mapping.with_column(name, column)
            self._refresh()

    def _refresh(self) -> None:
        assert self._mapping is not None
        labels = self._mapping.labels
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IMPORTED, None)
            for index, label in enumerate(labels):
                combo.addItem(f"Cột {column_letter(index)}: {label or '(không tên)'}", index)
            column = self._mapping.column_of(name)
            combo.setCurrentIndex(combo.findData(column) if column is not None else 0)
            combo.blockSignals(False)
        missing = "full_name" in self._mapping.missing_required
        self.error.show_message("Hãy chọn cột “Họ và tên”: không có cột này thì không nhập được." if missing else "")


class PreviewStep(QWidget):
    """Bước 3: each row with its problems and the user's choice, then how to import."""

    def __init__(self) -> None:
        super().__init__()
        self.rows_model = PreviewRowsModel(self)
        self.problems_model = ProblemsModel(self)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.legacy = NoticeLabel()
        self.only_problems = QCheckBox("Chỉ hiện các dòng có vấn đề")
        self.only_problems.toggled.connect(self.rows_model.set_only_problems)
        self.rows_view = _table(self.rows_model)
        self.rows_view.setItemDelegateForColumn(CHOICE, ChoiceDelegate(self.rows_view))
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.rows_view.horizontalHeader().setSectionResizeMode(STATE, QHeaderView.ResizeMode.Stretch)
        self.rows_view.horizontalHeader().setStretchLastSection(False)
        self.problems_view = _table(self.problems_model)
        self.all_or_nothing = QRadioButton("Nhập tất cả hoặc không nhập gì (khuyên dùng): còn dòng lỗi thì "
                                           "chưa nhập dòng nào")
        self.valid_only = QRadioButton("Chỉ nhập các dòng hợp lệ; các dòng lỗi được ghi vào một báo cáo lỗi .xlsx")
        self.all_or_nothing.setChecked(True)
        self.since = DateField()
        self.since.setObjectName("importSince")
        self.since.setMaximumWidth(140)
        self.since_note = QLabel("")
        self.since_note.setWordWrap(True)
        self.error = ErrorLabel()
        self.rows_model.choices_changed.connect(self._recount)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._titled("Các dòng đọc được", self.rows_view, self.only_problems))
        splitter.addWidget(self._titled("Lỗi và cảnh báo (Dòng, Cột, Lỗi)", self.problems_view))
        splitter.setSizes([320, 180])
        layout = QVBoxLayout(self)
        layout.addWidget(_title("Bước 3/3: Xem trước và nhập"))
        layout.addWidget(self.summary)
        layout.addWidget(self.legacy)
        layout.addWidget(splitter, 1)
        since_row = QHBoxLayout()
        since_row.addWidget(QLabel("<b>Sinh hoạt tại tổ chức từ ngày:</b>"))
        since_row.addWidget(self.since)
        since_row.addWidget(self.since_note, 1)
        layout.addLayout(since_row)
        layout.addWidget(self.all_or_nothing)
        layout.addWidget(self.valid_only)
        layout.addWidget(self.error)

    @staticmethod
    def _titled(title: str, view: QWidget, extra: QWidget | None = None) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b>{title}</b>"))
        head.addStretch(1)
        if extra is not None:
            head.addWidget(extra)
        layout.addLayout(head)
        layout.addWidget(view, 1)
        return box

    def set_preview(self, preview: ImportPreview, today: date | None = None) -> None:
        self.preview = preview
        if today is not None and not self.since.text():
            self.since.set_date(today)
        column = preview.mapping.label_of("org_since") if preview.dated_rows else ""
        self.since_note.setText(
            f"Theo cột “{column}” của tệp; ngày này dùng cho các dòng không ghi ngày." if column else
            "Ngày này áp dụng cho mọi người trong tệp: các buổi sinh hoạt trước ngày này không có tên họ. "
            "Hãy sửa nếu họ đã sinh hoạt ở đây từ trước.")
        self.error.show_message("")
        self.legacy.show_lines([preview.legacy_note] if preview.legacy_note else [])
        self.rows_model.set_preview(preview)
        has_problems = any(row.record.problems for row in preview.rows)
        self.only_problems.setChecked(has_problems and len(preview.rows) > 50)
        self._recount()

    def choices(self) -> dict[int, RowChoice]:
        return self.rows_model.choices()

    def set_choice(self, row_number: int, choice: RowChoice) -> bool:
        return self.rows_model.set_choice(row_number, choice)

    def _recount(self) -> None:
        preview, choices = self.preview, self.rows_model.choices()
        self.problems_model.set_problems(preview.all_problems(choices))
        blocked = len(preview.blocked_rows(choices))
        skipped = sum(1 for choice in choices.values() if choice is RowChoice.SKIP)
        updates = sum(1 for choice in choices.values() if choice is RowChoice.UPDATE)
        warnings = sum(1 for p in preview.all_problems(choices) if p.severity is Severity.WARNING)
        parts = [f"Đọc được {format_number(len(preview.rows))} dòng",
                 f"{format_number(len(preview.rows) - blocked - skipped - updates)} người mới",
                 f"{format_number(updates)} cập nhật", f"{format_number(skipped)} bỏ qua",
                 f"{format_number(blocked)} dòng lỗi", f"{format_number(warnings)} cảnh báo"]
        self.summary.setText(", ".join(parts) + ".")
        self.summary.setStyleSheet("color: #b00020; font-weight: 600;" if blocked else "font-weight: 600;")


def _table(model: object) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate((60, 200, 100, 150)):
        header.resizeSection(column, width)
    return view


class ResultStep(QWidget):
    """The summary after the import."""

    def __init__(self) -> None:
        super().__init__()
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setStyleSheet("font-size: 11pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(_title("Đã nhập xong"))
        layout.addWidget(self.text)
        layout.addStretch(1)
