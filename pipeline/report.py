"""Tables printed by the CLI: the records of a batch, its summary, and the evaluation."""

from __future__ import annotations

import sys
from collections import Counter

from rich import box
from rich.console import Console
from rich.table import Table

from pipeline.evaluate import EVAL_FIELDS, Report

# Logs and CI have no terminal: print wide enough to read a record per line there.
console = Console(width=None if sys.stdout.isatty() else 160)


def _money(amount: int | None) -> str:
    return f"{amount:,}".replace(",", ".") if amount is not None else ""


# (header, fixed width or None, share of the remaining width): long texts share what the terminal has left.
_COLUMNS = (("Hồ sơ", None, 2), ("Trạng thái", 12, None), ("Tên sáng kiến / lỗi", None, 4), ("Tác giả", None, 2),
            ("Lĩnh vực", 10, None), ("Áp dụng", 10, None), ("Làm lợi (đ)", 13, None), ("Tin cậy", 7, None))


def records_table(rows: list[dict]) -> Table:
    """One line per record; a failed record shows its reason where the title would be."""
    table = Table(title="Hồ sơ sáng kiến / Records", expand=True, box=box.SIMPLE_HEAD, pad_edge=False)
    for header, width, ratio in _COLUMNS:
        table.add_column(header, width=width, ratio=ratio, no_wrap=True, overflow="ellipsis")
    for row in rows:
        record = row["record"] or {}
        failed = row["status"] == "failed"
        title = (record.get("error") or {}).get("message") if failed else row["title"]
        confidence = f"{row['min_confidence']:.2f}" if row["min_confidence"] is not None else ""
        table.add_row(row["name"], "[red]failed[/red]" if failed else row["status"], title or "",
                      row["lead_author"] or "", row["sector_code"] or "", row["first_applied"] or "",
                      _money(row["amount_vnd"]), confidence)
    return table


def runs_table(rows: list[dict], limit: int) -> Table:
    """Recent batches (flow runs), newest first, with how their dossiers ended."""
    runs: dict[str, dict] = {}
    for row in rows:
        run = runs.setdefault(row["flow_run_id"] or "-", {"started": row["created_at"], "counts": Counter()})
        run["started"] = min(run["started"], row["created_at"])
        run["counts"][row["status"]] += 1
    table = Table(title="Các lượt xử lý gần đây / Recent flow runs", box=box.SIMPLE_HEAD)
    for column in ("Flow run", "Bắt đầu", "Hồ sơ", "Lỗi"):
        table.add_column(column)
    for run_id, run in sorted(runs.items(), key=lambda item: item[1]["started"], reverse=True)[:limit]:
        table.add_row(run_id, f"{run['started']:%d/%m/%Y %H:%M}", str(sum(run["counts"].values())),
                      str(run["counts"]["failed"]))
    return table


def failed_table(rows: list[dict]) -> Table:
    """Failed dossiers: what went wrong, in the words the secretary reads, and where the files are."""
    table = Table(title="Hồ sơ lỗi / Failed dossiers", box=box.SIMPLE_HEAD, show_lines=True)
    for column, ratio in (("Hồ sơ", 2), ("Loại lỗi", 1), ("Lý do", 5), ("Tệp gốc ở", 3)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for row in rows:
        table.add_row(row["source"], row["error_kind"] or "", row["error_message"] or "", row["location"] or "")
    return table


def summary_line(kinds: Counter, seconds: float) -> str:
    return (f"processed {kinds['processed']} · failed {kinds['failed']} · duplicates {kinds['duplicate']} "
            f"· already recorded {kinds['known']} · {seconds:.1f} s")


def eval_table(report: Report) -> Table:
    table = Table(title="Per-field accuracy (right/total)")
    table.add_column("kind")
    for name in (*EVAL_FIELDS, "overall"):
        table.add_column(name, justify="right")
    for kind in report.kinds():
        cells = []
        for name in (*EVAL_FIELDS, "overall"):
            tally = report.cells[(kind, name)]
            cells.append(f"{tally.accuracy:.2f} ({tally.right}/{tally.total})" if tally.total else "")
        table.add_row(kind, *cells)
    return table


def bands_line(report: Report) -> str:
    """Calibration: how often fields are wrong with confidence ≥ 0.8 and < 0.8, and the ratio of the two."""
    high, low = report.bands["high"], report.bands["low"]

    def wrong(tally) -> float | None:
        return 1 - tally.accuracy if tally.total else None

    parts = [f"confidence ≥ 0.8: {high.total} fields, {wrong(high) or 0:.1%} wrong",
             f"confidence < 0.8: {low.total} fields, {wrong(low) or 0:.1%} wrong"]
    if wrong(high) and wrong(low) is not None:
        parts.append(f"low band wrong {wrong(low) / wrong(high):.1f}× as often as high band")
    elif low.total and wrong(low):
        parts.append("no wrong field in the high band")
    return "; ".join(parts)
