"""Labels as written in practice: misspelt or OCR-damaged labels snapped to a canonical phrase, and labels that
start mid-line after another label's value ("Họ và tên: X   Nam (nữ): Nữ").

Both work on a line's KEY view (extractors/fields/lines.py) and are data in rules/label_variants.yaml. Snapping
compares only the words before the colon with the phrases (rapidfuzz Levenshtein), never the value, and only when
no label rule accepts the line as it is.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator
from rapidfuzz.distance import Levenshtein

from extractors.fields.ruleset import LABEL_FIELDS, RULES_DIR, Regex, labels, load_rule_file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SnapSpec(_Strict):
    max_edit_ratio: float
    min_length: int
    max_head_words: int
    confidence_factor: float
    phrases: dict[Literal[LABEL_FIELDS], list[str]]
    decoys: list[str]

    @model_validator(mode="after")
    def _phrases_are_labels(self) -> "SnapSpec":
        """Every phrase must be a label its field's rules accept: a snap can only lead where a label leads."""
        for field, phrases in self.phrases.items():
            for phrase in phrases:
                if not any(rule.regex.search(f"{phrase}: x") for rule in labels().rules(field)):
                    raise ValueError(f"phrase {phrase!r} is not a {field} label for labels.yaml")
        return self


class InlineLabel(_Strict):
    id: str
    pattern: Regex

    @cached_property
    def regex(self) -> re.Pattern:
        # It begins a word (after a space or separator) and a colon follows it.
        return re.compile(r"(?<![^\s;,|.])(?:" + self.pattern + r")\s*:")


class LabelVariants(_Strict):
    version: str
    snap: SnapSpec
    inline: list[InlineLabel]


@lru_cache(maxsize=None)
def label_variants() -> LabelVariants:
    return load_rule_file(LabelVariants, Path(os.environ.get("SANGKIEN_LABEL_VARIANTS")
                                              or RULES_DIR / "label_variants.yaml"))


# ---------------------------------------------------------------- snapping


@dataclass(frozen=True)
class Snap:
    """A damaged label read as `phrase` of `field`: `key` is the mended line (the phrase, the head's other words,
    then the line from its colon on); the value still starts after the original colon at `colon`."""

    field: str
    phrase: str
    key: str
    colon: int
    edits: int
    whole: bool  # the phrase stands for every word before the colon, not just the first ones

    def offset(self, mended: int) -> int:
        """The offset in the original line of offset `mended` in the mended key (the colon for any inside the
        mended words)."""
        return max(self.colon, mended - (self.key.index(":") - self.colon))


_WORD = re.compile(r"[a-z0-9]+")


def _matchable(key: str) -> bool:
    """Whether any label rule accepts the line as it is (then there is nothing to mend)."""
    rules = labels()
    return any(rule.regex.search(key) for field in LABEL_FIELDS for rule in rules.rules(field))


@lru_cache(maxsize=8192)
def snap_label(key: str) -> Snap | None:
    """The canonical label a damaged one stands for ("lanh vuc ap dung:" → "linh vuc ap dung:"), or None.

    Only the words before the line's colon are compared, as the first k words against each phrase of n words
    (k = n-1…n+1, so a glued or split word costs one edit); the nearest phrase within the allowed edits wins,
    unless a decoy (a label of no field) is as near. A line already accepted by a label rule is never snapped.
    """
    colon = key.find(":")
    if colon < 0 or _matchable(key):
        return None
    words = _WORD.findall(key[:colon])
    spec = label_variants().snap
    if not words or len(words) > spec.max_head_words:
        return None
    words = tuple(words)
    best = None  # (ratio, edits, is_decoy, field, phrase, k)
    for field, phrase in _phrases():
        bare = " ".join(_WORD.findall(phrase))  # compared without punctuation ("chuc vu, don vi" → "chuc vu don vi")
        if len(bare) < spec.min_length:
            continue
        if bare[0] != words[0][0]:  # a label keeps its first letter; "4 linh vuc" is a value, then a label
            continue
        limit = int(spec.max_edit_ratio * len(bare))
        n = bare.count(" ") + 1
        for k in range(max(1, n - 1), min(len(words), n + 1) + 1):
            edits = Levenshtein.distance(" ".join(words[:k]), bare, score_cutoff=limit)
            if edits > limit:
                continue
            rank = (edits / len(bare), edits, field is None)
            if best is None or rank < best[:3]:
                best = (*rank, field, phrase, k)
    if best is None or best[2] or best[1] == 0:  # nothing near, a decoy nearest, or nothing to mend
        return None
    field, phrase, k = best[3:]
    mended_head = " ".join([phrase, *words[k:]])
    return Snap(field, phrase, mended_head + key[colon:], colon, best[1], k == len(words))


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str | None, str], ...]:
    """(field, phrase) pairs, decoys with field None, decoys first so that a tie goes to them."""
    spec = label_variants().snap
    return (tuple((None, d) for d in spec.decoys)
            + tuple((field, p) for field, phrases in spec.phrases.items() for p in phrases))


# ---------------------------------------------------------------- labels mid-line


@lru_cache(maxsize=8192)
def segments(key: str) -> tuple[int, ...]:
    """Where labels after the line's first value begin: the starts of its second, third… "label: value" parts.

    A known inline label counts only after a colon ("Chức vụ, đơn vị công tác: …" is one label, "Họ và tên: Lê
    Văn An   Nam (nữ): Nam" two, "Kính gửi: Chúng tôi ghi tên dưới đây:" two, the first without a value).
    """
    if key.count(":") < 2:
        return ()
    spans = [m.span() for inline in label_variants().inline for m in inline.regex.finditer(key)]
    first_colon = key.index(":")
    spans += [(m.start(), m.start()) for m in _WORD.finditer(key, first_colon) if _snaps_whole(key, m.start())]
    starts = set()
    for start, end in spans:
        inside = any(s < start < e or (s == start and e > end) for s, e in spans)  # "… đơn vị" in "Chức vụ, đơn vị:"
        if not inside and start > first_colon:
            starts.add(start)
    return tuple(sorted(starts))


def _snaps_whole(key: str, start: int) -> bool:
    """Whether the words from `start` to the next colon are, all of them, a damaged label ("Đơn vị côngtác:")."""
    colon = key.find(":", start)
    if colon < 0 or not key[start - 1: start].isspace():
        return False
    found = snap_label(key[start: colon + 1])
    return bool(found and found.whole)
