"""Real-dossier layouts of the benefit (issue #16), in our own words: the amount is a total after itemised savings.

`real-savings-table`: the numbered key–value report whose "Hiệu quả kinh tế" states what the initiative cost, then
a savings table with one row per item and a "TỔNG CỘNG" row. `real-total-line`: the TT 18 application whose author
assessment gives tax, budget or penalty figures of the unit (no benefit), then "- Tiết kiệm …" item lines, a total
line in capitals "per year" and, mostly, the same amount in words. The rest of each form is the classic builder's;
the benefit section is spliced in where the classic form writes its benefit text.
"""

from __future__ import annotations

import random
from dataclasses import replace

from samples.gen_blocks import Block, Para, Run, para, table
from samples.gen_facts import Facts
from samples.gen_forms_gov import build_bao_cao_kv, build_don
from samples.gen_layout import Form
from samples.gen_values import _SOCIAL_SENTENCES, Benefit, dotted, money

_SLOT = "\u2063"  # an invisible separator standing for the benefit text until the section is spliced in

# What an office saves by an initiative (invented items, our own words).
SAVED_ITEMS = ("giấy, mực in", "điện năng tiêu thụ", "xăng xe đi lại", "công lao động quy đổi", "bưu phí gửi hồ sơ",
               "văn phòng phẩm", "thuê dịch vụ bên ngoài", "vật tư thay thế", "nước sinh hoạt", "cước điện thoại")

_COSTS = ("Kinh phí thực hiện sáng kiến: {c}.", "Chi phí đầu tư ban đầu là {c}.", "Kinh phí mua sắm thiết bị: {c}.")
_TABLE_INTROS = ("Số tiền tiết kiệm được sau một năm áp dụng như sau:", "Chi tiết các khoản tiết kiệm trong năm:",
                 "Bảng tính giá trị làm lợi trong một năm:")
_MONEY_HEADERS = (("Số tiền tiết kiệm (đồng/năm)", False), ("Giá trị làm lợi (đồng)", False),
                  ("Thành tiền", True))  # (header, the unit is announced above the table instead)
_TOTAL_ROWS = ("TỔNG CỘNG", "Tổng cộng", "Cộng")

# Figures of the unit that are no benefit: tax collected or owed, budgets, penalties, revenue against a target.
_NOT_BENEFIT = (
    "Năm {y}, đơn vị được giao dự toán thu ngân sách {b}, đã thu đạt {p}% dự toán.",
    "Số thuế nợ đọng đến cuối năm {y} còn {m}.",
    "Trong năm {y} đã xử phạt vi phạm hành chính {m}, nộp vào ngân sách nhà nước.",
    "Doanh thu dịch vụ năm {y} đạt {b}, bằng {p}% kế hoạch được giao.",
)
_TOTAL_LINES = ("TỔNG SỐ TIỀN LÀM LỢI: {m}/năm", "TỔNG GIÁ TRỊ LÀM LỢI MỖI NĂM: {m}", "Tổng số tiền làm lợi: {m}/năm")

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _group_words(n: int, full: bool, zero: str) -> list[str]:
    """0–999 in words; `full` spells the hundreds even when zero ("không trăm linh năm") after a larger group."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [_DIGITS[hundreds], "trăm"] if full or hundreds else []
    if tens == 0 and units:
        words += [zero, _DIGITS[units]] if words else [_DIGITS[units]]
    elif tens == 1:
        words += ["mười"] + (["lăm" if units == 5 else _DIGITS[units]] if units else [])
    elif tens > 1:
        words += [_DIGITS[tens], "mươi"] + ([{1: "mốt", 5: "lăm"}.get(units, _DIGITS[units])] if units else [])
    return words


def amount_in_words(amount: int, rng: random.Random) -> str:
    """An amount of đồng as a secretary writes it after "Bằng chữ:", capitalised ("Bốn mươi mốt triệu hai trăm
    nghìn đồng"); "linh"/"lẻ" and "nghìn"/"ngàn" vary by writer."""
    zero, thousand = rng.choice(("linh", "lẻ")), rng.choice(("nghìn", "nghìn", "ngàn"))
    words, started = [], False
    for scale, name in ((10**9, "tỷ"), (10**6, "triệu"), (10**3, thousand), (1, "")):
        group = amount // scale % 1000 if scale < 10**9 else amount // scale
        if group:
            words += _group_words(group, started, zero) + ([name] if name else [])
            started = True
    text = " ".join(words + ["đồng"]) if words else "không đồng"
    return text[0].upper() + text[1:]


def _splice(form: Form, section: list[Block]) -> Form:
    """The form with its benefit text replaced by `section` under the benefit label."""
    for i, block in enumerate(form.blocks):
        if isinstance(block, Para) and _SLOT in block.text:
            label = Para((*(r for r in block.runs if _SLOT not in r.text), Run(":")), indent=block.indent)
            form.blocks[i:i + 1] = [label, *section]
            return form
    raise ValueError("the classic form wrote no benefit text")


def _items(rng: random.Random, count: tuple[int, int]) -> list[tuple[str, int]]:
    """Itemised yearly savings: (what, amount in đồng), amounts in hundreds of thousands."""
    return [(what, rng.randint(8, 450) * 100_000) for what in rng.sample(SAVED_ITEMS, rng.randint(*count))]


def _social(rng: random.Random) -> Para:
    return para("Hiệu quả xã hội: " + " ".join(rng.sample(_SOCIAL_SENTENCES, rng.randint(1, 2))))


def build_savings_table(facts: Facts, rng: random.Random) -> Form:
    """The key–value report with a savings table under "Hiệu quả kinh tế" and a cost line before it."""
    items = _items(rng, (3, 5))
    total = sum(amount for _, amount in items)
    facts = replace(facts, benefit=Benefit(_SLOT, total, True))
    header, announced = rng.choice(_MONEY_HEADERS)
    rows = [["STT", "Khoản tiết kiệm", header]]
    rows += [[str(i), what[0].upper() + what[1:], dotted(amount)] for i, (what, amount) in enumerate(items, 1)]
    rows.append(["", rng.choice(_TOTAL_ROWS), dotted(total)])
    section = [para(rng.choice(_COSTS).format(c=money(rng, "small")[0])), para(rng.choice(_TABLE_INTROS))]
    section += [para("Đơn vị tính: đồng/năm", italic=True)] if announced else []
    section += [table(rows, [12, 58, 50]), _social(rng)]
    return _splice(build_bao_cao_kv(facts, rng), section)


def build_total_line(facts: Facts, rng: random.Random) -> Form:
    """The TT 18 application whose author assessment lists the unit's tax/budget figures, savings items and a
    capitals total line per year, mostly with the amount in words."""
    items = _items(rng, (2, 4))
    total = sum(amount for _, amount in items)
    facts = replace(facts, benefit=Benefit(_SLOT, total, True))
    year = facts.signed.year - 1
    context = rng.choice(_NOT_BENEFIT).format(y=year, b=money(rng, "large")[0], m=money(rng, "small")[0],
                                              p=rng.randint(85, 130))
    unit = rng.choice((" đồng", " đồng", "đ"))
    section = [para(context), para("Hiệu quả kinh tế cụ thể:")]
    section += [para(f"- Tiết kiệm {what}: {dotted(amount)}{unit}/năm;", indent=6) for what, amount in items]
    section.append(para(rng.choice(_TOTAL_LINES).format(m=dotted(total) + unit), bold=True))
    if rng.random() < 0.7:
        section.append(para(f"(Bằng chữ: {amount_in_words(total, rng)})", italic=True))
    section.append(_social(rng))
    return _splice(build_don(facts, rng), section)
