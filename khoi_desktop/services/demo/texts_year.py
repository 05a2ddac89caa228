"""Texts of the demo's yearly records: registrations, reviews, inspections, outreach (data only)."""

from __future__ import annotations

# Registration items by category of the preset in force: (content, product). The
# categories are matched by their position, so a newer preset with more categories
# simply uses more of these lists.
COMMITMENT_ITEMS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("Chấp hành nghiêm chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
      "Không vi phạm; tuyên truyền người thân cùng thực hiện"),
     ("Tích cực học tập, quán triệt nghị quyết của Đảng", "Bài thu hoạch đạt loại khá trở lên"),
     ("Yêu nước, trung thành; kiên quyết đấu tranh với quan điểm sai trái trên mạng xã hội",
      "Mỗi quý ít nhất một bài viết, chia sẻ tích cực")),
    (("Tu dưỡng đạo đức, lối sống giản dị, trung thực", "Không để người thân vi phạm pháp luật"),
     ("Đổi mới cách làm, chủ động đề xuất giải pháp trong công việc", "Ít nhất một đề xuất được áp dụng"),
     ("Mỗi tháng làm một việc tốt theo gương Bác", "Sổ ghi chép việc làm theo Bác")),
    (("Thái độ phục vụ nhân dân tận tụy; không gây phiền hà, sách nhiễu", "Không có phản ánh, kiến nghị"),
     ("Thực hành tiết kiệm điện, nước, văn phòng phẩm", "Giảm 10% chi phí hành chính của bộ phận"),
     ("Giữ gìn liêm chính; kê khai tài sản, thu nhập trung thực", "Bản kê khai đúng hạn")),
    (("Hoàn thành đúng hạn, có chất lượng các nhiệm vụ chuyên môn được giao",
      "100% hồ sơ giải quyết đúng hạn"),
     ("Giữ gìn đoàn kết nội bộ; chấp hành nghiêm quy chế làm việc", "Không vi phạm quy chế"),
     ("Ứng dụng công nghệ thông tin trong xử lý công việc", "Xử lý văn bản trên môi trường mạng")),
    (("Gương mẫu, thường xuyên tự học, nâng cao trình độ", "Hoàn thành một khóa bồi dưỡng trong năm"),
     ("Học tập suốt đời; chia sẻ kinh nghiệm với đồng nghiệp trẻ", "Hướng dẫn một đồng nghiệp mới"),
     ("Nêu gương trong gia đình và nơi cư trú", "Gia đình văn hóa; tham gia sinh hoạt nơi cư trú")),
)
DEADLINES = ("Thường xuyên", "Quý II/{year}", "Tháng 6/{year}", "31/12/{year}")
EVIDENCE = (
    "Được chi bộ ghi nhận tại sinh hoạt tháng 12",
    "Báo cáo kết quả công tác năm",
    "Sổ theo dõi công việc của bộ phận",
    "Ý kiến nhận xét của thủ trưởng đơn vị",
)
COLLECTIVE_ITEMS: tuple[tuple[str, str], ...] = (
    ("Xây dựng mô hình “Học và làm theo Bác” của chi bộ", "Mô hình được Đảng ủy công nhận"),
    ("100% đảng viên đăng ký và thực hiện việc làm theo Bác", "Bản đăng ký của từng đảng viên"),
    ("Duy trì sinh hoạt chuyên đề hằng quý", "Bốn buổi sinh hoạt chuyên đề có biên bản"),
    ("Cải cách thủ tục hành chính, rút ngắn thời gian giải quyết hồ sơ", "Giảm 20% thời gian giải quyết"),
    ("Xây dựng cơ quan văn hóa, an toàn, không có tệ nạn xã hội", "Cơ quan đạt chuẩn văn hóa"),
)

SECTION_TEXTS: dict[str, tuple[str, ...]] = {
    "political_thought": ("Có bản lĩnh chính trị vững vàng, tuyệt đối trung thành với Đảng.",
                          "Chấp hành nghiêm đường lối của Đảng; tích cực học tập nghị quyết."),
    "ethics": ("Giữ gìn phẩm chất đạo đức, lối sống giản dị, lành mạnh.",
               "Không có biểu hiện suy thoái về đạo đức, lối sống."),
    "discipline": ("Chấp hành nghiêm nguyên tắc tập trung dân chủ và quy chế làm việc.",
                   "Tham gia sinh hoạt chi bộ đầy đủ, đóng đảng phí đúng quy định."),
    "working_style": ("Tác phong làm việc khoa học, gần gũi đồng nghiệp.",
                      "Cầu thị, lắng nghe ý kiến góp ý của quần chúng."),
    "task_results": ("Hoàn thành 100% nhiệm vụ được giao, bảo đảm tiến độ và chất lượng.",
                     "Hoàn thành các nhiệm vụ được giao; một số việc còn chậm so với kế hoạch."),
    "remedy": ("Đã khắc phục các hạn chế được chỉ ra ở kỳ kiểm điểm trước.",
               "Cơ bản khắc phục hạn chế; tiếp tục nâng cao khả năng ngoại ngữ, tin học."),
}
NOT_RATED_EXEMPT = "Miễn sinh hoạt đảng"
NOT_RATED_NEW = "Kết nạp chưa đủ 6 tháng"

INSPECTION_SUBJECTS: dict[str, tuple[str, ...]] = {
    "inspection": (
        "Kiểm tra việc thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị năm {year}",
        "Kiểm tra việc thu, nộp, quản lý và sử dụng đảng phí năm {year}",
        "Kiểm tra việc chấp hành nguyên tắc tập trung dân chủ, quy chế làm việc của cấp ủy",
    ),
    "supervision": (
        "Giám sát việc lãnh đạo thực hiện nhiệm vụ chính trị năm {year}",
        "Giám sát việc thực hiện Quy định về trách nhiệm nêu gương của cán bộ, đảng viên",
    ),
    "thematic_supervision": (
        "Giám sát chuyên đề việc nâng cao chất lượng sinh hoạt chi bộ",
        "Giám sát chuyên đề công tác phát triển đảng viên",
        "Giám sát chuyên đề việc kê khai tài sản, thu nhập của cán bộ, đảng viên",
    ),
}
INSPECTION_CONCLUSIONS = (
    "Tổ chức đảng đã thực hiện tốt nội dung được kiểm tra; cần tiếp tục phát huy.",
    "Cơ bản thực hiện đúng quy định; một số hồ sơ còn chưa đầy đủ, đề nghị khắc phục trong quý.",
    "Thực hiện tốt; đề nghị cập nhật kịp thời sổ sách, biên bản sinh hoạt chi bộ.",
)
STEP_CODES = {"plan": "KH", "notice": "TB", "self_report": "BC", "findings": "BC", "conclusion": "TB"}

OUTREACH_ITEMS: tuple[tuple[str, str, str], ...] = (
    # (outlet code, kind, title); {agency} and {year} are filled in.
    ("newspaper", "Bài viết", "{agency} đẩy mạnh học tập và làm theo Bác năm {year}"),
    ("newspaper", "Tin", "{agency} tổ chức hội nghị học tập chuyên đề năm {year}"),
    ("radio_tv", "Phóng sự", "Nói đi đôi với làm – câu chuyện ở {agency}"),
    ("radio_tv", "Tin", "{agency} biểu dương điển hình làm theo Bác"),
    ("website", "Tin, bài", "Tin hoạt động chi bộ, cơ quan năm {year}"),
    ("conference", "Hội nghị tuyên truyền", "Hội nghị tuyên truyền pháp luật cho cán bộ, công chức năm {year}"),
    ("other", "Bảng tin, pa-nô", "Pa-nô tuyên truyền chủ đề năm {year} tại trụ sở"),
)
CONTRIBUTOR_ROLES = ("Cộng tác viên Báo Ninh Bình", "Cộng tác viên Đài Phát thanh và Truyền hình tỉnh",
                     "Phụ trách trang thông tin điện tử")

EXEMPLAR_ACHIEVEMENTS = (
    "Điển hình tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {year}",
    "Có sáng kiến cải cách thủ tục hành chính được áp dụng trong toàn đơn vị",
    "Hoàn thành xuất sắc nhiệm vụ 5 năm liền; tận tụy phục vụ nhân dân",
    "Gương mẫu thực hành tiết kiệm, chống lãng phí",
    "Tích cực tham gia phòng, chống thiên tai, giúp đỡ nhân dân vùng lũ",
)
COLLECTIVE_ACHIEVEMENT = "Tập thể tiêu biểu trong thực hiện Chỉ thị 05-CT/TW năm {year}"
COMMENDATIONS = (("Giấy khen", 8), ("Bằng khen", 1))

PLAN_DOCUMENTS = (
    ("KH", "Kế hoạch thực hiện Chỉ thị 05-CT/TW năm {year}", "02-15"),
    ("HD", "Hướng dẫn học tập chuyên đề năm {year}", "03-01"),
)
