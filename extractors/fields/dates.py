"""Which of the dates near a first-applied label is the first-applied one, and dates written in words.

A passage may name the start and end of a trial period, the recognition decision, regulations ("Nghị định
13/2012/NĐ-CP ngày 02/3/2012"), a research period or the signing line; rules/dates.yaml says, from the words just
before and after each date, which role it plays. `choose_first_applied` then takes the start of the period, or the
first date no rule speaks of — never a document's, an end's or the signing line's.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractors.fields.ruleset import RULES_DIR, Regex, load_rule_file
from extractors.fields.values import find_dates
from extractors.fold import fold


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DateRole(_Strict):
    id: str
    role: Literal["first", "start", "end", "other"]
    before: Regex | None = None
    after: Regex | None = None

    @cached_property
    def before_regex(self) -> re.Pattern | None:
        return re.compile(self.before) if self.before else None

    @cached_property
    def after_regex(self) -> re.Pattern | None:
        return re.compile(self.after) if self.after else None


class NumberWords(_Strict):
    digits: dict[str, int]
    tens: list[str]
    hundreds: list[str]
    thousands: list[str]
    fillers: list[str]
    months: dict[str, int]


class DateRules(_Strict):
    version: str
    window: int
    after_window: int
    roles: list[DateRole]
    number_words: NumberWords


@lru_cache(maxsize=None)
def date_rules() -> DateRules:
    return load_rule_file(DateRules, Path(os.environ.get("SANGKIEN_DATES") or RULES_DIR / "dates.yaml"))


# ---------------------------------------------------------------- numbers and dates in words


def words_number(words: list[str]) -> tuple[int, int] | None:
    """(value, words used) of the number that `words` (folded) start with: "hai muoi tu" → 24, "hai nghin khong
    tram hai muoi ba" → 2023, "hai khong hai ba" (digit by digit) → 2023; None when they do not start one."""
    spec = date_rules().number_words
    if len(words) >= 4 and all(w in spec.digits for w in words[:4]):
        return int("".join(str(spec.digits[w]) for w in words[:4])), 4
    total, chunk, pending, used = 0, 0, None, 0
    for word in words:
        if word in spec.digits and pending is None:
            pending = spec.digits[word]
        elif word in spec.tens and chunk % 100 < 10:
            chunk += 10 * (1 if pending is None else pending)
            pending = None
        elif word in spec.hundreds and pending is not None:
            chunk, pending = chunk + 100 * pending, None
        elif word in spec.thousands:
            total, chunk, pending = total + 1000 * ((chunk + (pending or 0)) or 1), 0, None
        elif word not in spec.fillers:  # "lẻ", "linh" inside a number, "mồng" before a day
            break
        used += 1
    value = total + chunk + (pending or 0)
    return (value, used) if used and (value or words[0] == "khong") else None


_TOKEN = re.compile(r"[a-z0-9]+")


def _number_at(folded: str, pos: int, month: bool = False) -> tuple[int, int] | None:
    """The number written at `pos` in digits or words (a month may also be "giêng", "chạp"), and where it ends."""
    tokens = [(m.group(), m.end()) for m in _TOKEN.finditer(folded, pos)][:8]
    if not tokens:
        return None
    first = tokens[0][0]
    if first.isdigit():
        return int(first), tokens[0][1]
    if month and first in date_rules().number_words.months:
        return date_rules().number_words.months[first], tokens[0][1]
    if month and first == "muoi":  # "tháng mười", "tháng mười một": the year word follows, never a digit word
        more = tokens[1][0] if len(tokens) > 1 else ""
        return (10 + {"mot": 1, "hai": 2}[more], tokens[1][1]) if more in ("mot", "hai") else (10, tokens[0][1])
    if month:
        digit = date_rules().number_words.digits.get(first)
        return (digit, tokens[0][1]) if digit else None
    found = words_number([t for t, _ in tokens])
    return (found[0], tokens[found[1] - 1][1]) if found else None


_WORDS_DATE = re.compile(r"\b(?:(ngay)\s+|(thang)\s+)")


def words_dates(text: str) -> list[tuple[str, int, int]]:
    """Dates with a part written in words: "ngày hai mươi tháng tám năm hai nghìn hai mươi tư" → 2024-08-20,
    "tháng chín năm 2023" → 2023-09; (value, start, end) like `find_dates`."""
    folded = fold(text)
    found = []
    for m in _WORDS_DATE.finditer(folded):
        if found and m.start() < found[-1][2]:  # the "tháng …" inside a "ngày … tháng …" just read
            continue
        parsed = _date_from(folded, m.end(), day=bool(m.group(1)))
        if parsed:
            found.append((parsed[0], m.start(), parsed[1]))
    return found


def _date_from(folded: str, pos: int, day: bool) -> tuple[str, int] | None:
    """A date written from `pos` on: "<day> tháng <month> năm <year>" after "ngày", "<month> năm <year>" after
    "tháng"; (ISO value, end)."""
    parts = []
    for part, word in (("d", "thang"), ("m", "nam"), ("y", None)) if day else (("m", "nam"), ("y", None)):
        number = _number_at(folded, pos, month=part == "m")
        if not number:
            return None
        parts.append(number[0])
        pos = number[1]
        if word:
            joint = re.match(r"[\s,.]*" + word + r"\s+", folded[pos:])
            if not joint:
                return None
            pos += joint.end()
    *head, year = parts
    try:
        date = dt.date(year, head[-1], head[0] if day else 1)
    except ValueError:
        return None
    if not 1900 <= year <= 2100:
        return None
    return (date.isoformat() if day else date.isoformat()[:7]), pos


# ---------------------------------------------------------------- choosing


@dataclass(frozen=True)
class DateMention:
    """A date in a passage (ISO value, character span) and its role there: start, end, other or plain."""

    value: str
    start: int
    end: int
    role: str = "plain"
    rule_id: str | None = None


def date_mentions(text: str) -> list[DateMention]:
    """Every date in `text`, in digits or in words, in order, each with its role (rules/dates.yaml)."""
    spans = sorted(find_dates(text) + words_dates(text), key=lambda d: (d[1], -(d[2] - d[1])))
    dates: list[tuple[str, int, int]] = []
    for value, start, end in spans:
        if not dates or start >= dates[-1][2]:
            dates.append((value, start, end))
    folded, rules = fold(text), date_rules()
    mentions, previous_end = [], 0
    for value, start, end in dates:
        before = folded[max(previous_end, start - rules.window): start]
        after = folded[end: end + rules.after_window]
        role = next((r for r in rules.roles if (r.before_regex is None or r.before_regex.search(before))
                     and (r.after_regex is None or r.after_regex.search(after))), None)
        mentions.append(DateMention(value, start, end, role.role if role else "plain", role.id if role else None))
        previous_end = end
    return mentions


def choose_first_applied(mentions: list[DateMention]) -> DateMention | None:
    """The first-applied date among `mentions`: the first said to be the first use, else the first start of a
    period, else the first date of no other role; None when every date belongs to something else (a document, the
    end of a period, the signing line)."""
    usable = [m for m in mentions if m.role in ("first", "start", "plain")]
    firsts = [m for m in usable if m.role == "first"]
    starts = [m for m in usable if m.role == "start"]
    return (firsts or starts or usable or [None])[0]
