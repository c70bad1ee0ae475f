"""Drop → record latency of a running `sangkien up`: seconds from copying Word dossiers into the inbox until their
records are in the store, for one dossier and for a burst of `--count`, the median of `--runs` drops each.

Two phases, each a fresh `sangkien up` with default settings: the local-disk path (a file closed after writing is
taken at once) and the two-look path (`SANGKIEN_CLOSE_EVENTS=0`: every entry waits `SANGKIEN_STABLE_SECONDS`
unchanged, as on a network share written by other machines; drops still start a scan at once).

Usage: .venv/bin/python bench/latency.py [--count 30] [--runs 3] [--code CHECKOUT]
(`--code` measures another checkout's `sangkien`, e.g. the commit before a change.)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from up_run import ROOT, Up

sys.path.insert(0, str(ROOT))
from tests.conftest import write_form_docx  # noqa: E402

PHASES = {"close event": {}, "two looks": {"SANGKIEN_CLOSE_EVENTS": "0"}}
SETTLE_SECONDS = 15  # after start-up, so the start's own scan is over before the first drop


class Dossiers:
    """Distinct Word dossiers written aside, handed out in order."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sangkien-latency-docx-"))
        self.made = 0

    def take(self, count: int) -> list[Path]:
        paths = []
        for _ in range(count):
            self.made += 1
            paths.append(write_form_docx(self.folder / f"hs-{self.made:04d}.docx",
                                         f"Sáng kiến số {self.made} về số hóa hồ sơ", f"Nguyễn Văn {self.made}",
                                         "UBND phường Hải Châu"))
        return paths


def drop_and_wait(up: Up, files: list[Path], timeout: float = 300) -> float:
    """Copy `files` into the inbox (as a secretary's file manager does); seconds until all are recorded."""
    wanted = {path.name for path in files}
    started = time.monotonic()
    for path in files:
        shutil.copyfile(path, up.inbox / path.name)
    while not wanted <= up.records():
        if time.monotonic() - started > timeout:
            raise RuntimeError(f"not recorded within {timeout} s: {sorted(wanted - up.records())}")
        time.sleep(0.05)
    return time.monotonic() - started


def phase(code: Path, env: dict[str, str], dossiers: Dossiers, count: int, runs: int) -> tuple[list, list]:
    with Up(code, env) as up:
        time.sleep(SETTLE_SECONDS)
        singles, bursts = [], []
        for _ in range(runs):
            singles.append(drop_and_wait(up, dossiers.take(1)))
            time.sleep(2)
        for _ in range(runs):
            bursts.append(drop_and_wait(up, dossiers.take(count)))
            time.sleep(2)
    return singles, bursts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    dossiers, medians = Dossiers(), {}
    for name, env in PHASES.items():
        singles, bursts = phase(args.code.resolve(), env, dossiers, args.count, args.runs)
        medians[name] = statistics.median(singles), statistics.median(bursts)
        print(f"{name:>11}: 1 DOCX {medians[name][0]:.1f} s (runs {', '.join(f'{s:.1f}' for s in singles)}); "
              f"{args.count} DOCX {medians[name][1]:.1f} s (runs {', '.join(f'{s:.1f}' for s in bursts)})",
              flush=True)
    (one, many), (one_slow, many_slow) = medians["close event"], medians["two looks"]
    print(f"close event vs two looks: 1 DOCX {one_slow / one:.1f}x faster, {args.count} DOCX "
          f"{many_slow / many:.1f}x faster (target: 1 DOCX ≤ 5 s on a local disk)")


if __name__ == "__main__":
    main()
