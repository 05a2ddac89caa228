"""Header, signature and recipients per level of organisation, read from page 1's text positions.

A chi bộ issues as itself under its đảng bộ; a đảng bộ cơ sở and the bloc issue through their
committee under the superior đảng bộ (HD 36-HD/VPTW); reports go up to committees.
"""

from __future__ import annotations

from datetime import date

import pytest

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.issuers import (
    committee_name,
    level_style,
    recipient_lines,
    report_recipient,
    superior_committee,
)
from khoi_desktop.domain.meetings import OutcomeKind
from khoi_desktop.services.app import Services
from tests.core.meetings_support import Kit, add_member, add_org, new_meeting, official
from tests.core.reports_support import TextRun, run_containing, text_runs

DAY = date(2026, 11, 5)
PAGE_MIDDLE = 595.27 / 2


@pytest.fixture
def kit(services: Services) -> Kit:
    return Kit.over(services)


def _levels(services: Services) -> dict[OrgKind, int]:
    bloc = add_org(services, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BLOC, doc_code="ĐUK", place_name="Ninh Bình",
                   superior_name="Đảng bộ tỉnh Ninh Bình")
    base = add_org(services, "Đảng bộ Sở Nông nghiệp và PTNT", OrgKind.BASE_COMMITTEE, bloc, place_name="Ninh Bình")
    sub = add_org(services, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH, base, place_name="Ninh Bình")
    branch = add_org(services, "Chi bộ Kho bạc Nhà nước tỉnh", OrgKind.BASE_BRANCH, bloc, place_name="Ninh Bình")
    return {OrgKind.BLOC: bloc, OrgKind.BASE_COMMITTEE: base, OrgKind.SUB_BRANCH: sub, OrgKind.BASE_BRANCH: branch}


EXPECTED = {
    OrgKind.BLOC: ("ĐẢNG BỘ TỈNH NINH BÌNH", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "T/M BAN THƯỜNG VỤ",
                   "Ban Thường vụ Tỉnh ủy (để báo cáo)", "Lưu Văn phòng Đảng ủy."),
    OrgKind.BASE_COMMITTEE: ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", "ĐẢNG ỦY SỞ NÔNG NGHIỆP VÀ PTNT", "T/M ĐẢNG ỦY",
                             "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh (để báo cáo)", "Lưu Đảng ủy."),
    OrgKind.SUB_BRANCH: ("ĐẢNG BỘ SỞ NÔNG NGHIỆP VÀ PTNT", "CHI BỘ VĂN PHÒNG SỞ", "T/M CHI BỘ",
                         "Đảng ủy Sở Nông nghiệp và PTNT (để báo cáo)", "Lưu Chi bộ."),
    OrgKind.BASE_BRANCH: ("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", "CHI BỘ KHO BẠC NHÀ NƯỚC TỈNH", "T/M CHI BỘ",
                          "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh (để báo cáo)", "Lưu Chi bộ."),
}


def _resolution_page(kit: Kit, org_id: int, tmp_path_name: str, tmp_path) -> list[TextRun]:  # noqa: ANN001
    chair = add_member(kit.services, org_id, "Nguyễn Văn An", official())
    meeting = new_meeting(kit, org_id, chair, chair, day=DAY)
    kit.services.meetings.set_outcome(meeting, OutcomeKind.RESOLUTION, "1. Đánh giá kết quả tháng 11\nTốt.")
    printed = kit.documents.write_resolution(meeting, tmp_path / f"{tmp_path_name}.pdf")
    return text_runs(printed.path.read_bytes())


@pytest.mark.parametrize("kind", list(EXPECTED), ids=lambda kind: kind.value)
def test_page_one_of_a_resolution_per_level(kit: Kit, services: Services, kind: OrgKind, tmp_path) -> None:  # noqa: ANN001
    """Superior over issuer at the top left, Party name top right, number and date on one baseline,
    recipients bottom left (committee; archive last), 'T/M …' bottom right."""
    superior, issuer, on_behalf, report_to, archive = EXPECTED[kind]
    runs = _resolution_page(kit, _levels(services)[kind], kind.value, tmp_path)
    star = run_containing(runs, "*")
    head = [run for run in runs if run.y > star.y and run.x < PAGE_MIDDLE]
    assert " ".join(run.text for run in head) == f"{superior} {issuer}"
    assert all(" " in run.text for run in head), [run.text for run in head]  # never one word alone on a line
    top_superior, top_issuer = head[0], run_containing(head, issuer.split()[0] + " " + issuer.split()[1])
    assert top_superior.y > top_issuer.y and max(run.x for run in head) < PAGE_MIDDLE
    party = run_containing(runs, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.x > PAGE_MIDDLE - 40 and abs(party.y - top_superior.y) < 3
    number, place = run_containing(runs, "Số 01-NQ/"), run_containing(runs, "Ninh Bình, ngày 05 tháng 11 năm 2026")
    assert abs(number.y - place.y) < 2 and number.x < PAGE_MIDDLE < place.x
    signature, recipient = run_containing(runs, on_behalf), run_containing(runs, "- " + report_to[:20])
    assert signature.text == on_behalf and signature.x > PAGE_MIDDLE and recipient.x < PAGE_MIDDLE
    assert signature.y < number.y and recipient.y < number.y
    last = run_containing(runs, archive)
    assert last.y < recipient.y and not [run for run in runs if "Lưu" in run.text and run is not last]


def test_committee_and_recipient_wording() -> None:
    """Đảng bộ → Đảng ủy; a territorial đảng bộ's committee is the Tỉnh ủy; the preset may reword a level."""
    assert committee_name("Đảng bộ Sở Tài chính") == "Đảng ủy Sở Tài chính"
    assert committee_name("Chi bộ Văn phòng") == "Chi bộ Văn phòng"
    assert superior_committee("Đảng bộ tỉnh Ninh Bình") == "Tỉnh ủy"
    assert superior_committee("Đảng bộ thành phố Hà Nội") == "Thành ủy"
    bloc = level_style(OrgKind.BLOC)
    assert report_recipient("Đảng bộ tỉnh Ninh Bình", bloc) == "Ban Thường vụ Tỉnh ủy (để báo cáo)"
    assert report_recipient("", bloc) == ""
    reworded = level_style(OrgKind.BLOC, {"levels": {"bloc": {"signing_body": "Đảng ủy", "bogus": "x"}}})
    assert reworded.signing_body == "Đảng ủy" and reworded.archive == bloc.archive


def test_a_clerks_own_archive_line_replaces_the_automatic_one() -> None:
    """'Lưu VP, HS' written by the clerk is the last line; 'Lưu Chi bộ' is not added a second time."""
    assert recipient_lines(["Đảng ủy Sở (để báo cáo)", "Lưu VP, HS."], "Lưu Chi bộ") == [
        "- Đảng ủy Sở (để báo cáo),", "- Lưu VP, HS."]
    assert recipient_lines(["Đảng ủy Sở (để báo cáo);"], "Lưu Chi bộ") == ["- Đảng ủy Sở (để báo cáo),",
                                                                          "- Lưu Chi bộ."]


def test_the_2026_layout_preset_carries_the_levels(services: Services) -> None:
    """Migration m0006 adds HD 05-HD/VPTW (in force from 27/5/2026) and gives every layout preset its levels."""
    from khoi_desktop.domain.presets import LAYOUT
    from khoi_desktop.storage import presets_repo

    newer = presets_repo.preset_on(services.db, LAYOUT, DAY)
    older = presets_repo.preset_on(services.db, LAYOUT, date(2025, 12, 1))
    assert newer is not None and newer.name == "Hướng dẫn 05-HD/VPTW"
    assert older is not None and older.name == "Hướng dẫn 36-HD/VPTW"
    for preset in (newer, older):
        assert level_style(OrgKind.BLOC, preset.data).signing_body == "Ban Thường vụ"
