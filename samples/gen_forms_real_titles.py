"""Real-dossier layouts for the title and the sector (issue #16), in our own words:

- `real-subject-line`: a submission ("TỜ TRÌNH") whose only title is its subject line "V/v: <request> <title>".
- `real-project-line`: a project paper that names the work "Đề án: <title>" and has no title label.
- `real-heading-title`: a description report with the title in capitals under its heading, no title label; the
  sector written as a list of fields, the main one first ("Giáo dục, Công nghệ thông tin").
- `real-quoted-title`: the title only in quotes inside the lead-in sentence.
- `real-page-heading`: a document site's page: "Sáng kiến kinh nghiệm <title>" as its heading, then the form's
  numbered items (the form's own heading under them).
- `real-list-entry`: the first entry of a published list of recognised initiatives: "1. <title>" then
  "- Chủ nhiệm: …", "- Thành viên: …".
- `real-bracket-authors`: the authors and the unit in brackets after the title ("… (A, B, @Trường X)").
- `real-it-system`: a company's software system for a non-IT job (canteen, stores, shifts) with no sector line:
  the text is full of the job's words (vận hành, thiết bị, sản xuất), the sector is still IT.
"""

from __future__ import annotations

import random

from samples.gen_blocks import Block, heading, kv, para
from samples.gen_facts import Facts, author_truth, base_truth, name_truth
from samples.gen_layout import Form, lead_name, motto, signature, signing_line
from samples.gen_sectors import SECTORS
from samples.gen_values import description

_REQUESTS = ("Phê duyệt triển khai", "Đề nghị công nhận sáng kiến", "Xin phê duyệt áp dụng",
             "Đề nghị xét công nhận sáng kiến cấp cơ sở:")
_LEAD_INS = (
    "Nhóm tác giả xin giới thiệu sáng kiến “{title}”, được xây dựng từ thực tiễn công việc của đơn vị.",
    "Tôi xin trình bày giải pháp “{title}” mà tôi đã thực hiện trong thời gian qua.",
    "Sau một thời gian nghiên cứu, chúng tôi hoàn thành đề tài “{title}” và báo cáo như sau.",
)
_PAGE_PREFIX = {"school": "Sáng kiến kinh nghiệm"}
# Software systems for a job that is not IT, written by us; each names the software words a council files as IT.
_IT_TITLES = (
    "Phần mềm đặt lịch sử dụng xe công vụ cho các phòng ban",
    "Hệ thống quét mã QR điểm danh ca làm việc tại phân xưởng",
    "Ứng dụng di động ghi nhận sự cố thiết bị cho tổ vận hành",
    "Nền tảng số quản lý kho vật tư dự phòng của nhà máy",
    "Phần mềm quản lý đăng ký suất ăn ca cho công nhân",
    "Hệ thống cơ sở dữ liệu theo dõi bảo dưỡng máy móc sản xuất",
)
_IT_BODY = (
    "Trước đây việc theo dõi được làm thủ công trên sổ giấy, mỗi ca vận hành mất nhiều giờ tổng hợp; thiết bị "
    "và vật tư của nhà máy được kiểm đếm cuối tháng nên sai lệch thường phát hiện muộn, ảnh hưởng đến sản xuất.",
    "Giải pháp xây dựng phần mềm chạy trên máy chủ nội bộ, người lao động nhập dữ liệu bằng điện thoại; số liệu "
    "được tổng hợp tự động thành báo cáo cho lãnh đạo phân xưởng.",
)


def _named_authors(facts: Facts) -> tuple[Block, list[dict]]:
    """'Tác giả: A, B' and the truth of authors named without details."""
    block = kv("Tác giả", ", ".join(p.shown for p in facts.authors))
    return block, [name_truth(p) for p in facts.authors]


def _field_pairs(facts: Facts, rng: random.Random, sector: str | None = None) -> list[tuple[str, str]]:
    """The unit, sector, first-applied date, description and benefit as (label, value)."""
    return [("Đơn vị công tác", facts.unit.written),
            ("Lĩnh vực áp dụng sáng kiến", sector or facts.sector_raw),
            ("Thời gian áp dụng lần đầu", facts.applied.text),
            ("Mô tả bản chất của sáng kiến", description(rng)),
            ("Hiệu quả, lợi ích thu được", facts.benefit.text)]


def _fields(facts: Facts, rng: random.Random, sector: str | None = None) -> list[Block]:
    return [kv(label, value) for label, value in _field_pairs(facts, rng, sector)]


def build_subject_line(facts: Facts, rng: random.Random) -> Form:
    """A submission titled only by its "V/v:" line, addressed by "Kính gửi"."""
    authors, truth = _named_authors(facts)
    blocks = motto(facts) + [
        heading("TỜ TRÌNH", size=14, space_after=1),
        para(f"V/v: {rng.choice(_REQUESTS)} {facts.title}", align="C", italic=True),
        kv("Kính gửi", facts.council, indent=25),
        heading("I. SỰ CẦN THIẾT", align="L"),
        para("Công việc hằng ngày của đơn vị còn nhiều khâu làm thủ công, tốn thời gian và dễ sai sót."),
        heading("II. NỘI DUNG ĐỀ XUẤT", align="L"),
        authors,
        *_fields(facts, rng),
        para(f"Kính trình {facts.council} xem xét, phê duyệt."),
        signing_line(facts),
        *signature("Người trình", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    return Form(blocks, base_truth(facts, truth, facts.council))


def build_project_line(facts: Facts, rng: random.Random) -> Form:
    """A project paper that opens "Đề án: <title>"; numbered sections, addressed to nobody."""
    authors, truth = _named_authors(facts)
    blocks = [
        para(f"Đề án: {facts.title}", align="C", bold=True, size=14),
        heading("1. Tóm tắt đề án", align="L"),
        para("Đề án đề xuất cách làm mới giúp giảm thời gian và chi phí của công việc thường xuyên."),
        heading("2. Người thực hiện", align="L"),
        authors,
        heading("3. Thông tin áp dụng", align="L"),
        *_fields(facts, rng),
    ]
    return Form(blocks, base_truth(facts, truth, None))


def _other_sector_raw(facts: Facts, rng: random.Random) -> str:
    """A field of another sector, listed after the main one."""
    return rng.choice(rng.choice([s for s in SECTORS if s.code != facts.sector_code]).raws)


def _capital_lines(title: str) -> list[str]:
    """The title in capitals, broken in two lines when long (as a centred heading is)."""
    words = title.upper().split()
    if len(words) < 10:
        return [" ".join(words)]
    half = (len(words) + 1) // 2
    return [" ".join(words[:half]), " ".join(words[half:])]


def build_heading_title(facts: Facts, rng: random.Random) -> Form:
    """A description report with its title in capitals under the heading; the sector a list of fields."""
    authors, truth = _named_authors(facts)
    listed = f"{facts.sector_raw}{rng.choice((', ', '; ', ' – '))}{_other_sector_raw(facts, rng)}"
    blocks = motto(facts) + [
        heading(rng.choice(("BÁO CÁO MÔ TẢ SÁNG KIẾN", "BẢN MÔ TẢ SÁNG KIẾN", "BẢN THUYẾT MINH SÁNG KIẾN",
                            "SÁNG KIẾN CẢI TIẾN")),
                size=14, space_after=1),
        *(heading(line, size=13.5, space_after=0.5) for line in _capital_lines(facts.title)),
        para("", space_after=3),
        authors,
        *_fields(facts, rng, sector=listed),
        signing_line(facts),
        *signature("Tác giả", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    form = base_truth(facts, truth, None)
    form["sector"]["raw"] = listed
    return Form(blocks, form)


def build_quoted_title(facts: Facts, rng: random.Random) -> Form:
    """A report whose title is only quoted in its lead-in sentence."""
    authors, truth = _named_authors(facts)
    blocks = motto(facts) + [
        heading("BÁO CÁO SÁNG KIẾN", size=14, space_after=4),
        kv("Kính gửi", facts.council, indent=25),
        para(rng.choice(_LEAD_INS).format(title=facts.title)),
        authors,
        *_fields(facts, rng),
        signing_line(facts),
        *signature("Người báo cáo", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    return Form(blocks, base_truth(facts, truth, facts.council))


def build_page_heading(facts: Facts, rng: random.Random) -> Form:
    """A document site's page: the kind and the title as one heading, the form's items, then the form's top."""
    prefix = _PAGE_PREFIX.get(facts.unit.domain, "Báo cáo sáng kiến")
    pairs = [("Tác giả", ", ".join(p.shown for p in facts.authors)), *_field_pairs(facts, rng)]
    numbered = [kv(f"{i}. {label}", value) for i, (label, value) in enumerate(pairs, 1)]
    truth = [name_truth(p) for p in facts.authors]
    blocks = [heading(f"{prefix} {facts.title}", size=14, space_after=3), *numbered,
              *motto(facts), heading("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", size=14)]
    return Form(blocks, base_truth(facts, truth, None))


def build_list_entry(facts: Facts, rng: random.Random) -> Form:
    """A unit's published list of recognised initiatives; the dossier is its first entry."""
    lead, others = facts.authors[0], facts.authors[1:]
    members = [kv("- Thành viên", ", ".join(p.shown for p in others))] if others else []
    blocks = [
        heading(f"DANH SÁCH SÁNG KIẾN ĐƯỢC CÔNG NHẬN NĂM {facts.signed.year}", size=14, space_after=2),
        para(f"Hội đồng đã xét và công nhận các sáng kiến của {facts.unit.written} như sau:"),
        para(f"1. {facts.title}", bold=True),
        kv("- Chủ nhiệm", lead.shown),
        *members,
        kv("- Đơn vị", facts.unit.written),
        kv("- Lĩnh vực", facts.sector_raw),
        kv("- Thời gian áp dụng lần đầu", facts.applied.text),
        kv("- Hiệu quả", facts.benefit.text),
    ]
    truth = [author_truth(lead, birth=False, position=False, qualification=False, pct=False, workplace=False)]
    return Form(blocks, base_truth(facts, truth + [name_truth(p) for p in others], None))


def build_bracket_authors(facts: Facts, rng: random.Random) -> Form:
    """A description whose title line ends with the authors and the unit in brackets."""
    names = ", ".join(p.name for p in facts.authors)  # no "Ông"/"ThS." inside a bracket
    blocks = motto(facts) + [
        heading("MÔ TẢ SÁNG KIẾN", size=14, space_after=4),
        kv("Tên sáng kiến", f"{facts.title} ({names}, @{facts.unit.written})"),
        *_fields(facts, rng),
    ]
    return Form(blocks, base_truth(facts, [name_truth(p) for p in facts.authors], None))


def build_it_system(facts: Facts, rng: random.Random) -> Form:
    """A company's software for a non-IT job, no sector line: the sector is IT all the same."""
    title = facts.spell(rng.choice(_IT_TITLES))
    authors, truth = _named_authors(facts)
    blocks = motto(facts) + [
        heading("BÁO CÁO SÁNG KIẾN", size=14, space_after=4),
        kv("Tên sáng kiến", title),
        authors,
        kv("Đơn vị công tác", facts.unit.written),
        kv("Thời gian áp dụng lần đầu", facts.applied.text),
        *(para(text) for text in _IT_BODY),
        kv("Hiệu quả, lợi ích thu được", facts.benefit.text),
        signing_line(facts),
        *signature("Tác giả", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    form = base_truth(facts, truth, None)
    form["title"], form["sector"] = title, {"code": "cntt", "raw": None}
    return Form(blocks, form)
