"""What a dossier's page shows of its look-alikes (pipeline.similar): the matching dossiers, and one of them
beside this one with the passages they share marked (extractors.similarity.passages)."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.similarity.passages import pieces, shared_passages
from pipeline import similar
from pipeline.store import Store


@dataclass(frozen=True)
class SideBySide:
    """Two texts cut into (piece, shared?) pieces, and each one's share of words found in the other."""

    other: dict
    mine: list[tuple[str, bool]]
    theirs: list[tuple[str, bool]]
    mine_share: float
    theirs_share: float


def look_alikes(store: Store, row: dict, compare: str | None) -> tuple[list[dict], SideBySide | None]:
    """The dossiers like `row`, and the side-by-side view of the one chosen by `compare` (else the most alike)."""
    found = similar.matches(store, row["fingerprint"])
    chosen = next((m for m in found if m["fingerprint"] == compare), found[0] if found else None)
    if chosen is None:
        return found, None
    mine, theirs = row["text"] or "", (store.get(chosen["fingerprint"]) or {}).get("text") or ""
    shared = shared_passages(mine, theirs)
    return found, SideBySide(chosen, pieces(mine, shared.first), pieces(theirs, shared.second), shared.first_share,
                             shared.second_share)
