"""The benefit amount the way real dossiers state it: totals after items, savings tables, amounts in words, and the
money that is never a benefit (costs, tax, penalties, budgets, revenue against a target)."""

from __future__ import annotations

import pytest

from extractors.fields.benefit import money_kind, words_disagree
from extractors.fields.extract import extract_fields
from extractors.fields.money_words import find_amounts, parse_number_words
from extractors.fold import fold
from extractors.model import Document, Line, Page

LABEL = "Đánh giá lợi ích thu được do áp dụng sáng kiến theo ý kiến của tác giả:"
SIGNING = "Hải Dương, ngày 12 tháng 3 năm 2025"


def benefit(*lines, method: str = "docx"):
    """The benefit field of a one-page document; a tuple is a table row (its cells)."""
    built = tuple(Line(" | ".join(x), cells=tuple(x)) if isinstance(x, tuple) else Line(x) for x in lines)
    return extract_fields([Document("t.docx", (Page("t.docx", 1, built, method),))]).fields["benefit"]


# ---- number words ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("words, value", [
    ("mười hai triệu năm trăm nghìn", 12_500_000),
    ("Bốn mươi mốt triệu hai trăm nghìn", 41_200_000),
    ("một tỷ hai trăm năm mươi triệu", 1_250_000_000),
    ("một tỉ hai trăm năm mươi triệu", 1_250_000_000),
    ("hai mươi lăm triệu", 25_000_000),
    ("ba mươi nhăm nghìn", 35_000),
    ("ba trăm linh năm nghìn", 305_000),
    ("ba trăm lẻ năm nghìn", 305_000),
    ("hai mươi tư triệu", 24_000_000),
    ("mười bốn triệu", 14_000_000),
    ("mười lăm ngàn", 15_000),
    ("hai tỷ không trăm linh năm triệu", 2_005_000_000),
    ("hai tỷ lẻ năm triệu", 2_005_000_000),
    ("chín mươi chín triệu chín trăm chín mươi chín nghìn", 99_999_000),
    ("một triệu tư", 1_400_000),
    ("hai tỷ rưỡi", 2_500_000_000),
    ("ba chục triệu", 30_000_000),
    ("MƯỜI TRIỆU", 10_000_000),
    ("mot ty hai tram trieu", 1_200_000_000),  # OCR without tones
    ("12 triệu 500 nghìn", 12_500_000),
    ("không", 0),
])
def test_number_words(words, value):
    assert parse_number_words(words) == value


@pytest.mark.parametrize("words", ["triệu", "trăm", "mươi mươi", "lăm", "hai trăm năm", "nghìn triệu", "mười mươi",
                                   "một nghìn hai nghìn", "abc", "linh năm", ""])
def test_what_is_no_number_is_refused(words):
    assert parse_number_words(words) is None


@pytest.mark.parametrize("text, found", [
    ("Sáng kiến làm lợi năm mươi triệu đồng mỗi năm.", [(50_000_000, "năm mươi triệu đồng", True)]),
    ("(Bằng chữ: Mười hai triệu năm trăm nghìn đồng chẵn)", [(12_500_000, "Mười hai triệu năm trăm nghìn đồng", True)]),
    ("Bằng chữ: bốn mươi mốt triệu hai trăm nghìn", [(41_200_000, "bốn mươi mốt triệu hai trăm nghìn", True)]),
    ("tiết kiệm 12 triệu 500 nghìn đồng/năm", [(12_500_000, "12 triệu 500 nghìn đồng", False)]),
    ("Sau hai năm làm lợi 15 triệu đồng", [(15_000_000, "15 triệu đồng", False)]),
    ("Bà Lan, năm 2023, sau ba tháng", []),
])
def test_money_in_words_is_found_in_a_sentence(text, found):
    assert [(a.amount, text[a.start:a.end], a.in_words) for a in find_amounts(text)] == found


# ---- totals after items ------------------------------------------------------------------------------------

def test_a_total_line_after_items_wins_and_words_that_agree_raise_the_confidence():
    field = benefit(LABEL, "- Tiết kiệm giấy in: 3.200.000 đồng/năm", "- Tiết kiệm điện: 1.500.000 đồng/năm",
                    "- Tiết kiệm công chấm bài quy đổi: 36.500.000 đồng/năm",
                    "TỔNG SỐ TIỀN LÀM LỢI: 41.200.000 đồng/năm",
                    "(Bằng chữ: Bốn mươi mốt triệu hai trăm nghìn đồng)", SIGNING)
    assert field.value["amount_vnd"] == 41_200_000 and field.value["per_year"] is True
    assert field.rule_id == "danh-gia-loi-ich/total+words" and field.confidence >= 0.9
    assert "TỔNG SỐ TIỀN" in field.snippet and not field.doubts


def test_a_savings_table_total_row_wins_over_the_items_and_the_cost_line_before_it():
    field = benefit("Hiệu quả kinh tế:", "Kinh phí thực hiện sáng kiến: 12 triệu đồng.",
                    ("STT", "Khoản tiết kiệm", "Số tiền tiết kiệm (đồng/năm)"),
                    ("1", "Giấy, mực in", "8.400.000"), ("2", "Điện năng", "2.750.000"),
                    ("3", "Xăng xe đi lại", "5.000.000"), ("", "TỔNG CỘNG", "16.150.000"), SIGNING)
    assert field.value["amount_vnd"] == 16_150_000 and field.value["per_year"] is True
    assert field.rule_id == "hieu-qua-loi-ich/total" and field.confidence >= 0.8


def test_a_table_comparing_costs_before_and_after_gives_the_saving_column():
    field = benefit(LABEL, "Đơn vị tính: triệu đồng",
                    ("Nội dung", "Chi phí trước khi áp dụng", "Chi phí sau khi áp dụng", "Chênh lệch"),
                    ("Văn phòng phẩm", "45,0", "30,5", "14,5"), ("Công tác phí", "120", "96", "24"),
                    ("Tổng", "165", "126,5", "38,5"), SIGNING)
    assert field.value["amount_vnd"] == 38_500_000 and field.rule_id == "danh-gia-loi-ich/total"


def test_bare_figures_take_the_unit_announced_above_the_table():
    field = benefit(LABEL, "ĐVT: đồng", ("TT", "Nội dung", "Thành tiền"),
                    ("1", "Tiết kiệm văn phòng phẩm", "6.300.000"), ("2", "Tiết kiệm điện", "1.900.000"),
                    ("", "Cộng", "8.200.000"), SIGNING)
    assert field.value["amount_vnd"] == 8_200_000


def test_itemised_savings_without_a_total_are_summed_with_a_lower_confidence():
    field = benefit(LABEL, "- Tiết kiệm giấy in: 3.200.000 đồng/năm", "- Tiết kiệm điện: 1.500.000 đồng/năm", SIGNING)
    assert field.value["amount_vnd"] == 4_700_000 and field.rule_id.endswith("/sum_of_items")
    assert field.confidence < 0.8


def test_items_of_different_periods_are_not_summed():
    field = benefit(LABEL, "- Tiết kiệm mua sắm thiết bị: 30.000.000 đồng", "- Tiết kiệm điện: 1.500.000 đồng/năm",
                    SIGNING)
    assert field.value["amount_vnd"] == 30_000_000 and field.confidence < 0.8


def test_a_headline_whose_items_add_up_to_it_is_sure():
    field = benefit(LABEL, "Sáng kiến làm lợi 41,2 triệu đồng mỗi năm, cụ thể:",
                    "- Tiết kiệm giấy in: 4.700.000 đồng/năm", "- Tiết kiệm công quy đổi: 36.500.000 đồng/năm", SIGNING)
    assert field.value["amount_vnd"] == 41_200_000 and field.rule_id.endswith("/labelled") and field.confidence >= 0.8


# ---- amounts in words ----------------------------------------------------------------------------------------

def test_an_amount_only_in_words_is_found_with_a_lower_confidence():
    field = benefit(f"{LABEL} Sáng kiến làm lợi mười hai triệu năm trăm nghìn đồng mỗi năm.", SIGNING)
    assert field.value["amount_vnd"] == 12_500_000 and field.value["per_year"] is True
    assert field.rule_id.endswith("/words_only") and field.confidence < 0.8


def test_figures_and_words_that_disagree_are_doubted():
    field = benefit(f"{LABEL} Số tiền làm lợi: 41.200.000 đồng (Bằng chữ: Bốn mươi triệu hai trăm nghìn đồng).",
                    SIGNING)
    assert field.value["amount_vnd"] == 41_200_000
    assert field.doubts == ("words-disagree",) and field.confidence < 0.8


def test_words_disagree_only_when_the_words_follow_the_same_figures():
    assert words_disagree("41.200.000 đồng (bằng chữ: bốn mươi triệu đồng)", 41_200_000)
    assert not words_disagree("41.200.000 đồng (bằng chữ: bốn mươi mốt triệu hai trăm nghìn đồng)", 41_200_000)
    assert not words_disagree("Kinh phí 40 triệu đồng. Làm lợi 41.200.000 đồng.", 41_200_000)


# ---- money that is not a benefit ---------------------------------------------------------------------------

@pytest.mark.parametrize("context, kind", [
    ("kinh phi thuc hien: ", "cost"), ("chi phi dau tu ban dau ", "cost"), ("tong du toan ", "cost"),
    ("so thue no dong da thu hoi ", "not_benefit"), ("thu thue tang ", "not_benefit"),
    ("xu phat vi pham hanh chinh ", "not_benefit"), ("doanh thu dat ", "not_benefit"),
    ("tiet kiem cho ngan sach nha nuoc ", "gain"), ("giam chi phi van hanh ", "gain"), ("lam loi ", "gain"),
    ("tang doanh thu ", "gain"), ("ngan sach cap ", "cost"), ("cac can bo ", None),
    ("tiet kiem chi phi mua sam: ", "gain"), ("chi phi tiet kiem duoc: ", "gain"),
    ("tiet kiem thoi gian voi kinh phi dau tu ", "cost"),
])
def test_money_kind_by_the_nearest_words(context, kind):
    assert money_kind(fold(context)) == kind


@pytest.mark.parametrize("sentence", [
    "Kinh phí thực hiện: 12 triệu đồng.",
    "Chi phí đầu tư ban đầu 45.000.000 đồng.",
    "Năm 2024 đơn vị thu thuế 3,2 tỷ đồng, vượt 8% dự toán.",
    "Số thuế nợ đọng giảm từ 1,5 tỷ đồng xuống 900 triệu đồng.",
    "Đã xử phạt vi phạm hành chính 42 triệu đồng.",
    "Doanh thu đạt 5,6 tỷ đồng, hoàn thành 104% kế hoạch.",
    "Dự toán ngân sách được giao 2,1 tỷ đồng.",
])
def test_money_that_is_no_benefit_is_never_the_amount(sentence):
    field = benefit(f"Hiệu quả kinh tế: {sentence} Người dân hài lòng hơn.", SIGNING)
    assert field.value["amount_vnd"] is None


def test_a_gain_beside_tax_and_budget_figures_is_the_benefit():
    field = benefit(LABEL, "Năm 2024 chi cục thu thuế 12,4 tỷ đồng, đạt 103% dự toán; số thuế nợ đọng còn 800 triệu",
                    "đồng.", "Sáng kiến giúp tiết kiệm cho ngân sách nhà nước 85 triệu đồng/năm.", SIGNING)
    assert field.value["amount_vnd"] == 85_000_000 and field.confidence >= 0.8


def test_the_other_partys_assessment_is_another_section():
    field = benefit(LABEL, "Sáng kiến làm lợi 20 triệu đồng/năm.",
                    "Đánh giá lợi ích thu được theo ý kiến của tổ chức, cá nhân đã tham gia áp dụng sáng kiến:",
                    "Đồng ý; làm lợi 25 triệu đồng/năm.", SIGNING)
    assert field.value["amount_vnd"] == 20_000_000 and field.rule_id == "danh-gia-loi-ich/labelled"


def test_a_range_is_an_estimate_not_an_amount():
    field = benefit("Hiệu quả kinh tế gián tiếp:",
                    "- Giá trị làm lợi quy đổi ước đạt từ 30 - 45 triệu đồng/tháng (khoảng 400 đến 500 triệu",
                    "đồng/năm).",
                    SIGNING)
    assert field.value["amount_vnd"] is None


def test_a_range_in_a_tables_cell_is_an_estimate_too():
    field = benefit("V. HIỆU QUẢ KINH TẾ", ("Chỉ tiêu", "Giá trị ước tính"),
                    ("Chi phí nhân công giảm", "khoảng 40 - 60 triệu đồng/tháng"),
                    ("Giá trị làm lợi quy đổi", "khoảng 500 - 700 triệu đồng/năm"), SIGNING)
    assert field.value["amount_vnd"] is None
    single = benefit("V. HIỆU QUẢ KINH TẾ", ("Chỉ tiêu", "Giá trị"),
                     ("Giá trị làm lợi quy đổi", "650 triệu đồng/năm"), SIGNING)
    assert single.value["amount_vnd"] == 650_000_000


def test_every_amount_the_generator_spells_parses_back():
    import random

    from samples.gen_forms_real_benefit import amount_in_words

    rng = random.Random(16)
    amounts = [rng.randint(1, 99_999) * 100_000 for _ in range(300)] + [1_000_000_005, 2_010_000_000, 15_000, 21_000]
    for amount in amounts:
        words = amount_in_words(amount, rng)
        assert parse_number_words(words.removesuffix(" đồng")) == amount, words


def test_sub_sections_of_a_numbered_benefit_heading_and_the_grand_total_after_sub_totals():
    field = benefit("IV. GIÁ TRỊ LÀM LỢI CỦA GIẢI PHÁP", "1. Trước khi áp dụng:",
                    "- Chi phí nhân công: 6.000.000 VNĐ/tháng.", "2. Sau khi áp dụng:",
                    "- Chi phí nhân công mới: 1.000.000 VNĐ/tháng.",
                    "- Tổng tiền tiết kiệm nhân công: 5.000.000 VNĐ/tháng.", "3. Tổng hợp:",
                    "- Tổng lợi ích kinh tế trong 01 năm: 60.000.000 VNĐ.", "V. HIỆU QUẢ XÃ HỘI",
                    "Cán bộ đỡ vất vả; tiết kiệm thêm 2 triệu đồng tiền giấy.", SIGNING)
    assert field.value["amount_vnd"] == 60_000_000 and field.value["per_year"] is True
    assert field.rule_id == "lam-loi-heading/total" and field.confidence >= 0.8


def test_a_last_total_smaller_than_an_earlier_one_is_doubted():
    field = benefit(LABEL, "- Tổng số tiền làm lợi năm đầu: 90.000.000 đồng.",
                    "- Tổng số tiền làm lợi các năm sau: 30.000.000 đồng/năm.", SIGNING)
    assert field.value["amount_vnd"] == 30_000_000 and field.rule_id.endswith("/last_of_totals")
    assert field.confidence < 0.8


def test_a_heading_does_not_lend_its_words_to_the_next_paragraph():
    field = benefit("IV. GIÁ TRỊ LÀM LỢI CỦA GIẢI PHÁP", "Đơn giá nhân công bình quân 80.000 đồng/giờ",
                    "Sáng kiến tiết kiệm 12 triệu đồng mỗi năm.", SIGNING)
    assert field.value["amount_vnd"] == 12_000_000 and field.rule_id == "lam-loi-heading/labelled"


@pytest.mark.parametrize("text, amount", [("1.6 tỷ đồng/năm", 1_600_000_000), ("~2.2 tỷ VND", 2_200_000_000),
                                          ("12.5 triệu đồng", 12_500_000), ("1.600 triệu đồng", 1_600_000_000),
                                          ("1,6 tỷ đồng", 1_600_000_000)])
def test_a_dot_before_one_or_two_digits_and_a_scale_word_is_a_decimal_point(text, amount):
    assert [a.amount for a in find_amounts(text)] == [amount]


def test_subsections_under_a_benefit_heading_are_one_section_whose_total_comes_last():
    """"V. HIỆU QUẢ KINH TẾ" over "5.1 …" … "5.3. Tổng hiệu quả": each subsection's tables are items, the last
    table's bare "Tổng" row (of gains only) is the benefit, though the tables' rows outnumber the section limit."""
    filler = [("Chỉ số", "Giá trị")] + [(f"Chỉ số phụ {i}", f"{i} giờ") for i in range(1, 30)]
    field = benefit("V. HIỆU QUẢ KINH TẾ", "5.1. Tiết kiệm thời gian cho công nhân", *filler,
                    ("Quy đổi năm", "1.6 tỷ/năm"),
                    "5.2. Tiết kiệm nhiên liệu", ("Chỉ số", "Giá trị"), ("Tổng tiết kiệm vận chuyển", "420 triệu/năm"),
                    "5.3. Tổng hiệu quả năm đầu", ("Hạng mục", "Giá trị"), ("Tiết kiệm tiền lương", "1.6 tỷ/năm"),
                    ("Tiết kiệm xăng xe", "420 triệu/năm"), ("Tổng", "2.02 tỷ đồng/năm"),
                    "VI. KHẢ NĂNG ÁP DỤNG", "Áp dụng cho các đơn vị cùng ngành.", SIGNING)
    assert field.value["amount_vnd"] == 2_020_000_000 and field.rule_id.endswith("/total")


def test_saving_wages_is_a_gain_and_paying_wages_is_none():
    assert money_kind(fold("tiết kiệm tiền lương")) == "gain"
    assert money_kind(fold("quỹ lương")) == "not_benefit"


def test_an_item_numbered_afresh_under_a_subsection_loses_to_the_total():
    """"1.2. Cách tính" then items numbered "1." "2." as labelled savings, then the total line: the total wins."""
    field = benefit("1. Hiệu quả kinh tế", "1.1. So sánh chi phí",
                    ("STT", "Hạng mục", "Tiết kiệm"), ("1", "In ấn thông báo", "1.300.000 đ"),
                    ("2", "Thuê hosting", "3.000.000 đ"), ("", "TỔNG CỘNG", "4.300.000 đ/năm"),
                    "1.2. Cách tính chi tiết số tiền làm lợi",
                    "1. Tiết kiệm chi phí in ấn: 1.300.000 đ/năm", "- Trước: 1.500.000 đ; sau: 200.000 đ",
                    "2. Tiết kiệm chi phí hosting: 3.000.000 đ/năm",
                    "TỔNG SỐ TIỀN LÀM LỢI: 4.300.000 đồng/năm", "2. Hiệu quả xã hội", SIGNING)
    assert field.value["amount_vnd"] == 4_300_000


@pytest.mark.parametrize("text, amounts", [("tiết kiệm 672.300.000. VNĐ/năm", [672_300_000]),
                                           ("Năm 2023. Đồng thời giảm thời gian chờ.", [])])
def test_a_speck_read_as_a_full_stop_after_a_grouped_figure_is_passed_over(text, amounts):
    assert [a.amount for a in find_amounts(text)] == amounts
