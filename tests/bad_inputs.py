"""The bad-input catalogue: every kind of entry secretaries really drop, each with the outcome it must end in.

`build(inbox)` writes the catalogue and returns what each entry must become: a record of a given status and
failure kind, or left alone in the inbox (lock files, partial downloads, links out of the inbox).
"""

from __future__ import annotations

import io
import os
import random
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfWriter

from tests.conftest import write_form_docx

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FORM_LINES = ["ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", "Tên sáng kiến: Sổ tay điện tử cho giáo viên chủ nhiệm",
              "Tác giả: Nguyễn Thị Hương", "Đơn vị công tác: Trường THCS Quang Sơn"]


@dataclass(frozen=True)
class Expect:
    """`status` of the record (None: no record, the entry stays untouched) and the failure kind if failed."""

    status: str | None
    kind: str | None = None


def _page_image(lines: list[str]) -> Image.Image:
    image = Image.new("L", (1700, 900), 255)
    draw, font = ImageDraw.Draw(image), ImageFont.truetype(FONT, 34)
    for row, text in enumerate(lines):
        draw.text((100, 100 + row * 90), text, font=font, fill=0)
    return image


def _text_pdf(lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("Serif", fname=FONT)
    pdf.set_font("Serif", size=13)
    for text in lines:
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _jpeg(lines: list[str]) -> bytes:
    out = io.BytesIO()
    _page_image(lines).save(out, "JPEG", quality=80)
    return out.getvalue()


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _zip_bomb(path: Path, unpacked_mb: int = 300) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)


def _blank_pdf(path: Path, pages: int, password: str | None = None) -> None:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password)
    with path.open("wb") as out:
        writer.write(out)


def build(inbox: Path) -> dict[str, Expect]:
    """Write the catalogue into `inbox`; returns the expected end of every entry by its source name."""
    inbox.mkdir(parents=True, exist_ok=True)
    failed = lambda kind: Expect("failed", kind)  # noqa: E731
    expect: dict[str, Expect] = {}

    (inbox / "rong.pdf").write_bytes(b"")
    expect["rong.pdf"] = failed("bad_input")
    pdf = _text_pdf(FORM_LINES)
    (inbox / "bi-cat.pdf").write_bytes(pdf[: len(pdf) // 3])
    expect["bi-cat.pdf"] = failed("bad_input")
    _blank_pdf(inbox / "co-mat-khau.pdf", 1, password="secret")
    expect["co-mat-khau.pdf"] = failed("encrypted")
    _blank_pdf(inbox / "khong-trang.pdf", 0)
    expect["khong-trang.pdf"] = failed("bad_input")
    (inbox / "anh-doi-ten.pdf").write_bytes(_jpeg(FORM_LINES))
    expect["anh-doi-ten.pdf"] = failed("bad_input")
    (inbox / "rac.docx").write_bytes(random.Random(7).randbytes(4000))
    expect["rac.docx"] = failed("bad_input")
    _zip(inbox / "nen-khong-phai-word.docx", {"ghi-chu.txt": b"hello"})
    expect["nen-khong-phai-word.docx"] = failed("bad_input")
    _zip_bomb(inbox / "bom-nen.docx")
    expect["bom-nen.docx"] = failed("bad_input")
    Image.new("1", (20000, 20000), 1).save(inbox / "anh-khong-lo.png")
    expect["anh-khong-lo.png"] = failed("bad_input")
    jpeg = _jpeg(FORM_LINES)
    (inbox / "anh-bi-cat.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    expect["anh-bi-cat.jpg"] = failed("bad_input")
    _zip(inbox / "bang-tinh.xlsx", {"xl/workbook.xml": b"<workbook/>"})
    expect["bang-tinh.xlsx"] = failed("unsupported_format")
    (inbox / "ghi-chu.txt").write_text("Nộp bổ sung sau.", encoding="utf-8")
    expect["ghi-chu.txt"] = failed("unsupported_format")
    (inbox / "ban-cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    expect["ban-cu.doc"] = failed("bad_input")  # a broken Word 97 file: LibreOffice cannot convert it
    _page_image([" "]).save(inbox / "trang-trang.png")
    expect["trang-trang.png"] = failed("empty")
    english = inbox / "thu-tieng-anh.pdf"
    english.write_bytes(_text_pdf(["Dear colleagues,", "Please find attached the minutes of the meeting.",
                                   "The budget review is scheduled for next month.", "Best regards, John"]))
    expect["thu-tieng-anh.pdf"] = failed("not_a_dossier")
    (inbox / "ho-so-rong").mkdir()
    expect["ho-so-rong"] = failed("empty")
    folder = inbox / "Ho so 7 - kem ghi chu"
    folder.mkdir()
    write_form_docx(folder / "01-don.docx", "Số hóa sổ đảng viên", "Lê Văn Tâm", "Đảng ủy phường Hải Châu")
    (folder / "doc-truoc.txt").write_text("Nhờ chị xem giúp.", encoding="utf-8")
    expect["Ho so 7 - kem ghi chu"] = Expect("needs_review")
    pages = [_page_image(FORM_LINES[:2]), _page_image(FORM_LINES[2:])]
    pages[0].save(inbox / "nhieu-trang.tif", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    expect["nhieu-trang.tif"] = Expect("needs_review")
    nfd = unicodedata.normalize("NFD", "Đơn yêu cầu - Nguyễn Văn Ánh.docx")
    write_form_docx(inbox / nfd, "Ứng dụng mã QR tra cứu hồ sơ", "Nguyễn Văn Ánh", "UBND phường Hải Châu")
    expect[nfd] = Expect("needs_review")
    hostile = "$(touch PWNED); rm -rf ~ `id` & echo.docx"
    write_form_docx(inbox / hostile, "Phần mềm quản lý kho", "Trần Thị Bình", "Công ty Điện lực Quảng Nam")
    expect[hostile] = Expect("needs_review")
    long_name = "Ho so sang kien " + "rat dai " * 25 + "cuoi.docx"
    write_form_docx(inbox / long_name, "Sổ tay điện tử cho tổ chuyên môn", "Phạm Minh Đức", "Trường THCS Lê Lợi")
    expect[long_name] = Expect("needs_review")

    for name in ("~$Don yeu cau.docx", ".~lock.Don yeu cau.docx#", ".an.pdf", "dang-tai.pdf.part",
                 "tai-ve.crdownload", "tam.tmp"):
        (inbox / name).write_bytes(b"partial")
        expect[name] = Expect(None)
    os.symlink("/etc/passwd", inbox / "mat-khau-he-thong.pdf")
    expect["mat-khau-he-thong.pdf"] = Expect(None)
    return expect
