"""The shared Party layout: LayoutSpec presets, fonts, header geometry, page numbers, determinism."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date

import pytest
from reportlab.lib.fonts import tt2ps
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Paragraph

from khoi_desktop.reports import (
    LayoutSpec,
    build_minutes_bytes,
    build_resolution_bytes,
    build_sign_in_sheet_bytes,
    fonts,
    markup,
    write_minutes,
)
from khoi_desktop.reports.layout import build_styles
from khoi_desktop.reports.party_blocks import body, document_number, document_opening, place_and_date
from khoi_desktop.reports.pdf_document import DocumentInfo, ReportTooLargeError, build_pdf
from tests.core.reports_support import (
    ISSUER,
    document_text,
    font_names,
    pdf_reader,
    run_containing,
    sample_minutes,
    sample_resolution,
    sample_sign_in,
    text_runs,
)

BUILDERS = {
    "minutes": lambda: build_minutes_bytes(sample_minutes()),
    "sign_in_sheet": lambda: build_sign_in_sheet_bytes(sample_sign_in(40)),
    "resolution": lambda: build_resolution_bytes(sample_resolution()),
}


def _long_document(layout: LayoutSpec | None = None) -> bytes:
    """A header followed by enough body text to fill three pages."""
    layout = layout or LayoutSpec()
    story = document_opening(ISSUER, document_number(5, "BB", "CB"), date(2026, 2, 5), "Biên bản", "thử", layout)
    story += [body(f"Đoạn văn số {number} của biên bản.", layout) for number in range(120)]
    return build_pdf(story, DocumentInfo(title="Biên bản thử"), layout)


# --- LayoutSpec -------------------------------------------------------------


def test_defaults_follow_hd36():
    """Defaults are HD 36's: A4, margins 20/20/30/15 mm, 15 pt party name, 14 pt body, 1.27 cm indent."""
    spec = LayoutSpec()
    assert spec.page_size == "A4"
    assert (spec.margin_top_mm, spec.margin_bottom_mm, spec.margin_left_mm, spec.margin_right_mm) == (20, 20, 30, 15)
    assert (spec.party_name_size, spec.superior_size, spec.issuer_size, spec.number_size) == (15, 14, 14, 14)
    assert spec.place_date_size == 14 and spec.summary_size == 14 and spec.body_size == 14
    assert 15 <= spec.document_type_size <= 16
    assert 10 <= spec.body_indent_mm <= 12.7
    assert (spec.recipients_heading_size, spec.recipients_size) == (14, 12)


def test_from_mapping_ignores_unknown_and_defaults_missing_keys():
    """A stored preset overrides only the fields it names; extra keys are ignored."""
    spec = LayoutSpec.from_mapping({"margin_top_mm": 25, "body_size": "13", "rule_name": "HD 05"})
    assert spec.margin_top_mm == 25.0
    assert spec.body_size == 13.0
    assert spec.margin_left_mm == LayoutSpec().margin_left_mm


def test_from_mapping_reads_decimal_commas_and_page_size_names():
    """'13,5' is 13.5 and 'a5' selects A5, as a clerk might type them."""
    spec = LayoutSpec.from_mapping({"body_size": "13,5", "page_size": "a5"})
    assert spec.body_size == 13.5
    assert spec.page_size == "A5"


@pytest.mark.parametrize(
    ("key", "value"),
    [("body_size", "abc"), ("body_size", 0), ("body_size", -2), ("margin_top_mm", float("nan")),
     ("page_size", "Letter"), ("line_spacing", True), ("body_size", None)],
)
def test_from_mapping_falls_back_on_unusable_values(key, value):
    """A value that cannot be a size (text, zero, negative, NaN, unknown paper) keeps the default."""
    assert getattr(LayoutSpec.from_mapping({key: value}), key) == getattr(LayoutSpec(), key)


def test_from_mapping_accepts_zero_where_zero_is_a_choice():
    """A zero indent or summary rule is allowed: it switches the feature off."""
    spec = LayoutSpec.from_mapping({"body_indent_mm": 0, "summary_rule_mm": 0})
    assert spec.body_indent_mm == 0 and spec.summary_rule_mm == 0


def test_a5_preset_sets_the_paper_size():
    """The page size of the PDF follows the preset."""
    pdf = build_resolution_bytes(sample_resolution(), LayoutSpec(page_size="A5"))
    box = pdf_reader(pdf).pages[0].mediabox
    assert (round(float(box.width) / mm), round(float(box.height) / mm)) == (148, 210)


# --- fonts ------------------------------------------------------------------


def test_font_family_maps_bold_and_italic_to_real_faces():
    """<b> and <i> select the registered bold and italic faces, not synthetic ones."""
    family = fonts.register_fonts()
    assert tt2ps(fonts.FAMILY_NAME, 1, 0) == family.bold
    assert tt2ps(fonts.FAMILY_NAME, 0, 1) == family.italic
    assert tt2ps(fonts.FAMILY_NAME, 1, 1) == family.bold_italic
    assert len(set(family.files)) == 4 and all(path.is_file() for path in family.files)


def test_every_style_names_our_font():
    """No paragraph style falls back to reportlab's Helvetica, for text or bullets."""
    family = fonts.register_fonts()
    ours = {family.regular, family.bold, family.italic, family.bold_italic}
    for style in vars(build_styles(LayoutSpec())).values():
        assert style.fontName in ours and style.bulletFontName in ours


def test_bundled_fallback_is_liberation_serif_with_its_licence():
    """The fallback faces and their licence ship in resources/fonts."""
    files = fonts.bundled_liberation_serif()
    assert [path.name for path in files][0] == "LiberationSerif-Regular.ttf"
    assert all(path.is_file() for path in files)
    assert (files[0].parent / "LICENSE-LiberationSerif.txt").is_file()


def test_resources_dir_honours_the_frozen_bundle(monkeypatch, tmp_path):
    """In a PyInstaller build resources come from sys._MEIPASS."""
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert fonts.resources_dir() == tmp_path / "resources"


@pytest.mark.parametrize(
    "names",
    [
        ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),
        ("Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf",
         "Times_New_Roman_Bold_Italic.ttf"),
    ],
)
def test_installed_times_is_found_by_platform_file_names(monkeypatch, tmp_path, names):
    """Windows' times*.ttf and Linux msttcorefonts names are both recognised, in face order."""
    nested = tmp_path / "truetype" / "msttcorefonts"
    nested.mkdir(parents=True)
    for name in names:
        (nested / name).write_bytes(b"")
    monkeypatch.setattr(fonts, "_font_dirs", lambda: [tmp_path])
    assert [path.name for path in fonts.find_installed_times()] == list(names)


def test_times_in_the_windows_fonts_folder_is_found_without_listing_it(monkeypatch, tmp_path):
    """The four times*.ttf directly in the first font folder (Windows' Fonts) are taken as they are:
    the folder's other files are not walked, and the faces come in face order."""
    names = ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")
    for name in (*reversed(names), "arial.ttf"):
        (tmp_path / name).write_bytes(b"")
    monkeypatch.setattr(fonts, "_font_dirs", lambda: [tmp_path, tmp_path / "elsewhere"])

    def no_walk(directories):
        raise AssertionError(f"walked {directories}")

    monkeypatch.setattr(fonts, "_files_by_lower_name", no_walk)
    assert fonts.find_installed_times() == tuple(tmp_path / name for name in names)


def test_incomplete_times_install_is_ignored(monkeypatch, tmp_path):
    """Without all four faces we do not mix Times with another family."""
    for name in ("times.ttf", "timesbd.ttf"):
        (tmp_path / name).write_bytes(b"")
    monkeypatch.setattr(fonts, "_font_dirs", lambda: [tmp_path])
    assert fonts.find_installed_times() is None


def test_damaged_times_falls_back_to_bundled_font(monkeypatch, tmp_path):
    """A Times file that cannot be read does not stop printing: Liberation Serif is used."""
    damaged = tuple(tmp_path / f"{index}.ttf" for index in range(4))
    for path in damaged:
        path.write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "find_installed_times", lambda: damaged)
    fonts.register_fonts.cache_clear()
    try:
        assert fonts.register_fonts().files == fonts.bundled_liberation_serif()
    finally:
        fonts.register_fonts.cache_clear()


def test_printable_replaces_missing_glyphs_and_drops_invisible_modifiers():
    """Emoji become one visible placeholder each; Vietnamese text is untouched."""
    family = fonts.register_fonts()
    assert family.printable("Đồng ý 👍🏽 ❤️") == f"Đồng ý {family.placeholder} {family.placeholder}"
    assert family.printable("Nguyễn Thị Ánh") == "Nguyễn Thị Ánh"


# --- markup and small blocks ------------------------------------------------


def test_markup_escapes_and_normalises_user_text():
    """'<', '&' are escaped before our tags, and decomposed input comes out NFC."""
    decomposed = "Nguye\u0302\u0303n <b> & co"
    assert markup.inline(decomposed) == "Nguyễn &lt;b&gt; &amp; co"
    Paragraph(markup.inline("a<b"), build_styles(LayoutSpec()).body)  # would raise unescaped


def test_document_number_and_place_date_formats():
    """'Số 05-BB/CB' without a colon; a missing number leaves room to write it in."""
    assert document_number(5, "BB", "CB") == "Số 05-BB/CB"
    assert document_number(12, "NQ", "ĐU") == "Số 12-NQ/ĐU"
    assert document_number(None, "TB", "CB") == "Số ……-TB/CB"  # dots survive layout; spaces collapse
    assert place_and_date("Ninh Bình", date(2026, 2, 5)) == "Ninh Bình, ngày 05 tháng 02 năm 2026"
    assert place_and_date("", date(2026, 11, 5)) == "Ngày 05 tháng 11 năm 2026"


# --- page geometry ------------------------------------------------------------


def test_header_columns_and_title_positions():
    """Party name top right, issuer top left, number and date on one line, title below both."""
    pdf = _long_document()
    width = float(pdf_reader(pdf).pages[0].mediabox.width)
    runs = text_runs(pdf)
    party = run_containing(runs, "ĐẢNG CỘNG SẢN VIỆT NAM")
    issuer = run_containing(runs, "CHI BỘ KHO BẠC")
    superior = run_containing(runs, "ĐẢNG BỘ CÁC CƠ QUAN")
    number = run_containing(runs, "Số 05-BB/CB")
    dated = run_containing(runs, "Ninh Bình, ngày 05 tháng 02 năm 2026")
    title = run_containing(runs, "BIÊN BẢN")
    assert party.x > width / 2 and dated.x > width / 2
    assert issuer.x < width / 2 and superior.x < width / 2 and number.x < width / 2
    assert abs(party.y - superior.y) < 3 and superior.y > issuer.y > number.y
    assert abs(number.y - dated.y) < 2
    assert title.y < min(number.y, dated.y)
    assert "Bold" in party.font and "Bold" in issuer.font and "Italic" in dated.font
    assert "Bold" not in superior.font


def test_page_numbers_start_on_page_two_at_the_top_centre():
    """Page 1 has no number; later pages carry theirs centred in the top margin."""
    pdf = _long_document()
    reader = pdf_reader(pdf)
    assert len(reader.pages) >= 3
    width = float(reader.pages[0].mediabox.width)
    height = float(reader.pages[0].mediabox.height)
    top_margin = LayoutSpec().margin_top_mm * mm
    assert not [run for run in text_runs(pdf, 0) if run.y > height - top_margin]
    for index in (1, 2):
        number = [run for run in text_runs(pdf, index) if run.y > height - top_margin]
        assert [run.text for run in number] == [str(index + 1)]
        assert abs(number[0].x - width / 2) < 10


def test_margins_follow_the_preset():
    """Body text starts at the left margin plus the first-line indent of the preset."""
    layout = LayoutSpec(margin_left_mm=35, body_indent_mm=10)
    first = run_containing(text_runs(_long_document(layout)), "Đoạn văn số 0")
    assert first.x == pytest.approx((35 + 10) * mm, abs=0.5)


# --- every document -----------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_no_helvetica_and_every_font_embedded(kind):
    """Only our embedded serif faces appear: no Helvetica, not even an unused reference."""
    pdf = BUILDERS[kind]()
    assert b"Helvetica" not in pdf
    family = fonts.register_fonts()
    faces = (family.regular, family.bold, family.italic, family.bold_italic)
    ours = {"+" + getFont(face).face.name.decode() for face in faces}
    names = font_names(pdf)  # '/AAAAAA+LiberationSerif-Bold': a subset of one of our faces
    assert names
    assert all(name[name.index("+"):] in ours for name in names), names


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_identical_data_gives_identical_bytes(kind):
    """Rebuilding a document gives the same bytes (fixed dates and file ID)."""
    assert BUILDERS[kind]() == BUILDERS[kind]()


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("minutes", "Biên bản sinh hoạt chi bộ thường kỳ tháng 11 năm 2026"),
        ("sign_in_sheet", "Danh sách đảng viên dự họp sinh hoạt chi bộ thường kỳ tháng 11 năm 2026"),
        ("resolution", "Nghị quyết sinh hoạt chi bộ thường kỳ tháng 11 năm 2026"),
    ],
)
def test_metadata_is_vietnamese(kind, title):
    """Viewers show a Vietnamese title, the issuer as author, and our app as creator."""
    metadata = pdf_reader(BUILDERS[kind]()).metadata
    assert metadata.title == title
    assert metadata.author == ISSUER.name
    assert metadata["/Creator"] == "Khối Desktop"


def test_overlong_table_cell_raises_a_vietnamese_error():
    """A name too long to fit one page (it sits in a table cell) fails with a clear Vietnamese message."""
    absurd = replace(ISSUER, name="Chi bộ " * 1500)
    with pytest.raises(ReportTooLargeError, match="quá dài"):
        build_resolution_bytes(replace(sample_resolution(), issuer=absurd))


def test_write_functions_save_the_built_bytes(tmp_path):
    """write_* saves exactly what build_* returns and gives back the path."""
    target = write_minutes(sample_minutes(), tmp_path / "bien_ban.pdf")
    assert target.read_bytes() == build_minutes_bytes(sample_minutes())
    assert "Cuộc họp kết thúc" in document_text(target.read_bytes())
