"""The three public-sector forms: the TT 18/2013 application ("don-tt18"), the description report with a cover
page ("ban-mo-ta") and the numbered key-value report ("bao-cao-kv")."""

from __future__ import annotations

import random
from dataclasses import replace

from samples.gen_blocks import Block, PageBreak, heading, kv, para, table
from samples.gen_facts import Facts, Person, author_truth, base_truth
from samples.gen_layout import (Form, footnotes, header, label, lead_name, motto, note, signature, signature_pair,
                                signing_line)
from samples.gen_pools import PROVINCES
from samples.gen_values import CONDITIONS, HELPER_TASKS, description, slash_date

_DON_HEADER = ("Số TT", "Họ và tên", "Ngày tháng năm sinh", "Nơi công tác (hoặc nơi thường trú)", "Chức danh",
               "Trình độ chuyên môn")
_DON_WIDTHS = [9, 26, 22, 31, 18, 23, 21]
_ORG_OPINION = ("Sáng kiến đã được áp dụng tại đơn vị, mang lại hiệu quả thiết thực, được cán bộ, viên chức "
                "đồng tình hưởng ứng.")


def _pct(rng: random.Random, value: float | None) -> str:
    """A contribution share as written in a table cell: '60%', '60 %' or '60'."""
    return f"{value:g}" + rng.choice(("%", "%", " %", ""))


def _people_rows(rng: random.Random, people: tuple[Person, ...], last_column) -> list[list[str]]:
    """Table rows for people: number, name, birth date, workplace, position, qualification, then `last_column`."""
    return [[str(i), person.shown, slash_date(rng, person.birth), person.unit.written, person.position,
             person.qualification, last_column(person)] for i, person in enumerate(people, 1)]


def build_don(facts: Facts, rng: random.Random) -> Form:
    """ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN (annex of TT 18/2013), with the trap table of people who only applied it."""
    spell = facts.spell
    author_header = list(_DON_HEADER) + ["Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến"]
    helper_header = list(_DON_HEADER) + ["Nội dung công việc hỗ trợ"]
    caption = "Danh sách tác giả" if facts.table_caption else None
    blocks: list[Block] = motto(facts) + [
        heading("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", size=14, space_after=4),
        kv("Kính gửi", facts.council, note=note(facts, 1), indent=25),
        para(spell("Tôi (chúng tôi) ghi tên dưới đây:")),
        table([[spell(cell) for cell in author_header]]
              + _people_rows(rng, facts.authors, lambda p: _pct(rng, p.pct)), _DON_WIDTHS, caption=caption),
        kv("Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến", facts.title, note=note(facts, 2)),
    ]
    if rng.random() < 0.7:
        blocks.append(kv("Chủ đầu tư tạo ra sáng kiến", rng.choice((facts.unit.name, "Không", "Các tác giả")),
                         note=note(facts, 3)))
    blocks += [
        kv("Lĩnh vực áp dụng sáng kiến", facts.sector_raw, note=note(facts, 4)),
        kv("Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử", facts.applied.text, note=note(facts, 5)),
        kv("Mô tả bản chất của sáng kiến", description(rng)),
    ]
    if rng.random() < 0.7:
        blocks.append(kv("Những thông tin cần được bảo mật (nếu có)", "Không"))
    if rng.random() < 0.7:
        blocks.append(kv("Các điều kiện cần thiết để áp dụng sáng kiến", rng.choice(CONDITIONS)))
    opinion = "Đánh giá lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến theo ý kiến của "
    blocks.append(kv(opinion + "tác giả", facts.benefit.text))
    if rng.random() < 0.7:
        blocks.append(kv(opinion + "tổ chức, cá nhân đã tham gia áp dụng sáng kiến lần đầu, kể cả áp dụng thử "
                                   "(nếu có)", _ORG_OPINION))
    blocks += [
        para("Danh sách những người đã tham gia áp dụng thử hoặc áp dụng sáng kiến lần đầu (nếu có):", bold=True),
        table([[spell(cell) for cell in helper_header]]
              + _people_rows(rng, facts.helpers, lambda p: rng.choice(HELPER_TASKS)), _DON_WIDTHS),
        para(spell("Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự thật và hoàn "
                   "toàn chịu trách nhiệm trước pháp luật.")),
        signing_line(facts),
        *signature("Người nộp đơn", "(Ký và ghi rõ họ tên)", lead_name(facts)),
        *footnotes(facts),
    ]
    return Form(blocks, base_truth(facts, [author_truth(p) for p in facts.authors], facts.council))


def _cover(facts: Facts, rng: random.Random, authors: tuple[Person, ...]) -> list[Block]:
    """The cover page of a description report."""
    names = ", ".join(person.shown for person in authors)
    return header(facts, with_agency=True) + [
        para("", space_after=18),
        heading(rng.choice(("BẢN MÔ TẢ SÁNG KIẾN", "MÔ TẢ SÁNG KIẾN", "BÁO CÁO SÁNG KIẾN")), size=17,
                space_after=14),
        kv(label(facts, "Tên sáng kiến"), facts.title, indent=10),
        kv(label(facts, "Tác giả/ các tác giả"), names, indent=10),
        kv(label(facts, "Chức vụ"), authors[0].position, indent=10),
        kv(label(facts, "Đơn vị công tác"), facts.unit.written, indent=10),
        para("", space_after=40),
        para(f"{facts.place}, tháng {facts.signed.month} năm {facts.signed.year}", align="C", italic=True),
        PageBreak(),
    ]


def build_ban_mo_ta(facts: Facts, rng: random.Random) -> Form:
    """BẢN MÔ TẢ SÁNG KIẾN: cover page, lettered general information, then the description and its benefit.

    Co-authors share the lead's position and unit, which the cover states once.
    """
    lead = facts.authors[0]
    authors = tuple(replace(person, position=lead.position, unit=lead.unit) for person in facts.authors)
    blocks = _cover(facts, rng, authors) + [
        heading("I. THÔNG TIN CHUNG", align="L"),
        kv("a. Tên sáng kiến", facts.title, indent=5),
        kv("b. Tác giả", ", ".join(person.name for person in authors), indent=5),
        kv(label(facts, "c. Lĩnh vực áp dụng sáng kiến", shout=False), facts.sector_raw, indent=5),
        kv("d. Ngày tháng năm và nơi sáng kiến được áp dụng lần đầu",
           f"{facts.applied.text}, tại {facts.unit.name}", indent=5),
    ]
    if rng.random() < 0.7:
        province = f"{PROVINCES[facts.unit.province]} {facts.unit.province}"
        blocks.append(kv("đ. Nơi đang áp dụng sáng kiến", f"{facts.unit.name} và một số đơn vị trong "
                                                            f"{facts.unit.locality or province}", indent=5))
    blocks += [
        heading("II. MÔ TẢ SÁNG KIẾN", align="L"),
        kv("1. Tình trạng giải pháp đã biết", description(rng, (1, 2))),
        kv("2. Nội dung giải pháp đề nghị công nhận là sáng kiến", description(rng)),
        kv(rng.choice(("3. Hiệu quả, lợi ích thu được", "3. Hiệu quả, lợi ích thu được hoặc dự kiến có thể thu "
                                                         "được do áp dụng sáng kiến")), facts.benefit.text),
        kv("4. Khả năng áp dụng, nhân rộng", rng.choice(CONDITIONS)),
        signing_line(facts),
    ]
    if rng.random() < 0.5:  # the head of unit signs beside the author: a name that is not an author's
        blocks.append(signature_pair(("XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", facts.head.name), ("TÁC GIẢ", lead.name)))
    else:
        blocks += signature("Tác giả", "(Ký, ghi rõ họ tên)", lead.name)
    truth = [author_truth(p, birth=False, qualification=False, pct=False) for p in authors]
    return Form(blocks, base_truth(facts, truth, None))


def _kv_person(facts: Facts, rng: random.Random, person: Person) -> tuple[list[Block], dict]:
    """The key-value lines describing one author, and the truth of what they state."""
    with_birth, with_qualification = rng.random() < 0.8, rng.random() < 0.7
    lines = [kv("Họ và tên", person.shown, indent=8)]
    if with_birth:
        lines.append(kv("Ngày, tháng, năm sinh", slash_date(rng, person.birth), indent=8))
    lines.append(kv("Chức vụ, đơn vị công tác", f"{person.position}, {person.unit.written}", indent=8))
    if with_qualification:
        lines.append(kv("Trình độ chuyên môn", person.qualification, indent=8))
    lines.append(kv(facts.spell("Tỷ lệ đóng góp tạo ra sáng kiến"), f"{person.pct:g}%", indent=8))
    return lines, author_truth(person, birth=with_birth, qualification=with_qualification)


def build_bao_cao_kv(facts: Facts, rng: random.Random) -> Form:
    """A numbered report with key-value author lines instead of a table ('4. Đồng tác giả: Không')."""
    addressee = facts.council if rng.random() < 0.4 else None
    blocks = header(facts, with_agency=rng.random() < 0.5) + [
        heading(rng.choice(("BÁO CÁO SÁNG KIẾN", "BẢN THUYẾT MINH SÁNG KIẾN")), size=14, space_after=4)]
    if addressee:
        blocks.append(kv("Kính gửi", addressee, indent=25))
    lead_lines, lead_truth = _kv_person(facts, rng, facts.authors[0])
    blocks += [kv("1. Tên sáng kiến", facts.title),
               kv("2. Chủ đầu tư tạo ra sáng kiến", rng.choice((facts.unit.name, "Tác giả"))),
               kv("3. Tác giả", ""), *lead_lines]
    truths = [lead_truth]
    if len(facts.authors) > 1:
        co_lines, co_truth = _kv_person(facts, rng, facts.authors[1])
        blocks += [kv("4. Đồng tác giả", ""), *co_lines]
        truths.append(co_truth)
    else:
        blocks.append(kv("4. Đồng tác giả", "Không"))
    benefit_label = "Hiệu quả kinh tế" if facts.benefit.amount_vnd else "Đánh giá lợi ích thu được"
    blocks += [
        kv(label(facts, "5. Lĩnh vực áp dụng", shout=False), facts.sector_raw),
        kv("6. Mô tả bản chất của sáng kiến", description(rng)),
        kv("7. Thời gian áp dụng sáng kiến lần đầu", facts.applied.text),
        kv("8. Những thông tin cần được bảo mật", "Không"),
        kv("9. Các điều kiện cần thiết để áp dụng sáng kiến", rng.choice(CONDITIONS)),
        kv("10. " + benefit_label, facts.benefit.text),
        signing_line(facts),
        *signature("Người báo cáo", "(Ký, ghi rõ họ tên)", lead_name(facts)),
    ]
    return Form(blocks, base_truth(facts, truths, addressee))
