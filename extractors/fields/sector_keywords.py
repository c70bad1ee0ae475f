"""Sector keywords (extractors/fields/rules/sectors.yaml) matched as whole words with spaCy's PhraseMatcher.

Matching is done on a tone view first: lower case, diacritics kept, the tone mark moved to the end of its
syllable, so old and new tone placement agree ("hoá" = "hóa") while words that differ only by their
diacritics stay apart: folded, "Dược" would match "được", "mạng" "mang", "Toán" "an toàn". Only a text
that has lost its diacritics (typed without them, or OCR) is matched on the folded view instead.
Overlapping matches keep the longest ("xây dựng Đảng" is not also "xây dựng"); a phrase listed under two
codes votes for both.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

import spacy
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from extractors.fields.ruleset import Sectors, sectors
from extractors.fold import fold, squash

_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_WORD = re.compile(r"\w+")
MARKED_SHARE = 0.2  # below this share of words with diacritics, a text is taken to have lost them


def _tone_word(match: re.Match) -> str:
    nfd = unicodedata.normalize("NFD", match.group().lower())
    tone = next((_TONES[c] for c in nfd if c in _TONES), "")
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES)) + tone


def tone_view(text: str) -> str:
    """Lower case, whitespace collapsed, each word's tone mark as a digit at its end: "Hoá học" → "hoa1 hoc5"."""
    return _WORD.sub(_tone_word, " ".join(text.split()))


def lost_diacritics(text: str) -> bool:
    """True when hardly any word carries a diacritic (Vietnamese prose has them on most words)."""
    words = _WORD.findall(text)
    return bool(words) and sum(fold(w) != w.lower() for w in words) < MARKED_SHARE * len(words)


class KeywordMatcher:
    """Both views' matchers for one taxonomy."""

    def __init__(self, taxonomy: Sectors):
        self.taxonomy = taxonomy
        self.nlp = spacy.blank("xx")
        self.toned = PhraseMatcher(self.nlp.vocab)
        self.folded = PhraseMatcher(self.nlp.vocab)
        for sector in taxonomy.sectors:
            if sector.keywords:
                self.toned.add(sector.code, list(self.nlp.tokenizer.pipe(map(tone_view, sector.keywords))))
                self.folded.add(sector.code, list(self.nlp.tokenizer.pipe(sector.folded_keywords)))

    def shares(self, text: str) -> dict[str, float]:
        """Each matched code's share of the words matched in `text`, largest first (empty when none)."""
        matcher, view = (self.folded, squash) if lost_diacritics(text) else (self.toned, tone_view)
        doc, codes = self.nlp.make_doc(view(text)), defaultdict(set)
        for match_id, start, end in matcher(doc):
            codes[start, end].add(self.nlp.vocab.strings[match_id])  # one phrase may be a keyword of two codes
        votes: Counter[str] = Counter()
        for span in filter_spans([doc[start:end] for start, end in codes]):
            for code in codes[span.start, span.end]:
                votes[code] += len(span)
        total = sum(votes.values())
        return {code: n / total for code, n in votes.most_common()}


_matchers: list[KeywordMatcher] = []


def keyword_shares(text: str | None, taxonomy: Sectors | None = None) -> dict[str, float]:
    """Each sector code's share of the keyword words found in `text` (empty when none matched)."""
    if not text:
        return {}
    taxonomy = taxonomy or sectors()
    if not _matchers or _matchers[0].taxonomy is not taxonomy:  # a replaced taxonomy gets its own matcher
        _matchers[:] = [KeywordMatcher(taxonomy)]
    return _matchers[0].shares(text)
