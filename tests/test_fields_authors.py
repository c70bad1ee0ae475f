"""Authors where real dossiers put them: signature blocks, sentences, two-column key–value rows, and the
placeholders a template leaves instead of a name (issue #16). Small hand-built documents; no files, no OCR."""

from __future__ import annotations

import pytest

from extractors.fields.extract import extract_fields
from extractors.fields.lines import flatten
from extractors.fields.name_tones import mended_name
from extractors.fields.person_names import name_run, proper_case, split_merged
from extractors.fields.placeholders import (
    clean_workplace,
    is_placeholder,
    is_position,
    without_contacts,
    without_placeholders,
    without_position,
)
from extractors.fields.signatures import signature_blocks
from extractors.model import Document, Line, Page, Word
from pipeline.store import REVIEW_THRESHOLD

TITLE = "Tên sáng kiến: Ứng dụng mã QR trong quản lý hồ sơ"


def doc(*lines, method: str = "docx") -> list[Document]:
    """One page; a tuple is a table row (its cells), a `Line` is taken as it is, a string is a line of text."""
    built = tuple(x if isinstance(x, Line) else Line(" | ".join(x), cells=tuple(x)) if isinstance(x, tuple)
                  else Line(x) for x in lines)
    return [Document("t.pdf", (Page("t.pdf", 1, built, method, size=(2480, 3508)),))]


def authors(*lines, method: str = "docx"):
    return extract_fields(doc(*lines, method=method)).fields["authors"]


def names(found) -> list[str]:
    return [a["name"] for a in found.value or []]


def ocr_line(*columns: tuple[int, str]) -> Line:
    """An OCR line: each (left, text) a column of words 30 px high, one space (12 px) between words."""
    words = []
    for left, text in columns:
        for token in text.split():
            words.append(Word(token, left, 100, 20 * len(token), 30, 95.0))
            left += 20 * len(token) + 12
    return Line(" ".join(w.text for w in words), conf=0.95, words=tuple(words))


# ---- signature blocks ---------------------------------------------------------------------------------------

def test_borderless_signature_table_keeps_the_head_apart():
    blocks = signature_blocks(flatten(doc(("THỦ TRƯỞNG ĐƠN VỊ", "NGƯỜI NỘP ĐƠN"),
                                          ("(Ký tên, đóng dấu)", "(Ký, ghi rõ họ tên)"),
                                          ("Phạm Văn Thắng", "Lê Thị Thu Hà"))))
    assert [(b.kind, b.names) for b in blocks] == [("head", ("Phạm Văn Thắng",)), ("author", ("Lê Thị Thu Hà",))]


def test_one_cell_holding_role_hint_and_name():
    """Word joins a cell's paragraphs: role, hint and name arrive as one text."""
    blocks = signature_blocks(flatten(doc(("XÁC NHẬN CỦA HIỆU TRƯỞNG (Ký tên, đóng dấu) Trần Văn Hải",
                                           "NGƯỜI VIẾT SÁNG KIẾN (Ký, ghi rõ họ tên) Đỗ Thị Hằng"))))
    assert [(b.kind, b.names) for b in blocks] == [("head", ("Trần Văn Hải",)), ("author", ("Đỗ Thị Hằng",))]


def test_signing_place_and_date_in_the_cell_and_roles_joined_by_a_slash():
    blocks = signature_blocks(flatten(doc(
        ("XÁC NHẬN CỦA ĐƠN VỊ ÁP DỤNG SÁNG KIẾN (Ký tên, đóng dấu) Trần Văn Hải",
         "Hà Giang, ngày 15 tháng 5 năm 2025 Người nộp đơn/Đại diện nhóm (Ký và ghi rõ họ tên) Đỗ Thị Hằng"))))
    assert [(b.kind, b.names) for b in blocks] == [("head", ("Trần Văn Hải",)), ("author", ("Đỗ Thị Hằng",))]
    merged = ["XÁC NHẬN CỦA ĐƠN VỊ TÁC GIẢ CHỦ TRÌ SÁNG KIẾN", "Trần Văn Hải Đỗ Thị Hằng"]
    assert [b.kind for b in signature_blocks(flatten(doc(*merged, method="text")))] == ["head", "author"]


def test_merged_text_layer_lines_are_read_in_order():
    lines = ["XÁC NHẬN CỦA THỦ TRƯỞNG", "ĐƠN VỊ Người viết", "(Ký tên, đóng dấu) (Ký, ghi rõ họ tên)",
             "Nguyễn Thị Kim Oanh Ngô Thị Bích Ngọc"]
    blocks = signature_blocks(flatten(doc(*lines, method="text")))
    assert [(b.kind, b.names, b.sure) for b in blocks] == [("head", ("Nguyễn Thị Kim Oanh",), True),
                                                          ("author", ("Ngô Thị Bích Ngọc",), True)]


def test_ocr_word_boxes_keep_the_columns_apart_even_when_the_head_signs_lower():
    lines = [ocr_line((300, "NGƯỜI NỘP ĐƠN"), (1500, "KT. HIỆU TRƯỞNG")),
             ocr_line((1500, "PHÓ HIỆU TRƯỞNG")),
             ocr_line((280, "(Ký, ghi rõ họ tên)"), (1480, "(Ký tên, đóng dấu)")),
             ocr_line((1500, "Vũ Văn Nam")),
             ocr_line((300, "Hà Thị Mai"))]
    blocks = signature_blocks(flatten(doc(*lines, method="ocr")))
    assert {b.kind: b.names for b in blocks} == {"author": ("Hà Thị Mai",), "head": ("Vũ Văn Nam",)}


def test_a_speck_between_the_hints_does_not_end_the_signature_zone():
    """A stamp's stroke read as a letter between the two hints is a speck; the names under it still sign."""
    lines = [ocr_line((300, "THỦ TRƯỞNG ĐƠN VỊ"), (1500, "NGƯỜI NỘP ĐƠN")),
             ocr_line((280, "(Ký tên, đóng dấu)"), (1100, "Ề"), (1480, "(Ký, ghi rõ họ tên)")),
             ocr_line((300, "Đặng Thị Hồng Nhung"), (1500, "Trịnh Văn Toàn"))]
    blocks = signature_blocks(flatten(doc(*lines, method="ocr")))
    assert {b.kind: b.names for b in blocks} == {"head": ("Đặng Thị Hồng Nhung",), "author": ("Trịnh Văn Toàn",)}


def test_authors_from_signatures_only_are_not_confident_and_never_the_head():
    found = authors(TITLE, ("THỦ TRƯỞNG ĐƠN VỊ", "NGƯỜI NỘP ĐƠN"), ("Phạm Văn Thắng", "Lê Thị Thu Hà"),
                    ("", "ĐỒNG TÁC GIẢ"), ("", "(Ký, ghi rõ họ tên)"), ("", "Bùi Quang Huy"))
    assert names(found) == ["Lê Thị Thu Hà", "Bùi Quang Huy"]
    assert found.rule_id == "author-signature" and found.confidence < REVIEW_THRESHOLD


def test_a_labelled_author_table_is_unchanged_by_a_signature():
    found = authors(("STT", "Họ và tên", "Ngày sinh", "Chức vụ"), ("1", "Lê Thị Thu Hà", "02/03/1980", "Giáo viên"),
                    TITLE, ("THỦ TRƯỞNG ĐƠN VỊ", "NGƯỜI NỘP ĐƠN"), ("Phạm Văn Thắng", "Lê Thị Thu Hà"))
    assert names(found) == ["Lê Thị Thu Hà"] and found.rule_id == "author-table" and found.confidence == 0.9


# ---- prose --------------------------------------------------------------------------------------------------

PROSE = ("Chúng tôi là cô Nguyễn Thị Lan, thầy TRẦN VĂN BÌNH và cô Lê Thị Cúc, giáo viên Trường THCS Lê Quý Đôn, "
         "xin trình bày sáng kiến.")


def test_names_in_a_sentence_in_capitals_and_after_honorifics():
    found = authors(TITLE, PROSE)
    assert names(found) == ["Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Cúc"]
    assert found.rule_id == "author-prose" and found.confidence < REVIEW_THRESHOLD


def test_a_signer_among_the_names_of_the_sentence_confirms_them():
    found = authors(TITLE, PROSE, ("XÁC NHẬN CỦA HIỆU TRƯỞNG", "NGƯỜI VIẾT SÁNG KIẾN"),
                    ("Hoàng Văn Sơn", "Nguyễn Thị Lan"))
    assert names(found) == ["Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Cúc"]
    assert found.rule_id == "author-prose+signature" and found.confidence >= REVIEW_THRESHOLD


@pytest.mark.parametrize("read, mended", [
    ("LÊ VĂN LẦM", "LÊ VĂN LÂM"), ("NGUYỄN THỊ THU HẴNG", "NGUYỄN THỊ THU HẰNG"),
    ("Lê Văn Lầm", "Lê Văn Lầm"),  # mixed case: OCR reads its marks well, kept
    ("LÊ THỊ BĂNG TUYỀN", "LÊ THỊ BĂNG TUYỀN"),  # no stacked tone on "BĂNG": never made the listed "BẰNG"
    ("TRỊNH VĂN TOẢN", "TRỊNH VĂN TOẢN"),  # a listed syllable, kept
    ("PHẠM THỊ LẬU", "PHẠM THỊ LẬU"),  # no common syllable with these letters: a name, kept
    ("LẦM VĂN AN", "LẦM VĂN AN"),  # the surname is not a given name's syllable
])
def test_a_name_syllable_with_a_misread_tone_takes_the_common_ones(read, mended):
    assert mended_name(read) == mended


@pytest.mark.parametrize("method, want", [("ocr", "Lê Văn Lâm"), ("docx", "Lê Văn Lầm")])
def test_only_names_read_by_ocr_are_mended_and_a_mended_name_is_doubted(method, want):
    plain = authors(TITLE, "Tác giả sáng kiến là ông LÊ VĂN LÂM, hiện công tác tại đơn vị.", method=method)
    found = authors(TITLE, "Tác giả sáng kiến là ông LÊ VĂN LẦM, hiện công tác tại đơn vị.", method=method)
    assert names(found) == [want]
    if method == "ocr":
        assert found.rule_id == "author-prose+known-name" and "mended-name" in found.doubts
        assert found.confidence < plain.confidence


def test_a_sentence_without_a_name_gives_none_and_a_unit_named_after_a_person_is_no_author():
    assert authors(TITLE, "Tôi là giáo viên Trường THCS Lê Quý Đôn, xin trình bày sáng kiến.").value is None


def test_investor_line_naming_a_person_when_nothing_else_does():
    found = authors(TITLE, "1. Chủ đầu tư tạo ra sáng kiến: Lương Thị Nguyệt, trường THCS Hòa Bình")
    assert names(found) == ["Lương Thị Nguyệt"] and found.confidence < REVIEW_THRESHOLD


def test_names_in_brackets_after_the_title():
    found = authors(TITLE + " (Đào Thị Hạnh, Lý Văn Toàn, @THPT Bắc Sơn)")
    assert names(found) == ["Đào Thị Hạnh", "Lý Văn Toàn"] and found.rule_id == "author-title-tail"


def test_name_run_stops_at_a_capitalised_position():
    assert name_run("Đồng chí Nguyễn Văn Hùng, Phó Giám đốc Sở Nội vụ") == ["Nguyễn Văn Hùng"]


@pytest.mark.parametrize("merged, expected", [
    ("Nguyễn Thị Kim Oanh Ngô Thị Bích Ngọc", ["Nguyễn Thị Kim Oanh", "Ngô Thị Bích Ngọc"]),
    ("Nguyễn Thị Mai Hà Văn Nam", ["Nguyễn Thị Mai", "Hà Văn Nam"]),
    ("NGUYỄN VĂN AN TRẦN THỊ BÌNH", ["Nguyễn Văn An", "Trần Thị Bình"]),
    ("Huỳnh Thị Mỹ Duyên", ["Huỳnh Thị Mỹ Duyên"]),
])
def test_split_merged_names(merged, expected):
    assert split_merged(merged) == expected


def test_an_organisation_in_capitals_is_no_name():
    assert split_merged("TỔNG CÔNG TY ĐIỆN LỤC MIỀN") is None


def test_proper_case_and_ocr_tone_of_thi():
    assert proper_case("NGUYỄN VĂN AN") == "Nguyễn Văn An"
    assert proper_case("Võ Thì Ánh Tuyết") == "Võ Thị Ánh Tuyết"


# ---- key–value tables and labels ------------------------------------------------------------------------------

def test_two_column_key_value_rows_with_honorific_and_position():
    found = authors(TITLE, ("Tác giả sáng kiến", "Đồng chí Nguyễn Văn An, Phó Giám Đốc Sở Nội vụ"),
                    ("Đồng tác giả", "Đ/c Lê Thị Hoa, chuyên viên; Bà Trần Thị Mơ, Trưởng phòng"),
                    ("Đơn vị công tác", "Sở Nội vụ tỉnh Ninh Bình"))
    assert names(found) == ["Nguyễn Văn An", "Lê Thị Hoa", "Trần Thị Mơ"]
    assert extract_fields(doc(TITLE, ("Tác giả", "Ông Nguyễn Văn An"), ("Đơn vị công tác", "Sở Nội vụ tỉnh Ninh Bình"))
                          ).fields["unit"].value == "Sở Nội vụ tỉnh Ninh Bình"


def test_share_in_brackets_beside_the_name_and_contacts_under_the_workplace():
    found = authors(("TT", "Họ và tên (Ghi rõ tỷ lệ % đóng góp)", "Chức vụ", "Đơn vị và điện thoại/ Email"),
                    ("1", "Trần Thị Hoa (60%)", "Trưởng khoa", "Khoa Xây dựng 0912345678 hoa@truong.edu.vn"))
    assert (found.value[0]["name"], found.value[0]["contribution_pct"], found.value[0]["workplace"]) == (
        "Trần Thị Hoa", 60.0, "Khoa Xây dựng")


@pytest.mark.parametrize("lines, expected", [
    (["Họ và tên người thực hiện: Đinh Thị Thu"], ["Đinh Thị Thu"]),
    (["Người viết: Trịnh Văn Đạt - Sinh ngày 05 tháng 3 năm 1982"], ["Trịnh Văn Đạt"]),
    (["- Chủ nhiệm: Mai Hoàng Lan", "- Thành viên: Phan Văn Tú, Lò Thị Xuân"], ["Mai Hoàng Lan", "Phan Văn Tú",
                                                                                 "Lò Thị Xuân"]),
])
def test_more_author_labels(lines, expected):
    assert names(authors(TITLE, *lines)) == expected


# ---- placeholders --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Tác giả: [Họ tên tác giả]", "Tác giả: Nguyễn Văn A", "Họ và tên: ……………………", "Họ và tên: (ghi rõ họ tên)",
    "Tác giả: Tập thể giáo viên tổ Toán", "Họ và tên: xxx",
])
def test_a_template_placeholder_is_no_author_and_says_why(line):
    extraction = extract_fields(doc(TITLE, line))
    found = extraction.fields["authors"]
    assert found.value is None and found.confidence < 0.5 and found.rule_id == "author-placeholder"
    assert extraction.values()["authors"] == [] and extraction.provenance()["authors"]["doubts"]


def test_a_table_row_with_the_template_example_or_blank_name_is_no_author():
    header = ("STT", "Họ và tên", "Ngày sinh", "Tỷ lệ (%) đóng góp")
    for name in ("Nguyễn Văn A", "", "[Họ và tên]"):
        found = authors(header, ("1", name, "…/…/……", "100%"), TITLE)
        assert found.value is None and found.rule_id == "author-placeholder"


@pytest.mark.parametrize("text, placeholder", [
    ("Nguyễn Văn A", True), ("Trần Thị B", True), ("xxx", True), ("Nguyễn Như Ý", False), ("Lê Văn An", False),
    ("Phạm Thị Z", False),  # pseudonymised names in published samples are kept (bench/real g03)
    ("(Bạn tự điền)", True), ("(Điền họ tên)", True), ("Công ty Viễn thông (VNPT)", False), ("Trần Thị Điền", False),
])
def test_is_placeholder(text, placeholder):
    assert is_placeholder(text) is placeholder


def test_positions_and_contacts():
    assert is_position("Phó Giám đốc Sở Nội vụ") and not is_position("Phó Đức Minh")
    assert without_contacts("Khoa Điện - Điện tử 0939 123 481 an@g mail.com") == "Khoa Điện - Điện tử"
    assert without_contacts("Phòng 204, số 12 Lê Lợi") == "Phòng 204, số 12 Lê Lợi"


@pytest.mark.parametrize("cell, workplace", [
    ("Phó hiệu trưởng - Trường Tiểu học Vũ Lễ", "Trường Tiểu học Vũ Lễ"),
    ("Giáo viên, Trường THCS Quang Sơn", "Trường THCS Quang Sơn"),
    ("Trưởng khoa: Khoa Nội tổng hợp", "Khoa Nội tổng hợp"),
    ("Khoa Điện - Điện tử", "Khoa Điện - Điện tử"),  # a unit with a dash in its name, no position before it
    ("Phòng 204, số 12 Lê Lợi", "Phòng 204, số 12 Lê Lợi"),
    ("Giáo viên", "Giáo viên"),  # nothing after the position: left for the position rules to judge
    ("lớp Nhỡ 2 - Trường Mầm non Trúc Đào", "Trường Mầm non Trúc Đào"),  # the teacher's class before the school
])
def test_a_position_before_the_workplace_is_cut(cell, workplace):
    assert without_position(cell) == workplace


@pytest.mark.parametrize("cell, workplace", [
    ("Khoa/Phòng [Tên khoa phòng của bạn] - Trung tâm Y tế huyện Thanh Ba", "Trung tâm Y tế huyện Thanh Ba"),
    ("[Tên đơn vị]", None),
    ("Tổ [tên tổ chuyên môn] - Trường THCS Lê Lợi, thị xã Hoàng Mai", "Trường THCS Lê Lợi, thị xã Hoàng Mai"),
    ("Trường Tiểu học Vũ Lễ, huyện Bắc Sơn", "Trường Tiểu học Vũ Lễ, huyện Bắc Sơn"),  # nothing unfilled
    ("Trường TH Thanh Lương B", "Trường TH Thanh Lương B"),  # a letter ends a unit's name; no example name
])
def test_a_workplaces_unfilled_parts_are_dropped(cell, workplace):
    assert without_placeholders(cell) == workplace


def test_a_workplace_is_cleaned_of_position_contacts_and_placeholders_at_once():
    cell = "Điều dưỡng - Khoa [Tên khoa] - Trung tâm Y tế huyện Yên Mô 0912345678"
    assert clean_workplace(cell) == "Trung tâm Y tế huyện Yên Mô"
    assert clean_workplace("Khoa Xây dựng _.") == "Khoa Xây dựng"  # specks OCR read after the cell's text


def test_the_unit_label_and_the_authors_workplace_leave_the_placeholder_out():
    lines = (TITLE, "Họ và tên: Lê Thị Hoa",
             "Chức vụ, đơn vị công tác: Điều dưỡng, Khoa/Phòng [Tên khoa phòng] - Trung tâm Y tế huyện Thanh Ba")
    found = extract_fields(doc(*lines)).fields
    assert found["authors"].value[0]["workplace"] == "Trung tâm Y tế huyện Thanh Ba"
    assert found["unit"].value == "Trung tâm Y tế huyện Thanh Ba"
    bare = extract_fields(doc(TITLE, "Tác giả: Lê Thị Hoa", "Đơn vị công tác: [Tên đơn vị của bạn]")).fields
    assert bare["unit"].value is None


@pytest.mark.parametrize("written", ["Thượng úy Nguyễn Minh Hiếu", "Đại tá Lê Văn Bình", "Trung úy Trần Thị Hà",
                                     "Thiếu tá, ThS. Phạm Quốc Việt"])
def test_a_rank_before_a_name_is_no_part_of_it(written):
    found = authors(TITLE, ("Tác giả sáng kiến:", written), ("Đơn vị công tác:", "Công an phường Phú Thọ"))
    assert names(found) == [written.split(" ", 2)[-1].split("ThS. ")[-1]]
    assert found.confidence >= REVIEW_THRESHOLD


def test_a_rank_in_prose_is_no_part_of_the_name():
    found = authors(TITLE, "Chúng tôi là đại úy Nguyễn Minh Hiếu và thượng úy Trần Văn Nam, cùng công tác tại đơn vị.")
    assert names(found) == ["Nguyễn Minh Hiếu", "Trần Văn Nam"]


def test_a_signers_name_on_the_role_line_itself_is_read():
    """Text extraction may leave no room to sign: "NGƯỜI NỘP ĐƠN Đỗ Thanh Thảo" on one line."""
    lines = (TITLE, "Tôi xin cam đoan mọi thông tin nêu trong đơn là trung thực.", "Hà Nội, ngày 10 tháng 3 năm 2025",
             "NGƯỜI NỘP ĐƠN Đỗ Thanh Thảo")
    found = authors(*lines, method="text")
    assert (names(found), found.rule_id) == (["Đỗ Thanh Thảo"], "author-signature")
    assert [b.names for b in signature_blocks(flatten(doc(*lines, method="text")))] == [("Đỗ Thanh Thảo",)]
    # a sentence after a role is no signer
    assert not signature_blocks(flatten(doc(TITLE, "TÁC GIẢ SÁNG KIẾN đề nghị Hội đồng xem xét công nhận.",
                                            method="text")))


@pytest.mark.parametrize("head", ["TRƯỞNG THUẾ TỈNH", "ĐỘI TRƯỞNG", "CHỈ HUY TRƯỞNG", "CHÍNH ỦY", "CỤC TRƯỞNG"])
def test_the_forces_and_tax_offices_heads_sign_beside_the_lead_but_are_no_authors(head):
    found = authors(TITLE, "Cà Mau, ngày 10 tháng 11 năm 2025", (head, "NGƯỜI NỘP ĐƠN"),
                    ("Lê Văn Sơn", "Đỗ Thanh Thảo"), "ĐỒNG TÁC GIẢ SÁNG KIẾN", ("Trần Ty Na", "Phạm Nhật Trường"))
    assert names(found) == ["Đỗ Thanh Thảo", "Trần Ty Na", "Phạm Nhật Trường"]


def test_a_speck_after_the_last_name_is_dropped_and_the_name_kept():
    found = authors(TITLE, "Tác giả: Bùi Xuân Trường, Lã Văn Kiên ï")
    assert names(found) == ["Bùi Xuân Trường", "Lã Văn Kiên"]


def test_a_counted_group_of_authors_between_dashes_wrapped_over_lines():
    found = authors(TITLE, "Giai đoạn khảo sát kéo dài hai tuần vào tháng chín. Ba chúng",
                    "tôi - cô Lê Thị Bích Trâm, cô Trần Thị Thu và cô Nguyễn Thị Hiệp - cùng nhau khảo sát.",
                    method="text")
    assert names(found) == ["Lê Thị Bích Trâm", "Trần Thị Thu", "Nguyễn Thị Hiệp"]


def test_a_vowel_ocr_read_twice_with_a_diaeresis_is_one_letter():
    assert name_run("cô Nguyễn Thị Kim Oanh và thầy Lãä Văn Kiên - cùng thực hiện") == ["Nguyễn Thị Kim Oanh",
                                                                                       "Lã Văn Kiên"]
