"""Peak memory while `sangkien process` reads one 60-page scanned PDF.

Measured as the largest resident set size of any process in the command's tree (getrusage RUSAGE_CHILDREN
`ru_maxrss` in a wrapper process that runs only the command; the pages live in the largest process).
Usage: .venv/bin/python bench/memory.py [--pages 60]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import generate, size_argument, summary, timed_process
from PIL import Image


def scanned_pdf(out: Path, pages: int) -> Path:
    """One image-only PDF of `pages` pages, made from generated scans."""
    inbox = generate(out / "src", seed=4300, count=pages, kinds="image")
    images = [Image.open(p).convert("L") for p in sorted(inbox.rglob("*")) if p.is_file()][:pages]
    target = out / "inbox" / "ho-so-60-trang.pdf"
    target.parent.mkdir(parents=True)
    images[0].save(target, "PDF", resolution=200, save_all=True, append_images=images[1:])
    return target.parent


def main() -> None:
    pages = size_argument(__doc__, "pages", 60)
    inbox = scanned_pdf(Path(tempfile.mkdtemp(prefix="bench-memory-")), pages)
    seconds, output, peak_mb = timed_process(inbox)
    print(f"{pages}-page scanned PDF: {seconds:.1f} s, peak RSS of the largest process {peak_mb:.0f} MB "
          f"(target ≤ 600 MB)")
    print(f"sangkien: {summary(output)}")


if __name__ == "__main__":
    main()
