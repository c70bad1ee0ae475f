"""Failure kinds: every error a dossier can end with carries one.

Like OCRmyPDF's exit codes, the kind — never the message text — decides what happens next:
whether Prefect retries (`retryable`), what the CLI exits with, and the remedy a secretary reads.
Messages for people are Vietnamese (`message_vi`); logs use the English `detail`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class _Kind:
    retryable: bool
    remedy_vi: str


class FailureKind(Enum):
    """What went wrong, with whether a retry may help and what a person should do."""

    bad_input = _Kind(False, "Kiểm tra lại tệp (mở thử trên máy), lưu hoặc quét lại rồi nộp lại.")
    unsupported_format = _Kind(
        False, "Chỉ nhận .docx, .doc, .odt, .pdf, .jpg, .jpeg, .png, .tif, .tiff. "
               "Hãy lưu lại tệp ở một trong các định dạng này."
    )
    encrypted = _Kind(False, "Hãy gỡ mật khẩu (mở tệp rồi in ra một tệp PDF mới) rồi nộp lại.")
    empty = _Kind(False, "Hãy kiểm tra hồ sơ có đủ tệp và trang có chữ; nếu là bản quét, hãy quét lại rõ hơn "
                         "(200–300 DPI) hoặc nộp bản Word.")
    not_a_dossier = _Kind(
        False, "Hãy kiểm tra đây có đúng là hồ sơ sáng kiến (đơn, bản mô tả, báo cáo) bằng tiếng Việt không; "
               "nếu đúng, hãy quét lại rõ hơn hoặc nộp bản Word.")
    missing_dependency = _Kind(False, "Máy xử lý thiếu phần mềm cần thiết. Báo quản trị viên cài đặt rồi chạy lại.")
    ocr_failed = _Kind(True, "Nhận dạng chữ (OCR) bị lỗi. Hệ thống sẽ thử lại; nếu vẫn lỗi, hãy quét lại tệp.")
    timeout = _Kind(True, "Xử lý quá lâu. Hệ thống sẽ thử lại; nếu vẫn lỗi, hãy tách tệp thành các tệp nhỏ hơn.")
    transient = _Kind(True, "Lỗi tạm thời khi đọc tệp. Hệ thống sẽ thử lại.")
    crashed = _Kind(False, "Hãy mở thử tệp trên máy và lưu (hoặc quét) lại thành tệp mới rồi nộp lại; "
                           "nếu tệp mở bình thường, báo quản trị viên kèm tên hồ sơ.")
    internal = _Kind(False, "Lỗi của phần mềm. Báo quản trị viên kèm tên hồ sơ.")

    @property
    def retryable(self) -> bool:
        return self.value.retryable

    @property
    def remedy_vi(self) -> str:
        return self.value.remedy_vi


class DossierError(Exception):
    """An expected failure of one dossier: `kind`, a Vietnamese `message_vi` for people, an English `detail` for
    logs."""

    def __init__(self, kind: FailureKind, message_vi: str, detail: str, stage: str = "read") -> None:
        super().__init__(detail)
        self.kind = kind
        self.message_vi = message_vi
        self.detail = detail
        self.stage = stage

    def __reduce__(self):  # raised in a child process (`pipeline.isolation`), it crosses back whole
        return DossierError, (self.kind, self.message_vi, self.detail, self.stage)

    @property
    def user_message(self) -> str:
        """What a secretary reads: what is wrong, then what to do."""
        return f"{self.message_vi} {self.kind.remedy_vi}"
