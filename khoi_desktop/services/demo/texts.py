"""Texts of the demo meetings: themes, agendas, opinions, talk topics (data only).

The bloc theme of 2018 is quoted from the bloc's year-end report; the national yearly
themes of Chỉ thị 05 are the published ones; the other bloc themes are plausible demo
texts written in the same style.
"""

from __future__ import annotations

# The bloc committee's own theme for each year (chủ đề năm).
BLOC_THEMES: dict[int, str] = {
    2016: "Trung thực, trách nhiệm; gắn bó với nhân dân; đoàn kết xây dựng Đảng trong sạch, vững mạnh",
    2017: "Xây dựng phong cách, tác phong công tác của người đứng đầu, của cán bộ, đảng viên",
    2018: "Nêu gương về đạo đức và trách nhiệm thực thi công vụ; nói đi đôi với làm",
    2019: "Tôn trọng nhân dân, phát huy dân chủ; nâng cao kỷ luật, kỷ cương hành chính",
    2020: "Đoàn kết, kỷ cương, đổi mới; thi đua lập thành tích chào mừng đại hội đảng các cấp",
    2021: "Ý chí tự lực, tự cường; dám nghĩ, dám làm, dám chịu trách nhiệm",
    2022: "Nâng cao đạo đức công vụ; xây dựng cơ quan chính quyền điện tử",
    2023: "Trách nhiệm nêu gương của người đứng đầu; đẩy mạnh cải cách hành chính, chuyển đổi số",
    2024: "Kỷ cương, liêm chính, hành động, sáng tạo, hiệu quả",
    2025: "Đoàn kết, tinh gọn, hiệu lực, hiệu quả; thi đua chào mừng đại hội đảng bộ các cấp",
    2026: "Hành động quyết liệt, đưa Nghị quyết Đại hội XIV của Đảng vào cuộc sống",
}

# The national theme of Chỉ thị 05 (yearly until 2020, then one theme for the whole term).
_TERM_THEME_2021 = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường "
    "và khát vọng phát triển đất nước phồn vinh, hạnh phúc"
)
TERM_THEMES: dict[int, str] = {
    2016: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về trung thực, trách nhiệm; "
          "gắn bó với nhân dân; đoàn kết, xây dựng Đảng trong sạch, vững mạnh",
    2017: "Xây dựng phong cách, tác phong công tác của người đứng đầu, của cán bộ, đảng viên "
          "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    2018: "Xây dựng phong cách, tác phong công tác của người đứng đầu, của cán bộ, đảng viên "
          "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    2019: "Nâng cao ý thức tôn trọng nhân dân, phát huy dân chủ, chăm lo đời sống nhân dân "
          "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    2020: "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị "
          "trong sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    **{year: _TERM_THEME_2021 for year in range(2021, 2026)},
    2026: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với thực hiện "
          "Nghị quyết Đại hội XIV của Đảng",
}

# What the base organisations studied at their conferences (hội nghị học tập, quán triệt).
STUDY_SUBJECTS: dict[int, tuple[str, ...]] = {
    2016: ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII của Đảng",
           "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII"),
    2017: ("Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XII",
           "Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII"),
    2018: ("Nghị quyết Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XII",
           "Quy định số 08-QĐi/TW về trách nhiệm nêu gương của cán bộ, đảng viên"),
    2019: ("Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XII",
           "Di chúc của Chủ tịch Hồ Chí Minh (50 năm thực hiện)"),
    2020: ("Nghị quyết Đại hội Đảng bộ Khối các cơ quan tỉnh lần thứ V",
           "Nghị quyết Đại hội Đảng bộ tỉnh Ninh Bình lần thứ XXII"),
    2021: ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
           "Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị số 05-CT/TW"),
    2022: ("Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII",
           "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII"),
    2023: ("Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII",
           "Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên"),
    2024: ("Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
           "Tác phẩm “Chuyển đổi số” và các bài viết của đồng chí Tổng Bí thư"),
    2025: ("Nghị quyết số 18-NQ/TW về sắp xếp tổ chức bộ máy của hệ thống chính trị",
           "Chỉ thị số 50-CT/TW về nâng cao chất lượng sinh hoạt chi bộ"),
    2026: ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
           "Nghị quyết Đại hội Đảng bộ tỉnh Ninh Bình nhiệm kỳ 2025–2030"),
}

REGULAR_AGENDA = (
    "Thông tin thời sự, chính trị; phổ biến văn bản mới của cấp trên",
    "Đánh giá kết quả lãnh đạo thực hiện nhiệm vụ tháng {month}/{year}",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Phương hướng, nhiệm vụ tháng {next_month}",
)
THEMATIC_TOPICS = (
    "Trách nhiệm nêu gương của cán bộ, đảng viên trong thực thi công vụ",
    "Đạo đức, lối sống của người cán bộ theo tư tưởng Hồ Chí Minh",
    "Thực hành tiết kiệm, chống lãng phí trong cơ quan",
    "Nâng cao chất lượng sinh hoạt chi bộ",
    "Phòng, chống suy thoái về tư tưởng chính trị, “tự diễn biến”, “tự chuyển hóa”",
    "Văn hóa công sở và tác phong làm việc của cán bộ, công chức",
    "Công tác phát triển đảng viên trong cơ quan",
    "Bảo vệ nền tảng tư tưởng của Đảng trên không gian mạng",
    "Học tập tấm gương đạo đức Hồ Chí Minh về cần, kiệm, liêm, chính, chí công vô tư",
    "Ứng dụng công nghệ thông tin, chuyển đổi số trong công việc",
)
THEMATIC_AGENDA = (
    "Báo cáo đề dẫn chuyên đề: {topic}",
    "Đảng viên thảo luận, liên hệ bản thân",
    "Kết luận của đồng chí Bí thư chi bộ",
)
REVIEW_AGENDA = (
    "Báo cáo kiểm điểm tập thể chi ủy năm {year}",
    "Đảng viên trình bày bản kiểm điểm cá nhân",
    "Chi bộ góp ý, biểu quyết xếp loại chất lượng đảng viên",
)
STUDY_AGENDA = (
    "Khai mạc, giới thiệu đại biểu",
    "Báo cáo viên quán triệt nội dung: {subject}",
    "Thảo luận, trao đổi",
    "Triển khai viết bài thu hoạch",
)
SEMINAR_AGENDA = (
    "Đề dẫn tọa đàm: {theme}",
    "Các tham luận",
    "Kết luận tọa đàm",
)

OPINIONS = (
    "Nhất trí với báo cáo; đề nghị bổ sung kết quả giải quyết hồ sơ đúng hạn trong tháng.",
    "Đề nghị chi bộ phân công cụ thể hơn việc theo dõi các nhiệm vụ còn chậm tiến độ.",
    "Bộ phận chuyên môn cần phối hợp chặt chẽ hơn để hoàn thành báo cáo đúng thời hạn.",
    "Đề nghị tăng cường ứng dụng phần mềm quản lý văn bản, giảm giấy tờ.",
    "Nhất trí; đề nghị biểu dương các đồng chí hoàn thành xuất sắc nhiệm vụ trong tháng.",
    "Cần chấn chỉnh việc chấp hành giờ giấc làm việc và văn hóa công sở.",
    "Đề nghị cấp ủy quan tâm công tác bồi dưỡng quần chúng ưu tú để kết nạp Đảng.",
    "Liên hệ bản thân: tôi sẽ khắc phục việc chậm trả lời văn bản trong tháng tới.",
    "Đề nghị cơ quan sớm hướng dẫn thủ tục mới để người dân không phải đi lại nhiều lần.",
    "Nhất trí với phương hướng tháng tới; đề nghị bổ sung nội dung rà soát hồ sơ lưu trữ.",
)
THEMATIC_OPINIONS = (
    "Mỗi đảng viên cần nói đi đôi với làm, bắt đầu từ những việc nhỏ nhất trong công việc hằng ngày.",
    "Người đứng đầu phải gương mẫu trước; đảng viên giám sát lẫn nhau qua sinh hoạt chi bộ.",
    "Đề nghị đưa nội dung chuyên đề vào bản đăng ký làm theo của từng đảng viên.",
    "Liên hệ bản thân, tôi nhận thấy còn chưa mạnh dạn đấu tranh với biểu hiện tiêu cực.",
)

ABSENCE_REASONS = (("Đi công tác", 45), ("Ốm", 18), ("Nghỉ phép", 15), ("Việc gia đình", 14), ("Đi học", 8))
LATE_REASON = "Đến muộn do công tác"

QUALITY_BANDS = ((90, "Tốt"), (70, "Khá"), (50, "Trung bình"), (0, "Kém"))

TALK_TOPICS = (
    "Làm theo Bác về tinh thần trách nhiệm trong công việc",
    "Bài học từ tấm gương tiết kiệm của Chủ tịch Hồ Chí Minh",
    "Nói đi đôi với làm: những việc tôi đã làm được",
    "Gương người tốt, việc tốt trong cơ quan",
    "Phong cách quần chúng của Bác và việc tiếp dân hôm nay",
    "Đạo đức công vụ trong thời kỳ chuyển đổi số",
    "Kỷ luật, kỷ cương hành chính: từ nhận thức đến hành động",
    "Đoàn kết nội bộ – nguồn sức mạnh của chi bộ",
)

VOTE_SUBJECTS = {
    "regular": "Thông qua Nghị quyết chi bộ tháng {month}/{year}",
    "review": "Xếp loại chất lượng chi bộ năm {year}",
}

GUEST_TITLES = (
    "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Đảng ủy Khối",
    "Phó Trưởng Ban Tuyên giáo Đảng ủy Khối",
    "Đảng ủy viên, phụ trách chi bộ",
)

# Conclusions recorded under some agenda items: {meeting kind: {item position: text}}.
CONCLUSIONS: dict[str, dict[int, str]] = {
    "regular": {
        2: "Chi bộ thống nhất đánh giá đã lãnh đạo hoàn thành tốt nhiệm vụ tháng {month}/{year}.",
        4: "Chi bộ thống nhất các nhiệm vụ trọng tâm tháng tới và phân công đảng viên phụ trách.",
    },
    "thematic": {3: "Chi bộ thống nhất đưa nội dung chuyên đề vào bản đăng ký làm theo năm {year}."},
    "review": {3: "Chi bộ biểu quyết xếp loại chất lượng đảng viên năm {year}."},
    "study": {4: "100% cán bộ, đảng viên dự hội nghị viết bài thu hoạch, nộp trong 15 ngày."},
    "seminar": {3: "Các ý kiến tham luận được tổng hợp gửi Ban Tuyên giáo Đảng ủy Khối."},
}
