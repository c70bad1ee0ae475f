"""The list of dossiers (`/`): filters, search, sorting, paging, counts by sector and unit, and exports of
the current filter (XLSX for the council, CSV, the contract's JSONL)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import ColumnElement, case, func, select

from pipeline import duplicates, similar
from pipeline.export import export_bytes
from pipeline.labels import STATUS_LABELS, sector_choices
from pipeline.review import Reviews
from pipeline.search import matching
from pipeline.store import PROCESSING, REVIEW_THRESHOLD, SORT_KEYS, Store
from pipeline.web.auth import require_user

router = APIRouter(dependencies=[Depends(require_user)])
PAGE_SIZE = 25
SORTS = ("created_at", "title", "lead_author", "unit", "sector_code", "amount_vnd", "min_confidence", "status")
EXPORTS = {  # format: (media type, file name)
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "danh-sach-sang-kien.xlsx"),
    "csv": ("text/csv; charset=utf-8", "ho-so.csv"), "jsonl": ("application/x-ndjson; charset=utf-8", "ho-so.jsonl")}


@dataclass(frozen=True)
class Filters:
    """The list's state, all of it in the query string (so links, paging and exports keep the filter)."""

    q: str = ""
    status: str = ""
    sector: str = ""
    unit: str = ""
    year: str = ""
    low: str = ""
    similar: str = ""  # "1": only dossiers that may be copies (pipeline.similar)
    sort: str = "created_at"
    order: str = "desc"
    page: int = 1

    @classmethod
    def of(cls, request: Request) -> "Filters":
        params = {f.name: request.query_params.get(f.name, "").strip() for f in fields(cls)}
        page = int(params["page"]) if params["page"].isdigit() else 1
        return cls(**params | {
            "status": params["status"] if params["status"] in STATUS_LABELS else "",
            "year": params["year"] if params["year"].isdigit() else "",
            "low": "1" if params["low"] else "", "similar": "1" if params["similar"] else "",
            "sort": params["sort"] if params["sort"] in SORTS else "created_at",
            "order": "asc" if params["order"] == "asc" else "desc", "page": max(page, 1)})

    def link(self, **changes) -> str:
        """The query string of this filter with `changes`, leaving out what is at its default."""
        values = asdict(replace(self, **changes))
        return urlencode({k: v for k, v in values.items() if v not in ("", None) and v != getattr(Filters, k)})

    def where(self, store: Store) -> list[ColumnElement]:
        t = store.dossiers
        clauses = [t.c.status != PROCESSING]
        if self.status:
            clauses.append(t.c.status == self.status)
        if self.sector:
            clauses.append(t.c.sector_code == self.sector)
        if self.unit:
            clauses.append(t.c.unit == self.unit)
        if self.year:
            clauses.append(t.c.first_applied.like(f"{self.year}%"))
        if self.low:
            clauses.append(t.c.min_confidence < REVIEW_THRESHOLD)
        if self.similar:
            clauses.append(t.c.fingerprint.in_(similar.flagged(store)))
        found = matching(t, store.engine.dialect.name, self.q) if self.q else None
        if found is not None:
            clauses.append(found)
        return clauses


def _rows(store: Store, filters: Filters, paged: bool) -> tuple[list[dict], int]:
    t = store.dossiers
    where = filters.where(store)
    column = t.c[SORT_KEYS.get(filters.sort, filters.sort)]  # text sorts by its Vietnamese dictionary key
    order = column.asc() if filters.order == "asc" else column.desc()
    query = select(t).where(*where).order_by(order.nulls_last(), t.c.name)
    if paged:
        query = query.limit(PAGE_SIZE).offset((filters.page - 1) * PAGE_SIZE)
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        total = conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one()
    return rows, total


def _counts(store: Store, filters: Filters, column: str, limit: int | None = None) -> list[dict]:
    """Dossiers and claimed money per value of `column` under the current filter, largest first.

    Failed dossiers (nothing was read from them) are one row of their own, last, with `failed` true: a key of
    None then means a record whose value was not found, not a file that could not be read."""
    t = store.dossiers
    is_failed = t.c.status == "failed"
    failed, key = is_failed.label("failed"), case((is_failed, None), else_=t.c[column]).label("key")
    count = func.count().label("count")
    query = (select(failed, key, count, func.sum(t.c.amount_vnd).label("amount")).where(*filters.where(store))
             .group_by(failed, key).order_by(failed, count.desc(), key).limit(limit))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def _choices(store: Store) -> dict:
    t = store.dossiers
    year = func.substr(t.c.first_applied, 1, 4)
    with store.engine.connect() as conn:
        units = conn.execute(select(t.c.unit).where(t.c.unit.is_not(None)).distinct().order_by(t.c.unit)).scalars()
        years = conn.execute(select(year).where(t.c.first_applied.is_not(None)).distinct().order_by(year.desc()))
        return {"units": list(units), "years": [y for y in years.scalars() if y and y.isdigit()],
                "sectors": sector_choices(), "statuses": [(k, v) for k, v in STATUS_LABELS.items() if k != PROCESSING]}


@router.get("/")
def dossier_list(request: Request):
    store, filters = request.app.state.store, Filters.of(request)
    rows, total = _rows(store, filters, paged=True)
    by_sector = _counts(store, filters, "sector_code")
    by_unit = _counts(store, filters, "unit", limit=12)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return request.app.state.render(request, "list.html", rows=rows, total=total, filters=filters, pages=pages,
                                     by_sector=by_sector, by_unit=by_unit, choices=_choices(store),
                                     threshold=REVIEW_THRESHOLD, resubmitted=duplicates.counts(
                                         store, [row["fingerprint"] for row in rows]),
                                     recent_duplicates=duplicates.recent(store, limit=10),
                                     alike=similar.counts(store, [row["fingerprint"] for row in rows]))


@router.get("/export.{fmt}")
def export(request: Request, fmt: str):
    if fmt not in EXPORTS:
        raise HTTPException(404)
    store = request.app.state.store
    rows, _ = _rows(store, Filters.of(request), paged=False)
    media_type, name = EXPORTS[fmt]
    body, _ = export_bytes(rows, fmt, Reviews(store).decisions(), similar.links(store))
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})
