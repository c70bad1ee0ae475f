"""Sector pools: for each code of the contract's taxonomy, the texts written for it, the workplaces and the titles.

`raws` are what a dossier writes after "Lĩnh vực áp dụng sáng kiến:"; the generator records the one it wrote as
`sector.raw` and the code as `sector.code`.
"""

from __future__ import annotations

from typing import NamedTuple


class Sector(NamedTuple):
    """One taxonomy code with the raw texts that mean it, the workplace domains it comes from, and titles."""

    code: str
    raws: tuple[str, ...]
    domains: tuple[str, ...]
    titles: tuple[str, ...]


# What SKKN covers write after "SKKN thuộc lĩnh vực (môn):" — always education.
SKKN_SUBJECTS = ("Toán", "Ngữ văn", "Tiếng Anh", "Quản lý giáo dục", "Giáo dục mầm non", "Vật lí", "Tin học",
                 "Giáo dục thể chất", "Lịch sử và Địa lí")

SECTORS = (
    Sector("giao-duc", ("Quản lý giáo dục", "Giáo dục", "Giáo dục và Đào tạo", "Giáo dục mầm non",
                        "Giảng dạy môn Toán", "Chuyên môn Ngữ văn"), ("school",), (
        "Một số biện pháp nâng cao chất lượng dạy học môn Toán cho học sinh lớp 6 thông qua hoạt động trải nghiệm",
        "Ứng dụng chuyển đổi số trong quản lý hồ sơ học sinh",
        "Một số kinh nghiệm giúp trẻ 5 - 6 tuổi phát triển ngôn ngữ qua hoạt động kể chuyện",
        "Biện pháp rèn kỹ năng đọc hiểu văn bản cho học sinh lớp 9 theo chương trình giáo dục phổ thông 2018",
        "Sử dụng sơ đồ tư duy trong dạy học môn Lịch sử và Địa lí ở trường trung học cơ sở",
        "Tổ chức câu lạc bộ Tiếng Anh nhằm nâng cao kỹ năng giao tiếp cho học sinh tiểu học",
        "Một số giải pháp xây dựng trường học an toàn, thân thiện và phòng chống bạo lực học đường",
        "Vận dụng phương pháp bàn tay nặn bột trong dạy học môn Khoa học lớp 4",
        "Kinh nghiệm chỉ đạo bồi dưỡng học sinh giỏi môn Vật lí ở trường trung học phổ thông",
        "Ứng dụng phần mềm GeoGebra trong dạy học hình học không gian lớp 11",
        "Một số biện pháp giúp trẻ mẫu giáo bé nhanh chóng thích nghi với trường lớp",
        "Biện pháp rèn thói quen vệ sinh cá nhân cho trẻ 3 - 4 tuổi",
        "Tổ chức trò chơi dân gian giúp trẻ phát triển vận động ở trường mầm non",
    )),
    Sector("y-te", ("Khám chữa bệnh", "Y tế", "Điều dưỡng", "Y tế dự phòng", "Dược", "Quản lý bệnh viện"),
           ("health",), (
        "Cải tiến quy trình tiếp đón người bệnh tại khoa Khám bệnh nhằm giảm thời gian chờ",
        "Ứng dụng bảng kiểm an toàn phẫu thuật trong chăm sóc người bệnh trước mổ",
        "Xây dựng phần mềm nhắc lịch tiêm chủng cho trẻ em dưới 5 tuổi",
        "Giải pháp giảm tỷ lệ nhiễm khuẩn vết mổ tại khoa Ngoại tổng hợp",
        "Quản lý tủ thuốc trực bằng mã vạch tại các khoa lâm sàng",
        "Cải tiến quy trình lấy mẫu xét nghiệm máu tại giường bệnh",
        "Tư vấn dinh dưỡng cho người bệnh đái tháo đường điều trị ngoại trú qua mạng xã hội",
        "Áp dụng phương pháp chườm ấm giảm đau cho sản phụ sau sinh mổ",
    )),
    Sector("nong-nghiep", ("Nông nghiệp", "Nông nghiệp và phát triển nông thôn", "Trồng trọt",
                           "Chăn nuôi - Thú y", "Thuỷ sản", "Tài nguyên và Môi trường"), ("agri",), (
        "Ứng dụng chế phẩm sinh học xử lý rơm rạ sau thu hoạch thành phân bón hữu cơ",
        "Mô hình tưới nhỏ giọt tiết kiệm nước cho cây bưởi trên đất đồi",
        "Quy trình nuôi tôm thẻ chân trắng hai giai đoạn trong ao lót bạt",
        "Sử dụng đệm lót sinh học trong chăn nuôi lợn nông hộ",
        "Ứng dụng bẫy đèn dự báo sâu cuốn lá nhỏ hại lúa vụ xuân",
        "Giải pháp nạo vét kênh mương nội đồng bằng máy đào cải tiến",
        "Xây dựng bản đồ số vùng trồng lúa chất lượng cao",
        "Cải tiến lồng nuôi cá trên sông chống chịu lũ",
    )),
    Sector("cong-nghiep", ("Kỹ thuật điện", "Quản lý vận hành lưới điện", "Công nghiệp", "Năng lượng",
                           "Cơ khí", "Sản xuất công nghiệp"), ("evn", "company"), (
        "Chế tạo thiết bị kiểm tra nhanh sứ cách điện đường dây trung áp",
        "Giải pháp giảm tổn thất điện năng lưới hạ áp bằng cân pha tự động",
        "Cải tiến giá đỡ máy biến áp phân phối lắp trên cột bê tông ly tâm",
        "Ứng dụng camera nhiệt kiểm tra phát nhiệt tiếp xúc trên lưới điện",
        "Thiết kế bộ gá thay dao cách ly không cần cắt điện",
        "Cải tiến hệ thống làm mát ổ đỡ máy nghiền xi măng",
        "Tự động hóa ghi chỉ số công tơ bằng thiết bị đo xa",
        "Giải pháp thu hồi nhiệt khí thải lò nung để sấy nguyên liệu",
    )),
    Sector("xay-dung", ("Xây dựng", "Giao thông vận tải", "Quản lý đô thị", "Xây dựng cơ bản", "Giao thông"),
           ("build",), (
        "Ứng dụng mô hình BIM trong thẩm định thiết kế công trình dân dụng",
        "Giải pháp gia cố mái taluy bằng lưới thép và cỏ vetiver",
        "Cải tiến ván khuôn định hình cho cống hộp bê tông cốt thép",
        "Quản lý cấp phép xây dựng trên bản đồ số",
        "Sử dụng tro xỉ nhiệt điện làm vật liệu đắp nền đường",
        "Quy trình nghiệm thu điện tử hạng mục công trình giao thông nông thôn",
        "Giải pháp sửa chữa mặt đường bê tông nhựa bằng vật liệu trộn nguội",
        "Ứng dụng thiết bị bay không người lái giám sát tiến độ thi công",
    )),
    Sector("cntt", ("Chuyển đổi số", "Công nghệ thông tin", "Ứng dụng công nghệ thông tin",
                    "Viễn thông - Công nghệ thông tin"), ("it", "telecom", "office"), (
        "Xây dựng phần mềm quản lý văn bản đi, đến trên nền tảng web",
        "Ứng dụng trợ lý ảo trả lời thủ tục hành chính cho người dân",
        "Giải pháp giám sát tập trung hệ thống máy chủ bằng phần mềm mã nguồn mở",
        "Số hóa hồ sơ lưu trữ và tra cứu bằng mã QR",
        "Tự động hóa đối soát cước dịch vụ viễn thông",
        "Xây dựng cổng dữ liệu mở phục vụ chuyển đổi số cấp xã",
        "Ứng dụng chữ ký số trong ký duyệt hồ sơ nội bộ",
        "Hệ thống cảnh báo sự cố trạm viễn thông qua tin nhắn Zalo",
    )),
    Sector("hanh-chinh", ("Cải cách hành chính", "Hành chính", "Quản lý nhà nước", "Văn thư - Lưu trữ",
                          "Tư pháp - Hộ tịch"), ("office",), (
        "Giải pháp rút ngắn thời gian giải quyết thủ tục đăng ký khai sinh tại bộ phận một cửa",
        "Quy trình tiếp nhận và trả kết quả hồ sơ đất đai qua dịch vụ bưu chính công ích",
        "Chuẩn hóa biểu mẫu báo cáo định kỳ của UBND cấp xã",
        "Ứng dụng bảng tin điện tử niêm yết thủ tục hành chính",
        "Giải pháp nâng cao chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính",
        "Lập danh mục hồ sơ điện tử cho công tác văn thư cơ quan",
        "Tổ chức tiếp công dân định kỳ kết hợp trực tuyến",
        "Quy chế phối hợp giải quyết đơn thư giữa các ban ngành cấp phường",
    )),
    Sector("tai-chinh", ("Tài chính", "Kế toán", "Tài chính - Kế toán", "Thuế", "Quản lý thuế", "Kho bạc"),
           ("finance", "evn"), (
        "Giải pháp đôn đốc thu nợ thuế qua tin nhắn tự động",
        "Ứng dụng bảng tính lập dự toán ngân sách cho các đơn vị trường học",
        "Kiểm soát chi thường xuyên qua dịch vụ công trực tuyến mức độ 4",
        "Quy trình đối chiếu công nợ khách hàng hàng tháng bằng hóa đơn điện tử",
        "Tổ chức kho chứng từ kế toán điện tử",
        "Giải pháp quản lý tài sản công bằng mã vạch",
        "Hướng dẫn hộ kinh doanh kê khai thuế qua ứng dụng di động",
        "Rút ngắn thời gian quyết toán vốn đầu tư dự án hoàn thành",
    )),
    Sector("van-hoa-xa-hoi", ("Văn hóa - Xã hội", "Văn hoá, thể thao và du lịch", "Lao động - Thương binh và Xã hội",
                              "Văn hóa thông tin"), ("culture",), (
        "Xây dựng tủ sách cộng đồng tại nhà văn hóa thôn",
        "Số hóa hiện vật bảo tàng phục vụ tham quan trực tuyến",
        "Giải pháp chi trả trợ cấp xã hội không dùng tiền mặt",
        "Tổ chức câu lạc bộ dân ca tại các khu dân cư",
        "Ứng dụng mã QR thuyết minh điểm di tích lịch sử",
        "Mô hình hỗ trợ việc làm cho người khuyết tật tại địa phương",
        "Xây dựng lịch thi đấu thể thao phong trào trên nền tảng trực tuyến",
        "Giải pháp rà soát hộ nghèo bằng phiếu điện tử",
    )),
    Sector("atvsld", ("An toàn vệ sinh lao động", "An toàn lao động", "Bảo hộ lao động",
                      "An toàn, vệ sinh lao động - Phòng chống cháy nổ"), ("evn", "company", "build"), (
        "Thiết bị cảnh báo điện áp cảm ứng cho công nhân làm việc trên cao",
        "Cải tiến dây đai an toàn toàn thân cho công nhân thi công cột điện",
        "Quy trình kiểm tra an toàn trước ca làm việc bằng ứng dụng di động",
        "Lắp đặt hệ thống báo khói tự động cho kho vật tư",
        "Giải pháp giảm tiếng ồn tại phân xưởng nghiền",
        "Biển báo an toàn phát sáng tại công trường thi công ban đêm",
        "Tủ sơ cứu lưu động cho tổ thi công đường dây",
        "Huấn luyện an toàn lao động bằng video thực tế ảo",
    )),
    Sector("quoc-phong-an-ninh", ("Quốc phòng - An ninh", "An ninh trật tự", "Quốc phòng",
                                  "Phòng cháy, chữa cháy"), ("security",), (
        "Mô hình camera an ninh kết nối cộng đồng tại khu dân cư",
        "Giải pháp quản lý lưu trú trực tuyến tại địa bàn phường",
        "Cải tiến thiết bị phá khóa cửa cuốn phục vụ cứu nạn, cứu hộ",
        "Số hóa hồ sơ quản lý quân nhân dự bị",
        "Tổ chức tổ liên gia an toàn phòng cháy, chữa cháy",
        "Ứng dụng bản đồ số trong diễn tập khu vực phòng thủ",
        "Giải pháp tuyên truyền phòng chống lừa đảo qua mạng cho người cao tuổi",
        "Quy trình tiếp nhận tin báo tội phạm qua ứng dụng di động",
    )),
    Sector("dang-doan-the", ("Xây dựng Đảng", "Công tác Đoàn", "Công tác dân vận", "Công đoàn",
                             "Công tác Hội Phụ nữ", "Mặt trận - Đoàn thể"), ("party",), (
        "Số hóa sổ đảng viên điện tử tại chi bộ",
        "Giải pháp nâng cao chất lượng sinh hoạt chi bộ khu dân cư",
        "Mô hình thanh niên tình nguyện hỗ trợ người dân dịch vụ công trực tuyến",
        "Tổ chức cuộc thi tìm hiểu nghị quyết trên nền tảng trực tuyến",
        "Quỹ tín dụng tiết kiệm xoay vòng cho hội viên phụ nữ nghèo",
        "Xây dựng bản tin công đoàn điện tử",
        "Giải pháp phát triển đoàn viên công đoàn tại doanh nghiệp ngoài nhà nước",
        "Mô hình dân vận khéo trong vận động hiến đất làm đường",
    )),
    Sector("khac", ("Khác", "Dịch vụ khách hàng", "Kinh doanh", "Thư viện - Thiết bị"),
           ("telecom", "culture", "company"), (
        "Giải pháp chăm sóc khách hàng doanh nghiệp qua tổng đài tự động",
        "Sắp xếp kho thiết bị dạy học theo mã màu",
        "Cải tiến quy trình bàn giao hợp đồng dịch vụ tại điểm giao dịch",
        "Xây dựng bộ quy tắc ứng xử cho nhân viên giao dịch",
        "Ứng dụng phiếu khảo sát trực tuyến đo mức độ hài lòng khách hàng",
        "Giải pháp tiết kiệm văn phòng phẩm tại cơ quan",
        "Tổ chức lưu trữ ảnh tư liệu của đơn vị trên nền tảng đám mây",
        "Quy trình tiếp nhận phản ánh của khách hàng qua mạng xã hội",
    )),
)

SECTORS_BY_CODE = {sector.code: sector for sector in SECTORS}
