"""Per-field accuracy of extracted records against a samples folder's ground truth (truth.jsonl).

Comparisons are strict where reviewers would be: titles, names and units must match with their diacritics
(case, spacing and surrounding punctuation aside); authors as an exact set; sector by code; date and amount exactly.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from extractors.record import FIELDS, amount_vnd, empty_values, part
from pipeline.store import REVIEW_THRESHOLD

EVAL_FIELDS = tuple(f for f in FIELDS if f != "addressee")  # the fields the samples' truth is written for
HIGH_CONFIDENCE = REVIEW_THRESHOLD


def _norm(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(unicodedata.normalize("NFC", text).casefold().split()).strip(" .,;:\"'“”")


def _names(authors: list[dict] | None) -> frozenset:
    return frozenset(_norm(a["name"]) for a in authors or [])


COMPARE = {
    "title": lambda got, want: _norm(got["title"]) == _norm(want["title"]),
    "authors": lambda got, want: _names(got["authors"]) == _names(want["authors"]),
    "unit": lambda got, want: _norm(got["unit"]) == _norm(want["unit"]),
    "sector": lambda got, want: part(got, "sector").get("code") == part(want, "sector").get("code"),
    "first_applied": lambda got, want: got["first_applied"] == want["first_applied"],
    "benefit": lambda got, want: amount_vnd(got) == amount_vnd(want),
    "addressee": lambda got, want: _norm(got["addressee"]) == _norm(want["addressee"]),  # bench/real.py
}


SHOWN = {  # what a mistake listing prints for each field
    "title": lambda r: r["title"], "unit": lambda r: r["unit"], "first_applied": lambda r: r["first_applied"],
    "authors": lambda r: sorted(_names(r["authors"])), "sector": lambda r: part(r, "sector").get("code"),
    "benefit": amount_vnd, "addressee": lambda r: r["addressee"],
}


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def accuracy(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Report:
    """Accuracy per (kind, field), plus the confidence bands."""

    cells: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    bands: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    missing: list[str] = field(default_factory=list)
    # (source, field, want, got, confidence)
    mistakes: list[tuple[str, str, object, object, float]] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return sorted({kind for kind, _ in self.cells if kind != "all"}) + ["all"]


def load_truth(folder: Path) -> dict[str, dict]:
    with (folder / "truth.jsonl").open(encoding="utf-8") as fh:
        return {t["source"]: t for t in map(json.loads, filter(str.strip, fh))}


def evaluate(records: list[dict], truth: dict[str, dict]) -> Report:
    """Score each truth dossier's record; a dossier with no record (or a failed one) scores wrong everywhere."""
    report = Report()
    by_source = {r["source"]: r for r in records}
    for source, want in truth.items():
        got = by_source.get(source)
        if got is None:
            report.missing.append(source)
            got = empty_values() | {"fields": {}}
        for name in EVAL_FIELDS:
            ok = bool(COMPARE[name](got, want))
            confidence = (got.get("fields") or {}).get(name, {}).get("confidence", 0.0)
            if not ok:
                report.mistakes.append((source, name, SHOWN[name](want), SHOWN[name](got), confidence))
            for kind in (want["kind"], "all"):
                report.cells[(kind, name)].add(ok)
                report.cells[(kind, "overall")].add(ok)
            report.bands["high" if confidence >= HIGH_CONFIDENCE else "low"].add(ok)
    return report
