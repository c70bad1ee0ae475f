"""Damaged labels, two labels on one line, and the choice of the first-applied date among competing ones.

Direct calls on the pure functions (extractors/fields/label_variants.py, dates.py) and small hand-built documents
through `extract_fields`, as tests/test_fields.py does.
"""

from __future__ import annotations

import pytest

from extractors.fields.dates import DateMention, choose_first_applied, date_mentions, words_dates
from extractors.fields.extract import extract_fields
from extractors.fields.label_variants import segments, snap_label
from extractors.fields.lines import label_key
from extractors.fold import fold
from extractors.model import Document, Line, Page
from samples.gen_forms_real_labels import number_words
from tests.test_fields import TITLE, field, value


def key(text: str) -> str:
    return label_key(fold(text))


# ---- snapping ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, field_name, phrase", [
    ("Lãnh vực áp dụng sáng kiến: Giáo dục", "sector_raw", "linh vuc ap dung sang kien"),
    ("Ngày áp dụg lần đầu: 5/9/2023", "first_applied", "ngay ap dung lan dau"),
    ("Tênsáng kiến: Sổ tay điện tử", "title", "ten sang kien"),
    ("3. Lĩnh vự c áp dụng: Y tế", "sector_raw", "linh vuc ap dung"),
    ("Đơn vị côngtác: Trường THCS Hoà Bình", "unit", "don vi cong tac"),
])
def test_a_damaged_label_snaps_to_its_canonical_phrase(line, field_name, phrase):
    found = snap_label(key(line))
    assert (found.field, found.phrase) == (field_name, phrase)


@pytest.mark.parametrize("line", [
    "Nơi áp dụng sáng kiến: Trường THCS Hoà Bình",  # a label of no field, near "Ngày áp dụng …"
    "Thời gian nghiên cứu: từ tháng 9/2022",  # a research period, not the first application
    "Phục vụ: nhân dân",  # one letter from "Chức vụ", but too short a label to snap
    "Kết quả khảo sát: 92% hài lòng",
    "Trong năm qua, đơn vị đã làm được: ba việc",  # prose before a colon
    "4 Lĩnh vực áp dụng: Giáo dục",  # already a label: nothing to mend
])
def test_near_misses_and_ordinary_lines_do_not_snap(line):
    assert snap_label(key(line)) is None


def test_a_snapped_label_gives_its_value_with_lower_confidence_and_says_so():
    lines = ["Tênsáng kiến: Sổ tay điện tử cho giáo viên chủ nhiệm", "Lãnh vực áp dụng: Giáo dục"]
    title = field(lines, "title")
    exact = field(["Tên sáng kiến: Sổ tay điện tử cho giáo viên chủ nhiệm"], "title")
    assert title.value == "Sổ tay điện tử cho giáo viên chủ nhiệm"
    assert title.rule_id == "ten-sang-kien+snap" and title.confidence < exact.confidence


def test_a_snapped_date_label_wins_over_a_body_sentence():
    lines = ["Giải pháp được triển khai từ tháng 3/2020 tại một số đơn vị bạn.",
             "Ngày áp dụg lần đầu: 05/9/2023"]
    found = field(lines, "first_applied")
    assert (found.value, found.rule_id) == ("2023-09-05", "ap-dung-lan-dau+snap")


# ---- two labels on a line ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line, second", [
    ("Họ và tên: Lê Văn An   Nam (nữ): Nam", "nam (nu):"),
    ("Chức vụ: Giáo viên   Đơn vị công tác: Trường THCS Hoà Bình", "don vi cong tac:"),
    ("Tên sáng kiến: Sổ tay điện tử; Lĩnh vực áp dụng: Giáo dục", "linh vuc ap dung:"),
    ("Họ và tên: Lê Văn An Ngày, tháng, năm sinh: 02/3/1985", "ngay, thang, nam sinh:"),
    ("Chức vụ: Giáo viên   Đơn vị côngtác: Trường THCS Hoà Bình", "don vi congtac:"),
])
def test_a_second_label_on_the_line_is_found(line, second):
    k = key(line)
    assert [k[start:start + len(second)] for start in segments(k)] == [second]


def test_one_label_with_a_comma_is_not_two():
    assert segments(key("Chức vụ, đơn vị công tác: Giáo viên, Trường THCS Hoà Bình")) == ()


def test_values_end_where_the_next_label_begins_and_that_label_is_read_too():
    lines = ["Tên sáng kiến: Sổ tay điện tử cho giáo viên    Lĩnh vực áp dụng: Giáo dục và đào tạo",
             "Họ và tên: Lê Thị Hoa   Nam (nữ): Nữ",
             "Ngày, tháng, năm sinh: 02/3/1985   Trình độ chuyên môn: Cử nhân",
             "Chức vụ: Giáo viên   Đơn vị công tác: Trường THCS Hoà Bình",
             "Tỷ lệ đóng góp: 100%"]
    title, authors = value(lines, "title"), value(lines, "authors")
    assert title == "Sổ tay điện tử cho giáo viên"
    assert field(lines, "sector").value["raw"] == "Giáo dục và đào tạo"
    assert authors == [{"name": "Lê Thị Hoa", "birth_date": "1985-03-02", "workplace": "Trường THCS Hoà Bình",
                        "position": "Giáo viên", "qualification": "Cử nhân", "contribution_pct": 100.0}]


def test_a_speck_read_as_a_quote_before_a_label_leaves_it_a_label():
    # a stamped colour scan: a co-author's block whose first label OCR read with a speck before it
    lines = [TITLE, "Họ và tên: Phạm Ngọc Anh", "Tỉ lệ đóng góp: 60%", "Đồng tác giả:", "'Họ và tên: Tạ Quang Huy",
             "Tỉ lệ đóng góp: 40%"]
    assert key("'Họ và tên: Tạ Quang Huy").startswith(" ho va ten:")
    assert [a["name"] for a in value(lines, "authors")] == ["Phạm Ngọc Anh", "Tạ Quang Huy"]


def test_a_label_right_after_another_leaves_the_first_empty():
    lines = ["Kính gửi: Chúng tôi ghi tên dưới đây:", "Tên sáng kiến: Sổ tay điện tử"]
    assert value(lines, "addressee") is None


def test_a_label_carried_onto_a_wrapped_line_ends_the_value():
    lines = ["Tên sáng kiến: Ứng dụng thiết bị bay giám sát tiến độ thi", "công Lĩnh vự áp dụng: Giao thông"]
    assert value(lines, "title", method="text") == "Ứng dụng thiết bị bay giám sát tiến độ thi công"


# ---- dates ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("ngày hai mươi tháng tám năm hai nghìn hai mươi tư", "2024-08-20"),
    ("ngày mồng năm tháng giêng năm hai không hai ba", "2023-01-05"),
    ("ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm linh năm", "2005-12-31"),
    ("tháng chín năm 2023", "2023-09"),
    ("tháng mười một năm hai nghìn hai mươi", "2020-11"),
    ("Ngày mười lăm tháng năm năm hai nghìn hai mươi mốt", "2021-05-15"),
])
def test_dates_in_words(text, want):
    assert [d[0] for d in words_dates(text)] == [want]


def test_no_date_in_ordinary_words():
    assert words_dates("ngày càng nhiều học sinh tham gia; tháng tới sẽ tổng kết") == []


@pytest.mark.parametrize("n", [1, 5, 10, 15, 21, 24, 31, 2005, 2019, 2024, 2025])
def test_the_generator_words_numbers_as_the_reader_reads_them(n):
    if n <= 31:
        assert words_dates(f"ngày {number_words(n)} tháng 3 năm 2024")[0][0] == f"2024-03-{n:02d}"
    else:
        assert words_dates(f"tháng 3 năm {number_words(n)}")[0][0] == f"{n}-03"


@pytest.mark.parametrize("text, want", [
    ("Từ tháng 9/2023 đến tháng 5/2024", "2023-09"),
    ("Nghị định 13/2012/NĐ-CP ngày 02/3/2012; áp dụng thử từ ngày 05/9/2023", "2023-09-05"),
    ("Theo Quyết định số 45/QĐ-SGD ngày 10/6/2023, sáng kiến được áp dụng ngày 5/9/2023", "2023-09-05"),
    ("Theo Kế hoạch số 12/KH-UBND ngày 3/8/2023, áp dụng thử từ ngày 5/9/2023 đến ngày 1/3/2024", "2023-09-05"),
    ("Căn cứ Thông tư 10/2020/TT-BGDĐT, đơn vị áp dụng từ ngày hai mươi tháng tám năm hai nghìn hai mươi tư",
     "2024-08-20"),
    ("Áp dụng thử từ tháng 9/2023; được công nhận ngày 12/5/2024", "2023-09"),
    ("Từ năm học 2021-2022 đến nay", "2021"),
    ("09.2023", "2023-09"),
])
def test_the_first_applied_date_among_competing_dates(text, want):
    assert choose_first_applied(date_mentions(text)).value == want


@pytest.mark.parametrize("text", [
    "Thông tư 10/2020/TT-BGDĐT ngày 20/5/2020",  # a regulation's number and date only
    "Sáng kiến được công nhận ngày 12/5/2024",  # the recognition, not the application
    "đến ngày 5/1/2024",  # the end of a period
    "Giải pháp đã áp dụng tại trường. Đà Nẵng, ngày 29 tháng 10 năm 2025",  # a glued signing line
])
def test_no_fitting_date_means_no_date(text):
    assert choose_first_applied(date_mentions(text)) is None


def test_choose_takes_the_start_over_an_earlier_plain_date():
    mentions = [DateMention("2023-08-01", 0, 8), DateMention("2023-09-05", 20, 28, "start"),
                DateMention("2024-01-05", 40, 48, "end")]
    assert choose_first_applied(mentions).value == "2023-09-05"


def test_a_label_whose_value_holds_only_other_dates_gives_no_first_applied_date():
    lines = ["Ngày sáng kiến được áp dụng lần đầu: theo Quyết định số 45/QĐ-SGD ngày 10/6/2023",
             "Ninh Bình, ngày 15 tháng 11 năm 2025"]
    found = field(lines, "first_applied")
    assert found.value is None and found.confidence < 0.5


def test_a_words_date_wrapped_onto_the_next_line_is_read_whole():
    lines = ["6. Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử: Căn cứ Nghị định số 13/2012/NĐ-CP",
             "ngày 02/3/2012 của Chính phủ, đơn vị áp", "dụng sáng kiến từ ngày 18 tháng 1 năm 2015",
             "7. Mô tả bản chất của sáng kiến: …", "Đà Nẵng, ngày 28 tháng 8 năm 2016"]
    assert value(lines, "first_applied", method="text") == "2015-01-18"


def test_a_month_in_words_wrapped_onto_its_own_line_is_no_cover_year():
    lines = ["Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử: tháng", "mười hai năm 2022",
             "Đà Nẵng, ngày 29 tháng 10 năm 2025"]
    assert value(lines, "first_applied", method="text") == "2022-12"


@pytest.mark.parametrize("label", ["10. Tháng/năm áp dụng:", "Thời gian thực hiện:"])
def test_more_first_applied_labels(label):
    assert value([label, "09.2023"], "first_applied") == "2023-09"


def test_a_typed_full_stop_before_the_colon_is_still_a_label():
    assert value(["9.Tên sáng kiến.:", "Sổ tay điện tử cho giáo viên"], "title") == "Sổ tay điện tử cho giáo viên"


@pytest.mark.parametrize("wrapped", [
    ["Tên sáng kiến: Sắp xếp kho thiết bị theo mã màu Lĩnh vực áp", "dụng: Dịch vụ khách hàng"],
    ["Tênsáng kiến: Sắp xếp kho thiết bị theo mã", "màu Lĩnh vưc áp dụg: Dịch vụ khách hàng"],
])
def test_a_second_label_wrapped_with_the_value_is_read_too(wrapped):
    assert value(wrapped, "title", method="text") == "Sắp xếp kho thiết bị theo mã màu"
    assert field(wrapped, "sector", method="text").value["raw"] == "Dịch vụ khách hàng"


@pytest.mark.parametrize("row", [("Đơn vị công tác:", "Tổ An ninh, Công an phường Phú Thọ"),
                                 ("Đơn vị công tác:", "", "Tổ An ninh, Công an phường Phú Thọ")])
def test_a_table_rows_cell_border_is_not_part_of_the_value(row):
    """A label cell ending with its colon: the value starts after the border, not with it."""
    assert value([f"Tên sáng kiến: {TITLE}", row], "unit") == "Tổ An ninh, Công an phường Phú Thọ"


@pytest.mark.parametrize("rows, want", [
    (["Thời gian áp dụng thử: Tháng 11/2025", "Ngày sáng kiến được áp dụng lần đầu: 15/11/2025"], "2025-11-15"),
    (["Ngày áp dụng lần đầu: tháng 9/2024", "Ngày áp dụng thử: 05/09/2024"], "2024-09-05"),
    # a more precise date of another month is another date: the first label keeps its own
    (["Thời gian áp dụng thử: Tháng 11/2025", "Ngày sáng kiến được áp dụng lần đầu: 15/02/2026"], "2025-11"),
])
def test_a_later_label_giving_the_same_date_more_precisely_wins(rows, want):
    found = field([f"Tên sáng kiến: {TITLE}", *rows], "first_applied")
    assert found.value == want and found.rule_id == "ap-dung-lan-dau"


def test_a_date_whose_month_word_ocr_damaged_is_still_read():
    assert first_applied_of("ngày 08 Tin 9 năm 2022") == "2022-09-08"


def first_applied_of(text: str) -> str | None:
    return value([f"Tên sáng kiến: {TITLE}", f"Ngày sáng kiến được áp dụng lần đầu: {text}"], "first_applied")


@pytest.mark.parametrize("text, want", [
    ("Việc nghiên cứu bắt đầu từ tháng 9/2025. Đến ngày 15/11/2025, trang web được áp dụng thử nghiệm lần đầu tại "
     "lớp. Tháng 12/2025 trang web được áp dụng chính thức.", "2025-11-15"),
    ("Sáng kiến được áp dụng lần đầu vào ngày 05/01/2024, sau khi khảo sát từ tháng 10/2023.", "2024-01-05"),
])
def test_the_date_a_clause_calls_the_first_use_wins_over_a_period_start(text, want):
    assert choose_first_applied(date_mentions(text)).value == want


def test_a_first_applied_heading_without_colon_takes_the_date_from_the_prose_under_it():
    found = field([f"Tên sáng kiến: {TITLE}", "5. Ngày sáng kiến được áp dụng lần đầu",
                   "Chúng tôi bắt đầu khảo sát từ tháng chín năm 2025. Đến ngày mười lăm tháng mười một năm hai nghìn "
                   "hai mươi lăm, trang web được áp dụng thử nghiệm lần đầu tiên tại lớp.", "PHẦN II: MÔ TẢ GIẢI PHÁP"],
                  "first_applied")
    assert (found.value, found.rule_id) == ("2025-11-15", "ap-dung-lan-dau-heading") and found.confidence < 0.8


@pytest.mark.parametrize("text, want", [
    ("Nghiên cứu từ tháng 01/2026, ứng dụng chính thức từ tháng 03/2026 trên toàn bộ dây chuyền", "2026-03"),
    ("Khảo sát số liệu từ tháng 01/2026; thử nghiệm trên dây chuyền từ tháng 02/2026; vận hành chính thức từ tháng "
     "03/2026", "2026-02"),
    ("Nghiên cứu và áp dụng từ tháng 9/2024", "2024-09"),  # one clause that also applies it: its start counts
])
def test_a_research_or_survey_phase_start_is_not_the_first_use(text, want):
    assert choose_first_applied(date_mentions(text)).value == want


def test_a_heading_answered_by_a_long_wrapped_paragraph_is_read_to_its_date():
    """A text layer wraps the prose under a colon-less heading over more lines than a label's value usually takes;
    the date that the prose calls the first use is on its fifth line."""
    prose = ["Hành trình thực hiện sáng kiến bắt đầu từ tháng chín năm", "hai nghìn hai mươi lăm, khi chúng tôi",
             "tiến hành khảo sát nhu cầu thực tế của phụ huynh và", "bước vào giai đoạn thiết kế trang web. Đến ngày",
             "mười lăm tháng mười một năm hai nghìn hai mươi lăm,", "trang web chính thức được áp dụng lần đầu."]
    found = field([f"Tên sáng kiến: {TITLE}", "5. Ngày sáng kiến được áp dụng lần đầu", *prose,
                   "PHẦN II: MÔ TẢ GIẢI PHÁP"], "first_applied", method="text")
    assert found.value == "2025-11-15"


def test_a_date_wrapped_onto_a_line_that_reads_like_a_place_and_date_is_still_the_value():
    """"tháng 3 năm 2021, Ngày …" opens like a signing line ("Hà Nội, ngày …") but no place starts with a date."""
    lines = [f"Tên sáng kiến: {TITLE}", "4. Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử: Từ ngày 10",
             "tháng 3 năm 2021, ngày bắt đầu luân chuyển tài liệu đến các thư viện xã."]
    assert value(lines, "first_applied", method="text") == "2021-03-10"


def test_a_colon_less_heading_ends_the_title_under_the_heading_before_it():
    lines = ["Tên sáng kiến", "Giải pháp tự động tổng hợp báo cáo kỹ thuật hằng ngày từ hệ thống điều hành",
             "phục vụ công tác chỉ đạo tại trung tâm", "Thời điểm bắt đầu áp dụng", "[Điền thời điểm áp dụng]"]
    assert value(lines, "title", method="text") == ("Giải pháp tự động tổng hợp báo cáo kỹ thuật hằng ngày từ hệ "
                                                    "thống điều hành phục vụ công tác chỉ đạo tại trung tâm")


# ---- a field the dossier does not state ------------------------------------------------------------------------

REPORT = ["BÁO CÁO MÔ TẢ SÁNG KIẾN", f"Tên sáng kiến: {TITLE}", "Tác giả: Phan Minh Khôi"]


@pytest.mark.parametrize("name, rule_id", [("first_applied", "form-without-first-applied"),
                                           ("benefit", "form-without-benefit")])
def test_a_report_that_states_no_such_item_has_it_absent_not_doubted(name, rule_id):
    found = field(REPORT, name)
    assert (found.value, found.absent, found.rule_id) == (None, True, rule_id) and found.confidence >= 0.8


@pytest.mark.parametrize("name", ["first_applied", "benefit"])
def test_an_application_form_asks_for_every_item_so_an_empty_one_stays_a_doubt(name):
    found = field(["ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", *REPORT[1:]], name)
    assert (found.value, found.absent, found.confidence) == (None, False, 0.0)


@pytest.mark.parametrize("line, name", [("Ngày sáng kiến được áp dụng lần đầu: chưa áp dụng", "first_applied"),
                                        ("Hiệu quả, lợi ích thu được:", "benefit")])
def test_a_label_whose_value_was_not_read_is_a_doubt_even_on_a_report(line, name):
    found = field([*REPORT, line], name)
    assert found.value is None and not found.absent and found.confidence < 0.8


@pytest.mark.parametrize("name", ["first_applied", "benefit"])
def test_a_report_read_well_by_ocr_that_shows_no_such_item_is_as_sure_as_the_reading(name):
    sure, poor = field(REPORT, name, method="ocr", conf=0.95), field(REPORT, name, method="ocr", conf=0.7)
    assert sure.value is None and sure.confidence >= 0.8 and sure.rule_id.endswith("+ocr")
    assert poor.value is None and poor.confidence < 0.8  # a poor scan may hide the label
    assert not sure.absent and not poor.absent  # either counts towards the record's lowest confidence


@pytest.mark.parametrize("name", ["first_applied", "benefit"])
def test_a_label_shaped_line_ocr_read_badly_keeps_the_empty_field_a_doubt(name):
    """OCR may have damaged the label past recognition: nothing read is no proof that nothing is written."""
    lines = (*(Line(text, conf=0.97) for text in REPORT), Line("Th~ờ1 g!a ằ đ: 0l/2O24", conf=0.45))
    found = extract_fields([Document("t.pdf", (Page("t.pdf", 1, lines, "ocr"),))]).fields[name]
    assert found.value is None and not found.absent and found.confidence < 0.8
