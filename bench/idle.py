"""CPU an idle `sangkien up` burns: an empty inbox, measured over `--seconds` from /proc (user + system time of
the whole process tree: the command, its Prefect server, and any flow-run process it started and reaped).

Usage: .venv/bin/python bench/idle.py [--seconds 60] [--code CHECKOUT]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from up_run import ROOT, Up

SETTLE_SECONDS = 20  # start-up work (migrations, the first scan) is not idling


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    with Up(args.code.resolve()) as up:
        time.sleep(SETTLE_SECONDS)
        (own, reaped), started = up.tree_cpu_seconds(), time.monotonic()
        time.sleep(args.seconds)
        (own_after, reaped_after), wall = up.tree_cpu_seconds(), time.monotonic() - started
    own, reaped = own_after - own, reaped_after - reaped
    print(f"idle sangkien up: {own + reaped:.2f} CPU s in {wall:.0f} s = {100 * (own + reaped) / wall:.2f} % of one "
          f"core (target < 1 %); live processes {100 * own / wall:.2f} %, flow-run processes that ended "
          f"{100 * reaped / wall:.2f} %")


if __name__ == "__main__":
    main()
