"""OCR throughput: the same scanned pages (or desk photos) three ways, in one run.

1. the floor: raw `tesseract -l vie`, one process per core, OMP_THREAD_LIMIT=1 (run first and again last);
2. OCRmyPDF `--sidecar -l vie --jobs <cores>` when it is installed;
3. `sangkien process` end to end (Prefect, database, field extraction included).

`--kind desk-photo` runs the same on phone photos of sheets on a desk (samples/gen_photo.py, as bench/photo.py
makes them): the floor reads each whole photo, sangkien finds and flattens the sheet first.

Usage: .venv/bin/python bench/ocr.py [--pages 100] [--kind image|desk-photo]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import generate, summary, timed_process

CORES = os.cpu_count() or 1
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def _pages(inbox: Path) -> list[Path]:
    return sorted(p for p in inbox.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES)


def floor(pages: list[Path]) -> float:
    """Seconds for raw tesseract over `pages`, one single-threaded process per core."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(page: Path) -> None:
        subprocess.run(["tesseract", str(page), "-", "-l", "vie"], env=env, capture_output=True, check=True)

    started = time.monotonic()
    with ThreadPoolExecutor(CORES) as pool:
        list(pool.map(one, pages))
    return time.monotonic() - started


def ocrmypdf(pages: list[Path]) -> float | None:
    """Seconds for OCRmyPDF over the same pages as one PDF (made losslessly by img2pdf, untimed), or None when
    it is not installed."""
    command = shutil.which("ocrmypdf")
    if not command:
        return None
    work = Path(tempfile.mkdtemp(prefix="bench-ocrmypdf-"))
    subprocess.run([*_img2pdf(Path(command)), *map(str, pages), "-o", str(work / "in.pdf")], check=True,
                   capture_output=True)
    started = time.monotonic()
    subprocess.run(["ocrmypdf", "--sidecar", str(work / "out.txt"), "-l", "vie", "--jobs", str(CORES),
                    str(work / "in.pdf"), str(work / "out.pdf")], check=True, capture_output=True)
    return time.monotonic() - started


def _img2pdf(ocrmypdf_command: Path) -> list[str]:
    """img2pdf, OCRmyPDF's own dependency: its command, else its module under the Python OCRmyPDF runs on
    (Debian's package installs the module without the command)."""
    if shutil.which("img2pdf"):
        return ["img2pdf"]
    with open(ocrmypdf_command, encoding="utf-8", errors="replace") as script:
        shebang = script.readline().removeprefix("#!").split()
    return [*shebang, "-m", "img2pdf"]


def _cpu_seconds() -> float:
    """CPU time of every finished child process so far (user + system), grandchildren included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _measured(run: Callable[[], float | None]) -> tuple[float | None, float]:
    """(wall seconds `run` returns, CPU seconds its processes used): the CPU figure barely moves when other work
    shares the machine, the wall figure does."""
    before = _cpu_seconds()
    took = run()
    return took, _cpu_seconds() - before


KINDS = {"image": "scanned pages (generated images, 200–300 DPI)",
         "desk-photo": "desk photos (8 MP phone photos of a sheet on a desk, generated)"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100, help="dossiers to generate (a few have several pages)")
    parser.add_argument("--kind", choices=sorted(KINDS), default="image")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-ocr-"))
    inbox = generate(work, seed=4100, count=args.pages, kinds=args.kind)
    pages = _pages(inbox)
    print(f"{len(pages)} {KINDS[args.kind]} on {CORES} cores")
    outputs: list[str] = []

    def sangkien() -> float:
        seconds, output, _ = timed_process(inbox)
        outputs.append(output)
        return seconds

    # The floor runs first and last: this machine's speed drifts by up to a fifth within minutes (other tenants),
    # so the others are compared with the mean of the two floors, and both are printed.
    rows = [("tesseract floor", *_measured(lambda: floor(pages))), ("OCRmyPDF", *_measured(lambda: ocrmypdf(pages))),
            ("sangkien process", *_measured(sangkien)), ("tesseract floor", *_measured(lambda: floor(pages)))]
    base = (rows[0][1] + rows[-1][1]) / 2
    base_cpu = (rows[0][2] + rows[-1][2]) / 2
    print(f"the floor: mean of its two runs, {base:.1f} s and {base_cpu:.1f} CPU s")
    for name, took, cpu in rows:
        if took is None:
            print(f"{name:18} not installed")
            continue
        print(f"{name:18} {took:7.1f} s  {len(pages) / took * 60:6.1f} pages/min  {base / took:5.2f}× the floor"
              f"  |  CPU {cpu:6.1f} s  {base_cpu / cpu:5.2f}× the floor's pages per CPU second")
    print(f"sangkien: {summary(outputs[0])}")


if __name__ == "__main__":
    main()
