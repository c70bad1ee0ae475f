"""The same content dropped again is recorded as a duplicate of the stored dossier (so the review page can show
it), and the note left beside it in `_loi` does not ask the secretary to fix a file that is not broken."""

from __future__ import annotations

import shutil

from pipeline import duplicates
from pipeline.config import BatchSpec, load_settings
from pipeline.dossier import process_entry
from pipeline.inbox import discover
from pipeline.store import Store
from tests.conftest import write_form_docx


def _process(inbox, keep_inbox: bool = False):
    settings = load_settings()
    store = Store.shared(settings.database_url)
    spec = BatchSpec.of(settings, inbox, stable_seconds=0, keep_inbox=keep_inbox)
    return store, [process_entry(store, spec, entry) for entry in discover(inbox)]


def test_a_duplicate_is_recorded_against_the_dossier_it_repeats(home):
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    write_form_docx(inbox / "don-goc.docx", "Số hóa hồ sơ một cửa", "Lê Văn Cường", "UBND phường Hải Châu")
    store, first = _process(inbox)
    original = first[0].fingerprint
    shutil.copy(next((home / "archive").rglob("*don-goc.docx")), inbox / "don-nop-lai.docx")
    store, second = _process(inbox)
    assert [o.kind for o in second] == ["duplicate"]

    [seen] = duplicates.of(store, original)
    assert seen["source"] == "don-nop-lai.docx" and seen["location"] == str(inbox / "_loi" / "don-nop-lai.docx")
    assert duplicates.counts(store, [original]) == {original: 1}
    [shown] = duplicates.recent(store)
    assert shown["original"] == "don-goc" and shown["title"] == "Số hóa hồ sơ một cửa"
    note = (inbox / "_loi" / "don-nop-lai.docx.ly-do.txt").read_text(encoding="utf-8")
    assert "trùng nội dung" in note and "không cần sửa" in note and "Sau khi sửa" not in note


def test_a_kept_inbox_rescanned_records_each_duplicate_once(home):
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    write_form_docx(inbox / "a.docx", "Số hóa hồ sơ một cửa", "Lê Văn Cường", "UBND phường Hải Châu")
    shutil.copy(inbox / "a.docx", inbox / "b.docx")
    for _ in range(2):
        store, outcomes = _process(inbox, keep_inbox=True)
    fingerprint = next(o.fingerprint for o in outcomes)
    [seen] = duplicates.of(store, fingerprint)
    assert seen["source"] == "b.docx" and seen["location"] == str(inbox / "b.docx")


def test_a_reviewer_sees_the_duplicate_on_the_list_and_on_the_dossier_it_repeats(page, site):
    from playwright.sync_api import expect

    from tests.browser import log_in

    inbox = site.settings.inbox
    original = site.row("kho-dien-tu.docx")
    shutil.copy(next(site.settings.archive.rglob("*kho-dien-tu.docx")), inbox / "kho-dien-tu (gui lai).docx")
    _, outcomes = _process(inbox)
    assert [o.kind for o in outcomes] == ["duplicate"]

    log_in(page, "minh")
    tag = page.locator(f"a.tag-duplicate[href='/d/{original['fingerprint']}#nop-trung']")
    expect(tag).to_have_text("nộp trùng 1 lần")
    recent = page.locator(".card.duplicates")
    expect(recent).to_contain_text("kho-dien-tu (gui lai).docx")
    expect(recent).to_contain_text("Phần mềm quản lý kho vật tư")
    tag.click()
    expect(page.locator("#nop-trung")).to_contain_text("kho-dien-tu (gui lai).docx")
    expect(page.locator("#nop-trung")).to_contain_text("_loi")
