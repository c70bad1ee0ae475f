"""Digital throughput: DOCX and text-PDF dossiers end to end (Prefect and the database included).

Usage: .venv/bin/python bench/digital.py [--count 1000]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import generate, summary, timed_process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-digital-"))
    inbox = generate(work, seed=4200, count=args.count, kinds="docx,pdf-text")
    seconds, output, peak = timed_process(inbox)
    batch = float(summary(output).rsplit("·", 1)[1].split()[0])  # the flow run alone, start-up excluded
    print(f"{args.count} DOCX + text-PDF dossiers: {seconds:.1f} s for the command "
          f"({args.count / seconds:.1f} dossiers/s), {batch:.1f} s in the batch flow "
          f"({args.count / batch:.1f} dossiers/s sustained; target ≥ 20), peak RSS {peak:.0f} MB")
    print(f"sangkien: {summary(output)}")


if __name__ == "__main__":
    main()
