"""Maps a dossier to a sector of the taxonomy: keyword rules first, then a trained text classifier.

Evidence, strongest first, each with its own `rule_id`:
1. `sector-keywords-raw`: the sector as written ("Lĩnh vực áp dụng sáng kiến: …") matched against the
   taxonomy's keywords (extractors/fields/rules/sectors.yaml, matched by sector_keywords.py). Precise, so a clear
   majority of matched words decides alone. A sentence that names its sector ("Sáng kiến thuộc lĩnh vực khác,
   được áp dụng …", sector_sentence.py) is first read by the words it names alone (`sector-…-sentence`). A
   written list of fields is decided by its first field that the keywords map (sector_list.py):
   `sector-keywords-raw-first` when another listed field names another sector, then under the review threshold
   unless the title or the text agrees with the first field.
2. `sector-textcat-raw`: the classifier (extractors/fields/sector_model.py) on the written sector, when no keyword
   matched, or to break a tie between keywords.
3. `sector-textcat-text`: no usable written sector (`+raw-unmapped` when one was written but maps to nothing):
   the classifier on the title, blended with the keywords
   found in the title and the first part of the text (which may hold a sector line the label rules missed).
   `sector-keywords-text` when there is no classifier (a replaced taxonomy without examples).
4. `sector-fallback`: the taxonomy's fallback code, with a low confidence.
Confidence follows the classifier's probability (calibrated on held-out examples) and the evidence's rank:
alone, only a written sector reaches the high band (≥ 0.8); two independent opinions naming the same code — the
written sector, the classifier on the title, the keywords of the text — lift it there too (agreement.py).
"""

from __future__ import annotations

from extractors.fields.agreement import agreement, sector_agreement, sector_opinions
from extractors.fields.lines import Extracted
from extractors.fields.ruleset import Sectors, sectors
from extractors.fields.sector_examples import sector_examples
from extractors.fields.sector_keywords import keyword_shares
from extractors.fields.sector_list import listed_fields
from extractors.fields.sector_model import SectorModel, chosen_model, load_model
from extractors.fields.sector_sentence import before_purpose, named_sector

MAJORITY = 0.6  # keywords decide alone when one code has this share of the matched words
LIST_CHOICE = 0.85  # trust kept when the first of several listed fields was chosen over the other fields' sectors
RAW_SURE = 0.35  # classifier probability needed to map a written sector no keyword knows
TEXT_SURE = 0.2  # below this, nothing is confident: fallback (13 codes: chance is 0.08)
TEXT_CHARS = 4000
# A written sector longer than this many words is a description ("Công tác hỗ trợ người nộp thuế …, ứng dụng trí
# tuệ nhân tạo …"), whose keywords may name the job served or the tool used: less sure unless other evidence agrees.
PROSE_WORDS, PROSE_TRUST = 12, 0.85
# Title classifier, title keywords, text keywords. The classifier on the text itself was tried and left out: the
# form's boilerplate lines dilute the title (per-line mean) or make it overconfident (one bag of words). The title's
# keywords are precise and say what the initiative is (a software system); the text's also name the job it serves
# (a workshop's shifts, a canteen, a railway line), and the classifier weighs those job words in a title too.
CLASSIFIER_WEIGHT, TITLE_KEYWORD_WEIGHT, TEXT_KEYWORD_WEIGHT = 0.45, 0.3, 0.25


def calibrated(p: float) -> float:
    """The classifier's top probability as the share of right answers (5-fold CV on the examples)."""
    return min(0.98, 0.35 + 0.9 * p)


def _top(scores: dict[str, float]) -> tuple[str, float]:
    code = max(scores, key=scores.get)
    return code, scores[code]


def _classifier() -> SectorModel | None:
    """Loaded (or trained) only when keywords did not decide: most dossiers never need it. A model the caller
    chose (retrained from reviewers' corrections) comes first."""
    return chosen_model() or load_model(sectors(), sector_examples())


def _first_listed(raw: str) -> tuple[str, dict[str, float], bool] | None:
    """The first field of a written list that the keywords map clearly, its keyword shares, and whether another
    listed field names another sector; None for a single field, when no field maps clearly, or when the whole
    text maps clearly to the first field's sector anyway ("Thư viện - Thiết bị": the list changes nothing)."""
    fields = [(field, keyword_shares(field)) for field in listed_fields(raw)]
    if len(fields) < 2:
        return None
    chosen = next((i for i, (_, shares) in enumerate(fields) if shares and max(shares.values()) >= MAJORITY), None)
    if chosen is None:
        return None
    field, shares = fields[chosen]
    whole = keyword_shares(raw)
    if whole and max(whole.values()) >= MAJORITY and _top(whole)[0] == _top(shares)[0]:
        return None
    rivals = {c for i, (_, other) in enumerate(fields) if i != chosen for c in other} - {_top(shares)[0]}
    return field, shares, bool(rivals)


def _from_list(shares: dict[str, float], rivals: bool) -> tuple[str, float, str]:
    """(code, trust, rule) from the first listed field's keywords."""
    code, share = _top(shares)
    trust = 0.5 + 0.5 * share
    return (code, trust * LIST_CHOICE, "sector-keywords-raw-first") if rivals else (code, trust, "sector-keywords-raw")


def _from_raw(raw: str, shares: dict[str, float], source: str = "raw") -> tuple[str, float, str] | None:
    """(code, trust in [0, 1], rule) from the written sector alone, or None when it maps to nothing."""
    if shares and max(shares.values()) >= MAJORITY:
        code, share = _top(shares)
        return code, 0.5 + 0.5 * share, f"sector-keywords-{source}"
    model = _classifier()
    scores = model.scores(raw) if model else {}
    if shares:  # keywords tie: the classifier only breaks the tie
        code = max(shares, key=lambda c: (scores.get(c, 0.0), shares[c]))
        trust = 0.9 * calibrated(scores[code]) if code in scores else 0.5 + 0.5 * shares[code]
        return code, trust, f"sector-textcat-{source}" if code in scores else f"sector-keywords-{source}"
    if scores and _top(scores)[1] >= RAW_SURE:
        code, p = _top(scores)
        return code, 0.95 * calibrated(p), f"sector-textcat-{source}"
    return None


def _from_written(raw: str, taxonomy: Sectors) -> tuple[str, float, str] | None:
    """The written sector's code: by the words a sentence names it with, else by the whole text written."""
    named = named_sector(raw)
    decided = _from_raw(named, keyword_shares(named, taxonomy), "sentence") if named else None
    return decided or _from_raw(raw, keyword_shares(raw, taxonomy))


def _from_text(title: str | None, full_text: str) -> tuple[str, float, str] | None:
    """(code, trust, rule) from the title's wording and keywords and the text's keywords, or None when nothing is
    sure."""
    model = _classifier() if title else None
    scores = model.scores(title) if model else {}
    parts = [(CLASSIFIER_WEIGHT, scores), (TITLE_KEYWORD_WEIGHT, keyword_shares(title)),
             (TEXT_KEYWORD_WEIGHT, keyword_shares(f"{title or ''}\n{full_text[:TEXT_CHARS]}"))]
    parts = [(weight, part) for weight, part in parts if part]
    # over every part's codes: a replaced taxonomy may have codes known to keywords only
    codes = {c for _, part in parts for c in part}
    blended = {c: sum(w * part.get(c, 0.0) for w, part in parts) / sum(w for w, _ in parts) for c in codes}
    if not blended or _top(blended)[1] < TEXT_SURE:
        return None
    code, p = _top(blended)
    return code, 0.8 * calibrated(p), "sector-textcat-text" if scores else "sector-keywords-text"


def _agreed(code: str, confidence: float, rule: str, raw_code: str | None, raw_shares: dict[str, float],
            title: str | None, full_text: str) -> tuple[float, str]:
    """The confidence and rule lifted when independent opinions agree on `code` (agreement.py); only computed
    for a confidence that agreement could lift."""
    if confidence >= agreement().sector.agreed_confidence:
        return confidence, rule
    model = _classifier() if title else None
    opinions = sector_opinions(raw_code, model.scores(title) if model else {}, keyword_shares(full_text[:TEXT_CHARS]))
    agreed = sector_agreement(code, opinions, len(raw_shares))
    return (agreed[0], f"{rule}+agreed-{agreed[1]}") if agreed else (confidence, rule)


def classify(raw: Extracted, title: str | None, full_text: str) -> Extracted:
    """{code, label, raw} with a confidence that says how strong the deciding evidence was."""
    taxonomy = sectors()
    # What the written sector names: the words a sentence names it with, else the whole text written up to its
    # purpose; of a list of fields, its first mapped field (as decided).
    head = before_purpose(raw.value) if raw.value else None
    written = (named_sector(head) or head) if head else None
    first = _first_listed(written) if written else None
    if first:
        raw_shares, decided = first[1], _from_list(*first[1:])
    else:
        raw_shares = keyword_shares(written, taxonomy) if written else {}
        decided = _from_written(head, taxonomy) if head else None
    if decided:
        code, trust, rule = decided
        if len((first[0] if first else written).split()) > PROSE_WORDS:
            trust, rule = trust * PROSE_TRUST, f"{rule}+prose"
        confidence, rule = _agreed(code, raw.confidence * trust, rule, code, raw_shares, title, full_text)
    elif found := _from_text(title, full_text):
        code, confidence, rule = found
        confidence, rule = _agreed(code, confidence, rule, None, raw_shares, title, full_text)
        if raw.value:  # a written sector nobody understood (a paragraph, a department's name) is a warning sign
            confidence, rule = confidence * 0.9, f"{rule}+raw-unmapped"
    else:
        code, confidence, rule = taxonomy.fallback, 0.35 if raw.value else 0.15, "sector-fallback"
    value = {"code": code, "label": taxonomy.by_code(code).label, "raw": raw.value}
    snippet = raw.snippet if raw.value else (title or "")[:200] or None
    return Extracted(value, round(confidence, 3), raw.file, raw.page, snippet, rule)
