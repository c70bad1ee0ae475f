"""How values read on the review page and in the council's list: Vietnamese status names, failure kinds, dates,
money, sizes, sectors."""

from __future__ import annotations

from datetime import datetime, timezone
from numbers import Number

from extractors.fields.ruleset import sectors
from pipeline.store import REVIEW_THRESHOLD

STATUS_LABELS = {"needs_review": "Chờ duyệt", "approved": "Đã duyệt", "returned": "Trả lại", "failed": "Lỗi",
                 "processing": "Đang xử lý"}
# How two dossiers are alike (pipeline.similar), as the review page says it.
SIMILAR_KIND_LABELS = {"same_text": "cùng nội dung", "overlap": "trùng một phần nội dung",
                       "same_title": "tên sáng kiến gần như trùng"}
# Failure kinds (extractors.errors.FailureKind) as a secretary names them; a test checks every kind has one.
FAILURE_KIND_LABELS = {
    "bad_input": "Tệp hỏng hoặc không đọc được", "unsupported_format": "Định dạng tệp không được nhận",
    "encrypted": "Tệp có mật khẩu", "empty": "Không có chữ đọc được", "not_a_dossier": "Không phải hồ sơ sáng kiến",
    "missing_dependency": "Máy xử lý thiếu phần mềm", "ocr_failed": "Nhận dạng chữ (OCR) bị lỗi",
    "timeout": "Xử lý quá lâu", "transient": "Lỗi tạm thời", "crashed": "Trình đọc tệp bị dừng đột ngột",
    "internal": "Lỗi của phần mềm"}
STAGE_LABELS = {"discover": "khi nhận hồ sơ", "read": "khi đọc tệp", "extract": "khi trích thông tin"}  # .stage
FIELD_LABELS = {"title": "Tên sáng kiến", "authors": "Tác giả", "unit": "Đơn vị", "sector": "Lĩnh vực",
                "first_applied": "Ngày áp dụng lần đầu", "benefit": "Số tiền làm lợi (đồng)",
                "addressee": "Nơi nhận (Kính gửi)", "status": "Trạng thái"}


def sector_label(code: str | None) -> str:
    if not code:
        return ""
    try:
        return sectors().by_code(code).label
    except StopIteration:  # a code from a replaced taxonomy
        return code


def sector_choices() -> list[tuple[str, str]]:
    return [(s.code, s.label) for s in sectors().sectors]


def vn_date(value) -> str:
    """`2023-09-05` → `05/09/2023`; `2023-09` → `09/2023`; a year stays a year. Total: anything that is not a
    date's text (None, a template's undefined value) reads as nothing."""
    if not value or not isinstance(value, str):
        return ""
    return "/".join(reversed(value.split("-")))


def share(value: float | None) -> str:
    """0.75 → `75%`; an accuracy not measured (None) → `—`."""
    return "—" if value is None else f"{value:.0%}"


def vn_money(value) -> str:
    """150000000 → `150.000.000` (Vietnamese groups thousands with dots). Total: anything that is not an amount
    (None, a template's undefined value) reads as nothing."""
    if not isinstance(value, Number) or isinstance(value, bool):
        return ""
    return f"{round(value):,}".replace(",", ".")


def when(moment: datetime | None) -> str:
    """A stored time (UTC; SQLite gives it back without a zone) in this machine's time zone."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def confidence_class(value: float | None) -> str:
    if value is None:
        return "conf-none"
    if value >= REVIEW_THRESHOLD:
        return "conf-high"
    return "conf-mid" if value >= 0.5 else "conf-low"


def brief(value) -> str:
    """A stored value (the audit trail's old and new) in a few words."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item.get("name")) if isinstance(item, dict) else str(item) for item in value)
    if isinstance(value, dict):
        if "amount_vnd" in value:
            return vn_money(value["amount_vnd"]) or "—"
        return value.get("label") or value.get("code") or "—"
    return STATUS_LABELS.get(value, str(value))


def vn_size(size: int | None) -> str:
    """38810 → `37,9 KB` (a comma is the decimal mark): bytes, then KB or MB with one decimal; "" when unknown."""
    if not isinstance(size, int):  # None, or a template's Undefined
        return ""
    if size < 1024:
        return f"{size} byte"
    value, unit = (size / 1024, "KB") if size < 1024 * 1024 else (size / 1024 / 1024, "MB")
    return f"{value:.1f} {unit}".replace(".", ",")
