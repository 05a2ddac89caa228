"""The year-end report's content model: figures in sentences, the clerk's narrative, the frame."""

from __future__ import annotations

from datetime import date

import pytest

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.study import YearPlanInput
from khoi_desktop.reports.report_model import (
    BarChart,
    Heading,
    Paragraph,
    ReportDocument,
    Table,
    heading_labels,
)
from khoi_desktop.services.app import Services
from khoi_desktop.services.year_end import YearEndService
from khoi_desktop.services.year_end_content import UnitFocus, name_units
from khoi_desktop.services.year_plans import YearPlanService
from tests.core.meetings_support import add_org
from tests.core.year_end_support import BASE_FOCUS, THEME, TREASURY_FOCUS, YEAR, Bloc, full_year, small_bloc

DAY = date(2018, 12, 20)


@pytest.fixture
def world(services: Services) -> Bloc:
    return full_year(services)


def _report(services: Services, org_id: int, **options: object) -> ReportDocument:
    return YearEndService(services.context).report(org_id, YEAR, issued_on=DAY, **options)  # type: ignore[arg-type]


def _text(report: ReportDocument) -> str:
    return "\n".join(block.text for block in report.body if isinstance(block, Heading | Paragraph))


def test_figures_are_woven_into_sentences(services: Services, world: Bloc) -> None:
    """Participation, meetings, registrations, ratings, outreach, inspections, exemplars: hand counts."""
    text = _text(_report(services, world.bloc))
    assert f"Thực hiện chủ đề năm 2018 “{THEME}”, Đảng bộ Khối các cơ quan tỉnh báo cáo" in text
    assert "đã tổ chức 3 buổi sinh hoạt, hội nghị, trong đó: 1 buổi sinh hoạt thường kỳ" in text
    assert "Tỷ lệ cán bộ, đảng viên tham gia học tập là 60% (3/5 người); tính theo lượt: 3/5 lượt, đạt 60%." in text
    assert "bản đăng ký học tập và làm theo: 3/5 người, đạt 60%; số chi bộ đăng ký tập thể: 2/2 chi bộ, đạt 100%" in text
    assert "hoàn thành xuất sắc nhiệm vụ 1 đồng chí (25%); hoàn thành tốt nhiệm vụ 2 đồng chí (50%)" in text
    assert "1 đồng chí không xếp loại" in text
    assert "Trong năm có 16 tin, bài, hoạt động tuyên truyền, trong đó: 2 tin, bài đăng trên Báo tỉnh" in text
    assert "Mạng lưới phóng viên, cộng tác viên gồm 2 đồng chí." in text
    assert ("Trong năm, Ban Thường vụ Đảng ủy Khối và Ủy ban Kiểm tra Đảng ủy Khối đã tiến hành tổng số 3 cuộc "
            "kiểm tra, giám sát "
            "đối với 4 lượt tổ chức đảng (2 đảng bộ cơ sở, 2 chi bộ cơ sở)") in text
    assert "đã kết luận 2 cuộc." in text and "Các tổ chức đảng trực thuộc đã tiến hành 1 cuộc kiểm tra, giám sát." in text
    assert "Trong năm có 1 tập thể và 2 cá nhân điển hình được biểu dương, khen thưởng, trong đó: 2 Giấy khen, 1 Bằng khen." in text
    assert "Kế hoạch số 60-KH/ĐUK ngày 17/02/2018 của Ban Thường vụ Đảng ủy Khối thực hiện Chỉ thị 05-CT/TW" in text


def test_each_units_focus_content_is_listed(services: Services, world: Bloc) -> None:
    """'Cụ thể như: Viện Kiểm sát nhân dân tỉnh với nội dung …; Kho bạc Nhà nước tỉnh với nội dung …'."""
    text = _text(_report(services, world.bloc))
    assert (f"Cụ thể như: Kho bạc Nhà nước tỉnh với nội dung “{TREASURY_FOCUS}”; "
            f"Viện Kiểm sát nhân dân tỉnh với nội dung “{BASE_FOCUS}”.") in text


def test_units_sharing_an_agency_are_named_by_their_own_name(services: Services, world: Bloc) -> None:
    """Two chi bộ of one agency are listed by their own names, a repeated name and content only once."""
    agency = "Sở Nông nghiệp và PTNT"
    office = add_org(services, "Chi bộ Văn phòng Sở", OrgKind.BASE_BRANCH, world.bloc, agency_name=agency)
    inspectors = add_org(services, "Chi bộ Thanh tra Sở", OrgKind.BASE_BRANCH, world.bloc, agency_name=agency)
    plans = YearPlanService(services.context)
    for org in (office, inspectors):
        plans.save(YearPlanInput(org, YEAR, focus_content="Cải cách hành chính"))
    text = _text(_report(services, world.bloc))
    assert f"{agency} với nội dung" not in text
    assert "Chi bộ Văn phòng Sở với nội dung “Cải cách hành chính”" in text
    assert "Chi bộ Thanh tra Sở với nội dung “Cải cách hành chính”" in text
    assert f"Kho bạc Nhà nước tỉnh với nội dung “{TREASURY_FOCUS}”" in text
    twice = name_units([(agency, "Chi bộ Văn phòng Sở", "A"), (agency, "Chi bộ Văn phòng Sở", "A"), ("", "Chi bộ B", "")])
    assert twice == (UnitFocus("Chi bộ Văn phòng Sở", "A"),)


def test_empty_narrative_sections_are_left_out(services: Services, world: Bloc) -> None:
    """Without the clerk's text, III (assessment) and IV (directions) are not printed at all."""
    report = _report(services, world.bloc)
    headings = [block.text for block in report.body if isinstance(block, Heading)]
    assert headings[:2] == ["Công tác lãnh đạo, chỉ đạo, tổ chức thực hiện", "Kết quả thực hiện"]
    assert "Đánh giá chung" not in headings and not any(h.startswith("Phương hướng") for h in headings)
    assert heading_labels(report.body)[:3] == ["I-", "II-", "1."]


def test_the_clerks_narrative_is_merged_and_numbered(services: Services, world: Bloc) -> None:
    """Text per section is kept, printed after the figures, and III/IV appear with their numbers."""
    service = YearEndService(services.context)
    service.set_narrative(world.bloc, YEAR, "study", "Các đơn vị tổ chức hội nghị nghiêm túc.\n\nCó đổi mới.")
    service.set_narrative(world.bloc, YEAR, "strengths", "Đoàn kết, thống nhất.")
    service.set_narrative(world.bloc, YEAR, "directions", "Tiếp tục đẩy mạnh học tập và làm theo Bác.")
    report = _report(services, world.bloc)
    texts = [block.text for block in report.body]
    study = texts.index("Công tác học tập, quán triệt")
    assert texts[study + 2:study + 4] == ["Các đơn vị tổ chức hội nghị nghiêm túc.", "Có đổi mới."]
    labels = dict(zip([b.text for b in report.body if isinstance(b, Heading)], heading_labels(report.body), strict=True))
    assert labels["Đánh giá chung"] == "III-" and labels["Ưu điểm"] == "1."
    assert labels["Phương hướng, nhiệm vụ năm 2019"] == "IV-"
    assert service.narratives(world.bloc, YEAR)["strengths"] == "Đoàn kết, thống nhất."
    service.set_narrative(world.bloc, YEAR, "strengths", "  ")
    assert "strengths" not in service.narratives(world.bloc, YEAR)


def test_narrative_keys_and_length_are_checked(services: Services, world: Bloc) -> None:
    """An unknown section or an over-long text is refused; writes are audited."""
    service = YearEndService(services.context)
    with pytest.raises(ValidationError):
        service.set_narrative(world.bloc, YEAR, "nonsense", "x")
    with pytest.raises(ValidationError):
        service.set_narrative(world.bloc, YEAR, "lessons", "x" * 20_001)
    service.set_narrative(world.bloc, YEAR, "lessons", "Bài học.")
    assert services.db.execute("SELECT count(*) FROM audit_log WHERE entity = 'report_narrative'").fetchone()[0] == 1


def test_frame_issuer_signature_recipients_and_overrides(services: Services, world: Bloc) -> None:
    """The bloc issues as its committee and signs T/M BAN THƯỜNG VỤ, reporting to the Tỉnh ủy's standing
    committee; a chi bộ signs T/M CHI BỘ; the clerk may set summary, recipients, signer."""
    report = _report(services, world.bloc, number=5)
    assert (report.signature.on_behalf, report.signature.title) == ("T/M Ban Thường vụ", "Bí thư")
    assert report.issuer.name.startswith("Đảng ủy ") and report.issuer.superior == "Đảng bộ tỉnh Ninh Bình"
    assert report.issuer.code == "ĐUK" and report.number == 5 and report.type_code == "BC"
    assert report.recipients == ("Ban Thường vụ Tỉnh ủy (để báo cáo)", "Các tổ chức đảng trực thuộc")
    service = YearEndService(services.context)
    service.set_narrative(world.treasury, YEAR, "summary", "tổng kết năm 2018")
    service.set_narrative(world.treasury, YEAR, "recipients", "Ban Thường vụ Đảng ủy Khối\nĐảng viên trong chi bộ")
    service.set_narrative(world.treasury, YEAR, "signer_name", "Hoàng Văn Dũng")
    branch = _report(services, world.treasury)
    assert branch.signature.on_behalf == "T/M Chi bộ" and branch.signature.name == "Hoàng Văn Dũng"
    assert branch.summary == "tổng kết năm 2018"
    assert branch.recipients == ("Ban Thường vụ Đảng ủy Khối", "Đảng viên trong chi bộ")


def test_annex_has_tables_and_charts_with_last_year(services: Services, world: Bloc) -> None:
    """The annex holds numbered tables and two bar charts comparing 2017 and 2018."""
    report = _report(services, world.bloc, number=5)
    tables = [b for b in report.annex if isinstance(b, Table)]
    charts = [b for b in report.annex if isinstance(b, BarChart)]
    assert tables[0].title == "Biểu 1. Sinh hoạt, hội nghị" and tables[0].rows[-1] == ("", "Tổng số", 1, 3)
    assert [c.title for c in charts] == ["Biểu đồ 1. Sinh hoạt, hội nghị", "Biểu đồ 2. Xếp loại đảng viên"]
    assert [s.name for s in charts[0].series] == ["Năm 2017", "Năm 2018"]
    assert "Kèm theo Báo cáo số 05-BC/ĐUK ngày 20/12/2018" in report.annex[1].subtitle  # type: ignore[union-attr]
    titles = [t.title for t in tables]
    assert "Biểu 6. Các cuộc kiểm tra, giám sát" in titles and "Biểu 8. Gương điển hình, khen thưởng" in titles


def test_a_year_with_nothing_recorded_invents_nothing(services: Services) -> None:
    """No records, no narrative: only the opening sentence, and no annex."""
    world = small_bloc(services)
    report = _report(services, world.treasury)
    assert report.body == (Paragraph("Chi bộ Kho bạc Nhà nước tỉnh báo cáo kết quả thực hiện năm 2018 như sau:"),)
    assert report.annex == ()


def test_preview_shows_computed_sentences_and_narrative_per_section(services: Services, world: Bloc) -> None:
    """The GUI's preview: every skeleton section and the frame keys, with what was computed."""
    YearEndService(services.context).set_narrative(world.bloc, YEAR, "outreach", "Tích cực.")
    preview = {part.key: part for part in YearEndService(services.context).preview(world.bloc, YEAR)}
    assert preview["outreach"].narrative == "Tích cực."
    assert preview["outreach"].computed[0].startswith("Trong năm có 16 tin, bài")
    assert preview["strengths"].computed == () and preview["directions"].title == "Phương hướng, nhiệm vụ năm 2019"
    assert {"summary", "recipients", "signer_name"} <= set(preview)
