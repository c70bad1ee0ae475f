"""The education, corporate and free-form dossiers ("skkn", "doanh-nghiep", "tu-do"), and the unit's
confirmation letter that travels with a Word form in multi-file dossiers."""

from __future__ import annotations

import datetime as dt
import math
import random
import textwrap

from samples.gen_blocks import Block, PageBreak, heading, kv, para, table
from samples.gen_facts import Facts, author_truth, base_truth, name_truth
from samples.gen_layout import (Form, applied_phrase, header, label, lead_name, signature, signature_pair,
                                signing_line)
from samples.gen_values import CONDITIONS, description, slash_date

_SKKN_PROSE = (
    "Trong những năm gần đây, ngành giáo dục đã có nhiều đổi mới về nội dung và phương pháp dạy học.",
    "Qua thực tế giảng dạy, tôi nhận thấy học sinh còn lúng túng, thiếu hứng thú với nội dung này.",
    "Việc tổ chức các hoạt động học tập đa dạng giúp học sinh chủ động chiếm lĩnh kiến thức.",
    "Đầu năm học, kết quả khảo sát cho thấy tỷ lệ học sinh đạt yêu cầu còn thấp.",
    "Giáo viên cần tiếp tục bồi dưỡng chuyên môn, đổi mới phương pháp và ứng dụng công nghệ thông tin.",
)


def _title_lines(title: str) -> list[str]:
    """The SKKN title in capitals, wrapped over two or three lines."""
    upper = title.upper()
    count = 2 if len(upper) <= 70 else 3
    return textwrap.wrap(upper, width=math.ceil(len(upper) / count) + 3)


def build_skkn(facts: Facts, rng: random.Random) -> Form:
    """SÁNG KIẾN KINH NGHIỆM: a cover page with the title in capitals, then the numbered body.

    The first-applied date appears only in the body; the cover's year is the year of writing.
    """
    author = facts.authors[0]
    lines = _title_lines(facts.title)
    province = facts.unit.province.upper()
    blocks: list[Block] = [
        heading(f"SỞ GIÁO DỤC VÀ ĐÀO TẠO {province}", size=14, space_after=1),
        heading(facts.unit.name.upper(), size=14, space_after=40),
        heading("SÁNG KIẾN KINH NGHIỆM", size=20, space_after=10),
        *[heading(line, size=15, space_after=1) for line in lines],
        para("", space_after=30),
        kv("Người thực hiện", author.shown, indent=35),
        kv("Chức vụ", author.position, indent=35),
        kv("Đơn vị công tác", facts.unit.written, indent=35),
        kv("SKKN thuộc lĩnh vực (môn)", facts.sector_raw, indent=35),
        para("", space_after=40),
        heading(facts.spell(f"{province} NĂM {facts.signed.year}"), size=14),
        PageBreak(),
        heading("1. MỞ ĐẦU", align="L"),
        kv(facts.spell("1.1. Lí do chọn đề tài"), " ".join(rng.sample(_SKKN_PROSE[:3], 2))),
        kv("1.2. Mục đích nghiên cứu", "Tìm ra biện pháp phù hợp, nâng cao chất lượng giáo dục tại đơn vị."),
        heading("2. NỘI DUNG", align="L"),
        kv("2.1. Cơ sở lí luận của sáng kiến kinh nghiệm", _SKKN_PROSE[2]),
        kv("2.2. Thực trạng vấn đề trước khi áp dụng sáng kiến kinh nghiệm", _SKKN_PROSE[3]),
        kv("2.3. Các giải pháp đã sử dụng để giải quyết vấn đề",
           f"{description(rng)} Sáng kiến được áp dụng {applied_phrase(facts.applied)} tại {facts.unit.name}."),
        kv("2.4 Hiệu quả của sáng kiến kinh nghiệm", facts.benefit.text),
        heading("3. KẾT LUẬN, KIẾN NGHỊ", align="L"),
        kv("3.1. Kết luận", "Các biện pháp trên đã phát huy hiệu quả, phù hợp với điều kiện của nhà trường."),
        kv("3.2. Kiến nghị", _SKKN_PROSE[4]),
        signing_line(facts),
        para("Tôi xin cam đoan đây là SKKN của mình viết, không sao chép nội dung của người khác.", italic=True),
        signature_pair(("XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", facts.head.name), ("Người viết", author.name)),
    ]
    truth = base_truth(facts, [author_truth(author, birth=False, qualification=False, pct=False)], None)
    truth["title"] = " ".join(lines)
    return Form(blocks, truth)


def _vnpt_table(facts: Facts, rng: random.Random) -> Block:
    """The VNPT author table: position and unit share one cell; the lead is marked in 'Chủ trì SK'."""
    head = ["TT", "Họ tên tác giả", "Nam/Nữ", "Trình độ chuyên môn", "Chức vụ, Đơn vị công tác", "Chủ trì SK",
            rng.choice(("Tỉ lệ đóng góp", "Tỷ lệ đóng góp")), "Ký tên"]
    rows = [[str(i), p.shown, "Nam" if p.male else "Nữ", p.qualification, f"{p.position}, {p.unit.written}",
             "x" if i == 1 else "", f"{p.pct:g}%", ""] for i, p in enumerate(facts.authors, 1)]
    caption = "DANH SÁCH TÁC GIẢ, ĐỒNG TÁC GIẢ" if facts.table_caption else None
    return table([head] + rows, [8, 28, 12, 25, 40, 12, 14, 13], caption=caption, size=10.5)


def _economic(facts: Facts) -> list[Block]:
    """The benefit section of corporate forms: economic if there is money, social otherwise."""
    if facts.benefit.amount_vnd is None:
        return [kv("Hiệu quả kinh tế", "Chưa tính toán được thành tiền."), kv("Hiệu quả xã hội", facts.benefit.text)]
    return [kv("Hiệu quả kinh tế", facts.benefit.text)]


def _build_vnpt(facts: Facts, rng: random.Random) -> tuple[list[Block], list[dict]]:
    blocks = [
        kv("Kính gửi", facts.council, indent=25),
        para("Chúng tôi gồm:"),
        _vnpt_table(facts, rng),
        kv("Là tác giả, đồng tác giả đề nghị công nhận sáng kiến", facts.title),
        kv(label(facts, "Lĩnh vực áp dụng", shout=False), facts.sector_raw),
        kv("Thời điểm áp dụng lần đầu", facts.applied.text),
        kv("Nội dung sáng kiến", description(rng)),
        *_economic(facts),
    ]
    return blocks, [author_truth(p, birth=False) for p in facts.authors]


def _build_evn(facts: Facts, rng: random.Random) -> tuple[list[Block], list[dict]]:
    lead, others = facts.authors[0], facts.authors[1:]
    blocks = [
        kv("Kính gửi", facts.council, indent=25),
        para("Đề nghị xét công nhận giải pháp sau đây là sáng kiến:"),
        kv("Tên giải pháp", facts.title),
        kv("Tác giả", lead.shown),
        kv("Chức vụ", lead.position),
        kv("Đơn vị", facts.unit.written),
    ]
    if others:
        blocks.append(kv("Đồng tác giả", ", ".join(p.shown for p in others)))
    blocks += [
        heading("A. Mô tả giải pháp", align="L"),
        kv(label(facts, "1. Lĩnh vực áp dụng", shout=False), facts.sector_raw),
        kv("2. Thời điểm áp dụng lần đầu", facts.applied.text),
        kv("3. Nội dung giải pháp", description(rng)),
        kv("4. Điều kiện áp dụng", rng.choice(CONDITIONS)),
        heading("B. Hiệu quả của giải pháp", align="L"),
        *_economic(facts),
    ]
    truth = [author_truth(lead, birth=False, qualification=False, pct=False)]
    return blocks, truth + [name_truth(p) for p in others]


def build_doanh_nghiep(facts: Facts, rng: random.Random) -> Form:
    """Corporate application: the VNPT author table, or the EVN 'Tên giải pháp' layout."""
    vnpt = facts.unit.domain == "telecom" or (facts.unit.domain == "company" and rng.random() < 0.5)
    body, authors = (_build_vnpt if vnpt else _build_evn)(facts, rng)
    blocks = header(facts, with_agency=True) + [
        heading(rng.choice(("ĐƠN ĐỀ NGHỊ CÔNG NHẬN SÁNG KIẾN", "PHIẾU ĐĂNG KÝ SÁNG KIẾN")), size=14, space_after=4),
        *body,
        signing_line(facts),
        *signature("Chủ trì sáng kiến" if vnpt else "Tác giả", "(Ký, ghi rõ họ tên)", lead_name(facts)),
    ]
    return Form(blocks, base_truth(facts, authors, facts.council))


def build_tu_do(facts: Facts, rng: random.Random) -> Form:
    """A free-form Word dossier: 'PHẦN I: THÔNG TIN CHUNG', the title on its own line in double quotes."""
    lead, others = facts.authors[0], facts.authors[1:]
    opening, closing = rng.choice((("“", "”"), ('"', '"')))
    with_birth = rng.random() < 0.5
    blocks: list[Block] = [
        heading(label(facts, "PHẦN I: THÔNG TIN CHUNG"), align="L"),
        para(rng.choice(("1. Tên sáng kiến", "1. Tên sáng kiến:")), bold=True, space_after=0.5),
        para(f"{opening}{facts.title}{closing}", align="C", bold=True),
        kv("2. Tác giả", lead.shown),
    ]
    if with_birth:
        blocks.append(kv("- Ngày sinh", slash_date(rng, lead.birth), indent=5))
    blocks += [kv("- Chức vụ", lead.position, indent=5), kv("- Đơn vị công tác", facts.unit.written, indent=5)]
    if others:
        blocks.append(kv("- Đồng tác giả", ", ".join(p.shown for p in others), indent=5))
    blocks += [
        kv(label(facts, "- Lĩnh vực chính", shout=False), facts.sector_raw, indent=5),
        kv("3. Thời gian áp dụng", facts.applied.text),
        heading(label(facts, "PHẦN II: NỘI DUNG SÁNG KIẾN"), align="L"),
        kv("1. Thực trạng trước khi áp dụng sáng kiến", description(rng, (1, 2))),
        kv("2. Giải pháp thực hiện", description(rng)),
        kv("3. Hiệu quả", facts.benefit.text),
        heading(label(facts, "PHẦN III: KẾT LUẬN"), align="L"),
        para(rng.choice(CONDITIONS)),
        signing_line(facts),
        *signature("Người viết sáng kiến", "(Ký, ghi rõ họ tên)", lead.name),
    ]
    truth = [author_truth(lead, birth=with_birth, qualification=False, pct=False)]
    truth += [name_truth(p) for p in others]
    return Form(blocks, base_truth(facts, truth, None))


def build_confirmation(facts: Facts, rng: random.Random) -> list[Block]:
    """The unit's one-page confirmation that the initiative was applied and had effect (no author table)."""
    names = ", ".join(person.name for person in facts.authors)
    day = facts.signed + dt.timedelta(days=rng.randint(1, 20))
    return header(facts, with_agency=True) + [
        heading("GIẤY XÁC NHẬN", size=15, space_after=1),
        heading("Xác nhận của đơn vị áp dụng sáng kiến", size=13, space_after=6),
        para(f"{facts.unit.name} xác nhận sáng kiến “{facts.title}” của {names} đã được áp dụng tại đơn vị "
             f"{applied_phrase(facts.applied)}."),
        para("Qua thời gian áp dụng, sáng kiến mang lại hiệu quả thiết thực. " + facts.benefit.text),
        para("Đơn vị xác nhận các nội dung trên là đúng sự thật."),
        signing_line(facts, day),
        *signature("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)", facts.head.name),
    ]
