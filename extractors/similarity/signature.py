"""Shingles → a MinHash signature (datasketch) → LSH band keys; two signatures → how much of the smaller
dossier the other holds.

datasketch hashes the shingles and picks the bands (`MinHashLSH`'s optimum for a threshold and weights); the
bands are kept in the database (`pipeline.similar`), not in datasketch's in-memory tables, so every worker sees
one index. A band key is the band's number and its slice of the signature, folded into a signed 64-bit integer
(an indexed BIGINT column on SQLite and PostgreSQL).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from extractors.fold import squash
from extractors.similarity.rules import similarity_rules

SEED = 1  # fixed: signatures stored by one process are compared with those of every other
SCHEME = "affine32"  # datasketch 2's 32-bit permutations: 4 bytes a hash value, stored as they are


@dataclass(frozen=True)
class Banding:
    """The LSH bands of a signature: `bands` slices of `rows` hash values each."""

    namespace: bytes  # keeps text and title keys apart in one table
    bands: int
    rows: int

    def keys(self, signature: LeanMinHash) -> list[int]:
        values = np.asarray(signature.hashvalues, dtype=np.uint32)
        keys = []
        for band in range(self.bands):
            digest = hashlib.blake2b(self.namespace + bytes([band]) +
                                     values[band * self.rows:(band + 1) * self.rows].tobytes(), digest_size=8)
            keys.append(int.from_bytes(digest.digest(), "big", signed=True))
        return keys


@lru_cache(maxsize=4)
def _banding(namespace: bytes, threshold: float, num_perm: int, weights: tuple[float, float]) -> Banding:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)
    return Banding(namespace, lsh.b, lsh.r)


def text_banding() -> Banding:
    index = similarity_rules().index
    return _banding(b"text", index.lsh_threshold, index.num_perm, tuple(index.lsh_weights))


def title_banding() -> Banding:
    index = similarity_rules().index
    return _banding(b"title", index.title_lsh_threshold, index.title_num_perm, tuple(index.lsh_weights))


def sign(items: Iterable[str], num_perm: int | None = None) -> LeanMinHash:
    """The MinHash signature of a set of strings."""
    minhash = MinHash(num_perm=num_perm or similarity_rules().index.num_perm, seed=SEED, scheme=SCHEME)
    minhash.update_batch([item.encode("utf-8") for item in items])
    return LeanMinHash(minhash)


def title_grams(title: str) -> set[str]:
    """A title's folded character 3-grams (word order and spacing barely matter)."""
    key = squash(title)
    return {key[i:i + 3] for i in range(max(len(key) - 2, 1))}


def sign_title(title: str) -> LeanMinHash:
    return sign(title_grams(title), similarity_rules().index.title_num_perm)


def to_bytes(signature: LeanMinHash) -> bytes:
    """The signature's hash values, 4 bytes each."""
    return np.asarray(signature.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(data, dtype=np.uint32), scheme=SCHEME)


def _share(jaccard: np.ndarray, size_a: int, sizes_b: np.ndarray) -> np.ndarray:
    shared = jaccard * (size_a + sizes_b) / (1 + jaccard)
    return np.minimum(shared / np.minimum(size_a, sizes_b), 1.0)


def containments(mine: bytes, size: int, others: list[bytes], sizes: list[int],
                 margin: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """For each of `others` (signatures as `to_bytes` wrote them, with their shingle counts): the estimated share
    of the smaller set found in the other, and a cautious lower bound of it. All at once, as one matrix: a lookup
    scores its hundreds of candidates without a Python loop over them.

    |A ∩ B| = J (|A| + |B|) / (1 + J), with J the signatures' Jaccard estimate (the share of equal hash values):
    a dossier copied into a longer one scores high though their Jaccard is low. That division by the smaller size
    also magnifies the estimate's noise when the sizes differ, so the bound takes J `margin` standard errors
    (√(J(1−J)/permutations)) lower: a pair is flagged on the bound, and shown with the estimate."""
    if not others or not size:
        return np.zeros(len(others)), np.zeros(len(others))
    values = np.frombuffer(mine, dtype=np.uint32)
    matrix = np.frombuffer(b"".join(others), dtype=np.uint32).reshape(len(others), len(values))
    jaccard = (matrix == values).mean(axis=1)
    error = np.sqrt(jaccard * (1 - jaccard) / len(values))
    sizes_b = np.maximum(np.asarray(sizes, dtype=float), 1.0)
    return _share(jaccard, size, sizes_b), _share(np.maximum(jaccard - margin * error, 0.0), size, sizes_b)
