"""Tables printed by the CLI: the records of a batch, its summary, and the evaluation."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from pipeline.evaluate import EVAL_FIELDS, Report

console = Console()


def _money(amount: int | None) -> str:
    return f"{amount:,}".replace(",", ".") if amount is not None else ""


def records_table(rows: list[dict]) -> Table:
    table = Table(title="Hồ sơ sáng kiến / Records", show_lines=False)
    for col in ("Hồ sơ", "Trạng thái", "Tên sáng kiến", "Tác giả", "Đơn vị", "Lĩnh vực", "Áp dụng", "Làm lợi (đ)",
                "Tin cậy"):
        table.add_column(col, overflow="fold")
    for row in rows:
        record = row["record"] or {}
        status = row["status"] if row["status"] != "failed" else "[red]failed[/red]"
        title = row["title"] or ((record.get("error") or {}).get("message") if row["status"] == "failed" else "")
        confidence = f"{row['min_confidence']:.2f}" if row["min_confidence"] is not None else ""
        table.add_row(row["name"], status, (title or "")[:70], row["lead_author"] or "", (row["unit"] or "")[:40],
                      row["sector_code"] or "", row["first_applied"] or "", _money(row["amount_vnd"]), confidence)
    return table


def summary_line(kinds: Counter, seconds: float) -> str:
    return (f"processed {kinds['processed']} · failed {kinds['failed']} · duplicates {kinds['duplicate']} "
            f"· {seconds:.1f} s")


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
    parts = []
    for band in ("high", "low"):
        tally = report.bands[band]
        if tally.total:
            parts.append(f"confidence {band} (≥ 0.8)" if band == "high" else "confidence low (< 0.8)")
            parts[-1] += f": {tally.accuracy:.2f} accurate over {tally.total} fields"
    return "; ".join(parts)
