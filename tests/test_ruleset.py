"""Rule files fail when loaded, naming the file and the key, and every record names the versions of them all."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import yaml

from extractors.fields import author_rules, plausibility, ruleset, title_rules
from extractors.fields.extract import rules_version
from extractors.fields.ruleset import RULES_DIR

ALL_RULE_FILES = sorted(path.name for path in RULES_DIR.glob("*.yaml"))  # a new rule file must join the version


@pytest.fixture(autouse=True)
def fresh_rules():
    for _, load in BROKEN.values():
        load.cache_clear()
    yield
    for _, load in BROKEN.values():
        load.cache_clear()


def _authors_key(rules: dict) -> str:
    rules["signature"]["author"].append("(nguoi nop")
    return f"signature.author.{len(rules['signature']['author']) - 1}"


def _set(key: str, change) -> Callable[[dict], str]:
    """A change to a rule file's content, returning the key the load error must name."""
    return lambda rules: change(rules) or key


BROKEN = {  # rule file: (its environment variable, its loader)
    "labels.yaml": ("SANGKIEN_LABELS", ruleset.labels),
    "checks.yaml": ("SANGKIEN_CHECKS", plausibility.checks),
    "benefit.yaml": ("SANGKIEN_BENEFIT", ruleset.benefit_rules),
    "authors.yaml": ("SANGKIEN_AUTHORS", author_rules.author_rules),
    "titles.yaml": ("SANGKIEN_TITLES", title_rules.title_rules),
}


@pytest.mark.parametrize("name, change", [
    ("labels.yaml", _set("fields.titel", lambda r: r["fields"].update(titel=r["fields"]["title"]))),
    ("labels.yaml", _set("fields.title.0.pattern", lambda r: r["fields"]["title"][0].update(pattern="(ten sang kien"))),
    ("labels.yaml", _set("honorifics", lambda r: r.update(honorifics="[ths"))),
    ("labels.yaml", _set("skkn_cover.stop", lambda r: r["skkn_cover"].update(stop="(?<=x+)y"))),
    ("checks.yaml", _set("checks.odd-word.fields.1",
                         lambda r: r["checks"]["odd-word"].update(fields=["title", "tac_gia"]))),
    ("checks.yaml", _set("no-such-check", lambda r: r["checks"].update({"no-such-check": r["checks"]["odd-word"]}))),
    ("benefit.yaml", _set("money_kinds.1.kind", lambda r: r["money_kinds"][1].update(kind="expense"))),
    ("authors.yaml", _authors_key),
    ("titles.yaml", _set("subject_lines.0.pattern", lambda r: r["subject_lines"][0].update(pattern="(v/v"))),
    ("titles.yaml", _set("list_entry.then", lambda r: r["list_entry"].update(then="[chu"))),
])
def test_a_broken_rule_file_fails_at_load_naming_file_and_key(tmp_path, monkeypatch, name, change):
    variable, load = BROKEN[name]
    rules = yaml.safe_load((RULES_DIR / name).read_text(encoding="utf-8"))
    key = change(rules)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(variable, str(path))
    load.cache_clear()
    with pytest.raises(ValueError) as err:
        load()
    assert str(path) in str(err.value) and key in str(err.value)


def test_the_rules_version_names_every_rule_file():
    versions = {yaml.safe_load((RULES_DIR / name).read_text(encoding="utf-8"))["version"] for name in ALL_RULE_FILES}
    assert set(rules_version().split("+")) == versions and len(versions) == len(ALL_RULE_FILES)
    assert re.fullmatch(r"[\w.-]+(\+[\w.-]+){%d}" % (len(ALL_RULE_FILES) - 1), rules_version())


def test_processed_and_failed_records_store_the_same_rules_version(home):
    from pipeline.config import BatchSpec, load_settings
    from pipeline.dossier import process_entry
    from pipeline.inbox import discover
    from pipeline.store import Store
    from tests.conftest import write_form_docx

    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    write_form_docx(inbox / "don.docx", "Số hóa hồ sơ một cửa", "Lê Văn Cường", "UBND phường Hải Châu")
    (inbox / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    settings = load_settings()
    store = Store.shared(settings.database_url)
    spec = BatchSpec.of(settings, inbox, stable_seconds=0)
    kinds = {process_entry(store, spec, entry).kind for entry in discover(inbox)}
    assert kinds == {"processed", "failed"}
    assert {row["ruleset_version"] for row in store.rows()} == {rules_version()}
