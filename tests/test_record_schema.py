"""The exported record's JSON Schema ships in docs/, is generated from extractors/record.py, keeps the
contract's names, and rejects what the contract forbids."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from extractors.record import CONTRACT_KEYS, json_schema
from pipeline.dossier import failed_record
from tests.conftest import ROOT
from tests.test_confidence import ENTRY, REPORT, _record

SHARED_SCHEMA = Path(os.environ.get("SANGKIEN_SHARED") or ROOT.parent / "shared") / "contract" / "record.schema.json"


def test_the_shipped_schema_is_the_one_the_models_make():
    shipped = json.loads((ROOT / "docs" / "record.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(), "run: python -m extractors.record > docs/record.schema.json"


def test_the_schema_keeps_the_contract_names(record_schema):
    assert tuple(record_schema["required"]) == CONTRACT_KEYS == (
        "dossier", "source", "status", "title", "authors", "unit", "sector", "first_applied", "benefit",
        "addressee", "fields", "error")
    assert record_schema["properties"]["status"]["enum"] == ["needs_review", "approved", "returned", "failed"]
    author = record_schema["$defs"]["Author"]["properties"]
    assert set(author) == {"name", "birth_date", "workplace", "position", "qualification", "contribution_pct"}
    assert set(record_schema["$defs"]["Benefit"]["required"]) == {"text", "amount_vnd", "per_year"}


def _records() -> list[dict]:
    from extractors.errors import DossierError, FailureKind

    broken = DossierError(FailureKind.bad_input, "Tệp hỏng.", "broken", "read")
    return [_record(REPORT), failed_record(ENTRY, broken)]


@pytest.mark.parametrize("change", [
    lambda r: r.update(status="done"), lambda r: r.update(first_applied="05/09/2023"),
    lambda r: r["fields"]["title"].update(confidence=1.5), lambda r: r["authors"].append({"name": ""}),
    lambda r: r.update(benefit={"text": "x", "amount_vnd": -1, "per_year": False}), lambda r: r.pop("addressee"),
])
def test_the_schema_rejects_what_the_contract_forbids(record_schema, change):
    record = copy.deepcopy(_records()[0])
    jsonschema.validate(record, record_schema)
    change(record)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, record_schema)


@pytest.mark.skipif(not SHARED_SCHEMA.exists(), reason="the team's contract folder is not beside this clone")
def test_records_valid_here_are_valid_under_the_teams_contract(record_schema):
    theirs = json.loads(SHARED_SCHEMA.read_text(encoding="utf-8"))
    for record in _records():
        exported = {key: record[key] for key in CONTRACT_KEYS}
        jsonschema.validate(exported, record_schema)
        jsonschema.validate(exported, theirs)



def test_the_contract_documents_example_and_sectors_hold(record_schema):
    from extractors.fields.ruleset import sectors

    contract = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    example = json.loads(contract.split("```json\n", 1)[1].split("```", 1)[0])
    jsonschema.validate(example, record_schema)
    listed = dict(re.findall(r"^\| `([a-z-]+)` \| (.+?) \|$", contract.split("## Sectors")[1], re.M))
    assert listed == {s.code: s.label for s in sectors().sectors}
