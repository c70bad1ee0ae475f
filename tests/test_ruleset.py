"""Rule files fail when loaded, naming the file and the key, and every record names the versions of them all."""

from __future__ import annotations

import re

import pytest
import yaml

from extractors.fields import plausibility, ruleset
from extractors.fields.extract import rules_version
from extractors.fields.ruleset import RULES_DIR

ALL_RULE_FILES = sorted(path.name for path in RULES_DIR.glob("*.yaml"))  # a new rule file must join the version


def _broken(tmp_path, monkeypatch, name: str, variable: str, change) -> None:
    rules = yaml.safe_load((RULES_DIR / name).read_text(encoding="utf-8"))
    change(rules)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(variable, str(path))


@pytest.fixture(autouse=True)
def fresh_rules():
    for cached in (ruleset.labels, ruleset.benefit_rules, plausibility.checks):
        cached.cache_clear()
    yield
    for cached in (ruleset.labels, ruleset.benefit_rules, plausibility.checks):
        cached.cache_clear()


@pytest.mark.parametrize("change, key", [
    (lambda r: r["fields"].update(titel=r["fields"]["title"]), "fields.titel"),
    (lambda r: r["fields"]["title"][0].update(pattern="(ten sang kien"), "fields.title.0.pattern"),
    (lambda r: r.update(honorifics="[ths"), "honorifics"),
    (lambda r: r["skkn_cover"].update(stop="(?<=x+)y"), "skkn_cover.stop"),
])
def test_a_broken_labels_file_fails_at_load_naming_file_and_key(tmp_path, monkeypatch, change, key):
    _broken(tmp_path, monkeypatch, "labels.yaml", "SANGKIEN_LABELS", change)
    with pytest.raises(ValueError) as err:
        ruleset.labels()
    assert str(tmp_path / "labels.yaml") in str(err.value) and key in str(err.value)


@pytest.mark.parametrize("change, said", [
    (lambda r: r["checks"]["odd-word"].update(fields=["title", "tac_gia"]), "checks.odd-word.fields.1"),
    (lambda r: r["checks"].update({"no-such-check": r["checks"]["odd-word"]}), "no-such-check"),
])
def test_a_check_on_an_unknown_field_or_without_a_test_fails_at_load(tmp_path, monkeypatch, change, said):
    _broken(tmp_path, monkeypatch, "checks.yaml", "SANGKIEN_CHECKS", change)
    with pytest.raises(ValueError) as err:
        plausibility.checks()
    assert str(tmp_path / "checks.yaml") in str(err.value) and said in str(err.value)


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
