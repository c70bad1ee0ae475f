"""The store's filterable columns, derived from a record: written when a dossier is saved (`pipeline.dossier`)
and again when a reviewer changes it (`pipeline.review`)."""

from __future__ import annotations

from extractors.record import amount_vnd, part


def columns(record: dict) -> dict:
    """The filterable columns derived from a record."""
    authors = record["authors"]
    confidences = [f["confidence"] for f in record["fields"].values() if not f.get("absent")]
    return {"status": record["status"], "title": record["title"], "unit": record["unit"],
            "lead_author": authors[0]["name"] if authors else None, "sector_code": part(record, "sector").get("code"),
            "first_applied": record["first_applied"], "amount_vnd": amount_vnd(record),
            "min_confidence": min(confidences) if confidences else None, "record": record}
