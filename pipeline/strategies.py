"""Why a field has its value, in the reviewer's words: the extraction strategy (`rule_id`, stored in each field's
provenance as `rule`) explained in Vietnamese.

A rule id is the strategy, an optional choice after "/" (which amount of a benefit section), and modifiers after
"+" (another source that agreed, a registry spelling, a learned correction). The labelled-line rules are the ids of
extractors/fields/rules/labels.yaml: they all read "a line with the form's label".
"""

from __future__ import annotations

from extractors.fields.label_proposal import LEARNED_RULE
from extractors.fields.ruleset import labels

STRATEGIES = {
    "unit-letterhead": "tên cơ quan ở góc trên bên trái (tiêu đề văn bản)",
    "unit-signature": "khối chữ ký cuối văn bản",
    "unit-department-label": "dòng ghi khoa, phòng",
    "unit-title-tail": "phần cuối tên sáng kiến (“… tại …”)",
    "unit-name-line": "dòng tên đơn vị ở trang bìa",
    "unit-from-author": "đơn vị công tác của tác giả chính",
    "unit-investor": "dòng “Chủ đầu tư tạo ra sáng kiến”",
    "unit-author-line": "dòng tác giả chỉ ghi tập thể hoặc đơn vị (“Tập thể … thuộc …”)",
    "author-table": "bảng danh sách tác giả",
    "author-key-value": "bảng hai cột (“Tác giả | …”)",
    "author-cover": "dòng tác giả ở trang bìa",
    "author-signature": "tên ký dưới khối chữ ký",
    "author-prose": "câu văn giới thiệu tác giả",
    "author-title-tail": "phần cuối tên sáng kiến",
    "author-placeholder": "chỉ thấy chỗ trống để điền tên",
    "title-quoted": "tên trong ngoặc kép",
    "title-under-heading": "dòng dưới tiêu đề báo cáo",
    "title-prefixed-heading": "tiêu đề có tiền tố “Sáng kiến:”",
    "title-list-entry": "mục trong danh sách đề nghị",
    "title-subject-line": "dòng trích yếu “V/v: …”",
    "title-project": "dòng “Đề án/Dự án: …”",
    "skkn-cover": "trang bìa sáng kiến kinh nghiệm",
    "sector-keywords-raw": "lĩnh vực ghi trong hồ sơ, khớp danh mục",
    "sector-keywords-raw-first": "lĩnh vực đầu tiên trong danh sách ghi trong hồ sơ",
    "sector-keywords-sentence": "câu văn nêu lĩnh vực",
    "sector-textcat-raw": "mô hình phân loại, đọc lĩnh vực ghi trong hồ sơ",
    "sector-textcat-sentence": "mô hình phân loại, đọc câu nêu lĩnh vực",
    "sector-textcat-text": "mô hình phân loại, đọc tên và nội dung sáng kiến",
    "sector-keywords-text": "từ khóa trong tên và nội dung sáng kiến",
    "sector-fallback": "không xác định được, xếp vào lĩnh vực mặc định",
    "sentence-ap-dung-tu": "câu văn “áp dụng từ …”",
    "form-without-first-applied": "mẫu hồ sơ này không có mục ngày áp dụng",
    "form-without-benefit": "mẫu hồ sơ này không có mục số tiền làm lợi",
    "form-without-addressee": "mẫu hồ sơ này không có dòng “Kính gửi”",
    "no-addressee-line": "không thấy dòng “Kính gửi”",
    "addressee-request-sentence": "câu đề nghị cuối đơn (“Kính đề nghị Hội đồng …”)",
}
LABELLED = "dòng có nhãn của mẫu"
LABELLED_CELL = "ô có nhãn trong bảng hai cột"
CHOICES = {  # extractors/fields/benefit.py Choice.strategy
    "labelled": "số tiền được gọi là làm lợi", "total": "dòng tổng cộng sau các khoản",
    "total_unlabelled": "dòng tổng của bảng", "first_of_several": "khoản đầu tiên trong nhiều khoản",
    "last_of_totals": "dòng tổng cuối cùng", "sum_of_items": "cộng các khoản",
    "unlabelled": "số tiền không ghi rõ là làm lợi", "words_only": "số tiền viết bằng chữ",
    "social": "chỉ có lợi ích xã hội, không có số tiền",
}
MODIFIERS = {
    "registry": "chuẩn hoá theo danh mục đơn vị", "known-spelling": "sửa chữ đọc sai theo cách viết thường gặp",
    "unnamed": "chỉ ghi loại đơn vị, chưa rõ tên", "ocr": "hồ sơ ảnh/scan: có thể mục bị đọc sai",
    "words": "số và chữ khớp nhau", "signature": "khớp với khối chữ ký", "known-name": "sửa dấu tên theo tên đã gặp",
    "snap": "nhãn viết sai chính tả, đã nhận ra gần đúng", "prose": "đọc từ đoạn văn",
    "raw-unmapped": "lĩnh vực ghi trong hồ sơ không khớp danh mục", "boxes": "ô được đánh dấu",
    "list": "các ô lựa chọn",
    "titles-disagree": "hồ sơ ghi tên sáng kiến ở chỗ khác bằng lời khác",
    "read-twice": "tên được đọc hai cách trong hồ sơ; chọn cách đọc rõ hơn",
    "learned": "học từ lần sửa trước của người duyệt",
}
AGREED = "nguồn khác cho cùng kết quả"


def _strategy(base: str) -> str:
    if base in STRATEGIES:
        return STRATEGIES[base]
    if base.startswith(LEARNED_RULE):
        return "nhãn mới do quản trị viên nhận từ đề xuất"
    if base.endswith("-table") and base.removesuffix("-table") in _label_ids():
        return LABELLED_CELL
    return LABELLED if base in _label_ids() else base


def _label_ids() -> set[str]:
    return {rule.id for group in labels().fields.values() for rule in group}


def explain(rule_id: str | None) -> str:
    """"unit-letterhead+unit-signature+registry" → "tên cơ quan ở góc trên …; khớp với: khối chữ ký …; …"."""
    if not rule_id:
        return ""
    head, *extras = rule_id.split("+")
    base, _, choice = head.partition("/")
    parts = [_strategy(base) + (f" ({CHOICES.get(choice, choice)})" if choice else "")]
    for extra in extras:
        if extra in STRATEGIES:
            parts.append(f"khớp với: {STRATEGIES[extra]}")
        elif extra.startswith("agreed"):
            parts.append(AGREED)
        elif extra.partition("#")[0] in MODIFIERS:
            parts.append(MODIFIERS[extra.partition("#")[0]])
    return "; ".join(dict.fromkeys(parts))
