"""Table rows rebuilt from word boxes and rulings: the pure functions on hand-built boxes, then real files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from extractors.model import Line, Word
from extractors.reading import ocr_tables
from extractors.reading.ocr_tables import stack_cells, unstack
from extractors.reading.read import read_file
from extractors.reading.rulings import bridged, page_tables
from extractors.reading.table_rebuild import Segment, find_tables, reading_order, rebuild

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf"
TOLERANCE = 12.0


def word(text: str, left: int, top: int, conf: float = 95.0) -> Word:
    return Word(text, left, top, 20 * len(text), 40, conf)


def line(*words: Word) -> Line:
    return Line(" ".join(w.text for w in words), conf=0.95, words=words)


def grid_segments(xs: list[int], ys: list[int], merged_bands: tuple[int, ...] = ()) -> list[Segment]:
    """Rulings of a table with columns at `xs` and rows at `ys`; bands in `merged_bands` have no inner verticals."""
    horizontals = [Segment(False, y, xs[0], xs[-1]) for y in ys]
    outer = [Segment(True, x, ys[0], ys[-1]) for x in (xs[0], xs[-1])]
    inner = [Segment(True, x, top, bottom) for x in xs[1:-1]
             for band, (top, bottom) in enumerate(zip(ys, ys[1:])) if band not in merged_bands]
    return horizontals + outer + inner


# Columns "Số TT" | "Họ và tên" | "Năm sinh", a caption row merged across all three, then a header and one row.
XS, YS = [100, 300, 900, 1300], [1000, 1100, 1300, 1500]
TABLE = grid_segments(XS, YS, merged_bands=(0,))
PAGE = [
    line(word("Tôi", 100, 900), word("ghi", 200, 900), word("tên:", 300, 900)),
    line(word("Danh", 500, 1030), word("sách", 620, 1030)),
    line(word("Số", 120, 1180), word("Họ", 350, 1180), word("và", 420, 1180), word("tên", 480, 1180),
         word("Năm", 950, 1150)),
    line(word("TT", 120, 1220), word("sinh", 950, 1210)),
    line(word("1", 120, 1390), word("Lê", 350, 1360), word("Thị", 420, 1360), word("Hoài", 500, 1360),
         word("1980", 950, 1390)),
    line(word("Thương", 350, 1410)),
    line(word("Kính", 100, 1600), word("gửi", 220, 1600)),
]


def test_find_tables_reads_bands_and_merged_cells() -> None:
    (grid,) = find_tables(TABLE, TOLERANCE)
    assert grid.bands == ((1000, 1100), (1100, 1300), (1300, 1500))
    assert grid.columns == ((100, 1300), (100, 300, 900, 1300), (100, 300, 900, 1300))


def test_cells_drawn_one_rectangle_each_merge_into_one_grid() -> None:
    """fpdf2 draws every cell as its own rectangle: shared borders come twice, a point apart."""
    rectangles = []
    for left, right in zip(XS, XS[1:]):
        for top, bottom in zip(YS[1:], YS[2:]):
            rectangles += [Segment(False, top + 2, left, right), Segment(False, bottom - 2, left, right),
                           Segment(True, left + 2, top, bottom), Segment(True, right - 2, top, bottom)]
    (grid,) = find_tables(rectangles, TOLERANCE)
    assert len(grid.bands) == 2 and all(len(edges) == 4 for edges in grid.columns)


@pytest.mark.parametrize("segments", [
    grid_segments([100, 1300], [1000, 1500]),  # a frame round a paragraph
    [Segment(False, 500, 100, 900)],  # an underline
    [Segment(True, 100, 0, 3000), Segment(True, 2400, 0, 3000)],  # page edges, no crossing
])
def test_frames_and_lone_lines_are_no_tables(segments: list[Segment]) -> None:
    assert find_tables(segments, TOLERANCE) == []


def test_rebuild_joins_wrapped_cells_and_counts_a_merged_cell_once() -> None:
    lines = rebuild(PAGE, find_tables(TABLE, TOLERANCE))
    assert [ln.cells for ln in lines] == [
        None,
        ("Danh sách",),
        ("Số TT", "Họ và tên", "Năm sinh"),
        ("1", "Lê Thị Hoài Thương", "1980"),
        None,
    ]
    assert lines[3].text == "1 | Lê Thị Hoài Thương | 1980"
    assert lines[3].conf == pytest.approx(0.95)


def test_rebuild_leaves_lines_outside_tables_untouched() -> None:
    lines = rebuild(PAGE, find_tables(TABLE, TOLERANCE))
    assert lines[0] is PAGE[0] and lines[-1] is PAGE[-1]
    assert rebuild(PAGE, []) == PAGE


def test_words_read_apart_join_their_table_which_goes_where_it_is_on_the_page() -> None:
    outside = [PAGE[0], PAGE[-1]]
    table_words = [w for ln in PAGE[1:-1] for w in ln.words]
    lines = rebuild(outside, find_tables(TABLE, TOLERANCE), extra=table_words)
    assert [ln.cells[1] if ln.cells and len(ln.cells) > 1 else ln.text for ln in lines] == [
        "Tôi ghi tên:", "Danh sách", "Họ và tên", "Lê Thị Hoài Thương", "Kính gửi"]


def test_reading_order_is_by_visual_line_then_left_to_right() -> None:
    words = [word("Thương", 350, 1412), word("Hoài", 500, 1360), word("Lê", 350, 1365)]
    assert [w.text for w in reading_order(words)] == ["Lê", "Hoài", "Thương"]


# --- page images ------------------------------------------------------------------------------------------------


def ruled_page() -> np.ndarray:
    """An A4 page at 300 DPI: a 3 × 3 ruled table with a block of "text" in one cell, a dark desk strip at the left."""
    page = np.full((3508, 2480), 255, dtype=np.uint8)
    page[:, :120] = 40  # the desk beside a photographed page: dark, but no line
    for y in (1000, 1200, 1400, 1600):
        page[y:y + 3, 300:2100] = 0
    for x in (300, 800, 1500, 2100):
        page[1000:1603, x:x + 3] = 0
    page[1250:1290, 900:1200] = 0  # ink inside the middle cell
    page[2000:2003, 300:1200] = 0  # an underline elsewhere on the page
    return page


def test_page_tables_finds_the_grid_and_erases_only_its_rulings() -> None:
    page = ruled_page()
    grids, erased = page_tables(page)
    (grid,) = grids
    assert len(grid.bands) == 3 and all(len(edges) == 4 for edges in grid.columns)
    assert erased[1000:1003, 400:700].min() == 255 and erased[1100:1300, 800:803].min() == 255
    assert erased[1250:1290, 900:1200].max() == 0  # the cell's ink stays
    assert erased[2000:2003, 300:1200].max() == 0 and erased[:, :120].max() == 40  # so do the underline and desk


@pytest.mark.parametrize("offset", [0, 1, 2, 3])
def test_one_pixel_rulings_survive_the_quick_search_on_a_small_copy(offset: int) -> None:
    """The quick search on a quarter-size copy must not lose rulings one pixel thick, whatever row or column."""
    page = np.full((3508, 2480), 255, dtype=np.uint8)
    for y in (1000, 1200, 1400, 1600):
        page[y + offset, 300:2100] = 0
    for x in (300, 800, 1500, 2100):
        page[1000:1601, x + offset] = 0
    (grid,) = page_tables(page)[0]
    assert len(grid.bands) == 3 and all(len(edges) == 4 for edges in grid.columns)


@pytest.mark.parametrize("gap", [1, 3])
def test_a_ruling_faded_for_a_pixel_near_its_end_keeps_the_last_row_s_cells(gap: int) -> None:
    """A stamped photo: the ruling between the first two columns showed a 1-pixel gap under the seal's lifted ink,
    40 px above the table's foot; the piece below it, shorter than a line, was dropped and the last row read its
    number into the name ("Hoàng Trọng 2 Nghĩa")."""
    page = ruled_page()
    page[1560:1560 + gap, 800:803] = 255
    (grid,) = page_tables(page)[0]
    assert all(len(edges) == 4 for edges in grid.columns)


def test_runs_a_few_pixels_apart_on_one_strip_are_one() -> None:
    rows, starts, ends = (np.array(v) for v in ([4, 4, 4, 7, 7], [0, 101, 300, 0, 50], [100, 290, 400, 49, 60]))
    assert [v.tolist() for v in bridged(rows, starts, ends, 2)] == [[4, 4, 7], [0, 300, 0], [290, 400, 60]]
    assert [v.tolist() for v in bridged(rows, starts, ends, 0)] == [[4, 4, 4, 7, 7], starts.tolist(), ends.tolist()]


def test_a_page_without_a_table_is_returned_as_it_is() -> None:
    page = ruled_page()
    page[1000:1603, 300:2103] = 255  # no table left, the underline and the desk remain
    grids, same = page_tables(page)
    assert grids == [] and same is page


def test_cells_stacked_for_ocr_map_back_to_their_place_on_the_page() -> None:
    page = ruled_page()
    grids, erased = page_tables(page)
    (stack,) = stack_cells(erased, grids)
    (place,) = stack.placements  # empty cells are left out
    assert (stack.image[place.top:place.bottom] == 0).any()
    seen = Word("x", 60, place.top + 5, 300, 30, 90.0)
    (back,) = unstack([seen, Word("stray", 60, place.bottom + 80, 50, 20, 90.0)], stack.placements)
    assert (back.left, back.top) == (seen.left + place.dx, seen.top + place.dy)
    assert grids[0].contains(back)


def test_a_long_table_is_stacked_in_several_images_tesseract_can_address(monkeypatch: pytest.MonkeyPatch) -> None:
    page = ruled_page()
    page[1450:1490, 400:700] = 0  # two more inked cells
    page[1250:1290, 1600:2000] = 0
    grids, erased = page_tables(page)
    monkeypatch.setattr(ocr_tables, "_MAX_HEIGHT", 250)
    stacks = stack_cells(erased, grids)
    assert len(stacks) == 3 and all(stack.image.shape[0] <= 250 for stack in stacks)


# --- real files -------------------------------------------------------------------------------------------------

HEADER = ("Số TT", "Họ và tên", "Ngày tháng năm sinh", "Nơi công tác (hoặc nơi thường trú)", "Tỷ lệ (%) đóng góp")
ROWS = [
    ("1", "Lê Thị Hoài Thương", "13/9/1980", "Công ty Cổ phần Cấp thoát nước Quảng Nam", "60%"),
    ("2", "Nguyễn Văn Bình", "02/11/1975", "Trường THCS Quang Sơn, TP Tam Điệp", "40%"),
]


@pytest.fixture(scope="module")
def table_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An A4 text PDF: a paragraph, a ruled table with a merged caption and wrapped cells, a paragraph."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.add_font("Serif", fname=FONT)
    pdf.add_font("Serif", style="B", fname=FONT)
    pdf.set_font("Serif", size=13)
    pdf.multi_cell(0, 7, "Tôi (chúng tôi) ghi tên dưới đây:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Serif", size=11.5)
    with pdf.table(col_widths=(10, 24, 20, 40, 18), line_height=5.5, padding=1.2, num_heading_rows=2) as grid:
        grid.row().cell("Danh sách tác giả", colspan=5, align="C")
        for cells in (HEADER, *ROWS):
            row = grid.row()
            for cell in cells:
                row.cell(cell)
    pdf.set_font("Serif", size=13)
    pdf.multi_cell(0, 7, "Lĩnh vực áp dụng sáng kiến: Cấp thoát nước", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path_factory.mktemp("pdf") / "don.pdf"
    pdf.output(str(path))
    return path


def assert_author_table(lines: list[Line]) -> list[tuple[str, ...]]:
    """The caption, the header, and each row's name and birth date, all wrapped in their cells; returns the rows."""
    rows = [ln.cells for ln in lines if ln.cells]
    assert rows[:2] == [("Danh sách tác giả",), HEADER]
    assert [row[1:3] for row in rows[2:]] == [row[1:3] for row in ROWS]
    return rows


def test_text_pdf_table_comes_out_as_rows_of_cells(table_pdf: Path) -> None:
    (page,) = read_file(table_pdf, table_pdf.name).pages
    assert page.method == "text"
    assert assert_author_table(list(page.lines))[2:] == ROWS
    texts = [ln.text for ln in page.lines if not ln.cells]
    assert texts == ["Tôi (chúng tôi) ghi tên dưới đây:", "Lĩnh vực áp dụng sáng kiến: Cấp thoát nước"]
    assert page.lines[1].cells == ("Danh sách tác giả",)  # the rows sit where the table is


@pytest.mark.parametrize("style", ["lines", "thin-rectangles"])
def test_grids_drawn_as_lines_or_thin_filled_rectangles_are_found(tmp_path: Path, style: str) -> None:
    """Word and LibreOffice draw borders as single strokes or as hairline filled rectangles, not one box per cell."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.add_font("Serif", fname=FONT)
    pdf.set_font("Serif", size=12)
    pdf.text(20, 30, "Danh sách tác giả đề nghị công nhận sáng kiến cơ sở")
    def rule(x0: float, y0: float, x1: float, y1: float) -> None:
        if style == "lines":
            pdf.line(x0, y0, x1, y1)
        else:
            pdf.rect(x0 - 0.1, y0 - 0.1, x1 - x0 + 0.2, y1 - y0 + 0.2, style="F")

    xs, ys = (20, 35, 95, 150), (40, 50, 66)
    for x in xs:
        rule(x, ys[0], x, ys[-1])
    for y in ys:
        rule(xs[0], y, xs[-1], y)
    for x, text in zip(xs, ("TT", "Họ và tên", "Năm sinh")):
        pdf.text(x + 2, 46, text)
    for x, y, text in ((20, 59, "1"), (35, 56, "Lê Thị Hoài"), (35, 62, "Thương"), (95, 59, "1980")):
        pdf.text(x + 2, y, text)
    path = tmp_path / "ke-bang.pdf"
    pdf.output(str(path))

    (page,) = read_file(path, path.name).pages

    assert [ln.cells for ln in page.lines] == [None, ("TT", "Họ và tên", "Năm sinh"),
                                               ("1", "Lê Thị Hoài Thương", "1980")]


@pytest.mark.ocr
def test_scanned_table_comes_out_as_rows_of_cells(table_pdf: Path, tmp_path: Path) -> None:
    document = pdfium.PdfDocument(str(table_pdf))
    image = document[0].render(scale=300 / 72, grayscale=True).to_pil()
    document.close()
    path = tmp_path / "don.png"
    image.save(path, dpi=(300, 300))
    (page,) = read_file(path, path.name).pages
    assert page.method == "ocr"
    assert_author_table(list(page.lines))
    assert "Lĩnh vực áp dụng" in page.lines[-1].text
