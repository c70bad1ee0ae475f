"""Authors of a dossier without an author label: the names under author roles of its signature blocks, and the
names a sentence introduces. Each alone is a weaker source than a label, so its confidence stays under the review
threshold; the two agreeing (the signer is one of the people the sentence lists) is independent evidence.

The signer of a head's block ("THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN CỦA …") is never an author, even when the same
name also stands under an author role of a merged line.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.fields.author_prose import prose_names
from extractors.fields.lines import Ref
from extractors.fields.signatures import signature_blocks
from extractors.fold import squash

PROSE, SIGNED, SIGNED_GUESS, AGREED = 0.7, 0.7, 0.55, 0.85


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


def unlabelled_authors(refs: list[Ref]) -> Found | None:
    """Prose and signature together: agreeing, the prose's list with a higher confidence; else either alone
    (the signature block first when they disagree: a signer's role is explicit, a sentence may name others)."""
    signed = signed_authors(refs)
    prose = prose_names(refs)
    if prose and signed and {squash(n) for n in signed.names} <= {squash(n) for n in prose[0]}:
        return Found(_unique(prose[0]), prose[1], AGREED, "author-prose+signature")
    if signed:
        return signed if not prose else Found(signed.names, signed.ref, SIGNED_GUESS, signed.rule_id)
    return Found(_unique(prose[0]), prose[1], PROSE, "author-prose") if prose else None
