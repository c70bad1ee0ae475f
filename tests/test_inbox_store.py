"""Inbox discovery, fingerprints and the claim that makes a dossier count once (real SQLite)."""

import os
import socket
import subprocess
import threading
import unicodedata
from datetime import timedelta

from pipeline.inbox import discover, fingerprint, is_ignored
from pipeline.store import Claim, Store, owner


def test_entries_files_and_folders_ignoring_locks_and_partials(tmp_path):
    (tmp_path / "hs-017.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "~$Don yeu cau.docx").write_bytes(b"lock")
    (tmp_path / ".~lock.hs.docx#").write_text("lock")
    (tmp_path / ".hidden.pdf").write_text("x")
    (tmp_path / "tai-ve.pdf.part").write_text("x")
    (tmp_path / "tai-ve.crdownload").write_text("x")
    folder = tmp_path / "Ho so 12 $(rm -rf) Truong"
    folder.mkdir()
    (folder / "IMG_0002.jpg").write_bytes(b"2")
    (folder / "IMG_0001.jpg").write_bytes(b"1")
    (folder / "~$note.docx").write_bytes(b"lock")
    entries = discover(tmp_path)
    assert [e.source for e in entries] == ["Ho so 12 $(rm -rf) Truong", "hs-017.pdf"]
    assert [rel for rel, _ in entries[0].files] == ["IMG_0001.jpg", "IMG_0002.jpg"]
    assert entries[1].name == "hs-017"


def test_links_outside_the_inbox_are_not_followed(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.symlink("/etc/passwd", inbox / "passwd.pdf")
    (inbox / "ok.pdf").write_bytes(b"%PDF")
    os.symlink(inbox / "ok.pdf", inbox / "inside-link.pdf")
    assert [e.source for e in discover(inbox)] == ["inside-link.pdf", "ok.pdf"]


def test_fingerprint_is_content_not_name(tmp_path):
    a, b, c = tmp_path / "a.docx", tmp_path / "b.docx", tmp_path / "c.docx"
    a.write_bytes(b"same")
    b.write_bytes(b"same")
    c.write_bytes(b"other")
    entries = {e.source: e for e in discover(tmp_path)}
    assert fingerprint(entries["a.docx"])[0] == fingerprint(entries["b.docx"])[0]
    assert fingerprint(entries["a.docx"])[0] != fingerprint(entries["c.docx"])[0]


def test_nfd_names_work(tmp_path):
    name = unicodedata.normalize("NFD", "Đơn yêu cầu - Nguyễn Văn A.docx")
    (tmp_path / name).write_bytes(b"x")
    (entry,) = discover(tmp_path)
    assert entry.path.exists() and fingerprint(entry)[1][0]["size"] == 1


def test_lock_file_patterns():
    assert is_ignored("~$hs.docx") and is_ignored(".~lock.hs.docx#") and is_ignored("a.tmp")
    assert not is_ignored("hs.docx")


def test_claim_is_exclusive_across_threads(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    wins = []
    threads = [threading.Thread(target=lambda: wins.append(store.claim("f" * 64, "hs", "hs.pdf"))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wins.count(Claim.NEW) == 1 and wins.count(None) == 7
    assert store.get("f" * 64)["status"] == "processing"
    assert store.rows() == []  # in-flight claims are not records yet


def test_stale_claim_is_taken_over_and_release_frees(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert store.claim("a" * 64, "hs", "hs.pdf")
    assert not store.claim("a" * 64, "hs", "hs.pdf")
    assert store.claim("a" * 64, "hs", "hs.pdf", stale_after=timedelta(seconds=-1)) is Claim.TAKEN_OVER
    store.release("a" * 64)
    assert store.get("a" * 64) is None


def test_migrations_are_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    Store.open(url).claim("b" * 64, "x", "x.pdf")
    assert Store.open(url).get("b" * 64)["name"] == "x"


def test_review_queue_puts_unsure_records_first(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    for key, confidence in (("a", 0.95), ("b", 0.4), ("c", 0.85), ("d", 0.7)):
        store.claim(key * 64, key, f"{key}.pdf")
        store.save(key * 64, {"status": "needs_review", "min_confidence": confidence})
    store.claim("e" * 64, "e", "e.pdf")
    store.save("e" * 64, {"status": "failed"})
    assert [row["name"] for row in store.review_queue()] == ["b", "d", "c", "a"]


def test_claim_of_a_dead_process_is_taken_over_at_once(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert store.claim("d" * 64, "hs", "hs.pdf")
    dead = subprocess.Popen(["true"])
    dead.wait()
    with store.engine.begin() as conn:
        conn.execute(store.dossiers.update().values(claimed_by=f"{socket.gethostname()}:{dead.pid}"))
    assert store.claim("d" * 64, "hs", "hs.pdf") is Claim.TAKEN_OVER  # the holder died: no hour-long wait
    assert store.get("d" * 64)["claimed_by"] == owner()
    assert not store.claim("d" * 64, "hs", "hs.pdf")  # now held by a live process (this one)
