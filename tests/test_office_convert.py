"""Legacy .doc and .odt read through LibreOffice: real files made in the test, read back with `read_file`.

The .doc and .odt are made once per session from a python-docx document by LibreOffice itself, so the test
reads what Word 97–2003 and OpenDocument really store, not a fixture someone once saved.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest

from extractors.errors import DossierError, FailureKind
from extractors.reading.office_convert import PACKAGE, read_office
from extractors.reading.read import read_file

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (scripts/setup.sh does)")

TITLE = "Ứng dụng chuyển đổi số trong quản lý hồ sơ học sinh"
ROWS = (("Họ và tên", "Nơi công tác", "Tỷ lệ đóng góp"),
        ("Nguyễn Thị Hương", "Trường THPT Lê Quý Đôn", "100%"))


@pytest.fixture(scope="session")
def legacy_files(tmp_path_factory) -> dict[str, Path]:
    """A .doc and an .odt holding a Vietnamese title and an authors table, converted by LibreOffice from .docx."""
    folder = tmp_path_factory.mktemp("legacy")
    source = folder / "don.docx"
    document = docx.Document()
    document.add_paragraph("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN")
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for row, values in enumerate(ROWS):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    document.add_paragraph(f"Tên sáng kiến: {TITLE}")
    document.save(source)
    made = {}
    for target in ("doc", "odt"):
        profile = (folder / f"profile-{target}").as_uri()
        subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                        "--convert-to", target, "--outdir", str(folder), str(source)],
                       check=True, capture_output=True, timeout=120)
        made[target] = folder / f"don.{target}"
    assert made["doc"].read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # a real OLE2 Word 97 file
    return made


def _assert_form(document, name: str) -> None:
    assert document.file == name
    assert all(page.file == name for page in document.pages)  # provenance names the original, not the .docx copy
    assert "ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN" in document.text
    assert f"Tên sáng kiến: {TITLE}" in document.text
    rows = [line.cells for page in document.pages for line in page.lines if line.cells]
    assert rows == [tuple(row) for row in ROWS]
    assert document.text == unicodedata.normalize("NFC", document.text)


@needs_libreoffice
@pytest.mark.parametrize("suffix", ["doc", "odt"])
def test_legacy_word_reads_text_and_table_cells(legacy_files, suffix: str) -> None:
    started = time.perf_counter()
    document = read_file(legacy_files[suffix], f"ho-so/don.{suffix}")
    print(f"{suffix}: converted and read in {time.perf_counter() - started:.2f} s")
    _assert_form(document, f"ho-so/don.{suffix}")


@needs_libreoffice
def test_parallel_conversions_each_get_their_own_profile(legacy_files) -> None:
    jobs = [(legacy_files["doc"], "a.doc"), (legacy_files["odt"], "b.odt"), (legacy_files["doc"], "c.doc")]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        documents = list(pool.map(lambda job: read_file(*job), jobs))
    for document, (_, name) in zip(documents, jobs):
        _assert_form(document, name)


@needs_libreoffice
def test_hostile_file_name_is_read_without_a_shell(legacy_files, tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "-Bản mô tả $(touch pwned) \"x\" 'y'; `id` %20 #1.doc")
    path = tmp_path / name
    shutil.copyfile(legacy_files["doc"], path)
    document = read_file(path, name)
    _assert_form(document, unicodedata.normalize("NFC", name))
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


@needs_libreoffice
def test_broken_doc_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "ban-cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))  # OLE2 magic, nothing inside
    with pytest.raises(DossierError) as caught:
        read_file(path, path.name)
    assert caught.value.kind is FailureKind.bad_input
    assert "ban-cu.doc" in caught.value.message_vi


def test_odt_that_is_not_a_zip_is_bad_input_before_conversion(tmp_path: Path) -> None:
    path = tmp_path / "mo-ta.odt"
    path.write_bytes(b"%PDF-1.4\n" + bytes(100))
    with pytest.raises(DossierError) as caught:
        read_file(path, path.name)
    assert caught.value.kind is FailureKind.bad_input
    assert "PDF" in caught.value.message_vi


def test_without_libreoffice_the_failure_says_what_to_install(tmp_path: Path) -> None:
    # The real missing-program case: the converter runs in a process whose PATH holds no soffice.
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    path = tmp_path / "don.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    script = ("import json, sys\nfrom extractors.errors import DossierError\n"
              "from extractors.reading.read import read_file\n"
              "try:\n    read_file(sys.argv[1], 'don.doc')\nexcept DossierError as exc:\n"
              "    print(json.dumps({'kind': exc.kind.name, 'message': exc.user_message}))\n")
    result = subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, env={"PATH": str(empty)},
                            capture_output=True, text=True, timeout=120, check=True)
    failure = json.loads(result.stdout)
    assert failure["kind"] == FailureKind.missing_dependency.name
    assert PACKAGE in failure["message"] and "LibreOffice" in failure["message"]
    assert "sangkien rerun --failed" in failure["message"]


@needs_libreoffice
def test_timeout_kills_libreoffice_and_removes_its_folder(legacy_files, tmp_path: Path, monkeypatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where the converter makes its private folder
    with pytest.raises(DossierError) as caught:
        read_office(legacy_files["doc"], "don.doc", timeout=0.2)
    assert caught.value.kind is FailureKind.timeout and caught.value.kind.retryable
    assert list(scratch.iterdir()) == []
    assert not _processes_mentioning(str(scratch))  # soffice.bin went with its script: the group was killed


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        if text in args:
            found.append(args)
    return found
