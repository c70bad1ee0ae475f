"""The knobs and the form phrases of near-copy detection, as data (`extractors/similarity/similarity.yaml`,
or `SANGKIEN_SIMILARITY`): validated like every rule file, loudly on error, with a version."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from extractors.fields.ruleset import _Strict, load_rule_file

Share = Annotated[float, Field(ge=0, le=1)]


class Index(_Strict):
    """How signatures are made and bucketed."""

    shingle_words: Annotated[int, Field(ge=1, le=12)]
    num_perm: Annotated[int, Field(ge=16, le=512)]
    lsh_threshold: Share  # the Jaccard similarity the LSH bands are tuned to catch
    lsh_weights: tuple[Share, Share]  # (false positive, false negative) weights of datasketch's band choice
    title_num_perm: Annotated[int, Field(ge=16, le=256)]
    title_lsh_threshold: Share
    min_shingles: Annotated[int, Field(ge=1)]  # fewer content shingles than this: too little text to compare


class Flags(_Strict):
    """When a pair of dossiers is flagged, and as which kind."""

    overlap: Share  # estimated share of the smaller dossier's content found in the other
    same_text: Share  # from this share on, the two are the same text
    same_title: Annotated[float, Field(ge=0, le=100)]  # rapidfuzz token_sort_ratio of the folded titles
    min_title_words: Annotated[int, Field(ge=1)]  # shorter titles are too generic to flag on their own
    title_support: Share  # estimated share of shared text a same title needs when both dossiers have text


class SimilarityRules(_Strict):
    version: str
    index: Index
    flags: Flags
    boilerplate: list[Annotated[str, Field(min_length=3)]]  # phrases every dossier of a form shares


@lru_cache(maxsize=None)
def similarity_rules() -> SimilarityRules:
    path = Path(os.environ.get("SANGKIEN_SIMILARITY") or Path(__file__).with_name("similarity.yaml"))
    return load_rule_file(SimilarityRules, path)
