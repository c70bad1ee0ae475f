"""Independent evidence agreeing on a value: what lifts a weak strategy's confidence over the review threshold.

A single weak strategy stays under 0.8 (issue #16); two sources that read the dossier apart and name the same
value make it trustworthy. The figures are data (extractors/fields/rules/agreement.yaml, `SANGKIEN_AGREEMENT`).
Units agree through extractors/fields/unit_evidence.py (its figures in unit_sources.yaml), authors through
extractors/fields/authors_unlabelled.py (a signer among the listed names).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from extractors.fields.ruleset import RULES_DIR, _Strict, load_rule_file


class SectorAgreement(_Strict):
    title_min_probability: float
    text_min_share: float
    agreed_confidence: float


class Agreement(_Strict):
    version: str
    sector: SectorAgreement


@lru_cache(maxsize=None)
def agreement() -> Agreement:
    return load_rule_file(Agreement, Path(os.environ.get("SANGKIEN_AGREEMENT") or RULES_DIR / "agreement.yaml"))


def _top(scores: dict[str, float]) -> tuple[str | None, float]:
    code = max(scores, key=scores.get) if scores else None
    return code, scores[code] if code else 0.0


def sector_opinions(raw_code: str | None, title_scores: dict[str, float],
                    text_shares: dict[str, float]) -> dict[str, str]:
    """Each source's code (`raw`, `title`, `text`) when that source is clear about it."""
    rules = agreement().sector
    opinions = {"raw": raw_code} if raw_code else {}
    title_code, p = _top(title_scores)
    if title_code and p >= rules.title_min_probability:
        opinions["title"] = title_code
    text_code, share = _top(text_shares)
    if text_code and share >= rules.text_min_share:
        opinions["text"] = text_code
    return opinions


def sector_agreement(code: str, opinions: dict[str, str], raw_codes: int) -> tuple[float, str] | None:
    """(confidence, sources) when two opinions name `code`; None when they do not. When the written sector named
    several codes (`raw_codes` > 1) the dossier's own answer is split, and agreement with one part proves nothing
    while another opinion names a different code: then none may dissent."""
    sources = [source for source, named in opinions.items() if named == code]
    if len(sources) < 2 or (raw_codes > 1 and len(sources) < len(opinions)):
        return None
    return agreement().sector.agreed_confidence, "-".join(sources)
