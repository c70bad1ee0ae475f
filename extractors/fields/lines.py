"""A dossier's lines in reading order, with where each came from, and the label search over them.

Field rules see one flat list of `Ref`s across all files and pages of a dossier; each knows its file, page,
folded text, and the key labels are matched on (folded, list markers and footnote digits blanked out).
`Extracted` is what every field rule returns: the value plus its confidence and provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from extractors.fields.label_variants import label_variants, segments, snap_label
from extractors.fields.ruleset import LABEL_FIELDS, LabelRule, labels, learned_labels_key
from extractors.fold import fold
from extractors.model import Document, Line


@dataclass(frozen=True)
class Ref:
    """One line of the dossier and where it is."""

    index: int
    file: str
    page: int
    line: Line
    folded: str
    method: str = "docx"  # how the page was read: wrapped lines exist only in "text" and "ocr" pages
    key: str = ""  # `folded` with label noise blanked; same length, so offsets cut the original text
    size: tuple[int, int] | None = None  # the page's `size`: word boxes in these pixels

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", _row_as_label(label_key(self.folded), self.line.cells))

    @property
    def text(self) -> str:
        return self.line.text


@dataclass(frozen=True)
class Extracted:
    """A field value with its confidence in [0, 1] and provenance (file, 1-based page, snippet, rule)."""

    value: Any
    confidence: float
    file: str | None = None
    page: int | None = None
    snippet: str | None = None
    rule_id: str | None = None
    box: tuple[float, float, float, float] | None = None  # where on the page: x0, y0, x1, y1 as page fractions
    doubts: tuple[str, ...] = ()  # ids of the plausibility checks the value failed (extractors/fields/plausibility.py)
    absent: bool = False  # the kind of form read does not carry this field: no value is expected, none is doubted

    @classmethod
    def at(cls, value: Any, confidence: float, ref: Ref, rule_id: str, snippet: str | None = None,
           lines: Iterable[Ref] = (), check: str | None = None) -> "Extracted":
        """A value found on `ref` (and the other `lines` it was read from); OCR lowers the rule's confidence.

        Mean line confidence scales it; a word of `check` (default: a text value) that OCR was unsure of lowers it
        further, because a single misread letter makes a title or name wrong.
        """
        lines = [ref, *(r for r in lines if r is not ref)]
        scaled = as_surely_as_read(confidence, lines)
        weakest = _weakest_word(lines, check if check is not None else value if isinstance(value, str) else "")
        if weakest is not None and weakest < WEAK_WORD:
            scaled *= WEAK_WORD_FACTOR
        return cls(value, round(min(max(scaled, 0.0), 1.0), 3), ref.file, ref.page, snippet or ref.text[:200], rule_id,
                   _box(lines))


def as_surely_as_read(confidence: float, lines: Sequence[Ref]) -> float:
    """`confidence` scaled by how surely `lines` were read: their mean line confidence (1.0 for digital text)."""
    return confidence * (0.6 + 0.4 * sum(r.line.conf for r in lines) / len(lines))


def _box(lines: list[Ref]) -> tuple[float, float, float, float] | None:
    """The lines' word boxes joined, as fractions of the page (only plain lines of a page with a known size:
    table cells are read apart from the page)."""
    words = [w for r in lines if r.size and r.page == lines[0].page and r.file == lines[0].file and not r.line.cells
             for w in r.line.words]
    if not words:
        return None
    width, height = lines[0].size
    x0, y0 = min(w.left for w in words), min(w.top for w in words)
    x1, y1 = max(w.left + w.width for w in words), max(w.top + w.height for w in words)
    return round(x0 / width, 4), round(y0 / height, 4), round(x1 / width, 4), round(y1 / height, 4)


# Tesseract word confidence (0–100) under which a word is often misread, and what such a word costs.
WEAK_WORD, WEAK_WORD_FACTOR = 80.0, 0.87


def _weakest_word(lines: list[Ref], text: str) -> float | None:
    """The lowest OCR confidence among the words of `text` on `lines`; None without OCR words."""
    tokens = set(text.split())
    confs = [w.conf for r in lines for w in r.line.words if w.text.strip() in tokens]
    return min(confs) if confs else None


MISSING = Extracted(None, 0.0)


def label_key(folded: str) -> str:
    """`folded` with list markers ("2.", "c)", "- ") and glued footnote digits ("gửi1:") replaced by spaces.

    Same length as `folded`: label rules then need no numbering alternatives, and match offsets still cut the
    value out of the original text.
    """
    for rule in labels().rules("label_noise"):
        folded = rule.regex.sub(lambda m: " " * len(m.group()), folded)
    return folded


def _row_as_label(key: str, cells: tuple[str, ...] | None) -> str:
    """A key–value table's row ("Đơn vị công tác | Trường X") read by the label rules as "label : value"."""
    if not cells or len(cells) != 2 or not all(c.strip() for c in cells) or ":" in cells[0]:
        return key
    cut = key.find(" | ")
    if cut < 0:
        return key
    label = _CELL_NOISE.sub(lambda m: " " * len(m.group()), key[:cut])  # OCR specks around the label cell
    return f"{label} : {key[cut + 3:]}"


# A lone letter before a label cell's first word, and dots or commas after its last ("j Tên sáng kiến .").
_CELL_NOISE = re.compile(r"^\s*[a-z](?=\s+\w{2,})|[\s.,;]+$")


def flatten(docs: Iterable[Document]) -> list[Ref]:
    """All non-empty lines of all documents, in order."""
    refs: list[Ref] = []
    for doc in docs:
        for page in doc.pages:
            for line in page.lines:
                if line.text.strip():
                    refs.append(Ref(len(refs), doc.file, page.number, line, fold(line.text), page.method,
                                    size=page.size))
    return refs


@dataclass(frozen=True)
class Hit:
    """A label found on a line; `value` is the text after it (or on the next line when the rest is empty),
    with the lines it wrapped onto; `end` is the index of the first line after the value."""

    rule: LabelRule
    ref: Ref
    value: str
    value_ref: Ref
    end: int
    head: str = ""  # the value's text on its first line only

    def lines(self, refs: list[Ref]) -> list[Ref]:
        """The lines the value was read from."""
        return refs[self.value_ref.index: max(self.end, self.value_ref.index + 1)]


def find_labels(refs: list[Ref], rules: list[LabelRule], start: int = 0) -> Iterable[Hit]:
    """Every label from line `start` on that matches one of `rules` (first matching rule per label).

    A line may hold several labels ("Họ và tên: X   Nam (nữ): Nữ"): each part up to the next label is tried on its
    own. A label may be broken over two lines ("Đánh giá lợi ích … do áp dụng" / "sáng kiến theo ý kiến của tác
    giả: …"): a line without a colon is also tried joined with the next one. A damaged label ("Lãnh vực áp
    dụng:") is read as the canonical one it is nearest to (extractors/fields/label_variants.py).
    """
    for ref in refs[start:]:
        cuts = segments(ref.key)
        for begin, end in zip((0, *cuts), (*cuts, len(ref.key))):
            for rule in rules:
                found = _match(refs, ref, rule, begin, end)
                if found:
                    yield _hit(refs, ref, rule, *found, end)
                    break
        spill = _spilled_label(refs, ref)
        for rule in rules if spill else ():
            found = _match_spilled(refs, ref, rule, spill)
            if found:
                yield _hit(refs, ref, rule, *found)
                break


def _spilled_label(refs: list[Ref], ref: Ref) -> int | None:
    """Where a second label begins that a value wraps into ("… mã màu Lĩnh vực áp" / "dụng: Giáo dục", "… đám" /
    "mây Lĩnh vực: …"): its start in the line joined with the next, or None."""
    nxt = refs[ref.index + 1] if ref.index + 1 < len(refs) else None
    if (nxt is None or ref.method == "docx" or ":" not in ref.key or ":" not in nxt.key or is_boundary(nxt)
            or not clean_text(nxt.text)[:1].islower()):
        return None
    joined = f"{ref.key} {nxt.key}"
    starts = [s for s in segments(joined) if len(ref.key) < joined.find(":", s)]
    return starts[-1] if starts else None


def _match_spilled(refs: list[Ref], ref: Ref, rule: LabelRule, start: int) -> tuple[Ref, int, bool] | None:
    """Where the label of `rule` that starts at `start` in the line and ends on the next one ends there."""
    nxt = refs[ref.index + 1]
    part = f"{ref.key} {nxt.key}"[start:]
    m = rule.regex.search(part)
    if m:
        end, snapped = start + m.end(), False
    else:
        snap = snap_label(part)
        m = rule.regex.search(snap.key) if snap and rule in labels().rules(snap.field) else None
        if not m:
            return None
        end, snapped = start + snap.offset(m.end()), True
    return (nxt, end - len(ref.key) - 1, snapped) if end > len(ref.key) else None


def _match(refs: list[Ref], ref: Ref, rule: LabelRule, begin: int = 0,
           end: int | None = None) -> tuple[Ref, int, bool] | None:
    """Where the label of `rule` ends within `ref.key[begin:end]`: the line holding its end, the offset there,
    and whether the label was snapped from a damaged one."""
    end = len(ref.key) if end is None else end
    part = ref.key[begin:end]
    m = rule.regex.search(ref.key[begin:])
    if m and not _sentence_then_colon(m.group()):
        return (ref, begin + m.end(), False) if begin + m.end() <= end else None
    if m:
        return None
    snapped = snap_label(part)
    if snapped and rule in labels().rules(snapped.field):
        m = rule.regex.search(snapped.key)
        return (ref, begin + snapped.offset(m.end()), True) if m else None
    if begin or end < len(ref.key) or ref.index + 1 >= len(refs):
        return None
    nxt = refs[ref.index + 1]
    # "ĐƠN ĐỀ NGHỊ…" + "Kính gửi: …" is no one label, nor a heading + a list item ("Lĩnh vực áp dụng" / "- Giáo dục
    # mầm non: …", whose colon is the item's own)
    if nxt.line.cells or _is_label(nxt.key, nxt.folded) or _LIST_ITEM.match(nxt.text):
        return None
    m = rule.regex.search(f"{ref.key} {nxt.key}", ref.key.rfind(":") + 1)  # after the line's own label, if any
    if not m or m.start() >= len(ref.key):
        return None
    if m.end() <= len(ref.key):  # a sentence rule whose lookahead needed the next line ("… trong năm" / "học 2024")
        return ref, m.end(), False
    return nxt, max(0, m.end() - len(ref.key) - 1), False


_LIST_ITEM = re.compile(r"^\s*[-–+•*]\s")


def _sentence_then_colon(label: str) -> bool:
    """"2 Tên sáng kiến. :" is a footnote (a sentence ending in a full stop) with a speck read as a colon; a typed
    "9.Tên sáng kiến.:" (no space before the colon) is a label."""
    return bool(re.search(r"[^.]\.\s+:\s*$", label))


def first_label(refs: list[Ref], rules: list[LabelRule], start: int = 0) -> Hit | None:
    """The best hit: earliest rule in the list wins, then the earliest line."""
    for rule in rules:
        hit = next((h for h in find_labels(refs, [rule], start) if h.value), None)
        if hit:
            return hit
    return None


# A line that is itself "label: value" (up to eight words before a colon, no sentence end among them; a lone
# word needs a value: OCR puts stray colons after words), or that ends with a colon, is never the value of the
# line above; a line starting in lower case is, though: it continues a wrapped sentence.
KEY_VALUE = re.compile(r"^\s*[^\s:.]+(?:\s+[^\s:.]+){0,7}\s*:(?!\s*$)|^\s*[^\s:.]+(?:\s+[^\s:.]+){1,7}\s*:")



@lru_cache(maxsize=8192)
def _is_label(key: str, folded: str, _learned: tuple = ()) -> bool:
    """Whether the line is a section heading or carries a known label. `_learned` (ruleset.learned_labels_key)
    only keys the cache: the labels an admin accepted are part of the answer."""
    rules = labels()
    return (any(rule.regex.search(folded) for rule in rules.rules("section_start"))
            or any(rule.regex.search(key) for field in LABEL_FIELDS for rule in rules.rules(field))
            or snap_label(key) is not None)


def is_boundary(ref: Ref) -> bool:
    """A line that starts something new: a section heading, a label, a table row, the signing block."""
    text = clean_text(ref.text)
    introduces = text.endswith(":") and len(text.split()) > 2  # "… giải pháp sau đây là sáng kiến:"
    key_value = (KEY_VALUE.match(ref.key) or introduces) and not text[:1].islower()
    return bool(ref.line.cells or key_value or _is_label(ref.key, ref.folded, learned_labels_key()))


# What OCR puts before a line's first word: underscores, bars, tildes from rules and table borders.
_OCR_JUNK = re.compile(r"^[\s_|~]+(?=\S)")


def clean_text(text: str) -> str:
    """A line's text without OCR junk before its first word, and without surrounding spaces."""
    return _OCR_JUNK.sub("", text).strip()


_ENDS = (".", ":", ";", "!", "?", "”", '"', "»")  # a value ending so is complete: a sentence, a quoted title


def continuation(refs: list[Ref], ref: Ref, limit: int = 3) -> list[Ref]:
    """The lines after `ref` that its text wrapped onto.

    Text layers and OCR break long values over lines ("…, huyện Lạng" / "Giang"); a following line continues
    the value unless it starts something new, the value ended a sentence, or it is a heading in capitals.
    """
    more, last = [], ref
    for nxt in refs[ref.index + 1: ref.index + 1 + limit]:
        text = clean_text(nxt.text)
        wrapped = last.method != "docx" and not last.text.rstrip().endswith(_ENDS) and (
            not text.isupper())
        if is_boundary(nxt) or not (text[:1].islower() or wrapped):
            break
        more.append(nxt)
        last = nxt
    return more


def in_capitals(text: str) -> bool:
    """Whether a line is set in capitals. OCR reads some capitals as the small letter of the same shape ("TỔ CHỨC"
    read "Tổ CHỨC" on a bold cover at 225 DPI), so one small letter in ten is let pass."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def caps_continuation(refs: list[Ref], last: Ref, limit: int = 4) -> list[Ref]:
    """The capitalised lines after `last` that carry on a capitalised value (a title set in capitals over several
    lines on a cover), up to the next label, heading or "<PROVINCE> NĂM 2021" line."""
    more = []
    for nxt in refs[last.index + 1: last.index + 1 + limit]:
        if is_boundary(nxt) or not in_capitals(nxt.text):
            break
        more.append(nxt)
    return more


def snapped_rule(rule: LabelRule) -> LabelRule:
    """`rule` as applied to a snapped label: a lower confidence, and an id that says so."""
    factor = label_variants().snap.confidence_factor
    return rule.model_copy(update={"id": f"{rule.id}+snap", "confidence": round(rule.confidence * factor, 3)})


# What separates a label from its value: the colon, dots, dashes and, in a table row whose label cell ends with
# the colon, the cell border ("Đơn vị công tác: | Tổ An ninh").
_BEFORE_VALUE = " \t:.-–|"


def _hit(refs: list[Ref], ref: Ref, rule: LabelRule, label_end: Ref, offset: int, snapped: bool = False,
         end: int | None = None) -> Hit:
    rule = snapped_rule(rule) if snapped else rule
    if end is not None and label_end is ref and end < len(ref.text):  # another label follows on the line
        rest = ref.text[offset:end].lstrip(_BEFORE_VALUE).rstrip(" \t;,|")
        return Hit(rule, ref, rest, ref, ref.index + 1, rest)
    rest = label_end.text[offset:].lstrip(_BEFORE_VALUE).rstrip()
    nxt = refs[label_end.index + 1] if label_end.index + 1 < len(refs) else None
    first = label_end if rest or nxt is None or is_boundary(nxt) else nxt
    if first is nxt:
        rest = clean_text(nxt.text)
    more = continuation(refs, first, rule.value_lines)
    value = _before_inline_label(" ".join([rest, *(clean_text(r.text) for r in more)]).strip())
    return Hit(rule, ref, value, first, (more[-1] if more else first).index + 1, _before_inline_label(rest))


def _before_inline_label(value: str) -> str:
    """`value` up to a label that a wrapped line carried into it ("… thi công Lĩnh vực áp" / "dụng: Giao thông")."""
    cuts = segments(":" + label_key(fold(value)))
    return value[: cuts[0] - 1].rstrip(" \t;,|") if cuts else value
