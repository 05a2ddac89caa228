"""Take the screenshots of the user guide (docs/guide/README.md) from the real application.

    .venv/bin/python docs/guide/make_screenshots.py            # Linux
    .venv\\Scripts\\python docs\\guide\\make_screenshots.py     # Windows

Builds a fresh unit demo database in a temporary folder, opens the real main window
offscreen at 1366 × 768 (an office laptop screen) and writes one PNG per step of the guide
into docs/guide/img/. Dialogs are built and grabbed, never run with exec(); questions the
app would ask go to :class:`ScriptPrompts`, which answers from a queue and never blocks.
The minutes are shown in the app's own preview window. Paths on screen are written as on
Windows (``C:\\Users\\vanphong\\…``) before each grab, so the pictures look like the clerk's screen.

Nothing outside docs/guide/img/ is written: the database, settings, backups and PDFs live
in the temporary folder, which is removed at the end.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "img"
SIZE = (1366, 768)
MAX_BYTES = 150_000
SCALED_WIDTH = 1100
BASE_ORG = "Đảng bộ Sở Nông nghiệp và Phát triển nông thôn"  # the demo unit (under the bloc)
MEETING_ORG = "Chi bộ Văn phòng Sở"  # the branch whose meetings the guide records
EXEMPT_PERSON = "Lê Tiến Minh"  # a member exempt from meetings since 2026: a status change to show
NEW_MEETING_TITLE = "Sinh hoạt chuyên đề quý IV/2026: Tinh thần trách nhiệm trong thực thi công vụ"
NARRATIVE = ("Các chi bộ tổ chức học tập nghiêm túc, đúng thời gian; nhiều đảng viên chủ động chuẩn bị ý kiến "
             "phát biểu, liên hệ với nhiệm vụ chuyên môn của cơ quan.")
OPERATOR = "vanphong"  # the Windows login the change history names (here it would be the build user)
WINDOWS_DATA = r"C:\Users\vanphong\AppData\Local"  # where %LOCALAPPDATA% is on the clerk's PC
WINDOWS_DOCUMENTS = r"C:\Users\vanphong\Documents\Văn bản chi bộ"  # where the clerk saves files
ASSESSMENT_YEAR = 2025  # the last finished round, the first on the 100-point scale
IMPORT_FILE = ROOT / "tests" / "data" / "people_clean.xlsx"
IMPORT_PROBLEMS_FILE = ROOT / "tests" / "data" / "people_bad_values.xlsx"  # errors, duplicates, warnings

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(ROOT))
WORK = Path()  # the temporary folder of one run (set in main)

from PySide6.QtCore import QBuffer, QIODevice, QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from khoi_desktop.domain.enums import MeetingKind, OrgKind  # noqa: E402
from khoi_desktop.domain.models import OrganizationInput  # noqa: E402
from khoi_desktop.services.app import Services  # noqa: E402
from khoi_desktop.services.demo.generator import generate_demo  # noqa: E402
from ui.app import build_window  # noqa: E402
from ui.first_start import WelcomeDialog  # noqa: E402
from ui.pages.common.pdf_preview import PreviewWindow  # noqa: E402
from ui.style import apply_style  # noqa: E402
from ui.tasks import TaskRunner  # noqa: E402


class ScriptPrompts:
    """The Prompts protocol without a single modal: canned answers, and every message printed."""

    def __init__(self) -> None:
        self.save_paths: list[Path] = []
        self.problems: list[str] = []

    def confirm(self, title: str, question: str, yes_text: str = "Đồng ý", no_text: str = "Hủy") -> bool:
        # December: the year is not over, so the year-end report and the package are drafts, as a
        # clerk preparing them then would make them, with dotted lines where nothing is written yet;
        # every other question is answered no.
        agreed = yes_text in {"Lập bản dự thảo", "In dòng chấm để viết tay"}
        print(f"  (hỏi, trả lời {'Có' if agreed else 'Không'}) {title}: {question}")
        return agreed

    def inform(self, title: str, text: str) -> None:
        print(f"  (thông báo) {title}: {text}")

    def warn(self, title: str, text: str) -> None:
        print(f"  (cảnh báo) {title}: {text}")

    def show_error(self, exc: BaseException, doing: str = "") -> None:
        self.problems.append(f"{doing}: {exc!r}")
        print(f"  LỖI khi {doing}: {exc!r}", file=sys.stderr)

    def ask_open_path(self, title: str, file_filter: str) -> Path | None:
        return None

    def ask_open_paths(self, title: str, file_filter: str) -> list[Path]:
        return []

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        return self.save_paths.pop(0) if self.save_paths else None

    def ask_directory(self, title: str) -> Path | None:
        return None


class Shooter:
    """Waits for the worker, grabs a widget and writes a small PNG."""

    def __init__(self, tasks: TaskRunner) -> None:
        self.tasks = tasks
        self.written: list[tuple[str, int, str]] = []

    def settle(self, rounds: int = 3) -> None:
        """Let every queued job finish and every queued repaint/timer run."""
        app = QApplication.instance()
        for _ in range(rounds):
            self.tasks.wait_idle(60_000)
            for _ in range(5):
                app.processEvents()

    def save(self, name: str, widget: QWidget, note: str = "") -> Path:
        self.settle()
        windows_paths(widget.window())
        pixmap = widget.grab()
        path = OUT / f"{name}.png"
        _write_small(pixmap, path)
        self.written.append((path.name, path.stat().st_size, note))
        print(f"  {path.name}: {pixmap.width()}×{pixmap.height()}, {path.stat().st_size // 1024} KB")
        return path


def windows_path(text: str) -> str:
    """``text`` with this run's temporary folders written as the clerk's Windows folders."""
    for folder, shown in ((WORK / "KhoiDesktop", WINDOWS_DATA + "\\KhoiDesktop"), (WORK, WINDOWS_DOCUMENTS),
                          (ROOT / "tests" / "data", WINDOWS_DOCUMENTS)):
        while str(folder) in text:
            start = text.index(str(folder))
            end = start + len(str(folder))
            while end < len(text) and text[end] not in " \n“”\"'()":
                end += 1
            text = text[:start] + shown + text[start + len(str(folder)):end].replace("/", "\\") + text[end:]
    return text


def windows_paths(window: QWidget) -> None:
    """Every label, field, list and table cell of ``window`` with Windows paths (see :func:`windows_path`)."""
    for label in window.findChildren(QLabel):
        if str(WORK) in label.text() or str(ROOT) in label.text():
            label.setText(windows_path(label.text()))
    for field in window.findChildren(QLineEdit):
        if str(WORK) in field.text() or str(ROOT) in field.text():
            field.setText(windows_path(field.text()))
    for box in window.findChildren(QPlainTextEdit):
        if str(WORK) in box.toPlainText():
            box.setPlainText(windows_path(box.toPlainText()))
    for listing in window.findChildren(QListWidget):
        for row in range(listing.count()):
            listing.item(row).setText(windows_path(listing.item(row).text()))
    for table in window.findChildren(QTableWidget):
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                item = table.item(row, column)
                if item is not None and str(WORK) in item.text():
                    item.setText(windows_path(item.text()))


def _write_small(pixmap: QPixmap, path: Path) -> None:
    """The PNG as grabbed if it is under MAX_BYTES; else with a 256-colour palette (flat UI keeps
    its look); else scaled to SCALED_WIDTH with Qt's smooth scaling, then paletted."""
    pixmap.save(str(path), "PNG")
    if path.stat().st_size <= MAX_BYTES:
        return
    _save_paletted(pixmap, path)
    if path.stat().st_size > MAX_BYTES and pixmap.width() > SCALED_WIDTH:
        _save_paletted(pixmap.scaledToWidth(SCALED_WIDTH, Qt.TransformationMode.SmoothTransformation), path)


def _save_paletted(pixmap: QPixmap, path: Path) -> None:
    """256 colours chosen for this image (Pillow, which reportlab brings along), no dithering."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    try:
        from PIL import Image
    except ImportError:  # without Pillow: Qt's own palette conversion
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_Indexed8,
                                                 Qt.ImageConversionFlag.ThresholdDither)
        image.save(str(path), "PNG")
        return
    with Image.open(io.BytesIO(bytes(buffer.data()))) as image:
        paletted = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        paletted.save(path, "PNG", optimize=True)


def org_id(services: Services, name: str) -> int:
    return next(org.id for org in services.organizations.all() if org.name == name)


def main() -> int:
    global WORK
    WORK = Path(tempfile.mkdtemp(prefix="khoi-"))
    os.environ["KHOI_DATA_DIR"] = str(WORK / "KhoiDesktop")  # backups, logs: never the real user folder
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Khối Desktop")
    app.setOrganizationName("KhoiDesktop")
    apply_style(app)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    tasks = TaskRunner()
    shoot = Shooter(tasks)
    prompts = ScriptPrompts()
    try:
        database = WORK / "KhoiDesktop" / "khoi.sqlite"  # where the app keeps it
        print(f"Dữ liệu mẫu: {database}")
        database.parent.mkdir(parents=True)
        generate_demo(database, "unit")
        welcome(shoot, tasks, prompts)
        services = Services.open(database)
        services.context.operator = OPERATOR
        settings = QSettings(str(WORK / "khoi-desktop.ini"), QSettings.Format.IniFormat)
        window = build_window(services, settings, tasks, prompts)
        window.resize(*SIZE)
        window.show()
        shoot.settle()
        pages(shoot, window, services, prompts)
        window.backup_scheduler.shutdown()
        window.controller.shutdown()
    finally:
        tasks.wait_idle()
        shutil.rmtree(WORK, ignore_errors=True)
    print(f"\n{len(shoot.written)} ảnh trong {OUT}")
    for name, size, note in shoot.written:
        print(f"  {name:32} {size / 1024:6.1f} KB  {note}")
    if prompts.problems:
        print("Có lỗi trong khi chụp:", *prompts.problems, sep="\n  ", file=sys.stderr)
        return 1
    return 0


def welcome(shoot: Shooter, tasks: TaskRunner, prompts: ScriptPrompts) -> None:
    dialog = WelcomeDialog(tasks, prompts, WORK / "chua-dung.sqlite")
    dialog.adjustSize()
    dialog.show()
    shoot.save("01-bat-dau", dialog)
    dialog.close()
    dialog.deleteLater()


def pages(shoot: Shooter, window: QWidget, services: Services, prompts: ScriptPrompts) -> None:
    """Every screen of the guide, in the order of a clerk's year."""
    base = org_id(services, BASE_ORG)
    branch = org_id(services, MEETING_ORG)

    def page(key: str) -> QWidget:
        widget = window.show_page(key)
        shoot.settle()
        return widget

    def choose(widget: QWidget, organization: int, year: int | None = None) -> None:
        """As if the clerk picked the organisation (and year) in the page's bar."""
        widget.bar.organization.select_id(organization)
        if year is not None:
            widget.bar.year.setCurrentIndex(widget.bar.year.findData(year))
        shoot.settle()

    choose(page("overview"), base)
    shoot.save("02-tong-quan", window)
    page("organizations")
    shoot.save("03-to-chuc", window)
    people_screens(shoot, page("people"), services, branch)
    new_meeting = meeting_screens(shoot, page("meetings"), services, prompts, branch)
    choose(page("year_plans"), base)
    shoot.save("17-chu-de-nam", window)
    choose(page("study"), base)
    shoot.save("18-hoc-tap", window)
    commitments = page("commitments")
    choose(commitments, branch)
    commitments.table.selectRow(1)  # the first member, under the branch's own registration
    shoot.save("19-ban-dang-ky", window)
    commitments.open_selected()
    shoot.save("20-mot-ban-dang-ky", commitments.dialog)
    commitments.dialog.done(0)
    assessments = page("assessments")
    choose(assessments, base, ASSESSMENT_YEAR)
    assessments.members.select_row(0)
    shoot.save("21-kiem-diem-xep-loai", window)
    assessments.open_selected()
    shoot.settle()
    assessments.dialog.tabs.setCurrentIndex(assessments.dialog.tabs.count() - 1)  # Xếp loại
    shoot.save("22-mot-ban-kiem-diem", assessments.dialog)
    assessments.dialog.done(0)
    inspections = page("inspections")
    choose(inspections, base)
    inspections.records.table.selectRow(0)
    shoot.save("23-kiem-tra-giam-sat", window)
    inspections.records.edit_selected()
    shoot.save("24-mot-cuoc-kiem-tra", inspections.records.dialog)
    inspections.records.dialog.done(0)
    year_end = page("year_end")
    choose(year_end, base)
    year_end_screens(shoot, window, year_end, prompts)
    package_screens(shoot, window, page("package"), prompts, base, new_meeting)
    backups = page("backups")
    backups.backup_now()
    shoot.save("29-sao-luu", window)


def people_screens(shoot: Shooter, people: QWidget, services: Services, branch: int) -> None:
    """The list; one person's form, status changes and history; the Excel import."""
    shoot.save("04-can-bo-dang-vien", people.window())
    person = next(row.id for row in people.shown_rows() if row.full_name == EXEMPT_PERSON)
    people.select_person(person)
    people.open_selected()
    shoot.settle()
    dialog = people.dialog
    shoot.save("05-thong-tin-mot-nguoi", dialog)
    dialog.fields["phone"].setText("0913 456 789")  # one edit, so that the history has a line
    dialog.fields["phone"].textEdited.emit("0913 456 789")
    dialog.save()
    shoot.settle()
    people.select_person(person)
    people.open_selected()
    shoot.settle()
    dialog = people.dialog
    dialog.tabs.setCurrentIndex(2)  # Trạng thái
    shoot.save("06-trang-thai", dialog)
    dialog.tabs.setCurrentIndex(3)  # Lịch sử thay đổi
    shoot.save("07-lich-su-thay-doi", dialog)
    dialog.done(0)

    for file, names in ((IMPORT_FILE, ("08-nhap-excel-ghep-cot", "09-nhap-excel-xem-truoc")),
                        (IMPORT_PROBLEMS_FILE, (None, "10-nhap-excel-dong-loi"))):
        people.open_import()
        wizard = people.wizard
        wizard.file_step.path_edit.setText(str(file))
        wizard.file_step.org_combo.select_id(branch)
        wizard.next()
        shoot.settle()
        if names[0]:
            shoot.save(names[0], wizard)
        wizard.next()
        shoot.settle()
        if names[1] == "10-nhap-excel-dong-loi":
            wizard.preview_step.only_problems.setChecked(True)
        shoot.save(names[1], wizard)
        wizard.done(0)


def meeting_screens(shoot: Shooter, meetings: QWidget, services: Services, prompts: ScriptPrompts,
                    branch: int) -> int:
    """The list, a new meeting from a template and its roll call, then a held meeting and its papers.

    Returns the new meeting's id (its roll call is left unfinished, so it has no minutes yet).
    """
    window = meetings.window()
    shoot.save("11-sinh-hoat-danh-sach", window)
    meetings.organization.select_id(branch)
    shoot.settle()
    meetings.new_meeting()
    shoot.settle()
    dialog = meetings.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData(MeetingKind.THEMATIC.value))
    dialog.start_time.setText("14:00")
    dialog.end_time.setText("16:00")
    dialog.place.setText("Hội trường tầng 2, trụ sở Sở")
    dialog.title.setText(NEW_MEETING_TITLE)
    dialog.title.setCursorPosition(0)
    shoot.save("12-them-buoi-sinh-hoat", dialog)
    dialog.create()
    shoot.settle()
    editor = meetings.editor
    editor.tabs.setCurrentIndex(1)  # Điểm danh
    shoot.settle()
    new_meeting = editor.meeting_id()
    roll_call(shoot, editor.attendance)
    shoot.save("13-diem-danh", window)
    editor.request_close()
    shoot.settle()

    meetings.open_meeting(latest_meeting(services, branch, before=NEW_MEETING_TITLE))
    shoot.settle()
    editor.tabs.setCurrentIndex(2)  # Nội dung
    agenda = editor.agenda
    agenda.list.setCurrentRow(1)  # the item with the members' opinions
    shoot.save("14-noi-dung-y-kien", window)
    editor.tabs.setCurrentIndex(editor.tabs.count() - 1)  # In văn bản
    pdf = WORK / "bien-ban.pdf"
    prompts.save_paths.append(pdf)
    editor.printing.act("minutes", "Lưu thành…")
    shoot.save("15-in-van-ban", window)
    pdf_page(shoot, pdf, "16-bien-ban-trang-1")
    editor.request_close()
    shoot.settle()
    return new_meeting


def roll_call(shoot: Shooter, attendance: QWidget) -> None:
    """Mark the first people with the keys the guide describes: Space, ↓, Enter and a reason."""
    table = attendance.table
    table.window().activateWindow()
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    shoot.settle()
    for presses in (1, 1, 1, 2, 1, 1):  # có mặt ×3, vắng có lý do, có mặt ×2
        for _ in range(presses):
            QTest.keyClick(table, Qt.Key.Key_Space)
        if presses == 2:
            QTest.keyClick(table, Qt.Key.Key_Return)  # write the reason
            shoot.settle()
            editor = QApplication.focusWidget()
            editor.insert("Đi công tác tại Hà Nội")  # typed text (QTest types ASCII only)
            QTest.keyClick(editor, Qt.Key.Key_Return)
            shoot.settle()
            table.setFocus()
            table.setCurrentIndex(table.model().index(table.currentIndex().row(), 0))
        QTest.keyClick(table, Qt.Key.Key_Down)
    shoot.settle()


def year_end_screens(shoot: Shooter, window: QWidget, year_end: QWidget, prompts: ScriptPrompts) -> None:
    """The clerk's own text in one section, then the three files."""
    study = year_end.rows["study"]
    study.editor.setText(NARRATIVE)
    year_end.save_pending()
    shoot.settle()
    prompts.save_paths.append(WORK / "bao-cao-tong-ket.pdf")
    year_end.export()
    shoot.save("25-bao-cao-tong-ket", window)
    scroll_to(window, year_end.rows["results"])  # "II- Kết quả thực hiện" at the top
    shoot.save("26-bao-cao-phan-tu-viet", window)
    window.stack.currentWidget().verticalScrollBar().setValue(0)


def package_screens(shoot: Shooter, window: QWidget, package: QWidget, prompts: ScriptPrompts, base: int,
                    unfinished: int) -> None:
    """The unit sends its package with two minutes; the bloc office checks it on the same page."""
    package.org_combo.select_id(base)
    shoot.settle()
    items = [package.minutes_list.item(row) for row in range(package.minutes_list.count())]
    for item in [item for item in items if item.data(Qt.ItemDataRole.UserRole) != unfinished][:2]:
        item.setCheckState(Qt.CheckState.Checked)
    target = WORK / "goi-bao-cao.zip"
    prompts.save_paths.append(target)
    package.export()
    shoot.save("27-gui-bao-cao", window)
    bloc_office_screen(shoot, prompts, target)


def bloc_office_screen(shoot: Shooter, prompts: ScriptPrompts, target: Path) -> None:
    """The bloc office's own database receives the unit's first package: checked, waiting to be paired."""
    services = Services.open(WORK / "KhoiDesktop" / "dang-uy-khoi.sqlite")
    services.context.operator = OPERATOR
    bloc = services.organizations.create(OrganizationInput(name="Đảng bộ Khối các cơ quan tỉnh Ninh Bình",
                                                           kind=OrgKind.BLOC)).ids[0]
    services.organizations.create(OrganizationInput(name=BASE_ORG, kind=OrgKind.BASE_COMMITTEE, parent_id=bloc))
    settings = QSettings(str(WORK / "khoi-desktop-khoi.ini"), QSettings.Format.IniFormat)
    window = build_window(services, settings, shoot.tasks, prompts)
    window.resize(*SIZE)
    window.show()
    package = window.show_page("package")
    shoot.settle()
    package.tabs.setCurrentWidget(package.panel)
    package.panel.add_files([target])
    shoot.settle()
    shoot.save("28-nhan-goi-bao-cao", window)
    window.backup_scheduler.shutdown()
    window.controller.shutdown()
    window.close()


def scroll_to(window: QWidget, widget: QWidget) -> None:
    """Scroll the current page so that ``widget`` starts near the top of the window."""
    area = window.stack.currentWidget()
    area.verticalScrollBar().setValue(widget.mapTo(area.widget(), QPoint(0, 0)).y() - 12)


def latest_meeting(services: Services, organization_id: int, before: str) -> int:
    """The branch's most recent meeting of this year, other than the one titled ``before``."""
    rows = [row for row in services.meetings.list((organization_id,), services.context.today().year)
            if row.title != before]
    return max(rows, key=lambda row: row.date).id


def pdf_page(shoot: Shooter, pdf: Path, name: str) -> None:
    """The app's own preview window on the first page of ``pdf``, as "Xem" shows it."""
    shoot.settle()
    if not pdf.is_file():
        raise RuntimeError(f"Không tạo được tệp {pdf}")
    preview = PreviewWindow(pdf, "Biên bản sinh hoạt chi bộ", on_print=lambda: None, on_save=lambda: None,
                            on_open_elsewhere=lambda: None)
    preview.resize(980, 700)
    preview.show()
    preview.zoom_box.setCurrentIndex(0)  # Vừa chiều rộng
    shoot.save(name, preview, "cửa sổ xem trước")
    preview.close()


if __name__ == "__main__":
    sys.exit(main())
