"""Money, date, percentage and name notations as written in real dossiers (shared/domain.md)."""

import re

import pytest

from extractors.fields.values import clean_name, find_money, looks_like_name, parse_date, parse_percent, split_names
from extractors.fold import fold, squash


@pytest.mark.parametrize("text, amount", [
    ("150 triệu đồng", 150_000_000),
    ("150.000.000 đồng", 150_000_000),
    ("150.000.000đ", 150_000_000),
    ("150.000.000 VNĐ", 150_000_000),
    ("1,25 tỷ đồng", 1_250_000_000),
    ("1.250.000.000 đ", 1_250_000_000),
    ("15,9 tỷ đồng/năm", 15_900_000_000),
    ("hơn 22 tỷ đồng", 22_000_000_000),
    ("khoảng 85 triệu đồng mỗi năm", 85_000_000),
    ("0 đồng", 0),
    ("150 TRIỆU ĐỒNG", 150_000_000),
])
def test_money_notations(text, amount):
    assert [m.amount for m in find_money(text)] == [amount]


def test_money_spans_point_into_the_original_text():
    text = "Kinh phí đầu tư 30 triệu đồng, làm lợi 1,25 tỷ đồng."
    found = find_money(text)
    assert [text[m.start:m.end] for m in found] == ["30 triệu đồng", "1,25 tỷ đồng"]


def test_years_and_plain_numbers_are_not_money():
    assert find_money("năm 2023 có 35 học sinh") == []


def test_an_ocr_read_d_after_a_figure_in_millions_is_the_currency_but_not_after_a_small_number():
    assert [m.amount for m in find_money("bảo dưỡng khoảng 122.000.000 ở mỗi năm")] == [122_000_000]
    assert find_money("giảm 12 ở mỗi lớp, 2.500 ở kho") == []


@pytest.mark.parametrize("text, value", [
    ("05/9/2023", "2023-09-05"),
    ("15/11/2025", "2025-11-15"),
    ("ngày 05 tháng 9 năm 2023", "2023-09-05"),
    ("ngày 13  tháng 11 năm 2014", "2014-11-13"),
    ("ngày 27 tng 10 năm 2015", "2015-10-27"),
    ("tháng 9/2015", "2015-09"),
    ("Từ tháng 9 năm 2015", "2015-09"),
    ("năm học 2022 - 2023", "2022"),
    ("NGÀY 05 THÁNG 9 NĂM 2023", "2023-09-05"),
    ("ngày 04 tháng 7_năm 2021", "2021-07-04"),  # OCR: a speck or a rule read between the words
    ("ngày 20 tháng-10 năm 2014", "2014-10-20"),
    ("tháng 7_năm 2021", "2021-07"),
])
def test_date_notations(text, value):
    assert parse_date(text)[0] == value


def test_date_rejects_impossible_values_and_absent_dates():
    assert parse_date("45/13/2023") is None
    assert parse_date("không có") is None


def test_first_date_wins():
    assert parse_date("ngày 05 tháng 9 năm 2023 tại trường, đến 15/11/2024")[0] == "2023-09-05"


@pytest.mark.parametrize("text, value", [("60%", 60.0), ("33,3 %", 33.3), ("100", 100.0), ("", None), ("250%", None)])
def test_percent(text, value):
    assert parse_percent(text) == value


def test_names():
    honorifics = re.compile(r"^(?:(?:ths|bs|ba|ong)\.?\s+)+")
    assert clean_name("ThS. Nguyễn Thị Hương.", honorifics) == "Nguyễn Thị Hương"
    assert clean_name("1. Bà  Lê Thị Lan", honorifics) == "Lê Thị Lan"
    assert split_names("Nguyễn Văn A, Trần Thị B và Lê C") == ["Nguyễn Văn A", "Trần Thị B", "Lê C"]
    assert looks_like_name("Nguyễn Thị Hương") and not looks_like_name("Không")


def test_fold_keeps_length_and_positions():
    text = "Tên SÁNG KIẾN: Ứng dụng Đổi mới ƣu tiên"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "ten sang kien: ung dung doi moi uu tien"
    assert squash("  Trường   Mầm non ") == "truong mam non"


def test_clean_name_drops_ocr_specks_around_and_between_words():
    none = re.compile(r"x^")
    assert clean_name("Lê Thị Thuỷ _", none) == "Lê Thị Thuỷ"
    assert clean_name("Nguyễn Văn . Quang |", none) == "Nguyễn Văn Quang"


@pytest.mark.parametrize("written", ["Đ/c Phan Thị Diệu Linh", "Đíc Phan Thị Diệu Linh", "Đ/c. Phan Thị Diệu Linh",
                                     "đ1c Phan Thị Diệu Linh", "Đồng chí Phan Thị Diệu Linh"])
def test_the_comrade_honorific_is_dropped_however_ocr_wrote_its_slash(written):
    from extractors.fields.ruleset import labels

    honorifics = re.compile(labels().honorifics)
    assert clean_name(written, honorifics) == "Phan Thị Diệu Linh"
    assert clean_name("Dịch Văn Cường", honorifics) == "Dịch Văn Cường"  # a surname, not an honorific


def test_ocr_reads_no_icelandic_eth_into_vietnamese_text():
    from extractors.reading.ocr import _group_lines

    row = "5\t1\t1\t1\t1\t1\t10\t10\t40\t20\t91.5\t{}"
    [line] = _group_lines("\n".join(row.format(word) for word in ("Ð/c", "Ðặng", "Văn", "Ðức")))
    assert line.text == "Đ/c Đặng Văn Đức"
