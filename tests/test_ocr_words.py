"""What Tesseract returns that no page holds (extractors/reading/ocr_words.py): specks read as words, and a toned
vowel read twice. Rows of Tesseract's TSV are built by hand; no Tesseract."""

from __future__ import annotations

import pytest

from extractors.reading.ocr import _group_lines
from extractors.reading.ocr_words import one_tone


def _tsv(*lines: list[tuple[str, int, int, int, int, float]]) -> str:
    """Tesseract's TSV (as its library gives it: no header) for `lines` of (text, left, top, width, height, conf)."""
    rows = []
    for number, words in enumerate(lines, 1):
        rows += [f"5\t1\t1\t1\t{number}\t{i}\t{x}\t{y}\t{w}\t{h}\t{conf}\t{text}"
                 for i, (text, x, y, w, h, conf) in enumerate(words, 1)]
    return "\n".join(rows)


def _line(text: str, top: int, *extra: tuple[str, int, int, int, int, float]) -> list:
    words = [(word, 100 + 120 * i, top, 25 * len(word), 44, 96.0) for i, word in enumerate(text.split())]
    return words + list(extra)


BODY = _line("Sáng kiến được áp dụng tại đơn vị", 100), _line("Địa chính Xây dựng thuận tiện cho việc", 160)


def test_specks_read_as_words_are_dropped():
    lines = _group_lines(_tsv(*BODY,
                              _line("dịch vụ công", 220, (".", 500, 250, 4, 4, 89.0)),
                              _line("Quảng Nam", 280, ("Ề", 1100, 300, 6, 6, 0.0)),
                              [("..", 100, 360, 7, 7, 61.0), *_line("tảng đám mây", 340)[:3]]))
    assert [line.text for line in lines[2:]] == ["dịch vụ công", "Quảng Nam", "tảng đám mây"]


def test_a_dash_and_a_short_word_are_no_specks():
    dash, short = ("-", 400, 240, 9, 3, 93.0), ("ở", 520, 228, 16, 22, 95.0)
    lines = _group_lines(_tsv(*BODY, _line("Địa chính", 220, dash, short)))
    assert lines[2].text == "Địa chính - ở"


def test_a_line_of_few_words_keeps_them_all():
    assert _group_lines(_tsv([("Nam", 100, 100, 70, 30, 95.0), (".", 300, 120, 4, 4, 80.0)]))[0].text == "Nam ."


@pytest.mark.parametrize("read, meant", [("KIẾỂN", "KIẾN"), ("kiếển", "kiến"), ("Lãä", "Lãä"), ("hưu", "hưu"),
                                         ("xoong", "xoong"), ("NGHIỆM", "NGHIỆM"), ("Nguyễn", "Nguyễn")])
def test_a_toned_vowel_read_twice_is_one(read, meant):
    assert one_tone(read) == meant


def test_the_heading_read_with_a_doubled_vowel_comes_out_whole():
    lines = _group_lines(_tsv(*BODY, [("SÁNG", 576, 707, 188, 64, 93.0), ("KIẾỂN", 792, 699, 176, 71, 39.0),
                                      ("KINH", 993, 720, 187, 50, 90.0), ("NGHIỆM", 1206, 706, 298, 78, 90.0)]))
    assert lines[2].text == "SÁNG KIẾN KINH NGHIỆM"
