"""Settings from environment variables, with an optional TOML config file.

Precedence: environment variable > config file > default. The config file is `$SANGKIEN_CONFIG`, else
`<home>/config.toml`, with keys in lower case (`inbox = "/srv/inbox"`, `poll_seconds = 30`).
Everything stateful lives under `home`, so two runs with different `SANGKIEN_HOME` never share state —
that includes Prefect's own home, which `apply_prefect_env` points inside it.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict


def default_home() -> Path:
    """Per-user data folder: `$XDG_DATA_HOME/sangkien`, else `~/.local/share/sangkien`."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "sangkien"


# Seconds without a heartbeat after which a dossier's claim is taken over (its holder is taken for dead).
CLAIM_TIMEOUT_SECONDS = 300.0


class BatchSpec(BaseModel):
    """What one batch needs to know; a Prefect flow parameter, so deployments can carry it."""

    model_config = ConfigDict(frozen=True)
    inbox: str
    database_url: str
    archive: str
    keep_inbox: bool = False
    stable_seconds: float = 0.0
    claim_timeout: float = CLAIM_TIMEOUT_SECONDS
    learn_every: int = 0  # retrain the sector classifier first when this many sector corrections came (0: never)

    @classmethod
    def of(cls, settings: "Settings", inbox: Path, **overrides) -> "BatchSpec":
        values = {"inbox": str(Path(inbox).resolve()), "database_url": settings.database_url,
                  "archive": str(settings.archive), "keep_inbox": settings.keep_inbox,
                  "stable_seconds": settings.stable_seconds, "claim_timeout": settings.claim_timeout,
                  "learn_every": settings.learn_every}
        return cls(**(values | overrides))


def default_workers() -> int:
    """Dossiers processed at once: `SANGKIEN_WORKERS`, else twice the cores.

    OCR is capped at one Tesseract per core on its own (extractors.reading.ocr); a second dossier per core keeps that
    Tesseract busy while the first is extracted and saved (measured in bench/ocr.py).
    """
    return int(os.environ.get("SANGKIEN_WORKERS") or 2 * (os.cpu_count() or 1))


LEARN_EVERY = 20


@dataclass(frozen=True)
class Settings:
    """Where data lives and how the pipeline runs."""

    home: Path
    inbox: Path
    database_url: str
    poll_seconds: int = 30
    workers: int = 1
    stable_seconds: float = 3.0
    keep_inbox: bool = False
    claim_timeout: float = CLAIM_TIMEOUT_SECONDS
    archive_dir: Path | None = None  # scale-out: a folder on the shared mount, the same path on every machine
    close_events: bool = True  # `up`: a file its writer closed (a local disk says so) is taken without two looks
    prefect_auth: str | None = field(default=None, repr=False)  # the scale-out Prefect server's basic-auth string
    learn_every: int = LEARN_EVERY  # sector corrections that retrain the classifier before the next batch (0: never)

    @property
    def archive(self) -> Path:
        return self.archive_dir or self.home / "archive"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"


def _file_values(home: Path) -> dict:
    path = Path(os.environ.get("SANGKIEN_CONFIG") or home / "config.toml")
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load_settings() -> Settings:
    """Read the settings; creates the home folder (private: it holds the database and Prefect's run logs) so later
    steps can rely on it."""
    home = Path(os.environ.get("SANGKIEN_HOME") or default_home()).expanduser().resolve()
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    conf = _file_values(home)

    def pick(key: str, default):
        return os.environ.get(f"SANGKIEN_{key.upper()}") or conf.get(key) or default

    def flag(key: str, default: bool) -> bool:
        value = os.environ.get(f"SANGKIEN_{key.upper()}") or conf.get(key)
        return default if value is None else str(value).lower() in ("1", "true", "yes")

    def count(key: str, default: int) -> int:  # 0 is a value here, not "unset"
        value = os.environ.get(f"SANGKIEN_{key.upper()}") or conf.get(key)
        return default if value is None else int(value)

    return Settings(
        home=home,
        inbox=Path(pick("inbox", home / "inbox")).expanduser(),
        database_url=pick("database_url", f"sqlite:///{home / 'sangkien.db'}"),
        poll_seconds=int(pick("poll_seconds", 30)),
        workers=int(pick("workers", default_workers())),
        stable_seconds=float(pick("stable_seconds", 3.0)),
        keep_inbox=flag("keep_inbox", False),
        claim_timeout=float(pick("claim_timeout", CLAIM_TIMEOUT_SECONDS)),
        archive_dir=Path(archive).expanduser() if (archive := pick("archive", None)) else None,
        close_events=flag("close_events", True),
        prefect_auth=pick("prefect_auth", None),
        learn_every=count("learn_every", LEARN_EVERY),
    )


def log_to_home(settings: Settings) -> Path:
    """Append our own loggers' records (English) to `<home>/logs/sangkien.log`; returns the file."""
    settings.logs.mkdir(parents=True, exist_ok=True)
    path = settings.logs / "sangkien.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("pipeline", "extractors", "flows"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
    return path


def apply_prefect_env(settings: Settings) -> None:
    """Keep Prefect's database, results and logs inside our home unless the user chose otherwise.

    Must run before `prefect` is imported: Prefect reads its settings at import time.
    """
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # Prefect's client telemetry too: nothing of a council's run leaves the machine, and without it `import
    # prefect` skips its first-run milestones (0.4 s of the one-shot command's start-up, py-spy).
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if settings.prefect_auth:  # every client of a scale-out server (worker, poller, rerun, flow runs) must send it
        os.environ.setdefault("PREFECT_API_AUTH_STRING", settings.prefect_auth)
