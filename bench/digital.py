"""Digital throughput: DOCX and text-PDF dossiers end to end (Prefect and the database included).

Usage: .venv/bin/python bench/digital.py [--count 1000]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import generate, size_argument, summary, timed_process


def main() -> None:
    count = size_argument(__doc__, "count", 1000)
    work = Path(tempfile.mkdtemp(prefix="bench-digital-"))
    inbox = generate(work, seed=4200, count=count, kinds="docx,pdf-text")
    seconds, output, peak = timed_process(inbox)
    batch = float(summary(output).rsplit("·", 1)[1].split()[0])  # the flow run alone, start-up excluded
    print(f"{count} DOCX + text-PDF dossiers: {seconds:.1f} s for the command "
          f"({count / seconds:.1f} dossiers/s), {batch:.1f} s in the batch flow "
          f"({count / batch:.1f} dossiers/s sustained; target ≥ 20), peak RSS {peak:.0f} MB")
    print(f"sangkien: {summary(output)}")


if __name__ == "__main__":
    main()
