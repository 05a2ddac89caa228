"""Sample meeting documents and pypdf read-back helpers shared by the report tests."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from pypdf import PdfReader

from khoi_desktop.reports.meeting_docs import (
    AgendaItem,
    MemberGroup,
    MinutesData,
    NameWithReason,
    Participant,
    PartyIssuer,
    ResolutionData,
    ResolutionKind,
    ResolutionSection,
    SignInRow,
    SignInSheetData,
    Speech,
    Talk,
    VoteResult,
)

ISSUER = PartyIssuer(
    name="Chi bộ Kho bạc Nhà nước Ninh Bình",
    superior="Đảng bộ các cơ quan Đảng tỉnh Ninh Bình",
    place="Ninh Bình",
)
SUMMARY = "sinh hoạt chi bộ thường kỳ tháng 11 năm 2026"


def sample_minutes() -> MinutesData:
    """A full monthly meeting: guests, three kinds of member, two agenda items, a vote."""
    return MinutesData(
        issuer=ISSUER,
        number=5,
        summary=SUMMARY,
        starts_at=datetime(2026, 11, 5, 14, 0),
        ends_at=datetime(2026, 11, 5, 16, 30),
        venue="Hội trường tầng 3, Kho bạc Nhà nước Ninh Bình",
        chair=Participant("Nguyễn Văn An", "Bí thư Chi bộ"),
        secretary=Participant("Trần Thị Bình", "Phó Bí thư Chi bộ"),
        guests=(Participant("Đỗ Văn Hải", "Phó Bí thư Đảng ủy", "Đảng bộ các cơ quan Đảng tỉnh"),),
        member_groups=(
            MemberGroup("chính thức", 22, 20, (NameWithReason("Phạm Văn Dũng", "đi công tác"),), ("Hoàng Văn Em",)),
            MemberGroup("dự bị", 2, 2),
            MemberGroup("sinh hoạt tạm thời", 1, 0, (), ("Ngô Thị Giang",)),
        ),
        exempt_members=(NameWithReason("Lê Văn Cầu", "tuổi cao"),),
        agenda=(
            AgendaItem(
                title="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                content="Đồng chí Bí thư quán triệt chuyên đề năm 2026.",
                speeches=(Speech("Trần Thị Bình", "Nhất trí với nội dung chuyên đề."),),
                conclusion="Mỗi đảng viên đăng ký một việc làm theo gương Bác.",
            ),
            AgendaItem(
                title="Đánh giá nhiệm vụ tháng 11",
                speeches=(Speech("Lê Văn Cường", "Đề nghị quan tâm phát triển đảng viên."),),
                conclusion="Chi bộ thống nhất các nội dung đã thảo luận.",
            ),
        ),
        talks=(Talk(Participant("Đỗ Văn Hải", "Phó Bí thư Đảng ủy"), "phát biểu chỉ đạo", "Ghi nhận kết quả."),),
        votes=(VoteResult("Thông qua nghị quyết tháng 11", 20, 1, 1, 22),),
        quality_rating="Tốt",
        quality_score=92,
        closing_note="Biên bản đã được đọc lại và thông qua trước chi bộ.",
    )


def sample_sign_in(rows: int = 200) -> SignInSheetData:
    """A sign-in sheet with ``rows`` numbered members."""
    members = tuple(SignInRow(f"Nguyễn Văn Thành Viên {number}", "Chuyên viên") for number in range(1, rows + 1))
    return SignInSheetData(ISSUER, date(2026, 11, 5), SUMMARY, members)


def sample_resolution(kind: ResolutionKind = ResolutionKind.RESOLUTION) -> ResolutionData:
    """A resolution with a preamble, two sections and two recipients."""
    return ResolutionData(
        kind=kind,
        issuer=ISSUER,
        number=7,
        issued_on=date(2026, 11, 5),
        summary=SUMMARY,
        signer_name="Nguyễn Văn An",
        preamble="Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\nChi bộ đã họp và quyết nghị:",
        sections=(
            ResolutionSection("Đánh giá kết quả tháng 11", "Chi bộ đã lãnh đạo hoàn thành tốt nhiệm vụ."),
            ResolutionSection("Nhiệm vụ tháng 12", "Tập trung hoàn thành kế hoạch năm."),
        ),
        recipients=("Đảng ủy các cơ quan Đảng tỉnh (để b/c)", "Đảng viên trong chi bộ"),
    )


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces: line breaks in a PDF are layout, not content."""
    return " ".join(text.split())


def pdf_reader(pdf: bytes) -> PdfReader:
    """A pypdf reader over PDF bytes."""
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """The extracted text of each page."""
    return [page.extract_text() for page in pdf_reader(pdf).pages]


def document_text(pdf: bytes) -> str:
    """All pages' text squashed into one line, without the page numbers at the top of pages 2+."""
    parts = []
    for number, text in enumerate(page_texts(pdf), 1):
        lines = text.split("\n")
        if number > 1 and lines and lines[0].strip() == str(number):
            lines = lines[1:]
        parts.append("\n".join(lines))
    return squash("\n".join(parts))


@dataclass(frozen=True)
class TextRun:
    """A piece of text pypdf drew, with its baseline start in points and its font."""

    text: str
    x: float
    y: float
    font: str


def text_runs(pdf: bytes, page_index: int = 0) -> list[TextRun]:
    """Every non-blank text run on one page, with absolute positions."""
    runs: list[TextRun] = []

    def visit(text, cm, tm, font_dict, _font_size):  # pypdf's visitor signature
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
            runs.append(TextRun(squash(text), x, y, font))

    pdf_reader(pdf).pages[page_index].extract_text(visitor_text=visit)
    return runs


def run_containing(runs: list[TextRun], fragment: str) -> TextRun:
    """The first run whose text contains ``fragment`` (fails the test if none does)."""
    for run in runs:
        if fragment in run.text:
            return run
    raise AssertionError(f"{fragment!r} not drawn; runs: {[run.text for run in runs]}")


def font_names(pdf: bytes) -> set[str]:
    """BaseFont names of every font resource on every page, with their embedding checked."""
    names = set()
    for page in pdf_reader(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            names.add(f"{font['/BaseFont']}{'' if embedded else ' (not embedded)'}")
    return names


# -- tokens that must never break across lines in a table --------------------------------------

_UNBREAKABLE = re.compile(r"^(?:\d[\d.,]*/\d[\d.,]*|\d[\d.,]*%|\S*\d\S*/\S+|\d[\d.,]+|\d\d+)$")
_PUNCTUATION = ",;.:()“”"


def unbreakable_tokens(texts: Iterable[str]) -> set[str]:
    """Every ratio ('3/5'), percentage ('60%'), document number ('900/QĐ-UBND') and number of two
    or more digits in ``texts``, without the punctuation around it."""
    tokens = (token.strip(_PUNCTUATION) for text in texts for token in text.split())
    return {token for token in tokens if _UNBREAKABLE.match(token)}


def pdf_words(pdf: bytes) -> set[str]:
    """The words of a PDF's extracted text, also without the punctuation around them."""
    words = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).split()
    return {word.strip(_PUNCTUATION) for word in words}


def broken_in_pdf(pdf: bytes, texts: Iterable[str]) -> list[str]:
    """The unbreakable tokens of ``texts`` that do not appear whole in the PDF (a column too
    narrow would put a line break, hence a space, inside them). Empty when all print whole."""
    words = pdf_words(pdf)
    return sorted(token for token in unbreakable_tokens(texts) if token not in words)


DOCX_CELL_MARGIN = 5.4  # points: Word's default left and right cell margin


def too_narrow_in_docx(docx: bytes) -> list[str]:
    """'token (needs x pt, cell y pt)' for every word of a DOCX table cell that Word would have to
    break: its width in the run's size and weight, plus the cell margins, exceeds the cell's width."""
    from docx import Document

    from khoi_desktop.reports import text_fit

    problems = []
    for table in Document(io.BytesIO(docx)).tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.width is None:
                    continue
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        size = run.font.size.pt if run.font.size else 12.0
                        for token in run.text.split():
                            needs = text_fit.width(token, size, bold=bool(run.bold)) + 2 * DOCX_CELL_MARGIN
                            if needs > cell.width.pt + 0.01:
                                problems.append(f"{token} (needs {needs:.1f} pt, cell {cell.width.pt:.1f} pt)")
    return problems
