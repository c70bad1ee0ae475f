"""What sangkien keeps for itself is readable by its user only: the SQLite store with its -wal and -shm files (every
dossier's text), the data folder, and the scale-out server's password."""

from __future__ import annotations

import sqlite3
import stat

from flows.server import server_auth
from pipeline.config import load_settings
from pipeline.store import Store


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_store_and_its_wal_files_are_created_private(home):
    settings = load_settings()
    store = Store.open(settings.database_url)
    store.claim("f" * 64, "don", "don.docx")  # a write: the WAL and its shared memory exist while connected
    modes = {path.name: _mode(path) for path in home.glob("sangkien.db*")}
    assert set(modes) == {"sangkien.db", "sangkien.db-wal", "sangkien.db-shm"}
    assert set(modes.values()) == {0o600}, modes
    store.engine.dispose()


def test_a_world_readable_store_of_an_older_version_is_made_private(tmp_path):
    database = tmp_path / "sangkien.db"
    sqlite3.connect(database).close()
    database.chmod(0o644)
    Store.open(f"sqlite:///{database}").engine.dispose()
    assert _mode(database) == 0o600


def test_the_data_folder_is_private(home):
    load_settings()
    assert _mode(home) == 0o700


def test_the_server_password_is_made_once_kept_private_and_the_setting_wins(home, monkeypatch):
    made, kept = server_auth(load_settings())
    assert kept == home.resolve() / "prefect-auth" and _mode(kept) == 0o600
    assert made.startswith("sangkien:") and len(made) > 30
    assert server_auth(load_settings()) == (made, kept)  # the same one at every start
    monkeypatch.setenv("SANGKIEN_PREFECT_AUTH", "quan-tri:mat-khau-rieng")
    assert server_auth(load_settings()) == ("quan-tri:mat-khau-rieng", None)
