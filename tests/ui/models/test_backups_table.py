"""The backup table model: Vietnamese columns and cells, unknown counts, Qt model rules."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt

from khoi_desktop.domain.backups import BackupInfo
from ui.models.backups_table import COLUMNS, INFO_ROLE, MEETINGS, PEOPLE, SIZE, BackupsTableModel

ROWS = [
    BackupInfo(Path("/b/khoi-20261126-140000-dinh-ky.sqlite"), datetime(2026, 11, 26, 14), "dinh-ky",
               int(1.5 * 1024 * 1024), 1234, 56),
    BackupInfo(Path("/b/khoi-20261101-080000-thu-cong.sqlite"), datetime(2026, 11, 1, 8), "thu-cong",
               800, None, None),
]


def test_model_passes_the_model_tester(qtmodeltester) -> None:
    """The model obeys Qt's rules with rows and after a reset."""
    model = BackupsTableModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)


def test_cells_read_the_vietnamese_way(qtbot) -> None:
    """Date dd/MM/yyyy, reason label, size '1,5 MB', counts with thousands dots, '—' when unknown."""
    model = BackupsTableModel()
    model.set_rows(ROWS)
    first = [model.index(0, column).data() for column in range(len(COLUMNS))]
    assert first == ["26/11/2026 14:00", "Tự động trong khi làm việc", "1,5 MB", "1.234", "56"]
    second = [model.index(1, column).data() for column in range(len(COLUMNS))]
    assert second == ["01/11/2026 08:00", "Sao lưu thủ công", "800 byte", "—", "—"]
    assert model.headerData(MEETINGS, Qt.Orientation.Horizontal) == "Số buổi sinh hoạt"
    assert model.index(0, PEOPLE).data(INFO_ROLE) is ROWS[0]
    assert model.index(0, SIZE).data(Qt.ItemDataRole.TextAlignmentRole)
