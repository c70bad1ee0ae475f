"""Legacy Vietnamese text (TCVN3, VNI, Windows-1258, NFD, "Ƣ/ƣ") becomes NFC Unicode; Unicode text is left alone."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from fpdf import FPDF

from extractors.reading.docx_reader import read_docx
from extractors.reading.legacy_text import convert_run, detect, font_encoding, restore_dropped_u, to_unicode
from extractors.reading.ocr import PageImage
from extractors.reading.pdf_reader import read_pdf

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
NATION = "Cộng hoà xã hội chủ nghĩa Việt Nam"
TCVN3_NATION = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"  # domain.md

TCVN3_CASES = [
    (TCVN3_NATION, NATION),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Tªn s¸ng kiÕn: øng dông c«ng nghÖ th«ng tin trong qu¶n lý hå s¬ häc sinh",
     "Tên sáng kiến: ứng dụng công nghệ thông tin trong quản lý hồ sơ học sinh"),
    ("§¬n yªu cÇu c«ng nhËn s¸ng kiÕn", "Đơn yêu cầu công nhận sáng kiến"),
    ("Ng\u00adêi thùc hiÖn: kü s\u00ad tr\u00adëng phßng", "Người thực hiện: kỹ sư trưởng phòng"),  # soft hyphens kept
]
VNI_CASES = [
    ("BOÄ GIAO THOÂNG VAÄN TAÛI", "BỘ GIAO THÔNG VẬN TẢI"),  # domain.md
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñôn yeâu caàu coâng nhaän saùng kieán", "Đơn yêu cầu công nhận sáng kiến"),
    ("Lónh vöïc aùp duïng: Giaùo duïc vaø ñaøo taïo, ngöôøi ñöôïc khen",
     "Lĩnh vực áp dụng: Giáo dục và đào tạo, người được khen"),
]
DROPPED_U_CASES = [  # tools dropped TCVN3's soft hyphen (0xAD = "ư"); PDFium turns it into "-"
    ("Ngµy s¸ng kiÕn ®îc ¸p dông lÇn ®Çu", "Ngày sáng kiến được áp dụng lần đầu"),
    ("ngêi d©n trong n-íc vµ níc ngoµi", "người dân trong nước và nước ngoài"),
    ("nhng hiÖu qu¶ nh vËy, kü s t vÊn", "nhưng hiệu quả như vậy, kỹ sư tư vấn"),
    ("rîu vµ thêng xuyªn ë díi", "rượu và thường xuyên ở dưới"),
]
UNICODE_TEXTS = [
    NATION, "Tên sáng kiến: Ứng dụng chuyển đổi số trong quản lý hồ sơ", "Công tác tài chính", "Hà Nội, ngày 5/9/2023",
    "The café résumé of naïve Zürich staff at 25°C: 100 % — “quoted”", "Điểm c khoản 2; tổ 1: th.s Lê Văn T.",
]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_CASES)
def test_tcvn3_text_is_detected_and_converted(legacy: str, unicode: str) -> None:
    assert detect(legacy) == "tcvn3"
    assert to_unicode(legacy, "tcvn3") == unicode


@pytest.mark.parametrize(("legacy", "unicode"), VNI_CASES)
def test_vni_text_is_detected_and_converted(legacy: str, unicode: str) -> None:
    assert detect(legacy) == "vni"
    assert to_unicode(legacy, "vni") == unicode


@pytest.mark.parametrize(("legacy", "unicode"), DROPPED_U_CASES)
def test_a_dropped_soft_hyphen_is_restored_as_u_horn(legacy: str, unicode: str) -> None:
    assert to_unicode(legacy, "tcvn3") == unicode


def test_tcvn3_spacing_tones_combine_after_vowels_only() -> None:
    assert to_unicode("l¬³p ma° ë 25°C", "tcvn3") == "lớp mà ở 25°C"


def test_words_possible_without_u_horn_are_not_guessed() -> None:
    assert restore_dropped_u("giấy mời, lời nói, cha mẹ, điểm c, TH") == "giấy mời, lời nói, cha mẹ, điểm c, TH"


def test_vntimeh_fonts_give_capitals_by_font_name() -> None:
    assert to_unicode("céng hoµ x· héi chñ nghÜa viÖt nam", "tcvn3", ".VnTimeH") == NATION.upper()
    assert to_unicode("®¬n yªu cÇu", "tcvn3", "ABCDEF+.VnArialH,Bold") == "ĐƠN YÊU CẦU"


def test_font_names_decide_before_statistics() -> None:
    assert [font_encoding(name) for name in (".VnTime", "ABCDEF+.VnTimeH", "VNI-Times", "Times New Roman", None)] == [
        "tcvn3", "tcvn3", "vni", None, None]
    assert detect("®îc", ".VnTime") == "tcvn3"  # one word: too short for statistics, the font knows
    assert detect("®îc") is None
    assert detect("Cộng hòa", ".VnTime") is None  # converted to Unicode, old font name kept


def test_symbol_font_codes_are_read_as_the_bytes_the_font_draws() -> None:
    assert to_unicode("".join(chr(0xF000 + ord(c)) for c in TCVN3_NATION), "tcvn3") == NATION


def test_windows_1258_read_as_windows_1252_and_nfd_become_nfc() -> None:
    assert to_unicode("Viêòt Nam ðôòc lâòp", detect("Viêòt Nam ðôòc lâòp")) == "Việt Nam độc lập"
    assert to_unicode(nfd(NATION), None) == NATION


@pytest.mark.parametrize("text", UNICODE_TEXTS + [nfd(NATION)])
def test_unicode_and_english_text_pass_through_byte_identical(text: str) -> None:
    assert detect(text) is None
    assert convert_run(text) == text
    assert convert_run(text, "Times New Roman") == text


def _tcvn3_docx(path: Path) -> Path:
    document = docx.Document()
    heading = document.add_paragraph()
    heading.add_run("céng hoµ x· héi chñ nghÜa viÖt nam").font.name = ".VnTimeH"
    body = document.add_paragraph()
    body.add_run(TCVN3_CASES[2][0] + " ").font.name = ".VnTime"
    body.add_run("Ngµy ®îc ¸p dông").font.name = ".VnTime"  # its soft hyphen was lost
    split = document.add_paragraph().add_run("n")  # Word writes a soft hyphen as an element of its own
    split.font.name = ".VnTime"
    split._r.append(OxmlElement("w:softHyphen"))
    split._r.append(_text_element("íc s¹ch"))
    document.add_paragraph().add_run(VNI_CASES[0][0]).font.name = "VNI-Times"
    document.add_paragraph().add_run("Soft\u00adhyphen in Unicode: Hà Nội").font.name = "Times New Roman"
    document.styles["Normal"].font.name = ".VnTime"  # old files set the legacy font in the style only
    document.add_paragraph("Tªn s¸ng kiÕn")
    document.save(path)
    return path


def _text_element(text: str) -> OxmlElement:
    element = OxmlElement("w:t")
    element.text = text
    return element


def test_docx_runs_are_converted_by_their_font(tmp_path: Path) -> None:
    document = read_docx(_tcvn3_docx(tmp_path / "cu.docx"), "cu.docx")
    assert [line.text for line in document.pages[0].lines] == [
        NATION.upper(), TCVN3_CASES[2][1] + " Ngày được áp dụng", "nước sạch", VNI_CASES[0][1],
        "Softhyphen in Unicode: Hà Nội", "Tên sáng kiến"]


def test_unicode_docx_reads_unchanged(tmp_path: Path) -> None:
    document = docx.Document()
    for text in UNICODE_TEXTS:
        document.add_paragraph().add_run(text).font.name = "Times New Roman"
    document.save(tmp_path / "moi.docx")
    assert [line.text for line in read_docx(tmp_path / "moi.docx", "moi.docx").pages[0].lines] == UNICODE_TEXTS


def _pdf(path: Path, lines: list[tuple[str, str]]) -> Path:
    """One page; each line in DejaVu ("unicode") or in a core font that writes Windows-1252 bytes ("cp1252")."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    for font, text in lines:
        pdf.set_font("DejaVu" if font == "unicode" else "Helvetica", size=11)
        pdf.cell(text=text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _no_ocr(images: Iterable[PageImage], name: str) -> list:
    assert not list(images), "these pages have a good text layer"
    return []


def _pdf_lines(path: Path) -> list[str]:
    return [line.text for line in read_pdf(path, path.name, ocr=_no_ocr).pages[0].lines]


def test_pdf_oi_letters_are_repaired_and_nfd_made_nfc(tmp_path: Path) -> None:
    oi = "Tên sáng kiến: Ƣớc tính lƣợng nƣớc sạch cho ngƣời dân"
    lines = [("unicode", oi), ("unicode", nfd("Hiệu quả, lợi ích thu được: tiết kiệm thời gian"))]
    assert _pdf_lines(_pdf(tmp_path / "cu.pdf", lines)) == [
        "Tên sáng kiến: Ước tính lượng nước sạch cho người dân", "Hiệu quả, lợi ích thu được: tiết kiệm thời gian"]


def test_pdf_tcvn3_text_layer_is_converted_beside_unicode(tmp_path: Path) -> None:
    lines = [("cp1252", TCVN3_NATION), ("cp1252", "Ngµy s¸ng kiÕn ®\u00adîc ¸p dông: n\u00adíc s¹ch"),
             ("unicode", "Kính gửi: Hội đồng sáng kiến")]
    assert _pdf_lines(_pdf(tmp_path / "tcvn3.pdf", lines)) == [
        NATION, "Ngày sáng kiến được áp dụng: nước sạch", "Kính gửi: Hội đồng sáng kiến"]
