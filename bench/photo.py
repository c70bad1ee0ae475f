"""Desk photos (issue #17): fields right, tone marks, throughput and memory, with and without sheet detection.

Generates N dossiers photographed on a desk (`samples/gen_photo.py`, seeded), then reads them in a child process
per mode — `whole` (every frame read whole, as before page detection) and `sheet` (the sheet found and warped) —
through the reader and the field extraction the pipeline uses, two dossiers at a time (one Tesseract per core).
Prints per mode: the share of fields right (titles folded as tests/golden_support.py allows), dossiers failed,
tone-mark accuracy (of the source words whose letters OCR read right, the share whose marks are right too), words
read exactly, pages per minute against raw `tesseract -l vie` on the same photos (one process per core, run
before and after, mean), and the child's peak RSS.

`--curled` makes every sheet curl (a bow or a lifting edge, `gen_photo.Curl`) instead of the generator's share.

Usage: .venv/bin/python bench/photo.py [--count 20] [--curled] [--seed 1717]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]  # the project, and bench/ocr.py's own `common`

from ocr import floor  # noqa: E402  (bench/ocr.py)

from extractors.errors import DossierError  # noqa: E402
from extractors.fold import fold  # noqa: E402

CORES = os.cpu_count() or 1
SEED = 1717


def words(text: str) -> list[str]:
    """Lower-case words with the punctuation around them stripped."""
    return [w for w in (w.strip(".,;:!?()[]“”\"'…-–").lower() for w in text.split()) if w]


def mark_scores(source: str, read: str) -> Counter:
    """Align the words of `read` on `source` by their letters (marks folded away); count source words, words
    read exactly, words whose letters were read right, and of those, how many carry their marks right."""
    want, got = words(source), words(read)
    matcher = SequenceMatcher(None, [fold(w) for w in want], [fold(w) for w in got], autojunk=False)
    tally = Counter(source_words=len(want))
    for block in matcher.get_matching_blocks():
        for i in range(block.size):
            a, b = want[block.a + i], got[block.b + i]
            tally["letters_right"] += 1
            tally["exact"] += a == b
            if a != fold(a):  # a word with marks: the ones photos damage
                tally["marked"] += 1
                tally["marks_right"] += a == b
    return tally


# --- the child: read one mode -------------------------------------------------------------------------------------

def _read_dossier(folder: Path, sheets: bool) -> tuple[list, str | None]:
    from extractors.reading.image_reader import read_image
    docs = []
    try:
        for path in sorted(folder.iterdir()):
            docs.append(read_image(path, path.name, sheets=sheets))
    except DossierError as err:
        return docs, err.detail
    return docs, None


def _score_dossier(folder: Path, truth: dict, sources: list[str], sheets: bool) -> dict:
    from extractors.fields.extract import extract_fields
    from extractors.fold import squash
    from pipeline.evaluate import COMPARE, EVAL_FIELDS
    docs, error = _read_dossier(folder, sheets)
    got = extract_fields(docs).values() if docs and not error else None
    right = {}
    for name in EVAL_FIELDS:
        ok = got is not None and COMPARE[name](got, truth)
        if not ok and name == "title" and got and got["title"]:
            ok = squash(got["title"]) == squash(truth["title"])  # a tone mark changed: flagged for review
        right[name] = ok
    read = [page.text for doc in docs for page in doc.pages]
    marks = sum((mark_scores(s, r) for s, r in zip(sources, read)), Counter())
    wrong = {name: [str(truth[name]), str(got and got[name])] for name, ok in right.items() if not ok}
    return {"right": right, "error": error, "pages": len(sources), "marks": dict(marks),
            "wrong": {folder.name: wrong} if wrong else {}}


def child(work: Path, sheets: bool) -> None:
    """Read every dossier of `work` (see `main`) and print one JSON line of results."""
    meta = json.loads((work / "meta.json").read_text(encoding="utf-8"))
    started = time.monotonic()
    with ThreadPoolExecutor(CORES) as pool:
        results = list(pool.map(lambda item: _score_dossier(work / "inbox" / item["source"], item["truth"],
                                                            item["sources"], sheets), meta))
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"results": results, "seconds": seconds, "peak_mb": peak}))


# --- the parent: generate, time the floor, run both modes -----------------------------------------------------------

def _generate(work: Path, count: int, curled: bool, seed: int) -> list[Path]:
    """Write `count` desk-photo dossiers and meta.json (truth and source text per page); returns the photos."""
    import pypdfium2 as pdfium

    from samples import gen_photo
    from samples.gen_output import _stamp
    from samples.gen_render import render_pdf
    from samples.generate import prepare, truth_record, write_planned
    if curled:
        gen_photo.CURL_SHARE = 1.0
    jobs = prepare(seed, count, work / "inbox", ("desk-photo",))
    (work / "inbox").mkdir(parents=True)
    meta = []
    for job in jobs:
        source = write_planned(job)
        facts, form = job[3], job[4]
        document = pdfium.PdfDocument(render_pdf(form.blocks, _stamp(facts.signed)))
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        document.close()
        meta.append({"source": source, "truth": truth_record(job, source), "sources": texts})
    (work / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return sorted((work / "inbox").rglob("*.jpg"))


def _run_mode(work: Path, sheets: bool) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(work), "--sheets", str(int(sheets))],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _report(name: str, run: dict, floor_seconds: float) -> None:
    results = run["results"]
    fields = [ok for r in results for ok in r["right"].values()]
    by_field = Counter(f for r in results for f, ok in r["right"].items() if ok)
    marks = sum((Counter(r["marks"]) for r in results), Counter())
    pages = sum(r["pages"] for r in results)
    failed = [r["error"] for r in results if r["error"]]
    print(f"{name:6} fields right {sum(fields) / len(fields):.3f} ({sum(fields)}/{len(fields)}); "
          + ", ".join(f"{f} {n}/{len(results)}" for f, n in sorted(by_field.items())))
    print(f"{'':6} tone marks right {marks['marks_right'] / max(1, marks['marked']):.4f} "
          f"({marks['marks_right']}/{marks['marked']} marked words read with right letters); "
          f"words exact {marks['exact'] / max(1, marks['source_words']):.4f}; failed {len(failed)}"
          + (f": {failed[:3]}" if failed else ""))
    for folder, wrong in (item for r in results for item in r["wrong"].items()):
        print(f"{'':6}   {folder}: " + "; ".join(f"{f}: want {w[:60]!r} got {g[:60]!r}" for f, (w, g) in wrong.items()))
    print(f"{'':6} {pages / run['seconds'] * 60:6.1f} pages/min ({run['seconds']:.1f} s), "
          f"{floor_seconds / run['seconds']:.2f}× the floor; peak RSS {run['peak_mb']:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--curled", action="store_true", help="every sheet curled")
    parser.add_argument("--seed", type=int, default=SEED, help="another set of photos (the default one is tuned on)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sheets", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, bool(args.sheets))
        return
    work = Path(tempfile.mkdtemp(prefix="bench-photo-"))
    photos = _generate(work, args.count, args.curled, args.seed)
    print(f"{args.count} desk-photo dossiers{', every sheet curled' if args.curled else ''}, {len(photos)} photos "
          f"(seed {args.seed}) on {CORES} cores, in {work}")
    first = floor(photos)
    runs = {"whole": _run_mode(work, False), "sheet": _run_mode(work, True)}
    base = (first + floor(photos)) / 2
    print(f"floor   raw tesseract {len(photos) / base * 60:6.1f} pages/min ({base:.1f} s, mean of two runs)")
    for name, run in runs.items():
        _report(name, run, base)


if __name__ == "__main__":
    main()
