"""Exports of stored records: the contract's JSONL, and a flat CSV for spreadsheets."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

CONTRACT_KEYS = ("dossier", "source", "status", "title", "authors", "unit", "sector", "first_applied", "benefit",
                 "addressee", "fields", "error")
CSV_COLUMNS = ("dossier", "source", "status", "title", "authors", "unit", "sector_code", "sector_label",
               "sector_raw", "first_applied", "amount_vnd", "per_year", "addressee", "min_confidence", "error")


def contract_record(row: dict) -> dict:
    """The contract's record for a stored row; the row's status wins (reviews change it)."""
    record = dict(row["record"] or {})
    record["status"] = row["status"]
    return {key: record.get(key) for key in CONTRACT_KEYS} | {"authors": record.get("authors") or [],
                                                               "fields": record.get("fields") or {}}


def _flat(record: dict, min_confidence: float | None) -> dict:
    sector, benefit, error = record["sector"] or {}, record["benefit"] or {}, record["error"] or {}
    return {
        "dossier": record["dossier"], "source": record["source"], "status": record["status"],
        "title": record["title"], "authors": "; ".join(a["name"] for a in record["authors"]), "unit": record["unit"],
        "sector_code": sector.get("code"), "sector_label": sector.get("label"), "sector_raw": sector.get("raw"),
        "first_applied": record["first_applied"], "amount_vnd": benefit.get("amount_vnd"),
        "per_year": benefit.get("per_year"), "addressee": record["addressee"], "min_confidence": min_confidence,
        "error": error.get("message"),
    }


def write_jsonl(rows: Iterable[dict], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(contract_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(_flat(contract_record(row), row.get("min_confidence")))
        count += 1
    return count


WRITERS = {"jsonl": write_jsonl, "csv": write_csv}


def export_file(rows: Iterable[dict], fmt: str, path: Path) -> int:
    """Write `rows` as `fmt` to `path` (CSV with a BOM so Excel shows Vietnamese correctly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    with path.open("w", encoding=encoding, newline="") as out:
        return WRITERS[fmt](rows, out)
