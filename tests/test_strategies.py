"""The review page's "why": every strategy the extractors name is explained in Vietnamese."""

from __future__ import annotations

import re

from pipeline.strategies import LABELLED, STRATEGIES, explain
from tests.conftest import ROOT

# A rule id literal in the field rules' code: "unit-letterhead", f"sector-textcat-{source}" (expanded below).
_LITERAL = re.compile(r'"((?:unit|author|title|sector|form|no|addressee|skkn|sentence)-[a-z-]+)"')
_SOURCES = ("raw", "sentence", "text")


def _named_in_code() -> set[str]:
    ids = set()
    for path in (ROOT / "extractors" / "fields").glob("*.py"):
        ids |= set(_LITERAL.findall(path.read_text(encoding="utf-8")))
        ids |= {f"sector-{kind}-{source}" for kind in re.findall(r'f"sector-(keywords|textcat)-\{source\}"',
                                                                     path.read_text(encoding="utf-8"))
                for source in _SOURCES}
    return ids


def test_every_strategy_named_in_the_field_rules_is_explained():
    named = _named_in_code() - {"placeholder-author", "sector-examples", "sector-sentence"}
    assert {"unit-letterhead", "author-signature", "sector-textcat-text", "skkn-cover"} <= named
    assert sorted(named - STRATEGIES.keys()) == []


def test_explained_with_choice_agreement_and_modifiers():
    assert explain("ten-sang-kien") == LABELLED  # a labels.yaml rule
    assert explain("hieu-qua-loi-ich/total+words") == f"{LABELLED} (dòng tổng cộng sau các khoản); số và chữ khớp nhau"
    why = explain("unit-letterhead+unit-signature+registry")
    assert why.startswith(STRATEGIES["unit-letterhead"]) and f"khớp với: {STRATEGIES['unit-signature']}" in why
    assert "chuẩn hoá theo danh mục" in why
    assert "nguồn khác" in explain("sector-keywords-raw+agreed-raw-title-text")
    assert explain(None) == "" and explain("a-rule-from-elsewhere") == "a-rule-from-elsewhere"
    assert explain("don-vi-cong-tac-table+registry").startswith("ô có nhãn trong bảng")
    assert explain("learned-label-3").startswith("nhãn mới")


def test_title_rules_of_the_rule_file_are_explained():
    from extractors.fields.title_rules import title_rules

    ids = {rule.id for rule in title_rules().subject_lines}
    assert ids and ids <= STRATEGIES.keys()
