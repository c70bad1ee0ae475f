"""Near-copy detection (issue #19) measured on a generated set (bench/similar_corpus.py, our own words).

Indexes `--count` dossiers in a fresh store (SQLite; PostgreSQL with SANGKIEN_DATABASE_URL): originals of two
forms and three sectors, some of which are then copied. Each copy (resubmitted under a new title, names and units
swapped, paragraphs reordered, 20–40 % of sentences reworded, OCR'd instead of typed, reworded and OCR'd, half or a
third taken into a new report) and as many unrelated new dossiers of the same forms and sectors are then looked up
as a newly saved dossier would be (`pipeline.similar.find`). Prints recall per kind of copy, precision, the false
alarms per unrelated pair and per dossier looked up (what a reviewer sees), candidates per lookup, lookup and
signing times per dossier, the index's size, and how many unrelated same-form pairs would pass the flag threshold
with and without the form's boilerplate dropped.

Usage: .venv/bin/python bench/similar.py [--count 100000]   (default 5000)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from common import ROOT, size_argument

sys.path.insert(0, str(ROOT))

from similar_corpus import HOWS, copy_of, original  # noqa: E402

from extractors.similarity.rules import similarity_rules  # noqa: E402
from extractors.similarity.shingles import shingles, without_boilerplate, words  # noqa: E402
from pipeline import similar  # noqa: E402
from pipeline.store import Store  # noqa: E402

BATCH = 1000


def _store() -> tuple[Store, Path | None]:
    url = os.environ.get("SANGKIEN_DATABASE_URL")
    if url:
        return Store.open(url), None
    path = Path(tempfile.mkdtemp(prefix="bench-similar-")) / "index.db"
    return Store.open(f"sqlite:///{path}"), path


def fill(store: Store, rng: random.Random, count: int, bases: int) -> tuple[list, float, float]:
    """Index `count` originals; returns the first `bases` of them (to be copied), seconds signing, seconds writing."""
    kept, signing, writing = [], 0.0, 0.0
    for start in range(0, count, BATCH):
        batch = [original(rng, f"hs-{n:06d}") for n in range(start, min(start + BATCH, count))]
        kept += batch[:max(bases - len(kept), 0)]
        began = time.perf_counter()
        signed = [similar.Signed.of(d.name, d.text(), d.title) for d in batch]
        signing += time.perf_counter() - began
        began = time.perf_counter()
        with store.engine.begin() as conn:
            similar.add(conn, store, signed)
        writing += time.perf_counter() - began
        print(f"\r  indexed {min(start + BATCH, count)}/{count}", end="", file=sys.stderr, flush=True)
    similar.refresh_statistics(store)  # as `rebuild` does after its bulk load
    print(file=sys.stderr)
    return kept, signing, writing


def lookup(store: Store, dossier, candidates: list[int]) -> tuple[list, float, float]:
    """A new dossier looked up as the pipeline does; also notes (untimed) how many candidates the bands gave."""
    began = time.perf_counter()
    me = similar.Signed.of(f"probe-{dossier.name}", dossier.text(), dossier.title)
    signed = time.perf_counter()
    found = similar.find(store, me)
    took = (time.perf_counter() - signed) * 1000
    candidates.append(len(similar.candidates(store, me)))
    return found, (signed - began) * 1000, took


def _containment(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def boilerplate_effect(rng: random.Random, pairs: int) -> tuple[float, float]:
    """Exact shares of unrelated same-form, same-sector pairs at or over the flag threshold: boilerplate dropped
    (the phrase list) vs kept."""
    threshold = similarity_rules().flags.overlap
    over = Counter()
    for n in range(pairs):
        sector, form = rng.choice(["giao-duc", "y-te", "hanh-chinh"]), rng.choice(["don", "bao-cao"])
        a, b = (original(rng, f"u{n}-{i}", sector, form).text() for i in range(2))
        for dropped, (wa, wb) in ((True, (without_boilerplate(words(a)), without_boilerplate(words(b)))),
                                  (False, (words(a), words(b)))):
            over[dropped] += _containment(set(shingles(wa)), set(shingles(wb))) >= threshold
    return over[True] / pairs, over[False] / pairs


def index_bytes(store: Store, path: Path | None) -> str:
    if path is None:
        with store.engine.connect() as conn:
            size = conn.exec_driver_sql("SELECT pg_total_relation_size('similar_signatures') + "
                                        "pg_total_relation_size('similar_bands')").scalar()
        return f"{size / 2**20:.1f} MB (PostgreSQL tables with their indexes)"
    store.engine.dispose()
    return f"{path.stat().st_size / 2**20:.1f} MB (the SQLite file; it holds only the index)"


def main() -> None:
    count = size_argument(__doc__, "count", 5000)
    rng = random.Random(19)
    store, path = _store()
    bases_wanted = min(400, max(count // 10, 40))
    print(f"indexing {count} dossiers …", file=sys.stderr)
    bases, signing, writing = fill(store, rng, count, bases_wanted)
    size = similar.size(store)

    copies = [copy_of(rng, base, f"copy-{i}", HOWS[i % len(HOWS)]) for i, base in enumerate(bases)]
    unrelated = [original(rng, f"new-{i}") for i in range(len(bases))]
    hits, sign_ms, find_ms, candidates = defaultdict(list), [], [], []
    true_flags = false_flags = copies_wrongly_flagged = 0
    wrong_kinds = Counter()
    for dossier in copies:
        found, s_ms, f_ms = lookup(store, dossier, candidates)
        sign_ms.append(s_ms)
        find_ms.append(f_ms)
        hits[dossier.how].append((dossier.shared, any(m.fingerprint == dossier.base for m in found)))
        true_flags += sum(m.fingerprint == dossier.base for m in found)
        false_flags += sum(m.fingerprint != dossier.base for m in found)
        wrong_kinds.update(m.kind for m in found if m.fingerprint != dossier.base)
        copies_wrongly_flagged += any(m.fingerprint != dossier.base for m in found)
    unrelated_flagged = 0
    for dossier in unrelated:
        found, s_ms, f_ms = lookup(store, dossier, candidates)
        sign_ms.append(s_ms)
        find_ms.append(f_ms)
        false_flags += len(found)
        wrong_kinds.update(m.kind for m in found)
        unrelated_flagged += bool(found)

    print(f"\nnear-copy index: {count} dossiers indexed, {len(copies)} copies and {len(unrelated)} unrelated new "
          f"dossiers looked up (rules {similarity_rules().version}; bands {similar.text_banding().bands}×"
          f"{similar.text_banding().rows})")
    print(f"{'copy made by':<16}{'copies':>8}{'shared':>9}{'found':>8}")
    for how in HOWS:
        shown = hits[how]
        print(f"{how:<16}{len(shown):>8}{statistics.mean(s for s, _ in shown):>9.2f}"
              f"{sum(f for _, f in shown) / len(shown):>8.1%}")
    goal = [found for shown in hits.values() for shared, found in shown if shared >= 0.5]
    every = [found for shown in hits.values() for _, found in shown]
    unrelated_pairs = len(unrelated) * count + len(copies) * (count - 1)
    print(f"recall, copies sharing ≥ 50 % of text: {sum(goal) / len(goal):.1%} ({sum(goal)}/{len(goal)}; goal ≥ 95 %)")
    print(f"recall, every copy: {sum(every) / len(every):.1%} ({sum(every)}/{len(every)})")
    print(f"precision of flags: {true_flags / max(true_flags + false_flags, 1):.1%} "
          f"({true_flags} right, {false_flags} wrong)")
    print(f"false alarms per pair: {false_flags} of {unrelated_pairs:,} unrelated pairs "
          f"({false_flags / unrelated_pairs:.5%}; goal ≤ 1 %); wrong flags by kind: {dict(wrong_kinds)}")
    looked_up = len(unrelated) + len(copies)
    print(f"false alarms per dossier: unrelated new dossiers flagged {unrelated_flagged}/{len(unrelated)} "
          f"({unrelated_flagged / len(unrelated):.1%}; aim ≈ 1 %), copies flagged with something besides their "
          f"original {copies_wrongly_flagged}/{len(copies)}; any wrong flag "
          f"{(unrelated_flagged + copies_wrongly_flagged) / looked_up:.1%} of {looked_up} looked up")
    print(f"candidates per lookup (entries sharing a band key): median {statistics.median(candidates):.0f}, "
          f"p95 {statistics.quantiles(candidates, n=20)[-1]:.0f} ({statistics.median(candidates) / count:.2%} of "
          f"the index)")
    print(f"lookup per dossier with {count} indexed: median {statistics.median(find_ms):.1f} ms, "
          f"p95 {statistics.quantiles(find_ms, n=20)[-1]:.1f} ms (goal ≤ 50 ms); signing it "
          f"{statistics.median(sign_ms):.1f} ms")
    print(f"filling: signing {signing / count * 1000:.2f} ms/dossier, writing {writing / count * 1000:.2f} ms/dossier")
    print(f"index: {size['similar_signatures']} signatures, {size['similar_bands']:,} band keys; "
          f"{index_bytes(store, path)}")
    kept, raw = boilerplate_effect(rng, 300)
    print(f"unrelated same-form pairs over the flag threshold (exact, 300 pairs): {kept:.1%} with the form's "
          f"boilerplate dropped, {raw:.1%} with it kept")


if __name__ == "__main__":
    main()
