"""The user guide inside the app (F1, Trợ giúp → Hướng dẫn sử dụng), opened at the page's own section.

The guide is the bundled ``docs/guide/README.md`` with its pictures, shown by a QTextBrowser as
Markdown; pictures are scaled to the window's width, the table of contents' links jump to their
heading, and :data:`SECTIONS` says which heading belongs to which page.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextBlock, QTextCursor, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from khoi_desktop import paths

GUIDE_FILE = "README.md"
MAX_PICTURE_WIDTH = 820
# Page key (ui.app) → the start of its heading in the guide.
SECTIONS: dict[str, str] = {
    "overview": "8. Tổng quan", "home": "1. Cài đặt", "organizations": "2. Tổ chức",
    "people": "3. Danh sách cán bộ", "meetings": "4. Ghi một buổi sinh hoạt", "year_plans": "5. Chủ đề năm",
    "study": "5. Chủ đề năm", "commitments": "Bản đăng ký học tập", "assessments": "Kiểm điểm, đánh giá",
    "inspections": "7. Kiểm tra", "outreach": "7. Kiểm tra", "exemplars": "7. Kiểm tra",
    "year_end": "8. Tổng quan", "package": "9. Gửi báo cáo", "backups": "10. Sao lưu",
}


def slug(text: str) -> str:
    """The anchor a Markdown heading gets on GitHub ("1. Cài đặt và lần đầu mở" → "1-cài-đặt-và-lần-đầu-mở")."""
    lowered = unicodedata.normalize("NFC", text.strip().lower())
    kept = re.sub(r"[^\w\- ]", "", lowered)
    return kept.replace(" ", "-")


class GuideWindow(QWidget):
    """The guide in a window of its own; :meth:`show_section` scrolls to a heading."""

    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hướng dẫn sử dụng Khối Desktop")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        screen = self.screen().availableGeometry()
        self.resize(min(960, screen.width() - 40), min(760, screen.height() - 60))
        self._picture_width = min(MAX_PICTURE_WIDTH, self.width() - 60)
        source = (folder or paths.guide_dir()) / GUIDE_FILE
        if source.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(source)), QTextDocument.ResourceType.MarkdownResource)
            self._fit_pictures()
        else:
            self.browser.setPlainText(f"Không tìm thấy tệp hướng dẫn “{source}”. Hãy cài đặt lại phần mềm.")

    def headings(self) -> list[str]:
        return [block.text() for block in self._blocks() if block.blockFormat().headingLevel() > 0]

    def show_section(self, heading_start: str) -> bool:
        """Scroll so the first heading starting with ``heading_start`` is at the top; False if none."""
        for block in self._blocks():
            if block.blockFormat().headingLevel() > 0 and block.text().startswith(heading_start):
                self._scroll_to(block)
                return True
        return False

    def current_heading(self) -> str:
        """The heading nearest above the top of the view (what the clerk sees first)."""
        top = self.browser.verticalScrollBar().value()
        layout = self.browser.document().documentLayout()
        seen = ""
        for block in self._blocks():
            if layout.blockBoundingRect(block).top() > top + 2:
                break
            if block.blockFormat().headingLevel() > 0:
                seen = block.text()
        return seen

    def _scroll_to(self, block: QTextBlock) -> None:
        cursor = QTextCursor(block)
        self.browser.setTextCursor(cursor)
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))

    def _follow(self, url: QUrl) -> None:
        """Contents links jump inside the guide; other links open outside."""
        if url.hasFragment() and (not url.path() or url.path().endswith(GUIDE_FILE)):
            wanted = url.fragment(QUrl.ComponentFormattingOption.FullyDecoded)
            for block in self._blocks():
                if block.blockFormat().headingLevel() > 0 and slug(block.text()) == wanted:
                    self._scroll_to(block)
                    return
            return
        QDesktopServices.openUrl(url)

    def _fit_pictures(self) -> None:
        """Screenshots are 1366 px wide: draw them as wide as the window allows, proportions kept."""
        width = self._picture_width
        for block in self._blocks():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                iterator += 1
                if not fragment.charFormat().isImageFormat():
                    continue
                image = fragment.charFormat().toImageFormat()
                picture = self.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()))
                if picture is None or picture.width() <= width:
                    continue
                fitted = QTextImageFormat(image)
                fitted.setWidth(width)
                fitted.setHeight(picture.height() * width / picture.width())
                cursor = QTextCursor(self.browser.document())
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fitted)

    def _blocks(self) -> list[QTextBlock]:
        blocks, block = [], self.browser.document().begin()
        while block.isValid():
            blocks.append(block)
            block = block.next()
        return blocks
