"""Confidence from independent agreement (issue #16): a weak strategy stays under the review threshold (0.8) alone
and rises over it when a second, independent source names the same value; plausibility doubts tuned on the
calibration evidence (bench/calibration.py)."""

from __future__ import annotations

from extractors.fields.agreement import agreement, sector_agreement, sector_opinions
from extractors.fields.extract import extract_fields
from extractors.fields.lines import MISSING, Extracted
from extractors.fields.plausibility import _foreign, checks, context_of, doubts
from extractors.fields.sector import classify
from extractors.fields.syllables import odd_words, stray_marks
from extractors.model import Document, Line, Page

THRESHOLD = 0.8


def docs(*lines: str) -> list[Document]:
    return [Document("t.docx", (Page("t.docx", 1, tuple(Line(x) for x in lines), "docx"),))]


# ------------------------------------------------------------------------------------------------ sector


def test_two_opinions_naming_the_code_agree():
    opinions = sector_opinions(None, {"giao-duc": 0.9, "cntt": 0.1}, {"giao-duc": 0.8, "y-te": 0.2})
    assert opinions == {"title": "giao-duc", "text": "giao-duc"}
    confidence, sources = sector_agreement("giao-duc", opinions, raw_codes=0)
    assert confidence >= THRESHOLD and sources == "title-text"


def test_an_unclear_source_gives_no_opinion():
    rules = agreement().sector
    opinions = sector_opinions(None, {"xay-dung": rules.title_min_probability - 0.01, "cntt": 0.3},
                               {"cntt": rules.text_min_share - 0.01, "giao-duc": 0.3})
    assert opinions == {}
    assert sector_agreement("xay-dung", opinions, raw_codes=0) is None


def test_one_opinion_is_no_agreement():
    assert sector_agreement("cntt", {"raw": "cntt", "title": "xay-dung"}, raw_codes=1) is None


def test_a_written_sector_naming_several_codes_is_lifted_only_without_dissent():
    # "Giáo dục, Công nghệ thông tin" decided as its first field: the title's classifier agreeing with that field
    # lifts it, unless the text's keywords name the other part (then which part the author meant is open)
    assert sector_agreement("giao-duc", {"raw": "giao-duc", "title": "giao-duc"}, raw_codes=2)[1] == "raw-title"
    assert sector_agreement("giao-duc", {"raw": "giao-duc", "title": "giao-duc", "text": "cntt"}, raw_codes=2) is None
    assert sector_agreement("giao-duc", {"raw": "giao-duc", "title": "cntt", "text": "cntt"}, raw_codes=2) is None
    # with one code written, two agreeing opinions outweigh a third, as before
    assert sector_agreement("cntt", {"raw": "cntt", "title": "cntt", "text": "y-te"}, raw_codes=1) is not None


BODY = ("Trường Tiểu học Hòa Bình. Giáo viên chủ nhiệm lớp dạy học sinh tiểu học môn Toán; nhà trường bồi dưỡng "
        "giáo viên, học sinh tiến bộ trong giảng dạy và học tập.")


def test_title_and_text_agreeing_make_the_sector_confident():
    found = classify(MISSING, "Một số biện pháp nâng cao chất lượng dạy học môn Toán cho học sinh lớp 5", BODY)
    assert found.value["code"] == "giao-duc"
    assert found.confidence >= THRESHOLD and found.rule_id.endswith("+agreed-title-text")


def test_title_alone_against_the_text_stays_unsure():
    text = "Phần mềm quản lý dữ liệu trực tuyến; hệ thống thông tin, chuyển đổi số, số hóa dữ liệu, phần mềm."
    found = classify(MISSING, "Giám sát sạt trượt taluy và bảo trì cầu đường trên tuyến đường sắt", text)
    assert found.confidence < THRESHOLD and "agreed" not in found.rule_id


def test_a_split_written_sector_stays_unsure_whatever_agrees():
    raw = Extracted("Giáo dục, Công nghệ thông tin", 0.9, "t.docx", 1, None, "linh-vuc")
    found = classify(raw, "Xây dựng phần mềm quản lý dữ liệu trực tuyến",
                     "Phần mềm, dữ liệu, chuyển đổi số, hệ thống thông tin, phần mềm trực tuyến.")
    assert found.confidence < THRESHOLD


# ------------------------------------------------------------------------------------------------ unit


def test_a_department_label_and_the_signing_block_naming_it_agree():
    fields = extract_fields(docs("BÁO CÁO SÁNG KIẾN", "Tên sáng kiến: Giảm nhiễm khuẩn ở trẻ đẻ non",
                                 "Khoa, phòng: Hồi sức tích cực", "XÁC NHẬN CỦA KHOA HỒI SỨC TÍCH CỰC",
                                 "Nguyễn Văn Bình")).fields
    assert fields["unit"].value.casefold() == "khoa hồi sức tích cực"
    assert fields["unit"].confidence >= THRESHOLD  # the signing block alone: 0.65
    assert set(fields["unit"].rule_id.split("+")) == {"unit-department-label", "unit-signature"}


def test_a_department_label_alone_stays_unsure():
    unit = extract_fields(docs("BÁO CÁO SÁNG KIẾN", "Tên sáng kiến: Giảm nhiễm khuẩn ở trẻ đẻ non",
                               "Khoa, phòng: Hồi sức tích cực")).fields["unit"]
    assert (unit.value, unit.rule_id) == ("Khoa Hồi sức tích cực", "unit-department-label")
    assert unit.confidence < THRESHOLD


# ------------------------------------------------------------------------------------------------ doubts


def _title_doubts(title: str) -> list[str]:
    found = Extracted(title, 0.9, "s.pdf", 1, title, "ten-sang-kien")
    return doubts("title", found, context_of(title, {("s.pdf", 1)}))


def test_plain_latin_words_in_an_ocr_title_are_no_misread():
    assert _title_doubts("Ứng dụng AI Agent Hermes giám sát sạt trượt") == []
    assert _title_doubts("Phòng thí nghiệm ảo (Virtual Lab) trên nền tảng Docker") == []
    assert _title_doubts("Tích hợp QR Code & Quản lý khách đoàn") == []


def test_misreads_stay_odd_words():
    known, foreign = frozenset(checks().known_words), _foreign(checks().foreign_word)
    assert odd_words("thành phố Tam Sng", known, foreign) == ["Sng"]  # no vowel
    assert odd_words("nâng cao tmong lớp", known, foreign) == ["tmong"]  # lower case: a word of the sentence
    assert odd_words("h Cải tiến dây đai", known, foreign) == ["h"]  # one letter
    assert _title_doubts("Số hóa sổ theo dõi tại Tam Sng") == ["odd-word"]


def test_a_marked_letter_among_digits_is_a_misread_digit_but_a_class_or_a_year_is_not():
    known, foreign = frozenset(checks().known_words), _foreign(checks().foreign_word)
    assert odd_words("CHƯƠNG TRÌNH GIÁO DỤC PHỔ THÔNG 2Ù18", known, foreign) == ["2Ù18"]
    assert odd_words("học sinh lớp 6A năm học 2023-2024 tại HĐ2", known, foreign) == []


def test_a_dash_run_into_a_speck_is_a_stray_mark():
    assert stray_marks("Khoa Điện -. Điện tử") == ["-."]
    assert stray_marks("Khoa Điện - Điện tử") == []
