"""Plausibility checks: what makes a wrong field's confidence fall under the review threshold."""

from __future__ import annotations

import pytest

from extractors.fields.extract import extract_fields
from extractors.fields.lines import Extracted
from extractors.fields.names import is_person_name
from extractors.fields.plausibility import checked, checks, context_of, doubts
from extractors.fields.syllables import is_syllable, odd_words, stray_marks
from extractors.fields.values import parse_date
from extractors.fold import fold
from extractors.model import Document, Line, Page, Word
from pipeline.store import REVIEW_THRESHOLD

SURNAMES = frozenset(fold(s) for s in checks().surnames)


@pytest.mark.parametrize("word", ["nghiêng", "khuya", "quyển", "gìn", "xoong", "được", "người", "Đắk",
                                  "tẳng", "Ứng", "DỤNG"])
def test_vietnamese_syllables_pass(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["vetlver", "tiềt", "KT\"", "ˆ", "hoằc", "strr", "Vàí"])
def test_misreads_are_not_syllables(word):
    assert not is_syllable(word)


def test_odd_words_skip_numbers_acronyms_and_known_loanwords():
    known = frozenset(checks().known_words)
    assert odd_words("Ứng dụng GeoGebra cho lớp 6A tại Trường THCS Đắk Lắk, năm 2018", known) == []
    assert odd_words("gia cố mái taluy bằng cỏ vetlver", known) == ["vetlver"]


def test_a_word_in_capitals_with_marks_is_checked_as_a_word_not_passed_as_an_acronym():
    assert odd_words("CHỮ KÝ SỐ VÀ XÁC THỤỰC ĐIỆN TỬ TẠI HĐND UBND") == ["THỤỰC"]


def test_stray_marks_tell_specks_from_separators():
    assert stray_marks('doanh nghiệp ngoài " nhà nước') == ['"']
    assert stray_marks("lừa đảo qua - mạng") == ["-"]
    assert stray_marks("Trung tâm Văn hóa - Thể thao") == []
    assert stray_marks('"Giải pháp số hóa"') == []


@pytest.mark.parametrize("name, ok", [
    ("Nguyễn Thị Hương", True), ("Lã Văn Kiên", True), ("Nguyên Thị Hương", True),  # a surname's tone misread
    ("Nguyễn thị Hương", False), ("Trường THCS Quang Sơn", False), ("Lê", False), ("Trần Vetlver", False),
])
def test_person_names_by_spacy_matcher(name, ok):
    assert is_person_name(name, SURNAMES) is ok


def test_a_known_surname_with_other_tone_marks_is_doubted_on_scans():
    authors = [{"name": "Nguyễn Thị Ngân"}, {"name": "Đỉnh Công Thành"}]
    assert doubts("authors", _found(authors), context_of("", {("a.pdf", 1)})) == ["surname-tone"]
    assert doubts("authors", _found(authors[:1]), context_of("", {("a.pdf", 1)})) == []


def _found(value, snippet=None, file="a.pdf", page=1):
    return Extracted(value, 0.9, file, page, snippet or str(value), "rule")


def test_a_year_later_than_every_other_year_is_doubted():
    ctx = context_of("Áp dụng từ ngày 07 tháng 3 năm 2028. Quảng Nam, ngày 10 tháng 5 năm 2024", set())
    assert doubts("first_applied", _found("2028-03-07"), ctx) == ["late-year"]
    ctx = context_of("Áp dụng từ ngày 07 tháng 3 năm 2023. Quảng Nam, ngày 10 tháng 5 năm 2024", set())
    assert doubts("first_applied", _found("2023-03-07"), ctx) == []


def test_a_year_with_a_glued_digit_is_doubted():
    ctx = context_of("năm 20283, năm 2024", set())
    assert "glued-digits" in doubts("first_applied", _found("2028-03-07", "07 tháng 3 năm 20283, tại"), ctx)


def test_a_unit_cut_after_its_place_level_is_doubted_but_a_place_name_ending_like_one_is_not():
    ctx = context_of("", set())
    assert doubts("unit", _found("Trường Tiểu học Lê Văn Tám, phường"), ctx) == ["cut-place"]
    assert doubts("unit", _found("Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ -"), ctx) == ["cut-place"]
    assert doubts("unit", _found("Trường Mầm non Trúc Đào, huyện Nho Quan"), ctx) == []


def test_ocr_only_checks_leave_typed_text_alone():
    title = "Trồng cỏ vetiver chống sạt lở"
    assert doubts("title", _found(title), context_of("", set())) == []
    assert doubts("title", _found(title), context_of("", {("a.pdf", 1)})) == ["odd-word"]


def test_checked_multiplies_confidence_and_keeps_the_reason():
    ctx = context_of("", {("a.pdf", 1)})
    found = checked("title", _found('Giải pháp ngoài " nhà nước vetlver'), ctx)
    factors = checks().checks
    assert found.confidence == round(0.9 * factors["odd-word"].factor * factors["stray-mark"].factor, 3)
    assert found.doubts == ("odd-word", "stray-mark")
    assert found.confidence < REVIEW_THRESHOLD


def _ocr_doc(lines: list[str]) -> Document:
    def words(text: str) -> tuple[Word, ...]:
        return tuple(Word(w, 0, 0, 10, 10, 96.0) for w in text.split())

    return Document("scan.pdf", (Page("scan.pdf", 1, tuple(Line(t, conf=0.96, words=words(t)) for t in lines),
                                      "ocr"),))


def test_a_misread_ocr_field_falls_under_the_threshold_with_its_reason_in_provenance():
    doc = _ocr_doc(["Tên sáng kiến: Giải pháp gia cố mái taluy bằng cỏ vetlver",
                    "Tác giả: Nguyễn Thị Hương",
                    "Ngày sáng kiến được áp dụng lần đầu: ngày 07 tháng 3 năm 20283, tại UBND",
                    "Quảng Nam, ngày 10 tháng 5 năm 2024"])
    extraction = extract_fields([doc])
    fields = extraction.provenance()
    assert extraction.fields["title"].confidence < REVIEW_THRESHOLD
    assert "không giống tiếng Việt" in fields["title"]["doubts"][0]
    assert extraction.fields["first_applied"].value == "2028-03-07"
    assert extraction.fields["first_applied"].confidence < REVIEW_THRESHOLD
    assert extraction.fields["authors"].confidence >= REVIEW_THRESHOLD  # a well-formed name is not doubted
    assert "doubts" not in fields["authors"]


def test_a_stray_quote_before_the_day_does_not_lose_the_day():
    assert parse_date("ngày ' 03 tháng 10 năm 2019")[0] == "2019-10-03"


def test_a_footnote_that_repeats_a_label_is_no_label():
    doc = _ocr_doc(["Là tác giả đề nghị xét công nhận sáng kiến: Số hóa hồ sơ quân nhân dự bị",
                    "Tác giả: Nguyễn Văn An",
                    "2 Tên sáng kiến. :",
                    "4 Lĩnh vực có thể áp dụng sáng kiến (kỹ thuật, quản lý, tác nghiệp...)."])
    assert extract_fields([doc]).fields["title"].value == "Số hóa hồ sơ quân nhân dự bị"


def test_a_given_name_one_tone_from_a_common_one_is_doubted_on_scans_only():
    from extractors.fields.name_tones import tone_misread

    assert tone_misread("Mình") == "minh" and tone_misread("Minh") is None
    assert tone_misread("Nguyệt") is None and tone_misread("Sô") is None  # known, or no common name near
    read = [{"name": "Đỗ Thị Mình Nguyệt"}]
    ocr = context_of("", {("scan.pdf", 1)})
    assert "name-tone" in checked("authors", Extracted(read, 0.86, "scan.pdf", 1, "…", "author-cover"), ocr).doubts
    typed = context_of("", set())
    assert not checked("authors", Extracted(read, 0.86, "don.docx", 1, "…", "author-cover"), typed).doubts


@pytest.mark.parametrize("name", ["Néang Ry Ta", "Chau Chók", "Y Bliêk Niê", "Thạch Sô Phên"])
def test_names_of_ethnic_minorities_are_names(name):
    surnames = frozenset(fold(s) for s in checks().surnames)
    starts = frozenset(fold(s) for s in checks().minority_name_starts)
    assert is_person_name(name, surnames, starts)
    found = Extracted([{"name": "Nguyễn Hữu Thọ"}, {"name": name}], 0.9, "a.docx", 1, "…", "author-table")
    assert "not-a-name" not in checked("authors", found, context_of("", set())).doubts
    assert not is_person_name("Nguyễn Văn Ab", surnames, starts)  # elsewhere, syllables still count
