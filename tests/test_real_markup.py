"""The real-case markup parser (bench/real_markup.py) on a small invented text."""

from __future__ import annotations

from bench.real_markup import parse
from samples.gen_blocks import PageBreak, Para, Table

MARKUP = """\
# a comment line, not text
:: PHÒNG GIÁO DỤC HUYỆN AN PHÚ // TRƯỜNG TH BÌNH MINH :: CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
:: :: Độc lập - Tự do - Hạnh phúc

^ ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN
Kính gửi: Hội đồng sáng kiến huyện An Phú
| TT | Họ và tên | Nơi công tác |
| 1 | Lê Văn Mười | Trường TH Bình Minh |
| 2 | Ngô Thị Chín |
Số tiền làm lợi: ____ đồng -- chưa tính
===
Tên sáng kiến: Sổ tay điểm danh
"""


def test_blocks_in_reading_order():
    blocks = parse(MARKUP)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Table", "Para", "Para", "Table", "Para", "PageBreak", "Para"]
    assert isinstance(blocks[5], PageBreak)


def test_borderless_rows_keep_cell_lines():
    letterhead = parse(MARKUP)[0]
    assert isinstance(letterhead, Table) and not letterhead.borders
    assert letterhead.rows[0][0] == "PHÒNG GIÁO DỤC HUYỆN AN PHÚ\nTRƯỜNG TH BÌNH MINH"
    assert letterhead.rows[1] == ("", "Độc lập - Tự do - Hạnh phúc")


def test_bordered_rows_are_padded_to_one_width():
    grid = parse(MARKUP)[3]
    assert grid.borders and grid.header_rows == 1
    assert grid.rows[2] == ("2", "Ngô Thị Chín", "")
    assert len(grid.widths) == 3


def test_centred_and_justified_paragraphs():
    blocks = parse(MARKUP)
    heading, addressee = blocks[1], blocks[2]
    assert isinstance(heading, Para) and heading.align == "C" and heading.text == "ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN"
    assert addressee.align == "J" and addressee.text.startswith("Kính gửi:")


def test_markdown_markers_do_not_reach_the_pdf_renderer():
    text = parse(MARKUP)[4].text
    assert "__" not in text and "--" not in text
    assert text == "Số tiền làm lợi: …… đồng – chưa tính"


def test_text_is_nfc():
    decomposed = "Tru\u031bo\u031b\u0300ng"  # "Trường" in NFD
    assert parse(decomposed)[0].text == "Trường"
