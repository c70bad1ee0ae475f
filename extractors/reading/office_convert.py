"""Legacy Word (.doc) and OpenDocument (.odt) files: converted to .docx by LibreOffice headless, then read as .docx.

Each call gets its own LibreOffice profile (`-env:UserInstallation`): two conversions sharing one profile fail
silently, and the pipeline converts in parallel. The input is copied under a fixed safe name first, because
LibreOffice reads a leading "-" as an option and treats some names as URLs; no shell is ever involved.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extractors.errors import DossierError, FailureKind
from extractors.model import Document
from extractors.reading.docx_reader import read_docx
from extractors.reading.ocr import OcrPages

PACKAGE = "libreoffice-writer-nogui"  # the smallest Debian/Ubuntu package that converts Writer documents
DEFAULT_TIMEOUT = 120  # seconds; a normal dossier converts in 1–3 s, a fresh profile included
_PROGRAMS = ("soffice", "libreoffice")


def read_office(path: str | Path, name: str, *, ocr: OcrPages | None = None, timeout: float = DEFAULT_TIMEOUT,
                ) -> Document:
    """Read a .doc or .odt file into a `Document` whose provenance names the original file, not the conversion."""
    with convert_to_docx(path, name, timeout=timeout) as converted:
        return read_docx(converted, name)


@contextmanager
def convert_to_docx(path: str | Path, name: str, *, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Path]:
    """Convert `path` to .docx in a private temporary folder; yields the .docx path, removes the folder after."""
    program = find_soffice()
    suffix = (Path(path).suffix or Path(name).suffix).lower()
    with tempfile.TemporaryDirectory(prefix="sangkien-lo-", ignore_cleanup_errors=True) as work:
        work_dir = Path(work)
        source = work_dir / f"input{suffix}"
        shutil.copyfile(path, source)
        outdir = work_dir / "out"
        command = [program, "--headless", "--norestore",
                   f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
                   "--convert-to", "docx", "--outdir", str(outdir), str(source)]
        output = _run(command, name, timeout)
        converted = outdir / "input.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise DossierError(
                FailureKind.bad_input,
                f"Không mở được tệp “{name}”: tệp {suffix} bị hỏng hoặc không phải tài liệu Word/OpenDocument thật.",
                f"{name}: LibreOffice produced no .docx ({output.strip()[-300:] or 'no message'})")
        yield converted


def find_soffice() -> str:
    """The LibreOffice program on PATH, or a `missing_dependency` failure telling the admin what to install."""
    for program in _PROGRAMS:
        found = shutil.which(program)
        if found:
            return found
    raise DossierError(
        FailureKind.missing_dependency,
        f"Máy xử lý chưa cài LibreOffice nên không đọc được tệp .doc/.odt. Quản trị viên cần cài gói “{PACKAGE}” "
        f"(sudo apt-get install --no-install-recommends {PACKAGE}, hoặc chạy lại scripts/setup.sh) "
        "rồi chạy “sangkien rerun --failed”.",
        f"LibreOffice not found on PATH (tried {', '.join(_PROGRAMS)}); install {PACKAGE}")


def _run(command: list[str], name: str, timeout: float) -> str:
    """Run LibreOffice; on timeout kill its whole process group (soffice is a script that starts soffice.bin)."""
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, errors="replace", start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise DossierError(FailureKind.timeout,
                           f"Chuyển đổi tệp “{name}” bằng LibreOffice quá {timeout:g} giây.",
                           f"{name}: LibreOffice conversion timed out after {timeout:g} s") from None
    lines = f"{stdout}\n{stderr}".splitlines()
    return "\n".join(line for line in lines if "javaldx" not in line)  # a harmless warning on every run without Java


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the group is ours alone: start_new_session made it
    except ProcessLookupError:
        pass
    process.communicate()
