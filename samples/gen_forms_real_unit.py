"""Real-dossier layouts for the unit, the addressee and the sector (issue #16), in our own words:

- `real-letterhead`: no unit label anywhere; the unit is in the letterhead and the confirmation signing block, the
  council only in the closing request ("Kính đề nghị … xem xét, công nhận").
- `real-title-tail`: the unit only at the end of the title ("… tại Trường THCS X, thành phố Y"), sometimes also on
  the investor line after the lead's name ("Chủ đầu tư tạo ra sáng kiến: Nguyễn Thị An, trường THCS X"); the sector
  given as a sentence under its label.
- `real-kv-table`: the general information as a two-column key–value table (unit and sector included).
- `real-collective-author`: a report pasted from chat or Markdown (a pictograph before its heading and labels)
  whose author line names no one, only the unit ("Tác giả: Tập thể tổ … thuộc <unit>", or "Cá nhân thuộc <unit>
  (…)" under a bare "TÁC GIẢ"); no unit label, no letterhead; the truth has no author.
"""

from __future__ import annotations

import random

from samples.gen_blocks import Block, heading, kv, para, table
from samples.gen_facts import Facts, author_truth, base_truth, name_truth
from samples.gen_layout import Form, header, lead_name, motto, signature, signature_pair, signing_line
from samples.gen_values import description

# Units the default unit registry (extractors/fields/rules/units.yaml) knows under a longer canonical name: a
# letterhead's bare name is snapped to it.
_REGISTERED = {"Trường THCS Quang Sơn": "Trường THCS Quang Sơn, thành phố Tam Điệp"}
_CONFIRM = ("XÁC NHẬN CỦA {unit}", "Ý KIẾN XÁC NHẬN CỦA {unit}")
_SECTOR_SENTENCES = (
    "Sáng kiến thuộc lĩnh vực {raw}, được áp dụng trong công việc chuyên môn hằng ngày của đơn vị.",
    "Sáng kiến được áp dụng trong lĩnh vực {raw} và có thể nhân rộng ở các đơn vị cùng cấp.",
)


def _authors_lines(facts: Facts) -> tuple[list[Block], list[dict]]:
    """'Tác giả: A, B' and the lead's position: no unit on any author line."""
    lead, others = facts.authors[0], facts.authors[1:]
    blocks = [kv("Tác giả", ", ".join(p.shown for p in facts.authors)), kv("Chức vụ", lead.position)]
    truth = [author_truth(lead, birth=False, qualification=False, pct=False, workplace=False)]
    return blocks, truth + [name_truth(p) for p in others]


def _body(facts: Facts, rng: random.Random, sector: list[Block]) -> list[Block]:
    return [*sector, kv("Thời gian áp dụng lần đầu", facts.applied.text),
            kv("Mô tả bản chất của sáng kiến", description(rng)),
            kv("Hiệu quả, lợi ích thu được", facts.benefit.text)]


def build_real_letterhead(facts: Facts, rng: random.Random) -> Form:
    """A report whose unit is only in the letterhead and in the unit's confirmation block."""
    authors, truth = _authors_lines(facts)
    confirm = rng.choice(_CONFIRM).format(unit=facts.unit.name.upper())
    blocks = header(facts, with_agency=True) + [
        heading(rng.choice(("BÁO CÁO SÁNG KIẾN", "BẢN MÔ TẢ SÁNG KIẾN")), size=14, space_after=4),
        kv("Tên sáng kiến", facts.title),
        *authors,
        *_body(facts, rng, [kv("Lĩnh vực áp dụng sáng kiến", facts.sector_raw)]),
        para(f"Kính đề nghị {facts.council} xem xét, công nhận sáng kiến."),
        signing_line(facts),
        signature_pair((confirm, facts.head.name), ("TÁC GIẢ", lead_name(facts))),
    ]
    unit = _REGISTERED.get(facts.unit.name, facts.unit.name)
    return Form(blocks, base_truth(facts, truth, facts.council, unit=unit))


def build_real_title_tail(facts: Facts, rng: random.Random) -> Form:
    """An application whose unit is only the title's tail; the sector is a sentence on the line under its label."""
    authors, truth = _authors_lines(facts)
    title = f"{facts.title} tại {facts.unit.written}"
    sentence = rng.choice(_SECTOR_SENTENCES).format(raw=facts.sector_raw[:1].lower() + facts.sector_raw[1:])
    investor = [kv("Chủ đầu tư tạo ra sáng kiến", f"{lead_name(facts)}, {facts.unit.written[:1].lower()}"
                   f"{facts.unit.written[1:]}")] if rng.random() < 0.5 else []
    blocks = motto(facts) + [
        heading("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", size=14, space_after=4),
        kv("Kính gửi", facts.council, indent=25),
        kv("Tên sáng kiến", title),
        *authors,
        *investor,
        *_body(facts, rng, [kv("Lĩnh vực áp dụng sáng kiến", ""), para(sentence)]),
        signing_line(facts),
        *signature("Người nộp đơn", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    form = base_truth(facts, truth, facts.council, unit=facts.unit.written)
    form["title"], form["sector"]["raw"] = title, sentence
    return Form(blocks, form)


def build_real_kv_table(facts: Facts, rng: random.Random) -> Form:
    """An application whose general information is a bordered two-column table: label cell, value cell."""
    lead = facts.authors[0]
    rows = [["Mục", "Nội dung"], ["Tên sáng kiến", facts.title],
            ["Tác giả", ", ".join(p.shown for p in facts.authors)], ["Chức vụ", lead.position],
            [rng.choice(("Đơn vị công tác", "Cơ quan công tác")), facts.unit.written],
            ["Lĩnh vực áp dụng", facts.sector_raw], ["Ngày áp dụng lần đầu", facts.applied.text],
            ["Ghi chú", "Không"]]  # OCR of a scanned bordered table may lose its last row's label cell
    blocks = motto(facts) + [
        heading("ĐƠN ĐỀ NGHỊ CÔNG NHẬN SÁNG KIẾN", size=14, space_after=4),
        kv("Kính gửi", facts.council, indent=25),
        heading("I. THÔNG TIN CHUNG", align="L"),
        table(rows, [50, 110]),
        heading("II. NỘI DUNG SÁNG KIẾN", align="L"),
        kv("Mô tả bản chất của sáng kiến", description(rng)),
        kv("Hiệu quả, lợi ích thu được", facts.benefit.text),
        signing_line(facts),
        *signature("Người nộp đơn", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    truth = [author_truth(lead, birth=False, qualification=False, pct=False, workplace=False)]
    truth += [name_truth(p) for p in facts.authors[1:]]
    return Form(blocks, base_truth(facts, truth, facts.council, unit=facts.unit.written))


# Pictographs a report pasted from a chat or a Markdown editor carries before its heading and labels.
_PICTOGRAPHS = ("📋", "✅", "★", "►", "📌")
_COLLECTIVE = ("Tập thể tổ chuyên môn thuộc {unit}", "Tập thể cán bộ của {unit}",
               "Cá nhân thuộc {unit} (bản mô tả viết từ nhật ký công việc)")


def build_collective_author(facts: Facts, rng: random.Random) -> Form:
    """A pasted report whose author line names only the authors' unit, and no one."""
    mark = rng.choice(_PICTOGRAPHS)
    who = rng.choice(_COLLECTIVE).format(unit=facts.unit.written)
    author = [kv("Tác giả", who)] if rng.random() < 0.5 else [para("TÁC GIẢ"), para(who)]
    blocks = motto(facts) + [
        heading(f"{mark} BÁO CÁO SÁNG KIẾN", size=14, space_after=4),
        kv(f"{mark} Tên sáng kiến", facts.title),
        *author,
        *_body(facts, rng, [kv(f"{mark} Lĩnh vực áp dụng sáng kiến", facts.sector_raw)]),
        signing_line(facts),
    ]
    return Form(blocks, base_truth(facts, [], None, unit=facts.unit.written))
