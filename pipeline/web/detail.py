"""One dossier: its fields beside the source page, the full text with the provenance highlighted, its original
files, and the review actions (correct a field, approve, return with a comment) with their audit trail."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse

from pipeline.dossier import columns
from pipeline.labels import FIELD_LABELS, sector_choices
from pipeline.review import EDITABLE, Reviews
from pipeline.web import corrections, sources
from pipeline.web.auth import require_user

router = APIRouter(prefix="/d/{fingerprint}", dependencies=[Depends(require_user)])


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
def detail(request: Request, fingerprint: str, field: str = "title"):
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
    return request.app.state.render(
        request, "detail.html", row=row, record=record, fields=EDITABLE, labels=FIELD_LABELS, provenance=provenance,
        field=field, source=source, show_page=bool(source.get("file") and source.get("page")
                                                   and sources.has_page_image(source["file"])
                                                   and source["file"] in available),
        pieces=sources.marked(text, spans), files=files, available=available, shown=corrections.shown,
        sectors=sector_choices(), history=Reviews(request.app.state.store).history(fingerprint),
        decision=Reviews(request.app.state.store).decision(fingerprint), flash=request.session.pop("flash", None))


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


@router.post("/correct")
def correct(request: Request, fingerprint: str, field: str = Form(...), value: str = Form("")):
    row = _row(request, fingerprint)
    if row["status"] == "failed" or field not in EDITABLE:
        raise HTTPException(400, "Không sửa được trường này của hồ sơ này.")
    record = row["record"]
    try:
        new = corrections.parse(field, value, record)
    except ValueError as err:
        return _back(fingerprint, f"{FIELD_LABELS[field]}: {err}", request)
    if new == record.get(field):
        return _back(fingerprint)
    reviews = Reviews(request.app.state.store)
    reviews.correct(fingerprint, field, record.get(field), new, request.state.user["name"])
    request.app.state.store.save(fingerprint, columns(reviews.apply(fingerprint, record)))
    return _back(fingerprint, f"Đã sửa “{FIELD_LABELS[field]}”.", request)


def _decide(request: Request, fingerprint: str, status: str, comment: str | None) -> RedirectResponse:
    row = _row(request, fingerprint)
    if row["status"] == "failed":
        raise HTTPException(400, "Hồ sơ lỗi chưa có nội dung để duyệt; hãy cho chạy lại.")
    reviews = Reviews(request.app.state.store)
    reviews.decide(fingerprint, status, row["status"], comment, request.state.user["name"])
    request.app.state.store.save(fingerprint, columns(reviews.apply(fingerprint, row["record"])))
    return _back(fingerprint, "Đã duyệt hồ sơ." if status == "approved" else "Đã trả lại hồ sơ.", request)


@router.post("/approve")
def approve(request: Request, fingerprint: str, comment: str = Form("")):
    return _decide(request, fingerprint, "approved", comment.strip() or None)


@router.post("/return")
def send_back(request: Request, fingerprint: str, comment: str = Form("")):
    if not comment.strip():
        return _back(fingerprint, "Trả lại hồ sơ cần ghi rõ lý do.", request)
    return _decide(request, fingerprint, "returned", comment.strip())
