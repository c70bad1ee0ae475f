"""The three public-sector forms: the TT 18/2013 application ("don-tt18"), the description report with a cover
page ("ban-mo-ta") and the numbered key-value report ("bao-cao-kv")."""

from __future__ import annotations

import random
from dataclasses import replace

from samples.gen_arrange import Notes, arranged, kept_columns
from samples.gen_blocks import Block, PageBreak, heading, kv, para, table
from samples.gen_facts import Facts, Person, author_truth, base_truth
from samples.gen_layout import (
    Form,
    footnotes,
    header,
    label,
    lead_name,
    motto,
    note,
    signature,
    signature_pair,
    signing_line,
    word,
)
from samples.gen_pools import PROVINCES
from samples.gen_values import CONDITIONS, HELPER_TASKS, description, slash_date
from samples.gen_wording import OPINION, ORDERS

_DON_HEADER = ("Số TT", "Họ và tên", "Ngày tháng năm sinh", "Nơi công tác (hoặc nơi thường trú)", "Chức danh",
               "Trình độ chuyên môn")
_DON_WIDTHS = [9, 26, 22, 31, 18, 23, 21]
_DON_OPTIONAL = {4: "position-column", 5: "qualification-column"}  # columns a simplified copy of the annex omits
_ORG_WHO = "tổ chức, cá nhân đã tham gia áp dụng sáng kiến lần đầu, kể cả áp dụng thử (nếu có)"
_BENEFIT_LABELS = ("Hiệu quả, lợi ích thu được",
                   "Hiệu quả, lợi ích thu được hoặc dự kiến có thể thu được do áp dụng sáng kiến")
_ORG_OPINION = ("Sáng kiến đã được áp dụng tại đơn vị, mang lại hiệu quả thiết thực, được cán bộ, viên chức "
                "đồng tình hưởng ứng.")


def _pct(rng: random.Random, value: float | None) -> str:
    """A contribution share as written in a table cell: '60%', '60 %' or '60'."""
    return f"{value:g}" + rng.choice(("%", "%", " %", ""))


def _people_rows(rng: random.Random, people: tuple[Person, ...], last_column) -> list[list[str]]:
    """Table rows for people: number, name, birth date, workplace, position, qualification, then `last_column`."""
    return [[str(i), person.shown, slash_date(rng, person.birth), person.unit.written, person.position,
             person.qualification, last_column(person)] for i, person in enumerate(people, 1)]


def _people_table(facts: Facts, rows: list[list[str]], last: str, caption: str | None) -> Block:
    """A people table with the worded header; columns the dossier's form leaves out are dropped from every row."""
    keep = kept_columns(facts, len(_DON_WIDTHS), _DON_OPTIONAL)
    header = [facts.spell(word(facts, cell)) for cell in (*_DON_HEADER, last)]
    widths = list(_DON_WIDTHS)
    widths[0] = max(widths[0], 3.7 * max(len(part) for part in header[0].split()))  # 'STT' must not break
    return table([[row[i] for i in keep] for row in [header] + rows], [widths[i] for i in keep], caption=caption)


def build_don(facts: Facts, rng: random.Random) -> Form:
    """ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN (annex of TT 18/2013), with the trap table of people who only applied it.

    A copy of the annex with its footnote numbers keeps the annex's order; other copies may reorder the middle.
    """
    spell, wording = facts.spell, facts.wording
    caption = "Danh sách tác giả" if facts.table_caption else None
    authors = _people_table(facts, _people_rows(rng, facts.authors, lambda p: _pct(rng, p.pct)),
                            "Tỷ lệ (%) đóng góp vào việc tạo ra sáng kiến", caption)
    blocks: list[Block] = motto(facts) + [
        heading(word(facts, "ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN"), size=14, space_after=4),
        kv("Kính gửi", facts.council, note=note(facts, 1), indent=25),
        para(spell(word(facts, "Tôi (chúng tôi) ghi tên dưới đây:"))),
        authors,
        kv(word(facts, "Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến"), facts.title, note=note(facts, 2)),
    ]
    sections: dict[str, list[Block]] = {}
    if rng.random() < 0.7:
        sections["owner"] = [kv(word(facts, "Chủ đầu tư tạo ra sáng kiến"),
                                rng.choice((facts.unit.name, "Không", "Các tác giả")), note=note(facts, 3))]
    sections["sector"] = [kv(word(facts, "Lĩnh vực áp dụng sáng kiến"), facts.sector_raw, note=note(facts, 4))]
    sections["date"] = [kv(word(facts, "Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử"), facts.applied.text,
                           note=note(facts, 5))]
    sections["description"] = [kv(word(facts, "Mô tả bản chất của sáng kiến"), description(rng))]
    if rng.random() < 0.7:
        sections["secret"] = [kv(word(facts, "Những thông tin cần được bảo mật (nếu có)"), "Không")]
    if rng.random() < 0.7:
        sections["conditions"] = [kv(word(facts, "Các điều kiện cần thiết để áp dụng sáng kiến"),
                                     rng.choice(CONDITIONS))]
    sections["benefit"] = [kv(word(facts, OPINION + "tác giả"), facts.benefit.text)]
    if rng.random() < 0.7:
        sections["opinion"] = [kv(word(facts, OPINION + _ORG_WHO), _ORG_OPINION)]
    for optional in ("owner", "secret", "conditions", "opinion"):
        if wording.drops(optional):
            sections.pop(optional, None)
    blocks += arranged(sections, ORDERS["don"][0] if facts.glued_notes else wording.order("don"))
    helpers = [
        para(word(facts, "Danh sách những người đã tham gia áp dụng thử hoặc áp dụng sáng kiến lần đầu (nếu có):"),
             bold=True),
        _people_table(facts, _people_rows(rng, facts.helpers, lambda p: rng.choice(HELPER_TASKS)),
                      "Nội dung công việc hỗ trợ", None),
    ]
    blocks += [] if wording.drops("helpers") else helpers
    if not wording.drops("pledge"):
        blocks.append(para(spell("Tôi (chúng tôi) xin cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự "
                                 "thật và hoàn toàn chịu trách nhiệm trước pháp luật.")))
    blocks += [
        signing_line(facts),
        *signature(word(facts, "Người nộp đơn"), "(Ký và ghi rõ họ tên)", lead_name(facts)),
        *footnotes(facts),
    ]
    truth = [author_truth(p, position=not wording.drops("position-column"),
                          qualification=not wording.drops("qualification-column")) for p in facts.authors]
    return Form(blocks, base_truth(facts, truth, facts.council))


def _cover(facts: Facts, rng: random.Random, authors: tuple[Person, ...], with_position: bool) -> list[Block]:
    """The cover page of a description report."""
    names = ", ".join(person.shown for person in authors)
    fields = {
        "title": [kv(label(facts, "Tên sáng kiến"), facts.title, indent=10)],
        "authors": [kv(label(facts, "Tác giả/ các tác giả"), names, indent=10)],
        "position": [kv(label(facts, "Chức vụ"), authors[0].position, indent=10)] if with_position else [],
        "unit": [kv(label(facts, "Đơn vị công tác"), facts.unit.written, indent=10)],
    }
    return header(facts, with_agency=True) + [
        para("", space_after=18),
        heading(rng.choice(("BẢN MÔ TẢ SÁNG KIẾN", "MÔ TẢ SÁNG KIẾN", "BÁO CÁO SÁNG KIẾN")), size=17,
                space_after=14),
        *arranged(fields, facts.wording.order("cover")),
        para("", space_after=40),
        para(f"{facts.place}, tháng {facts.signed.month} năm {facts.signed.year}", align="C", italic=True),
        PageBreak(),
    ]


def build_ban_mo_ta(facts: Facts, rng: random.Random) -> Form:
    """BẢN MÔ TẢ SÁNG KIẾN: cover page, lettered general information, then the description and its benefit.

    Co-authors share the lead's position and unit, which the cover states once (or not at all under --vary).
    """
    wording = facts.wording
    lead = facts.authors[0]
    authors = tuple(replace(person, position=lead.position, unit=lead.unit) for person in facts.authors)
    with_position = not wording.drops("position")
    order = wording.order("general")
    notes = Notes(facts, list(order))
    general = {
        "title": [kv(word(facts, "Tên sáng kiến"), facts.title, indent=5, note=notes("title"))],
        "authors": [kv(word(facts, "Tác giả", key="Các tác giả"), ", ".join(person.name for person in authors),
                       indent=5)],
        "sector": [kv(label(facts, "Lĩnh vực áp dụng sáng kiến", shout=False), facts.sector_raw, indent=5,
                      note=notes("sector"))],
        "date": [kv(word(facts, "Ngày tháng năm và nơi sáng kiến được áp dụng lần đầu"),
                    f"{facts.applied.text}, tại {facts.unit.name}", indent=5, note=notes("date"))],
    }
    blocks = _cover(facts, rng, authors, with_position)
    if rng.random() < 0.7 and not wording.drops("place"):
        province = f"{PROVINCES[facts.unit.province]} {facts.unit.province}"
        general["place"] = [kv(word(facts, "Nơi đang áp dụng sáng kiến"),
                               f"{facts.unit.name} và một số đơn vị trong {facts.unit.locality or province}", indent=5)]
    described = {  # built in the default order: each value draws from `rng`
        "known": [kv(word(facts, "Tình trạng giải pháp đã biết"), description(rng, (1, 2)))],
        "content": [kv(word(facts, "Nội dung giải pháp đề nghị công nhận là sáng kiến"), description(rng))],
        "benefit": [kv(word(facts, rng.choice(_BENEFIT_LABELS), key=_BENEFIT_LABELS[0]), facts.benefit.text)],
        "applicability": [kv(word(facts, "Khả năng áp dụng, nhân rộng"), rng.choice(CONDITIONS))],
    }
    for optional in ("known", "applicability"):
        if wording.drops(optional):
            del described[optional]
    blocks += [
        heading(word(facts, "I. THÔNG TIN CHUNG"), align="L"),
        *arranged(general, order, style="a"),
        heading(word(facts, "II. MÔ TẢ SÁNG KIẾN"), align="L"),
        *arranged(described, wording.order("description"), style="1"),
        signing_line(facts),
    ]
    if rng.random() < 0.5:  # the head of unit signs beside the author: a name that is not an author's
        blocks.append(signature_pair(("XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", facts.head.name), ("TÁC GIẢ", lead.name)))
    else:
        blocks += signature("Tác giả", "(Ký, ghi rõ họ tên)", lead.name)
    truth = [author_truth(p, birth=False, qualification=False, pct=False, position=with_position) for p in authors]
    return Form(blocks + notes.blocks(), base_truth(facts, truth, None))


def _position_unit(facts: Facts, person: Person) -> list[Block]:
    """Position and workplace on one line ('Chức vụ, đơn vị công tác: …'), or on two."""
    if facts.wording.habit("split-position-unit"):
        return [kv(word(facts, "Chức vụ"), person.position, indent=8),
                kv(word(facts, "Đơn vị công tác"), person.unit.written, indent=8)]
    return [kv(word(facts, "Chức vụ, đơn vị công tác"), f"{person.position}, {person.unit.written}", indent=8)]


def _kv_person(facts: Facts, rng: random.Random, person: Person) -> tuple[list[Block], dict]:
    """The key-value lines describing one author (name first, the rest in the dossier's order), and their truth."""
    with_birth, with_qualification = rng.random() < 0.8, rng.random() < 0.7
    lines = {"position-unit": _position_unit(facts, person),
             "pct": [kv(facts.spell(word(facts, "Tỷ lệ đóng góp tạo ra sáng kiến")), f"{person.pct:g}%", indent=8)]}
    if with_birth:
        lines["birth"] = [kv(word(facts, "Ngày, tháng, năm sinh"), slash_date(rng, person.birth), indent=8)]
    if with_qualification:
        lines["qualification"] = [kv(word(facts, "Trình độ chuyên môn"), person.qualification, indent=8)]
    blocks = [kv(word(facts, "Họ và tên"), person.shown, indent=8), *arranged(lines, facts.wording.order("kv-person"))]
    return blocks, author_truth(person, birth=with_birth, qualification=with_qualification)


def build_bao_cao_kv(facts: Facts, rng: random.Random) -> Form:
    """A numbered report with key-value author lines instead of a table ('4. Đồng tác giả: Không')."""
    wording = facts.wording
    addressee = facts.council if rng.random() < 0.4 else None
    blocks = header(facts, with_agency=rng.random() < 0.5) + [
        heading(rng.choice(("BÁO CÁO SÁNG KIẾN", "BẢN THUYẾT MINH SÁNG KIẾN")), size=14, space_after=4)]
    if addressee:
        blocks.append(kv("Kính gửi", addressee, indent=25))
    order = ("title", "owner", "authors", "co-authors") + wording.order("report")
    notes = Notes(facts, list(order))
    lead_lines, lead_truth = _kv_person(facts, rng, facts.authors[0])
    sections = {
        "title": [kv(word(facts, "Tên sáng kiến"), facts.title, note=notes("title"))],
        "owner": [kv(word(facts, "Chủ đầu tư tạo ra sáng kiến"), rng.choice((facts.unit.name, "Tác giả")))],
        "authors": [kv(word(facts, "Tác giả", key="Thông tin tác giả"), ""), *lead_lines],
    }
    truths = [lead_truth]
    if len(facts.authors) > 1:
        co_lines, co_truth = _kv_person(facts, rng, facts.authors[1])
        sections["co-authors"] = [kv(word(facts, "Đồng tác giả"), ""), *co_lines]
        truths.append(co_truth)
    elif not wording.drops("co-author-none"):
        sections["co-authors"] = [kv(word(facts, "Đồng tác giả"), "Không")]
    benefit_label = "Hiệu quả kinh tế" if facts.benefit.amount_vnd else "Đánh giá lợi ích thu được"
    sections |= {
        "sector": [kv(label(facts, "Lĩnh vực áp dụng", shout=False), facts.sector_raw, note=notes("sector"))],
        "description": [kv(word(facts, "Mô tả bản chất của sáng kiến"), description(rng))],
        "date": [kv(word(facts, "Thời gian áp dụng sáng kiến lần đầu"), facts.applied.text, note=notes("date"))],
        "secret": [kv(word(facts, "Những thông tin cần được bảo mật"), "Không")],
        "conditions": [kv(word(facts, "Các điều kiện cần thiết để áp dụng sáng kiến"), rng.choice(CONDITIONS))],
        "benefit": [kv(word(facts, benefit_label), facts.benefit.text)],
    }
    for optional in ("owner", "secret", "conditions"):
        if wording.drops(optional):
            del sections[optional]
    blocks += [
        *arranged(sections, order, style="1"),
        signing_line(facts),
        *signature(word(facts, "Người báo cáo"), "(Ký, ghi rõ họ tên)", lead_name(facts)),
        *notes.blocks(),
    ]
    return Form(blocks, base_truth(facts, truths, addressee))
