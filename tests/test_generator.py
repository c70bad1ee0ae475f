"""The sample generator: same seed, same bytes; `--vary` rewords forms while the ground truth stays right."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest

from samples.gen_wording import DAY_LABELS, LABELS, MONEY_LABELS
from samples.generate import generate, prepare, truth_record, write_planned

DEMO = Path(__file__).resolve().parents[1] / "samples" / "demo"
KINDS = ("docx", "pdf-text")
VARY_SEED, VARY_COUNT = 4711, 12


def _files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _docx_text(path: Path) -> str:
    """Paragraphs and table rows (cells joined by ' | ') in document order."""
    body = docx.Document(path).element.body
    lines = []
    for child in body.iterchildren():
        rows = [child] if child.tag.endswith("}p") else [el for el in child.iter() if el.tag.endswith("}tr")]
        for row in rows:
            cells = [el for el in row if el.tag.endswith("}tc")] or [row]
            lines.append(" | ".join("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                                    for cell in cells))
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def _flat(text: str) -> str:
    """Whitespace collapsed to single spaces, so wrapped lines and joined title lines compare equal."""
    return re.sub(r"\s+", " ", text).strip()


def _labels(text: str) -> set[str]:
    """The labels of key-value lines ('Lĩnh vực áp dụng sáng kiến: …' gives 'lĩnh vực áp dụng sáng kiến')."""
    found = set()
    for line in text.splitlines():
        head, colon, _ = line.partition(":")
        if colon and 2 < len(head) < 90 and "|" not in head:
            found.add(re.sub(r"^(?:[0-9]+\.|[a-zđ]\.|-)\s*|\d+$", "", head.strip().lower()).strip())
    return found


@pytest.fixture(scope="module")
def sets(tmp_path_factory) -> dict[str, tuple[Path, list[dict]]]:
    """One seeded docx/pdf-text set with the default wording and one with --vary."""
    out = {}
    for name, vary in (("plain", False), ("vary", True)):
        root = tmp_path_factory.mktemp(name)
        out[name] = root, generate(VARY_SEED, VARY_COUNT, root, KINDS, vary=vary)
    return out


def _text(root: Path, record: dict) -> str:
    path = root / "inbox" / record["source"]
    return _docx_text(path) if record["kind"] == "docx" else _pdf_text(path)


def test_same_seed_same_bytes(tmp_path):
    for vary in (False, True):
        first, second = tmp_path / f"a{vary}", tmp_path / f"b{vary}"
        generate(5, 3, first, KINDS, vary=vary)
        generate(5, 3, second, KINDS, vary=vary, jobs=2)
        assert _files(first) == _files(second)


def test_default_wording_still_writes_the_committed_demo(tmp_path):
    """Without --vary nothing changed: the demo's truth, and its Word and text-PDF files byte for byte (the raster
    kinds are left out to stay fast; `generate.py --demo` regenerates all of them)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    committed = [json.loads(line) for line in (DEMO / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    jobs = prepare(20261121, 12, inbox, demo=True)
    assert [truth_record(job, record["source"]) for job, record in zip(jobs, committed)] == committed
    written = [write_planned(job) for job in jobs if job[2].kind in KINDS]
    assert len(written) == 4
    for name in written:
        assert (inbox / name).read_bytes() == (DEMO / "inbox" / name).read_bytes(), name


def test_pools_differ_from_their_default():
    for pools in (LABELS, MONEY_LABELS, DAY_LABELS):
        for default, alternatives in pools.items():
            assert alternatives and default not in alternatives, default  # capitals count as other wording
            assert len(set(alternatives)) == len(alternatives), default


def test_vary_keeps_the_facts_and_changes_the_wording(sets):
    plain_root, plain = sets["plain"]
    vary_root, varied = sets["vary"]
    def plan(records):  # names are never respelled, titles may be ('quản lý' -> 'quản lí')
        return [(r["kind"], r["variant"], [a["name"] for a in r["authors"]]) for r in records]

    assert plan(plain) == plan(varied)
    plain_labels = set().union(*(_labels(_text(plain_root, r)) for r in plain))
    vary_labels = set().union(*(_labels(_text(vary_root, r)) for r in varied))
    assert len(vary_labels - plain_labels) >= 15, sorted(vary_labels - plain_labels)
    changed = sum(_text(plain_root, p) != _text(vary_root, v) for p, v in zip(plain, varied))
    assert changed == len(plain)


def test_vary_truth_is_written_in_the_documents(sets):
    root, records = sets["vary"]
    assert records == [json.loads(line) for line in (root / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in records:
        raw = _text(root, record)
        text = _flat(raw)
        where = record["source"]
        assert _flat(record["title"]) in text, where
        assert record["sector"]["raw"] in text, where
        assert ("Kính gửi" in raw) == (record["addressee"] is not None), where
        if record["addressee"]:
            assert re.search(r"Kính gửi\d?: " + re.escape(record["addressee"]), text), where
        if record["kind"] != "docx":  # PDF table cells wrap into each other's lines: check people in Word files
            continue
        for author in record["authors"]:
            assert author["name"] in text, where
            for field in ("position", "qualification", "workplace"):
                if author[field] is not None:
                    assert author[field] in text, (where, field)
    dropped = [r["source"] for r in records if r["authors"][0]["position"] is None]
    assert dropped, "no dossier of the set left out the lead author's position"
    assert all(r["authors"][0]["position"] for r in sets["plain"][1])
