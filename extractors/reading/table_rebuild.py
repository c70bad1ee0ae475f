"""Table rows rebuilt from positioned words and ruling lines: the one table logic for PDF text layers and OCR.

PDF text layers and Tesseract both read a table line by line, so a wrapped cell ("Lê Thị Hoài" / "Thương")
is shredded across lines shared with its neighbours. Here ruling lines (from PDF paths or the page image)
give a grid; every word is put in the cell holding its centre, and each grid row becomes one
`Line(text=" | ".join(cells), cells=cells)`. A cell merged across columns has no inner ruling, so it counts once.
Lines outside every grid are returned untouched. All coordinates share one space: pixels, y growing downwards.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from statistics import median

from extractors.model import Line, Word

CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class Segment:
    """A ruling line: vertical at x=`pos` from y=`start` to `end`, or horizontal at y=`pos` from x=`start` to `end`."""

    vertical: bool
    pos: float
    start: float
    end: float


@dataclass(frozen=True)
class Grid:
    """A ruled table: row bands (top, bottom) and, per band, the x of the rulings that bound its cells."""

    bands: tuple[tuple[float, float], ...]
    columns: tuple[tuple[float, ...], ...]

    @cached_property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the whole table."""
        xs = [x for edges in self.columns for x in edges]
        return min(xs), self.bands[0][0], max(xs), self.bands[-1][1]

    def contains(self, word: Word) -> bool:
        """Whether the word's centre lies inside the table."""
        left, top, right, bottom = self.box
        x, y = _centre(word)
        return left < x < right and top < y < bottom


def find_tables(segments: Iterable[Segment], tolerance: float) -> list[Grid]:
    """The grids formed by crossing rulings, top to bottom; `tolerance` is how far apart lines still meet (~1 mm).

    A grid needs two horizontal and two vertical rulings and at least one band with two cells: a lone
    frame round a paragraph, an underline or a page edge is not a table.
    """
    merged = _merge(segments, tolerance, vertical=True) + _merge(segments, tolerance, vertical=False)
    grids = (_grid(group, tolerance) for group in _connected(merged, tolerance))
    return sorted((g for g in grids if g is not None), key=lambda g: g.box[1])


def rebuild(lines: Sequence[Line], grids: Sequence[Grid], extra: Iterable[Word] = ()) -> list[Line]:
    """`lines` in order, with the words inside each grid replaced by the grid's rows.

    `extra` words (read apart, e.g. cell by cell) join the grid they fall in. A grid's rows take the place of
    the first line that had a word in it, else go before the first line below the grid's top. Words of a line
    outside every grid stay in that line (its text is rebuilt from them only if some of its words moved).
    """
    buckets: list[list[Word]] = [[] for _ in grids]
    anchors: dict[int, int] = {}  # grid → index in `kept` before which its rows go
    kept: list[Line] = []
    for line in lines:
        rest = []
        for word in line.words:
            index = _grid_of(word, grids)
            if index is None:
                rest.append(word)
            else:
                anchors.setdefault(index, len(kept))
                buckets[index].append(word)
        if len(rest) == len(line.words):
            kept.append(line)
        elif rest:
            kept.append(_line_of(rest))
    for word in extra:
        index = _grid_of(word, grids)
        if index is not None:
            buckets[index].append(word)
    for index, grid in enumerate(grids):
        below = (k for k, line in enumerate(kept) if line.words and _top(line) > grid.box[1])
        anchors.setdefault(index, next(below, len(kept)))
    result: list[Line] = []
    for position in range(len(kept) + 1):
        for index in sorted((i for i, at in anchors.items() if at == position), key=lambda i: grids[i].box[1]):
            result.extend(table_rows(grids[index], buckets[index]))
        result.extend(kept[position:position + 1])
    return result


def table_rows(grid: Grid, words: Sequence[Word]) -> list[Line]:
    """One `Line` with cells per band of `grid` that holds any word; cell text is read line by line."""
    tops = [top for top, _ in grid.bands]
    cells: list[list[list[Word]]] = [[[] for _ in edges[1:]] for edges in grid.columns]
    for word in words:
        x, y = _centre(word)
        band = max(0, bisect(tops, y) - 1)  # words on a ruling or past the last one go to the nearest band
        cells[band][bisect(grid.columns[band][1:-1], x)].append(word)
    rows = []
    for row in filter(any, cells):
        ordered = [reading_order(cell) for cell in row]
        texts = tuple(" ".join(w.text for w in cell) for cell in ordered)
        flat = tuple(w for cell in ordered for w in cell)
        rows.append(Line(CELL_SEPARATOR.join(texts), cells=texts, words=flat,
                         conf=sum(w.conf for w in flat) / len(flat) / 100))
    return rows


def reading_order(words: Sequence[Word]) -> list[Word]:
    """Words sorted into visual lines (top to bottom) and left to right within each line."""
    if not words:
        return []
    half = median(w.height for w in words) / 2
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: _centre(w)[1]):
        if lines and _centre(word)[1] - _centre(lines[-1][0])[1] <= half:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [w for line in lines for w in sorted(line, key=lambda w: w.left)]


def _grid_of(word: Word, grids: Sequence[Grid]) -> int | None:
    return next((i for i, grid in enumerate(grids) if grid.contains(word)), None)


def _top(line: Line) -> float:
    return min(_centre(w)[1] for w in line.words)


def _line_of(words: Sequence[Word]) -> Line:
    return Line(" ".join(w.text for w in words), conf=sum(w.conf for w in words) / len(words) / 100,
                words=tuple(words))


def _centre(word: Word) -> tuple[float, float]:
    return word.left + word.width / 2, word.top + word.height / 2


def _merge(segments: Iterable[Segment], tolerance: float, *, vertical: bool) -> list[Segment]:
    """Collinear pieces joined: a ruling drawn per cell, or broken by scan noise, becomes one segment."""
    merged: list[Segment] = []
    for pos, pieces in _clusters(sorted((s for s in segments if s.vertical == vertical), key=lambda s: s.pos),
                                 tolerance):
        pieces.sort(key=lambda s: s.start)
        start, end = pieces[0].start, pieces[0].end
        for piece in pieces[1:]:
            if piece.start > end + tolerance:
                merged.append(Segment(vertical, pos, start, end))
                start = piece.start
            end = max(end, piece.end)
        merged.append(Segment(vertical, pos, start, end))
    return merged


def _clusters(items: Sequence[Segment], tolerance: float) -> list[tuple[float, list[Segment]]]:
    """Runs of segments (sorted by position) whose neighbours lie within `tolerance`; each with its mean position."""
    groups: list[list[Segment]] = []
    for item in items:
        if groups and item.pos - groups[-1][-1].pos <= tolerance:
            groups[-1].append(item)
        else:
            groups.append([item])
    return [(sum(s.pos for s in group) / len(group), group) for group in groups]


def _connected(segments: list[Segment], tolerance: float) -> list[list[Segment]]:
    """Groups of segments linked by crossings (a vertical meeting a horizontal), by union–find."""
    parent = list(range(len(segments)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(segments):
        for j in range(i + 1, len(segments)):
            b = segments[j]
            if a.vertical != b.vertical and _cross(a, b, tolerance):
                parent[root(i)] = root(j)
    groups: dict[int, list[Segment]] = {}
    for i, segment in enumerate(segments):
        groups.setdefault(root(i), []).append(segment)
    return list(groups.values())


def _cross(a: Segment, b: Segment, tolerance: float) -> bool:
    return a.start - tolerance <= b.pos <= a.end + tolerance and b.start - tolerance <= a.pos <= b.end + tolerance


def _grid(group: list[Segment], tolerance: float) -> Grid | None:
    """The rows and per-row columns of one connected group of rulings, or None if it is no table.

    A band that no vertical crosses whole (a caption row, a cell merged across the table) is one cell wide.
    """
    verticals = sorted((s for s in group if s.vertical), key=lambda s: s.pos)
    ys = [pos for pos, _ in _clusters(sorted((s for s in group if not s.vertical), key=lambda s: s.pos), tolerance)]
    if len(verticals) < 2 or len(ys) < 2:
        return None
    outer = (verticals[0].pos, verticals[-1].pos)
    columns = []
    for top, bottom in zip(ys, ys[1:]):
        covering = [s for s in verticals if s.start <= top + tolerance and s.end >= bottom - tolerance]
        edges = tuple(pos for pos, _ in _clusters(covering, tolerance))
        columns.append(edges if len(edges) >= 2 else outer)
    if max(len(edges) for edges in columns) < 3:
        return None
    return Grid(tuple(zip(ys, ys[1:])), tuple(columns))
