"""Vietnamese person names, recognised with a spaCy `Matcher`: a known surname, then one to four capitalised
syllables ("Nguyễn Thị Hương", "Lã Văn Kiên"). Used to check that what was read as an author is a person.

Names of ethnic minorities open with their own words ("Néang Ry Ta", "Chau Chók", "Y Bih Niê") and may hold
syllables Vietnamese spelling has no place for: after such an opening word (`free_starts`), any capitalised word
of letters is a name's word.

spaCy's rule tokenizer of a blank multi-language pipeline splits on spaces and punctuation, which is what
Vietnamese names need; no word segmenter (pyvi) is involved.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.matcher import Matcher

from extractors.fields.syllables import is_syllable
from extractors.fold import fold

_LOCK = threading.Lock()  # spaCy's tokenizer cache is not meant for concurrent writers


@lru_cache(maxsize=4)
def _matcher(surnames: frozenset[str]) -> tuple[spacy.language.Language, Matcher]:
    nlp = spacy.blank("xx")
    matcher = Matcher(nlp.vocab)
    given = {"IS_TITLE": True, "IS_ALPHA": True}
    matcher.add("PERSON", [[{"NORM": {"IN": sorted(surnames)}}] + [given] * n for n in range(1, 5)])
    return nlp, matcher


def is_person_name(text: str, surnames: frozenset[str], free_starts: frozenset[str] = frozenset()) -> bool:
    """True when the whole of `text` is one full name; `surnames` and `free_starts` are folded ("nguyen", "neang")."""
    nlp, matcher = _matcher(surnames | free_starts)
    with _LOCK:
        doc = nlp.make_doc(text.strip())
        for token in doc:
            token.norm_ = fold(token.text)  # surnames match whatever OCR did to their tone marks
        whole = [(start, end) for _, start, end in matcher(doc) if start == 0 and end == len(doc)]
    return bool(whole) and (doc[0].norm_ in free_starts or all(is_syllable(token.text) for token in doc))
