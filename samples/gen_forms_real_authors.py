"""Real-dossier layouts for the authors (issue #16), written in our own words after structures met in real dossiers:
authors only in a signature block, only in a sentence, in a two-column key–value table, or a template's
placeholders instead of names.

- `real-signature`: no author table or line; the lead signs under "NGƯỜI NỘP ĐƠN" beside the unit's head under
  "THỦ TRƯỞNG ĐƠN VỊ" (a borderless two-column table), co-authors under "ĐỒNG TÁC GIẢ" below; a council seated
  in the unit may have the unit's name centred on the line under "Kính gửi".
- `real-prose-authors`: a report whose authors are listed in one sentence ("Nhóm tác giả gồm: cô …, thầy … và …"),
  some names in capitals, with honorifics; sometimes the lead also signs under "NGƯỜI VIẾT SÁNG KIẾN".
- `real-minority-authors`: the same table with a co-author of an ethnic minority ("Néang Sa Rinh").
- `real-kv-authors`: a bordered two-column table "Tác giả sáng kiến | Đồng chí …, <position>", "Đồng tác giả | …"
  (label cells with or without a colon; a rank before names in the forces; a department placeholder before the
  unit; or a department of "the company", the company named only on a centred cover line).
- `real-placeholder-authors`: the author table or line still holds the template's text ("[Họ và tên tác giả]",
  "Nguyễn Văn A", dot leaders, a bracketed hint, "Tập thể …"), nobody signs; the truth has no author.
"""

from __future__ import annotations

import random
from dataclasses import replace

from samples.gen_blocks import Block, heading, kv, para, table
from samples.gen_facts import Facts, Person, base_truth, name_truth
from samples.gen_layout import Form, motto, signature, signing_line
from samples.gen_pools import MINORITY_NAMES
from samples.gen_values import CONDITIONS, description

_SIGN_HINT, _SEAL_HINT = "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"
# Police and army dossiers write a rank where others write "Ông", "Bà" or "Đồng chí".
_RANKS = ("Thượng úy", "Đại úy", "Thiếu tá", "Trung tá", "Trung úy")


def _address(person: Person, rng: random.Random, civil: tuple[str, ...]) -> str:
    """How a dossier addresses `person` before the name: a rank in the forces, else one of `civil`."""
    return rng.choice(_RANKS if person.unit.domain == "security" else civil)


def _applied_lines(facts: Facts, rng: random.Random, between: tuple[Block, ...] = ()) -> list[Block]:
    """Sector, first-applied date and benefit as labelled lines (the fields this module does not vary); `between`
    goes after the date, whose value a wrapped sentence can follow without harm."""
    return [
        kv("Lĩnh vực áp dụng sáng kiến", facts.sector_raw),
        kv("Ngày sáng kiến được áp dụng lần đầu", facts.applied.text),
        *between,
        kv("Mô tả tóm tắt nội dung sáng kiến", description(rng)),
        kv("Hiệu quả, lợi ích thu được", facts.benefit.text),
    ]


def _truth(facts: Facts, authors: tuple[Person, ...], addressee: str | None = None) -> dict:
    return base_truth(facts, [name_truth(p) for p in authors], addressee, unit=facts.unit.written)


def _addressed(facts: Facts, rng: random.Random) -> list[Block]:
    """The "Kính gửi" line; a council seated in the unit sometimes has the unit's name centred on the next line."""
    seat = f" {facts.unit.name}"
    if facts.council.endswith(seat) and rng.random() < 0.5:
        return [kv("Kính gửi", facts.council[: -len(seat)], indent=25),
                para(facts.unit.name, align="C", space_after=3)]
    return [kv("Kính gửi", facts.council, indent=25)]


def build_signature(facts: Facts, rng: random.Random) -> Form:
    """An application naming its authors only where they sign."""
    lead, others = facts.authors[0], facts.authors[1:]
    rows = [["THỦ TRƯỞNG ĐƠN VỊ", "NGƯỜI NỘP ĐƠN"], [_SEAL_HINT, _SIGN_HINT], ["", ""], ["", ""],
            [facts.head.name, lead.name]]
    if others:
        rows += [["", ""], ["", "ĐỒNG TÁC GIẢ"], ["", _SIGN_HINT], ["", ""]]
        rows += [["", person.name] for person in others]
    blocks = motto(facts) + [
        heading("ĐƠN ĐỀ NGHỊ CÔNG NHẬN SÁNG KIẾN", size=14, space_after=4),
        *_addressed(facts, rng),
        para(rng.choice(("Đơn vị chúng tôi đề nghị Hội đồng xem xét, công nhận sáng kiến dưới đây.",
                         "Kính đề nghị Hội đồng xem xét, công nhận sáng kiến sau."))),
        kv("Tên sáng kiến", facts.title),
        kv("Đơn vị công tác", facts.unit.written),
        *_applied_lines(facts, rng),
        signing_line(facts),
        table(rows, [50, 50], header_rows=len(rows), borders=False, align="C", size=12.5),
    ]
    return Form(blocks, _truth(facts, facts.authors, facts.council))


def _prose_name(person: Person, rng: random.Random, school: bool) -> str:
    """A name as a sentence gives it: after 'cô'/'thầy' (schools), 'ông'/'bà' or 'đồng chí', sometimes in capitals."""
    name = person.name.upper() if rng.random() < 0.4 else person.name
    if school:
        return f"{'thầy' if person.male else 'cô'} {name}"
    return f"{_address(person, rng, ('đồng chí', 'ông' if person.male else 'bà', ''))} {name}".strip()


def build_prose_authors(facts: Facts, rng: random.Random) -> Form:
    """A report whose authors are named in its opening sentence."""
    school = facts.unit.domain == "school"
    names = [_prose_name(p, rng, school) for p in facts.authors]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
    if len(names) == 1:
        opening = rng.choice((f"Tôi tên là {listed}, {facts.authors[0].position.lower()}, "
                              f"xin trình bày sáng kiến của mình như sau.",
                              f"Tác giả sáng kiến là {listed}, hiện công tác tại đơn vị."))
    else:
        opening = rng.choice((f"Nhóm tác giả gồm: {listed}, cùng công tác tại đơn vị.",
                              f"Chúng tôi là {listed}, cùng thực hiện sáng kiến này."))
    blocks = motto(facts) + [
        heading("BÁO CÁO KẾT QUẢ THỰC HIỆN SÁNG KIẾN", size=14, space_after=4),
        kv("Tên sáng kiến", facts.title),
        kv("Đơn vị công tác", facts.unit.written),
        *_applied_lines(facts, rng, (para(opening),)),
        para(rng.choice(CONDITIONS)),
        signing_line(facts),
    ]
    if rng.random() < 0.5:
        blocks += signature("NGƯỜI VIẾT SÁNG KIẾN", _SIGN_HINT, facts.authors[0].name)
    return Form(blocks, _truth(facts, facts.authors))


def _with_position(person: Person, rng: random.Random) -> str:
    address = _address(person, rng, ("Đồng chí", "Đ/c", "Ông" if person.male else "Bà"))
    return f"{address} {person.name}, {person.position}"


def build_kv_authors(facts: Facts, rng: random.Random) -> Form:
    """A description whose authors stand in a bordered two-column table with their positions."""
    lead, others = facts.authors[0], facts.authors[1:]
    colon = rng.choice(("", ":"))  # some label cells end with a colon
    unit, cover = facts.unit.written, []
    kind = next((k for k in _DEPARTMENT_OF if facts.unit.name.startswith(k + " ")), None)
    if rng.random() < 0.3:  # the template's department left unfilled before the unit
        unit = f"{rng.choice(('Khoa/Phòng', 'Tổ/Bộ phận'))} [{rng.choice(_PLACEHOLDER_DEPTS)}] - {unit}"
    elif kind and rng.random() < 0.4:  # a department of "the company", named in full only on the cover line
        unit, cover = f"{_DEPARTMENT_OF[kind]} {kind}", [heading(facts.unit.written.upper(), size=13)]
    rows = [[f"Tác giả sáng kiến{colon}", _with_position(lead, rng)],
            [f"Đồng tác giả{colon}", "; ".join(_with_position(p, rng) for p in others) if others else "Không"],
            [f"Đơn vị công tác{colon}", unit]]
    blocks = motto(facts) + [
        *cover,
        heading("BẢN MÔ TẢ SÁNG KIẾN", size=14, space_after=4),
        kv("Tên sáng kiến", facts.title),
        table(rows, [40, 120], header_rows=0),
        *_applied_lines(facts, rng),
        signing_line(facts),
        *signature("TÁC GIẢ SÁNG KIẾN", _SIGN_HINT, lead.name),
    ]
    return Form(blocks, _truth(facts, facts.authors))


def build_minority_authors(facts: Facts, rng: random.Random) -> Form:
    """The two-column author table, with a co-author of an ethnic minority: a name of words Vietnamese spelling
    has no place for ("Néang Sa Rinh"), as a plantation company's workers carry."""
    colleague = facts.helpers[0] if facts.helpers else facts.head
    minority = replace(colleague, name=rng.choice(MINORITY_NAMES), pct=None)
    return build_kv_authors(replace(facts, authors=(facts.authors[0], minority, *facts.authors[1:])), rng)


# A department of an organisation named only by its kind ("Ban Giám đốc Công ty"): the kind, then the department.
_DEPARTMENT_OF = {"Công ty": "Ban Giám đốc", "Trường": "Ban Giám hiệu", "Bệnh viện": "Phòng Kế hoạch tổng hợp",
                  "Trung tâm": "Phòng Hành chính"}
_PLACEHOLDER_DEPTS = ("Tên khoa, phòng", "Ghi tên bộ phận", "tên tổ chuyên môn")
_PLACEHOLDER_NAMES = ("[Họ và tên tác giả]", "Nguyễn Văn A", "……………………", "(ghi rõ họ tên)", "(Người nộp tự điền)")


def build_placeholder_authors(facts: Facts, rng: random.Random) -> Form:
    """An application whose author table or line still holds the template's text; nobody signs."""
    blocks = motto(facts) + [
        heading("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", size=14, space_after=4),
        kv("Kính gửi", facts.council, indent=25),
        kv("Cơ quan, đơn vị", facts.unit.written),
    ]
    if rng.random() < 0.3:
        blocks.append(kv("Tác giả", f"Tập thể cán bộ, viên chức {facts.unit.name}"))
    else:
        header = ["Số TT", "Họ và tên", "Ngày tháng năm sinh", "Chức danh", "Tỷ lệ (%) đóng góp"]
        row = ["1", rng.choice(_PLACEHOLDER_NAMES), "…/…/……", "……………", "100%"]
        blocks += [para("Tôi (chúng tôi) ghi tên dưới đây:"), table([header, row], [12, 50, 35, 35, 30])]
    blocks += [
        kv("Là tác giả (nhóm tác giả) đề nghị xét công nhận sáng kiến", facts.title),
        *_applied_lines(facts, rng),
        signing_line(facts),
        table([["THỦ TRƯỞNG ĐƠN VỊ", "NGƯỜI NỘP ĐƠN"], [_SEAL_HINT, _SIGN_HINT], ["", ""], ["", ""],
               [facts.head.name, ""]], [50, 50], header_rows=5, borders=False, align="C", size=12.5),
    ]
    truth = base_truth(facts, [], facts.council, unit=facts.unit.written)
    return Form(blocks, truth)

