"""The user guide inside the app: F1 opens it at the page's own section, with its pictures."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from khoi_desktop import paths
from ui.guide_window import SECTIONS, GuideWindow, slug
from ui.main_window import MainWindow


def test_every_page_has_a_section_and_every_picture_loads(qtbot) -> None:
    """Each page's heading exists in the bundled guide; every picture it names is found and fitted."""
    window = GuideWindow()
    qtbot.addWidget(window)
    headings = window.headings()
    for key, start in SECTIONS.items():
        assert any(heading.startswith(start) for heading in headings), key
    names = [line.split("](")[1].rstrip(")") for line in (paths.guide_dir() / "README.md").read_text(
        encoding="utf-8").splitlines() if line.startswith("![")]
    assert len(names) >= 20
    document = window.browser.document()
    for name in names:
        picture = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert picture is not None and not picture.isNull(), name


def test_contents_links_jump_to_their_heading(qtbot) -> None:
    """A link of the contents (#10-sao-lưu-và-phục-hồi) scrolls to that heading inside the window."""
    window = GuideWindow()
    qtbot.addWidget(window)
    window.show()
    assert slug("10. Sao lưu và phục hồi") == "10-sao-lưu-và-phục-hồi"
    window.browser.anchorClicked.emit(QUrl("#10-sao-lưu-và-phục-hồi"))
    assert window.current_heading() == "10. Sao lưu và phục hồi"


def test_f1_opens_the_guide_at_the_page_on_show(qtbot, settings) -> None:
    """On the people page F1 shows "3. Danh sách cán bộ, đảng viên" at the top of the guide."""
    main = MainWindow("Khối Desktop", settings)
    qtbot.addWidget(main)
    main.add_page("overview", "Tổng quan", lambda: QLabel("Tổng quan"))
    main.add_page("people", "Cán bộ, đảng viên", lambda: QLabel("Cán bộ"))
    main.show()
    main.show_page("people")
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main.navigation, Qt.Key.Key_F1)
    guide = main.guide
    assert guide is not None and guide.isVisible()
    assert guide.current_heading() == "3. Danh sách cán bộ, đảng viên"
    assert main.action_guide.text() == "&Hướng dẫn sử dụng"
