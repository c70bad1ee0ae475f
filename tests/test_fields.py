"""Field extraction on small hand-built documents: every label family, in its wordings and its traps.

Each test builds a `Document` of a few lines (table rows carry `cells`) the way a reader would emit it and
checks what `extract_fields` makes of it. Fast: no files, no OCR.
"""

from __future__ import annotations

import pytest

from extractors.fields.extract import extract_fields
from extractors.model import Document, Line, Page


def doc(*lines, method: str = "docx", conf: float = 1.0) -> list[Document]:
    """One one-page document; a tuple is a table row (its cells), a string a line of text."""
    built = tuple(Line(" | ".join(x), cells=tuple(x), conf=conf) if isinstance(x, tuple) else Line(x, conf=conf)
                  for x in lines)
    return [Document("t.docx", (Page("t.docx", 1, built, method),))]


def field(lines, name: str, **kw):
    return extract_fields(doc(*lines, **kw)).fields[name]


def value(lines, name: str, **kw):
    return field(lines, name, **kw).value


TITLE = "Ứng dụng mã QR trong quản lý hồ sơ"


# ---- title ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("label", [
    "Tên sáng kiến:", "1. Tên sáng kiến:", "a. Tên của sáng kiến:", "Tên đề tài sáng kiến:", "Tên đề tài:",
    "TÊN SÁNG KIẾN:", "Tên giải pháp:", "Tên giải pháp đề nghị công nhận:", "Tên sáng kiến/giải pháp:",
    "Tên sáng kiến kinh nghiệm:", "Tên giải pháp kỹ thuật:", "Tên sáng kiến2:", "c) Tên sáng kiến đề nghị công nhận:",
])
def test_title_label_family_keeps_no_part_of_the_label(label):
    assert value([label + " " + TITLE, "Tác giả: Nguyễn Văn An"], "title") == TITLE


@pytest.mark.parametrize("lead_in", [
    "Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến:",
    "Là tác giả đề nghị công nhận sáng kiến/giải pháp:",
    "Đề nghị Hội đồng xem xét, công nhận sáng kiến:",
    "Là tác giả (nhóm tác giả) của sáng kiến2:",
])
def test_title_from_the_lead_in_sentence(lead_in):
    assert value(["Kính gửi: Hội đồng sáng kiến tỉnh Ninh Bình", f"{lead_in} {TITLE}"], "title") == TITLE


def test_title_on_the_next_line_in_quotes_and_wrapped():
    lines = ["1. Tên sáng kiến đề nghị công nhận", "“Ứng dụng mã QR trong quản lý", "hồ sơ”",
             "2. Họ và tên tác giả: Lê Văn Bình"]
    assert value(lines, "title", method="text") == TITLE


def test_title_does_not_run_into_a_long_label_on_the_next_line():
    lines = ["Là tác giả đề nghị xét công nhận sáng kiến: Ứng dụng mã QR trong quản lý",
             "hồ sơ", "Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử: 20/11/2018"]
    assert value(lines, "title", method="text") == TITLE


def test_form_heading_and_addressee_are_never_one_label():
    lines = ["ĐƠN ĐỀ NGHỊ CÔNG NHẬN SÁNG KIẾN", "Kính gửi: Hội đồng xét công nhận sáng kiến Công ty",
             "Là tác giả đề nghị xét công nhận sáng kiến: " + TITLE]
    assert value(lines, "title") == TITLE


def test_description_section_is_not_a_title():
    lines = ["2. Nội dung giải pháp đề nghị công nhận là sáng kiến: Trước đây công việc làm thủ công."]
    assert value(lines, "title") is None


@pytest.mark.parametrize("label", ["ĐỀ TÀI:", "ĐỀ TÀI", "Tên đề tài:"])
def test_skkn_cover_title_in_capitals_without_its_label(label):
    lines = ["SỞ GIÁO DỤC VÀ ĐÀO TẠO NINH BÌNH", "SÁNG KIẾN KINH NGHIỆM", label, "ỨNG DỤNG CHUYỂN ĐỔI SỐ TRONG",
             "QUẢN LÍ HỒ SƠ HỌC SINH", "NINH BÌNH NĂM 2022"]
    assert value(lines, "title", method="ocr") == "ỨNG DỤNG CHUYỂN ĐỔI SỐ TRONG QUẢN LÍ HỒ SƠ HỌC SINH"


def test_skkn_cover_title_keeps_a_line_whose_capital_ocr_read_small():
    lines = ["SÁNG KIẾN KINH NGHIỆM", "Tổ CHỨC CÂU LẠC BỘ TIẾNG ANH", "NHẰM NÂNG CAO KỸ NĂNG GIAO TIẾP",
             "Người thực hiện: Chu Thị Vân"]
    assert value(lines, "title", method="ocr") == "Tổ CHỨC CÂU LẠC BỘ TIẾNG ANH NHẰM NÂNG CAO KỸ NĂNG GIAO TIẾP"
    assert value(["SÁNG KIẾN KINH NGHIỆM", "Tổ Chức Câu Lạc Bộ", "Người thực hiện: Chu Thị Vân"], "title") is None


def test_skkn_cover_title_without_a_label():
    lines = ["SÁNG KIẾN KINH NGHIỆM", "MỘT SỐ KINH NGHIỆM GIÚP TRẺ", "PHÁT TRIỂN NGÔN NGỮ", "Người viết: Kiều Minh Tâm"]
    assert value(lines, "title") == "MỘT SỐ KINH NGHIỆM GIÚP TRẺ PHÁT TRIỂN NGÔN NGỮ"


# ---- first applied -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("label", [
    "Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử:", "Ngày áp dụng lần đầu:", "Thời gian áp dụng lần đầu:",
    "Thời gian bắt đầu áp dụng:", "Bắt đầu áp dụng:", "Thời điểm áp dụng lần đầu:", "Thời gian áp dụng:",
    "Thời gian triển khai:", "Sáng kiến được áp dụng lần đầu từ ngày:", "7. Thời gian áp dụng sáng kiến lần đầu5:",
    "d. Thời gian và nơi áp dụng lần đầu:", "THỜI GIAN ÁP DỤNG LẦN ĐẦU:",
])
def test_first_applied_label_family(label):
    lines = [f"{label} 05/9/2023", "Ninh Bình, ngày 15 tháng 11 năm 2025"]
    assert value(lines, "first_applied") == "2023-09-05"


@pytest.mark.parametrize("sentence, want", [
    ("Tôi bắt đầu áp dụng các biện pháp này từ tháng 9/2019 tại trường.", "2019-09"),
    ("Các giải pháp trên được tôi áp dụng ngày 13/09/2021 tại Trường THPT Kim Sơn A.", "2021-09-13"),
    ("Sáng kiến được triển khai từ tháng 2/2021 tại Trường Mầm non Hoa Sen.", "2021-02"),
])
def test_first_applied_from_a_body_sentence_is_found_but_not_trusted(sentence, want):
    found = field(["2.3. Các giải pháp đã sử dụng: Nội dung gồm ba nhóm. " + sentence,
                   "Kim Sơn, ngày 29 tháng 4 năm 2022"], "first_applied")
    assert found.value == want
    assert found.confidence < 0.8


def test_first_applied_sentence_wrapped_over_two_lines():
    lines = ["giám sát. Sáng kiến được áp dụng", "trong năm học 2013-2014 tại Trường THCS Lê Lợi."]
    assert value(lines, "first_applied", method="ocr") == "2013"


def test_signing_date_is_never_first_applied():
    lines = ["Tên sáng kiến: " + TITLE, "Giải pháp đã được áp dụng thử tại đơn vị và điều chỉnh theo góp ý.",
             "Ninh Bình, ngày 15 tháng 11 năm 2025", "Người nộp đơn"]
    assert value(lines, "first_applied") is None


def test_helpers_list_is_not_a_first_applied_label():
    lines = [("Số TT", "Họ và tên", "Ngày tháng năm sinh", "Nơi công tác", "Tỷ lệ đóng góp"),
             ("1", "Lê Văn Bình", "12/03/1980", "UBND xã A", "100%"),
             "Danh sách người tham gia áp dụng sáng kiến lần đầu: 12/03/1985",
             "Thời gian áp dụng lần đầu: tháng 9/2015"]
    assert value(lines, "first_applied") == "2015-09"


def test_date_with_a_stray_dot():
    assert value(["3. Thời điểm bắt đầu áp dụng: ngày 13 tháng 12.năm 2019"], "first_applied") == "2019-12-13"


# ---- benefit -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("label", [
    "Hiệu quả, lợi ích thu được:", "Hiệu quả kinh tế:", "Hiệu quả đạt được:", "Lợi ích kinh tế:", "Lợi ích thu được:",
    "Giá trị làm lợi:", "Số tiền làm lợi:", "Hiệu quả kinh tế - xã hội:", "Hiệu quả về kinh tế:",
    "Lợi ích thu được do áp dụng sáng kiến theo ý kiến của tác giả:", "2.4 Kết quả đạt được:",
    "Đánh giá lợi ích thu được (theo ý kiến của tác giả):", "HIỆU QUẢ KINH TẾ MANG LẠI:",
])
def test_benefit_label_family(label):
    lines = [f"{label} Sáng kiến giúp tiết kiệm 150 triệu đồng/năm chi phí in ấn.",
             "Ninh Bình, ngày 5 tháng 6 năm 2024"]
    benefit = value(lines, "benefit")
    assert benefit["amount_vnd"] == 150_000_000 and benefit["per_year"] is True


@pytest.mark.parametrize("cost", ["Kinh phí đầu tư 30 triệu đồng.", "Tổng chi phí triển khai 441 triệu đồng.",
                                  "Chi phí mua sắm thiết bị ban đầu là 8,1 triệu đồng."])
def test_investment_cost_is_never_the_benefit(cost):
    lines = [f"Lợi ích kinh tế: {cost} Làm lợi 1,25 tỷ đồng.", "Đà Nẵng, ngày 16 tháng 1 năm 2018"]
    assert value(lines, "benefit")["amount_vnd"] == 1_250_000_000


def test_only_a_cost_means_no_benefit_amount():
    lines = ["3. Lợi ích thu được: Chất lượng công việc được nâng lên. Tổng chi phí triển khai 63.400.000đ."]
    assert value(lines, "benefit")["amount_vnd"] is None


def test_benefit_passage_wrapped_over_ocr_lines_with_junk():
    lines = ["Hiệu quả kinh tế: Sau khi áp dụng, sáng kiến đã làm lợi cho đơn vị 7",
             "_ triệu đồng. Tổng chi phí triển khai 6,7 triệu đồng.", "Đà Nẵng, ngày 17 tháng 9 năm 2025"]
    assert value(lines, "benefit", method="ocr")["amount_vnd"] == 7_000_000


def test_benefit_keeps_reading_past_a_wrapped_line_with_a_colon():
    lines = ["Đánh giá lợi ích thu được (theo ý kiến của tác giả): Kinh phí đầu tư 6",
             "triệu đồng. Số tiền làm lợi: 6,6 triệu đồng/năm. Cán bộ thao tác thuận tiện."]
    assert value(lines, "benefit", method="text")["amount_vnd"] == 6_600_000


def test_benefit_under_a_heading_without_colon():
    lines = ["2.4 Hiệu quả của sáng kiến kinh nghiệm", "Sáng kiến giúp tiết kiệm hơn 524.300.000đ chi phí.",
             "3. KẾT LUẬN, KIẾN NGHỊ"]
    assert value(lines, "benefit")["amount_vnd"] == 524_300_000


# ---- authors -----------------------------------------------------------------------------------------------

def names(lines, **kw) -> list[str]:
    return [a["name"] for a in value(lines, "authors", **kw) or []]


@pytest.mark.parametrize("label", ["Họ và tên:", "Họ tên:", "Họ và tên tác giả:", "Tên tác giả:", "Tác giả:",
                                   "Tác giả chính:", "Người thực hiện:", "Người viết:", "Tác giả sáng kiến:",
                                   "Tác giả/ các tác giả:", "b. Tác giả (nhóm tác giả):", "2. Họ và tên tác giả:"])
def test_author_label_family(label):
    lines = [f"{label} ThS. Nguyễn Thị Hương", "Đơn vị công tác: Trường THCS Xuân Hòa Bắc"]
    assert names(lines) == ["Nguyễn Thị Hương"]
    assert value(lines, "unit") == "Trường THCS Xuân Hòa Bắc"


@pytest.mark.parametrize("label", ["Đồng tác giả:", "Các đồng tác giả:", "- Nhóm đồng tác giả:"])
def test_co_author_family(label):
    lines = ["Tác giả chính: Bà Tạ Thị Hạnh", "Cơ quan công tác: Công ty Điện lực Đà Nẵng",
             f"{label} KS. Huỳnh Thị Mỹ Duyên"]
    assert names(lines) == ["Tạ Thị Hạnh", "Huỳnh Thị Mỹ Duyên"]


def test_one_name_label_listing_two_people():
    lines = ["Họ và tên tác giả: Ông Vũ Mạnh Cường, Đặng Văn Hải", "Chức vụ: Giáo viên"]
    assert names(lines) == ["Vũ Mạnh Cường", "Đặng Văn Hải"]


def test_cover_and_body_naming_the_same_author_give_one_author():
    lines = ["Tác giả/ các tác giả: Bà Hồ Thị Tuyết", "I. THÔNG TIN VỀ SÁNG KIẾN", "b. Họ và tên tác giả: Hồ Thị Tuyết"]
    assert names(lines) == ["Hồ Thị Tuyết"]


def test_helpers_table_is_never_authors():
    header = ("Số TT", "Họ và tên", "Ngày tháng năm sinh", "Nơi công tác", "Chức danh", "Tỷ lệ (%) đóng góp")
    lines = ["Tôi (chúng tôi) ghi tên dưới đây:", header,
             ("1", "Lê Văn Bình", "12/3/1980", "UBND xã A", "Chuyên viên", "100%"),
             "Danh sách những người đã tham gia áp dụng thử hoặc áp dụng sáng kiến lần đầu (nếu có):",
             ("Số TT", "Họ và tên", "Ngày tháng năm sinh", "Nơi công tác", "Chức danh", "Nội dung công việc hỗ trợ"),
             ("1", "Trần Thị Cúc", "1/1/1990", "UBND xã A", "Văn thư", "Nhập liệu")]
    assert names(lines) == ["Lê Văn Bình"]


def test_a_table_with_a_help_column_is_never_authors():
    lines = [("STT", "Tên tác giả", "Năm sinh", "Nơi công tác", "Nội dung công việc"),
             ("1", "Trần Thị Cúc", "1990", "UBND xã A", "Nhập liệu"), "Người thực hiện: Lê Văn Bình"]
    assert names(lines) == ["Lê Văn Bình"]


@pytest.mark.parametrize("header", ["Chức vụ, Đơn vị công tác", "Chức vụ - Đơn vị công tác",
                                    "Chức danh, đơn vị công tác"])
def test_vnpt_table_position_and_unit_in_one_cell(header):
    lines = [("TT", "Họ tên tác giả", "Nam/Nữ", "Trình độ chuyên môn", header, "Chủ trì SK", "Tỉ lệ đóng góp"),
             ("1", "Đỗ Quang Vinh", "Nam", "Kỹ sư", "Kỹ sư, VNPT Ninh Bình", "x", "100%")]
    authors = value(lines, "authors")
    found = [(a["name"], a["position"], a["workplace"]) for a in authors]
    assert found == [("Đỗ Quang Vinh", "Kỹ sư", "VNPT Ninh Bình")]
    assert value(lines, "unit") == "VNPT Ninh Bình"


def test_table_header_tac_gia():
    lines = [("TT", "Tác giả", "Đơn vị", "Tỷ lệ"), ("1", "Phạm Thị Mai", "UBND xã A", "60%"),
             ("2", "Lê Văn Bình", "UBND xã A", "40%")]
    assert names(lines) == ["Phạm Thị Mai", "Lê Văn Bình"]


@pytest.mark.parametrize("label", ["Chức vụ, đơn vị công tác:", "Chức danh, đơn vị công tác:",
                                   "Chức vụ - Đơn vị công tác:"])
def test_position_and_unit_on_one_line_are_split(label):
    lines = ["Tên tác giả: Nguyễn Thị Kim Oanh", "Ngày tháng năm sinh: 26/1/1979", f"{label} Kỹ sư, VNPT Ninh Bình"]
    (author,) = value(lines, "authors")
    assert (author["position"], author["workplace"], author["birth_date"]) == ("Kỹ sư", "VNPT Ninh Bình", "1979-01-26")
    assert value(lines, "unit") == "VNPT Ninh Bình"


@pytest.mark.parametrize("label", ["Đơn vị công tác:", "Nơi công tác:", "Cơ quan công tác:", "Nơi làm việc:",
                                   "Cơ quan, đơn vị công tác:", "- Đơn vị:"])
def test_unit_label_family(label):
    lines = ["Tác giả: Hồ Thị Tuyết", f"{label} Bảo tàng Quảng Nam", "CHỨC VỤ: Viên chức"]
    assert value(lines, "unit") == "Bảo tàng Quảng Nam"


def test_ocr_specks_inside_a_name_are_dropped():
    lines = [("Số TT", "Họ và tên", "Nơi công tác", "Tỷ lệ"), ("1", "Chu Văn . Quang", "UBND xã A", "100%")]
    assert names(lines, method="ocr") == ["Chu Văn Quang"]


# ---- sector, addressee, spelling and confidence --------------------------------------------------------------

@pytest.mark.parametrize("label", ["Lĩnh vực áp dụng sáng kiến:", "Lĩnh vực áp dụng:", "Lĩnh vực có thể áp dụng:",
                                   "Lĩnh vực ứng dụng:", "Thuộc lĩnh vực:", "Sáng kiến thuộc lĩnh vực:",
                                   "SKKN thuộc lĩnh vực (môn):", "- Lĩnh vực chính:", "Lĩnh vực áp dụng sáng kiến4:"])
def test_sector_raw_label_family(label):
    assert value([f"{label} Quản lý giáo dục"], "sector")["raw"] == "Quản lý giáo dục"


@pytest.mark.parametrize("line", ["Kính gửi1: Hội đồng sáng kiến phường Hải Châu",
                                  "KÍNH GỬI: Hội đồng sáng kiến phường Hải Châu"])
def test_addressee_with_footnote_digit_or_capitals(line):
    assert value([line], "addressee") == "Hội đồng sáng kiến phường Hải Châu"


def test_a_report_without_kinh_gui_has_no_addressee_by_form_and_no_doubt_about_it():
    report = ["BÁO CÁO MÔ TẢ SÁNG KIẾN", "Tên sáng kiến: " + TITLE, "Tác giả: Nguyễn Văn An"]
    extraction = extract_fields(doc(*report))
    assert extraction.fields["addressee"].absent and extraction.fields["addressee"].value is None
    assert extraction.provenance()["addressee"]["absent"] is True
    assert "absent" not in extraction.provenance()["title"]


@pytest.mark.parametrize("heading", ["ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", "Đơn đề nghị xét công nhận sáng kiến",
                                     "1. ĐƠN ĐĂNG KÝ CÔNG NHẬN SÁNG KIẾN"])
def test_an_application_form_without_kinh_gui_leaves_the_addressee_in_doubt(heading):
    found = field([heading, "Tên sáng kiến: " + TITLE, "Tác giả: Nguyễn Văn An"], "addressee")
    assert not found.absent and found.value is None and found.confidence < 0.8


@pytest.mark.parametrize("spelling", ["Tỉ lệ đóng góp", "Tỷ lệ đóng góp",
                                      "Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến"])
def test_i_y_spellings_of_the_contribution_label(spelling):
    lines = ["Họ và tên: Phạm Thị Mai", f"{spelling}: 60%"]
    assert value(lines, "authors")[0]["contribution_pct"] == 60.0


def test_tone_placement_variants_fold_alike():
    lines = ["Lĩnh vực áp dụng: Văn hoá - Xã hội", "Tên sáng kiến: Tự động hoá ghi chỉ số công tơ",
             "Thời gian áp dụng lần đầu: tháng 5/2024"]
    fields = extract_fields(doc(*lines)).fields
    assert fields["title"].value == "Tự động hoá ghi chỉ số công tơ"
    assert fields["first_applied"].value == "2024-05"


def test_low_ocr_confidence_lowers_field_confidence():
    lines = ["Tên sáng kiến: " + TITLE]
    assert field(lines, "title", method="ocr", conf=0.5).confidence < 0.8 <= field(lines, "title").confidence
