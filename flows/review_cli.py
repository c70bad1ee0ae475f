"""`sangkien review`: a reviewer's actions from the command line — correct a field, approve, return — through the
same library functions as the web page (pipeline.review for the change and its audit trail,
pipeline.web.corrections for reading a typed value), so both refuse and record alike.

Each action is taken on the dossier as it is now (its current version); a decided dossier refuses corrections and
other decisions until someone reopens it on the page.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable

import typer

from extractors.fields.ruleset import sectors
from extractors.record import FIELDS
from pipeline.config import load_settings
from pipeline.rerun import select
from pipeline.review import Refused, Reviews
from pipeline.store import Store
from pipeline.web import corrections

review_app = typer.Typer(help="Duyệt hồ sơ từ dòng lệnh / review from the command line: correct, approve, return.",
                         no_args_is_help=True)

DOSSIER = typer.Argument(..., help="The dossier's name as exported (or its entry name, or a fingerprint prefix).")
USER = typer.Option(None, "--user", help="Who acts, for the audit trail (default: the system user).")
EXIT_REFUSED = 1


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_REFUSED)


def _act(dossier: str, user: str | None, action: Callable[[Reviews, dict, str, str], str]) -> None:
    """Run `action(reviews, row, version, user)` on the one dossier named; print what it says, or why not."""
    store = Store.shared(load_settings().database_url)
    rows = select(store, [dossier], failed=False)
    if not rows:
        _fail(f"Không có hồ sơ “{dossier}” / no such dossier: {dossier}")
    if len(rows) > 1:
        names = ", ".join(sorted(row["name"] for row in rows))
        _fail(f"“{dossier}” khớp nhiều hồ sơ / matches several dossiers: {names}")
    reviews = Reviews(store)
    row = rows[0]
    try:
        typer.echo(action(reviews, row, reviews.version(row), user or getpass.getuser()))
    except (Refused, ValueError) as exc:
        _fail(str(exc))


def _typed(field: str, value: str) -> str:
    """The value as the page's box takes it: authors one a line (here `;`-separated)."""
    return "\n".join(part.strip() for part in value.split(";")) if field == "authors" else value


@review_app.command()
def correct(dossier: str = DOSSIER,
            field: str = typer.Argument(..., help=f"One of: {', '.join(FIELDS)}."),
            value: str = typer.Argument(..., help="The right value: authors `;`-separated (lead first, or "
                                                  "\"không rõ\"), sector a taxonomy code, dates dd/mm/yyyy, money "
                                                  "in đồng."),
            user: str = USER) -> None:
    """Correct one field. Example: sangkien review correct "hs-008" unit "Trường THCS Lê Lợi" --user lan"""
    if field not in FIELDS:
        _fail(f"Không có trường “{field}” / unknown field; one of: {', '.join(FIELDS)}")
    if field == "sector" and value.strip() not in {s.code for s in sectors().sectors}:
        _fail(f"Không có lĩnh vực “{value}” / unknown sector code; one of: "
              f"{', '.join(s.code for s in sectors().sectors)}")

    def change(reviews: Reviews, row: dict, version: str, username: str) -> str:
        new = corrections.parse(field, _typed(field, value), row["record"] or {})
        changed = reviews.correct(row["fingerprint"], field, new, username, version)
        return f"Đã sửa {field} / corrected" if changed else f"{field} đã có giá trị này / unchanged"

    _act(dossier, user, change)


@review_app.command()
def approve(dossier: str = DOSSIER,
            comment: str = typer.Option(None, help="A note kept with the decision."),
            user: str = USER) -> None:
    """Approve a dossier. Example: sangkien review approve "hs-008" --user lan"""
    _act(dossier, user, lambda reviews, row, version, username: (
        reviews.decide(row["fingerprint"], "approved", comment, username, version) or "Đã duyệt / approved"))


@review_app.command("return")
def return_(dossier: str = DOSSIER,
            reason: str = typer.Option(..., "--reason", help="Why, for the author (required)."),
            user: str = USER) -> None:
    """Return a dossier to its author with a reason. Example: sangkien review return "hs-008" --reason "Thiếu …\""""
    if not reason.strip():
        _fail("Cần ghi lý do trả lại / a reason is required")
    _act(dossier, user, lambda reviews, row, version, username: (
        reviews.decide(row["fingerprint"], "returned", reason.strip(), username, version) or "Đã trả lại / returned"))
