"""Full-text search over dossiers' extracted text, with or without tones.

A query typed with diacritics must match them ("sáng kiến" does not find "sang kiến"); a query typed without
any ("sang kien") matches the tone-less twin `text_folded` (extractors.fold: lower case, đ → d), so it finds
"Sáng kiến", "SÁNG KIẾN" and "sang kien" alike. The words are searched as a phrase.

A query is read in NFC whatever form its keyboard typed (some phone and Mac keyboards send decomposed letters;
the stored text is NFC, extractors.model). Both tone placements of oa, oe, uy ("thủy" and "thuỷ",
extractors.tone_placement) are one spelling: a word that has two is searched as either. This is done on the
query — an OR of the phrase's spellings — rather than on the index, because the index is built by database
triggers from `dossiers.text` as stored (migration 0003): normalising the index would need a migration and a
normalised copy of every text, while the query side costs a few phrases for the rare query with such words
(at most MAX_SPELLINGS; the words past that are searched as typed).

SQLite: the FTS5 table `dossier_search` (unicode61, diacritics kept; rowids mapped by `dossier_search_ids`).
PostgreSQL: the stored to_tsvector('simple', ...) vectors of `dossier_search` with GIN indexes, queried with
phraseto_tsquery. Migration 0003 makes both, and the triggers that keep them current.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import ColumnElement, Table, text

from extractors.fold import fold
from extractors.tone_placement import other_placement

_WORD = re.compile(r"\w+")
MAX_SPELLINGS = 16  # phrases one query may expand to (four words with two spellings each)


def has_tones(query: str) -> bool:
    """True when the query carries any Vietnamese diacritic (or đ)."""
    return fold(query) != query.lower()


def spellings(words: list[str]) -> list[str]:
    """The phrase of `words` in each tone placement of its oa / oe / uy words (the words as typed first)."""
    phrases = [[]]
    for word in words:
        other = other_placement(word)
        forms = [word, other] if other and len(phrases) * 2 <= MAX_SPELLINGS else [word]
        phrases = [phrase + [form] for phrase in phrases for form in forms]
    return [" ".join(phrase) for phrase in phrases]


def matching(dossiers: Table, dialect: str, query: str) -> ColumnElement | None:
    """A WHERE clause selecting the dossiers whose text contains `query`; None for a query without words."""
    query = unicodedata.normalize("NFC", query)
    words = _WORD.findall(query)
    if not words:
        return None
    folded = not has_tones(query)
    column = "text_folded" if folded else "text"
    phrases = [" ".join(fold(w) for w in words)] if folded else spellings(words)
    if dialect == "sqlite":
        # Words are \w+ only, so the quoted phrases cannot carry FTS5 syntax.
        found = text("SELECT fingerprint FROM dossier_search_ids WHERE id IN "
                     "(SELECT rowid FROM dossier_search WHERE dossier_search MATCH :q)").bindparams(
            q=f"{column} : (" + " OR ".join(f'"{phrase}"' for phrase in phrases) + ")")
        return dossiers.c.fingerprint.in_(found)
    vector = "folded_vector" if folded else "text_vector"
    tsquery = " || ".join(f"phraseto_tsquery('simple', :q{i})" for i in range(len(phrases)))
    found = text(f"SELECT fingerprint FROM dossier_search WHERE {vector} @@ ({tsquery})")
    return dossiers.c.fingerprint.in_(found.bindparams(**{f"q{i}": phrase for i, phrase in enumerate(phrases)}))
