"""The study documents: report data, the PDFs read back with pypdf, the XLSX summary, files and failures."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pypdf import PdfReader

from khoi_desktop.domain.assessments import AssessmentInput, SelfReviewForm
from khoi_desktop.domain.commitments import CommitmentInput, CommitmentItem
from khoi_desktop.domain.enums import RatingLevel
from khoi_desktop.domain.errors import NotFoundError, OperationCancelled, ValidationError
from khoi_desktop.domain.models import PersonInput
from khoi_desktop.domain.study import YearPlanInput
from khoi_desktop.reports.ratings_pdf import build_ratings_bytes
from khoi_desktop.reports.registration_pdf import build_registration_bytes
from khoi_desktop.reports.self_review_pdf import build_self_review_bytes
from khoi_desktop.reports.study_docs import RegistrationLine
from khoi_desktop.services.app import Services
from khoi_desktop.services.assessments import AssessmentService
from khoi_desktop.services.commitments import CommitmentService
from khoi_desktop.services.study_documents import StudyDocumentService
from khoi_desktop.services.year_plans import YearPlanService
from tests.core.progress_support import Recorder
from tests.core.reports_support import broken_in_pdf, document_text, font_names, unbreakable_tokens
from tests.core.study_support import StudyBloc, study_bloc

EXCELLENT, GOOD = RatingLevel.EXCELLENT, RatingLevel.GOOD


@pytest.fixture
def world(services: Services) -> StudyBloc:
    """The study bloc with An as Bí thư of A, a theme, An's registrations and A's ratings for 2026."""
    built = study_bloc(services)
    services.db.execute("INSERT INTO positions (person_id, organization_id, title, is_party_post, start_date)"
                        " VALUES (?, ?, 'Bí thư Chi bộ', 1, '2020-07-01')", [built.people["An"], built.a])
    YearPlanService(services.context).save(YearPlanInput(built.bloc, 2026, theme="Đoàn kết, kỷ cương, nêu gương"))
    registrations = CommitmentService(services.context)
    categories = registrations.categories_for(2026)
    items = (CommitmentItem(categories[4], "Tự học ngoại ngữ <B1> & tin học", "Chứng chỉ B1", "Quý III/2026"),
             CommitmentItem(categories[0], "Tuyên truyền nghị quyết", "Bài viết", "Thường xuyên"))
    saved = registrations.save(CommitmentInput(2026, person_id=built.people["Bình"], signed_on=date(2026, 3, 20),
                                               items=items))
    registrations.confirm(saved.commitment_id, date(2026, 3, 25), "Nguyễn Văn An, Bí thư Chi bộ")
    old = registrations.categories_for(2018)
    registrations.save(CommitmentInput(2018, person_id=built.people["Bình"], signed_on=date(2018, 3, 1),
                                       items=(CommitmentItem(old[3], "Hoàn thành nhiệm vụ chuyên môn"),)))
    assessments = AssessmentService(services.context)
    for name, level, points in (("An", EXCELLENT, 95), ("Bình", GOOD, 82), ("Cường", GOOD, 76)):
        assessments.save(AssessmentInput(2026, person_id=built.people[name], points=points, self_level=level,
                                         branch_level=level, decided_level=level,
                                         sections=(("political_thought", "Vững vàng, trung thành."),)))
    return built


@pytest.fixture
def documents(services: Services) -> StudyDocumentService:
    return StudyDocumentService(services.context)


def test_registration_reads_back_grouped_by_the_standards(documents: StudyDocumentService, world: StudyBloc) -> None:
    """Header, title, who, the theme, items under their QĐ 144 standard in order, both signatures."""
    data = documents.registration_data(world.people["Bình"], 2026)
    text = document_text(build_registration_bytes(data))
    for fragment in ("ĐẢNG BỘ SỞ TÀI CHÍNH", "CHI BỘ PHÒNG NGÂN SÁCH", "ĐẢNG CỘNG SẢN VIỆT NAM",
                     "Ninh Bình, ngày 20 tháng 3 năm 2026", "BẢN ĐĂNG KÝ",
                     "Họ và tên: Trần Thị Bình Chức vụ: Chuyên viên Đơn vị: Chi bộ Phòng Ngân sách",
                     "Thực hiện chủ đề năm 2026 “Đoàn kết, kỷ cương, nêu gương”", "Tự học ngoại ngữ <B1> & tin học",
                     "XÁC NHẬN CỦA CHI BỘ", "Ngày 25 tháng 3 năm 2026", "BÍ THƯ CHI BỘ", "Nguyễn Văn An",
                     "NGƯỜI ĐĂNG KÝ"):
        assert fragment in text, fragment
    first = text.index("I. Yêu nước, tuyệt đối trung thành")
    assert first < text.index("II. Gương mẫu, học tập suốt đời") < text.index("Chứng chỉ B1")


def test_a_2018_registration_uses_the_four_areas(documents: StudyDocumentService, world: StudyBloc) -> None:
    """The preset in force on the signing day: the 2018 item sits under the fourth area of Chỉ thị 05."""
    text = document_text(build_registration_bytes(documents.registration_data(world.people["Bình"], 2018)))
    assert "I. Thực hiện nhiệm vụ chuyên môn được giao" in text and "Yêu nước" not in text


def test_collective_registration_is_signed_on_behalf(services: Services, documents: StudyDocumentService,
                                                     world: StudyBloc) -> None:
    """A collective registration names the chi bộ and is signed T/M CHI BỘ by its Bí thư."""
    registrations = CommitmentService(services.context)
    registrations.save(CommitmentInput(2026, organization_id=world.a, signed_on=date(2026, 3, 5),
                                       items=(CommitmentItem(registrations.categories_for(2026)[1], "Mô hình"),)))
    target = documents.write_collective_registration(world.a, 2026, Path(services.path).with_name("tt.pdf")).path
    text = document_text(target.read_bytes())
    assert "Tên tập thể: Chi bộ Phòng Ngân sách" in text and "T/M CHI BỘ" in text and "Nguyễn Văn An" in text


def test_self_review_reads_back(services: Services, documents: StudyDocumentService, world: StudyBloc,
                                tmp_path: Path) -> None:
    """Sections of the preset, dotted lines where empty, points with their band, the proposed level."""
    written = documents.write_self_review(world.people["An"], 2026, tmp_path / "kiem-diem.pdf")
    text = document_text(written.path.read_bytes())
    for fragment in ("BẢN KIỂM ĐIỂM CÁ NHÂN", "Năm 2026", "Ninh Bình, ngày 26 tháng 11 năm 2026",
                     "1. Về tư tưởng chính trị Vững vàng, trung thành.", "2. Về phẩm chất đạo đức, lối sống ……",
                     "6. Việc khắc phục hạn chế", "Tự chấm điểm: 95 điểm (thuộc mức “Hoàn thành xuất sắc nhiệm vụ”)",
                     "Tự nhận mức xếp loại: Hoàn thành xuất sắc nhiệm vụ.", "NGƯỜI TỰ KIỂM ĐIỂM"):
        assert fragment in text, fragment


def test_self_review_heads_with_birth_date_and_post_per_the_form_in_force(
        services: Services, documents: StudyDocumentService, world: StudyBloc) -> None:
    """2026 is under QĐ 366 / HD 43: the person's lines carry the birth date and the post, and the chi ủy's
    appraisal closes the form with its prompts, the recorded proposal and 'T/M CHI ỦY' after the member signs."""
    services.db.execute("UPDATE people SET birth_date = '1975-04-12' WHERE id = ?", [world.people["An"]])
    text = document_text(build_self_review_bytes(documents.self_review_data(world.people["An"], 2026)))
    for fragment in ("Năm 2026 (Dùng cho đảng viên)", "Họ và tên: Nguyễn Văn An. Ngày sinh: 12/04/1975.",
                     "Chức vụ Đảng, chính quyền, đoàn thể: Bí thư Chi bộ, Trưởng phòng.", "Chi bộ: Chi bộ Phòng Ngân sách.",
                     "NHẬN XÉT, ĐÁNH GIÁ CỦA CHI ỦY - Ưu điểm: ……", "- Hạn chế, khuyết điểm: ……",
                     "- Số điểm chi ủy chấm: ……",
                     "- Mức xếp loại chất lượng chi ủy đề xuất: Hoàn thành xuất sắc nhiệm vụ.", "T/M CHI ỦY BÍ THƯ"):
        assert fragment in text, fragment
    assert text.index("NGƯỜI TỰ KIỂM ĐIỂM") < text.index("NHẬN XÉT, ĐÁNH GIÁ CỦA CHI ỦY")


def test_a_2024_self_review_follows_the_qd132_form(services: Services, documents: StudyDocumentService,
                                                    world: StudyBloc) -> None:
    """Before QĐ 366 the form names the chi ủy or chi bộ, has no points, and leaves what is unknown dotted."""
    text = document_text(build_self_review_bytes(documents.self_review_data(world.people["Bình"], 2024)))
    for fragment in ("Ngày sinh: ……", "Chức vụ Đảng, chính quyền, đoàn thể: Chuyên viên.",
                     "NHẬN XÉT, ĐÁNH GIÁ CỦA CHI ỦY (CHI BỘ)", "- Mức xếp loại chất lượng chi bộ đề xuất: ……",
                     "T/M CHI ỦY (CHI BỘ)"):
        assert fragment in text, fragment
    assert "Tự chấm điểm" not in text and "Số điểm chi ủy chấm" not in text


def test_a_preset_without_a_form_prints_no_appraisal_block(documents: StudyDocumentService,
                                                           world: StudyBloc) -> None:
    """A preset the clerk added without a form keeps the plain heading lines and no appraisal."""
    data = replace(documents.self_review_data(world.people["An"], 2026), form=SelfReviewForm())
    text = document_text(build_self_review_bytes(data))
    assert "Chức vụ: Bí thư Chi bộ, Trưởng phòng." in text and "CHI ỦY" not in text


def test_ratings_list_reads_back(documents: StudyDocumentService, world: StudyBloc) -> None:
    """Numbered rows with short levels and points, the legend, totals with percentages, not-rated apart, T/M."""
    text = document_text(build_ratings_bytes(documents.ratings_data(world.a, 2026)))
    for fragment in ("DANH SÁCH", "đánh giá, xếp loại chất lượng đảng viên năm 2026", "Họ và tên", "Chi bộ đề xuất",
                     "1 Nguyễn Văn An Bí thư Chi bộ HTXSNV HTXSNV HTXSNV 95 điểm",
                     "2 Trần Thị Bình Chuyên viên HTTNV HTTNV HTTNV 82 điểm",
                     "HTXSNV: Hoàn thành xuất sắc nhiệm vụ",
                     "Tổng số thuộc diện đánh giá, xếp loại: 3 đồng chí, trong đó:",
                     "- Hoàn thành xuất sắc nhiệm vụ: 1 đồng chí (33,33%);",
                     "- Hoàn thành tốt nhiệm vụ: 2 đồng chí (66,67%);",
                     "T/M CHI BỘ", "BÍ THƯ", "Nơi nhận:", "Đảng bộ Sở Tài chính (để báo cáo)", "Lưu Chi bộ."):
        assert fragment in text, fragment


def test_not_rated_members_are_printed_apart(services: Services, documents: StudyDocumentService,
                                             world: StudyBloc) -> None:
    """The exempt member of B is listed under 'Không đánh giá, xếp loại' with the reason."""
    text = document_text(build_ratings_bytes(documents.ratings_data(world.b, 2026)))
    assert "Không đánh giá, xếp loại: 1 đồng chí, gồm:" in text
    assert "1 Ngô Thị Giang Miễn sinh hoạt (tuổi cao)" in text


def test_documents_are_deterministic_with_embedded_fonts(documents: StudyDocumentService, world: StudyBloc) -> None:
    """Two builds are byte-identical; every font is embedded and none is Helvetica."""
    data = documents.ratings_data(world.base, 2026)
    first, second = build_ratings_bytes(data), build_ratings_bytes(data)
    assert first == second
    names = font_names(first)
    assert names and not any("not embedded" in name or "Helvetica" in name for name in names)


def test_ratings_with_summary_xlsx(services: Services, documents: StudyDocumentService, world: StudyBloc,
                                   tmp_path: Path) -> None:
    """The PDF and an XLSX row per member with registration, items by result, points and levels."""
    written = documents.write_ratings(world.a, 2026, tmp_path / "xep-loai.pdf", xlsx=tmp_path / "tong-hop.xlsx",
                                      draft=True)
    assert written.path.read_bytes().startswith(b"%PDF") and written.notes
    rows = list(load_workbook(written.xlsx).active.iter_rows(values_only=True))
    header = rows.index(next(row for row in rows if row[0] == "STT"))
    by_name = {row[1]: row for row in rows[header + 1:] if isinstance(row[0], int)}
    assert by_name["Trần Thị Bình"][4].date() == date(2026, 3, 20) and by_name["Trần Thị Bình"][5] == 2
    assert by_name["Nguyễn Văn An"][4] == "Chưa đăng ký" and by_name["Nguyễn Văn An"][10] == 95
    assert any(str(row[0]).startswith("Đăng ký học tập và làm theo: 1/3 người") for row in rows if row[0])
    logged = services.db.execute("SELECT count(*) FROM audit_log WHERE action = 'print'").fetchone()[0]
    assert logged == 1


def test_failures_write_nothing(documents: StudyDocumentService, world: StudyBloc, tmp_path: Path) -> None:
    """No registration, a missing folder, a bad year: Vietnamese errors and no file."""
    target = tmp_path / "khong.pdf"
    with pytest.raises(NotFoundError, match="Đồng chí Nguyễn Văn An chưa có bản đăng ký năm 2026"):
        documents.write_registration(world.people["An"], 2026, target)
    with pytest.raises(ValidationError, match="không tồn tại"):
        documents.write_ratings(world.a, 2026, tmp_path / "thieu" / "x.pdf", draft=True)
    with pytest.raises(ValidationError, match="không hợp lệ"):
        documents.write_self_review(world.people["An"], 1999, target)
    with pytest.raises(ValidationError):
        documents.write_ratings(world.a, 2026, target, xlsx=tmp_path / "thieu" / "x.xlsx", draft=True)
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob("*.xlsx")) == []


def test_people_are_found_by_id_or_card(services: Services, documents: StudyDocumentService,
                                        world: StudyBloc) -> None:
    """An id, a card number with leading zeros, explicit prefixes when both match someone."""
    services.people.update(world.people["An"], PersonInput(full_name="Nguyễn Văn An", organization_id=world.a,
                                                           party_card_number="001234"))
    clash = world.people["Bình"]
    services.people.update(world.people["Em"], PersonInput(full_name="Đỗ Thị Em", organization_id=world.b,
                                                           party_card_number=str(clash)))
    assert documents.resolve_person("001234") == world.people["An"]
    assert documents.resolve_person(f"id:{clash}") == clash
    assert documents.resolve_person(f"the:{clash}") == world.people["Em"]
    with pytest.raises(ValidationError, match="vừa là mã số vừa là số thẻ"):
        documents.resolve_person(str(clash))
    with pytest.raises(NotFoundError):
        documents.resolve_person("99999")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
_FIGURES = "đạt 45/45 hồ sơ, 96,5% kế hoạch theo Quyết định 388-QĐ/ĐUK, 1.250.000 đồng"


def test_every_figure_of_the_registration_table_prints_whole(documents: StudyDocumentService,
                                                             world: StudyBloc) -> None:
    """Ratios, percentages, document numbers and numbers in the items, products and deadlines
    of a registration are each one word of the PDF, whatever column they sit in."""
    data = documents.registration_data(world.people["Bình"], 2026)
    line = RegistrationLine(f"Nội dung {_FIGURES}", f"Sản phẩm {_FIGURES}", "31/12/2026")
    data = replace(data, groups=(replace(data.groups[0], lines=(*data.groups[0].lines, line)), *data.groups[1:]))
    texts = [text for group in data.groups for item in group.lines for text in (item.content, item.product,
                                                                                item.deadline)]
    assert {"45/45", "96,5%", "388-QĐ/ĐUK", "31/12/2026"} <= unbreakable_tokens(texts)
    assert broken_in_pdf(build_registration_bytes(data), texts) == []


def test_every_figure_of_the_ratings_table_prints_whole(documents: StudyDocumentService, world: StudyBloc) -> None:
    """Points and the figures of a note (ratio, percentage, decision number) in the ratings list print whole."""
    data = documents.ratings_data(world.a, 2026)
    section = data.sections[0]
    lines = (replace(section.lines[0], note=f"95 điểm, {_FIGURES}"), *section.lines[1:])
    data = replace(data, sections=(replace(section, lines=lines), *data.sections[1:]))
    texts = [text for part in data.sections for row in part.lines for text in (row.name, row.note)]
    assert {"95", "45/45", "96,5%", "388-QĐ/ĐUK"} <= unbreakable_tokens(texts)
    assert broken_in_pdf(build_ratings_bytes(data), texts) == []


_PRINTABLE_MM = 297 - 2 * 12.7  # landscape A4 less the 0.5-inch side margins
_MM_PER_CHARACTER = 1.852  # a column-width unit: 7 px of the default font at 96 dpi


def test_the_15_column_summary_prints_one_landscape_page_wide_at_a_readable_scale(
        documents: StudyDocumentService, world: StudyBloc, tmp_path: Path) -> None:
    """Landscape, one page wide and as tall as needed, header repeated and tall enough for its wrapped
    titles, 'Trang x/y' footer; levels as codes with their legend so the columns fit at ≥ 75%."""
    documents.write_summary_xlsx(world.a, 2026, tmp_path / "tong-hop.xlsx")
    sheet = load_workbook(tmp_path / "tong-hop.xlsx").active
    setup = sheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.oddFooter.center.text == "Trang &P/&N"
    header_row = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
    titles = [cell.value for cell in sheet[header_row]]
    widths = [sheet.column_dimensions[get_column_letter(index)].width for index in range(1, len(titles) + 1)]
    assert len(titles) == 15 and titles[-4:-1] == ["Tự xếp loại", "Chi bộ đề xuất", "Quyết định"]
    assert sheet.row_dimensions[header_row].height >= 3 * 12 * 1.3  # 'Hoàn thành một phần' wraps to three lines
    assert _PRINTABLE_MM / (sum(widths) * _MM_PER_CHARACTER) >= 0.75
    rows = list(sheet.iter_rows(min_row=header_row + 1, values_only=True))
    assert {row[11] for row in rows if isinstance(row[0], int)} <= {"HTXSNV", "HTTNV", "HTNV", "KHTNV", None}
    assert any(str(row[0]).startswith("Ghi chú: HTXSNV: Hoàn thành xuất sắc nhiệm vụ") for row in rows)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_summary_on_landscape_pages_with_every_column(
        documents: StudyDocumentService, world: StudyBloc, tmp_path: Path) -> None:
    """Where LibreOffice is present: its PDF of the summary has landscape pages, the last column
    ('Ghi chú') on the first page, and 'Trang 1/…' at the foot."""
    source = tmp_path / "tong-hop.xlsx"
    documents.write_summary_xlsx(world.a, 2026, source)
    done = subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                          capture_output=True, timeout=180)
    converted = tmp_path / "tong-hop.pdf"
    if done.returncode != 0 or not converted.exists():
        pytest.skip("this LibreOffice cannot convert .xlsx files (Calc is not installed)")
    first = PdfReader(converted).pages[0]
    assert first.mediabox.width > first.mediabox.height
    text = first.extract_text()
    assert "Ghi chú" in text and "Trang 1/" in text


def test_the_summary_reports_each_row_and_ends_at_its_total(documents: StudyDocumentService, world: StudyBloc,
                                                            tmp_path: Path) -> None:
    """Reading, one step per member, the sheet's rows, the file: rising to the total."""
    recorder = Recorder()
    written = documents.write_summary_xlsx(world.a, 2026, tmp_path / "tong-hop.xlsx", recorder)
    recorder.assert_rises_to_the_total(at_least=2 + 2 * written)
    assert (tmp_path / "tong-hop.xlsx").is_file()


def test_a_cancelled_summary_writes_no_file_and_keeps_the_old_one(documents: StudyDocumentService,
                                                                  world: StudyBloc, tmp_path: Path) -> None:
    """Hủy while the rows are made: no file is written and a file already there is left as it was."""
    folder = tmp_path / "xuất"
    folder.mkdir()
    target = folder / "tong-hop.xlsx"
    target.write_bytes(b"old")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(OperationCancelled):
        documents.write_summary_xlsx(world.a, 2026, target, cancelled=cancelled)
    assert target.read_bytes() == b"old" and [p.name for p in folder.iterdir()] == ["tong-hop.xlsx"]
