"""Maps a dossier's own sector wording to the taxonomy with spaCy's PhraseMatcher over folded text.

spaCy's multi-language blank pipeline gives a rule tokenizer without pyvi; matching whole tokens keeps
"môn" from matching inside other words. The raw sector text decides first; without one, the title, then the
whole text votes (with lower confidence). The taxonomy and keywords come from extractors/rules/sectors.yaml.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import spacy
from spacy.matcher import PhraseMatcher

from extractors.fold import squash
from extractors.lines import MISSING, Extracted
from extractors.ruleset import sectors


@lru_cache(maxsize=1)
def _matcher() -> tuple[spacy.language.Language, PhraseMatcher]:
    nlp = spacy.blank("xx")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for sector in sectors().sectors:
        if sector.keywords:
            matcher.add(sector.code, list(nlp.tokenizer.pipe(sector.folded_keywords)))
    return nlp, matcher


def vote(text: str) -> tuple[str, float] | None:
    """The sector code whose keywords cover most of `text`, and the share of matched tokens it won."""
    if not text:
        return None
    nlp, matcher = _matcher()
    doc = nlp.make_doc(squash(text))
    votes: Counter[str] = Counter()
    for match_id, start, end in matcher(doc):
        votes[nlp.vocab.strings[match_id]] += end - start
    if not votes:
        return None
    (code, best), total = votes.most_common(1)[0], sum(votes.values())
    return code, best / total


def classify(raw: Extracted, title: str | None, full_text: str) -> Extracted:
    """{code, label, raw} with a confidence that says which evidence decided."""
    taxonomy = sectors()
    # A written sector decides alone; the title and the text vote only when the dossier names no sector.
    evidence = [(raw.value, 1.0, raw)] if raw.value else [(title, 0.7, None), (full_text[:4000], 0.5, None)]
    for text, weight, source in evidence:
        decided = vote(text)
        if decided:
            code, share = decided
            base = raw.confidence if source else 0.9
            value = {"code": code, "label": taxonomy.by_code(code).label, "raw": raw.value}
            return Extracted(value, round(base * weight * (0.5 + 0.5 * share), 3), raw.file, raw.page,
                             raw.snippet, f"sector-keywords-{'raw' if source else 'text'}")
    if raw.value:
        fallback = taxonomy.by_code(taxonomy.fallback)
        return Extracted({"code": fallback.code, "label": fallback.label, "raw": raw.value}, 0.4, raw.file,
                         raw.page, raw.snippet, "sector-fallback")
    return MISSING
