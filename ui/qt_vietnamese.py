"""Vietnamese for Qt's own strings: context menus, button boxes, message, file and print dialogs.

Qt ships no Vietnamese translation, so :class:`QtVietnamese` answers ``translate()`` from a
table of its own. Keys are Qt's source texts without the "&" mnemonic marks; the context is
not needed (the same English word means the same thing across Qt's dialogs), except where a
context-specific entry is given. Installed once at start by :func:`install_qt_vietnamese`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

VIETNAMESE: dict[str, str] = {
    # context menus of QLineEdit / QTextEdit / QPlainTextEdit (QWidgetTextControl)
    "Undo": "&Hoàn tác", "Redo": "&Làm lại", "Cut": "&Cắt", "Copy": "&Sao chép", "Paste": "&Dán",
    "Delete": "&Xóa", "Select All": "Chọn &tất cả", "Copy Link Location": "Sao chép địa chỉ liên kết",
    "Insert Unicode control character": "Chèn ký tự điều khiển Unicode",
    # standard buttons (QPlatformTheme) and message boxes
    "OK": "Đồng ý", "Save": "&Lưu", "Save All": "Lưu tất cả", "Open": "&Mở", "Yes": "&Có",
    "Yes to All": "Có với tất cả", "No": "&Không", "No to All": "Không với tất cả",
    "Abort": "Hủy bỏ", "Retry": "Thử lại", "Ignore": "Bỏ qua", "Close": "Đó&ng", "Cancel": "Hủy",
    "Discard": "Không lưu", "Don't Save": "Không lưu", "Close without Saving": "Đóng, không lưu",
    "Help": "Trợ giúp", "Apply": "Áp dụng", "Reset": "Đặt lại", "Restore Defaults": "Khôi phục mặc định",
    "Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết…", "About Qt": "Về Qt",
    # file dialog (Qt's own, where the system one is not used)
    "Look in:": "Tìm trong:", "File name:": "Tên tệp:", "Files of type:": "Kiểu tệp:",
    "Back": "Quay lại", "Forward": "Tiếp", "Parent Directory": "Thư mục cha", "Go back": "Quay lại",
    "Go forward": "Đi tiếp", "Go to the parent directory": "Lên thư mục cha",
    "Create New Folder": "Tạo thư mục mới", "Create a New Folder": "Tạo thư mục mới",
    "New Folder": "Thư mục mới", "List View": "Dạng danh sách", "Detail View": "Dạng chi tiết",
    "Change to list view mode": "Xem dạng danh sách", "Change to detail view mode": "Xem dạng chi tiết",
    "Name": "Tên", "Size": "Cỡ", "Type": "Kiểu", "Date Modified": "Ngày sửa", "Kind": "Loại",
    "My Computer": "Máy tính", "Computer": "Máy tính", "Recent Places": "Nơi đã mở gần đây",
    "Show hidden files": "Hiện tệp ẩn", "Rename": "Đổi tên", "Directory:": "Thư mục:",
    "Directories": "Thư mục", "All Files (*)": "Mọi tệp (*)", "Choose": "Chọn",
    "Are you sure you want to delete '%1'?": "Xóa “%1”?",
    "%1 already exists.\nDo you want to replace it?": "“%1” đã có.\nThay tệp đó?",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
    # print dialog (Qt's own on Linux; Windows shows its own, already in the system language)
    "Print": "In", "Printer": "Máy in", "Name:": "Tên:", "Properties": "Thuộc tính",
    "Location:": "Nơi đặt:", "Preview": "Xem trước", "Type:": "Kiểu:", "Output file:": "Tệp ra:",
    "Print range": "Phạm vi in", "Print all": "In tất cả", "Pages from": "Các trang từ", "to": "đến",
    "Current Page": "Trang hiện tại", "Selection": "Phần đã chọn", "Copies": "Số bản", "Copies:": "Số bản:",
    "Collate": "Xếp theo bộ", "Reverse": "In ngược thứ tự", "Options": "Tùy chọn",
    "Color Mode": "Chế độ màu", "Color": "Màu", "Grayscale": "Thang xám",
    "Duplex Printing": "In hai mặt", "None": "Không", "Long side": "Lật theo cạnh dài",
    "Short side": "Lật theo cạnh ngắn", "Page Set:": "Nhóm trang:", "All Pages": "Mọi trang",
    "Odd Pages": "Trang lẻ", "Even Pages": "Trang chẵn", "Pages": "Trang", "Paper": "Giấy",
    "Page size:": "Cỡ giấy:", "Width:": "Rộng:", "Height:": "Cao:", "Paper source:": "Khay giấy:",
    "Orientation": "Hướng giấy", "Portrait": "Dọc", "Landscape": "Ngang",
    "Reverse landscape": "Ngang ngược", "Reverse portrait": "Dọc ngược", "Margins": "Lề",
    "top margin": "lề trên", "left margin": "lề trái", "right margin": "lề phải",
    "bottom margin": "lề dưới", "Page Layout": "Bố cục trang", "Page order:": "Thứ tự trang:",
    "Pages per sheet:": "Số trang mỗi tờ:", "Page": "Trang", "Advanced": "Nâng cao",
    "Print to File (PDF)": "In ra tệp (PDF)", "Local file": "Tệp trên máy",
    "Write PDF file": "Ghi tệp PDF", "Print To File ...": "In ra tệp…", "Print in color if available":
        "In màu nếu máy in có", "Print in grayscale": "In thang xám",
    "Job": "Lệnh in", "Scheduled printing:": "Hẹn giờ in:", "Print Immediately": "In ngay",
    "Hold Indefinitely": "Giữ lại", "Job priority:": "Độ ưu tiên:", "Conflicts": "Xung đột",
    "Points (pt)": "Điểm (pt)", "Millimeters (mm)": "Mi-li-mét (mm)", "Inches (in)": "Inch (in)",
    "Centimeters (cm)": "Xăng-ti-mét (cm)", "Custom": "Tùy chỉnh",
    "Print Preview": "Xem trước khi in", "Page Setup": "Thiết lập trang",
    # the progress dialog's and wizard's defaults
    "Go Back": "Quay lại", "Continue": "Tiếp tục", "Commit": "Xác nhận", "Done": "Xong",
    "Quit": "Thoát", "Next": "Tiếp", "Finish": "Hoàn tất", "Back < ": "< Quay lại", "Next >": "Tiếp >",
}


def _plain(source: str) -> str:
    """Qt's source text without mnemonic marks ("&&" stays a literal ampersand)."""
    return source.replace("&&", "\0").replace("&", "").replace("\0", "&")


class QtVietnamese(QTranslator):
    """Answers Qt's own ``tr()`` calls from :data:`VIETNAMESE`; anything else falls through."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # noqa: ARG002
        if context == "QShortcut":  # key names ("Print", "Help") must stay as Qt parses them
            return None
        return VIETNAMESE.get(_plain(source or ""))  # type: ignore[return-value]  # None: Qt keeps its own text

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def install_qt_vietnamese(app: QCoreApplication) -> QtVietnamese:
    """Install the translator on ``app`` (kept alive as its child)."""
    translator = QtVietnamese(app)
    app.installTranslator(translator)
    return translator
