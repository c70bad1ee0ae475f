"""Authors of a dossier without an author label: the names under author roles of its signature blocks, the
names a sentence introduces, or a bracketed list of names after the title. Each alone is a weaker source than a
label, so its confidence stays under the review threshold; a signer who is one of the people listed is
independent evidence.

The signer of a head's block ("THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN CỦA …") is never an author, even when the same
name also stands under an author role of a merged line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.fields.author_prose import prose_names
from extractors.fields.lines import Ref, first_label
from extractors.fields.person_names import as_name
from extractors.fields.ruleset import labels
from extractors.fields.signatures import signature_blocks
from extractors.fold import squash

PROSE, SIGNED, SIGNED_GUESS, TITLE_TAIL, AGREED = 0.7, 0.7, 0.55, 0.6, 0.85


@dataclass(frozen=True)
class Found:
    names: list[str]
    ref: Ref
    confidence: float
    rule_id: str


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    return [n for n in names if not (squash(n) in seen or seen.add(squash(n)))]


def signed_authors(refs: list[Ref]) -> Found | None:
    """The names under author roles, lead first, without anyone who signs as the unit's head."""
    blocks = signature_blocks(refs)
    heads = {squash(n) for b in blocks if b.kind == "head" for n in b.names}
    signing = [b for b in blocks if b.kind == "author" and any(squash(n) not in heads for n in b.names)]
    if not signing:
        return None
    names = _unique([n for b in signing for n in b.names if squash(n) not in heads])
    sure = all(b.sure for b in signing)
    return Found(names, signing[0].ref, SIGNED if sure else SIGNED_GUESS, "author-signature")


def listed_authors(refs: list[Ref]) -> Found | None:
    """Names a sentence introduces, else names in brackets after the title ("Tên sáng kiến: … (A, B, @Unit)")."""
    prose = prose_names(refs)
    if prose:
        return Found(_unique(prose[0]), prose[1], PROSE, "author-prose")
    tail = title_tail_names(refs)
    return Found(_unique(tail[0]), tail[1], TITLE_TAIL, "author-title-tail") if tail else None


def title_tail_names(refs: list[Ref]) -> tuple[list[str], Ref] | None:
    """The names of a bracketed list closing the title line, when it opens with a name."""
    hit = first_label(refs, labels().rules("title"))
    m = _TAIL.search(hit.value) if hit else None
    if not m:
        return None
    parts = [as_name(p) for p in re.split(r"[,;]", m.group(1))]
    names = [p for p in parts if p]
    return (names, hit.value_ref) if parts and parts[0] else None


_TAIL = re.compile(r"\(([^()]{5,})\)\W*$")


def unlabelled_authors(refs: list[Ref]) -> Found | None:
    """Signature blocks and listed names together: agreeing (every signer is listed), the list with a higher
    confidence; else either alone (the signature first when they disagree: a signer's role is explicit, a sentence
    may name others)."""
    signed, listed = signed_authors(refs), listed_authors(refs)
    if signed and listed and {squash(n) for n in signed.names} <= {squash(n) for n in listed.names}:
        return Found(listed.names, listed.ref, AGREED, f"{listed.rule_id}+signature")
    if signed:
        return signed if not listed else replace(signed, confidence=SIGNED_GUESS)
    return listed
