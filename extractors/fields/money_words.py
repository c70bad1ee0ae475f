"""Amounts of money written in words ("Bốn mươi mốt triệu hai trăm nghìn đồng") or mixed ("12 triệu 500 nghìn
đồng"), and every amount of a text, figures and words together.

Works on the folded view (OCR often misplaces tones, and folding keeps positions), which makes some number words
ambiguous with ordinary ones: "sau" (sáu / sau), "nam" (năm five / năm year), "lam" (lăm / làm), "ba" (ba / bà),
"tu" (tư / từ). So a run of number words only counts as money when a currency word follows it or a "bằng chữ"
marker announces it, and the grammar is strict: the longest well-formed tail of the run is the amount.

Maintained libraries were measured first (vietnam-number: GPL-3.0 and fails on toneless text; vn-numberwords 0.2.0:
returns 0 instead of refusing what is no number, e.g. "triệu" or "abc"), and neither finds the words in a
sentence, which needs this vocabulary anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fields.values import find_money
from extractors.fold import fold

DIGITS = {"khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "nham": 5, "sau": 6,
          "bay": 7, "tam": 8, "chin": 9}
SCALES = {"nghin": 10**3, "ngan": 10**3, "trieu": 10**6, "ty": 10**9, "ti": 10**9}
_TENS = {"muoi", "chuc"}  # "mươi"/"mười" (one folded word) and the colloquial "chục"
_AFTER_TENS_ONLY = {"tu", "lam", "nham"}  # 4 and 5 as the last digit of 14–99 only ("hai mươi tư", "mười lăm")
_ZERO_TENS = {"linh", "le"}  # "linh"/"lẻ": no tens digit ("ba trăm linh năm")
_WORDS = set(DIGITS) | set(SCALES) | _TENS | _ZERO_TENS | {"tram", "ruoi"}
# Spoken shorthand after a scale word: one digit is its tenths ("một triệu tư" = 1 400 000, "rưỡi" = a half);
# written in full, 1 000 002 would be "một triệu không trăm linh hai".
_SHORT_TAIL = {word: digit for word, digit in DIGITS.items() if digit} | {"ruoi": 5}
_TOKEN = re.compile(r"[a-z]+|\d+")
_CURRENCY = re.compile(r"\s*(?:dong|vnd|d)(?![a-z])")
_MARKER = re.compile(r"bang\s+chu\s*[:.]?\s*$")  # "(Bằng chữ: …", "Viết bằng chữ …"


def _units(tokens: list[str]) -> int | None:
    """A last digit after tens: 1–9, with "mốt", "tư", "lăm"/"nhăm" allowed."""
    if not tokens:
        return 0
    if len(tokens) == 1 and tokens[0] in DIGITS and tokens[0] != "khong":
        return DIGITS[tokens[0]]
    return None


def _below_thousand(tokens: list[str], lead: bool) -> int | None:
    """0–999 from its words ("hai trăm linh năm", "mười lăm", "ba mươi tư"), or None when not well formed.

    A group after a scale word may start with "linh"/"lẻ" ("hai tỷ lẻ năm triệu"); a lead group may not.
    """
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0]) if int(tokens[0]) < 1000 else None
    value, rest = 0, tokens
    if len(tokens) >= 2 and tokens[1] == "tram" and tokens[0] in DIGITS and tokens[0] not in _AFTER_TENS_ONLY:
        value, rest = DIGITS[tokens[0]] * 100, tokens[2:]
    if not rest:
        return value if len(tokens) >= 2 else None
    head = rest[0]
    if head in _ZERO_TENS:
        digit = _units(rest[1:])
        return value + digit if digit and (value or not lead) else None
    if head == "muoi":  # "mười" = 10
        digit = _units(rest[1:])
        return None if digit is None else value + 10 + digit
    if len(rest) >= 2 and rest[1] in _TENS and rest[0] in DIGITS and DIGITS[rest[0]] >= 2 \
            and rest[0] not in _AFTER_TENS_ONLY:
        digit = _units(rest[2:])
        return None if digit is None else value + DIGITS[rest[0]] * 10 + digit
    if len(rest) == 1 and rest[0] in DIGITS and rest[0] not in _AFTER_TENS_ONLY and not value:
        return DIGITS[rest[0]]  # "hai trăm năm" is spoken 250: refused rather than guessed
    return None


def parse_number_tokens(tokens: list[str]) -> int | None:
    """The value of folded number tokens ("muoi hai trieu nam tram nghin" → 12 500 000), None if not well formed.

    Groups below a thousand are followed by scale words in falling order (tỷ, triệu, nghìn); a group may be
    written in figures ("12 triệu 500 nghìn").
    """
    total, group, last_scale = 0, [], None
    for token in tokens:
        if token in SCALES:
            value = _below_thousand(group, lead=last_scale is None)
            scale = SCALES[token]
            if value is None or (last_scale is not None and scale >= last_scale):
                return None
            total, group, last_scale = total + value * scale, [], scale
        else:
            group.append(token)
    if last_scale and len(group) == 1 and group[0] in _SHORT_TAIL:
        return total + _SHORT_TAIL[group[0]] * last_scale // 10  # "một triệu tư", "hai tỷ rưỡi": tenths of the scale
    if group:
        value = _below_thousand(group, lead=last_scale is None)
        if value is None:
            return None
        total += value
    return total if tokens else None


def parse_number_words(text: str) -> int | None:
    """The value of a number written in Vietnamese words, e.g. "Bốn mươi mốt triệu hai trăm nghìn" → 41 200 000."""
    return parse_number_tokens([t for t in _TOKEN.findall(fold(text))])


@dataclass(frozen=True)
class Amount:
    """An amount in đồng, where it was written (character span), and whether it was written in words."""

    amount: int
    start: int
    end: int
    in_words: bool = False


def _runs(folded: str) -> list[list[re.Match]]:
    """Maximal runs of number tokens separated only by spaces."""
    runs, run = [], []
    for m in _TOKEN.finditer(folded):
        number = m.group() in _WORDS or m.group().isdigit()
        if number and run and folded[run[-1].end(): m.start()].strip() == "":
            run.append(m)
        else:
            if len(run) > 1 or (run and not run[0].group().isdigit()):
                runs.append(run)
            run = [m] if number else []
    if len(run) > 1 or (run and not run[0].group().isdigit()):
        runs.append(run)
    return runs


def find_money_words(text: str) -> list[Amount]:
    """Amounts written in words or mixed figures and scale words, each followed by a currency word or announced
    by "bằng chữ"; plain figures ("12 triệu đồng", "150.000.000đ") are left to `values.find_money`."""
    folded, found = fold(text), []
    for run in _runs(folded):
        after = _CURRENCY.match(folded, run[-1].end())
        announced = _MARKER.search(folded[max(0, run[0].start() - 20): run[0].start()])
        if not (after or announced):
            continue
        for first in range(len(run)):  # the longest well-formed tail: "làm lợi năm mươi triệu đồng"
            tokens = [m.group() for m in run[first:]]
            words = any(not t.isdigit() and t not in SCALES for t in tokens)
            figures = sum(t.isdigit() for t in tokens)
            if not (words or figures >= 2):
                continue
            value = parse_number_tokens(tokens)
            if value is not None:
                found.append(Amount(value, run[first].start(), after.end() if after else run[-1].end(), words))
                break
    return found


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in `text`, in order: figures, words, and mixed notations (a mixed one replaces the
    figures it contains)."""
    spelled = find_money_words(text)
    figures = [Amount(m.amount, m.start, m.end) for m in find_money(text)
               if not any(s.start <= m.start < s.end for s in spelled)]
    return sorted(figures + spelled, key=lambda a: a.start)
