"""From a dossier's documents to the contract's fields, each with confidence and provenance.

`extract_fields(docs)` is the whole extraction: pure, no I/O. The pipeline adds the dossier's name, source,
status and error around what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.fields.agreement import agreement
from extractors.fields.author_rules import author_rules
from extractors.fields.authors import extract_authors, extract_unit
from extractors.fields.benefit import extract_benefit
from extractors.fields.dates import date_rules
from extractors.fields.first_applied import extract_first_applied
from extractors.fields.known_phrases import consensus_spelling, known_spelling
from extractors.fields.label_variants import label_variants
from extractors.fields.lines import Extracted, flatten
from extractors.fields.name_tones import known_names, name_syllables
from extractors.fields.plausibility import checked, checks, context_of, reason
from extractors.fields.ruleset import benefit_rules, labels, sectors
from extractors.fields.sector import classify
from extractors.fields.sector_examples import sector_examples
from extractors.fields.sector_sentence import sector_sentence
from extractors.fields.text import (
    extract_addressee,
    extract_sector_raw,
    extract_title,
)
from extractors.fields.title_rules import title_rules
from extractors.fields.unit_sources import unit_sources
from extractors.fields.units import registry
from extractors.model import Document
from extractors.record import FIELDS


def rules_version() -> str:
    """Every rule file's version, stored with each record (processed or failed) so a reviewer knows which rules
    shaped it."""
    every = (labels(), sectors(), sector_examples(), registry(), checks(), label_variants(), date_rules(),
             author_rules(), unit_sources(), benefit_rules(), sector_sentence(), agreement(),
             name_syllables(), title_rules())
    return "+".join(rules.version for rules in every)


@dataclass(frozen=True)
class Extraction:
    """The extracted fields by contract name, and the rule-set version that produced them."""

    fields: dict[str, Extracted]
    ruleset_version: str

    def values(self) -> dict:
        """The contract's field values; authors `[]` rather than null when none were found."""
        out = {name: self.fields[name].value for name in FIELDS}
        out["authors"] = out["authors"] or []
        return out

    def provenance(self) -> dict:
        """The contract's `fields` object: confidence, file, page, snippet per field; where on the page (`box`,
        page fractions) when OCR word boxes tell; the strategy that found it (`rule`, a rule id); the
        reviewer-facing reasons (Vietnamese) of any plausibility check that lowered the confidence."""
        return {
            name: {"confidence": f.confidence, "file": f.file, "page": f.page, "snippet": f.snippet}
            | ({"rule": f.rule_id} if f.rule_id else {})
            | ({"box": list(f.box)} if f.box else {})
            | ({"doubts": [reason(d) for d in f.doubts]} if f.doubts else {})
            | ({"absent": True} if f.absent else {})
            for name, f in self.fields.items()
        }



def extract_fields(docs: list[Document]) -> Extraction:
    """Run every field rule over the dossier's documents."""
    refs = flatten(docs)
    title = known_spelling(extract_title(refs), refs, title_rules().phrases)
    authors = known_names(extract_authors(refs), refs)
    full_text = "\n".join(r.text for r in refs)
    found = {
        "title": title,
        "authors": authors,
        "unit": consensus_spelling(known_spelling(extract_unit(refs, authors, title), refs), refs),
        "sector": classify(extract_sector_raw(refs), title.value, full_text),
        "first_applied": extract_first_applied(refs),
        "benefit": extract_benefit(refs),
        "addressee": extract_addressee(refs),
    }
    ctx = context_of(full_text, {(doc.file, page.number) for doc in docs for page in doc.pages if page.method == "ocr"})
    fields = {name: checked(name, value, ctx) for name, value in found.items()}
    return Extraction(fields, rules_version())
