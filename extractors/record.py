"""The exported record, typed once: what `sangkien export --format jsonl` writes, one object per line.

`docs/record.schema.json` is generated from these models (`python -m extractors.record`) and a test keeps the two
equal; `docs/contract.md` explains every key. The 12 contract keys are fixed; `review` and `similar` are ours,
added after them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

PartialDate = Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY-MM-DD, YYYY-MM or YYYY")]
Status = Literal["needs_review", "approved", "returned", "failed"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="allow")  # stored records may carry more than the contract names


class Author(_Part):
    name: Annotated[str, Field(min_length=1, description="without honorifics")]
    birth_date: PartialDate | None = None
    workplace: str | None = None
    position: str | None = None
    qualification: str | None = None
    contribution_pct: Annotated[float, Field(ge=0, le=100)] | None = None


class Sector(_Part):
    code: str = Field(description="a code of the sector taxonomy")
    label: str
    raw: str | None = Field(description="the sector as the dossier writes it")


class Benefit(_Part):
    text: str = Field(description="the benefit passage")
    amount_vnd: Annotated[int, Field(ge=0)] | None = Field(description="money saved or earned, in đồng")
    per_year: bool


class FieldSource(_Part):
    """Where a field's value came from and how sure the reader is of it."""

    confidence: Annotated[float, Field(ge=0, le=1)]
    file: str | None = None
    page: Annotated[int, Field(ge=1)] | None = None
    snippet: str | None = None
    absent: bool | None = Field(None, description="the kind of form read does not carry this field")
    corrected: bool | None = Field(None, description="a reviewer set this value")


class RecordError(_Part):
    stage: str
    message: Annotated[str, Field(min_length=1)]


class Review(_Part):
    """The reviewer's decision, when there is one."""

    by: str
    at: str = Field(description="ISO 8601 time of the decision")
    comment: str | None = None


class SimilarTo(_Part):
    """Another stored dossier this one resembles (pipeline.similar): a resubmission, a copy, a shared text."""

    dossier: Annotated[str, Field(min_length=1)]
    score: Annotated[float, Field(ge=0, le=1, description="how alike: the share of the smaller text found in the "
                                                          "other, or of the titles for same_title")]
    kind: Literal["same_text", "same_title", "overlap"]


class Record(_Part):
    """One dossier as exported."""

    dossier: Annotated[str, Field(min_length=1)]
    source: Annotated[str, Field(min_length=1)]
    status: Status
    title: str | None
    authors: list[Author]
    unit: str | None
    sector: Sector | None
    first_applied: PartialDate | None
    benefit: Benefit | None
    addressee: str | None
    fields: dict[str, FieldSource]
    error: RecordError | None
    review: Review | None = None
    similar: list[SimilarTo] = Field(default_factory=list, description="dossiers it resembles, most alike first")


FIELDS = ("title", "authors", "unit", "sector", "first_applied", "benefit", "addressee")  # what extraction finds
CONTRACT_KEYS = ("dossier", "source", "status", "title", "authors", "unit", "sector", "first_applied", "benefit",
                 "addressee", "fields", "error")


def empty_values() -> dict:
    """The extracted fields of a record that has none (a failed dossier): nulls, and no authors."""
    return dict.fromkeys(FIELDS) | {"authors": []}


def part(record: Mapping, key: str) -> dict:
    """An object-valued key of a stored record (`sector`, `benefit`, `error`, `review`); `{}` when it is null."""
    return record.get(key) or {}


def amount_vnd(record: Mapping) -> int | None:
    """The benefit's amount in đồng, or None when the record has no benefit or no amount."""
    return part(record, "benefit").get("amount_vnd")


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of an exported record."""
    schema = Record.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


if __name__ == "__main__":
    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
