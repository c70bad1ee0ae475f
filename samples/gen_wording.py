"""Wording pools for `--vary`: what real writers put instead of the generator's default labels.

Pure data, read by `gen_vary.Wording`. Every pool is keyed by the default label (without its item number) and
lists alternatives that differ from that default; the default itself stays possible (`KEEP_DEFAULT`). The
alternatives follow what provincial templates, school and corporate forms say (see ../shared/domain.md): shortened
official labels, the other name of the same field, capitals, i/y and tone-placement spellings.
"""

from __future__ import annotations

# The opening of the TT 18/2013 benefit labels ("… theo ý kiến của tác giả", "… của tổ chức, cá nhân …").
OPINION = "Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của "

KEEP_DEFAULT = 0.4  # chance that a label keeps the default wording
REORDER_DEFAULT = 0.4  # chance that a reorderable part keeps the default order

# Label -> alternatives, for any benefit and any date notation.
LABELS: dict[str, tuple[str, ...]] = {
    # title
    "Tên sáng kiến": ("Tên đề tài sáng kiến", "Tên của sáng kiến", "TÊN SÁNG KIẾN", "Tên sáng kiến đề nghị công nhận",
                      "Tên đề tài"),
    "Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến": (
        "Là tác giả đề nghị xét công nhận sáng kiến", "Là nhóm tác giả đề nghị xét công nhận sáng kiến",
        "Là tác giả (đồng tác giả) đề nghị công nhận sáng kiến", "Đề nghị xét công nhận sáng kiến",
        "Là tác giả (nhóm tác giả) của sáng kiến"),
    "Là tác giả, đồng tác giả đề nghị công nhận sáng kiến": (
        "Là tác giả, đồng tác giả của sáng kiến", "Đề nghị Hội đồng xem xét, công nhận sáng kiến",
        "Tên sáng kiến đề nghị công nhận"),
    "Tên giải pháp": ("Tên giải pháp đề nghị công nhận", "Tên giải pháp kỹ thuật", "Tên sáng kiến/giải pháp",
                      "TÊN GIẢI PHÁP"),
    # authors
    "Họ và tên": ("Họ tên", "Tên tác giả", "Họ và tên tác giả", "HỌ VÀ TÊN"),
    "Tác giả/ các tác giả": ("Tác giả", "Tác giả (nhóm tác giả)", "Tác giả/nhóm tác giả", "Họ và tên tác giả",
                             "TÁC GIẢ"),
    "Tác giả": ("Tác giả sáng kiến", "Họ và tên tác giả", "Người thực hiện", "Tác giả chính"),
    "Các tác giả": ("Tác giả (nhóm tác giả)", "Tác giả/nhóm tác giả", "Họ và tên tác giả", "Tác giả sáng kiến"),
    "Thông tin tác giả": ("Thông tin về tác giả", "Tác giả sáng kiến", "Tác giả (nhóm tác giả)"),  # "3. Tác giả:"
    "Chúng tôi gồm:": ("Nhóm tác giả gồm:", "Tác giả sáng kiến gồm:", "Chúng tôi gồm có:"),
    "Đồng tác giả": ("Các đồng tác giả", "Đồng tác giả sáng kiến", "Nhóm đồng tác giả"),
    "Người thực hiện": ("Tác giả", "Họ và tên tác giả", "Người viết", "Tác giả sáng kiến", "Họ và tên"),
    "Ngày, tháng, năm sinh": ("Ngày sinh", "Năm sinh", "Sinh ngày", "Ngày tháng năm sinh"),
    "Ngày sinh": ("Ngày tháng năm sinh", "Sinh ngày", "Năm sinh", "Ngày, tháng, năm sinh"),
    "Chức vụ": ("Chức danh", "Chức vụ hiện nay", "Chức vụ, chức danh", "CHỨC VỤ"),
    "Đơn vị công tác": ("Nơi công tác", "Cơ quan công tác", "Đơn vị", "Nơi làm việc", "Cơ quan, đơn vị công tác"),
    "Đơn vị": ("Đơn vị công tác", "Nơi công tác", "Cơ quan công tác"),
    "Chức vụ, đơn vị công tác": ("Chức vụ, nơi công tác", "Chức danh, đơn vị công tác", "Chức vụ, cơ quan công tác",
                                 "Chức vụ và đơn vị công tác"),
    "Trình độ chuyên môn": ("Trình độ", "Trình độ chuyên môn, nghiệp vụ", "Trình độ đào tạo",
                            "Học vị, trình độ chuyên môn"),
    "Tỷ lệ đóng góp tạo ra sáng kiến": ("Tỷ lệ đóng góp", "Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến",
                                        "Tỷ lệ % đóng góp", "Mức độ đóng góp"),
    "Tôi (chúng tôi) ghi tên dưới đây:": ("Tôi (chúng tôi) gồm:", "Chúng tôi gồm:", "Tôi/chúng tôi ghi tên dưới đây:",
                                          "Tác giả (nhóm tác giả) gồm:"),
    # author-table header cells
    "Số TT": ("STT", "TT", "Số thứ tự"),
    "Ngày tháng năm sinh": ("Năm sinh", "Ngày sinh", "Ngày, tháng, năm sinh"),
    "Nơi công tác (hoặc nơi thường trú)": ("Đơn vị", "Nơi công tác", "Đơn vị công tác", "Cơ quan công tác",
                                           "Nơi làm việc"),
    "Chức danh": ("Chức vụ", "Chức vụ, chức danh"),
    "Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến": ("Tỷ lệ đóng góp (%)", "Tỷ lệ (%) đóng góp", "Tỷ lệ % đóng góp",
                                                     "Tỷ lệ đóng góp"),
    "Nội dung công việc hỗ trợ": ("Nội dung công việc", "Công việc hỗ trợ", "Nội dung tham gia"),
    "TT": ("STT", "Số TT"),
    "Họ tên tác giả": ("Họ và tên", "Họ và tên tác giả", "Tác giả"),
    "Nam/Nữ": ("Giới tính",),
    "Chức vụ, Đơn vị công tác": ("Chức vụ, đơn vị", "Chức danh, nơi công tác", "Chức vụ - Đơn vị công tác"),
    "Chủ trì SK": ("Chủ trì", "Chủ trì sáng kiến"),
    "Tỷ lệ đóng góp": ("Tỷ lệ đóng góp (%)", "Tỷ lệ (%)", "Tỷ lệ % đóng góp"),
    "Ký tên": ("Chữ ký", "Ký xác nhận"),
    # sector
    "Lĩnh vực áp dụng sáng kiến": ("Lĩnh vực có thể áp dụng", "Lĩnh vực áp dụng", "Lĩnh vực có thể áp dụng sáng kiến",
                                   "Thuộc lĩnh vực", "Sáng kiến thuộc lĩnh vực", "LĨNH VỰC ÁP DỤNG SÁNG KIẾN"),
    "Lĩnh vực áp dụng": ("Lĩnh vực có thể áp dụng", "Thuộc lĩnh vực", "Lĩnh vực", "Lĩnh vực ứng dụng"),
    "Lĩnh vực chính": ("Lĩnh vực", "Thuộc lĩnh vực", "Lĩnh vực có thể áp dụng", "Lĩnh vực ứng dụng"),
    "SKKN thuộc lĩnh vực (môn)": ("Sáng kiến thuộc lĩnh vực", "Lĩnh vực/Môn", "Thuộc lĩnh vực (môn)", "SKKN môn",
                                  "Lĩnh vực (môn)"),
    # first applied
    "Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử": (
        "Ngày sáng kiến được áp dụng lần đầu", "Thời gian áp dụng lần đầu", "Ngày áp dụng lần đầu",
        "Ngày áp dụng lần đầu hoặc áp dụng thử", "Thời gian sáng kiến được áp dụng lần đầu"),
    "Ngày tháng năm và nơi sáng kiến được áp dụng lần đầu": (
        "Ngày và nơi áp dụng lần đầu", "Thời gian, địa điểm áp dụng sáng kiến lần đầu",
        "Ngày tháng năm, nơi áp dụng lần đầu hoặc áp dụng thử", "Thời gian và nơi áp dụng lần đầu"),
    "Thời gian áp dụng sáng kiến lần đầu": ("Thời gian áp dụng lần đầu", "Ngày áp dụng lần đầu",
                                            "Thời gian bắt đầu áp dụng", "Sáng kiến được áp dụng lần đầu"),
    "Thời điểm áp dụng lần đầu": ("Thời gian áp dụng lần đầu", "Ngày áp dụng lần đầu", "Thời gian bắt đầu áp dụng"),
    "Thời gian áp dụng": ("Thời gian áp dụng lần đầu", "Thời gian triển khai", "Bắt đầu áp dụng",
                          "Thời điểm bắt đầu áp dụng"),
    # benefit
    OPINION + "tác giả": (
        "Lợi ích thu được do áp dụng sáng kiến theo ý kiến của tác giả", "Hiệu quả đạt được",
        "Lợi ích thu được do áp dụng sáng kiến", "Đánh giá lợi ích thu được (theo ý kiến của tác giả)"),
    OPINION + "tổ chức, cá nhân đã tham gia áp dụng sáng kiến lần đầu, kể cả áp dụng thử (nếu có)": (
        "Ý kiến của đơn vị áp dụng sáng kiến", "Nhận xét của tổ chức, cá nhân đã tham gia áp dụng thử",
        "Đánh giá của tổ chức, cá nhân đã tham gia áp dụng sáng kiến lần đầu"),
    "Hiệu quả, lợi ích thu được": ("Hiệu quả đạt được", "Lợi ích thu được", "Hiệu quả của sáng kiến",
                                   "Hiệu quả kinh tế - xã hội"),
    "Hiệu quả kinh tế": ("Lợi ích kinh tế", "Hiệu quả về kinh tế", "Giá trị làm lợi", "Hiệu quả kinh tế mang lại"),
    "Hiệu quả xã hội": ("Lợi ích xã hội", "Hiệu quả về mặt xã hội", "Hiệu quả về xã hội"),
    "Đánh giá lợi ích thu được": ("Lợi ích thu được", "Hiệu quả đạt được", "Đánh giá hiệu quả"),
    "Hiệu quả của sáng kiến kinh nghiệm": (
        "Hiệu quả của sáng kiến kinh nghiệm đối với hoạt động giáo dục, với bản thân, đồng nghiệp và nhà trường",
        "Hiệu quả đạt được", "Kết quả đạt được", "Hiệu quả của sáng kiến"),
    "Hiệu quả": ("Hiệu quả đạt được", "Kết quả đạt được", "Lợi ích thu được", "Hiệu quả kinh tế - xã hội"),
    # other lines of the forms
    "Chủ đầu tư tạo ra sáng kiến": ("Chủ đầu tư", "Đơn vị đầu tư tạo ra sáng kiến"),
    "Mô tả bản chất của sáng kiến": ("Mô tả sáng kiến", "Nội dung, bản chất của sáng kiến",
                                     "Mô tả tóm tắt bản chất của sáng kiến"),
    "Những thông tin cần được bảo mật (nếu có)": ("Thông tin cần bảo mật", "Nội dung cần bảo mật (nếu có)"),
    "Những thông tin cần được bảo mật": ("Thông tin cần bảo mật", "Nội dung cần bảo mật (nếu có)"),
    "Các điều kiện cần thiết để áp dụng sáng kiến": ("Điều kiện cần thiết để áp dụng", "Điều kiện áp dụng sáng kiến",
                                                     "Các điều kiện để áp dụng"),
    "Danh sách những người đã tham gia áp dụng thử hoặc áp dụng sáng kiến lần đầu (nếu có):": (
        "Những người đã tham gia áp dụng thử hoặc áp dụng lần đầu (nếu có):",
        "Danh sách người tham gia áp dụng sáng kiến lần đầu:", "Người tham gia áp dụng thử sáng kiến (nếu có):"),
    "Tình trạng giải pháp đã biết": ("Thực trạng trước khi áp dụng sáng kiến",
                                     "Tình trạng giải pháp đã biết, nhược điểm"),
    "Nội dung sáng kiến": ("Mô tả nội dung sáng kiến", "Nội dung, giải pháp thực hiện", "Tóm tắt nội dung sáng kiến"),
    "Nội dung giải pháp": ("Mô tả giải pháp", "Nội dung, cách thức thực hiện giải pháp"),
    "Giải pháp thực hiện": ("Các giải pháp đã thực hiện", "Nội dung giải pháp"),
    "Nội dung giải pháp đề nghị công nhận là sáng kiến": ("Nội dung sáng kiến", "Mô tả giải pháp mới",
                                                          "Nội dung và cách thức thực hiện giải pháp"),
    "Khả năng áp dụng, nhân rộng": ("Khả năng nhân rộng", "Khả năng áp dụng của sáng kiến", "Phạm vi áp dụng"),
    "Nơi đang áp dụng sáng kiến": ("Nơi áp dụng", "Đơn vị đang áp dụng"),
    "Điều kiện áp dụng": ("Điều kiện cần thiết để áp dụng", "Các điều kiện áp dụng giải pháp"),
    # headings and signatures
    "ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN": ("ĐƠN ĐỀ NGHỊ CÔNG NHẬN SÁNG KIẾN", "ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN CẤP CƠ SỞ"),
    "I. THÔNG TIN CHUNG": ("I. THÔNG TIN CHUNG VỀ SÁNG KIẾN", "I. THÔNG TIN VỀ SÁNG KIẾN"),
    "II. MÔ TẢ SÁNG KIẾN": ("II. NỘI DUNG SÁNG KIẾN", "II. MÔ TẢ NỘI DUNG SÁNG KIẾN"),
    "PHẦN I: THÔNG TIN CHUNG": ("PHẦN I. THÔNG TIN CHUNG", "PHẦN I: THÔNG TIN VỀ SÁNG KIẾN"),
    "PHẦN II: NỘI DUNG SÁNG KIẾN": ("PHẦN II. NỘI DUNG SÁNG KIẾN", "PHẦN II: MÔ TẢ SÁNG KIẾN"),
    "PHẦN III: KẾT LUẬN": ("PHẦN III. KẾT LUẬN", "PHẦN III: KẾT LUẬN VÀ KIẾN NGHỊ"),
    "Người nộp đơn": ("Người làm đơn", "Tác giả"),
    "Người báo cáo": ("Tác giả", "Người viết báo cáo"),
}

# Alternatives that only make sense when the benefit states an amount of money.
MONEY_LABELS: dict[str, tuple[str, ...]] = {
    OPINION + "tác giả": ("Lợi ích kinh tế", "Giá trị làm lợi"),
    "Hiệu quả, lợi ích thu được": ("Lợi ích kinh tế", "Giá trị làm lợi", "Số tiền làm lợi"),
    "Hiệu quả": ("Lợi ích kinh tế", "Giá trị làm lợi"),
}

# Alternatives that only make sense when the first-applied date is a full day.
DAY_LABELS: dict[str, tuple[str, ...]] = {
    "Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử": ("Sáng kiến được áp dụng lần đầu từ ngày",
                                                            "Ngày áp dụng thử"),
    "Thời gian áp dụng sáng kiến lần đầu": ("Sáng kiến được áp dụng lần đầu từ ngày",),
    "Thời điểm áp dụng lần đầu": ("Ngày áp dụng thử",),
}

# What some SKKN covers write on the line above the title.
TOPIC_LINES = ("ĐỀ TÀI:", "Tên đề tài:", "ĐỀ TÀI")

# How the SKKN body says when the solutions were first applied; `{when}` is 'từ tháng 9 năm 2022' and the like.
SKKN_APPLIED = (
    "Sáng kiến được áp dụng {when} tại {unit}.",
    "Các giải pháp trên được tôi áp dụng {when} tại {unit}.",
    "Sáng kiến được triển khai {when} tại {unit}.",
    "Tôi bắt đầu áp dụng các biện pháp này {when} tại {unit}.",
)

# The first words of a council's name, and what some dossiers write instead.
COUNCIL_WORDS = ("Hội đồng sáng kiến", "Hội đồng Sáng kiến")
COUNCIL_ALTERNATIVES = ("Hội đồng xét công nhận sáng kiến", "Hội đồng Khoa học và Sáng kiến",
                        "Hội đồng đánh giá, công nhận sáng kiến")

# Spelling pairs beyond gen_facts' own (i/y and tone placement), swapped in labels, titles and sectors.
EXTRA_SPELLINGS = (("hóa", "hoá"), ("Hóa", "Hoá"), ("hòa", "hoà"), ("thủy", "thuỷ"), ("Thủy", "Thuỷ"),
                   ("Ủy", "Uỷ"), ("ủy", "uỷ"), ("kỹ", "kĩ"), ("Kỹ", "Kĩ"), ("lý", "lí"), ("khỏe", "khoẻ"))
SPELLING_RATE = 0.4

# Optional lines (and table columns) and how often a dossier leaves each out.
DROP_RATES = {
    "owner": 0.5, "secret": 0.5, "conditions": 0.4, "opinion": 0.5, "helpers": 0.4, "pledge": 0.3,
    "known": 0.3, "applicability": 0.4, "place": 0.3,
    "position": 0.25, "qualification-column": 0.25, "position-column": 0.2, "gender-column": 0.4,
    "lead-column": 0.3, "sign-column": 0.4, "co-author-none": 0.4, "addressee": 0.25,
}

# Dossier habits: how often each appears.
HABITS = {
    "notes": 0.3,  # footnote digits glued to labels in report forms, with the footnotes at the end
    "split-position-unit": 0.35,  # "Chức vụ: …" and "Đơn vị công tác: …" on two lines
    "sector-item": 0.4,  # free form: the sector as its own numbered item instead of a dash line
    "topic-line": 0.4,  # SKKN cover: "ĐỀ TÀI:" above the title
    "other-council": 0.3,  # another council of the same unit
    "council-words": 0.3,  # the council's name worded differently
    "spelling": 0.8,  # extra i/y and tone-placement spellings
}

# Where sections may come in another order: the default order first, then the alternatives.
ORDERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "don": (("owner", "sector", "date", "description", "secret", "conditions", "benefit", "opinion"),
            ("owner", "date", "sector", "description", "secret", "conditions", "benefit", "opinion"),
            ("owner", "sector", "date", "description", "benefit", "opinion", "secret", "conditions"),
            ("sector", "date", "owner", "description", "conditions", "secret", "benefit", "opinion")),
    "cover": (("title", "authors", "position", "unit"), ("title", "authors", "unit", "position"),
              ("authors", "position", "unit", "title"), ("title", "unit", "authors", "position")),
    "general": (("title", "authors", "sector", "date", "place"), ("title", "authors", "date", "place", "sector"),
                ("title", "sector", "authors", "date", "place")),
    "description": (("known", "content", "benefit", "applicability"), ("known", "content", "applicability", "benefit")),
    "report": (("sector", "description", "date", "secret", "conditions", "benefit"),
               ("date", "sector", "description", "secret", "conditions", "benefit"),
               ("sector", "date", "description", "benefit", "conditions", "secret"),
               ("description", "sector", "date", "conditions", "benefit", "secret")),
    "kv-person": (("birth", "position-unit", "qualification", "pct"),
                  ("birth", "qualification", "position-unit", "pct"),
                  ("position-unit", "birth", "qualification", "pct"),
                  ("birth", "position-unit", "pct", "qualification")),
    "skkn-cover": (("author", "position", "unit", "sector"), ("author", "unit", "position", "sector"),
                   ("author", "sector", "position", "unit"), ("sector", "author", "position", "unit")),
    "vnpt": (("sector", "date", "content"), ("date", "sector", "content"), ("content", "sector", "date")),
    "evn-person": (("position", "unit"), ("unit", "position")),
    "evn": (("sector", "date", "content", "conditions"), ("date", "sector", "content", "conditions"),
            ("content", "sector", "date", "conditions")),
    "tu-do-person": (("birth", "position", "unit"), ("position", "unit", "birth"), ("unit", "position", "birth")),
}

# The footnote texts of report forms that glue digits to their labels, by the field the label introduces.
NOTE_TEXTS = {
    "title": "Ghi đầy đủ tên sáng kiến.",
    "sector": "Lĩnh vực có thể áp dụng sáng kiến (kỹ thuật, quản lý, tác nghiệp…).",
    "date": "Ghi ngày nào sớm hơn.",
}
