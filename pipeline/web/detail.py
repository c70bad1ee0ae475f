"""One dossier: its fields beside the source page, the full text with the provenance highlighted, its original
files, and the review actions (correct a field, approve, return with a comment, reopen a decided one) with their
audit trail. Every action's form carries the version of the dossier it was shown (pipeline.review)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse

from pipeline import duplicates
from pipeline.labels import FIELD_LABELS, SIMILAR_KIND_LABELS, sector_choices
from pipeline.review import EDITABLE, Locked, NotReviewable, Refused, Reviews, Stale
from pipeline.web import corrections, sources
from pipeline.web.alike import look_alikes
from pipeline.web.auth import require_user

router = APIRouter(prefix="/d/{fingerprint}", dependencies=[Depends(require_user)])
REFUSAL_STATUS = {Stale: 409, Locked: 409, Refused: 409, NotReviewable: 400}


def _row(request: Request, fingerprint: str) -> dict:
    row = request.app.state.store.get(fingerprint) if len(fingerprint) == 64 else None
    if not row or row["status"] == "processing":
        raise HTTPException(404)
    return row


def _back(fingerprint: str, message: str | None = None, request: Request | None = None) -> RedirectResponse:
    if message and request is not None:
        request.session["flash"] = message
    return RedirectResponse(f"/d/{fingerprint}", status_code=303)


@router.get("")
def detail(request: Request, fingerprint: str, field: str = "title", compare: str = ""):
    row = _row(request, fingerprint)
    record = row["record"] or {}
    provenance = record.get("fields") or {}
    field = field if field in provenance else next(iter(provenance), None)
    source = provenance.get(field) or {}
    text = row["text"] or ""
    spans = [(*span, name) for name, info in provenance.items()
             if (span := sources.snippet_span(text, info.get("snippet")))]
    files = row["files"] or []
    available = {f["name"] for f in files if sources.original(request.app.state.settings, row, f["name"])}
    reviews = Reviews(request.app.state.store)
    alike, side_by_side = look_alikes(request.app.state.store, row, compare)
    return request.app.state.render(
        request, "detail.html", row=row, record=record, fields=EDITABLE, labels=FIELD_LABELS, provenance=provenance,
        field=field, source=source, show_page=bool(source.get("file") and source.get("page")
                                                   and sources.has_page_image(source["file"])
                                                   and source["file"] in available),
        pieces=sources.marked(text, spans), files=files, available=available, shown=corrections.shown,
        authors_unknown=corrections.authors_unknown(record), sectors=sector_choices(),
        history=reviews.history(fingerprint), resubmissions=duplicates.of(request.app.state.store, fingerprint),
        decision=reviews.decision(fingerprint), version=reviews.version(row), alike=alike,
        side_by_side=side_by_side, kind_labels=SIMILAR_KIND_LABELS,
        flash=request.session.pop("flash", None))


@router.get("/files/{name:path}")
def original_file(request: Request, fingerprint: str, name: str):
    path = sources.original(request.app.state.settings, _row(request, fingerprint), name)
    if path is None:
        raise HTTPException(404)
    return FileResponse(path, filename=Path(name).name)


@router.get("/page")
def page(request: Request, fingerprint: str, file: str, page: int):
    row = _row(request, fingerprint)
    path = sources.original(request.app.state.settings, row, file)
    digest = next((f["sha256"] for f in row["files"] or [] if f["name"] == file), None)
    image = sources.page_image(request.app.state.settings, path, digest, page) if path and digest else None
    if image is None:
        raise HTTPException(404)
    return FileResponse(image, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})


def _refusing(action: Callable[[], object]) -> object:
    """Run a review action; a refusal (stale page, locked or failed dossier) becomes its HTTP error."""
    try:
        return action()
    except Refused as refused:
        raise HTTPException(REFUSAL_STATUS[type(refused)], str(refused)) from None


@router.post("/correct")
def correct(request: Request, fingerprint: str, field: str = Form(...), value: str = Form(""),
            version: str = Form("")):
    row = _row(request, fingerprint)
    if row["status"] == "failed" or field not in EDITABLE:
        raise HTTPException(400, "Không sửa được trường này của hồ sơ này.")
    try:
        new = corrections.parse(field, value, row["record"])
    except ValueError as err:
        return _back(fingerprint, f"{FIELD_LABELS[field]}: {err}", request)
    user = request.state.user["name"]
    if not _refusing(lambda: Reviews(request.app.state.store).correct(fingerprint, field, new, user, version)):
        return _back(fingerprint)
    return _back(fingerprint, f"Đã sửa “{FIELD_LABELS[field]}”.", request)


def _decide(request: Request, fingerprint: str, status: str, comment: str | None, version: str) -> RedirectResponse:
    user = request.state.user["name"]
    _refusing(lambda: Reviews(request.app.state.store).decide(fingerprint, status, comment, user, version))
    return _back(fingerprint, "Đã duyệt hồ sơ." if status == "approved" else "Đã trả lại hồ sơ.", request)


@router.post("/approve")
def approve(request: Request, fingerprint: str, comment: str = Form(""), version: str = Form("")):
    _row(request, fingerprint)
    return _decide(request, fingerprint, "approved", comment.strip() or None, version)


@router.post("/return")
def send_back(request: Request, fingerprint: str, comment: str = Form(""), version: str = Form("")):
    _row(request, fingerprint)
    if not comment.strip():
        return _back(fingerprint, "Trả lại hồ sơ cần ghi rõ lý do.", request)
    return _decide(request, fingerprint, "returned", comment.strip(), version)


@router.post("/reopen")
def reopen(request: Request, fingerprint: str, version: str = Form("")):
    _row(request, fingerprint)
    user = request.state.user["name"]
    _refusing(lambda: Reviews(request.app.state.store).reopen(fingerprint, user, version))
    return _back(fingerprint, "Đã mở lại hồ sơ để sửa.", request)
