"""Accuracy on real dossiers: hand-labelled cases (bench/real/cases/*.yaml) whose texts live outside the repository.

Each case whose text `<id>.txt` is in $SANGKIEN_REAL_DIR (default ~/.cache/sangkien/real) is drawn as DOCX, text
PDF and a 300 DPI scan (as the golden tests draw generated dossiers), plus the original file when `<id>.docx`,
`.pdf` or `.doc` is there too; each is read and extracted as the pipeline does and scored against the labels.

    python bench/real.py                          # every case with a local text, every medium
    python bench/real.py --cases g01,g02 --media docx,pdf-scan --mistakes
    python bench/real.py --json after.json --baseline before.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.real_markup import parse  # noqa: E402
from extractors.fields.extract import extract_fields  # noqa: E402
from pipeline.dossier import read_uncached  # noqa: E402
from pipeline.evaluate import COMPARE, SHOWN  # noqa: E402
from pipeline.inbox import entry_at, fingerprint  # noqa: E402
from pipeline.store import REVIEW_THRESHOLD  # noqa: E402
from samples.gen_media import degrade_scan, rasterize, save_scan_pdf  # noqa: E402
from samples.gen_render import render_docx, render_pdf  # noqa: E402

CASES_DIR = ROOT / "bench" / "real" / "cases"
MEDIA = ("original", "docx", "pdf-text", "pdf-scan")
FIELDS = ("title", "authors", "unit", "sector", "first_applied", "benefit", "addressee")
ORIGINAL_EXTS = (".docx", ".pdf", ".doc")
SCAN_DPI = 300
_STAMP = dt.datetime(2025, 1, 1, 8, 30, tzinfo=dt.timezone.utc)


def real_dir() -> Path:
    return Path(os.environ.get("SANGKIEN_REAL_DIR", "~/.cache/sangkien/real")).expanduser()


def load_cases(folder: Path = CASES_DIR) -> list[dict]:
    yaml = YAML(typ="safe")
    return [yaml.load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))]


def want_record(truth: dict) -> dict:
    """The labels in the record's shape, so pipeline.evaluate's comparisons apply unchanged."""
    record = dict(truth)
    record["authors"] = [{"name": name} for name in truth.get("authors") or []]
    record["sector"] = {"code": truth["sector"]} if truth.get("sector") else None
    record["benefit"] = {"amount_vnd": truth["benefit"]} if truth.get("benefit") is not None else None
    return record


# ------------------------------------------------------------------------------------------------ drawing


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


def render_media(case_id: str, texts: Path, out: Path, media: tuple[str, ...]) -> dict[str, Path]:
    """Each wanted medium of one case as a file under `out/<medium>/`; the original only when it is at hand."""
    blocks = parse((texts / f"{case_id}.txt").read_text(encoding="utf-8"))
    files: dict[str, Path] = {}
    original = next((texts / f"{case_id}{ext}" for ext in ORIGINAL_EXTS if (texts / f"{case_id}{ext}").exists()),
                    None)
    if "original" in media and original:
        files["original"] = _write(out / "original", original.name, original.read_bytes())
    if "docx" in media:
        files["docx"] = _write(out / "docx", f"{case_id}.docx", render_docx(blocks, _STAMP, "User"))
    if {"pdf-text", "pdf-scan"} & set(media):
        pdf = render_pdf(blocks, _STAMP)
        if "pdf-text" in media:
            files["pdf-text"] = _write(out / "pdf-text", f"{case_id}.pdf", pdf)
        if "pdf-scan" in media:
            rng = random.Random(case_id)  # the same scan on every run
            pages = [degrade_scan(page, rng) for page in rasterize(pdf, SCAN_DPI)]
            (out / "pdf-scan").mkdir(parents=True, exist_ok=True)
            save_scan_pdf(pages, out / "pdf-scan" / f"{case_id}.pdf", SCAN_DPI, _STAMP)
            files["pdf-scan"] = out / "pdf-scan" / f"{case_id}.pdf"
    return files


def extract(path: Path):
    """Read and extract one file exactly as the pipeline does (tests/golden_support.py::_extract)."""
    entry = entry_at(path, path.parent)
    _, infos = fingerprint(entry)
    docs = [read_uncached(p, rel, info["sha256"]) for (rel, p), info in zip(entry.files, infos)]
    return extract_fields(docs)


# ------------------------------------------------------------------------------------------------ scoring


@dataclass(frozen=True)
class Score:
    case: str
    medium: str
    field: str
    ok: bool
    want: object
    got: object
    confidence: float
    rule_id: str | None


def score(case: dict, medium: str, extraction) -> list[Score]:
    """One score per labelled field (a key the labels omit is not scored)."""
    want = want_record(case["truth"])
    got = extraction.values()
    scores = []
    for name in FIELDS:
        if name not in case["truth"]:
            continue
        found = extraction.fields[name]
        scores.append(Score(case["id"], medium, name, bool(COMPARE[name](got, want)), SHOWN[name](want),
                            SHOWN[name](got), round(found.confidence, 3), found.rule_id))
    return scores


def figures(scores: list[Score], skipped: list[str], ran: list[str]) -> dict:
    """Right/total per medium and field (and 'all'), overall accuracy, confident share and confident-wrong rate."""
    cells: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for s in scores:
        for medium in (s.medium, "all"):
            for name in (s.field, "overall"):
                cells[medium][name][0] += s.ok
                cells[medium][name][1] += 1
    confident = [s for s in scores if s.confidence >= REVIEW_THRESHOLD]
    return {
        "cells": {medium: dict(row) for medium, row in cells.items()},
        "accuracy": _ratio(sum(s.ok for s in scores), len(scores)),
        "confident_share": _ratio(len(confident), len(scores)),
        "confident_wrong": _ratio(sum(not s.ok for s in confident), len(confident)),
        "fields_scored": len(scores),
        "cases": ran,
        "skipped": skipped,
        "mistakes": [s.__dict__ for s in scores if not s.ok],
        "unsure": [s.__dict__ for s in scores if s.ok and s.confidence < REVIEW_THRESHOLD],
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


# ------------------------------------------------------------------------------------------------ printing


def _cell(pair: list[int] | None) -> str:
    return f"{pair[0]}/{pair[1]} {pair[0] / pair[1]:4.0%}" if pair and pair[1] else "–"


def _delta(now: list[int] | None, before: list[int] | None) -> str:
    if not (now and now[1] and before and before[1]):
        return _cell(now)
    change = now[0] / now[1] - before[0] / before[1]
    return f"{now[0] / now[1]:4.0%} ({change:+.0%})"


def print_figures(result: dict, baseline: dict | None) -> None:
    media = [m for m in (*MEDIA, "all") if m in result["cells"]]
    print(f"{'field':<14}" + "".join(f"{m:>18}" for m in media))
    for name in (*FIELDS, "overall"):
        row = []
        for medium in media:
            now = result["cells"][medium].get(name)
            before = (baseline or {}).get("cells", {}).get(medium, {}).get(name)
            row.append(_delta(now, before) if baseline else _cell(now))
        print(f"{name:<14}" + "".join(f"{cell:>18}" for cell in row))
    for key, label in (("accuracy", "overall accuracy"), ("confident_share", "confident (≥ 0.8) share"),
                       ("confident_wrong", "confident but wrong")):
        before = f"   (before {baseline[key]:.1%})" if baseline and baseline.get(key) is not None else ""
        value = result[key]
        print(f"{label:<26}{value:.1%}{before}" if value is not None else f"{label:<26}–")
    print(f"cases: {len(result['cases'])} run, {len(result['skipped'])} skipped (no local text)"
          + (f": {', '.join(result['skipped'])}" if result["skipped"] else ""))


def print_scores(rows: list[dict]) -> None:
    for m in rows:
        print(f"{m['case']:<22} {m['medium']:<9} {m['field']:<13} want={m['want']!r}  got={m['got']!r}  "
              f"conf={m['confidence']}  rule={m['rule_id']}")


# ------------------------------------------------------------------------------------------------ main


def run(cases: list[dict], media: tuple[str, ...], texts: Path) -> tuple[list[Score], list[str], list[str]]:
    present = [c for c in cases if (texts / f"{c['id']}.txt").exists()]
    skipped = [c["id"] for c in cases if c not in present]
    work = Path(tempfile.mkdtemp(prefix="sangkien-real-"))
    try:
        with ThreadPoolExecutor(2) as pool:
            rendered = list(pool.map(lambda c: render_media(c["id"], texts, work / c["id"], media), present))
            jobs = [(case, medium, path) for case, files in zip(present, rendered) for medium, path in files.items()]
            extracted = list(pool.map(lambda job: extract(job[2]), jobs))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    scores = [s for (case, medium, _), found in zip(jobs, extracted) for s in score(case, medium, found)]
    return scores, skipped, [c["id"] for c in present]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", help="comma-separated case ids (default: all)")
    parser.add_argument("--media", default=",".join(MEDIA), help=f"comma-separated, of {', '.join(MEDIA)}")
    parser.add_argument("--mistakes", action="store_true", help="list every wrong field")
    parser.add_argument("--unsure", action="store_true", help="list every right field below the review threshold")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--baseline", type=Path, help="a --json file of an earlier run: print before/after")
    args = parser.parse_args()
    media = tuple(m for m in args.media.split(",") if m)
    unknown = set(media) - set(MEDIA)
    if unknown:
        parser.error(f"unknown media {', '.join(sorted(unknown))}; expected {', '.join(MEDIA)}")
    cases = load_cases()
    if args.cases:
        wanted = set(args.cases.split(","))  # whole ids or their short form ("g01")
        cases = [c for c in cases if c["id"] in wanted or c["id"].split("-")[0] in wanted]
    scores, skipped, ran = run(cases, media, real_dir())
    result = figures(scores, skipped, ran)
    baseline = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None
    print_figures(result, baseline)
    if args.mistakes:
        print_scores(result["mistakes"])
    if args.unsure:
        print_scores(result["unsure"])
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
