"""Settings: environment over config file over defaults; everything stateful under the home folder."""

import os

from pipeline.config import apply_prefect_env, load_settings


def test_defaults_live_under_home(home):
    settings = load_settings()
    assert settings.home == home.resolve() and home.is_dir()
    assert settings.database_url == f"sqlite:///{home.resolve() / 'sangkien.db'}"
    assert settings.inbox == home.resolve() / "inbox"
    assert settings.prefect_home == home.resolve() / "prefect"


def test_environment_beats_config_file(home, monkeypatch):
    home.mkdir(parents=True)
    (home / "config.toml").write_text('inbox = "/srv/hop-thu"\npoll_seconds = 12\nworkers = 3\n', encoding="utf-8")
    monkeypatch.setenv("SANGKIEN_POLL_SECONDS", "7")
    settings = load_settings()
    assert str(settings.inbox) == "/srv/hop-thu" and settings.workers == 3
    assert settings.poll_seconds == 7


def test_two_homes_share_no_prefect_state(tmp_path, monkeypatch):
    monkeypatch.delenv("PREFECT_HOME", raising=False)
    monkeypatch.setenv("SANGKIEN_HOME", str(tmp_path / "a"))
    apply_prefect_env(load_settings())
    assert os.environ["PREFECT_HOME"] == str((tmp_path / "a" / "prefect").resolve())


def test_scale_out_settings_reach_the_batch(home, monkeypatch, tmp_path):
    from pipeline.config import BatchSpec

    assert load_settings().archive == home.resolve() / "archive"
    monkeypatch.setenv("SANGKIEN_ARCHIVE", str(tmp_path / "share" / "archive"))
    monkeypatch.setenv("SANGKIEN_CLAIM_TIMEOUT", "120")
    spec = BatchSpec.of(load_settings(), tmp_path / "share" / "inbox")
    assert spec.archive == str(tmp_path / "share" / "archive") and spec.claim_timeout == 120
