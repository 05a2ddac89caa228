"""The organisations of the demo province: a bloc of provincial agencies (data only).

Each agency is a base party organisation: a đảng bộ cơ sở with its chi bộ trực thuộc,
or a chi bộ cơ sở directly under the bloc. ``weight`` sets the relative head count;
``focus`` is the unit's own focus content under the bloc's yearly theme, rotated by year.
"""

from __future__ import annotations

from dataclasses import dataclass

PROVINCE = "Ninh Bình"
BLOC_NAME = "Đảng bộ Khối các cơ quan tỉnh Ninh Bình"
BLOC_SHORT = "Đảng bộ Khối"
BLOC_SUPERIOR = "Đảng bộ tỉnh Ninh Bình"
BLOC_COMMITTEE = "Ban Thường vụ Đảng ủy Khối"
BLOC_INSPECTION_COMMISSION = "Ủy ban Kiểm tra Đảng ủy Khối"
BLOC_PROPAGANDA = "Ban Tuyên giáo Đảng ủy Khối"


@dataclass(frozen=True)
class Agency:
    name: str  # the government agency, e.g. 'Sở Tài chính'
    short: str  # how people say it in a sentence: 'Sở', 'Viện', 'Cục'
    head: tuple[str, str]  # (head, deputy) job titles
    weight: int
    subunits: tuple[str, ...] = ()  # empty: a chi bộ cơ sở directly under the bloc
    specialist: str = "Chuyên viên"  # the typical professional title besides Chuyên viên
    employees: bool = False  # True: staff are viên chức (a public service unit)
    focus: tuple[str, ...] = ()


_DIRECTOR = ("Giám đốc", "Phó Giám đốc")
_COMMON_FOCUS = (
    "Nâng cao chất lượng sinh hoạt chi bộ gắn với thực hiện nhiệm vụ chính trị của đơn vị",
    "Đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp",
    "Xây dựng văn hóa công sở, siết chặt kỷ luật, kỷ cương hành chính",
)

BASE_COMMITTEES: tuple[Agency, ...] = (
    Agency("Viện Kiểm sát nhân dân tỉnh", "Viện", ("Viện trưởng", "Phó Viện trưởng"), 90,
           ("Văn phòng Viện", "Phòng Thực hành quyền công tố và kiểm sát xét xử án hình sự",
            "Phòng Kiểm sát thi hành án dân sự"), "Kiểm sát viên",
           focus=("Đổi mới công tác quản lý, chỉ đạo, điều hành",
                  "Nâng cao chất lượng tranh tụng tại phiên tòa")),
    Agency("Tòa án nhân dân tỉnh", "Tòa án", ("Chánh án", "Phó Chánh án"), 90,
           ("Văn phòng", "Tòa Hình sự", "Tòa Dân sự"), "Thẩm tra viên",
           focus=("Nâng cao chất lượng xét xử, giải quyết án đúng thời hạn",
                  "Trách nhiệm nêu gương của thẩm phán, thư ký tòa án")),
    Agency("Kho bạc Nhà nước tỉnh", "Kho bạc", _DIRECTOR, 100,
           ("Văn phòng", "Phòng Kế toán nhà nước", "Phòng Kiểm soát chi"), "Kiểm soát viên",
           focus=("Phát huy vai trò của cấp ủy chi bộ trong sinh hoạt thường kỳ và sinh hoạt chuyên đề",
                  "Hiện đại hóa công tác kiểm soát chi ngân sách nhà nước")),
    Agency("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng", ("Chánh Văn phòng", "Phó Chánh Văn phòng"), 110,
           ("Phòng Tổng hợp", "Trung tâm Phục vụ hành chính công"),
           focus=("Nâng cao chất lượng tham mưu, tổng hợp phục vụ sự chỉ đạo, điều hành",)),
    Agency("Sở Tài chính", "Sở", _DIRECTOR, 90, ("Văn phòng Sở", "Phòng Quản lý ngân sách"),
           focus=("Siết chặt kỷ luật tài chính, thực hành tiết kiệm, chống lãng phí",)),
    Agency("Sở Nông nghiệp và Phát triển nông thôn", "Sở", _DIRECTOR, 300,
           ("Văn phòng Sở", "Phòng Kế hoạch – Tài chính", "Chi cục Thủy lợi", "Chi cục Kiểm lâm"),
           "Kỹ sư", focus=("Đồng hành cùng nông dân xây dựng nông thôn mới",
                           "Trách nhiệm của cán bộ, đảng viên trong phòng, chống thiên tai",
                           "Nêu gương trong thực thi công vụ ở cơ sở")),
    Agency("Sở Giáo dục và Đào tạo", "Sở", _DIRECTOR, 120,
           ("Văn phòng Sở", "Phòng Giáo dục Trung học", "Phòng Khảo thí và Quản lý chất lượng"),
           focus=("Đổi mới căn bản, toàn diện giáo dục và đào tạo",
                  "Mỗi thầy giáo, cô giáo là tấm gương đạo đức, tự học và sáng tạo")),
    Agency("Sở Y tế", "Sở", _DIRECTOR, 200,
           ("Văn phòng Sở", "Phòng Nghiệp vụ Y", "Chi cục An toàn vệ sinh thực phẩm"),
           focus=("Lương y như từ mẫu: nâng cao y đức, đổi mới phong cách phục vụ",
                  "Chủ động phòng, chống dịch bệnh, bảo vệ sức khỏe nhân dân")),
    Agency("Sở Tư pháp", "Sở", _DIRECTOR, 80, ("Văn phòng Sở", "Trung tâm Trợ giúp pháp lý nhà nước"),
           focus=("Nâng cao chất lượng thẩm định văn bản quy phạm pháp luật",)),
    Agency("Sở Nội vụ", "Sở", _DIRECTOR, 100,
           ("Văn phòng Sở", "Ban Thi đua – Khen thưởng", "Chi cục Văn thư – Lưu trữ"),
           focus=("Nâng cao chất lượng tham mưu công tác tổ chức bộ máy, cán bộ",
                  "Tinh gọn bộ máy, nâng cao hiệu lực, hiệu quả hoạt động")),
    Agency("Bảo hiểm xã hội tỉnh", "Bảo hiểm xã hội tỉnh", _DIRECTOR, 220,
           ("Văn phòng", "Phòng Quản lý thu", "Phòng Giám định bảo hiểm y tế"), "Giám định viên",
           focus=("Phát triển người tham gia bảo hiểm xã hội, bảo hiểm y tế",
                  "Lấy sự hài lòng của người dân làm thước đo")),
    Agency("Cục Thuế tỉnh", "Cục", ("Cục trưởng", "Phó Cục trưởng"), 280,
           ("Văn phòng Cục", "Phòng Kiểm tra thuế", "Phòng Tuyên truyền – Hỗ trợ người nộp thuế"),
           "Kiểm tra viên thuế",
           focus=("Chống thất thu, nợ đọng thuế; đồng hành cùng doanh nghiệp",
                  "Văn hóa ứng xử của công chức thuế")),
    Agency("Cục Thống kê tỉnh", "Cục", ("Cục trưởng", "Phó Cục trưởng"), 90,
           ("Văn phòng Cục", "Phòng Thống kê Kinh tế"), "Thống kê viên",
           focus=("Nâng cao chất lượng số liệu thống kê phục vụ lãnh đạo, chỉ đạo",)),
    Agency("Sở Công Thương", "Sở", _DIRECTOR, 100,
           ("Văn phòng Sở", "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp"),
           focus=("Hỗ trợ doanh nghiệp, thúc đẩy phát triển công nghiệp, thương mại",)),
    Agency("Sở Xây dựng", "Sở", _DIRECTOR, 90, ("Văn phòng Sở", "Phòng Quản lý hoạt động xây dựng"),
           "Kiến trúc sư", focus=("Công khai, minh bạch trong cấp phép xây dựng",)),
    Agency("Sở Giao thông vận tải", "Sở", _DIRECTOR, 150,
           ("Văn phòng Sở", "Thanh tra Sở", "Phòng Quản lý vận tải, phương tiện và người lái"),
           "Thanh tra viên", focus=("Kỷ cương trong quản lý vận tải, bảo đảm trật tự an toàn giao thông",
                                    "Nâng cao chất lượng công trình giao thông")),
    Agency("Sở Tài nguyên và Môi trường", "Sở", _DIRECTOR, 160,
           ("Văn phòng Sở", "Chi cục Bảo vệ môi trường", "Văn phòng Đăng ký đất đai"),
           focus=("Cải cách thủ tục đất đai, chống phiền hà, sách nhiễu",
                  "Bảo vệ môi trường gắn với phát triển bền vững")),
    Agency("Sở Văn hóa, Thể thao và Du lịch", "Sở", _DIRECTOR, 170,
           ("Văn phòng Sở", "Phòng Quản lý du lịch", "Bảo tàng tỉnh"),
           focus=("Xây dựng con người Ninh Bình văn minh, thân thiện, mến khách",
                  "Bảo tồn, phát huy giá trị Quần thể danh thắng Tràng An")),
    Agency("Sở Lao động – Thương binh và Xã hội", "Sở", _DIRECTOR, 130,
           ("Văn phòng Sở", "Phòng Người có công", "Trung tâm Dịch vụ việc làm"),
           focus=("Thực hiện đầy đủ, kịp thời chính sách đối với người có công",)),
    Agency("Đài Phát thanh và Truyền hình tỉnh", "Đài", _DIRECTOR, 160,
           ("Phòng Thời sự", "Phòng Kỹ thuật – Công nghệ", "Phòng Chuyên đề – Văn nghệ"),
           "Biên tập viên", employees=True,
           focus=("Nâng cao chất lượng tuyên truyền, định hướng dư luận xã hội",)),
    Agency("Báo Ninh Bình", "Báo", ("Tổng Biên tập", "Phó Tổng Biên tập"), 80,
           ("Phòng Thời sự – Chính trị", "Phòng Kinh tế – Xã hội"), "Phóng viên", employees=True,
           focus=("Người làm báo nêu gương: trung thực, khách quan, trách nhiệm",)),
    Agency("Sở Kế hoạch và Đầu tư", "Sở", _DIRECTOR, 80, ("Văn phòng Sở", "Phòng Đăng ký kinh doanh"),
           focus=("Cải thiện môi trường đầu tư, kinh doanh",)),
    Agency("Trường Chính trị tỉnh", "Trường", ("Hiệu trưởng", "Phó Hiệu trưởng"), 70,
           ("Khoa Xây dựng Đảng", "Phòng Quản lý đào tạo"), "Giảng viên", employees=True,
           focus=("Đổi mới nội dung, phương pháp giảng dạy lý luận chính trị",)),
    Agency("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh", "Ban",
           _DIRECTOR, 60, ("Phòng Hành chính – Tổng hợp", "Phòng Quản lý dự án"), "Kỹ sư", employees=True,
           focus=("Bảo đảm chất lượng, tiến độ công trình; phòng, chống tham nhũng",)),
)

BASE_BRANCHES: tuple[Agency, ...] = (
    Agency("Cơ quan Đảng ủy Khối", "cơ quan", ("Chánh Văn phòng Đảng ủy", "Phó Chánh Văn phòng Đảng ủy"), 25,
           focus=("Nâng cao chất lượng tham mưu cho Ban Thường vụ Đảng ủy Khối",)),
    Agency("Thanh tra tỉnh", "Thanh tra", ("Chánh Thanh tra", "Phó Chánh Thanh tra"), 45, (), "Thanh tra viên",
           focus=("Liêm chính, khách quan trong hoạt động thanh tra",)),
    Agency("Liên minh Hợp tác xã tỉnh", "Liên minh", ("Chủ tịch", "Phó Chủ tịch"), 25,
           focus=("Hỗ trợ phát triển kinh tế tập thể",)),
    Agency("Ngân hàng Nhà nước chi nhánh tỉnh", "Chi nhánh", _DIRECTOR, 45, (), "Thanh tra viên ngân hàng",
           focus=("Giữ vững an toàn hệ thống ngân hàng trên địa bàn",)),
    Agency("Sở Ngoại vụ", "Sở", _DIRECTOR, 25, focus=("Chuyên nghiệp trong công tác đối ngoại",)),
    Agency("Ban Dân tộc tỉnh", "Ban", ("Trưởng ban", "Phó Trưởng ban"), 25,
           focus=("Thực hiện chính sách dân tộc ở vùng đồng bào Mường",)),
    Agency("Sở Khoa học và Công nghệ", "Sở", _DIRECTOR, 60,
           focus=("Đưa tiến bộ khoa học, công nghệ vào sản xuất và đời sống",)),
    Agency("Ban Quản lý các khu công nghiệp tỉnh", "Ban", ("Trưởng ban", "Phó Trưởng ban"), 50,
           focus=("Đồng hành cùng nhà đầu tư trong các khu công nghiệp",)),
    Agency("Sở Thông tin và Truyền thông", "Sở", _DIRECTOR, 50,
           focus=("Đẩy mạnh chuyển đổi số trong cơ quan nhà nước",)),
    Agency("Quỹ Đầu tư phát triển tỉnh", "Quỹ", _DIRECTOR, 25, (), "Kế toán viên",
           focus=("Sử dụng vốn đầu tư đúng mục đích, hiệu quả",)),
    Agency("Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh", "Trung tâm", _DIRECTOR, 30,
           employees=True, focus=("Quảng bá hình ảnh Ninh Bình đến nhà đầu tư",)),
    Agency("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "Văn phòng",
           ("Chánh Văn phòng", "Phó Chánh Văn phòng"), 60,
           focus=("Phục vụ tốt hoạt động tiếp xúc cử tri, giám sát",)),
)

# The unit scale: one agency and the three branches named in the product brief.
UNIT_AGENCY = "Sở Nông nghiệp và Phát triển nông thôn"
UNIT_SUBUNITS = ("Văn phòng Sở", "Phòng Kế hoạch – Tài chính", "Chi cục Thủy lợi")

# Head titles of a subunit, read from the first word(s) of its name.
SUBUNIT_HEADS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("Văn phòng Đăng ký", ("Giám đốc", "Phó Giám đốc")),
    ("Văn phòng", ("Chánh Văn phòng", "Phó Chánh Văn phòng")),
    ("Phòng", ("Trưởng phòng", "Phó Trưởng phòng")),
    ("Chi cục", ("Chi cục trưởng", "Phó Chi cục trưởng")),
    ("Trung tâm", ("Giám đốc Trung tâm", "Phó Giám đốc Trung tâm")),
    ("Tòa", ("Chánh tòa", "Phó Chánh tòa")),
    ("Thanh tra", ("Chánh Thanh tra", "Phó Chánh Thanh tra")),
    ("Ban", ("Trưởng ban", "Phó Trưởng ban")),
    ("Khoa", ("Trưởng khoa", "Phó Trưởng khoa")),
    ("Bảo tàng", ("Giám đốc Bảo tàng", "Phó Giám đốc Bảo tàng")),
)

# Everyone else: (title, weight). Workers (drivers, guards) are người lao động.
STAFF_TITLES: tuple[tuple[str, int], ...] = (
    ("Chuyên viên chính", 16), ("Chuyên viên", 44), ("<specialist>", 14), ("Cán sự", 4),
    ("Kế toán", 5), ("Văn thư", 4), ("Thủ quỹ", 2),
)
WORKER_TITLES_MEN: tuple[tuple[str, int], ...] = (("Lái xe", 5), ("Bảo vệ", 2), ("Nhân viên kỹ thuật", 1))
WORKER_TITLES_WOMEN: tuple[tuple[str, int], ...] = (("Nhân viên phục vụ", 3), ("Nhân viên lễ tân", 1))
WORKER_SHARE = 0.06

PLACES = (
    "Hội trường tầng 2, trụ sở {short}",
    "Phòng họp tầng 3, trụ sở {short}",
    "Phòng họp số 1, trụ sở {short}",
    "Phòng họp giao ban, trụ sở {short}",
)
HALL = "Hội trường lớn, trụ sở {short}"

HOMETOWNS = (
    ("Hoa Lư, Ninh Bình", 10), ("Gia Viễn, Ninh Bình", 9), ("Nho Quan, Ninh Bình", 9),
    ("Yên Khánh, Ninh Bình", 9), ("Yên Mô, Ninh Bình", 8), ("Kim Sơn, Ninh Bình", 9),
    ("Tam Điệp, Ninh Bình", 6), ("Thành phố Ninh Bình", 10), ("Ý Yên, Nam Định", 4),
    ("Nghĩa Hưng, Nam Định", 3), ("Thanh Liêm, Hà Nam", 3), ("Nga Sơn, Thanh Hóa", 3),
    ("Hà Trung, Thanh Hóa", 2), ("Thái Thụy, Thái Bình", 2), ("Hà Nội", 2),
)
EDUCATION = (("Đại học", 64), ("Thạc sĩ", 24), ("Tiến sĩ", 2), ("Cao đẳng", 6), ("Trung cấp", 4))
LEADER_EDUCATION = (("Thạc sĩ", 55), ("Đại học", 38), ("Tiến sĩ", 7))
WORKER_EDUCATION = (("Trung cấp", 5), ("Trung học phổ thông", 3), ("Cao đẳng", 2))
# Political theory (lý luận chính trị) of party members by rank: leaders hold the higher diplomas.
THEORY = (("Cao cấp", 4), ("Trung cấp", 40), ("Sơ cấp", 46), ("", 10))
UNIT_HEAD_THEORY = (("Cao cấp", 45), ("Trung cấp", 55))
