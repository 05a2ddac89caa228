"""The year-end page: computed figures beside the clerk's text, text never lost, export of PDF, DOCX and XLSX."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QWidget

from khoi_desktop.services.app import Services
from tests.core.year_end_support import YEAR, Bloc, full_year
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import pdf_text, settle, type_text
from tests.ui.pages_support import bar_page
from ui.pages.reports.year_end_page import YearEndPage
from ui.pages.reports.year_end_sections import GO_BACK, PRINT_BLANK
from ui.tasks import TaskRunner

DOTS = "." * 20  # a run of the dotted line printed under an empty heading
STUDY_TEXT = "Các chi bộ tổ chức học tập nghiêm túc, có chất lượng."


@pytest.fixture
def world(services: Services) -> Bloc:
    return full_year(services)


@pytest.fixture
def page(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, world: Bloc,
         opened: list[Path]) -> YearEndPage:
    return bar_page(qtbot, tasks, YearEndPage(services, tasks, prompts, opener=opened.append), world.bloc, YEAR)


def _leave(widget: QWidget) -> None:
    """The clerk moves on: the editor loses the focus."""
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


def qtbot_focus(editor: QWidget) -> bool:
    """The editor holds the focus (offscreen windows are not active: ask the widget itself)."""
    return editor.hasFocus() or QApplication.focusWidget() is editor


def _type_into(page: YearEndPage, key: str, text: str) -> None:
    editor = page.editors()[key]
    editor.setFocus()
    type_text(editor, text)


def test_computed_figures_are_the_services(page: YearEndPage, services: Services, world: Bloc) -> None:
    """Each section shows the service's computed sentences under the skeleton's numbering."""
    previews = services.year_end.preview(world.bloc, YEAR)
    for preview in previews:
        if preview.level == 0:
            assert preview.key in page.editors()  # summary, recipients, signer
            continue
        row = page.rows[preview.key]
        assert preview.title in row.heading.text()
        for sentence in preview.computed:
            assert sentence in row.computed.text()
        assert row.computed.isHidden() == (not preview.computed)
    assert page.rows["leadership"].heading.text().startswith("I- ")
    assert page.rows["study"].heading.text().startswith("1. ")
    assert page.rows["directions"].heading.text() == "IV- Phương hướng, nhiệm vụ năm 2019"
    assert page.rows["results"].editor is None  # a part whose text is its subsections'
    assert "là 60% (3/5 người)" in page.rows["study"].computed.text()


def test_text_typed_is_saved_when_the_clerk_leaves(page: YearEndPage, services: Services, tasks: TaskRunner,
                                                   world: Bloc) -> None:
    """Typing marks the page unsaved; leaving the editor stores the text with set_narrative."""
    _type_into(page, "study", STUDY_TEXT)
    assert page.has_unsaved_changes() and page.state.text() == "Có nội dung chưa lưu"
    _leave(page.editors()["study"])
    settle(tasks)
    assert services.year_end.narratives(world.bloc, YEAR)["study"] == STUDY_TEXT
    assert not page.has_unsaved_changes() and page.state.text() == "Đã lưu"


def test_save_button_stores_every_edited_section(page: YearEndPage, services: Services, tasks: TaskRunner,
                                                 world: Bloc) -> None:
    """"Lưu" stores the sections and frame fields typed so far, in one go."""
    page.editors()["strengths"].setText("Cấp ủy quan tâm chỉ đạo.")
    page.frame.signer_name.setText("Phạm Quang Ngọc")
    page.frame.recipients.setText("Ban Tuyên giáo Tỉnh ủy (để báo cáo)\nLưu VP.")
    page.save_button.click()
    settle(tasks)
    stored = services.year_end.narratives(world.bloc, YEAR)
    assert stored["strengths"] == "Cấp ủy quan tâm chỉ đạo." and stored["signer_name"] == "Phạm Quang Ngọc"
    assert stored["recipients"].splitlines() == ["Ban Tuyên giáo Tỉnh ủy (để báo cáo)", "Lưu VP."]
    assert not page.has_unsaved_changes()


def test_another_organisation_keeps_the_text_of_the_first(page: YearEndPage, services: Services,
                                                          tasks: TaskRunner, world: Bloc) -> None:
    """Text typed for the bloc is stored for the bloc before the chi bộ's report is shown, and comes back."""
    page.editors()["lessons"].setText("Phát huy vai trò nêu gương.")
    page.bar.organization.select_id(world.treasury)
    settle(tasks)
    assert services.year_end.narratives(world.bloc, YEAR)["lessons"] == "Phát huy vai trò nêu gương."
    assert page.shown_key == (world.treasury, YEAR) and page.editors()["lessons"].text() == ""
    page.bar.organization.select_id(world.bloc)
    settle(tasks)
    assert page.editors()["lessons"].text() == "Phát huy vai trò nêu gương."


def test_export_writes_all_three_files_with_the_narrative(page: YearEndPage, prompts: FakePrompts,
                                                          tasks: TaskRunner, tmp_path: Path,
                                                          opened: list[Path]) -> None:
    """Text typed but not yet stored is saved first; the PDF, DOCX and XLSX are written and read back."""
    _type_into(page, "study", STUDY_TEXT)
    page.frame.signer_name.setText("Phạm Quang Ngọc")
    page.number.setValue(5)
    page.issued_on.setText("20/12/2018")
    prompts.save_paths.append(tmp_path / "tong_ket")  # '.pdf' is added
    prompts.confirm_answers.append(True)  # the sections still empty print with dotted lines
    page.export_button.click()
    settle(tasks)
    pdf, docx, xlsx = (tmp_path / f"tong_ket.{ext}" for ext in ("pdf", "docx", "xlsx"))
    assert pdf.is_file() and docx.is_file() and xlsx.is_file()
    text = pdf_text(pdf)
    assert STUDY_TEXT in text and "Phạm Quang Ngọc" in text and "Số 05-BC" in text
    assert "3/5 người, đạt 60%" in text
    words = "\n".join(p.text for p in Document(io.BytesIO(docx.read_bytes())).paragraphs)
    assert STUDY_TEXT in words
    assert len(load_workbook(xlsx).sheetnames) >= 2
    assert page.result_panel.isVisibleTo(page) and str(pdf) in page.result.text()
    page.open_folder_button.click()
    assert opened == [tmp_path]
    assert not page.has_unsaved_changes()


def test_export_only_the_pdf_and_confirm_overwrites(page: YearEndPage, prompts: FakePrompts, tasks: TaskRunner,
                                                    tmp_path: Path) -> None:
    """Unticked, no DOCX or XLSX is written; an existing DOCX beside the PDF is overwritten only when agreed."""
    tmp_path = tmp_path / "xuat"
    tmp_path.mkdir()
    page.with_docx.setChecked(False)
    page.with_xlsx.setChecked(False)
    prompts.save_paths.append(tmp_path / "bao_cao.pdf")
    prompts.confirm_answers.append(True)  # print the empty sections with dotted lines
    page.export_button.click()
    settle(tasks)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["bao_cao.pdf"]
    page.with_docx.setChecked(True)
    (tmp_path / "bao_cao.docx").write_bytes(b"old")
    prompts.save_paths.append(tmp_path / "bao_cao.pdf")
    prompts.confirm_answers.extend([True, False])  # dotted lines, then "Hủy" to the overwrite
    page.export_button.click()
    settle(tasks)
    assert (tmp_path / "bao_cao.docx").read_bytes() == b"old"
    prompts.save_paths.append(tmp_path / "bao_cao.pdf")
    prompts.confirm_answers.extend([True, True])
    page.export_button.click()
    settle(tasks)
    assert (tmp_path / "bao_cao.docx").read_bytes() != b"old"


def test_empty_sections_are_named_and_the_clerk_goes_back_to_write_them(
        page: YearEndPage, services: Services, prompts: FakePrompts, tasks: TaskRunner, world: Bloc,
        tmp_path: Path) -> None:
    """Before any file is asked for, the empty sections are listed; "Quay lại viết" asks nothing more,
    focuses the first empty editor and says how many are left; once all are written, the export asks no
    question and every text is in the PDF, with no dotted line."""
    empty = services.year_end.empty_sections(world.bloc, YEAR)
    assert empty
    page.export_button.click()  # FakePrompts answers "Quay lại viết"
    settle(tasks)
    question = [text for kind, text in prompts.asked if kind == "confirm"][-1]
    assert all(f"- {title}" in question for title in empty) and GO_BACK in question and PRINT_BLANK in question
    assert not [a for a in prompts.asked if a[0] == "save"]
    first_empty = next(key for key, editor in page.editors().items() if key in page.rows and not editor.text())
    assert qtbot_focus(page.editors()[first_empty])
    assert f"Còn {len(empty)} mục chưa viết" in page.status_text()
    written = {key: f"Nội dung viết cho mục {number}." for number, key in enumerate(
        (key for key, row in page.rows.items() if row.editor is not None and not row.editor.text()), 1)}
    for key, text in written.items():
        _type_into(page, key, text)
    asked = len(prompts.asked)
    prompts.save_paths.append(tmp_path / "du.pdf")
    page.export_button.click()
    settle(tasks)
    assert [kind for kind, _ in prompts.asked[asked:]] == ["save"]
    text = pdf_text(tmp_path / "du.pdf")
    assert all(line in text for line in written.values()) and DOTS not in text


def test_empty_sections_print_their_headings_over_dotted_lines(
        page: YearEndPage, services: Services, prompts: FakePrompts, tasks: TaskRunner, world: Bloc,
        tmp_path: Path) -> None:
    """"In dòng chấm để viết tay": every empty section's heading is in the PDF with dotted lines under it;
    without it (the text the clerk wrote aside) those headings would be missing."""
    empty = services.year_end.empty_sections(world.bloc, YEAR)
    page.with_docx.setChecked(False)
    page.with_xlsx.setChecked(False)
    prompts.confirm_answers.append(True)
    prompts.save_paths.append(tmp_path / "cham.pdf")
    page.export_button.click()
    settle(tasks)
    text = pdf_text(tmp_path / "cham.pdf").upper()  # a part's heading prints in capitals
    for title in empty:
        assert title.upper() in text, title
        after = text.index(title.upper()) + len(title)
        assert text[after:after + 200].lstrip(" \n-").startswith(DOTS), title


def test_a_mistyped_date_is_shown_and_nothing_is_asked(page: YearEndPage, prompts: FakePrompts) -> None:
    """A report date that does not exist is shown under its field before any file is asked for."""
    page.issued_on.setText("31/02/2018")
    page.export_button.click()
    assert page.frame.error_text("issued_on") and not [a for a in prompts.asked if a[0] == "save"]


def test_buttons_are_vietnamese(page: YearEndPage) -> None:
    """Every button and choice on the page is written in Vietnamese."""
    assert [page.save_button.text(), page.export_button.text(), page.open_folder_button.text()] == [
        "Lưu", "Xuất báo cáo…", "Mở thư mục"]
    assert page.with_docx.text().startswith("Kèm bản Word") and page.number.specialValueText() == "Chưa có số"
