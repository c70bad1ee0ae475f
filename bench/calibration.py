"""Is a confidence the chance that the value is right? Precision per field, per strategy (rule_id) and per band.

Three sets, extracted as the pipeline does:
- `real`: the hand-labelled real dossiers of bench/real.py (its drawing and scoring, every medium);
- `vary`: a generated set with varied wording (`samples/generate.py --vary`);
- `realgen`: a generated set of the real-dossier layouts (`samples/generate.py --real`).
Generated sets are digital and scanned (`--kinds`). Reading (OCR above all) is the slow part and does not depend
on the field rules, so each file's Document is kept in `--work`, keyed by its content and the reading code:
a second run after a change to extractors/fields/ only extracts again.

    python bench/calibration.py                            # all three sets
    python bench/calibration.py --sets real --rules        # one set, with the per-strategy table
    python bench/calibration.py --json after.json --baseline before.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.real import MEDIA, load_cases, real_dir, render_media, score  # noqa: E402
from extractors.fields.extract import extract_fields  # noqa: E402
from extractors.model import Document  # noqa: E402
from pipeline.dossier import read_uncached  # noqa: E402
from pipeline.evaluate import COMPARE, EVAL_FIELDS, SHOWN, load_truth  # noqa: E402
from pipeline.inbox import Entry, discover, entry_at, fingerprint  # noqa: E402
from pipeline.store import REVIEW_THRESHOLD  # noqa: E402

SETS = ("real", "vary", "realgen")
GENERATED = {"vary": ("--vary",), "realgen": ("--real",)}
BANDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # lower edges; the last closes the top band


@dataclass(frozen=True)
class Row:
    """One scored field: which set and medium, whether it was right, how sure the extraction was and why."""

    set: str
    dossier: str
    medium: str
    field: str
    ok: bool
    confidence: float
    rule_id: str
    want: str = ""
    got: str = ""
    doubts: tuple[str, ...] = ()


# ------------------------------------------------------------------------------------------------ reading


def _reading_version() -> str:
    """A hash of the code that turns a file into a Document: cached reads are valid while it is unchanged."""
    sources = sorted((ROOT / "extractors" / "reading").rglob("*.py")) + [ROOT / "extractors" / "model.py"]
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]


def _read_cached(entry: Entry, cache: Path) -> list[Document]:
    _, infos = fingerprint(entry)
    docs = []
    for (rel, path), info in zip(entry.files, infos):
        kept = cache / f"{info['sha256'][:24]}-{hashlib.sha256(rel.encode()).hexdigest()[:8]}.pickle"
        if kept.exists():
            docs.append(pickle.loads(kept.read_bytes()))
            continue
        doc = read_uncached(path, rel, info["sha256"])
        kept.write_bytes(pickle.dumps(doc))
        docs.append(doc)
    return docs


def _extract(entry: Entry, cache: Path):
    return extract_fields(_read_cached(entry, cache))


# ------------------------------------------------------------------------------------------------ sets


def real_rows(work: Path, cache: Path) -> list[Row]:
    """bench/real.py's cases and media, drawn once into `work/real` and scored by its `score`."""
    texts = real_dir()
    cases = [c for c in load_cases() if (texts / f"{c['id']}.txt").exists()]
    jobs = []
    for case in cases:
        text = (texts / f"{case['id']}.txt").read_bytes()
        folder = work / "real" / f"{case['id']}-{hashlib.sha256(text).hexdigest()[:8]}"
        files = {m: next((folder / m).iterdir()) for m in MEDIA
                 if (folder / m).is_dir() and any((folder / m).iterdir())}
        if not files:
            files = render_media(case["id"], texts, folder, MEDIA)
        jobs += [(case, medium, path) for medium, path in files.items()]
    with ThreadPoolExecutor(2) as pool:
        found = list(pool.map(lambda job: _extract(entry_at(job[2], job[2].parent), cache), jobs))
    return [Row("real", s.case, s.medium, s.field, s.ok, s.confidence, s.rule_id or "-", repr(s.want), repr(s.got),
                extraction.fields[s.field].doubts)
            for (case, medium, _), extraction in zip(jobs, found) for s in score(case, medium, extraction)]


def generated_rows(name: str, work: Path, cache: Path, seed: int, count: int, kinds: str) -> list[Row]:
    """A generated set (written once into `work/<name>-<seed>-<count>-<kinds>`), scored like pipeline.evaluate."""
    out = work / f"{name}-{seed}-{count}-{kinds.replace(',', '_')}"
    if not (out / "truth.jsonl").exists():
        subprocess.run([sys.executable, "samples/generate.py", "--seed", str(seed), "--count", str(count),
                        "--out", str(out), "--kinds", kinds, "--force", *GENERATED[name]],
                       cwd=ROOT, check=True, capture_output=True)
    truth = load_truth(out)
    entries = [e for e in discover(out / "inbox") if e.source in truth]
    with ThreadPoolExecutor(2) as pool:
        found = list(pool.map(lambda e: _extract(e, cache), entries))
    rows = []
    for entry, extraction in zip(entries, found):
        want, got = truth[entry.source], extraction.values()
        for field in EVAL_FIELDS:
            f = extraction.fields[field]
            rows.append(Row(name, entry.source, want["kind"], field, bool(COMPARE[field](got, want)),
                            round(f.confidence, 3), f.rule_id or "-",
                            repr(SHOWN[field](want)), repr(SHOWN[field](got)), f.doubts))
    return rows


# ------------------------------------------------------------------------------------------------ figures


def _band(confidence: float) -> str:
    low = max(edge for edge in BANDS if edge <= confidence)
    high = BANDS[BANDS.index(low) + 1]
    return f"[{low:.1f},{min(high, 1.0):.1f}{']' if high > 1 else ')'}"


def tally(rows: list[Row], key) -> dict[str, dict]:
    """Per group: count, precision, share confident, confident-wrong count, mean confidence."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    out = {}
    for group, members in sorted(groups.items()):
        sure = [r for r in members if r.confidence >= REVIEW_THRESHOLD]
        out[group] = {"n": len(members), "precision": sum(r.ok for r in members) / len(members),
                      "confident": len(sure) / len(members), "confident_wrong": sum(not r.ok for r in sure),
                      "mean_conf": sum(r.confidence for r in members) / len(members)}
    return out


def summary(rows: list[Row]) -> dict:
    sure = [r for r in rows if r.confidence >= REVIEW_THRESHOLD]
    right = [r for r in rows if r.ok]
    # Expected calibration error over the bands: how far the mean confidence is from the precision, weighted.
    bands = tally(rows, lambda r: _band(r.confidence))
    ece = sum(b["n"] * abs(b["mean_conf"] - b["precision"]) for b in bands.values()) / len(rows) if rows else 0.0
    return {"n": len(rows), "accuracy": len(right) / len(rows) if rows else None,
            "confident_share": len(sure) / len(rows) if rows else None,
            "confident_wrong": sum(not r.ok for r in sure) / len(sure) if sure else None,
            "right_confident": sum(r.ok for r in sure) / len(right) if right else None,
            "ece": ece}


def figures(rows: list[Row]) -> dict:
    out = {}
    for name in sorted({r.set for r in rows}):
        mine = [r for r in rows if r.set == name]
        out[name] = {"summary": summary(mine), "field": tally(mine, lambda r: r.field),
                     "rule": tally(mine, lambda r: f"{r.field}:{r.rule_id}"),
                     "band": tally(mine, lambda r: _band(r.confidence)),
                     "medium": tally(mine, lambda r: r.medium),
                     "doubt": tally([r for r in mine if r.doubts], lambda r: f"{r.field}:{'+'.join(r.doubts)}")}
    return out


# ------------------------------------------------------------------------------------------------ printing


def _line(label: str, cell: dict, before: dict | None) -> str:
    text = (f"{label:<52}{cell['n']:>5}{cell['precision']:>8.1%}{cell['mean_conf']:>8.2f}{cell['confident']:>8.1%}"
            f"{cell['confident_wrong']:>6}")
    if before:
        text += f"   (was {before['precision']:.1%} / {before['confident']:.1%} / {before['confident_wrong']})"
    return text


def print_figures(result: dict, baseline: dict | None, tables: tuple[str, ...]) -> None:
    for name, fig in result.items():
        s, was = fig["summary"], (baseline or {}).get(name, {})
        print(f"\n=== {name}: {s['n']} fields, accuracy {s['accuracy']:.1%}, confident {s['confident_share']:.1%}, "
              f"confident-wrong {s['confident_wrong'] or 0:.1%}, right fields confident {s['right_confident']:.1%}, "
              f"ECE {s['ece']:.3f}")
        if was.get("summary"):
            w = was["summary"]
            print(f"    before: accuracy {w['accuracy']:.1%}, confident {w['confident_share']:.1%}, "
                  f"confident-wrong {w['confident_wrong'] or 0:.1%}, right fields confident "
                  f"{w['right_confident']:.1%}, ECE {w['ece']:.3f}")
        for table in tables:
            print(f"{'-- ' + table:<52}{'n':>5}{'prec':>8}{'mean':>8}{'≥0.8':>8}{'cw':>6}")
            for label, cell in fig[table].items():
                print(_line(label, cell, was.get(table, {}).get(label)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    parser.add_argument("--count", type=int, default=36, help="dossiers per generated set")
    parser.add_argument("--seed", type=int, default=5151, help="generator seed (held out from the tests' seeds)")
    parser.add_argument("--kinds", default="docx,pdf-text,pdf-scan", help="generated kinds")
    parser.add_argument("--work", type=Path, default=Path("~/.cache/sangkien/calibration").expanduser(),
                        help="drawn sets and cached reads")
    parser.add_argument("--rules", action="store_true", help="also print the per-strategy (rule_id) table")
    parser.add_argument("--media", action="store_true", help="also print the per-medium table")
    parser.add_argument("--doubts", action="store_true", help="also print the table of plausibility doubts")
    parser.add_argument("--wrong", action="store_true", help="list confident-but-wrong fields")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--baseline", type=Path, help="a --json file of an earlier run: show before beside now")
    args = parser.parse_args()
    sets = [s for s in args.sets.split(",") if s]
    cache = args.work / f"reads-{_reading_version()}"
    cache.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    for name in sets:
        rows += real_rows(args.work, cache) if name == "real" else generated_rows(
            name, args.work, cache, args.seed, args.count, args.kinds)
    result = figures(rows)
    baseline = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None
    tables = ("field", "band") + (("rule",) if args.rules else ()) + (("medium",) if args.media else ()) + (
        ("doubt",) if args.doubts else ())
    print_figures(result, baseline, tables)
    if args.wrong:
        for r in rows:
            if not r.ok and r.confidence >= REVIEW_THRESHOLD:
                print(f"confident-wrong {r.set:<8} {r.dossier:<26} {r.medium:<12} {r.field:<13} {r.confidence} "
                      f"{r.rule_id}  want={r.want}  got={r.got}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
