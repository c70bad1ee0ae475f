"""Where an inbox entry goes once its dossier is decided. Originals are moved, never changed or deleted.

- processed → `<home>/archive/<yyyy-mm>/<fingerprint[:12]> <name>` (a rename when on the same disk: byte-identical);
- failed or a duplicate → `<inbox>/_loi/<name>`, with `<name>.ly-do.txt` beside it telling the secretary, in
  Vietnamese, what is wrong and what to do.
With `keep_inbox` (read-only shares) nothing moves: the record still says where the files are.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from pipeline.inbox import FAILED_FOLDER, Entry

REASON_SUFFIX = ".ly-do.txt"


def free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `folder/name (2)` … when that is taken, keeping the extension."""
    candidate, stem, suffix = folder / name, Path(name).stem, Path(name).suffix
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate


def _move(entry: Entry, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(entry.path), str(target))  # rename on one disk; copy-then-delete across disks
    return target


def archive(entry: Entry, archive_root: Path, fingerprint: str) -> Path:
    """Move a processed entry into the archive; returns where it is now."""
    folder = archive_root / datetime.now().strftime("%Y-%m")
    return _move(entry, free_name(folder, f"{fingerprint[:12]} {entry.source}"))


# What the secretary can do next: a failed file is fixed and dropped again; a duplicate is not broken at all.
FAILURE_ADVICE = ("Sau khi sửa, hãy chép hồ sơ trở lại thư mục nhận hồ sơ (bên ngoài thư mục _loi) để hệ thống xử lý "
                  "lại,\nhoặc báo quản trị viên chạy lệnh: sangkien rerun \"{name}\"\n")
DUPLICATE_ADVICE = ("Tệp không hỏng và không cần sửa: hồ sơ gốc đã có trên trang duyệt hồ sơ.\n"
                    "Nếu đây là một hồ sơ khác bị chép nhầm tệp, hãy chép đúng tệp vào thư mục nhận hồ sơ.\n")


def reject(entry: Entry, inbox: Path, reason_vi: str, advice: str = FAILURE_ADVICE) -> Path:
    """Move a failed or duplicate entry into the inbox's `_loi` folder with the reason and what to do beside it (a
    rerun's entry already there stays where it is, with its new reason)."""
    folder = inbox / FAILED_FOLDER
    target = entry.path if entry.path.parent == folder else _move(entry, free_name(folder, entry.source))
    note = target.with_name(target.name + REASON_SUFFIX)
    note.write_text(
        f"Hồ sơ: {entry.source}\n"
        f"Thời gian: {datetime.now():%d/%m/%Y %H:%M}\n\n"
        f"{reason_vi}\n\n"
        + advice.format(name=entry.name),
        encoding="utf-8")
    return target
