"""Real-dossier layouts met in the third held-out set (issue #16), in our own words:

- `real-tick-boxes`: an SKKN cover whose sector is a list of tick boxes ("- Quản lý giáo dục ☐", "- Lĩnh vực khác:
  <sector> ☒"); the chosen option is ticked, or (the tick lost, as text extraction loses it) only filled in.
- `real-benefit-subsections`: a description whose "V. HIỆU QUẢ KINH TẾ" runs over numbered subsections, each a small
  table of items (an amount in tỷ with a decimal point as software writes it, "1.6 tỷ/năm"), the last one a summary
  table ending in a bare "Tổng" row; its written sector goes on to say what the initiative is for.
- `real-prose-form`: an application whose form items are headings without colons answered in prose (met in the
  fourth held-out set): the authors counted in a sentence ("Ba chúng tôi - cô A, cô B và cô C - …"), the first day
  applied in words inside a story of other dates, the savings itemised afresh ("1. Tiết kiệm …: …") before the total
  line, and the unit written after the teacher's class ("lớp Chồi 1 - Trường …").
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from samples.gen_blocks import Block, heading, kv, para, table
from samples.gen_facts import Facts, base_truth, name_truth
from samples.gen_forms_real_labels import number_words
from samples.gen_layout import Form, lead_name, motto, signature, signing_line
from samples.gen_values import Benefit, description, dotted

_OPTIONS = ("- Quản lý giáo dục ☐", "- Phương pháp dạy học bộ môn: ☐")  # printed options nobody chose
_PURPOSES = ("nhằm nâng cao chất lượng phục vụ người dân", "để rút ngắn thời gian xử lý công việc",
             "góp phần giảm chi phí vận hành của đơn vị")
# Subsections of a benefit heading: (heading, item label) — an item saved per year, in our own words.
_SUBSECTIONS = (("Tiết kiệm thời gian của người lao động", "Quy đổi ngày công tiết kiệm"),
                ("Tiết kiệm nhiên liệu đi lại", "Xăng xe tiết kiệm"),
                ("Tiết kiệm chi phí in ấn", "Giấy, mực in tiết kiệm"),
                ("Giảm thuê dịch vụ bên ngoài", "Chi phí thuê ngoài giảm được"))


def _cover(facts: Facts) -> list[Block]:
    return motto(facts) + [heading("SÁNG KIẾN KINH NGHIỆM", size=18, space_after=6),
                           heading(facts.title.upper(), size=14, space_after=8),
                           kv("Người thực hiện", facts.authors[0].shown, indent=30),
                           kv("Đơn vị công tác", facts.unit.written, indent=30)]


def build_tick_boxes(facts: Facts, rng: random.Random) -> Form:
    """An SKKN cover choosing its sector among tick boxes."""
    tick = rng.choice(("☒", "☐"))  # ☐: the box left empty, the option only filled in
    boxes = [para(option, indent=30) for option in _OPTIONS]
    boxes.append(para(f"- Lĩnh vực khác: {facts.sector_raw} {tick}", indent=30))
    blocks = _cover(facts) + [
        kv("Lĩnh vực nghiên cứu", "", indent=30), *boxes,
        para("Có đính kèm: ☐ Mô hình ☐ Phần mềm ☐ Phim ảnh ☐ Hiện vật khác", indent=30),
        heading(f"Năm học {facts.signed.year - 1}-{facts.signed.year}", size=13),
        kv("1. Lý do chọn đề tài", description(rng)),
        kv("2. Ngày sáng kiến được áp dụng lần đầu", facts.applied.text),
        kv("3. Hiệu quả, lợi ích thu được", facts.benefit.text),
        signing_line(facts),
        *signature("Người viết sáng kiến", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    return Form(blocks, base_truth(facts, [name_truth(facts.authors[0])], None, unit=facts.unit.written))


def _written(amount: int) -> str:
    """An amount as software writes it: in tỷ with a decimal point from 1 tỷ on ("1.6 tỷ"), else in triệu."""
    return f"{amount / 10**9:g} tỷ" if amount >= 10**9 else f"{amount // 10**6} triệu"


def build_benefit_subsections(facts: Facts, rng: random.Random) -> Form:
    """A description whose benefit heading runs over subsections of item tables and a summary table."""
    parts = rng.sample(_SUBSECTIONS, rng.randint(2, 3))
    # a large first item written in tỷ with one decimal, the others in whole tens of triệu
    amounts = [rng.randint(11, 25) * 10**8] + [rng.randint(2, 45) * 10**7 for _ in parts[1:]]
    total = sum(amounts)
    facts = replace(facts, benefit=Benefit(f"Tổng giá trị làm lợi {_written(total)}/năm.", total, True))
    section: list[Block] = [heading("V. HIỆU QUẢ KINH TẾ VÀ XÃ HỘI", align="L")]
    for n, ((title, item), amount) in enumerate(zip(parts, amounts), 1):
        section += [para(f"5.{n}. {title}"),
                    table([["Chỉ số", "Giá trị"], ["Số người áp dụng", str(rng.randint(20, 150))],
                           [item, f"{_written(amount)}/năm"]], [80, 60])]
    summary = [["Hạng mục", "Giá trị"]] + [[title, f"{_written(a)}/năm"] for (title, _), a in zip(parts, amounts)]
    section += [para(f"5.{len(parts) + 1}. Tổng hiệu quả năm đầu"),
                table(summary + [["Tổng", f"~{_written(total)} đồng/năm"]], [80, 60]),
                heading("VI. KHẢ NĂNG ÁP DỤNG", align="L"), para("Có thể áp dụng cho các đơn vị cùng ngành.")]
    written = f"{facts.sector_raw} {rng.choice(_PURPOSES)}"
    blocks = motto(facts) + [
        heading("BÁO CÁO MÔ TẢ SÁNG KIẾN", size=14, space_after=4),
        kv("Tên sáng kiến", facts.title),
        kv("Tác giả", ", ".join(p.shown for p in facts.authors)),
        kv("Đơn vị công tác", facts.unit.written),
        kv("Lĩnh vực áp dụng", written),
        kv("Ngày sáng kiến được áp dụng lần đầu", facts.applied.text),
        kv("IV. Mô tả giải pháp", description(rng)),
        *section,
        signing_line(facts),
        *signature("Tác giả", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    truth = base_truth(facts, [name_truth(p) for p in facts.authors], None, unit=facts.unit.written)
    truth["sector"]["raw"] = written
    return Form(blocks, truth)


_COUNTS = {2: "Hai", 3: "Ba", 4: "Bốn"}


def build_prose_form(facts: Facts, rng: random.Random) -> Form:
    """An application answering its numbered items in prose, under headings without colons."""
    people = facts.authors[:4] if len(facts.authors) > 1 else facts.authors
    names = [f"{'thầy' if p.male else 'cô'} {p.name}" for p in people]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
    who = (f"{_COUNTS[len(names)]} chúng tôi - {listed} - cùng thực hiện sáng kiến này tại đơn vị."
           if len(names) > 1 else f"Tôi tên là {listed}, trực tiếp thực hiện sáng kiến này tại đơn vị.")
    day = facts.applied.day
    survey = day.replace(day=1) - dt.timedelta(days=rng.randint(40, 90))
    in_words = f"ngày {number_words(day.day)} tháng {number_words(day.month)} năm {number_words(day.year)}"
    story = (f"Chúng tôi bắt đầu khảo sát từ tháng {number_words(survey.month)} năm {survey.year}. "
             f"Đến {in_words}, giải pháp được áp dụng thử nghiệm lần đầu tại đơn vị. "
             f"Sau đó giải pháp được áp dụng chính thức.")
    items = [(what, rng.randint(5, 40) * 100_000) for what in rng.sample(("in ấn", "văn phòng phẩm", "điện thoại",
                                                                         "đi lại"), rng.randint(2, 3))]
    total = sum(a for _, a in items)
    facts = replace(facts, benefit=Benefit(f"Tổng số tiền làm lợi {dotted(total)} đồng/năm.", total, True))
    unit = f"{rng.choice(('lớp Chồi 1', 'lớp Lá 2', 'lớp Mầm 3'))} - {facts.unit.written}"
    blocks = motto(facts) + [
        heading("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", size=14, space_after=4),
        kv("Kính gửi", facts.council, indent=25),
        para("1. Tên sáng kiến"), para(f"“{facts.title}”"),
        para("2. Thông tin tác giả"), para(who),
        para("3. Lĩnh vực áp dụng sáng kiến"), para(f"Sáng kiến thuộc lĩnh vực {facts.sector_raw.lower()}."),
        para(rng.choice(("4. Ngày sáng kiến được áp dụng lần đầu", "4. Thời điểm bắt đầu áp dụng"))), para(story),
        para("5. Hiệu quả kinh tế"), para("5.1. Cách tính số tiền làm lợi"),
        *[para(f"{n}. Tiết kiệm chi phí {what}: {dotted(a)} đ/năm") for n, (what, a) in enumerate(items, 1)],
        para(f"TỔNG SỐ TIỀN LÀM LỢI: {dotted(total)} đồng/năm", bold=True),
        para("6. Hiệu quả xã hội"), para("Giáo viên có thêm thời gian chăm sóc, giáo dục trẻ."),
        signing_line(facts),
        kv("Đơn vị", unit),
        *signature("Người nộp đơn", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    truth = base_truth(facts, [name_truth(p) for p in people], facts.council, unit=facts.unit.written)
    truth["first_applied"] = day.isoformat()
    truth["sector"]["raw"] = facts.sector_raw.lower()
    return Form(blocks, truth)
