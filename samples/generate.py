"""Generate realistic initiative dossiers (hồ sơ sáng kiến) with ground truth.

    .venv/bin/python samples/generate.py --seed 7 --count 60 --out /tmp/set
    .venv/bin/python samples/generate.py --seed 20261121 --count 12 --out samples/demo --demo --force
    .venv/bin/python samples/generate.py --seed 4711 --count 120 --out /tmp/vary --vary

writes DIR/inbox/<one entry per dossier> and DIR/truth.jsonl (one JSON object per dossier, in generation order).
The same arguments always give byte-identical files. `--vary` words each form beyond the default wording the
extractor was tuned on (reworded labels, sections in another order, optional lines left out); without it the
output is exactly what it always was. See samples/README.md for the kinds, variants and variations.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

if __package__ in (None, ""):  # run as a script: make `samples` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from samples.gen_facts import VARIANTS, make_facts  # noqa: E402
from samples.gen_forms import REAL_VARIANTS, build_form  # noqa: E402
from samples.gen_output import (  # noqa: E402
    EXTRA_KINDS,
    FOLDER_KINDS,
    IMAGE_EXTS,
    KINDS,
    Medium,
    entry_stem,
    write_entry,
)
from samples.gen_vary import Wording  # noqa: E402

# The committed demo set: every kind twice, every variant twice, raster kinds on the shorter forms to stay small.
# The overrides force features the demo should show: glued footnote numbers, a merged caption row in a DOCX table.
DEMO_PLAN = (
    ("docx", "don-tt18", ".jpg", {"glued_notes": True}), ("pdf-text", "ban-mo-ta", ".jpg", {}),
    ("pdf-scan", "tu-do", ".jpg", {}), ("image", "bao-cao-kv", ".png", {}),
    ("photo-folder", "doanh-nghiep", ".jpg", {}), ("multi-folder", "skkn", ".jpg", {}),
    ("docx", "ban-mo-ta", ".jpg", {}), ("pdf-text", "skkn", ".jpg", {}),
    ("pdf-scan", "doanh-nghiep", ".jpg", {}), ("image", "tu-do", ".tif", {}),
    ("photo-folder", "bao-cao-kv", ".jpg", {}), ("multi-folder", "don-tt18", ".jpg", {"table_caption": True}),
)


class Planned(NamedTuple):
    """One dossier to generate: its form variant, its medium, and facts the plan insists on."""

    variant: str
    medium: Medium
    overrides: dict


def plan(rng: random.Random, count: int, kinds: tuple[str, ...], demo: bool, grid: bool = False,
         variants: tuple[str, ...] = VARIANTS) -> list[Planned]:
    """What to generate: an even, shuffled mix of kinds and `variants`, the fixed demo plan, or the grid of
    every variant in every kind (repeated up to `count`), for golden tests."""
    if grid:
        pairs = [(kind, variant) for kind in kinds for variant in variants]
        return [Planned(variant, Medium(kind, 200, 150, ".jpg"), {})
                for kind, variant in (pairs[i % len(pairs)] for i in range(count))]
    if demo:
        chosen = [DEMO_PLAN[i % len(DEMO_PLAN)] for i in range(count)]
        return [Planned(variant, Medium(kind, 200, 150, ext), overrides)
                for kind, variant, ext, overrides in chosen if kind in kinds]
    kind_list = [kinds[i % len(kinds)] for i in range(count)]
    variant_list = [variants[i % len(variants)] for i in range(count)]
    rng.shuffle(kind_list)
    rng.shuffle(variant_list)
    return [Planned(variant, Medium(kind, rng.choice((200, 200, 240, 300)), rng.choice((150, 180, 200)),
                                    rng.choice(IMAGE_EXTS)), {})
            for kind, variant in zip(kind_list, variant_list)]


def _unique(stem: str, taken: set[str]) -> str:
    candidate, n = stem, 2
    while candidate.lower() in taken:
        candidate, n = f"{stem} ({n})", n + 1
    taken.add(candidate.lower())
    return candidate


def _nfc(value):
    """NFC-normalise every string inside a JSON-like value."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    return value


def write_planned(job: tuple) -> str:
    """Write one planned dossier (runs in a worker process); returns its inbox entry name."""
    inbox, stem, medium, facts, form, rng = job
    return write_entry(inbox, stem, medium, facts, form, rng)


def prepare(seed: int, count: int, inbox: Path, kinds: tuple[str, ...] = KINDS, demo: bool = False,
            vary: bool = False, grid: bool = False, real: bool = False,
            variants: tuple[str, ...] | None = None) -> list[tuple]:
    """Choose, in order, every dossier's facts, form and inbox name; nothing is written yet.

    Returns one job per dossier for `write_planned`: (inbox, stem, medium, facts, form, rng). With `vary`, each
    dossier's wording comes from a random stream of its own, so the facts stay those of the same seed without it.
    With `real`, the forms are the real-dossier layouts (REAL_VARIANTS) instead of the six classic ones;
    `variants` narrows either set to the ones named.
    """
    pool = REAL_VARIANTS if real else VARIANTS
    pool = tuple(v for v in pool if v in variants) if variants else pool
    planned, taken = [], set()
    for index, (variant, medium, overrides) in enumerate(plan(random.Random(seed), count, kinds, demo, grid, pool), 1):
        # A real-layout grid cell keeps its draws when layouts are added: keyed by what it is, not where it falls.
        rng = random.Random(f"{seed}:{variant}:{medium.kind}" if real and grid else f"{seed}:{index}")
        wording = Wording(f"{seed}:{index}:vary") if vary else None
        facts = replace(make_facts(rng, variant, wording), **overrides)
        form = build_form(facts, rng)
        stem = _unique(entry_stem(rng, index, facts, medium.kind), taken)
        planned.append((inbox, stem, medium, facts, form, rng))
    return planned


def truth_record(job: tuple, source: str) -> dict:
    """The truth.jsonl record of a planned dossier written as `source`."""
    _, stem, medium, facts, form, _ = job
    return _nfc({"dossier": stem, "source": source, "kind": medium.kind, "variant": facts.variant, **form.truth})


def generate(seed: int, count: int, out: Path, kinds: tuple[str, ...] = KINDS, demo: bool = False,
             jobs: int = 1, vary: bool = False, grid: bool = False, real: bool = False,
             variants: tuple[str, ...] | None = None) -> list[dict]:
    """Write `count` dossiers to out/inbox and their truth to out/truth.jsonl; returns the truth records.

    Facts, forms and names are chosen in order in this process; files are written by `jobs` processes, each
    dossier from its own random state, so the output does not depend on `jobs`.
    """
    inbox = out / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    planned = prepare(seed, count, inbox, kinds, demo, vary, grid, real, variants)
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            sources = list(pool.map(write_planned, planned))
    else:
        sources = [write_planned(job) for job in planned]
    records = [truth_record(job, source) for job, source in zip(planned, sources)]
    with open(out / "truth.jsonl", "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return records


def _prepare(out: Path, force: bool) -> None:
    """Refuse to mix with an earlier set unless --force, which removes out/inbox and out/truth.jsonl only."""
    inbox, truth = out / "inbox", out / "truth.jsonl"
    if (inbox.exists() and any(inbox.iterdir())) or truth.exists():
        if not force:
            raise SystemExit(f"{out} already holds a generated set; pass --force to replace it")
        shutil.rmtree(inbox, ignore_errors=True)
        truth.unlink(missing_ok=True)


def _kinds(text: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS + EXTRA_KINDS]
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(f"unknown kind(s) {unknown}; choose from {','.join(KINDS + EXTRA_KINDS)}")
    return kinds


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, required=True, help="random seed; same seed, same bytes")
    parser.add_argument("--count", type=int, required=True, help="number of dossiers")
    parser.add_argument("--out", type=Path, required=True, help="output folder (gets inbox/ and truth.jsonl)")
    parser.add_argument("--kinds", type=_kinds, default=KINDS,
                        help=f"comma-separated subset of {','.join(KINDS + EXTRA_KINDS)} "
                             f"(default: all but {','.join(EXTRA_KINDS)})")
    parser.add_argument("--demo", action="store_true", help="fixed plan covering every kind and variant twice")
    parser.add_argument("--grid", action="store_true", help="every form variant in every kind, in order")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="worker processes (output is the same for any value)")
    parser.add_argument("--force", action="store_true", help="replace an existing set in --out")
    parser.add_argument("--vary", action="store_true",
                        help="word forms beyond the default: reworded labels, reordered sections, dropped lines")
    parser.add_argument("--real", action="store_true",
                        help="forms laid out as real dossiers are (letterheads, signature blocks, prose, totals)")
    parser.add_argument("--variants", type=lambda text: tuple(v.strip() for v in text.split(",") if v.strip()),
                        help="comma-separated form variants (or real layouts) to draw from; default: all")
    args = parser.parse_args(argv)
    if args.real and not REAL_VARIANTS:
        parser.error("no real-dossier layouts are registered (samples/gen_forms.py REAL_BUILDERS)")
    known = REAL_VARIANTS if args.real else VARIANTS
    if args.variants and not set(args.variants) <= set(known):
        parser.error(f"unknown variant(s) {sorted(set(args.variants) - set(known))}; choose from {','.join(known)}")
    _prepare(args.out, args.force)
    records = generate(args.seed, args.count, args.out, args.kinds, args.demo, max(1, args.jobs), args.vary, args.grid,
                       args.real, args.variants)
    folders = sum(1 for r in records if r["kind"] in FOLDER_KINDS)
    print(f"wrote {len(records)} dossiers ({folders} folders) to {args.out / 'inbox'} and {args.out / 'truth.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
