"""Readers: files built here from code go in, `Document`s come out; Tesseract is real (marked `ocr`)."""

from __future__ import annotations

import struct
import unicodedata
import zlib
from pathlib import Path

import docx
import numpy as np
import pytesseract
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from fpdf import FPDF
from lxml import etree
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfWriter

from extractors.errors import DossierError, FailureKind
from extractors.fields.extract import extract_fields
from extractors.fold import fold
from extractors.model import Document, Line, Page
from extractors.reading import ocr
from extractors.reading.deskew import deskew, estimate_skew
from extractors.reading.image_reader import prepare
from extractors.reading.ocr import ocr_image
from extractors.reading.pdf_reader import page_needs_ocr, text_layer_is_good
from extractors.reading.photo import _brightest_around, flatten_light
from extractors.reading.read import SUPPORTED_SUFFIXES, read_file
from tests.conftest import DEMO

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TITLE = "Tên sáng kiến: Ứng dụng chuyển đổi số trong quản lý hồ sơ học sinh"
FIELD = "Lĩnh vực áp dụng sáng kiến: Giáo dục và đào tạo"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def all_text_is_nfc(document: Document) -> bool:
    texts = [line.text for page in document.pages for line in page.lines]
    texts += [cell for page in document.pages for line in page.lines for cell in line.cells or ()]
    return all(unicodedata.is_normalized("NFC", text) for text in texts)


def kind_of(path: Path) -> FailureKind:
    with pytest.raises(DossierError) as caught:
        read_file(path, path.name)
    assert caught.value.message_vi and caught.value.detail
    return caught.value.kind


def scanned_page(lines: list[str], angle: float = 0.0) -> Image.Image:
    """A greyscale strip of an A4 page at 300 DPI (13 pt type), text drawn by PIL, optionally rotated."""
    font = ImageFont.truetype(FONT, 54)
    image = Image.new("L", (2480, 180 + 120 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(lines):
        draw.text((150, 120 + 120 * row), text, font=font, fill=0)
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return image


# --- DOCX -------------------------------------------------------------------------------------------------------


def test_docx_reads_paragraphs_and_table_rows_in_order_merged_cell_once(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(nfd(NATION))
    document.add_paragraph(nfd("Tôi (chúng tôi) ghi tên dưới đây:"))
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = nfd("Họ và tên, chức danh")
    table.cell(0, 2).text = nfd("Tỷ lệ (%)")
    for row, values in ((1, ("Nguyễn Thị Hương", "Giáo viên", "60")), (2, ("Trần Văn Bình", "Hiệu phó", "40"))):
        for column, value in enumerate(values):
            table.cell(row, column).text = nfd(value)
    document.add_paragraph(nfd(TITLE))
    path = tmp_path / "don.docx"
    document.save(path)

    result = read_file(path, "don.docx")

    assert [page.method for page in result.pages] == ["docx"]
    lines = result.pages[0].lines
    assert [line.text for line in lines] == [
        NATION,
        "Tôi (chúng tôi) ghi tên dưới đây:",
        "Họ và tên, chức danh | Tỷ lệ (%)",
        "Nguyễn Thị Hương | Giáo viên | 60",
        "Trần Văn Bình | Hiệu phó | 40",
        TITLE,
    ]
    assert lines[2].cells == ("Họ và tên, chức danh", "Tỷ lệ (%)")
    assert lines[0].cells is None
    assert all_text_is_nfc(result)


def test_docx_splits_pages_at_page_breaks_and_reads_content_controls(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("SÁNG KIẾN KINH NGHIỆM")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    paragraph.add_run("1. MỞ ĐẦU")
    hidden = document.add_paragraph("Người thực hiện: Lê Thị Mai")
    sdt = etree.SubElement(document.element.body, qn("w:sdt"))  # Word's cover pages live in content controls
    etree.SubElement(sdt, qn("w:sdtContent")).append(hidden._p)
    document.element.body.append(document.element.body.sectPr)  # keep sectPr last, as Word does
    path = tmp_path / "skkn.docx"
    document.save(path)

    pages = read_file(path, "skkn.docx").pages

    assert [[line.text for line in page.lines] for page in pages] == [
        ["SÁNG KIẾN KINH NGHIỆM"],
        ["1. MỞ ĐẦU", "Người thực hiện: Lê Thị Mai"],
    ]


# --- PDF text layer ---------------------------------------------------------------------------------------------


def test_text_pdf_uses_the_text_layer_exactly(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=12)
    for text in (NATION, TITLE, FIELD):
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "mo-ta.pdf"
    pdf.output(str(path))

    result = read_file(path, "mo-ta.pdf")

    assert [(page.number, page.method) for page in result.pages] == [(1, "text")]
    assert [line.text for line in result.pages[0].lines] == [NATION, TITLE, FIELD]


@pytest.mark.parametrize(
    ("text", "good"),
    [
        (f"{NATION}\n{TITLE}\n{FIELD}", True),
        ("Trang 1", False),  # too little to trust
        ("\ufffd\x02" * 60, False),  # a font without a Unicode map
        (TITLE * 3 + "\x03\x04" * 20, False),  # partly unmapped glyphs
        ("■ ◆ ● ★ " * 20, False),  # symbols, not words
        ("Kính gửi: " + "." * 200 + "\nHọ và tên: ……………… Nguyễn Văn An, giáo viên Ngữ văn", True),  # dot leaders
        ("Ten sang kien: Ung dung chuyen doi so trong quan ly ho so hoc sinh. " * 5, False),  # English OCR layer
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. " * 3, True),  # TCVN3: repaired later
    ],
)
def test_text_layer_is_good(text: str, good: bool) -> None:
    assert text_layer_is_good(text) is good


def test_a_scan_with_a_signature_stamp_still_needs_ocr() -> None:
    stamp = "Người ký: Nguyễn Văn An. Cơ quan: Trường THCS Lê Lợi. Thời gian ký: 15/11/2025"
    assert text_layer_is_good(stamp)
    assert page_needs_ocr(stamp, image_cover=0.98)
    assert not page_needs_ocr(stamp, image_cover=0.1)


# --- Deskew -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def upright_page() -> Image.Image:
    return scanned_page([NATION, TITLE, FIELD] * 3)


@pytest.mark.parametrize("angle", [-4.0, -2.5, 0.0, 1.5, 3.0, 4.5])
def test_estimate_skew_finds_the_rotation(upright_page: Image.Image, angle: float) -> None:
    rotated = upright_page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    assert estimate_skew(rotated) == pytest.approx(angle, abs=0.5)


def test_deskew_straightens_within_the_page_frame_and_keeps_the_ink_as_it_was(upright_page: Image.Image) -> None:
    skewed = upright_page.rotate(2.0, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    straight, correction = deskew(skewed)
    assert correction == pytest.approx(-2.0, abs=0.3) and straight.size == skewed.size  # word boxes stay on the page
    assert set(np.unique(np.asarray(straight))) <= set(np.unique(np.asarray(skewed)))  # no grey blurred in
    assert abs(estimate_skew(straight)) < 0.3


def test_estimate_skew_of_a_blank_page_is_zero() -> None:
    assert estimate_skew(Image.new("L", (2480, 3508), 255)) == 0.0


# --- Image preparation ------------------------------------------------------------------------------------------


def test_prepare_applies_exif_orientation(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: the viewer turns it 90° clockwise
    path = tmp_path / "dien-thoai.jpg"
    Image.new("RGB", (400, 300), "white").save(path, exif=exif)
    with Image.open(path) as photo:
        page = prepare(photo)
    assert (page.size, page.mode) == ((300, 400), "L")


def test_prepare_keeps_16_bit_scans_legible_and_caps_the_size() -> None:
    values = np.full((4000, 3000), 60000, dtype=np.uint16)
    values[1000:1100, 500:2500] = 3000  # a dark bar of "ink"
    page = prepare(Image.fromarray(values))
    pixels = np.asarray(page)
    assert page.size == (2700, 3600)
    assert pixels.max() > 200 and pixels.min() < 30


def test_prepare_leaves_a_plain_greyscale_scan_alone() -> None:
    frame = Image.new("L", (2480, 3508), 255)
    assert prepare(frame).size == (2480, 3508)


# --- Dispatch and bad input -------------------------------------------------------------------------------------


def test_unsupported_suffix_names_the_accepted_ones(tmp_path: Path) -> None:
    path = tmp_path / "don.rtf"
    path.write_bytes(b"{\\rtf1\\ansi Don yeu cau}")
    with pytest.raises(DossierError) as caught:
        read_file(path, path.name)
    assert caught.value.kind is FailureKind.unsupported_format
    assert ".rtf" in caught.value.message_vi
    assert all(suffix in caught.value.detail for suffix in SUPPORTED_SUFFIXES)


def test_jpeg_named_pdf_is_bad_input_saying_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "don.pdf"
    Image.new("L", (50, 50), 255).save(path, "JPEG")
    with pytest.raises(DossierError) as caught:
        read_file(path, path.name)
    assert caught.value.kind is FailureKind.bad_input
    assert "JPEG" in caught.value.message_vi


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rac.docx", bytes(range(256)) * 4),  # random bytes
        ("hong.docx", b"PK\x03\x04" + b"\0" * 200),  # a zip header and nothing behind it
        ("rong.pdf", b""),  # zero bytes
        ("cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"),  # truncated
        ("cut.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40),
    ],
)
def test_broken_files_are_bad_input(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert kind_of(path) is FailureKind.bad_input


def test_pdf_without_pages_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "trong.pdf"
    PdfWriter().write(path)
    assert kind_of(path) is FailureKind.bad_input


def test_password_protected_pdf_is_encrypted(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau", algorithm="RC4-128")
    path = tmp_path / "khoa.pdf"
    writer.write(path)
    assert kind_of(path) is FailureKind.encrypted


def test_oversized_image_is_bad_input(tmp_path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 0, 0, 0, 0)  # 900 M pixels, declared only
    path = tmp_path / "khong-lo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    with pytest.raises(DossierError) as caught:
        read_file(path, path.name)
    assert caught.value.kind is FailureKind.bad_input
    assert "quá lớn" in caught.value.message_vi


# --- OCR (real Tesseract) ---------------------------------------------------------------------------------------


def assert_recovered(document: Document) -> None:
    text = document.text.lower()
    assert "cộng hòa" in text or "cộng hoà" in text
    assert "sáng kiến" in text
    assert "chuyển đổi số" in text
    assert all_text_is_nfc(document)


@pytest.fixture(scope="module")
def scan() -> Image.Image:
    return scanned_page([NATION, TITLE])


@pytest.mark.ocr
def test_image_only_pdf_is_ocrd(tmp_path: Path, scan: Image.Image) -> None:
    path = tmp_path / "scan.pdf"
    scan.save(path, "PDF", resolution=300)
    result = read_file(path, path.name)
    assert [page.method for page in result.pages] == ["ocr"]
    assert_recovered(result)
    line = result.pages[0].lines[0]
    assert line.words and 0.5 < line.conf <= 1.0 and line.words[0].width > 0


@pytest.mark.ocr
def test_png_is_ocrd(tmp_path: Path, scan: Image.Image) -> None:
    path = tmp_path / "scan.png"
    scan.save(path)
    result = read_file(path, path.name)
    assert [(page.number, page.method) for page in result.pages] == [(1, "ocr")]
    assert_recovered(result)


@pytest.mark.ocr
def test_page_skewed_by_3_degrees_is_straightened_and_recovered(tmp_path: Path) -> None:
    path = tmp_path / "lech.png"
    scanned_page([NATION, TITLE], angle=3.0).save(path)
    result = read_file(path, path.name)
    assert_recovered(result)
    tops = [word.top for word in result.pages[0].lines[-1].words]  # 3° over 1900 px would drift 100 px
    assert max(tops) - min(tops) < 40


def test_pages_over_250_dpi_are_read_at_225() -> None:
    assert ocr.read_scale((2480, 3508)) == pytest.approx(0.75, abs=0.01)  # A4 at 300 DPI
    assert ocr.read_scale((3508, 2480)) == ocr.read_scale((2480, 3508))  # landscape alike
    assert ocr.read_scale((1985, 2807)) == 1.0  # 240 DPI: shrinking costs more than it saves
    assert ocr.read_scale((1748, 2480)) == 1.0  # never enlarged


def test_tesseract_gets_a_page_of_at_most_225_dpi() -> None:
    page = Image.new("L", (2480, 3508), 205)  # A4 at 300 DPI on grey paper
    ImageDraw.Draw(page).rectangle((400, 600, 2000, 700), fill=40)
    seen = ocr._for_tesseract(page, ocr.read_scale(page.size))
    pixels = np.asarray(seen)
    assert seen.mode == "L" and max(seen.size) == ocr._READ_LONG_SIDE
    assert pixels[100, 100] == 205 and pixels[487, 900] == 40  # paper and ink as they were, at 3/4 scale
    a5 = Image.new("L", (1748, 2480), 255)
    assert ocr._for_tesseract(a5, 1.0) is a5  # never enlarged, nor copied


@pytest.mark.ocr
def test_words_of_a_shrunk_page_keep_boxes_in_the_pages_own_pixels() -> None:
    page, font = Image.new("L", (2480, 3508), 255), ImageFont.truetype(FONT, 54)
    draw = ImageDraw.Draw(page)
    draw.text((300, 2000), TITLE, font=font, fill=0)
    before = TITLE[:TITLE.index("chuyển")]
    left, top, right, bottom = draw.textbbox((300 + draw.textlength(before, font=font), 2000), "chuyển", font=font)
    read = ocr_image(page, "a4.png", 1)
    word = next(w for line in read.lines for w in line.words if w.text == "chuyển")
    assert read.size == (2480, 3508)  # read at 3/4 of its size, boxes scaled back
    assert abs(word.left - left) <= 8 and abs(word.left + word.width - right) <= 8
    assert abs(word.top - top) <= 8 and abs(word.top + word.height - bottom) <= 8


@pytest.mark.ocr
def test_upside_down_photo_is_turned_by_osd(tmp_path: Path, scan: Image.Image) -> None:
    path = tmp_path / "nguoc.jpg"
    scan.rotate(180).save(path, quality=90)
    assert_recovered(read_file(path, path.name))


@pytest.mark.ocr
@pytest.mark.parametrize("turn", [90, 270])
def test_sideways_scan_is_turned_by_osd(tmp_path: Path, turn: int) -> None:
    path = tmp_path / f"xoay-{turn}.png"
    scanned_page([NATION, TITLE, FIELD]).rotate(turn, expand=True).save(path)
    result = read_file(path, path.name)
    assert_recovered(result)
    assert "giáo dục và đào tạo" in result.text.lower()


def phone_photo(page: Image.Image) -> Image.Image:
    """`page` photographed under a lamp: grey paper, light falling to 30 % across the page, a warm colour cast."""
    grey = 40 + np.asarray(page, dtype=np.float32) * (195 / 255)
    height, width = grey.shape
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    lit = grey * (1.0 - 0.7 * (0.8 * xs / width + 0.2 * ys / height))
    return Image.fromarray(np.stack([lit, lit * 0.88, lit * 0.7], axis=-1).astype(np.uint8), "RGB")


@pytest.mark.ocr
def test_shaded_colour_cast_photo_is_read_after_its_light_is_flattened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "anh-chup.jpg"
    phone_photo(scanned_page([TITLE, FIELD, TITLE])).save(path, quality=85)
    result = read_file(path, path.name)
    text = result.text.lower()
    assert text.count("chuyển đổi số trong quản lý hồ sơ học sinh") == 2
    assert "giáo dục và đào tạo" in text
    assert all_text_is_nfc(result)

    monkeypatch.setattr(ocr, "flatten_light", lambda gray: (gray, False))  # the same photo without the clean-up
    assert read_file(path, path.name).text.lower().count("chuyển đổi số trong quản lý hồ sơ học sinh") < 2


def test_even_scans_are_not_taken_for_photos(scan: Image.Image) -> None:
    grey_paper = scan.point(lambda value: 40 + value * 195 // 255)  # even grey paper with grain-free ink
    assert flatten_light(grey_paper) == (grey_paper, False)
    assert flatten_light(phone_photo(scan).convert("L"))[1]


def test_the_paper_estimate_takes_the_brightest_pixel_around_like_pils_max_filter() -> None:
    small = Image.fromarray(np.random.default_rng(7).integers(0, 256, (61, 47), dtype=np.uint8), "L")
    expected = small.filter(ImageFilter.MaxFilter(9))
    assert np.array_equal(np.asarray(_brightest_around(small)), np.asarray(expected))


@pytest.mark.ocr
def test_mixed_pdf_reads_typed_pages_from_text_and_scanned_pages_by_ocr(tmp_path: Path, scan: Image.Image) -> None:
    image = tmp_path / "trang-quet.png"
    scan.save(image, dpi=(300, 300))
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    for text in (NATION, FIELD):
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.image(str(image), x=0, y=0, w=210)
    path = tmp_path / "ho-so-tron.pdf"
    pdf.output(str(path))

    result = read_file(path, path.name)

    assert [(page.number, page.method) for page in result.pages] == [(1, "text"), (2, "ocr")]
    assert [line.text for line in result.pages[0].lines] == [NATION, FIELD]
    assert "chuyển đổi số" in result.pages[1].text.lower()
    assert result.pages[1].lines[0].words  # word boxes and confidences for the extractors


@pytest.mark.ocr
def test_multipage_tiff_gives_one_page_per_frame(tmp_path: Path, scan: Image.Image) -> None:
    path = tmp_path / "hai-trang.tif"
    scan.save(path, save_all=True, append_images=[scanned_page([FIELD])], compression="tiff_lzw")
    pages = read_file(path, path.name).pages
    assert [page.number for page in pages] == [1, 2]
    assert "Giáo dục" in pages[1].text


@pytest.mark.ocr
def test_ocr_timeout_is_a_timeout_failure(scan: Image.Image) -> None:
    with pytest.raises(DossierError) as caught:
        ocr_image(scan, "scan.png", 1, timeout=0.01)
    assert caught.value.kind is FailureKind.timeout
    assert caught.value.kind.retryable


@pytest.mark.ocr
def test_missing_tesseract_names_the_packages(monkeypatch: pytest.MonkeyPatch, scan: Image.Image) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(DossierError) as caught:
        ocr_image(scan, "scan.png", 1)
    assert caught.value.kind is FailureKind.missing_dependency
    assert "tesseract-ocr tesseract-ocr-vie" in caught.value.message_vi


@pytest.mark.ocr
def test_missing_vietnamese_data_is_a_missing_dependency(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scan: Image.Image
) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # an empty tessdata folder
    with pytest.raises(DossierError) as caught:
        ocr_image(scan, "scan.png", 1)
    assert caught.value.kind is FailureKind.missing_dependency


@pytest.mark.ocr
def test_pages_of_every_document_share_one_loaded_engine_per_core(scan: Image.Image) -> None:
    pages = [ocr.PageImage(number, scan) for number in range(1, 5)]
    first = ocr.ocr_pages(pages, "a.png")
    engines = {id(engine) for engine in ocr._idle_engines[ocr.tessdata()]}
    second = ocr.ocr_pages(pages, "b.png")
    assert 1 <= len(engines) <= ocr.CORES
    assert {id(engine) for engine in ocr._idle_engines[ocr.tessdata()]} == engines  # none loaded again
    assert all("chuyển đổi số" in page.text for page in first + second)
    assert [page.text for page in first] == [page.text for page in second]


def test_language_data_is_found_when_tesseract_4_does_not_say_where(tmp_path: Path) -> None:
    tesseract_4 = tmp_path / "tesseract"
    tesseract_4.write_text("#!/bin/sh\nprintf 'List of available languages (2):\\neng\\nvie\\n'\n")
    tesseract_4.chmod(0o755)
    folder = Path(ocr._tessdata_of(str(tesseract_4)))
    assert (folder / "vie.traineddata").is_file()
    assert folder == Path(ocr.tessdata())  # where this machine's Tesseract 5 says it reads them


def test_ocr_fields_say_where_on_the_page_they_were_read():
    """`box` (page fractions) frames the words a value was read from: the review page draws it on the scan."""
    scan = DEMO / "inbox" / "scan-004.png"
    doc = read_file(scan, scan.name)
    fields = extract_fields([doc]).provenance()
    width, height = Image.open(scan).size
    title = fields["title"]["box"]
    assert 0 <= title[0] < title[2] <= 1 and 0 <= title[1] < title[3] <= 1
    # the framed strip, OCR'd again on its own, holds the title's words from both of its lines
    strip = Image.open(scan).crop((round(title[0] * width), round(title[1] * height),
                                   round(title[2] * width), round(title[3] * height)))
    again = fold(pytesseract.image_to_string(strip, lang="vie"))
    assert "an toan phau thuat" in again and "nguoi benh truoc mo" in again


def test_a_document_renamed_names_every_page_in_nfc_and_is_kept_when_the_name_is_the_same() -> None:
    line = Line("Tên sáng kiến", conf=0.9)
    document = Document("scan.png", (Page("scan.png", 1, (line,), "ocr"), Page("scan.png", 2, (line,), "ocr")))
    renamed = document.named(unicodedata.normalize("NFD", "Tờ trình.png"))
    assert renamed.file == "Tờ trình.png" and {page.file for page in renamed.pages} == {"Tờ trình.png"}
    assert [page.number for page in renamed.pages] == [1, 2] and renamed.text == document.text
    assert document.named("scan.png") is document and document.pages[0].file == "scan.png"
