"""Rebuild the local texts of GitHub-sourced real cases from fetched repository snapshots.

For each case whose `source` names a repo, path and commit, the file is taken from the snapshot's git directory
(`$SANGKIEN_MIRROR_DIR/<owner>+<name>/repo`, default /work/.mirror) and written to $SANGKIEN_REAL_DIR as
`<id>.docx|.pdf|.doc` (the original) and, for DOCX and PDF, converted to `<id>.txt` in the case markup. Other
sources (a script that builds a dossier, a SQL dump, a web page) need their text transcribed by hand; they are listed.
An existing `<id>.txt` is kept (it may carry hand fixes) unless --force.

    python bench/real_fetch.py [--cases g01,g02] [--force]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.table import Table  # noqa: E402
from docx.text.paragraph import Paragraph  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from bench.real import load_cases, real_dir  # noqa: E402

ORIGINALS = (".docx", ".pdf", ".doc")


def mirror_dir() -> Path:
    return Path(os.environ.get("SANGKIEN_MIRROR_DIR", "/work/.mirror"))


def git_file(repo: str, path: str, commit: str) -> bytes:
    """The file's bytes at `commit` in the fetched snapshot of `repo`."""
    git_dir = mirror_dir() / repo.replace("/", "+") / "repo"
    if not git_dir.exists():
        raise FileNotFoundError(f"{repo} is not fetched ({git_dir} missing): fetch github:{repo} first")
    return subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], check=True,
                          capture_output=True).stdout


# ------------------------------------------------------------------------------------------------ DOCX


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _centred(paragraph: Paragraph) -> bool:
    alignment = paragraph.alignment
    if alignment is None and paragraph.style is not None:
        alignment = paragraph.style.paragraph_format.alignment
    return alignment == WD_ALIGN_PARAGRAPH.CENTER


def _page_break(paragraph: Paragraph) -> bool:
    return any(br.get(qn("w:type")) == "page" for br in paragraph._p.iter(qn("w:br")))


def _bordered(table: Table) -> bool:
    """Whether the table draws lines: a named grid style or explicit borders that are not 'none'."""
    if table.style is not None and "grid" in (table.style.name or "").lower():
        return True
    borders = table._tbl.tblPr.find(qn("w:tblBorders")) if table._tbl.tblPr is not None else None
    return borders is not None and any(b.get(qn("w:val")) not in ("nil", "none") for b in borders)


def _cell_text(cell) -> str:
    return " // ".join(t for t in (_one_line(p.text) for p in cell.paragraphs) if t)


def _table_lines(table: Table) -> list[str]:
    bordered = _bordered(table)
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell is repeated once per grid column it spans
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell))
        if not any(cells):
            continue
        lines.append("| " + " | ".join(cells) + " |" if bordered else ":: " + " :: ".join(cells))
    return lines


def docx_markup(data: bytes) -> str:
    """A Word file's body in reading order: paragraphs, tables (bordered or not), page breaks."""
    doc = Document(io.BytesIO(data))
    lines = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, doc)
            text = _one_line(paragraph.text)
            if text:
                lines.append(("^ " if _centred(paragraph) else "") + text)
            if _page_break(paragraph):
                lines.append("===")
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_lines(Table(child, doc)))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------ PDF


def pdf_markup(data: bytes) -> str:
    """A text PDF's lines (pypdf), pages separated by `===`; tables and centring need a hand pass."""
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    return "\n===\n".join("\n".join(_one_line(line) for line in page.splitlines() if line.strip())
                          for page in pages) + "\n"


CONVERTERS = {".docx": docx_markup, ".pdf": pdf_markup}


def rebuild(case: dict, out: Path, force: bool) -> str:
    """Write one case's original and text; returns what was done, for the listing."""
    source = case["source"]
    if "repo" not in source:
        return "web page: save its text by hand"
    suffix = Path(source["path"]).suffix.lower()
    data = git_file(source["repo"], source["path"], source["commit"])
    if suffix in ORIGINALS:
        (out / f"{case['id']}{suffix}").write_bytes(data)
    text = out / f"{case['id']}.txt"
    if suffix not in CONVERTERS:
        return "original written; transcribe the text by hand" if suffix in ORIGINALS else \
            f"{suffix or 'file'} source: transcribe the text by hand (see the case's notes)"
    if text.exists() and not force:
        return "original written; text kept (--force to convert again)"
    text.write_text(CONVERTERS[suffix](data), encoding="utf-8")
    return "original and text written; check the text by hand"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", help="comma-separated case ids (default: all)")
    parser.add_argument("--force", action="store_true", help="convert again over an existing <id>.txt")
    args = parser.parse_args()
    out = real_dir()
    out.mkdir(parents=True, exist_ok=True)
    wanted = set(args.cases.split(",")) if args.cases else None
    for case in load_cases():
        if wanted and case["id"] not in wanted:
            continue
        try:
            done = rebuild(case, out, args.force)
        except (FileNotFoundError, subprocess.CalledProcessError) as err:
            done = f"failed: {err}"
        print(f"{case['id']:<24} {done}")


if __name__ == "__main__":
    main()
