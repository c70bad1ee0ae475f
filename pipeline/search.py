"""Full-text search over dossiers' extracted text, with or without tones.

A query typed with diacritics must match them ("sáng kiến" does not find "sang kiến"); a query typed without
any ("sang kien") matches the tone-less twin `text_folded` (extractors.fold: lower case, đ → d), so it finds
"Sáng kiến", "SÁNG KIẾN" and "sang kien" alike. The words are searched as a phrase.

SQLite: the FTS5 table `dossier_search` (unicode61, diacritics kept; rowids mapped by `dossier_search_ids`).
PostgreSQL: the stored to_tsvector('simple', ...) vectors of `dossier_search` with GIN indexes, queried with
phraseto_tsquery. Migration 0003 makes both, and the triggers that keep them current.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Table, text

from extractors.fold import fold

_WORD = re.compile(r"\w+")


def has_tones(query: str) -> bool:
    """True when the query carries any Vietnamese diacritic (or đ)."""
    return fold(query) != query.lower()


def matching(dossiers: Table, dialect: str, query: str) -> ColumnElement | None:
    """A WHERE clause selecting the dossiers whose text contains `query`; None for a query without words."""
    words = _WORD.findall(query)
    if not words:
        return None
    folded = not has_tones(query)
    column = "text_folded" if folded else "text"
    phrase = " ".join(fold(w) if folded else w for w in words)
    if dialect == "sqlite":
        # Words are \w+ only, so the quoted phrase cannot carry FTS5 syntax.
        found = text("SELECT fingerprint FROM dossier_search_ids WHERE id IN "
                     "(SELECT rowid FROM dossier_search WHERE dossier_search MATCH :q)").bindparams(
            q=f'{column} : "{phrase}"')
        return dossiers.c.fingerprint.in_(found)
    vector = "folded_vector" if folded else "text_vector"
    found = text(f"SELECT fingerprint FROM dossier_search WHERE {vector} @@ phraseto_tsquery('simple', :q)")
    return dossiers.c.fingerprint.in_(found.bindparams(q=phrase))
