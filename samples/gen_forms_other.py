"""The education, corporate and free-form dossiers ("skkn", "doanh-nghiep", "tu-do"), and the unit's
confirmation letter that travels with a Word form in multi-file dossiers."""

from __future__ import annotations

import datetime as dt
import math
import random
import textwrap

from samples.gen_arrange import arranged, kept_columns
from samples.gen_blocks import Block, PageBreak, heading, kv, para, table
from samples.gen_facts import Facts, author_truth, base_truth, name_truth
from samples.gen_layout import (
    Form,
    applied_phrase,
    header,
    label,
    lead_name,
    signature,
    signature_pair,
    signing_line,
    word,
)
from samples.gen_values import CONDITIONS, description, slash_date
from samples.gen_wording import SKKN_APPLIED, TOPIC_LINES

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
    wording = facts.wording
    author = facts.authors[0]
    lines = _title_lines(facts.title)
    province = facts.unit.province.upper()
    with_position = not wording.drops("position")
    topic = ([heading(wording.pick("topic", TOPIC_LINES, ""), size=14, space_after=2)]
             if wording.habit("topic-line") else [])  # "ĐỀ TÀI:" above the title
    cover = {
        "author": [kv(word(facts, "Người thực hiện"), author.shown, indent=35)],
        "position": [kv(word(facts, "Chức vụ"), author.position, indent=35)] if with_position else [],
        "unit": [kv(word(facts, "Đơn vị công tác"), facts.unit.written, indent=35)],
        "sector": [kv(word(facts, "SKKN thuộc lĩnh vực (môn)"), facts.sector_raw, indent=35)],
    }
    applied = wording.pick("skkn-applied", SKKN_APPLIED, SKKN_APPLIED[0])
    blocks: list[Block] = [
        heading(f"SỞ GIÁO DỤC VÀ ĐÀO TẠO {province}", size=14, space_after=1),
        heading(facts.unit.name.upper(), size=14, space_after=40),
        heading("SÁNG KIẾN KINH NGHIỆM", size=20, space_after=10),
        *topic,
        *[heading(line, size=15, space_after=1) for line in lines],
        para("", space_after=30),
        *arranged(cover, wording.order("skkn-cover")),
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
           f"{description(rng)} {applied.format(when=applied_phrase(facts.applied), unit=facts.unit.name)}"),
        kv("2.4 " + word(facts, "Hiệu quả của sáng kiến kinh nghiệm"), facts.benefit.text),
        heading("3. KẾT LUẬN, KIẾN NGHỊ", align="L"),
        kv("3.1. Kết luận", "Các biện pháp trên đã phát huy hiệu quả, phù hợp với điều kiện của nhà trường."),
        kv("3.2. Kiến nghị", _SKKN_PROSE[4]),
        signing_line(facts),
        para("Tôi xin cam đoan đây là SKKN của mình viết, không sao chép nội dung của người khác.", italic=True),
        signature_pair(("XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", facts.head.name), ("Người viết", author.name)),
    ]
    truth = base_truth(facts, [author_truth(author, birth=False, qualification=False, pct=False,
                                            position=with_position)], None)
    truth["title"] = " ".join(lines)
    return Form(blocks, truth)


_VNPT_WIDTHS = [8, 28, 12, 25, 40, 12, 14, 13]
_VNPT_OPTIONAL = {2: "gender-column", 3: "qualification-column", 5: "lead-column", 7: "sign-column"}


def _vnpt_table(facts: Facts, rng: random.Random) -> Block:
    """The VNPT author table: position and unit share one cell; the lead is marked in 'Chủ trì SK'."""
    head = [word(facts, cell) for cell in ("TT", "Họ tên tác giả", "Nam/Nữ", "Trình độ chuyên môn",
                                           "Chức vụ, Đơn vị công tác", "Chủ trì SK")]
    head += [word(facts, rng.choice(("Tỉ lệ đóng góp", "Tỷ lệ đóng góp")), key="Tỷ lệ đóng góp"), word(facts, "Ký tên")]
    rows = [[str(i), p.shown, "Nam" if p.male else "Nữ", p.qualification, f"{p.position}, {p.unit.written}",
             "x" if i == 1 else "", f"{p.pct:g}%", ""] for i, p in enumerate(facts.authors, 1)]
    keep = kept_columns(facts, len(_VNPT_WIDTHS), _VNPT_OPTIONAL)
    caption = "DANH SÁCH TÁC GIẢ, ĐỒNG TÁC GIẢ" if facts.table_caption else None
    return table([[row[i] for i in keep] for row in [head] + rows], [_VNPT_WIDTHS[i] for i in keep],
                 caption=caption, size=10.5)


def _economic(facts: Facts) -> list[Block]:
    """The benefit section of corporate forms: economic if there is money, social otherwise."""
    economic = word(facts, "Hiệu quả kinh tế")
    if facts.benefit.amount_vnd is None:
        return [kv(economic, "Chưa tính toán được thành tiền."), kv(word(facts, "Hiệu quả xã hội"), facts.benefit.text)]
    return [kv(economic, facts.benefit.text)]


def _addressee(facts: Facts) -> list[Block]:
    """'Kính gửi: <council>', unless this dossier's corporate form has no such line."""
    return [] if facts.wording.drops("addressee") else [kv("Kính gửi", facts.council, indent=25)]


def _build_vnpt(facts: Facts, rng: random.Random) -> tuple[list[Block], list[dict]]:
    authors = _vnpt_table(facts, rng)
    sections = {
        "sector": [kv(label(facts, "Lĩnh vực áp dụng", shout=False), facts.sector_raw)],
        "date": [kv(word(facts, "Thời điểm áp dụng lần đầu"), facts.applied.text)],
        "content": [kv(word(facts, "Nội dung sáng kiến"), description(rng))],
    }
    blocks = [
        *_addressee(facts),
        para(word(facts, "Chúng tôi gồm:")),
        authors,
        kv(word(facts, "Là tác giả, đồng tác giả đề nghị công nhận sáng kiến"), facts.title),
        *arranged(sections, facts.wording.order("vnpt")),
        *_economic(facts),
    ]
    with_qualification = not facts.wording.drops("qualification-column")
    return blocks, [author_truth(p, birth=False, qualification=with_qualification) for p in facts.authors]


def _build_evn(facts: Facts, rng: random.Random) -> tuple[list[Block], list[dict]]:
    wording = facts.wording
    lead, others = facts.authors[0], facts.authors[1:]
    with_position = not wording.drops("position")
    person = {
        "position": [kv(word(facts, "Chức vụ"), lead.position)] if with_position else [],
        "unit": [kv(word(facts, "Đơn vị"), facts.unit.written)],
    }
    blocks = [
        *_addressee(facts),
        para("Đề nghị xét công nhận giải pháp sau đây là sáng kiến:"),
        kv(word(facts, "Tên giải pháp"), facts.title),
        kv(word(facts, "Tác giả"), lead.shown),
        *arranged(person, wording.order("evn-person")),
    ]
    if others:
        blocks.append(kv(word(facts, "Đồng tác giả"), ", ".join(p.shown for p in others)))
    sections = {
        "sector": [kv(label(facts, "Lĩnh vực áp dụng", shout=False), facts.sector_raw)],
        "date": [kv(word(facts, "Thời điểm áp dụng lần đầu"), facts.applied.text)],
        "content": [kv(word(facts, "Nội dung giải pháp"), description(rng))],
        "conditions": [kv(word(facts, "Điều kiện áp dụng"), rng.choice(CONDITIONS))],
    }
    if wording.drops("conditions"):
        del sections["conditions"]
    blocks += [
        heading("A. Mô tả giải pháp", align="L"),
        *arranged(sections, wording.order("evn"), style="1"),
        heading("B. Hiệu quả của giải pháp", align="L"),
        *_economic(facts),
    ]
    truth = [author_truth(lead, birth=False, qualification=False, pct=False, position=with_position)]
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
    addressee = None if facts.wording.drops("addressee") else facts.council
    return Form(blocks, base_truth(facts, authors, addressee))


def _tu_do_author(facts: Facts, rng: random.Random, with_birth: bool) -> list[Block]:
    """The dash lines under '2. Tác giả': birth date, position, workplace (in the dossier's order), co-authors."""
    lead, others = facts.authors[0], facts.authors[1:]
    lines = {"unit": [kv("- " + word(facts, "Đơn vị công tác"), facts.unit.written, indent=5)]}
    if with_birth:
        lines["birth"] = [kv("- " + word(facts, "Ngày sinh"), slash_date(rng, lead.birth), indent=5)]
    if not facts.wording.drops("position"):
        lines["position"] = [kv("- " + word(facts, "Chức vụ"), lead.position, indent=5)]
    blocks = arranged(lines, facts.wording.order("tu-do-person"))
    if others:
        blocks.append(kv("- " + word(facts, "Đồng tác giả"), ", ".join(p.shown for p in others), indent=5))
    return blocks


def build_tu_do(facts: Facts, rng: random.Random) -> Form:
    """A free-form Word dossier: 'PHẦN I: THÔNG TIN CHUNG', the title on its own line in double quotes."""
    lead, others = facts.authors[0], facts.authors[1:]
    opening, closing = rng.choice((("“", "”"), ('"', '"')))
    with_birth = rng.random() < 0.5
    title_label = word(facts, "Tên sáng kiến")
    blocks: list[Block] = [
        heading(label(facts, "PHẦN I: THÔNG TIN CHUNG"), align="L"),
        para(rng.choice((f"1. {title_label}", f"1. {title_label}:")), bold=True, space_after=0.5),
        para(f"{opening}{facts.title}{closing}", align="C", bold=True),
        kv("2. " + word(facts, "Tác giả"), lead.shown),
        *_tu_do_author(facts, rng, with_birth),
    ]
    sector, date = label(facts, "Lĩnh vực chính", shout=False), word(facts, "Thời gian áp dụng")
    if facts.wording.habit("sector-item"):  # the sector as an item of its own
        blocks += [kv("3. " + sector, facts.sector_raw), kv("4. " + date, facts.applied.text)]
    else:
        blocks += [kv("- " + sector, facts.sector_raw, indent=5), kv("3. " + date, facts.applied.text)]
    blocks += [
        heading(label(facts, "PHẦN II: NỘI DUNG SÁNG KIẾN"), align="L"),
        kv("1. Thực trạng trước khi áp dụng sáng kiến", description(rng, (1, 2))),
        kv("2. " + word(facts, "Giải pháp thực hiện"), description(rng)),
        kv("3. " + word(facts, "Hiệu quả"), facts.benefit.text),
        heading(label(facts, "PHẦN III: KẾT LUẬN"), align="L"),
        para(rng.choice(CONDITIONS)),
        signing_line(facts),
        *signature("Người viết sáng kiến", "(Ký, ghi rõ họ tên)", lead.name),
    ]
    position = not facts.wording.drops("position")
    truth = [author_truth(lead, birth=with_birth, qualification=False, pct=False, position=position)]
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
