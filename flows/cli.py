"""The `sangkien` command. Each command parses its options and calls the library function of the same idea.

Prefect is imported only inside the commands that run flows, after `apply_prefect_env` has pointed its home
into ours: `--help` stays fast and two homes never share Prefect state.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections import Counter
from enum import Enum
from pathlib import Path

import typer

from flows.prefect_api import connect
from flows.review_cli import review_app
from pipeline.config import BatchSpec, Settings, apply_prefect_env, load_settings, log_to_home
from pipeline.store import Store

app = typer.Typer(help="sangkien: đọc hồ sơ sáng kiến thành bản ghi / read initiative dossiers into records.",
                  no_args_is_help=True, add_completion=False)
EXIT_CANNOT_RUN = 3


def _settings() -> Settings:
    settings = load_settings()
    apply_prefect_env(settings)
    log_to_home(settings)
    return settings


def _run_batch(settings: Settings, spec: BatchSpec, workers: int, paths: list[str] | None = None,
               reruns: dict[str, str] | None = None, deployment=None) -> tuple[list, float]:
    """Run one batch flow with a progress bar; returns the outcomes and the seconds the flow took (start-up aside).
    With `deployment` (the ingest deployment of a running `sangkien up`) the batch is a run of it, run here.

    This command's Prefect API (`flows.prefect_api.connect`) is chosen before flows and extractors import, so a
    temporary server boots meanwhile; it is stopped when the command exits, and by the kernel if the command dies.
    """
    api = connect(settings)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from flows.batch import on_outcome, read_ahead, run_batch
    from pipeline.inbox import discover

    entries = [] if paths or reruns else discover(Path(spec.inbox))
    total = len(paths or []) + len(reruns or {}) or len(entries)
    if api.temporary is not None:
        booted = threading.Event()  # while the server boots, files that need OCR are read ahead
        if entries:
            threading.Thread(target=read_ahead, args=(entries, Store.shared(spec.database_url), booted),
                             name="read-ahead", daemon=True).start()
        api.wait()
        booted.set()
    started = time.monotonic()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # Redrawn twice a second, not ten times: the redrawing took 4 % of a scanned batch's CPU (py-spy).
    with Progress(*columns, transient=False, refresh_per_second=2) as progress:
        bar = progress.add_task("Đang xử lý hồ sơ", total=total)
        with on_outcome(lambda _: progress.advance(bar)):
            outcomes = run_batch(spec, workers, paths, reruns, deployment, say=progress.console.print)
    return outcomes, time.monotonic() - started


@app.command()
def process(
    inbox: Path = typer.Argument(..., exists=True, file_okay=False, help="Inbox folder: one dossier per entry."),
    workers: int = typer.Option(0, help="Dossiers processed at once (default: twice the cores)."),
    keep_inbox: bool = typer.Option(False, "--keep-inbox", help="Leave every file where it is (read-only shares)."),
    stable_seconds: float = typer.Option(-1, help="Seconds an entry must stay unchanged before it is taken "
                                                  "(default: SANGKIEN_STABLE_SECONDS or 3)."),
) -> None:
    """Process every dossier in INBOX once, print the records and write the JSONL export.

    Processed entries move to the archive in the data folder; failed ones to INBOX/_loi with the reason beside
    them. Example: sangkien process samples/demo/inbox --keep-inbox
    """
    from pipeline import similar
    from pipeline.export import export_file
    from pipeline.report import console, records_table, summary_line
    from pipeline.review import Reviews

    settings = _settings()
    overrides = {"keep_inbox": keep_inbox or settings.keep_inbox}
    if stable_seconds >= 0:
        overrides["stable_seconds"] = stable_seconds
    spec = BatchSpec.of(settings, inbox, **overrides)
    try:
        store = Store.shared(settings.database_url)
        outcomes, seconds = _run_batch(settings, spec, workers or settings.workers)
    except Exception as exc:  # the tool itself could not run (Prefect, database): not a dossier failure
        console.print(f"[red]sangkien could not run the batch: {exc!r}[/red]")
        raise typer.Exit(EXIT_CANNOT_RUN) from exc
    batch, rows = {outcome.fingerprint for outcome in outcomes}, store.rows()
    console.print(records_table([row for row in rows if row["fingerprint"] in batch]))
    export_path = settings.home / "exports" / "records.jsonl"
    count = export_file(rows, "jsonl", export_path, Reviews(store).decisions(), similar.links(store))
    console.print(summary_line(Counter(outcome.kind for outcome in outcomes), seconds))
    console.print(f"Database: {settings.database_url}")
    console.print(f"Export ({count} records, JSONL): {export_path}")


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def export(
    format: Format = typer.Option(Format.jsonl, "--format", "-f",
                                  help="jsonl (the contract's record), csv, or xlsx (the council's list)."),
    output: Path = typer.Option(None, "--output", "-o", help="File to write; standard output when omitted."),
) -> None:
    """Export every record (with reviewers' corrections). Example: sangkien export --format xlsx -o danh-sach.xlsx"""
    from pipeline import similar
    from pipeline.export import WRITERS, export_file
    from pipeline.review import Reviews

    store = Store.shared(load_settings().database_url)
    decisions, links = Reviews(store).decisions(), similar.links(store)
    if output is not None:
        count = export_file(store.rows(), format.value, output, decisions, links)
        typer.echo(f"{count} records written to {output}", err=True)
    elif format is Format.xlsx:
        typer.echo("--format xlsx needs --output FILE.xlsx", err=True)
        raise typer.Exit(2)
    else:
        WRITERS[format.value](store.rows(), sys.stdout, decisions, links)


@app.command(name="eval")
def evaluate(
    folder: Path = typer.Argument(..., exists=True, file_okay=False, help="A samples folder: inbox/ + truth.jsonl."),
    workers: int = typer.Option(0, help="Dossiers processed at once (default: twice the cores)."),
    mistakes: bool = typer.Option(False, "--mistakes", help="Also list every wrong field: expected, then got."),
) -> None:
    """Process FOLDER/inbox into a throw-away store and print per-field accuracy against FOLDER/truth.jsonl.

    Example: python samples/generate.py --seed 99 --count 60 --out /tmp/s && sangkien eval /tmp/s
    """
    from pipeline.evaluate import evaluate as score
    from pipeline.evaluate import load_truth
    from pipeline.export import contract_record
    from pipeline.report import bands_line, console, eval_table

    settings = _settings()
    with tempfile.TemporaryDirectory(prefix="sangkien-eval-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'eval.db'}"
        spec = BatchSpec.of(settings, folder / "inbox", database_url=url, keep_inbox=True, stable_seconds=0)
        outcomes, seconds = _run_batch(settings, spec, workers or settings.workers)
        records = [contract_record(row) for row in Store.shared(url).rows()]
    report = score(records, load_truth(folder))
    console.print(eval_table(report))
    console.print(bands_line(report))
    if mistakes:
        for source, name, want, got, confidence in report.mistakes:
            console.print(f"{source} · {name} (confidence {confidence:.2f})\n    want {want!r}\n    got  {got!r}",
                          markup=False)
    if report.missing:
        console.print(f"[yellow]no record for: {', '.join(report.missing)}[/yellow]")
    failed = sum(outcome.kind == "failed" for outcome in outcomes)
    console.print(f"{len(records)} dossiers in {seconds:.1f} s ({failed} failed)")


@app.command()
def up(
    inbox: Path = typer.Option(None, help="Inbox to watch (default: SANGKIEN_INBOX or <home>/inbox)."),
    poll_seconds: int = typer.Option(0, help="Seconds between inbox scans (default: SANGKIEN_POLL_SECONDS or 30)."),
    port: int = typer.Option(4200, help="Port of the local Prefect server and its UI."),
    host: str = typer.Option("127.0.0.1", help="Address the review web page listens on (127.0.0.1: this machine "
                                               "only; 0.0.0.0: reviewers on other machines too)."),
    web_port: int = typer.Option(8000, help="Port of the review web page (the next free one if taken)."),
) -> None:
    """Run continuously: a local Prefect server, the inbox watched (a dropped file is processed within seconds),
    and the review web page. Ctrl-C stops all. Example: sangkien up --inbox /srv/hop-thu --host 0.0.0.0"""
    from flows.up import run_up

    settings = _settings()
    raise typer.Exit(run_up(settings, inbox or settings.inbox, poll_seconds or settings.poll_seconds, port,
                            web_port, host))


def _use_api(api: str | None) -> None:
    """Point Prefect at the scale-out server (before prefect is imported)."""
    if not api:
        typer.echo("Set PREFECT_API_URL (or --api) to the Prefect server, e.g. http://server:4200/api", err=True)
        raise typer.Exit(EXIT_CANNOT_RUN)
    os.environ["PREFECT_API_URL"] = api


API_OPTION = typer.Option(None, "--api", envvar="PREFECT_API_URL", help="The Prefect server's API URL.")
POOL_OPTION = typer.Option("sangkien", help="Prefect work pool of the scale-out.")


@app.command()
def server(
    database_url: str = typer.Option(..., envvar="SANGKIEN_PREFECT_DATABASE_URL",
                                     help="PostgreSQL database for Prefect's own tables (created when missing), "
                                          "e.g. postgresql://postgres@db:5432/prefect."),
    host: str = typer.Option("0.0.0.0", help="Address to listen on (0.0.0.0: every machine of the network)."),
    port: int = typer.Option(4200, help="Port of the API and the Prefect UI."),
    no_auth: bool = typer.Option(False, "--no-auth", help="Answer clients without the password (only on a "
                                                          "loopback address such as 127.0.0.1)."),
) -> None:
    """Scale-out: run the Prefect server with its tables in PostgreSQL. Ctrl-C stops it.

    Clients must send its password (basic auth): SANGKIEN_PREFECT_AUTH, or else one made on the first start and
    kept in <home>/prefect-auth. Example: sangkien server --database-url postgresql://postgres@db:5432/prefect
    """
    from flows.server import run_server

    raise typer.Exit(run_server(_settings(), database_url, host, port, auth=not no_auth))


@app.command()
def worker(
    api: str = API_OPTION,
    pool: str = POOL_OPTION,
    limit: int = typer.Option(0, help="Batches (flow runs) at once on this machine (default: number of cores)."),
    name: str = typer.Option(None, help="Worker name shown in the Prefect UI (default: host-pid)."),
) -> None:
    """Scale-out: run batches from the work pool on this machine (needs the server, the database and the inbox).

    Example: PREFECT_API_URL=http://server:4200/api SANGKIEN_DATABASE_URL=postgresql://... sangkien worker
    """
    from flows.pool import exec_worker

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")  # the worker says which runs it takes
    _settings()
    _use_api(api)
    exec_worker(pool, limit or os.cpu_count() or 1, name)


@app.command()
def poll(
    inbox: Path = typer.Option(None, help="Shared inbox (default: SANGKIEN_INBOX); the same path on every worker."),
    api: str = API_OPTION,
    pool: str = POOL_OPTION,
    batch_size: int = typer.Option(20, help="Dossiers per flow run."),
    poll_seconds: float = typer.Option(0, help="Seconds between scans (default: SANGKIEN_POLL_SECONDS or 30)."),
    max_runs: int = typer.Option(100, help="Flow runs waiting at once at most; later entries wait in the inbox."),
) -> None:
    """Scale-out: deploy the processing flow to the work pool and hand it the inbox's entries in batches.

    Example: PREFECT_API_URL=http://server:4200/api sangkien poll --inbox /mnt/hoso/inbox
    """
    from flows.poller import run_poll

    settings = _settings()
    if settings.keep_inbox:  # a kept entry never leaves the inbox, so every poll would hand it out again
        typer.echo("sangkien poll moves entries out of the inbox; unset SANGKIEN_KEEP_INBOX.", err=True)
        raise typer.Exit(EXIT_CANNOT_RUN)
    _use_api(api)
    spec = BatchSpec.of(settings, inbox or settings.inbox)
    raise typer.Exit(run_poll(spec, pool, batch_size, poll_seconds or settings.poll_seconds, min(max_runs, 200)))


@app.command()
def runs(limit: int = typer.Option(10, help="How many recent batches to list.")) -> None:
    """List recent batches (flow runs) and every failed dossier with its reason and where its files are.

    Example: sangkien runs
    """
    from pipeline.report import console, failed_table, runs_table

    rows = Store.shared(_settings().database_url).rows()
    console.print(runs_table(rows, limit))
    failed = [row for row in rows if row["status"] == "failed"]
    console.print(failed_table(failed) if failed else "Không có hồ sơ lỗi / no failed dossiers.")


@app.command()
def learn(use: int = typer.Option(None, "--use", help="Switch to this model version instead of training one."),
          shipped: bool = typer.Option(False, "--shipped", help="Switch back to the repository's own classifier."),
          user: str = typer.Option(None, "--user", help="Who asks, for the record (default: the system user).")
          ) -> None:
    """Retrain the sector classifier from reviewers' corrected sectors (a Prefect run), or switch model.

    The new model is measured on corrections kept apart, against the model in use, and switched in only when it
    is not worse. Every model is kept: `--use N` switches to version N, `--shipped` to the repository's own.
    """
    import getpass

    from pipeline.labels import share
    from pipeline.report import console
    from pipeline.sector_learning import SectorLearning

    settings = _settings()
    learning = SectorLearning(Store.shared(settings.database_url))
    if shipped or use is not None:
        if not learning.activate(None if shipped else use):
            console.print(f"Không có phiên bản {use} / no model version {use}")
            raise typer.Exit(1)
        console.print("Đang dùng / in use: " + ("mô hình gốc / the shipped model" if shipped else f"v{use}"))
        return
    done = None
    if learning.corrected():  # checked first: nothing to learn needs no Prefect server
        connect(settings).wait()
        from flows.learn import learn_sectors

        done = learn_sectors(settings.database_url, user or getpass.getuser())
    if done is None:
        console.print("Chưa có lần sửa lĩnh vực nào để học / no corrected sector to learn from yet.")
        raise typer.Exit(1)
    console.print(f"v{done['id']}: {done['corrections']} corrected dossiers, {done['held_out']} held out; "
                  f"held-out accuracy {share(done['accuracy_before'])} → {share(done['accuracy_after'])}; "
                  + ("switched in / đang dùng" if done["active"] else "kept aside (worse) / không dùng"))


@app.command()
def rerun(dossiers: list[str] = typer.Argument(None, help="Dossier names (or entry names) to process again."),
          failed: bool = typer.Option(False, "--failed", help="Rerun every failed dossier."),
          learned: bool = typer.Option(False, "--learned",
                                       help="Rerun every dossier not approved yet, with what reviewers taught since."),
          workers: int = typer.Option(0, help="Dossiers processed at once (default: twice the cores).")) -> None:
    """Process dossiers again, e.g. after installing a missing program, or after reviewers' corrections taught
    units (--learned; their own corrections stay).

    Dossiers are read again where their files are: a failed one in INBOX/_loi (processed, it moves to the archive;
    failing again, it stays with its new reason), a processed one in the archive. Each keeps its record until its
    turn comes. Examples: sangkien rerun --failed; sangkien rerun --learned
    """
    from flows.rerun import prepare
    from flows.rerun import rerun as run_rerun
    from pipeline.report import console, summary_line

    settings = _settings()
    job = prepare(settings, dossiers or [], failed, learned)
    if job is None:
        console.print("Không có hồ sơ nào khớp / no matching dossier.")
        raise typer.Exit(1)
    outcomes, seconds = run_rerun(settings, job, lambda spec, reruns, deployment: _run_batch(
        settings, spec, workers or settings.workers, reruns=reruns, deployment=deployment))
    for source in job.missing:
        console.print(f"[yellow]{source}: files not found where the record says; not rerun[/yellow]")
    console.print(summary_line(Counter(outcome.kind for outcome in outcomes), seconds))


@app.command()
def similar(rebuild: bool = typer.Option(False, "--rebuild", help="Empty the index and fill it again from the "
                                                                  "stored records first."),
            limit: int = typer.Option(20, help="How many of the most alike pairs to list.")) -> None:
    """The near-copy index: dossiers that resemble earlier ones (by text or title), most alike first.

    Every dossier is compared when it is saved; --rebuild re-signs every stored dossier (after changing the
    similarity rules, or restoring a database) and finds the pairs again. Example: sangkien similar --rebuild
    """
    from pipeline import similar as index
    from pipeline.report import console

    store = Store.shared(_settings().database_url)
    if rebuild:
        count = index.rebuild(store)
        console.print(f"Đã lập lại chỉ mục / index rebuilt: {count} dossiers")
    sizes = index.size(store)
    console.print(f"{sizes['similar_signatures']} dossiers indexed, {sizes['similar_pairs']} pairs alike")
    for pair in index.top_pairs(store, limit):
        console.print(f"{pair['score']:.2f} {pair['kind']:<10} {pair['name_a']}  ~  {pair['name_b']}", markup=False)


@app.command()
def serve(host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0: every network)."),
          port: int = typer.Option(8000, help="Port of the web page.")) -> None:
    """Start the reviewers' web page. Example: sangkien serve --port 8000, then open http://127.0.0.1:8000"""
    import uvicorn

    from flows.review_page import review_app

    settings = _settings()
    typer.echo(f"Trang duyệt hồ sơ / review page: http://{host}:{port}")
    uvicorn.run(review_app(settings), host=host, port=port, log_level="warning")


users_app = typer.Typer(help="Accounts of the review web page.", no_args_is_help=True)
app.add_typer(users_app, name="user")
app.add_typer(review_app, name="review")


class Role(str, Enum):
    reviewer = "reviewer"
    admin = "admin"


def _new_password() -> str:
    return os.environ.get("SANGKIEN_PASSWORD") or typer.prompt("Mật khẩu / password", hide_input=True,
                                                               confirmation_prompt=True)


def _account(change, done: str) -> None:
    """Apply `change(store)` (a function of pipeline.users); its refusal is printed and exits 1."""
    from pipeline.users import UserError

    try:
        change(Store.shared(load_settings().database_url))
    except UserError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(1) from err
    typer.echo(done)


NAME_ARGUMENT = typer.Argument(..., help="Login name.")


@users_app.command("add")
def user_add(name: str = NAME_ARGUMENT,
             role: Role = typer.Option(Role.reviewer, "--role", help="reviewer: reviews; admin: also users, reruns.")
             ) -> None:
    """Create a user (an existing name is refused). The password comes from SANGKIEN_PASSWORD, else it is asked
    twice. Example: sangkien user add lan --role admin"""
    from pipeline.users import add_user

    password = _new_password()
    _account(lambda store: add_user(store, name, password, role.value),
             f"Đã thêm tài khoản {name} ({role.value}) / user added.")


@users_app.command("passwd")
def user_passwd(name: str = NAME_ARGUMENT) -> None:
    """Set a new password (from SANGKIEN_PASSWORD, else asked twice); the user's open sessions end.
    Example: sangkien user passwd minh"""
    from pipeline.users import set_password

    password = _new_password()
    _account(lambda store: set_password(store, name, password), f"Đã đặt lại mật khẩu của {name} / password set.")


@users_app.command("role")
def user_role(name: str = NAME_ARGUMENT, role: Role = typer.Argument(..., help="reviewer or admin.")) -> None:
    """Change a user's role; the last enabled admin cannot be demoted. Example: sangkien user role minh admin"""
    from pipeline.users import set_role

    _account(lambda store: set_role(store, name, role.value), f"{name} giờ là {role.value} / role changed.")


@users_app.command("disable")
def user_disable(name: str = NAME_ARGUMENT) -> None:
    """Disable an account: it cannot log in and its open sessions end (the last enabled admin cannot be).
    Example: sangkien user disable minh"""
    from pipeline.users import set_disabled

    _account(lambda store: set_disabled(store, name, True), f"Đã vô hiệu hóa {name} / account disabled.")


@users_app.command("enable")
def user_enable(name: str = NAME_ARGUMENT) -> None:
    """Enable a disabled account again. Example: sangkien user enable minh"""
    from pipeline.users import set_disabled

    _account(lambda store: set_disabled(store, name, False), f"Đã kích hoạt lại {name} / account enabled.")


@users_app.command("list")
def user_list() -> None:
    """Every account: role, state, open sessions, when it was made. Example: sangkien user list"""
    from pipeline.labels import when
    from pipeline.users import list_users

    for user in list_users(Store.shared(load_settings().database_url)):
        state = f"disabled {when(user['disabled_at'])}" if user["disabled_at"] else "enabled"
        typer.echo(f"{user['username']:<20} {user['role']:<9} {state:<27} sessions {user['sessions']:<3} "
                   f"created {when(user['created_at'])}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
