"""A record's lowest confidence (the list's "Tin cậy" and its low-confidence filter) counts only the fields the
form carries: a report that addresses nobody is not in doubt about its addressee."""

from __future__ import annotations

from pathlib import Path

from extractors.fields.extract import extract_fields
from pipeline.columns import columns
from pipeline.dossier import build_record
from pipeline.inbox import Entry
from pipeline.review import overlay
from tests.test_fields import doc

ENTRY = Entry("bao-cao", "bao-cao.docx", Path("bao-cao.docx"), ())
REPORT = ["BÁO CÁO MÔ TẢ SÁNG KIẾN", "Tên sáng kiến: Ứng dụng mã QR trong quản lý hồ sơ",
          "Tác giả: Nguyễn Văn An", "Đơn vị công tác: Trường THCS Quang Sơn", "Lĩnh vực áp dụng: Giáo dục",
          "Ngày áp dụng lần đầu: 05/09/2023", "Hiệu quả kinh tế: tiết kiệm 20 triệu đồng mỗi năm."]


def _record(lines: list[str]) -> dict:
    return build_record(ENTRY, extract_fields(doc(*lines)), [])


def test_an_absent_addressee_does_not_set_the_records_lowest_confidence():
    record = _record(REPORT)
    assert record["fields"]["addressee"]["absent"] is True
    carried = [f["confidence"] for name, f in record["fields"].items() if name != "addressee"]
    assert columns(record)["min_confidence"] == min(carried) >= 0.8


def test_an_application_form_missing_its_kinh_gui_still_asks_for_review():
    record = _record(["ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", *REPORT[1:]])
    assert columns(record)["min_confidence"] == record["fields"]["addressee"]["confidence"] < 0.8


def test_a_corrected_addressee_is_no_longer_absent():
    record = overlay(_record(REPORT), {"addressee": "Hội đồng sáng kiến huyện Yên Mô"}, None)
    assert record["fields"]["addressee"] == record["fields"]["addressee"] | {"confidence": 1.0, "corrected": True}
    assert "absent" not in record["fields"]["addressee"]


def test_the_review_page_says_a_field_is_absent_by_form_instead_of_showing_a_low_score(site):
    row = site.row("02. Ban mo ta sang kien Dang Van Hai.pdf")
    assert row["record"]["fields"]["addressee"].get("absent") is True
    site.login("minh")
    page = site.client.get(f"/d/{row['fingerprint']}").text
    assert "không có trong mẫu hồ sơ" in page
    carried = [f["confidence"] for f in row["record"]["fields"].values() if not f.get("absent")]
    assert row["min_confidence"] == min(carried)
