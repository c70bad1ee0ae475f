"""Known phrases misread by OCR by one mark take the phrase's known spelling: the common-noun phrases of unit
names, the common phrases of titles (rules/titles.yaml `phrases`, matched whatever their case), and a unit's proper
name read two ways in one dossier (`consensus_spelling`).

Photos and scans lose or swap a diacritic: "Thương bình và Xã hội", "ĐIỆN LỤC TAM ĐIỆP". The unit-name phrases of
rules/unit_sources.yaml `casing` ("Lao động - Thương binh và Xã hội", "Điện lực") say how those words are
written. A run of words that folds to such a phrase and differs from it in one letter of one word is that phrase
misread; one letter is what OCR gets wrong — a mark, or the letter itself ("Văn boá": h read as b) — and a bound
that tight keeps proper names that merely fold alike ("Văn Hòa" is not "Văn hóa": capitalised unlike the phrase)
as written. Single-word phrases are left out: folded, "Đoàn" is "Đoạn".
Each letter keeps the case it is written in; only its marks change. Only text read by OCR is respelt: a typed
text's letters are what its author wrote ("Nhà truyền thống" is not "Truyền thông").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from extractors.fields.lines import Extracted, Ref
from extractors.fields.sector_keywords import tone_view
from extractors.fields.unit_sources import unit_sources
from extractors.fold import fold

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4)
def _phrases(phrases: tuple[str, ...] | None = None) -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """(folded words → the phrase's words, longest phrase) over the phrases of two words or more (the unit-name
    phrases unless others are given); phrases that fold alike are dropped (no way to tell which one was meant)."""
    table: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for phrase in phrases or unit_sources().casing.phrases:
        words = tuple(_WORD.findall(phrase))
        if len(words) >= 2:
            key = tuple(map(fold, words))
            table[key] = words if table.get(key, words) == words else None
    kept = {key: words for key, words in table.items() if words}
    return kept, max(map(len, kept), default=0)


def _letters_apart(a: str, b: str) -> int:
    """How many letters two words of one length differ in (another length: too many)."""
    return sum(x != y for x, y in zip(a, b)) if len(a) == len(b) else 99


def _misread(written: tuple[str, ...], known: tuple[str, ...], cased: bool = True) -> bool:
    """Whether `written` is `known` with one letter misread — its marks or the letter (tone placement variants are
    no misreading); a word of a name in mixed case must also be capitalised as the phrase writes it (`cased`)."""
    differing = [(w, k) for w, k in zip(written, known) if tone_view(w) != tone_view(k)]
    if len(differing) != 1:
        return False
    w, k = differing[0]
    letters = min(_letters_apart(w.lower(), k.lower()), _letters_apart(tone_view(w), tone_view(k)))
    return letters == 1 and (not cased or w.isupper() or w[:1].isupper() == k[:1].isupper())


_MENDED_WORD = 3  # a shorter word one letter off is too often another word ("ty" / "tư")


def _one_letter_off(key: tuple[str, ...], folded: tuple[str, ...]) -> bool:
    apart = [(k, f) for k, f in zip(key, folded) if k != f]
    return len(key) == len(folded) and len(apart) == 1 and len(apart[0][0]) >= _MENDED_WORD \
        and _letters_apart(*apart[0]) == 1


def _known_phrase(folded: tuple[str, ...], phrases: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The phrase these folded words are, exactly or but for one letter of one word; None when none is, or when
    two phrases are equally near (no way to tell which one was meant)."""
    table, _ = _phrases(phrases)
    if folded in table:
        return table[folded]
    near = {words for key, words in table.items() if _one_letter_off(key, folded)}
    return near.pop() if len(near) == 1 else None


def _cased_like(known: str, written: str) -> str:
    return "".join(k.upper() if w.isupper() else k.lower() for k, w in zip(known, written))


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _mended(written: str, known: str) -> str:
    """`written` as the phrase's word: when a letter itself was misread, only that letter is mended, the tone
    staying where its writer put it ("boá" → "hoá"); a misread mark takes the phrase's spelling."""
    w_view, k_view = tone_view(written), tone_view(known)
    at = [j for j, (a, b) in enumerate(zip(w_view, k_view)) if a != b]
    if len(w_view) != len(k_view) or len(at) != 1 or at[0] >= len(written):
        return _cased_like(known, written)
    j = at[0]
    tone = "".join(c for c in unicodedata.normalize("NFD", written[j]) if c in _TONE_MARKS)
    letter = unicodedata.normalize("NFC", k_view[j] + tone)
    return written[:j] + (letter.upper() if written[j].isupper() else letter) + written[j + 1:]


def respell(text: str, phrases: tuple[str, ...] | None = None) -> str:
    """`text` with each known phrase (the unit-name phrases unless others are given) misread by one letter written
    as the phrase writes it."""
    _, longest = _phrases(phrases)
    words = list(_WORD.finditer(text))
    folded = [fold(m.group()) for m in words]
    out, end, i = [], 0, 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 1, -1):
            known = _known_phrase(tuple(folded[i:i + n]), phrases)
            written = tuple(m.group() for m in words[i:i + n])
            if known and _misread(written, known, cased=phrases is None):
                for m, k in zip(words[i:i + n], known):
                    out += [text[end:m.start()], _mended(m.group(), k)]
                    end = m.end()
                i += n - 1
                break
        i += 1
    return "".join(out) + text[end:]


def _read_by_ocr(refs: list[Ref] | tuple[Ref, ...]) -> bool:
    return any(ref.method == "ocr" for ref in refs)


def ocr_respelt(text: str, lines: tuple[Ref, ...]) -> str:
    """`text` respelt when the lines it was read from were OCR'd, else as written."""
    return respell(text) if _read_by_ocr(lines) else text


def known_spelling(unit: Extracted, refs: list[Ref], phrases: tuple[str, ...] | None = None) -> Extracted:
    """The unit (or a title, with the titles' `phrases`) with its misread phrases respelt when its page was OCR'd,
    its rule id saying so; the confidence stays what the rule that found it gave."""
    page = [ref for ref in refs if (ref.file, ref.page) == (unit.file, unit.page)]
    value = respell(unit.value, phrases) if unit.value and _read_by_ocr(page) else unit.value
    return unit if value == unit.value else replace(unit, value=value, rule_id=f"{unit.rule_id}+known-spelling")


CONSENSUS_FACTOR = 0.9  # the dossier read the unit's name two ways: the chosen one is less sure


def _read_words(refs: list[Ref]) -> list[list[tuple[str, float]]]:
    """Per OCR'd line, its words (letters only) with Tesseract's confidence."""
    lines = []
    for ref in refs:
        words = [(m.group(), w.conf) for w in ref.line.words or () if (m := _WORD.search(w.text))]
        if ref.method == "ocr" and words:
            lines.append(words)
    return lines


def _capitalised_runs(text: str) -> list[list[re.Match]]:
    """Runs of two or more capitalised words: the proper names of a unit ("Yên Thắng", "Yên Mô")."""
    runs, run = [], []
    for m in _WORD.finditer(text):
        if m.group()[0].isupper() and (not run or text[run[-1].end():m.start()].strip() == ""):
            run.append(m)
            continue
        runs, run = runs + [run] * (len(run) >= 2), [m] if m.group()[0].isupper() else []
    return runs + [run] * (len(run) >= 2)


def _readings(run: tuple[str, ...], lines: list[list[tuple[str, float]]]) -> dict[tuple[str, ...], list[float]]:
    """Every spelling the dossier's OCR'd lines give the words of `run` (folded alike), with each reading's mean
    confidence."""
    key, n, found = tuple(map(fold, run)), len(run), {}
    for words in lines:
        for i in range(len(words) - n + 1):
            window = words[i:i + n]
            if tuple(fold(w) for w, _ in window) == key:  # spelt alike whatever the case: marks are what differ
                found.setdefault(tuple(w.lower() for w, _ in window), []).append(sum(c for _, c in window) / n)
    return found


def consensus_spelling(unit: Extracted, refs: list[Ref]) -> Extracted:
    """On an OCR'd dossier, each proper name of the unit that the dossier also writes elsewhere with other marks
    ("huyện Yên Mồ" beside "Yên Mô, ngày …") takes the spelling read most often, a tie going to the better-read
    one (Tesseract's word confidence); respelt so, the unit is less sure (its own reading was outvoted)."""
    if not unit.value or not _read_by_ocr(refs):
        return unit
    lines, value = _read_words(refs), unit.value
    for run in reversed(_capitalised_runs(unit.value)):  # from the end: earlier offsets stay valid
        readings = _readings(tuple(m.group() for m in run), lines)
        if len(readings) < 2:
            continue
        best = max(readings, key=lambda spelling: (len(readings[spelling]), max(readings[spelling])))
        for m, word in reversed(list(zip(run, best))):
            value = value[:m.start()] + _cased_like(word, m.group()) + value[m.end():]
    if value == unit.value:  # read alike, or its own reading won
        return unit
    return replace(unit, value=value, confidence=round(unit.confidence * CONSENSUS_FACTOR, 3),
                   rule_id=f"{unit.rule_id}+read-twice")
